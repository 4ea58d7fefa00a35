"""The rule-configuration options shared by ``lint`` and ``render``, so one values file gets one verdict.

``--disable``, ``--severity``, ``--strict/--no-strict``, ``--config`` and
``--no-config`` are declared once here and resolved with the config file
(``.netpol.yaml`` / ``[tool.aaoi-netpol]``) into one
:class:`~aaoi_netpol.config.RuleConfig`. Locked rules stay locked
(:mod:`aaoi_netpol.config`). The command receives :class:`RuleOptions`;
``lint`` resolves them at once, ``render`` once Helm has started (resolving
loads the rule registry).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from aaoi_netpol.diagnostics import InputError
from aaoi_netpol.reporters.safe_text import one_line

if TYPE_CHECKING:
    from aaoi_netpol.config import RuleConfig

F = TypeVar("F", bound=Callable[..., Any])


class InvalidConfig(InputError):
    """The configuration was refused; its problems are already printed, one per line (exit 2)."""


@dataclass(frozen=True)
class RuleOptions:
    """The options as typed, and the formats the config file's ``format:`` may name."""

    disable: tuple[str, ...] = ()
    severity: tuple[str, ...] = ()
    strict: bool | None = None
    output_format: str | None = None
    config_path: Path | None = None
    no_config: bool = False
    formats: tuple[str, ...] = ()

    def resolve(self) -> RuleConfig:
        """The command line over the config file; every config problem printed at its place, then
        InvalidConfig; a bad --disable/--severity is an InputError (exit 2 either way)."""
        from aaoi_netpol.config import ConfigError, from_command_line
        from aaoi_netpol.config_file import effective_config

        try:
            return effective_config(from_command_line(self.disable, self.severity, self.strict, self.output_format),
                                    self.config_path, not self.no_config, Path.cwd(), self.formats)
        except ConfigError as error:
            for problem in error.problems:
                click.echo(one_line(problem), err=True)
            raise InvalidConfig(f"{len(error.problems)} problem(s) in the configuration") from None


def rule_config_options(formats: tuple[str, ...]) -> Callable[[F], F]:
    """The shared options; the command receives ``rule_options: RuleOptions`` (with ``output_format`` if it
    has a --format option)."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def with_rule_options(*args: Any, disable: tuple[str, ...], severity: tuple[str, ...], strict: bool | None,
                              config_path: Path | None, no_config: bool, **kwargs: Any) -> Any:
            options = RuleOptions(disable, severity, strict, kwargs.get("output_format"), config_path, no_config,
                                  formats)
            return command(*args, rule_options=options, **kwargs)

        wrapped: Any = with_rule_options
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
