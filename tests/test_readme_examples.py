"""The README's `lint` examples are what the CLI prints (tools/update_readme_examples.py regenerates them)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.support import REPO_ROOT

TOOL = REPO_ROOT / "tools" / "update_readme_examples.py"


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_readme_examples", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_runnable_lint_example_is_current() -> None:
    current = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    updated, commands = load_tool().updated_readme(current)
    assert len(commands) >= 3, commands  # text, json and github formats at least
    assert updated == current, "a README lint example is out of date: run python tools/update_readme_examples.py"


def test_an_example_that_drifted_is_rewritten() -> None:
    tool = load_tool()
    stale = "```console\n$ helm netpol lint examples/values-with-findings.yaml\nall is well\n```\n"
    updated, commands = tool.updated_readme(stale)
    assert commands == ["lint examples/values-with-findings.yaml"]
    assert "error NP010" in updated and "all is well" not in updated
    untouched = "```console\n$ helm netpol lint staging-values.yaml\nwhatever\n```\n"
    assert tool.updated_readme(untouched) == (untouched, [])
