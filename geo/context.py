"""Context layers: public datasets drawn beside the catalogue (cables, landings, IXPs...).

A context file is anything a user downloads: GeoJSON, GeoPackage, KML (when the installed
GDAL has the driver), or CSV with ``lon``/``lat`` or WKT columns. :func:`read_context` turns
one into a :class:`ContextLayer`, ready for drawing:

- geometries in EPSG:4326 (reprojected from the CRS the file declares, when another; a
  declared CRS that cannot be read is refused: :mod:`geo.crs`);
- broken features (missing, empty, invalid or unparseable geometry, coordinates out of range,
  unsupported types) skipped, each reported in ``warnings`` as ``FILE: feature N (id X):
  reason; skipped``; duplicate ids made unique (``id~2``) and reported; a file with no
  features at all is an empty layer, with a warning;
- a label per feature (the label field, given or guessed; the id when the value is missing);
- a few popup fields (given or guessed: the first non-empty columns);
- lines: geodesic length on WGS84 (:func:`geo.geodesy.path_length_m`, per part, summed; the
  length of the line as drawn in the file, before simplification);
- antimeridian: parts split at ±180° (RFC 7946 §3.1.9) are re-joined and longitudes
  unwrapped (:func:`geo.lines.join_antimeridian`), so a trans-Pacific cable draws as one
  short line in Leaflet. Such drawing coordinates may leave [-180, 180]: the layer is for
  the map, not for RFC 7946 export;
- simplification (Douglas-Peucker, ``simplify_deg``) and rounding (``precision`` decimals).

Tolerance: :data:`SIMPLIFY_DEG` = 0.001° (≤ 111 m). A screen pixel spans 360° / (256 · 2^z)
of longitude: 0.0055° at zoom 8, 0.0014° at zoom 10. So the simplified line stays within one
pixel of the file's line up to zoom 10 (regional views; the catalogue map opens at 3–6), and
Leaflet's own smoothing (1 px) drops more at low zooms. :data:`PRECISION` = 5 decimals
(≤ 1.1 m) is far below that tolerance.

The workspace may list its context layers in ``geo.toml`` (:mod:`geo.context_config`).
"""

from __future__ import annotations

import csv
import io
import math
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.crs import declared_crs
from geo.errors import InputError
from geo.files import (
    MAX_JSON_BYTES,
    dataset_siblings_ok,
    read_bytes,
    regular_file,
)
from geo.geodesy import path_length_m
from geo.lines import (
    ANTIMERIDIAN_TOLERANCE_DEG,
    join_antimeridian,
    line_from_parts,
    line_parts,
    round_coords,
)
from geo.vector import (
    ID_FIELDS,
    first_field,
    frame_to_wgs84,
    gdal_reason,
    insane_positions,
    is_missing,
    require_field,
    utf8_text,
)

#: Douglas-Peucker tolerance in degrees (≈ 111 m): under one pixel up to zoom 10.
SIMPLIFY_DEG = 0.001
#: Decimal places kept in drawing coordinates (1e-5° ≈ 1.1 m).
PRECISION = 5
#: Popup fields guessed when none are given.
MAX_POPUP_FIELDS = 5
#: Longest text kept from a property value (characters); longer values end with "…".
MAX_TEXT = 300
#: Messages kept per kind of problem; the rest are counted in one closing message.
MAX_MESSAGES = 10
#: Largest CSV context file read (bytes): it is read whole into memory, as GeoJSON is.
MAX_CSV_BYTES = MAX_JSON_BYTES
#: Largest ``<file>.licence.txt`` read (bytes): a licence note is a line or a paragraph.
MAX_LICENCE_BYTES = 64 * 1024

#: Columns tried, in order and ignoring case, for labels (ids: geo.vector.ID_FIELDS).
LABEL_CANDIDATES = ("name", "title", "label", "nom", "name_en", "display_name", "id")
#: CSV columns tried for coordinates (ignoring case).
LON_CANDIDATES = ("lon", "lng", "long", "longitude", "x")
LAT_CANDIDATES = ("lat", "latitude", "y")
WKT_CANDIDATES = ("wkt", "geometry", "geom", "the_geom", "shape")

