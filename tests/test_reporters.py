"""The output formats of `lint`, from the real CLI: text (and its colour), json, github, sarif, auto."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from aaoi_netpol import __version__
from aaoi_netpol.reporters import FORMATS
from aaoi_netpol.rules import ALL_RULES
from tests.support import REPO_ROOT, run_cli

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# RFC 3986 URI-reference (jsonschema checks format "uri-reference" only with extra packages installed)
URI_CHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})"
URI_REFERENCE = re.compile(rf"^(?:[A-Za-z][A-Za-z0-9+.\-]*:{URI_CHAR}*|(?:[^:/?#]|%[0-9A-Fa-f]{{2}})"
                           rf"{URI_CHAR}*|/{URI_CHAR}*)$")

TWO_ERRORS = """\
networkPolicy:
  enabled: true
  apiGateways:
    - ipblock: {cidr: 10.20.0.0/16}
  monitoring: []
  monitoring: []
"""
NP001 = "unknown key 'ipblock' in networkPolicy.apiGateways[0]; did you mean 'ipBlock'?"
NP002 = "duplicate key 'monitoring' (first at line 5); Helm keeps this last value silently"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "values.yaml").write_text(TWO_ERRORS, encoding="utf-8")
    return tmp_path


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def run_with_env(args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """Like run_cli, but the environment is ours (run_cli always drops GITHUB_ACTIONS)."""
    return subprocess.run([sys.executable, "-m", "aaoi_netpol", *args], capture_output=True, text=True,
                          cwd=cwd, env=cli_env(**extra), timeout=300)


def run_on_terminal(args: list[str], cwd: Path, **extra: str) -> str:
    """The CLI with stdout on a pseudo-terminal, as in an interactive shell."""
    main, child = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "aaoi_netpol", *args], stdout=child,
                               stderr=subprocess.DEVNULL, cwd=cwd, env=cli_env(**extra))
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=300)
    os.close(main)
    return output.decode().replace("\r\n", "\n")


def test_text_is_the_default_and_plain_when_piped(project: Path) -> None:
    result = run_cli(["lint", "values.yaml"], cwd=project)
    assert result.returncode == 1
    assert result.stdout == (f"values.yaml:4:7: error NP001 {NP001}\nvalues.yaml:6:3: error NP002 {NP002}\n"
                             "1 file linted: 2 errors, 0 warnings\n")
    assert run_cli(["lint", "--format", "text", "values.yaml"], cwd=project).stdout == result.stdout


def test_text_is_coloured_on_a_terminal_unless_no_color(project: Path) -> None:
    coloured = run_on_terminal(["lint", "values.yaml", "--severity", "NP002=warning"], project)
    assert ANSI.search(coloured)
    assert "\x1b[1m\x1b[31merror" in coloured and "\x1b[1m\x1b[33mwarning" in coloured
    assert ANSI.sub("", coloured) == (f"values.yaml:4:7: error NP001 {NP001}\n"
                                      f"values.yaml:6:3: warning NP002 {NP002}\n"
                                      "1 file linted: 1 error, 1 warning\n")
    assert not ANSI.search(run_on_terminal(["lint", "values.yaml"], project, NO_COLOR="1"))
    assert ANSI.search(run_on_terminal(["lint", "values.yaml"], project, NO_COLOR=""))  # empty: not set


def test_json_document_shape(project: Path) -> None:
    result = run_cli(["lint", "--format", "json", "values.yaml"], cwd=project)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert list(document) == ["version", "findings", "inputErrors", "summary"]
    assert document["version"] == 1
    assert document["findings"][0] == {"file": "values.yaml", "line": 4, "col": 7, "rule": "NP001",
                                       "severity": "error", "message": NP001}
    assert document["inputErrors"] == []
    assert document["summary"] == {"files": 1, "errors": 2, "warnings": 0}
    result = run_cli(["lint", "--format", "json", "values.yaml", "missing.yaml"], cwd=project)
    assert result.returncode == 2
    document = json.loads(result.stdout)
    assert len(document["inputErrors"]) == 1 and "missing.yaml" in document["inputErrors"][0]


def test_github_workflow_commands(project: Path) -> None:
    result = run_cli(["lint", "--format", "github", "--severity", "NP002=warning", "values.yaml"], cwd=project)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file=values.yaml,line=4,col=7,title=NP001 schema::{NP001}",
        f"::warning file=values.yaml,line=6,col=3,title=NP002 duplicate-key::{NP002}",
        "1 file linted: 1 error, 1 warning",
    ]


def test_github_escaping(tmp_path: Path) -> None:
    odd = tmp_path / "odd,name:1%.yaml"  # properties escape % , :; the message only %; CR LF are shown as \r \n
    odd.write_text('networkPolicy:\n  enabled: "50%"\n  "a\\r\\nb": 1\n', encoding="utf-8")
    result = run_cli(["lint", "--format", "github", odd.name,
                      "--set-json", 'networkPolicy.egress.enabled="a,b:c"'], cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert "::error title=NP001 schema::<--set-json #1>:1:1: networkPolicy.egress.enabled must be a boolean, " \
           "got string 'a,b:c'" in lines
    assert "::error file=odd%2Cname%3A1%25.yaml,line=2,col=3,title=NP001 schema::networkPolicy.enabled must be a " \
           "boolean, got string '50%25'" in lines
    assert any(line.startswith("::error file=odd%2Cname%3A1%25.yaml,line=3,col=3,title=NP001 schema::"
                               r"unknown key 'a\r\nb' in networkPolicy") for line in lines), lines


def test_github_reports_files_that_could_not_be_linted(project: Path) -> None:
    result = run_cli(["lint", "--format", "github", "missing.yaml"], cwd=project)
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=aaoi-netpol could not lint::")
    assert "missing.yaml" in result.stdout.splitlines()[0]


@pytest.mark.parametrize(("github_actions", "expected"), [("true", "::error file=values.yaml,line=4"),
                                                          ("false", "values.yaml:4:7: error NP001"),
                                                          (None, "values.yaml:4:7: error NP001")])
def test_auto_picks_github_inside_github_actions(project: Path, github_actions: str | None, expected: str) -> None:
    extra = {} if github_actions is None else {"GITHUB_ACTIONS": github_actions}
    result = run_with_env(["lint", "--format", "auto", "values.yaml"], project, **extra)
    assert result.returncode == 1
    assert result.stdout.startswith(expected)


def test_format_option_lists_every_reporter() -> None:
    help_text = run_cli(["lint", "--help"]).stdout
    for name in FORMATS:
        assert name in help_text
    assert set(FORMATS) >= {"text", "json", "github", "sarif", "auto"}


def sarif(cwd: Path, *args: str) -> dict[str, Any]:
    result = run_cli(["lint", "--format", "sarif", *args], cwd=cwd)
    document: dict[str, Any] = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]
    assert errors == []
    for run in document["runs"]:
        for result_ in run["results"]:
            for location in result_["locations"]:
                uri = location.get("physicalLocation", {}).get("artifactLocation", {}).get("uri")
                assert uri is None or URI_REFERENCE.match(uri), uri
    return document


def test_sarif_validates_and_describes_every_rule(project: Path) -> None:
    document = sarif(project, "--severity", "NP002=warning", "values.yaml")
    assert document["version"] == "2.1.0"
    driver = document["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("aaoi-netpol", __version__)
    assert "informationUri" not in driver  # no Project-URL is published: the optional field is left out
    assert [rule["id"] for rule in driver["rules"]] == [rule.id for rule in ALL_RULES]
    for descriptor, rule in zip(driver["rules"], ALL_RULES, strict=True):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"] == (rule.help_text or rule.summary)
        assert descriptor["defaultConfiguration"]["level"] == rule.severity.value
    results = document["runs"][0]["results"]
    assert [(r["ruleId"], r["level"], r["message"]["text"]) for r in results] == [
        ("NP001", "error", NP001), ("NP002", "warning", NP002)]
    assert driver["rules"][results[0]["ruleIndex"]]["id"] == "NP001"
    assert results[0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "values.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 4, "startColumn": 7}}
    assert document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    assert document["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_locations_relative_absolute_and_command_line(project: Path,
                                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    sub = project / "deploy dir"
    sub.mkdir()
    (sub / "values-prod.yaml").write_text(TWO_ERRORS, encoding="utf-8")
    outside = tmp_path_factory.mktemp("elsewhere") / "values.yaml"
    outside.write_text(TWO_ERRORS, encoding="utf-8")
    document = sarif(project, str(sub / "values-prod.yaml"), str(outside),
                     "--set", "networkPolicy.monitoring=x", "--disable", "NP002")
    locations = [r["locations"][0] for r in document["runs"][0]["results"]]
    artifacts = [loc["physicalLocation"]["artifactLocation"] for loc in locations if "physicalLocation" in loc]
    assert {"uri": "deploy%20dir/values-prod.yaml", "uriBaseId": "%SRCROOT%"} in artifacts
    assert {"uri": outside.resolve().as_uri()} in artifacts
    logical = [loc for loc in locations if "logicalLocations" in loc]
    assert logical and logical[0]["logicalLocations"][0]["fullyQualifiedName"] == "<--set #1>"


def test_sarif_records_files_that_could_not_be_linted(project: Path) -> None:
    document = sarif(project, "values.yaml", "missing.yaml")
    invocation = document["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "missing.yaml" in invocation["toolExecutionNotifications"][0]["message"]["text"]
