"""The rule-configuration options shared by ``lint`` and ``render``, so one values file gets one verdict.

``--disable``, ``--severity``, ``--strict/--no-strict``, ``--config`` and
``--no-config`` are declared once here and resolved with the config file
(``.netpol.yaml`` / ``[tool.aaoi-netpol]``) into one
:class:`~aaoi_netpol.config.RuleConfig`, handed to the command as
``rule_config``. Locked rules stay locked (:mod:`aaoi_netpol.config`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from aaoi_netpol.config import ConfigError, RuleConfig, from_command_line
from aaoi_netpol.config_file import effective_config
from aaoi_netpol.diagnostics import EXIT_CANNOT_RUN

F = TypeVar("F", bound=Callable[..., Any])


def resolve_rule_config(disable: tuple[str, ...], severity: tuple[str, ...], strict: bool | None,
                        output_format: str | None, config_path: Path | None, no_config: bool,
                        formats: tuple[str, ...]) -> RuleConfig:
    """The command line over the config file; ConfigError (every problem located) or InputError: exit 2."""
    return effective_config(from_command_line(disable, severity, strict, output_format),
                            config_path, not no_config, Path.cwd(), formats)


def report_config_error(error: ConfigError) -> None:
    for problem in error.problems:
        click.echo(problem, err=True)


def rule_config_options(formats: tuple[str, ...]) -> Callable[[F], F]:
    """The shared options; the command receives ``rule_config: RuleConfig`` (and ``output_format`` as typed).

    A config problem is printed, every one at its place, and the command exits 2 before it runs.
    """

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def with_rule_config(*args: Any, disable: tuple[str, ...], severity: tuple[str, ...], strict: bool | None,
                             config_path: Path | None, no_config: bool, **kwargs: Any) -> Any:
            try:
                rule_config = resolve_rule_config(disable, severity, strict, kwargs.get("output_format"),
                                                  config_path, no_config, formats)
            except ConfigError as error:
                report_config_error(error)
                return EXIT_CANNOT_RUN
            return command(*args, rule_config=rule_config, **kwargs)

        wrapped: Any = with_rule_config
        for option in reversed([
            click.option("--strict/--no-strict", default=None,
                         help="Warnings fail too (exit 1). Default: off, or the config's."),
            click.option("--disable", multiple=True, metavar="RULE",
                         help="Do not report RULE (repeatable, or NP010,NP011). Locked rules cannot be disabled."),
            click.option("--severity", multiple=True, metavar="RULE=LEVEL",
                         help="Report RULE as warning or error (repeatable)."),
            click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
                         metavar="FILE", help="Config file (.netpol.yaml or pyproject.toml). Default: the first "
                                              ".netpol.yaml or [tool.aaoi-netpol] from the working directory "
                                              "upward."),
            click.option("--no-config", is_flag=True, help="Use no config file."),
        ]):
            wrapped = option(wrapped)
        result: F = wrapped
        return result

    return decorate
