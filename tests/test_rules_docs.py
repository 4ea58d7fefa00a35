"""Every rule's docstring is its user documentation: required parts, and examples that do what they say.

The docs are printed by `helm netpol rules` and become the README's rule
table, so the examples are linted here through the real CLI: the failing
example must produce its rule, the passing example must lint clean.
"""

from __future__ import annotations

import importlib
import json
import re
import textwrap
from pathlib import Path

import pytest

from aaoi_netpol.rules import ALL_RULES, RULES_BY_ID
from aaoi_netpol.rules.base import Rule
from tests.support import REPO_ROOT, run_cli

SEMANTIC_RULES = [rule for rule in ALL_RULES if rule.check is not None and rule.id >= "NP010"]
_HEAD = re.compile(r"^(NP\d{3}) ([a-z0-9]+(?:-[a-z0-9]+)*): (.+)$")


def literal_block(doc: str, label: str) -> str:
    """The indented block after ``<label>::`` (reST literal block), dedented."""
    match = re.search(rf"^{re.escape(label)}::\n\n((?:(?:    .*)?\n)+)", doc + "\n", re.MULTILINE)
    assert match, f"no '{label}::' literal block"
    return textwrap.dedent(match.group(1)).strip() + "\n"


def module_name(rule: Rule) -> str:
    return f"aaoi_netpol.rules.{rule.id.lower()}_{rule.name.replace('-', '_')}"


def test_ids_are_unique_ordered_and_new_ones_start_at_np010() -> None:
    ids = [rule.id for rule in ALL_RULES]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) == len(RULES_BY_ID)
    assert next(r.id for r in SEMANTIC_RULES) == "NP010"
    assert len(SEMANTIC_RULES) >= 13


@pytest.mark.parametrize("rule", SEMANTIC_RULES, ids=lambda r: r.id)
def test_docstring_has_the_required_parts(rule: Rule) -> None:
    module = importlib.import_module(module_name(rule))
    assert module.RULE is rule, f"{rule.id} must live in {module_name(rule)}"
    assert module.__doc__ and rule.doc.startswith(f"{rule.id} {rule.name}: ")
    head = rule.doc.splitlines()[0]
    assert _HEAD.match(head) and len(head) <= 110, head
    assert rule.summary and not rule.summary.endswith(".")
    body = rule.help_text
    why = body.split("How to fix:")[0].strip()
    assert len(why) > 100, "say what the rule catches and why it matters"
    assert re.search(r"^How to fix: \S", body, re.MULTILINE), "a 'How to fix:' paragraph"
    assert body.index("How to fix:") < body.index("Failing example::") < body.index("Passing example::")
    for label in ("Failing example", "Passing example"):
        assert "networkPolicy:" in literal_block(rule.doc, label)
    assert rule.severity.value in ("error", "warning")
    assert callable(rule.check)


def test_rule_modules_are_all_registered() -> None:
    on_disk = {p.stem for p in (REPO_ROOT / "aaoi_netpol" / "rules").glob("np[0-9][0-9][0-9]_*.py")}
    registered = {module_name(rule).rsplit(".", 1)[1] for rule in ALL_RULES}
    assert on_disk == registered


def test_examples_do_what_they_say(tmp_path: Path) -> None:
    files: dict[str, tuple[Rule, str]] = {}
    for rule in SEMANTIC_RULES:
        for kind, label in (("fail", "Failing example"), ("pass", "Passing example")):
            name = f"{rule.id.lower()}_{kind}.yaml"
            (tmp_path / name).write_text(literal_block(rule.doc, label), encoding="utf-8")
            files[name] = (rule, kind)
    result = run_cli(["lint", "--format", "json", *files], cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    findings: dict[str, list[tuple[str, str]]] = {name: [] for name in files}
    for finding in json.loads(result.stdout)["findings"]:
        findings[finding["file"]].append((finding["rule"], finding["message"]))
    for name, (rule, kind) in files.items():
        rules = {r for r, _ in findings[name]}
        if kind == "fail":
            assert rule.id in rules, f"{rule.id}'s failing example does not fail: {findings[name]}"
            assert not rules & {"NP000", "NP001", "NP002"}, findings[name]
        else:
            assert findings[name] == [], f"{rule.id}'s passing example is not clean: {findings[name]}"
