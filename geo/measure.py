"""Route lengths: geodesic lengths on WGS84, their media, latency, and published figures.

Every length is the geodesic length in metres on the WGS84 ellipsoid (``pyproj.Geod``,
Karney's algorithm, via :mod:`geo.geodesy`) of the path *as drawn*: the sum over its legs,
each leg the shortest geodesic between consecutive vertices (so a line across the
antimeridian measures the same whether split at ±180° or written with longitudes past 180°).
Heights are ignored. A schematic route's length is that of the drawn line, not of a surveyed
cable; ``slack`` (e.g. 1.1) scales it into an estimate of cable length, and latency is computed
on that estimate: one-way ``length × slack / (c / n)`` with ``n`` = :data:`FIBRE_INDEX`
(1.468, about 4.9 µs/km), round trip twice that.

Three sources of lines:

- the catalogue: :func:`measure_route`, :func:`measure_corridor`, :func:`measure_catalog`;
- any line file pyogrio reads, or GeoJSON text in the forms of RFC 7946 / RFC 8142
  (FeatureCollection, LF- or RS-delimited sequence, a bare Feature or geometry):
  :func:`measure_file`, :func:`measure_geojson_text`;
- named places joined by geodesics, or routed over the sea for a submarine path:
  :func:`measure_between`.

Catalogue routes and corridors, and the path through places, are drawn and measured by
:mod:`geo.routes` (the map and the layers read the same), so a length printed here is the
length of the line the map draws.

Published lengths (``"1,234 km"``, ``"850 mi"``, ``"600 nmi"``, a number) are read by
:func:`parse_length_m`; a bare number is in kilometres (metres if the field name ends in
``_m``, miles if it ends in ``_mi``).
"""

from __future__ import annotations

import math
import os
import re
import reprlib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from geo import geojson_fast
from geo.crs import declared_crs, xy_to_wgs84
from geo.errors import InputError
from geo.files import MAX_JSON_BYTES, dataset_siblings_ok, read_bytes, regular_file
from geo.geodesy import FIBRE_INDEX, latency_ms, parts_lengths_m
from geo.geojson import (
    SURROGATE_ESCAPE,
    features_of,
    geojson_objects,
    geometry_line_parts,
    geometry_object,
    position_array,
    prepare_geometries,
    replace_lone_surrogates,
)
from geo.lines import line_from_parts, packed_line_parts
from geo.names import MEDIA
from geo.text import name_key, waypoint_label
from geo.vector import (
    LINE_ID_FIELDS,
    find_field,
    gdal_reason,
    insane_positions,
    require_field,
    utf8_text,
)

if TYPE_CHECKING:  # the catalogue (pydantic) is not needed to measure a file
    from geo.catalog import Catalog

LATENCY_ASSUMPTION = (
    f"latency: one-way = length × slack / (c / n), n = {FIBRE_INDEX} (standard single-mode "
    "fibre, about 4.9 µs/km); round trip = 2 × one-way; equipment, queueing and routing "
    "detours not included"
)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class SegmentLength:
    """One segment (a run of legs between waypoints) and its geodesic length in metres."""

    from_: str
    to: str
    medium: str
    length_m: float
    via: tuple[str, ...] = ()
    route: str | None = None
    routing: str = "geodesic"      # "sea": routed over the sea (geo.routes)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"from": self.from_, "to": self.to, "medium": self.medium,
                               "routing": self.routing, "length_m": self.length_m}
        if self.via:
            out["via"] = list(self.via)
        if self.route is not None:
            out["route"] = self.route
        return out


