"""The chart overlay (chart-overlay/templates) rendered by real Helm 3 and Helm 4.

Each scenario copies the stand-in AAOI chart to a temporary directory, injects
the overlay templates, runs ``helm template`` and checks the parsed output:

- every NetworkPolicy is valid Kubernetes (strict schema) and carries our
  name prefix and labels;
- every policy's podSelector selects rendered pod templates of exactly the
  component its ``aaoi-netpol/component`` label names, and every deployed
  component is selected (ingress always, egress when egress is on);
- the in-release flows are evaluated semantically (selectors against the
  rendered pod labels, ports against the rules): exactly the AAOI flows are
  open, nothing else between the release's pods;
- the rules for peers outside the release (ingress controller, roles, DNS,
  API-Management, external Elasticsearch, extraIngress/extraEgress) are
  exactly the expected ones, and no rule has an empty peer list.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests.conftest import REPO_ROOT, SHARED_AAOI, STANDIN_CHART, Helm

OVERLAY = REPO_ROOT / "chart-overlay" / "templates"
MYVALUES = SHARED_AAOI / "values" / "myvalues.yaml"
K8S_VERSION = "1.31"

COMPONENTS = ("elasticsearch", "kibana", "logstash", "apibuilder4elastic", "filebeat", "apm-server")
NP_KEY = {c: ("apmServer" if c == "apm-server" else c) for c in COMPONENTS}
WORKLOAD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}
DEFAULT_INGRESS_CONTROLLER = [
    {
        "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}},
        "podSelector": {"matchLabels": {"app.kubernetes.io/name": "ingress-nginx"}},
    }
]
DEFAULT_DNS = [
    {
        "namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
        "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
    }
]
COMPONENT_DEFAULT_ON = {
    "elasticsearch": True,
    "kibana": True,
    "logstash": True,
    "apibuilder4elastic": True,
    "filebeat": False,
    "apm-server": False,
}


# --------------------------------------------------------------------------- helpers


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def dig(data: Any, *keys: str, default: Any = None) -> Any:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return default
        data = data[key]
    return data


def selector_matches(selector: dict[str, Any] | None, labels: dict[str, str]) -> bool:
    """Kubernetes LabelSelector semantics (an empty selector matches everything)."""
    selector = selector or {}
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != str(value):
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr["key"], expr["operator"], [str(v) for v in expr.get("values") or []]
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def port_allowed(ports: list[dict[str, Any]] | None, port: int, protocol: str = "TCP") -> bool:
    if not ports:
        return True
    for entry in ports:
        if entry.get("protocol", "TCP") != protocol:
            continue
        if "port" not in entry:
            return True
        start = entry["port"]
        if isinstance(start, str):
            continue  # named ports are not used by the overlay
        if start <= port <= entry.get("endPort", start):
            return True
    return False


def port_set(ports: list[dict[str, Any]] | None) -> frozenset[tuple[str, Any]]:
    return frozenset((p.get("protocol", "TCP"), p.get("port")) for p in ports or [])


@dataclass
class PodTemplate:
    component: str  # an AAOI component, or "helm-test" for the test hook pod
    kind: str
    name: str
    labels: dict[str, str]
    container_ports: set[int]


@dataclass
class Rendered:
    namespace: str
    objects: list[dict[str, Any]]
    pods: list[PodTemplate]
    policies: list[dict[str, Any]] = field(default_factory=list)

    def policies_for(self, component: str, direction: str) -> list[dict[str, Any]]:
        return [
            p
            for p in self.policies
            if p["metadata"]["labels"].get("aaoi-netpol/component") == component
            and direction.capitalize() in p["spec"].get("policyTypes", [])
        ]

    def pods_of(self, component: str) -> list[PodTemplate]:
        return [p for p in self.pods if p.component == component]


def component_of_source(source: str) -> str | None:
    parts = source.split("/")
    if len(parts) > 2 and parts[1] == "charts":
        return parts[2] if parts[2] in COMPONENTS else None
    if len(parts) > 2 and parts[1] == "templates" and parts[2] == "apibuilder4elastic":
        return "apibuilder4elastic"
    return None


def parse_output(text: str, namespace: str) -> Rendered:
    objects: list[dict[str, Any]] = []
    pods: list[PodTemplate] = []
    for chunk in text.split("\n---"):
        source = next(
            (line.split(":", 1)[1].strip() for line in chunk.splitlines() if line.startswith("# Source:")), ""
        )
        obj = yaml.safe_load(chunk)
        if not isinstance(obj, dict):
            continue
        objects.append(obj)
        kind = obj.get("kind")
        if kind in WORKLOAD_KINDS:
            template = obj["spec"]["template"]
        elif kind == "Pod":
            template = obj
        else:
            continue
        annotations = dig(obj, "metadata", "annotations", default={}) or {}
        component = "helm-test" if annotations.get("helm.sh/hook") == "test" else component_of_source(source)
        assert component, f"pod template from an unknown source: {source}"
        containers = dig(template, "spec", "containers", default=[]) or []
        ports = {p["containerPort"] for c in containers for p in c.get("ports") or []}
        labels = {k: str(v) for k, v in (dig(template, "metadata", "labels", default={}) or {}).items()}
        pods.append(PodTemplate(component, kind, obj["metadata"]["name"], labels, ports))
    rendered = Rendered(namespace, objects, pods)
    rendered.policies = [o for o in objects if o.get("kind") == "NetworkPolicy"]
    return rendered


# --------------------------------------------------------------------------- scenario model


@dataclass
class Scenario:
    id: str
    values: dict[str, Any]
    release: str = "axway-elk"
    namespace: str = "apim-elk"
    base_myvalues: bool = True


def effective_values(scenario: Scenario) -> dict[str, Any]:
    """The user's values layered over the chart's values.yaml (what Helm sees, minus subchart defaults)."""
    chart_values = yaml.safe_load((STANDIN_CHART / "values.yaml").read_text()) or {}
    merged = chart_values
    if scenario.base_myvalues:
        merged = deep_merge(merged, yaml.safe_load(MYVALUES.read_text()))
    return deep_merge(merged, scenario.values)


def enabled_components(values: dict[str, Any]) -> set[str]:
    return {c for c in COMPONENTS if dig(values, c, "enabled", default=COMPONENT_DEFAULT_ON[c]) is True}


class Ports:
    """The port numbers a scenario's values imply (AAOI's numbers by default)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.es_http = dig(values, "elasticsearch", "httpPort", default=9200)
        self.es_transport = dig(values, "elasticsearch", "transportPort", default=9300)
        self.kibana = dig(values, "kibana", "httpPort", default=5601)
        self.logstash_http = dig(values, "logstash", "httpPort", default=9600)
        beats = 5044
        for entry in dig(values, "logstash", "service", "ports", default=[]) or []:
            if entry.get("name") == "beats" and isinstance(entry.get("targetPort"), int):
                beats = entry["targetPort"]
                break
        self.beats = beats
        self.abe = dig(values, "apibuilder4elastic", "port", default=8443)
        self.apm = dig(values, "apm-server", "service", "port", default=8200)
        self.filebeat = 5066

    def all(self) -> set[int]:
        return {
            self.es_http,
            self.es_transport,
            self.kibana,
            self.logstash_http,
            self.beats,
            self.abe,
            self.apm,
            self.filebeat,
            53,
            443,
            8090,
            8075,
        }


