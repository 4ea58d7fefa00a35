"""Fail-closed verification of the rendered output: unit checks, then the real CLI on broken charts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from aaoi_netpol.model.components import component_of_source
from aaoi_netpol.render.manifests import ManifestError, join_documents, split_documents
from aaoi_netpol.render.selectors import SelectorError, selector_matches
from aaoi_netpol.render.verify import verify
from tests.support import EXAMPLE_VALUES, Helm, RenderRun, copy_standin, np_values, write

# --------------------------------------------------------------------------- selectors

EXAMPLE = str(EXAMPLE_VALUES)  # the example user values (the AAOI chart's example settings)


@pytest.mark.parametrize(("selector", "labels", "expected"), [
    (None, {}, True),
    ({}, {"a": "1"}, True),
    ({"matchLabels": {"a": "1"}}, {"a": "1", "b": "2"}, True),
    ({"matchLabels": {"a": "1", "c": "3"}}, {"a": "1"}, False),
    ({"matchLabels": {"on": True}}, {"on": "true"}, True),
    ({"matchExpressions": [{"key": "a", "operator": "In", "values": ["1", "2"]}]}, {"a": "2"}, True),
    ({"matchExpressions": [{"key": "a", "operator": "In", "values": ["1"]}]}, {}, False),
    ({"matchExpressions": [{"key": "a", "operator": "NotIn", "values": ["1"]}]}, {}, True),
    ({"matchExpressions": [{"key": "a", "operator": "NotIn", "values": ["1"]}]}, {"a": "1"}, False),
    ({"matchExpressions": [{"key": "a", "operator": "Exists"}]}, {"a": ""}, True),
    ({"matchExpressions": [{"key": "a", "operator": "Exists"}]}, {"b": "1"}, False),
    ({"matchExpressions": [{"key": "a", "operator": "DoesNotExist"}]}, {"b": "1"}, True),
    ({"matchExpressions": [{"key": "a", "operator": "DoesNotExist"}]}, {"a": "1"}, False),
    ({"matchLabels": {"a": "1"}, "matchExpressions": [{"key": "b", "operator": "Exists"}]}, {"a": "1"}, False),
])
def test_selector_semantics(selector: Any, labels: dict[str, str], expected: bool) -> None:
    assert selector_matches(selector, labels) is expected


@pytest.mark.parametrize("expression", [
    {"key": "a", "operator": "Equals", "values": ["1"]},
    {"key": "a", "operator": "In"},
    {"key": "a", "operator": "Exists", "values": ["1"]},
    {"operator": "Exists"},
])
def test_invalid_selectors_are_errors(expression: dict[str, Any]) -> None:
    with pytest.raises(SelectorError):
        selector_matches({"matchExpressions": [expression]}, {"a": "1"})


# --------------------------------------------------------------------------- manifests and verify


def doc(source: str, body: dict[str, Any]) -> str:
    return f"---\n# Source: {source}\n{yaml.safe_dump(body)}"


def workload(kind: str, name: str, labels: dict[str, str]) -> dict[str, Any]:
    return {"apiVersion": "apps/v1", "kind": kind, "metadata": {"name": name},
            "spec": {"template": {"metadata": {"labels": labels}}}}


def policy(component: str, selector: dict[str, Any], types: tuple[str, ...] = ("Ingress",)) -> dict[str, Any]:
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": f"aaoi-netpol-r-{component}-{types[0].lower()}",
                         "labels": {"aaoi-netpol/generated": "true", "aaoi-netpol/component": component}},
            "spec": {"podSelector": selector, "policyTypes": list(types)}}


TEST_POD = {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "r-abcde-test", "annotations": {"helm.sh/hook": "test"}}}


def stream(*docs: str) -> str:
    return "".join(docs)


def test_split_keeps_source_and_text() -> None:
    text = stream(doc("c/charts/kibana/templates/deployment.yaml", workload("Deployment", "k", {"app": "kibana"})),
                  "---\n# Source: c/templates/empty.yaml\n", doc("c/templates/x.yaml", {"kind": "ConfigMap"}))
    manifests = split_documents(text)
    assert [m.source for m in manifests] == ["c/charts/kibana/templates/deployment.yaml", "c/templates/x.yaml"]
    assert manifests[0].pod_labels() == {"app": "kibana"}
    assert join_documents(manifests).startswith("---\n# Source: c/charts/kibana/")
    with pytest.raises(ManifestError, match=r"c/templates/bad\.yaml"):
        split_documents("---\n# Source: c/templates/bad.yaml\na: [\n")


@pytest.mark.parametrize(("source", "component"), [
    ("apim4elastic/charts/apm-server/templates/deployment.yaml", "apm-server"),
    ("apim4elastic/charts/elasticsearch/templates/statefulset.yaml", "elasticsearch"),
    ("apim4elastic/templates/apibuilder4elastic/apibuilder4elastic-deployment.yaml", "apibuilder4elastic"),
    ("apim4elastic/templates/other/deployment.yaml", None),
    ("apim4elastic/charts/redis/templates/deployment.yaml", None),
    (None, None),
])
def test_component_from_source(source: str | None, component: str | None) -> None:
    assert component_of_source(source) == component


def test_matching_policies_pass_and_test_hook_pods_are_exempt() -> None:
    manifests = split_documents(stream(
        doc("c/charts/kibana/templates/deployment.yaml", workload("Deployment", "k", {"app": "kibana", "r": "x"})),
        doc("c/templates/aaoi-netpol-networkpolicies.yaml", policy("kibana", {"matchLabels": {"app": "kibana"}})),
        doc("c/charts/elasticsearch/templates/test/test.yaml", TEST_POD)))
    result = verify(manifests, "default")
    assert result.problems == []
    assert [p.name for p in result.policies] == ["aaoi-netpol-r-kibana-ingress"]


def test_policy_selecting_nothing_names_policy_selector_and_labels() -> None:
    manifests = split_documents(stream(
        doc("c/charts/kibana/templates/deployment.yaml", workload("Deployment", "k", {"app": "kibana-ui"})),
        doc("c/templates/aaoi-netpol-networkpolicies.yaml", policy("kibana", {"matchLabels": {"app": "kibana"}}))))
    problems = verify(manifests, "default").problems
    assert len(problems) == 2
    assert "NetworkPolicy aaoi-netpol-r-kibana-ingress" in problems[0]
    assert '{"matchLabels":{"app":"kibana"}}' in problems[0] and '{"app":"kibana-ui"}' in problems[0]
    assert "Deployment k" in problems[1] and "selected by no aaoi-netpol ingress NetworkPolicy" in problems[1]


def test_unselected_workload_other_namespace_cross_component_and_egress() -> None:
    manifests = split_documents(stream(
        doc("c/charts/kibana/templates/deployment.yaml", workload("Deployment", "k", {"app": "kibana"})),
        doc("c/charts/logstash/templates/statefulset.yaml", workload("StatefulSet", "l", {"app": "logstash"})),
        doc("c/templates/aaoi-netpol-networkpolicies.yaml",
            policy("kibana", {"matchExpressions": [{"key": "app", "operator": "Exists"}]})),
        doc("c/templates/aaoi-netpol-networkpolicies.yaml",
            policy("kibana", {"matchLabels": {"app": "kibana"}}, ("Egress",)))))
    problems = verify(manifests, "default").problems
    assert any("also selects logstash's StatefulSet l" in p for p in problems)
    assert any(p.startswith("StatefulSet l") and "no aaoi-netpol egress NetworkPolicy" in p for p in problems)
    moved = split_documents(stream(
        doc("c/charts/kibana/templates/deployment.yaml",
            {**workload("Deployment", "k", {"app": "kibana"}), "metadata": {"name": "k", "namespace": "other"}}),
        doc("c/templates/aaoi-netpol-networkpolicies.yaml", policy("kibana", {"matchLabels": {"app": "kibana"}}))))
    assert any("namespace other" in p for p in verify(moved, "default").problems)


# --------------------------------------------------------------------------- the real CLI


@pytest.fixture
def run(helm: Helm) -> RenderRun:
    return RenderRun(helm)


def relabel_kibana(chart: Path) -> None:
    deployment = chart / "charts" / "kibana" / "templates" / "deployment.yaml"
    text = re.sub(r"^(\s+)app: \{\{ \.Chart\.Name \}\}$", r"\1app: {{ .Chart.Name }}-ui",
                  deployment.read_text(), flags=re.MULTILINE)
    deployment.write_text(text)


def test_workload_labels_that_do_not_match_stop_the_render(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    relabel_kibana(chart)
    run.keep(chart)
    np = np_values(tmp_path)
    out = tmp_path / "out"
    result = run.render(str(chart), "-f", EXAMPLE, "-f", str(np), "--release", "r1", "--output-dir", str(out))
    assert result.returncode == 1
    assert result.stdout == "" and not out.exists()
    failures = [line for line in result.stderr.splitlines() if line.startswith("error: verification failed:")]
    assert len(failures) == 2, result.stderr
    assert "NetworkPolicy aaoi-netpol-r1-kibana-ingress" in failures[0]
    assert '{"matchLabels":{"app":"kibana","release":"r1"}}' in failures[0]
    assert '{"app":"kibana-ui","release":"r1"}' in failures[0]
    assert "Helm test hook pods are exempt" in failures[0]
    written = tmp_path / "written"
    refused = run.render(str(chart), "-f", str(np), "--write-chart", str(written))
    assert refused.returncode == 1 and not written.exists()


def test_lint_chart_reports_verification_failures_at_the_enabled_line(run: RenderRun, tmp_path: Path) -> None:
    chart = copy_standin(tmp_path)
    relabel_kibana(chart)
    good = copy_standin(tmp_path, "good")
    run.keep(chart, good)
    np = write(tmp_path / "values" / "np.yaml", "# policies on\nnetworkPolicy:\n  enabled: true\n")
    result = run.cli("lint", "--chart", str(chart), "-f", EXAMPLE, str(np))
    assert result.returncode == 1, result.stderr
    findings = [line for line in result.stdout.splitlines() if " NP900 " in line]
    assert len(findings) == 2
    assert all(line.startswith(f"{np}:3:3: error NP900 rendered output: ") for line in findings)
    assert any("NetworkPolicy aaoi-netpol-axway-elk-kibana-ingress" in line for line in findings)
    clean = run.cli("lint", "--chart", str(good), "-f", EXAMPLE, str(np))
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert " NP900 " not in clean.stdout
