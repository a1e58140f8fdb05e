"""GeoJSON (RFC 7946) and GeoJSON text sequences (RFC 8142), encoded and decoded: the one
home of both directions.

Encoding (what :mod:`geo.export` and ``geo measure --format geojson`` write):
:func:`prepare_geometries` (lines split at the antimeridian on the geodesic, polygon
exteriors counter-clockwise, §3.1.6, §3.1.9), :func:`geometry_object` /
:func:`geometry_objects` (§3.1 geometry objects, positions ``[lon, lat]`` in WGS84 degrees
rounded to a number of decimals, §11.2, positions that rounding makes repeat dropped),
:func:`dumps` (UTF-8 JSON text, no NaN) and :data:`RS` (the record separator of a strict
RFC 8142 sequence).

Decoding (what ``geo measure`` reads): :func:`geojson_objects` (one document, or an RS- or
LF-delimited sequence, broken records named), :func:`features_of` (the features of those
objects and the CRS each declares), :func:`geometry_line_parts` and :func:`position_array`
(a line geometry's parts as float arrays, or why it is no line), and
:func:`replace_lone_surrogates`. The simdjson fast path lives in :mod:`geo.geojson_fast`.

Only numpy is imported with this module (shapely by the functions that take geometries),
so that measuring a GeoJSON file loads neither shapely nor pandas nor GDAL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from geo.crs import source_crs
from geo.errors import InputError
from geo.files import parse_nested
from geo.lines import (
    may_cross_antimeridian,
    packed_line_parts,
    round_coords,
    split_antimeridian_many,
)

if TYPE_CHECKING:
    from shapely.geometry import Polygon
    from shapely.geometry.base import BaseGeometry

#: The record separator that starts each text of a strict RFC 8142 sequence.
RS = "\x1e"


def dumps(obj: Any, indent: int | None = None, compact: bool = False) -> str:
    """JSON text of ``obj`` as geo writes GeoJSON: UTF-8 characters kept, NaN refused;
    ``compact``: no spaces, else ``indent`` (``None``: one line with spaces)."""
    separators = (",", ":") if compact else ((",", ": ") if indent is not None else None)
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=indent,
                      separators=separators)


# ------------------------------------------------------------------ encoding


def _orient(geom: BaseGeometry) -> BaseGeometry:
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.geometry.polygon import orient

    if isinstance(geom, Polygon):
        return orient(geom, sign=1.0)
    if isinstance(geom, MultiPolygon):
        return MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
    return geom


def prepare_geometries(geoms: Iterable[BaseGeometry | None]) -> np.ndarray:
    """Geometries as RFC 7946 wants them: lines split at the antimeridian, polygons with
    counter-clockwise exteriors. Returns an object array (``None`` for missing)."""
    import shapely

    items = list(geoms)
    arr = np.empty(len(items), dtype=object)
    arr[:] = items
    out = arr.copy()
    if len(arr) == 0:
        return out
    present = np.array([g is not None for g in arr])
    types = np.full(len(arr), -1)
    types[present] = shapely.get_type_id(arr[present])
    lines = np.isin(types, (1, 5))
    if lines.any():
        idx = np.flatnonzero(lines)
        idx = idx[may_cross_antimeridian(arr[idx])]
        for i, geom in zip(idx, split_antimeridian_many(arr[idx]), strict=True):
            out[i] = geom
    for i in np.flatnonzero(np.isin(types, (3, 6))):
        out[i] = _orient(arr[i])
    return out


def _positions(geom: BaseGeometry, precision: int) -> list[list[float]]:
    import shapely

    return round_coords(shapely.get_coordinates(geom), precision).tolist()


def geometry_object(geom: BaseGeometry | None, precision: int = 6) -> dict[str, Any] | None:
    """An RFC 7946 §3.1 geometry object (``None`` for a missing or empty geometry), with
    coordinates rounded to ``precision`` decimals (-1: as they are). Z is dropped."""
    if geom is None or geom.is_empty:
        return None
    kind = geom.geom_type
    if kind == "Point":
        return {"type": kind, "coordinates": _positions(geom, precision)[0]}
    if kind in ("LineString", "MultiLineString"):
        arr = np.empty(1, dtype=object)
        arr[0] = geom
        return geometry_objects(arr, precision)[0]  # one rounding rule for all lines
    if kind == "Polygon":
        return {"type": kind, "coordinates": _rings(geom, precision)}
    if kind == "MultiPoint":
        return {"type": kind, "coordinates": _positions(geom, precision)}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [_rings(g, precision) for g in geom.geoms]}
    if kind == "GeometryCollection":
        return {"type": kind, "geometries": [geometry_object(g, precision)
                                             for g in geom.geoms if not g.is_empty]}
    raise InputError(f"cannot write a {kind} geometry as GeoJSON")


def _rings(polygon: Polygon, precision: int) -> list[list[list[float]]]:
    return [_positions(polygon.exterior, precision),
            *(_positions(r, precision) for r in polygon.interiors)]


def _point_xy(geoms: np.ndarray, precision: int) -> tuple[list[float], list[float]]:
    import shapely

    xy = round_coords(np.column_stack([shapely.get_x(geoms), shapely.get_y(geoms)]), precision)
    return xy[:, 0].tolist(), xy[:, 1].tolist()


def geometry_objects(geoms: np.ndarray, precision: int = 6) -> list[dict[str, Any] | None]:
    """:func:`geometry_object` for each of ``geoms`` (prepared), points vectorised."""
    import shapely

    out: list[dict[str, Any] | None] = [None] * len(geoms)
    present = np.array([g is not None for g in geoms], dtype=bool)
    types = np.full(len(geoms), -1)
    if present.any():
        types[present] = shapely.get_type_id(geoms[present])
        types[present & np.asarray(shapely.is_empty(np.where(present, geoms, None)))] = -1
    points = np.flatnonzero(types == 0)
    if len(points):
        xs, ys = _point_xy(geoms[points], precision)
        for i, x, y in zip(points.tolist(), xs, ys, strict=True):
            out[i] = {"type": "Point", "coordinates": [x, y]}
    lines = np.flatnonzero((types == 1) | (types == 5))
    if len(lines):
        for i, coords in zip(lines.tolist(), _line_positions(geoms[lines], precision),
                             strict=True):
            if types[i] == 1:
                out[i] = {"type": "LineString", "coordinates": coords[0]}
            else:
                out[i] = {"type": "MultiLineString", "coordinates": coords}
    for i in np.flatnonzero((types > 0) & (types != 1) & (types != 5)).tolist():
        out[i] = geometry_object(geoms[i], precision)
    return out


def _drop_repeats(xy: np.ndarray, part_index: np.ndarray, n_parts: int
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Drop positions equal to the one before them in the same part (rounding to few
    decimals makes them), keeping at least two per part (a LineString needs two, RFC 7946
    §3.1.4). Lengths do not change: a repeated position is a leg of no length."""
    if len(xy) < 2:
        return xy, part_index
    keep = np.ones(len(xy), dtype=bool)
    keep[1:] = ~((xy[1:] == xy[:-1]).all(axis=1) & (part_index[1:] == part_index[:-1]))
    kept = np.bincount(part_index[keep], minlength=n_parts)
    total = np.bincount(part_index, minlength=n_parts)
    short = np.flatnonzero((kept < 2) & (total >= 2))
    if len(short):
        last = np.cumsum(total) - 1
        keep[last[short]] = True
    return xy[keep], part_index[keep]


