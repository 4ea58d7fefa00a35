"""NP021 ipblock-behind-nodeport: an ipBlock admits clients that reach the component through a node port.

AAOI publishes logstash (beats, NodePort 32001) and elasticsearch (NodePort
32002) as NodePort Services with `externalTrafficPolicy: Cluster`. A
connection to a node port is forwarded, and source-NATed, by the node that
received it: the pod sees that node's address, not the API-Gateway's. An
ipBlock of the gateways' network then matches nothing, and Filebeat on the
gateways is refused; listing the nodes' network instead would admit anyone
who can reach a node. The same holds for any component whose Service you
made NodePort or LoadBalancer.

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

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Severity
from aaoi_netpol.model.components import BY_NAME, Component
from aaoi_netpol.model.services import external_traffic_policy, node_reachable, service_type
from aaoi_netpol.model.switches import component_deployed
from aaoi_netpol.rules.base import Finding, rule_from_docstring
from aaoi_netpol.rules.cidrs import block_networks
from aaoi_netpol.rules.peers import PeerRef, iter_ipblocks
from aaoi_netpol.rules.role_lists import human_list

_ROLE_COMPONENTS = {"apiGateways": ("logstash", "apm-server"), "monitoring": ("logstash", "elasticsearch")}


def _targets(ref: PeerRef) -> list[Component]:
    if ref.source == "extraIngress":
        return [ref.component] if ref.component is not None else []
    return [BY_NAME[name] for name in _ROLE_COMPONENTS.get(ref.source, ())]


def check(ctx: LintContext) -> Iterator[Finding]:
    for path, block, ref in iter_ipblocks(ctx):
        network, _ = block_networks(block)
        if ref.direction != "ingress" or network is None or network.prefixlen == 0:
            continue
        hit = [c for c in _targets(ref) if component_deployed(ctx.values, c) and node_reachable(ctx.values, c)
               and external_traffic_policy(ctx.values, c) != "Local"]
        if not hit:
            continue
        services = human_list([f"{c.name} ({service_type(ctx.values, c)})" for c in hit])
        settable = [c for c in hit if c.name in ("elasticsearch", "logstash")]
        fix = human_list([f"{c.values_key}.service.externalTrafficPolicy: Local" for c in settable])
        yield Finding(path,
            f"{ref.source} ipBlock {block.get('cidr')} for {services} with externalTrafficPolicy Cluster: "
            f"a client that comes through the node port arrives with a node's address, not its own, so the "
            f"ipBlock does not match it; " + (f"set {fix}" if fix else "use an Ingress or a ClusterIP Service")
            + ", or reach the Service from inside the cluster")


RULE = rule_from_docstring(__doc__, Severity.WARNING, check)
