"""NP016 policy-disabled: networkPolicy is off, so every AAOI pod accepts traffic from anywhere.

This is the chart's default state. Without a NetworkPolicy every pod in the
cluster, in any namespace, can connect to Elasticsearch (9200, 9300),
Kibana, Logstash and APIBuilder4Elastic; with AAOI's defaults Elasticsearch
and Kibana are also published through an Ingress and Elasticsearch through
NodePort 32002, so they are reachable from outside the cluster too. The
finding is at `networkPolicy.enabled` when it is set, else at a misplaced
section (NP034) when there is one, else at the top of the file. A switch the
schema already reports (NP001: `enabled` or the section of the wrong type) is
not reported again here.

How to fix: set `networkPolicy.enabled: true` and list the callers AAOI
needs (`apiGateways`, `adminNodeManagers`, ...). Your cluster's CNI must
enforce NetworkPolicies (Calico, Cilium, Azure NPM, ...).

Failing example::

    networkPolicy:
      enabled: false

Passing example::

    networkPolicy:
      enabled: true
      adminNodeManagers:
        - ipBlock: {cidr: 10.20.0.0/16}
"""

from __future__ import annotations

from collections.abc import Iterator

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.components import BY_NAME, COMPONENTS, SECTION
from aaoi_netpol.model.services import service_type
from aaoi_netpol.model.switches import component_deployed, ingress_on, policies_enabled
from aaoi_netpol.rules.base import OPENS_TO_EVERYONE, Finding, rule_from_docstring
from aaoi_netpol.rules.misplaced_sections import misplaced_sections
from aaoi_netpol.rules.role_lists import human_list
from aaoi_netpol.value_path import MISSING


def exposures(ctx: LintContext) -> list[str]:
    """How elasticsearch and kibana are published outside the cluster."""
    found: list[str] = []
    for name in ("elasticsearch", "kibana"):
        component = BY_NAME[name]
        if not component_deployed(ctx.values, component):
            continue
        ways: list[str] = []
        if ingress_on(ctx.values, component):
            ways.append("Ingress")
        kind = service_type(ctx.values, component)
        if kind in ("NodePort", "LoadBalancer"):
            node_port = ctx.get((component.values_key, "service", "nodePort"))
            ways.append(f"{kind} {node_port}" if kind == "NodePort" and node_port else kind)
        if ways:
            found.append(f"{name} ({', '.join(ways)})")
    return found


def reported_by_schema(ctx: LintContext) -> bool:
    """The section or its switch has the wrong type: NP001 reports that, once."""
    section = ctx.get((SECTION,), MISSING)
    if section is not MISSING and not isinstance(section, dict):
        return True
    switch = ctx.get((SECTION, "enabled"), MISSING)
    return switch is not MISSING and not isinstance(switch, bool)


def check(ctx: LintContext) -> Iterator[Finding]:
    if policies_enabled(ctx.values) or not any(component_deployed(ctx.values, c) for c in COMPONENTS):
        return
    if reported_by_schema(ctx):
        return
    state = "is not enabled" if ctx.has((SECTION, "enabled")) else "is missing"
    misplaced = None if ctx.has((SECTION,)) else next(misplaced_sections(ctx), None)
    if misplaced is not None:
        state += f" (a section is written at {'.'.join(str(s) for s in misplaced.path)}, which nothing reads)"
    message = f"networkPolicy {state}: every AAOI pod accepts traffic from every pod of the cluster"
    published = exposures(ctx)
    if published:
        verb = "is" if len(published) == 1 else "are"
        message += f", and {human_list(published)} {verb} reachable from outside the cluster"
    message += "; set networkPolicy.enabled: true"
    if ctx.has((SECTION, "enabled")):
        yield Finding((SECTION, "enabled"), message, at_value=True)
    else:
        yield Finding(misplaced.path if misplaced is not None else None, message)


RULE = rule_from_docstring(__doc__, Severity.WARNING, check, locked=OPENS_TO_EVERYONE)
