"""Rule configuration as users write it: --disable/--severity, inline comments, .netpol.yaml, pyproject.toml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import CliResult, run_cli

# NP001 at 4:7 (unknown key), NP002 at 6:3 (duplicate key); nothing else fires on it.
TWO_ERRORS = """\
networkPolicy:
  enabled: true
  apiGateways:
    - ipblock: {cidr: 10.20.0.0/16}
  monitoring: []
  monitoring: []
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint_json(cwd: Path, *args: str) -> tuple[CliResult, list[tuple[int, int, str, str]]]:
    result = run_cli(["lint", "--format", "json", *args], cwd=cwd)
    found = json.loads(result.stdout)["findings"] if result.stdout else []
    return result, [(f["line"], f["col"], f["rule"], f["severity"]) for f in found]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / "values.yaml", TWO_ERRORS)
    return tmp_path


def test_without_configuration_both_errors_fail(project: Path) -> None:
    result, found = lint_json(project, "values.yaml")
    assert found == [(4, 7, "NP001", "error"), (6, 3, "NP002", "error")]
    assert result.returncode == 1


def test_disable_on_the_command_line_drops_the_rule(project: Path) -> None:
    result, found = lint_json(project, "--disable", "NP002", "values.yaml")
    assert found == [(4, 7, "NP001", "error")]
    result, found = lint_json(project, "--disable", "NP001,np002", "values.yaml")
    assert (found, result.returncode) == ([], 0)
    result, found = lint_json(project, "--disable", "NP001", "--disable", "NP002", "values.yaml")
    assert (found, result.returncode) == ([], 0)


def test_severity_on_the_command_line_and_strict(project: Path) -> None:
    args = ["--severity", "NP001=warning", "--severity", "NP002=warning", "values.yaml"]
    result, found = lint_json(project, *args)
    assert found == [(4, 7, "NP001", "warning"), (6, 3, "NP002", "warning")]
    assert result.returncode == 0
    assert lint_json(project, "--strict", *args)[0].returncode == 1


@pytest.mark.parametrize(("args", "expected"), [
    (["--disable", "NP999"], "unknown rule ID 'NP999'"),
    (["--severity", "NP998=warning"], "unknown rule ID 'NP998'"),
    (["--severity", "NP001=fatal"], "expected RULE=warning or RULE=error"),
    (["--severity", "NP001"], "expected RULE=warning or RULE=error"),
    (["--disable", "NP000"], "NP000 cannot be disabled"),
    (["--disable", "NP001", "--severity", "NP001=error"], "NP001 is both disabled and given a severity"),
])
def test_bad_rule_options_cannot_run(project: Path, args: list[str], expected: str) -> None:
    result = run_cli(["lint", *args, "values.yaml"], cwd=project)
    assert result.returncode == 2
    assert expected in result.stderr
    assert result.stdout == ""


def test_inline_comment_suppresses_that_line_only(tmp_path: Path) -> None:
    write(tmp_path / "values.yaml", TWO_ERRORS.replace(
        "10.20.0.0/16}", "10.20.0.0/16}  # netpol: disable=NP001").replace(
        "  monitoring: []\n  monitoring: []", "  monitoring: []  # netpol: disable=NP002\n  monitoring: []"))
    _, found = lint_json(tmp_path, "values.yaml")
    assert found == [(6, 3, "NP002", "error")]  # the NP002 comment is on line 5, the finding on line 6
    write(tmp_path / "values.yaml", TWO_ERRORS.replace(
        "  monitoring: []\n  monitoring: []", "  monitoring: []\n  monitoring: []  #netpol: disable = NP010, NP002"))
    _, found = lint_json(tmp_path, "values.yaml")
    assert found == [(4, 7, "NP001", "error")]


def test_inline_comment_in_an_f_file_applies_to_findings_there(tmp_path: Path) -> None:
    write(tmp_path / "values.yaml", "kibana:\n  enabled: true\n")
    write(tmp_path / "base.yaml", 'networkPolicy:\n  enabled: "yes"\n')
    _, found = lint_json(tmp_path, "-f", "base.yaml", "values.yaml")
    assert [f for f in found if f[2] == "NP001"] == [(2, 3, "NP001", "error")]
    write(tmp_path / "base.yaml", 'networkPolicy:\n  enabled: "yes"  # netpol: disable=NP001\n')
    _, found = lint_json(tmp_path, "-f", "base.yaml", "values.yaml")
    assert [f for f in found if f[2] == "NP001"] == []


