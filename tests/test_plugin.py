"""The Helm plugin as users install it: `helm plugin install <dir>` on Helm 3 and Helm 4."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import EXAMPLE_VALUES, REPO_ROOT, Helm

IGNORED = shutil.ignore_patterns(".venv", ".helm", ".plugin-venv", ".git", "__pycache__", ".mypy_cache",
                                 ".ruff_cache", ".pytest_cache", "*.egg-info", "build", "dist")


def project_copy(destination: Path) -> Path:
    shutil.copytree(REPO_ROOT, destination, ignore=IGNORED)
    return destination


@pytest.fixture(scope="session")
def shared_plugin_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project_copy(tmp_path_factory.mktemp("plugin-src") / "aaoi-netpol")


def plugin_env(helm: Helm, home: Path) -> dict[str, str]:
    env = dict(helm.env)
    for var in ("HELM_DATA_HOME", "HELM_CACHE_HOME", "HELM_CONFIG_HOME"):
        env[var] = str(home / var.lower())
    env["HELM_PLUGINS"] = str(home / "helm_data_home" / "plugins")
    env.pop("HELM_BIN", None)
    return env


def run_helm(helm: Helm, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(helm.path), *args], capture_output=True, text=True, env=env, timeout=600)


def install(helm: Helm, source: Path, home: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    env = plugin_env(helm, home)
    hook_env = {**env, **(extra_env or {})}
    result = run_helm(helm, hook_env, "plugin", "install", str(source))
    if not extra_env:
        assert result.returncode == 0, result.stderr
    listing = run_helm(helm, env, "plugin", "list")
    assert "netpol" in listing.stdout and "0.1.0" in listing.stdout, listing.stdout + listing.stderr
    return env


def test_plugin_installs_and_runs(helm: Helm, shared_plugin_source: Path, tmp_path: Path) -> None:
    env = install(helm, shared_plugin_source, tmp_path)
    usage = run_helm(helm, env, "netpol", "--help")
    assert usage.returncode == 0, usage.stderr
    assert "Usage: helm netpol [OPTIONS] COMMAND" in usage.stdout
    lint_help = run_helm(helm, env, "netpol", "lint", "--help")
    assert "Usage: helm netpol lint [OPTIONS] [FILES]..." in lint_help.stdout

    clean = run_helm(helm, env, "netpol", "lint", str(EXAMPLE_VALUES))
    assert clean.returncode == 0, clean.stdout + clean.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("networkPolicy:\n  enabled: nope\n")
    failing = run_helm(helm, env, "netpol", "lint", str(bad))
    assert failing.returncode == 1
    assert f"{bad}:2:3: error NP001" in failing.stdout
    missing = run_helm(helm, env, "netpol", "lint", str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr and "Traceback" not in missing.stderr


def test_helm_global_flags_keep_their_meaning(helm: Helm, shared_plugin_source: Path, tmp_path: Path) -> None:
    env = install(helm, shared_plugin_source, tmp_path)
    result = run_helm(helm, env, "netpol", "--debug", "-n", "apim-elk", "--kube-context", "prod",
                      "lint", str(EXAMPLE_VALUES))
    assert result.returncode == 0, result.stderr
    assert "1 file linted" in result.stdout


def test_first_use_builds_the_venv_when_the_install_hook_failed(helm: Helm, tmp_path: Path) -> None:
    source = project_copy(tmp_path / "src" / "aaoi-netpol")
    env = install(helm, source, tmp_path / "home", extra_env={"AAOI_NETPOL_PYTHON": "/nonexistent/python3"})
    assert not (source / ".plugin-venv" / ".complete").exists()
    result = run_helm(helm, env, "netpol", "lint", str(EXAMPLE_VALUES))
    assert result.returncode == 0, result.stderr
    assert "setting up its Python environment" in result.stderr
    assert (source / ".plugin-venv" / ".complete").is_file()
    again = run_helm(helm, env, "netpol", "lint", str(EXAMPLE_VALUES))
    assert "setting up" not in again.stderr


def test_plugin_yaml_uses_only_keys_both_helm_versions_accept() -> None:
    import yaml

    manifest = yaml.safe_load((REPO_ROOT / "plugin.yaml").read_text())
    assert set(manifest) <= {"name", "version", "usage", "description", "ignoreFlags", "command", "hooks"}
    assert manifest["ignoreFlags"] is False
    assert manifest["version"].count(".") == 2 and not manifest["version"].startswith("v")
    assert os.access(REPO_ROOT / "bin" / "netpol", os.X_OK)
