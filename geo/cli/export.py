"""``geo export``: the catalogue's layers as GeoJSON, GeoJSON text sequences, GPKG or CSV."""

from __future__ import annotations

import sys

import click

from geo.cli.options import (
    GeoClickError,
    compact_opt,
    handle_errors,
    indent_opt,
    precision_opt,
    stdout_failed,
    with_option,
    workspace_opt,
)
from geo.errors import InputError
from geo.names import EXPORT_FORMATS, LAYER_NAMES, TEXT_EXPORT_FORMATS

#: The option that writes CSV for spreadsheets (``geo export``, ``geo measure``).
csv_safe_opt = click.option(
    "--csv-safe", is_flag=True,
    help="CSV for spreadsheets: prefix text cells that begin with =, +, -, @, tab or CR "
         "with ' so that they are not run as formulas (the values then differ from the "
         "source's).")


@click.command("export")
@click.option("--layer", "layer_names", multiple=True, type=click.Choice(LAYER_NAMES),
              help="Export this layer (repeatable). Default: every layer.")
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="Output format. Default: from the -o file's suffix "
                   "(.geojson/.json, .geojsonl/.geojsons/.geojsonseq/.ndjson, .gpkg, .csv); "
                   "geojson on stdout.")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=str), default=None,
              help="Output file (a symbolic link is written through); '-' or nothing: "
                   "stdout (not for gpkg).")
@precision_opt
@indent_opt
@compact_opt
@click.option("--rs/--no-rs", default=False,
              help="geojsonseq: put RS (0x1E) before each feature (RFC 8142); "
                   "default: newline-delimited.")
@csv_safe_opt
@click.option("--overwrite", is_flag=True, help="Replace an existing output file.")
@workspace_opt
@handle_errors
def command(layer_names: tuple[str, ...], fmt: str | None, output: str | None, precision: int,
            indent: int | None, compact: bool, rs: bool, csv_safe: bool, overwrite: bool,
            workspace: str) -> None:
    """Export the catalogue's layers (sites, routes, corridors, organisations,
    agreements) as RFC 7946 GeoJSON, an RFC 8142 GeoJSON text sequence, a GeoPackage
    (one table per layer) or CSV (lon/lat for points, WKT for every row).

    Every feature carries its entity id and its sources. Lines crossing ±180° are
    split there; coordinates are WGS84 lon/lat rounded to --precision decimals.

    \b
    Example:
      geo export > connectivity.geojson
      geo export --layer routes --indent 2
      geo export --format geojsonseq --rs | jq --seq .properties.id
      geo export -o connectivity.gpkg
      geo export --layer sites --format csv -o sites.csv --overwrite
      geo export --format csv --csv-safe -o for-a-spreadsheet.csv
    """
    # geopandas and the catalogue load only when there is something to do (not for --help)
    from geo.catalog import load_catalog
    from geo.export import check_output, check_precision, render_export, save_export
    from geo.layers import build_layers

    to_stdout = output is None or output == "-"
    if to_stdout:
        fmt = fmt or "geojson"
    else:
        try:
            fmt = check_output(output, fmt, overwrite)
        except InputError as exc:
            message = with_option(exc)
            if message.endswith("or name the format"):
                message += " with --format"
            raise GeoClickError(message, 2) from None
    check_precision(precision)
    if fmt not in TEXT_EXPORT_FORMATS and to_stdout:
        raise GeoClickError(f"{fmt} is a binary file format, not for stdout: "
                            "name the file with -o PATH", 2)
    if indent is not None and compact:
        raise GeoClickError("--indent and --compact exclude each other: give one", 2)
    if fmt == "geojsonseq" and indent is not None:
        raise GeoClickError("--indent does not apply to geojsonseq "
                            "(one feature per line)", 2)
    if fmt != "geojsonseq" and rs:
        raise GeoClickError("--rs applies only to --format geojsonseq", 2)
    if fmt not in ("geojson", "geojsonseq") and (indent is not None or compact):
        raise GeoClickError(f"--indent/--compact apply only to GeoJSON, not {fmt}", 2)
    if fmt != "csv" and csv_safe:
        raise GeoClickError(f"--csv-safe applies only to --format csv, not {fmt}", 2)

    cat = load_catalog(workspace)
    layers = build_layers(cat, layer_names or None)
    count = sum(len(f) for f in layers.values())
    if to_stdout:
        rendered = render_export(layers, fmt, precision, indent, compact, rs, csv_safe)
        # The bytes themselves, not the text layer: UTF-8 whatever the locale says, and no
        # newline translation (click 8.5 deprecates get_binary_stream for the same).
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(rendered.text.encode("utf-8"))
            sys.stdout.buffer.flush()
        except OSError as exc:  # /dev/full, a closed pipe
            stdout_failed(exc)
        formula_cells = rendered.formula_cells
    else:
        saved = save_export(layers, output, fmt, precision, indent, compact, rs, overwrite,
                            spreadsheet_safe=csv_safe)
        formula_cells = saved.formula_cells
        click.echo(f"geo: wrote {count} features ({', '.join(layers)}) as {fmt} to "
                   f"{saved.path}", err=True)
    if not csv_safe:
        warn_formula_cells(formula_cells)


def warn_formula_cells(formula_cells: int) -> None:
    """Warn on stderr, if there are any, of CSV cells that a spreadsheet may run as a
    formula, and of the option that defuses them (every command that writes CSV)."""
    if formula_cells:
        cells = "cell begins" if formula_cells == 1 else "cells begin"
        click.echo(f"geo: warning: {formula_cells} CSV {cells} with =, +, -, @, tab or CR, "
                   "which a spreadsheet may run as a formula; --csv-safe prefixes them "
                   "with ' for spreadsheets", err=True)