#: Bookkeeping columns (KML's) never guessed as popup fields (compared ignoring case).
NOISE_FIELDS = frozenset({"tessellate", "extrude", "visibility", "altitudemode", "draworder",
                          "icon", "styleurl"})

#: Columns of :attr:`ContextLayer.features` that geo adds (the rest are the popup fields).
ID_COL = "geo:id"
LABEL_COL = "geo:label"
LENGTH_COL = "geo:length_m"

_POINT, _LINE, _POLYGON = "point", "line", "polygon"
#: shapely type ids of Point, LineString, Polygon and their Multi- forms
_SUPPORTED_TYPE_IDS = (0, 1, 3, 4, 5, 6)
_KINDS = {
    "Point": _POINT, "MultiPoint": _POINT,
    "LineString": _LINE, "MultiLineString": _LINE,
    "Polygon": _POLYGON, "MultiPolygon": _POLYGON,
}


@dataclass
class ContextLayer:
    """One context file, normalised for the map.

    ``features`` is a GeoDataFrame in EPSG:4326 (longitudes unwrapped for drawing, see the
    module docstring) with :data:`ID_COL` (unique text), :data:`LABEL_COL` (text),
    :data:`LENGTH_COL` (geodesic metres on WGS84 for lines, NaN otherwise) and the
    ``popup_fields`` columns. ``warnings`` lists what was skipped or changed, one line each.
    """

    name: str
    path: Path
    features: gpd.GeoDataFrame
    label_field: str | None
    popup_fields: list[str]
    licence: str | None = None
    warnings: list[str] = field(default_factory=list)
    simplify_deg: float = SIMPLIFY_DEG
    precision: int = PRECISION
    #: a :class:`geo.tiles.TiledSource` when the map draws the layer from vector tiles
    #: (layers past :data:`geo.tiles.TILE_VERTEX_THRESHOLD` vertices), else None (inline)
    tiles: Any = None

    def __len__(self) -> int:
        return len(self.features)

    @property
    def geometry_type(self) -> str:
        """``point``, ``line``, ``polygon``, ``mixed`` or ``empty``."""
        kinds = {_KINDS[t] for t in self.features.geom_type.unique()}
        if not kinds:
            return "empty"
        return kinds.pop() if len(kinds) == 1 else "mixed"

    @property
    def length_m(self) -> float:
        """Total geodesic length of the layer's lines in metres (WGS84)."""
        return float(np.nansum(self.features[LENGTH_COL].to_numpy(dtype=float)))


@dataclass(frozen=True)
class ContextSpec:
    """How to read one context file (from ``geo.toml`` or the command line)."""

    path: Path
    name: str | None = None
    label_field: str | None = None
    popup_fields: tuple[str, ...] | None = None
    licence: str | None = None
    simplify_deg: float = SIMPLIFY_DEG

    def read(self) -> ContextLayer:
        return read_context(self.path, name=self.name, label_field=self.label_field,
                            popup_fields=self.popup_fields, licence=self.licence,
                            simplify_deg=self.simplify_deg)


class _Report:
    """Collects warnings, at most :data:`MAX_MESSAGES` per kind, the rest counted."""

    def __init__(self, file: str):
        self.file = file
        self.lines: list[str] = []
        self._counts: dict[str, int] = {}

    def add(self, kind: str, message: str) -> None:
        n = self._counts.get(kind, 0) + 1
        self._counts[kind] = n
        if n <= MAX_MESSAGES:
            self.lines.append(f"{self.file}: {message}")

    def close(self) -> list[str]:
        for kind, n in self._counts.items():
            if n > MAX_MESSAGES:
                self.lines.append(f"{self.file}: {n - MAX_MESSAGES} more {kind} not listed")
        return self.lines


# --------------------------------------------------------------------------- reading

