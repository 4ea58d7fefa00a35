"""NP032 ingress-class-conflict: an Ingress would carry two different classes.

An Ingress names its class in `spec.ingressClassName` or, the older way, in
the `kubernetes.io/ingress.class` annotation. The Kubernetes API server
refuses an Ingress where both are set and differ (since 1.27; before, it
refused any Ingress that set both), so `helm install` fails. This happens
easily with AAOI: Elastic's 7.17.3 elasticsearch and kibana subcharts default
`<component>.ingress.className` to `nginx`, so a values file that moves
Kibana to another controller through the annotation alone (as cloud
examples do) renders `ingressClassName: nginx` beside the annotation's class.

How to fix: blank the subchart's class, `<component>.ingress.className: ""`,
and keep the annotation (or set `className` to the class and drop the
annotation).

Failing example::

    kibana:
      ingress:
        annotations:
          kubernetes.io/ingress.class: alb
    elasticsearch:
      ingress:
        enabled: false
    networkPolicy:
      enabled: true
      ingressController:
        - ipBlock: {cidr: 10.0.0.0/16}

Passing example::

    kibana:
      ingress:
        className: ""
        annotations:
          kubernetes.io/ingress.class: alb
          alb.ingress.kubernetes.io/target-type: ip
    elasticsearch:
      ingress:
        enabled: false
    networkPolicy:
      enabled: true
      ingressController:
        - ipBlock: {cidr: 10.0.0.0/16}
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.ingress_classes import CLASS_ANNOTATION, ingress_path, values_ingresses
from aaoi_netpol.rules.base import Finding, rule_from_docstring


def check(ctx: LintContext) -> Iterator[Finding]:
    for info in values_ingresses(ctx.values):
        if not info.conflict:
            continue
        key = info.component.values_key
        origin = f" (the {key} subchart's default)" if info.class_name_from_default else ""
        yield Finding((*ingress_path(info.component), "annotations", CLASS_ANNOTATION),
                      f"the Ingress of {info.component.name} ({key}.ingress) would carry spec.ingressClassName "
                      f"{info.class_name!r}{origin} and the annotation {CLASS_ANNOTATION} {info.annotation!r}: "
                      f"the Kubernetes API server refuses an Ingress whose class annotation differs from its "
                      f"ingressClassName; blank the subchart's class with {key}.ingress.className: \"\" "
                      f"(or set it to {info.annotation!r} and drop the annotation)",
                      at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check)
