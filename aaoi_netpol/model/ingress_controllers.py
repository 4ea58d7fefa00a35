"""Ingress controllers: which Ingress classes they serve and where their traffic reaches the pods from.

A NetworkPolicy sees the source address of the packet that reaches the pod:
an in-cluster controller proxies from its own pods (a namespaceSelector +
podSelector peer fits), while a cloud load balancer that targets pod IPs
connects from addresses outside the pod network (an ipBlock peer), and one
that targets a NodePort arrives with a node's address.

The selectors are the defaults of each controller's upstream chart or
install manifest; a cluster that installed it otherwise must adjust them.
Where each one comes from:

- ingress-nginx: the kubernetes/ingress-nginx chart and manifests (namespace
  ``ingress-nginx``, pods ``app.kubernetes.io/name: ingress-nginx``).
- traefik: the traefik/traefik chart (``app.kubernetes.io/name: traefik``),
  installed into namespace ``traefik``.
- haproxy: HAProxy Technologies' controller. Its manifest
  (haproxytech/kubernetes-ingress, ``deploy/haproxy-ingress.yaml``) creates
  namespace ``haproxy-controller``; its Helm chart (haproxytech/helm-charts,
  ``kubernetes-ingress``) labels the controller pods
  ``app.kubernetes.io/name: kubernetes-ingress`` and serves class ``haproxy``
  (``controller.ingressClass``). The peer is the chart's pods in that
  namespace. (The community haproxy-ingress controller also uses class
  ``haproxy``, with other labels: adjust the peer if that is yours.)
- contour: projectcontour/contour's quickstart manifest
  (``examples/contour/03-envoy.yaml``): the Envoy DaemonSet, pods
  ``app: envoy`` in namespace ``projectcontour``, proxies the traffic; Contour
  serves class ``contour`` by default.
- kong: Kong/charts' ``kong/ingress`` chart, installed as documented
  (``helm install kong kong/ingress -n kong``): the proxy is its ``gateway``
  subchart, whose pods get ``app.kubernetes.io/name: gateway`` (the kong
  chart's name template takes the alias); class ``kong``.
- istio: Istio serves Ingress objects of class ``istio`` through the gateway
  its mesh config selects by default (``ingressSelector: ingressgateway``):
  pods ``istio: ingressgateway`` in ``istio-system``, as ``istioctl install``
  creates them.
- The cloud controllers: see each entry's ``what_to_list``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aaoi_netpol.model.components import METADATA_NAME


def _pods_in(namespace: str, labels: dict[str, str]) -> dict[str, Any]:
    return {"namespaceSelector": {"matchLabels": {METADATA_NAME: namespace}},
            "podSelector": {"matchLabels": dict(labels)}}


@dataclass(frozen=True)
class IngressController:
    name: str  # what users type: --ingress-controller NAME
    classes: tuple[str, ...]  # Ingress class names it serves by default
    in_cluster: bool  # traffic comes from the controller's own pods
    peers: tuple[dict[str, Any], ...] = ()  # peers to admit (empty: the user must name them)
    what_to_list: str = ""  # for cloud controllers: the addresses to put in ingressController
    annotations: dict[str, str] = field(default_factory=dict)  # provider annotations that change the source


CONTROLLERS: tuple[IngressController, ...] = (
    IngressController("ingress-nginx", ("nginx",), True,
                      (_pods_in("ingress-nginx", {"app.kubernetes.io/name": "ingress-nginx"}),)),
    IngressController("traefik", ("traefik",), True,
                      (_pods_in("traefik", {"app.kubernetes.io/name": "traefik"}),)),
    IngressController("haproxy", ("haproxy",), True,
                      (_pods_in("haproxy-controller", {"app.kubernetes.io/name": "kubernetes-ingress"}),)),
    IngressController("contour", ("contour",), True, (_pods_in("projectcontour", {"app": "envoy"}),)),
    IngressController("kong", ("kong",), True, (_pods_in("kong", {"app.kubernetes.io/name": "gateway"}),)),
    IngressController("istio", ("istio",), True, (_pods_in("istio-system", {"istio": "ingressgateway"}),)),
    IngressController("aws-load-balancer-controller", ("alb",), False, (),
                      "an ipBlock of the VPC subnets the ALB is placed in (target-type ip), or of the nodes' "
                      "addresses when it targets a NodePort (target-type instance, the default)",
                      {"alb.ingress.kubernetes.io/target-type": "instance"}),
    IngressController("gke", ("gce", "gce-internal"), False,
                      ({"ipBlock": {"cidr": "130.211.0.0/22"}}, {"ipBlock": {"cidr": "35.191.0.0/16"}}),
                      "Google's front-end ranges 130.211.0.0/22 and 35.191.0.0/16 (container-native load balancing); "
                      "gce-internal: the proxy-only subnet of the region"),
    IngressController("azure-application-gateway", ("azure/application-gateway",), False, (),
                      "an ipBlock of the Application Gateway's subnet"),
)
BY_CONTROLLER: dict[str, IngressController] = {c.name: c for c in CONTROLLERS}
BY_CLASS: dict[str, IngressController] = {cls: c for c in CONTROLLERS for cls in c.classes}