def _line_positions(geoms: np.ndarray, precision: int) -> list[list[list[list[float]]]]:
    """Rounded positions of each (Multi)LineString's parts, in one pass over all of them;
    positions that rounding makes repeat are dropped (see :func:`_drop_repeats`)."""
    coords, sizes, owner = packed_line_parts(geoms)
    part_index = np.repeat(np.arange(len(sizes)), sizes)
    rounded, part_index = _drop_repeats(round_coords(coords, precision), part_index, len(sizes))
    xy = rounded.tolist()
    bounds = np.concatenate([[0], np.cumsum(np.bincount(part_index, minlength=len(sizes)))])
    out: list[list[list[list[float]]]] = [[] for _ in range(len(geoms))]
    for o, start, stop in zip(owner.tolist(), bounds[:-1].tolist(), bounds[1:].tolist(),
                              strict=True):
        if stop > start:
            out[o].append(xy[start:stop])
    return out


# ------------------------------------------------------------------ decoding


def geometry_line_parts(geom: Any) -> list[Any] | str:
    """Line parts (lists of positions) of a GeoJSON geometry, or why it cannot be measured."""
    if geom is None:
        return "no geometry"
    if not isinstance(geom, dict) or not isinstance(geom.get("type"), str):
        return "not a GeoJSON geometry"
    gtype = geom["type"]
    coords = geom.get("coordinates")
    if gtype == "LineString":
        parts = [coords]
    elif gtype == "MultiLineString":
        if not isinstance(coords, list):
            return "a MultiLineString without a list of coordinates"
        parts = coords
    elif gtype == "GeometryCollection":
        return "a GeometryCollection, not a line"
    else:
        return f"a {gtype}, not a line"
    if not parts or all(isinstance(p, list) and not p for p in parts):
        return f"an empty {gtype}"
    return parts


def position_array(part: Any) -> np.ndarray | str:
    """A ``(n, 2)`` float array of a GeoJSON position list, heights dropped; or why it is
    not one. Positions must be JSON numbers: text (``"10"``), ``true``/``false`` or ``null``
    is refused, never converted."""
    if not isinstance(part, list):
        return "invalid coordinates (a line part is not a list of positions)"
    for position in part:
        if not isinstance(position, list) or len(position) < 2:
            return "invalid coordinates (a position is not [lon, lat] numbers)"
        for value in position:
            if type(value) is not float and type(value) is not int:
                if isinstance(value, str):
                    shown = value if len(value) <= 20 else value[:19] + "…"
                    return f"coordinates given as text ({shown!r}), not numbers"
                return "invalid coordinates (a position is not [lon, lat] numbers)"
    if not part:
        return np.zeros((0, 2))
    try:
        return np.asarray([p[:2] for p in part], dtype=float)
    except OverflowError:   # an integer too large for a float: not degrees anyway
        return np.full((len(part), 2), np.inf)


