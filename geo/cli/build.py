"""``geo build``: validate the workspace and write its outputs into maps/."""

from __future__ import annotations

import click

from geo.catalog import load_catalog
from geo.cli.options import handle_errors, workspace_opt
from geo.export import write_layer_files
from geo.layers import build_layers
from geo.workspace import Workspace


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
    # Every layer as maps/<layer>.geojson (RFC 7946), refreshed on each build.
    layers = build_layers(cat)
    paths = write_layer_files(layers, Workspace.at(workspace).maps)
    click.echo(f"geo: wrote {len(paths)} GeoJSON layers to {paths[0].parent}/: "
               + ", ".join(p.name for p in paths), err=True)
