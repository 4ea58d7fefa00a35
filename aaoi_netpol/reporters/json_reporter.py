"""A JSON document: ``{"version": 1, "findings": [...], "summary": {...}}`` (fields documented in README)."""

from __future__ import annotations

import json

from aaoi_netpol.lint import LintReport

FORMAT_VERSION = 1


def render(report: LintReport) -> str:
    findings = [
        {"file": d.file, "line": d.line, "col": d.col, "rule": d.rule,
         "severity": d.severity.value, "message": d.message}
        for d in report.diagnostics
    ]
    errors = sum(1 for d in report.diagnostics if d.severity.value == "error")
    document = {
        "version": FORMAT_VERSION,
        "findings": findings,
        "inputErrors": report.input_errors,
        "summary": {"files": len(report.targets), "errors": errors, "warnings": len(findings) - errors},
    }
    return json.dumps(document, indent=2) + "\n"