def expected_ingress_flows(on: set[str], p: Ports) -> set[tuple[str, str, int]]:
    """(source component, target component, port) that must be open inside the release."""
    flows = {("elasticsearch", "elasticsearch", p.es_http), ("elasticsearch", "elasticsearch", p.es_transport)}
    flows |= {
        (src, "elasticsearch", p.es_http)
        for src in ("kibana", "logstash", "apibuilder4elastic", "filebeat", "apm-server")
    }
    flows |= {
        ("filebeat", "logstash", p.beats),
        ("logstash", "apibuilder4elastic", p.abe),
        ("apibuilder4elastic", "apm-server", p.apm),
    }
    return {f for f in flows if f[0] in on and f[1] in on}


def expected_egress_flows(on: set[str], p: Ports) -> set[tuple[str, str, int]]:
    flows = {
        ("elasticsearch", "elasticsearch", p.es_http),
        ("elasticsearch", "elasticsearch", p.es_transport),
        ("kibana", "elasticsearch", p.es_http),
        ("logstash", "elasticsearch", p.es_http),
        ("logstash", "apibuilder4elastic", p.abe),
        ("apibuilder4elastic", "elasticsearch", p.es_http),
        ("apibuilder4elastic", "apm-server", p.apm),
        ("filebeat", "logstash", p.beats),
        ("filebeat", "elasticsearch", p.es_http),
        ("apm-server", "elasticsearch", p.es_http),
    }
    return {f for f in flows if f[0] in on and f[1] in on}


