"""NP025 invalid-port-name: a named port is not a valid port name (IANA_SVC_NAME).

A NetworkPolicy port given as a string is a container port name, and
Kubernetes rejects the policy unless the name is a valid IANA service name:
at most 15 characters, only lower-case letters, digits and `-`, at least one
letter, no `-` at the start or end and no `--`. A quoted number (`"9200"`) is
a name too, and an invalid one.

How to fix: write the port number without quotes, or the exact name the
container declares (`http`, `transport`, `beats`).

Failing example::

    networkPolicy:
      enabled: true
      logstash:
        extraIngress:
          - from: [{podSelector: {matchLabels: {app: shipper}}}]
            ports: [{port: "5044"}]

Passing example::

    networkPolicy:
      enabled: true
      logstash:
        extraIngress:
          - from: [{podSelector: {matchLabels: {app: shipper}}}]
            ports: [{port: 5044}]
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.peers import iter_ports
from aaoi_netpol.rules.port_names import port_name_problem


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, port, _ in iter_ports(ctx):
        name = port.get("port")
        if not isinstance(name, str):
            continue
        problem = port_name_problem(name)
        if problem:
            yield Finding((*path, "port"),
                              f"port name {name!r} {problem}: Kubernetes rejects the policy", at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check)
