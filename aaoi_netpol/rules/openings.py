"""Where the values open an AAOI component to the whole cluster or the world, computed, never spelled.

A peer opens a component to the whole cluster when it admits an unlabelled pod
in a brand-new namespace (whatever selectors say so: `{}`, `Exists` or `NotIn`
on `kubernetes.io/metadata.name`, `DoesNotExist` on a label nobody sets...).
It opens it to the world when ipBlocks admit a large share of the public
address space (:mod:`aaoi_netpol.evaluator.openness`): one block alone, or all
the blocks of the lists and rules that reach the same component together (a
split of `0.0.0.0/0` over several peers or rules adds up; IPv4-mapped IPv6
counts as IPv4). A rule with no peers admits everyone. NP013 (ingress) and
NP014 (egress) report the openings nobody accepted; NP050 the accepted ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from aaoi_netpol.acknowledgements import CLUSTER, WORLD, Acknowledgement, acknowledgement
from aaoi_netpol.context import LintContext
from aaoi_netpol.evaluator import AddressSet, EvaluatorError, Peer, parse_peer, peer_open_to_cluster, world_exposure
from aaoi_netpol.model.components import COMPONENT_NAMES
from aaoi_netpol.model.ports import describe_port
from aaoi_netpol.rules.peers import PeerRef, describe_rule_ports, iter_peers, peerless_rules
from aaoi_netpol.rules.role_lists import ROLE_TARGETS, components_using_role, human_list
from aaoi_netpol.value_path import ValuePath, dotted

LINT_NAMESPACE = "release-namespace"  # the policies' namespace, unknown to lint: any name but the probe's
ALL = "all"
_EGRESS_TARGETS = {"apiManagement": ("apibuilder4elastic",)}  # other egress lists apply to every AAOI pod
_LIST_PORTS = {
    "dns": "port 53 (UDP and TCP)",
    "apiManagement": "the ports of apibuilder4elastic.anmUrl/apimgrUrl",
    "externalElasticsearch": "the ports of global.elasticsearchHosts",
}


def json_text(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(", ", ": "), default=str)


@dataclass(frozen=True)
class Opening:
    path: ValuePath
    direction: str  # "ingress": who may connect to the components; "egress": where they may connect
    components: tuple[str, ...]  # the components opened (egress: "all" for every AAOI pod)
    scope: str  # CLUSTER or WORLD
    message: str
    at_value: bool = False


def _parse(ref: PeerRef) -> Peer | None:
    try:
        return parse_peer(ref.peer, dotted(ref.path))
    except EvaluatorError:
        return None  # the schema and the selector rules report what Kubernetes would reject


def _components(ref: PeerRef) -> tuple[str, ...]:
    if ref.component is not None:
        return (ref.component.name,)
    if ref.direction == "ingress":
        return tuple(dict.fromkeys(name for name, _ in ROLE_TARGETS.get(ref.source, ())))
    return _EGRESS_TARGETS.get(ref.source, (ALL,))


def opened_targets(ctx: LintContext, ref: PeerRef) -> str:
    """``logstash port 5044 (beats)``, ``kibana on port 5601/TCP``: what a peer opens (ingress) or reaches (egress)."""
    if ref.direction == "egress":
        who = "apibuilder4elastic" if ref.source == "apiManagement" else "every AAOI pod"
        ports = describe_rule_ports(ref.rule) if ref.rule is not None else _LIST_PORTS.get(ref.source, "")
        return f"{who} on {ports}"
    if ref.component is not None and ref.rule is not None:
        return f"{ref.component.name} on {describe_rule_ports(ref.rule)}"
    now = [f"{component.name} port {describe_port(ctx.values, port)}"
           for component, port in components_using_role(ctx, ref.source, ref.ingress_class)]
    if now:
        return human_list(now)
    later = [f"{name} port {describe_port(ctx.values, port)}" for name, port in ROLE_TARGETS[ref.source]]
    condition = "they are deployed"
    if ref.source == "ingressController":
        condition = "their Ingress is enabled" if ref.ingress_class is None else \
            f"their Ingress has class {ref.ingress_class!r}"
    return f"{human_list(later)} once {condition}"


def _peer_openings(ctx: LintContext, direction: str) -> Iterator[tuple[PeerRef, Opening | None, Peer | None]]:
    verb = "to" if direction == "ingress" else "for"
    for ref in iter_peers(ctx):
        if ref.direction != direction:
            continue
        peer = _parse(ref)
        opening = None
        head = f"{'egress ' if direction == 'egress' else ''}{ref.source} peer"
        if peer is not None and peer.ip_block is not None:
            exposure = world_exposure(peer.ip_block)
            if exposure.is_world:
                opening = Opening(ref.path, direction, _components(ref), WORLD,
                                  f"{head}: ipBlock {ref.peer['ipBlock'].get('cidr')} {exposure.describe()} "
                                  f"(the whole world) {verb} {opened_targets(ctx, ref)}")
        elif peer is not None and peer_open_to_cluster(peer, LINT_NAMESPACE):
            opening = Opening(ref.path, direction, _components(ref), CLUSTER,
                              f"{head} {json_text(ref.peer)} admits an unlabelled pod of any namespace, even a "
                              f"brand-new one (the whole cluster) {verb} {opened_targets(ctx, ref)}")
        yield ref, opening, peer


def _union_openings(refs: list[tuple[PeerRef, Opening | None, Peer | None]], direction: str) -> Iterator[Opening]:
    """Blocks that open a component to the world together, where no single one does."""
    targets = list(COMPONENT_NAMES) if direction == "ingress" else [ALL, *_EGRESS_TARGETS["apiManagement"]]
    for target in targets:
        reach = [(ref, peer) for ref, opening, peer in refs if peer is not None and peer.ip_block is not None
                 and opening is None and (target in _components(ref) or ALL in _components(ref))]
        if not reach:
            continue
        union = AddressSet()
        for _, peer in reach:
            union = union | (peer.ip_block or AddressSet())
        exposure = world_exposure(union)
        if exposure.is_world:
            names = ", ".join(dotted(ref.path[1:]) for ref, _ in reach)
            who = "every AAOI pod" if target == ALL else target
            yield Opening(reach[0][0].path, direction, (target,), WORLD,
                          f"together, the ipBlocks of {names} {exposure.describe().replace('covers', 'cover', 1)} "
                          "(the whole world) "
                          f"{'to' if direction == 'ingress' else 'for'} {who}")


def openings(ctx: LintContext, direction: str) -> list[Opening]:
    """Every opening to the whole cluster or the world in ``direction``, whether accepted or not (computed once
    per lint: NP013, NP014 and NP050 all read it)."""
    return ctx.computed(f"openings:{direction}", lambda: list(_openings(ctx, direction)))


def _openings(ctx: LintContext, direction: str) -> Iterator[Opening]:
    refs = list(_peer_openings(ctx, direction))
    for _, opening, _ in refs:
        if opening is not None:
            yield opening
    yield from _union_openings(refs, direction)
    for open_rule in peerless_rules(ctx, direction):
        component = open_rule.ref.component
        owner, kind = ((component.name,), "extraIngress") if component is not None else ((ALL,), "extraEgress")
        target = f"{component.name}" if component is not None else "every AAOI pod"
        reach = "admits every source" if direction == "ingress" else "lets every AAOI pod reach every destination"
        yield Opening(open_rule.path, direction, owner, WORLD,
                      f"{kind} rule with {open_rule.written} {reach} (the whole world and the whole cluster)"
                      f"{' to ' + target if component is not None else ''} on "
                      f"{describe_rule_ports(open_rule.ref.rule)}", open_rule.at_value)


def split_accepted(ctx: LintContext, opening: Opening) -> tuple[tuple[str, ...], list[Acknowledgement]]:
    """(components nobody accepted this opening for, the acknowledgements of the others)."""
    open_for: list[str] = []
    accepted: list[Acknowledgement] = []
    for component in opening.components:
        found = acknowledgement(ctx.values, component, opening.direction, opening.scope)
        if found is None:
            open_for.append(component)
        else:
            accepted.append(found)
    return tuple(open_for), accepted
