"""The flow catalog: who must reach whom, on which port and protocol, for AAOI to work.

:data:`FLOWS` is the table; :func:`active_flows` resolves it against values
(which components are deployed, which Ingress objects are rendered, whether
egress is restricted, the ports the values set, the URLs apibuilder4elastic
and the components call). The overlay's Go templates hold the same table (a
test renders them and compares); the rules and the render gate read this one.

A flow's source is a component or a *role* (callers outside the release, listed
under ``networkPolicy``); its target is a component or, for outbound flows, a
destination role (``dns``, ``apiManagement``, ``externalElasticsearch``).
"""

from __future__ import annotations

from dataclasses import dataclass

from aaoi_netpol.model.components import (
    API_MANAGER_DEFAULT_PORT,
    BY_NAME,
    COMPONENT_NAMES,
    DNS_PORT,
    DNS_PROTOCOLS,
    SECTION,
)
from aaoi_netpol.model.hosts import url_ports
from aaoi_netpol.model.ingress_classes import ingress_class
from aaoi_netpol.model.ports import port_number
from aaoi_netpol.model.switches import (
    Values,
    deployed,
    egress_enabled,
    helm_test_allowed,
    ingress_on,
)
from aaoi_netpol.value_path import ValuePath, lookup

# Callers outside the release, by the networkPolicy list that names them.
INBOUND_ROLES = ("ingressController", "apiGateways", "adminNodeManagers", "monitoring")
HELM_TEST = "helmTest"  # the chart's test pod: any pod of the release namespace, with allowHelmTest
# Destinations outside the release, by the networkPolicy.egress list that names them.
OUTBOUND_ROLES = ("dns", "apiManagement", "externalElasticsearch")

# Default peers of the contract for the lists that have one.
DEFAULT_PEERS: dict[str, list[dict[str, object]]] = {
    "ingressController": [{
        "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}},
        "podSelector": {"matchLabels": {"app.kubernetes.io/name": "ingress-nginx"}},
    }],
    "dns": [{
        "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
        "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
    }],
}


@dataclass(frozen=True)
class FlowSpec:
    source: str  # a component or an inbound role
    target: str  # a component
    ports: tuple[str, ...]  # port keys of the target (components.PORTS)
    condition: str = "deployed"  # "deployed", "ingress" (the target's Ingress is rendered), "allowHelmTest"


# Ordered as the overlay renders rules: a component's ingress rules are the flows that target it, in this order,
# and its egress rules (with egress restricted) are the in-release flows it is the source of.
FLOWS: tuple[FlowSpec, ...] = (
    FlowSpec("elasticsearch", "elasticsearch", ("es-http", "es-transport")),
    FlowSpec("kibana", "elasticsearch", ("es-http",)),
    FlowSpec("logstash", "elasticsearch", ("es-http",)),
    FlowSpec("apibuilder4elastic", "elasticsearch", ("es-http",)),
    FlowSpec("filebeat", "elasticsearch", ("es-http",)),
    FlowSpec("apm-server", "elasticsearch", ("es-http",)),
    FlowSpec("filebeat", "logstash", ("logstash-beats",)),
    FlowSpec("logstash", "apibuilder4elastic", ("apibuilder4elastic",)),
    FlowSpec("apibuilder4elastic", "apm-server", ("apm-server",)),
    FlowSpec("adminNodeManagers", "apibuilder4elastic", ("apibuilder4elastic",)),
    FlowSpec("ingressController", "elasticsearch", ("es-http",), "ingress"),
    FlowSpec("ingressController", "kibana", ("kibana-http",), "ingress"),
    FlowSpec("ingressController", "apibuilder4elastic", ("apibuilder4elastic",), "ingress"),
    FlowSpec("apiGateways", "logstash", ("logstash-beats",)),
    FlowSpec("apiGateways", "apm-server", ("apm-server",)),
    FlowSpec("monitoring", "elasticsearch", ("es-http",)),
    FlowSpec("monitoring", "logstash", ("logstash-http",)),
    FlowSpec("monitoring", "filebeat", ("filebeat-metrics",)),
    FlowSpec(HELM_TEST, "elasticsearch", ("es-http",), "allowHelmTest"),
)

Port = tuple[str, int | None]  # (protocol, number); None: every port of that protocol


