"""``geo measure``: geodesic lengths and latency of routes, corridors, files or places."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from geo.cli.export import csv_safe_opt
from geo.cli.options import GeoClickError, handle_errors, workspace_opt
from geo.cli.table import format_table
from geo.names import MEDIA

if TYPE_CHECKING:  # numpy and pyproj load only when something is measured (not for --help)
    from geo.measure import Measurement

CSV_COLUMNS = ["id", "name", "kind", "schematic", "length_m", *(f"{m}_m" for m in MEDIA),
               "slack", "estimate_m", "latency_ms", "rtt_ms", "published_m", "published_text",
               "ratio", "flags", "members", "parts"]


#: Characters that reorder or break a terminal line: bidirectional controls (U+202A-U+202E,
#: U+2066-U+2069, marks), and the line and paragraph separators.
_UNSAFE = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                    "\u2066\u2067\u2068\u2069\u2028\u2029")


def _clean(text: str) -> str:
    """Untrusted text for a terminal: control characters (escape sequences), bidirectional
    controls and line separators become '?'."""
    if text.isprintable():   # no control or format character (the usual case): no scan
        return text
    import unicodedata

    return "".join("?" if c in _UNSAFE or unicodedata.category(c) == "Cc" else c
                   for c in text)


def _km(length_m: float | None) -> str:
    return "" if length_m is None else f"{length_m / 1000:,.3f}"


def _ms(value: float) -> str:
    return f"{value:.3f}"


def _schematic_note(m: Measurement) -> str | None:
    if m.kind == "between" and m.routing == "sea":
        return ("length of the path between the places routed over the sea, as the map "
                "draws a schematic submarine segment (not a surveyed cable route)")
    if m.kind == "between":
        return ("length of the geodesic path between the places (shortest lines on the "
                "ellipsoid), not of a cable route")
    if m.schematic and m.routing == "sea":
        return ("schematic: the length is that of the drawn path between known points "
                "(submarine segments routed over the sea), not of a surveyed cable")
    if m.schematic:
        return ("schematic: the length is that of the drawn path between known points, "
                "not of a surveyed cable")
    return None


def _route_block(m: Measurement) -> str:
    kind = m.kind + (", schematic" if m.schematic and m.kind != "between" else "")
    lines = [_clean(f"{m.id}: {m.name} ({kind})")]
    rows = [{"route": s.route or "", "from": _clean(s.from_), "to": _clean(s.to),
             "via": _clean(", ".join(s.via)), "medium": s.medium, "routing": s.routing,
             "length_km": _km(s.length_m)} for s in m.segments]
    columns = ["from", "to", "via", "medium", "routing", "length_km"]
    if m.kind == "corridor":
        columns.insert(0, "route")
    if not any(r["via"] for r in rows):
        columns.remove("via")
    if all(s.routing == "geodesic" for s in m.segments):
        columns.remove("routing")
    lines.append(format_table(rows, columns, right=("length_km",)))
    media = m.by_medium_m or {}
    split = ", ".join(f"{k} {_km(v)} km" for k, v in media.items() if v > 0)
    lines.append(f"total {_km(m.length_m)} km ({split})")
    if m.slack != 1.0:
        lines.append(f"cable estimate with slack {m.slack:g}: {_km(m.estimate_m)} km")
    lines.append(f"latency one-way {_ms(m.latency_ms)} ms, round trip {_ms(m.rtt_ms)} ms")
    if m.published_m is not None:
        flags = f" [{', '.join(m.flags)}]" if m.flags else ""
        lines.append(f"published {_clean(m.published_text or '')} ({_km(m.published_m)} km); "
                     f"measured/published {m.ratio:.3f}{flags}")
    note = _schematic_note(m)
    if note:
        lines.append(note)
    return "\n".join(lines)


def _feature_table(rows: list[Measurement], source: str,
                   layers: Sequence[str] = ()) -> str:
    slack = any(m.slack != 1.0 for m in rows)
    published = any(m.published_m is not None for m in rows)
    grouped = any(m.kind == "group" for m in rows)
    table = []
    for m in rows:
        table.append({
            "id": _clean(m.id), "name": _clean(m.name) if m.name != m.id else "",
            "features": len(m.members), "parts": m.parts, "length_km": _km(m.length_m),
            "estimate_km": _km(m.estimate_m), "published_km": _km(m.published_m),
            "ratio": "" if m.ratio is None else f"{m.ratio:.3f}",
            "flags": " ".join(m.flags), "one_way_ms": _ms(m.latency_ms), "rtt_ms": _ms(m.rtt_ms),
        })
    columns = ["id", "name", *(["features"] if grouped else []), "parts", "length_km",
               *(["estimate_km"] if slack else []),
               *(["published_km", "ratio", "flags"] if published else []),
               "one_way_ms", "rtt_ms"]
    right = ("features", "parts", "length_km", "estimate_km", "published_km", "ratio",
             "one_way_ms", "rtt_ms")
    lines = [format_table(table, columns, right=right)]
    n = len(rows)
    counted = f"{n} {'group' if grouped else 'feature'}{'s' if n != 1 else ''}"
    if len(layers) > 1:
        # one total per layer: a file's layers may draw one line twice (a corridor over
        # its routes), so their sum would count it twice
        per_layer = ", ".join(
            f"{_clean(layer)} {_km(sum(m.length_m for m in rows if m.id.startswith(layer + ':')))}"
            " km" for layer in layers)
        counted += f" in {len(layers)} layers, each layer's lines in all: {per_layer}"
    else:
        counted += f", {_km(sum(m.length_m for m in rows))} km in all"
    lines.append(f"{counted}; lengths are those of the lines as drawn in {_clean(source)} "
                 "(geodesics on WGS84 between their vertices)")
    if slack:
        lines.append(f"cable estimate = length × slack {rows[0].slack:g}; latency on the "
                     "estimate")
    if published:
        lines.append("ratio = measured / published; flagged where measured > published or "
                     "the ratio is outside 0.7–1.3")
    return "\n".join(lines)


#: Columns of the CSV that hold text (the others hold numbers, booleans or nothing).
CSV_TEXT_COLUMNS = ("id", "name", "kind", "published_text", "flags", "members")


def _csv(rows: list[Measurement], spreadsheet_safe: bool = False) -> tuple[str, int]:
    """The rows as CSV, and how many text cells begin like a formula (prefixed with ``'``
    when ``spreadsheet_safe``: :func:`geo.export_format.formula_safe`, as ``geo export``)."""
    import csv
    import io

    from geo.export_format import formula_safe

    records = [_csv_record(m) for m in rows]
    formula_cells = 0
    for column in CSV_TEXT_COLUMNS:
        values, risky = formula_safe([r[column] for r in records], spreadsheet_safe)
        formula_cells += risky
        for record, value in zip(records, values, strict=True):
            record[column] = value
    buf = io.StringIO()
    writer = csv.DictWriter(buf, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buf.getvalue(), formula_cells


def _csv_record(m: Measurement) -> dict[str, Any]:
    """One row of the CSV (every value text)."""
    d: dict[str, Any] = m.as_dict()
    media = m.by_medium_m or {}
    return {
        "id": m.id, "name": m.name, "kind": m.kind,
        "schematic": "" if m.schematic is None else str(m.schematic).lower(),
        "length_m": repr(m.length_m),
        **{f"{k}_m": repr(v) for k, v in media.items()},
        "slack": repr(m.slack), "estimate_m": repr(m.estimate_m),
        "latency_ms": repr(m.latency_ms), "rtt_ms": repr(m.rtt_ms),
        "published_m": "" if m.published_m is None else repr(m.published_m),
        "published_text": d.get("published_text") or "",
        "ratio": "" if m.ratio is None else repr(m.ratio),
        "flags": " ".join(m.flags), "members": " ".join(m.members),
        "parts": "" if m.parts is None else m.parts,
    }


def _emit(rows: list[Measurement], fmt: str, source: str | None,
          csv_safe: bool = False, layers: Sequence[str] = ()) -> None:
    from geo.measure import LATENCY_ASSUMPTION

    if fmt == "geojson":
        from geo.measure import measurements_geojson

        click.echo(json.dumps(measurements_geojson(rows), ensure_ascii=False))
        click.echo(f"geo: {LATENCY_ASSUMPTION}", err=True)
    elif fmt == "json":
        click.echo(json.dumps([m.as_dict() for m in rows], indent=2, ensure_ascii=False,
                              sort_keys=True))
        click.echo(f"geo: {LATENCY_ASSUMPTION}", err=True)
    elif fmt == "csv":
        from geo.cli.export import warn_formula_cells

        text, formula_cells = _csv(rows, csv_safe)
        click.echo(text, nl=False)
        click.echo(f"geo: {LATENCY_ASSUMPTION}", err=True)
        if not csv_safe:
            warn_formula_cells(formula_cells)
    else:
        if source is None:
            click.echo("\n\n".join(_route_block(m) for m in rows))
        else:
            click.echo(_feature_table(rows, source, layers))
        click.echo(LATENCY_ASSUMPTION)


@click.command("measure", context_settings={"ignore_unknown_options": True})
@click.argument("names", nargs=-1, metavar="[ROUTE_ID | PLACE]...")
@click.option("--file", "file_", metavar="PATH",
              help="Measure the line features of PATH (any file pyogrio reads; '-': GeoJSON "
                   "on stdin, a FeatureCollection, Feature, geometry or LF/RS sequence).")
@click.option("--layer", "layers", metavar="NAME", multiple=True,
              help="With --file: measure this layer (repeatable). Default: every layer that "
                   "holds lines; with several, each id begins with its layer ("
                   "routes:trans-caspian-cable).")
@click.option("--id-field", metavar="NAME",
              help="Attribute naming each feature [default: id, else slug, else name, else "
                   "the feature number].")
@click.option("--group-by", metavar="FIELD",
              help="Sum the features that share a value of FIELD (a cable in several pieces).")
@click.option("--published-field", metavar="NAME",
              help="Attribute holding a published length, e.g. '1,234 km', '850 mi', "
                   "'600 nmi'; a bare number is km, or m if NAME ends in _m ('n.a.': "
                   "none) [default: length].")
@click.option("--between", is_flag=True,
              help="Measure the geodesic path through the places given as arguments: "
                   "catalogue site ids or names, gazetteer places, or lon,lat.")
@click.option("--medium", type=click.Choice(MEDIA), default="unspecified", show_default=True,
              help="With --between: the medium of the path; 'submarine' routes it over the "
                   "sea as the map draws a schematic submarine segment.")
@click.option("--slack", type=click.FloatRange(min=1.0), default=1.0, show_default=True,
              help="Multiply drawn lengths by this to estimate cable length (e.g. 1.1); "
                   "latency is computed on the estimate.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "geojson"]),
              default="table", show_default=True,
              help="Output format; geojson (routes, corridors, --between): the drawn lines "
                   "as an RFC 7946 FeatureCollection.")
@csv_safe_opt
@workspace_opt
@handle_errors
def command(names: tuple[str, ...], file_: str | None, layers: tuple[str, ...],
            id_field: str | None,
            group_by: str | None, published_field: str | None, between: bool, medium: str,
            slack: float, fmt: str, csv_safe: bool, workspace: str) -> None:
    """Geodesic length (WGS84, Karney) and fibre latency of catalogue routes and corridors
    (all of them if none is named), of the line features of a file, or of the path
    through named places.

    A file of several layers (a GeoPackage) is measured in every layer that holds lines,
    or in the layers --layer names; with more than one, each id begins with its layer.

    Lengths are those of the lines as drawn: a schematic route is not a surveyed cable
    (--slack gives an estimate). Latency: one-way length / (c / 1.468), and round trip.

    \b
    Example:
      geo measure
      geo measure digital-silk-way --slack 1.1 --format json
      geo measure --file cables.geojson --group-by cable --published-field length
      geo measure --file connectivity.gpkg --layer routes
      cat cables.geojsons | geo measure --file - --format csv
      geo measure --between Baku Tbilisi Istanbul
      geo measure --between 49.87,40.38 -0.13,51.51
      geo measure --between Sydney Jakarta Singapore --medium submarine --format geojson
    """
    for name in names:
        if name.startswith("-") and len(name) > 1 and not _is_lonlat(name):
            raise click.NoSuchOption(name)
    if csv_safe and fmt != "csv":
        raise GeoClickError(f"--csv-safe applies only to --format csv, not {fmt}", 2)
    if between and file_ is not None:
        raise GeoClickError("--between and --file cannot be used together", 2)
    if medium != "unspecified" and not between:
        raise GeoClickError("--medium applies to --between only", 2)
    if fmt == "geojson" and file_ is not None:
        raise GeoClickError("--format geojson writes drawn routes and paths, not --file "
                            "lines (they are already lines: use the file)", 2)
    if file_ is None:
        for opt, value in (("--layer", layers or None), ("--id-field", id_field),
                           ("--group-by", group_by), ("--published-field", published_field)):
            if value is not None:
                raise GeoClickError(f"{opt} applies to --file only", 2)
    if file_ == "-" and layers:
        raise GeoClickError("--layer applies to a file, not to GeoJSON on stdin (one layer)", 2)
    if file_ is not None:
        if names:
            raise GeoClickError("give either route ids or --file, not both "
                                f"(got {' '.join(names)!r})", 2)
        _measure_file(file_, layers, id_field, group_by, published_field, slack, fmt,
                      csv_safe)
        return
    if between:
        from geo.gazetteer import lookup_place
        from geo.measure import measure_between

        if len(names) < 2:
            raise GeoClickError(f"--between needs at least two places, got {len(names)}", 2)
        rows = [measure_between(list(names), _catalog_if_any(workspace), lookup_place, slack,
                                medium)]
        _emit(rows, fmt, None, csv_safe)
        return
    from geo.catalog import load_catalog
    from geo.measure import measure_catalog

    _emit(measure_catalog(load_catalog(workspace), list(names), slack), fmt, None, csv_safe)


def _is_lonlat(text: str) -> bool:
    from geo.measure import parse_lonlat

    try:
        return parse_lonlat(text) is not None
    except ValueError:
        return True   # out of range: reported as invalid coordinates, not as an option


def _catalog_if_any(workspace: str) -> Any:
    """The workspace's catalogue, or ``None`` where the folder is not a workspace at all."""
    from geo.catalog import load_catalog
    from geo.workspace import Workspace

    ws = Workspace.at(workspace)
    if not ws.data.is_dir() and not ws.seeds.is_dir():
        return None
    return load_catalog(workspace)


