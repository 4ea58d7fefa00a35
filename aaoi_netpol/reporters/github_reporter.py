"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=NP0xx name::message``.

One command a finding (``::error`` or ``::warning``), so each shows as an
annotation on the pull request's diff; problems that stopped a file from being
linted become ``::error`` commands without a file; the summary line closes.
Control characters (newlines and ESC included) are first escaped as in every
format, so a GitHub log never receives a raw one; then, as GitHub's toolkit
(``@actions/core``) does, ``%`` is escaped, and also ``:`` and ``,`` in property values.
"""

from __future__ import annotations

from aaoi_netpol.lint import LintReport
from aaoi_netpol.reporters.locations import is_pseudo, relative_path
from aaoi_netpol.reporters.safe_text import one_line
from aaoi_netpol.reporters.text_reporter import summary_line
from aaoi_netpol.rules import RULES_BY_ID


def escape_data(text: str) -> str:
    return one_line(text).replace("%", "%25")  # one_line leaves no \r or \n for the toolkit's %0D, %0A


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def render(report: LintReport) -> str:
    lines: list[str] = []
    for d in report.diagnostics:
        rule = RULES_BY_ID.get(d.rule)
        title = f"{d.rule} {rule.name}" if rule else d.rule
        if is_pseudo(d.file):
            properties = {"title": title}
            message = f"{d.file}:{d.line}:{d.col}: {d.message}"
        else:
            properties = {"file": relative_path(d.file), "line": str(d.line), "col": str(d.col), "title": title}
            message = d.message
        lines.append(command(d.severity.value, properties, message))
    for problem in report.input_errors:
        lines.append(command("error", {"title": "aaoi-netpol could not lint"}, problem))
    lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)
