"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, GitLab, IDE viewers).

One run: ``tool.driver`` describes aaoi-netpol and every registered rule (id,
name, short and full description, help from the rule's documentation, default
level); each finding is a result with its rule, level, message and location.
File URIs are relative to the working directory (``uriBaseId`` ``%SRCROOT%``)
when the file lies below it, ``file://`` URIs otherwise; ``<--set #N>``
locations, which are not files, become logical locations. URIs are built from
the file name's bytes (a name that is not UTF-8 is percent-encoded byte by
byte); texts are escaped as in every format.
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aaoi_netpol import __version__
from aaoi_netpol.diagnostics import Diagnostic
from aaoi_netpol.lint import LintReport
from aaoi_netpol.reporters.locations import is_pseudo, relative_path
from aaoi_netpol.reporters.safe_text import lines, one_line
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
        "id": one_line(rule.id),
        "name": one_line(rule.name),
        "shortDescription": {"text": one_line(rule.summary)},
        "fullDescription": {"text": one_line(why_paragraph(rule))},
        "help": {"text": lines(rule.help_text or rule.summary), "markdown": lines(help_markdown(rule))},
        "defaultConfiguration": {"level": rule.severity.value},
    }


def uri_path(path: str) -> str:
    """``path`` percent-encoded from its bytes (as the file system has them), ``/`` kept."""
    return quote(os.fsencode(path), safe="/")


def file_uri(path: Path) -> str:
    """``file://`` URI of an absolute path, even one that is not UTF-8 (``Path.as_uri`` refuses those)."""
    return "file://" + uri_path(path.as_posix())


def location(d: Diagnostic, cwd: Path) -> dict[str, Any]:
    if is_pseudo(d.file):
        name = one_line(d.file)
        return {"logicalLocations": [{"name": name.strip("<>"), "fullyQualifiedName": name}],
                "message": {"text": f"{name}:{d.line}:{d.col}"}}
    shown = relative_path(d.file, cwd)
    path = Path(shown)
    absolute = path.is_absolute()
    artifact = {"uri": file_uri(path)} if absolute else {"uri": uri_path(shown), "uriBaseId": SRCROOT}
    region = {"startLine": max(d.line, 1), "startColumn": max(d.col, 1)}
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def result(d: Diagnostic, rule_index: dict[str, int], cwd: Path) -> dict[str, Any]:
    found: dict[str, Any] = {"ruleId": one_line(d.rule)}
    if d.rule in rule_index:
        found["ruleIndex"] = rule_index[d.rule]
    found.update(level=d.severity.value, message={"text": one_line(d.message)}, locations=[location(d, cwd)])
    return found


def sarif_log(report: LintReport, cwd: Path | None = None) -> dict[str, Any]:
    base = (cwd or Path.cwd()).resolve()
    rule_index = {rule.id: index for index, rule in enumerate(ALL_RULES)}
    notifications = [{"level": "error", "message": {"text": one_line(problem)}} for problem in report.input_errors]
    driver: dict[str, Any] = {"name": "aaoi-netpol", "version": __version__, "semanticVersion": __version__}
    home = information_uri()
    if home:
        driver["informationUri"] = home
    driver["rules"] = [rule_descriptor(rule) for rule in ALL_RULES]
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not report.input_errors,
                         "toolExecutionNotifications": notifications}],
        "originalUriBaseIds": {SRCROOT: {"uri": file_uri(base).rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [result(d, rule_index, base) for d in report.diagnostics],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(report: LintReport) -> str:
    return json.dumps(sarif_log(report), indent=2) + "\n"
