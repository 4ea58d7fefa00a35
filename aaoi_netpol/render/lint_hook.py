"""``lint --chart``: render the chart with the overlay and turn verification failures into findings.

Rule NP900 (error): the policies rendered for these values do not fit the
chart's rendered workloads (a policy selects no pod, or an AAOI workload is
selected by none of aaoi-netpol's policies). Each finding is located at the
values line of ``networkPolicy.enabled`` (or the linted file's start). The
render runs once the values lint without errors; Helm missing or failing is
an input error (exit 2), as for ``render``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from aaoi_netpol.diagnostics import Diagnostic, InputError, Location, Severity
from aaoi_netpol.lint import LintOptions, LintReport
from aaoi_netpol.render.helm_runner import HelmFailed
from aaoi_netpol.render.pipeline import DEFAULT_NAMESPACE, RenderRequest, ValueArgs, enabled_switch, render_chart

RULE_ID = "NP900"  # documented in aaoi_netpol/rules/np900_rendered_output.py


def rendered_diagnostics(chart: Path, values: ValueArgs, options: LintOptions,
                         kube_context: str | None = None, helm: Path | None = None) -> list[Diagnostic]:
    """NP900 findings for one values stack (``values.files`` layered as given); InputError when it cannot run."""
    namespace = os.environ.get("HELM_NAMESPACE") or DEFAULT_NAMESPACE
    request = RenderRequest(chart, values, options.sets, namespace=namespace, helm=helm,
                            kube_context=kube_context, lint=False)
    outcome = render_chart(request)
    if not outcome.problems:
        return []
    _, location = enabled_switch(request.lint_options)
    target = str(values.files[-1]) if values.files else "<defaults>"
    where = location or Location(target, 1, 1)
    return [Diagnostic.at(where, RULE_ID, Severity.ERROR, f"rendered output: {problem}")
            for problem in outcome.problems]


def add_rendered_checks(report: LintReport, files: Sequence[Path], options: LintOptions, values: ValueArgs,
                        kube_context: str | None = None) -> None:
    """Add NP900 findings (or input errors) to ``report`` for each linted stack, when --chart was given."""
    if options.chart is None or report.has_errors() or report.input_errors:
        return
    stacks = [(*values.files, path) for path in files] or [values.files]
    for stack in stacks:
        stack_values = ValueArgs(tuple(stack), values.set_values, values.set_strings, values.set_json)
        stack_options = LintOptions(tuple(stack), options.sets, options.chart)
        try:
            report.add(rendered_diagnostics(options.chart, stack_values, stack_options, kube_context))
        except HelmFailed as failure:
            report.input_errors.append(failure.one_line())
        except InputError as error:
            report.input_errors.append(str(error))
    report.diagnostics.sort(key=lambda d: (d.file, d.line, d.col, d.rule, d.message))
