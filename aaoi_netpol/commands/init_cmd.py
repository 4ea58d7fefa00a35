"""``init VALUES…``: write a networkPolicy section into each values file, derived from its own values."""

from __future__ import annotations

from pathlib import Path

import click

from aaoi_netpol.diagnostics import EXIT_CANNOT_RUN, EXIT_CLEAN, EXIT_INTERNAL
from aaoi_netpol.model.ingress_controllers import BY_CLASS, BY_CONTROLLER

# a controller by its name, or by an Ingress class it serves (nginx, alb, gce, ...)
CONTROLLER_CHOICES = [*BY_CONTROLLER, *(cls for cls in BY_CLASS if cls not in BY_CONTROLLER)]


@click.command("init")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="VALUES...")
@click.option("--ingress-controller", "controller", type=click.Choice(CONTROLLER_CHOICES), default=None,
              metavar="NAME", help="The Ingress controller that serves the chart's Ingress objects, by name or by a "
                                   f"class it serves: {', '.join(CONTROLLER_CHOICES)} (default: from each Ingress's "
                                   "class in the values).")
@click.option("--chart", type=click.Path(path_type=Path), default=None, metavar="PATH",
              help="Read the defaults from this chart's values.yaml instead of the bundled AAOI 4.5.0 defaults.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the change as a unified diff; write nothing.")
def init_command(files: tuple[Path, ...], controller: str | None, chart: Path | None, show_diff: bool) -> int:
    """Add a networkPolicy section to values files that have none; every other line stays as it is."""
    from aaoi_netpol.authoring.init_run import init_file

    if controller is not None and controller not in BY_CONTROLLER:
        controller = BY_CLASS[controller].name
    code = EXIT_CLEAN
    for path in files:
        result = init_file(path, controller, chart, write=not show_diff)
        if result.error or result.internal:
            click.echo(f"error: {result.error or result.internal}", err=True)
            code = max(code, EXIT_CANNOT_RUN if result.error else EXIT_INTERNAL)
            continue
        if show_diff:
            click.echo(result.diff(), nl=False)
        else:
            added = result.new_text.count("\n") - result.old_text.count("\n")
            click.echo(f"{path}: added the networkPolicy section ({added} lines); review it, then run "
                       f"`helm netpol render CHART -f {path}`", err=True)
        for note in result.notes:
            click.echo(f"note: {path}: {note}", err=True)
    return code
