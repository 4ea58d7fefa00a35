"""Fixtures and hooks only (helpers live in tests/support.py).

- ``helm``: every test that touches Helm takes it; it is parametrized over Helm 3.17.3 and Helm 4.3.1.
  A missing binary is a test error, never a skip: ``scripts/test`` fetches both first.
- Tests marked ``shared_aaoi`` compare against the real AAOI chart's reference files (``SHARED_AAOI``:
  ``../shared/aaoi`` beside the checkout, or ``$AAOI_NETPOL_SHARED/aaoi``). Where those files are missing
  they are deselected at collection, with one line saying so; ``AAOI_NETPOL_REQUIRE_SHARED=1`` turns their
  absence into an error instead.
- A skipped test fails the run, with or without pytest-xdist (scripts/test runs it on every core).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.input_guard import TreeState
from tests.support import HELM_VERSIONS, OVERLAY_TEMPLATES, REPO_ROOT, SHARED_AAOI, STANDIN_CHART, Helm, helm_for

SHARED_MARK = "shared_aaoi"
# The slowest modules (venvs, pip, pre-commit): collected first, so that pytest-xdist starts them first
# (scripts/test hands out whole modules in collection order: a module's session and module fixtures,
# such as a built wheel or a plugin's venv, are then built once) and the workers finish together.
SLOW_FIRST = (  # the costliest modules first (measured), so that neither worker ends with a long one alone
    "test_plugin.py", "test_precommit.py", "test_helm_agreement.py", "test_hostile_cost.py", "test_gate_cli.py",
    "test_evaluator_nca.py", "test_render_cli.py", "test_cli_smoke.py", "test_set_flags.py",
    "test_hostile_render.py", "test_render_write_chart.py", "test_evaluator_nca_standin.py",
    "test_rules_robustness.py", "test_overlay_scenarios.py", "test_fast_schema.py", "test_packaging.py",
    "test_render_signals.py")
SHARED_REFERENCE = SHARED_AAOI / "rendered" / "axway-elk_apim-elk_myvalues.yaml"


def shared_available() -> bool:
    return SHARED_REFERENCE.is_file()


@pytest.fixture(scope="session")
def helm_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("helm-home")


@pytest.fixture(params=HELM_VERSIONS, ids=[f"helm{v.split('.')[0]}" for v in HELM_VERSIONS])
def helm(request: pytest.FixtureRequest, helm_home: Path) -> Helm:
    found = helm_for(request.param, helm_home)
    if not found.path.is_file():
        pytest.fail(f"Helm {found.version} not found at {found.path}: run `python tools/fetch_helm.py` first")
    return found


@pytest.fixture(scope="session")
def overlay_chart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stand-in chart with the overlay templates injected, built once per session: never modify it."""
    chart = tmp_path_factory.mktemp("overlay-chart") / "apim4elastic"
    shutil.copytree(STANDIN_CHART, chart)
    for template in OVERLAY_TEMPLATES.iterdir():
        shutil.copy2(template, chart / "templates" / template.name)
    return chart


@pytest.fixture(scope="session")
def values_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where ``support.values_file`` puts values files named after their content (shared by the session)."""
    return tmp_path_factory.mktemp("values")


@pytest.fixture(scope="session")
def repository_inputs() -> TreeState:
    """The shared inputs every test may hand to the CLI (tests/input_guard.py), hashed once a session."""
    roots = [REPO_ROOT / "tests" / name for name in ("charts", "fixtures", "corpus", "data")]
    roots += [REPO_ROOT / "examples", SHARED_AAOI / "values"]
    return TreeState.take([root for root in roots if root.exists()])


@pytest.fixture(scope="module", autouse=True)
def repository_inputs_unchanged(repository_inputs: TreeState, request: pytest.FixtureRequest) -> Iterator[None]:
    """After every test module (CLI run directly, through Helm or pre-commit): no shared input changed.

    Per module, not per test: the walk costs about 10 ms, 20 s over the suite; ``run_cli`` already
    checks every CLI call's own arguments before and after it (tests/input_guard.py)."""
    yield
    problems = repository_inputs.changes()
    assert not problems, f"{request.node.name} changed the repository's inputs: {problems[:5]}"


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("AAOI_NETPOL_REQUIRE_SHARED") == "1" and not shared_available():
        raise pytest.UsageError(f"AAOI_NETPOL_REQUIRE_SHARED=1 but the AAOI reference files are missing: "
                                f"{SHARED_REFERENCE} (set AAOI_NETPOL_SHARED to the folder holding aaoi/)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    rank = {name: index for index, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the order within stays
    if shared_available():
        return
    deselected = [item for item in items if item.get_closest_marker(SHARED_MARK)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker(SHARED_MARK)]


def pytest_report_header(config: pytest.Config) -> str | None:
    return f"AAOI reference files: {SHARED_AAOI} (the {SHARED_MARK} tests run)" if shared_available() else None


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not shared_available():
        terminalreporter.write_line(f"note: {SHARED_AAOI} not found: the tests comparing against the real AAOI "
                                    f"chart ({SHARED_MARK}) were deselected", yellow=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No test may be skipped silently: a skip fails the run (Helm 3 and 4 must both run)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if reporter and skipped and exitstatus == 0:
        reporter.write_line(f"{len(skipped)} test(s) skipped: this suite allows no skips", red=True)
        session.exitstatus = 1
