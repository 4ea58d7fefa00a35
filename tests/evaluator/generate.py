"""Hypothesis strategies for random NetworkPolicy sets over the fixed world (tests/evaluator/world.yaml).

Everything generated is valid for the Kubernetes API server. Two valid forms are deliberately not
generated because NCA 2.1.0 reads them differently from Kubernetes (both are covered, with the reason, by
hand-written scenarios in scenarios.yaml): an empty or null ``egress`` with no ``policyTypes`` (NCA then
restricts egress; the API server defaults policyTypes to [Ingress] only) and rules of a direction the
written ``policyTypes`` leave out (NCA rejects the policy; the API server accepts and ignores them).
Label values are never empty (NCA reads a missing namespace label as the value ""). IPv6 blocks that
overlap ``::ffff:0:0/96`` (``::/0``, ``2600::/1``...) are generated; support.nca_compatible spells their
mapped IPv4 part out for NCA.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import cache
from typing import Any

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

LABEL_VALUES = {
    "app": ["web", "db", "job", "scraper", "ghost"],
    "tier": ["front", "back"],
    "team": ["a", "b", "c"],
    "env": ["prod", "dev"],
    "monitoring": ["yes"],
    "kubernetes.io/metadata.name": ["app", "other", "mon", "fresh", "ghost-ns"],
    "zone": ["z1"],
}
POLICY_NAMESPACES = ["app", "other", "mon"]
PORT_NUMBERS = [53, 80, 443, 3868, 5432, 7000, 8080, 8081, 9090, 9091]
PORT_NAMES = ["http", "metrics", "db", "dns", "diameter", "nope"]
ANCHORS = ["8.8.8.8", "10.1.2.3", "192.168.1.10", "203.0.113.7", "2600::1", "1.2.3.4", "172.16.5.5", "2a00::7"]


# Strategies are built once (hypothesis validates every new strategy object, which would dominate the cost).
KEYS = st.sampled_from(sorted(LABEL_VALUES))
VALUE = {key: st.sampled_from(values) for key, values in LABEL_VALUES.items()}
VALUE_LISTS = {key: st.lists(VALUE[key], min_size=1, max_size=3, unique=True) for key in LABEL_VALUES}
OPERATORS = st.sampled_from(["In", "NotIn", "Exists", "DoesNotExist"])
BOOLEANS = st.booleans()


@cache
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


@cache
def _anchor_lists(anchors: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(anchors), min_size=1, max_size=2)


@st.composite
def requirements(draw: st.DrawFn) -> dict[str, Any]:
    key = draw(KEYS)
    operator = draw(OPERATORS)
    if operator in ("Exists", "DoesNotExist"):
        return {"key": key, "operator": operator}
    return {"key": key, "operator": operator, "values": draw(VALUE_LISTS[key])}


SELECTOR_KEYS = st.lists(KEYS, max_size=2, unique=True)
REQUIREMENT_LISTS = st.lists(requirements(), max_size=2)


@st.composite
def selectors(draw: st.DrawFn) -> dict[str, Any]:
    selector: dict[str, Any] = {}
    keys = draw(SELECTOR_KEYS)
    if keys:
        selector["matchLabels"] = {key: draw(VALUE[key]) for key in keys}
    expressions = draw(REQUIREMENT_LISTS)
    if expressions:
        selector["matchExpressions"] = expressions
    return selector


SELECTOR = selectors()
ANCHOR = st.sampled_from(ANCHORS)
WHOLE_SPACE = st.sampled_from([("0.0.0.0/0", 0), ("0.0.0.0/1", 1), ("128.0.0.0/1", 1), ("::/0", 0)])


@st.composite
def ip_blocks(draw: st.DrawFn) -> dict[str, Any]:
    anchor = draw(ANCHOR)
    if draw(BOOLEANS):
        cidr, prefix = draw(WHOLE_SPACE)
    else:  # a CIDR around the anchor, host bits sometimes left set (the API server allows it)
        address = ipaddress.ip_address(anchor)
        prefix = draw(_integers(0, address.max_prefixlen))
        network = ipaddress.ip_network(f"{anchor}/{prefix}", strict=False)
        cidr = f"{anchor if draw(BOOLEANS) else network.network_address}/{prefix}"
    block: dict[str, Any] = {"cidr": cidr}
    family = ipaddress.ip_network(cidr, strict=False)
    inside = [a for a in ANCHORS if ipaddress.ip_address(a).version == family.version
              and ipaddress.ip_address(a) in family]
    if inside and prefix < family.max_prefixlen and draw(BOOLEANS):
        holes = draw(_anchor_lists(tuple(inside)))
        block["except"] = [str(ipaddress.ip_network(f"{hole}/{draw(_integers(prefix + 1, family.max_prefixlen))}",
                                                    strict=False)) for hole in holes]
    return block


PEER_KINDS = st.sampled_from(["pods", "namespaces", "both", "ipBlock"])
IP_BLOCK = ip_blocks()


@st.composite
def peers(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(PEER_KINDS)
    if kind == "ipBlock":
        return {"ipBlock": draw(IP_BLOCK)}
    peer: dict[str, Any] = {}
    if kind in ("pods", "both"):
        peer["podSelector"] = draw(SELECTOR)
    if kind in ("namespaces", "both"):
        peer["namespaceSelector"] = draw(SELECTOR)
    return peer


PROTOCOL = st.sampled_from([None, "TCP", "UDP", "SCTP"])
PORT_KINDS = st.sampled_from(["none", "number", "name", "range"])
PORT_NUMBER = st.sampled_from(PORT_NUMBERS)
PORT_NAME = st.sampled_from(PORT_NAMES)


@st.composite
def ports(draw: st.DrawFn) -> dict[str, Any]:
    port: dict[str, Any] = {}
    protocol = draw(PROTOCOL)
    if protocol:
        port["protocol"] = protocol
    kind = draw(PORT_KINDS)
    if kind == "number":
        port["port"] = draw(PORT_NUMBER)
    elif kind == "name":
        port["port"] = draw(PORT_NAME)
    elif kind == "range":
        first = draw(PORT_NUMBER)
        port["port"] = first
        port["endPort"] = draw(_integers(first, first + 9000))
    return port


PEER_LISTS = st.one_of(st.none(), st.lists(peers(), max_size=3))
PORT_LISTS = st.one_of(st.none(), st.lists(ports(), max_size=3))


@st.composite
def rules(draw: st.DrawFn, peers_key: str) -> dict[str, Any]:
    rule: dict[str, Any] = {}
    written_peers = draw(PEER_LISTS)
    if written_peers is not None:
        rule[peers_key] = written_peers
    written_ports = draw(PORT_LISTS)
    if written_ports is not None:
        rule["ports"] = written_ports
    return rule


POLICY_TYPES = st.sampled_from([None, ["Ingress"], ["Egress"], ["Ingress", "Egress"]])
INGRESS_LISTS = st.one_of(st.none(), st.lists(rules("from"), max_size=2))
EGRESS_LISTS = st.one_of(st.none(), st.lists(rules("to"), max_size=2))
NON_EMPTY_EGRESS_LISTS = st.one_of(st.none(), st.lists(rules("to"), min_size=1, max_size=2))
NAMESPACE = st.sampled_from(POLICY_NAMESPACES)


@st.composite
def policies(draw: st.DrawFn) -> dict[str, Any]:
    spec: dict[str, Any] = {"podSelector": draw(SELECTOR)}
    types = draw(POLICY_TYPES)
    if types is not None:
        spec["policyTypes"] = types
    if types is None or "Ingress" in types:
        ingress = draw(INGRESS_LISTS)
        if ingress is not None:
            spec["ingress"] = ingress
    if types is None or "Egress" in types:
        egress = draw(NON_EMPTY_EGRESS_LISTS if types is None else EGRESS_LISTS)
        if egress is not None:
            spec["egress"] = egress
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": "", "namespace": draw(NAMESPACE)}, "spec": spec}


POLICY_LISTS = st.lists(policies(), min_size=1, max_size=4)


@st.composite
def policy_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    drawn = draw(POLICY_LISTS)
    for index, policy in enumerate(drawn):
        policy["metadata"]["name"] = f"np{index}"
    return drawn


PolicySet = list[dict[str, Any]]


def generated_policy_sets(count: int, seed: int,
                          on_set: Callable[[int, PolicySet], None] | None = None) -> list[PolicySet]:
    """``count`` policy sets, the same ones on every run for a given ``seed`` (generation phase only);
    ``on_set(index, policies)`` is called as each one is made."""
    collected: list[PolicySet] = []

    @hypothesis.seed(seed)
    @settings(max_examples=count, database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(policy_sets())
    def collect(policy_set: PolicySet) -> None:
        if on_set is not None:
            on_set(len(collected), policy_set)
        collected.append(policy_set)

    collect()
    return collected
