"""Against the real AAOI chart's reference files (``SHARED_AAOI``: ../shared/aaoi, present in CI).

What the rest of the suite takes from files committed under tests/ must agree with the real chart:
the stand-in chart renders what the real chart rendered (workloads, Services, Ingresses, every
object and its ``# Source:``, the helm test Pod), its values.yaml and the bundled defaults are the
real chart's defaults, our example values hold the settings of the chart's own example, and every
entry of tests/data/aaoi/components.yaml matches the real rendering (or, for the components the
reference leaves off, the component table of the chart notes). Deselected where the files are
missing (see conftest.py); ``AAOI_NETPOL_REQUIRE_SHARED=1`` makes that an error.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.chart_views import (
    Docs,
    assert_bundled_defaults_are_helms_view,
    hook_test_pods,
    ingresses,
    inventory,
    parse_rendered,
    render_standin,
    services,
    workloads,
)
from tests.support import EXAMPLE_VALUES, SHARED_AAOI, STANDIN_CHART, Helm, aaoi_facts

pytestmark = pytest.mark.shared_aaoi

REFERENCE = SHARED_AAOI / "rendered" / "axway-elk_apim-elk_myvalues.yaml"
MYVALUES = SHARED_AAOI / "values" / "myvalues.yaml"
CHART_DEFAULTS = SHARED_AAOI / "values" / "chart-defaults.yaml"
NOTES = SHARED_AAOI / "README.md"


@pytest.fixture(scope="module")
def reference() -> Docs:
    return parse_rendered(REFERENCE.read_text())


def render(helm: Helm, values: Path | None = MYVALUES) -> Docs:
    return render_standin(helm, values=values)


# --- the committed stand-ins for the shared files ---------------------------------------------


def test_parent_values_equal_aaoi_defaults() -> None:
    ours = yaml.safe_load((STANDIN_CHART / "values.yaml").read_text())
    assert ours == yaml.safe_load(CHART_DEFAULTS.read_text())


def test_example_values_hold_the_settings_of_the_charts_example() -> None:
    assert yaml.safe_load(EXAMPLE_VALUES.read_text()) == yaml.safe_load(MYVALUES.read_text())


@pytest.mark.helm
def test_bundled_defaults_equal_what_helm_reads_from_the_real_chart_values(helm: Helm, tmp_path: Path) -> None:
    assert_bundled_defaults_are_helms_view(helm, tmp_path, CHART_DEFAULTS)


def test_component_facts_match_the_reference(reference: Docs) -> None:
    facts = aaoi_facts()
    assert (facts["release"], facts["namespace"]) == ("axway-elk", "apim-elk")  # the reference's
    ref_workloads, ref_services = workloads(reference), services(reference)
    in_reference = {name: c for name, c in facts["components"].items() if c["inReference"]}
    assert len(ref_workloads) == len(in_reference)
    for name, component in in_reference.items():
        workload = component["workload"]
        ref = ref_workloads[(workload["kind"], workload["name"])]
        assert (ref["source"], ref["selector"], ref["labels"]) == (
            workload["source"], workload["selector"], workload["podLabels"]), name
        assert ref["containers"] == [(container, sorted((p.get("name"), p["port"], "TCP") for p in ports))
                                     for container, ports in workload["containers"].items()], name
        for service, expected in component["services"].items():
            got = ref_services[service]
            assert (got["type"], got["headless"]) == (expected["type"], expected.get("headless", False)), service
            assert got["ports"] == sorted((p.get("name", ""), p["port"], p["port"], p.get("nodePort"), "TCP")
                                          for p in expected["ports"]), service
    described = {s for c in in_reference.values() for s in c["services"]}
    assert described == set(ref_services)
    (source, pod), = hook_test_pods(reference)
    test_pod = facts["helmTestPod"]
    assert source == test_pod["source"] and re.fullmatch(test_pod["namePattern"], pod["metadata"]["name"])
    assert test_pod["calls"] in " ".join(pod["spec"]["containers"][0]["command"])


def notes_row(component: str) -> str:
    rows = [line for line in NOTES.read_text().splitlines() if line.startswith(f"| {component} ")]
    assert len(rows) == 1, component
    return rows[0]


def test_component_facts_match_the_chart_notes() -> None:
    """Filebeat and APM-Server are off in the reference: their facts are checked against the notes' table."""
    defaults = yaml.safe_load(CHART_DEFAULTS.read_text())
    for name, component in aaoi_facts()["components"].items():
        row = notes_row(name)
        workload = component["workload"]
        assert ("(off by default)" not in row) == component["enabledByDefault"], name
        assert (defaults[name].get("enabled", True) is True) == component["enabledByDefault"], name
        assert workload["kind"] in row, name
        assert workload["name"].replace("axway-elk-apm-server", "<release>-apm-server") in row, name
        assert f"app: {workload['podLabels'].get('app', '')}" in row or "app.kubernetes.io" in row, name
        container_ports = [p["port"] for ports in workload["containers"].values() for p in ports]
        for port in container_ports or component["ports"].values():  # filebeat: its monitoring port
            assert str(port) in row, (name, port)


