"""``file:line:col: severity RULE message``, one finding a line, then a summary line."""

from __future__ import annotations

from aaoi_netpol.lint import LintReport


def render(report: LintReport) -> str:
    lines = [f"{d.file}:{d.line}:{d.col}: {d.severity} {d.rule} {d.message}" for d in report.diagnostics]
    errors = sum(1 for d in report.diagnostics if d.severity.value == "error")
    warnings = len(report.diagnostics) - errors
    files = len(report.targets)
    lines.append(f"{files} file{'s' * (files != 1)} linted: {errors} error{'s' * (errors != 1)}, "
                 f"{warnings} warning{'s' * (warnings != 1)}")
    return "\n".join(lines) + "\n"
