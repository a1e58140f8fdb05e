"""Write layers (:mod:`geo.layers`) as GeoJSON, GeoJSON text sequences, GeoPackage or CSV.

Formats (:data:`FORMATS`):

``geojson``
    One RFC 7946 FeatureCollection holding every feature of the given layers. geo writes the
    JSON itself, for control over what GDAL would decide: positions are ``[lon, lat]`` in
    WGS84 degrees (§3.1.1, §4) with no ``crs`` member; coordinates are rounded to
    ``precision`` decimals (§11.2; ``-1`` keeps them as they are, ``0`` rounds to whole
    degrees), and a line position that rounding makes equal to the one before it is
    dropped (each line keeps at least two, §3.1.4); every feature has an ``id`` (the
    entity id, §3.2) and a ``layer`` property; lines that cross the antimeridian are split
    there into a MultiLineString (§3.1.9), the cut placed on the geodesic so that the split
    line measures what the unsplit one did; a feature with no position (an organisation
    without a head office) has ``"geometry": null`` (§3.2);
    polygon exteriors are counter-clockwise and holes clockwise (§3.1.6). Properties are
    the frame's columns as JSON values: ``null`` for missing values, numbers, booleans,
    dates as ISO 8601 text, lists as arrays; ``sources``, ``segments`` and ``figures`` stay
    arrays of objects.
``geojsonseq``
    The same features as an RFC 8142 text sequence: one feature per line, each followed by
    LF; with ``rs=True`` each is also preceded by RS (0x1E), as RFC 8142 §2.2 requires of a
    strict sequence. Without RS the result is newline-delimited GeoJSON.
``gpkg``
    A GeoPackage with one table per layer (named after it), via pyogrio/GDAL. Geometry is
    prepared as for GeoJSON (split, oriented, rounded); geo's layers get a fixed geometry
    type (:data:`GPKG_GEOMETRY_TYPES`: ``Point``, ``MultiLineString`` with single lines
    promoted, or, for ``agreements``, which hold arcs and venue points, the generic
    ``GEOMETRY`` type, pyogrio's ``Unknown``, its lines promoted to MultiLineString too),
    other frames what GDAL infers. A missing geometry (an organisation without a head
    office) is stored as NULL.
``csv``
    One CSV table (RFC 4180 quoting, LF line ends, UTF-8) for all the layers given: a
    ``layer`` column, the flattened properties, then ``lon`` and ``lat`` for points and
    ``wkt`` (the geometry as WKT, for every row that has one; empty for a null geometry)
    last. GDAL reads it back with its CSV driver
    (the ``wkt`` column, or ``X_POSSIBLE_NAMES=lon``, ``Y_POSSIBLE_NAMES=lat``); a
    spreadsheet, kepler.gl or QGIS's delimited-text reader takes ``lon``/``lat``. CSV
    stores no CRS: coordinates are WGS84 longitude/latitude (EPSG:4326).

    Text cells that begin with ``=``, ``+``, ``-``, ``@``, tab or CR
    (:data:`geo.export_format.FORMULA_STARTS`) are what a spreadsheet may run as a
    formula ("CSV injection"). By default they are written exactly (GIS tools read the
    values as they are) and counted, so that the caller can warn; with
    ``spreadsheet_safe=True`` each is prefixed with ``'``, which spreadsheets take as
    "text follows" (numbers and the ``lon``, ``lat``, ``wkt`` columns never are).

Flattening (GeoPackage and CSV hold no nested values), see :func:`flatten_frame`:

- a list of strings (``aliases``, ``operators``, ``tenants``, ``routes``, ``parties``...)
  becomes one text, its items joined with ``"; "`` (ids cannot hold ``;``; an alias that
  does would be ambiguous);
- ``sources`` becomes JSON text (an array of objects with ``article``, ``title``, ``date``,
  ``publisher``, ``quote``, ``reference``, ``note``), plus ``source_count`` (integer),
  ``source_articles`` (the cited article stems, ``"; "``-joined) and ``source_quote`` (the
  first quoted sentence) beside it;
- any other list or dict (``segments``, ``figures``) becomes JSON text;
- an empty list becomes null (an empty cell in CSV); booleans stay booleans (``true`` /
  ``false`` in CSV); dates become ISO 8601 text;
- numbers and booleans stay numbers and booleans, missing values among them included (a
  column of floats and ``None`` is a float column with NaN, written as NULL or an empty
  cell); the number and boolean columns of geo's layers (:data:`COLUMN_TYPES`) keep their
  type whatever they hold, an empty layer included, so that a GeoPackage table's schema
  is fixed.

All files are written atomically (:mod:`geo.atomic`): a failed export leaves any earlier
file untouched, and a symbolic link is written through (the file it points to is replaced).
A file's name must say its format (:data:`SUFFIXES`, see :func:`output_format`; both in
:mod:`geo.export_format`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry

from geo.atomic import atomic_path, write_text_atomic, write_texts_atomic
from geo.errors import InputError, OutputError, OutputExistsError
from geo.export_format import (
    check_format,
    check_precision,
    formula_safe,
    output_format,
)
from geo.geojson import RS, dumps, geometry_object, geometry_objects, prepare_geometries
from geo.lines import (
    MAX_DECIMALS,
    round_coords,
)
from geo.names import EXPORT_FORMATS, LAYERS, MEDIA

#: The formats this module writes (see the module docstring).
FORMATS = EXPORT_FORMATS

#: GeoPackage geometry type of each of geo's layers (others: as GDAL infers). Agreements
#: are arcs between head offices or points at their venue: the generic type (``Unknown`` is
#: pyogrio's name for GDAL's wkbUnknown, ``GEOMETRY`` in the GeoPackage).
GPKG_GEOMETRY_TYPES = {layer.name: layer.geometry for layer in LAYERS}
#: Type of each number or boolean column of geo's layers in a flattened frame, whatever
#: values it holds (none, in an empty layer; all missing, as ``published_length_m`` is
#: without published figures), so that a GeoPackage table's schema does not change with
#: its content: ``float64`` is REAL, ``int64`` INTEGER, ``bool`` BOOLEAN (missing values
#: are NULL).
COLUMN_TYPES = {
    "schematic": "bool",
    "source_count": "int64",
    "length_m": "float64",
    **{f"{medium}_m": "float64" for medium in MEDIA},
    "latency_ms": "float64",
    "published_length_m": "float64",
    "length_ratio": "float64",
}
#: Columns of a flattened frame that carry the geometry in CSV.
GEOMETRY_COLUMNS = ("lon", "lat", "wkt")


# ------------------------------------------------------------------ properties


_FAST = frozenset((str, int, bool, type(None)))
_STR = frozenset((str,))


def plain(value: Any) -> Any:
    """A JSON value for ``value``: None/NaN/NaT -> None, numpy scalars -> Python numbers,
    dates and times -> ISO 8601 text, lists/tuples/arrays -> lists, dicts -> dicts."""
    kind = type(value)
    if kind in _FAST:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is list:  # the common case first: lists of text, or of flat dicts
        if _FAST.issuperset(map(type, value)):
            return value
        return [v if type(v) in _FAST else plain(v) for v in value]
    if kind is dict:
        if _FAST.issuperset(map(type, value.values())) and _STR.issuperset(map(type, value)):
            return value
        return {k if type(k) is str else str(k): v if type(v) in _FAST else plain(v)
                for k, v in value.items()}
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        f = float(value)
        return f if math.isfinite(f) else None
    if isinstance(value, dt.date | dt.time):  # datetime and pd.Timestamp are dates
        return value.isoformat()
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray | pd.Series):
        return [plain(v) for v in value]
    return str(value)


def column_values(series: pd.Series) -> list[Any]:
    """A column's values as JSON values (see :func:`plain`), fast for numeric dtypes."""
    kind = series.dtype.kind
    numpy_dtype = isinstance(series.dtype, np.dtype)  # not pandas' nullable Int64, boolean
    if kind == "f" and numpy_dtype:
        return [v if math.isfinite(v) else None for v in series.tolist()]
    if kind in "biu" and numpy_dtype:
        return series.tolist()
    return [v if type(v) is str else plain(v) for v in series.tolist()]


