"""Connection verdicts with Kubernetes NetworkPolicy semantics, over a modelled cluster.

A connection src -> dst (port, protocol) is allowed iff both sides admit it:

- ingress, when dst is a pod: a pod selected by no policy that has Ingress in its policyTypes is open;
  otherwise some ingress rule of a policy selecting it must admit src (its from) and the port;
- egress, when src is a pod: the same with Egress, the rule's ``to`` and the destination.

A policy selects pods of its own namespace only. Named ports resolve on the destination pod's
container ports (name and protocol); an ``Address`` destination never matches a named port. An
``Address`` side is not governed by NetworkPolicy. A pod connecting to itself is evaluated like any
other pair.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from aaoi_netpol.evaluator import intervals
from aaoi_netpol.evaluator.cluster import PROTOCOLS, Address, Cluster, Endpoint, Pod
from aaoi_netpol.evaluator.matching import (
    PortMatrix,
    every_port,
    intersect_matrices,
    no_port,
    rule_matches,
    rule_ports,
    union_matrices,
)
from aaoi_netpol.evaluator.policies import EGRESS, INGRESS, Policy, Rule


class SideVerdict(NamedTuple):
    """One side of a connection: ``governed`` when a policy of that direction selects the pod."""

    direction: str
    subject: Endpoint
    governed: bool
    allowed: bool
    selected_by: tuple[str, ...] = ()
    admitted_by: tuple[str, ...] = ()

    def explain(self, what: str) -> str:
        word = self.direction.lower()
        if not self.governed:
            if isinstance(self.subject, Pod):
                return f"no policy selects {self.subject} for {word} (open)"
            return f"{word}: {self.subject} is outside the pod network (not governed)"
        if self.allowed:
            return f"{word} admitted by {', '.join(self.admitted_by)}"
        return (f"denied: {self.subject} is selected for {word} by {', '.join(self.selected_by)}"
                f" and no rule admits {what}")


class Verdict(NamedTuple):
    """Whether a connection is allowed; ``reason`` names the admitting rules, the openness or the denial."""

    allowed: bool
    ingress: SideVerdict
    egress: SideVerdict
    src: Endpoint
    dst: Endpoint
    port: int
    protocol: str

    @property
    def reason(self) -> str:
        what = f"{self.src} -> {self.dst} on {self.protocol}/{self.port}"
        sides = [side for side in (self.egress, self.ingress) if not side.allowed] or [self.egress, self.ingress]
        return "; ".join(side.explain(what) for side in sides)


@dataclass(frozen=True)
class _Side:
    """A side's port-independent facts for one (src, dst) pair."""

    governed: bool
    selected_by: tuple[str, ...] = ()
    rules: tuple[tuple[str, PortMatrix], ...] = ()
    ports: PortMatrix | None = None


_UNGOVERNED = _Side(governed=False)


class Evaluator:
    """All policies over one cluster, with the indexes and caches that make repeated queries cheap."""

    def __init__(self, policies: Iterable[Policy], cluster: Cluster) -> None:
        self.policies = tuple(policies)
        self.cluster = cluster
        self._by_namespace: dict[str, list[Policy]] = {}
        for policy in self.policies:
            self._by_namespace.setdefault(policy.namespace, []).append(policy)
        self._selected: dict[tuple[Pod, str], tuple[Policy, ...]] = {}
        self._admits: dict[tuple[int, Endpoint], bool] = {}
        self._sides: dict[tuple[Endpoint, Endpoint, str], _Side] = {}

    def selected_by(self, pod: Pod, direction: str) -> tuple[Policy, ...]:
        """The policies of ``pod``'s namespace with ``direction`` in their policyTypes that select it."""
        key = (pod, direction)
        found = self._selected.get(key)
        if found is None:
            found = tuple(policy for policy in self._by_namespace.get(pod.namespace, ())
                          if direction in policy.policy_types and policy.pod_selector.matches(pod.labels))
            self._selected[key] = found
        return found

    def rule_admits(self, policy: Policy, rule: Rule, endpoint: Endpoint) -> bool:
        """Whether ``rule`` (of ``policy``) admits ``endpoint`` as its source (ingress) or destination (egress)."""
        key = (id(rule), endpoint)
        found = self._admits.get(key)
        if found is None:
            found = rule_matches(rule, policy.namespace, endpoint, self.cluster)
            self._admits[key] = found
        return found

    def _side(self, src: Endpoint, dst: Endpoint, direction: str) -> _Side:
        key = (src, dst, direction)
        found = self._sides.get(key)
        if found is None:
            found = self._compute_side(src, dst, direction)
            self._sides[key] = found
        return found

    def _compute_side(self, src: Endpoint, dst: Endpoint, direction: str) -> _Side:
        subject, peer = (dst, src) if direction == INGRESS else (src, dst)
        if isinstance(subject, Address):
            return _UNGOVERNED
        policies = self.selected_by(subject, direction)
        if not policies:
            return _UNGOVERNED
        rules = tuple((rule.label, rule_ports(rule, dst)) for policy in policies for rule in policy.rules(direction)
                      if self.rule_admits(policy, rule, peer))
        matrix = no_port()
        for _, ports in rules:
            matrix = union_matrices(matrix, ports)
        return _Side(True, tuple(policy.label for policy in policies), rules, matrix)

    def side_ports(self, src: Endpoint, dst: Endpoint, direction: str) -> PortMatrix | None:
        """Ports one side admits for src -> dst; None when that side is not governed (everything)."""
        return self._side(src, dst, direction).ports

    def allowed_ports(self, src: Endpoint, dst: Endpoint) -> PortMatrix:
        """Per protocol (TCP, UDP, SCTP), the port intervals on which src may connect to dst."""
        ingress = self.side_ports(src, dst, INGRESS)
        egress = self.side_ports(src, dst, EGRESS)
        return intersect_matrices(every_port() if ingress is None else ingress,
                                  every_port() if egress is None else egress)

    def _side_verdict(self, src: Endpoint, dst: Endpoint, port: int, protocol: str, direction: str) -> SideVerdict:
        side = self._side(src, dst, direction)
        subject = dst if direction == INGRESS else src
        if not side.governed:
            return SideVerdict(direction, subject, governed=False, allowed=True)
        admitted = tuple(label for label, ports in side.rules if intervals.contains(ports[protocol], port))
        return SideVerdict(direction, subject, True, bool(admitted), side.selected_by, admitted)

    def verdict(self, src: Endpoint, dst: Endpoint, port: int, protocol: str = "TCP") -> Verdict:
        """Whether src may open a connection to dst on ``port``/``protocol``, and why."""
        if protocol not in PROTOCOLS or not 1 <= port <= 65535:
            raise ValueError(f"a connection needs a port 1-65535 and TCP, UDP or SCTP, got {protocol}/{port}")
        ingress = self._side_verdict(src, dst, port, protocol, INGRESS)
        egress = self._side_verdict(src, dst, port, protocol, EGRESS)
        return Verdict(ingress.allowed and egress.allowed, ingress, egress, src, dst, port, protocol)


def build_evaluator(policies: Iterable[Policy], cluster: Cluster) -> Evaluator:
    return Evaluator(policies, cluster)
