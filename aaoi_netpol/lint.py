"""The lint pipeline: load and layer values → schema and rules → findings (reporters print them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aaoi_netpol.chart_defaults import chart_defaults
from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Diagnostic, InputError, Severity
from aaoi_netpol.layering import LayeredValues, layer_values
from aaoi_netpol.rules import ALL_RULES
from aaoi_netpol.schema import check_section
from aaoi_netpol.section_limits import check_section_size
from aaoi_netpol.value_flags import ValueFlags
from aaoi_netpol.values_file import read_values_file


@dataclass(frozen=True)
class LintOptions:
    values: ValueFlags = field(default_factory=ValueFlags)  # the -f stack and the --set* flags
    chart: Path | None = None  # whose values.yaml is the base (None: the bundled AAOI defaults)


@dataclass(frozen=True)
class LintedStack:
    """One values stack that was read and layered: what the rendered-output checks start from."""

    values: ValueFlags
    layered: LayeredValues


@dataclass
class LintReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)  # one line each: could not run on that input
    stacks: list[LintedStack] = field(default_factory=list)
    lines: dict[str, list[str]] = field(default_factory=dict)  # each linted file's lines (inline disables)

    @property
    def targets(self) -> list[str]:
        return [stack.values.target for stack in self.stacks]

    def add(self, found: Iterable[Diagnostic]) -> None:
        known = set(self.diagnostics)
        for diagnostic in found:
            if diagnostic not in known:
                known.add(diagnostic)
                self.diagnostics.append(diagnostic)

    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def has_warnings(self) -> bool:
        return any(d.severity is Severity.WARNING for d in self.diagnostics)


def layer_stack(values: ValueFlags, chart: Path | None = None) -> LayeredValues:
    """Defaults, then the files in order, then the --set layers; InputError if a file cannot be read."""
    loaded = [read_values_file(path) for path in values.files]
    return layer_values(chart_defaults(chart), loaded, values.set_layers)


def check_layered(layered: LayeredValues, target: str) -> list[Diagnostic]:
    """Schema and semantic rules over values that parsed; the loader's own problems come first."""
    found = list(layered.problems)
    if not layered.parsed:
        return found
    check_section_size(layered, target)  # bounded cost: refuses a section too big to check (exit 2)
    found.extend(check_section(layered))
    context = LintContext(layered, target)
    for rule in ALL_RULES:
        found.extend(rule.diagnostics(context))
    return found


def lint_paths(files: Sequence[Path], options: LintOptions) -> LintReport:
    """Lint each FILE over defaults + the -f stack; with no FILES, lint the -f stack itself."""
    report = LintReport()
    for stack in options.values.stacks(files):
        try:
            layered = layer_stack(stack, options.chart)
            found = check_layered(layered, stack.target)
        except InputError as error:
            if str(error) not in report.input_errors:
                report.input_errors.append(str(error))
            continue
        report.lines.update(layered.lines)
        report.add(found)
        report.stacks.append(LintedStack(stack, layered))
    report.diagnostics.sort()
    return report
