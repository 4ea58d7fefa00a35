"""The overlay's Go templates hold the same AAOI model as aaoi_netpol.model: rendered by real Helm and compared.

A test-only template is added to a copy of the stand-in chart beside the
overlay; it prints the overlay's catalog (components, ports, flow table) and
its computed state (what is deployed, port numbers, the flows that hold, the
outbound ports) as JSON in a ConfigMap. Each is compared with the Python
model evaluated on the same values as the linter layers them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from aaoi_netpol.lint import layer_stack
from aaoi_netpol.model.components import COMPONENTS, PORTS
from aaoi_netpol.model.flows import (
    FLOWS,
    active_flows,
    api_management_ports,
    external_elasticsearch_ports,
    ingress_controller_peers,
    role_peers,
)
from aaoi_netpol.model.ingress_classes import ingress_class
from aaoi_netpol.model.ports import port_number
from aaoi_netpol.model.switches import component_deployed, egress_enabled, ingress_on, policies_enabled
from aaoi_netpol.resources import overlay_templates_dir
from aaoi_netpol.value_flags import ValueFlags
from tests.support import STANDIN_CHART, Helm

DUMP_TEMPLATE = """\
{{- $catalog := include "aaoi-netpol.catalog" . | fromYaml -}}
{{- $state := include "aaoi-netpol.state" . | fromYaml -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: aaoi-netpol-model-dump
data:
  catalog: {{ toJson $catalog | quote }}
  state: {{ toJson $state | quote }}
"""

ANM = {"apibuilder4elastic": {"anmUrl": "https://anm.example:8090"}}
SCENARIOS: dict[str, dict[str, Any]] = {
    "defaults-on": {**ANM, "networkPolicy": {"enabled": True}},
    "off": {**ANM, "networkPolicy": {"enabled": False}},
    "string-switches": {**ANM, "networkPolicy": {"enabled": "true", "egress": {"enabled": "true"}}},
    "everything-on": {
        "apibuilder4elastic": {"anmUrl": "https://anm:8090", "apimgrUrl": "https://apim:8075,grp|https://b:9443",
                               "ingress": {"enabled": True}, "port": 9443},
        "filebeat": {"enabled": True}, "apm-server": {"enabled": True, "service": {"port": 8201}},
        "elasticsearch": {"httpPort": 9201, "transportPort": "9301", "ingress": {"enabled": True}},
        "kibana": {"httpPort": 5602, "ingress": {"enabled": "yes"}},
        "logstash": {"httpPort": 9601, "service": {"ports": [{"name": "beats", "port": 5044, "targetPort": 5045}]}},
        "global": {"elasticsearchHosts": "https://es.example:9200"},
        "networkPolicy": {"enabled": True, "allowHelmTest": True, "egress": {"enabled": True},
                          "apiGateways": [{"ipBlock": {"cidr": "10.1.0.0/16"}}],
                          "monitoring": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "m"}}}]},
    },
    "components-off": {"apibuilder4elastic": {"enabled": False}, "kibana": {"enabled": False},
                       "filebeat": {"enabled": "false"}, "logstash": {"extraPorts": [
                           {"name": "beats", "containerPort": 6044}], "service": None},
                       "networkPolicy": {"enabled": True, "egress": {"enabled": True}}},
    "ingress-classes-map": {
        "kibana": {"ingress": {"className": "alb", "annotations": {
            "alb.ingress.kubernetes.io/target-type": "ip", "kubernetes.io/ingress.class": ""}}},
        "elasticsearch": {"ingress": {"className": None, "annotations": {"kubernetes.io/ingress.class": "gce"}}},
        "apibuilder4elastic": {"anmUrl": "https://anm:8090", "ingress": {"enabled": True}},
        "networkPolicy": {"enabled": True, "ingressController": {
            "alb": [{"ipBlock": {"cidr": "10.0.0.0/16"}}, {"ipBlock": {"cidr": "10.1.0.0/16"}}],
            "gce": [{"ipBlock": {"cidr": "130.211.0.0/22"}}, {"ipBlock": {"cidr": "10.0.0.0/16"}}],
            "nginx": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}],
            "unused": None}},
    },
    "ingress-classes-list": {
        **ANM, "kibana": {"ingress": {"className": "traefik"}},
        "networkPolicy": {"enabled": True, "ingressController": [
            {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "traefik"}}}]},
    },
    "urls-without-ports": {"apibuilder4elastic": {"anmUrl": "https://anm", "apimgrUrl": ""},
                           "global": {"elasticsearchHosts": "https://a:9200,https://b"},
                           "networkPolicy": {"enabled": True, "egress": {"enabled": True}}},
}


def render_dump(helm: Helm, tmp_path: Path, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], Path]:
    chart = tmp_path / "apim4elastic"
    shutil.copytree(STANDIN_CHART, chart)
    for template in overlay_templates_dir().iterdir():
        shutil.copy2(template, chart / "templates" / template.name)
    (chart / "templates" / "zz-model-dump.yaml").write_text(DUMP_TEMPLATE)
    values_file = tmp_path / "values.yaml"
    values_file.write_text(yaml.safe_dump(values))
    result = helm.run(["template", "r1", str(chart), "-f", str(values_file),
                       "--show-only", "templates/zz-model-dump.yaml"])
    data = yaml.safe_load(result.stdout)["data"]
    return json.loads(data["catalog"]), json.loads(data["state"]), values_file


def test_catalog_equals_the_python_model(helm: Helm, tmp_path: Path) -> None:
    catalog, _, _ = render_dump(helm, tmp_path, SCENARIOS["defaults-on"])
    assert catalog["components"] == [
        {"name": c.name, "valuesKey": c.values_key, "npKey": c.np_key, "subchart": c.subchart,
         "hasIngress": c.has_ingress} for c in COMPONENTS]
    assert catalog["ports"] == [{"key": p.key, "path": list(p.values_path or ()), "default": p.default}
                                for p in PORTS]
    assert catalog["flows"] == [
        {"from": f.source, "to": f.target, "ports": list(f.ports), **({} if f.condition == "deployed"
                                                                     else {"when": f.condition})}
        for f in FLOWS]


def _tcp_numbers(ports: tuple[tuple[str, int | None], ...]) -> list[int]:
    assert all(protocol == "TCP" for protocol, _ in ports)
    return [number for _, number in ports if number is not None]


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_state_equals_the_python_model_for_the_same_values(helm: Helm, tmp_path: Path, scenario: str) -> None:
    _, state, values_file = render_dump(helm, tmp_path, SCENARIOS[scenario])
    values = layer_stack(ValueFlags((values_file,)), STANDIN_CHART).values
    assert state["enabled"] == policies_enabled(values)
    assert state["egress"] == egress_enabled(values)
    assert sorted(state["deployed"]) == sorted(c.name for c in COMPONENTS if component_deployed(values, c))
    assert sorted(state["ingress"]) == sorted(c.name for c in COMPONENTS if ingress_on(values, c))
    assert state["ports"] == {p.key: port_number(values, p.key) for p in PORTS}
    expected = [{"from": f.source, "to": f.target, "ports": _tcp_numbers(f.ports)}
                for f in active_flows(values) if not f.outbound]
    assert state["flows"] == expected
    outbound = state["outbound"]
    assert outbound["apiManagement"]["ports"] == _tcp_numbers(api_management_ports(values))
    assert outbound["apiManagement"]["unrestricted"] == (api_management_ports(values) == ())
    assert outbound["externalElasticsearch"]["ports"] == _tcp_numbers(external_elasticsearch_ports(values))
    assert state["roles"]["ingressController"] == role_peers(values, "ingressController")
    assert state["ingressClasses"] == {c.name: ingress_class(values, c) or "" for c in COMPONENTS
                                       if ingress_on(values, c)}
    assert state["ingressPeers"] == {c.name: ingress_controller_peers(values, c.name) for c in COMPONENTS
                                     if ingress_on(values, c)}
    if scenario == "ingress-classes-map":  # each component admits its own class's controller, no other
        controllers = SCENARIOS[scenario]["networkPolicy"]["ingressController"]
        assert state["ingressClasses"] == {"elasticsearch": "gce", "kibana": "alb", "apibuilder4elastic": ""}
        assert state["ingressPeers"] == {"elasticsearch": controllers["gce"], "kibana": controllers["alb"],
                                         "apibuilder4elastic": []}
        assert len(state["roles"]["ingressController"]) == 4  # 10.0.0.0/16 once
