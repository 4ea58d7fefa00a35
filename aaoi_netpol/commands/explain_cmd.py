"""``explain CHART``: the connections the rendered output allows between AAOI's pods and everyone else."""

from __future__ import annotations

from pathlib import Path

import click

from aaoi_netpol.commands.chart_options import chart_options, kube_context, release_note
from aaoi_netpol.commands.outcome_report import report_gate, report_outcome
from aaoi_netpol.commands.value_options import PATH, value_flag_options
from aaoi_netpol.diagnostics import EXIT_CLEAN, EXIT_FINDINGS
from aaoi_netpol.explain.formats import FORMATS, render
from aaoi_netpol.explain.pipeline import explain_chart
from aaoi_netpol.render.pipeline import RenderRequest
from aaoi_netpol.value_flags import ValueFlags


@click.command("explain")
@click.argument("chart", type=PATH)
@value_flag_options
@chart_options
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table (terminal), json, markdown, mermaid (a graph GitHub renders in a comment).")
@click.pass_context
def explain_command(ctx: click.Context, chart: Path, values: ValueFlags, release: str, namespace: str,
                    helm_path: Path | None, timeout: float, output_format: str) -> int:
    """Render CHART with the values and print which ports every party may open to every AAOI pod.

    Parties: AAOI's components, the Ingress controllers, the peers the values
    declare, an unlabelled pod in the release namespace and in a brand-new
    namespace, an address inside the cluster and one on the internet. The
    gate's findings (NP901-NP903) are printed on stderr; they do not stop the
    matrix. Exit 1 when the values have error findings (nothing to explain).
    """
    values.set_layers  # noqa: B018 - a malformed --set is a usage error before Helm starts
    release_note(ctx)
    explained = explain_chart(RenderRequest(chart, values, release, namespace, helm_path, kube_context(ctx),
                                               timeout=timeout))
    if explained.matrix is None:
        report_outcome(explained.outcome, "nothing to explain")
        return EXIT_FINDINGS
    report_gate(explained.outcome, "shown above")
    click.echo(render(explained.matrix, output_format), nl=False)
    return EXIT_CLEAN
