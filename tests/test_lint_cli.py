"""`lint` as a user runs it: locations across layers, exit codes, bad input without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import EXAMPLE_VALUES, run_cli


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def findings(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = run_cli(["lint", "--format", "json", *args])
    return result.returncode, json.loads(result.stdout)["findings"] if result.stdout else [], result.stderr


def test_the_aaoi_example_values_lint_without_errors() -> None:
    result = run_cli(["lint", str(EXAMPLE_VALUES)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 file linted: 0 errors" in result.stdout


def test_schema_error_is_reported_at_the_offending_key(tmp_path: Path) -> None:
    values = write(tmp_path / "v.yaml", "kibana:\n  enabled: true\nnetworkPolicy:\n  enabled: true\n"
                   "  apiGateways:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n        excep: []\n")
    result = run_cli(["lint", str(values)])
    assert result.returncode == 1
    assert f"{values}:8:9: error NP001 unknown key 'excep' in networkPolicy.apiGateways[0].ipBlock; " \
           "did you mean 'except'?" in result.stdout


def test_wrong_type_is_reported_at_the_key(tmp_path: Path) -> None:
    values = write(tmp_path / "v.yaml", "networkPolicy:\n  enabled: \"yes\"\n")
    code, found, _ = findings(str(values))
    assert code == 1
    assert [(f["line"], f["col"], f["rule"]) for f in found if f["rule"] == "NP001"] == [(2, 3, "NP001")]
    assert "must be a boolean, got string 'yes'" in str(found)


def test_yaml11_booleans_are_booleans_as_in_helm(tmp_path: Path) -> None:
    for spelling in ("yes", "on", "y", "Y", "ON", "true"):
        values = write(tmp_path / f"{spelling}.yaml", f"networkPolicy:\n  enabled: {spelling}\n"
                       "  egress:\n    enabled: off\n")
        _code, found, _ = findings(str(values))
        assert not [f for f in found if f["rule"] in ("NP000", "NP001")], (spelling, found)


def test_layered_files_locate_each_value_in_the_file_it_came_from(tmp_path: Path) -> None:
    base = write(tmp_path / "base.yaml", "networkPolicy:\n  enabled: true\n  monitoring:\n"
                 "    - podselector: {}\n  apiGateways:\n    - ipBlock: {cidr: 10.0.0.0/8}\n")
    override = write(tmp_path / "prod.yaml", "networkPolicy:\n  apiGateways:\n    - ipBlock: {cidr: 10.0.0.0/8}\n"
                     "      namespaceSelector: {}\n")
    code, found, _ = findings("-f", str(base), "-f", str(override))
    schema = sorted((str(f["file"]), f["line"]) for f in found if f["rule"] == "NP001")
    assert code == 1
    assert schema == [(str(base), 4), (str(override), 3)]


def test_each_positional_file_is_layered_over_the_f_stack(tmp_path: Path) -> None:
    common = write(tmp_path / "common.yaml", "networkPolicy:\n  enabled: true\n")
    good = write(tmp_path / "good.yaml", "networkPolicy:\n  monitoring: []\n")
    bad = write(tmp_path / "bad.yaml", "networkPolicy:\n  monitoring: {}\n")
    code, found, _ = findings("-f", str(common), str(good), str(bad))
    assert code == 1
    assert {(f["file"], f["line"]) for f in found if f["rule"] == "NP001"} == {(str(bad), 2)}


def test_set_flags_are_located_on_the_command_line(tmp_path: Path) -> None:
    values = write(tmp_path / "v.yaml", "networkPolicy:\n  enabled: true\n")
    code, found, _ = findings(str(values), "--set", "kibana.enabled=true,networkPolicy.enabled=maybe")
    assert code == 1
    assert [(f["file"], f["line"], f["col"]) for f in found if f["rule"] == "NP001"] == [("<--set #1>", 1, 21)]
    code, found, _ = findings(str(values), "--set-string", "networkPolicy.enabled=true")
    assert code == 1 and any(f["file"] == "<--set-string #1>" for f in found)
    code, found, _ = findings(str(values), "--set-json", 'networkPolicy.monitoring=[{"ipBlock":{"cidr":"10.0.0.0/8"}}]')
    assert not [f for f in found if f["rule"] == "NP001"]


def test_null_in_a_later_file_deletes_a_chart_default(tmp_path: Path) -> None:
    values = write(tmp_path / "v.yaml", "networkPolicy:\n  enabled: true\nelasticsearch:\n  ingress: null\n")
    _code, found, _ = findings(str(values), "--set", "kibana=null")
    assert not [f for f in found if f["rule"] == "NP001"], found
    from aaoi_netpol.lint import layer_stack
    from aaoi_netpol.value_flags import ValueFlags

    layered = layer_stack(ValueFlags((values,), set_values=("kibana=null",)))
    assert "ingress" not in layered.values["elasticsearch"] and "kibana" not in layered.values
    assert layered.values["elasticsearch"]["replicas"] == 3


def test_syntax_error_is_a_located_finding(tmp_path: Path) -> None:
    values = write(tmp_path / "v.yaml", "networkPolicy:\n  enabled: true\n  apiGateways: [\n    {ipBlock: x}\n")
    code, found, _ = findings(str(values))
    assert code == 1
    assert [(f["rule"], f["line"]) for f in found] == [("NP000", 5)]
    assert "YAML syntax error" in str(found[0]["message"])


def test_bad_indentation_is_a_located_finding(tmp_path: Path) -> None:
    values = write(tmp_path / "v.yaml", "networkPolicy:\n  enabled: true\n   monitoring: []\n")
    code, found, _ = findings(str(values))
    assert code == 1 and found[0]["rule"] == "NP000" and found[0]["line"] == 3


def test_duplicate_key_is_an_error_at_the_second_occurrence(tmp_path: Path) -> None:
    values = write(tmp_path / "v.yaml", "networkPolicy:\n  enabled: false\n  monitoring: []\n  enabled: true\n")
    code, found, _ = findings(str(values))
    duplicates = [f for f in found if f["rule"] == "NP002"]
    assert code == 1
    assert [(f["line"], f["col"], f["severity"]) for f in duplicates] == [(4, 3, "error")]
    assert "first at line 2" in str(duplicates[0]["message"])


def test_missing_file_and_directory_exit_2_after_linting_the_others(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", "networkPolicy:\n  enabled: 3\n")
    result = run_cli(["lint", str(tmp_path / "missing.yaml"), str(bad), str(tmp_path)])
    assert result.returncode == 2
    assert f"{bad}:2:3: error NP001" in result.stdout
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'missing.yaml'}: no such file",
                                          f"error: {tmp_path}: is a directory, not a values file"]


def test_a_document_that_is_not_a_mapping_exits_2_with_its_location(tmp_path: Path) -> None:
    listing = write(tmp_path / "list.yaml", "# a comment\n- a\n- b\n")
    result = run_cli(["lint", str(listing)])
    assert result.returncode == 2
    expected = f"error: {listing}:2:1: a values file must be a mapping of keys, this document is a list"
    assert result.stderr.strip() == expected


def test_binary_and_non_utf8_input_exit_2_without_traceback(tmp_path: Path) -> None:
    blob = tmp_path / "blob.yaml"
    blob.write_bytes(b"\xff\xfe\x00garbage\x80")
    result = run_cli(["lint", str(blob)])
    assert result.returncode == 2 and "not UTF-8" in result.stderr


def test_control_characters_are_a_located_finding(tmp_path: Path) -> None:
    values = write(tmp_path / "v.yaml", "networkPolicy:\n  enabled: tr\x07ue\n")
    code, found, _ = findings(str(values))
    assert code == 1 and found[0]["rule"] == "NP000" and found[0]["line"] == 2


def test_empty_and_comment_only_files_are_clean(tmp_path: Path) -> None:
    for text in ("", "# nothing here\n", "---\n", "~\n"):
        result = run_cli(["lint", str(write(tmp_path / "v.yaml", text))])
        assert result.returncode == 0, (text, result.stdout, result.stderr)


def test_only_the_first_document_counts_as_in_helm(tmp_path: Path) -> None:
    values = write(tmp_path / "v.yaml", "networkPolicy:\n  enabled: true\n---\nnetworkPolicy:\n  enabled: 7\n")
    _code, found, _ = findings(str(values))
    assert not [f for f in found if f["rule"] == "NP001"]


def test_usage_errors_exit_2() -> None:
    assert run_cli(["lint"]).returncode == 2
    assert run_cli(["lint", "--format", "nope", "x.yaml"]).returncode == 2
    result = run_cli(["lint", "--set", "networkPolicy.enabled", "x.yaml"])
    assert result.returncode == 2
    assert "--set 'networkPolicy.enabled': key 'networkPolicy.enabled' has no value" in result.stderr


def test_chart_option_layers_over_that_charts_values(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    chart.mkdir()
    write(chart / "Chart.yaml", "apiVersion: v2\nname: apim4elastic\nversion: 4.5.0\n")
    write(chart / "values.yaml", "networkPolicy:\n  monitoring: notalist\n")
    values = write(tmp_path / "v.yaml", "kibana: {}\n")
    _code, found, _ = findings("--chart", str(chart), str(values))
    assert [(f["file"], f["line"]) for f in found if f["rule"] == "NP001"] == [(str(chart / "values.yaml"), 2)]
    assert run_cli(["lint", "--chart", str(tmp_path / "nochart"), str(values)]).returncode == 2


def test_json_output_shape_is_stable(tmp_path: Path) -> None:
    values = write(tmp_path / "v.yaml", "networkPolicy:\n  enabled: 1\n")
    document = json.loads(run_cli(["lint", "--format", "json", str(values)]).stdout)
    assert set(document) == {"version", "findings", "inputErrors", "summary"}
    assert set(document["findings"][0]) == {"file", "line", "col", "rule", "severity", "message"}
    assert document["summary"]["files"] == 1
