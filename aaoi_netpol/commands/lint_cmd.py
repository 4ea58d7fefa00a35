"""``lint FILES…``: layered values checked against the schema and the rules."""

from __future__ import annotations

import os
from pathlib import Path

import click

from aaoi_netpol.commands.value_options import PATH, value_flag_options
from aaoi_netpol.config import ConfigError, RuleConfig, apply_config, from_command_line
from aaoi_netpol.config_file import effective_config
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
@click.option("--strict/--no-strict", default=None, help="Warnings fail too (exit 1). Default: off, or the config's.")
@click.option("--disable", multiple=True, metavar="RULE", help="Do not report RULE (repeatable, or NP010,NP011).")
@click.option("--severity", multiple=True, metavar="RULE=LEVEL",
              help="Report RULE as warning or error (repeatable).")
@click.option("--config", "config_path", type=PATH, default=None,
              metavar="FILE", help="Config file (.netpol.yaml or pyproject.toml). Default: the first "
                                   ".netpol.yaml or [tool.aaoi-netpol] from the working directory upward.")
@click.option("--no-config", is_flag=True, help="Use no config file.")
@click.option("--fix", is_flag=True, help="Apply the certain fixes (rules marked fixable) to the file each value "
                                          "came from, changing only those lines; then report what remains.")
@click.option("--diff", "show_diff", is_flag=True, help="With --fix: print the fixes as a unified diff, write nothing.")
def lint_command(files: tuple[Path, ...], values: ValueFlags, chart: Path | None,
                 output_format: str | None, strict: bool | None, disable: tuple[str, ...],
                 severity: tuple[str, ...], config_path: Path | None, no_config: bool, fix: bool,
                 show_diff: bool) -> int:
    """Check AAOI values files: each FILE is layered over the chart defaults (and the -f files)."""
    if not files and not values.files:
        raise click.UsageError("give at least one values file (FILES or -f)")
    if show_diff and (not fix or chart is not None):
        raise click.UsageError("--diff previews --fix (and cannot be combined with --chart, which renders the files "
                               "as they are on disk)")
    try:
        config = effective_config(from_command_line(disable, severity, strict, output_format),
                                  config_path, not no_config, Path.cwd(), FORMATS)
    except ConfigError as error:
        for problem in error.problems:
            click.echo(one_line(problem), err=True)
        return EXIT_CANNOT_RUN
    values.set_layers  # noqa: B018 - a malformed --set is a usage error before anything is read
    report = lint_paths(files, LintOptions(values, chart))
    if fix:
        report = apply_fixes(files, LintOptions(values, chart), report, config, preview=show_diff)
    if chart is not None:  # the rendered-output checks need helm: only then load the render machinery
        from aaoi_netpol.render.rendered_findings import add_rendered_findings

        add_rendered_findings(report, chart, (click.get_current_context().obj or {}).get("kube_context"))
    report = apply_config(report, config)
    click.echo(reporter(resolve_format(config.output_format or "text", os.environ))(report), nl=False)
    for message in report.input_errors:
        click.echo(f"error: {one_line(message)}", err=True)
    return exit_code(report, bool(config.strict))
