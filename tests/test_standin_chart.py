"""The stand-in AAOI chart (tests/charts/apim4elastic) against the real chart's rendering.

The stand-in must give the overlay and the verifier the same networking-relevant shape as
AAOI 4.5.0: workloads (names, kinds, ``# Source:`` paths, pod labels, containers and ports),
Services, Ingresses and the unlabeled helm test Pod, on Helm 3 and Helm 4 alike; and it
must react to release names and values the way AAOI does.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import SHARED_AAOI, STANDIN_CHART, Helm

REFERENCE = SHARED_AAOI / "rendered" / "axway-elk_apim-elk_myvalues.yaml"
MYVALUES = SHARED_AAOI / "values" / "myvalues.yaml"
CHART_DEFAULTS = SHARED_AAOI / "values" / "chart-defaults.yaml"
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet")
Docs = list[tuple[str | None, dict[str, Any]]]
SOURCE_RE = re.compile(r"^# Source: (\S+)\s*$", re.MULTILINE)


def parse_rendered(text: str) -> Docs:
    """Split a `helm template` stream into (source path, object) pairs."""
    docs: Docs = []
    for chunk in re.split(r"^---\s*$", text, flags=re.MULTILINE):
        match = SOURCE_RE.search(chunk)
        for obj in yaml.safe_load_all(chunk):
            if isinstance(obj, dict) and obj.get("kind"):
                docs.append((match.group(1) if match else None, obj))
    return docs


def render(
    helm: Helm, *extra: str, release: str = "axway-elk", namespace: str = "apim-elk", values: Path | None = MYVALUES
) -> Docs:
    args = ["template", release, str(STANDIN_CHART), "-n", namespace]
    if values is not None:
        args += ["-f", str(values)]
    return parse_rendered(helm.run([*args, *extra]).stdout)


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


@pytest.fixture(scope="module")
def reference() -> Docs:
    return parse_rendered(REFERENCE.read_text())


# --- 1. the default rendering equals the real chart's -------------------------------------


def test_parent_values_equal_aaoi_defaults() -> None:
    ours = yaml.safe_load((STANDIN_CHART / "values.yaml").read_text())
    assert ours == yaml.safe_load(CHART_DEFAULTS.read_text())


def test_workloads_match_reference(helm: Helm, reference: Docs) -> None:
    ours, ref = workloads(render(helm)), workloads(reference)
    assert sorted(ours) == sorted(ref)
    for key, expected in ref.items():
        assert ours[key] == expected, key
    # The shapes the rest of the project relies on, spelled out.
    assert ("StatefulSet", "axway-elk-apim4elastic-elasticsearch") in ours
    logstash = ours[("StatefulSet", "axway-elk-apim4elastic-logstash")]
    assert [name for name, _ in logstash["containers"]] == ["logstash-logstash", "memcached"]


def test_services_match_reference(helm: Helm, reference: Docs) -> None:
    ours, ref = services(render(helm)), services(reference)
    assert ours == ref
    assert ours["axway-elk-apim4elastic-elasticsearch"]["type"] == "NodePort"
    assert ("beats", 5044, 5044, 32001, "TCP") in ours["axway-elk-apim4elastic-logstash"]["ports"]


def test_ingresses_match_reference(helm: Helm, reference: Docs) -> None:
    ours, ref = ingresses(render(helm)), ingresses(reference)
    assert ours == ref
    assert set(ours) == {"axway-elk-apim4elastic-elasticsearch", "axway-elk-apim4elastic-kibana"}


def test_helm_test_pod_has_no_labels_and_calls_elasticsearch(helm: Helm, reference: Docs) -> None:
    ours = hook_test_pods(render(helm))
    assert len(ours) == 1 == len(hook_test_pods(reference))
    source, pod = ours[0]
    assert source == hook_test_pods(reference)[0][0]
    assert not pod["metadata"].get("labels")
    assert re.fullmatch(r"axway-elk-[a-z]{5}-test", pod["metadata"]["name"])
    command = " ".join(pod["spec"]["containers"][0]["command"])
    assert "axway-elk-apim4elastic-elasticsearch:9200" in command


def test_object_inventory_matches_reference(helm: Helm, reference: Docs) -> None:
    """Every (kind, name, source) of the real chart exists in ours, and nothing else (test Pod aside)."""

    def inventory(docs: Docs) -> set[tuple[str, str, str | None]]:
        return {(o["kind"], o["metadata"]["name"], s) for s, o in docs if o["kind"] != "Pod"}

    assert inventory(render(helm)) == inventory(reference)


def test_chart_defaults_alone_render_the_same_workloads(helm: Helm, reference: Docs) -> None:
    """Without -f myvalues.yaml only the elasticsearch volume size differs, not the workloads."""
    assert workloads(render(helm, values=None)) == workloads(reference)


# --- 2. other release names ----------------------------------------------------------------


def test_other_release_name(helm: Helm) -> None:
    docs = render(helm, release="prod-elk", namespace="other-ns")
    # kibana's name comes from kibana.fullnameOverride (kept), its labels from the release.
    kibana = pod_labels(docs, "Deployment", "axway-elk-apim4elastic-kibana")
    assert kibana == {"app": "kibana", "release": "prod-elk"}
    api = pod_labels(docs, "Deployment", "prod-elk-apim4elastic-apibuilder4elastic")
    assert api == {
        "app.kubernetes.io/component": "apibuilder4elastic",
        "app.kubernetes.io/name": "apim4elastic",
        "app.kubernetes.io/instance": "prod-elk",
    }
    # fullnameOverride defaults keep the elasticsearch and logstash names and `app` labels.
    es = pod_labels(docs, "StatefulSet", "axway-elk-apim4elastic-elasticsearch")
    assert es == {"app": "axway-elk-apim4elastic-elasticsearch", "release": "prod-elk", "chart": "elasticsearch"}
    ls = pod_labels(docs, "StatefulSet", "axway-elk-apim4elastic-logstash")
    assert ls["app"] == "axway-elk-apim4elastic-logstash" and ls["release"] == "prod-elk"
    # The namespace never shows up in labels.
    for workload in workloads(docs).values():
        assert "other-ns" not in workload["labels"].values()
    assert services(docs)["axway-elk-apim4elastic-kibana"]["selector"] == {"app": "kibana", "release": "prod-elk"}


def test_release_name_containing_chart_name(helm: Helm) -> None:
    docs = render(helm, release="apim4elastic-prod")
    assert ("Deployment", "apim4elastic-prod-apibuilder4elastic") in workloads(docs)


# --- 3. values that change labels ----------------------------------------------------------


def test_elasticsearch_fullname_override_and_labels(helm: Helm) -> None:
    docs = render(helm, "--set", "elasticsearch.fullnameOverride=my-es", "--set", "elasticsearch.labels.team=search")
    es = workloads(docs)[("StatefulSet", "my-es")]
    assert es["labels"] == {"app": "my-es", "release": "axway-elk", "chart": "elasticsearch", "team": "search"}
    assert es["selector"] == {"app": "my-es"}
    svc = services(docs)
    assert svc["my-es"]["selector"]["app"] == "my-es" and svc["my-es-headless"]["headless"]
    assert ingresses(docs)["my-es"]["backends"] == [("elasticsearch.apim4elastic.local", "/", "my-es", 9200)]


def test_elasticsearch_without_fullname_override_uses_cluster_name_and_node_group(helm: Helm) -> None:
    docs = render(helm, "--set", "elasticsearch.fullnameOverride=", "--set", "elasticsearch.nodeGroup=data")
    assert pod_labels(docs, "StatefulSet", "axway-apim-data")["app"] == "axway-apim-data"
    docs = render(helm, "--set", "elasticsearch.fullnameOverride=")
    assert pod_labels(docs, "StatefulSet", "axway-apim-master")["app"] == "axway-apim-master"
    assert "axway-apim-master" in services(docs)


def test_logstash_fullname_override_goes_through_the_parent_naming_template(helm: Helm) -> None:
    docs = render(helm, "--set", "logstash.fullnameOverride=elk", "--set", "logstash.labels.tier=ingest")
    ls = workloads(docs)[("StatefulSet", "elk-logstash")]
    assert ls["labels"] == {
        "app": "elk-logstash",
        "chart": "logstash",
        "heritage": "Helm",
        "release": "axway-elk",
        "tier": "ingest",
    }
    assert ls["selector"] == {"app": "elk-logstash", "release": "axway-elk"}
    assert services(docs)["elk-logstash"]["selector"] == {
        "app": "elk-logstash",
        "chart": "logstash",
        "release": "axway-elk",
    }
    # Without an override the parent's rule gives <release>-logstash-logstash.
    docs = render(helm, "--set", "logstash.fullnameOverride=")
    assert ("StatefulSet", "axway-elk-logstash-logstash") in workloads(docs)


def test_kibana_labels_and_fullname(helm: Helm) -> None:
    docs = render(helm, "--set", "kibana.labels.team=x", "--set", "kibana.fullnameOverride=kb")
    kibana = workloads(docs)[("Deployment", "kb-kibana")]
    assert kibana["labels"] == {"app": "kibana", "release": "axway-elk", "team": "x"}
    assert kibana["selector"] == {"app": "kibana", "release": "axway-elk"}
    assert ingresses(docs)["kb-kibana"]["backends"] == [("kibana.apim4elastic.local", "/", "kb-kibana", 5601)]


def test_apibuilder4elastic_labels_and_ingress(helm: Helm) -> None:
    docs = render(helm, "--set", "apibuilder4elastic.labels.team=x", "--set", "apibuilder4elastic.ingress.enabled=true")
    api = workloads(docs)[("Deployment", "axway-elk-apim4elastic-apibuilder4elastic")]
    assert api["labels"]["team"] == "x" and api["selector"]["team"] == "x"
    assert services(docs)["axway-elk-apim4elastic-apibuilder4elastic"]["selector"] == api["labels"]
    ing = ingresses(docs)["axway-elk-apim4elastic-apibuilder4elastic-ingress"]
    assert ing["source"] == "apim4elastic/templates/apibuilder4elastic/apibuilder4elastic-ingress.yaml"
    assert ing["backends"] == [
        ("apibuilder.apim4elastic.local", "/", "axway-elk-apim4elastic-apibuilder4elastic", 8443)
    ]


def test_filebeat_enabled(helm: Helm) -> None:
    docs = render(helm, "--set", "filebeat.enabled=true", "--set", "filebeat.labels.team=x")
    fb = workloads(docs)[("DaemonSet", "axway-elk-apim4elastic-filebeat")]
    assert fb["source"] == "apim4elastic/charts/filebeat/templates/daemonset.yaml"
    assert fb["labels"] == {
        "app": "axway-elk-apim4elastic-filebeat",
        "chart": "filebeat-7.17.3",
        "heritage": "Helm",
        "release": "axway-elk",
        "team": "x",
    }
    assert fb["selector"] == {"app": "axway-elk-apim4elastic-filebeat", "release": "axway-elk"}
    assert fb["containers"] == [("filebeat", [])]
    assert not any(s["source"].startswith("apim4elastic/charts/filebeat/") for s in services(docs).values())


def test_apm_server_enabled(helm: Helm) -> None:
    docs = render(helm, "--set", "apm-server.enabled=true", "--set", "apm-server.labels.team=x", release="prod-elk")
    apm = workloads(docs)[("Deployment", "prod-elk-apm-server")]
    assert apm["source"] == "apim4elastic/charts/apm-server/templates/deployment.yaml"
    assert apm["labels"] == {"app": "apm-server", "release": "prod-elk", "team": "x"}
    assert apm["selector"] == {"app": "apm-server", "release": "prod-elk"}
    assert apm["containers"] == [("apm-server", [("http", 8200, "TCP")])]
    svc = services(docs)["prod-elk-apm-server"]
    assert svc["type"] == "ClusterIP" and svc["ports"] == [("http", 8200, 8200, None, "TCP")]
    assert svc["selector"] == {"app": "apm-server", "release": "prod-elk"}


def test_components_can_be_switched_off(helm: Helm) -> None:
    docs = render(helm, "--set", "kibana.enabled=false", "--set", "logstash.enabled=false")
    names = {name for _, name in workloads(docs)}
    assert names == {"axway-elk-apim4elastic-elasticsearch", "axway-elk-apim4elastic-apibuilder4elastic"}


def test_subchart_naming_templates_are_usable_from_the_parent(helm: Helm, tmp_path: Path) -> None:
    """An overlay template in the parent chart can `include` the subcharts' naming templates with a
    context built for the subchart and get the names the subchart's pods get."""
    chart = tmp_path / "apim4elastic"
    shutil.copytree(STANDIN_CHART, chart)
    (chart / "templates" / "zz-probe.yaml").write_text("""\
apiVersion: v1
kind: ConfigMap
metadata:
  name: probe
data:
{{- $es := dict "Values" .Values.elasticsearch "Release" .Release "Chart" (dict "Name" "elasticsearch") }}
{{- $ls := dict "Values" .Values.logstash "Release" .Release "Chart" (dict "Name" "logstash") }}
{{- $kb := dict "Values" .Values.kibana "Release" .Release "Chart" (dict "Name" "kibana") }}
{{- $fb := dict "Values" .Values.filebeat "Release" .Release "Chart" (dict "Name" "filebeat") }}
{{- $apm := dict "Values" (index .Values "apm-server") "Release" .Release "Chart" (dict "Name" "apm-server") }}
  es: {{ include "elasticsearch.uname" $es | quote }}
  ls: {{ include "logstash.fullname" $ls | quote }}
  kb: {{ include "kibana.fullname" $kb | quote }}
  fb: {{ include "filebeat.fullname" $fb | quote }}
  apm: {{ include "apm.fullname" $apm | quote }}
""")
    out = parse_rendered(
        helm.run(
            [
                "template",
                "prod-elk",
                str(chart),
                "-f",
                str(MYVALUES),
                "--set",
                "logstash.fullnameOverride=elk",
                "--set",
                "apm-server.enabled=true",
                "--set",
                "filebeat.enabled=true",
            ]
        ).stdout
    )
    probe = next(o for _, o in out if o["kind"] == "ConfigMap" and o["metadata"]["name"] == "probe")
    assert probe["data"] == {
        "es": "axway-elk-apim4elastic-elasticsearch",
        "ls": "elk-logstash",
        "kb": "axway-elk-apim4elastic-kibana",
        "fb": "axway-elk-apim4elastic-filebeat",
        "apm": "prod-elk-apm-server",
    }
    names = {name for _, name in workloads(out)}
    assert {"elk-logstash", "axway-elk-apim4elastic-kibana", "axway-elk-apim4elastic-elasticsearch"} <= names
