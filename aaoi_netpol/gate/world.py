"""The modelled world: every party in one cluster, and one evaluator over every NetworkPolicy of the output."""

from __future__ import annotations

from dataclasses import dataclass, field

from aaoi_netpol.evaluator import Address, Evaluator, Namespace, Peer, Pod, Policy, build_cluster, build_evaluator
from aaoi_netpol.gate.declared import (
    DeclaredRule,
    declared_ingress_peers,
    declared_parties,
    declared_role_peers,
    declared_rules,
)
from aaoi_netpol.gate.ingress import controller_parties
from aaoi_netpol.gate.parties import COMPONENT, Party, component_parties, probe_parties
from aaoi_netpol.model.switches import Values
from aaoi_netpol.render.manifests import Manifest


@dataclass
class World:
    namespace: str  # the release namespace
    parties: list[Party]
    controllers: dict[str, list[Party]]  # component -> the controller of its Ingress
    rules: list[DeclaredRule]  # extraIngress / extraEgress, parsed
    role_peers: dict[str, list[Peer]]  # the peers of each role list, parsed
    ingress_peers: dict[str, list[Peer]]  # component -> the controller peers its Ingress admits, parsed
    evaluator: Evaluator
    skipped: list[str] = field(default_factory=list)  # parties left out, one line each (namespace clashes)

    def components(self, name: str | None = None) -> list[Party]:
        return [p for p in self.parties if p.kind == COMPONENT and (name is None or p.role == name)]

    def of_role(self, role: str) -> list[Party]:
        return [p for p in self.parties if p.role == role and p.kind != COMPONENT]


def _namespaces(parties: list[Party], release: str) -> tuple[dict[str, Namespace], list[Party], list[str]]:
    """One namespace per name with the labels every party there needs; a party whose needs clash is left out."""
    namespaces = {release: Namespace(release)}
    kept: list[Party] = []
    skipped: list[str] = []
    for party in parties:
        wanted = party.namespace
        if isinstance(party.endpoint, Pod) and wanted is None:
            wanted = Namespace(party.endpoint.namespace)
        if wanted is not None:
            known = namespaces.get(wanted.name)
            if known is not None and any(known.labels.get(k, v) != v for k, v in wanted.labels.items()):
                skipped.append(f"{party.describe()}: namespace {wanted.name} cannot carry the labels it needs "
                               "and another party's at once")
                continue
            namespaces[wanted.name] = Namespace(wanted.name, {**(known.labels if known else {}), **wanted.labels})
        kept.append(party)
    return namespaces, kept, skipped


def build_world(manifests: list[Manifest], policies: list[Policy], values: Values, namespace: str) -> World:
    """Components as rendered, declared peers, Ingress controllers and probes, evaluated under ``policies``."""
    controllers = controller_parties(manifests, values, namespace)
    candidates = [*component_parties(manifests, namespace), *declared_parties(values, namespace),
                  *{p.key: p for parties in controllers.values() for p in parties}.values(),
                  *probe_parties(namespace)]
    namespaces, parties, skipped = _namespaces(candidates, namespace)
    kept = {p.key for p in parties}
    controllers = {c: [p for p in found if p.key in kept] for c, found in controllers.items()}
    cluster = build_cluster(namespaces.values(), [p.endpoint for p in parties if isinstance(p.endpoint, Pod)],
                            [p.endpoint for p in parties if isinstance(p.endpoint, Address)])
    return World(namespace, parties, controllers, declared_rules(values), declared_role_peers(values),
                 declared_ingress_peers(values), build_evaluator(policies, cluster), skipped)
