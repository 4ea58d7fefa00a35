"""NP901 foreign-policy: a NetworkPolicy in the rendered output does not come from aaoi-netpol's template.

Only `render` and `lint --chart CHART` reach this rule. NetworkPolicies add
up: any policy in the output can open what ours close, whatever labels it
carries. A values string that a chart template prints unquoted can smuggle a
whole extra document into the output (AAOI's own
`templates/elasticApimApmServer/apm-server-config.yaml` prints
`apm-server.ssl.key` that way, even when apm-server is off), so a policy is
trusted only when Helm's `# Source:` comment says our overlay template
(`templates/aaoi-netpol-networkpolicies.yaml`) rendered it. A policy from any
other template, a document of another kind from ours, or the same policy
twice, is an error naming the template. Elastic's own
`elasticsearch.networkPolicy` is reported here too once it renders.

How to fix: remove what renders the policy: the chart's own NetworkPolicy
(switch it off), or the values that print one (a multi-line value holding
`---` and a document, usually in a certificate or key setting).

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
    apm-server:
      ssl:
        key: config/certificates/apmserver.key
"""

from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import OPENS_TO_EVERYONE, rule_from_docstring

RULE = rule_from_docstring(__doc__, Severity.ERROR, locked=OPENS_TO_EVERYONE)
