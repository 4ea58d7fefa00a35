"""``render CHART``: the chart rendered by Helm with the aaoi-netpol overlay, verified, then printed or written."""

from __future__ import annotations

from pathlib import Path

import click

from aaoi_netpol.commands.chart_options import chart_options, kube_context, release_note
from aaoi_netpol.commands.outcome_report import report_gate, report_outcome
from aaoi_netpol.commands.rule_options import InvalidConfig, RuleOptions, rule_config_options
from aaoi_netpol.commands.value_options import PATH, value_flag_options
from aaoi_netpol.diagnostics import EXIT_CANNOT_RUN, EXIT_CLEAN
from aaoi_netpol.render.helm_errors import DEBUG_HINT, HelmFailed
from aaoi_netpol.render.manifests import join_documents
from aaoi_netpol.render.pipeline import (
    RenderOutcome,
    RenderRequest,
    render_chart,
)
from aaoi_netpol.render.write_chart import check_destinations, write_output_dir
from aaoi_netpol.reporters import FORMATS
from aaoi_netpol.reporters.safe_text import one_line
from aaoi_netpol.signals import interrupts_unwind
from aaoi_netpol.value_flags import ValueFlags


def _helm_said(text: str) -> str:
    """Helm's stderr, each line prefixed ``helm: `` and escaped: no Helm line can pass for one of ours."""
    return "".join(f"helm: {one_line(line)}\n" for line in text.splitlines())


def _helm_failure(failure: HelmFailed, debug: bool) -> str:
    """The command on one line, then Helm's error (its summary, or with --debug all of it), each of Helm's
    lines marked ``helm: `` (see :func:`_helm_said`)."""
    headline = str(failure)
    lines = failure.report(debug)[len(headline) + 1:].splitlines()
    hint = [line for line in lines if line.strip() == DEBUG_HINT]
    said = _helm_said("\n".join(line.strip() if not debug else line for line in lines if line not in hint))
    return f"error: {one_line(headline)}\n{said}" + "".join(f"{line}\n" for line in hint)


def _emit(outcome: RenderOutcome, policies_only: bool, output_dir: Path | None, write_chart: Path | None) -> None:
    documents = outcome.policies if policies_only else outcome.manifests
    if output_dir is not None:
        names = write_output_dir(documents, output_dir)
        click.echo(f"note: wrote {len(names)} file(s) to {one_line(str(output_dir))}", err=True)
    elif write_chart is None:
        click.echo(join_documents(documents) if policies_only else outcome.stream, nl=False)


@click.command("render")
@click.argument("chart", type=PATH)
@value_flag_options
@chart_options
@click.option("--policies-only", is_flag=True, help="Emit only aaoi-netpol's NetworkPolicy objects.")
@click.option("--output-dir", type=PATH, default=None, metavar="DIR",
              help="Write one file per object (<kind>-<name>.yaml) to DIR instead of stdout.")
@click.option("--write-chart", type=PATH, default=None, metavar="DIR",
              help="Write the chart with the overlay and the networkPolicy schema to DIR, "
                   "ready for `helm upgrade --install`.")
@rule_config_options(FORMATS)
@click.pass_context
def render_command(ctx: click.Context, chart: Path, values: ValueFlags, release: str, namespace: str,
                   helm_path: Path | None, timeout: float, policies_only: bool, output_dir: Path | None,
                   write_chart: Path | None, rule_options: RuleOptions) -> int:
    """Render CHART (a directory or .tgz, never modified) with the NetworkPolicies of the networkPolicy values.

    The values are linted first; error findings stop the render (exit 1). The
    policies are then checked against the rendered workloads: each policy must
    select pods of its component and each AAOI workload must be selected
    (Helm test hook pods are exempt); a failure stops the render (exit 1).
    """
    if policies_only and write_chart is not None and output_dir is None:
        raise click.UsageError("--policies-only selects what is printed or written with --output-dir; "
                               "--write-chart alone prints nothing")
    check_destinations(output_dir, write_chart, chart)
    release_note(ctx)
    obj = ctx.obj if isinstance(ctx.obj, dict) else {}
    values.set_layers  # noqa: B018 - a malformed --set is a usage error before Helm starts
    request = RenderRequest(chart, values, release, namespace, helm_path, kube_context(ctx), write_chart,
                            rule_config=rule_options.resolve, timeout=timeout)
    try:
        with interrupts_unwind():
            outcome = render_chart(request)
    except InvalidConfig:  # its problems are printed
        return EXIT_CANNOT_RUN
    except HelmFailed as failure:
        click.echo(_helm_failure(failure, bool(obj.get("debug"))), nl=False, err=True)
        return EXIT_CANNOT_RUN
    if outcome.helm_stderr:
        click.echo(_helm_said(outcome.helm_stderr), nl=False, err=True)
    if outcome.status != EXIT_CLEAN:
        report_outcome(outcome)
        return outcome.status
    if outcome.lint is not None and outcome.lint.diagnostics:
        report_outcome(outcome)  # warnings only: shown, the render goes on
    elif outcome.gate:
        report_gate(outcome)  # acknowledged openings: warnings, shown on every run
    _emit(outcome, policies_only, output_dir, write_chart)
    for note in outcome.notes:
        click.echo(f"note: {one_line(note)}", err=True)
    return EXIT_CLEAN
