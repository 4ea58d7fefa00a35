"""The lint pipeline: load and layer values → schema and rules → findings (reporters print them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aaoi_netpol.chart_values import chart_defaults
from aaoi_netpol.context import LintContext
from aaoi_netpol.diagnostics import Diagnostic, InputError, Severity
from aaoi_netpol.layering import LayeredValues, SetLayer, layer_values
from aaoi_netpol.rules import ALL_RULES
from aaoi_netpol.schema import check_section
from aaoi_netpol.section_limits import check_section_size
from aaoi_netpol.values_file import read_values_file as load_values_file


@dataclass(frozen=True)
class LintOptions:
    value_files: tuple[Path, ...] = ()  # -f/--values, layered like helm install -f a -f b
    sets: tuple[SetLayer, ...] = ()
    chart: Path | None = None


@dataclass
class LintReport:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)  # one line each: could not run on that input
    targets: list[str] = field(default_factory=list)
    lines: dict[str, list[str]] = field(default_factory=dict)  # each linted file's lines (inline disables)

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


def layer_files(files: Sequence[Path], options: LintOptions) -> LayeredValues:
    """Defaults, then the files in order, then the --set layers; InputError if a file cannot be read."""
    defaults = chart_defaults(options.chart)
    loaded = [load_values_file(path) for path in files]
    return layer_values(defaults, loaded, options.sets)


def check_layered(layered: LayeredValues, target: str) -> list[Diagnostic]:
    """Schema and semantic rules over values that parsed; the loader's own problems come first."""
    found = list(layered.problems)
    if not layered.parsed:
        return found
    check_section_size(layered, target)  # bounded cost: refuses a section too big to check (exit 2)
    found.extend(check_section(layered))
    context = LintContext(layered, target)
    for rule in ALL_RULES:
        if rule.check is not None:
            found.extend(rule.check(context))
    return found


def lint_stack(files: Sequence[Path], options: LintOptions,
               lines: dict[str, list[str]] | None = None) -> list[Diagnostic]:
    layered = layer_files(files, options)
    if lines is not None:
        lines.update(layered.lines)
    return check_layered(layered, str(files[-1]) if files else "<defaults>")


def lint_paths(files: Sequence[Path], options: LintOptions) -> LintReport:
    """Lint each FILE over defaults + the -f stack; with no FILES, lint the -f stack itself."""
    report = LintReport()
    stacks = [[*options.value_files, path] for path in files] or [list(options.value_files)]
    for stack in stacks:
        try:
            report.add(lint_stack(stack, options, report.lines))
            report.targets.append(str(stack[-1]) if stack else "<defaults>")
        except InputError as error:
            if str(error) not in report.input_errors:
                report.input_errors.append(str(error))
    report.diagnostics.sort(key=lambda d: (d.file, d.line, d.col, d.rule, d.message))
    return report
