"""``geo build``: validate the workspace and write its outputs into maps/."""

from __future__ import annotations

import click

from geo.catalog import load_catalog
from geo.cli.options import handle_errors, workspace_opt


@click.command("build")
@workspace_opt
@handle_errors
def command(workspace: str) -> None:
    """Validate the workspace and build its outputs in maps/.

    \b
    Example:
      geo build
      geo build -w my-workspace
    """
    cat = load_catalog(workspace)
    counts = ", ".join(f"{len(cat.by_kind(k))} {k}" for k in
                       ("sites", "routes", "corridors", "organisations", "agreements"))
    click.echo(f"geo: catalogue valid: {counts}", err=True)
