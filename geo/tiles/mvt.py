"""Mapbox Vector Tile (MVT 2.1) encoding of many tiles at once, with numpy.

Geometries arrive as shapely geometries in *world units*: Web Mercator scaled to the unit
square, ``x`` from 0 (180° W) to 1 (180° E) and ``y`` from 0 (85.05° N) down to 1 (85.05° S),
the tile grid's own orientation. :func:`encode_tiles` quantizes them to each tile's
:data:`EXTENT` grid, drops repeated points, and writes the geometry commands of every
feature of a zoom level in a few numpy passes; the protobuf messages around them are
assembled as bytes (the wire format of ``vector_tile.proto``, the schema the PyPI package
``mapbox-vector-tile`` ships and decodes, as the tests do). Encoding the features one by
one with that package (or its protobuf classes) costs 10-30 µs per feature, minutes at
10 million vertices.

Property values are written per feature (the layer's ``values`` hold each feature's own
values, in order, so a feature's tags follow from its position in the tile alone); a value
that is missing is the empty string.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

#: Tile grid of every tile (MVT's default).
EXTENT = 4096

#: MVT geometry types.
POINT, LINE, POLYGON = 1, 2, 3
_FAMILY = {0: POINT, 4: POINT, 1: LINE, 5: LINE, 3: POLYGON, 6: POLYGON}


def varint(value: int) -> bytes:
    """``value`` (>= 0) as a protobuf varint."""
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Protobuf varints of ``values`` (unsigned, < 2**35) as one ``uint8`` array, and the
    byte offset of each value in it (``len(values) + 1`` offsets)."""
    v = values.astype(np.uint64, copy=False)
    n = np.ones(len(v), dtype=np.int64)
    for k in range(1, 5):
        n += v >= np.uint64(1 << (7 * k))
    offsets = np.zeros(len(v) + 1, dtype=np.int64)
    np.cumsum(n, out=offsets[1:])
    out = np.empty(int(offsets[-1]), dtype=np.uint8)
    for k in range(5):
        sel = n > k
        if not sel.any():
            break
        byte = (v[sel] >> np.uint64(7 * k)) & np.uint64(0x7F)
        byte |= np.where(n[sel] > k + 1, np.uint64(0x80), np.uint64(0))
        out[offsets[:-1][sel] + k] = byte.astype(np.uint8)
    return out, offsets


def _field(number: int, payload: bytes) -> bytes:
    """A length-delimited protobuf field."""
    return varint((number << 3) | 2) + varint(len(payload)) + payload


def value_message(value: Any) -> bytes:
    """One ``Tile.Value`` (text, number or boolean; ``None`` as the empty string)."""
    if value is None:
        value = ""
    if isinstance(value, (bool, np.bool_)):
        return b"\x38" + (b"\x01" if value else b"\x00")
    if isinstance(value, (int, np.integer)) and -(2**63) <= int(value) < 2**63:
        v = int(value)
        if v >= 0:
            return b"\x28" + varint(v)
        return b"\x30" + varint((v << 1) ^ (v >> 63))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            return _field(1, b"")
        return b"\x19" + struct.pack("<d", float(value))
    return _field(1, str(value).encode("utf-8"))


def values_blob(row: Sequence[Any]) -> bytes:
    """The layer's ``values`` fields (field 4) of one feature's property values."""
    return b"".join(_field(4, value_message(v)) for v in row)


def _zigzag(a: np.ndarray) -> np.ndarray:
    return (a << 1) ^ (a >> 63)


