"""What the values declare: the peers of every networkPolicy list and the extraIngress/extraEgress rules.

Each declared peer becomes a party (a concrete endpoint the peer admits, see
:func:`aaoi_netpol.evaluator.probe_for_peer`); each extra rule is parsed for
the checks that ask "did the user declare this connection?". Items Kubernetes
would reject are left out: the linter reports them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aaoi_netpol.evaluator import (
    EGRESS,
    INGRESS,
    Address,
    EvaluatorError,
    Peer,
    PodProbe,
    Rule,
    parse_peer,
    parse_rule,
    probe_for_peer,
)
from aaoi_netpol.gate.parties import PEER, Party, canonical
from aaoi_netpol.model.components import COMPONENTS, SECTION
from aaoi_netpol.model.flows import INBOUND_ROLES, OUTBOUND_ROLES, ingress_controller_peers, role_path, role_peers
from aaoi_netpol.model.switches import Values
from aaoi_netpol.value_path import ValuePath, dotted, lookup


def role_peer_items(values: Values, role: str) -> Iterator[tuple[ValuePath, Any]]:
    """(path, peer) of a role list; a mapping form (Ingress class -> peers) yields every class's peers."""
    peers = lookup(values, role_path(role))
    if isinstance(peers, dict):
        for name, items in peers.items():
            for index, peer in enumerate(items if isinstance(items, list) else []):
                yield (*role_path(role), name, index), peer
        return
    for index, peer in enumerate(role_peers(values, role)):
        yield (*role_path(role), index), peer


def _extra_rules(values: Values) -> Iterator[tuple[str, str, ValuePath, Any]]:
    """(owner, direction, path, rule): every extraIngress rule (owner: its component) and extraEgress rule."""
    for component in COMPONENTS:
        rules = lookup(values, (SECTION, component.np_key, "extraIngress"))
        for index, rule in enumerate(rules if isinstance(rules, list) else []):
            yield component.name, INGRESS, (SECTION, component.np_key, "extraIngress", index), rule
    rules = lookup(values, (SECTION, "egress", "extraEgress"))
    for index, rule in enumerate(rules if isinstance(rules, list) else []):
        yield "all", EGRESS, (SECTION, "egress", "extraEgress", index), rule


def _party(role: str, path: ValuePath, raw: Any, namespace: str, number: int) -> Party | None:
    """The party for one declared peer (None: Kubernetes would reject it, or nothing can satisfy it)."""
    try:
        probe = probe_for_peer(parse_peer(raw, dotted(path)), namespace, name=f"peer-{number}")
    except (EvaluatorError, ValueError):
        return None
    key, name = f"{role}: {canonical(raw)}", dotted(path[1:])
    if isinstance(probe, PodProbe):
        return Party(key, name, PEER, role, probe.pod, probe.namespace, path)
    if isinstance(probe, Address):
        return Party(key, name, PEER, role, probe, None, path)
    return None


def _declared_items(values: Values) -> Iterator[tuple[str, ValuePath, Any]]:
    for role in (*INBOUND_ROLES, *OUTBOUND_ROLES):
        for path, peer in role_peer_items(values, role):
            yield role, path, peer
    for owner, direction, path, rule in _extra_rules(values):
        key = "from" if direction == INGRESS else "to"
        peers = rule.get(key) if isinstance(rule, dict) else None
        role = f"extraIngress:{owner}" if direction == INGRESS else "extraEgress"
        for index, peer in enumerate(peers if isinstance(peers, list) else []):
            yield role, (*path, key, index), peer


def declared_parties(values: Values, namespace: str) -> list[Party]:
    """A party for every peer the values declare (roles, egress lists, extraIngress/extraEgress peers)."""
    found: dict[str, Party] = {}
    for role, path, raw in _declared_items(values):
        party = _party(role, path, raw, namespace, len(found))
        if party is not None and party.key not in found:
            found[party.key] = party
    return list(found.values())


@dataclass(frozen=True)
class DeclaredRule:
    owner: str  # the component of an extraIngress rule, "all" for extraEgress
    rule: Rule
    path: ValuePath


def declared_rules(values: Values) -> list[DeclaredRule]:
    """Every extraIngress/extraEgress rule Kubernetes would accept, parsed."""
    parsed: list[DeclaredRule] = []
    for owner, direction, path, raw in _extra_rules(values):
        try:
            parsed.append(DeclaredRule(owner, parse_rule(raw, direction, dotted(path)), path))
        except EvaluatorError:
            continue
    return parsed


def _parsed(items: list[tuple[ValuePath, Any]]) -> list[Peer]:
    parsed = []
    for path, raw in items:
        try:
            parsed.append(parse_peer(raw, dotted(path)))
        except EvaluatorError:
            continue
    return parsed


def declared_ingress_peers(values: Values) -> dict[str, list[Peer]]:
    """component -> the Ingress controller peers its own Ingress admits (per class with the map form)."""
    path = role_path("ingressController")
    return {c.name: _parsed([((*path, i), peer) for i, peer in enumerate(ingress_controller_peers(values, c.name))])
            for c in COMPONENTS}


def declared_role_peers(values: Values) -> dict[str, list[Peer]]:
    """role -> its peers Kubernetes would accept, parsed (inbound and outbound roles)."""
    return {role: _parsed(list(role_peer_items(values, role))) for role in (*INBOUND_ROLES, *OUTBOUND_ROLES)}