def _property_columns(frame: pd.DataFrame) -> list[str]:
    geometry = frame.geometry.name  # once: ``frame.geometry`` builds a GeoSeries
    return [c for c in frame.columns if c != geometry]


def iter_features(layers: Mapping[str, gpd.GeoDataFrame], precision: int = 6
                  ) -> Iterator[dict[str, Any]]:
    """RFC 7946 Feature objects for every row of every layer, in order.

    Each feature has ``id`` (the ``id`` column, else the row number) and properties
    ``layer`` (the layer name) then the frame's columns as JSON values.
    """
    check_precision(precision)
    for name, frame in layers.items():
        geoms = prepare_geometries(frame.geometry.array)
        objects = geometry_objects(geoms, precision)
        columns = _property_columns(frame)
        # each column once, in order (``frame.items()``: cheaper than ``frame[c]`` per name)
        geometry = frame.geometry.name
        values = [column_values(series) for col, series in frame.items() if col != geometry]
        ids = values[columns.index("id")] if "id" in columns else list(range(len(frame)))
        keys = ["layer", *columns]
        rows = zip([name] * len(objects), *values, strict=True)
        for fid, geometry, row in zip(ids, objects, rows, strict=True):
            yield {"type": "Feature", "id": fid, "geometry": geometry,
                   "properties": dict(zip(keys, row, strict=True))}