def read_context(path: str | os.PathLike[str], *, name: str | None = None,
                 label_field: str | None = None,
                 popup_fields: Sequence[str] | None = None,
                 licence: str | None = None,
                 simplify_deg: float = SIMPLIFY_DEG,
                 precision: int = PRECISION) -> ContextLayer:
    """Read a context file into a :class:`ContextLayer` (see the module docstring).

    ``name`` defaults to the file stem; ``licence`` to the text of ``<file>.licence.txt``
    beside the file, if any. ``simplify_deg`` is a tolerance in degrees (0 keeps every
    vertex); ``precision`` the decimals kept (-1 keeps them all).

    Only a regular file is read (a FIFO or a device is refused before anything opens it);
    a CRS the file declares is reprojected to WGS84, or refused when it cannot be read
    (:func:`geo.crs.declared_crs`).

    A file with no features (an empty FeatureCollection, a CSV of a header row alone) is
    read as an empty layer, with a warning that says so; a file whose features are all
    broken is refused. A CSV row is a point where it gives lon/lat, else the shape of its
    WKT column (so geo's own CSV export is read: lon/lat for points, WKT for lines); a row
    with neither is skipped as "missing geometry".

    Raises :class:`~geo.errors.InputError` naming the file when it cannot be read (a CSV
    without a header row, or without lon/lat or WKT columns), when all its features are
    broken, or when ``label_field`` / ``popup_fields`` name columns the file does not
    have.
    """
    path = Path(path)
    if simplify_deg < 0 or not math.isfinite(simplify_deg):
        raise InputError(f"{path}: simplification tolerance must be >= 0 degrees, "
                         f"not {simplify_deg!r}")
    try:
        regular_file(path, "file")
    except InputError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        raise InputError(f"{path}: cannot read context layer: {reason}") from None
    if licence is None:
        licence = _sidecar_licence(path)
    report = _Report(path.name)
    broken: dict[int, str] = {}
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        frame = _read_csv(path, broken)
    else:
        frame = _read_ogr(path, report)

    frame = frame_to_wgs84(frame, path)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    id_field = first_field(columns, ID_FIELDS)
    label = _choose_label(path, columns, label_field, frame)
    fields = _choose_popup_fields(path, columns, popup_fields, (label, id_field), frame)

    if len(frame) == 0:
        report.add("empty layer", "no features: the context layer is empty (nothing to draw)")
    keep = _check_geometries(frame, broken, id_field, report)
    if len(frame) and not keep:
        n = len(frame)
        first = broken.get(0) or _geometry_problem(frame.geometry.iloc[0])
        raise InputError(f"{path}: cannot read context layer: no drawable feature ({n} "
                         f"feature{'s' if n != 1 else ''} skipped; first: feature 0: {first})")
    frame = frame.iloc[keep].reset_index(drop=True)

    ids = _unique_ids(frame, id_field, keep, report)
    labels = _labels(frame, label, ids, report)
    geoms, lengths = _draw_geometries(frame.geometry.to_numpy(), simplify_deg, precision)
    geoms = _align_siblings(geoms, labels)

    data: dict[str, Any] = {ID_COL: ids, LABEL_COL: labels, LENGTH_COL: lengths}
    for f in fields:
        data[f] = [_clean_value(v) for v in frame[f].tolist()]
    features = gpd.GeoDataFrame(data, geometry=list(geoms), crs="EPSG:4326")
    return ContextLayer(
        name=name if name else path.stem,
        path=path,
        features=features,
        label_field=label,
        popup_fields=list(fields),
        licence=_clean_text(licence) if licence else None,
        warnings=report.close(),
        simplify_deg=simplify_deg,
        precision=precision,
    )


def _read_ogr(path: Path, report: _Report) -> gpd.GeoDataFrame:
    """All layers of a GDAL-readable file (one GeoDataFrame; a ``layer`` column if several)."""
    import pyogrio

    dataset_siblings_ok(path)   # a FIFO as its .dbf or -wal would block GDAL
    frames = []
    # NaN coordinates are reported per feature (_check_geometries), not as numpy's warning
    with warnings.catch_warnings(record=True) as caught, np.errstate(invalid="ignore"):
        warnings.simplefilter("always")
        try:
            layers = [str(row[0]) for row in pyogrio.list_layers(path)]
            for layer in layers:
                df = pyogrio.read_dataframe(path, layer=layer, on_invalid="ignore")
                if "geometry" not in df or len(df) == 0:
                    continue
                if len(layers) > 1:
                    df["layer"] = layer
                frames.append(df)
        except Exception as exc:  # pyogrio/GDAL raise many kinds; all mean "cannot read"
            raise InputError(f"{path}: cannot read context layer: {gdal_reason(exc, path)}"
                             ) from None
    messages = [one_line(w.message) for w in caught]
    for message in messages:
        report.add("reader warnings", f"reader: {message}")
    if not frames:
        return gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")
    # each layer in the CRS it declares (None: WGS84 lon/lat), by the rule of geo.crs
    frames = [frame_to_wgs84(f.set_crs(declared_crs(path, f.crs, messages) or "EPSG:4326",
                                  allow_override=True), path) for f in frames]
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry",
                            crs="EPSG:4326")


