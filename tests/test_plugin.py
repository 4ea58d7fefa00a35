"""The Helm plugin as users install it, on Helm 3 and Helm 4: where its virtualenv lives and how it heals.

A local directory install makes the plugin directory a symbolic link to the
user's checkout; a git URL install makes it a copy. The venv never goes into
the user's checkout: it lives in the plugin directory when that is Helm's copy,
else in ``$XDG_CACHE_HOME/aaoi-netpol/venvs/<version>-<checksum of the
checkout's real path>``, shared by every Helm linking that checkout. Each test
gets its own cache folder; pip keeps using the user's pip cache (downloads are
not what is tested).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.input_guard import TreeState
from tests.support import REPO_ROOT, Helm, helm_binary_path

IGNORED = shutil.ignore_patterns(".venv", ".venv-nca", ".helm", ".plugin-venv", ".git", "__pycache__", ".mypy_cache",
                                 ".ruff_cache", ".pytest_cache", "*.egg-info", "build", "dist",
                                 "tests", "bench", "tools", "docs")  # a checkout, less what the plugin never reads
GOOD = "networkPolicy:\n  enabled: true\n"
VERSION = "0.1.0"


def project_copy(destination: Path) -> Path:
    shutil.copytree(REPO_ROOT, destination, ignore=IGNORED)
    return destination


def pip_cache() -> str:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return os.environ.get("PIP_CACHE_DIR") or str(Path(cache) / "pip")


def plugin_env(helm_path: Path, home: Path, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HELM_", "AAOI_NETPOL_"))}
    for var in ("HELM_DATA_HOME", "HELM_CACHE_HOME", "HELM_CONFIG_HOME"):
        env[var] = str(home / var.lower())
    env["HELM_PLUGINS"] = str(home / "helm_data_home" / "plugins")
    env.update(XDG_CACHE_HOME=str(cache), PIP_CACHE_DIR=pip_cache(), PATH=f"{helm_path.parent}:{env['PATH']}")
    return env


def run_helm(helm_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(helm_path), *args], capture_output=True, text=True, env=env, timeout=600)


def install(helm_path: Path, source: Path | str, env: dict[str, str], *flags: str,
            hook_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = run_helm(helm_path, {**env, **(hook_env or {})}, "plugin", "install", str(source), *flags)
    listing = run_helm(helm_path, env, "plugin", "list")
    assert "netpol" in listing.stdout and VERSION in listing.stdout, result.stderr + listing.stderr
    return result


def shared_venv(cache: Path, checkout: Path) -> Path:
    """Where bin/venv-path puts the venv of a linked checkout: keyed by version and cksum of its real path."""
    crc = subprocess.run(["cksum"], input=str(checkout.resolve()).encode(), capture_output=True, check=True)
    return cache / "aaoi-netpol" / "venvs" / f"{VERSION}-{crc.stdout.split()[0].decode()}"


def check_commands(helm_path: Path, env: dict[str, str], where: Path) -> None:
    """What a user runs first: help, a clean file, a bad one, a missing one, Helm's global flags."""
    usage = run_helm(helm_path, env, "netpol", "--help")
    assert usage.returncode == 0, usage.stderr
    assert "Usage: helm netpol [OPTIONS] COMMAND" in usage.stdout
    lint_help = run_helm(helm_path, env, "netpol", "lint", "--help")
    assert "Usage: helm netpol lint [OPTIONS] [FILES]..." in lint_help.stdout
    good = where / "good.yaml"
    clean = run_helm(helm_path, env, "netpol", "--debug", "-n", "apim-elk", "--kube-context", "prod", "lint", str(good))
    assert clean.returncode == 0 and "1 file linted" in clean.stdout, clean.stdout + clean.stderr
    bad = where / "bad.yaml"
    bad.write_text("networkPolicy:\n  enabled: nope\n")
    failing = run_helm(helm_path, env, "netpol", "lint", str(bad))
    assert failing.returncode == 1
    assert f"{bad}:2:3: error NP001" in failing.stdout
    missing = run_helm(helm_path, env, "netpol", "lint", str(where / "missing.yaml"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr and "Traceback" not in missing.stderr


def test_one_checkout_in_helm3_and_helm4_survives_removing_the_helm3_home(tmp_path: Path) -> None:
    """The issue's scenario, with both real Helms, plus first commands, the venv's self-repair and the uninstall hook.

    One scenario, so that the suite builds this venv twice (first use, repair) and no more."""
    helm3, helm4 = helm_binary_path("3.17.3"), helm_binary_path("4.3.1")
    checkout = project_copy(tmp_path / "src" / "aaoi-netpol")
    untouched = TreeState.take([checkout])  # nothing is ever written into the user's checkout
    cache = tmp_path / "cache"
    env3, env4 = plugin_env(helm3, tmp_path / "home3", cache), plugin_env(helm4, tmp_path / "home4", cache)
    good = tmp_path / "good.yaml"
    good.write_text(GOOD)
    venv = shared_venv(cache, checkout)

    failed_hook = install(helm3, checkout, env3, hook_env={"AAOI_NETPOL_PYTHON": "/nonexistent/python3"})
    assert failed_hook.returncode != 0 and not venv.exists()  # the plugin stays installed without its venv
    first = run_helm(helm3, env3, "netpol", "lint", str(good))  # first use builds it
    assert first.returncode == 0, first.stderr
    assert f"setting up its Python environment in {venv}" in first.stderr
    assert install(helm4, checkout, env4).returncode == 0  # Helm 4's hook finds it ready
    shared = run_helm(helm4, env4, "netpol", "lint", str(good))
    assert shared.returncode == 0 and "setting up" not in shared.stderr, shared.stderr
    plugin_dirs = [Path(env3["HELM_PLUGINS"]) / "aaoi-netpol", Path(env4["HELM_DATA_HOME"]) / "plugins" / "aaoi-netpol"]
    assert all(d.is_symlink() for d in plugin_dirs)  # both Helms link the checkout
    assert set(Path(f"{venv}.users").read_text().split()) == {str(d) for d in plugin_dirs}
    assert (venv / ".complete").is_file() and not (checkout / ".plugin-venv").exists()
    check_commands(helm3, env3, tmp_path)
    check_commands(helm4, env4, tmp_path)

    shutil.rmtree(tmp_path / "home3")
    after = run_helm(helm4, env4, "netpol", "lint", str(good))
    assert after.returncode == 0 and after.stdout == "1 file linted: 0 errors, 0 warnings\n", after.stderr
    assert "setting up" not in after.stderr

    # a broken venv is found (its .complete stamp notwithstanding) and rebuilt
    for package in venv.glob("lib/python*/site-packages/aaoi_netpol"):
        shutil.rmtree(package)
    healed = run_helm(helm4, env4, "netpol", "lint", str(good))
    assert healed.returncode == 0, healed.stderr
    assert "cannot import aaoi_netpol" in healed.stderr and "setting up" in healed.stderr
    assert untouched.changes() == []

    # uninstall: the venv stays while another Helm uses it, and goes with the last one
    env3b = plugin_env(helm3, tmp_path / "home3b", cache)
    assert install(helm3, checkout, env3b).returncode == 0
    removed4 = run_helm(helm4, env4, "plugin", "uninstall", "netpol")
    assert removed4.returncode == 0, removed4.stderr
    assert "kept" in removed4.stderr and venv.is_dir()
    assert run_helm(helm3, env3b, "netpol", "lint", str(good)).returncode == 0
    removed3 = run_helm(helm3, env3b, "plugin", "uninstall", "netpol")
    assert removed3.returncode == 0, removed3.stderr
    assert f"removed {venv}" in removed3.stderr
    assert not venv.exists() and not Path(f"{venv}.users").exists()
    assert untouched.changes() == []


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c",
                    "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, check=True, capture_output=True, timeout=120)


def test_git_url_install_copies_the_plugin_and_keeps_the_venv_inside(helm: Helm, tmp_path: Path) -> None:
    """A git install (file:// here) needs a working-tree repository; Helm copies it, venv included."""
    repo = project_copy(tmp_path / "repo" / "aaoi-netpol")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "plugin")
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(bare))
    env = plugin_env(helm.path, tmp_path / "home", tmp_path / "cache")
    verify = ("--verify=false",) if helm.major >= 4 else ()
    refused = run_helm(helm.path, env, "plugin", "install", f"file://{bare}", *verify)
    assert refused.returncode != 0 and "Cannot detect VCS" in refused.stderr
    install(helm.path, f"file://{repo}", env, *verify, hook_env={"AAOI_NETPOL_PYTHON": "/nonexistent/python3"})
    plugins = Path(env["HELM_PLUGINS"]) if helm.major == 3 else Path(env["HELM_DATA_HOME"]) / "plugins"
    (copied,) = [p for p in plugins.iterdir() if (p / "plugin.yaml").is_file()]
    assert not copied.is_symlink()
    where = subprocess.run([str(copied / "bin" / "venv-path")], env={**env, "HELM_PLUGIN_DIR": str(copied)},
                           capture_output=True, text=True, check=True)
    assert where.stdout == f"{copied}/.plugin-venv\n"