class Level:
    """The encoded geometries of many features at one zoom: :attr:`blobs` holds each one's
    ``type`` and ``geometry`` fields (bytes, ``b""`` when nothing of it is left at this
    zoom), its tile given by ``tiles_xy``."""

    def __init__(self, z: int, tiles_xy: np.ndarray, geoms: np.ndarray):
        self.z = z
        n = len(geoms)
        kind = np.zeros(n, dtype=np.int64)
        self.blobs: list[bytes] = [b""] * n
        type_ids = shapely.get_type_id(geoms) if n else np.zeros(0, dtype=np.int64)
        drawable = ~shapely.is_empty(geoms) if n else np.zeros(0, dtype=bool)
        streams: list[np.ndarray] = []
        owners: list[np.ndarray] = []
        for family, ids in ((POINT, (0, 4)), (LINE, (1, 5)), (POLYGON, (3, 6))):
            which = np.flatnonzero(np.isin(type_ids, ids) & drawable)
            if not len(which):
                continue
            stream, owner = _encode_family(family, geoms[which], tiles_xy[which], z)
            streams.append(stream)
            owners.append(which[owner])
            kind[which] = family
        if not streams:
            return
        stream = np.concatenate(streams)
        owner = np.concatenate(owners)
        order = np.argsort(owner, kind="stable")  # grouped by feature, each in its order
        stream, owner = stream[order], owner[order]
        data, offsets = varints(stream)
        pieces = np.arange(n)
        start = offsets[np.searchsorted(owner, pieces, side="left")]
        length = offsets[np.searchsorted(owner, pieces, side="right")] - start
        # per feature: 0x18 type 0x22 varint(length) data (nothing when length is 0)
        lv, lv_off = varints(length)
        lv_n = np.diff(lv_off)
        size = np.where(length > 0, 3 + lv_n + length, 0)
        blob_start = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(size, out=blob_start[1:])
        out = np.empty(int(blob_start[-1]), dtype=np.uint8)
        has = length > 0
        b0 = blob_start[:-1][has]
        out[b0] = 0x18
        out[b0 + 1] = kind[has]
        out[b0 + 2] = 0x22
        lv_first, lv_count = lv_off[:-1][has], lv_n[has]
        lv_src = _ranges(lv_first, lv_count)
        out[np.repeat(b0 + 3 - lv_first, lv_count) + lv_src] = lv[lv_src]
        data_src = _ranges(start, length)
        out[np.repeat(blob_start[:-1] + 3 + lv_n - start, length) + data_src] = data[data_src]
        buf = out.tobytes()
        bounds = blob_start.tolist()
        self.blobs = [buf[bounds[i]:bounds[i + 1]] for i in range(n)]


