"""Where the real YAML comments of a file start, so that inline directives are read from comments only.

A ``#`` starts a comment only outside every token: inside a quoted scalar, a
plain scalar (``a#b``), a block scalar's content, an anchor or a tag it is
text. The file is re-scanned with PyYAML's scanner (libyaml when available)
and a ``#`` counts as a comment when it is at the start of a line or after a
space or tab, and lies in no token's span. Past a scan error nothing is
trusted to be a comment (the loader reports the error, NP000).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
Position = tuple[int, int]  # 0-based (line, column)


def _token_spans(text: str) -> tuple[list[tuple[Position, Position]], Position | None]:
    """The non-empty token spans in order, and where scanning failed (None: it did not)."""
    spans: list[tuple[Position, Position]] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            start = (token.start_mark.line, token.start_mark.column)
            end = (token.end_mark.line, token.end_mark.column)
            if start != end:
                spans.append((start, end))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        return spans, (mark.line, mark.column) if mark is not None else (0, 0)
    return spans, None


def _inside(spans: list[tuple[Position, Position]], starts: list[Position], position: Position) -> bool:
    """Tokens follow each other without overlap: only the last one starting at or before ``position`` can hold it."""
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index][1]


def comment_columns(lines: Sequence[str], wanted: Sequence[int]) -> dict[int, int]:
    """For each wanted 1-based line number, the 0-based column where its comment starts (absent: none)."""
    if not wanted:
        return {}
    spans, failed_at = _token_spans("\n".join(lines))
    starts = [start for start, _ in spans]
    found: dict[int, int] = {}
    for number in wanted:
        if not 1 <= number <= len(lines):
            continue
        line = lines[number - 1]
        for column, char in enumerate(line):
            if char != "#" or (column and line[column - 1] not in " \t"):
                continue
            position = (number - 1, column)
            if failed_at is not None and position >= failed_at:
                break
            if not _inside(spans, starts, position):
                found[number] = column
                break
    return found