def test_netpol_yaml_is_found_from_a_parent_directory(project: Path) -> None:
    write(project / ".netpol.yaml", "disable: [NP002]\nseverity:\n  NP001: warning\nstrict: true\n")
    sub = project / "deploy" / "aaoi"
    write(sub / "values.yaml", TWO_ERRORS)
    result, found = lint_json(sub, "values.yaml")
    assert found == [(4, 7, "NP001", "warning")]
    assert result.returncode == 1  # strict: true
    result, _ = lint_json(sub, "--no-strict", "values.yaml")
    assert result.returncode == 0
    result, found = lint_json(sub, "--no-config", "values.yaml")
    assert found == [(4, 7, "NP001", "error"), (6, 3, "NP002", "error")]


def test_command_line_overrides_the_file(project: Path) -> None:
    write(project / ".netpol.yaml", "disable: [NP002]\nseverity: {NP001: warning}\nformat: github\n")
    result = run_cli(["lint", "values.yaml"], cwd=project)
    assert result.stdout.startswith("::warning file=values.yaml,line=4,col=7,title=NP001 schema::")
    result, found = lint_json(project, "--severity", "NP001=error", "--severity", "NP002=warning", "values.yaml")
    assert found == [(4, 7, "NP001", "error"), (6, 3, "NP002", "warning")]  # --severity re-enables NP002
    result, found = lint_json(project, "--disable", "NP001", "values.yaml")
    assert (found, result.returncode) == ([], 0)


def test_pyproject_tool_table(project: Path) -> None:
    write(project / "pyproject.toml", '[project]\nname = "deploy"\n\n[tool.aaoi-netpol]\ndisable = ["NP001"]\n\n'
          '[tool.aaoi-netpol.severity]\nNP002 = "warning"\n')
    result, found = lint_json(project, "values.yaml")
    assert (found, result.returncode) == ([(6, 3, "NP002", "warning")], 0)
    write(project / ".netpol.yaml", "disable: [NP002]\n")  # beside it, .netpol.yaml wins
    result, found = lint_json(project, "values.yaml")
    assert found == [(4, 7, "NP001", "error")]


def test_pyproject_without_the_table_is_passed_over(project: Path) -> None:
    write(project / ".netpol.yaml", "disable: [NP001, NP002]\n")
    sub = project / "svc"
    write(sub / "pyproject.toml", '[project]\nname = "svc"\n')
    write(sub / "values.yaml", TWO_ERRORS)
    assert lint_json(sub, "values.yaml")[1] == []


def test_explicit_config_file(project: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    elsewhere = write(tmp_path_factory.mktemp("conf") / "netpol.yaml", "disable: [NP001]\n")
    result, found = lint_json(project, "--config", str(elsewhere), "values.yaml")
    assert found == [(6, 3, "NP002", "error")]
    result = run_cli(["lint", "--config", "missing.yaml", "values.yaml"], cwd=project)
    assert result.returncode == 2
    assert "missing.yaml: cannot read config file" in result.stderr


def test_invalid_yaml_config_reports_every_problem_at_its_place(project: Path) -> None:
    write(project / ".netpol.yaml", "disable: [NP002, NP999]\nseverity:\n  NP001: warn\n  NP000: warning\n"
          "strict: maybe\nformat: xml\ncolour: true\n")
    result = run_cli(["lint", "values.yaml"], cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        ".netpol.yaml:1:18: error: unknown rule ID 'NP999' (`rules` lists the known ones)",
        ".netpol.yaml:3:10: error: severity of NP001 must be warning or error, got 'warn'",
        ".netpol.yaml:4:3: error: NP000 cannot be downgraded: Helm cannot read such a file",
        ".netpol.yaml:5:9: error: strict must be true or false, got 'maybe'",
        ".netpol.yaml:6:9: error: unknown format 'xml' (allowed: text, json, github, sarif, auto)",
        ".netpol.yaml:7:1: error: unknown key 'colour' (allowed: disable, severity, strict, format)",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("disable: NP001\n", ".netpol.yaml:1:10: error: disable must be a list of rule IDs"),
    ("severity: [NP001]\n", ".netpol.yaml:1:11: error: severity must be a mapping"),
    ("disable: [NP001\n", ".netpol.yaml:2:1: error: YAML syntax error"),
    ("disable: []\ndisable: [NP001]\n", ".netpol.yaml:2:1: error: duplicate key 'disable'"),
    ("- NP001\n", ".netpol.yaml:1:1: a values file must be a mapping"),
])
def test_malformed_yaml_config(project: Path, text: str, expected: str) -> None:
    write(project / ".netpol.yaml", text)
    result = run_cli(["lint", "values.yaml"], cwd=project)
    assert result.returncode == 2
    assert expected in result.stderr


