"""The Ingress controllers that serve AAOI's rendered Ingress objects, as parties of the modelled world.

The class of each AAOI Ingress (trusted by its ``# Source:`` template) is its
``kubernetes.io/ingress.class`` annotation, else its ``spec.ingressClassName``
(:mod:`aaoi_netpol.model.ingress_classes`).
The controller serving it runs where ``networkPolicy.ingressControllerPods``
says (entries for that class, or without a class), else where the upstream
install of the class's known in-cluster controller puts it
(:mod:`aaoi_netpol.model.ingress_controllers`). A cloud controller, or an
unknown class with no entry, gives no party: the declared peers stand in.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aaoi_netpol.evaluator import EvaluatorError, Namespace, Pod, PodProbe, parse_peer, probe_for_peer
from aaoi_netpol.gate.parties import CONTROLLER, Party, canonical
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.model.ingress_classes import controller_of, rendered_ingresses
from aaoi_netpol.model.switches import Values
from aaoi_netpol.render.manifests import Manifest
from aaoi_netpol.value_path import lookup

PODS_PATH = (SECTION, "ingressControllerPods")


def rendered_ingress_classes(manifests: list[Manifest]) -> dict[str, str | None]:
    """component -> Ingress class, for every AAOI Ingress object in the output."""
    return {info.component.name: info.effective for info in rendered_ingresses((m.source, m.body) for m in manifests)}


def _declared_pods(values: Values, ingress_class: str | None) -> Iterator[tuple[int, dict[str, Any]]]:
    entries = lookup(values, PODS_PATH)
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict) and entry.get("class") in (None, ingress_class):
            yield index, entry


def _controller(values: Values, ingress_class: str | None, namespace: str) -> list[Party]:
    parties: list[Party] = []
    for index, entry in _declared_pods(values, ingress_class):
        labels = entry.get("labels")
        labels = labels if isinstance(labels, dict) else {}
        where = str(entry.get("namespace") or namespace)
        pod = Pod(f"ingress-controller-{index}", where, {str(k): str(v) for k, v in labels.items()})
        parties.append(Party(f"ingress controller: {canonical(entry)}", f"ingressControllerPods[{index}]", CONTROLLER,
                             str(ingress_class), pod, Namespace(where), (*PODS_PATH, index)))
    known = controller_of(ingress_class)
    if parties or known is None or not known.in_cluster:
        return parties
    for index, peer in enumerate(known.peers):
        try:
            probe = probe_for_peer(parse_peer(peer), namespace, name=f"{known.name}-{index}")
        except EvaluatorError:
            continue
        if isinstance(probe, PodProbe):
            parties.append(Party(f"ingress controller: {known.name}", f"{known.name} controller", CONTROLLER,
                                 str(ingress_class),
                                 probe.pod, probe.namespace))
    return parties


def controller_parties(manifests: list[Manifest], values: Values, namespace: str) -> dict[str, list[Party]]:
    """component -> the parties standing for the controller of its Ingress (empty: not known)."""
    return {component: _controller(values, ingress_class, namespace)
            for component, ingress_class in rendered_ingress_classes(manifests).items()}
