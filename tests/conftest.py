"""Shared fixtures: the real Helm binaries (3 and 4), the real CLI in a subprocess.

Every test that touches Helm takes the ``helm`` fixture, which is parametrized
over Helm 3.17.3 and Helm 4.3.1. A missing binary is a test error, never a
skip: ``scripts/test`` (the README's test command) fetches both first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.input_guard import TreeState, guarding_arguments

REPO_ROOT = Path(__file__).resolve().parent.parent
# The real AAOI chart's reference files (values, rendering): ../shared/aaoi beside the checkout, as CI lays it
SHARED_AAOI = Path(os.environ.get("AAOI_NETPOL_SHARED", REPO_ROOT.parent / "shared")) / "aaoi"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STANDIN_CHART = Path(__file__).resolve().parent / "charts" / "apim4elastic"
HELM_VERSIONS = ("3.17.3", "4.3.1")


@dataclass(frozen=True)
class Helm:
    """One real Helm binary, with an isolated home so tests never touch the user's."""

    path: Path
    version: str
    env: dict[str, str]

    @property
    def major(self) -> int:
        return int(self.version.split(".")[0])

    def run(self, args: Sequence[str], cwd: Path | None = None,
            check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(self.path), *args], capture_output=True, text=True,
                                env=self.env, cwd=cwd, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"helm {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")
        return result


def helm_binary_path(version: str) -> Path:
    override = os.environ.get(f"AAOI_NETPOL_HELM{version.split('.')[0]}")
    return Path(override) if override else REPO_ROOT / ".helm" / version / "helm"


@pytest.fixture(scope="session")
def helm_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("helm-home")


@pytest.fixture(params=HELM_VERSIONS, ids=[f"helm{v.split('.')[0]}" for v in HELM_VERSIONS])
def helm(request: pytest.FixtureRequest, helm_home: Path) -> Helm:
    version: str = request.param
    path = helm_binary_path(version)
    if not path.is_file():
        pytest.fail(f"Helm {version} not found at {path}: run `python tools/fetch_helm.py` first")
    home = helm_home / version
    env = dict(os.environ)
    for var in ("HELM_DATA_HOME", "HELM_CACHE_HOME", "HELM_CONFIG_HOME"):
        env[var] = str(home / var.split("_")[1].lower())
    env["HELM_BIN"] = str(path)
    env["PATH"] = f"{path.parent}{os.pathsep}{env.get('PATH', '')}"
    return Helm(path=path, version=version, env=env)


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(args: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None,
            input_text: str | None = None) -> CliResult:
    """Run ``python -m aaoi_netpol ARGS`` as a user would (a real subprocess)."""
    full_env = dict(os.environ if env is None else env)
    full_env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.pop("GITHUB_ACTIONS", None)
    with guarding_arguments(args, cwd):  # every chart, .tgz and values file named is unchanged afterwards
        result = subprocess.run([sys.executable, "-m", "aaoi_netpol", *args], capture_output=True, text=True,
                                cwd=cwd, env=full_env, input=input_text, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return CliResult(result.returncode, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def repository_inputs() -> TreeState:
    """The shared inputs every test may hand to the CLI (tests/input_guard.py), hashed once a session."""
    roots = [REPO_ROOT / "tests" / name for name in ("charts", "fixtures", "corpus", "data")]
    roots += [REPO_ROOT / "examples", SHARED_AAOI / "values"]
    return TreeState.take([root for root in roots if root.exists()])


@pytest.fixture(autouse=True)
def repository_inputs_unchanged(repository_inputs: TreeState) -> Iterator[None]:
    """After every test (CLI run directly, through Helm or pre-commit): no shared input changed."""
    yield
    problems = repository_inputs.changes()
    assert not problems, f"a test changed the repository's inputs: {problems[:5]}"


def pytest_configure(config: pytest.Config) -> None:
    if not (SHARED_AAOI / "rendered" / "axway-elk_apim-elk_myvalues.yaml").is_file():
        raise pytest.UsageError(f"the AAOI reference files are missing: {SHARED_AAOI} (expected ../shared/aaoi "
                                "beside the checkout; set AAOI_NETPOL_SHARED to the folder holding aaoi/)")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No test may be skipped silently: a skip fails the run (Helm 3 and 4 must both run)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(f"{len(skipped)} test(s) skipped: this suite allows no skips", red=True)
        session.exitstatus = 1
