"""Hosts outside the release that AAOI connects to when egress is restricted, and what admits them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.model.hosts import UrlHost, in_release_elasticsearch, url_hosts
from aaoi_netpol.model.switches import deployed, egress_enabled
from aaoi_netpol.rules.peers import iter_rules, rule_admits_port
from aaoi_netpol.value_path import ValuePath, dotted


@dataclass(frozen=True)
class EgressTarget:
    path: ValuePath  # the URL setting
    host: UrlHost
    list_key: str  # the networkPolicy.egress list meant for it
    who: str  # the pods that connect
    what: str  # what they connect to

    @property
    def setting(self) -> str:
        return dotted(self.path)


def egress_targets(ctx: LintContext) -> Iterator[EgressTarget]:
    """Hosts outside the release that AAOI connects to, when egress is restricted."""
    if not egress_enabled(ctx.values):
        return
    if deployed(ctx.values, "apibuilder4elastic"):
        for key, what in (("anmUrl", "the Admin-Node-Manager"), ("apimgrUrl", "the API-Manager")):
            path = ("apibuilder4elastic", key)
            for host in url_hosts(ctx.get(path)):
                yield EgressTarget(path, host, "apiManagement", "apibuilder4elastic", what)
    path = ("global", "elasticsearchHosts")
    for host in url_hosts(ctx.get(path)):
        if not in_release_elasticsearch(ctx.values, host.host):
            yield EgressTarget(path, host, "externalElasticsearch", "the AAOI components",
                               "the external Elasticsearch")


def listed_peers(ctx: LintContext, target: EgressTarget) -> list[dict[str, Any]]:
    return [p for p in ctx.list_at((SECTION, "egress", target.list_key)) if isinstance(p, dict)]


def extra_rules(ctx: LintContext, target: EgressTarget) -> list[dict[str, Any]]:
    """extraEgress rules whose ports admit the target's port."""
    return [r.rule for r in iter_rules(ctx) if r.direction == "egress" and rule_admits_port(r.rule, target.host.port)]


def rule_peers(rule: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The rule's ``to`` peers; None when the rule admits every destination."""
    peers = rule.get("to")
    if not isinstance(peers, list) or not peers:
        return None
    return [p for p in peers if isinstance(p, dict)]
