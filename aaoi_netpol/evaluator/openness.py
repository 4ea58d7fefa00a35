"""Computed openness: never judged by how a peer is spelled, always by what it admits.

- Open to the whole cluster: a peer, rule or target admits the unlabelled pod in a brand-new namespace
  (``probes.new_namespace_probe``). That catches ``namespaceSelector: {}``, ``Exists`` or ``NotIn``
  on ``kubernetes.io/metadata.name``, ``DoesNotExist`` on a label nobody sets, an empty ``from``...
- Open to the world: the addresses a rule (or several rules) admits, counted inside the public space
  below, reach ``WORLD_IPV4_THRESHOLD`` or ``WORLD_IPV6_THRESHOLD``. Splits of 0.0.0.0/0 across peers
  or rules add up; IPv4-mapped IPv6 blocks count as IPv4.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from aaoi_netpol.evaluator.addresses import AddressSet, cidr_set, from_ipv6_range
from aaoi_netpol.evaluator.cluster import Address, Cluster, Pod
from aaoi_netpol.evaluator.engine import Evaluator
from aaoi_netpol.evaluator.matching import peer_matches, rule_ports
from aaoi_netpol.evaluator.policies import INGRESS, Peer, Rule
from aaoi_netpol.evaluator.probes import new_namespace_probe

EVERY_ADDRESS = AddressSet(ipv4=((0, (1 << 32) - 1),)) | from_ipv6_range(0, (1 << 128) - 1)

PUBLIC_IPV4 = cidr_set("0.0.0.0/0") - cidr_set(
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
)
"""Public IPv4 space: 0.0.0.0/0 minus the IANA special-purpose ranges (this network, private, shared
CGN, loopback, link-local, IETF protocol assignments, documentation, 6to4 relay, benchmarking,
multicast, reserved): 3,702,258,432 addresses."""

PUBLIC_IPV6 = cidr_set("2000::/3") - cidr_set(
    "2001::/23", "2001:db8::/32", "2002::/16", "2620:4f:8000::/48", "3fff::/20",
)
"""Public IPv6 space: global unicast 2000::/3 minus IETF protocol assignments (2001::/23),
documentation (2001:db8::/32, 3fff::/20), 6to4 (2002::/16) and the AS112 direct delegation."""

WORLD_IPV4_THRESHOLD = 1 << 24
"""A rule admitting at least this many public IPv4 addresses (a /8 worth) is open to the world.
Cloud load-balancer ranges (e.g. Google's 130.211.0.0/22 + 35.191.0.0/16, 66,560 addresses) stay below."""

WORLD_IPV6_THRESHOLD = 1 << 96
"""A rule admitting at least this many public IPv6 addresses (a /32 worth) is open to the world."""


@dataclass(frozen=True)
class WorldExposure:
    """How much of the public address space some ipBlocks admit."""

    public_ipv4: int
    public_ipv6: int

    @property
    def is_world(self) -> bool:
        return self.public_ipv4 >= WORLD_IPV4_THRESHOLD or self.public_ipv6 >= WORLD_IPV6_THRESHOLD

    @property
    def ipv4_share(self) -> float:
        return self.public_ipv4 / PUBLIC_IPV4.ipv4_count

    @property
    def ipv6_share(self) -> float:
        return self.public_ipv6 / PUBLIC_IPV6.ipv6_count

    def describe(self) -> str:
        """``covers 3,702,258,432 public IPv4 addresses (100%)`` (and the IPv6 part when there is one)."""
        parts = []
        if self.public_ipv4 or not self.public_ipv6:
            parts.append(f"{self.public_ipv4:,} public IPv4 addresses ({_percent(self.ipv4_share)})")
        if self.public_ipv6:
            parts.append(f"{_power_of_two(self.public_ipv6)} public IPv6 addresses ({_percent(self.ipv6_share)})")
        return "covers " + " and ".join(parts)


def _percent(share: float) -> str:
    """Rounded down to 0.01% (so only a complete cover reads 100%); a tiny non-zero share reads <0.01%."""
    if share >= 1:
        return "100%"
    if 0 < share < 0.0001:
        return "<0.01%"
    return f"{math.floor(share * 10000) / 100:g}%"


def _power_of_two(count: int) -> str:
    exponent = math.log2(count)
    if count == 1 << int(exponent):
        return f"2^{int(exponent)}"
    return f"~2^{exponent:.1f}".removesuffix(".0")


def world_exposure(addresses: AddressSet) -> WorldExposure:
    return WorldExposure((addresses & PUBLIC_IPV4).ipv4_count, (addresses & PUBLIC_IPV6).ipv6_count)


def rule_addresses(rule: Rule) -> AddressSet:
    """Every address the rule's peers admit (no peers: every address)."""
    if rule.peers is None:
        return EVERY_ADDRESS
    result = AddressSet()
    for peer in rule.peers:
        if peer.ip_block is not None:
            result = result | peer.ip_block
    return result


def rules_world_exposure(rules: Iterable[Rule]) -> WorldExposure:
    """The union of several rules' addresses (a split of 0.0.0.0/0 across rules adds up)."""
    union = AddressSet()
    for rule in rules:
        union = union | rule_addresses(rule)
    return world_exposure(union)


_NO_CLUSTER = Cluster({})


def peer_open_to_cluster(peer: Peer, policy_namespace: str) -> bool:
    """Whether the peer admits an unlabelled pod in a brand-new namespace."""
    return peer_matches(peer, policy_namespace, new_namespace_probe().pod, _NO_CLUSTER)


def rule_open_to_cluster(rule: Rule, policy_namespace: str) -> bool:
    return rule.peers is None or any(peer_open_to_cluster(peer, policy_namespace) for peer in rule.peers)


def target_open_to_cluster(evaluator: Evaluator, target: Pod, direction: str = INGRESS) -> bool:
    """Whether the evaluated policies let a brand-new namespace's unlabelled pod reach ``target``
    (ingress) or ``target`` reach it (egress), on any port."""
    probe = new_namespace_probe().pod
    src, dst = (probe, target) if direction == INGRESS else (target, probe)
    return any(evaluator.allowed_ports(src, dst).values())


def target_world_exposure(evaluator: Evaluator, target: Pod, direction: str = INGRESS) -> WorldExposure:
    """The public addresses that may reach ``target`` (ingress) or that it may reach (egress), on some port."""
    policies = evaluator.selected_by(target, direction)
    if not policies:
        return world_exposure(EVERY_ADDRESS)
    outside = Address("outside", "192.0.2.1")
    union = AddressSet()
    for policy in policies:
        for rule in policy.rules(direction):
            if any(rule_ports(rule, target if direction == INGRESS else outside).values()):
                union = union | rule_addresses(rule)
    return world_exposure(union)