def _ranges(start: np.ndarray, length: np.ndarray) -> np.ndarray:
    """The indices ``start[i] .. start[i] + length[i] - 1`` of every ``i``, concatenated."""
    total = int(length.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    first = np.zeros(len(length), dtype=np.int64)
    np.cumsum(length[:-1], out=first[1:])
    return np.arange(total) - np.repeat(first - start, length)


def _quantize(coords: np.ndarray, tile_of_coord: np.ndarray, z: int) -> np.ndarray:
    scale = float(1 << z)
    q = np.empty(coords.shape, dtype=np.int64)
    q[:, 0] = np.rint((coords[:, 0] * scale - tile_of_coord[:, 0]) * EXTENT)
    q[:, 1] = np.rint((coords[:, 1] * scale - tile_of_coord[:, 1]) * EXTENT)
    return q


def _encode_family(family: int, geoms: np.ndarray, tiles_xy: np.ndarray, z: int
                   ) -> tuple[np.ndarray, np.ndarray]:
    """The command stream of ``geoms`` (one family) and, per integer of it, the position
    of its feature in ``geoms`` (non-decreasing)."""
    if family == POLYGON:
        # MVT: exterior rings clockwise on screen, i.e. positive area in y-down units
        geoms = shapely.orient_polygons(geoms, exterior_cw=False)
    _kind, coords, offsets = shapely.to_ragged_array(geoms)
    if family == POINT:
        per_geom = (np.diff(offsets[0]) if offsets  # Points only: one coordinate each
                    else np.ones(len(geoms), dtype=np.int64))
        feature_of_coord = np.repeat(np.arange(len(geoms)), per_geom)
        q = _quantize(coords, tiles_xy[feature_of_coord], z)
        return _point_stream(q, feature_of_coord, len(geoms))
    single = len(offsets) == (1 if family == LINE else 2)  # no Multi- geometry among them
    if family == LINE:
        parts_per_geom = (np.ones(len(geoms), dtype=np.int64) if single
                          else np.diff(offsets[1]))
        part_bounds, part_geom = offsets[0], np.repeat(np.arange(len(geoms)), parts_per_geom)
    else:
        rings_per_polygon = np.diff(offsets[1])
        polygons_per_geom = (np.ones(len(geoms), dtype=np.int64) if single
                             else np.diff(offsets[2]))
        polygon_geom = np.repeat(np.arange(len(geoms)), polygons_per_geom)
        part_bounds, part_geom = offsets[0], np.repeat(polygon_geom, rings_per_polygon)
    part_len = np.diff(part_bounds)
    part_of_coord = np.repeat(np.arange(len(part_len)), part_len)
    q = _quantize(coords, tiles_xy[part_geom[part_of_coord]], z)
    keep = np.ones(len(q), dtype=bool)
    if family == POLYGON:  # the closing point is implied (ClosePath)
        keep[part_bounds[1:] - 1] = False
    same = np.zeros(len(q), dtype=bool)
    same[1:] = ((q[1:] == q[:-1]).all(axis=1)) & (part_of_coord[1:] == part_of_coord[:-1])
    keep &= ~same
    q, part_of_coord = q[keep], part_of_coord[keep]
    counts = np.bincount(part_of_coord, minlength=len(part_len))
    good_part = counts >= (2 if family == LINE else 3)
    sel = good_part[part_of_coord]
    q, part_of_coord = q[sel], part_of_coord[sel]
    parts = np.flatnonzero(good_part)
    counts = counts[parts]
    part_geom = part_geom[parts]
    if not len(parts):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    # deltas from the previous point of the same feature (the cursor starts at 0,0)
    geom_of_coord = np.repeat(part_geom, counts)
    delta = q.copy()
    delta[1:] -= q[:-1]
    first_of_geom = np.ones(len(q), dtype=bool)
    first_of_geom[1:] = geom_of_coord[1:] != geom_of_coord[:-1]
    delta[first_of_geom] = q[first_of_geom]
    zz = _zigzag(delta)
    extra = 1 if family == POLYGON else 0
    part_size = 2 * counts + 2 + extra
    part_start = np.zeros(len(parts), dtype=np.int64)
    np.cumsum(part_size[:-1], out=part_start[1:])
    stream = np.zeros(int(part_size.sum()), dtype=np.int64)
    stream[part_start] = 9  # MoveTo(1)
    stream[part_start + 3] = 2 | ((counts - 1) << 3)  # LineTo(count - 1)
    if extra:
        stream[part_start + part_size - 1] = 15  # ClosePath(1)
    coord_start = np.zeros(len(parts), dtype=np.int64)
    np.cumsum(counts[:-1], out=coord_start[1:])
    j = np.arange(len(q)) - np.repeat(coord_start, counts)
    pos = np.repeat(part_start, counts) + 1 + 2 * j + (j >= 1)
    stream[pos] = zz[:, 0]
    stream[pos + 1] = zz[:, 1]
    owner = np.repeat(part_geom, part_size)
    return stream, owner


def _point_stream(q: np.ndarray, feature_of_coord: np.ndarray, n: int
                  ) -> tuple[np.ndarray, np.ndarray]:
    counts = np.bincount(feature_of_coord, minlength=n)
    delta = q.copy()
    delta[1:] -= q[:-1]
    first = np.ones(len(q), dtype=bool)
    first[1:] = feature_of_coord[1:] != feature_of_coord[:-1]
    delta[first] = q[first]
    zz = _zigzag(delta)
    has = np.flatnonzero(counts)
    counts = counts[has]
    size = 2 * counts + 1
    start = np.zeros(len(has), dtype=np.int64)
    np.cumsum(size[:-1], out=start[1:])
    stream = np.zeros(int(size.sum()), dtype=np.int64)
    stream[start] = 1 | (counts << 3)  # MoveTo(count)
    coord_start = np.zeros(len(has), dtype=np.int64)
    np.cumsum(counts[:-1], out=coord_start[1:])
    j = np.arange(len(q)) - np.repeat(coord_start, counts)
    pos = np.repeat(start, counts) + 1 + 2 * j
    stream[pos] = zz[:, 0]
    stream[pos + 1] = zz[:, 1]
    return stream, np.repeat(has, size)


class LayerWriter:
    """Writes one MVT layer per tile: fixed ``keys``, each feature's values from
    ``value_blobs`` (:func:`values_blob` per source feature, in key order)."""

    def __init__(self, name: str, keys: Sequence[str], value_blobs: Sequence[bytes]):
        self.head = b"\x78\x02" + _field(1, name.encode("utf-8"))  # version 2, name
        self.tail = (b"".join(_field(3, k.encode("utf-8")) for k in keys)
                     + b"\x28" + varint(EXTENT))
        self.n_keys = len(keys)
        self.value_blobs = value_blobs
        self.id_fields = [b"\x08" + varint(i) for i in range(len(value_blobs))]
        self._tags: list[bytes] = []

    def _tag_fields(self, n: int) -> list[bytes]:
        """The tags fields of the first ``n`` features of a tile (feature ``j``'s values are
        the layer's values ``j * len(keys)`` onwards)."""
        while len(self._tags) < n:
            k = len(self._tags)
            ints = [x for i in range(self.n_keys) for x in (i, k * self.n_keys + i)]
            packed = b"".join(varint(x) for x in ints)
            self._tags.append(b"\x12" + varint(len(packed)) + packed)
        return self._tags

    def tile(self, sources: Sequence[int], blobs: Sequence[bytes]) -> bytes:
        """The tile (``Tile`` message) of the features ``sources`` (rows of the layer) with
        their :attr:`Level.blobs`; empty bytes when none has a geometry."""
        pairs = [(s, b) for s, b in zip(sources, blobs, strict=True) if b]
        if not pairs:
            return b""
        tags = self._tag_fields(len(pairs))
        ids, values = self.id_fields, self.value_blobs
        parts = [self.head]
        for j, (source, blob) in enumerate(pairs):
            body = ids[source] + tags[j] + blob
            parts.append(b"\x12" + varint(len(body)) + body)
        parts.append(self.tail)
        parts.extend(values[s] for s, _b in pairs)
        layer = b"".join(parts)
        return b"\x1a" + varint(len(layer)) + layer