@dataclass
class Measurement:
    """The measured length of one route, corridor, feature (or group of features) or path.

    ``length_m`` is the geodesic length of the drawn line on WGS84; ``slack`` scales it into
    ``estimate_m``, from which ``latency_ms`` (one way) and ``rtt_ms`` follow. ``published_m``
    is a published length where one is known; ``ratio`` is ``length_m / published_m``.
    """

    id: str
    name: str
    kind: str                      # route | corridor | feature | group | between
    length_m: float
    segments: list[SegmentLength] = field(default_factory=list)
    schematic: bool | None = None  # None: not known (a line read from a file)
    slack: float = 1.0
    published_m: float | None = None
    published_text: str | None = None
    members: list[str] = field(default_factory=list)   # corridor routes, grouped features
    places: list[dict[str, Any]] = field(default_factory=list)  # for ``between``
    parts: int | None = None       # line parts measured (files)
    #: the drawn line(s), ``(lon, lat)`` degrees (routes, corridors, paths; not files)
    lines: list[list[tuple[float, float]]] = field(default_factory=list)
    routing: str | None = None     # "geodesic" | "sea" (None: a line read from a file)

    @property
    def estimate_m(self) -> float:
        """``length_m × slack``: an estimate of cable length from a schematic line."""
        return self.length_m * self.slack

    @property
    def latency_ms(self) -> float:
        """One-way propagation delay in ms over ``estimate_m`` of fibre at n = 1.468."""
        return latency_ms(self.estimate_m)

    @property
    def rtt_ms(self) -> float:
        """Round-trip propagation delay in ms (twice :attr:`latency_ms`)."""
        return 2.0 * self.latency_ms

    @property
    def by_medium_m(self) -> dict[str, float] | None:
        """Metres per medium (submarine / terrestrial / unspecified), if there are segments."""
        if not self.segments:
            return None
        out = dict.fromkeys(MEDIA, 0.0)
        for seg in self.segments:
            out[seg.medium] = out.get(seg.medium, 0.0) + seg.length_m
        return out

    @property
    def ratio(self) -> float | None:
        """Measured over published length, or ``None`` without a published length."""
        if self.published_m is None or self.published_m <= 0:
            return None
        return self.length_m / self.published_m

    @property
    def flags(self) -> list[str]:
        """``measured>published`` and ``ratio<0.7`` / ``ratio>1.3`` where they apply."""
        from geo.routes import length_flags  # not needed to read a file: imported late

        return length_flags(self.ratio)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``id``, ``name``, ``kind``, ``length_m``, ``latency_ms``,
        ``rtt_ms``, ``schematic``, and where they apply ``slack``/``estimate_m``, ``segments``
        and ``by_medium_m``, ``published_m``/``ratio``/``flags``, ``members``, ``places``."""
        out: dict[str, Any] = {
            "id": self.id, "name": self.name, "kind": self.kind,
            "length_m": self.length_m, "latency_ms": self.latency_ms, "rtt_ms": self.rtt_ms,
            "schematic": self.schematic, "fibre_index": FIBRE_INDEX,
        }
        if self.routing is not None:
            out["routing"] = self.routing
        if self.slack != 1.0:
            out["slack"] = self.slack
            out["estimate_m"] = self.estimate_m
        if self.segments:
            out["segments"] = [s.as_dict() for s in self.segments]
            out["by_medium_m"] = self.by_medium_m
        if self.published_m is not None:
            out["published_m"] = self.published_m
            out["published_text"] = self.published_text
            out["ratio"] = self.ratio
            out["flags"] = self.flags
        if self.members:
            out["members"] = list(self.members)
        if self.places:
            out["places"] = list(self.places)
        if self.parts is not None:
            out["parts"] = self.parts
        return out


@dataclass
class FileMeasurement:
    """Rows measured from a line file, and what was skipped or ignored (one line each)."""

    source: str
    rows: list[Measurement]
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- catalogue


def _check_slack(slack: float) -> float:
    if not (isinstance(slack, int | float) and math.isfinite(slack) and slack >= 1.0):
        raise InputError(f"slack must be a number >= 1 (a cable is never shorter than the "
                         f"geodesic), got {slack!r}")
    return float(slack)


def _segment_lengths(geometry: Any, route_id: str | None) -> list[SegmentLength]:
    return [SegmentLength(seg.from_, seg.to, seg.medium, seg.length_m, seg.via, route_id,
                          seg.routing) for seg in geometry.segments]


def measure_route(cat: Catalog, route_id: str, slack: float = 1.0) -> Measurement:
    """Length of a catalogue route as drawn (:func:`geo.routes.route_geometry`), per segment
    and in total (metres, WGS84 geodesics), with its published length.

    Raises :class:`InputError` if ``route_id`` is not a route of the catalogue.
    """
    slack = _check_slack(slack)
    route = cat.routes.get(route_id)
    if route is None:
        raise InputError(f"unknown route {route_id!r}")
    from geo.routes import route_geometry

    geom = route_geometry(cat, route_id)
    return Measurement(route.id, route.name, "route", geom.length_m,
                       _segment_lengths(geom, route_id), geom.schematic, slack,
                       geom.published_m, geom.published_text, lines=geom.lines,
                       routing=geom.routing)


def measure_corridor(cat: Catalog, corridor_id: str, slack: float = 1.0) -> Measurement:
    """Length of a corridor: the segments of its routes as drawn, in order, summed
    (metres)."""
    from geo.routes import corridor_geometry

    slack = _check_slack(slack)
    corridor = cat.corridors.get(corridor_id)
    if corridor is None:
        raise InputError(f"unknown corridor {corridor_id!r}")
    geom = corridor_geometry(cat, corridor_id)
    segments = [s for r in geom.routes for s in _segment_lengths(r, r.id)]
    return Measurement(corridor.id, corridor.name, "corridor", geom.length_m, segments,
                       geom.schematic, slack, members=list(corridor.routes),
                       lines=geom.lines, routing=geom.routing)


def measure_catalog(cat: Catalog, ids: Sequence[str] = (), slack: float = 1.0
                    ) -> list[Measurement]:
    """Measure the named routes and corridors, in the order given; none named: every route,
    then every corridor, in catalogue order. Unknown ids raise :class:`InputError` (all of
    them named in one message)."""
    if not ids:
        ids = [*cat.routes, *cat.corridors]
    unknown = [i for i in ids if i not in cat.routes and i not in cat.corridors]
    if unknown:
        known = ", ".join([*cat.routes, *cat.corridors]) or "none"
        what = "route or corridor" + ("s" if len(unknown) > 1 else "")
        raise InputError(f"unknown {what} {', '.join(map(repr, unknown))} in the catalogue; "
                         f"known: {known}")
    return [measure_route(cat, i, slack) if i in cat.routes else measure_corridor(cat, i, slack)
            for i in ids]


# --------------------------------------------------------------------------- published


_NA = {"", "-", "–", "—", "?", "n.a.", "n.a", "na", "n/a", "none", "null", "unknown", "tbd",
       "nan"}
_UNITS = {
    "m": 1.0, "metre": 1.0, "metres": 1.0, "meter": 1.0, "meters": 1.0,
    "km": 1000.0, "kilometre": 1000.0, "kilometres": 1000.0, "kilometer": 1000.0,
    "kilometers": 1000.0,
    "mi": 1609.344, "mile": 1609.344, "miles": 1609.344,
    "nmi": 1852.0, "nm": 1852.0, "nautical mile": 1852.0, "nautical miles": 1852.0,
}
_NUMBER = r"(?:\d{1,3}(?:[, \u00a0\u202f]\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_LENGTH_RE = re.compile(rf"^(?P<num>{_NUMBER})\s*(?P<unit>[a-z][a-z ]*?)?\.?$")


def bare_number_unit(field_name: str | None) -> str:
    """Unit of a bare number in ``field_name``: ``m`` for ``*_m``, ``mi`` for ``*_mi``,
    ``nmi`` for ``*_nmi``, else ``km``."""
    name = (field_name or "").lower()
    for unit in ("nmi", "mi", "km", "m"):
        if name.endswith("_" + unit):
            return unit
    return "km"


def parse_length_m(value: Any, field_name: str | None = None) -> float | None:
    """A published length in metres, or ``None`` where there is none (``n.a.``, empty, null).

    Text such as ``"1,234 km"``, ``"1234 km"``, ``"1 234 km"``, ``"850 mi"``, ``"600 nmi"``,
    ``"12000 m"``; a bare number (or numeric text) is in kilometres, unless the field name
    says otherwise (``length_m``: metres; ``length_mi``: miles). Miles are statute miles
    (1609.344 m), nautical miles 1852 m. Raises :class:`ValueError` for anything else
    (ranges, negative or zero values, unknown units).
    """
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise ValueError(f"not a length: {value!r}")
    if isinstance(value, list | dict):
        kind = "array" if isinstance(value, list) else "object"
        raise ValueError(f"not a length: a JSON {kind}")
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        if math.isnan(number):
            return None
        unit = bare_number_unit(field_name)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().lower()
        if text in _NA:
            return None
        m = _LENGTH_RE.match(text)
        if m is None:
            raise ValueError(f"not a length: {value!r}")
        number = float(re.sub(r"[, \u00a0\u202f]", "", m.group("num")))
        unit = (m.group("unit") or "").strip() or bare_number_unit(field_name)
        if unit not in _UNITS:
            raise ValueError(f"unknown unit {unit!r} in {value!r}")
    if not math.isfinite(number) or number <= 0:
        raise ValueError(f"not a positive length: {value!r}")
    return number * _UNITS[unit]


# --------------------------------------------------------------------------- line input


@dataclass
class LineData:
    """Features read from a line source: attributes, and every line part's vertices.

    ``coords`` holds the ``(lon, lat)`` of all parts of all usable features, one after
    another; ``part_offsets[i]`` is where part ``i`` starts and ``part_feature[i]`` the
    feature it belongs to. ``usable[f]`` is false for a skipped feature.
    """

    source: str
    fields: list[str]
    records: list[dict[str, Any]]          # attribute values per feature, with "__fid__"
    coords: np.ndarray
    part_offsets: np.ndarray
    part_feature: np.ndarray
    usable: np.ndarray
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _short_repr() -> reprlib.Repr:
    """A repr bounded in depth and length, for property values in messages and labels (a
    JSON array nested a thousand deep must not recurse a thousand times)."""
    short = reprlib.Repr()
    short.maxlevel, short.maxstring, short.maxother = 3, 80, 80
    short.maxlist = short.maxdict = 4
    return short


_SHORT = _short_repr()


def _describe(records: list[dict[str, Any]], index: int) -> str:
    rec = records[index]
    for key in LINE_ID_FIELDS:
        field_ = find_field(list(rec), key)   # KML's "Name"
        value = rec.get(field_) if field_ else None
        if value is not None and value == value:
            return f"feature {rec['__fid__']} ({key} {_SHORT.repr(value)})"
    return f"feature {rec['__fid__']}"


def _finish(source: str, fields: list[str], records: list[dict[str, Any]],
            coords: np.ndarray, sizes: np.ndarray, part_feature: np.ndarray,
            reasons: dict[int, str]) -> LineData:
    """Check every part and coordinate, skip bad features (with a reason), pack the rest.

    ``coords`` holds all parts one after another, ``sizes`` the number of positions of each
    part, ``part_feature`` the feature each part belongs to. A feature is skipped, never
    measured as 0, when it has no or an empty geometry, a part with fewer than two positions,
    or a coordinate that is not finite, a latitude outside [-90, 90] or a longitude beyond
    ±540°. Vectorised: no Python loop per part or vertex.
    """
    n_feat = len(records)
    coords = np.asarray(coords, dtype=float).reshape(-1, 2)
    sizes = np.asarray(sizes, dtype=np.intp)
    part_feature = np.asarray(part_feature, dtype=np.intp)
    usable = np.ones(n_feat, dtype=bool)
    usable[np.array(sorted(reasons), dtype=np.intp)] = False
    short = sizes < 2
    # np.unique would import numpy.ma (17 ms) even when there is nothing to look at
    for f in np.unique(part_feature[short]) if short.any() else ():
        if usable[f]:
            usable[f] = False
            reasons[int(f)] = "a line part with fewer than 2 positions"
    coord_feature = np.repeat(part_feature, sizes)
    lon, lat = coords[:, 0], coords[:, 1]
    bad = insane_positions(lon, lat)
    bad &= usable[coord_feature]
    if bad.any():
        feats, first = np.unique(coord_feature[bad], return_index=True)
        where = np.flatnonzero(bad)[first]
        for f, i in zip(feats, where, strict=True):
            usable[f] = False
            reasons[int(f)] = (f"invalid coordinates ({float(lon[i])!r}, {float(lat[i])!r}): "
                               "expected WGS84 longitude, latitude in degrees")
    skipped = [f"{source}: {_describe(records, f)}: skipped: {reasons[f]}"
               for f in sorted(reasons)]
    keep_part = usable[part_feature]
    if not keep_part.all():
        coords = coords[usable[coord_feature]]
        sizes, part_feature = sizes[keep_part], part_feature[keep_part]
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp) if len(sizes) \
        else np.zeros(0, dtype=np.intp)
    return LineData(source, fields, records, coords, offsets, part_feature, usable, skipped)


_STARTS_WITH_OBJECT = re.compile(r"\s*\{")


def read_geojson_text(text: str, source: str = "<stdin>") -> LineData:
    """Read GeoJSON text: a FeatureCollection (compact or pretty), an LF- or RS-delimited
    sequence of Features (RFC 8142), or a bare Feature or geometry.

    Coordinates are WGS84 lon/lat (RFC 7946) unless an object has a GeoJSON 2008 ``crs``
    member: another CRS is reprojected, one that cannot be read is refused
    (:func:`geo.crs.source_crs`). A lone UTF-16 surrogate escape (``"\\ud800"``, not a
    character) is replaced by U+FFFD, with a warning. Input nested too deep to parse is
    an :class:`InputError`.

    A feature's id is its ``id`` member (kept as the ``id`` attribute unless a property
    already has that name); features are numbered from 0 as GDAL does (``__fid__``).
    One FeatureCollection or Feature is parsed by simdjson, its plain lines straight into
    arrays (:func:`geo.geojson_fast.fast_features`); anything else, or anything unusual in
    a feature, is read with :mod:`json` to the same result (:mod:`geo.geojson`).
    """
    fast = None
    if _STARTS_WITH_OBJECT.match(text):
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:   # lone surrogates: json copes, simdjson would not
            raw = None
        if raw is not None:
            fast = geojson_fast.fast_features(raw, source)
    if fast is not None:
        feats, parts, crs = fast
        return _line_data(feats, parts, source, crs)
    objects = geojson_objects(text, source)
    replaced = replace_lone_surrogates(objects) if SURROGATE_ESCAPE.search(text) else 0
    feats, crs_of = features_of(objects, source)
    data = _line_data(feats, [None] * len(feats), source, crs_of)
    if replaced:
        data.warnings.append(
            f"{source}: {replaced} lone surrogate escape{'s' if replaced != 1 else ''} "
            "(\\ud800-\\udfff without its pair: not a character) replaced by U+FFFD")
    return data


def _line_data(feats: list[Any], fast_parts: list[tuple[np.ndarray, list[int]] | None],
               source: str, crs_of: Any = None) -> LineData:
    """Records and line parts of GeoJSON features; ``fast_parts[i]``, where not ``None``,
    holds feature ``i``'s positions already read, all parts one after another, and the
    number of positions of each part (its ``geometry`` member is then absent).

    ``crs_of`` is the CRS the positions are in (``None``: WGS84 lon/lat), one for all
    features or a list of one per feature; other CRSs are reprojected to WGS84."""
    fields: list[str] = []
    seen: set[str] = set()
    records: list[dict[str, Any]] = []
    parts: list[np.ndarray] = []
    sizes: list[int] = []
    part_feature: list[int] = []
    reasons: dict[int, str] = {}
    for index, feat in enumerate(feats):
        props = feat.get("properties") if isinstance(feat, dict) else None
        rec = dict(props) if isinstance(props, dict) else {}
        if isinstance(feat, dict) and feat.get("id") is not None and "id" not in rec:
            rec["id"] = feat["id"]
        for key in rec:
            if key not in seen:
                seen.add(key)
                fields.append(key)
        rec["__fid__"] = index
        records.append(rec)
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            reasons[index] = "not a GeoJSON Feature"
            continue
        fast = fast_parts[index]
        if fast is not None:
            parts.append(fast[0])
            sizes.extend(fast[1])
            part_feature.extend([index] * len(fast[1]))
            continue
        got = geometry_line_parts(feat.get("geometry"))
        if isinstance(got, str):
            reasons[index] = got
            continue
        arrays = [position_array(p) for p in got]
        why = next((a for a in arrays if isinstance(a, str)), None)
        if why is not None:
            reasons[index] = why
            continue
        for a in arrays:
            parts.append(a)  # type: ignore[arg-type]
            sizes.append(len(a))  # type: ignore[arg-type]
            part_feature.append(index)
    coords = np.concatenate(parts) if parts else np.zeros((0, 2))
    sizes_arr = np.array(sizes, dtype=np.intp)
    part_feature_arr = np.array(part_feature, np.intp)
    if crs_of is not None and not isinstance(crs_of, list):
        coords = xy_to_wgs84(coords, crs_of)
    elif crs_of is not None and any(c is not None for c in crs_of):
        coord_feature = np.repeat(part_feature_arr, sizes_arr)
        for crs in {id(c): c for c in crs_of if c is not None}.values():
            in_crs = np.array([c is crs for c in crs_of], dtype=bool)[coord_feature]
            coords[in_crs] = xy_to_wgs84(coords[in_crs], crs)
    return _finish(source, fields, records, coords, sizes_arr, part_feature_arr, reasons)


def _fast_geojson_file(raw: bytes, source: str) -> LineData | None:
    """The bytes of a GeoJSON file read as :func:`read_geojson_text` reads text, every
    feature given every field (``None`` where it has none, as GDAL does); ``None`` if it is
    not one FeatureCollection or Feature that simdjson parses."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if not raw.strip():
        raise InputError(f"{source}: the file is empty (expected GeoJSON)")
    if raw.lstrip()[:1] != b"{":
        return None
    fast = geojson_fast.fast_features(raw, source)
    if fast is None:
        return None
    feats, parts, crs = fast
    data = _line_data(feats, parts, source, crs)
    for rec in data.records:
        for name in data.fields:
            rec.setdefault(name, None)
    return data


