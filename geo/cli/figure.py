"""``geo figure``: a static map of the catalogue (SVG, PNG or PDF) with its alt text."""

from __future__ import annotations

from pathlib import Path

import click

from geo.cli.options import GeoClickError, handle_errors, workspace_opt
from geo.errors import InputError
from geo.names import LAYER_NAMES


def _flag(flag: str, exc: InputError) -> GeoClickError:
    return GeoClickError(f"{flag}: {exc}", 2)


def _about_extent_ids(message: str, extent_ids: tuple[str, ...]) -> bool:
    """Whether the library's ``message`` is about one of the ``--extent`` ids (an id no
    entity has, or an entity with no place on the map: ``geo.figure.marks``)."""
    return any(message.startswith((f"unknown id {eid!r}:", f"{eid}: has no place on the map"))
               for eid in extent_ids)


@click.command("figure")
@click.option("-o", "--output", type=click.Path(path_type=str), default=None,
              help="Where to write the figure (a symbolic link is written through) "
                   "[default: WORKSPACE/maps/figure.<format>]. Its alt text goes beside it, "
                   "as <stem>.alt.txt ('-', stdout, is refused: the figure needs its alt "
                   "text beside it).")
@click.option("-f", "--format", "fmt", default=None, metavar="svg|png|pdf",
              help="Output format [default: from the -o file's suffix, else svg].")
@click.option("--extent", "extent_ids", multiple=True, metavar="ID",
              help="Frame the figure on these catalogue entities (site, route, corridor, "
                   "organisation or agreement ids; repeatable) [default: everything drawn].")
@click.option("--bbox", default=None, metavar="W,S,E,N",
              help="Frame the figure on this box, WGS84 degrees (W > E: across ±180°).")
@click.option("--title", default=None, help="Title [default: Telecom connectivity].")
@click.option("--subtitle", default=None,
              help="Subtitle [default: what the map shows, e.g. '25 sites · 3 routes'; '' "
                   "for none].")
@click.option("--notes", default=None, help="A note under the legend (a paragraph).")
@click.option("--layer", "layer_names", multiple=True, metavar="NAME",
              help=f"Draw this catalogue layer ({', '.join(LAYER_NAMES)}; repeatable) "
                   "[default: every layer].")
@click.option("--context", "context_paths", multiple=True, metavar="PATH",
              help="A context file (GeoJSON, GeoPackage, KML, CSV with lon/lat or WKT) drawn "
                   "under the catalogue, after geo.toml's; its licence goes in the credits. "
                   "Repeatable.")
@click.option("--width", "width_px", default="1200", show_default=True, metavar="PX",
              help="Width of the figure in CSS pixels (480 to 8000).")
@click.option("--scale", default="1", show_default=True, metavar="1|2",
              help="Pixel density of a PNG: 2 doubles its pixels, same layout.")
@click.option("--theme", default="light", show_default=True, metavar="light|dark|print",
              help="Colours: light, dark, or print (white sea, grey land, black text).")
@click.option("--locator/--no-locator", default=None,
              help="Add (or leave out) the locator inset, a small world map showing where "
                   "the map is [default: on regional maps only].")
@click.option("--drafts", "with_drafts", is_flag=True,
              help="Add the entries of every draft in drafts/, drawn as unreviewed.")
@click.option("--allow-context-outside", "allow_context_outside", is_flag=True,
              help="Read geo.toml [[context]] paths that lead outside the workspace.")
