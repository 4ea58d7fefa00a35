"""fast_schema answers exactly as jsonschema's Draft7Validator on our schema (it gates the NP001 check)."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from aaoi_netpol import fast_schema
from aaoi_netpol.lint import layer_stack
from aaoi_netpol.schema import checked_part, values_file_schema
from aaoi_netpol.value_flags import ValueFlags
from aaoi_netpol.yaml_loader import load_values_text
from tests.corpus_support import Case, corpus_cases
from tests.support import REPO_ROOT

CASES = corpus_cases()
SCHEMA = values_file_schema()
VALIDATOR = Draft7Validator(SCHEMA)
REPLACEMENTS: list[Any] = [None, True, False, 0, 1, -1, 1.0, 1.5, 65535, 65536, 70000.0, "", "x", "TCP", "tcp",
                           "a" * 15, "a" * 16, [], [{}], [None], {}, {"unknown": 1}, {"cidr": "10.0.0.0/8"},
                           {"podSelector": {}}, {"key": "a", "operator": "In"}, float("nan")]


def layered_instance(case: Case) -> dict[str, Any] | None:
    """The part of the case's layered values the schema checks (computed once per case: never modify it)."""
    return _layered_instance(case.files)


@functools.cache
def _layered_instance(files: tuple[Path, ...]) -> dict[str, Any] | None:
    try:
        layered = layer_stack(ValueFlags(files))
    except Exception:  # refused input: nothing to validate
        return None
    return checked_part(layered.values) if layered.parsed else None


def mutations(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every subtree replaced by every replacement, and every mapping given an unknown key."""
    for replacement in REPLACEMENTS:
        yield path, replacement
    if isinstance(value, dict):
        yield path, {**value, "unknownKey": True}
        for key, child in value.items():
            yield from mutations(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from mutations(child, (*path, index))


def replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    """``document`` with the node at ``path`` replaced: only the containers along the path are copied
    (neither validator modifies its input, so the copies share every other subtree)."""
    if not path:
        return value
    out = dict(document) if isinstance(document, dict) else list(document)
    out[path[0]] = replaced(document[path[0]], path[1:], value)
    return out


READABLE = [case for case in CASES if layered_instance(case) is not None]  # the others never reach the schema


def test_most_corpus_cases_reach_the_schema() -> None:
    assert len(READABLE) >= len(CASES) - 20


@pytest.mark.parametrize("case", READABLE, ids=[c.name for c in READABLE])
def test_agrees_on_the_corpus(case: Case) -> None:
    instance = layered_instance(case)
    assert instance is not None
    assert fast_schema.is_valid(instance, SCHEMA) is VALIDATOR.is_valid(instance)


def test_agrees_on_mutations_of_the_corpus() -> None:
    seen = 0
    for case in CASES:
        instance = layered_instance(case)
        if instance is None or "networkPolicy" not in instance:
            continue
        for path, value in mutations(instance["networkPolicy"], ("networkPolicy",)):
            mutated = replaced(instance, path, value)
            assert fast_schema.is_valid(mutated, SCHEMA) is VALIDATOR.is_valid(mutated), (case.name, path, value)
            seen += 1
    assert seen > 10_000


def test_unknown_keywords_defer_to_jsonschema() -> None:
    assert fast_schema.is_valid("x", {"type": "string", "pattern": "^a"}) is None
    assert fast_schema.is_valid({}, {"$ref": "http://example.com/schema"}) is None


def test_a_valid_lint_does_not_import_jsonschema(tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("networkPolicy:\n  enabled: true\n", encoding="utf-8")
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text("networkPolicy:\n  enabled: maybe\n", encoding="utf-8")
    probe = ("import sys\nfrom aaoi_netpol.cli import run\ncode = run(['lint', sys.argv[1]])\n"
             "print(code, 'jsonschema' in sys.modules)\n")
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    outputs = [subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True,
                              env=env, check=False).stdout.split()[-2:] for path in (values, invalid)]
    assert outputs == [["0", "False"], ["1", "True"]]


def test_locations_after_duplicates_and_merges() -> None:
    text = "a:\n  b: 1\n  c: 2\na:\n  b: 3\nbase: &base {x: {w: 1}}\nm:\n  x: {z: 2}\n  <<: *base\n"
    loaded = load_values_text(text, "v.yaml")
    assert loaded.values["a"] == {"b": 3}
    assert loaded.sources.keys[("a", "b")].line == 5
    assert ("a", "c") not in loaded.sources.keys
    assert loaded.values["m"] == {"x": {"w": 1}}
    assert ("m", "x", "z") not in loaded.sources.keys
