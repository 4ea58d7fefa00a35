"""One finding per defect: a switch of the wrong type is NP001 alone, never NP001 and NP016 together."""

from __future__ import annotations

from pathlib import Path

import pytest

from aaoi_netpol.lint import LintOptions, lint_paths
from aaoi_netpol.value_flags import ValueFlags


@pytest.mark.parametrize("text", [
    'networkPolicy:\n  enabled: "true"\n',
    'networkPolicy:\n  enabled: "false"\n',
    "networkPolicy:\n  enabled: 1\n",
    "networkPolicy:\n  enabled: ~\n",
    "networkPolicy: true\n",
    "networkPolicy: []\n",
])
def test_a_switch_the_schema_reports_gets_no_np016(tmp_path: Path, text: str) -> None:
    values = tmp_path / "values.yaml"
    values.write_text(text, encoding="utf-8")
    report = lint_paths((values,), LintOptions(ValueFlags()))
    rules = [d.rule for d in report.diagnostics]
    assert "NP001" in rules and "NP016" not in rules, report.diagnostics


def test_a_boolean_false_switch_still_gets_np016(tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text("networkPolicy:\n  enabled: false\n", encoding="utf-8")
    report = lint_paths((values,), LintOptions(ValueFlags()))
    assert [(d.rule, d.line, d.col) for d in report.diagnostics] == [("NP016", 2, 12)]
