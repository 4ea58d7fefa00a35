"""``schema``: print the JSON schema of the networkPolicy section (or of a whole values file)."""

from __future__ import annotations

import json

import click

from aaoi_netpol.schema import section_schema, values_file_schema


@click.command("schema")
@click.option("--values-file", "whole_file", is_flag=True,
              help="The schema of a whole AAOI values file (for editors), not just the section.")
def schema_command(whole_file: bool) -> int:
    """Print the draft-07 JSON schema of the networkPolicy section."""
    document = values_file_schema() if whole_file else section_schema()
    click.echo(json.dumps(document, indent=2))
    return 0
