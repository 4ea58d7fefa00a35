"""Values files that Helm 4 reads differently from Helm 3.

Helm 3 reads the first YAML document of a values file. Helm 4 splits the file
on lines starting with ``---`` and merges every chunk like ``-f a -f b``; it
also refuses ``%`` directives and content after ``---`` on the same line. We
read as Helm 3 does and report NP000 wherever Helm 4 would not agree, the one
verdict that is right for both (docs/helm-differences.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from aaoi_netpol.diagnostics import Diagnostic, InputError, Severity
from aaoi_netpol.merging import merge_maps
from aaoi_netpol.yaml_budget import LimitExceeded
from aaoi_netpol.yaml_loader import LoadedFile

_HELM4_SPLIT_HINT = re.compile(r"^(?:---|%)", re.MULTILINE)
MAX_DOCUMENTS = 100  # each is read on its own: past this, the file is flagged without reading them all


class _Helm4Unreadable(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _helm4_chunks(text: str) -> list[tuple[int, str]]:
    """Helm 4 splits a values file on lines starting with ``---`` (k8s YAMLReader): (first line, text)."""
    chunks: list[tuple[int, str]] = []
    buffer: list[str] = []
    start = 1
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if line.startswith("---"):
            rest = line[3:].strip()
            if rest and not rest.startswith("#"):
                raise _Helm4Unreadable(number, f"Helm 4 cannot read this file: '---' followed by '{rest[:20]}' "
                                       "is an invalid document separator")
            if buffer:
                chunks.append((start, "".join(buffer)))
            buffer, start = [], number + 1
        else:
            buffer.append(line)
    if buffer:
        chunks.append((start, "".join(buffer)))
    return chunks


def _may_differ_in_helm4(text: str) -> bool:
    """Only a ``%`` directive or a ``---`` line other than a plain first-line ``---`` can matter."""
    for match in _HELM4_SPLIT_HINT.finditer(text):
        if match.start() > 0 or text.startswith("%"):
            return True
        end = text.find("\n")
        rest = text[3:end if end >= 0 else len(text)].strip()
        if rest and not rest.startswith("#"):
            return True
    return False


def helm4_difference(text: str, name: str, first: dict[str, Any],
                     load_chunk: Callable[[str], LoadedFile]) -> Diagnostic | None:
    """Helm 3 reads a values file's first YAML document; Helm 4 reads every ``---`` chunk and merges them.

    A finding when Helm 4 cannot read the file, or reads values other than ``first`` (Helm 3's).
    """
    if not _may_differ_in_helm4(text):
        return None
    merged: dict[str, Any] = {}
    try:
        chunks = _helm4_chunks(text)
        if len(chunks) > MAX_DOCUMENTS:
            raise _Helm4Unreadable(chunks[MAX_DOCUMENTS][0], f"more than {MAX_DOCUMENTS} YAML documents: Helm 3 "
                                   "reads only the first, Helm 4 merges them all; keep one document per file")
        for start, chunk in chunks:
            if chunk.lstrip().startswith("%"):
                raise _Helm4Unreadable(start, "Helm 4 cannot read this file: a %YAML or %TAG directive "
                                       "is read as a document of its own")
            try:
                loaded = load_chunk(chunk)
            except LimitExceeded:
                raise
            except InputError:
                raise _Helm4Unreadable(start, "Helm 4 cannot read this file: this document is not a mapping "
                                       "of keys") from None
            if not loaded.parsed:
                raise _Helm4Unreadable(start + loaded.problems[0].line - 1, "Helm 4 cannot read this file: "
                                       f"{loaded.problems[0].message}")
            merged = merge_maps(merged, loaded.values)
    except _Helm4Unreadable as error:
        return Diagnostic(name, error.line, 1, "NP000", Severity.ERROR, str(error))
    if merged == first:
        return None
    return Diagnostic(name, chunks[1][0] if len(chunks) > 1 else 1, 1, "NP000", Severity.ERROR,
                      "a second YAML document: Helm 3 reads only the first document of a values file, "
                      "Helm 4 merges them all; keep one document per file")
