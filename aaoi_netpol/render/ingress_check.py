"""The rendered Ingress objects against the values-derived model of them (fail closed).

The rules read each Ingress's class from the values
(:mod:`aaoi_netpol.model.ingress_classes`) and the overlay builds each
component's Ingress-controller rule from the same reading. This check reads
the Ingress objects Helm actually rendered (trusted by their ``# Source:``
template only) and reports every difference: an Ingress the values say is
off, or a class (``spec.ingressClassName`` or the ``kubernetes.io/ingress.class``
annotation) other than the one the policy was built for. Such a chart does
not match the model, so the rules' verdict on its Ingresses cannot be
trusted; the render stops (``lint --chart``: NP900).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aaoi_netpol.model.components import COMPONENTS
from aaoi_netpol.model.ingress_classes import CLASS_ANNOTATION, IngressClassInfo, rendered_ingresses, values_ingress
from aaoi_netpol.render.manifests import Manifest


def _describe(info: IngressClassInfo) -> str:
    return f"ingressClassName {info.class_name or '(none)'}, annotation {CLASS_ANNOTATION} " \
           f"{info.annotation or '(none)'}"


def ingress_problems(manifests: list[Manifest], values: Mapping[str, Any]) -> list[str]:
    """One line per rendered AAOI Ingress that differs from what the values-derived model expects."""
    rendered = rendered_ingresses((m.source, m.body) for m in manifests)
    problems: list[str] = []
    for component in COMPONENTS:
        if component.ingress_template is None:
            continue
        expected = values_ingress(values, component)
        for got in (info for info in rendered if info.component is component):
            where = f"the Ingress of {component.name} (from {component.ingress_template})"
            if expected is None:
                problems.append(f"{where} was rendered, but by the values it is off, so the policy admits no "
                                f"Ingress controller to {component.name}")
            elif (got.class_name, got.annotation) != (expected.class_name, expected.annotation):
                problems.append(f"{where} was rendered with {_describe(got)}, but aaoi-netpol read "
                                f"{_describe(expected)} from the values: the policy was built for another class")
    return problems
