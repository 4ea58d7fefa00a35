"""`lint --fix` on real files: each certain fix is the exact byte change on its line, nothing else moves."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.authoring_support import changed_lines, cli, copy_fixture

FIXABLE = "fixable-values.yaml"

# line -> the line as --fix writes it (every other byte of the file stays)
EXPECTED = {
    8: b'    enabled: true          # quoted: Helm ignores the condition (lint --fix unquotes it)\n',  # NP030
    13: b"  ingress: {enabled: true, hosts: [{host: kibana.staging.example.com, paths: [{path: /}]}]}\n",  # NP030
    16: b"  enabled: true   # the overlay accepts the string, the schema does not\n",  # NP001 quoted boolean
    17: b"  allowHelmTest: false\n",  # NP001 quoted boolean
    18: b"  egress: { enabled: false }\n",  # NP001 quoted boolean, in a flow mapping with its spaces
    22: b"  - ipBlock: {cidr: 10.20.30.0/24}      # host bits: means 10.20.30.0/24\n",  # NP011 plain, flow
    23: b"  - podSelector:\n",  # NP001 misspelt key, one match by letters
    28: b"    - namespaceSelector:    # typo with one close match\n",  # NP001 misspelt key, one close match
    32: b'        cidr: "192.168.7.0/24"\n',  # NP011 double-quoted stays double-quoted
}


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_each_certain_fix_changes_exactly_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   newline: bytes) -> None:
    values = copy_fixture(FIXABLE, tmp_path, newline)
    before = values.read_bytes()
    code, out, err = cli(capsys, "lint", "--fix", values)
    after = values.read_bytes()
    assert changed_lines(before, after) == {n: line.replace(b"\n", newline) for n, line in EXPECTED.items()}
    assert after.count(b"\r\n") == before.count(b"\r\n")
    fixed = [line for line in err.splitlines() if ": fixed " in line]
    assert len(fixed) == len(EXPECTED)
    assert f"{values}:22:21: fixed NP011: networkPolicy.adminNodeManagers[0].ipBlock.cidr: '10.20.30.41/24' -> " \
           "10.20.30.0/24" in fixed
    assert f"{values}:23:5: fixed NP001: key 'podselector' -> 'podSelector' in networkPolicy.adminNodeManagers[1]" \
        in fixed
    # the anchored value is shared by an alias: reported, not changed
    assert f"{values}:3:13: not fixed NP011: networkPolicy.apiGateways[0].ipBlock.cidr: '10.30.1.0/16' -> " \
           "10.30.0.0/16: the value is shared through the anchor &gateway-net" in err
    # what remains is reported as usual: the anchored host-bits CIDR is still an error
    assert code == 1
    assert "NP011" in out and "NP001" not in out and "NP030" not in out


def test_diff_previews_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = copy_fixture(FIXABLE, tmp_path)
    before, mtime = values.read_bytes(), values.stat().st_mtime_ns
    code, out, err = cli(capsys, "lint", "--fix", "--diff", values)
    assert values.read_bytes() == before and values.stat().st_mtime_ns == mtime
    assert out.startswith(f"--- a/{values}\n+++ b/{values}\n")
    assert "\n-  allowHelmTest: 'false'\n" in out and "\n+  allowHelmTest: false\n" in out
    assert err.count(": would fix ") == len(EXPECTED)
    # then the report of what would remain after the fixes: only the anchored CIDR's error
    report = [line for line in out.splitlines() if line.startswith(f"{values}:")]
    assert [line.split()[2] for line in report if " error " in line] == ["NP011"]
    assert code == 1 and out.endswith("1 file linted: 1 error, 1 warning\n")  # no NP021 on the CIDR NP011 reports


def test_the_value_is_fixed_in_the_file_of_the_stack_it_came_from(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "base.yaml"
    base.write_text("networkPolicy:\n  enabled: true\n  monitoring:\n    - ipBlock: {cidr: 10.9.8.7/8}  # base\n",
                    encoding="utf-8")
    top = tmp_path / "prod.yaml"
    top.write_text("# prod overrides\nkibana:\n  enabled: 'false'\n", encoding="utf-8")
    top_before = top.read_bytes()
    _, _, err = cli(capsys, "lint", "--fix", "-f", base, top, "--set", "networkPolicy.allowHelmTest=true")
    assert base.read_text(encoding="utf-8").splitlines()[3] == "    - ipBlock: {cidr: 10.0.0.0/8}  # base"
    assert changed_lines(top_before, top.read_bytes()) == {3: b"  enabled: false\n"}
    assert f"{base}:4:23: fixed NP011" in err and f"{top}:3:12: fixed NP030" in err


def test_a_command_line_value_is_reported_as_not_fixable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("networkPolicy:\n  enabled: true\n", encoding="utf-8")
    before = values.read_bytes()
    code, _, err = cli(capsys, "lint", "--fix", values, "--set-string", "kibana.enabled=true",
                       "--set", "networkPolicy.monitoring[0].ipBlock.cidr=10.1.2.3/16")
    assert values.read_bytes() == before
    assert "<--set-string #1>:1:1: not fixed NP030: kibana.enabled: 'true' -> true: the value comes from a " \
           "command-line value (--set*), which --fix does not change" in err
    assert "<--set #1>:1:1: not fixed NP011" in err
    assert code == 1


def test_a_file_with_a_syntax_error_is_never_touched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("networkPolicy:\n  enabled: 'true'\n  monitoring: [\n", encoding="utf-8")
    before = values.read_bytes()
    code, out, _ = cli(capsys, "lint", "--fix", values)
    assert values.read_bytes() == before
    assert code == 1 and "NP000" in out


def test_disabled_and_inline_suppressed_findings_are_not_fixed(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("networkPolicy:\n  enabled: true\n  monitoring:\n"
                      "    - ipBlock: {cidr: 10.1.2.3/16}\n"
                      "    - ipBlock: {cidr: 10.5.6.7/16}   # netpol: disable=NP011\n", encoding="utf-8")
    before = values.read_bytes()
    code, _, _ = cli(capsys, "lint", "--no-config", "--fix", "--disable", "NP011", values)
    assert values.read_bytes() == before and code == 0
    cli(capsys, "lint", "--no-config", "--fix", values)
    assert changed_lines(before, values.read_bytes()) == {4: b"    - ipBlock: {cidr: 10.1.0.0/16}\n"}


def test_ambiguous_or_colliding_keys_are_not_renamed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("networkPolicy:\n  enabled: true\n  monitoring:\n"
                      "    - podSelector: {matchLabels: {app: a}}\n      podselector: {matchLabels: {app: b}}\n"
                      "  egres: {enabled: true}\n  egress: {enabled: false}\n", encoding="utf-8")
    before = values.read_bytes()
    code, out, err = cli(capsys, "lint", "--fix", values)
    assert values.read_bytes() == before
    assert code == 1 and "unknown key 'podselector'" in out and "unknown key 'egres'" in out
    assert "fixed" not in err


def test_the_rewritten_file_keeps_its_mode_and_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("networkPolicy:\n  enabled: 'true'\n", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "values.yaml"
    link.symlink_to(real)
    code, _, _ = cli(capsys, "lint", "--fix", link)
    assert code == 0 and link.is_symlink()
    assert real.read_text(encoding="utf-8") == "networkPolicy:\n  enabled: true\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real.yaml", "values.yaml"]  # no temporary file left


def test_diff_needs_fix_and_no_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("networkPolicy:\n  enabled: true\n", encoding="utf-8")
    assert cli(capsys, "lint", "--diff", values)[0] == 2
    assert cli(capsys, "lint", "--fix", "--diff", "--chart", tmp_path, values)[0] == 2
