"""How AAOI's components are published (Service types, the ports their Service publishes) and which
container ports they declare.

The layered values hold the parent chart's defaults and the user's values, not
the Elastic subcharts' own defaults; the few subchart defaults that matter
here (7.17.3 Service types) are written below.

Which pod ports each component's main Service publishes (its ``targetPort``s):

- elasticsearch: ``httpPort`` and ``transportPort`` (both, whatever the type);
- kibana: ``httpPort`` (the Service's ``port`` forwards to it);
- logstash: each entry of ``logstash.service.ports`` (its ``targetPort``, else
  its ``port``); the metrics port 9600 is only on the headless Service;
- apm-server: ``service.port``;
- apibuilder4elastic (headless ClusterIP) and filebeat (none): nothing reachable
  through a node.
"""

from __future__ import annotations

from typing import Any

import yaml

from aaoi_netpol.model.components import Component
from aaoi_netpol.model.ports import port_number, whole_number
from aaoi_netpol.model.switches import Values, component_deployed
from aaoi_netpol.value_path import lookup

_SERVICE_TYPE_DEFAULT: dict[str, str | None] = {
    "elasticsearch": "ClusterIP", "kibana": "ClusterIP", "logstash": None, "apm-server": "ClusterIP",
    "apibuilder4elastic": "ClusterIP", "filebeat": None,
}
# Subcharts whose Service template passes service.externalTrafficPolicy through.
_TRAFFIC_POLICY_SETTABLE = frozenset({"elasticsearch", "logstash"})


def service_type(values: Values, component: Component) -> str | None:
    """The type of the component's main Service, None when the chart renders none."""
    if component.name == "logstash" and not lookup(values, ("logstash", "service")):
        return None
    if component.name == "elasticsearch" and lookup(values, ("elasticsearch", "service", "enabled"), True) is False:
        return None
    if component.name in ("apibuilder4elastic", "filebeat"):
        return _SERVICE_TYPE_DEFAULT[component.name]
    found = lookup(values, (component.values_key, "service", "type"))
    return found if isinstance(found, str) and found else _SERVICE_TYPE_DEFAULT[component.name]


def node_reachable(values: Values, component: Component) -> bool:
    return service_type(values, component) in ("NodePort", "LoadBalancer")


def _logstash_service_ports(values: Values) -> tuple[int, ...]:
    items = lookup(values, ("logstash", "service", "ports"))
    numbers: list[int] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        target = item.get("targetPort")
        number = whole_number(target) if target is not None else whole_number(item.get("port"))
        if number is not None:
            numbers.append(number)
    return tuple(dict.fromkeys(numbers))


def published_ports(values: Values, component: Component) -> tuple[int, ...]:
    """The pod ports the component's main Service forwards to (empty when it has none or is not deployed)."""
    if not component_deployed(values, component) or service_type(values, component) is None:
        return ()
    if component.name == "elasticsearch":
        return (port_number(values, "es-http"), port_number(values, "es-transport"))
    if component.name == "kibana":
        return (port_number(values, "kibana-http"),)
    if component.name == "logstash":
        return _logstash_service_ports(values)
    if component.name == "apm-server":
        return (port_number(values, "apm-server"),)
    return ()


def node_published_ports(values: Values, component: Component) -> tuple[int, ...]:
    """The pod ports a client reaches through a node port (NodePort or LoadBalancer Service)."""
    return published_ports(values, component) if node_reachable(values, component) else ()


def external_traffic_policy(values: Values, component: Component) -> str:
    if component.name not in _TRAFFIC_POLICY_SETTABLE:
        return "Cluster"
    found = lookup(values, (component.values_key, "service", "externalTrafficPolicy"))
    return found if isinstance(found, str) and found else "Cluster"


def _extra_container_port_names(value: Any) -> set[str] | None:
    """Port names of ``extraContainers`` (a list or a YAML string); None if it cannot be read."""
    if isinstance(value, str):
        try:
            value = yaml.safe_load(value)
        except yaml.YAMLError:
            return None
    if value is None:
        return set()
    if not isinstance(value, list):
        return None
    names: set[str] = set()
    for container in value:
        ports = container.get("ports") if isinstance(container, dict) else None
        for port in ports if isinstance(ports, list) else []:
            if isinstance(port, dict) and isinstance(port.get("name"), str):
                names.add(port["name"])
    return names


def declared_port_names(values: Values, component: Component) -> set[str] | None:
    """Container port names of the component's pods; None when the values do not tell (templated sidecars)."""
    names = set(component.port_names)
    if component.name == "logstash":
        for item in lookup(values, ("logstash", "extraPorts")) or []:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                names.add(item["name"])
    if component.subchart:
        extra = _extra_container_port_names(lookup(values, (component.values_key, "extraContainers")))
        if extra is None:
            return None
        names |= extra
    return names
