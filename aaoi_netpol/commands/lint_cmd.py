"""``lint FILES…``: layered values checked against the schema and the rules."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from aaoi_netpol.config import ConfigError, apply_config, from_command_line
from aaoi_netpol.config_file import effective_config
from aaoi_netpol.diagnostics import EXIT_CANNOT_RUN, EXIT_CLEAN, EXIT_FINDINGS
from aaoi_netpol.helm_set import parse_set
from aaoi_netpol.layering import SetLayer
from aaoi_netpol.lint import LintOptions, LintReport, lint_paths
from aaoi_netpol.reporters import FORMATS, reporter, resolve_format
from aaoi_netpol.reporters.safe_text import one_line


def set_layers(set_json: tuple[str, ...], set_values: tuple[str, ...],
               set_strings: tuple[str, ...]) -> tuple[SetLayer, ...]:
    """--set-json, then --set, then --set-string, as Helm applies them."""
    layers: list[SetLayer] = []
    for flag, arguments in (("--set-json", set_json), ("--set", set_values), ("--set-string", set_strings)):
        for number, argument in enumerate(arguments, start=1):
            layers.append(SetLayer(flag, number, tuple(parse_set(argument, flag))))
    return tuple(layers)


F = TypeVar("F", bound=Callable[..., Any])
# A path taken as typed: click checks nothing (its readability check is a usage error that stops every
# file); reading it reports a missing or unreadable file as that file's one-line input error (exit 2).
PATH = click.Path(path_type=Path, readable=False)


def values_options(command: F) -> F:
    """The Helm-style value flags shared by lint and render."""
    for option in reversed([
        click.option("-f", "--values", "value_files", multiple=True, type=PATH,
                     metavar="FILE", help="Values file layered like `helm install -f a -f b` (repeatable)."),
        click.option("--set", "set_values", multiple=True, metavar="KEY=VAL", help="As helm --set."),
        click.option("--set-string", "set_strings", multiple=True, metavar="KEY=VAL",
                     help="As helm --set-string."),
        click.option("--set-json", "set_json", multiple=True, metavar="KEY=JSON", help="As helm --set-json."),
    ]):
        command = option(command)
    return command


def exit_code(report: LintReport, strict: bool) -> int:
    if report.input_errors:
        return EXIT_CANNOT_RUN
    if report.has_errors() or (strict and report.has_warnings()):
        return EXIT_FINDINGS
    return EXIT_CLEAN


@click.command("lint")
@click.argument("files", nargs=-1, type=PATH)
@values_options
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
def lint_command(files: tuple[Path, ...], value_files: tuple[Path, ...], set_values: tuple[str, ...],
                 set_strings: tuple[str, ...], set_json: tuple[str, ...], chart: Path | None,
                 output_format: str | None, strict: bool | None, disable: tuple[str, ...],
                 severity: tuple[str, ...], config_path: Path | None, no_config: bool) -> int:
    """Check AAOI values files: each FILE is layered over the chart defaults (and the -f files)."""
    if not files and not value_files:
        raise click.UsageError("give at least one values file (FILES or -f)")
    try:
        config = effective_config(from_command_line(disable, severity, strict, output_format),
                                  config_path, not no_config, Path.cwd(), FORMATS)
    except ConfigError as error:
        for problem in error.problems:
            click.echo(one_line(problem), err=True)
        return EXIT_CANNOT_RUN
    options = LintOptions(tuple(value_files), set_layers(set_json, set_values, set_strings), chart)
    report = lint_paths(files, options)
    if chart is not None:  # the rendered-output checks need helm: only then load the render machinery
        from aaoi_netpol.render.lint_hook import add_rendered_checks
        from aaoi_netpol.render.pipeline import ValueArgs

        add_rendered_checks(report, files, options, ValueArgs(value_files, set_values, set_strings, set_json),
                            (click.get_current_context().obj or {}).get("kube_context"))
    report = apply_config(report, config)
    click.echo(reporter(resolve_format(config.output_format or "text", os.environ))(report), nl=False)
    for message in report.input_errors:
        click.echo(f"error: {one_line(message)}", err=True)
    return exit_code(report, bool(config.strict))