def _read_csv(path: Path, broken: dict[int, str]) -> gpd.GeoDataFrame:
    """A CSV with lon/lat or WKT columns (at most :data:`MAX_CSV_BYTES`, UTF-8); unparseable
    rows go to ``broken``. Positions are WGS84 degrees unless a ``.prj`` beside the file
    (``name.prj``, as GDAL reads it) declares another CRS (see :func:`geo.crs.declared_crs`).
    """
    text = utf8_text(read_bytes(path, MAX_CSV_BYTES, "context layer"),
                      f"{path}: cannot read context layer")
    try:
        sample = text[:65536]
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
        rows = list(reader)
        fieldnames = list(reader.fieldnames or [])   # the header, also without rows
    except csv.Error as exc:
        raise InputError(f"{path}: cannot read context layer: {one_line(exc)}") from None
    if not fieldnames:
        raise InputError(f"{path}: cannot read context layer: the file is empty (expected a "
                         "header row naming lon/lat or WKT columns)")
    lon_col = first_field(fieldnames, LON_CANDIDATES)
    lat_col = first_field(fieldnames, LAT_CANDIDATES)
    wkt_col = first_field(fieldnames, WKT_CANDIDATES)
    if not ((lon_col and lat_col) or wkt_col):
        raise InputError(f"{path}: cannot read context layer: no lon/lat or WKT column "
                         f"(columns: {', '.join(fieldnames)})")
    geo_columns = " or ".join(
        ([f"{lon_col}/{lat_col}"] if lon_col and lat_col else []) + ([wkt_col] if wkt_col else []))
    geoms: list[BaseGeometry | None] = []
    for i, row in enumerate(rows):
        geom = None
        lon = (row.get(lon_col) or "").strip() if lon_col and lat_col else ""
        lat = (row.get(lat_col) or "").strip() if lon_col and lat_col else ""
        shape = (row.get(wkt_col) or "").strip() if wkt_col else ""
        try:
            # lon/lat where the row gives them, else its WKT (geo's own CSV export gives
            # lon/lat for points and WKT for every row)
            if (lon and lat) or ((lon or lat) and not shape):
                geom = shapely.Point(float(lon), float(lat))
            elif shape:
                geom = shapely.from_wkt(shape)
            else:
                broken[i] = f"missing geometry (no value in {geo_columns})"
        except (TypeError, ValueError, shapely.errors.ShapelyError) as exc:
            broken[i] = f"unparseable geometry ({one_line(exc)[:80]})"
        geoms.append(geom)
    used = {c for c in (lon_col, lat_col, wkt_col) if c}
    data = {k: [(r.get(k) or None) for r in rows] for k in fieldnames if k not in used}
    return gpd.GeoDataFrame(data, geometry=geoms,
                            crs=declared_crs(path, None) or "EPSG:4326")


# --------------------------------------------------------------------------- fields

def _choose_label(path: Path, columns: Sequence[str], label_field: str | None,
                  frame: gpd.GeoDataFrame) -> str | None:
    if label_field:
        return require_field(columns, label_field, path, "label field")
    filled = [c for c in columns if frame[c].notna().any()]
    return first_field(filled, LABEL_CANDIDATES)


def _choose_popup_fields(path: Path, columns: Sequence[str], wanted: Sequence[str] | None,
                         shown: tuple[str | None, ...], frame: gpd.GeoDataFrame) -> list[str]:
    """The given popup fields, or the first non-empty columns other than label and id."""
    if wanted is not None:
        return [require_field(columns, w, path, "popup field") for w in wanted]
    chosen = [c for c in columns
              if c not in shown and str(c).lower() not in NOISE_FIELDS
              and not str(c).startswith("geo:") and frame[c].notna().any()]
    return chosen[:MAX_POPUP_FIELDS]


def one_line(value: object) -> str:
    """``value`` as text on one line, runs of white space made one space (for messages)."""
    return " ".join(str(value).split())


