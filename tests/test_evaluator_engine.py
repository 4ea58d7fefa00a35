"""The engine's verdicts on the hand-written scenarios (tests/evaluator/scenarios.yaml), reasons and port matrices."""

from __future__ import annotations

import re
from typing import Any

import pytest

from aaoi_netpol.evaluator import (
    Address,
    ContainerPort,
    Evaluator,
    Namespace,
    Pod,
    build_cluster,
    describe_matrix,
    parse_policies,
)
from tests.evaluator.support import SCENARIOS, load_world, scenario_documents

EXPECTATION = re.compile(r"(\S+) -> (\S+) (TCP|UDP|SCTP)/(\d+): (allow|deny)")
WORLD = load_world()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario_expectations(scenario: dict[str, Any]) -> None:
    evaluator = Evaluator(parse_policies(scenario_documents(scenario)), WORLD.cluster)
    assert scenario["expect"], "a scenario needs expectations"
    wrong = []
    for line in scenario["expect"]:
        match = EXPECTATION.fullmatch(line)
        assert match, f"bad expectation {line!r}"
        src, dst, protocol, port, wanted = match.groups()
        verdict = evaluator.verdict(WORLD.endpoint(src), WORLD.endpoint(dst), int(port), protocol)
        if verdict.allowed != (wanted == "allow"):
            wrong.append(f"{line} (got {verdict.reason})")
        ports = evaluator.allowed_ports(WORLD.endpoint(src), WORLD.endpoint(dst))[protocol]
        assert any(lo <= int(port) <= hi for lo, hi in ports) == verdict.allowed, line
    assert not wrong, wrong


def policy(name: str, namespace: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": name, "namespace": namespace}, "spec": spec}


WEB = Pod("web", "app", {"app": "web"}, (ContainerPort("http", 8080), ContainerPort("dns", 53, "UDP")))
DB = Pod("db", "app", {"app": "db"})
CLUSTER = build_cluster([Namespace("app")], [WEB, DB])


def test_reasons_name_the_policy_and_rule_or_the_openness() -> None:
    evaluator = Evaluator(parse_policies([
        policy("p1", "app", {"podSelector": {"matchLabels": {"app": "web"}},
                             "ingress": [{"from": [{"podSelector": {}}], "ports": [{"port": "http"}]}]}),
        policy("p2", "app", {"podSelector": {}, "policyTypes": ["Ingress"]}),
    ]), CLUSTER)
    allowed = evaluator.verdict(DB, WEB, 8080)
    assert allowed.allowed
    assert allowed.reason == "no policy selects pod app/db for egress (open); ingress admitted by app/p1 ingress[0]"
    assert allowed.ingress.selected_by == ("app/p1", "app/p2") and allowed.ingress.admitted_by == ("app/p1 ingress[0]",)
    denied = evaluator.verdict(DB, WEB, 53, "UDP")
    assert not denied.allowed
    assert denied.reason == ("denied: pod app/web is selected for ingress by app/p1, app/p2 and no rule admits "
                             "pod app/db -> pod app/web on UDP/53")
    outside = evaluator.verdict(Address("partner", "8.8.8.8"), DB, 1)
    assert not outside.allowed and outside.reason.startswith("denied: pod app/db is selected for ingress by app/p2")
    leaving = evaluator.verdict(DB, Address("partner", "8.8.8.8"), 443)
    assert leaving.allowed
    assert leaving.reason == ("no policy selects pod app/db for egress (open); "
                              "ingress: partner (8.8.8.8) is outside the pod network (not governed)")


def test_allowed_ports_matrix() -> None:
    evaluator = Evaluator(parse_policies([
        policy("web-in", "app", {"podSelector": {"matchLabels": {"app": "web"}},
                                 "ingress": [{"ports": [{"port": "http"}, {"port": 9000, "endPort": 9100},
                                                        {"port": "dns", "protocol": "UDP"}]}]}),
        policy("db-out", "app", {"podSelector": {"matchLabels": {"app": "db"}}, "policyTypes": ["Egress"],
                                 "egress": [{"ports": [{"port": 9050, "endPort": 9500}, {"protocol": "SCTP"}]}]}),
    ]), CLUSTER)
    assert evaluator.allowed_ports(DB, WEB) == {"TCP": ((9050, 9100),), "UDP": (), "SCTP": ()}
    assert evaluator.allowed_ports(WEB, WEB) == {"TCP": ((8080, 8080), (9000, 9100)), "UDP": ((53, 53),), "SCTP": ()}
    assert describe_matrix(evaluator.allowed_ports(WEB, WEB)) == "TCP 8080, 9000-9100; UDP 53"
    assert describe_matrix(evaluator.allowed_ports(WEB, DB)) == "every port"
    assert describe_matrix(evaluator.allowed_ports(DB, Address("x", "1.1.1.1"))) == "TCP 9050-9500; SCTP every port"
    assert describe_matrix(evaluator.allowed_ports(Address("x", "1.1.1.1"), DB)) == "every port"
    assert evaluator.side_ports(DB, WEB, "Egress") == {"TCP": ((9050, 9500),), "UDP": (), "SCTP": ((1, 65535),)}
    assert evaluator.side_ports(WEB, DB, "Egress") is None


def test_unmodelled_namespaces_carry_only_their_name_label() -> None:
    evaluator = Evaluator(parse_policies([policy("from-monitoring", "app", {
        "podSelector": {}, "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"team": "ops"}}},
                                                 {"namespaceSelector": {"matchLabels": {
                                                     "kubernetes.io/metadata.name": "monitoring"}}}]}]})]),
        build_cluster([Namespace("ops-tools", {"team": "ops"})], [WEB, DB]))
    assert evaluator.verdict(Pod("p", "monitoring"), WEB, 8080).allowed
    assert evaluator.verdict(Pod("p", "ops-tools"), WEB, 8080).allowed
    assert not evaluator.verdict(Pod("p", "elsewhere"), WEB, 8080).allowed
    assert Namespace("x", {"kubernetes.io/metadata.name": "spoofed"}).labels == {"kubernetes.io/metadata.name": "x"}


@pytest.mark.parametrize(("port", "protocol"), [(0, "TCP"), (65536, "TCP"), (80, "ICMP"), (80, "tcp")])
def test_verdict_rejects_impossible_connections(port: int, protocol: str) -> None:
    with pytest.raises(ValueError, match="port 1-65535 and TCP, UDP or SCTP"):
        Evaluator([], CLUSTER).verdict(DB, WEB, port, protocol)
