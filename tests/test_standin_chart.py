"""The stand-in AAOI chart (tests/charts/apim4elastic): its networking shape and how its labels follow values.

The stand-in must give the overlay and the verifier the same networking-relevant shape as
AAOI 4.5.0: workloads (names, kinds, ``# Source:`` paths, pod labels, containers and ports),
Services and the unlabeled helm test Pod, on Helm 3 and Helm 4 alike; and it must react to
release names and values the way AAOI does. Here it is checked against the committed facts
(tests/data/aaoi/components.yaml); tests/test_shared_reference.py checks it, and those facts,
against the real chart's rendering where that is available.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.chart_views import (
    hook_test_pods,
    ingresses,
    parse_rendered,
    pod_labels,
    services,
    workloads,
)
from tests.chart_views import (
    render_standin as render,
)
from tests.support import EXAMPLE_VALUES, STANDIN_CHART, Helm, aaoi_facts

ALL_COMPONENTS = ("--set", "filebeat.enabled=true", "--set", "apm-server.enabled=true")


def service_view(facts: dict[str, Any]) -> dict[str, Any]:
    """A service of components.yaml as :func:`services` shows it (targetPort = port, TCP)."""
    return {"type": facts["type"], "headless": facts.get("headless", False),
            "ports": sorted((p.get("name", ""), p["port"], p["port"], p.get("nodePort"), "TCP")
                            for p in facts["ports"])}


# --- 1. the shape of every component, as the facts file states it ----------------------------


@pytest.mark.helm
def test_every_component_has_the_shape_of_the_facts(helm: Helm) -> None:
    facts = aaoi_facts()
    docs = render(helm, *ALL_COMPONENTS)
    found, found_services = workloads(docs), services(docs)
    for name, component in facts["components"].items():
        workload = component["workload"]
        ours = found.pop((workload["kind"], workload["name"]))
        assert ours["source"] == workload["source"], name
        assert ours["selector"] == workload["selector"], name
        assert ours["labels"] == workload["podLabels"], name
        assert ours["containers"] == [(container, sorted((p.get("name"), p["port"], "TCP") for p in ports))
                                      for container, ports in workload["containers"].items()], name
        for service, expected in component["services"].items():
            view = {key: found_services[service][key] for key in ("type", "headless", "ports")}
            assert view == service_view(expected), service
            assert found_services.pop(service)["selector"].items() <= workload["podLabels"].items(), service
    assert found == {} and found_services == {}, "objects the facts do not describe"
    default_on = {(c["workload"]["kind"], c["workload"]["name"])
                  for c in facts["components"].values() if c["enabledByDefault"]}
    assert set(workloads(render(helm))) == default_on


@pytest.mark.helm
def test_helm_test_pod_has_no_labels_and_calls_elasticsearch(helm: Helm) -> None:
    facts = aaoi_facts()["helmTestPod"]
    ours = hook_test_pods(render(helm))
    assert len(ours) == 1
    source, pod = ours[0]
    assert source == facts["source"]
    assert not pod["metadata"].get("labels")
    assert re.fullmatch(facts["namePattern"], pod["metadata"]["name"])
    assert re.fullmatch(r"axway-elk-[a-z]{5}-test", pod["metadata"]["name"])
    command = " ".join(pod["spec"]["containers"][0]["command"])
    assert "axway-elk-apim4elastic-elasticsearch:9200" in command
    assert facts["calls"] in command


@pytest.mark.helm
def test_ingresses_of_the_default_rendering(helm: Helm) -> None:
    ours = ingresses(render(helm))
    assert set(ours) == {"axway-elk-apim4elastic-elasticsearch", "axway-elk-apim4elastic-kibana"}
    assert ours["axway-elk-apim4elastic-kibana"]["class"] == "nginx"


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
                str(EXAMPLE_VALUES),
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
