"""The chart overlay beyond the scenarios: when it renders nothing, its names, its selectors, Helm 3 vs 4."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.overlay_support import WORKLOAD_KINDS, Rendered, check_common, components, render, selector_matches
from tests.support import EXAMPLE_VALUES, HELM_VERSIONS, Helm, helm_for, values_file

ALL_ON = {"filebeat": {"enabled": True}, "apm-server": {"enabled": True}}


def render_values(helm: Helm, chart: Path, directory: Path, values: dict[str, Any],
                  release: str = "axway-elk", namespace: str = "apim-elk") -> Rendered:
    """The overlay chart with the example values and ``values`` on top."""
    return render(helm, chart, release, namespace, [EXAMPLE_VALUES, values_file(directory, values)])


@pytest.mark.helm
@pytest.mark.parametrize(
    "values",
    [
        {},
        {"networkPolicy": {"enabled": False, "egress": {"enabled": True}, "allowHelmTest": True}},
        {"networkPolicy": {"egress": {"enabled": True}}},
        {"networkPolicy": None},
    ],
    ids=["absent", "disabled", "enabled-missing", "null"],
)
def test_overlay_renders_nothing_when_off(
    helm: Helm, overlay_chart: Path, values_dir: Path, values: dict[str, Any]
) -> None:
    rendered = render_values(helm, overlay_chart, values_dir, values)
    assert rendered.pods, "the chart itself still renders"
    assert not rendered.policies


@pytest.mark.helm
def test_overlay_names_and_labels(helm: Helm, overlay_chart: Path, values_dir: Path) -> None:
    values = {**ALL_ON, "networkPolicy": {"enabled": True, "egress": {"enabled": True}}}
    rendered = render_values(helm, overlay_chart, values_dir, values, release="prod-elk")
    names = {p["metadata"]["name"] for p in rendered.policies}
    assert names == {f"aaoi-netpol-prod-elk-{c}-{d}" for c in components() for d in ("ingress", "egress")}
    for policy in rendered.policies:
        labels = policy["metadata"]["labels"]
        assert labels["aaoi-netpol/direction"] in ("ingress", "egress")
        assert policy["metadata"]["name"].endswith(labels["aaoi-netpol/direction"])


@pytest.mark.helm
def test_overlay_selectors_follow_real_labels(helm: Helm, overlay_chart: Path, values_dir: Path) -> None:
    """Selectors are the workloads' own selector labels, whatever the naming values say."""
    values = {
        **ALL_ON,
        "elasticsearch": {"fullnameOverride": "", "clusterName": "c1", "nodeGroup": "hot"},
        "logstash": {"fullnameOverride": "lsx"},
        "networkPolicy": {"enabled": True},
    }
    rendered = render_values(helm, overlay_chart, values_dir, values, release="rel-a")
    workloads = {o["metadata"]["name"]: o for o in rendered.objects if o.get("kind") in WORKLOAD_KINDS}
    for component in components():
        (policy,) = rendered.policies_for(component, "ingress")
        selector = policy["spec"]["podSelector"]
        owners = [
            w for w in workloads.values() if selector_matches(selector, w["spec"]["template"]["metadata"]["labels"])
        ]
        assert len(owners) == 1, component
        workload_selector = owners[0]["spec"]["selector"]["matchLabels"]
        assert selector["matchLabels"].items() <= {k: str(v) for k, v in workload_selector.items()}.items(), (
            f"{component}: {selector} is not part of the workload's selector {workload_selector}"
        )
    (es,) = rendered.policies_for("elasticsearch", "ingress")
    assert es["spec"]["podSelector"]["matchLabels"] == {"app": "c1-hot"}
    (ls,) = rendered.policies_for("logstash", "ingress")
    assert ls["spec"]["podSelector"]["matchLabels"] == {"app": "lsx-logstash", "release": "rel-a"}


@pytest.mark.helm
def test_overlay_helm_versions_agree(helm: Helm, overlay_chart: Path, helm_home: Path, values_dir: Path) -> None:
    """Helm 3 and Helm 4 render the same policies (parsed; Helm 4 separates documents with a blank line)."""
    values = {**ALL_ON, "networkPolicy": {"enabled": True, "egress": {"enabled": True}}}
    other = helm_for(next(v for v in HELM_VERSIONS if v != helm.version), helm_home)
    mine = render_values(helm, overlay_chart, values_dir, values, "prod-elk", "observability").policies
    theirs = render_values(other, overlay_chart, values_dir, values, "prod-elk", "observability").policies
    assert mine == theirs


@pytest.mark.helm
def test_overlay_follows_helm_on_non_boolean_switches(helm: Helm, overlay_chart: Path, values_dir: Path) -> None:
    """Helm deploys a subchart whose condition is not a boolean, and the chart's `if` treats "false" as true:
    the overlay must protect exactly what is deployed (fail closed), whatever the spelling."""
    values = {
        "kibana": {"enabled": "false", "ingress": {"enabled": "false"}},
        "apibuilder4elastic": {"enabled": "false"},
        "networkPolicy": {"enabled": True},
    }
    rendered = render_values(helm, overlay_chart, values_dir, values)
    check_common(rendered)
    deployed = {pod.component for pod in rendered.pods if pod.component != "helm-test"}
    protected = {p["metadata"]["labels"]["aaoi-netpol/component"] for p in rendered.policies}
    assert {"kibana", "apibuilder4elastic"} <= deployed
    assert deployed == protected
    (kibana,) = rendered.policies_for("kibana", "ingress")
    assert any(rule.get("ports") == [{"port": 5601, "protocol": "TCP"}] for rule in kibana["spec"]["ingress"]), \
        "the kibana Ingress object is rendered, so the ingress controller must reach 5601"
