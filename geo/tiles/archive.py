"""A context layer as vector tiles in a PMTiles archive (zoom-dependent simplification).

:func:`cut_archive` cuts a :class:`geo.context.ContextLayer` into Mapbox Vector Tiles,
zoom 0 to ``max_zoom``, into a PMTiles v3 archive (laid out by the PyPI package
``pmtiles``) whose tile data waits in a temporary file on disk until
:meth:`PendingArchive.write_to` streams the archive into a file (``geo build`` writes it
with the map, as one set: :func:`geo.atomic.write_file_set`); :func:`tile_archive` returns
an archive as bytes:

- positions are projected to Web Mercator (latitudes clamped to ±85.0511°, as every web
  map does); a line unwrapped past ±180° for drawing (:mod:`geo.context`) is cut at the
  antimeridian into the copies each side of it;
- clipping is top-down (shapely's ``clip_by_rect``): the pieces of a tile at zoom z, at full
  detail and with a margin of :data:`BUFFER` of a tile, are clipped into its four children
  at z+1, so each vertex is clipped a few times per zoom, never once per tile of its
  bounding box;
- each piece is simplified (Douglas-Peucker; topology kept for polygons) for its zoom to
  :data:`SIMPLIFY_PX` display pixels. protomaps-leaflet shows a data tile of zoom z at zoom
  z+1 as 512 × 512 pixels (its ``levelDiff`` of 1), so one pixel is ``1 / (512 · 2^z)``
  of the world's width;
- the tiles are encoded by :mod:`geo.tiles.mvt` (one layer, named after the context layer;
  each feature's id is its row in the layer, its properties ``geo:id``, ``geo:label``,
  the popup fields and, for lines, ``length (km, geodesic)``), gzipped.

The deepest zoom (``max_zoom``, default :data:`DEFAULT_MAX_ZOOM` = 8, shown at 9) keeps
the layer's own detail, unsimplified (its drawing coordinates are already simplified at
:data:`geo.context.SIMPLIFY_DEG` = 0.001°, and quantized to 1/4096 of a tile, 0.0003° at
zoom 8): deeper zooms enlarge its tiles (overzoom) and still draw every vertex the layer
has. Each zoom deeper would quadruple the tiles written (about 31,000 at zoom 8 for 1M
vertices of cable-like lines over the world, 350,000 at zoom 10), and the time to write them.
"""

from __future__ import annotations

import io
import itertools
import math
import shutil
import zlib
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, BinaryIO

import numpy as np
import shapely

from geo.errors import GeoError
from geo.tiles import mvt

#: Display pixels of one data tile (protomaps-leaflet draws tile z at zoom z+1, 512 px).
TILE_PX = 512
#: Simplification tolerance in display pixels.
SIMPLIFY_PX = 1.0
#: Margin kept around each tile, as a fraction of the tile (lines do not end at its edge).
BUFFER = 1.0 / 64.0
#: Deepest zoom written whatever the layer's detail.
MAX_ZOOM_CAP = 12
#: Deepest zoom written by default (its tiles keep every vertex of the layer).
DEFAULT_MAX_ZOOM = 8
#: Web Mercator's latitude limit (degrees).
MAX_LAT = 85.0511287798
#: Name of the length property of lines.
LENGTH_KEY = "length (km, geodesic)"


@dataclass(frozen=True)
class TileArchive:
    """An archive and what the page needs to draw it."""

    data: bytes
    layer_name: str        # the MVT layer inside the tiles
    max_zoom: int          # deepest zoom of data (display zoom max_zoom + 1)
    fields: list[str]      # the property keys after geo:id and geo:label
    tiles: int             # tiles written
    vertices: int          # drawing vertices of the layer


@dataclass(frozen=True)
class PendingArchive:
    """An archive cut into tiles, not yet written: its head (header, directories,
    metadata) in memory, its tile data in a temporary file on disk. :meth:`write_to` writes
    it; :meth:`close` removes the temporary file (call it whether written or not)."""

    head: bytes
    tile_data: BinaryIO    # the pmtiles writer's temporary file of tile data
    tile_data_bytes: int
    layer_name: str
    max_zoom: int
    fields: list[str]
    tiles: int
    vertices: int

    @property
    def size_bytes(self) -> int:
        """The archive's size in bytes."""
        return len(self.head) + self.tile_data_bytes

    def write_to(self, out: BinaryIO) -> None:
        """Write the archive to the binary file ``out``, streaming its tile data."""
        out.write(self.head)
        self.tile_data.seek(0)
        shutil.copyfileobj(self.tile_data, out, 1 << 20)

    def close(self) -> None:
        """Remove the temporary file of tile data."""
        self.tile_data.close()