#: Suffixes of GeoJSON text sequences (RFC 8142, RS- or LF-delimited), read as standard
#: input is (:func:`read_geojson_text`): GDAL would skip a broken record without a word.
SEQUENCE_SUFFIXES = (".geojsons", ".geojsonl", ".geojsonseq", ".ndjson", ".jsonl")


def _geojson_sequence_file(path: Path, source: str) -> LineData:
    """A GeoJSON text sequence file (at most :data:`MAX_JSON_BYTES`, UTF-8) read as
    :func:`read_geojson_text` reads standard input, every feature given every field."""
    text = utf8_text(read_bytes(path, MAX_JSON_BYTES, "file"), source)
    data = read_geojson_text(text, source)
    for rec in data.records:
        for name in data.fields:
            rec.setdefault(name, None)
    return data


def read_line_file(path: str | os.PathLike[str]) -> LineData:
    """Read the first layer of any vector file pyogrio (GDAL) reads: GeoJSON, GeoJSONSeq,
    GeoPackage, KML, Shapefile, FlatGeobuf, CSV with a ``WKT`` column...

    Coordinates in another CRS are transformed to WGS84 lon/lat (EPSG:4326, always x=lon);
    a CRS the file declares but PROJ cannot read is refused (:func:`geo.crs.declared_crs`).
    Only a regular file (or a folder: a File Geodatabase, a folder of shapefiles) is
    opened: a FIFO or a device is refused before GDAL could block on it.
    A ``.geojson`` / ``.json`` file (at most :data:`geo.files.MAX_JSON_BYTES`) holding one
    FeatureCollection or Feature is parsed with simdjson instead, several times faster
    than GDAL (:func:`_fast_geojson_file`); a GeoJSON text sequence
    (:data:`SEQUENCE_SUFFIXES`) is read as standard input is, so that a broken record is
    named, not skipped; every other file, and any GeoJSON file simdjson cannot parse, is
    read by GDAL. Raises :class:`InputError` if the file cannot be read.
    """
    path = Path(path)
    source = str(path)
    if not path.is_dir():
        regular_file(path, "file")
        dataset_siblings_ok(path)
    if path.suffix.lower() in SEQUENCE_SUFFIXES and not path.is_dir():
        return _geojson_sequence_file(path, source)
    raw = None
    if path.suffix.lower() in (".geojson", ".json") and not path.is_dir():
        raw = read_bytes(path, MAX_JSON_BYTES, "file")
        fast = _fast_geojson_file(raw, source)
        if fast is not None:
            return fast
    # GDAL only now: pyogrio brings geopandas and pandas (a third of a second), which the
    # simdjson path above never needs
    import warnings

    import pyogrio
    import shapely

    kwargs: dict[str, Any] = {}
    if path.suffix.lower() == ".csv":
        kwargs = {"GEOM_POSSIBLE_NAMES": "WKT,wkt,geometry,geom,the_geom",
                  "KEEP_GEOM_COLUMNS": "NO"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            meta, fids, wkb, field_data = pyogrio.raw.read(path, return_fids=True, **kwargs)
        except Exception as exc:  # pyogrio raises DataSourceError and friends
            raise InputError(f"{source}: cannot read as a vector file: "
                             f"{gdal_reason(exc, path)}") from None
    reader_warnings = [" ".join(str(w.message).split()) for w in caught]
    crs = declared_crs(path, meta.get("crs"), reader_warnings, raw)
    del raw
    if wkb is None:
        raise InputError(f"{source}: the file has no geometry column (no lines to measure)")
    fields = [str(f) for f in meta["fields"]]
    n = len(wkb)
    records: list[dict[str, Any]] = []
    columns = [np.asarray(col, dtype=object) for col in field_data]
    for i in range(n):
        rec = {name: _plain(col[i]) for name, col in zip(fields, columns, strict=True)}
        rec["__fid__"] = int(fids[i]) if fids is not None else i
        records.append(rec)
    present = np.array([g is not None for g in wkb], dtype=bool)
    with np.errstate(invalid="ignore"):   # NaN coordinates: reported per feature below
        geoms = shapely.from_wkb(wkb, on_invalid="ignore")
    reasons: dict[int, str] = {}
    types = shapely.get_type_id(geoms)
    empty = shapely.is_empty(geoms)
    line_types = {1, 5}   # LineString, MultiLineString
    names = {0: "Point", 2: "LinearRing", 3: "Polygon", 4: "MultiPoint", 6: "MultiPolygon",
             7: "GeometryCollection"}
    for i in range(n):
        if geoms[i] is None:
            reasons[i] = "invalid geometry" if present[i] else "no geometry"
        elif types[i] not in line_types:
            reasons[i] = f"a {names.get(int(types[i]), 'geometry')}, not a line"
        elif empty[i]:
            reasons[i] = "an empty " + ("LineString" if types[i] == 1 else "MultiLineString")
    ok = np.array([i not in reasons for i in range(n)], dtype=bool)
    idx_ok = np.flatnonzero(ok)
    coords, sizes, part_owner = packed_line_parts(geoms[idx_ok])
    part_feature = idx_ok[part_owner]
    if crs is not None:
        coords = xy_to_wgs84(coords, crs)
    data = _finish(source, fields, records, coords, sizes, part_feature, reasons)
    data.warnings.extend(f"{source}: reader: {w}" for w in reader_warnings)
    return data


def _plain(value: Any) -> Any:
    """numpy scalars to Python values; NaN to None."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


# --------------------------------------------------------------------------- files


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | dict):   # str() would recurse as deep as the JSON nests
        return _SHORT.repr(value)
    text = str(value).strip()
    return text or None


def measure_lines(data: LineData, id_field: str | None = None, group_by: str | None = None,
                  published_field: str | None = None, slack: float = 1.0) -> FileMeasurement:
    """One :class:`Measurement` per usable feature, or per value of ``group_by``.

    Lengths: one vectorised pass over all parts (:func:`geo.geodesy.parts_lengths_m`), summed
    per feature with ``numpy.bincount``. ``id_field`` names the id attribute (default, per
    feature: the first of ``id`` (the feature id), ``slug`` and ``name`` (in any case) it
    fills in, else the feature number);
    ``published_field`` the published length (default ``length`` if present; see
    :func:`parse_length_m`). Grouped features share a published length only if they all give
    the same one. A field named is looked up as :func:`geo.vector.require_field` does (any
    letter case); one the file lacks raises :class:`geo.vector.MissingFieldError`; a file
    with no measurable line raises :class:`InputError`.
    """
    slack = _check_slack(slack)
    if id_field is not None:
        id_field = require_field(data.fields, id_field, data.source, "id field")
    if group_by is not None:
        group_by = require_field(data.fields, group_by, data.source, "group field")
    if published_field is not None:
        published_field = require_field(data.fields, published_field, data.source,
                                        "published length field")
    else:
        published_field = find_field(data.fields, "length")
    if not data.usable.any():
        why = ""
        if data.skipped:
            n = len(data.skipped)
            first = data.skipped[0].removeprefix(f"{data.source}: ").replace(": skipped", "")
            why = f" ({n} feature{'s' if n != 1 else ''} skipped; first: {first})"
        raise InputError(f"{data.source}: no lines to measure{why}")
    # without an id field: the first of id / slug / name that the feature fills in (KML
    # files read by GDAL have an "id" field, empty unless the Placemark has an id)
    key_fields = [id_field] if id_field else \
        [f for f in (find_field(data.fields, k) for k in LINE_ID_FIELDS) if f]
    name_field = find_field(data.fields, "name")

    part_len = parts_lengths_m(data.coords, data.part_offsets)
    n_feat = len(data.records)
    feat_len = np.bincount(data.part_feature, weights=part_len, minlength=n_feat)
    feat_parts = np.bincount(data.part_feature, minlength=n_feat)

    warnings: list[str] = list(data.warnings)
    rows: list[Measurement] = []
    groups: dict[str, Measurement] = {}
    group_published: dict[str, set[tuple[float | None, str | None]]] = {}
    for f in np.flatnonzero(data.usable):
        rec = data.records[f]
        fid = str(rec["__fid__"])
        ident = next((t for t in (_text(rec.get(k)) for k in key_fields) if t), fid)
        name = (_text(rec.get(name_field)) if name_field else None) or ident
        published_m = published_text = None
        if published_field is not None:
            raw = rec.get(published_field)
            try:
                published_m = parse_length_m(raw, published_field)
            except ValueError as exc:
                warnings.append(f"{data.source}: {_describe(data.records, f)}: "
                                f"{published_field}: {exc}; no published length used")
            if published_m is not None:
                published_text = str(raw)
        length = float(feat_len[f])
        if group_by is None:
            rows.append(Measurement(ident, name, "feature", length, slack=slack,
                                    published_m=published_m, published_text=published_text,
                                    parts=int(feat_parts[f])))
            continue
        gval = _text(rec.get(group_by))
        gkey = gval if gval is not None else ident
        row = groups.get(gkey)
        if row is None:
            row = Measurement(gkey, name if gval is None else gval, "group", 0.0, slack=slack,
                              parts=0)
            groups[gkey] = row
            rows.append(row)
            group_published[gkey] = set()
        row.length_m += length
        row.parts = (row.parts or 0) + int(feat_parts[f])
        row.members.append(ident)
        if published_m is not None:
            group_published[gkey].add((published_m, published_text))
    for gkey, values in group_published.items():
        if len({v[0] for v in values}) == 1:
            groups[gkey].published_m, groups[gkey].published_text = next(iter(values))
        elif values:
            shown = ", ".join(sorted(repr(v[1]) for v in values))
            warnings.append(f"{data.source}: group {gkey!r}: features give different "
                            f"published lengths ({shown}); none used")
    return FileMeasurement(data.source, rows, list(data.skipped), warnings)


def measure_file(path: str | os.PathLike[str], id_field: str | None = None,
                 group_by: str | None = None, published_field: str | None = None,
                 slack: float = 1.0) -> FileMeasurement:
    """Measure every line feature of a vector file (see :func:`read_line_file`,
    :func:`measure_lines`)."""
    return measure_lines(read_line_file(path), id_field, group_by, published_field, slack)


def measure_geojson_text(text: str, source: str = "<stdin>", id_field: str | None = None,
                         group_by: str | None = None, published_field: str | None = None,
                         slack: float = 1.0) -> FileMeasurement:
    """Measure every line feature of GeoJSON text (see :func:`read_geojson_text`)."""
    return measure_lines(read_geojson_text(text, source), id_field, group_by, published_field,
                         slack)


# --------------------------------------------------------------------------- between


_LONLAT_RE = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*,\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*$")
_LOOKS_NUMERIC = re.compile(r"^\s*[-+.\d]")

#: ``lookup(name) -> object with name, lon, lat, country`` or ``None``
PlaceLookup = Callable[[str], Any]


def parse_lonlat(text: str) -> tuple[float, float] | None:
    """``"lon,lat"`` as a WGS84 position in degrees; ``None`` if ``text`` is not two numbers.

    Raises :class:`InputError` for numbers outside [-180, 180] × [-90, 90].
    """
    m = _LONLAT_RE.match(text)
    if m is None:
        return None
    lon, lat = float(m.group(1)), float(m.group(2))
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise InputError(f"invalid coordinates {text.strip()!r}: expected lon,lat in degrees "
                         "with -180 <= lon <= 180 and -90 <= lat <= 90")
    return lon, lat


def resolve_place(query: str, cat: Catalog | None,
                  lookup: PlaceLookup | None = None) -> dict[str, Any]:
    """Where ``query`` is: ``lon,lat``; a catalogue site by id, then by name or alias
    (case- and accent-insensitive); else ``lookup(query)`` (the gazetteer).

    Returns ``{"query", "name", "lon", "lat", "source"}``; raises :class:`InputError` if
    nothing matches or a name matches several catalogue sites at different positions.
    """
    pos = parse_lonlat(query)
    if pos is not None:
        return {"query": query, "name": waypoint_label(pos), "lon": pos[0],
                "lat": pos[1], "source": "coordinates"}
    if _LOOKS_NUMERIC.match(query) and "," in query:
        raise InputError(f"invalid coordinates {query!r}: expected lon,lat in degrees")
    if cat is not None:
        if query in cat.sites:
            lon, lat = cat.site_position(query)
            return {"query": query, "name": cat.sites[query].name, "lon": lon, "lat": lat,
                    "source": f"catalogue site {query}"}
        want = name_key(query)
        hits = [s.id for s in cat.sites.values()
                if want in {name_key(s.name), *(name_key(a) for a in s.aliases)}]
        positions = {cat.site_position(h) for h in hits}
        if len(positions) > 1:
            raise InputError(f"place {query!r} is ambiguous: catalogue sites "
                             f"{', '.join(hits)}; give a site id")
        if hits:
            lon, lat = cat.site_position(hits[0])
            return {"query": query, "name": cat.sites[hits[0]].name, "lon": lon, "lat": lat,
                    "source": f"catalogue site {hits[0]}"}
    place = lookup(query) if lookup is not None else None
    if place is not None:
        bits = [str(b) for b in (getattr(place, "kind", None), getattr(place, "country", None),
                                 getattr(place, "id", None)) if b]
        return {"query": query, "name": str(place.name), "lon": float(place.lon),
                "lat": float(place.lat),
                "source": "gazetteer" + (f" ({', '.join(bits)})" if bits else "")}
    where = "a catalogue site id or name, " if cat is not None else ""
    raise InputError(f"unknown place {query!r}: not {where}a gazetteer place, nor lon,lat")


def measure_between(places: Sequence[str], cat: Catalog | None = None,
                    lookup: PlaceLookup | None = None, slack: float = 1.0,
                    medium: str = "unspecified") -> Measurement:
    """The path through two or more places (see :func:`resolve_place`), one segment per
    leg, metres on WGS84, drawn as the map would draw a schematic segment of ``medium``
    between them (:func:`geo.routes.path_geometry`): a ``submarine`` path is routed over the
    sea, any other is made of geodesics."""
    slack = _check_slack(slack)
    if medium not in MEDIA:
        raise InputError(f"unknown medium {medium!r}; expected one of: {', '.join(MEDIA)}")
    if len(places) < 2:
        raise InputError(f"a path needs at least two places, got {len(places)}")
    resolved = [resolve_place(q, cat, lookup) for q in places]
    positions = [(float(p["lon"]), float(p["lat"])) for p in resolved]
    labels = [p["name"] for p in resolved]
    from geo.routes import path_geometry

    segments = path_geometry(positions, labels, medium)
    lines: list[list[tuple[float, float]]] = []
    for seg in segments:
        if lines and lines[-1][-1] == seg.positions[0]:
            lines[-1].extend(seg.positions[1:])
        else:
            lines.append(list(seg.positions))
    return Measurement("between:" + "/".join(p["query"] for p in resolved),
                       " – ".join(labels), "between", sum(s.length_m for s in segments),
                       [SegmentLength(s.from_, s.to, s.medium, s.length_m, routing=s.routing)
                        for s in segments],
                       schematic=True, slack=slack, places=resolved, lines=lines,
                       routing="sea" if any(s.routing == "sea" for s in segments)
                       else "geodesic")


def measurements_geojson(rows: Sequence[Measurement], precision: int = 6) -> dict[str, Any]:
    """The drawn lines of measured routes, corridors or paths as an RFC 7946
    FeatureCollection: one feature per measurement (a LineString, or a MultiLineString where
    the line has several parts or crosses the antimeridian, split there on the geodesic),
    properties ``id``, ``name``, ``kind``, ``schematic``, ``routing``, ``length_m``, the
    per-medium split (``submarine_m``...), ``latency_ms``, ``segments``. Coordinates rounded
    to ``precision`` decimals."""
    geoms = []
    for m in rows:
        if not m.lines:
            raise InputError(f"{m.id}: no drawn line to write (a line read from a file)")
        geoms.append(line_from_parts(m.lines))
    prepared = prepare_geometries(geoms)
    features = []
    for m, geom in zip(rows, prepared, strict=True):
        media = m.by_medium_m or {}
        features.append({
            "type": "Feature",
            "id": m.id,
            "geometry": geometry_object(geom, precision),
            "properties": {
                "id": m.id, "name": m.name, "kind": m.kind, "schematic": m.schematic,
                "routing": m.routing, "length_m": m.length_m,
                **{f"{k}_m": v for k, v in media.items()},
                "latency_ms": m.latency_ms,
                "segments": [s.as_dict() for s in m.segments],
            },
        })
    return {"type": "FeatureCollection", "features": features}
