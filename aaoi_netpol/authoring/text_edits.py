"""Splicing replacements into a file's text, its line break, unified diffs, and the read-back comparison."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (character offsets)."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with every edit applied; ValueError when two edits overlap."""
    ordered = sorted(set(edits))
    for before, after in pairwise(ordered):
        if after.start < before.end:
            raise ValueError(f"overlapping edits at offsets {before.start} and {after.start}")
    pieces: list[str] = []
    position = 0
    for edit in ordered:
        pieces += [text[position:edit.start], edit.replacement]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def line_break(text: str) -> str:
    """The file's line break: CRLF when its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def unified_diff(name: str, old: str, new: str) -> str:
    """A unified diff (``a/NAME`` → ``b/NAME``); a last line without a line break is marked as git marks it."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    out: list[str] = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def same_values(a: Any, b: Any) -> bool:
    """Equal as Helm would see them (true is not 1): what an edited file reads back as against what was meant."""
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)