def tcp(*ports: int) -> frozenset[tuple[str, Any]]:
    return frozenset(("TCP", port) for port in ports)


def url_ports(*urls: Any) -> frozenset[tuple[str, Any]] | None:
    """Explicit ports of URLs; None when a URL has none (no port restriction)."""
    found: set[int] = set()
    for item in urls:
        if not isinstance(item, str):
            continue
        for url in item.split(","):
            url = url.strip().split("|")[-1].strip()
            if not url:
                continue
            hostport = url.split("://", 1)[-1].split("/", 1)[0].split("@")[-1]
            tail = hostport.rsplit(":", 1)
            if len(tail) == 2 and tail[1].isdigit():
                found.add(int(tail[1]))
            else:
                return None
    return tcp(*found) if found else None


def expected_external_ingress(values: dict[str, Any], p: Ports) -> dict[str, list[tuple[Any, Any]]]:
    """Per component: the (peers, port set) rules for peers outside the release, plus extraIngress items."""
    np = values.get("networkPolicy") or {}
    ic = np.get("ingressController", DEFAULT_INGRESS_CONTROLLER)
    ic = DEFAULT_INGRESS_CONTROLLER if ic is None else ic
    gateways, anm, monitoring = (
        np.get("apiGateways") or [],
        np.get("adminNodeManagers") or [],
        np.get("monitoring") or [],
    )
    out: dict[str, list[tuple[Any, Any]]] = {c: [] for c in COMPONENTS}

    def add(component: str, peers: list[Any], ports: frozenset[tuple[str, Any]]) -> None:
        if peers:
            out[component].append((peers, ports))

    if isinstance(ic, dict):  # per Ingress class: the annotation, else className (subchart default nginx)
        by_class = ic

        def controller(component: str) -> list[Any]:
            ingress = dig(values, component, "ingress", default={}) or {}
            annotated = (ingress.get("annotations") or {}).get("kubernetes.io/ingress.class")
            named = ingress.get("className", "nginx" if component in ("elasticsearch", "kibana") else None)
            chosen = annotated if isinstance(annotated, str) and annotated else named
            return by_class.get(chosen) or [] if isinstance(chosen, str) and chosen else []
    else:
        def controller(component: str) -> list[Any]:
            return list(ic)

    if dig(values, "elasticsearch", "ingress", "enabled", default=False):
        add("elasticsearch", controller("elasticsearch"), tcp(p.es_http))
    add("elasticsearch", monitoring, tcp(p.es_http))
    if np.get("allowHelmTest") is True:
        add("elasticsearch", [{"podSelector": {}}], tcp(p.es_http))
    if dig(values, "kibana", "ingress", "enabled", default=False):
        add("kibana", controller("kibana"), tcp(p.kibana))
    add("logstash", gateways, tcp(p.beats))
    add("logstash", monitoring, tcp(p.logstash_http))
    add("apibuilder4elastic", anm, tcp(p.abe))
    if dig(values, "apibuilder4elastic", "ingress", "enabled", default=False):
        add("apibuilder4elastic", controller("apibuilder4elastic"), tcp(p.abe))
    add("filebeat", monitoring, tcp(p.filebeat))
    add("apm-server", gateways, tcp(p.apm))
    for component in COMPONENTS:
        for rule in dig(np, NP_KEY[component], "extraIngress", default=[]) or []:
            out[component].append(("extra", rule))
    return out


def expected_external_egress(values: dict[str, Any]) -> dict[str, list[tuple[Any, Any]]]:
    np = values.get("networkPolicy") or {}
    egress = np.get("egress") or {}
    dns = egress.get("dns", DEFAULT_DNS)
    dns = DEFAULT_DNS if dns is None else dns
    apim = egress.get("apiManagement") or []
    ext_es = egress.get("externalElasticsearch") or []
    out: dict[str, list[tuple[Any, Any]]] = {c: [] for c in COMPONENTS}
    anm = dig(values, "apibuilder4elastic", "anmUrl", default="")
    apimgr = dig(values, "apibuilder4elastic", "apimgrUrl", default="")
    anm = anm if isinstance(anm, str) else ""
    apimgr = apimgr if isinstance(apimgr, str) else ""
    apim_ports = url_ports(anm, apimgr)
    if apim_ports is not None and anm.strip() and not apimgr.strip():
        apim_ports = apim_ports | tcp(8075)
    es_ports = url_ports(dig(values, "global", "elasticsearchHosts", default=""))
    for component in COMPONENTS:
        if dns:
            out[component].append((dns, frozenset({("UDP", 53), ("TCP", 53)})))
        if component == "apibuilder4elastic" and apim:
            out[component].append((apim, apim_ports or frozenset()))
        if ext_es:
            out[component].append((ext_es, es_ports or frozenset()))
        for rule in egress.get("extraEgress") or []:
            out[component].append(("extra", rule))
    return out