def feature_collection(layers: Mapping[str, gpd.GeoDataFrame], precision: int = 6
                       ) -> dict[str, Any]:
    """One RFC 7946 FeatureCollection (§3.3) of every feature of ``layers``."""
    return {"type": "FeatureCollection", "features": list(iter_features(layers, precision))}


def geojson_text(layers: Mapping[str, gpd.GeoDataFrame], precision: int = 6,
                 indent: int | None = None, compact: bool = False) -> str:
    """The layers as one GeoJSON FeatureCollection, UTF-8 text ending in LF."""
    return dumps(feature_collection(layers, precision), indent, compact) + "\n"


def geojsonseq_text(layers: Mapping[str, gpd.GeoDataFrame], precision: int = 6,
                    compact: bool = False, rs: bool = False) -> str:
    """The layers' features as an RFC 8142 text sequence: one feature per line, LF after
    each, RS (0x1E) before each when ``rs``."""
    prefix = RS if rs else ""
    return "".join(f"{prefix}{dumps(f, None, compact)}\n"
                   for f in iter_features(layers, precision))


# ------------------------------------------------------------------ flattening


def _json_text(value: Any) -> str:
    """Compact JSON text of a value already made :func:`plain`."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _is_string_list(values: list[Any]) -> bool:
    return all(v is None or (isinstance(v, list | tuple) and all(isinstance(x, str) for x in v))
               for v in values)


def _flat_sources(values: list[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"sources": [], "source_count": [], "source_articles": [],
                                 "source_quote": []}
    for records in values:
        records = list(records or [])
        articles = list(dict.fromkeys(r["article"] for r in records if r.get("article")))
        quotes = [r["quote"] for r in records if r.get("quote")]
        out["sources"].append(_json_text(records) if records else None)
        out["source_count"].append(len(records))
        out["source_articles"].append("; ".join(articles) if articles else None)
        out["source_quote"].append(quotes[0] if quotes else None)
    return out


def _typed_column(name: str, values: list[Any]) -> pd.Series:
    """A flat column of JSON values (:func:`plain`): a number or boolean column when its
    values are all numbers or all booleans (``None`` among them; an empty column of
    :data:`COLUMN_TYPES` too), else text and ``None`` (``object``)."""
    present = [v for v in values if v is not None]
    kinds = set(map(type, present))
    fixed = COLUMN_TYPES.get(name)
    if fixed is not None and not present:
        kinds = {float} if fixed == "float64" else {int} if fixed == "int64" else {bool}
    if kinds == {bool}:
        nulls = len(present) < len(values)
        return pd.Series(values, dtype="boolean" if nulls else bool)
    if kinds == {int} and fixed != "float64":
        return pd.Series(values, dtype="Int64")
    if kinds and kinds <= {int, float}:
        return pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")
    return pd.Series(values, dtype=object)


def flatten_frame(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of ``frame`` with no nested values (the rules are in the module docstring)."""
    data: dict[str, pd.Series] = {}
    for col in _property_columns(frame):
        series = frame[col]
        if series.dtype.kind in "biuf":
            data[col] = series.reset_index(drop=True)
            continue
        values = column_values(series)
        if col == "sources":
            for key, vals in _flat_sources(values).items():
                data[key] = pd.Series(vals, dtype="int64" if key == "source_count" else object)
            continue
        nested = any(isinstance(v, list | dict) for v in values)
        if not nested:
            data[col] = _typed_column(col, values)
        elif _is_string_list(values):
            data[col] = pd.Series(["; ".join(v) if v else None for v in values], dtype=object)
        else:
            data[col] = pd.Series([_json_text(v) if v not in (None, [], {}) else None
                                   for v in values], dtype=object)
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(frame.geometry.array, crs=frame.crs)
                            .reset_index(drop=True), crs=frame.crs)


