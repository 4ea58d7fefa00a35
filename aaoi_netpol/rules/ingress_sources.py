"""Rule helpers: each rendered Ingress with the controller peers admitted to its component, and where they are."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.model.flows import ingress_controller_peers
from aaoi_netpol.model.ingress_classes import (
    CLASS_ANNOTATION,
    IngressClassInfo,
    TrafficSource,
    ingress_path,
    traffic_source,
    values_ingresses,
)
from aaoi_netpol.model.ports import describe_port
from aaoi_netpol.model.switches import policies_enabled
from aaoi_netpol.value_path import ValuePath

_PORT_KEYS = {"elasticsearch": "es-http", "kibana": "kibana-http", "apibuilder4elastic": "apibuilder4elastic"}


@dataclass(frozen=True)
class AdmittedController:
    info: IngressClassInfo
    source: TrafficSource
    peers: list[Any]  # what the component's policy admits for its Ingress
    path: ValuePath | None  # where those peers are written; None: the contract's default
    written_as: str  # how to name them in a message
    port: str  # the component's Ingress port: "5601 (http)"

    def locate(self) -> ValuePath:
        """The peers when written, else the setting that chose the class."""
        return self.path if self.path is not None else class_setting_path(self.info)


def class_setting_path(info: IngressClassInfo) -> ValuePath:
    base = ingress_path(info.component)
    if info.annotation:
        return (*base, "annotations", CLASS_ANNOTATION)
    if info.class_name and not info.class_name_from_default:
        return (*base, "className")
    return (*base, "enabled")


def admitted_controllers(ctx: LintContext) -> Iterator[AdmittedController]:
    """With policies on: every Ingress of a known class, with the peers admitted for it (none: NP015's case)."""
    if not policies_enabled(ctx.values):
        return
    written = ctx.get((SECTION, "ingressController"))
    for info in values_ingresses(ctx.values):
        source = traffic_source(ctx.values, info)
        peers = ingress_controller_peers(ctx.values, info.component.name)
        if source is None or not peers:
            continue
        if isinstance(written, dict):
            path: ValuePath | None = (SECTION, "ingressController", str(info.effective))
            named = f"networkPolicy.ingressController.{info.effective}"
        elif isinstance(written, list):
            path, named = (SECTION, "ingressController"), "networkPolicy.ingressController"
        else:
            path, named = None, "networkPolicy.ingressController (not set: the default, ingress-nginx's pods)"
        port = describe_port(ctx.values, _PORT_KEYS[info.component.name])
        yield AdmittedController(info, source, peers, path, named, port)


def has_ipblock(peer: Any) -> bool:
    return isinstance(peer, dict) and "ipBlock" in peer


def describe_class(item: AdmittedController) -> str:
    """``kibana's Ingress (class 'alb', AWS Load Balancer Controller)``."""
    return f"the Ingress of {item.info.component.name} (class {item.info.effective!r}, served by " \
           f"{item.source.controller.name})"
