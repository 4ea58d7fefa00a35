"""Cross-check: the evaluator against np-guard's network-config-analyzer 2.1.0 (its own venv, .venv-nca).

For every policy set, the allowed destination ports of every (source, destination, protocol) over the
fixed world (7 pods in 4 namespaces, 5 external addresses) must be identical. The only exceptions are
the cases where NCA departs from Kubernetes, each listed with its reason in scenarios.yaml (and the
one rewrite documented in support.nca_compatible for generated sets).

NCA runs in two subprocesses (scenarios, generated sets) fed line by line: it analyses each generated
set while hypothesis produces the next, so the whole cross-check costs a few seconds.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
import yaml

from tests.evaluator.generate import generated_policy_sets
from tests.evaluator.support import (
    SCENARIOS,
    NcaRun,
    World,
    connection_pairs,
    differences,
    engine_matrix,
    load_world,
    nca_compatible,
    scenario_documents,
)

GENERATED_SETS = 300
PROTOCOLS = ("TCP", "UDP", "SCTP")


def _names(world: World, written: str | list[str]) -> list[str]:
    if isinstance(written, list):
        return [world.key(name) for name in written]
    if written == "*":
        return list(world.endpoints)
    if written in ("pods", "addresses"):
        return [key for key in world.endpoints if ("/" in key) == (written == "pods")]
    return [world.key(written)]


def documented_disagreements(world: World, scenario: dict[str, Any]) -> set[str]:
    """The ``SRC|DST|PROTOCOL`` keys a scenario lists as NCA's departures from Kubernetes."""
    keys = set()
    for entry in (scenario.get("nca") or {}).get("disagrees", []):
        assert entry.get("reason"), f"{scenario['name']}: every documented disagreement needs a reason"
        protocols = PROTOCOLS if entry["protocol"] == "*" else (entry["protocol"],)
        keys |= {f"{src}|{dst}|{protocol}" for src in _names(world, entry["src"])
                 for dst in _names(world, entry["dst"]) for protocol in protocols
                 if "/" in src or "/" in dst}
    return keys


@pytest.fixture(scope="module")
def world() -> World:
    return load_world()


@pytest.fixture(scope="module")
def cross_check(world: World) -> dict[str, Any]:
    """NCA's answers for the scenarios and the generated sets; NCA analyses each set while the next is generated."""
    start = time.perf_counter()
    scenario_run, generated_run = NcaRun(world), NcaRun(world)
    for scenario in SCENARIOS:
        scenario_run.add(scenario["name"], scenario_documents(scenario))
    generated = generated_policy_sets(
        GENERATED_SETS, seed=0, on_set=lambda index, sets: generated_run.add(str(index), nca_compatible(sets, world)))
    answers = generated_run.result()
    return {"scenarios": scenario_run.result()["cases"], "generated": generated, "answers": answers["cases"],
            "nca_seconds": answers["seconds"], "seconds": time.perf_counter() - start}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario_agrees_with_nca_except_documented(scenario: dict[str, Any], world: World,
                                                   cross_check: dict[str, Any]) -> None:
    answer = cross_check["scenarios"][scenario["name"]]
    rejects = (scenario.get("nca") or {}).get("rejects")
    if rejects:
        assert answer["error"], f"NCA was documented to reject this set ({rejects}) but accepted it"
        return
    assert answer["error"] is None, answer["error"]
    found = differences(engine_matrix(world, scenario_documents(scenario)), answer["allowed"])
    documented = documented_disagreements(world, scenario)
    assert set(found) == documented, (
        f"undocumented disagreements: {sorted(set(found) - documented)[:10]}; "
        f"documented but not found: {sorted(documented - set(found))[:10]}"
    )


def test_generated_policy_sets_agree_with_nca(world: World, cross_check: dict[str, Any]) -> None:
    generated: list[list[dict[str, Any]]] = cross_check["generated"]
    assert len(generated) == GENERATED_SETS
    mismatches = []
    allowed = possible = 0
    for index, policies in enumerate(generated):
        answer = cross_check["answers"][str(index)]
        assert answer["error"] is None, f"NCA rejected generated set {index}: {answer['error']}"
        engine = engine_matrix(world, policies)
        allowed += len(engine)
        possible += len(connection_pairs(world)) * len(PROTOCOLS)
        found = differences(engine, answer["allowed"])
        if found:
            mismatches.append(f"set {index}: {list(found.items())[:4]}\n{yaml.safe_dump(policies)}")
    assert not mismatches, f"{len(mismatches)} generated sets disagree with NCA; first:\n" + "\n".join(mismatches[:2])
    # not vacuous: plenty of (src, dst, protocol) triples are open, plenty are closed
    assert 0.2 < allowed / possible < 0.9, (allowed, possible)


def test_generated_sets_exercise_every_feature(cross_check: dict[str, Any]) -> None:
    """The generator reaches every semantic corner the cross-check is meant to cover."""
    text = json.dumps(cross_check["generated"])
    for feature in ('"operator": "In"', '"operator": "NotIn"', '"operator": "Exists"', '"operator": "DoesNotExist"',
                    '"endPort"', '"except"', '"port": "http"', '"protocol": "UDP"', '"protocol": "SCTP"',
                    '"namespaceSelector"', '"policyTypes": ["Egress"]', '"ipBlock"', '"to": []', '"from": []',
                    '"ports": []', '"::/0"', '"kubernetes.io/metadata.name"'):
        assert text.count(feature) >= 5, feature
