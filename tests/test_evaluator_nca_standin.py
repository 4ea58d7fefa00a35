"""Cross-check on the stand-in chart: for real renders, the evaluator and np-guard's NCA agree on every pair.

Every overlay scenario (tests/fixtures/overlay) and a few more is rendered by real Helm with the
overlay. The gate's modelled world (AAOI's pods as rendered, the declared peers, the Ingress
controllers, the probes) and every NetworkPolicy of the output go to both the evaluator and NCA (its
own venv); the allowed ports of every (source, destination, protocol) must be the same. NCA's
departures from Kubernetes (tests/evaluator/scenarios.yaml) do not arise in these outputs: the
overlay always writes policyTypes, and no scenario uses Exists in a podSelector next to a
namespaceSelector, or IPv4-mapped blocks.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from aaoi_netpol.evaluator import Address, Pod
from aaoi_netpol.gate.run import run_gate
from aaoi_netpol.gate.world import World as GateWorld
from aaoi_netpol.lint import layer_stack
from aaoi_netpol.render.manifests import split_documents
from aaoi_netpol.resources import overlay_templates_dir
from aaoi_netpol.value_flags import ValueFlags
from tests.evaluator.support import NcaRun, World, differences, engine_matrix
from tests.support import EXAMPLE_VALUES, FIXTURES, STANDIN_CHART, Helm, helm_for, load_yaml


def overlay_scenarios() -> dict[str, tuple[dict[str, Any], bool, str, str]]:
    """Every scenario of tests/fixtures/overlay: (values, over the example values?, release, namespace)."""
    found = {}
    for path in sorted((FIXTURES / "overlay").glob("*.yaml")):
        scenario = load_yaml(path)
        found[path.stem] = (scenario["values"], scenario.get("exampleValues", True),
                            scenario.get("release", "axway-elk"), scenario.get("namespace", "apim-elk"))
    return found


EXTRA_SCENARIOS: dict[str, dict[str, Any]] = {
    "roles-and-extras": {
        "apibuilder4elastic": {"anmUrl": "https://10.20.30.40:8090"},
        "kibana": {"ingress": {"enabled": True}},
        "networkPolicy": {
            "enabled": True,
            "apiGateways": [{"ipBlock": {"cidr": "10.1.0.0/16", "except": ["10.1.2.0/24"]}}],
            "adminNodeManagers": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "apim"}},
                                   "podSelector": {"matchExpressions": [
                                       {"key": "app", "operator": "In", "values": ["anm", "apimgr"]}]}}],
            "elasticsearch": {"extraIngress": [{"from": [{"podSelector": {"matchLabels": {"app": "reporter"}}}],
                                                "ports": [{"port": "http"}, {"port": 9300, "endPort": 9301}]}]},
            "egress": {"enabled": True, "apiManagement": [{"ipBlock": {"cidr": "10.20.30.40/32"}}],
                       "extraEgress": [{"to": [{"ipBlock": {"cidr": "192.0.2.0/24"}}],
                                        "ports": [{"port": 443}, {"protocol": "UDP", "port": 123}]}]},
        },
    },
    "foreign-policy": {
        "apibuilder4elastic": {"anmUrl": "https://anm:8090"},
        "networkPolicy": {"enabled": True},
        "apm-server": {"ssl": {"key": "x\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                                      "metadata: {name: extra}\nspec: {podSelector: {matchLabels: {app: kibana}}, "
                                      "policyTypes: [Ingress], ingress: [{ports: [{port: 5601}]}]}\n"}},
    },
}


def gate_world(helm: Helm, tmp_path: Path, values: dict[str, Any], over_example: bool = False,
               release: str = "axway-elk", namespace: str = "apim-elk") -> tuple[GateWorld, list[dict[str, Any]]]:
    chart = tmp_path / "apim4elastic"
    shutil.copytree(STANDIN_CHART, chart)
    for template in overlay_templates_dir().iterdir():
        shutil.copy2(template, chart / "templates" / template.name)
    values_file = tmp_path / "values.yaml"
    values_file.write_text(yaml.safe_dump(values), encoding="utf-8")
    files = (EXAMPLE_VALUES, values_file) if over_example else (values_file,)
    flags = [argument for path in files for argument in ("-f", str(path))]
    stream = helm.run(["template", release, str(chart), "-n", namespace, *flags]).stdout
    manifests = split_documents(stream)
    result = run_gate(manifests, layer_stack(ValueFlags(files), chart).values, namespace)
    assert result.world is not None
    policies = [{**m.body, "metadata": {**m.metadata, "namespace": m.namespace(namespace)}}
                for m in manifests if m.kind == "NetworkPolicy"]
    return result.world, policies


def as_support_world(world: GateWorld) -> World:
    endpoints: dict[str, Pod | Address] = {}
    for party in world.parties:
        endpoint = party.endpoint
        key = f"{endpoint.namespace}/{endpoint.name}" if isinstance(endpoint, Pod) else endpoint.ip
        endpoints.setdefault(key, endpoint)
    return World({}, world.evaluator.cluster, endpoints, {})


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every scenario rendered once (Helm 3.17.3: NCA does not depend on the Helm version)."""
    helm = helm_for("3.17.3", tmp_path_factory.mktemp("helm-home-nca"))
    found = {}
    scenarios = {**overlay_scenarios(), **{name: (values, False, "axway-elk", "apim-elk")
                                           for name, values in EXTRA_SCENARIOS.items()}}
    for name, (values, over_example, release, namespace) in scenarios.items():
        world, policies = gate_world(helm, tmp_path_factory.mktemp(name), values, over_example, release, namespace)
        found[name] = (as_support_world(world), policies)
    return found


def test_every_standin_scenario_agrees_with_nca(rendered: dict[str, Any]) -> None:
    run: NcaRun | None = None
    for name, (world, policies) in rendered.items():
        if run is None:
            run = NcaRun(world)
        else:
            run.switch(world)
        run.add(name, policies)
    assert run is not None
    answers = run.result()["cases"]
    checked = 0
    for name, (world, policies) in rendered.items():
        answer = answers[name]
        assert not answer.get("error"), f"{name}: NCA refused the output: {answer['error']}"
        engine = engine_matrix(world, policies)
        assert differences(engine, answer["allowed"]) == {}, name
        checked += len(world.endpoints)
    assert len(rendered) >= 25 and checked > 10 * len(rendered)  # every scenario, all parties in play
