"""Helpers shared by the tests. Import them from here; ``conftest.py`` holds only fixtures and hooks,
and no test imports another test module.

Paths
    ``REPO_ROOT``, ``TESTS``, ``FIXTURES``, ``STANDIN_CHART`` (our stand-in AAOI chart), ``OVERLAY_TEMPLATES``,
    ``EXAMPLE_VALUES`` (our example user values: the settings of the AAOI chart's own example),
    ``COMPONENTS_FILE`` (per-component facts of the AAOI chart, parsed by ``aaoi_facts()``),
    ``SHARED_AAOI`` (the real chart's reference files: present in CI, maybe not elsewhere; only tests
    marked ``shared_aaoi`` may read them).
Helm
    ``Helm`` (one real binary with an isolated home: ``.run(args)``, ``.template(args)`` cached for
    inputs that never change during the session), ``HELM_VERSIONS``, ``helm_for(version, home)``.
    Tests get one through the ``helm`` fixture, parametrized over Helm 3 and Helm 4.
CLI
    ``run_cli(args, cwd=, env=, input_text=)``: our CLI in this process (fast; use it by default).
    ``run_cli_process(...)``: the same as a real ``python -m aaoi_netpol`` subprocess, for tests whose point
    is a real process. Both return a ``CliResult`` (returncode, stdout, stderr) and fail on a traceback.
Files and charts
    ``write(path, text)``, ``np_values(dir, body, name)``, ``values_file(dir, values)`` (named after its
    content), ``load_yaml(path)``, ``parse_yaml(text)``, ``parse_yaml_all(text)`` (safe_load with libyaml's
    parser), ``snapshot(path)``, ``copy_standin(dir, name)``, ``package(helm, chart, out)``.
Corpus (in ``tests/corpus_support.py``)
    ``CORPUS``, ``Case``, ``corpus_cases()``: tests/corpus with the Helm verdict each case's header states.
Rendered output (more in ``tests/chart_views.py`` for comparing charts, and ``tests/overlay_support.py``
for evaluating the overlay's policies)
    ``documents(stream)``, ``ours(docs)`` (our NetworkPolicies), ``assert_valid_policies(docs)``,
    ``assert_valid_k8s(obj)`` (validated once per session),
    ``mask_random(text)``, ``env_without_helm(env)``, and ``RenderRun`` (the CLI with one Helm, checking after
    every command that the registered input charts were not modified).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.cli_runner import CliResult as CliResult
from tests.cli_runner import run_cli as run_cli
from tests.cli_runner import run_cli_process as run_cli_process

REPO_ROOT = Path(__file__).resolve().parent.parent
TESTS = REPO_ROOT / "tests"
FIXTURES = TESTS / "fixtures"
STANDIN_CHART = TESTS / "charts" / "apim4elastic"
OVERLAY_TEMPLATES = REPO_ROOT / "chart-overlay" / "templates"
AAOI_DATA = TESTS / "data" / "aaoi"
EXAMPLE_VALUES = AAOI_DATA / "example-values.yaml"
COMPONENTS_FILE = AAOI_DATA / "components.yaml"
SHARED_AAOI = Path(os.environ.get("AAOI_NETPOL_SHARED") or REPO_ROOT.parent / "shared") / "aaoi"
HELM_VERSIONS = ("3.17.3", "4.3.1")
K8S_VERSION = "1.31"
RANDOM_TEST_POD_NAME = re.compile(r"-[a-z0-9]{5}-test\b")
FAST_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TEMPLATE_CACHE: dict[tuple[str, tuple[str, ...]], str] = {}
_VALID_OBJECTS: set[str] = set()


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

    def template(self, args: Sequence[str]) -> str:
        """stdout of ``helm template ARGS``, run once per session (and xdist worker) for the same arguments.

        Only for inputs that never change during the session (the committed stand-in chart and values
        files, a session-scoped chart copy): the cache is keyed by the arguments, not by file contents.
        """
        key = (str(self.path), ("template", *args))
        if key not in _TEMPLATE_CACHE:
            _TEMPLATE_CACHE[key] = self.run(["template", *args]).stdout
        return _TEMPLATE_CACHE[key]


def helm_binary_path(version: str) -> Path:
    override = os.environ.get(f"AAOI_NETPOL_HELM{version.split('.')[0]}")
    return Path(override) if override else REPO_ROOT / ".helm" / version / "helm"


def helm_for(version: str, home: Path) -> Helm:
    """Helm ``version`` with its data, cache and config homes under ``home / version``.

    Helm runs hundreds of times, each for a fraction of a second: its Go runtime collects garbage only
    near 128 MiB of heap (``GOGC=off`` with ``GOMEMLIMIT``), which saves a quarter of its CPU time and
    changes nothing else (set either variable to override).
    """
    path = helm_binary_path(version)
    env = dict(os.environ)
    if "GOGC" not in env and "GOMEMLIMIT" not in env:
        env.update(GOGC="off", GOMEMLIMIT="128MiB")
    for var in ("HELM_DATA_HOME", "HELM_CACHE_HOME", "HELM_CONFIG_HOME"):
        env[var] = str(home / version / var.split("_")[1].lower())
    env["HELM_BIN"] = str(path)
    env["PATH"] = f"{path.parent}{os.pathsep}{env.get('PATH', '')}"
    return Helm(path=path, version=version, env=env)


# --------------------------------------------------------------------------- files and charts


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def np_values(tmp_path: Path, body: str = "networkPolicy:\n  enabled: true\n", name: str = "np.yaml") -> Path:
    return write(tmp_path / "values" / name, body)


def snapshot(path: Path) -> dict[str, bytes]:
    """Every file under ``path`` (or ``path`` itself) with its bytes, plus every directory."""
    if path.is_file():
        return {"": path.read_bytes()}
    found: dict[str, bytes] = {}
    for item in sorted(path.rglob("*")):
        key = str(item.relative_to(path))
        found[key] = item.read_bytes() if item.is_file() else b"<dir>"
    return found


def copy_standin(tmp_path: Path, name: str = "apim4elastic") -> Path:
    target = tmp_path / "input" / name
    shutil.copytree(STANDIN_CHART, target)
    return target


def package(helm: Helm, chart: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    helm.run(["package", str(chart), "-d", str(out)])
    (archive,) = out.glob("*.tgz")
    return archive


def values_file(directory: Path, values: dict[str, Any]) -> Path:
    """``values`` as a YAML file in ``directory``, named after its content (same content, same path, so
    :meth:`Helm.template` renders it once)."""
    text = yaml.safe_dump(values)
    path = directory / f"values-{hashlib.sha256(text.encode()).hexdigest()[:16]}.yaml"
    return path if path.is_file() else write(path, text)


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` with libyaml's parser when PyYAML has it (the same objects, ten times faster)."""
    return yaml.load(text, Loader=FAST_YAML_LOADER)


