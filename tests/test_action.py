"""The GitHub Action's step script, run as GitHub runs it: a real git repository, a pull request's base and head."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support import REPO_ROOT

SCRIPT = REPO_ROOT / "scripts" / "action-lint.sh"
CLEAN = "networkPolicy:\n  enabled: true\n"
# lint runs the real CLI; `diff` (being built elsewhere) is recorded, to check the summary step's call
SHIM = """#!/bin/sh
if [ "$1" = diff ]; then
  printf '%s\\n' "$@" >> "$DIFF_CALLS"
  echo "### aaoi-netpol diff of $6"
  exit "${DIFF_EXIT:-0}"
fi
exec "{python}" -m aaoi_netpol "$@"
"""


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, timeout=60)
    return result.stdout


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone whose origin/main is the base, checked out on a feature branch with one commit."""
    origin, repo = tmp_path / "origin.git", tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "ci@example.com")
    git(repo, "config", "user.name", "CI")
    (repo / "deploy").mkdir()
    (repo / "deploy" / "values-prod.yaml").write_text(CLEAN + "  monitoring:\n    - ipBlock: {cidr: 10.1.2.3/16}\n",
                                                       encoding="utf-8")  # has an error, but is not changed
    (repo / "deploy" / "values-stage.yaml").write_text(CLEAN, encoding="utf-8")
    (repo / "README.md").write_text("# deploy\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(origin))
    git(repo, "remote", "add", "origin", str(origin))
    git(repo, "fetch", "-q", "origin")
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "deploy" / "values-stage.yaml").write_text(
        CLEAN + "  adminNodeManagers:\n    - ipBlock: {cidr: 10.20.30.41/24}\n", encoding="utf-8")
    (repo / "deploy" / "new-values.yml").write_text(CLEAN + "  apiGateways:\n    - podselector: {}\n",
                                                     encoding="utf-8")
    (repo / "README.md").write_text("# deploy, changed\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "feature")
    return repo


def run_step(repo: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    """The script with the variables GitHub sets for a pull_request job, and the action's inputs."""
    shim_dir = repo.parent / "bin"
    shim_dir.mkdir(exist_ok=True)
    shim = shim_dir / "aaoi-netpol"
    shim.write_text(SHIM.replace("{python}", sys.executable), encoding="utf-8")
    shim.chmod(0o755)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "INPUT_"))}
    env.update({
        "PATH": f"{shim_dir}{os.pathsep}{env['PATH']}", "PYTHONPATH": str(REPO_ROOT),
        "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_WORKSPACE": str(repo),
        "GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "feature", "GITHUB_ACTION_PATH": str(REPO_ROOT),
        "GITHUB_OUTPUT": str(repo.parent / "output"), "GITHUB_STEP_SUMMARY": str(repo.parent / "summary.md"),
        "DIFF_CALLS": str(repo.parent / "diff-calls"), "INPUT_FILES": "**/*values*.y*ml", "INPUT_SUMMARY": "false",
        "EVENT_BEFORE": "",
    })
    if "diff_exit" in inputs:
        env["DIFF_EXIT"] = inputs.pop("diff_exit")
    env.update({f"INPUT_{key.upper()}": value for key, value in inputs.items()})
    return subprocess.run(["bash", str(SCRIPT)], cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def test_the_changed_values_files_get_annotations(pull_request: Path) -> None:
    result = run_step(pull_request)
    assert result.returncode == 1, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=deploy/new-values.yml,line=4,col=7,title=NP001 schema::unknown key 'podselector' in "
        "networkPolicy.apiGateways[0]; did you mean 'podSelector'?",
        "::error file=deploy/values-stage.yaml,line=4,col=23,title=NP011 cidr-not-network::ipBlock cidr "
        "10.20.30.41/24 is not a network address: it means the network 10.20.30.0/24; write 10.20.30.0/24, or "
        "10.20.30.41/32 for the single host",
    ]
    assert "values-prod.yaml" not in result.stdout  # unchanged: not linted
    output = (pull_request.parent / "output").read_text(encoding="utf-8")
    assert output == "files<<AAOI_NETPOL_FILES\ndeploy/new-values.yml\ndeploy/values-stage.yaml\nAAOI_NETPOL_FILES\n"
    assert not (pull_request.parent / "summary.md").exists()  # the summary is off by default


