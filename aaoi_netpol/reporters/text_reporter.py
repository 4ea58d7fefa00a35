"""``file:line:col: severity RULE message``, one finding a line, then a summary line.

Control characters in file names, rules and messages are escaped
(:mod:`aaoi_netpol.reporters.safe_text`), so one finding is always one line.
Coloured only when stdout is a terminal and ``NO_COLOR`` is unset (or empty),
as https://no-color.org asks; the characters are the same either way.
"""

from __future__ import annotations

import os
import sys

from aaoi_netpol.diagnostics import Diagnostic, Severity
from aaoi_netpol.lint import LintReport
from aaoi_netpol.reporters.safe_text import one_line

BOLD, DIM, RED, YELLOW, RESET = "\033[1m", "\033[2m", "\033[31m", "\033[33m", "\033[0m"


def colour_wanted() -> bool:
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def _paint(text: str, *codes: str, colour: bool) -> str:
    return f"{''.join(codes)}{text}{RESET}" if colour else text


def finding_line(d: Diagnostic, colour: bool = False) -> str:
    where = _paint(f"{one_line(d.file)}:{d.line}:{d.col}:", BOLD, colour=colour)
    severity = _paint(str(d.severity), BOLD, RED if d.severity is Severity.ERROR else YELLOW, colour=colour)
    rule = _paint(one_line(d.rule), DIM, colour=colour)
    return f"{where} {severity} {rule} {one_line(d.message)}"


def summary_line(report: LintReport) -> str:
    errors = sum(1 for d in report.diagnostics if d.severity is Severity.ERROR)
    warnings = len(report.diagnostics) - errors
    files = len(report.targets)
    return (f"{files} file{'s' * (files != 1)} linted: {errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)}")


def render(report: LintReport, colour: bool | None = None) -> str:
    use_colour = colour_wanted() if colour is None else colour
    lines = [finding_line(d, use_colour) for d in report.diagnostics]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
