"""The semantic rules never crash, whatever the values hold (the schema reports the bad types).

Two sweeps: every YAML fixture of the project (schema-invalid ones included)
through the real CLI, which must never exit 3; and, in process, every rule's
check over a rich values file in which each node in turn is replaced by
values of every other type.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

from aaoi_netpol.chart_defaults import bundled_defaults
from aaoi_netpol.context import LintContext
from aaoi_netpol.layering import layer_values
from aaoi_netpol.rules import ALL_RULES
from aaoi_netpol.yaml_loader import ValuePath, load_values_text
from tests.support import FIXTURES, run_cli

INVALID = FIXTURES / "rules" / "invalid"
CHECKS = [rule for rule in ALL_RULES if rule.check is not None]


def test_invalid_rule_fixtures_are_reported_not_crashed() -> None:
    files = sorted(p.name for p in INVALID.glob("*.yaml"))
    assert len(files) >= 5
    result = run_cli(["lint", "--format", "json", *files], cwd=INVALID)
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    schema_flagged = {f["file"] for f in document["findings"] if f["rule"] == "NP001"}
    assert schema_flagged >= set(files) - {"empty_file.yaml", "broken_urls.yaml"}


def test_every_fixture_of_the_project_goes_through_all_rules() -> None:
    files = sorted(str(p) for p in FIXTURES.rglob("*.y*ml") if p.is_file())
    assert files
    result = run_cli(["lint", "--format", "json", *files])
    assert result.returncode in (0, 1, 2), result.stderr
    assert "internal error" not in result.stderr.lower()


RICH = """
global:
  elasticsearchHosts: "https://es.example.com:9200,https://192.0.2.5:9200"
  networkPolicy: {enabled: true}
apibuilder4elastic:
  enabled: true
  ingress: {enabled: true, className: gce}
  anmUrl: "https://10.9.8.7:8090"
  apimgrUrl: "g1|https://apimgr.example.com:8075"
elasticsearch:
  enabled: true
  fullnameOverride: ""
  clusterName: es
  nodeGroup: data
  masterService: es-main
  networkPolicy: {http: {enabled: true}, transport: {enabled: false}}
  service: {type: NodePort, externalTrafficPolicy: Cluster}
  ingress: {annotations: {kubernetes.io/ingress.class: traefik, alb.ingress.kubernetes.io/target-type: ip}}
logstash:
  extraPorts: [{name: beats, containerPort: 5044}]
  extraContainers: "- name: sidecar\\n  ports: [{name: side, containerPort: 1}]"
kibana:
  enabled: "false"
  service: {type: LoadBalancer, nodePort: 30000}
filebeat:
  enabled: true
apm-server:
  enabled: true
  service: {type: NodePort, port: 8200}
networkPolicy:
  enabled: true
  allowHelmTest: true
  ingressController:
    nginx: []
    gce: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: gce}}}]
    traefik: [{ipBlock: {cidr: 10.5.0.0/16}}]
  apiGateways:
    - ipBlock: {cidr: 10.1.2.3/16, except: [10.1.2.0/24, 10.9.0.0/24]}
    - namespaceSelector: {}
  adminNodeManagers:
    - namespaceSelector:
        matchLabels: {name: apim}
        matchExpressions: [{key: team, operator: In, values: []}]
      podSelector:
        matchExpressions: [{key: app, operator: Exists, values: [x]}]
  monitoring: [{ipBlock: {cidr: 0.0.0.0/0}}, {ipBlock: {cidr: 10.0.0.1}}, {podSelector: {matchLabels: {a b: c}}}]
  elasticsearch:
    extraIngress:
      - from: [{ipBlock: {cidr: 10.0.0.0/8}}]
        ports: [{port: http, endPort: 9300}, {port: 9300, endPort: 9200}, {port: Bad_Name}]
      - ports: [{port: beats}]
  apmServer:
    extraIngress: [{from: []}]
  acknowledgeOpen:
    - {component: apm-server, scope: world, reason: agents on the internet}
    - {component: elasticsearch, direction: ingress, scope: cluster, reason: ""}
  filebeat:
    extraIngress: [{from: [{podSelector: {}}], ports: [{port: metrics}]}]
  egress:
    enabled: true
    dns: [{podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    apiManagement: [{ipBlock: {cidr: 10.9.0.0/16}}]
    externalElasticsearch: [{podSelector: {}}]
    extraEgress:
      - to: [{ipBlock: {cidr: "::/0"}}]
        ports: [{port: 123, protocol: UDP}]
      - ports: [{port: 443}]
"""
REPLACEMENTS: tuple[Any, ...] = (None, True, 0, -1, 1.5, "", "x", "10.0.0.0/8", [], [None], [1], {}, {"x": None})


def node_paths(value: Any, prefix: ValuePath = ()) -> Iterator[ValuePath]:
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from node_paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from node_paths(child, (*prefix, index))


def replaced(values: Any, path: ValuePath, new: Any) -> Any:
    """``values`` with the node at ``path`` replaced: only the containers along the path are copied (rules
    never write into the values, and a deep copy per case would double the sweep's time)."""
    if not path:
        return new
    out = copy.copy(values)
    out[path[0]] = replaced(values[path[0]], path[1:], new)
    return out


@pytest.fixture(scope="module")
def rich() -> tuple[Any, dict[str, Any]]:
    loaded = load_values_text(RICH, "rich.yaml")
    assert loaded.parsed and not loaded.problems
    return loaded, loaded.values


def run_all(loaded: Any, values: dict[str, Any]) -> int:
    mutated = copy.copy(loaded)
    mutated.values = values
    layered = layer_values(bundled_defaults(), [mutated], [])
    context = LintContext(layered, "rich.yaml")
    return sum(len(list(rule.check(context))) for rule in CHECKS if rule.check is not None)


def test_the_rich_file_fires_every_semantic_rule(rich: tuple[Any, dict[str, Any]]) -> None:
    loaded, _values = rich
    layered = layer_values(bundled_defaults(), [loaded], [])
    context = LintContext(layered, "rich.yaml")
    fired = {d.rule for rule in CHECKS for d in rule.diagnostics(context)}
    expected = {r.id for r in CHECKS if r.id >= "NP010"} - {"NP016", "NP017", "NP020"}
    assert fired >= expected


@pytest.mark.parametrize("section", ["networkPolicy", "global", "apibuilder4elastic", "elasticsearch",
                                     "logstash", "kibana", "filebeat", "apm-server"])
def test_no_rule_crashes_on_any_replaced_node(rich: tuple[Any, dict[str, Any]], section: str) -> None:
    loaded, values = rich
    paths = [p for p in node_paths(values) if p and p[0] == section]
    assert paths
    for path in paths:
        for new in REPLACEMENTS:
            run_all(loaded, replaced(values, path, new))  # must not raise
    for new in REPLACEMENTS:
        top = dict(values)
        top[section] = new
        run_all(loaded, top)
