"""Reporters turn a LintReport into text for one audience; they are chosen by name."""

from __future__ import annotations

from collections.abc import Callable

from aaoi_netpol.lint import LintReport
from aaoi_netpol.reporters import json_reporter, text_reporter

Reporter = Callable[[LintReport], str]

REPORTERS: dict[str, Reporter] = {
    "text": text_reporter.render,
    "json": json_reporter.render,
}
