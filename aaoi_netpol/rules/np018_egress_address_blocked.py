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
from dataclasses import dataclass
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Diagnostic, Severity
from aaoi_netpol.rules.aaoi_facts import NP, deployed, egress_enabled
from aaoi_netpol.rules.aaoi_hosts import UrlHost, in_release_elasticsearch, url_hosts
from aaoi_netpol.rules.base import BLOCKS_REQUIRED_FLOW, rule_from_docstring
from aaoi_netpol.rules.peers import Address, block_contains, ip_literal, iter_rules, rule_admits_port
from aaoi_netpol.yaml_loader import ValuePath


@dataclass(frozen=True)
class EgressTarget:
    path: ValuePath  # the URL setting
    host: UrlHost
    list_key: str  # the networkPolicy.egress list meant for it
    who: str  # the pods that connect
    what: str  # what they connect to

    @property
    def setting(self) -> str:
        return ".".join(str(step) for step in self.path)


def egress_targets(ctx: LintContext) -> Iterator[EgressTarget]:
    """Hosts outside the release that AAOI connects to, when egress is restricted."""
    if not egress_enabled(ctx):
        return
    if deployed(ctx, "apibuilder4elastic"):
        for key, what in (("anmUrl", "the Admin-Node-Manager"), ("apimgrUrl", "the API-Manager")):
            path = ("apibuilder4elastic", key)
            for host in url_hosts(ctx.get(path)):
                yield EgressTarget(path, host, "apiManagement", "apibuilder4elastic", what)
    path = ("global", "elasticsearchHosts")
    for host in url_hosts(ctx.get(path)):
        if not in_release_elasticsearch(ctx, host.host):
            yield EgressTarget(path, host, "externalElasticsearch", "the AAOI components",
                               "the external Elasticsearch")


def listed_peers(ctx: LintContext, target: EgressTarget) -> list[dict[str, Any]]:
    return [p for p in ctx.list_at((NP, "egress", target.list_key)) if isinstance(p, dict)]


def extra_rules(ctx: LintContext, target: EgressTarget) -> list[dict[str, Any]]:
    """extraEgress rules whose ports admit the target's port."""
    return [r.rule for r in iter_rules(ctx) if r.direction == "egress" and rule_admits_port(r.rule, target.host.port)]


def rule_peers(rule: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The rule's ``to`` peers; None when the rule admits every destination."""
    peers = rule.get("to")
    if not isinstance(peers, list) or not peers:
        return None
    return [p for p in peers if isinstance(p, dict)]


def address_allowed(ctx: LintContext, target: EgressTarget, address: Address) -> bool:
    peers = listed_peers(ctx, target)
    for rule in extra_rules(ctx, target):
        more = rule_peers(rule)
        if more is None:
            return True
        peers += more
    return any(isinstance(p.get("ipBlock"), dict) and block_contains(p["ipBlock"], address) for p in peers)


def check(ctx: LintContext) -> Iterator[Diagnostic]:
    for target in egress_targets(ctx):
        address = ip_literal(target.host.host)
        if address is None or address_allowed(ctx, target, address):
            continue
        yield ctx.finding(
            RULE.id, RULE.severity, target.path,
            f"egress is restricted and {target.setting} points to {address}, which no ipBlock of "
            f"networkPolicy.egress.{target.list_key} (or egress.extraEgress) admits: {target.who} cannot "
            f"reach {target.what}; add an ipBlock containing {address}/{address.max_prefixlen}",
            at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check, locked=BLOCKS_REQUIRED_FLOW)
