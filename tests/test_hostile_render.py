"""Hostile inputs where real Helm has a say, on Helm 3 and Helm 4.

- Alias expansion: our verdict on Helm's kind of alias bomb, on a legit aliased
  file and on files one alias either side of go-yaml's limit (lists, merge
  keys, merge lists, aliases inside anchors) equals ``helm lint`` and
  ``helm template``'s.
- A helm that writes into the chart it is given cannot reach the user's chart
  (directory or .tgz): Helm gets a real copy.
- A ``.tgz`` holding a symbolic link renders (the link is skipped); ``-f -``
  hands Helm the same standard input the linter read; bad ``--timeout`` values
  are usage errors.
"""

from __future__ import annotations

import functools
import io
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from aaoi_netpol.lint import LintOptions, lint_paths
from tests.hostile_support import EXAMPLE, HOSTILE, Case, check_outcome, run_in_process
from tests.support import STANDIN_CHART, Helm, copy_standin, run_cli, snapshot


def _anchor_map(size: int) -> str:
    return "a: &a {" + ",".join(f"k{i}: x" for i in range(size)) + "}\n"


# (name, document for a count, the count go-yaml allows): one more alias than allowed is refused.
BOUNDARIES: list[tuple[str, Callable[[int], str], int]] = [
    ("aliases-of-a-list", lambda m: "a: &a [" + ",".join(["x"] * 150) + "]\nb: [" + ",".join(["*a"] * m) + "]\n",
     297),
    ("merge-keys", lambda m: _anchor_map(100) + "s: &s [{<<: *a}, {<<: *a, z: 1}, {<<: [*a]}]\nb: ["
     + ",".join(["*s"] * m) + "]\n", 40),
    ("aliases-inside-anchors", lambda m: "a: &a [" + ",".join(["x"] * 60) + "]\nb: &b [*a, *a, y]\nc: ["
     + ",".join(["*b"] * m) + "]\n", 255),
    ("merge-lists", lambda m: _anchor_map(100) + "z: &z {q: 1}\nl: &l [" + ",".join(
        ["{<<: [*z, *a, {r: 2}], s: 3}"] * 3) + "]\nc: [" + ",".join(["*l"] * m) + "]\n", 42),
]
ALIAS_FILES = {"alias-bomb": (HOSTILE / "values" / "alias-bomb.yaml").read_text(encoding="utf-8"),
               "aliases-legit": (HOSTILE / "values" / "aliases-legit.yaml").read_text(encoding="utf-8")}
for _name, _document, _allowed in BOUNDARIES:
    ALIAS_FILES[f"{_name}-allowed"] = _document(_allowed)
    ALIAS_FILES[f"{_name}-one-too-many"] = _document(_allowed + 1)


@pytest.fixture(scope="module")
def plain_chart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chart = tmp_path_factory.mktemp("alias-chart") / "plain"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: plain\nversion: 0.1.0\n", encoding="utf-8")
    (chart / "templates" / "values.yaml").write_text("# {{ len .Values }}\n", encoding="utf-8")
    return chart


@functools.cache
def _ours(name: str) -> str:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / f"{name}.yaml"
        path.write_text(ALIAS_FILES[name], encoding="utf-8")
        report = lint_paths([path], LintOptions())
    failed = report.input_errors or any(d.rule == "NP000" for d in report.diagnostics)
    return "refused" if failed else "read"


@pytest.mark.helm
def test_alias_expansion_verdicts_equal_helms(helm: Helm, plain_chart: Path, tmp_path: Path) -> None:
    verdicts = {}
    for name, text in ALIAS_FILES.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        template = helm.run(["template", "x", str(plain_chart), "-f", str(path)], check=False)
        if name in ("alias-bomb", "aliases-legit"):
            lint = helm.run(["lint", str(plain_chart), "-f", str(path)], check=False)
            assert (lint.returncode == 0) == (template.returncode == 0), f"{name}: helm lint and template disagree"
        helms = "read" if template.returncode == 0 else "refused"
        verdicts[name] = helms
        assert _ours(name) == helms, f"{name}: Helm {helm.version} {helms} it\n{template.stderr}"
    assert verdicts["alias-bomb"] == "refused" and verdicts["aliases-legit"] == "read"
    for name, _, _ in BOUNDARIES:
        assert (verdicts[f"{name}-allowed"], verdicts[f"{name}-one-too-many"]) == ("read", "refused"), name


def _meddling_helm(tmp_path: Path, helm: Helm) -> Path:
    """A helm that appends to every file of the chart it is given, then renders it."""
    script = tmp_path / "meddling-helm"
    # a comment line of its own (a newline first: our templates end by trimming it)
    script.write_text("#!/bin/sh\nfind \"$3\" -type f -exec sh -c 'printf \"\\n# meddled\\n\" >> \"$1\"' _ {} \\;\n"
                      f"exec {helm.path} \"$@\"\n", encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.mark.helm
@pytest.mark.parametrize("packaged", [False, True], ids=["directory", "tgz"])
def test_a_helm_writing_into_its_chart_cannot_reach_the_users(helm: Helm, tmp_path: Path, packaged: bool) -> None:
    chart = copy_standin(tmp_path)
    if packaged:
        archive = tmp_path / "apim4elastic.tgz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(chart, arcname="apim4elastic")
        chart = archive
    before = snapshot(chart)
    result = run_cli(["render", str(chart), "-f", str(EXAMPLE), "--release", "axway-elk", "--policies-only",
                      "--helm", str(_meddling_helm(tmp_path, helm))], env=helm.env)
    assert result.returncode == 0, result.stderr
    assert snapshot(chart) == before


@pytest.mark.helm
def test_a_link_in_an_archive_is_skipped(helm: Helm, tmp_path: Path) -> None:
    archive = tmp_path / "linked.tgz"
    link = tarfile.TarInfo("apim4elastic/templates/passwd.yaml")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(STANDIN_CHART, arcname="apim4elastic")
        tar.addfile(link, io.BytesIO())
    result = run_cli(["render", str(archive), "-f", str(EXAMPLE), "--release", "axway-elk", "--policies-only",
                      "--helm", str(helm.path)], env=helm.env)
    assert result.returncode == 0, result.stderr
    assert "root:" not in result.stdout


@pytest.mark.helm
def test_values_on_standard_input_reach_helm(helm: Helm) -> None:
    result = run_cli(["render", str(STANDIN_CHART), "-f", "-", "--release", "axway-elk", "--policies-only",
                      "--helm", str(helm.path)], env=helm.env, input_text=EXAMPLE.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("kind: NetworkPolicy") == 8


@pytest.mark.parametrize("timeout", ["0", "-1s", "5x", "1d", "", "1h 30m", "5M"])
def test_a_bad_timeout_is_a_usage_error(timeout: str) -> None:
    case = Case(f"--timeout {timeout!r}", ("render", str(STANDIN_CHART), "--timeout", timeout), 2,
                "not a positive duration in Helm's syntax", ("--timeout",))
    check_outcome(case, run_in_process(case))
