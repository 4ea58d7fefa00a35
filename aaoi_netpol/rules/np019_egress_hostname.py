"""NP019 egress-hostname: egress is restricted and a host AAOI must reach is a DNS name no peer can match.

A NetworkPolicy matches pods and IP ranges, never DNS names. When
`apibuilder4elastic.anmUrl`/`apimgrUrl` or an external
`global.elasticsearchHosts` names a host and egress is restricted, the
connection only works if the host's addresses are listed as ipBlock in
`networkPolicy.egress.apiManagement` / `egress.externalElasticsearch` (or in
`egress.extraEgress`). The finding appears when no ipBlock is listed there
(for a Service name of the cluster, a pod selector peer is accepted too).
Addresses can change: keep the ipBlocks in step with the host's DNS records.

How to fix: look up the host's addresses and list them as ipBlock.

Failing example::

    apibuilder4elastic:
      anmUrl: https://anm.example.com:8090
    networkPolicy:
      enabled: true
      egress:
        enabled: true

Passing example::

    apibuilder4elastic:
      anmUrl: https://anm.example.com:8090
    networkPolicy:
      enabled: true
      egress:
        enabled: true
        apiManagement:
          - ipBlock: {cidr: 192.0.2.10/32}  # anm.example.com
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.hosts import cluster_local_name
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.cidrs import ip_literal
from aaoi_netpol.rules.egress_targets import (
    EgressTarget,
    egress_targets,
    extra_rules,
    listed_peers,
    rule_peers,
)


def may_reach(ctx: LintContext, target: EgressTarget) -> bool:
    peers = listed_peers(ctx, target)
    for rule in extra_rules(ctx, target):
        more = rule_peers(rule)
        if more is None:
            return True
        peers += more
    if any("ipBlock" in p for p in peers):
        return True
    return cluster_local_name(target.host.host) and any("podSelector" in p or "namespaceSelector" in p
                                                        for p in peers)


def check(ctx: LintContext) -> Iterator[Finding]:
    for target in egress_targets(ctx):
        if ip_literal(target.host.host) is not None or may_reach(ctx, target):
            continue
        yield Finding(target.path,
            f"egress is restricted and {target.setting} names the host {target.host.host}: a NetworkPolicy "
            f"cannot match DNS names, so {target.who} cannot reach {target.what}; list its addresses as "
            f"ipBlock in networkPolicy.egress.{target.list_key}",
            at_value=True)


RULE = rule_from_docstring(__doc__, Severity.WARNING, check)
