"""``diff CHART --base OLD… -f NEW…``: connections opened and closed between two values revisions."""

from __future__ import annotations

from pathlib import Path

import click

from aaoi_netpol.commands.chart_options import chart_options, kube_context, release_note
from aaoi_netpol.commands.outcome_report import report_outcome
from aaoi_netpol.commands.value_options import PATH, value_flag_options
from aaoi_netpol.diagnostics import EXIT_CLEAN, EXIT_FINDINGS
from aaoi_netpol.explain.changes import FORMATS, compare, opened_any, render
from aaoi_netpol.explain.pipeline import explain_chart
from aaoi_netpol.render.pipeline import RenderRequest
from aaoi_netpol.value_flags import ValueFlags


@click.command("diff")
@click.argument("chart", type=PATH)
@click.option("--base", "base_files", multiple=True, required=True, type=PATH,
              metavar="FILE", help="A values file of the base revision (repeatable, layered like -f).")
@value_flag_options
@chart_options
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text, markdown (a pull-request comment), json.")
@click.option("--fail-on-open", is_flag=True, help="Exit 1 when any connection is newly opened.")
@click.pass_context
def diff_command(ctx: click.Context, chart: Path, base_files: tuple[Path, ...], values: ValueFlags, release: str,
                 namespace: str, helm_path: Path | None, timeout: float, output_format: str,
                 fail_on_open: bool) -> int:
    """Connections opened and closed between the base values (--base) and the new ones (-f).

    Both revisions are rendered and evaluated like `explain`; --set,
    --set-string and --set-json apply to both. Exit 1 when a revision's values
    have error findings, or with --fail-on-open when a connection is opened.
    """
    values.set_layers  # noqa: B018 - a malformed --set is a usage error before Helm starts
    release_note(ctx)
    base = ValueFlags(base_files, values.set_values, values.set_strings, values.set_json)
    matrices = []
    for label, flags in (("base", base), ("new", values)):
        explained = explain_chart(RenderRequest(chart, flags, release, namespace, helm_path, kube_context(ctx),
                                                   timeout=timeout))
        if explained.matrix is None:
            click.echo(f"error: the {label} revision cannot be evaluated:", err=True)
            report_outcome(explained.outcome, "no diff")
            return EXIT_FINDINGS
        matrices.append(explained.matrix)
    changes = compare(matrices[0], matrices[1])
    click.echo(render(changes, output_format), nl=False)
    return EXIT_FINDINGS if fail_on_open and opened_any(changes) else EXIT_CLEAN