# --------------------------------------------------------------------------- rendering


@pytest.fixture
def overlay_chart(tmp_path: Path) -> Path:
    if not (STANDIN_CHART / "Chart.yaml").is_file():
        pytest.fail(f"stand-in chart missing at {STANDIN_CHART}")
    chart = tmp_path / "apim4elastic"
    shutil.copytree(STANDIN_CHART, chart)
    for template in OVERLAY.iterdir():
        shutil.copy2(template, chart / "templates" / template.name)
    return chart


def render(helm: Helm, chart: Path, scenario: Scenario, tmp_path: Path) -> Rendered:
    args = ["template", scenario.release, str(chart), "--namespace", scenario.namespace]
    if scenario.base_myvalues:
        args += ["-f", str(MYVALUES)]
    values_file = tmp_path / "values.yaml"
    values_file.write_text(yaml.safe_dump(scenario.values))
    args += ["-f", str(values_file)]
    result = helm.run(args)
    return parse_output(result.stdout, scenario.namespace)


# --------------------------------------------------------------------------- checks


def in_namespace_peer_matches(peer: dict[str, Any], pod: PodTemplate, namespace: str) -> bool:
    """Does a NetworkPolicyPeer match a pod of the release namespace? (ipBlock: never, see scenarios)."""
    if "ipBlock" in peer:
        return False
    if "namespaceSelector" in peer:
        ns_labels = {"kubernetes.io/metadata.name": namespace}
        if not selector_matches(peer["namespaceSelector"], ns_labels):
            return False
        return "podSelector" not in peer or selector_matches(peer["podSelector"], pod.labels)
    return selector_matches(peer.get("podSelector"), pod.labels)


def allowed(r: Rendered, src: PodTemplate, dst: PodTemplate, port: int, direction: str) -> bool:
    """Is src -> dst:port allowed by the policies in one direction (ingress: at dst, egress: at src)?"""
    subject, other = (dst, src) if direction == "ingress" else (src, dst)
    key, peer_key = ("ingress", "from") if direction == "ingress" else ("egress", "to")
    selecting = [
        p
        for p in r.policies
        if direction.capitalize() in p["spec"].get("policyTypes", [])
        and selector_matches(p["spec"]["podSelector"], subject.labels)
    ]
    if not selecting:
        return True
    for policy in selecting:
        for rule in policy["spec"].get(key) or []:
            peers = rule.get(peer_key)
            peer_ok = not peers or any(in_namespace_peer_matches(pe, other, r.namespace) for pe in peers)
            if peer_ok and port_allowed(rule.get("ports"), port):
                return True
    return False


def check_common(r: Rendered) -> None:
    assert r.policies, "networkPolicy.enabled renders policies"
    names = [p["metadata"]["name"] for p in r.policies]
    assert len(names) == len(set(names)), f"duplicate policy names: {names}"
    for policy in r.policies:
        kubernetes_validate.validate(policy, K8S_VERSION, strict=True)
        meta = policy["metadata"]
        assert meta["name"].startswith("aaoi-netpol-") and len(meta["name"]) <= 253
        labels = meta["labels"]
        assert labels["app.kubernetes.io/managed-by"] == "Helm"
        assert labels["aaoi-netpol/generated"] == "true"
        component = labels["aaoi-netpol/component"]
        assert component in COMPONENTS
        selected = [pod for pod in r.pods if selector_matches(policy["spec"]["podSelector"], pod.labels)]
        assert selected, f"{meta['name']} selects no rendered pod"
        assert {pod.component for pod in selected} == {component}, (
            f"{meta['name']} selects {[(p.component, p.name) for p in selected]}"
        )
        assert len(policy["spec"]["policyTypes"]) == 1


