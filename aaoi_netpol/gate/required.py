"""NP902: every flow of the catalog that holds for these values is open in the evaluated output.

Sources: a component's rendered pods; for the Ingress controller, the
controller serving the target's Ingress (else the declared peers); for the
other roles, each declared peer; for the Helm test pod, an unlabelled pod of
the release namespace. Targets: a component's pods, or each declared DNS /
API-Management / external Elasticsearch peer.
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.evaluator import ALL_PORTS
from aaoi_netpol.evaluator.matching import peer_matches
from aaoi_netpol.gate.findings import GateFinding
from aaoi_netpol.gate.parties import PROBE, Party
from aaoi_netpol.gate.world import World
from aaoi_netpol.model.components import COMPONENT_NAMES
from aaoi_netpol.model.flows import HELM_TEST, Flow, active_flows
from aaoi_netpol.model.switches import Values


def flow_sources(world: World, flow: Flow) -> list[Party]:
    if flow.source in COMPONENT_NAMES:
        return world.components(flow.source)
    if flow.source == HELM_TEST:
        return [p for p in world.parties if p.key == "probe: release-namespace pod"]
    if flow.source == "ingressController":
        if world.controllers.get(flow.target):
            return world.controllers[flow.target]
        admitted = world.ingress_peers.get(flow.target, [])
        return [p for p in world.of_role(flow.source)
                if any(peer_matches(peer, world.namespace, p.endpoint, world.evaluator.cluster) for peer in admitted)]
    return world.of_role(flow.source)


def flow_targets(world: World, flow: Flow) -> list[Party]:
    return world.components(flow.target) if flow.target in COMPONENT_NAMES else world.of_role(flow.target)


def _blocked(world: World, flow: Flow, source: Party, target: Party) -> Iterator[GateFinding]:
    evaluator = world.evaluator
    where = source.path if source.kind != PROBE else None
    if not flow.ports:  # no port restriction: every TCP port must be open
        allowed = evaluator.allowed_ports(source.endpoint, target.endpoint)
        if allowed["TCP"] != ALL_PORTS:
            yield GateFinding("NP902", f"required flow blocked: {source.describe()} -> {target.name} on every TCP "
                                       "port: only some ports are open", where)
        return
    for protocol, port in flow.ports:
        if port is None:
            continue
        verdict = evaluator.verdict(source.endpoint, target.endpoint, port, protocol)
        if not verdict.allowed:
            yield GateFinding("NP902", f"required flow blocked: {source.describe()} -> {target.name}:{port}/"
                                       f"{protocol}: {verdict.reason}", where)


def required_flow_findings(world: World, values: Values) -> list[GateFinding]:
    found: list[GateFinding] = []
    for flow in active_flows(values):
        for source in flow_sources(world, flow):
            for target in flow_targets(world, flow):
                found.extend(_blocked(world, flow, source, target))
    return found
