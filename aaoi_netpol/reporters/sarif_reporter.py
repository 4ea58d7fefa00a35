"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, GitLab, IDE viewers).

One run: ``tool.driver`` describes aaoi-netpol and every registered rule (id,
name, short and full description, help from the rule's documentation, default
level); each finding is a result with its rule, level, message and location.
File URIs are relative to the working directory (``uriBaseId`` ``%SRCROOT%``)
when the file lies below it, ``file://`` URIs otherwise; ``<--set #N>``
locations, which are not files, become logical locations.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aaoi_netpol import __version__
from aaoi_netpol.diagnostics import Diagnostic
from aaoi_netpol.lint import LintReport
from aaoi_netpol.reporters.locations import is_pseudo, relative_path
from aaoi_netpol.rules import ALL_RULES, Rule
from aaoi_netpol.rules_doc import help_markdown, why_paragraph

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"


def information_uri() -> str | None:
    """The project's home page from the installed package metadata (SARIF makes it optional)."""
    try:
        urls = metadata.metadata("aaoi-netpol").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("homepage", "repository", "source") and url.strip():
            return url.strip()
    return None


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": why_paragraph(rule)},
        "help": {"text": rule.help_text or rule.summary, "markdown": help_markdown(rule)},
        "defaultConfiguration": {"level": rule.severity.value},
    }


def location(d: Diagnostic, cwd: Path) -> dict[str, Any]:
    if is_pseudo(d.file):
        return {"logicalLocations": [{"name": d.file.strip("<>"), "fullyQualifiedName": d.file}],
                "message": {"text": f"{d.file}:{d.line}:{d.col}"}}
    shown = relative_path(d.file, cwd)
    path = Path(shown)
    absolute = path.is_absolute()
    artifact = {"uri": path.as_uri()} if absolute else {"uri": quote(shown, safe="/"), "uriBaseId": SRCROOT}
    region = {"startLine": max(d.line, 1), "startColumn": max(d.col, 1)}
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def result(d: Diagnostic, rule_index: dict[str, int], cwd: Path) -> dict[str, Any]:
    found: dict[str, Any] = {"ruleId": d.rule}
    if d.rule in rule_index:
        found["ruleIndex"] = rule_index[d.rule]
    found.update(level=d.severity.value, message={"text": d.message}, locations=[location(d, cwd)])
    return found


def sarif_log(report: LintReport, cwd: Path | None = None) -> dict[str, Any]:
    base = (cwd or Path.cwd()).resolve()
    rule_index = {rule.id: index for index, rule in enumerate(ALL_RULES)}
    notifications = [{"level": "error", "message": {"text": problem}} for problem in report.input_errors]
    driver: dict[str, Any] = {"name": "aaoi-netpol", "version": __version__, "semanticVersion": __version__}
    home = information_uri()
    if home:
        driver["informationUri"] = home
    driver["rules"] = [rule_descriptor(rule) for rule in ALL_RULES]
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not report.input_errors,
                         "toolExecutionNotifications": notifications}],
        "originalUriBaseIds": {SRCROOT: {"uri": base.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [result(d, rule_index, base) for d in report.diagnostics],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(report: LintReport) -> str:
    return json.dumps(sarif_log(report), indent=2) + "\n"
