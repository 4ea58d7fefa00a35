"""What the semantic rules know about AAOI (apim4elastic 4.5.0), read from the layered values.

The layered values hold the parent chart's defaults and the user's values, not
the Elastic subcharts' own defaults; the few subchart defaults that matter
(Service types, ports) are written here. Every accessor tolerates values of
the wrong type (the schema reports those): it never raises.

Being a security tool, the switches lean towards "on" where Helm would: an
Elastic subchart is deployed unless ``<name>.enabled`` is the boolean false
(Helm ignores a non-boolean dependency condition).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from aaoi_netpol.context import LintContext
from aaoi_netpol.yaml_loader import ValuePath

NP = "networkPolicy"
METADATA_NAME = "kubernetes.io/metadata.name"


@dataclass(frozen=True)
class Component:
    name: str  # as users and the README call it
    values_key: str  # top-level key of its values
    np_key: str  # key under networkPolicy
    subchart: bool  # an Elastic subchart (dependency condition) or AAOI's own template
    has_ingress: bool  # the chart can create an Ingress object for it
    port_names: tuple[str, ...]  # names its containers declare with the chart's templates


COMPONENTS: tuple[Component, ...] = (
    Component("elasticsearch", "elasticsearch", "elasticsearch", True, True, ("http", "transport")),
    Component("kibana", "kibana", "kibana", True, True, ()),
    Component("logstash", "logstash", "logstash", True, False, ("http",)),
    Component("apibuilder4elastic", "apibuilder4elastic", "apibuilder4elastic", False, True, ()),
    Component("filebeat", "filebeat", "filebeat", True, False, ()),
    Component("apm-server", "apm-server", "apmServer", True, False, ("http",)),
)
BY_NAME: dict[str, Component] = {c.name: c for c in COMPONENTS}
BY_NP_KEY: dict[str, Component] = {c.np_key: c for c in COMPONENTS}

# Where each AAOI port lives in the values, with AAOI's number as fallback (as the overlay reads them).
_PORT_VALUES: dict[str, tuple[ValuePath, int]] = {
    "es-http": (("elasticsearch", "httpPort"), 9200),
    "es-transport": (("elasticsearch", "transportPort"), 9300),
    "kibana-http": (("kibana", "httpPort"), 5601),
    "logstash-http": (("logstash", "httpPort"), 9600),
    "apibuilder4elastic": (("apibuilder4elastic", "port"), 8443),
    "apm-server": (("apm-server", "service", "port"), 8200),
    "filebeat-metrics": ((), 5066),
}
PORT_LABELS: dict[str, str] = {
    "es-http": "http", "es-transport": "transport", "kibana-http": "http", "logstash-http": "metrics",
    "logstash-beats": "beats", "apibuilder4elastic": "https", "apm-server": "http", "filebeat-metrics": "metrics",
}

# The role lists of the networkPolicy section: which component port each one opens.
ROLE_TARGETS: dict[str, tuple[tuple[str, str], ...]] = {
    "apiGateways": (("logstash", "logstash-beats"), ("apm-server", "apm-server")),
    "adminNodeManagers": (("apibuilder4elastic", "apibuilder4elastic"),),
    "monitoring": (("logstash", "logstash-http"), ("elasticsearch", "es-http"), ("filebeat", "filebeat-metrics")),
    "ingressController": (("elasticsearch", "es-http"), ("kibana", "kibana-http"),
                          ("apibuilder4elastic", "apibuilder4elastic")),
}

# Elastic subchart defaults (7.17.3) for the Service of each component; AAOI overrides some of them.
_SERVICE_TYPE_DEFAULT: dict[str, str | None] = {
    "elasticsearch": "ClusterIP", "kibana": "ClusterIP", "logstash": None, "apm-server": "ClusterIP",
    "apibuilder4elastic": "ClusterIP", "filebeat": None,
}
# Subcharts whose Service template passes service.externalTrafficPolicy through.
_TRAFFIC_POLICY_SETTABLE = frozenset({"elasticsearch", "logstash"})


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def component_deployed(ctx: LintContext, component: Component) -> bool:
    """Whether the chart deploys the component (subcharts: a non-boolean condition leaves them on)."""
    switch = ctx.get((component.values_key, "enabled"), None)
    if component.subchart:
        return switch is not False
    return bool(switch)


def deployed(ctx: LintContext, name: str) -> bool:
    return component_deployed(ctx, BY_NAME[name])


def ingress_on(ctx: LintContext, component: Component) -> bool:
    """The component is deployed and its Ingress object is rendered (the templates test truthiness)."""
    return component.has_ingress and component_deployed(ctx, component) and \
        bool(ctx.get((component.values_key, "ingress", "enabled")))


def port_number(ctx: LintContext, port: str) -> int:
    """The number of one of AAOI's ports (keys as in ROLE_TARGETS), read from the values."""
    if port == "logstash-beats":
        for key, field in (("service", "targetPort"), ("extraPorts", "containerPort")):
            items = ctx.list_at(("logstash", key, "ports")) if key == "service" else ctx.list_at(("logstash", key))
            for item in items:
                if isinstance(item, dict) and item.get("name") == "beats":
                    number = _whole_number(item.get(field))
                    if number is not None:
                        return number
        return 5044
    path, fallback = _PORT_VALUES[port]
    number = _whole_number(ctx.get(path)) if path else None
    return fallback if number is None else number


