"""NP903: nothing is reachable in an AAOI component beyond the flow catalog and the peers the values declare.

For every party S and every component pod T, the ports the whole output lets
S open to T, minus what is expected: the catalog flows into T whose source S
is (a component's pods, or a pod/address a role's declared peers admit, or
any release-namespace pod for the Helm test), and T's extraIngress rules that
admit S. With egress restricted, the same for every component S towards every
other party: the catalog's in-release and outbound flows, and extraEgress.
An opening to the brand-new-namespace pod or the internet address can be
accepted with networkPolicy.acknowledgeOpen (then a warning).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from aaoi_netpol.acknowledgements import CLUSTER, WORLD, Acknowledgement, acknowledgement
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.evaluator import Pod, PortMatrix, describe_matrix, intervals
from aaoi_netpol.evaluator.matching import every_port, no_port, peer_matches, rule_matches, rule_ports, union_matrices
from aaoi_netpol.gate.findings import GateFinding
from aaoi_netpol.gate.parties import COMPONENT, PROBE, Party
from aaoi_netpol.gate.world import World
from aaoi_netpol.model.flows import HELM_TEST, Flow, active_flows
from aaoi_netpol.model.switches import Values, egress_enabled


def _flow_matrix(flow: Flow) -> PortMatrix:
    if not flow.ports:
        return every_port()
    matrix = no_port()
    for protocol, port in flow.ports:
        span = (1, 65535) if port is None else (port, port)
        matrix[protocol] = intervals.union(matrix[protocol], (span,))
    return matrix


def _is_source(world: World, flow: Flow, party: Party) -> bool:
    """Whether ``party`` is (or is admitted as) the flow's source."""
    if party.kind == COMPONENT:
        return party.role == flow.source
    cluster = world.evaluator.cluster
    if flow.source == HELM_TEST:  # the overlay admits every pod of the release namespace
        return isinstance(party.endpoint, Pod) and party.endpoint.namespace == world.namespace
    if flow.source == "ingressController":
        peers = world.ingress_peers.get(flow.target, [])
        if party in world.controllers.get(flow.target, []):
            return True
    else:
        peers = world.role_peers.get(flow.source, [])
    return any(peer_matches(peer, world.namespace, party.endpoint, cluster) for peer in peers)


def expected_ports(world: World, flows: list[Flow], source: Party, target: Party) -> PortMatrix:
    """What the catalog and the declared peers and rules let ``source`` open to ``target``."""
    expected = no_port()
    target_role = target.role if target.kind == COMPONENT else None
    for flow in flows:
        into_target = flow.target == target_role or (target.kind != COMPONENT and target.role == flow.target)
        if into_target and _is_source(world, flow, source):
            expected = union_matrices(expected, _flow_matrix(flow))
    cluster = world.evaluator.cluster
    for declared in world.rules:
        ingress_rule = declared.owner == target_role
        egress_rule = declared.owner == "all" and source.kind == COMPONENT
        party = source if ingress_rule else target
        if (ingress_rule or egress_rule) and rule_matches(declared.rule, world.namespace, party.endpoint, cluster):
            expected = union_matrices(expected, rule_ports(declared.rule, target.endpoint))
    return expected


def _scope(party: Party) -> str | None:
    if party.kind != PROBE:
        return None
    return CLUSTER if party.key == "probe: new-namespace pod" else WORLD if party.key == "probe: internet address" \
        else None


_FIRST = (PROBE, "controller", "peer", COMPONENT)  # the most telling parties first in a grouped finding


@dataclass(frozen=True)
class _Opening:
    source: Party
    target: Party
    ports: str  # the unexpected ports, described
    admitted_by: str  # which rules let it through, per side
    accepted: Acknowledgement | None

    @property
    def group(self) -> tuple[str, str, str, Acknowledgement | None]:
        return self.target.key, self.ports, self.admitted_by, self.accepted


def _opening(world: World, values: Values, source: Party, target: Party, extra: PortMatrix) -> _Opening:
    protocol = next(p for p in extra if extra[p])
    verdict = world.evaluator.verdict(source.endpoint, target.endpoint, extra[protocol][0][0], protocol)
    sides = [f"{side.direction.lower()} admitted by {', '.join(side.admitted_by)}" if side.governed
             else f"{side.direction.lower()} not restricted" for side in (verdict.ingress, verdict.egress)]
    component, direction, other = (target, "ingress", source) if target.kind == COMPONENT else \
        (source, "egress", target)
    scope = _scope(other)
    accepted = acknowledgement(values, component.role, direction, scope) if scope else None
    return _Opening(source, target, describe_matrix(extra), "; ".join(sides), accepted)


def _finding(openings: list[_Opening]) -> GateFinding:
    first = openings[0]
    others = [o.source if o.target.kind == COMPONENT else o.target for o in openings]
    others.sort(key=lambda party: _FIRST.index(party.kind) if party.kind in _FIRST else len(_FIRST))
    names = [party.name for party in others]
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    if first.target.kind == COMPONENT:
        what = f"{shown} -> {first.target.name} on {first.ports}"
    else:
        what = f"{first.source.name} -> {shown} on {first.ports}"
    message = f"open beyond the AAOI flow catalog and the declared peers: {what} ({first.admitted_by})"
    if first.accepted is not None:
        return GateFinding("NP903", f"{message}; {first.accepted.note()}", first.accepted.path, Severity.WARNING)
    return GateFinding("NP903", message, None)


def _pairs(world: World, values: Values) -> Iterator[tuple[Party, Party]]:
    components = world.components()
    for target in components:
        for source in world.parties:
            yield source, target
    if egress_enabled(values):
        for source in components:
            for target in world.parties:
                if target.kind != COMPONENT:
                    yield source, target


def beyond_catalog_findings(world: World, values: Values) -> list[GateFinding]:
    flows = active_flows(values)
    groups: dict[tuple[str, str, str, Acknowledgement | None], list[_Opening]] = {}
    for source, target in _pairs(world, values):
        allowed = world.evaluator.allowed_ports(source.endpoint, target.endpoint)
        if not any(allowed.values()):
            continue
        expected = expected_ports(world, flows, source, target)
        extra = {p: intervals.subtract(allowed[p], expected[p]) for p in allowed}
        if any(extra.values()):
            opening = _opening(world, values, source, target, extra)
            groups.setdefault(opening.group, []).append(opening)
    return [_finding(openings) for openings in groups.values()]
