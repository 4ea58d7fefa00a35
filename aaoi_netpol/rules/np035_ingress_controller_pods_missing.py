"""NP035 ingress-controller-pods-missing: an in-cluster Ingress controller is admitted by ipBlocks only.

Ingress controllers that run in the cluster (ingress-nginx, Traefik, ...)
proxy each request from their own pods, so the AAOI pod sees a pod address.
NetworkPolicy `ipBlock` peers are meant for addresses outside the cluster;
whether they match pod IPs at all depends on the CNI. An Ingress of such a
class whose component admits only ipBlocks, typically the addresses of a
cloud load balancer written for another Ingress, is most likely cut off.
AAOI's defaults keep the elasticsearch Ingress on class `nginx`, so moving
only Kibana to a cloud load balancer with a plain `ingressController` list
leaves Elasticsearch's Ingress behind.

How to fix: admit the controller's pods (namespaceSelector by
`kubernetes.io/metadata.name` plus podSelector); with Ingresses of several
classes, write `ingressController` as a map from class to peers.

Failing example::

    kibana:
      ingress:
        className: alb
        annotations:
          alb.ingress.kubernetes.io/target-type: ip
    networkPolicy:
      enabled: true
      ingressController:
        - ipBlock: {cidr: 10.0.0.0/19}

Passing example::

    kibana:
      ingress:
        className: alb
        annotations:
          alb.ingress.kubernetes.io/target-type: ip
    networkPolicy:
      enabled: true
      ingressController:
        alb:
          - ipBlock: {cidr: 10.0.0.0/19}
        nginx:
          - namespaceSelector:
              matchLabels: {kubernetes.io/metadata.name: ingress-nginx}
            podSelector:
              matchLabels: {app.kubernetes.io/name: ingress-nginx}
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.ingress_sources import admitted_controllers, describe_class, has_ipblock


def check(ctx: LintContext) -> Iterator[Finding]:
    for item in admitted_controllers(ctx):
        if not item.source.in_cluster or not all(has_ipblock(peer) for peer in item.peers):
            continue
        pods = item.source.controller.peers
        example = f" (its usual install: {json.dumps(pods[0], separators=(', ', ': '))})" if pods else ""
        yield Finding(item.locate(),
                      f"{describe_class(item)} is proxied by the controller's own pods, but {item.written_as} "
                      f"admits only ipBlocks, so {item.info.component.name} port {item.port} is most likely cut "
                      f"off; admit the controller's pods{example}, and write ingressController as a map from "
                      f"Ingress class to peers when the Ingresses use several classes",
                      at_value=item.path is None)


RULE = rule_from_docstring(__doc__, Severity.WARNING, check)
