"""LabelSelector and NetworkPolicy parsing: API-server defaults and validation, typed one-line errors."""

from __future__ import annotations

from typing import Any

import pytest

from aaoi_netpol.evaluator import (
    EGRESS,
    INGRESS,
    PolicyError,
    PortSpec,
    SelectorError,
    parse_policies,
    parse_policy,
    parse_selector,
)

WEB = {"app": "web", "tier": "front"}


@pytest.mark.parametrize(("selector", "labels", "selected"), [
    (None, {}, True),
    ({}, WEB, True),
    ({"matchLabels": {"app": "web"}}, WEB, True),
    ({"matchLabels": {"app": "web", "tier": "back"}}, WEB, False),
    ({"matchExpressions": [{"key": "app", "operator": "In", "values": ["db", "web"]}]}, WEB, True),
    ({"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}]}, WEB, False),
    ({"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["web"]}]}, WEB, False),
    ({"matchExpressions": [{"key": "zone", "operator": "NotIn", "values": ["a"]}]}, WEB, True),  # key missing
    ({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}, WEB, True),
    ({"matchExpressions": [{"key": "zone", "operator": "Exists"}]}, WEB, False),
    ({"matchExpressions": [{"key": "zone", "operator": "DoesNotExist"}]}, WEB, True),
    ({"matchExpressions": [{"key": "app", "operator": "DoesNotExist", "values": []}]}, WEB, False),
    ({"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["front"]}]},
     WEB, False),
    ({"matchLabels": {"zone": ""}}, WEB, False),
    ({"matchLabels": {"zone": ""}}, {"zone": ""}, True),
])
def test_selector_semantics(selector: Any, labels: dict[str, str], selected: bool) -> None:
    assert parse_selector(selector).matches(labels) is selected


@pytest.mark.parametrize(("selector", "message"), [
    ({"matchExpressions": [{"key": "app", "operator": "Equals", "values": ["a"]}]}, "not one of In, NotIn"),
    ({"matchExpressions": [{"key": "app", "operator": "In"}]}, "operator In needs at least one value"),
    ({"matchExpressions": [{"key": "app", "operator": "NotIn", "values": []}]}, "operator NotIn needs"),
    ({"matchExpressions": [{"key": "app", "operator": "Exists", "values": ["x"]}]}, "Exists takes no values"),
    ({"matchExpressions": [{"key": "app", "operator": "DoesNotExist", "values": ["x"]}]}, "takes no values"),
    ({"matchExpressions": [{"operator": "Exists"}]}, "None is not a valid label key"),
    ({"matchExpressions": [{"key": "bad key", "operator": "Exists"}]}, "not a valid label key"),
    ({"matchExpressions": [{"key": "Example.com/app", "operator": "Exists"}]}, "not a valid label key"),
    ({"matchExpressions": [{"key": "app", "operator": "In", "values": ["-x"]}]}, "not a valid label value"),
    ({"matchExpressions": {"key": "app"}}, "must be a list"),
    ({"matchExpressions": ["app"]}, "must be a mapping"),
    ({"matchExpressions": [{"key": "app", "operator": "Exists", "value": "x"}]}, "unknown field 'value'"),
    ({"matchLabels": {"app": True}}, "must be a string"),
    ({"matchLabels": {"app": 5}}, "must be a string"),
    ({"matchLabels": {"app": "x" * 64}}, "not a valid label value"),
    ({"matchLabels": ["app"]}, "must be a mapping"),
    ({"matchLabel": {"app": "web"}}, "unknown field 'matchLabel'"),
    ("app=web", "must be a mapping"),
])
def test_invalid_selectors_raise(selector: Any, message: str) -> None:
    with pytest.raises(SelectorError, match=message) as raised:
        parse_selector(selector, "spec.podSelector")
    assert str(raised.value).startswith("spec.podSelector") and "\n" not in str(raised.value)


def test_valid_keys_and_values() -> None:
    selector = parse_selector({"matchLabels": {"app.kubernetes.io/name": "A_b.c-9", "kubernetes.io/metadata.name": ""},
                               "matchExpressions": [{"key": "x", "operator": "In", "values": ["1"]}]})
    assert selector.match_labels == (("app.kubernetes.io/name", "A_b.c-9"), ("kubernetes.io/metadata.name", ""))
    assert parse_selector({}).selects_everything and not selector.selects_everything


def policy(spec: Any, namespace: str | None = "app", **extra: Any) -> dict[str, Any]:
    metadata = {"name": "p", **({"namespace": namespace} if namespace else {})}
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": metadata, "spec": spec, **extra}


@pytest.mark.parametrize(("spec", "types"), [
    ({"podSelector": {}}, {INGRESS}),
    ({"podSelector": {}, "egress": []}, {INGRESS}),
    ({"podSelector": {}, "egress": None}, {INGRESS}),
    ({"podSelector": {}, "egress": [{}]}, {INGRESS, EGRESS}),
    ({"podSelector": {}, "policyTypes": [], "egress": [{}]}, {INGRESS, EGRESS}),
    ({"podSelector": {}, "policyTypes": ["Egress"], "ingress": [{}]}, {EGRESS}),
    ({"podSelector": {}, "policyTypes": ["Egress", "Ingress"]}, {INGRESS, EGRESS}),
    (None, {INGRESS}),
])
def test_policy_types_defaulted_like_the_api_server(spec: Any, types: set[str]) -> None:
    assert parse_policy(policy(spec)).policy_types == types


def test_rules_peers_and_ports() -> None:
    parsed = parse_policy(policy({
        "podSelector": {"matchLabels": {"app": "db"}},
        "ingress": [
            {},
            {"from": [], "ports": []},
            {"from": [{"namespaceSelector": {}, "podSelector": None}, {"podSelector": {}},
                      {"ipBlock": {"cidr": "10.0.0.0/8"}}],
             "ports": [{"port": 80}, {"port": "http", "protocol": "UDP"}, {"protocol": "SCTP"},
                       {"port": 5000, "endPort": 5100, "protocol": None}]},
        ],
    }), "release-ns")
    assert parsed.namespace == "app" and parsed.label == "app/p"
    open_rule, empty_rule, rule = parsed.ingress
    assert open_rule.peers is None and open_rule.ports is None
    assert empty_rule.peers is None and empty_rule.ports is None
    assert rule.label == "app/p ingress[2]"
    assert rule.peers is not None and rule.ports is not None
    both, pods, block = rule.peers
    assert both.pod_selector is None and both.namespace_selector is not None and both.ip_block is None
    assert pods.pod_selector is not None and pods.namespace_selector is None
    assert block.ip_block is not None and block.pod_selector is None
    assert rule.ports == (PortSpec("TCP", 80), PortSpec("UDP", "http"), PortSpec("SCTP"), PortSpec("TCP", 5000, 5100))


def test_release_namespace_fills_a_missing_namespace() -> None:
    assert parse_policy(policy({"podSelector": {}}, namespace=None), "apim-elk").namespace == "apim-elk"
    with pytest.raises(PolicyError, match=r"no metadata\.namespace and no release namespace"):
        parse_policy(policy({"podSelector": {}}, namespace=None))


@pytest.mark.parametrize(("spec", "message"), [
    ({"podSelector": {}, "ingress": [{"form": [{"podSelector": {}}]}]}, "unknown field 'form'"),
    ({"podSelector": {}, "ingres": []}, "unknown field 'ingres'"),
    ({"podSelector": {}, "ingress": [{"from": [{}]}]}, "must set podSelector, namespaceSelector or ipBlock"),
    ({"podSelector": {}, "ingress": [{"from": [{"podSelector": None}]}]}, "must set podSelector"),
    ({"podSelector": {}, "ingress": [{"from": [{"ipBlock": {"cidr": "10.0.0.0/8"}, "podSelector": {}}]}]},
     "ipBlock may not be combined"),
    ({"podSelector": {}, "ingress": [{"from": [{"ipBlock": {"cidr": "10.0.0.0/33"}}]}]},
     r"ingress\[0\]\.from\[0\]\.ipBlock\.cidr: '10.0.0.0/33' has a prefix length above 32"),
    ({"podSelector": {}, "egress": [{"to": [{"namespaceSelector": {"matchLabels": {"a": None}}}]}]},
     "must be a string"),
    ({"podSelector": {}, "ingress": [{"ports": [{"port": "http", "endPort": 90}]}]},
     "may not be set when port is a name"),
    ({"podSelector": {}, "ingress": [{"ports": [{"endPort": 90}]}]}, "may not be set without a numeric port"),
    ({"podSelector": {}, "ingress": [{"ports": [{"port": 90, "endPort": 80}]}]}, "must be greater than or equal"),
    ({"podSelector": {}, "ingress": [{"ports": [{"port": 90, "endPort": 70000}]}]}, "not a port number"),
    ({"podSelector": {}, "ingress": [{"ports": [{"port": 0}]}]}, "not a port number"),
    ({"podSelector": {}, "ingress": [{"ports": [{"port": True}]}]}, "not a port number"),
    ({"podSelector": {}, "ingress": [{"ports": [{"port": "80"}]}]}, "not a valid port name"),
    ({"podSelector": {}, "ingress": [{"ports": [{"port": "a--b"}]}]}, "not a valid port name"),
    ({"podSelector": {}, "ingress": [{"ports": [{"port": "averyveryverylong"}]}]}, "not a valid port name"),
    ({"podSelector": {}, "ingress": [{"ports": [{"port": 80, "protocol": "ICMP"}]}]}, "not TCP, UDP or SCTP"),
    ({"podSelector": {}, "ingress": [{"ports": [{"port": 80, "proto": "TCP"}]}]}, "unknown field 'proto'"),
    ({"podSelector": {}, "ingress": {"from": []}}, "must be a list"),
    ({"podSelector": {}, "policyTypes": ["Ingress", "Egress", "Ingress"]}, "at most Ingress and Egress"),
    ({"podSelector": {}, "policyTypes": ["ingress"]}, "at most Ingress and Egress"),
    ({"podSelector": {"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "a", "operator": "In"}]}},
     "needs at least one value"),
    (["podSelector"], "must be a mapping"),
])
def test_invalid_policies_raise_one_line_errors(spec: Any, message: str) -> None:
    with pytest.raises(PolicyError, match=message) as raised:
        parse_policy(policy(spec))
    assert str(raised.value).startswith("NetworkPolicy app/p spec") and "\n" not in str(raised.value)


@pytest.mark.parametrize(("document", "message"), [
    ({"kind": "ConfigMap"}, "not a NetworkPolicy"),
    (policy({}, apiVersion="extensions/v1beta1"), "apiVersion 'extensions/v1beta1'"),
    ({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {}}, "without metadata.name"),
])
def test_documents_that_are_not_networking_v1_policies(document: Any, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        parse_policy(document)


def test_parse_policies_picks_network_policies_from_a_manifest_stream() -> None:
    documents = [None, {"kind": "Service"}, policy({"podSelector": {}}), "text", policy({}, namespace=None)]
    parsed = parse_policies(documents, "release")
    assert [p.namespace for p in parsed] == ["app", "release"]
