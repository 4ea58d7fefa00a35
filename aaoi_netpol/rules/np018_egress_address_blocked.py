"""NP018 egress-address-blocked: egress is restricted and an address AAOI must reach is not allowed.

With `networkPolicy.egress.enabled`, apibuilder4elastic may reach the
Admin-Node-Manager (`apibuilder4elastic.anmUrl`) and the API-Manager
(`apibuilder4elastic.apimgrUrl`) only through the peers in
`networkPolicy.egress.apiManagement`, and the AAOI components may reach an
external Elasticsearch (`global.elasticsearchHosts` pointing outside the
release) only through `networkPolicy.egress.externalElasticsearch`
(`egress.extraEgress` counts too). When the URL names an IP address that no
listed ipBlock contains (or that an `except` removes), the connection is
dropped: no API-Manager data, or no Elasticsearch at all.

How to fix: add an ipBlock that contains the address to the list named in
the finding.

Failing example::

    apibuilder4elastic:
      anmUrl: https://10.9.8.7:8090
    networkPolicy:
      enabled: true
      egress:
        enabled: true
        apiManagement:
          - ipBlock: {cidr: 10.1.0.0/16}

Passing example::

    apibuilder4elastic:
      anmUrl: https://10.9.8.7:8090
    networkPolicy:
      enabled: true
      egress:
        enabled: true
        apiManagement:
          - ipBlock: {cidr: 10.9.8.7/32}
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.rules.base import BLOCKS_REQUIRED_FLOW, Finding, rule_from_docstring
from aaoi_netpol.rules.cidrs import Address, block_contains, ip_literal
from aaoi_netpol.rules.egress_targets import EgressTarget, egress_targets, extra_rules, listed_peers, rule_peers


def address_allowed(ctx: LintContext, target: EgressTarget, address: Address) -> bool:
    peers = listed_peers(ctx, target)
    for rule in extra_rules(ctx, target):
        more = rule_peers(rule)
        if more is None:
            return True
        peers += more
    return any(isinstance(p.get("ipBlock"), dict) and block_contains(p["ipBlock"], address) for p in peers)


def check(ctx: LintContext) -> Iterator[Finding]:
    for target in egress_targets(ctx):
        address = ip_literal(target.host.host)
        if address is None or address_allowed(ctx, target, address):
            continue
        yield Finding(target.path,
            f"egress is restricted and {target.setting} points to {address}, which no ipBlock of "
            f"networkPolicy.egress.{target.list_key} (or egress.extraEgress) admits: {target.who} cannot "
            f"reach {target.what}; add an ipBlock containing {address}/{address.max_prefixlen}",
            at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check, locked=BLOCKS_REQUIRED_FLOW)