def test_no_changed_values_file_is_a_clean_exit(pull_request: Path) -> None:
    result = run_step(pull_request, files="docs/**/*.yaml\n  other/*values*.yml  ")
    assert result.returncode == 0
    assert result.stdout.startswith("aaoi-netpol: no values file matching")


def test_args_and_a_narrower_glob(pull_request: Path) -> None:
    (pull_request / "deploy" / "values-stage.yaml").write_text(CLEAN + "  allowHelmTest: true\n", encoding="utf-8")
    git(pull_request, "commit", "-q", "-am", "a warning only")
    assert run_step(pull_request, files="deploy/values-*.yaml").returncode == 0
    strict = run_step(pull_request, files="deploy/values-*.yaml", args="--strict --no-config")
    assert strict.returncode == 1 and "::warning file=deploy/values-stage.yaml" in strict.stdout


def test_the_summary_calls_diff_with_the_base_version(pull_request: Path) -> None:
    result = run_step(pull_request, summary="true", chart="charts/apim4elastic")
    assert result.returncode == 1
    calls = (pull_request.parent / "diff-calls").read_text(encoding="utf-8").split("diff\n")[1:]
    assert len(calls) == 2
    stage = next(call.splitlines() for call in calls if "deploy/values-stage.yaml" in call.splitlines()[-3])
    chart, base_flag, old, values_flag, new, format_flag, markdown = stage
    assert (chart, base_flag, values_flag, new, format_flag, markdown) == (
        "charts/apim4elastic", "--base", "-f", "deploy/values-stage.yaml", "--format", "markdown")
    assert old.endswith("/deploy/values-stage.yaml") and not Path(old).exists()  # a temporary copy, removed
    summary = (pull_request.parent / "summary.md").read_text(encoding="utf-8")
    assert "### aaoi-netpol diff of deploy/values-stage.yaml" in summary


def test_a_failing_diff_is_a_warning_and_keeps_lint_s_exit_code(pull_request: Path) -> None:
    (pull_request / "deploy" / "new-values.yml").write_text(CLEAN, encoding="utf-8")
    (pull_request / "deploy" / "values-stage.yaml").write_text(CLEAN, encoding="utf-8")
    git(pull_request, "commit", "-q", "-am", "clean")
    result = run_step(pull_request, summary="true", chart="charts/apim4elastic", diff_exit="1")
    assert result.returncode == 0
    assert "::warning title=aaoi-netpol::aaoi-netpol diff could not compare deploy/new-values.yml" in result.stdout


def test_a_base_missing_from_the_clone_cannot_run(pull_request: Path) -> None:
    result = run_step(pull_request, diff_base="no-such-branch")
    assert result.returncode == 2
    assert "::error title=aaoi-netpol::the base 'no-such-branch' is not in this clone" in result.stdout


def test_the_action_installs_the_package_and_runs_the_script() -> None:
    action = yaml.safe_load((REPO_ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert action["inputs"]["files"]["default"] == "**/*values*.y*ml"
    assert action["inputs"]["summary"]["default"] == "false"
    runs = [step.get("run", "") for step in action["runs"]["steps"]]
    assert 'python -m pip install --disable-pip-version-check --quiet "$GITHUB_ACTION_PATH"' in runs
    assert '"$GITHUB_ACTION_PATH/scripts/action-lint.sh"' in runs
    lint_step = action["runs"]["steps"][-1]
    assert {f"INPUT_{name.upper().replace('-', '_')}" for name in action["inputs"] if name != "python-version"} \
        == {name for name in lint_step["env"] if name.startswith("INPUT_")}
    assert os.access(SCRIPT, os.X_OK)