def test_venv_path_rules(tmp_path: Path) -> None:
    checkout = project_copy(tmp_path / "src" / "aaoi-netpol")
    cache = tmp_path / "cache"

    def venv_path(source: Path = checkout, **env: str) -> str:
        base = {k: v for k, v in os.environ.items() if not k.startswith(("HELM_", "AAOI_NETPOL_", "XDG_"))}
        result = subprocess.run([str(source / "bin" / "venv-path")], env={**base, "XDG_CACHE_HOME": str(cache), **env},
                                capture_output=True, text=True, check=True)
        return result.stdout.strip()

    links = [tmp_path / "h3" / "aaoi-netpol", tmp_path / "h4" / "aaoi-netpol"]
    for link in links:
        link.parent.mkdir()
        link.symlink_to(checkout)
    keyed = str(shared_venv(cache, checkout))
    assert venv_path() == keyed  # run straight from the checkout
    assert {venv_path(HELM_PLUGIN_DIR=str(link)) for link in links} == {keyed}  # every link: one venv
    assert venv_path(HELM_PLUGIN_DIR=str(tmp_path / "elsewhere")) == keyed  # not this plugin's directory
    assert venv_path(HELM_PLUGIN_DIR=str(checkout)) == f"{checkout}/.plugin-venv"  # a real plugin directory
    assert venv_path(AAOI_NETPOL_VENV="/opt/venv") == "/opt/venv"
    assert venv_path(XDG_CACHE_HOME="relative") == str(Path.home() / ".cache" / Path(keyed).relative_to(cache))
    moved = checkout.rename(tmp_path / "moved")
    assert venv_path(moved) == str(shared_venv(cache, moved)) != keyed  # a moved checkout gets a venv of its own


def test_plugin_yaml_uses_only_keys_both_helm_versions_accept() -> None:
    import yaml

    manifest = yaml.safe_load((REPO_ROOT / "plugin.yaml").read_text())
    assert set(manifest) <= {"name", "version", "usage", "description", "ignoreFlags", "command", "hooks"}
    assert set(manifest["hooks"]) == {"install", "update", "delete"}
    assert manifest["ignoreFlags"] is False
    assert manifest["version"] == VERSION and not manifest["version"].startswith("v")
    for script in ("netpol", "setup-venv", "venv-path", "remove-venv"):
        assert os.access(REPO_ROOT / "bin" / script, os.X_OK), script
