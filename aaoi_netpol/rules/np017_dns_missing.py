"""NP017 dns-missing: egress is restricted but no DNS server is allowed.

With `networkPolicy.egress.enabled`, AAOI pods may connect only where the
policy says. Every component resolves Service names
(`axway-elk-apim4elastic-elasticsearch`, the Admin-Node-Manager host) through
the cluster DNS, so `egress.dns: []` breaks every connection AAOI makes.
Leave the key out to get the default (kube-dns pods in kube-system, UDP and
TCP 53).

How to fix: list your cluster DNS pods (CoreDNS is usually labelled
`k8s-app: kube-dns`), or the node-local DNS address as an ipBlock.

Failing example::

    networkPolicy:
      enabled: true
      egress:
        enabled: true
        dns: []

Passing example::

    networkPolicy:
      enabled: true
      egress:
        enabled: true
        dns:
          - namespaceSelector:
              matchLabels: {kubernetes.io/metadata.name: kube-system}
            podSelector:
              matchLabels: {k8s-app: kube-dns}
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.components import SECTION
from aaoi_netpol.model.switches import egress_enabled
from aaoi_netpol.rules.base import BLOCKS_REQUIRED_FLOW, Finding, rule_from_docstring
from aaoi_netpol.rules.peers import iter_rules
from aaoi_netpol.rules.role_lists import explicit_list


def extra_egress_allows_dns(ctx: LintContext) -> bool:
    """An extraEgress rule open on port 53 (or every port) may carry DNS instead."""
    for rule in iter_rules(ctx):
        ports = rule.rule.get("ports")
        if rule.direction == "egress" and (not isinstance(ports, list) or not ports or any(
                isinstance(p, dict) and p.get("port") in (53, None) for p in ports)):
            return True
    return False


def check(ctx: LintContext) -> Iterator[Finding]:
    if egress_enabled(ctx.values) and explicit_list(ctx, (SECTION, "egress", "dns")) == [] \
            and not extra_egress_allows_dns(ctx):
        yield Finding((SECTION, "egress", "dns"),
                          "egress is restricted and egress.dns is empty: no AAOI pod can resolve a name, "
                          "so every connection AAOI makes fails; list the cluster DNS pods or leave the key out",
                          at_value=True)


RULE = rule_from_docstring(__doc__, Severity.ERROR, check, locked=BLOCKS_REQUIRED_FLOW)
