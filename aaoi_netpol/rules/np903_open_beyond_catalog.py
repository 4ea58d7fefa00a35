"""NP903 open-beyond-catalog: an AAOI component is reachable beyond the flow catalog and the declared peers.

Only `render` and `lint --chart CHART` reach this rule. For every party of
the modelled cluster (AAOI's pods, the declared peers, the Ingress
controllers, an unlabelled pod in the release namespace and in a brand-new
namespace, an address inside the cluster's private ranges and one on the
internet) and every AAOI pod, the ports the whole output opens are computed
and compared with what is expected: the AAOI flow catalog and what the
values declare (role lists, `extraIngress`; with egress restricted,
`extraEgress` and the egress lists). Anything more is an error naming the
sources, the component, the ports and the policy rule that lets it through:
a foreign policy, a workload no policy selects, or an opening nobody asked
for. An opening to the brand-new namespace (the whole cluster) or to the
internet (the world) can be accepted with `networkPolicy.acknowledgeOpen`;
it is then reported as a warning with its reason on every run.

How to fix: remove the policy the message names, or make sure every AAOI
workload is selected by aaoi-netpol's policies; to accept an opening on
purpose, list it in `acknowledgeOpen` with a reason.

Failing example::

    networkPolicy:
      enabled: true
    apm-server:
      ssl:
        key: |-
          x
          ---
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: open-everything}
          spec: {podSelector: {}, ingress: [{}]}

Passing example::

    networkPolicy:
      enabled: true
"""

from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import OPENS_TO_EVERYONE, rule_from_docstring

RULE = rule_from_docstring(__doc__, Severity.ERROR, locked=OPENS_TO_EVERYONE)
