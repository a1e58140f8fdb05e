"""``geo build``: validate the workspace and write its outputs into maps/."""

from __future__ import annotations

from pathlib import Path

import click

from geo.cli.options import handle_errors, workspace_opt


@click.command("build")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Where to write the map [default: WORKSPACE/maps/connectivity.html].")
@click.option("--offline", is_flag=True,
              help="One self-contained file that makes no network request: country outlines "
                   "as the only basemap, no tiles. (Both maps carry their own code.)")
@click.option("--tiles", default=None, metavar="NAME",
              help="Basemap tiles: an xyzservices provider name "
                   "[default: Esri.WorldGrayCanvas]. Ignored with --offline.")
@click.option("--open", "open_browser", is_flag=True,
              help="Open the map in the default web browser once written.")
@click.option("--context", "context_paths", multiple=True, metavar="PATH",
              type=click.Path(dir_okay=False, path_type=str),
              help="A context file (GeoJSON, GeoPackage, KML, CSV with lon/lat or WKT) drawn "
                   "as its own layer under the catalogue. Repeatable.")
@click.option("--layer", "legacy_layer_paths", multiple=True, metavar="PATH", hidden=True,
              type=click.Path(dir_okay=False, path_type=str),
              help="The former name of --context.")
@click.option("--label-field", "label_fields", multiple=True, metavar="FIELD",
              help="Field labelling the features of the --context files: once for all, or "
                   "once per --context in the same order [default: guessed: name, title, "
                   "label...].")
@click.option("--allow-context-outside", "allow_context_outside", is_flag=True,
              help="Read geo.toml [[context]] paths that lead outside the workspace (up a "
                   "folder, absolute, or through a symbolic link). Refused by default: the "
                   "map embeds those files' rows, and a geo.toml from someone else could "
                   "otherwise pull a private file into a map you share. --context files are "
                   "always read.")
@click.option("--drafts", "with_drafts", is_flag=True,
              help="Add the entries of every draft in drafts/ (validated with data/), drawn "
                   "in an unreviewed style with their quotes. The layer files written "
                   "(maps/<layer>.geojson) then include them too, their 'draft' property "
                   "naming the draft. "
                   "Without it, drafts are not read.")
@click.option("--focus", "focus", default=None, metavar="ID",
              help="Also print the link that opens the map on the entity ID (its view and "
                   "popup): the map's file:// address with a #o=ID fragment.")
@workspace_opt
@handle_errors
def command(output: str | None, offline: bool, tiles: str | None, open_browser: bool,
            context_paths: tuple[str, ...], legacy_layer_paths: tuple[str, ...],
            label_fields: tuple[str, ...],
            allow_context_outside: bool, with_drafts: bool, focus: str | None,
            workspace: str) -> None:
    """Validate the workspace and build its outputs in maps/: one GeoJSON file per layer
    (maps/<layer>.geojson, RFC 7946) and the interactive map (maps/connectivity.html).

    Prints the map's path and the number of entities per layer.

    \b
    Example:
      geo build
      geo build --offline -o connectivity-offline.html
      geo build --tiles OpenStreetMap.Mapnik --open
      geo build --drafts
      geo build --focus trans-caspian-cable
      geo build -w my-workspace
    """
    from geo.build import FocusError, build
    from geo.context import ContextSpec
    from geo.context_config import OutsideWorkspaceError
    from geo.webmap import DEFAULT_TILES

    if legacy_layer_paths:
        click.echo("geo: --layer is now --context (--layer will be removed)", err=True)
        if context_paths and len(label_fields) > 1:
            raise click.UsageError("--label-field given once per file: give the files all "
                                   "with --context (their order is lost across --layer and "
                                   "--context)")
        context_paths = (*context_paths, *legacy_layer_paths)
    if label_fields and len(label_fields) not in (1, len(context_paths)):
        raise click.UsageError(f"--label-field given {len(label_fields)} times for "
                               f"{len(context_paths)} --context files: give it once, or once "
                               "per --context")
    labels = (label_fields * len(context_paths) if len(label_fields) == 1
              else label_fields or (None,) * len(context_paths))
    specs = [ContextSpec(Path(p), label_field=label)
             for p, label in zip(context_paths, labels, strict=True)]

    if offline and tiles is not None:
        click.echo("geo: --tiles is ignored with --offline (country outlines are the basemap)",
                   err=True)
    try:
        result = build(workspace, output, offline=offline, tiles=tiles or DEFAULT_TILES,
                       open_browser=open_browser, context=specs,
                       allow_outside_workspace=allow_context_outside, drafts=with_drafts,
                       focus=focus)
    except OutsideWorkspaceError as exc:
        raise OutsideWorkspaceError(f"{exc} (--allow-context-outside)") from None
    except FocusError as exc:
        raise FocusError(f"--focus: {exc}") from None
    for layer in result.context:
        for warning in layer.warnings:
            click.echo(f"geo: warning: {warning}", err=True)
        click.echo(f"geo: context layer {layer.name}: {len(layer)} features from "
                   f"{layer.path}", err=True)
        if layer.tiles is not None:
            click.echo(f"geo: context layer {layer.name}: {layer.tiles.vertices:,} vertices: "
                       f"written as {layer.tiles.tiles:,} vector tiles to {layer.tiles.path} "
                       f"({layer.tiles.size_bytes / 2**20:.1f} MiB); the map reads them when "
                       f"served: geo serve {result.map_path.parent}", err=True)
    for notice in result.notices:  # an interrupted build completed, stale files removed
        click.echo(f"geo: warning: {notice}", err=True)
    # Every layer as maps/<layer>.geojson (RFC 7946), refreshed on each build.
    paths = result.layer_paths
    click.echo(f"geo: wrote {len(paths)} GeoJSON layers to {paths[0].parent}/: "
               + ", ".join(p.name for p in paths), err=True)
    if with_drafts:
        n = sum(result.drafted.values())
        click.echo(f"geo: drafts: {n} drafted entit{'y' if n == 1 else 'ies'} from "
                   f"{len(result.drafted)} draft{'s' if len(result.drafted) != 1 else ''} "
                   "drawn as unreviewed, in the map and the layer files", err=True)
    kind = "offline map" if result.offline else "map"
    click.echo(f"{kind}: {result.map_path} ({result.map_bytes / 1024:.0f} KiB)")
    click.echo(result.summary())
    if result.link is not None:
        click.echo(f"link: {result.link}")
