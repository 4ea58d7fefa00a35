"""Rule helpers over the networkPolicy role lists, derived from the model's flow catalog."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.model.components import BY_NAME, Component
from aaoi_netpol.model.flows import FLOWS, INBOUND_ROLES
from aaoi_netpol.model.ingress_classes import ingress_class
from aaoi_netpol.model.switches import component_deployed, ingress_on
from aaoi_netpol.value_path import ValuePath

# role -> ((target component, port key), ...): what each inbound role list opens, in catalog order
ROLE_TARGETS: dict[str, tuple[tuple[str, str], ...]] = {
    role: tuple((spec.target, port) for spec in FLOWS if spec.source == role for port in spec.ports)
    for role in INBOUND_ROLES
}


def explicit_list(ctx: LintContext, path: ValuePath) -> list[Any] | None:
    """The list written at ``path``, or None when absent/not a list (the contract's default applies)."""
    found = ctx.get(path)
    return found if isinstance(found, list) else None


def components_using_role(ctx: LintContext, role: str,
                          ingress_class_name: str | None = None) -> Iterator[tuple[Component, str]]:
    """(component, port key) pairs the role list opens that are deployed now (Ingress on, for the controller;
    with ``ingress_class_name``, only the Ingresses of that class)."""
    for name, port in ROLE_TARGETS[role]:
        component = BY_NAME[name]
        if role == "ingressController":
            if ingress_on(ctx.values, component) and (
                    ingress_class_name is None or ingress_class(ctx.values, component) == ingress_class_name):
                yield component, port
        elif component_deployed(ctx.values, component):
            yield component, port


def human_list(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
