"""NP000 yaml-syntax: the values file is not YAML that Helm can read.

A syntax error makes `helm install` fail before anything is rendered, so the
file is reported at the place the parser stopped and no other check runs on
it. The same rule covers values Helm cannot carry through JSON (`.nan`,
`.inf`), keys that are not strings, numbers or booleans, recursive aliases and
malformed merge keys (`<<`).

How to fix: correct the YAML at the reported line and column.

Failing example::

    networkPolicy:
      enabled: true
      apiGateways: [ {ipBlock: {cidr: 10.0.0.0/8}}

Passing example::

    networkPolicy:
      enabled: true
      apiGateways: [ {ipBlock: {cidr: 10.0.0.0/8}} ]
"""

from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import rule_from_docstring

RULE = rule_from_docstring(__doc__, Severity.ERROR, locked="Helm cannot read such a file")
