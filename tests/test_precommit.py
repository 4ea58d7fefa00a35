"""The `netpol-lint` pre-commit hook, run by the real `pre-commit` in a throwaway deployment repository.

The hook repository is a snapshot of the files the package is built from,
committed into a temporary git repository (so new, uncommitted files of this
working tree are part of it); the deployment repository's
``.pre-commit-config.yaml`` points at it by path and commit, as users point at
ours by URL and tag. pre-commit builds and installs the package from it with
pip once (the environment is kept in a module-wide PRE_COMMIT_HOME).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO_ROOT

BUILD_INPUTS = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "aaoi_netpol", "schemas", "chart-overlay")
GOOD = "networkPolicy:\n  enabled: true\n"
BAD = "networkPolicy:\n  enabled: true\n  apiGateways:\n    - ipblock: {cidr: 10.20.0.0/16}\n"
# the names AAOI users give values files (the chart's own example is myvalues.yaml), and files that are not
VALUES_FILES = ("values.yaml", "aaoi/values-prod.yaml", "aaoi/prod-values.yml", "aaoi/myvalues.yaml",
                "deploy/values_staging.yml", "charts/apim4elastic/values.yaml")
OTHER_FILES = ("aaoi/kustomization.yaml", "charts/apim4elastic/Chart.yaml", "aaoi/values.json",
               "aaoi/values.yaml.bak", "aaoi/values/extra.yaml")
FINDING = re.compile(r"^(\S+):4:7: error NP001 unknown key 'ipblock'", re.MULTILINE)


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid",
                             "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                            cwd=cwd, check=True, capture_output=True, text=True, timeout=120)
    return result.stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
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
    return repo, git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("deploy-repo")
    for name in (*VALUES_FILES, *OTHER_FILES):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(BAD, encoding="utf-8")  # every file bad: a linted file shows in the output
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "values")
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def run_hook(hook_repo: tuple[Path, str], consumer: Path, home: Path, hook_options: str = "",
             *files: str) -> subprocess.CompletedProcess[str]:
    """Write a .pre-commit-config.yaml using the hook (with ``hook_options``), then `pre-commit run`."""
    path, rev = hook_repo
    config = f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: netpol-lint\n{hook_options}"
    (consumer / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(consumer, "add", ".pre-commit-config.yaml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GIT_"))}
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    env.pop("PYTHONPATH", None)  # the hook must run the package pre-commit installed, not this checkout
    selection = ["--files", *files] if files else ["--all-files"]
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "netpol-lint", *selection],
                          cwd=consumer, env=env, capture_output=True, text=True, timeout=900)


def linted(result: subprocess.CompletedProcess[str]) -> set[str]:
    return set(FINDING.findall(result.stdout + result.stderr))


def test_hook_lints_every_values_file_name_and_nothing_else(hook_repo: tuple[Path, str], consumer: Path,
                                                             pre_commit_home: Path) -> None:
    result = run_hook(hook_repo, consumer, pre_commit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "aaoi-netpol lint" in output and "Failed" in output
    assert linted(result) == set(VALUES_FILES), output
    assert ("aaoi/myvalues.yaml:4:7: error NP001 unknown key 'ipblock' in networkPolicy.apiGateways[0]; "
            "did you mean 'ipBlock'?") in output


def test_files_and_exclude_narrow_the_hook(hook_repo: tuple[Path, str], consumer: Path,
                                           pre_commit_home: Path) -> None:
    replaced = run_hook(hook_repo, consumer, pre_commit_home, "        files: ^aaoi/\n")  # replaces the default
    assert linted(replaced) == {"aaoi/values-prod.yaml", "aaoi/prod-values.yml", "aaoi/myvalues.yaml",
                                "aaoi/kustomization.yaml", "aaoi/values/extra.yaml"}, replaced.stdout
    narrowed = run_hook(hook_repo, consumer, pre_commit_home,
                        "        files: ^aaoi/[^/]*values[^/]*\\.ya?ml$\n        exclude: (^|/)values-prod\\.yaml$\n")
    assert linted(narrowed) == {"aaoi/prod-values.yml", "aaoi/myvalues.yaml"}, narrowed.stdout
    vendored = run_hook(hook_repo, consumer, pre_commit_home, "        exclude: ^charts/\n")
    assert linted(vendored) == set(VALUES_FILES) - {"charts/apim4elastic/values.yaml"}, vendored.stdout


def test_hook_passes_on_a_good_file(hook_repo: tuple[Path, str], consumer: Path, pre_commit_home: Path,
                                    tmp_path: Path) -> None:
    (consumer / "aaoi" / "good-values.yaml").write_text(GOOD, encoding="utf-8")
    git(consumer, "add", "aaoi/good-values.yaml")
    passed = run_hook(hook_repo, consumer, pre_commit_home, "", "aaoi/good-values.yaml", "aaoi/kustomization.yaml")
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in output