def parse_yaml_all(text: str) -> list[Any]:
    return list(yaml.load_all(text, Loader=FAST_YAML_LOADER))


def load_yaml(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"))


@functools.cache
def aaoi_facts() -> dict[str, Any]:
    """tests/data/aaoi/components.yaml: per AAOI component its workload, Services and ports (read-only)."""
    facts: dict[str, Any] = load_yaml(COMPONENTS_FILE)
    return facts


# --------------------------------------------------------------------------- rendered output


def documents(stream: str) -> list[dict[str, Any]]:
    return [d for d in parse_yaml_all(stream) if d]


def ours(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in docs if d.get("kind") == "NetworkPolicy"
            and (d.get("metadata", {}).get("labels") or {}).get("aaoi-netpol/generated") == "true"]


def assert_valid_k8s(obj: dict[str, Any]) -> None:
    """Valid Kubernetes (``kubernetes_validate``, strict, ``K8S_VERSION``); an object already found valid
    in this session (and xdist worker) is not validated again."""
    key = json.dumps(obj, sort_keys=True)
    if key not in _VALID_OBJECTS:
        import kubernetes_validate  # slow to import: only where needed
        from kubernetes_validate import utils

        if not hasattr(utils.schema_contents, "cache_info"):  # it reads its JSON schemas again on every call
            utils.schema_contents = functools.lru_cache(maxsize=None)(utils.schema_contents)
        kubernetes_validate.validate(obj, K8S_VERSION, strict=True)
        _VALID_OBJECTS.add(key)


def assert_valid_policies(docs: list[dict[str, Any]]) -> None:
    policies = [d for d in docs if d.get("kind") == "NetworkPolicy"]
    assert policies
    for policy in policies:
        assert_valid_k8s(policy)


def mask_random(text: str) -> str:
    """The chart's test pod gets random names (randAlphaNum): mask them to compare two renderings."""
    return RANDOM_TEST_POD_NAME.sub("-<random>-test", text)


def env_without_helm(base: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in base.items() if k != "HELM_BIN"}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and not (Path(p) / "helm").exists())
    return env


@dataclass
class RenderRun:
    """The CLI (in process) with one Helm; inputs registered with :meth:`keep` must never change."""

    helm: Helm
    kept: dict[Path, dict[str, bytes]] = field(default_factory=dict)

    def keep(self, *paths: Path) -> None:
        for path in paths:
            self.kept[path] = snapshot(path)

    def assert_untouched(self) -> None:
        for path, before in self.kept.items():
            assert path.exists(), f"{path} disappeared"
            assert snapshot(path) == before, f"{path} was modified"
            files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
            linked = [str(p) for p in files if p.stat().st_nlink != 1]
            assert not linked, f"hard links to the chart outlived the command: {linked}"

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(self.helm.env)
        env.update(extra)
        return env

    def cli(self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> CliResult:
        result = run_cli(list(args), env=env if env is not None else self.helm.env, cwd=cwd)
        self.assert_untouched()
        return result

    def render(self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> CliResult:
        return self.cli("render", *args, env=env, cwd=cwd)
