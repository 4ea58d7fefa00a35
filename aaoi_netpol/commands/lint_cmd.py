"""``lint FILES…``: layered values checked against the schema and the rules."""

from __future__ import annotations

import os
from pathlib import Path

import click

from aaoi_netpol.commands.rule_options import InvalidConfig, RuleOptions, rule_config_options
from aaoi_netpol.commands.value_options import PATH, value_flag_options
from aaoi_netpol.config import RuleConfig, apply_config
from aaoi_netpol.diagnostics import EXIT_CANNOT_RUN, EXIT_CLEAN, EXIT_FINDINGS
from aaoi_netpol.lint import LintOptions, LintReport, lint_paths
from aaoi_netpol.reporters import FORMATS, reporter, resolve_format
from aaoi_netpol.reporters.safe_text import one_line
from aaoi_netpol.value_flags import ValueFlags


def exit_code(report: LintReport, strict: bool) -> int:
    if report.input_errors:
        return EXIT_CANNOT_RUN
    if report.has_errors() or (strict and report.has_warnings()):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def apply_fixes(files: tuple[Path, ...], options: LintOptions, report: LintReport, config: RuleConfig,
                preview: bool) -> LintReport:
    """--fix: apply the certain fixes of the reported findings (--diff: print them), then what remains."""
    from aaoi_netpol.authoring.fix_plan import finding_key
    from aaoi_netpol.authoring.fix_run import run_fixes

    reported = {finding_key(diagnostic) for diagnostic in apply_config(report, config).diagnostics}
    outcome = run_fixes(files, options, report, reported, write=not preview)
    if preview:
        click.echo(outcome.diffs(), nl=False)
    for line in outcome.fix_lines(preview):
        click.echo(line, err=True)
    outcome.remaining.input_errors += outcome.write_errors
    return outcome.remaining


@click.command("lint")
@click.argument("files", nargs=-1, type=PATH)
@value_flag_options
@click.option("--chart", type=PATH, default=None, metavar="PATH",
              help="Layer over this chart's values.yaml instead of the bundled AAOI 4.5.0 defaults, and render "
                   "the chart with the overlay to check the policies against its workloads (NP900).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="text (default), json, github (workflow commands), sarif (SARIF 2.1.0), "
                   "auto (github under GitHub Actions, else text).")
@rule_config_options(FORMATS)
@click.option("--fix", is_flag=True, help="Apply the certain fixes (rules marked fixable) to the file each value "
                                          "came from, changing only those lines; then report what remains.")
@click.option("--diff", "show_diff", is_flag=True, help="With --fix: print the fixes as a unified diff, write nothing.")
def lint_command(files: tuple[Path, ...], values: ValueFlags, chart: Path | None,
                 output_format: str | None, rule_options: RuleOptions, fix: bool, show_diff: bool) -> int:
    """Check AAOI values files: each FILE is layered over the chart defaults (and the -f files)."""
    try:
        rule_config = rule_options.resolve()
    except InvalidConfig:
        return EXIT_CANNOT_RUN
    if not files and not values.files:
        raise click.UsageError("give at least one values file (FILES or -f)")
    if show_diff and (not fix or chart is not None):
        raise click.UsageError("--diff previews --fix (and cannot be combined with --chart, which renders the files "
                               "as they are on disk)")
    values.set_layers  # noqa: B018 - a malformed --set is a usage error before anything is read
    if chart is not None:  # not the AAOI chart: one line and exit 2, before anything is read or rendered
        from aaoi_netpol.render.chart_identity import check_chart_identity

        check_chart_identity(chart)
    report = lint_paths(files, LintOptions(values, chart))
    if fix:
        report = apply_fixes(files, LintOptions(values, chart), report, rule_config, preview=show_diff)
    report = apply_config(report, rule_config)
    if chart is not None:  # the rendered-output checks need helm: only then load the render machinery
        from aaoi_netpol.render.rendered_findings import add_rendered_findings

        obj = click.get_current_context().obj or {}
        add_rendered_findings(report, chart, obj.get("kube_context"), bool(obj.get("debug")))
        report = apply_config(report, rule_config)
    click.echo(reporter(resolve_format(rule_config.output_format or "text", os.environ))(report), nl=False)
    for message in report.input_errors:
        click.echo(f"error: {one_line(message)}", err=True)
    return exit_code(report, bool(rule_config.strict))
