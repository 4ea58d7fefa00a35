"""NP013 open-ingress: a peer opens an AAOI component to the whole cluster or the world.

A NetworkPolicy that admits `0.0.0.0/0`, `::/0`, every namespace
(`namespaceSelector: {}` with no or an empty `podSelector`), or every source
(an `extraIngress` rule with no or an empty `from`) undoes what the policy is
for: Elasticsearch, Kibana and the rest accept connections from anywhere on
the ports involved. The finding names the component and port the peer opens.
It is reported whatever else is set, because such a value is dangerous the
moment the component or the policy is switched on.

How to fix: list the real callers: their namespace by
`kubernetes.io/metadata.name` plus a `podSelector`, or the narrowest ipBlock.

Failing example::

    networkPolicy:
      enabled: true
      apiGateways:
        - ipBlock: {cidr: 0.0.0.0/0}
      kibana:
        extraIngress:
          - ports: [{port: 5601}]

Passing example::

    networkPolicy:
      enabled: true
      adminNodeManagers:
        - ipBlock: {cidr: 10.20.0.0/16}
      kibana:
        extraIngress:
          - from:
              - namespaceSelector:
                  matchLabels: {kubernetes.io/metadata.name: reporting}
                podSelector:
                  matchLabels: {app: report-runner}
            ports: [{port: 5601}]
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.components import BY_NAME
from aaoi_netpol.model.ports import describe_port
from aaoi_netpol.rules.base import OPENS_TO_EVERYONE, Finding, rule_from_docstring
from aaoi_netpol.rules.peers import PeerRef, describe_rule_ports, iter_peers, openness, peerless_rules
from aaoi_netpol.rules.role_lists import ROLE_TARGETS, components_using_role, human_list


def opened_targets(ctx: LintContext, ref: PeerRef) -> str:
    if ref.component is not None and ref.rule is not None:
        return f"{ref.component.name} on {describe_rule_ports(ref.rule)}"
    now = [f"{component.name} port {describe_port(ctx.values, port)}"
           for component, port in components_using_role(ctx, ref.source, ref.ingress_class)]
    if now:
        return human_list(now)
    later = [f"{BY_NAME[name].name} port {describe_port(ctx.values, port)}" for name, port in ROLE_TARGETS[ref.source]]
    condition = "they are deployed"
    if ref.source == "ingressController":
        condition = "their Ingress is enabled" if ref.ingress_class is None else \
            f"their Ingress has class {ref.ingress_class!r}"
    return f"{human_list(later)} once {condition}"


def check(ctx: LintContext) -> Iterator[Finding]:
    for ref in iter_peers(ctx):
        if ref.direction != "ingress":
            continue
        what = openness(ref.peer)
        if what:
            yield Finding(ref.path,
                              f"{ref.source} peer: {what} to {opened_targets(ctx, ref)}")
    for open_rule in peerless_rules(ctx, "ingress"):
        component = open_rule.ref.component
        if component is None:
            continue
        yield Finding(open_rule.path,
                          f"extraIngress rule with {open_rule.written} admits every source (the whole world) to "
                          f"{component.name} on {describe_rule_ports(open_rule.ref.rule)}",
                          at_value=open_rule.at_value)


RULE = rule_from_docstring(__doc__, Severity.WARNING, check, locked=OPENS_TO_EVERYONE)
