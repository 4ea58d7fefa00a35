"""Helm failing: its command and its own error, in a few lines (all of it with --debug)."""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

from aaoi_netpol.diagnostics import InputError

DEBUG_HINT = "(--debug shows Helm's whole output)"


class HelmFailed(InputError):
    """``helm template`` exited non-zero; the message holds the command and Helm's stderr.

    Shown to users as Helm's own error in a few lines (:func:`helm_error_summary`: the innermost template
    location and message, e.g. a chart's ``required`` text); ``--debug`` shows all of Helm's stderr.
    """

    def __init__(self, command: Sequence[str], returncode: int, stderr: str) -> None:
        self.command = list(command)
        self.returncode = returncode
        self.stderr = stderr
        super().__init__(f"helm failed (exit {returncode}): {shlex.join(self.command)}")

    def report(self, debug: bool = False) -> str:
        """The command, shell-quoted, then Helm's error: its summary, or (debug) its whole stderr."""
        if debug:
            details = self.stderr.rstrip("\n") or "(helm printed nothing on stderr)"
            return f"{self}\n{details}\n"
        lines = helm_error_summary(self.stderr)
        shown = "\n".join(f"  {line}" for line in lines) if lines else "  (helm printed nothing on stderr)"
        return f"{self}\n{shown}\n  {DEBUG_HINT}\n"

    def one_line(self) -> str:
        """Helm's error in one line, without the command (it names a temporary copy of the chart)."""
        lines = helm_error_summary(self.stderr)
        return f"helm template failed (exit {self.returncode}): {'; '.join(lines) if lines else 'no output'}"


_DEBUG_HINT = re.compile(r"^Use --debug flag", re.IGNORECASE)
_CALL_CHAIN = re.compile(r"error calling \w+: ")
# A template location where Helm names one: after "template: ", "error at (", ": " or at the start
_LOCATION = re.compile(r'(?:^|template: |error at \(|: )'
                       r'([^\s()<>"]+/[^\s()<>":]+\.(?:ya?ml|tpl|txt|json):\d+(?::\d+)?)')
_PREFIXES = (
    re.compile(r"^Error:\s*"),
    re.compile(r"^template:\s*"),
    re.compile(r'^[^\s()<>"]+:\d+(?::\d+)?:?\s+executing "[^"]*" at <[^>]*>:\s*'),
    re.compile(r"^(?:execution|parse) error at \([^)]*\):\s*"),
)
_MAX_LINES = 4
_MAX_WIDTH = 400


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_WIDTH else text[:_MAX_WIDTH - 1] + "…"


def _innermost_message(flat: str) -> str:
    """The last link of Go's template error chain, without its location prefixes."""
    message = _CALL_CHAIN.split(flat)[-1].strip()
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            stripped = prefix.sub("", message, count=1).strip()
            if stripped != message:
                message, changed = stripped, True
    return message


def helm_error_summary(stderr: str) -> list[str]:
    """Helm's error, at most a few lines: for a template error ``FILE:LINE[:COL]: message`` of the innermost
    failure (the chart's ``required`` message, a missing template, ...), else the error's first lines."""
    lines = [line.rstrip() for line in stderr.splitlines()]
    start = next((i for i, line in enumerate(lines) if line.startswith("Error")), None)
    block = [line.strip() for line in (lines[start:] if start is not None else lines)
             if line.strip() and not _DEBUG_HINT.match(line.strip())]
    if not block:
        return []
    flat = " ".join(block)
    message = _innermost_message(flat)
    chain = flat[:flat.rfind(message)] if message and message in flat else flat
    locations = _LOCATION.findall(chain)
    if not locations or not message:
        return [_clip(line) for line in block[:_MAX_LINES]]
    return [_clip(f"{locations[-1]}: {message}")]
