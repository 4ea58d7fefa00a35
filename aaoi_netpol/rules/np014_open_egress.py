"""NP014 open-egress: with egress restricted, a peer lets AAOI pods connect anywhere.

`networkPolicy.egress.enabled` limits where AAOI pods may connect, so a
compromised pod cannot reach the rest of the network. A `to` peer of
`0.0.0.0/0`, `::/0` or every namespace, or an `extraEgress` rule with no or
an empty `to`, gives that back: the rule applies to every AAOI pod. It is
reported whatever else is set.

How to fix: list the destinations the pods need, as narrow ipBlocks or as
namespace plus pod selectors.

Failing example::

    networkPolicy:
      enabled: true
      egress:
        enabled: true
        extraEgress:
          - ports: [{port: 443}]

Passing example::

    networkPolicy:
      enabled: true
      egress:
        enabled: true
        extraEgress:
          - to: [{ipBlock: {cidr: 192.0.2.10/32}}]
            ports: [{port: 443}]
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import OPENS_TO_EVERYONE, Finding, rule_from_docstring
from aaoi_netpol.rules.peers import describe_rule_ports, iter_peers, openness, peerless_rules

_LIST_PORTS = {
    "dns": "port 53 (UDP and TCP)",
    "apiManagement": "the ports of apibuilder4elastic.anmUrl/apimgrUrl",
    "externalElasticsearch": "the ports of global.elasticsearchHosts",
}


def check(ctx: LintContext) -> Iterator[Finding]:
    for ref in iter_peers(ctx):
        if ref.direction != "egress":
            continue
        what = openness(ref.peer)
        if what:
            ports = describe_rule_ports(ref.rule) if ref.rule is not None else _LIST_PORTS.get(ref.source, "")
            who = "apibuilder4elastic" if ref.source == "apiManagement" else "every AAOI pod"
            what = what.replace("admits", f"lets {who} reach")
            yield Finding(ref.path,
                              f"egress {ref.source} peer: {what} on {ports}")
    for open_rule in peerless_rules(ctx, "egress"):
        yield Finding(open_rule.path,
                          f"extraEgress rule with {open_rule.written} lets every AAOI pod reach every destination "
                          f"(the whole world) on {describe_rule_ports(open_rule.ref.rule)}",
                          at_value=open_rule.at_value)


RULE = rule_from_docstring(__doc__, Severity.WARNING, check, locked=OPENS_TO_EVERYONE)