def _round_geometries(geoms: np.ndarray, precision: int) -> np.ndarray:
    if precision < 0 or precision >= MAX_DECIMALS or len(geoms) == 0:
        return geoms
    # as in GeoJSON: positions that rounding makes repeat are dropped (two kept per line)
    return shapely.remove_repeated_points(
        shapely.transform(geoms, lambda c: round_coords(c, precision)), 0.0)


def export_frame(frame: gpd.GeoDataFrame, precision: int = 6) -> gpd.GeoDataFrame:
    """``frame`` flattened, with geometry split at the antimeridian, polygons oriented and
    coordinates rounded: what the GeoPackage and CSV writers store."""
    check_precision(precision)
    flat = flatten_frame(frame)
    geoms = prepare_geometries(flat.geometry.array)
    flat = flat.set_geometry(gpd.GeoSeries(_round_geometries(geoms, precision),
                                           crs=frame.crs))
    return flat


# ------------------------------------------------------------------ CSV


def _wkt_positions(coords: list[list[float]]) -> str:
    return ", ".join(f"{x!r} {y!r}" for x, y in coords)


def wkt(geom: BaseGeometry | None, precision: int = 6) -> str | None:
    """WKT of ``geom`` with the same rounded numbers GeoJSON gets (Python's shortest
    round-tripping float text), ``None`` for a missing geometry."""
    obj = geometry_object(geom, precision)
    if obj is None:
        return None
    return _wkt(obj)


def _wkt(obj: dict[str, Any]) -> str:
    kind, c = obj["type"], obj.get("coordinates")
    if kind == "Point":
        return f"POINT ({c[0]!r} {c[1]!r})"
    if kind == "LineString":
        return f"LINESTRING ({_wkt_positions(c)})"
    if kind == "MultiPoint":
        return "MULTIPOINT (" + ", ".join(f"({x!r} {y!r})" for x, y in c) + ")"
    if kind == "Polygon":
        return "POLYGON (" + ", ".join(f"({_wkt_positions(r)})" for r in c) + ")"
    if kind == "MultiLineString":
        return "MULTILINESTRING (" + ", ".join(f"({_wkt_positions(p)})" for p in c) + ")"
    if kind == "MultiPolygon":
        return "MULTIPOLYGON (" + ", ".join(
            "(" + ", ".join(f"({_wkt_positions(r)})" for r in poly) + ")" for poly in c) + ")"
    return "GEOMETRYCOLLECTION (" + ", ".join(_wkt(g) for g in obj["geometries"]) + ")"


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if not math.isfinite(value) else repr(value)
    return value


@dataclass(frozen=True)
class Rendered:
    """An export as text, and how many of its CSV text cells begin like a formula
    (:data:`geo.export_format.FORMULA_STARTS`; prefixed with ``'`` when written
    spreadsheet-safe; always 0 for GeoJSON)."""

    text: str
    formula_cells: int = 0


@dataclass(frozen=True)
class Saved:
    """An export written to ``path``, and its count of formula-like CSV cells (see
    :class:`Rendered`)."""

    path: Path
    formula_cells: int = 0


