"""``geo list [KIND]``: the catalogue as a table."""

from __future__ import annotations

import json

import click

from geo.cli.options import handle_errors, workspace_opt
from geo.cli.table import format_table

#: The kinds of entity, as ``geo.schema.KINDS`` names them (its keys, in its order), written
#: out so that ``geo --help`` need not load the schema; a test keeps them equal.
KIND_CHOICES = ("organisations", "sites", "routes", "corridors", "agreements")


@click.command("list")
@click.argument("kind", required=False, type=click.Choice(KIND_CHOICES))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@workspace_opt
@handle_errors
def command(kind: str | None, fmt: str, workspace: str) -> None:
    """List the catalogue's entities (all, or one KIND) with their source counts.

    \b
    Example:
      geo list
      geo list sites
      geo list routes --format json
    """
    from geo.catalog import load_catalog
    from geo.inventory import inventory

    rows = inventory(load_catalog(workspace), kind)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, sort_keys=True))
        return
    columns = ["kind", "id", "name", "type", "status", "where", "articles", "references"]
    if kind is not None:
        columns.remove("kind")
    click.echo(format_table(rows, columns, right=("articles", "references")))
    click.echo(f"{len(rows)} entities", err=True)