def own_component_rule(rule: dict[str, Any], peer_key: str, component_selectors: list[dict[str, Any]]) -> bool:
    peers = rule.get(peer_key) or []
    return len(peers) == 1 and set(peers[0]) == {"podSelector"} and peers[0]["podSelector"] in component_selectors


def check_external_rules(r: Rendered, direction: str, expected: dict[str, list[tuple[Any, Any]]], on: set[str]) -> None:
    key, peer_key = ("ingress", "from") if direction == "ingress" else ("egress", "to")
    component_selectors = [p["spec"]["podSelector"] for p in r.policies]
    for component in sorted(on):
        (policy,) = r.policies_for(component, direction)
        rules = policy["spec"].get(key) or []
        extras = [rule for kind, rule in expected[component] if kind == "extra"]
        wanted = sorted(
            (yaml.safe_dump(peers), sorted(ports)) for peers, ports in expected[component] if peers != "extra"
        )
        got: list[tuple[str, list[Any]]] = []
        got_extras: list[dict[str, Any]] = []
        for rule in rules:
            if rule in extras and len(got_extras) < len(extras):
                got_extras.append(rule)
                continue
            assert rule.get(peer_key), f"{policy['metadata']['name']}: a rule with no peers opens to everyone"
            if own_component_rule(rule, peer_key, component_selectors):
                continue
            got.append((yaml.safe_dump(rule[peer_key]), sorted(port_set(rule.get("ports")))))
        assert sorted(got) == wanted, f"{policy['metadata']['name']} external rules"
        assert got_extras == extras, f"{policy['metadata']['name']} extras appended as written"
        if extras:
            assert rules[-len(extras) :] == extras, "extra rules come last, in order"


def check_flows(r: Rendered, values: dict[str, Any], on: set[str]) -> None:
    ports = Ports(values)
    np = values.get("networkPolicy") or {}
    egress_on = dig(np, "egress", "enabled", default=False) is True
    for component in COMPONENTS:
        pods = r.pods_of(component)
        if component in on:
            assert pods, f"stand-in renders no pod for enabled {component}"
            for pod in pods:
                assert any(
                    selector_matches(p["spec"]["podSelector"], pod.labels) for p in r.policies_for(component, "ingress")
                ), f"{component} not isolated"
                assert len(r.policies_for(component, "egress")) == (1 if egress_on else 0)
        else:
            assert not pods
            assert not r.policies_for(component, "ingress") and not r.policies_for(component, "egress")

    want_in = expected_ingress_flows(on, ports)
    want_out = expected_egress_flows(on, ports)
    helm_test_open = np.get("allowHelmTest") is True
    sources = [p for p in r.pods if p.component in on or p.component == "helm-test"]
    targets = [p for p in r.pods if p.component in on]
    for src in sources:
        for dst in targets:
            for port in sorted(ports.all()):
                got_in = allowed(r, src, dst, port, "ingress")
                want = (src.component, dst.component, port) in want_in or (
                    helm_test_open and dst.component == "elasticsearch" and port == ports.es_http
                )
                assert got_in == want, f"ingress {src.component} -> {dst.component}:{port}: {got_in}"
                if src.component == "helm-test":
                    continue
                got_out = allowed(r, src, dst, port, "egress")
                want = (src.component, dst.component, port) in want_out or not egress_on
                assert got_out == want, f"egress {src.component} -> {dst.component}:{port}: {got_out}"

    for _src, dst, port in want_in:
        for pod in r.pods_of(dst):
            if pod.container_ports and dst != "filebeat":
                assert port in pod.container_ports, f"{dst} pods do not listen on {port}"

    check_external_rules(r, "ingress", expected_external_ingress(values, ports), on)
    if egress_on:
        check_external_rules(r, "egress", expected_external_egress(values), on)


# --------------------------------------------------------------------------- scenarios

ALL_ON = {"filebeat": {"enabled": True}, "apm-server": {"enabled": True}}
IPBLOCK_GW = [{"ipBlock": {"cidr": "192.0.2.0/24", "except": ["192.0.2.128/25"]}}]
NS_MON = [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}]
POD_ANM = [{"podSelector": {"matchLabels": {"app": "admin-node-manager"}}}]
NS_POD_GW = [
    {
        "namespaceSelector": {"matchLabels": {"team": "gateways"}},
        "podSelector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["apigw"]}]},
    }
]