# --- the stand-in chart renders what the real chart rendered -------------------------------------


@pytest.mark.helm
def test_workloads_match_reference(helm: Helm, reference: Docs) -> None:
    ours, ref = workloads(render(helm)), workloads(reference)
    assert sorted(ours) == sorted(ref)
    for key, expected in ref.items():
        assert ours[key] == expected, key
    # The shapes the rest of the project relies on, spelled out.
    assert ("StatefulSet", "axway-elk-apim4elastic-elasticsearch") in ours
    logstash = ours[("StatefulSet", "axway-elk-apim4elastic-logstash")]
    assert [name for name, _ in logstash["containers"]] == ["logstash-logstash", "memcached"]


@pytest.mark.helm
def test_services_match_reference(helm: Helm, reference: Docs) -> None:
    ours, ref = services(render(helm)), services(reference)
    assert ours == ref
    assert ours["axway-elk-apim4elastic-elasticsearch"]["type"] == "NodePort"
    assert ("beats", 5044, 5044, 32001, "TCP") in ours["axway-elk-apim4elastic-logstash"]["ports"]


@pytest.mark.helm
def test_ingresses_match_reference(helm: Helm, reference: Docs) -> None:
    ours, ref = ingresses(render(helm)), ingresses(reference)
    assert ours == ref
    assert set(ours) == {"axway-elk-apim4elastic-elasticsearch", "axway-elk-apim4elastic-kibana"}


@pytest.mark.helm
def test_helm_test_pod_matches_reference(helm: Helm, reference: Docs) -> None:
    ours = hook_test_pods(render(helm))
    assert len(ours) == 1 == len(hook_test_pods(reference))
    source, pod = ours[0]
    assert source == hook_test_pods(reference)[0][0]
    assert not pod["metadata"].get("labels")
    assert re.fullmatch(r"axway-elk-[a-z]{5}-test", pod["metadata"]["name"])
    command = " ".join(pod["spec"]["containers"][0]["command"])
    assert "axway-elk-apim4elastic-elasticsearch:9200" in command


@pytest.mark.helm
def test_object_inventory_matches_reference(helm: Helm, reference: Docs) -> None:
    """Every (kind, name, source) of the real chart exists in ours, and nothing else (test Pod aside)."""
    assert inventory(render(helm)) == inventory(reference)


@pytest.mark.helm
def test_chart_defaults_alone_render_the_same_workloads(helm: Helm, reference: Docs) -> None:
    """Without -f myvalues.yaml only the elasticsearch volume size differs, not the workloads."""
    assert workloads(render(helm, values=None)) == workloads(reference)


@pytest.mark.helm
def test_example_values_render_as_the_real_example_does(helm: Helm) -> None:
    ours = render_standin(helm)  # with tests/data/aaoi/example-values.yaml
    assert inventory(ours) == inventory(render(helm)) and workloads(ours) == workloads(render(helm))
