"""Which certain fixes the findings of a lint carry, and which file each one must be written to.

A value is fixed where it was written: the highest layer of its ``-f`` stack
that defines it. A value from ``--set*`` or from the chart's defaults has no
file aaoi-netpol may change, so its fix is reported as not applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Diagnostic, Location
from aaoi_netpol.fix_record import Fix
from aaoi_netpol.layering import LayeredValues
from aaoi_netpol.lint import LintedStack
from aaoi_netpol.rules import ALL_RULES
from aaoi_netpol.schema import section_problems
from aaoi_netpol.value_path import dotted, lookup

FindingKey = tuple[str, int, int, str, str]  # file, line, col, rule, message: a finding whatever its severity


def finding_key(diagnostic: Diagnostic) -> FindingKey:
    return diagnostic.file, diagnostic.line, diagnostic.col, diagnostic.rule, diagnostic.message


@dataclass(frozen=True)
class PlannedFix:
    rule: str
    fix: Fix
    origin: Location  # where the value (or, for a rename, the key) is written
    file: Path | None  # the values file to change; None when the value came from --set* or the chart defaults
    old: Any  # the value (or key) as it is

    def describe(self) -> str:
        if self.fix.rename:
            return f"key '{self.old}' -> '{self.fix.value}' in {dotted(self.fix.path[:-1]) or 'the top level'}"
        new = str(self.fix.value).lower() if isinstance(self.fix.value, bool) else self.fix.value
        return f"{dotted(self.fix.path)}: {self.old!r} -> {new}"


def _origin(layered: LayeredValues, fix: Fix) -> Location | None:
    """Where the changed node is written: the highest layer that defines the path itself."""
    for layer in layered.layers:
        if fix.path in layer.keys:
            return layer.keys[fix.path] if fix.rename else layer.values.get(fix.path)
    return None


def _certain_fixes(stack: LintedStack) -> Iterator[tuple[Diagnostic, Fix]]:
    context = LintContext(stack.layered, stack.values.target)
    for rule in ALL_RULES:
        yield from rule.fixes(context)
    for diagnostic, fix in section_problems(stack.layered):
        if fix is not None:
            yield diagnostic, fix


def plan_fixes(stacks: Iterable[LintedStack], reported: set[FindingKey]) -> list[PlannedFix]:
    """The certain fixes of the findings in ``reported`` (those left after config and inline disables)."""
    planned: dict[tuple[Location, Fix], PlannedFix] = {}
    for stack in stacks:
        files = {str(path): path for path in stack.values.files}
        for diagnostic, fix in _certain_fixes(stack):
            origin = _origin(stack.layered, fix)
            if finding_key(diagnostic) not in reported or origin is None or (origin, fix) in planned:
                continue
            old = fix.path[-1] if fix.rename else lookup(stack.layered.values, fix.path)
            planned[(origin, fix)] = PlannedFix(diagnostic.rule, fix, origin, files.get(origin.file), old)
    return sorted(planned.values(), key=lambda p: (p.origin, p.rule))
