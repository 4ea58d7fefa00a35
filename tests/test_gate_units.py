"""The gate on hand-made rendered output (no Helm): parties, required flows, openings beyond the catalog."""

from __future__ import annotations

from typing import Any

import yaml

from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.gate.run import run_gate
from aaoi_netpol.render.manifests import split_documents

NS = "apim-elk"
OURS = "c/templates/aaoi-netpol-networkpolicies.yaml"
KIBANA_LABELS = {"app": "kibana", "release": "r"}
ES_LABELS = {"app": "es"}


def doc(source: str, body: dict[str, Any]) -> str:
    return f"---\n# Source: {source}\n{yaml.safe_dump(body)}"


def workload(kind: str, name: str, labels: dict[str, str], ports: list[dict[str, Any]]) -> dict[str, Any]:
    return {"apiVersion": "apps/v1", "kind": kind, "metadata": {"name": name},
            "spec": {"template": {"metadata": {"labels": labels},
                                  "spec": {"containers": [{"name": "c", "ports": ports}]}}}}


def policy(name: str, selector: dict[str, str], types: list[str], rules: dict[str, Any]) -> dict[str, Any]:
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": name},
            "spec": {"podSelector": {"matchLabels": selector}, "policyTypes": types, **rules}}


def peer(labels: dict[str, str]) -> dict[str, Any]:
    return {"podSelector": {"matchLabels": labels}}


def stream(*extra: str, kibana_ingress: bool = True) -> str:
    parts = [
        doc("c/charts/kibana/templates/deployment.yaml", workload("Deployment", "kb", KIBANA_LABELS,
                                                                 [{"containerPort": 5601}])),
        doc("c/charts/elasticsearch/templates/statefulset.yaml", workload(
            "StatefulSet", "es", ES_LABELS, [{"name": "http", "containerPort": 9200},
                                             {"name": "transport", "containerPort": 9300}])),
        doc(OURS, policy("es-in", ES_LABELS, ["Ingress"], {"ingress": [
            {"from": [peer(ES_LABELS)], "ports": [{"port": 9200}, {"port": 9300}]},
            {"from": [peer(KIBANA_LABELS)], "ports": [{"port": 9200}]}]})),
    ]
    if kibana_ingress:
        parts.append(doc(OURS, policy("kb-in", KIBANA_LABELS, ["Ingress"], {"ingress": []})))
    return "".join([*parts, *extra])


VALUES: dict[str, Any] = {"networkPolicy": {"enabled": True}, "kibana": {"enabled": True},
                          "elasticsearch": {"enabled": True}, "logstash": {"enabled": False},
                          "apibuilder4elastic": {"enabled": False}}


def findings(text: str, values: dict[str, Any] = VALUES) -> list[tuple[str, str, Severity]]:
    result = run_gate(split_documents(text), values, NS)
    return [(f.rule, f.message, f.severity) for f in result.findings]


def test_exactly_the_catalog_is_clean() -> None:
    assert findings(stream()) == []


def test_a_foreign_egress_deny_blocks_a_required_flow() -> None:
    deny = doc("c/charts/kibana/templates/extra.yaml", policy("deny", KIBANA_LABELS, ["Egress"], {}))
    found = findings(stream(deny))
    assert ("NP901" in {rule for rule, _, _ in found})
    blocked = [m for rule, m, _ in found if rule == "NP902"]
    assert len(blocked) == 1 and "kibana (pod app=kibana,release=r" in blocked[0]
    assert "-> elasticsearch:9200/TCP" in blocked[0] and "no rule admits" in blocked[0]


def test_a_component_no_policy_selects_is_open_beyond_the_catalog() -> None:
    found = findings(stream(kibana_ingress=False))
    beyond = [m for rule, m, _ in found if rule == "NP903"]
    assert beyond and all("-> kibana on every port" in m for m in beyond)
    assert any("new-ns pod" in m and "internet" in m for m in beyond), beyond


def test_declared_peers_and_extra_rules_are_expected() -> None:
    values = {**VALUES, "networkPolicy": {"enabled": True, "kibana": {"extraIngress": [
        {"from": [{"ipBlock": {"cidr": "10.1.0.0/16"}}], "ports": [{"port": 5601}]}]}}}
    opened = doc(OURS, policy("kb-extra", KIBANA_LABELS, ["Ingress"], {"ingress": [
        {"from": [{"ipBlock": {"cidr": "10.1.0.0/16"}}], "ports": [{"port": 5601}]}]}))
    assert findings(stream(opened), values) == []
    wider = doc(OURS, policy("kb-extra", KIBANA_LABELS, ["Ingress"], {"ingress": [
        {"from": [{"ipBlock": {"cidr": "10.0.0.0/8"}}], "ports": [{"port": 5601}]}]}))
    beyond = [m for rule, m, _ in findings(stream(wider), values) if rule == "NP903"]
    assert len(beyond) == 1 and "cluster address -> kibana on 5601" in beyond[0].replace("TCP ", "")


def test_an_accepted_opening_is_a_warning_that_quotes_the_reason() -> None:
    world = doc(OURS, policy("kb-world", KIBANA_LABELS, ["Ingress"], {"ingress": [
        {"from": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [{"port": 5601}]}]}))
    refused = [(rule, severity) for rule, _, severity in findings(stream(world))]
    assert ("NP903", Severity.ERROR) in refused
    values = {**VALUES, "networkPolicy": {"enabled": True, "acknowledgeOpen": [
        {"component": "kibana", "scope": "world", "reason": "public dashboard"}]}}
    accepted = [(rule, m, severity) for rule, m, severity in findings(stream(world), values)
                if "internet" in m]
    assert accepted and all(s is Severity.WARNING and "public dashboard" in m for _, m, s in accepted)


def test_policies_off_runs_provenance_only() -> None:
    values = {**VALUES, "networkPolicy": {"enabled": False}}
    foreign = doc("c/charts/elasticsearch/templates/networkpolicy.yaml", policy("elastic", ES_LABELS, ["Ingress"], {}))
    assert [rule for rule, _, _ in findings(stream(foreign), values)] == ["NP901"]


def test_our_template_renders_only_policies_each_once() -> None:
    duplicate = doc(OURS, policy("kb-in", KIBANA_LABELS, ["Ingress"], {"ingress": []}))
    config = doc(OURS, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}})
    messages = [m for rule, m, _ in findings(stream(duplicate, config)) if rule == "NP901"]
    assert any("apim-elk/kb-in is rendered 2 times" in m for m in messages), messages
    assert any("rendered a ConfigMap 'x'" in m for m in messages), messages
