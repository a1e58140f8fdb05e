"""``geo build``: validate the workspace and write its outputs into maps/."""

from __future__ import annotations

import click

from geo.cli.options import handle_errors, workspace_opt


@click.command("build")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Where to write the map [default: WORKSPACE/maps/connectivity.html].")
@click.option("--offline", is_flag=True,
              help="One self-contained file that makes no network request: Leaflet inlined, "
                   "country outlines as the basemap, no measuring tool.")
@click.option("--tiles", default=None, metavar="NAME",
              help="Basemap tiles: an xyzservices provider name "
                   "[default: Esri.WorldGrayCanvas]. Ignored with --offline.")
@click.option("--open", "open_browser", is_flag=True,
              help="Open the map in the default web browser once written.")
@workspace_opt
@handle_errors
def command(output: str | None, offline: bool, tiles: str | None, open_browser: bool,
            workspace: str) -> None:
    """Validate the workspace and build its outputs in maps/: one GeoJSON file per layer
    (maps/<layer>.geojson, RFC 7946) and the interactive map (maps/connectivity.html).

    Prints the map's path and the number of entities per layer.

    \b
    Example:
      geo build
      geo build --offline -o connectivity-offline.html
      geo build --tiles OpenStreetMap.Mapnik --open
      geo build -w my-workspace
    """
    from geo.build import build
    from geo.webmap import DEFAULT_TILES

    if offline and tiles is not None:
        click.echo("geo: --tiles is ignored with --offline (country outlines are the basemap)",
                   err=True)
    result = build(workspace, output, offline=offline, tiles=tiles or DEFAULT_TILES,
                   open_browser=open_browser)
    # Every layer as maps/<layer>.geojson (RFC 7946), refreshed on each build.
    paths = result.layer_paths
    click.echo(f"geo: wrote {len(paths)} GeoJSON layers to {paths[0].parent}/: "
               + ", ".join(p.name for p in paths), err=True)
    kind = "offline map" if result.offline else "map"
    click.echo(f"{kind}: {result.map_path} ({result.map_bytes / 1024:.0f} KiB)")
    click.echo(result.summary())
