"""The AAOI components (apim4elastic 4.5.0): names, values keys, workload templates and ports.

This is the one place that says what AAOI is made of. The rules, the render
verification, the evaluator's modelled cluster and (through a test that
renders it) the overlay's Go templates all read it.

Workload templates are paths below the chart's root as Helm prints them after
``# Source: <chart>/``; only documents from these templates are trusted to be
a component's pods.
"""

from __future__ import annotations

from dataclasses import dataclass

from aaoi_netpol.value_path import ValuePath

SECTION = "networkPolicy"  # the values section aaoi-netpol adds to AAOI's values
METADATA_NAME = "kubernetes.io/metadata.name"  # the namespace label Kubernetes sets and nobody else can


@dataclass(frozen=True)
class PortSpec:
    key: str  # stable key used by the flow catalog and the overlay: "es-http"
    component: str
    label: str  # what users call it: "http", "beats", "metrics"
    values_path: ValuePath | None  # where the chart lets users change it (None: fixed)
    default: int  # AAOI's number when the values do not say
    container_name: str | None = None  # the name the chart's container declares, if any
    protocol: str = "TCP"


@dataclass(frozen=True)
class Component:
    name: str  # as users and the README call it
    values_key: str  # top-level key of its values
    np_key: str  # key under networkPolicy
    subchart: bool  # an Elastic subchart (dependency condition) or AAOI's own template
    has_ingress: bool  # the chart can render an Ingress object for it
    workload_templates: tuple[str, ...]  # the templates that render its pods
    port_names: tuple[str, ...]  # container port names the chart's templates always declare
    ingress_template: str | None = None  # the template that renders its Ingress object (has_ingress)


COMPONENTS: tuple[Component, ...] = (
    Component("elasticsearch", "elasticsearch", "elasticsearch", True, True,
              ("charts/elasticsearch/templates/statefulset.yaml",), ("http", "transport"),
              ingress_template="charts/elasticsearch/templates/ingress.yaml"),
    Component("kibana", "kibana", "kibana", True, True, ("charts/kibana/templates/deployment.yaml",), (),
              ingress_template="charts/kibana/templates/ingress.yaml"),
    Component("logstash", "logstash", "logstash", True, False,
              ("charts/logstash/templates/statefulset.yaml",), ("http",)),
    Component("apibuilder4elastic", "apibuilder4elastic", "apibuilder4elastic", False, True,
              ("templates/apibuilder4elastic/apibuilder4elastic-deployment.yaml",), (),
              ingress_template="templates/apibuilder4elastic/apibuilder4elastic-ingress.yaml"),
    Component("filebeat", "filebeat", "filebeat", True, False,
              ("charts/filebeat/templates/daemonset.yaml", "charts/filebeat/templates/deployment.yaml"), ()),
    Component("apm-server", "apm-server", "apmServer", True, False,
              ("charts/apm-server/templates/deployment.yaml",), ("http",)),
)
COMPONENT_NAMES: tuple[str, ...] = tuple(c.name for c in COMPONENTS)
BY_NAME: dict[str, Component] = {c.name: c for c in COMPONENTS}

PORTS: tuple[PortSpec, ...] = (
    PortSpec("es-http", "elasticsearch", "http", ("elasticsearch", "httpPort"), 9200, "http"),
    PortSpec("es-transport", "elasticsearch", "transport", ("elasticsearch", "transportPort"), 9300, "transport"),
    PortSpec("kibana-http", "kibana", "http", ("kibana", "httpPort"), 5601),
    PortSpec("logstash-beats", "logstash", "beats", ("logstash", "service", "ports"), 5044, "beats"),
    PortSpec("logstash-http", "logstash", "metrics", ("logstash", "httpPort"), 9600, "http"),
    PortSpec("apibuilder4elastic", "apibuilder4elastic", "https", ("apibuilder4elastic", "port"), 8443),
    PortSpec("apm-server", "apm-server", "http", ("apm-server", "service", "port"), 8200, "http"),
    PortSpec("filebeat-metrics", "filebeat", "metrics", None, 5066),
)
PORTS_BY_KEY: dict[str, PortSpec] = {p.key: p for p in PORTS}

DNS_PORT = 53  # cluster DNS, UDP and TCP
DNS_PROTOCOLS = ("UDP", "TCP")
API_MANAGER_DEFAULT_PORT = 8075  # assumed for the API-Manager when only anmUrl is set


def component_of_source(source: str | None) -> str | None:
    """The component whose workload template rendered a document, from Helm's ``# Source:`` path."""
    if not source or "/" not in source:
        return None
    below_chart = source.split("/", 1)[1]
    for component in COMPONENTS:
        if below_chart in component.workload_templates:
            return component.name
    return None
