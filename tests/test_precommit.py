"""The `netpol-lint` pre-commit hook, run by the real `pre-commit try-repo` on a throwaway git repository.

try-repo installs the hook repository's HEAD — plus its uncommitted changes
to *tracked* files, never untracked ones — into a fresh environment. So that
this test checks the working tree as it is (new files included, whether or not
they are committed yet), the hook repository is a snapshot of the files the
package is built from, committed into a temporary git repository. pre-commit
then builds and installs our package from it with pip, as it does for users.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO_ROOT

BUILD_INPUTS = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "aaoi_netpol", "schemas", "chart-overlay")
GOOD = "networkPolicy:\n  enabled: true\n"
BAD = "networkPolicy:\n  enabled: true\n  apiGateways:\n    - ipblock: {cidr: 10.20.0.0/16}\n"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid",
                    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in BUILD_INPUTS:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "snapshot")
    return repo


@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("deploy-repo")
    (repo / "aaoi").mkdir()
    (repo / "aaoi" / "values.yaml").write_text(GOOD, encoding="utf-8")
    (repo / "aaoi" / "values-prod.yaml").write_text(BAD, encoding="utf-8")
    (repo / "aaoi" / "kustomization.yaml").write_text(BAD, encoding="utf-8")  # not a values file
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "values")
    return repo


def try_repo(hook_repo: Path, consumer: Path, home: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    env.pop("PYTHONPATH", None)  # the hook must run the package pre-commit installed, not this checkout
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "netpol-lint",
                           "--files", *files], cwd=consumer, env=env, capture_output=True, text=True, timeout=900)


def test_hook_passes_on_a_good_file_and_fails_on_a_bad_one(hook_repo: Path, consumer: Path,
                                                           tmp_path: Path) -> None:
    failed = try_repo(hook_repo, consumer, tmp_path / "home", "aaoi/values.yaml", "aaoi/values-prod.yaml",
                      "aaoi/kustomization.yaml")
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "aaoi-netpol lint" in output and "Failed" in output
    assert ("aaoi/values-prod.yaml:4:7: error NP001 unknown key 'ipblock' in networkPolicy.apiGateways[0]; "
            "did you mean 'ipBlock'?") in output
    assert "2 files linted: 1 error, 0 warnings" in output  # kustomization.yaml is not a values file
    assert "kustomization.yaml:" not in output

    passed = try_repo(hook_repo, consumer, tmp_path / "home", "aaoi/values.yaml", "aaoi/kustomization.yaml")
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in output