def csv_text(layers: Mapping[str, gpd.GeoDataFrame], precision: int = 6,
             spreadsheet_safe: bool = False) -> str:
    """Every feature of ``layers`` as one CSV table (see the module docstring)."""
    return csv_table(layers, precision, spreadsheet_safe).text


def csv_table(layers: Mapping[str, gpd.GeoDataFrame], precision: int = 6,
              spreadsheet_safe: bool = False) -> Rendered:
    """Every feature of ``layers`` as one CSV table, with the number of text cells that
    begin like a spreadsheet formula (prefixed with ``'`` when ``spreadsheet_safe``; see
    the module docstring)."""
    check_precision(precision)
    formula_cells = 0
    columns: list[str] = ["layer"]
    blocks = []
    for name, frame in layers.items():
        flat = flatten_frame(frame)
        geoms = prepare_geometries(flat.geometry.array)
        objects = geometry_objects(geoms, precision)
        props = _property_columns(flat)
        columns.extend(c for c in props if c not in columns and c not in GEOMETRY_COLUMNS)
        blocks.append((name, props, [column_values(flat[c]) for c in props], objects))
    columns.extend(GEOMETRY_COLUMNS)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for name, props, values, objects in blocks:
        n = len(objects)
        cells = {"layer": [name] * n}
        for col, vals in zip(props, values, strict=True):
            if col not in GEOMETRY_COLUMNS:
                vals, risky = formula_safe(vals, spreadsheet_safe)
                formula_cells += risky
            cells[col] = [v if type(v) is str else _csv_cell(v) for v in vals]
        lon, lat, text = [""] * n, [""] * n, [""] * n
        for i, obj in enumerate(objects):
            if obj is None:
                continue
            if obj["type"] == "Point":
                lon[i], lat[i] = (repr(v) for v in obj["coordinates"])
            text[i] = _wkt(obj)
        cells.update(lon=lon, lat=lat, wkt=text)
        empty = [""] * n
        writer.writerows(zip(*(cells.get(c, empty) for c in columns), strict=True))
    return Rendered(buffer.getvalue(), formula_cells)


# ------------------------------------------------------------------ files


def render(layers: Mapping[str, gpd.GeoDataFrame], fmt: str = "geojson", precision: int = 6,
           indent: int | None = None, compact: bool = False, rs: bool = False,
           spreadsheet_safe: bool = False) -> str:
    """The layers as text in a text format (``geojson``, ``geojsonseq`` or ``csv``)."""
    return render_export(layers, fmt, precision, indent, compact, rs, spreadsheet_safe).text


def render_export(layers: Mapping[str, gpd.GeoDataFrame], fmt: str = "geojson",
                  precision: int = 6, indent: int | None = None, compact: bool = False,
                  rs: bool = False, spreadsheet_safe: bool = False) -> Rendered:
    """:func:`render`, with the count of CSV cells that begin like a formula."""
    check_format(fmt)
    check_precision(precision)
    if fmt == "geojson":
        return Rendered(geojson_text(layers, precision, indent, compact))
    if fmt == "geojsonseq":
        return Rendered(geojsonseq_text(layers, precision, compact, rs))
    if fmt == "csv":
        return csv_table(layers, precision, spreadsheet_safe)
    raise InputError(f"{fmt} is a binary format: write it to a file")


def write_gpkg(layers: Mapping[str, gpd.GeoDataFrame], path: str | os.PathLike[str],
               precision: int = 6) -> Path:
    """Write a GeoPackage holding one table per layer, atomically (pyogrio/GDAL).

    geo's layers get a fixed geometry type whatever the catalogue holds (``Point`` for
    sites and organisations, ``MultiLineString`` for the line layers, single lines
    promoted, the generic type for agreements, whose lines are promoted too), so that a
    table's schema does not change with its content.
    """
    import pyogrio

    check_precision(precision)
    if not layers:
        raise InputError("no layers to write")
    frames = {name: export_frame(frame, precision) for name, frame in layers.items()}
    for name, frame in frames.items():
        if GPKG_GEOMETRY_TYPES.get(name) == "Unknown":
            frames[name] = frame.set_geometry(_lines_promoted(frame.geometry))
    with atomic_path(path) as tmp:
        for name, frame in frames.items():
            try:
                kind = GPKG_GEOMETRY_TYPES.get(name)
                pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG",
                                        geometry_type=kind,
                                        promote_to_multi={"MultiLineString": True,
                                                          "Unknown": False}.get(kind or ""))
            except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
                    pyogrio.errors.GeometryError, pyogrio.errors.FieldError) as exc:
                raise OutputError(f"{path}: cannot write layer {name}: {exc}") from exc
    return Path(path)


