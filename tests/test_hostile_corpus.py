"""The committed hostile corpus (``tests/corpus/hostile``), every case through the real CLI, in-process.

``values/`` holds hand-written values files (syntax errors, tabs, BOM, NUL,
invalid UTF-8, empty and non-mapping documents, multi-document files,
duplicate keys, merge-key cycles, alias bombs, big integers, deep nesting,
Unicode labels, ...), ``generated/`` every schema key with every wrong type
and junk CIDRs, ports and selectors (``tools/make_hostile_corpus.py``),
``config/`` hostile config files, ``set-flags.txt`` hostile ``--set*``
arguments. Each states its exit code and why; the checks are those of
:func:`tests.hostile_support.check_outcome`. Cost is measured for the
expensive classes in ``test_hostile_cost.py``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.hostile_support import EXAMPLE, HOSTILE, Case, check_outcome, file_case, run_in_process
from tools.make_hostile_corpus import TARGET, corpus

VALUES = sorted((HOSTILE / "values").glob("*.yaml")) + sorted((HOSTILE / "generated").glob("*.yaml"))
CONFIGS = sorted((HOSTILE / "config").glob("*.netpol.yaml"))
TOML_CONFIGS = sorted((HOSTILE / "config").glob("*.pyproject.toml.txt"))
_PLACEHOLDER = re.compile(r"\{(digits|unclosed|index|dots):([0-9]+)\}")
_EXPANSIONS = {"digits": lambda n: "1" * n, "unclosed": lambda n: "[" * n, "index": lambda n: "[0]" * n,
               "dots": lambda n: ".".join(["a"] * n)}


def value_cases() -> list[Case]:
    return [file_case(path, ("lint", "--no-config", str(path))) for path in VALUES]


def config_cases() -> list[Case]:
    return [file_case(path, ("lint", "--config", str(path), str(EXAMPLE)), (path.name,)) for path in CONFIGS]


def set_flag_cases() -> list[Case]:
    cases, why = [], ""
    for number, line in enumerate((HOSTILE / "set-flags.txt").read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# why: "):
            why = line[len("# why: "):]
        if not line.strip() or line.startswith("#"):
            continue
        expected, flag, argument = line.split("\t")
        argument = _PLACEHOLDER.sub(lambda m: _EXPANSIONS[m[1]](int(m[2])), argument)
        cases.append(Case(f"set-flags.txt:{number}", ("lint", "--no-config", "-f", str(EXAMPLE), flag, argument),
                          int(expected), why, (flag, str(EXAMPLE))))
    return cases


VALUE_CASES, CONFIG_CASES, SET_FLAG_CASES = value_cases(), config_cases(), set_flag_cases()


def test_the_corpus_is_big_enough() -> None:
    committed = len(VALUE_CASES) + len(CONFIG_CASES) + len(TOML_CONFIGS) + len(SET_FLAG_CASES)
    assert committed >= 250, committed
    assert {case.expected for case in VALUE_CASES} == {0, 1, 2}


def test_generated_files_are_current() -> None:
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in TARGET.glob("*.yaml")}
    assert on_disk == corpus(), "run `.venv/bin/python tools/make_hostile_corpus.py`"


@pytest.mark.parametrize("case", VALUE_CASES, ids=lambda case: case.name)
def test_values_file(case: Case) -> None:
    check_outcome(case, run_in_process(case))


@pytest.mark.parametrize("case", CONFIG_CASES, ids=lambda case: case.name)
def test_config_file(case: Case) -> None:
    check_outcome(case, run_in_process(case))


@pytest.mark.parametrize("source", TOML_CONFIGS, ids=lambda path: path.name)
def test_pyproject_config(source: Path, tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"  # not committed under that name: ruff and build tools would read it
    shutil.copyfile(source, pyproject)
    case = file_case(source, ("lint", "--config", str(pyproject), str(EXAMPLE)), (str(pyproject),))
    check_outcome(case, run_in_process(case))


@pytest.mark.parametrize("case", SET_FLAG_CASES, ids=lambda case: case.name)
def test_set_flag(case: Case) -> None:
    check_outcome(case, run_in_process(case))
