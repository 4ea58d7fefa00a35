"""Linting with some files' text replaced in memory: what ``lint --fix --diff`` would leave."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from aaoi_netpol.chart_defaults import chart_defaults
from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.layering import layer_values
from aaoi_netpol.lint import LintedStack, LintOptions, LintReport, check_layered
from aaoi_netpol.values_file import read_values_file
from aaoi_netpol.yaml_loader import LoadedFile, load_values_text


def real_path(path: Path) -> str:
    return os.path.realpath(path)


def _load(path: Path, texts: dict[str, str]) -> LoadedFile:
    text = texts.get(real_path(path))
    return read_values_file(path) if text is None else load_values_text(text, str(path))


def lint_with_texts(files: Sequence[Path], options: LintOptions, texts: dict[str, str]) -> LintReport:
    """``lint_paths`` with the files whose real path is in ``texts`` read from there instead of the disk."""
    report = LintReport()
    for stack in options.values.stacks(files):
        try:
            loaded = [_load(path, texts) for path in stack.files]
            layered = layer_values(chart_defaults(options.chart), loaded, stack.set_layers)
        except InputError as error:
            if str(error) not in report.input_errors:
                report.input_errors.append(str(error))
            continue
        report.lines.update(layered.lines)
        report.add(check_layered(layered, stack.target))
        report.stacks.append(LintedStack(stack, layered))
    report.diagnostics.sort()
    return report