SCENARIOS = [
    Scenario("defaults", {"networkPolicy": {"enabled": True}}),
    Scenario(
        "all-components-egress",
        deep_merge(ALL_ON, {"networkPolicy": {"enabled": True, "egress": {"enabled": True}}}),
        release="prod-elk",
        namespace="observability",
    ),
    Scenario("no-myvalues-minimal", {"networkPolicy": {"enabled": True}}, base_myvalues=False, release="r1"),
    Scenario(
        "external-elasticsearch",
        deep_merge(
            ALL_ON,
            {
                "elasticsearch": {"enabled": False},
                "global": {"elasticsearchHosts": "https://es-a.example:9243,https://es-b.example:9244"},
                "networkPolicy": {
                    "enabled": True,
                    "egress": {"enabled": True, "externalElasticsearch": [{"ipBlock": {"cidr": "198.51.100.0/24"}}]},
                },
            },
        ),
    ),
    Scenario(
        "external-es-no-port",
        {
            "elasticsearch": {"enabled": False},
            "global": {"elasticsearchHosts": "https://es.example"},
            "networkPolicy": {
                "enabled": True,
                "egress": {"enabled": True, "externalElasticsearch": [{"ipBlock": {"cidr": "198.51.100.0/24"}}]},
            },
        },
    ),
    Scenario(
        "kibana-logstash-off",
        {
            "kibana": {"enabled": False},
            "logstash": {"enabled": False},
            "networkPolicy": {"enabled": True, "egress": {"enabled": True}},
        },
    ),
    Scenario(
        "only-apibuilder",
        {
            "kibana": {"enabled": False},
            "logstash": {"enabled": False},
            "elasticsearch": {"enabled": False},
            "networkPolicy": {"enabled": True},
        },
    ),
    Scenario(
        "ingress-toggles",
        {
            "elasticsearch": {"ingress": {"enabled": False}},
            "kibana": {"ingress": {"enabled": False}},
            "apibuilder4elastic": {"ingress": {"enabled": True}},
            "networkPolicy": {
                "enabled": True,
                "ingressController": [
                    {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "traefik"}}},
                    {"ipBlock": {"cidr": "203.0.113.10/32"}},
                ],
            },
        },
    ),
    Scenario(
        "ingress-controller-empty",
        deep_merge(
            ALL_ON,
            {
                "apibuilder4elastic": {"ingress": {"enabled": True}},
                "networkPolicy": {"enabled": True, "ingressController": []},
            },
        ),
    ),
    Scenario("ingress-controller-null", {"networkPolicy": {"enabled": True, "ingressController": None}}),
    Scenario(
        "ingress-controller-per-class",
        {
            "elasticsearch": {"ingress": {"className": "", "annotations": {"kubernetes.io/ingress.class": "gce"}}},
            "kibana": {"ingress": {"className": "alb"}},
            "apibuilder4elastic": {"ingress": {"enabled": True, "className": "traefik"}},
            "networkPolicy": {
                "enabled": True,
                "ingressController": {
                    "gce": [{"ipBlock": {"cidr": "130.211.0.0/22"}}, {"ipBlock": {"cidr": "35.191.0.0/16"}}],
                    "alb": [{"ipBlock": {"cidr": "10.0.0.0/24"}}],
                    "traefik": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "traefik"}}}],
                    "nginx": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "nginx"}}}],
                },
            },
        },
    ),
    Scenario(
        "role-peers",
        deep_merge(
            ALL_ON,
            {
                "networkPolicy": {
                    "enabled": True,
                    "apiGateways": IPBLOCK_GW + NS_POD_GW,
                    "adminNodeManagers": POD_ANM,
                    "monitoring": NS_MON,
                }
            },
        ),
        release="gw-test",
        namespace="elk",
    ),
    Scenario(
        "extra-rules",
        deep_merge(
            ALL_ON,
            {
                "networkPolicy": {
                    "enabled": True,
                    **{
                        NP_KEY[c]: {
                            "extraIngress": [
                                {"from": [{"ipBlock": {"cidr": f"10.99.{i}.0/24"}}], "ports": [{"port": 7000 + i}]}
                            ]
                        }
                        for i, c in enumerate(COMPONENTS)
                    },
                    "egress": {
                        "enabled": True,
                        "dns": [{"ipBlock": {"cidr": "10.96.0.10/32"}}],
                        "extraEgress": [
                            {"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [{"port": 443}]},
                            {"ports": [{"port": 123, "protocol": "UDP"}]},
                        ],
                    },
                }
            },
        ),
    ),
    Scenario(
        "dns-empty-apim",
        {
            "apibuilder4elastic": {
                "anmUrl": "https://anm.example:8090",
                "apimgrUrl": "https://apimgr.example:8075, group-b|https://apimgr-b.example:8275",
            },
            "networkPolicy": {
                "enabled": True,
                "egress": {"enabled": True, "dns": [], "apiManagement": [{"ipBlock": {"cidr": "192.0.2.0/28"}}]},
            },
        },
    ),
    Scenario(
        "apim-default-port",
        {
            "networkPolicy": {
                "enabled": True,
                "egress": {"enabled": True, "apiManagement": [{"ipBlock": {"cidr": "192.0.2.0/28"}}]},
            }
        },
    ),
    Scenario(
        "apim-no-url",
        {
            "networkPolicy": {
                "enabled": True,
                "egress": {"enabled": True, "apiManagement": [{"ipBlock": {"cidr": "192.0.2.0/28"}}]},
            }
        },
        base_myvalues=False,
    ),
    Scenario(
        "apim-no-port",
        {
            "apibuilder4elastic": {"anmUrl": "https://anm.example"},
            "networkPolicy": {
                "enabled": True,
                "egress": {"enabled": True, "apiManagement": [{"ipBlock": {"cidr": "192.0.2.0/28"}}]},
            },
        },
    ),
    Scenario(
        "custom-labels",
        deep_merge(
            ALL_ON,
            {
                **{c: {"labels": {"team": "obs", "tier": c}} for c in COMPONENTS},
                "networkPolicy": {"enabled": True, "egress": {"enabled": True}},
            },
        ),
    ),
    Scenario(
        "fullname-overrides",
        deep_merge(
            ALL_ON,
            {
                "elasticsearch": {"fullnameOverride": "", "clusterName": "logs", "nodeGroup": "data"},
                "logstash": {"fullnameOverride": "ls"},
                "filebeat": {"fullnameOverride": ""},
                "networkPolicy": {"enabled": True, "egress": {"enabled": True}},
            },
        ),
        release="my-logstash",
    ),
    Scenario(
        "es-name-override",
        {
            "elasticsearch": {"fullnameOverride": "", "nameOverride": "search"},
            "logstash": {"fullnameOverride": ""},
            "networkPolicy": {"enabled": True},
        },
        release="x",
    ),
    Scenario(
        "custom-ports",
        deep_merge(
            ALL_ON,
            {
                "elasticsearch": {"httpPort": 9201, "transportPort": 9301},
                "kibana": {"httpPort": 5602},
                "logstash": {"httpPort": 9601},
                "apibuilder4elastic": {"port": 8444},
                "apm-server": {"service": {"port": 8201}},
                "networkPolicy": {"enabled": True, "monitoring": NS_MON, "egress": {"enabled": True}},
            },
        ),
    ),
    Scenario(
        "allow-helm-test", {"networkPolicy": {"enabled": True, "allowHelmTest": True, "egress": {"enabled": True}}}
    ),
    Scenario(
        "long-release-name",
        {"networkPolicy": {"enabled": True, "egress": {"enabled": True}}},
        release="a" * 53,
        namespace="n" * 63,
    ),
]


