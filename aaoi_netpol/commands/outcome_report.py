"""What a render's outcome says on stderr: lint findings, verification failures, the gate's findings."""

from __future__ import annotations

import click

from aaoi_netpol.diagnostics import EXIT_CLEAN
from aaoi_netpol.render.pipeline import RenderOutcome
from aaoi_netpol.reporters.safe_text import one_line


def report_gate(outcome: RenderOutcome, consequence: str = "nothing was written") -> None:
    """The gate's findings, one line each, located in the values (text format, on stderr)."""
    from aaoi_netpol.reporters.text_reporter import finding_line

    for diagnostic in outcome.gate_diagnostics():
        click.echo(finding_line(diagnostic), err=True)
    errors = sum(1 for finding in outcome.gate if finding.severity.value == "error")
    if errors:
        click.echo(f"error: {errors} finding(s) about what the rendered output allows: {consequence}", err=True)


def report_outcome(outcome: RenderOutcome, consequence: str = "nothing was written") -> None:
    """Why a render stopped (or what it warns about): lint findings, verification failures, gate findings."""
    if outcome.lint is not None and outcome.lint.diagnostics:
        from aaoi_netpol.reporters import reporter

        click.echo(reporter("text")(outcome.lint), nl=False, err=True)
    if outcome.lint is not None:
        for message in outcome.lint.input_errors:
            click.echo(f"error: {one_line(message)}", err=True)
        failed = outcome.status != EXIT_CLEAN and not outcome.problems and not outcome.blocking()
        if failed and not outcome.lint.input_errors:
            found = "error findings" if outcome.lint.has_errors() else "warnings (strict)"
            click.echo(f"error: the values have {found}: nothing was rendered", err=True)
    for problem in outcome.problems:
        click.echo(f"error: verification failed: {one_line(problem)}", err=True)
    report_gate(outcome, consequence)
    if outcome.problems:
        click.echo(f"error: {len(outcome.problems)} verification failure(s) in the rendered output: "
                   f"{consequence}", err=True)
