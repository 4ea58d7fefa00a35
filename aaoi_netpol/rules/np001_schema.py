"""NP001 schema: the networkPolicy section does not match the aaoi-netpol schema.

The section is checked against the JSON schema that `helm netpol schema`
prints (draft-07, the same one `--write-chart` puts into the chart's
`values.schema.json`, so Helm 3 and Helm 4 reach the same verdict). Peers,
rules and ports are typed as in a Kubernetes NetworkPolicy, and no unknown key
is accepted anywhere in the section: a misspelt key would otherwise be dropped
silently and the policy would not say what you meant. Unknown keys come with
a "did you mean" suggestion.

How to fix: use the key names and types that `helm netpol schema` documents.
`lint --fix` renames a misspelt key that has exactly one close match, and
unquotes a switch written as the string `"true"` or `"false"`.

Failing example::

    networkPolicy:
      enabled: "maybe"
      apiGateways:
        - ipblock: {cidr: 10.20.0.0/16}

Passing example::

    networkPolicy:
      enabled: true
      apiGateways:
        - ipBlock: {cidr: 10.20.0.0/16}
"""

from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import rule_from_docstring

RULE = rule_from_docstring(__doc__, Severity.ERROR, fixable=True)
