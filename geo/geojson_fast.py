"""The simdjson fast path of the GeoJSON reader (:mod:`geo.geojson` decodes the rest).

:func:`fast_features` parses one FeatureCollection (or one Feature) with simdjson and
reads the positions of its plain LineString / MultiLineString geometries straight into
float arrays (no Python object per vertex), after checking on the raw bytes that each
coordinates array has the shape it claims; anything unusual is left to the ordinary
reader, which gives the same result (``tests/test_measure_fast.py`` checks both ways).

Only numpy and simdjson are imported with this module: measuring a GeoJSON file loads
neither shapely nor pandas nor GDAL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import simdjson

from geo.crs import source_crs
from geo.geojson import json_loads
from geo.line_plain import feature_members, parse_json
from geo.line_plain import plain_json as _plain_json
from geo.line_plain import repeats_a_member as _repeats_a_member

_OPEN, _CLOSE = ord("["), ord("]")
#: ``bytes.translate`` table: 1 for ``[``, ``]`` and ``,``, 0 for the rest (a bool array).
_MARKS = bytes(1 if c in b"[]," else 0 for c in range(256))
#: A ``coordinates`` member and the bracket opening its value (raw GeoJSON bytes).
_COORDINATES_KEY = re.compile(rb'"coordinates"\s*:\s*\[')


@dataclass
class _FastGeometry:
    """A LineString / MultiLineString read by simdjson: its ``coordinates`` (lazy), the
    number of positions of each part and of numbers in each part, and its ``(lon, lat)``
    positions, all parts one after another."""

    feature: int
    coordinates: Any
    multi: bool
    counts: list[int]
    numbers: list[int]
    positions: np.ndarray


def _fast_geometry(feature: int, geometry: Any) -> _FastGeometry | None:
    """A simdjson LineString / MultiLineString whose parts all have two or more positions
    and that has a whole multiple (≥ 2) of that many numbers, flattened in one
    ``Array.as_buffer`` call into ``(lon, lat)`` positions, heights dropped; ``None`` for
    anything else, read then the ordinary way. Whether each position really holds that
    many numbers, and nothing is nested deeper, is checked afterwards for all geometries
    at once (:func:`_shapes_match`)."""
    if not isinstance(geometry, simdjson.Object) or _repeats_a_member(geometry):
        return None
    gtype = geometry.get("type")
    coords = geometry.get("coordinates")
    if gtype not in ("LineString", "MultiLineString") or \
            not isinstance(coords, simdjson.Array) or len(coords) == 0:
        return None
    multi = gtype == "MultiLineString"
    if multi:
        counts = []
        for part in coords:
            if not isinstance(part, simdjson.Array):
                return None
            counts.append(len(part))
    else:
        counts = [len(coords)]
    try:
        flat = np.frombuffer(coords.as_buffer(of_type="d"), dtype=float)
    except (TypeError, ValueError):   # a string, null, bool or object inside
        return None
    n = sum(counts)
    if min(counts) < 2 or len(flat) % n or len(flat) < 2 * n:
        return None
    width = len(flat) // n
    return _FastGeometry(feature, coords, multi, counts, [c * width for c in counts],
                         flat.reshape(n, width)[:, :2])


def _shapes_match(text: bytes, starts: np.ndarray, geoms: list[_FastGeometry]) -> bool:
    """Whether the JSON array starting at each of ``starts`` in ``text`` is exactly the
    coordinates of the matching geometry: for a LineString ``[[x, y(, z)], ...]`` with
    ``n`` positions of ``numbers / n`` numbers each; for a MultiLineString an array of
    such parts. The values hold only numbers and brackets (``as_buffer`` read them), so
    their brackets and commas are all structural.

    Vectorised over all geometries: the brackets and commas from each start are gathered
    (a value of ``N`` numbers and ``A`` arrays has ``2A + N - 1`` of them), their depth is
    a cumulative sum, and the commas inside each position are those between its brackets.
    Checks: depth returns to zero at the last of them and not before, never exceeds the
    positions' depth, each geometry has its parts and each part its positions at the
    right depth (so all are arrays and none nests deeper), and each position has
    ``numbers / n - 1`` commas.
    """
    marks = np.flatnonzero(np.frombuffer(text.translate(_MARKS), dtype=np.bool_))
    n_parts = np.array([len(g.counts) for g in geoms], dtype=np.int32)
    counts = np.array([c for g in geoms for c in g.counts], dtype=np.int32)
    numbers = np.array([w for g in geoms for w in g.numbers], dtype=np.int32)
    part_depth = np.array([2 if g.multi else 1 for g in geoms], dtype=np.int32)
    geom_of_part = np.repeat(np.arange(len(geoms)), n_parts)
    positions = np.bincount(geom_of_part, weights=counts, minlength=len(geoms))
    total = np.bincount(geom_of_part, weights=numbers, minlength=len(geoms))
    arrays = 1 + np.where(part_depth == 2, n_parts, 0) + positions
    lengths = (2 * arrays + total - 1).astype(np.int32)
    first = np.searchsorted(marks, starts).astype(np.int32)
    if (first + lengths > len(marks)).any() or (first[1:] < first[:-1] + lengths[:-1]).any():
        return False
    if not (marks[np.minimum(first, len(marks) - 1)] == starts).all():
        return False
    offsets = (np.cumsum(lengths) - lengths).astype(np.int32)
    idx = np.repeat(first - offsets, lengths)
    idx += np.arange(len(idx), dtype=np.int32)
    chars = np.frombuffer(text, dtype=np.uint8)[marks[idx]]
    is_open = chars == _OPEN
    is_close = chars == _CLOSE
    step = is_open.astype(np.int32) - is_close
    depth = np.cumsum(step, dtype=np.int32)
    # depth relative to each geometry's start, less its parts' depth: parts open at 0,
    # positions at 1, the geometry's own closing bracket brings it to -part_depth
    depth -= np.repeat(depth[offsets] - step[offsets] + part_depth, lengths)
    ends = offsets + lengths - 1
    lowest = np.minimum.reduceat(depth, np.ravel(np.column_stack([offsets, ends])))
    if (lowest[1::2] != -part_depth).any() or (lowest[0::2] <= -part_depth).any() or \
            depth.max() > 1:
        return False
    part_open = np.flatnonzero(is_open & (depth == 0))
    pos_open = np.flatnonzero(is_open & (depth == 1))
    pos_close = np.flatnonzero(is_close & (depth == 0))
    if len(part_open) != len(counts) or len(pos_open) != len(pos_close) or \
            not np.array_equal(np.diff(np.searchsorted(part_open, offsets), append=len(
                part_open)), n_parts):
        return False
    # with nothing deeper than the positions, a part holds no more arrays than its
    # elements, so as many positions in all as elements in all means every element of
    # every part is a position; between a position's brackets are only its commas
    return bool(np.array_equal(pos_close - pos_open - 1, np.repeat(numbers // counts - 1,
                                                                   counts)))


def _fast_shapes_ok(raw: bytes, geoms: list[_FastGeometry]) -> bool:
    """:func:`_shapes_match` on the document itself where each geometry's ``coordinates``
    member is found in it unambiguously (no backslash anywhere, so no quote inside a
    string, and as many ``"coordinates": [`` as geometries); else on the minified text
    of each geometry's coordinates (slower: simdjson writes the numbers out again)."""
    if b"\\" not in raw:
        starts = np.array([m.end() - 1 for m in _COORDINATES_KEY.finditer(raw)],
                          dtype=np.intp)
        if len(starts) == len(geoms) and _shapes_match(raw, starts, geoms):
            return True
    texts = [g.coordinates.mini for g in geoms]
    sizes = np.array([len(t) for t in texts], dtype=np.intp)
    return _shapes_match(b"".join(texts), np.cumsum(sizes) - sizes, geoms)


def fast_features(raw: bytes, source: str
                   ) -> tuple[list[Any], list[tuple[np.ndarray, list[int]] | None], Any
                              ] | None:
    """Features of a GeoJSON FeatureCollection (or one Feature) parsed by simdjson, with
    the line parts of those whose geometry is a plain LineString / MultiLineString already
    as arrays (no Python object per vertex), and the CRS of its ``crs`` member (``None``:
    WGS84 lon/lat; :func:`geo.crs.source_crs`); ``None`` if ``raw`` is anything else (then
    the ordinary reader handles it, and its errors). A document nested deeper than
    simdjson follows is an :class:`InputError`, as :mod:`json` reports it."""
    try:
        doc = parse_json(raw)
    except (ValueError, RuntimeError) as exc:
        if "DEPTH_ERROR" in str(exc):   # json refuses it too: the same message either way
            json_loads(raw.decode("utf-8", "replace"), source)
        return None
    if not isinstance(doc, simdjson.Object) or _repeats_a_member(doc):
        return None
    lazy = feature_members(doc)
    if lazy is None:
        return None
    feats: list[Any] = []
    parts: list[tuple[np.ndarray, list[int]] | None] = [None] * len(lazy)
    geoms: list[_FastGeometry] = []
    for index, feat in enumerate(lazy):
        if not isinstance(feat, simdjson.Object) or feat.get("type") != "Feature":
            feats.append(_plain_json(feat))
            continue
        if _repeats_a_member(feat):
            return None
        plain = {k: _plain_json(feat[k]) for k in feat.keys() if k != "geometry"}  # noqa: SIM118
        geometry = feat.get("geometry")
        got = _fast_geometry(index, geometry)
        if got is None:
            plain["geometry"] = _plain_json(geometry)
        else:
            geoms.append(got)
        feats.append(plain)
    if geoms and _fast_shapes_ok(raw, geoms):
        for g in geoms:
            parts[g.feature] = (g.positions, g.counts)
    else:   # some position is ragged or nested: read those features the ordinary way
        for g in geoms:
            feats[g.feature]["geometry"] = _plain_json(lazy[g.feature]["geometry"])
    crs = source_crs(_plain_json(doc["crs"]), source) if "crs" in doc else None
    return feats, parts, crs
