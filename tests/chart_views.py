"""Views of a ``helm template`` stream, for comparing two renderings of a chart (stand-in vs real AAOI).

:func:`parse_rendered` splits the stream into ``(# Source: path, object)`` pairs; :func:`workloads`,
:func:`services`, :func:`ingresses` and :func:`hook_test_pods` keep only what matters for networking.
:func:`render_standin` renders the stand-in chart (cached: the chart and values files are committed);
:func:`assert_bundled_defaults_are_helms_view` compares the bundled AAOI defaults with Helm's reading of a
values.yaml.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from aaoi_netpol.resources import BUNDLED_DEFAULTS
from tests.support import EXAMPLE_VALUES, STANDIN_CHART, Helm, parse_yaml_all

WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet")
Docs = list[tuple[str | None, dict[str, Any]]]
SOURCE_RE = re.compile(r"^# Source: (\S+)\s*$", re.MULTILINE)


def parse_rendered(text: str) -> Docs:
    """Split a `helm template` stream into (source path, object) pairs."""
    docs: Docs = []
    for chunk in re.split(r"^---\s*$", text, flags=re.MULTILINE):
        match = SOURCE_RE.search(chunk)
        for obj in parse_yaml_all(chunk):
            if isinstance(obj, dict) and obj.get("kind"):
                docs.append((match.group(1) if match else None, obj))
    return docs


def render_standin(helm: Helm, *extra: str, release: str = "axway-elk", namespace: str = "apim-elk",
                   values: Path | None = EXAMPLE_VALUES) -> Docs:
    args = [release, str(STANDIN_CHART), "-n", namespace]
    if values is not None:
        args += ["-f", str(values)]
    return parse_rendered(helm.template([*args, *extra]))


def containers_view(pod_spec: dict[str, Any]) -> list[tuple[str, list[tuple[Any, ...]]]]:
    return [
        (c["name"], sorted((p.get("name"), p["containerPort"], p.get("protocol", "TCP")) for p in c.get("ports") or []))
        for c in pod_spec.get("containers") or []
    ]


def workloads(docs: Docs) -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for source, obj in docs:
        if obj["kind"] in WORKLOAD_KINDS:
            template = obj["spec"]["template"]
            out[(obj["kind"], obj["metadata"]["name"])] = {
                "source": source,
                "selector": obj["spec"]["selector"]["matchLabels"],
                "labels": template["metadata"].get("labels") or {},
                "containers": containers_view(template["spec"]),
            }
    return out


def services(docs: Docs) -> dict[str, dict[str, Any]]:
    out = {}
    for source, obj in docs:
        if obj["kind"] == "Service":
            spec = obj["spec"]
            out[obj["metadata"]["name"]] = {
                "source": source,
                "type": spec.get("type", "ClusterIP"),
                "headless": spec.get("clusterIP") == "None",
                "selector": spec.get("selector") or {},
                "ports": sorted(
                    (
                        p.get("name") or "",
                        p["port"],
                        p.get("targetPort", p["port"]),
                        p.get("nodePort"),
                        p.get("protocol", "TCP"),
                    )
                    for p in spec.get("ports") or []
                ),
            }
    return out


def ingresses(docs: Docs) -> dict[str, dict[str, Any]]:
    out = {}
    for source, obj in docs:
        if obj["kind"] == "Ingress":
            spec = obj["spec"]
            backends = sorted(
                (
                    rule.get("host"),
                    path.get("path"),
                    path["backend"]["service"]["name"],
                    path["backend"]["service"]["port"].get("number"),
                )
                for rule in spec.get("rules") or []
                for path in rule["http"]["paths"]
            )
            out[obj["metadata"]["name"]] = {
                "source": source,
                "class": spec.get("ingressClassName"),
                "backends": backends,
            }
    return out


def hook_test_pods(docs: Docs) -> Docs:
    return [
        (s, o)
        for s, o in docs
        if o["kind"] == "Pod" and (o["metadata"].get("annotations") or {}).get("helm.sh/hook") == "test"
    ]


def pod_labels(docs: Docs, kind: str, name: str) -> dict[str, str]:
    labels: dict[str, str] = workloads(docs)[(kind, name)]["labels"]
    return labels


def inventory(docs: Docs) -> set[tuple[str, str, str | None]]:
    """Every (kind, name, source) but the test Pod (its name is random)."""
    return {(o["kind"], o["metadata"]["name"], s) for s, o in docs if o["kind"] != "Pod"}


def assert_bundled_defaults_are_helms_view(helm: Helm, tmp_path: Path, values_yaml: Path) -> None:
    """The bundled AAOI defaults equal what Helm reads from ``values_yaml`` as a chart's values.yaml."""
    chart = tmp_path / "defaults-probe"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: defaults-probe\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text(values_yaml.read_text())
    (chart / "templates" / "values.yaml").write_text("values: {{ toJson .Values | quote }}\n")
    rendered = yaml.safe_load(helm.run(["template", str(chart)]).stdout)
    helm_view = json.loads(rendered["values"])
    ours = json.loads(BUNDLED_DEFAULTS.read_text())
    if helm.major >= 4:  # Helm 4 drops keys whose default is null; Helm 3 keeps them (docs/helm-differences.md)
        ours = _without_nulls(ours)
        assert ours != json.loads(BUNDLED_DEFAULTS.read_text()), "the defaults hold null keys: this case is real"
    # Helm goes through JSON: every number is a float there
    assert json.loads(json.dumps(ours), parse_int=float) == json.loads(json.dumps(helm_view), parse_int=float)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_nulls(child) for key, child in value.items() if child is not None}
    return value
