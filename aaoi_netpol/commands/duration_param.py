"""A click option callback for durations in Helm's syntax (``300ms``, ``1m30s``, ``5m``), giving seconds."""

from __future__ import annotations

import click

from aaoi_netpol.durations import DurationError, parse_duration


def duration_seconds(ctx: click.Context, param: click.Parameter, value: str) -> float:
    """The option's value in seconds: a positive duration, else a usage error (exit 2)."""
    try:
        seconds = parse_duration(value)
    except DurationError as error:
        raise click.BadParameter(str(error), ctx, param) from None
    if seconds <= 0:
        raise click.BadParameter(f"{value!r} is not a positive duration", ctx, param)
    return seconds
