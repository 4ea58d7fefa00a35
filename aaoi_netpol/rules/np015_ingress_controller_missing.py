"""NP015 ingress-controller-missing: an Ingress is enabled but no Ingress controller is admitted.

With `networkPolicy.enabled`, the only way into elasticsearch, kibana and
apibuilder4elastic is what the policy lists. Their Ingress objects are served
by the Ingress controller's pods, so when `networkPolicy.ingressController` is
an empty list the controller is denied and the Ingress stops working
(HTTP 502/504 at `kibana.apim4elastic.local`). Leave the key out to get the
default (ingress-nginx in namespace ingress-nginx).

When `ingressController` maps Ingress class names to peer lists, each
component admits only the list of its own Ingress's class (the
`kubernetes.io/ingress.class` annotation, else `<component>.ingress.className`):
an Ingress whose class the map does not name, whose class list is empty, or
that has no class at all is cut off the same way.

How to fix: list your Ingress controller's pods (in the map form: under the
Ingress's class, and give every Ingress a class), or disable the Ingress of
the components you do not publish.

Failing example::

    networkPolicy:
      enabled: true
      ingressController: []

Passing example::

    networkPolicy:
      enabled: true
      ingressController:
        - namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: ingress-nginx}
          podSelector:
            matchLabels: {app.kubernetes.io/name: ingress-nginx}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.components import SECTION, Component
from aaoi_netpol.model.ingress_classes import values_ingress
from aaoi_netpol.model.ports import port_number
from aaoi_netpol.model.switches import policies_enabled
from aaoi_netpol.rules.base import BLOCKS_REQUIRED_FLOW, Finding, rule_from_docstring
from aaoi_netpol.rules.role_lists import components_using_role, explicit_list, human_list

PATH = (SECTION, "ingressController")


def _cut_by_class(ctx: LintContext) -> dict[str | None, list[tuple[Component, str]]]:
    """Ingress class (None: no class) -> the components with such an Ingress, and 'kibana (port 5601)'."""
    found: dict[str | None, list[tuple[Component, str]]] = {}
    for component, port in components_using_role(ctx, "ingressController"):
        info = values_ingress(ctx.values, component)
        found.setdefault(info.effective if info else None, []).append(
            (component, f"{component.name} (port {port_number(ctx.values, port)})"))
    return found


def _map_form(ctx: LintContext, written: dict[Any, Any]) -> Iterator[Finding]:
    for class_name, components in _cut_by_class(ctx).items():
        ingresses = f"the Ingress of {human_list([text for _, text in components])}"
        if class_name is None:
            keys = human_list([f"{component.values_key}.ingress.className" for component, _ in components])
            yield Finding(PATH, f"{ingresses} has no Ingress class, and networkPolicy.ingressController maps "
                                f"classes to peers: no controller is admitted, so the Ingress would be cut off; "
                                f"set {keys} (or the kubernetes.io/ingress.class annotation) to your "
                                f"controller's class")
        elif class_name not in written or written[class_name] is None:
            yield Finding(PATH, f"{ingresses} has class {class_name!r}, which networkPolicy.ingressController "
                                f"does not name: no controller is admitted, so the Ingress would be cut off; "
                                f"add '{class_name}:' with its controller's peers")
        elif written[class_name] == []:
            yield Finding((*PATH, class_name), f"networkPolicy.ingressController.{class_name} is empty while "
                                               f"{ingresses} has that class: no controller is admitted, so the "
                                               f"Ingress would be cut off", at_value=True)


def check(ctx: LintContext) -> Iterator[Finding]:
    if not policies_enabled(ctx.values):
        return
    written = ctx.get(PATH)
    if isinstance(written, dict):
        yield from _map_form(ctx, written)
        return
    if explicit_list(ctx, PATH) != []:
        return
    cut = [f"{component.name} (port {port_number(ctx.values, port)})"
           for component, port in components_using_role(ctx, "ingressController")]
    if cut:
        yield Finding(PATH, f"networkPolicy.ingressController is empty while the Ingress of {human_list(cut)} "
                            f"is enabled: the policy admits no Ingress controller, so the Ingress would be cut off",
                      at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check, locked=BLOCKS_REQUIRED_FLOW)
