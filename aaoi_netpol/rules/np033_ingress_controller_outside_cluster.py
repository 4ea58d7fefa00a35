"""NP033 ingress-controller-outside-cluster: an external load balancer serves an Ingress only selectors admit.

A NetworkPolicy sees the address of the packet that reaches the pod. Cloud
load balancers do not proxy from pods: the AWS Load Balancer Controller's
ALB (class `alb`) connects to pod IPs from its own addresses in the VPC
subnets (`alb.ingress.kubernetes.io/target-type: ip`) or, with the default
target type `instance`, through a NodePort, so the pod sees a node's
address; GKE's load balancer (`gce`) connects from Google's front-end ranges
130.211.0.0/22 and 35.191.0.0/16; Azure's Application Gateway
(`azure/application-gateway`) from its own subnet. A
`networkPolicy.ingressController` of pod and namespace selectors only (such
as the default, ingress-nginx's pods) matches none of these, so the Ingress
stops working the moment the policies are on. The finding names the
Ingress, its class and what to list instead.

How to fix: list the load balancer's addresses as ipBlock peers in
`ingressController` (or, with several classes, under this class in the map
form of `ingressController`).

Failing example::

    kibana:
      ingress:
        className: alb
        annotations:
          alb.ingress.kubernetes.io/target-type: ip
    elasticsearch:
      ingress:
        enabled: false
    networkPolicy:
      enabled: true

Passing example::

    kibana:
      ingress:
        className: alb
        annotations:
          alb.ingress.kubernetes.io/target-type: ip
    elasticsearch:
      ingress:
        enabled: false
    networkPolicy:
      enabled: true
      ingressController:
        - ipBlock: {cidr: 10.0.0.0/19}
        - ipBlock: {cidr: 10.0.32.0/19}
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import BLOCKS_REQUIRED_FLOW, Finding, rule_from_docstring
from aaoi_netpol.rules.ingress_sources import admitted_controllers, describe_class, has_ipblock


def check(ctx: LintContext) -> Iterator[Finding]:
    for item in admitted_controllers(ctx):
        if item.source.in_cluster or any(has_ipblock(peer) for peer in item.peers):
            continue
        yield Finding(item.locate(),
                      f"{describe_class(item)} is served from outside the cluster, but {item.written_as} admits "
                      f"only pod and namespace selectors, so {item.info.component.name} port {item.port} would "
                      f"be cut off; list {item.source.what_to_list}",
                      at_value=item.path is None)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check, locked=BLOCKS_REQUIRED_FLOW)
