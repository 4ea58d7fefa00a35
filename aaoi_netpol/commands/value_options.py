"""The Helm-style value flags shared by lint and render, handed to the command as one ValueFlags."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from aaoi_netpol.value_flags import ValueFlags

F = TypeVar("F", bound=Callable[..., Any])
# A path taken as typed: click checks nothing (its readability check is a usage error that stops every
# file); reading it reports a missing or unreadable file as that file's one-line input error (exit 2).
PATH = click.Path(path_type=Path, readable=False)


def value_flag_options(command: F) -> F:
    """``-f/--values``, ``--set``, ``--set-string``, ``--set-json``, passed on as ``values: ValueFlags``."""

    @functools.wraps(command)
    def with_value_flags(*args: Any, value_files: tuple[Path, ...], set_values: tuple[str, ...],
                         set_strings: tuple[str, ...], set_json: tuple[str, ...], **kwargs: Any) -> Any:
        return command(*args, values=ValueFlags(value_files, set_values, set_strings, set_json), **kwargs)

    wrapped: Any = with_value_flags
    for option in reversed([
        click.option("-f", "--values", "value_files", multiple=True, type=PATH,
                     metavar="FILE", help="Values file layered like `helm install -f a -f b` (repeatable)."),
        click.option("--set", "set_values", multiple=True, metavar="KEY=VAL", help="As helm --set."),
        click.option("--set-string", "set_strings", multiple=True, metavar="KEY=VAL",
                     help="As helm --set-string."),
        click.option("--set-json", "set_json", multiple=True, metavar="KEY=JSON", help="As helm --set-json."),
    ]):
        wrapped = option(wrapped)
    result: F = wrapped
    return result