@workspace_opt
@handle_errors
def command(output: str | None, fmt: str | None, extent_ids: tuple[str, ...],
            bbox: str | None, title: str | None, subtitle: str | None, notes: str | None,
            layer_names: tuple[str, ...], context_paths: tuple[str, ...], width_px: str,
            scale: str, theme: str, locator: bool | None, with_drafts: bool,
            allow_context_outside: bool, workspace: str) -> None:
    """Draw a static map of the catalogue for articles and reports: SVG (text stays
    text), PNG (1x or 2x) or PDF, made offline, the same bytes for the same input.

    The map uses the web map's styles over Natural Earth country outlines, in a projection
    suited to its extent (Equal Earth for the world, Lambert conformal conic or azimuthal
    equal-area for regions), with a legend of what it shows, a scale bar true at its
    centre, labels placed without overlaps, the articles it draws on and the credits. An
    alt-text file (one paragraph saying what the figure shows) is written beside it.

    \b
    Example:
      geo figure -o docs/figure.png
      geo figure --extent digital-silk-way --title "The Digital Silk Way" -o dsw.svg
      geo figure --bbox 20,35,60,55 --layer routes --layer corridors -o caspian.pdf
      geo figure --theme print --format pdf
      geo figure --context cables.geojson --scale 2 -o cables.png
    """
    from geo.context import ContextSpec
    from geo.context_config import OutsideWorkspaceError
    from geo.figure.make import make_figure
    from geo.figure.options import FigureOptions, check_layers, format_for, parse_bbox

    if output == "-":
        raise GeoClickError("-o -: a figure is written to a file, with its alt text beside "
                            "it, not to stdout; name the file with -o PATH", 2)
    try:
        box = parse_bbox(bbox) if bbox is not None else None
    except InputError as exc:
        raise _flag("--bbox", exc) from None
    try:
        layers = check_layers(layer_names) if layer_names else None
    except InputError as exc:
        raise _flag("--layer", exc) from None
    try:
        fmt = format_for(output, fmt)
    except InputError as exc:
        message = str(exc)
        if message.startswith("unknown format"):
            raise _flag("--format", exc) from None
        if message.endswith("or name the format"):
            message += " with --format"
        raise GeoClickError(message, 2) from None
    if extent_ids and box is not None:
        raise GeoClickError("--extent and --bbox exclude each other: give one", 2)
    numbers = {}
    for flag, text, expected in (("--width", width_px, "a whole number of pixels"),
                                 ("--scale", scale, "1 or 2")):
        try:
            numbers[flag] = int(text.strip())
        except ValueError:
            raise GeoClickError(f"{flag}: expected {expected}, not {text!r}", 2) from None
    options = FigureOptions(format=fmt, extent_ids=extent_ids, bbox=box, title=title,
                            subtitle=subtitle, notes=notes, layers=layers,
                            width_px=numbers["--width"], scale=numbers["--scale"], theme=theme,
                            locator=locator)
    try:
        options = options.checked()
    except InputError as exc:
        message = str(exc)
        for flag, start in (("--theme", "unknown theme"), ("--scale", "scale "),
                            ("--width", "width "), ("--title", "title:"),
                            ("--subtitle", "subtitle:"), ("--notes", "notes:")):
            if message.startswith(start):
                message = message.removeprefix(start) if start.endswith(":") else message
                raise GeoClickError(f"{flag}:{'' if message.startswith(' ') else ' '}"
                                    f"{message}", 2) from None
        raise
    if options.scale != 1 and fmt != "png":
        click.echo(f"geo: --scale applies to PNG only; {fmt} is drawn in vector form",
                   err=True)
    specs = [ContextSpec(Path(p)) for p in context_paths]
    try:
        result = make_figure(workspace, output, options, context=specs,
                             allow_outside_workspace=allow_context_outside, drafts=with_drafts)
    except OutsideWorkspaceError as exc:
        raise OutsideWorkspaceError(f"{exc} (--allow-context-outside)") from None
    except InputError as exc:
        if _about_extent_ids(str(exc), extent_ids):
            raise _flag("--extent", exc) from None
        raise
    for layer in result.context:
        for warning in layer.warnings:
            click.echo(f"geo: warning: {warning}", err=True)
    for warning in result.figure.warnings:
        click.echo(f"geo: warning: {warning}", err=True)
    click.echo(result.summary())
