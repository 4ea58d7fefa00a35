"""A JSON document: ``{"version": 1, "findings": [...], "summary": {...}}`` (fields documented in README).

File names and messages are escaped as in every format (one line, no control
character even once decoded); the document itself is ASCII.
"""

from __future__ import annotations

import json

from aaoi_netpol.lint import LintReport
from aaoi_netpol.reporters.safe_text import one_line

FORMAT_VERSION = 1


def render(report: LintReport) -> str:
    findings = [
        {"file": one_line(d.file), "line": d.line, "col": d.col, "rule": one_line(d.rule),
         "severity": d.severity.value, "message": one_line(d.message)}
        for d in report.diagnostics
    ]
    errors = sum(1 for d in report.diagnostics if d.severity.value == "error")
    document = {
        "version": FORMAT_VERSION,
        "findings": findings,
        "inputErrors": [one_line(problem) for problem in report.input_errors],
        "summary": {"files": len(report.targets), "errors": errors, "warnings": len(findings) - errors},
    }
    return json.dumps(document, indent=2) + "\n"
