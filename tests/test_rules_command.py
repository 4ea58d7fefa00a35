"""`rules` in its three formats, and the README's rules table kept in step with the registry."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aaoi_netpol.rules import ALL_RULES
from aaoi_netpol.rules_doc import markdown_table
from tests.support import REPO_ROOT, run_cli

TOOL = REPO_ROOT / "tools" / "update_readme_rules.py"
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), *args], capture_output=True, text=True, timeout=120)


def test_text_lists_every_rule_with_its_docs() -> None:
    result = run_cli(["rules"])
    assert result.returncode == 0
    for rule in ALL_RULES:
        if rule.locked:
            assert f"{rule.id} {rule.name} [{rule.severity}, locked]: {rule.summary}. Locked: it cannot be " \
                   f"disabled or downgraded, because {rule.locked}.\n" in result.stdout
        else:
            assert f"{rule.id} {rule.name} [{rule.severity}]: {rule.summary}\n" in result.stdout
        for line in rule.help_text.splitlines():
            assert line.strip() in result.stdout
    ids = [line.split()[0] for line in result.stdout.splitlines() if line[:2] == "NP"]
    assert ids == sorted(rule.id for rule in ALL_RULES)
    assert run_cli(["rules", "--format", "text"]).stdout == result.stdout


def test_json_lists_every_rule() -> None:
    result = run_cli(["rules", "--format", "json"])
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert document["version"] == 1
    by_id = {record["id"]: record for record in document["rules"]}
    assert sorted(by_id) == sorted(rule.id for rule in ALL_RULES)
    for rule in ALL_RULES:
        record = by_id[rule.id]
        assert (record["name"], record["severity"], record["summary"]) == (rule.name, rule.severity.value,
                                                                           rule.summary)
        assert record["help"] == rule.help_text and record["doc"] == rule.doc
        assert record["locked"] == rule.locked
        assert record["description"]


def test_markdown_starts_with_the_table_then_each_rule() -> None:
    result = run_cli(["rules", "--format", "markdown"])
    assert result.returncode == 0
    table = markdown_table()
    assert result.stdout.startswith("# aaoi-netpol rules\n\n" + table)
    rows = [line for line in table.splitlines()[2:]]
    assert len(rows) == len(ALL_RULES)
    for rule in ALL_RULES:
        locked = " (locked)" if rule.locked else ""
        assert f"| {rule.id} | {rule.name} | {rule.severity}{locked} |" in table
        assert f"\n## {rule.id} {rule.name}\n" in result.stdout
    assert "::\n" not in result.stdout  # literal blocks became fenced blocks
    assert "```yaml\n" in result.stdout


def test_readme_rules_table_matches_the_registry() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert START in readme and END in readme
    block = readme.split(START, 1)[1].split(END, 1)[0]
    assert block.strip() == markdown_table().strip(), \
        "README's rules table is out of date: run `python tools/update_readme_rules.py`"
    result = run_tool("--check")
    assert result.returncode == 0, result.stderr


def test_update_tool_rewrites_only_the_block(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\nbefore\n\n{START}\n| stale |\n{END}\n\nafter\n", encoding="utf-8")
    assert run_tool("--check", "--readme", str(readme)).returncode == 1
    result = run_tool("--readme", str(readme))
    assert result.returncode == 0, result.stderr
    assert readme.read_text(encoding="utf-8") == f"# x\n\nbefore\n\n{START}\n{markdown_table()}{END}\n\nafter\n"
    assert run_tool("--check", "--readme", str(readme)).returncode == 0


@pytest.mark.parametrize("text", ["# no markers\n", f"{END}\n{START}\n"])
def test_update_tool_needs_the_markers(tmp_path: Path, text: str) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(text, encoding="utf-8")
    result = run_tool("--readme", str(readme))
    assert result.returncode == 2
    assert "rules-table:start" in result.stderr
    assert readme.read_text(encoding="utf-8") == text
