"""Which Ingress class serves each AAOI Ingress, and where that class's traffic reaches the pods from.

Read two ways, with the same result for the same chart:

- from the values (``lint``): ``<component>.ingress.className`` (Elastic's
  7.17.3 subcharts default it to ``nginx`` for elasticsearch and kibana; the
  parent chart's apibuilder4elastic Ingress has none unless set) and the
  ``kubernetes.io/ingress.class`` annotation in
  ``<component>.ingress.annotations``, with the provider annotations
  (``alb.ingress.kubernetes.io/target-type`` and ``/scheme``);
- from the Ingress objects Helm rendered (``render``, ``lint --chart``),
  trusted only when their ``# Source:`` is the component's Ingress template.

A class value that is not a non-empty string counts as no class (the overlay
reads it the same way). The class an Ingress is served by is its annotation
when set, else its ``ingressClassName``; the API server refuses an Ingress
where both are set and differ.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from aaoi_netpol.model.components import COMPONENTS, Component
from aaoi_netpol.model.ingress_controllers import BY_CLASS, IngressController
from aaoi_netpol.model.services import service_type
from aaoi_netpol.model.switches import Values, ingress_on
from aaoi_netpol.value_path import MISSING, ValuePath, lookup

CLASS_ANNOTATION = "kubernetes.io/ingress.class"
ALB_TARGET_TYPE = "alb.ingress.kubernetes.io/target-type"
ALB_SCHEME = "alb.ingress.kubernetes.io/scheme"
# Elastic's 7.17.3 subcharts default <component>.ingress.className to nginx; the layered values do not hold them.
SUBCHART_CLASS_DEFAULTS: dict[str, str] = {"elasticsearch": "nginx", "kibana": "nginx"}
# IngressClass object names for classes whose controller knows them by another name ('/' is not allowed there).
CLASS_ALIASES: dict[str, str] = {"azure-application-gateway": "azure/application-gateway"}


@dataclass(frozen=True)
class IngressClassInfo:
    """The class settings of one AAOI Ingress object."""

    component: Component
    class_name: str | None  # spec.ingressClassName
    annotation: str | None  # the kubernetes.io/ingress.class annotation
    annotations: dict[str, str] = field(default_factory=dict)  # every annotation (provider settings)
    class_name_from_default: bool = False  # className is the subchart's default, not written in the values

    @property
    def effective(self) -> str | None:
        """The class that serves this Ingress (None: the cluster's default IngressClass)."""
        return self.annotation or self.class_name

    @property
    def conflict(self) -> bool:
        return bool(self.annotation and self.class_name and self.annotation != self.class_name)


def ingress_path(component: Component) -> ValuePath:
    return (component.values_key, "ingress")


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _string_annotations(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(key): item for key, item in value.items() if isinstance(item, str)}


def values_ingress(values: Values, component: Component) -> IngressClassInfo | None:
    """The class settings of the component's Ingress as the values render it; None when it renders none."""
    if not ingress_on(values, component):
        return None
    written = lookup(values, (*ingress_path(component), "className"), MISSING)
    from_default = written is MISSING
    class_name = SUBCHART_CLASS_DEFAULTS.get(component.name) if from_default else _text(written)
    annotations = _string_annotations(lookup(values, (*ingress_path(component), "annotations")))
    return IngressClassInfo(component, class_name, _text(annotations.get(CLASS_ANNOTATION)), annotations,
                            from_default and class_name is not None)


def values_ingresses(values: Values) -> list[IngressClassInfo]:
    """Every Ingress the values render, in component order."""
    return [info for info in (values_ingress(values, c) for c in COMPONENTS) if info is not None]


def ingress_class(values: Values, component: Component) -> str | None:
    """The class serving the component's Ingress per the values (None: no Ingress, or no class)."""
    info = values_ingress(values, component)
    return info.effective if info is not None else None


def component_of_ingress_source(source: str | None) -> Component | None:
    """The component whose Ingress template rendered a document, from Helm's ``# Source:`` path."""
    if not source or "/" not in source:
        return None
    below_chart = source.split("/", 1)[1]
    return next((c for c in COMPONENTS if c.ingress_template == below_chart), None)


def rendered_ingresses(documents: Iterable[tuple[str | None, dict[str, Any]]]) -> list[IngressClassInfo]:
    """The class settings of the AAOI Ingress objects among rendered ``(# Source:, body)`` documents."""
    found: list[IngressClassInfo] = []
    for source, body in documents:
        component = component_of_ingress_source(source)
        if component is None or body.get("kind") != "Ingress":
            continue
        metadata = body.get("metadata") if isinstance(body.get("metadata"), dict) else {}
        spec = body.get("spec") if isinstance(body.get("spec"), dict) else {}
        annotations = _string_annotations(metadata.get("annotations") if isinstance(metadata, dict) else None)
        class_name = _text(spec.get("ingressClassName")) if isinstance(spec, dict) else None
        found.append(IngressClassInfo(component, class_name, _text(annotations.get(CLASS_ANNOTATION)), annotations))
    return found


@dataclass(frozen=True)
class TrafficSource:
    """Where the traffic of an Ingress class reaches the pods from."""

    controller: IngressController
    in_cluster: bool  # from the controller's own pods (pod and namespace selectors fit)
    what_to_list: str  # what to put in ingressController when it is not in the cluster


def controller_of(class_name: str | None) -> IngressController | None:
    if not class_name:
        return None
    return BY_CLASS.get(CLASS_ALIASES.get(class_name, class_name))


def _alb_source(values: Values, info: IngressClassInfo, controller: IngressController) -> TrafficSource:
    target = info.annotations.get(ALB_TARGET_TYPE, "instance").strip().lower()
    scheme = info.annotations.get(ALB_SCHEME, "internal").strip().lower()
    subnets = "public" if scheme == "internet-facing" else "private"
    if target == "ip":
        text = (f"an ipBlock of the VPC subnets the ALB is placed in (target-type ip: it connects to the pod IPs "
                f"from its own addresses there; scheme {scheme}: usually the {subnets} subnets), or the VPC CIDR")
    else:
        name = info.component.name
        text = (f"an ipBlock of the nodes' subnets (target-type {target or 'instance'}: the ALB sends to "
                f"{name}'s NodePort and the pod sees a node's address)")
        kind = service_type(values, info.component)
        if kind not in ("NodePort", "LoadBalancer"):
            text += f"; {info.component.values_key}.service.type must be NodePort for this target type " \
                    f"(it is {kind or 'not set'})"
    return TrafficSource(controller, False, text)


def traffic_source(values: Values, info: IngressClassInfo) -> TrafficSource | None:
    """Where the Ingress's traffic comes from, for the classes the model knows (None: unknown class)."""
    controller = controller_of(info.effective)
    if controller is None:
        return None
    if controller.in_cluster:
        return TrafficSource(controller, True, "")
    if controller.name == "aws-load-balancer-controller":
        return _alb_source(values, info, controller)
    return TrafficSource(controller, False, controller.what_to_list)