def _clean_text(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _clean_value(value: Any) -> Any:
    """A property value as JSON-ready text, number or boolean; None when missing."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, (pd.Timestamp,)) or hasattr(value, "isoformat"):
        return None if pd.isna(value) else value.isoformat()
    text = _clean_text(value)
    return text if text else None


def _sidecar_licence(path: Path) -> str | None:
    """The text of ``<file>.licence.txt`` beside ``path`` (a regular file of at most
    :data:`MAX_LICENCE_BYTES`, UTF-8), ``None`` where there is none."""
    sidecar = path.with_name(path.name + ".licence.txt")
    if not (sidecar.exists() or sidecar.is_symlink()):
        return None
    raw = read_bytes(sidecar, MAX_LICENCE_BYTES, "licence note")
    return utf8_text(raw, f"{sidecar}: cannot read licence note").strip() or None


# --------------------------------------------------------------------------- features

def _check_geometries(frame: gpd.GeoDataFrame, broken: dict[int, str], id_field: str | None,
                      report: _Report) -> list[int]:
    """Positions of the drawable features; the others are reported and skipped."""
    geoms = frame.geometry.to_numpy()
    with np.errstate(invalid="ignore"):
        bounds = shapely.bounds(geoms)
        fine = (np.isin(shapely.get_type_id(geoms), _SUPPORTED_TYPE_IDS)
                & ~shapely.is_empty(geoms)
                & ~insane_positions(bounds[:, 0], bounds[:, 1])
                & ~insane_positions(bounds[:, 2], bounds[:, 3])
                & shapely.is_valid(geoms))
    for i in broken:
        fine[i] = False
    if fine.all():
        return list(range(len(geoms)))
    ids = frame[id_field].tolist() if id_field else [None] * len(frame)
    for i in np.flatnonzero(~fine):
        reason = broken.get(i) or _geometry_problem(geoms[i])
        ident = ids[i]
        where = f"feature {i}" + ("" if is_missing(ident) else f" (id {_clean_text(ident)})")
        report.add("broken features", f"{where}: {reason}; skipped")
    return [int(i) for i in np.flatnonzero(fine)]


def _geometry_problem(geom: BaseGeometry | None) -> str:
    """Why ``geom`` cannot be drawn."""
    if geom is None or shapely.is_missing(geom):
        return "missing or unreadable geometry"
    kind = _KINDS.get(geom.geom_type)
    if kind is None:
        return f"unsupported geometry type {geom.geom_type}"
    if geom.is_empty:
        return "empty geometry"
    xy = shapely.get_coordinates(geom)
    if not np.isfinite(xy).all():
        return "coordinates are not finite numbers"
    if insane_positions(xy[:, 0], xy[:, 1]).any():
        return "coordinates out of range (lon, lat in degrees expected)"
    if not geom.is_valid:
        return f"invalid geometry ({shapely.is_valid_reason(geom)})"
    return "coordinates are not finite numbers"


def _unique_ids(frame: gpd.GeoDataFrame, id_field: str | None, positions: list[int],
                report: _Report) -> list[str]:
    """Text ids, unique: missing ids become the feature's index in the file, repeats ``~2``."""
    raw = frame[id_field].tolist() if id_field else [None] * len(frame)
    seen: dict[str, int] = {}
    taken = set()
    out = []
    for pos, value in zip(positions, raw, strict=True):
        base = str(pos) if is_missing(value) else _clean_text(_int_text(value))
        ident = base
        if base in taken:
            n = seen.get(base, 1)
            while ident in taken:
                n += 1
                ident = f"{base}~{n}"
            seen[base] = n
            report.add("duplicate ids", f"feature {pos}: duplicate id {base!r} renamed {ident!r}")
        taken.add(ident)
        out.append(ident)
    return out


def _int_text(value: Any) -> str:
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _labels(frame: gpd.GeoDataFrame, label: str | None, ids: list[str],
            report: _Report) -> list[str]:
    if label is None:
        return list(ids)
    values = frame[label].tolist()
    out = []
    unnamed = 0
    for value, ident in zip(values, ids, strict=True):
        if is_missing(value):
            unnamed += 1
            out.append(ident)
        else:
            out.append(_clean_text(_int_text(value)))
    if unnamed:
        report.add("missing labels",
                   f"{unnamed} feature{'s' if unnamed != 1 else ''} without {label!r}; "
                   "labelled by id")
    return out


# --------------------------------------------------------------------------- geometry

#: Tolerance of "on the antimeridian", degrees (that of :func:`geo.lines.join_antimeridian`).
_EPS = ANTIMERIDIAN_TOLERANCE_DEG


def _place_chains(chains: list[np.ndarray]) -> list[np.ndarray]:
    """Shift chains by whole turns: each next to the first, and the whole feature so that a
    line touching or passing -180° lies east of +180° (Leaflet then draws it continuous)."""
    first = chains[0]
    ref = float(np.mean(first[:, 0]))
    placed = [first]
    for c in chains[1:]:
        turns = round((ref - float(np.mean(c[:, 0]))) / 360.0)
        placed.append(c + np.array([360.0 * turns, 0.0]))
    lo = min(float(c[:, 0].min()) for c in placed)
    hi = max(float(c[:, 0].max()) for c in placed)
    shift = 0.0
    if hi - lo > 360.0:  # wraps the globe: leave it as it is
        shift = 0.0
    elif lo < -180.0 - _EPS or abs(lo + 180.0) <= _EPS:
        shift = 360.0
    elif lo > 180.0 + _EPS:
        shift = -360.0
    return [c + np.array([shift, 0.0]) for c in placed] if shift else placed


def _draw_geometries(geoms: np.ndarray, simplify_deg: float,
                     precision: int) -> tuple[list[BaseGeometry], list[float]]:
    """Drawing geometries (unwrapped, simplified, rounded) and geodesic lengths in metres."""
    out: list[BaseGeometry] = list(geoms)
    lengths = [float("nan")] * len(geoms)
    type_ids = shapely.get_type_id(geoms)
    points = np.flatnonzero(type_ids == 0)
    if len(points):  # the common case at scale, done in one go
        xy = shapely.get_coordinates(geoms[points])
        xy[:, 0] = (xy[:, 0] + 180.0) % 360.0 - 180.0
        for i, geom in zip(points, shapely.points(round_coords(xy, precision)), strict=True):
            out[i] = geom
    for i in np.flatnonzero(type_ids != 0):
        geom = geoms[i]
        kind = _KINDS[geom.geom_type]
        if kind == _LINE:
            parts = line_parts(geom)
            lengths[i] = sum(path_length_m(part) for part in parts)
            chains = _place_chains(join_antimeridian(parts))
            lines = [shapely.LineString(c) for c in chains]
            if simplify_deg > 0:
                lines = list(shapely.simplify(lines, simplify_deg, preserve_topology=False))
            out[i] = line_from_parts([round_coords(np.asarray(ln.coords), precision)
                                      for ln in lines])
            continue
        if kind == _POLYGON and simplify_deg > 0:
            geom = shapely.simplify(geom, simplify_deg, preserve_topology=True)
        if kind == _POINT:
            geom = shapely.transform(geom, lambda xy: np.column_stack(
                [(xy[:, 0] + 180.0) % 360.0 - 180.0, xy[:, 1]]))
        out[i] = shapely.transform(geom, lambda xy: round_coords(xy, precision))
    return out, lengths


def _align_siblings(geoms: list[BaseGeometry], labels: list[str]) -> list[BaseGeometry]:
    """Lines of one cable stored as several features (the same label) drawn side by side:
    when one of them crosses +180°, the others are shifted by whole turns next to it."""
    groups: dict[str, list[int]] = {}
    for i, (geom, label) in enumerate(zip(geoms, labels, strict=True)):
        if _KINDS[geom.geom_type] == _LINE:
            groups.setdefault(label, []).append(i)
    out = list(geoms)
    for members in groups.values():
        if len(members) < 2:
            continue
        bounds = [geoms[i].bounds for i in members]
        crossing = [b for b in bounds if b[2] > 180.0 + _EPS]
        if not crossing:
            continue
        ref = (crossing[0][0] + crossing[0][2]) / 2.0
        for i, b in zip(members, bounds, strict=True):
            turns = round((ref - (b[0] + b[2]) / 2.0) / 360.0)
            if turns:
                offset = np.array([360.0 * turns, 0.0])
                out[i] = shapely.transform(geoms[i], lambda xy, d=offset: xy + d)
    return out
