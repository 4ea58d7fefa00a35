"""``rules``: every rule aaoi-netpol knows — ID, name, default severity, what it catches, how to fix."""

from __future__ import annotations

import click

from aaoi_netpol.rules_doc import FORMATS, render


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: full docs; markdown: the README table, then each rule's docs; json: for tools.")
def rules_command(output_format: str) -> int:
    """List every rule: ID, name, default severity, summary and documentation."""
    click.echo(render(output_format), nl=False)
    return 0
