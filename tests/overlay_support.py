"""Parse ``helm template`` output of the overlay and evaluate its NetworkPolicies (used by test_overlay_*).

:func:`parse_output` finds every pod template and the AAOI component it belongs to (by its ``# Source:``
template, from tests/data/aaoi/components.yaml); :func:`allowed` evaluates the policies semantically
(selectors against the rendered pod labels, ports against the rules) for one connection between two
pods of the release; :func:`check_common` holds what every rendering with policies must satisfy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support import Helm, aaoi_facts, assert_valid_k8s, parse_yaml

WORKLOAD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}


def components() -> tuple[str, ...]:
    return tuple(aaoi_facts()["components"])


def component_of_source(source: str) -> str | None:
    """The component whose workload template is ``source`` (None for any other template)."""
    for name, facts in aaoi_facts()["components"].items():
        if facts["workload"]["source"] == source:
            return str(name)
    return None


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


def parse_output(text: str, namespace: str) -> Rendered:
    objects: list[dict[str, Any]] = []
    pods: list[PodTemplate] = []
    for chunk in text.split("\n---"):
        source = next(
            (line.split(":", 1)[1].strip() for line in chunk.splitlines() if line.startswith("# Source:")), ""
        )
        obj = parse_yaml(chunk)
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


def render(helm: Helm, chart: Path, release: str, namespace: str, values_files: list[Path]) -> Rendered:
    """``helm template`` of the overlay chart (a session-wide chart copy and committed or per-content
    values files: the same inputs render once per session)."""
    args = [release, str(chart), "--namespace", namespace]
    for path in values_files:
        args += ["-f", str(path)]
    return parse_output(helm.template(args), namespace)


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
        assert_valid_k8s(policy)
        meta = policy["metadata"]
        assert meta["name"].startswith("aaoi-netpol-") and len(meta["name"]) <= 253
        labels = meta["labels"]
        assert labels["app.kubernetes.io/managed-by"] == "Helm"
        assert labels["aaoi-netpol/generated"] == "true"
        component = labels["aaoi-netpol/component"]
        assert component in components()
        selected = [pod for pod in r.pods if selector_matches(policy["spec"]["podSelector"], pod.labels)]
        assert selected, f"{meta['name']} selects no rendered pod"
        assert {pod.component for pod in selected} == {component}, (
            f"{meta['name']} selects {[(p.component, p.name) for p in selected]}"
        )
        assert len(policy["spec"]["policyTypes"]) == 1
