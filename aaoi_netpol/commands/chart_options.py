"""The options that say how a chart is rendered, shared by render, explain and diff."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from aaoi_netpol.commands.duration_param import duration_seconds
from aaoi_netpol.commands.value_options import PATH
from aaoi_netpol.render.pipeline import DEFAULT_NAMESPACE, DEFAULT_RELEASE

F = TypeVar("F", bound=Callable[..., Any])


def chart_options(command: F) -> F:
    """``--release``, ``-n/--namespace`` (HELM_NAMESPACE), ``--helm`` and ``--timeout``."""
    for option in reversed([
        click.option("--release", default=DEFAULT_RELEASE, show_default=True, metavar="NAME",
                     help="Release name (pod labels depend on it: use the name you install with)."),
        click.option("-n", "--namespace", envvar="HELM_NAMESPACE", default=DEFAULT_NAMESPACE, show_default=True,
                     metavar="NS", help="Release namespace (Helm's -n / HELM_NAMESPACE)."),
        click.option("--helm", "helm_path", type=PATH, default=None, metavar="PATH",
                     help="The helm binary (default: $HELM_BIN when run by Helm, else helm on PATH)."),
        click.option("--timeout", default="5m", show_default=True, metavar="DURATION", callback=duration_seconds,
                     help="Stop helm after this long (Helm's syntax: 300ms, 1m30s, 5m, 1h); exit 2."),
    ]):
        command = option(command)
    return command


def release_note(ctx: click.Context) -> None:
    """Say on stderr that the default release name is used (selectors depend on it)."""
    if ctx.get_parameter_source("release") is click.core.ParameterSource.DEFAULT:
        click.echo(f"note: no --release given, rendering as release '{DEFAULT_RELEASE}'", err=True)


def kube_context(ctx: click.Context) -> str | None:
    obj = ctx.obj if isinstance(ctx.obj, dict) else {}
    found = obj.get("kube_context")
    return found if isinstance(found, str) else None
