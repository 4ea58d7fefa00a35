"""Every command as a real process (``python -m aaoi_netpol`` and the console script), and the in-process
runner the other tests use checked against real runs: same exit code, same stdout, same stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aaoi_netpol import __version__
from aaoi_netpol.rules import ALL_RULES
from aaoi_netpol.schema import section_schema
from tests.support import (
    EXAMPLE_VALUES,
    REPO_ROOT,
    STANDIN_CHART,
    Helm,
    documents,
    ours,
    run_cli,
    run_cli_process,
    write,
)

BAD = "networkPolicy:\n  enabled: true\n  apiGateways:\n    - ipblock: {cidr: 10.20.0.0/16}\n  monitoring: 3\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("smoke")
    write(folder / "bad.yaml", BAD)
    write(folder / "good.yaml", "networkPolicy:\n  enabled: true\n")
    return folder


@pytest.mark.parametrize("args", [
    ["lint", "good.yaml"],
    ["lint", "bad.yaml"],
    ["lint", "--format", "json", "bad.yaml", "missing.yaml"],
    ["lint", "--format", "github", "bad.yaml"],
    ["lint", "--format", "sarif", "bad.yaml"],
    ["lint", "--format", "auto", "bad.yaml"],
    ["lint", "--strict", "--severity", "NP001=warning", "bad.yaml"],
    ["lint", "--set", "networkPolicy.enabled", "good.yaml"],
    ["lint", "--format", "nope", "good.yaml"],
    ["lint", "."],
    ["lint"],
    ["lint", "--help"],
    ["rules", "--format", "markdown"],
    ["schema", "--values-file"],
    ["--version"],
    ["no-such-command"],
], ids=lambda args: " ".join(args))
def test_in_process_runs_match_real_ones(project: Path, args: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "HELM_PLUGIN_DIR", "AAOI_NETPOL_PROG")}
    assert run_cli(args, cwd=project, env=env) == run_cli_process(args, cwd=project, env=env)


def test_in_process_runs_read_stdin_and_restore_the_process(project: Path) -> None:
    before = (dict(os.environ), os.getcwd(), sys.argv, sys.stdout, sys.stderr, sys.stdin)
    result = run_cli(["lint", "good.yaml"], cwd=project, env={**os.environ, "NO_COLOR": "1"}, input_text="x: 1\n")
    assert result.returncode == 0
    assert (dict(os.environ), os.getcwd(), sys.argv, sys.stdout, sys.stderr, sys.stdin) == before


def test_lint_as_a_process() -> None:
    clean = run_cli_process(["lint", str(EXAMPLE_VALUES)])
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "1 file linted: 0 errors" in clean.stdout
    missing = run_cli_process(["lint", str(REPO_ROOT / "no-such-values.yaml")])
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "no such file" in missing.stderr


def test_lint_finding_exits_1_as_a_process(project: Path) -> None:
    result = run_cli_process(["lint", "bad.yaml"], cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("bad.yaml:4:7: error NP001 unknown key 'ipblock'")


@pytest.mark.helm
def test_render_as_a_process(helm: Helm) -> None:
    result = run_cli_process(["render", str(STANDIN_CHART), "-f", str(EXAMPLE_VALUES), "--set",
                              "networkPolicy.enabled=true", "--policies-only"], env=helm.env)
    assert result.returncode == 0, result.stderr
    assert len(ours(documents(result.stdout))) == 4
    broken = run_cli_process(["render", str(STANDIN_CHART), "--set", "networkPolicy.enabled=true",
                              "--helm", str(helm.path.parent / "no-helm")], env=helm.env)
    assert broken.returncode == 2 and "is not an executable file" in broken.stderr


def test_rules_and_schema_as_processes() -> None:
    rules = run_cli_process(["rules", "--format", "json"])
    assert rules.returncode == 0
    assert [rule["id"] for rule in json.loads(rules.stdout)["rules"]] == [rule.id for rule in ALL_RULES]
    schema = run_cli_process(["schema"])
    assert schema.returncode == 0 and json.loads(schema.stdout) == section_schema()


def test_console_script(tmp_path: Path) -> None:
    """The installed ``aaoi-netpol`` entry point (this checkout's package first on the path)."""
    script = Path(sys.executable).parent / "aaoi-netpol"
    assert script.is_file(), f"{script} missing: run ./scripts/setup"
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    version = subprocess.run([str(script), "--version"], capture_output=True, text=True, env=env, cwd=tmp_path,
                             timeout=120)
    assert version.returncode == 0 and __version__ in version.stdout
    bad = write(tmp_path / "values.yaml", BAD)
    lint = subprocess.run([str(script), "lint", bad.name], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=120)
    assert lint.returncode == 1 and "values.yaml:4:7: error NP001" in lint.stdout
