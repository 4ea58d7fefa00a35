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

import re
from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Diagnostic, Severity
from aaoi_netpol.rules.base import rule_from_docstring
from aaoi_netpol.rules.peers import iter_ports

_CHARSET = re.compile(r"^[-a-z0-9]+$")


def port_name_problem(name: str) -> str | None:
    """Why ``name`` is not an IANA_SVC_NAME (Kubernetes' IsValidPortName), or None."""
    if name.strip().isdigit():
        return "is a number in quotes; write it without quotes"
    if not name:
        return "is empty"
    if len(name) > 15:
        return "is longer than 15 characters"
    if not _CHARSET.match(name):
        return "may contain only lower-case letters, digits and '-'"
    if not re.search(r"[a-z]", name):
        return "needs at least one letter"
    if name.startswith("-") or name.endswith("-"):
        return "may not start or end with '-'"
    if "--" in name:
        return "may not contain '--'"
    return None


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for path, port, _ in iter_ports(ctx):
        name = port.get("port")
        if not isinstance(name, str):
            continue
        problem = port_name_problem(name)
        if problem:
            yield ctx.finding(RULE.id, RULE.severity, (*path, "port"),
                              f"port name {name!r} {problem}: Kubernetes rejects the policy", at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check)