def _measure_file(file_: str, layers: tuple[str, ...], id_field: str | None,
                  group_by: str | None,
                  published_field: str | None, slack: float, fmt: str,
                  csv_safe: bool) -> None:
    from geo.files import MAX_JSON_BYTES, read_stream
    from geo.measure import measure_file, measure_geojson_text
    from geo.vector import utf8_text

    if file_ == "-":
        if hasattr(sys.stdin, "buffer"):
            data: bytes | str = read_stream(sys.stdin.buffer, MAX_JSON_BYTES, "<stdin>")
        else:
            data = sys.stdin.read(MAX_JSON_BYTES + 1)
            if len(data) > MAX_JSON_BYTES:
                raise GeoClickError(f"<stdin>: the input is over {MAX_JSON_BYTES:,} "
                                    f"characters; geo reads at most {MAX_JSON_BYTES:,}", 2)
        text = utf8_text(data, "<stdin>") if isinstance(data, bytes) else data
    # a field the file lacks is an InputError naming its parameter: handle_errors adds the
    # option ("(given by --id-field)")
    if file_ == "-":
        result = measure_geojson_text(text, "<stdin>", id_field, group_by, published_field,
                                      slack)
    else:
        result = measure_file(file_, id_field, group_by, published_field, slack, layers)
    for line in [*result.skipped, *result.warnings]:
        click.echo(f"geo: {line}", err=True)
    _emit(result.rows, fmt, result.source, csv_safe, result.layers)
