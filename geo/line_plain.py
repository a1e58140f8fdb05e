"""Plain GeoJSON line files read without numpy: the quick path of ``geo measure --file``.

A ``.geojson`` / ``.json`` file holding one FeatureCollection (or one Feature), without a
``crs`` member, whose every feature is a Feature with a LineString or MultiLineString of
sane positions (two or more distinct ones per part; numbers only; finite; latitude within ±90°,
longitude within ±540°; see :func:`geo.vector.insane_positions`) is parsed by simdjson into
plain lists (:func:`read_plain_line_file`): numpy, shapely, pandas and GDAL are not loaded
(importing numpy alone takes longer than reading and measuring 500 submarine cables). For
anything else — a feature to skip, a declared CRS, text that simdjson refuses, a file
over :data:`PLAIN_MAX_BYTES` — the answer is ``None`` and :mod:`geo.line_input` reads the
file, with its messages; where both apply they give the same records and positions
(``tests/test_measure_fast.py`` checks both ways).

The simdjson helpers that :mod:`geo.geojson_fast` (the numpy fast path) shares are here too.
"""

from __future__ import annotations

import itertools
import math
import reprlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import simdjson

from geo.files import MAX_JSON_BYTES, dataset_siblings_ok, read_bytes, regular_file
from geo.vector import LINE_ID_FIELDS, MAX_ABS_LAT, MAX_ABS_LON, find_field

#: Largest file read by the plain path (bytes); a larger one is read into numpy arrays
#: (:mod:`geo.geojson_fast`). Measured as whole processes: a 2.8 MB file of 100,000
#: vertices written compactly takes as long either way (numpy's import, about 0.17 s, is
#: then won back), a 1.1 MB file of 490 cables 25% less time on the plain path.
PLAIN_MAX_BYTES = 2 * 1024 * 1024

#: Suffixes of the files the plain path (and :mod:`geo.geojson_fast`) reads.
GEOJSON_SUFFIXES = (".geojson", ".json")

#: A simdjson parser kept for reuse: setting up its buffers costs half a parse.
_PARSER = simdjson.Parser()


def parse_json(raw: bytes) -> Any:
    """``raw`` parsed by simdjson (lazy objects), with the kept parser unless a document it
    parsed earlier is still referenced (simdjson then refuses: a new parser is used)."""
    try:
        return _PARSER.parse(raw)
    except RuntimeError:
        return simdjson.Parser().parse(raw)


def repeats_a_member(obj: Any) -> bool:
    """Whether the simdjson object ``obj`` names a member twice: simdjson's look-up takes
    the first, :mod:`json` (and ``as_dict``) the last, so such a document is left to the
    ordinary reader."""
    names = list(obj.keys())
    return len(set(names)) != len(names)


def feature_members(doc: Any) -> list[Any] | None:
    """The features of a parsed GeoJSON object (simdjson): a FeatureCollection's, or the
    Feature itself; ``None`` for anything else."""
    kind = doc.get("type")
    if kind == "FeatureCollection":
        members = doc.get("features")
        return list(members) if isinstance(members, simdjson.Array) else None
    return [doc] if kind == "Feature" else None


def feature_record(props: Any, feature_id: Any, index: int, records: list[dict[str, Any]],
                   fields: list[str], seen: set[str]) -> None:
    """Append a feature's record to ``records``: its properties (an object, else none), its
    ``id`` where the properties have none, and ``__fid__`` its number; new property names
    join ``fields`` (and ``seen``) in the order first met."""
    rec = dict(props) if isinstance(props, dict) else {}
    if feature_id is not None and "id" not in rec:
        rec["id"] = feature_id
    for key in rec:
        if key not in seen:
            seen.add(key)
            fields.append(key)
    rec["__fid__"] = index
    records.append(rec)


def plain_json(value: Any) -> Any:
    """A simdjson lazy value as plain Python (dicts, lists, str, numbers, None)."""
    if isinstance(value, simdjson.Object):
        return value.as_dict()
    if isinstance(value, simdjson.Array):
        return value.as_list()
    return value


def _short_repr() -> reprlib.Repr:
    """A repr bounded in depth and length, for property values in messages and labels (a
    JSON array nested a thousand deep must not recurse a thousand times)."""
    short = reprlib.Repr()
    short.maxlevel, short.maxstring, short.maxother = 3, 80, 80
    short.maxlist = short.maxdict = 4
    return short


#: A repr bounded in depth and length (see :func:`_short_repr`).
BOUNDED_REPR = _short_repr()


def describe_feature(records: list[dict[str, Any]], index: int) -> str:
    """``feature 3 (name 'Baku-Tbilisi')``: a feature's number and the first id-like value
    it has (see :data:`geo.vector.LINE_ID_FIELDS`), for messages."""
    rec = records[index]
    for key in LINE_ID_FIELDS:
        field_ = find_field(list(rec), key)   # KML's "Name"
        value = rec.get(field_) if field_ else None
        if value is not None and value == value:
            return f"feature {rec['__fid__']} ({key} {BOUNDED_REPR.repr(value)})"
    return f"feature {rec['__fid__']}"