@pytest.mark.helm
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_overlay_scenario(helm: Helm, overlay_chart: Path, tmp_path: Path, scenario: Scenario) -> None:
    rendered = render(helm, overlay_chart, scenario, tmp_path)
    values = effective_values(scenario)
    on = enabled_components(values)
    check_common(rendered)
    check_flows(rendered, values, on)


@pytest.mark.helm
@pytest.mark.parametrize(
    "values",
    [
        {},
        {"networkPolicy": {"enabled": False, "egress": {"enabled": True}, "allowHelmTest": True}},
        {"networkPolicy": {"egress": {"enabled": True}}},
        {"networkPolicy": None},
    ],
    ids=["absent", "disabled", "enabled-missing", "null"],
)
def test_overlay_renders_nothing_when_off(
    helm: Helm, overlay_chart: Path, tmp_path: Path, values: dict[str, Any]
) -> None:
    rendered = render(helm, overlay_chart, Scenario("off", values), tmp_path)
    assert rendered.pods, "the chart itself still renders"
    assert not rendered.policies


@pytest.mark.helm
def test_overlay_names_and_labels(helm: Helm, overlay_chart: Path, tmp_path: Path) -> None:
    scenario = Scenario(
        "names",
        deep_merge(ALL_ON, {"networkPolicy": {"enabled": True, "egress": {"enabled": True}}}),
        release="prod-elk",
    )
    rendered = render(helm, overlay_chart, scenario, tmp_path)
    names = {p["metadata"]["name"] for p in rendered.policies}
    assert names == {f"aaoi-netpol-prod-elk-{c}-{d}" for c in COMPONENTS for d in ("ingress", "egress")}
    for policy in rendered.policies:
        labels = policy["metadata"]["labels"]
        assert labels["aaoi-netpol/direction"] in ("ingress", "egress")
        assert policy["metadata"]["name"].endswith(labels["aaoi-netpol/direction"])


