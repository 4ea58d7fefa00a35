"""The render gate, explain and diff through the real CLI on the stand-in chart, with Helm 3 and Helm 4.

What the output allows is computed over every NetworkPolicy document, whoever
rendered it: a policy smuggled through AAOI's unquoted ``apm-server.ssl.key``
fails the render; a wrong Ingress controller namespace shows in ``explain`` and
fails ``render``; ``diff`` reports a connection a values change opens.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import STANDIN_CHART, CliResult, Helm, run_cli

BASE = """\
apibuilder4elastic:
  anmUrl: "https://my-admin-node-manager:8090"
kibana:
  ingress: {enabled: true}
networkPolicy:
  enabled: true
  apiGateways:
    - ipBlock: {cidr: 10.1.0.0/16}
"""
SMUGGLED = """\
apm-server:
  ssl:
    key: |-
      x
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: aaoi-netpol-axway-elk-elasticsearch-extra
        labels: {aaoi-netpol/generated: "true", aaoi-netpol/component: elasticsearch}
      spec:
        podSelector: {}
        ingress: [{}]
"""
WRONG_CONTROLLER = """\
networkPolicy:
  ingressController:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-ngnix}}
      podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
"""
CONTROLLER_ELSEWHERE = WRONG_CONTROLLER + """\
  ingressControllerPods:
    - {namespace: ingress-ngnix, labels: {app.kubernetes.io/name: ingress-nginx}}
"""
ES_FOR_REPORTING = """\
networkPolicy:
  elasticsearch:
    extraIngress:
      - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: reporting}}}]
        ports: [{port: 9200}]
"""


def values(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def cli(helm: Helm, *args: str) -> CliResult:
    return run_cli([*args, "--helm", str(helm.path)], env=helm.env)


def render(helm: Helm, tmp_path: Path, *extra: str) -> CliResult:
    return cli(helm, "render", str(STANDIN_CHART), "-f", values(tmp_path, "base.yaml", BASE), *extra,
               "--release", "axway-elk", "-n", "apim-elk", "--policies-only")


def explain_json(helm: Helm, tmp_path: Path, *extra: str) -> dict[str, Any]:
    result = cli(helm, "explain", str(STANDIN_CHART), "-f", values(tmp_path, "base.yaml", BASE), *extra,
                 "--release", "axway-elk", "-n", "apim-elk", "--format", "json")
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def connection(document: dict[str, Any], source_name: str, target: str) -> dict[str, Any] | None:
    keys = {p["name"]: p["key"] for p in document["parties"]}
    found = [c["ports"] for c in document["connections"] if c["source"] == keys[source_name] and c["target"] == target]
    return found[0] if found else None


@pytest.mark.helm
def test_clean_values_render_with_the_gate_passing(helm: Helm, tmp_path: Path) -> None:
    result = render(helm, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "every required flow is open and nothing else is" in result.stderr
    assert {d["kind"] for d in yaml.safe_load_all(result.stdout) if d} == {"NetworkPolicy"}


@pytest.mark.helm
def test_a_smuggled_policy_fails_render_and_lint_chart(helm: Helm, tmp_path: Path) -> None:
    smuggled = values(tmp_path, "smuggled.yaml", SMUGGLED)
    result = render(helm, tmp_path, "-f", smuggled)
    assert result.returncode == 1
    assert result.stdout == ""
    foreign = [line for line in result.stderr.splitlines() if " error NP901 " in line]
    assert len(foreign) == 1 and "templates/elasticApimApmServer/apm-server-config.yaml" in foreign[0]
    assert any(" error NP903 " in line and "new-ns pod" in line and "-> elasticsearch on every port" in line
               for line in result.stderr.splitlines()), result.stderr
    lint = run_cli(["lint", "--chart", str(STANDIN_CHART), "-f", values(tmp_path, "base.yaml", BASE), smuggled,
                    "--format", "json"], env=helm.env)
    assert lint.returncode == 1, lint.stderr
    rules = {f["rule"] for f in json.loads(lint.stdout)["findings"]}
    assert {"NP901", "NP903"} <= rules


@pytest.mark.helm
def test_a_wrong_controller_namespace_shows_in_explain_and_fails_render(helm: Helm, tmp_path: Path) -> None:
    wrong = values(tmp_path, "wrong.yaml", WRONG_CONTROLLER)
    result = render(helm, tmp_path, "-f", wrong)
    assert result.returncode == 1
    blocked = [line for line in result.stderr.splitlines() if " error NP902 " in line]
    assert any("ingress-nginx controller" in line and "-> kibana:5601/TCP" in line for line in blocked), blocked
    document = explain_json(helm, tmp_path, "-f", wrong)
    assert connection(document, "ingress-nginx controller", "kibana") is None
    assert connection(document, "ingressController[0]", "kibana") == {"TCP": [[5601, 5601]]}
    fixed = render(helm, tmp_path, "-f", values(tmp_path, "elsewhere.yaml", CONTROLLER_ELSEWHERE))
    assert fixed.returncode == 0, fixed.stderr


@pytest.mark.helm
def test_explain_formats(helm: Helm, tmp_path: Path) -> None:
    base = values(tmp_path, "base.yaml", BASE)
    outputs = {}
    for output_format in ("table", "json", "markdown", "mermaid"):
        result = cli(helm, "explain", str(STANDIN_CHART), "-f", base, "--format", output_format)
        assert result.returncode == 0, result.stderr
        outputs[output_format] = result.stdout
    assert max(len(line) for line in outputs["table"].splitlines()) <= 100, outputs["table"]
    header = next(line for line in outputs["table"].splitlines() if line.startswith("from \\ to"))
    assert header.split()[3:] == ["elasticsearch", "kibana", "logstash", "apibuilder4elastic"]
    row = next(line for line in outputs["table"].splitlines() if line.startswith("apiGateways[0] "))
    assert row.split()[1:] == ["·", "·", "5044", "·"]
    document = json.loads(outputs["json"])
    assert connection(document, "kibana", "elasticsearch") == {"TCP": [[9200, 9200]]}
    assert connection(document, "new-ns pod", "elasticsearch") is None
    assert "| from \\\\ to |" in outputs["markdown"] or "| from \\ to |" in outputs["markdown"]
    assert outputs["mermaid"].startswith("```mermaid\nflowchart LR\n") and outputs["mermaid"].endswith("```\n")
    assert '-->|"5044"|' in outputs["mermaid"]


@pytest.mark.helm
def test_diff_reports_elasticsearch_opened_to_another_namespace(helm: Helm, tmp_path: Path) -> None:
    base = values(tmp_path, "base.yaml", BASE)
    new = values(tmp_path, "new.yaml", ES_FOR_REPORTING)
    args = ["diff", str(STANDIN_CHART), "--base", base, "-f", base, "-f", new]
    text = cli(helm, *args)
    assert text.returncode == 0, text.stderr
    assert "+ opened elasticsearch.extraIngress[0].from[0] -> elasticsearch: 9200" in text.stdout
    document = json.loads(cli(helm, *args, "--format", "json").stdout)
    assert document["opened"] is True
    (change,) = document["changes"]
    assert change["target"]["key"] == "elasticsearch" and change["opened"] == {"TCP": [[9200, 9200]]}
    assert "reporting" in change["source"]["key"]
    markdown = cli(helm, *args, "--format", "markdown").stdout
    assert "| :warning: opened | `elasticsearch.extraIngress[0].from[0]` | `elasticsearch` | 9200 |" in markdown
    assert cli(helm, *args, "--fail-on-open").returncode == 1
    reverse = cli(helm, "diff", str(STANDIN_CHART), "--base", base, "--base", new, "-f", base, "--fail-on-open")
    assert reverse.returncode == 0 and "- closed" in reverse.stdout


@pytest.mark.helm
def test_an_accepted_opening_renders_with_a_warning_every_time(helm: Helm, tmp_path: Path) -> None:
    opened = values(tmp_path, "open.yaml", """\