@dataclass
class PlainLines:
    """The features of a plain GeoJSON line file, every one of them measurable.

    ``records`` holds each feature's attributes (every name of ``fields``, ``None`` where
    it has none, its ``id`` member as ``id`` unless a property has that name, and its
    number from 0 as ``__fid__``), as :mod:`geo.line_input` gives them; ``lon`` and
    ``lat`` the WGS84 degrees of every line part of every feature, one after another;
    ``part_offsets[i]`` where part ``i`` starts in them; ``feature_parts[f]`` how many
    parts feature ``f`` has (its parts follow those of feature ``f - 1``).
    """

    source: str
    fields: list[str]
    records: list[dict[str, Any]]
    lon: list[float]
    lat: list[float]
    part_offsets: list[int]
    feature_parts: list[int]


def _line_parts(geometry: Any) -> list[tuple[list[float], list[float]]] | None:
    """The parts of a simdjson LineString / MultiLineString as ``(lon, lat)`` lists of
    floats (heights dropped), if every part has two or more distinct positions of two or
    more numbers each; else ``None``. The checks run in C (``map``, ``set``, ``min``)."""
    if not isinstance(geometry, simdjson.Object) or repeats_a_member(geometry):
        return None
    gtype = geometry.get("type")
    coords = geometry.get("coordinates")
    if gtype not in ("LineString", "MultiLineString") or \
            not isinstance(coords, simdjson.Array):
        return None
    parts = [coords.as_list()] if gtype == "LineString" else coords.as_list()
    if not parts:
        return None
    out = []
    for part in parts:
        if type(part) is not list or len(part) < 2 or set(map(type, part)) != {list}:
            return None
        widths = set(map(len, part))
        if min(widths) < 2:
            return None
        values = list(itertools.chain.from_iterable(part))
        if not set(map(type, values)) <= _NUMBER_TYPES:   # no text, bool or null
            return None
        try:
            if widths == {2}:
                lon, lat = list(map(float, values[0::2])), list(map(float, values[1::2]))
            else:
                lon, lat = [float(p[0]) for p in part], [float(p[1]) for p in part]
        except OverflowError:   # an integer too large for a float
            return None
        if lon[1] == lon[0] and lat[1] == lat[0] and \
                lon.count(lon[0]) == len(lon) and lat.count(lat[0]) == len(lat):
            return None   # all at one place: skipped by geo.line_input, with its reason
        out.append((lon, lat))
    return out


#: The Python types of JSON numbers (``bool`` is not one of them).
_NUMBER_TYPES = frozenset((float, int))


def _sane(values: list[float], limit: float) -> bool:
    """Whether every one of ``values`` is finite and within ±``limit``: a NaN or an
    infinity makes the sum not finite."""
    return math.isfinite(sum(values)) and -limit <= min(values) and max(values) <= limit


def plain_line_features(raw: bytes, source: str) -> PlainLines | None:
    """The features of GeoJSON bytes (one FeatureCollection or Feature, a UTF-8 byte-order
    mark allowed) when all of them are plain lines of sane WGS84 positions and there is no
    ``crs`` member (see the module's docstring); else ``None``."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if raw.lstrip()[:1] != b"{":
        return None
    try:
        doc = parse_json(raw)
    except (ValueError, RuntimeError):
        return None
    if not isinstance(doc, simdjson.Object) or repeats_a_member(doc) or "crs" in doc:
        return None
    lazy = feature_members(doc)
    if not lazy:   # not features, or nothing to measure: line_input says so
        return None
    fields: list[str] = []
    seen: set[str] = set()
    records: list[dict[str, Any]] = []
    lon: list[float] = []
    lat: list[float] = []
    part_offsets: list[int] = []
    feature_parts: list[int] = []
    for index, feat in enumerate(lazy):
        if not isinstance(feat, simdjson.Object) or feat.get("type") != "Feature" or \
                repeats_a_member(feat):
            return None
        parts = _line_parts(feat.get("geometry"))
        if parts is None:
            return None
        for part_lon, part_lat in parts:
            part_offsets.append(len(lon))
            lon.extend(part_lon)
            lat.extend(part_lat)
        feature_parts.append(len(parts))
        feature_record(plain_json(feat["properties"]) if "properties" in feat else None,
                       plain_json(feat["id"]) if feat.get("id") is not None else None,
                       index, records, fields, seen)
    if not (_sane(lon, MAX_ABS_LON) and _sane(lat, MAX_ABS_LAT)):
        return None
    for rec in records:
        for name in fields:
            rec.setdefault(name, None)
    return PlainLines(source, fields, records, lon, lat, part_offsets, feature_parts)


def read_plain_line_file(path: str | Path) -> tuple[PlainLines | None, bytes | None]:
    """A plain GeoJSON line file read without numpy (:func:`plain_line_features`), and its
    bytes (``None`` if they were not read: a folder, another suffix). ``(None, raw)``: the
    file is not plain (or is over :data:`PLAIN_MAX_BYTES`); :func:`geo.line_input.
    read_line_file` reads it, given ``raw``. Raises :class:`InputError` as that function
    does for a file that cannot be read (not a regular file, over
    :data:`geo.files.MAX_JSON_BYTES`, a FIFO beside it)."""
    path = Path(path)
    if path.suffix.lower() not in GEOJSON_SUFFIXES or path.is_dir():
        return None, None
    regular_file(path, "file")
    dataset_siblings_ok(path)
    raw = read_bytes(path, MAX_JSON_BYTES, "file")
    if len(raw) > PLAIN_MAX_BYTES:
        return None, raw
    return plain_line_features(raw, str(path)), raw
