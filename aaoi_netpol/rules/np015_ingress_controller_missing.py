"""NP015 ingress-controller-missing: an Ingress is enabled but no Ingress controller is admitted.

With `networkPolicy.enabled`, the only way into elasticsearch, kibana and
apibuilder4elastic is what the policy lists. Their Ingress objects are served
by the Ingress controller's pods, so when `networkPolicy.ingressController` is
an empty list the controller is denied and the Ingress stops working
(HTTP 502/504 at `kibana.apim4elastic.local`). Leave the key out to get the
default (ingress-nginx in namespace ingress-nginx).

How to fix: list your Ingress controller's pods, or disable the Ingress of
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

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.model.ports import port_number
from aaoi_netpol.model.switches import policies_enabled
from aaoi_netpol.rules.base import BLOCKS_REQUIRED_FLOW, Finding, rule_from_docstring
from aaoi_netpol.rules.role_lists import components_using_role, explicit_list, human_list


def check(ctx: LintContext) -> Iterator[Finding]:
    if not policies_enabled(ctx.values) or explicit_list(ctx, (SECTION, "ingressController")) != []:
        return
    cut = [f"{component.name} (port {port_number(ctx.values, port)})"
           for component, port in components_using_role(ctx, "ingressController")]
    if cut:
        yield Finding((SECTION, "ingressController"),
                          f"networkPolicy.ingressController is empty while the Ingress of {human_list(cut)} "
                          f"is enabled: the policy admits no Ingress controller, so the Ingress would be cut off",
                          at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check, locked=BLOCKS_REQUIRED_FLOW)
