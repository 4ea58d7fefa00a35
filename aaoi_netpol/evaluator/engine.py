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


@dataclass(frozen=True)
class SideVerdict:
    """One side of a connection: ``governed`` when a policy of that direction selects the pod."""

    direction: str
    subject: str
    governed: bool
    allowed: bool
    selected_by: tuple[str, ...] = ()
    admitted_by: tuple[str, ...] = ()

    def explain(self, what: str) -> str:
        word = self.direction.lower()
        if not self.governed:
            if self.subject.startswith("pod "):
                return f"no policy selects {self.subject} for {word} (open)"
            return f"{word}: {self.subject} is outside the pod network (not governed)"
        if self.allowed:
            return f"{word} admitted by {', '.join(self.admitted_by)}"
        return (f"denied: {self.subject} is selected for {word} by {', '.join(self.selected_by)}"
                f" and no rule admits {what}")


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str
    ingress: SideVerdict
    egress: SideVerdict


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
        self._ports: dict[tuple[int, Endpoint], PortMatrix] = {}

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

    def rule_ports(self, rule: Rule, destination: Endpoint) -> PortMatrix:
        key = (id(rule), destination)
        found = self._ports.get(key)
        if found is None:
            found = rule_ports(rule, destination)
            self._ports[key] = found
        return found

    def _admitting_rules(self, policies: tuple[Policy, ...], direction: str, peer: Endpoint) -> list[Rule]:
        return [rule for policy in policies for rule in policy.rules(direction)
                if self.rule_admits(policy, rule, peer)]

    def side_ports(self, src: Endpoint, dst: Endpoint, direction: str) -> PortMatrix | None:
        """Ports one side admits for src -> dst; None when that side is not governed (everything)."""
        subject, peer = (dst, src) if direction == INGRESS else (src, dst)
        if isinstance(subject, Address):
            return None
        policies = self.selected_by(subject, direction)
        if not policies:
            return None
        matrix = no_port()
        for rule in self._admitting_rules(policies, direction, peer):
            matrix = union_matrices(matrix, self.rule_ports(rule, dst))
        return matrix

    def allowed_ports(self, src: Endpoint, dst: Endpoint) -> PortMatrix:
        """Per protocol (TCP, UDP, SCTP), the port intervals on which src may connect to dst."""
        ingress = self.side_ports(src, dst, INGRESS)
        egress = self.side_ports(src, dst, EGRESS)
        return intersect_matrices(every_port() if ingress is None else ingress,
                                  every_port() if egress is None else egress)

    def _side(self, src: Endpoint, dst: Endpoint, port: int, protocol: str, direction: str) -> SideVerdict:
        subject, peer = (dst, src) if direction == INGRESS else (src, dst)
        if isinstance(subject, Address):
            return SideVerdict(direction, str(subject), governed=False, allowed=True)
        policies = self.selected_by(subject, direction)
        if not policies:
            return SideVerdict(direction, str(subject), governed=False, allowed=True)
        admitted = tuple(rule.label for rule in self._admitting_rules(policies, direction, peer)
                         if intervals.contains(self.rule_ports(rule, dst)[protocol], port))
        return SideVerdict(direction, str(subject), True, bool(admitted),
                           tuple(policy.label for policy in policies), admitted)

    def verdict(self, src: Endpoint, dst: Endpoint, port: int, protocol: str = "TCP") -> Verdict:
        """Whether src may open a connection to dst on ``port``/``protocol``, and why."""
        if protocol not in PROTOCOLS or not 1 <= port <= 65535:
            raise ValueError(f"a connection needs a port 1-65535 and TCP, UDP or SCTP, got {protocol}/{port}")
        ingress = self._side(src, dst, port, protocol, INGRESS)
        egress = self._side(src, dst, port, protocol, EGRESS)
        what = f"{src} -> {dst} on {protocol}/{port}"
        sides = [side for side in (egress, ingress) if not side.allowed] or [egress, ingress]
        reason = "; ".join(side.explain(what) for side in sides)
        return Verdict(ingress.allowed and egress.allowed, reason, ingress, egress)


def build_evaluator(policies: Iterable[Policy], cluster: Cluster) -> Evaluator:
    return Evaluator(policies, cluster)