def test_invalid_pyproject_config_is_located(project: Path) -> None:
    write(project / "pyproject.toml", '[project]\nname = "deploy"\n\n[tool.aaoi-netpol]\ndisable = ["NP002"]\n'
          'formats = "json"\n\n[tool.aaoi-netpol.severity]\nNP001 = "warning"\nNP998 = "error"\n')
    result = run_cli(["lint", "values.yaml"], cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "pyproject.toml:6:1: error: unknown key 'formats' (allowed: disable, severity, strict, format)",
        result.stderr.splitlines()[1],
    ]
    assert result.stderr.splitlines()[1].startswith("pyproject.toml:10:1: error: unknown rule ID 'NP998'")
    write(project / "pyproject.toml", '[tool.aaoi-netpol]\ndisable = ["NP002"\n')
    result = run_cli(["lint", "values.yaml"], cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("pyproject.toml:")
    assert "invalid TOML" in result.stderr


OPEN_TO_CLUSTER = """\
networkPolicy:
  enabled: true
  monitoring:
    - namespaceSelector: {}   # netpol: disable=NP013
"""


def test_locked_rules_cannot_be_disabled_or_downgraded(tmp_path: Path) -> None:
    """Fail closed: whole-cluster openings, blocked required flows and selector-less policies always report."""
    values = tmp_path / "values.yaml"
    values.write_text(OPEN_TO_CLUSTER, encoding="utf-8")
    inline = run_cli(["lint", "--no-config", "--format", "json", str(values)], cwd=tmp_path)
    assert [(f["rule"], f["line"]) for f in json.loads(inline.stdout)["findings"]] == [("NP013", 4)]
    for flag in (["--disable", "NP013"], ["--disable", "NP016,NP010"], ["--severity", "NP015=warning"],
                 ["--severity", "NP900=warning"], ["--disable", "NP018"]):
        refused = run_cli(["lint", "--no-config", *flag, str(values)], cwd=tmp_path)
        assert refused.returncode == 2, flag
        assert "cannot be" in refused.stderr and "Traceback" not in refused.stderr
    config = tmp_path / ".netpol.yaml"
    config.write_text("disable: [NP014]\n", encoding="utf-8")
    from_file = run_cli(["lint", str(values)], cwd=tmp_path)
    assert from_file.returncode == 2
    assert from_file.stderr.startswith(".netpol.yaml:1:11: error: NP014 cannot be disabled")
    stricter = run_cli(["lint", "--no-config", "--severity", "NP013=error", "--format", "json", str(values)],
                       cwd=tmp_path)
    assert stricter.returncode == 1
    assert json.loads(stricter.stdout)["findings"][0]["severity"] == "error"


def test_locked_rules_are_marked_in_the_rules_listing() -> None:
    listing = json.loads(run_cli(["rules", "--format", "json"]).stdout)["rules"]
    locked = {rule["id"] for rule in listing if rule["locked"]}
    assert locked == {"NP000", "NP013", "NP014", "NP015", "NP016", "NP017", "NP018", "NP033", "NP050", "NP900",
                      "NP901", "NP902", "NP903"}
