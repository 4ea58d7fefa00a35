"""Bounded cost: hostile inputs made at test time, each run as a fresh measured subprocess.

Every case must finish in under 5 s of CPU time and 300 MB of peak RSS (the CLI
process's own, not Helm's) with its exit code and a one-line located message;
wall time is bounded at 20 s, since a loaded machine stretches it (on an idle
one it is about the CPU time). Cases run two at a time; each group is one test
that lists every failing case (and prints every case's cost, shown with
``pytest -s``).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.hostile_chart_makers import bad_helms, chart_archives, chart_directories
from tests.hostile_makers import big_values, special_files
from tests.hostile_support import Case, check_outcome, run_in_process, run_measured
from tests.support import helm_binary_path

REFUSING_HELM = helm_binary_path("4.3.1")  # these charts are refused before any helm runs
GROUPS: dict[str, Callable[[Path], list[Case]]] = {
    "big-values": big_values,
    "special-files": special_files,
    "chart-directories": lambda root: chart_directories(root, REFUSING_HELM),
    "chart-archives": lambda root: chart_archives(root, REFUSING_HELM),
    "bad-helms": bad_helms,
}


def _failure(case: Case) -> str | None:
    outcome = run_measured(case)
    print(f"{case.name:40} exit {outcome.code}  {outcome.cpu_seconds:5.2f} s CPU  {outcome.seconds:5.2f} s  "
          f"{outcome.max_rss / 2**20:6.1f} MiB")
    try:
        check_outcome(case, outcome, measured=True)
    except AssertionError as error:
        return f"{case.name}: {error}"
    return None


def _in_process_failure(case: Case) -> str | None:
    try:
        check_outcome(case, run_in_process(case))
    except AssertionError as error:
        return f"{case.name}: {error}"
    return None


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_hostile_inputs_cost_little(group: str, tmp_path: Path) -> None:
    cases = GROUPS[group](tmp_path)
    assert len({case.name for case in cases}) == len(cases)
    failures = [failure for case in cases if not case.measure for failure in [_in_process_failure(case)] if failure]
    with ThreadPoolExecutor(max_workers=2) as pool:
        failures += [failure for failure in pool.map(_failure, [case for case in cases if case.measure]) if failure]
    assert not failures, "\n\n".join(failures)
