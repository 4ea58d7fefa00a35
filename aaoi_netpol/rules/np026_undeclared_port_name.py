"""NP026 undeclared-port-name: an extraIngress rule names a port the component's containers do not declare.

A named port in a NetworkPolicy matches a container port of that name on the
selected pods. A name no container of the component declares matches
nothing, so the rule silently admits no one. AAOI's containers declare:
elasticsearch `http` (9200) and `transport` (9300); logstash `http` (9600)
and `beats` (5044, from `logstash.extraPorts`); apm-server `http` (8200).
Kibana (5601), apibuilder4elastic (8443) and filebeat declare no names.

How to fix: use the port number, or a name from the list above.

Failing example::

    networkPolicy:
      enabled: true
      kibana:
        extraIngress:
          - from: [{podSelector: {matchLabels: {app: report-runner}}}]
            ports: [{port: http}]

Passing example::

    networkPolicy:
      enabled: true
      kibana:
        extraIngress:
          - from: [{podSelector: {matchLabels: {app: report-runner}}}]
            ports: [{port: 5601}]
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.services import declared_port_names
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.peers import iter_ports
from aaoi_netpol.rules.port_names import port_name_problem


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, port, rule in iter_ports(ctx):
        name = port.get("port")
        if rule.component is None or not isinstance(name, str) or port_name_problem(name):
            continue
        declared = declared_port_names(ctx.values, rule.component)
        if declared is None or name in declared:
            continue
        known = ", ".join(sorted(declared)) if declared else "none"
        yield Finding((*path, "port"),
                          f"no container of {rule.component.name} declares a port named {name!r} (declared: "
                          f"{known}): the rule admits no one; use the port number", at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check)