@dataclass(frozen=True)
class Flow:
    """A catalog entry that holds for the given values."""

    source: str
    target: str
    ports: tuple[Port, ...]  # empty: every port and protocol

    @property
    def inbound(self) -> bool:
        return self.source not in COMPONENT_NAMES

    @property
    def outbound(self) -> bool:
        return self.target not in COMPONENT_NAMES


def _spec_holds(values: Values, spec: FlowSpec) -> bool:
    if not deployed(values, spec.target):
        return False
    if spec.source in COMPONENT_NAMES and not deployed(values, spec.source):
        return False
    if spec.condition == "ingress":
        return ingress_on(values, BY_NAME[spec.target])
    if spec.condition == "allowHelmTest":
        return helm_test_allowed(values)
    return True


def _tcp(*numbers: int) -> tuple[Port, ...]:
    return tuple(dict.fromkeys(("TCP", n) for n in numbers))


def api_management_ports(values: Values) -> tuple[Port, ...]:
    """Ports of anmUrl/apimgrUrl (8075 added for the API-Manager when only anmUrl is set); () = every port."""
    anm, apimgr = lookup(values, ("apibuilder4elastic", "anmUrl")), lookup(values, ("apibuilder4elastic", "apimgrUrl"))
    anm = anm if isinstance(anm, str) else ""
    apimgr = apimgr if isinstance(apimgr, str) else ""
    numbers, unrestricted = url_ports([anm, apimgr])
    if anm.strip() and not apimgr.strip():
        numbers = [*numbers, API_MANAGER_DEFAULT_PORT]
    return () if unrestricted or not numbers else _tcp(*numbers)


def external_elasticsearch_ports(values: Values) -> tuple[Port, ...]:
    numbers, unrestricted = url_ports([lookup(values, ("global", "elasticsearchHosts"))])
    return () if unrestricted or not numbers else _tcp(*numbers)


def _outbound(values: Values) -> list[Flow]:
    flows: list[Flow] = []
    dns_ports = tuple((protocol, DNS_PORT) for protocol in DNS_PROTOCOLS)
    for name in COMPONENT_NAMES:
        if not deployed(values, name):
            continue
        flows.append(Flow(name, "dns", dns_ports))
        if name == "apibuilder4elastic":
            flows.append(Flow(name, "apiManagement", api_management_ports(values)))
        flows.append(Flow(name, "externalElasticsearch", external_elasticsearch_ports(values)))
    return flows


def active_flows(values: Values) -> list[Flow]:
    """The catalog for these values: in-release and inbound flows, and outbound ones when egress is restricted."""
    flows = [Flow(spec.source, spec.target, _tcp(*(port_number(values, key) for key in spec.ports)))
             for spec in FLOWS if _spec_holds(values, spec)]
    if egress_enabled(values):
        flows += _outbound(values)
    return flows


def role_path(role: str) -> ValuePath:
    """Where a role's peers are listed."""
    return (SECTION, "egress", role) if role in OUTBOUND_ROLES else (SECTION, role)


def role_peers(values: Values, role: str) -> list[object]:
    """A role's peers as the overlay reads them: the list written (even empty), else the contract's default.

    ``ingressController`` may also map Ingress class names to peer lists; then this is every peer the map
    names (classes in sorted order, each peer once). What one component admits is
    :func:`ingress_controller_peers`.
    """
    found = lookup(values, role_path(role))
    if isinstance(found, list):
        return found
    if role == "ingressController" and isinstance(found, dict):
        union: list[object] = []
        for class_name in sorted(found, key=str):
            for peer in found[class_name] if isinstance(found[class_name], list) else []:
                if peer not in union:
                    union.append(peer)
        return union
    return list(DEFAULT_PEERS.get(role, []))


def ingress_controller_peers(values: Values, component: str) -> list[object]:
    """The Ingress controller peers admitted to one component's Ingress port.

    The list form (or the default) serves every class; the map form only the class of the component's own
    Ingress — none when its Ingress has no class or the map does not name it (the rules report that).
    """
    found = lookup(values, role_path("ingressController"))
    if not isinstance(found, dict):
        return role_peers(values, "ingressController")
    class_name = ingress_class(values, BY_NAME[component])
    peers = found.get(class_name) if class_name else None
    return peers if isinstance(peers, list) else []
