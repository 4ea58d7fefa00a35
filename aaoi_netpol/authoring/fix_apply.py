"""Applying planned fixes to one values file: one-line splices, verified by reading the result back."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aaoi_netpol.authoring.fix_plan import PlannedFix
from aaoi_netpol.authoring.scalar_text import scalar_source
from aaoi_netpol.authoring.text_edits import Edit, apply_edits, same_values
from aaoi_netpol.authoring.yaml_nodes import NotEditable, compose_first_document, locate_scalar, scalar_span
from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.value_path import MISSING, lookup
from aaoi_netpol.values_file import read_values_text as read_text
from aaoi_netpol.yaml_loader import LoadedFile, load_values_text


@dataclass
class FileFixes:
    """The outcome for one file: its text before and after, what was applied and what was not (and why)."""

    path: Path
    name: str  # as the findings name it
    old_text: str = ""
    new_text: str = ""
    applied: list[PlannedFix] = field(default_factory=list)
    skipped: list[tuple[PlannedFix, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.new_text != self.old_text


def expected_values(values: dict[str, Any], fixes: list[PlannedFix]) -> dict[str, Any]:
    """The file's values with the fixes applied, computed on the data (what the new text must read as)."""
    result = copy.deepcopy(values)
    # values first, then renames from the deepest: no change moves the path of another
    for planned in sorted(fixes, key=lambda p: (p.fix.rename, -len(p.fix.path))):
        *parent_path, last = planned.fix.path
        parent = lookup(result, tuple(parent_path)) if parent_path else result
        if isinstance(parent, dict) and isinstance(last, str) and last in parent:
            if planned.fix.rename:
                parent[planned.fix.value] = parent.pop(last)
            else:
                parent[last] = planned.fix.value
        elif isinstance(parent, list) and isinstance(last, int) and not planned.fix.rename:
            parent[last] = planned.fix.value
    return result


def _problem_counts(loaded: LoadedFile) -> dict[str, int]:
    counts: dict[str, int] = {}
    for problem in loaded.problems:
        counts[problem.rule] = counts.get(problem.rule, 0) + 1
    return counts


def _edit(text: str, root: Any, loaded: LoadedFile, planned: PlannedFix) -> Edit:
    node, in_flow = locate_scalar(root, planned.fix.path, key=planned.fix.rename)
    span = scalar_span(text, node, in_flow)
    if (span.line, span.col) != (planned.origin.line, planned.origin.col):
        raise NotEditable(f"the value was found at {span.line}:{span.col}, not where the finding points")
    if not planned.fix.rename and not same_values(lookup(loaded.values, planned.fix.path, MISSING), planned.old):
        raise NotEditable("the file no longer holds the value that was linted")
    return Edit(span.start, span.end, scalar_source(planned.fix.value, span.style))


def fix_file(path: Path, name: str, fixes: list[PlannedFix]) -> FileFixes:
    """Apply ``fixes`` (all located in this file) to its text; nothing is written here."""
    outcome = FileFixes(path, name)
    try:
        text = read_text(path)
    except InputError as error:
        outcome.skipped = [(planned, str(error)) for planned in fixes]
        return outcome
    outcome.old_text = outcome.new_text = text
    loaded = load_values_text(text, name)
    if not loaded.parsed or any(problem.rule == "NP000" for problem in loaded.problems):
        outcome.skipped = [(p, "the file has a YAML error (NP000): it is never changed") for p in fixes]
        return outcome
    edits: list[Edit] = []
    try:
        root = compose_first_document(text)
    except NotEditable as error:
        outcome.skipped = [(planned, str(error)) for planned in fixes]
        return outcome
    for planned in fixes:
        try:
            edit = _edit(text, root, loaded, planned)
            if any(other.start < edit.end and edit.start < other.end and other != edit for other in edits):
                raise NotEditable("another fix changes the same text differently")
            edits.append(edit)
            outcome.applied.append(planned)
        except NotEditable as error:
            outcome.skipped.append((planned, str(error)))
    if not edits:
        return outcome
    new_text = apply_edits(text, edits)
    reread = load_values_text(new_text, name)
    if reread.parsed and same_values(reread.values, expected_values(loaded.values, outcome.applied)) \
            and _problem_counts(reread) == _problem_counts(loaded):
        outcome.new_text = new_text
    else:
        reason = "the fixed text would not read back as exactly the intended values; the file is left unchanged"
        outcome.skipped += [(planned, reason) for planned in outcome.applied]
        outcome.applied = []
    return outcome
