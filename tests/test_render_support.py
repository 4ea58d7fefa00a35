"""Helpers shared by the ``render`` tests (no tests here).

:class:`RenderRun` runs the real CLI with one real Helm and, after every
command, checks that each registered input chart (directory or .tgz) is
byte-identical to what it was when registered.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import kubernetes_validate
import yaml

from tests.conftest import SHARED_AAOI, STANDIN_CHART, CliResult, Helm, run_cli

MYVALUES = SHARED_AAOI / "values" / "myvalues.yaml"
K8S_VERSION = "1.31"
RANDOM_TEST_POD_NAME = re.compile(r"-[a-z0-9]{5}-test\b")


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


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def np_values(tmp_path: Path, body: str = "networkPolicy:\n  enabled: true\n", name: str = "np.yaml") -> Path:
    return write(tmp_path / "values" / name, body)


def documents(stream: str) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(stream) if d]


def ours(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in docs if d.get("kind") == "NetworkPolicy"
            and (d.get("metadata", {}).get("labels") or {}).get("aaoi-netpol/generated") == "true"]


def assert_valid_policies(docs: list[dict[str, Any]]) -> None:
    policies = [d for d in docs if d.get("kind") == "NetworkPolicy"]
    assert policies
    for policy in policies:
        kubernetes_validate.validate(policy, K8S_VERSION, strict=True)


def mask_random(text: str) -> str:
    """The chart's test pod gets random names (randAlphaNum): mask them to compare two renderings."""
    return RANDOM_TEST_POD_NAME.sub("-<random>-test", text)


@dataclass
class RenderRun:
    """The CLI with one Helm; inputs registered with :meth:`keep` must never change."""

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


def env_without_helm(base: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in base.items() if k != "HELM_BIN"}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and not (Path(p) / "helm").exists())
    return env
