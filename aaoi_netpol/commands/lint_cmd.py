"""``lint FILES…``: layered values checked against the schema and the rules."""

from __future__ import annotations

import os
from pathlib import Path

import click

from aaoi_netpol.commands.rule_options import InvalidConfig, RuleOptions, rule_config_options
from aaoi_netpol.commands.value_options import value_flag_options
from aaoi_netpol.config import apply_config
from aaoi_netpol.diagnostics import EXIT_CANNOT_RUN, EXIT_CLEAN, EXIT_FINDINGS
from aaoi_netpol.lint import LintOptions, LintReport, lint_paths
from aaoi_netpol.reporters import FORMATS, reporter, resolve_format
from aaoi_netpol.value_flags import ValueFlags


def exit_code(report: LintReport, strict: bool) -> int:
    if report.input_errors:
        return EXIT_CANNOT_RUN
    if report.has_errors() or (strict and report.has_warnings()):
        return EXIT_FINDINGS
    return EXIT_CLEAN


@click.command("lint")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@value_flag_options
@click.option("--chart", type=click.Path(path_type=Path), default=None, metavar="PATH",
              help="Layer over this chart's values.yaml instead of the bundled AAOI 4.5.0 defaults, and render "
                   "the chart with the overlay to check the policies against its workloads (NP900).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="text (default), json, github (workflow commands), sarif (SARIF 2.1.0), "
                   "auto (github under GitHub Actions, else text).")
@rule_config_options(FORMATS)
def lint_command(files: tuple[Path, ...], values: ValueFlags, chart: Path | None,
                 output_format: str | None, rule_options: RuleOptions) -> int:
    """Check AAOI values files: each FILE is layered over the chart defaults (and the -f files)."""
    try:
        rule_config = rule_options.resolve()
    except InvalidConfig:
        return EXIT_CANNOT_RUN
    if not files and not values.files:
        raise click.UsageError("give at least one values file (FILES or -f)")
    values.set_layers  # noqa: B018 - a malformed --set is a usage error before anything is read
    if chart is not None:  # not the AAOI chart: one line and exit 2, before anything is read or rendered
        from aaoi_netpol.render.chart_identity import check_chart_identity

        check_chart_identity(chart)
    report = apply_config(lint_paths(files, LintOptions(values, chart)), rule_config)
    if chart is not None:  # the rendered-output checks need helm: only then load the render machinery
        from aaoi_netpol.render.rendered_findings import add_rendered_findings

        obj = click.get_current_context().obj or {}
        add_rendered_findings(report, chart, obj.get("kube_context"), bool(obj.get("debug")))
        report = apply_config(report, rule_config)
    click.echo(reporter(resolve_format(rule_config.output_format or "text", os.environ))(report), nl=False)
    for message in report.input_errors:
        click.echo(f"error: {message}", err=True)
    return exit_code(report, bool(rule_config.strict))
