"""``lint --chart``: render the chart with the overlay for each linted stack, and report what fails as findings.

Rule NP900 (error): the policies rendered for these values do not fit the
chart's rendered workloads (a policy selects no pod, or an AAOI workload is
selected by none of aaoi-netpol's policies), located at the values line of
``networkPolicy.enabled`` (or the linted file's start); and the render gate's
NP901-NP903 (:mod:`aaoi_netpol.gate`), located at the peer they are about. The
render runs once the values lint without errors, on the values the lint
already read; Helm missing or failing is an input error (exit 2), as for
``render``.
"""

from __future__ import annotations

import os
from pathlib import Path

from aaoi_netpol.diagnostics import Diagnostic, InputError, Location, Severity
from aaoi_netpol.lint import LintedStack, LintReport
from aaoi_netpol.render.helm_errors import HelmFailed
from aaoi_netpol.render.pipeline import DEFAULT_NAMESPACE, RenderRequest, render_chart

RULE_ID = "NP900"  # documented in aaoi_netpol/rules/np900_rendered_output.py


def stack_findings(chart: Path, stack: LintedStack, kube_context: str | None = None,
                   helm: Path | None = None) -> list[Diagnostic]:
    """NP900 findings for one linted values stack; InputError when it cannot run."""
    namespace = os.environ.get("HELM_NAMESPACE") or DEFAULT_NAMESPACE
    request = RenderRequest(chart, stack.values, namespace=namespace, helm=helm, kube_context=kube_context,
                            layered=stack.layered)
    outcome = render_chart(request)
    where = outcome.enabled_location() or Location(stack.values.target, 1, 1)
    return [*(Diagnostic.at(where, RULE_ID, Severity.ERROR, f"rendered output: {problem}")
              for problem in outcome.problems), *outcome.gate_diagnostics()]


def add_rendered_findings(report: LintReport, chart: Path, kube_context: str | None = None,
                          debug: bool = False) -> None:
    """Add NP900 findings (or input errors) to ``report`` for each linted stack, once the values lint clean.

    Helm failing is an input error showing Helm's own error in one line (all of its stderr with ``debug``).
    """
    if report.has_errors() or report.input_errors:
        return
    for stack in report.stacks:
        try:
            report.add(stack_findings(chart, stack, kube_context))
        except HelmFailed as failure:
            report.input_errors.append(failure.one_line() + (f"\n{failure.stderr.rstrip()}" if debug else ""))
        except InputError as error:
            report.input_errors.append(str(error))
    report.diagnostics.sort()