@pytest.mark.helm
def test_overlay_selectors_follow_real_labels(helm: Helm, overlay_chart: Path, tmp_path: Path) -> None:
    """Selectors are the workloads' own selector labels, whatever the naming values say."""
    scenario = Scenario(
        "sel",
        deep_merge(
            ALL_ON,
            {
                "elasticsearch": {"fullnameOverride": "", "clusterName": "c1", "nodeGroup": "hot"},
                "logstash": {"fullnameOverride": "lsx"},
                "networkPolicy": {"enabled": True},
            },
        ),
        release="rel-a",
    )
    rendered = render(helm, overlay_chart, scenario, tmp_path)
    workloads = {o["metadata"]["name"]: o for o in rendered.objects if o.get("kind") in WORKLOAD_KINDS}
    for component in COMPONENTS:
        (policy,) = rendered.policies_for(component, "ingress")
        selector = policy["spec"]["podSelector"]
        owners = [
            w for w in workloads.values() if selector_matches(selector, w["spec"]["template"]["metadata"]["labels"])
        ]
        assert len(owners) == 1, component
        workload_selector = owners[0]["spec"]["selector"]["matchLabels"]
        assert selector["matchLabels"].items() <= {k: str(v) for k, v in workload_selector.items()}.items(), (
            f"{component}: {selector} is not part of the workload's selector {workload_selector}"
        )
    (es,) = rendered.policies_for("elasticsearch", "ingress")
    assert es["spec"]["podSelector"]["matchLabels"] == {"app": "c1-hot"}
    (ls,) = rendered.policies_for("logstash", "ingress")
    assert ls["spec"]["podSelector"]["matchLabels"] == {"app": "lsx-logstash", "release": "rel-a"}


@pytest.mark.helm
def test_overlay_helm_versions_agree(helm: Helm, overlay_chart: Path, tmp_path: Path) -> None:
    """Helm 3 and Helm 4 render the same policies (parsed; Helm 4 separates documents with a blank line)."""
    from tests.conftest import helm_binary_path  # the other version, run directly

    scenario = SCENARIOS[1]
    mine = render(helm, overlay_chart, scenario, tmp_path).policies
    other_version = next(v for v in ("3.17.3", "4.3.1") if v != helm.version)
    other = Helm(path=helm_binary_path(other_version), version=other_version, env=helm.env)
    theirs = render(other, overlay_chart, scenario, tmp_path).policies
    assert mine == theirs


@pytest.mark.helm
def test_overlay_follows_helm_on_non_boolean_switches(helm: Helm, overlay_chart: Path, tmp_path: Path) -> None:
    """Helm deploys a subchart whose condition is not a boolean, and the chart's `if` treats "false" as true:
    the overlay must protect exactly what is deployed (fail closed), whatever the spelling."""
    values = {
        "kibana": {"enabled": "false", "ingress": {"enabled": "false"}},
        "apibuilder4elastic": {"enabled": "false"},
        "networkPolicy": {"enabled": True},
    }
    rendered = render(helm, overlay_chart, Scenario("string-switches", values), tmp_path)
    check_common(rendered)
    deployed = {pod.component for pod in rendered.pods if pod.component != "helm-test"}
    protected = {p["metadata"]["labels"]["aaoi-netpol/component"] for p in rendered.policies}
    assert {"kibana", "apibuilder4elastic"} <= deployed
    assert deployed == protected
    (kibana,) = rendered.policies_for("kibana", "ingress")
    assert any(rule.get("ports") == [{"port": 5601, "protocol": "TCP"}] for rule in kibana["spec"]["ingress"]), \
        "the kibana Ingress object is rendered, so the ingress controller must reach 5601"
