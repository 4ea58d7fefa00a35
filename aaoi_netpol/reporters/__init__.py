"""Reporters turn a LintReport into text for one audience; they are chosen by name.

Each reporter module is imported only when its format is used, so a plain
``lint`` does not pay for SARIF's metadata look-ups.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aaoi_netpol.lint import LintReport

Reporter = Callable[["LintReport"], str]

REPORTER_MODULES: dict[str, str] = {
    "text": "aaoi_netpol.reporters.text_reporter",
    "json": "aaoi_netpol.reporters.json_reporter",
    "github": "aaoi_netpol.reporters.github_reporter",
    "sarif": "aaoi_netpol.reporters.sarif_reporter",
}

AUTO = "auto"  # github inside GitHub Actions, text elsewhere
FORMATS: tuple[str, ...] = (*REPORTER_MODULES, AUTO)


def reporter(name: str) -> Reporter:
    """The ``render`` function of the reporter called ``name`` (not ``auto``: resolve it first)."""
    render: Reporter = importlib.import_module(REPORTER_MODULES[name]).render
    return render


def resolve_format(name: str, environ: Mapping[str, str]) -> str:
    """The reporter name for ``--format NAME`` (``auto`` resolved from the environment)."""
    if name == AUTO:
        return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"
    return name
