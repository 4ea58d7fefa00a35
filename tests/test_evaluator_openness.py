"""Computed openness: "open to the whole cluster" and "open to the world", whatever the spelling."""

from __future__ import annotations

from typing import Any

import pytest

from aaoi_netpol.evaluator import (
    Evaluator,
    Pod,
    build_cluster,
    parse_policies,
    parse_policy,
    rule_open_to_cluster,
    rules_world_exposure,
    target_open_to_cluster,
    target_world_exposure,
    world_exposure,
)
from aaoi_netpol.evaluator.addresses import cidr_set
from aaoi_netpol.evaluator.openness import (
    PUBLIC_IPV4,
    WORLD_IPV4_THRESHOLD,
    WORLD_IPV6_THRESHOLD,
    peer_open_to_cluster,
)
from aaoi_netpol.evaluator.policies import Policy

NAME = "kubernetes.io/metadata.name"


def ingress_policy(*rules: dict[str, Any], namespace: str = "apim") -> Policy:
    return parse_policy({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                         "metadata": {"name": "p", "namespace": namespace},
                         "spec": {"podSelector": {"matchLabels": {"app": "kibana"}}, "ingress": list(rules)}})


OPEN_TO_CLUSTER = [
    {"namespaceSelector": {}},
    {"namespaceSelector": {}, "podSelector": {}},
    {"namespaceSelector": {"matchExpressions": [{"key": NAME, "operator": "Exists"}]}},
    {"namespaceSelector": {"matchExpressions": [{"key": NAME, "operator": "NotIn", "values": ["kube-system"]}]}},
    {"namespaceSelector": {"matchExpressions": [{"key": "team", "operator": "DoesNotExist"}]}},
    {"namespaceSelector": {"matchExpressions": [{"key": "team", "operator": "NotIn", "values": ["a"]}]},
     "podSelector": {"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["x"]}]}},
]
NOT_OPEN_TO_CLUSTER = [
    {"podSelector": {}},
    {"namespaceSelector": {"matchLabels": {NAME: "monitoring"}}},
    {"namespaceSelector": {}, "podSelector": {"matchLabels": {"app": "prometheus"}}},
    {"namespaceSelector": {"matchExpressions": [{"key": NAME, "operator": "In", "values": ["a", "b"]}]}},
    {"namespaceSelector": {"matchExpressions": [{"key": "team", "operator": "Exists"}]}},
    {"namespaceSelector": {"matchExpressions": [{"key": NAME, "operator": "DoesNotExist"}]}},
    {"ipBlock": {"cidr": "0.0.0.0/0"}},
]


@pytest.mark.parametrize("peer", OPEN_TO_CLUSTER)
def test_peers_open_to_the_whole_cluster(peer: dict[str, Any]) -> None:
    policy = ingress_policy({"from": [peer]})
    rule = policy.ingress[0]
    assert rule.peers is not None and peer_open_to_cluster(rule.peers[0], "apim")
    assert rule_open_to_cluster(rule, "apim")


@pytest.mark.parametrize("peer", NOT_OPEN_TO_CLUSTER)
def test_peers_not_open_to_the_whole_cluster(peer: dict[str, Any]) -> None:
    rule = ingress_policy({"from": [peer]}).ingress[0]
    assert not rule_open_to_cluster(rule, "apim")


@pytest.mark.parametrize("rule", [{}, {"from": []}, {"from": [], "ports": [{"port": 5601}]}])
def test_rules_without_peers_are_open_to_the_whole_cluster(rule: dict[str, Any]) -> None:
    policy = ingress_policy(rule)
    assert rule_open_to_cluster(policy.ingress[0], "apim")
    assert rules_world_exposure(policy.ingress).is_world


KIBANA = Pod("kibana-0", "apim", {"app": "kibana"})


def test_target_openness_uses_the_evaluated_policies() -> None:
    cluster = build_cluster(pods=[KIBANA])
    closed = Evaluator([ingress_policy({"from": [{"namespaceSelector": {"matchLabels": {NAME: "ingress-nginx"}}}]})],
                       cluster)
    assert not target_open_to_cluster(closed, KIBANA)
    assert target_open_to_cluster(closed, KIBANA, "Egress")  # no egress policy: open
    assert not target_world_exposure(closed, KIBANA).is_world
    assert target_world_exposure(closed, KIBANA, "Egress").is_world
    spelled_differently = Evaluator([ingress_policy(
        {"from": [{"namespaceSelector": {"matchLabels": {NAME: "ingress-nginx"}}}]},
        {"from": [{"namespaceSelector": {"matchExpressions": [{"key": "zone", "operator": "DoesNotExist"}]}}],
         "ports": [{"port": 5601}]})], cluster)
    assert target_open_to_cluster(spelled_differently, KIBANA)
    nobody_selected = Evaluator(parse_policies([]), cluster)
    assert target_open_to_cluster(nobody_selected, KIBANA) and target_world_exposure(nobody_selected, KIBANA).is_world


def test_world_exposure_of_a_target_ignores_rules_that_open_no_port() -> None:
    kibana = Pod("kibana-0", "apim", {"app": "kibana"})
    evaluator = Evaluator([ingress_policy({"from": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [{"port": "web"}]},
                                          {"from": [{"ipBlock": {"cidr": "35.191.0.0/16"}}]})],
                          build_cluster(pods=[kibana]))
    exposure = target_world_exposure(evaluator, kibana)
    assert exposure.public_ipv4 == 2**16 and not exposure.is_world


@pytest.mark.parametrize(("blocks", "world"), [
    ([["0.0.0.0/0"]], True),
    ([["0.0.0.0/1", "128.0.0.0/1"]], True),  # split across peers of one rule
    ([["0.0.0.0/1"], ["128.0.0.0/1"]], True),  # split across rules
    ([["0.0.0.0/2"], ["64.0.0.0/2"], ["128.0.0.0/2"], ["192.0.0.0/2"]], True),
    ([["::ffff:0:0/96"]], True),
    ([["::/0"]], True),
    ([["2000::/3"]], True),
    ([["2a00::/32"]], True),
    ([["8.0.0.0/8"]], True),  # exactly the IPv4 threshold
    ([["130.211.0.0/22", "35.191.0.0/16"]], False),  # Google front ends
    ([["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]], False),  # private + shared
    ([["224.0.0.0/3"]], False),  # multicast and reserved
    ([["2001:db8::/32", "fc00::/7"]], False),
    ([["2a00::/33"]], False),
])
def test_open_to_the_world(blocks: list[list[str]], world: bool) -> None:
    rules = [{"from": [{"ipBlock": {"cidr": cidr}} for cidr in rule]} for rule in blocks]
    assert rules_world_exposure(ingress_policy(*rules).ingress).is_world is world


def test_excepts_count_and_messages() -> None:
    whole = world_exposure(cidr_set("0.0.0.0/0"))
    assert whole.public_ipv4 == PUBLIC_IPV4.ipv4_count == 3_702_258_432
    assert whole.describe() == "covers 3,702,258,432 public IPv4 addresses (100%)"
    assert world_exposure(cidr_set("::ffff:0:0/96")) == whole
    minus_a_slash_8 = ingress_policy({"from": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": ["8.0.0.0/8"]}}]})
    exposure = rules_world_exposure(minus_a_slash_8.ingress)
    assert exposure.public_ipv4 == 3_702_258_432 - 2**24 and exposure.is_world
    assert exposure.describe() == "covers 3,685,481,216 public IPv4 addresses (99.54%)"
    assert world_exposure(cidr_set("2a00::/32")).describe() == "covers 2^96 public IPv6 addresses (<0.01%)"
    assert world_exposure(cidr_set("2000::/4")).describe() == "covers ~2^124 public IPv6 addresses (49.99%)"
    assert world_exposure(cidr_set("::/0")).describe() == (
        "covers 3,702,258,432 public IPv4 addresses (100%) and ~2^125 public IPv6 addresses (100%)")
    assert world_exposure(cidr_set("10.0.0.0/8")).describe() == "covers 0 public IPv4 addresses (0%)"
    assert WORLD_IPV4_THRESHOLD == 2**24 and WORLD_IPV6_THRESHOLD == 2**96