def describe_port(ctx: LintContext, port: str) -> str:
    return f"{port_number(ctx, port)} ({PORT_LABELS[port]})"


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


def declared_port_names(ctx: LintContext, component: Component) -> set[str] | None:
    """Container port names of the component's pods; None when the values do not tell (templated sidecars)."""
    names = set(component.port_names)
    if component.name == "logstash":
        for item in ctx.list_at(("logstash", "extraPorts")):
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                names.add(item["name"])
    if component.subchart:
        extra = _extra_container_port_names(ctx.get((component.values_key, "extraContainers")))
        if extra is None:
            return None
        names |= extra
    return names


def service_type(ctx: LintContext, component: Component) -> str | None:
    """The type of the component's main Service, None when the chart renders none."""
    if component.name == "logstash" and not ctx.get(("logstash", "service")):
        return None
    if component.name == "elasticsearch" and ctx.get(("elasticsearch", "service", "enabled"), True) is False:
        return None
    found = ctx.get((component.values_key, "service", "type"))
    if component.name in ("apibuilder4elastic", "filebeat"):
        return _SERVICE_TYPE_DEFAULT[component.name]
    if isinstance(found, str) and found:
        return found
    return _SERVICE_TYPE_DEFAULT[component.name]


def node_reachable(ctx: LintContext, component: Component) -> bool:
    return service_type(ctx, component) in ("NodePort", "LoadBalancer")


def external_traffic_policy(ctx: LintContext, component: Component) -> str:
    if component.name not in _TRAFFIC_POLICY_SETTABLE:
        return "Cluster"
    found = ctx.get((component.values_key, "service", "externalTrafficPolicy"))
    return found if isinstance(found, str) and found else "Cluster"


def np_enabled(ctx: LintContext) -> bool:
    return ctx.get((NP, "enabled")) is True


def egress_enabled(ctx: LintContext) -> bool:
    return ctx.get((NP, "egress", "enabled")) is True


def explicit_list(ctx: LintContext, path: ValuePath) -> list[Any] | None:
    """The list written at ``path``, or None when absent/not a list (the contract's default applies)."""
    found = ctx.get(path)
    return found if isinstance(found, list) else None


def components_using_role(ctx: LintContext, role: str) -> Iterator[tuple[Component, str]]:
    """(component, port key) pairs the role list opens that are deployed now (Ingress on, for the controller)."""
    for name, port in ROLE_TARGETS[role]:
        component = BY_NAME[name]
        if role == "ingressController":
            if ingress_on(ctx, component):
                yield component, port
        elif component_deployed(ctx, component):
            yield component, port


def human_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- hosts AAOI connects to ------------------------------------------------------------------
