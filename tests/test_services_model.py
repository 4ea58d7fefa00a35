"""The model's Service facts (type, ports each main Service publishes) against what Helm renders (Helm 3 and 4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from aaoi_netpol.lint import layer_stack
from aaoi_netpol.model.components import COMPONENTS
from aaoi_netpol.model.services import published_ports, service_type
from aaoi_netpol.render.manifests import split_documents
from aaoi_netpol.value_flags import ValueFlags
from tests.support import STANDIN_CHART, Helm

SCENARIOS: dict[str, dict[str, Any]] = {
    "defaults": {},
    "changed": {
        "elasticsearch": {"service": {"type": "ClusterIP"}, "httpPort": 9201},
        "kibana": {"service": {"type": "LoadBalancer", "port": 443}, "httpPort": 5602},
        "logstash": {"httpPort": 9601, "service": {"type": "LoadBalancer", "ports": [
            {"name": "beats", "port": 5044, "targetPort": 5045, "protocol": "TCP"},
            {"name": "http", "port": 9600}]}},
        "apm-server": {"enabled": True, "service": {"type": "NodePort", "port": 8201}},
        "filebeat": {"enabled": True},
    },
}


def main_services(stream: str) -> dict[str, dict[str, Any]]:
    """component -> its main (not headless) Service, by the template that rendered it."""
    found: dict[str, dict[str, Any]] = {}
    for manifest in split_documents(stream):
        if manifest.kind != "Service" or (manifest.body.get("spec") or {}).get("clusterIP") == "None":
            continue
        for component in COMPONENTS:
            chart = f"charts/{component.values_key}/" if component.subchart else "templates/"
            if manifest.source and manifest.source.split("/", 1)[1].startswith(chart) \
                    and manifest.source.endswith("service.yaml"):
                found[component.name] = manifest.body
    return found


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_service_types_and_published_ports_match_the_rendered_services(helm: Helm, tmp_path: Path,
                                                                       scenario: str) -> None:
    values_file = tmp_path / "values.yaml"
    values_file.write_text(yaml.safe_dump(SCENARIOS[scenario]), encoding="utf-8")
    stream = helm.run(["template", "r1", str(STANDIN_CHART), "-f", str(values_file)]).stdout
    services = main_services(stream)
    values = layer_stack(ValueFlags((values_file,)), STANDIN_CHART).values
    for component in COMPONENTS:
        service = services.get(component.name)
        if service is None:
            assert published_ports(values, component) == (), component.name
            continue
        ports = service["spec"]["ports"]
        targets = {p.get("targetPort", p["port"]) for p in ports}
        assert service["spec"].get("type", "ClusterIP") == service_type(values, component), component.name
        assert targets == set(published_ports(values, component)), component.name
    assert "logstash" in services and "kibana" in services
