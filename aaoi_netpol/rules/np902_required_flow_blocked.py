"""NP902 required-flow-blocked: a flow AAOI needs is not open in the rendered output.

Only `render` and `lint --chart CHART` reach this rule. The rendered output
is evaluated with Kubernetes semantics (every NetworkPolicy document, ingress
and egress both needed, selectors, namespaces, ports by number, name and
range) against a modelled cluster: AAOI's pods as Helm rendered them, the
peers the values name, the Ingress controller that serves each Ingress and
DNS. Every flow of the AAOI catalog that holds for these values (kibana to
elasticsearch 9200, the Ingress controller to kibana 5601, the API-Gateways
to logstash 5044, ...) must be open for every such source and destination;
one that is not means AAOI stops working once the policies are applied. The
Ingress controller is modelled where it really runs: the upstream location of
the controller of the Ingress class (ingress-nginx pods in namespace
`ingress-nginx` for class `nginx`), or `networkPolicy.ingressControllerPods`.

How to fix: the message names the source, the destination port and why it is
denied. Usually `ingressController` names the wrong namespace or labels, or
the controller runs elsewhere than its upstream default: list it in
`networkPolicy.ingressControllerPods` (`namespace`, `labels`, optional `class`).

Failing example::

    networkPolicy:
      enabled: true
      ingressController:
        - namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: nginx-wrong}
          podSelector:
            matchLabels: {app.kubernetes.io/name: ingress-nginx}

Passing example::

    networkPolicy:
      enabled: true
      ingressController:
        - namespaceSelector:
            matchLabels: {kubernetes.io/metadata.name: ingress-nginx}
          podSelector:
            matchLabels: {app.kubernetes.io/name: ingress-nginx}
"""

from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import BLOCKS_REQUIRED_FLOW, rule_from_docstring

RULE = rule_from_docstring(__doc__, Severity.ERROR, locked=BLOCKS_REQUIRED_FLOW)
