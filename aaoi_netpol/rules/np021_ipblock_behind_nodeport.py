"""NP021 ipblock-behind-nodeport: an ipBlock admits clients that reach the component through a node port.

AAOI publishes logstash (beats, NodePort 32001) and elasticsearch (NodePort
32002) as NodePort Services with `externalTrafficPolicy: Cluster`. A
connection to a node port is forwarded, and source-NATed, by the node that
received it: the pod sees that node's address, not the API-Gateway's. An
ipBlock of the gateways' network then matches nothing, and Filebeat on the
gateways is refused; listing the nodes' network instead would admit anyone
who can reach a node. The same holds for any component whose Service you
made NodePort or LoadBalancer. Only the ports that Service publishes count
(logstash's metrics port 9600 is on its headless Service only, so a
`monitoring` ipBlock for it is fine), and a CIDR that NP010/NP011 already
report is not reported again.

How to fix: set `<component>.service.externalTrafficPolicy: Local` (client
addresses are kept; the node must run a pod of the component), or reach the
component through an Ingress or a ClusterIP Service from inside the cluster.

Failing example::

    networkPolicy:
      enabled: true
      apiGateways:
        - ipBlock: {cidr: 10.20.0.0/16}

Passing example::

    logstash:
      service:
        externalTrafficPolicy: Local
    networkPolicy:
      enabled: true
      apiGateways:
        - ipBlock: {cidr: 10.20.0.0/16}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.components import BY_NAME, PORTS, Component
from aaoi_netpol.model.ports import port_number
from aaoi_netpol.model.services import external_traffic_policy, node_published_ports, service_type
from aaoi_netpol.model.switches import component_deployed
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.cidrs import parse_cidr
from aaoi_netpol.rules.peers import PeerRef, iter_ipblocks, rule_admits_port
from aaoi_netpol.rules.role_lists import ROLE_TARGETS, human_list

_ROLES = ("apiGateways", "monitoring")  # callers outside the cluster that may come through a node port


def _port_names(ctx: LintContext, component: Component, number: int) -> set[str]:
    """The container port names AAOI gives ``number`` on the component's pods."""
    return {spec.container_name for spec in PORTS if spec.component == component.name and spec.container_name
            and port_number(ctx.values, spec.key) == number}


def _rule_admits(ctx: LintContext, rule: dict[str, Any], component: Component, number: int) -> bool:
    if rule_admits_port(rule, number):
        return True
    ports = rule.get("ports")
    names = _port_names(ctx, component, number)
    return any(isinstance(port, dict) and port.get("protocol", "TCP") == "TCP" and isinstance(port.get("port"), str)
               and port["port"] in names
               for port in (ports if isinstance(ports, list) else []))


def _ports_reached(ctx: LintContext, ref: PeerRef) -> list[tuple[Component, int]]:
    """(component, pod port) pairs the peer is admitted to."""
    if ref.source == "extraIngress" and ref.component is not None and ref.rule is not None:
        rule: dict[str, Any] = ref.rule
        return [(ref.component, number) for number in node_published_ports(ctx.values, ref.component)
                if _rule_admits(ctx, rule, ref.component, number)]
    if ref.source not in _ROLES:
        return []
    return [(BY_NAME[name], port_number(ctx.values, key)) for name, key in ROLE_TARGETS[ref.source]]


def _reportable_cidr(block: dict[str, Any]) -> bool:
    """A valid network CIDR that is not the whole world (NP010, NP011, NP013 report the others)."""
    cidr = block.get("cidr")
    if not isinstance(cidr, str):
        return False
    parsed = parse_cidr(cidr)
    return parsed.network is not None and not parsed.host_bits and parsed.network.prefixlen > 0


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, block, ref in iter_ipblocks(ctx):
        if ref.direction != "ingress" or not _reportable_cidr(block):
            continue
        hit: dict[Component, list[int]] = {}
        for component, number in _ports_reached(ctx, ref):
            if component_deployed(ctx.values, component) and external_traffic_policy(ctx.values, component) != \
                    "Local" and number in node_published_ports(ctx.values, component):
                hit.setdefault(component, []).append(number)
        if not hit:
            continue
        services = human_list([f"{c.name} port {'/'.join(map(str, numbers))} ({service_type(ctx.values, c)})"
                               for c, numbers in hit.items()])
        settable = [c for c in hit if c.name in ("elasticsearch", "logstash")]
        fix = human_list([f"{c.values_key}.service.externalTrafficPolicy: Local" for c in settable])
        yield Finding(path,
            f"{ref.source} ipBlock {block.get('cidr')} for {services} with externalTrafficPolicy Cluster: "
            f"a client that comes through the node port arrives with a node's address, not its own, so the "
            f"ipBlock does not match it; " + (f"set {fix}" if fix else "use an Ingress or a ClusterIP Service")
            + ", or reach the Service from inside the cluster")


RULE = rule_from_docstring(__doc__, Severity.WARNING, check)
