"""``lint --fix``: plan the certain fixes, apply them file by file, write (or preview), lint again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aaoi_netpol.authoring.atomic_write import write_atomically
from aaoi_netpol.authoring.fix_apply import FileFixes, fix_file
from aaoi_netpol.authoring.fix_plan import FindingKey, PlannedFix, plan_fixes
from aaoi_netpol.authoring.relint import lint_with_texts, real_path
from aaoi_netpol.authoring.text_edits import unified_diff
from aaoi_netpol.diagnostics import Location
from aaoi_netpol.lint import LintOptions, LintReport, lint_paths


@dataclass
class FixOutcome:
    files: list[FileFixes] = field(default_factory=list)
    elsewhere: list[PlannedFix] = field(default_factory=list)  # values from --set* or the chart defaults
    write_errors: list[str] = field(default_factory=list)
    remaining: LintReport = field(default_factory=LintReport)  # the lint after the fixes (written or not)

    def fix_lines(self, preview: bool) -> list[str]:
        """One line per fix, ``file:line:col: fixed RULE: what``, or why it was not applied."""
        lines: list[tuple[Location, str]] = []
        for result in self.files:
            verb = "would fix" if preview else "fixed"
            lines += [(p.origin, f"{p.origin}: {verb} {p.rule}: {p.describe()}") for p in result.applied]
            lines += [(p.origin, f"{p.origin}: not fixed {p.rule}: {p.describe()}: {why}") for p, why in result.skipped]
        for planned in self.elsewhere:
            where = "a command-line value (--set*)" if planned.origin.file.startswith("<--") else "the chart's defaults"
            lines.append((planned.origin, f"{planned.origin}: not fixed {planned.rule}: {planned.describe()}: "
                                          f"the value comes from {where}, which --fix does not change"))
        return [text for _, text in sorted(lines)]

    def diffs(self) -> str:
        return "".join(unified_diff(result.name, result.old_text, result.new_text)
                       for result in self.files if result.changed)


def run_fixes(files: Sequence[Path], options: LintOptions, report: LintReport, reported: set[FindingKey],
              write: bool) -> FixOutcome:
    """Fix what ``report`` found (the findings in ``reported``); ``write`` False previews without writing."""
    outcome = FixOutcome()
    grouped: dict[str, tuple[Path, str, list[PlannedFix]]] = {}
    for planned in plan_fixes(report.stacks, reported):
        if planned.file is None:
            outcome.elsewhere.append(planned)
        else:
            grouped.setdefault(real_path(planned.file), (planned.file, planned.origin.file, []))[2].append(planned)
    outcome.files = [fix_file(path, name, fixes) for path, name, fixes in grouped.values()]
    changed = [result for result in outcome.files if result.changed]
    if not write:
        outcome.remaining = lint_with_texts(files, options, {real_path(r.path): r.new_text for r in changed})
        return outcome
    for result in changed:
        try:
            write_atomically(result.path, result.new_text)
        except OSError as error:
            outcome.write_errors.append(f"{result.name}: cannot write: {error.strerror or error}")
            result.skipped += [(planned, "the file could not be written") for planned in result.applied]
            result.applied, result.new_text = [], result.old_text
    outcome.remaining = lint_paths(files, options) if changed else report
    return outcome
