"""Geodesy on the WGS84 ellipsoid (``pyproj.Geod``, Karney's algorithm).

Positions are ``(lon, lat)`` in degrees, longitude first; lengths are metres.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pyproj import Geod

if TYPE_CHECKING:  # numpy loads where arrays are used: a plain GeoJSON file is measured
    import numpy as np  # without it (parts_lengths_plain_m)

#: The WGS84 ellipsoid; Geod uses Karney (2013) geodesics (GeographicLib).
GEOD = Geod(ellps="WGS84")


def path_length_m(positions: Sequence[tuple[float, float]]) -> float:
    """Geodesic length in metres of the path through ``positions`` (``(lon, lat)`` degrees).

    Each leg is the shortest geodesic between its ends, so a leg that crosses the
    antimeridian is measured the short way round whatever the sign of its longitudes.
    """
    if len(positions) < 2:
        return 0.0
    import numpy as np

    arr = np.asarray(positions, dtype=float)
    return float(GEOD.line_length(arr[:, 0], arr[:, 1]))


def geodesic_path(start: tuple[float, float], end: tuple[float, float],
                  spacing_m: float = 50_000.0) -> list[tuple[float, float]]:
    """Points ``(lon, lat)`` along the geodesic from ``start`` to ``end``, ends included,
    no further apart than ``spacing_m`` metres (for drawing arcs that follow the ellipsoid).

    Longitudes are returned in [-180, 180]; a path that crosses the antimeridian jumps there,
    which callers split (RFC 7946 §3.1.9) or unwrap (for Leaflet) as they need.
    """
    _az, _baz, dist = GEOD.inv(start[0], start[1], end[0], end[1])
    n = int(dist // spacing_m)
    if n <= 0:
        return [tuple(start), tuple(end)]
    mids = GEOD.npts(start[0], start[1], end[0], end[1], n)
    return [tuple(start), *[(float(x), float(y)) for x, y in mids], tuple(end)]


#: Speed of light in vacuum, m/s (exact, SI).
C_M_PER_S = 299_792_458.0
#: Group index of standard single-mode fibre assumed for latency (≈ 4.9 µs/km).
FIBRE_INDEX = 1.468


def latency_ms(length_m: float, index: float = FIBRE_INDEX) -> float:
    """One-way propagation delay in milliseconds over ``length_m`` metres of fibre:
    ``length / (c / n)``; queueing, switching and the path's slack are not included."""
    return length_m / (C_M_PER_S / index) * 1000.0


def parts_lengths_m(coords: np.ndarray, part_offsets: np.ndarray) -> np.ndarray:
    """Geodesic lengths in metres of many paths at once, on WGS84 (Karney, via ``GEOD.inv``).

    ``coords`` is an ``(N, 2+)`` array of ``(lon, lat[, height])`` degrees, all paths one after
    another (heights are ignored); ``part_offsets`` holds the index in ``coords`` where each
    path starts (strictly or loosely increasing, first 0). Returns one length per path: the sum
    of the geodesics between its consecutive vertices, each leg taken the short way (a leg from
    179° to -179° or to 181° is 2° of longitude), so a line crossing the antimeridian measures
    the same whether it is split at ±180° or written with longitudes beyond 180°. A path with
    fewer than two vertices has length 0.

    One call to ``Geod.inv`` over all consecutive pairs; pairs that straddle two paths are
    masked, and ``numpy.add.reduceat`` sums the legs of each path: no Python loop per vertex.
    """
    import numpy as np

    coords = np.asarray(coords, dtype=float)
    offsets = np.asarray(part_offsets, dtype=np.intp)
    n = len(coords)
    out = np.zeros(len(offsets), dtype=float)
    if n < 2 or len(offsets) == 0:
        return out
    lon, lat = coords[:, 0], coords[:, 1]
    _az, _baz, legs = GEOD.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
    legs = np.asarray(legs, dtype=float)
    ends = np.append(offsets[1:], n)            # one past each path's last vertex
    # the pair (last vertex of a path, first of the next) is not a leg
    straddle = ends[ends < n] - 1
    legs[straddle] = 0.0
    sizes = ends - offsets
    real = sizes >= 2
    if real.any():
        # starts of paths with at least one leg are distinct and in range; legs between them
        # that belong to shorter paths all straddle a boundary and are 0
        out[real] = np.add.reduceat(legs, offsets[real])
    return out


def parts_lengths_plain_m(lon: list[float], lat: list[float], part_offsets: list[int]
                          ) -> list[float]:
    """:func:`parts_lengths_m` on plain lists, without numpy, equal to it to the bit:
    ``lon`` and ``lat`` hold the degrees of all paths one after another, ``part_offsets``
    where each path starts (strictly increasing, first 0; every path has two or more
    vertices). Returns one length in metres per path.

    The legs are the same ``Geod.inv`` geodesics (one call over all consecutive pairs), and
    each path's legs (with the zero of the pair that straddles it and the next path) are
    summed in the order ``numpy.add.reduceat`` sums them (:func:`_numpy_pairwise_sum`), so
    both functions print the same digits.
    """
    n = len(lon)
    if n < 2 or not part_offsets:
        return [0.0] * len(part_offsets)
    legs = GEOD.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])[2]
    ends = [*part_offsets[1:], n]
    for end in ends[:-1]:
        legs[end - 1] = 0.0   # last vertex of a path to first of the next: not a leg
    # reduceat: each path's first leg, plus the pairwise sum of the rest up to the next start
    return [legs[start] + _numpy_pairwise_sum(legs, start + 1, end - start - 1 - (end == n))
            for start, end in zip(part_offsets, ends, strict=True)]


def _numpy_pairwise_sum(values: list[float], start: int, count: int) -> float:
    """The sum of ``values[start:start + count]`` added in numpy's order for float64
    (``pairwise_sum`` of numpy's loops: under 8 values in turn from 0.0; up to 128 in 8
    interleaved accumulators combined as ((0+1)+(2+3))+((4+5)+(6+7)), then the rest in
    turn; more split in two at half the count rounded down to a multiple of 8)."""
    if count < 8:
        total = 0.0
        for i in range(start, start + count):
            total += values[i]
        return total
    if count <= 128:
        r0, r1, r2, r3, r4, r5, r6, r7 = values[start:start + 8]
        block_end = start + count - count % 8
        for j in range(start + 8, block_end, 8):
            r0 += values[j]
            r1 += values[j + 1]
            r2 += values[j + 2]
            r3 += values[j + 3]
            r4 += values[j + 4]
            r5 += values[j + 5]
            r6 += values[j + 6]
            r7 += values[j + 7]
        total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        for i in range(block_end, start + count):
            total += values[i]
        return total
    half = count // 2
    half -= half % 8
    return (_numpy_pairwise_sum(values, start, half)
            + _numpy_pairwise_sum(values, start + half, count - half))
