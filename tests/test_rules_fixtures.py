"""Semantic rules (NP010 and up) on real YAML fixtures, through the real CLI.

Each fixture under ``tests/fixtures/rules/`` states what it must produce in
comments: ``# expect: NP011 error @15`` on a line means a finding of NP011,
severity error, at that line and column 15 (several per line separated by
``;``). A file must produce exactly the semantic findings it expects, no more,
and no schema or YAML finding: ``npXXX_fail*`` files show a rule firing,
``npXXX_pass*`` files show it staying silent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from aaoi_netpol.rules import ALL_RULES
from tests.support import FIXTURES, run_cli

RULE_FIXTURES = FIXTURES / "rules"
SEMANTIC = frozenset(rule.id for rule in ALL_RULES if rule.check is not None and rule.id >= "NP010")
FIXTURE_FILES = sorted(p.name for p in RULE_FIXTURES.glob("np*.yaml"))
_EXPECT = re.compile(r"#\s*expect:\s*(.*)$")
_ITEM = re.compile(r"(NP\d{3})\s+(error|warning)\s+@(\d+)")

Finding = tuple[int, int, str, str]  # line, col, rule, severity


def expectations(path: Path) -> set[Finding]:
    found: set[Finding] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            for rule, severity, col in _ITEM.findall(match.group(1).split("--")[0]):
                found.add((number, int(col), rule, severity))
    return found


def lint_json(args: list[str], cwd: Path = RULE_FIXTURES) -> tuple[int, dict[str, Any]]:
    result = run_cli(["lint", "--format", "json", *args], cwd=cwd)
    assert result.returncode != 3, result.stderr
    return result.returncode, json.loads(result.stdout)


@pytest.fixture(scope="module")
def findings_by_file() -> dict[str, list[dict[str, Any]]]:
    """One CLI run over every fixture (each file is linted on its own over the chart defaults)."""
    _, document = lint_json(FIXTURE_FILES)
    assert document["inputErrors"] == []
    grouped: dict[str, list[dict[str, Any]]] = {name: [] for name in FIXTURE_FILES}
    for finding in document["findings"]:
        grouped.setdefault(finding["file"], []).append(finding)
    return grouped


def test_fixture_names_follow_the_convention() -> None:
    assert len(FIXTURE_FILES) > 40
    for name in FIXTURE_FILES:
        assert re.match(r"^np0[1-9]\d_(fail|pass)(_[a-z0-9_]+)?\.yaml$", name), name
    covered = {name[:5].upper() for name in FIXTURE_FILES}
    assert covered == SEMANTIC, "every semantic rule needs fixtures"
    for rule in SEMANTIC:
        kinds = {name.removesuffix(".yaml").split("_")[1] for name in FIXTURE_FILES if name.upper().startswith(rule)}
        assert kinds == {"fail", "pass"}, f"{rule} needs a failing and a passing fixture"


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture(name: str, findings_by_file: dict[str, list[dict[str, Any]]]) -> None:
    findings = findings_by_file[name]
    expected = expectations(RULE_FIXTURES / name)
    got = {(f["line"], f["col"], f["rule"], f["severity"]) for f in findings if f["rule"] in SEMANTIC}
    assert got == expected, "\n".join(f"{f['line']}:{f['col']} {f['rule']} {f['message']}" for f in findings)
    assert not [f for f in findings if f["rule"] not in SEMANTIC], "fixtures must be valid YAML and schema"
    rule = name[:5].upper()
    if "_fail" in name:
        assert any(r == rule for _, _, r, _ in expected), f"{name} must expect {rule}"
    else:
        assert all(r != rule for _, _, r, _ in expected), f"{name} must not expect {rule}"


def _messages(findings: list[dict[str, Any]], rule: str) -> list[str]:
    return [f["message"] for f in findings if f["rule"] == rule]


def test_messages_say_what_to_write(findings_by_file: dict[str, list[dict[str, Any]]]) -> None:
    host_bits = _messages(findings_by_file["np011_fail_host_bits.yaml"], "NP011")
    assert any("10.1.0.0/16" in m and "10.1.2.3/32" in m for m in host_bits), host_bits
    assert any("2001:db8::/64" in m for m in host_bits), host_bits
    bare = _messages(findings_by_file["np010_fail_bare_address.yaml"], "NP010")
    assert any("10.1.2.3/32" in m for m in bare), bare
    world = _messages(findings_by_file["np013_fail_world.yaml"], "NP013")
    assert any("0.0.0.0/0" in m and "logstash port 5044" in m for m in world), world
    assert any("apibuilder4elastic port 8443" in m for m in world), world
    extra = _messages(findings_by_file["np013_fail_extra_ingress.yaml"], "NP013")
    assert any("kibana on port 5601/TCP" in m for m in extra), extra
    assert any("elasticsearch on port 9200/TCP" in m for m in extra), extra
    cut = _messages(findings_by_file["np015_fail.yaml"], "NP015")
    assert cut and "elasticsearch" in cut[0] and "kibana" in cut[0], cut
    exposed = _messages(findings_by_file["np016_fail_missing.yaml"], "NP016")
    assert exposed and "NodePort 32002" in exposed[0] and "kibana (Ingress)" in exposed[0], exposed
    hostnames = _messages(findings_by_file["np019_fail_hostnames.yaml"], "NP019")
    assert all("ipBlock" in m for m in hostnames) and any("anm.example.com" in m for m in hostnames)
    namespace = _messages(findings_by_file["np022_fail.yaml"], "NP022")
    assert any("kubernetes.io/metadata.name: monitoring" in m for m in namespace), namespace
    elastic = _messages(findings_by_file["np023_fail_without_ours.yaml"], "NP023")
    assert any("http-client" in m for m in elastic), elastic
    undeclared = _messages(findings_by_file["np026_fail.yaml"], "NP026")
    assert any("declared: http, transport" in m for m in undeclared), undeclared
    operator = _messages(findings_by_file["np027_fail.yaml"], "NP027")
    assert any("did you mean Exists" in m for m in operator), operator
    per_class = _messages(findings_by_file["np013_fail_controller_map.yaml"], "NP013")
    assert per_class and per_class[0].endswith("to elasticsearch port 9200 (http)"), per_class
    unnamed = _messages(findings_by_file["np015_fail_map.yaml"], "NP015")
    assert any("class 'alb', which networkPolicy.ingressController does not name" in m for m in unnamed), unnamed
    assert any("apibuilder4elastic.ingress.className" in m for m in unnamed), unnamed
    conflict = _messages(findings_by_file["np032_fail.yaml"], "NP032")
    assert any("'nginx' (the kibana subchart's default)" in m and 'kibana.ingress.className: ""' in m
               for m in conflict), conflict
    outside = _messages(findings_by_file["np033_fail_map.yaml"], "NP033")
    assert any("class 'gce'" in m and "130.211.0.0/22 and 35.191.0.0/16" in m for m in outside), outside
    assert any("Application Gateway's subnet" in m for m in outside), outside
    instance = _messages(findings_by_file["np033_fail_default.yaml"], "NP033")
    assert instance and "nodes' subnets" in instance[0] and "kibana.service.type must be NodePort" in instance[0]
    misplaced = _messages(findings_by_file["np034_fail.yaml"], "NP034")
    assert all("did you mean the top-level 'networkPolicy'?" in m for m in misplaced) and len(misplaced) == 8
    nearest = _messages(findings_by_file["np016_fail_misplaced.yaml"], "NP016")
    assert nearest and "global.networkPolicy" in nearest[0], nearest


def test_http_alone_also_blocks_transport(findings_by_file: dict[str, list[dict[str, Any]]]) -> None:
    alone = _messages(findings_by_file["np023_fail_http_alone.yaml"], "NP023")
    assert alone and "beside networkPolicy" in alone[0]
    ours_off = findings_by_file["np023_fail_without_ours.yaml"]
    assert not any("9300" in m for m in _messages(ours_off, "NP023")), "transport is on there"


def test_errors_fail_the_run_and_warnings_only_with_strict() -> None:
    code, _ = lint_json(["np011_fail_host_bits.yaml"])
    assert code == 1
    code, document = lint_json(["np028_fail.yaml"])
    assert code == 0 and document["summary"] == {"files": 1, "errors": 0, "warnings": 1}
    result = run_cli(["lint", "--strict", "np028_fail.yaml"], cwd=RULE_FIXTURES)
    assert result.returncode == 1
    assert "np028_fail.yaml:3:18: warning NP028 allowHelmTest opens elasticsearch port 9200" in result.stdout


def test_findings_point_into_the_file_that_set_the_value() -> None:
    layered = RULE_FIXTURES / "layered"
    _, document = lint_json(["-f", "base.yaml", "prod.yaml"], cwd=layered)
    got = {(f["file"], f["line"], f["col"], f["rule"]) for f in document["findings"]}
    assert got == {("base.yaml", 5, 23, "NP011"), ("prod.yaml", 2, 18, "NP028")}


def test_set_flags_reach_the_rules() -> None:
    _, document = lint_json(["--set", "networkPolicy.enabled=true", "--set", "networkPolicy.egress.enabled=true",
                             "--set-json", "networkPolicy.egress.dns=[]", "np016_pass.yaml"])
    rules = {f["rule"] for f in document["findings"]}
    assert rules == {"NP017"}