def _lines_promoted(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    """``geoms`` with each LineString made a MultiLineString of one part (others as they
    are): a table of the generic type keeps one line type whatever its rows hold."""
    return gpd.GeoSeries([MultiLineString([g]) if isinstance(g, LineString) else g
                          for g in geoms], crs=geoms.crs, index=geoms.index)


def write_export(layers: Mapping[str, gpd.GeoDataFrame], path: str | os.PathLike[str],
                 fmt: str | None = None, precision: int = 6, indent: int | None = None,
                 compact: bool = False, rs: bool = False, overwrite: bool = False,
                 spreadsheet_safe: bool = False) -> Path:
    """Write the layers to the file ``path`` in ``fmt`` (default: the one its suffix
    names), atomically; return the path. See :func:`save_export`."""
    return save_export(layers, path, fmt, precision, indent, compact, rs, overwrite,
                       spreadsheet_safe).path


def check_output(path: str | os.PathLike[str], fmt: str | None = None,
                 overwrite: bool = False) -> str:
    """Check that an export can be written to the file ``path`` (see :func:`save_export`)
    and return the format to write it in (:func:`output_format`)."""
    if Path(path).is_dir() or str(path).endswith(("/", os.sep)):
        raise InputError(f"{path}: is a folder; name the file to write")
    fmt = output_format(path, fmt)
    if Path(path).exists() and not overwrite:
        raise OutputExistsError(f"{path}: already exists")
    return fmt


def save_export(layers: Mapping[str, gpd.GeoDataFrame], path: str | os.PathLike[str],
                fmt: str | None = None, precision: int = 6, indent: int | None = None,
                compact: bool = False, rs: bool = False, overwrite: bool = False,
                spreadsheet_safe: bool = False) -> Saved:
    """Write the layers to the file ``path`` in ``fmt`` (default: the one its suffix
    names), atomically, through a symbolic link (:mod:`geo.atomic`); return the path and
    the count of CSV cells that begin like a formula (``spreadsheet_safe``: see the module
    docstring).

    Raises :class:`InputError` if ``path`` exists and ``overwrite`` is false, names a
    folder (or ends in ``/``), or has a suffix that names no format geo writes or another
    format than ``fmt`` (:func:`output_format`); :class:`OutputError` if it cannot be
    written.
    """
    target = Path(path)
    fmt = check_output(target, fmt, overwrite)
    check_precision(precision)
    try:
        if fmt == "gpkg":
            return Saved(write_gpkg(layers, target, precision))
        rendered = render_export(layers, fmt, precision, indent, compact, rs,
                                 spreadsheet_safe)
        return Saved(write_text_atomic(target, rendered.text), rendered.formula_cells)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc


def layer_file_texts(layers: Mapping[str, gpd.GeoDataFrame], folder: str | os.PathLike[str],
                     precision: int = 6) -> dict[Path, str]:
    """``<folder>/<layer>.geojson`` -> its text (one FeatureCollection per layer), in layer
    order: what :func:`write_layer_files` writes, for callers that write it with more."""
    check_precision(precision)
    return {Path(folder) / f"{name}.geojson": geojson_text({name: frame}, precision)
            for name, frame in layers.items()}


def write_layer_files(layers: Mapping[str, gpd.GeoDataFrame], folder: str | os.PathLike[str],
                      precision: int = 6) -> list[Path]:
    """Write each layer as ``<folder>/<layer>.geojson`` (one FeatureCollection each), as one
    atomic set (:func:`geo.atomic.write_texts_atomic`); return the paths, in layer order."""
    return write_texts_atomic(layer_file_texts(layers, folder, precision))
