"""NP024 invalid-end-port: a port range is impossible (endPort below port, or with a named or missing port).

`endPort` extends a numeric `port` into a range. Kubernetes rejects the
NetworkPolicy when `endPort` is smaller than `port`, when `port` is a name
(`http`: a name has no range) or when there is no `port` at all, so
`helm install` fails.

How to fix: give a numeric `port` not above `endPort`, or drop `endPort`.

Failing example::

    networkPolicy:
      enabled: true
      elasticsearch:
        extraIngress:
          - from: [{podSelector: {matchLabels: {app: es-exporter}}}]
            ports: [{port: 9300, endPort: 9200}]

Passing example::

    networkPolicy:
      enabled: true
      elasticsearch:
        extraIngress:
          - from: [{podSelector: {matchLabels: {app: es-exporter}}}]
            ports: [{port: 9200, endPort: 9300}]
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.peers import iter_ports


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, port, _ in iter_ports(ctx):
        end = port.get("endPort")
        if not isinstance(end, int) or isinstance(end, bool):
            continue
        start = port.get("port")
        if "port" not in port or start is None:
            why = f"endPort {end} without a port: a range needs its first port in `port`"
        elif isinstance(start, str):
            why = f"endPort {end} with the named port {start!r}: only a numeric port can start a range"
        elif isinstance(start, int) and not isinstance(start, bool) and end < start:
            why = f"endPort {end} is below port {start}: the range is empty"
        else:
            continue
        yield Finding((*path, "endPort"), why + "; Kubernetes rejects the policy",
                          at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check)
