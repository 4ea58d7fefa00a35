"""Probes: the smallest concrete endpoint a peer admits, or None exactly when none exists."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from hypothesis import given, settings

from aaoi_netpol.evaluator import (
    Address,
    Peer,
    PodProbe,
    build_cluster,
    cluster_with,
    new_namespace_probe,
    parse_policy,
    parse_selector,
    probe_for_peer,
    release_namespace_probe,
)
from aaoi_netpol.evaluator.cluster import NAME_LABEL, Namespace, Pod
from aaoi_netpol.evaluator.matching import peer_matches
from aaoi_netpol.evaluator.probes import smallest_labels
from aaoi_netpol.evaluator.selectors import Selector
from tests.evaluator.generate import peers


def parse_peer(raw: dict[str, Any]) -> Peer:
    policy = parse_policy({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                           "metadata": {"name": "p", "namespace": "app"},
                           "spec": {"podSelector": {}, "ingress": [{"from": [raw]}]}})
    rule_peers = policy.ingress[0].peers
    assert rule_peers is not None
    return rule_peers[0]


@pytest.mark.parametrize(("selector", "labels"), [
    (None, {}),
    ({}, {}),
    ({"matchLabels": {"app": "web"}}, {"app": "web"}),
    ({"matchExpressions": [{"key": "app", "operator": "In", "values": ["a", "b"]}]}, {"app": "a"}),
    ({"matchExpressions": [{"key": "app", "operator": "In", "values": ["a", "b"]},
                           {"key": "app", "operator": "NotIn", "values": ["a"]}]}, {"app": "b"}),
    ({"matchExpressions": [{"key": "app", "operator": "In", "values": ["a", "b", "c"]},
                           {"key": "app", "operator": "In", "values": ["c", "b"]}]}, {"app": "b"}),
    ({"matchExpressions": [{"key": "app", "operator": "Exists"}]}, {"app": "probe"}),
    ({"matchExpressions": [{"key": "app", "operator": "Exists"},
                           {"key": "app", "operator": "NotIn", "values": ["probe", "probe-1"]}]}, {"app": "probe-2"}),
    ({"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["x"]},
                           {"key": "zone", "operator": "DoesNotExist"}]}, {}),
    ({"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "Exists"}]},
     {"app": "web", "tier": "probe"}),
    ({"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "app", "operator": "In", "values": ["db"]}]}, None),
    ({"matchExpressions": [{"key": "app", "operator": "Exists"}, {"key": "app", "operator": "DoesNotExist"}]}, None),
    ({"matchExpressions": [{"key": "app", "operator": "In", "values": ["a"]},
                           {"key": "app", "operator": "NotIn", "values": ["a"]}]}, None),
])
def test_smallest_labels(selector: Any, labels: dict[str, str] | None) -> None:
    assert smallest_labels(parse_selector(selector) if selector is not None else None) == labels


@pytest.mark.parametrize(("raw", "namespace", "namespace_labels", "pod_labels"), [
    ({"podSelector": {"matchLabels": {"app": "web"}}}, "app", {}, {"app": "web"}),
    ({"namespaceSelector": {}}, "netpol-probe-ns", {}, {}),
    ({"namespaceSelector": {"matchLabels": {NAME_LABEL: "monitoring", "team": "ops"}}, "podSelector": {}},
     "monitoring", {"team": "ops"}, {}),
    ({"namespaceSelector": {"matchExpressions": [{"key": NAME_LABEL, "operator": "In", "values": ["Bad_Name", "ok"]}]}},
     "ok", {}, {}),
    ({"namespaceSelector": {"matchExpressions": [
        {"key": NAME_LABEL, "operator": "NotIn", "values": ["netpol-probe-ns"]}]}}, "netpol-probe-ns-1", {}, {}),
    ({"namespaceSelector": {"matchExpressions": [{"key": "team", "operator": "Exists"}]}}, "netpol-probe-ns",
     {"team": "probe"}, {}),
])
def test_pod_probes_for_selector_peers(raw: dict[str, Any], namespace: str, namespace_labels: dict[str, str],
                                       pod_labels: dict[str, str]) -> None:
    probe = probe_for_peer(parse_peer(raw), "app")
    assert isinstance(probe, PodProbe)
    assert probe.pod.namespace == probe.namespace.name == namespace
    assert probe.namespace.labels == {**namespace_labels, NAME_LABEL: namespace}
    assert probe.pod.labels == pod_labels and probe.pod.container_ports == ()


@pytest.mark.parametrize("raw", [
    {"namespaceSelector": {"matchExpressions": [{"key": NAME_LABEL, "operator": "DoesNotExist"}]}},
    {"namespaceSelector": {"matchLabels": {NAME_LABEL: "Not_A_Namespace"}}},
    {"namespaceSelector": {"matchLabels": {NAME_LABEL: "a"}}, "podSelector": {"matchExpressions": [
        {"key": "x", "operator": "Exists"}, {"key": "x", "operator": "DoesNotExist"}]}},
    {"ipBlock": {"cidr": "10.0.0.0/31", "except": ["10.0.0.0/32", "10.0.0.1/32"]}},
])
def test_unsatisfiable_peers_have_no_probe(raw: dict[str, Any]) -> None:
    assert probe_for_peer(parse_peer(raw), "app") is None


def test_ip_block_probe_is_the_lowest_admitted_address() -> None:
    probe = probe_for_peer(parse_peer({"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.0.0.0/16"]}}), "app", "anm")
    assert probe == Address("anm", "10.1.0.0")
    mapped = probe_for_peer(parse_peer({"ipBlock": {"cidr": "::ffff:8.8.8.0/120"}}), "app")
    assert isinstance(mapped, Address) and mapped.ip == "8.8.8.0"


def test_standard_probes() -> None:
    release = release_namespace_probe("apim-elk")
    assert release.pod == Pod("netpol-probe", "apim-elk") and release.namespace.labels == {NAME_LABEL: "apim-elk"}
    fresh = new_namespace_probe()
    assert fresh.pod.labels == {} and fresh.namespace.labels == {NAME_LABEL: fresh.namespace.name}


def test_cluster_with_merges_namespace_labels_and_refuses_clashes() -> None:
    cluster = build_cluster([Namespace("monitoring", {"team": "ops"})])
    probe = PodProbe(Pod("p", "monitoring"), Namespace("monitoring", {"tier": "x"}))
    merged = cluster_with(cluster, [probe])
    assert merged.namespace("monitoring").labels == {"team": "ops", "tier": "x", NAME_LABEL: "monitoring"}
    assert merged.pods == (probe.pod,)
    with pytest.raises(ValueError, match="label team would need two values"):
        cluster_with(cluster, [PodProbe(Pod("p", "monitoring"), Namespace("monitoring", {"team": "dev"}))])


def _satisfiable(selector: Selector | None, required: dict[str, list[str]] | None = None) -> bool:
    """Brute force: does any label map over the written values (plus a fresh value, plus absence) match?"""
    selector = selector or Selector()
    keys: dict[str, set[str]] = {key: {value} for key, value in selector.match_labels}
    for requirement in selector.requirements:
        keys.setdefault(requirement.key, set()).update(requirement.values)
    choices = {key: [*values, "fresh-value", None] for key, values in keys.items()}
    choices.update(required or {})
    for combination in itertools.product(*choices.values()):
        labels = {key: value for key, value in zip(choices, combination, strict=True) if value is not None}
        if selector.matches(labels):
            return True
    return False


def _namespace_names(selector: Selector) -> list[str]:
    """Every name the selector writes for kubernetes.io/metadata.name that is a valid namespace name, and one more."""
    written = {value for key, value in selector.match_labels if key == NAME_LABEL}
    written |= {value for requirement in selector.requirements if requirement.key == NAME_LABEL
                for value in requirement.values}
    return [name for name in written if len(name) <= 63 and re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name)
            ] + ["fresh"]


@settings(max_examples=150, derandomize=True, database=None, deadline=None)
@given(peers())
def test_probe_is_admitted_by_its_peer_and_missing_only_when_unsatisfiable(raw: dict[str, Any]) -> None:
    peer = parse_peer(raw)
    probe = probe_for_peer(peer, "app")
    if isinstance(probe, PodProbe):
        assert peer_matches(peer, "app", probe.pod, cluster_with(build_cluster(), [probe]))
    elif isinstance(probe, Address):
        assert peer_matches(peer, "app", probe, build_cluster())
    elif peer.ip_block is not None:
        assert not peer.ip_block
    else:
        selector = peer.namespace_selector
        namespace_ok = selector is None or _satisfiable(selector, {NAME_LABEL: _namespace_names(selector)})
        assert not (_satisfiable(peer.pod_selector) and namespace_ok), raw
