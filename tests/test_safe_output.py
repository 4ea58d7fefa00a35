"""Hostile keys, values and file names through the real CLI: no raw control character and no forged line
reaches stdout or stderr, in any format (text, json, github, sarif, and the rules' text, markdown, json)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.input_guard import guarding_arguments
from tests.support import REPO_ROOT, STANDIN_CHART, Helm

# C0 but newline, DEL, C1, bidi embeddings/overrides/isolates/marks, line and paragraph separators, surrogates
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
FORGED = "fake.yaml:1:1: error NP001 forged"
# YAML double-quoted escapes: the parsed key holds a newline, ESC sequences, C1 NEL, DEL, bidi and separators
HOSTILE_KEY = r'"x\n' + FORGED + r'\e[2J\e]0;title\a\x85\x7f\u202Egnp.exe\u2066\u2069\L\P\r\t"'
VALUES = f"networkPolicy:\n  enabled: true\n  {HOSTILE_KEY}: 1\n  monitoring:\n    - {HOSTILE_KEY}: {{}}\n"
HOSTILE_NAME = f"v\n{FORGED}\x1b[31m\u202e\x85.yaml"
FORMATS = ("text", "json", "github", "sarif")


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """The CLI in a subprocess; output decoded as UTF-8, strictly (invalid bytes would fail the test)."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("GITHUB_ACTIONS", None)
    with guarding_arguments(args, cwd):
        result = subprocess.run([sys.executable, "-m", "aaoi_netpol", *args], capture_output=True, cwd=cwd,
                                env=env, timeout=300)
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr
    return result.returncode, stdout, stderr


def assert_safe(*texts: str) -> None:
    for text in texts:
        assert not RAW_CONTROL.search(text), RAW_CONTROL.findall(text)
        assert not any(line.startswith(("fake.yaml", "::error file=fake.yaml")) for line in text.splitlines())


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    (tmp_path / "values.yaml").write_text(VALUES, encoding="utf-8")
    (tmp_path / HOSTILE_NAME).write_text("networkPolicy:\n  enabled: maybe\n", encoding="utf-8")
    (tmp_path / os.fsdecode(b"bad\xffname.yaml")).write_text("networkPolicy:\n  enabled: 1\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("output_format", FORMATS)
def test_lint_escapes_keys_file_names_and_messages(hostile: Path, output_format: str) -> None:
    names = ["values.yaml", HOSTILE_NAME, os.fsdecode(b"bad\xffname.yaml"), f"missing\n{FORGED}\x1b.yaml"]
    code, stdout, stderr = run(["lint", "--format", output_format, *names], hostile)
    assert code == 2  # the missing file: an input error, after the other three files were linted
    assert_safe(stdout, stderr)
    if output_format == "text":
        assert r"unknown key 'x\nfake.yaml:1:1: error NP001 forged\u001b[2J\u001b]0;title\u0007\u0085\u007f" \
               r"\u202egnp.exe\u2066\u2069\u2028\u2029\r\t'" in stdout
        assert r"v\nfake.yaml:1:1: error NP001 forged\u001b[31m\u202e\u0085.yaml:2:3: error NP001" in stdout
        assert r"bad\xffname.yaml:2:3: error NP001" in stdout
        assert stdout.endswith("3 files linted: 4 errors, 0 warnings\n")  # no NP016 on top of NP001
        assert stderr.count("\n") == 1 and r"missing\nfake.yaml:1:1: error NP001 forged\u001b.yaml" in stderr
    if output_format in ("json", "sarif"):
        json.loads(stdout)
        assert stdout.isascii()
    if output_format == "json":
        files = {finding["file"] for finding in json.loads(stdout)["findings"]}
        assert files == {"values.yaml", r"bad\xffname.yaml", r"v\nfake.yaml:1:1: error NP001 forged\u001b[31m"
                                                             r"\u202e\u0085.yaml"}
    if output_format == "sarif":
        uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for result in json.loads(stdout)["runs"][0]["results"]}
        assert uris == {"values.yaml", "bad%FFname.yaml",
                        "v%0Afake.yaml%3A1%3A1%3A%20error%20NP001%20forged%1B%5B31m%E2%80%AE%C2%85.yaml"}
    if output_format == "github":
        assert all(line.startswith("::") or line.startswith("3 files linted") for line in stdout.splitlines())


def test_render_escapes_findings_and_input_errors(hostile: Path) -> None:
    code, stdout, stderr = run(["render", str(STANDIN_CHART), "-f", "values.yaml", "--helm", "/nonexistent/helm"],
                               hostile)
    assert code == 1 and stdout == ""  # the lint decides first: error findings, helm never needed
    assert_safe(stderr)
    assert r"unknown key 'x\nfake.yaml:1:1:" in stderr
    code, _, stderr = run(["render", str(STANDIN_CHART), "-f", HOSTILE_NAME.replace(".yaml", "-gone.yaml")], hostile)
    assert code == 2 and stderr.count("\n") <= 2
    assert_safe(stderr)


def test_helm_stderr_is_escaped(helm: Helm, tmp_path: Path) -> None:
    chart = tmp_path / "failing"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: apim4elastic\nversion: 4.5.0\n", encoding="utf-8")
    (chart / "values.yaml").write_text('message: "boom\\e[2J\\u202Eevil\\n' + FORGED + '"\n', encoding="utf-8")
    (chart / "templates" / "fail.yaml").write_text("{{ fail .Values.message }}\n", encoding="utf-8")
    code, stdout, stderr = run(["--debug", "render", str(chart), "--helm", str(helm.path)], tmp_path)
    assert code == 2 and stdout == ""
    assert_safe(stderr)
    assert r"boom\u001b[2J\u202eevil" in stderr
    assert f"helm: {FORGED}" in stderr.splitlines()  # Helm's lines are marked: none passes for a finding


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_rules_listing_is_safe(tmp_path: Path, output_format: str) -> None:
    code, stdout, stderr = run(["rules", "--format", output_format], tmp_path)
    assert code == 0
    assert_safe(stdout, stderr)


def test_usage_errors_escape_the_arguments(tmp_path: Path) -> None:
    code, _, stderr = run(["lint", "--format", "x\x1b[2J\u202e", "values.yaml"], tmp_path)
    assert code == 2
    assert_safe(stderr)
    assert "is not one of 'text'" in stderr
