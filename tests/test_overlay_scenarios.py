"""The chart overlay rendered by real Helm 3 and Helm 4, one scenario per file in tests/fixtures/overlay/.

A scenario file holds the user's values (layered over tests/data/aaoi/example-values.yaml unless
``exampleValues: false``), optionally ``release`` and ``namespace``, and under ``expect``:

- ``components``: the components deployed, each isolated by our policies (ingress always, egress when
  ``egressRestricted``); the others render neither pods nor policies;
- ``flows``: ``src -> dst:port`` connections open between the release's pods (``helm-test`` is the
  unlabeled test hook pod). Every other pair of pods and port is closed: the policies are evaluated
  semantically, selectors against the rendered pod labels and ports against the rules;
- ``ingressFrom`` / ``egressTo``: per component, the rules for peers outside the release
  (``{peers, ports}``; ``ports: all`` for a rule naming no ports) in any order, and the
  ``extra:`` rules (extraIngress/extraEgress items), which come last, as written, in order.
  ``peers`` is a place for YAML anchors, so that each peer list is written once.

Every policy is also valid Kubernetes (strict schema), carries our name prefix and labels, and selects
pods of exactly the component it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.overlay_support import (
    PodTemplate,
    Rendered,
    allowed,
    check_common,
    components,
    render,
    selector_matches,
)
from tests.support import EXAMPLE_VALUES, FIXTURES, Helm, aaoi_facts, load_yaml, values_file

SCENARIO_DIR = FIXTURES / "overlay"
SCENARIO_KEYS = {"release", "namespace", "exampleValues", "values", "expect"}
EXPECT_KEYS = {"components", "egressRestricted", "flows", "peers", "ingressFrom", "egressTo"}
FLOW = re.compile(r"^(?P<src>[a-z0-9-]+) -> (?P<dst>[a-z0-9-]+):(?P<port>\d+)$")
Flow = tuple[str, str, int]


@dataclass(frozen=True)
class Scenario:
    name: str
    values: dict[str, Any]
    release: str
    namespace: str
    example_values: bool
    expect: dict[str, Any]

    @property
    def flows(self) -> set[Flow]:
        found = set()
        for text in self.expect["flows"]:
            match = FLOW.match(text)
            assert match, f"{self.name}: bad flow {text!r} (write 'src -> dst:port')"
            found.add((match["src"], match["dst"], int(match["port"])))
        return found


def load_scenario(path: Path) -> Scenario:
    data = load_yaml(path)
    assert set(data) <= SCENARIO_KEYS, f"{path.name}: unknown keys {set(data) - SCENARIO_KEYS}"
    assert set(data["expect"]) <= EXPECT_KEYS, f"{path.name}: unknown expect keys"
    return Scenario(path.stem, data["values"], data.get("release", "axway-elk"), data.get("namespace", "apim-elk"),
                    data.get("exampleValues", True), data["expect"])


SCENARIOS = [load_scenario(path) for path in sorted(SCENARIO_DIR.glob("*.yaml"))]


def render_scenario(helm: Helm, chart: Path, values_dir: Path, scenario: Scenario) -> Rendered:
    files = [EXAMPLE_VALUES] if scenario.example_values else []
    return render(helm, chart, scenario.release, scenario.namespace, [*files, values_file(values_dir, scenario.values)])


def ports_of(text: Any) -> list[tuple[str, int]]:
    if text == "all":
        return []
    return sorted((entry.split("/")[1], int(entry.split("/")[0])) for entry in text)


def rule_ports(rule: dict[str, Any]) -> list[tuple[str, int]]:
    return sorted({(p.get("protocol", "TCP"), p.get("port")) for p in rule.get("ports") or []})


def own_component_rule(rule: dict[str, Any], peer_key: str, component_selectors: list[dict[str, Any]]) -> bool:
    peers = rule.get(peer_key) or []
    return len(peers) == 1 and set(peers[0]) == {"podSelector"} and peers[0]["podSelector"] in component_selectors


def check_outside_rules(r: Rendered, direction: str, expected: dict[str, list[dict[str, Any]]], on: set[str]) -> None:
    key, peer_key = ("ingress", "from") if direction == "ingress" else ("egress", "to")
    component_selectors = [p["spec"]["podSelector"] for p in r.policies]
    for component in sorted(on):
        (policy,) = r.policies_for(component, direction)
        rules = policy["spec"].get(key) or []
        entries = expected.get(component) or []
        extras = [entry["extra"] for entry in entries if "extra" in entry]
        wanted = sorted((yaml.safe_dump(e["peers"]), ports_of(e["ports"])) for e in entries if "extra" not in e)
        got: list[tuple[str, list[tuple[str, int]]]] = []
        got_extras: list[dict[str, Any]] = []
        for rule in rules:
            if rule in extras and len(got_extras) < len(extras):
                got_extras.append(rule)
                continue
            assert rule.get(peer_key), f"{policy['metadata']['name']}: a rule with no peers opens to everyone"
            if own_component_rule(rule, peer_key, component_selectors):
                continue
            got.append((yaml.safe_dump(rule[peer_key]), rule_ports(rule)))
        assert sorted(got) == wanted, f"{policy['metadata']['name']} outside rules"
        assert got_extras == extras, f"{policy['metadata']['name']} extras appended as written"
        if extras:
            assert rules[-len(extras):] == extras, "extra rules come last, in order"


def probe_ports(scenario: Scenario) -> set[int]:
    """Every port AAOI uses by default, every port the scenario names, and 443."""
    facts = aaoi_facts()
    ports = {port for c in facts["components"].values() for port in c["ports"].values()}
    ports |= set(facts["outside"].values()) | {443} | {port for _, _, port in scenario.flows}
    for section in ("ingressFrom", "egressTo"):
        for entries in (scenario.expect.get(section) or {}).values():
            ports |= {port for e in entries if "ports" in e for _, port in ports_of(e["ports"])}
    return ports


def check_flows(r: Rendered, scenario: Scenario) -> None:
    on, egress_on = set(scenario.expect["components"]), scenario.expect["egressRestricted"]
    assert on <= set(components())
    for component in components():
        pods = r.pods_of(component)
        if component in on:
            assert pods, f"stand-in renders no pod for enabled {component}"
            for pod in pods:
                assert any(
                    selector_matches(p["spec"]["podSelector"], pod.labels) for p in r.policies_for(component, "ingress")
                ), f"{component} not isolated"
                assert len(r.policies_for(component, "egress")) == (1 if egress_on else 0)
        else:
            assert not pods
            assert not r.policies_for(component, "ingress") and not r.policies_for(component, "egress")

    flows = scenario.flows
    sources = [p for p in r.pods if p.component in on or p.component == "helm-test"]
    targets: list[PodTemplate] = [p for p in r.pods if p.component in on]
    for src in sources:
        for dst in targets:
            for port in sorted(probe_ports(scenario)):
                want = (src.component, dst.component, port) in flows
                got_in = allowed(r, src, dst, port, "ingress")
                assert got_in == want, f"ingress {src.component} -> {dst.component}:{port}: {got_in}"
                if src.component == "helm-test":
                    continue
                got_out = allowed(r, src, dst, port, "egress")
                want_out = want or not egress_on
                assert got_out == want_out, f"egress {src.component} -> {dst.component}:{port}: {got_out}"

    for _src, target, port in flows:
        for pod in r.pods_of(target):
            if pod.container_ports and target != "filebeat":
                assert port in pod.container_ports, f"{target} pods do not listen on {port}"

    check_outside_rules(r, "ingress", scenario.expect.get("ingressFrom") or {}, on)
    if egress_on:
        check_outside_rules(r, "egress", scenario.expect.get("egressTo") or {}, on)


def test_scenarios_are_many_and_named_for_what_they_show() -> None:
    assert len(SCENARIOS) >= 22
    for scenario in SCENARIOS:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", scenario.name), scenario.name
        assert (SCENARIO_DIR / f"{scenario.name}.yaml").read_text().startswith("# "), "say what it shows"
        assert scenario.values.get("networkPolicy", {}).get("enabled") is True


@pytest.mark.helm
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_overlay_scenario(helm: Helm, overlay_chart: Path, values_dir: Path, scenario: Scenario) -> None:
    rendered = render_scenario(helm, overlay_chart, values_dir, scenario)
    check_common(rendered)
    check_flows(rendered, scenario)
