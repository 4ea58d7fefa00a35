"""Reporters turn a LintReport into text for one audience; they are chosen by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from aaoi_netpol.lint import LintReport
from aaoi_netpol.reporters import github_reporter, json_reporter, sarif_reporter, text_reporter

Reporter = Callable[[LintReport], str]

REPORTERS: dict[str, Reporter] = {
    "text": text_reporter.render,
    "json": json_reporter.render,
    "github": github_reporter.render,
    "sarif": sarif_reporter.render,
}

AUTO = "auto"  # github inside GitHub Actions, text elsewhere
FORMATS: tuple[str, ...] = (*REPORTERS, AUTO)


def resolve_format(name: str, environ: Mapping[str, str]) -> str:
    """The reporter name for ``--format NAME`` (``auto`` resolved from the environment)."""
    if name == AUTO:
        return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name