def to_world(geoms: np.ndarray) -> np.ndarray:
    """``geoms`` (lon, lat degrees) in world units: Web Mercator scaled to [0, 1] with y
    down (longitudes past ±180° map past 0 or 1)."""

    def project(xy: np.ndarray) -> np.ndarray:
        lat = np.radians(np.clip(xy[:, 1], -MAX_LAT, MAX_LAT))
        x = (xy[:, 0] + 180.0) / 360.0
        y = 0.5 - np.log(np.tan(np.pi / 4.0 + lat / 2.0)) / (2.0 * np.pi)
        return np.column_stack([x, y])

    return shapely.transform(geoms, project)


def _wrapped(world: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Copies of ``world`` shifted by whole turns so that every part inside [0, 1] in x is
    there once, and the source position of each copy."""
    bounds = shapely.bounds(world)
    out, source = [], []
    for turn in (-1.0, 0.0, 1.0):
        lo, hi = bounds[:, 0] + turn, bounds[:, 2] + turn
        which = np.flatnonzero((hi >= 0.0) & (lo <= 1.0))
        if not len(which):
            continue
        copies = world[which]
        if turn:
            copies = shapely.transform(copies, lambda xy, d=turn: xy + np.array([d, 0.0]))
        outside = (lo[which] < 0.0) | (hi[which] > 1.0)
        if outside.any():
            copies[outside] = shapely.clip_by_rect(copies[outside], 0.0, -1.0, 1.0, 2.0)
        out.append(copies)
        source.append(which)
    geoms = np.concatenate(out) if out else np.zeros(0, dtype=object)
    src = np.concatenate(source) if source else np.zeros(0, dtype=np.int64)
    keep = ~shapely.is_empty(geoms)
    return geoms[keep], src[keep]


def _keep_drawable(geoms: np.ndarray, src: np.ndarray, xy: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop empty pieces; a geometry collection (a clip's odd result: a line that touches
    the tile's edge leaves a point there) keeps its lines, or its polygons."""
    type_ids = shapely.get_type_id(geoms)
    collections = np.flatnonzero(type_ids == 7)
    if len(collections):
        parts, index = shapely.get_parts(geoms[collections], return_index=True)
        part_types = shapely.get_type_id(parts)
        replaced = np.full(len(collections), None, dtype=object)
        for types, build in (((1,), shapely.multilinestrings), ((3,), shapely.multipolygons)):
            sel = np.isin(part_types, types)
            if sel.any():
                owners, compact = np.unique(index[sel], return_inverse=True)
                replaced[owners] = build(parts[sel], indices=compact.reshape(-1))
        geoms = geoms.copy()
        geoms[collections] = replaced
    keep = ~shapely.is_missing(geoms)
    keep[keep] = ~shapely.is_empty(geoms[keep])
    return geoms[keep], src[keep], xy[keep]


def _children(z: int, geoms: np.ndarray, src: np.ndarray, xy: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pieces of zoom ``z`` clipped into their tiles' children at ``z + 1``."""
    n = float(1 << (z + 1))
    bounds = shapely.bounds(geoms) * n
    pad = BUFFER
    out_g, out_s, out_xy = [], [], []
    for dx in (0, 1):
        for dy in (0, 1):
            cx = 2 * xy[:, 0] + dx
            cy = 2 * xy[:, 1] + dy
            hits = np.flatnonzero((bounds[:, 0] <= cx + 1 + pad) & (bounds[:, 2] >= cx - pad)
                                  & (bounds[:, 1] <= cy + 1 + pad)
                                  & (bounds[:, 3] >= cy - pad))
            if not len(hits):
                continue
            out_g.append(geoms[hits])
            out_s.append(src[hits])
            out_xy.append(np.column_stack([cx[hits], cy[hits]]))
    if not out_g:
        return geoms[:0], src[:0], xy[:0]
    g, s, t = np.concatenate(out_g), np.concatenate(out_s), np.concatenate(out_xy)
    b = shapely.bounds(g) * n
    inside = ((b[:, 0] >= t[:, 0] - pad) & (b[:, 2] <= t[:, 0] + 1 + pad)
              & (b[:, 1] >= t[:, 1] - pad) & (b[:, 3] <= t[:, 1] + 1 + pad))
    clip = np.flatnonzero(~inside)
    if len(clip):
        keys = t[clip, 0] * (1 << (z + 1)) + t[clip, 1]
        order = np.argsort(keys, kind="stable")
        clip = clip[order]
        keys = keys[order]
        cuts = [0, *(np.flatnonzero(np.diff(keys)) + 1).tolist(), len(clip)]
        for a, b in itertools.pairwise(cuts):
            group = clip[a:b]
            x, y = t[group[0]]
            g[group] = shapely.clip_by_rect(g[group], (x - pad) / n, (y - pad) / n,
                                            (x + 1 + pad) / n, (y + 1 + pad) / n)
    return _keep_drawable(g, s, t)


def _simplified(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    type_ids = shapely.get_type_id(geoms)
    out = geoms.copy()
    lines = np.isin(type_ids, (1, 5))
    if lines.any():
        out[lines] = shapely.simplify(geoms[lines], tolerance, preserve_topology=False)
    polygons = np.isin(type_ids, (3, 6))
    if polygons.any():
        out[polygons] = shapely.simplify(geoms[polygons], tolerance, preserve_topology=True)
    return out


def property_rows(layer: Any) -> tuple[list[str], list[list[Any]]]:
    """The property keys of the tiles (after ``geo:id`` and ``geo:label``) and each
    feature's values (id, label, popup fields, length in km for lines)."""
    from geo.context import ID_COL, LABEL_COL, LENGTH_COL

    gdf = layer.features
    lengths = gdf[LENGTH_COL].to_numpy(dtype=float)
    has_length = bool(np.isfinite(lengths).any()) if len(gdf) else False
    fields = list(layer.popup_fields) + ([LENGTH_KEY] if has_length else [])
    columns = [gdf[f].tolist() for f in layer.popup_fields]
    ids, labels = gdf[ID_COL].tolist(), gdf[LABEL_COL].tolist()
    rows = []
    for i in range(len(gdf)):
        row = [ids[i], labels[i], *(_plain(col[i]) for col in columns)]
        if has_length:
            row.append(round(lengths[i] / 1000.0, 1) if math.isfinite(lengths[i]) else None)
        rows.append(row)
    return fields, rows


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def tile_archive(layer: Any, *, max_zoom: int | None = None, min_zoom: int = 0,
                 layer_name: str | None = None) -> TileArchive:
    """The PMTiles archive (bytes) of the context layer ``layer``, zooms ``min_zoom`` to
    ``max_zoom`` (default :data:`DEFAULT_MAX_ZOOM`).

    Raises :class:`GeoError` when the layer has nothing to draw.
    """
    pending = cut_archive(layer, max_zoom=max_zoom, min_zoom=min_zoom, layer_name=layer_name)
    try:
        buffer = io.BytesIO()
        pending.write_to(buffer)
    finally:
        pending.close()
    return TileArchive(data=buffer.getvalue(), layer_name=pending.layer_name,
                       max_zoom=pending.max_zoom, fields=pending.fields, tiles=pending.tiles,
                       vertices=pending.vertices)


def cut_archive(layer: Any, *, max_zoom: int | None = None, min_zoom: int = 0,
                layer_name: str | None = None) -> PendingArchive:
    """The PMTiles archive of the context layer ``layer``, zooms ``min_zoom`` to
    ``max_zoom`` (default :data:`DEFAULT_MAX_ZOOM`), cut but not written: its tile data
    is in a temporary file, not in memory.

    Raises :class:`GeoError` when the layer has nothing to draw.
    """
    from pmtiles.writer import Writer

    from geo.tiles import vertex_count

    if max_zoom is None:
        max_zoom = DEFAULT_MAX_ZOOM
    if not 0 <= min_zoom <= max_zoom <= MAX_ZOOM_CAP:
        raise GeoError(f"zooms {min_zoom}-{max_zoom}: expected 0 <= min <= max <= "
                       f"{MAX_ZOOM_CAP}")
    name = layer_name or layer.name
    geoms_lonlat = layer.features.geometry.to_numpy()
    if not len(geoms_lonlat):
        raise GeoError(f"context layer {layer.name}: no feature to tile")
    fields, rows = property_rows(layer)
    keys = ["geo:id", "geo:label", *fields]
    writer_layer = mvt.LayerWriter(name, keys, [mvt.values_blob(r) for r in rows])

    geoms, src = _wrapped(to_world(geoms_lonlat))
    xy = np.zeros((len(geoms), 2), dtype=np.int64)
    geoms, src, xy = _keep_drawable(geoms, src, xy)
    writer = Writer(None)  # only its temporary file of tile data and its entries are used
    try:
        written = _write_levels(writer, writer_layer, geoms, src, xy, min_zoom, max_zoom)
    except BaseException:
        writer.tile_f.close()  # the writer's temporary file of tile data
        raise
    if not written:
        writer.tile_f.close()
        raise GeoError(f"context layer {layer.name}: no tile has a feature")
    west, south, east, north = _lonlat_bounds(geoms_lonlat)
    try:
        parts = _head(writer, min_zoom, max_zoom, name, keys, (west, south, east, north))
    except BaseException:
        writer.tile_f.close()
        raise
    # (what Writer.finalize writes before it copies the tile data)
    return PendingArchive(head=b"".join(parts), tile_data=writer.tile_f,
                          tile_data_bytes=writer.offset, layer_name=name, max_zoom=max_zoom,
                          fields=fields, tiles=written, vertices=vertex_count(geoms_lonlat))


def _head(writer: Any, min_zoom: int, max_zoom: int, name: str, keys: list[str],
          bounds: Sequence[float]) -> tuple[bytes, ...]:
    """The header, root directory, metadata and leaf directories of ``writer``'s tiles;
    ``bounds`` is west, south, east, north in degrees."""
    from pmtiles.tile import Compression, TileType
    from pmtiles.writer import finalize_header

    west, south, east, north = bounds
    return finalize_header(
        {"tile_type": TileType.MVT, "tile_compression": Compression.GZIP,
         "min_lon_e7": int(west * 1e7), "min_lat_e7": int(south * 1e7),
         "max_lon_e7": int(east * 1e7), "max_lat_e7": int(north * 1e7),
         "center_zoom": min_zoom, "center_lon_e7": int((west + east) / 2 * 1e7),
         "center_lat_e7": int((south + north) / 2 * 1e7)},
        writer.addressed_tiles, writer.tile_entries, len(writer.hash_to_offset),
        {"name": name, "format": "pbf", "generator": "geo",
         "vector_layers": [{"id": name, "fields": {k: "String" for k in keys},
                            "minzoom": min_zoom, "maxzoom": max_zoom}]},
        writer.clustered, writer.offset)


def _compressed(tiles: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """Gzip each tile (zlib releases the GIL: this runs beside the next zoom's work)."""
    return [(tile_id, zlib.compress(data, 1, wbits=31)) for tile_id, data in tiles]


def _write_levels(writer: Any, writer_layer: mvt.LayerWriter, geoms: np.ndarray,
                  src: np.ndarray, xy: np.ndarray, min_zoom: int, max_zoom: int) -> int:
    """Write the tiles of zooms ``min_zoom`` to ``max_zoom`` of the pieces ``geoms`` (world
    units, at zoom 0 in tile 0/0/0; ``src`` their rows in the layer); the tiles written.

    A zoom's tiles are compressed in a thread while the next zoom is clipped and encoded
    (zlib and shapely release the GIL), and written in order of tile id."""
    written = 0
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending: Future[list[tuple[int, bytes]]] | None = None
        for z in range(max_zoom + 1):
            if z >= min_zoom and len(geoms):
                # the deepest zoom keeps the layer's own detail: deeper zooms enlarge it
                drawn = (geoms if z == max_zoom
                         else _simplified(geoms, SIMPLIFY_PX / (TILE_PX * float(1 << z))))
                blobs = mvt.Level(z, xy, drawn).blobs
                tile_ids = tile_ids_of(z, xy[:, 0], xy[:, 1])
                order = np.lexsort((src, tile_ids))
                sorted_ids = tile_ids[order]
                cuts = [0, *(np.flatnonzero(np.diff(sorted_ids)) + 1).tolist(), len(order)]
                order_list, src_list, id_list = order.tolist(), src.tolist(), sorted_ids.tolist()
                tiles = []
                for a, b in itertools.pairwise(cuts):
                    rows = order_list[a:b]
                    data = writer_layer.tile([src_list[i] for i in rows],
                                             [blobs[i] for i in rows])
                    if data:
                        tiles.append((id_list[a], data))
                del blobs
                if pending is not None:
                    written += _write(writer, pending.result())
                pending = pool.submit(_compressed, tiles)
            if z < max_zoom:
                geoms, src, xy = _children(z, geoms, src, xy)
        if pending is not None:
            written += _write(writer, pending.result())
    return written


def _write(writer: Any, tiles: list[tuple[int, bytes]]) -> int:
    for tile_id, data in tiles:
        writer.write_tile(tile_id, data)
    return len(tiles)


def tile_ids_of(z: int, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """PMTiles tile ids of the tiles (``x``, ``y``) at zoom ``z``: the Hilbert curve order
    of ``pmtiles.tile.zxy_to_tileid``, for arrays."""
    x = x.astype(np.int64)
    y = y.astype(np.int64)
    acc = np.full(len(x), ((1 << (2 * z)) - 1) // 3, dtype=np.int64)
    for a in range(z - 1, -1, -1):
        s = 1 << a
        rx, ry = x & s, y & s
        acc += ((3 * rx) ^ ry) << a
        flip = (ry == 0) & (rx != 0)
        x = np.where(flip, s - 1 - x, x)
        y = np.where(flip, s - 1 - y, y)
        swap = ry == 0
        x, y = np.where(swap, y, x), np.where(swap, x, y)
    return acc


def _lonlat_bounds(geoms: np.ndarray) -> Sequence[float]:
    west, south, east, north = shapely.total_bounds(geoms)
    west, east = max(-180.0, float(west)), min(180.0, float(east))
    if west >= east:
        west, east = -180.0, 180.0
    return west, max(-90.0, float(south)), east, min(90.0, float(north))
