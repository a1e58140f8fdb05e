"""Stand-in basemap tiles for the browser tests (no network): Web Mercator PNG tiles drawn
from geo's Natural Earth country outlines, so the online map can be loaded and photographed
without reaching a tile server. Land, sea and borders only; no labels, no roads."""

from __future__ import annotations

import functools
import math
import os
import struct
import zlib
from pathlib import Path

import numpy as np

from geo.webmap.offline import countries

#: drawn tiles are kept here between runs (drawing one takes a tenth of a second or more)
CACHE = Path(__file__).resolve().parents[1] / ".cache" / "tiles"
SIZE = 256
SEA = (0xD4, 0xDD, 0xE4)
LAND = (0xF5, 0xF4, 0xF0)
BORDER = (0xB8, 0xBE, 0xC6)


def _mercator_px(lon: np.ndarray, lat: np.ndarray, z: int) -> tuple[np.ndarray, np.ndarray]:
    """Global pixel coordinates at zoom ``z`` (EPSG:3857, 256-px tiles)."""
    lat = np.clip(lat, -85.0511, 85.0511)
    n = SIZE * 2**z
    x = (lon + 180.0) / 360.0 * n
    y = (1 - np.log(np.tan(np.radians(lat)) + 1 / np.cos(np.radians(lat))) / math.pi) / 2 * n
    return x, y


@functools.lru_cache(maxsize=1)
def _rings() -> list[tuple[int, np.ndarray]]:
    """(country index, ring as an (N, 2) lon/lat array) for every ring of every country."""
    out = []
    for i, feature in enumerate(countries()["features"]):
        geom = feature["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        for poly in polys:
            for ring in poly:
                out.append((i + 1, np.asarray(ring, dtype=float)))
    return out


def _png(rgb: np.ndarray) -> bytes:
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[row].tobytes() for row in range(h))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


@functools.lru_cache(maxsize=512)
def tile_png(z: int, x: int, y: int) -> bytes:
    """The tile ``z/x/y`` as PNG bytes (:func:`draw_tile`), kept in :data:`CACHE`."""
    path = CACHE / f"{z}-{x}-{y}.png"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = draw_tile(z, x, y)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError:
        pass
    return data


def draw_tile(z: int, x: int, y: int) -> bytes:
    """The tile ``z/x/y`` as PNG bytes: countries filled (even-odd scanlines), borders drawn."""
    ids = np.zeros((SIZE, SIZE), dtype=np.int32)
    rows = np.arange(SIZE) + 0.5
    cols = np.arange(SIZE) + 0.5
    x0, y0 = x * SIZE, y * SIZE
    by_country: dict[int, list[np.ndarray]] = {}
    for cid, ring in _rings():
        px, py = _mercator_px(ring[:, 0], ring[:, 1], z)
        px, py = px - x0, py - y0
        if px.max() < 0 or px.min() > SIZE or py.max() < 0 or py.min() > SIZE:
            continue
        edges = np.column_stack([px[:-1], py[:-1], px[1:], py[1:]])
        by_country.setdefault(cid, []).append(edges)
    for cid, parts in by_country.items():
        e = np.concatenate(parts)
        ya, yb = e[:, 1], e[:, 3]
        spans = (rows[:, None] >= np.minimum(ya, yb)) & (rows[:, None] < np.maximum(ya, yb))
        with np.errstate(divide="ignore", invalid="ignore"):
            t = (rows[:, None] - ya) / (yb - ya)
        xs = e[:, 0] + t * (e[:, 2] - e[:, 0])
        for r in np.nonzero(spans.any(axis=1))[0]:
            cross = np.sort(xs[r][spans[r]])
            for a, b in zip(cross[0::2], cross[1::2], strict=False):
                ids[r, (cols >= a) & (cols < b)] = cid
    rgb = np.empty((SIZE, SIZE, 3), dtype=np.uint8)
    rgb[:] = SEA
    rgb[ids > 0] = LAND
    edge = np.zeros_like(ids, dtype=bool)
    edge[:, 1:] |= ids[:, 1:] != ids[:, :-1]
    edge[1:, :] |= ids[1:, :] != ids[:-1, :]
    rgb[edge] = BORDER
    return _png(rgb)