#: White space before a JSON text (``str.lstrip()`` would also strip the RS character).
JSON_SPACE = " \t\r\n\ufeff"


def json_loads(text: str, source: str) -> Any:
    """``json.loads``, input nested thousands deep refused as an :class:`InputError`."""
    return parse_nested(json.loads, text, source)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def geojson_objects(text: str, source: str) -> list[Any]:
    """Top-level GeoJSON objects of ``text``: one document, or an RS (RFC 8142) or LF
    delimited sequence. A broken RS record is named by its number (from 1) and the byte
    offset of its RS; a broken LF sequence by its line number (from 1)."""
    stripped = text.lstrip(JSON_SPACE)
    if not stripped.strip():
        raise InputError(f"{source}: no input (expected GeoJSON)")
    if stripped.startswith("\x1e"):
        chunks: list[tuple[str, str]] = []
        start = text.index("\x1e")
        number = 0
        while start >= 0:
            end = text.find("\x1e", start + 1)
            chunk = text[start + 1: end if end >= 0 else len(text)]
            number += 1
            if chunk.strip(JSON_SPACE):
                where = f"record {number} (byte offset {_byte_offset(text, start):,})"
                chunks.append((where, chunk))
            start = end
    else:
        try:
            return [json_loads(text, source)]
        except json.JSONDecodeError as exc:
            lines = [(f"line {i + 1}", ln) for i, ln in enumerate(text.split("\n"))
                     if ln.strip(JSON_SPACE)]
            if len(lines) < 2 or not _parses(lines[0][1], source):
                # one broken document, not a sequence of texts
                raise InputError(f"{source}: not GeoJSON: {exc.msg} at line {exc.lineno} "
                                 f"column {exc.colno}") from None
        chunks = lines
    out = []
    for where, chunk in chunks:
        try:
            out.append(json_loads(chunk, f"{source}: {where}"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{source}: {where}: not GeoJSON: {exc.msg} at character "
                             f"{exc.pos + 1} of the {where.split()[0]}") from None
    return out


def _parses(text: str, source: str) -> bool:
    try:
        json_loads(text, source)
    except json.JSONDecodeError:
        return False
    return True


def features_of(objects: list[Any], source: str) -> tuple[list[dict[str, Any]], list[Any]]:
    """The features of the top-level GeoJSON objects, and the CRS of each (``None``:
    WGS84 lon/lat): that of its object's GeoJSON 2008 ``crs`` member, if any (see
    :func:`geo.crs.source_crs`)."""
    feats: list[dict[str, Any]] = []
    crs_of: list[Any] = []
    resolved: dict[str, Any] = {}
    for obj in objects:
        kind = obj.get("type") if isinstance(obj, dict) else None
        crs = None
        if isinstance(obj, dict) and obj.get("crs") is not None:
            key = json.dumps(obj["crs"], sort_keys=True, default=str)
            if key not in resolved:
                resolved[key] = source_crs(obj["crs"], source)
            crs = resolved[key]
        before = len(feats)
        if kind == "FeatureCollection":
            members = obj.get("features")
            if not isinstance(members, list):
                raise InputError(f"{source}: a FeatureCollection without a 'features' list")
            feats.extend(members)
        elif kind == "Feature":
            feats.append(obj)
        elif kind == "GeometryCollection" or (isinstance(kind, str) and "coordinates" in obj):
            feats.append({"type": "Feature", "properties": {}, "geometry": obj})
        else:
            raise InputError(f"{source}: not a GeoJSON object (type {kind!r}); expected a "
                             "FeatureCollection, a Feature or a geometry")
        crs_of.extend([crs] * (len(feats) - before))
    return feats, crs_of


#: A ``\uD800``-``\uDFFF`` escape: half of a UTF-16 pair, a lone surrogate unless paired.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(objects: list[Any]) -> int:
    """Replace, in place, every lone surrogate in the keys and strings of ``objects`` (as
    :mod:`json` decodes ``"\\ud800"``) by U+FFFD, as GDAL does; returns how many.
    Iterative: the objects may be nested as deep as :mod:`json` allows."""
    count = 0

    def fix(text: str) -> str:
        nonlocal count
        new, n = _LONE_SURROGATE.subn("\ufffd", text)
        count += n
        return new

    stack: list[Any] = [objects]
    while stack:
        container = stack.pop()
        if isinstance(container, list):
            for i, value in enumerate(container):
                if isinstance(value, str):
                    container[i] = fix(value)
                elif isinstance(value, list | dict):
                    stack.append(value)
        else:
            items = list(container.items())
            container.clear()
            for key, value in items:
                if isinstance(value, str):
                    value = fix(value)
                elif isinstance(value, list | dict):
                    stack.append(value)
                container[fix(key)] = value
    return count