networkPolicy:
  kibana:
    extraIngress:
      - from: [{ipBlock: {cidr: 0.0.0.0/0}}]
        ports: [{port: 5601}]
""")
    refused = render(helm, tmp_path, "-f", opened)
    assert refused.returncode == 1 and " error NP013 " in refused.stderr
    accepted = values(tmp_path, "accepted.yaml", """\
networkPolicy:
  acknowledgeOpen:
    - {component: kibana, scope: world, reason: public dashboard behind SSO}
""")
    result = render(helm, tmp_path, "-f", opened, "-f", accepted)
    assert result.returncode == 0, result.stderr
    assert " warning NP050 " in result.stderr and "public dashboard behind SSO" in result.stderr


WHOLE_CLUSTER_OR_WORLD = {
    "exists": "monitoring: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, "
              "operator: Exists}]}}]",
    "not-in": "adminNodeManagers: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, "
              "operator: NotIn, values: [kube-system]}]}}]",
    "does-not-exist": "monitoring: [{namespaceSelector: {matchExpressions: [{key: example.com/nobody, "
                      "operator: DoesNotExist}]}}]",
    "split-halves": "adminNodeManagers: [{ipBlock: {cidr: 0.0.0.0/1}}, {ipBlock: {cidr: 128.0.0.0/1}}]",
    "mapped-ipv6": "adminNodeManagers: [{ipBlock: {cidr: '::ffff:0:0/96'}}]",
    "split-over-rules": "monitoring: [{ipBlock: {cidr: 44.0.0.0/9}}]\n  elasticsearch: {extraIngress: "
                        "[{from: [{ipBlock: {cidr: 44.128.0.0/9}}]}]}",
    "extra-egress": "egress:\n    enabled: true\n    extraEgress: [{to: [{namespaceSelector: {matchExpressions: "
                    "[{key: kubernetes.io/metadata.name, operator: Exists}]}}]}]",
}


@pytest.mark.parametrize("variant", sorted(WHOLE_CLUSTER_OR_WORLD))
def test_every_spelling_of_the_whole_cluster_or_world_is_an_error(tmp_path: Path, variant: str) -> None:
    text = f"networkPolicy:\n  enabled: true\n  {WHOLE_CLUSTER_OR_WORLD[variant]}\n"
    path = values(tmp_path, f"{variant}.yaml", text)
    result = run_cli(["lint", "--format", "json", path])
    findings = json.loads(result.stdout)["findings"]
    assert result.returncode == 1, findings
    assert any(f["rule"] in ("NP013", "NP014") and f["severity"] == "error" for f in findings), findings


@pytest.mark.helm
def test_render_refuses_a_whole_cluster_peer(helm: Helm, tmp_path: Path) -> None:
    open_values = values(tmp_path, "open.yaml", f"networkPolicy:\n  {WHOLE_CLUSTER_OR_WORLD['not-in']}\n")
    result = render(helm, tmp_path, "-f", open_values)
    assert result.returncode == 1 and " error NP013 " in result.stderr and result.stdout == ""
