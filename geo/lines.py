"""Line parts: the one home of what geo does to the vertices of lines.

Positions are ``(lon, lat)`` WGS84 degrees, longitude first.

- **parts**: a LineString or MultiLineString as its parts, ``(n, 2)`` float arrays (heights
  dropped): of one geometry (:func:`line_parts`), or of many at once, packed one after
  another (:func:`packed_line_parts`); and parts back into one geometry
  (:func:`line_from_parts`);
- **unwrapping**: longitudes made continuous, each step taken the short way
  (:func:`unwrap_lon`, :func:`unwrap_line`), so that Leaflet or a figure draws a line that
  crosses ±180° as one short line;
- **the antimeridian**: a line cut where a leg's WGS84 geodesic crosses ±180° (RFC 7946
  §3.1.9, :func:`split_antimeridian`), and parts cut there joined again
  (:func:`join_antimeridian`);
- **rounding** of coordinates to a number of decimals (:func:`round_coords`).

Only numpy and pyproj (through :mod:`geo.geodesy`) are imported with this module; shapely
is imported by the functions that read or make geometries, so that ``geo measure --file``
reads GeoJSON without loading it.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from geo.geodesy import GEOD

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

#: Beyond this many decimals a WGS84 degree in a double has nothing left to round:
#: :func:`round_coords` keeps the values as they are.
MAX_DECIMALS = 15

#: Tolerance of "on the antimeridian" and of "the same latitude there", degrees.
ANTIMERIDIAN_TOLERANCE_DEG = 1e-7

_LINE_TYPES = ("LineString", "MultiLineString")


# --------------------------------------------------------------------------- parts


def packed_line_parts(geoms: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The parts of many LineStrings / MultiLineStrings, in one pass over all of them.

    ``geoms`` is a sequence (or object array) of line geometries. Returns ``(coords, sizes,
    owner)``: ``coords`` the ``(N, 2)`` ``(lon, lat)`` of every part one after another
    (heights dropped), ``sizes[i]`` the number of positions of part ``i`` (an empty part
    has 0), ``owner[i]`` the index in ``geoms`` of the geometry part ``i`` belongs to.
    """
    import shapely

    parts, owner = shapely.get_parts(geoms, return_index=True)
    coords, part_index = shapely.get_coordinates(parts, return_index=True)
    sizes = np.bincount(part_index, minlength=len(parts))
    return coords, sizes, owner


def line_parts(geom: BaseGeometry | None) -> list[np.ndarray]:
    """The parts of a LineString or MultiLineString, in order, as ``(n, 2)`` float arrays
    of ``(lon, lat)`` (heights dropped); ``[]`` for ``None`` or an empty geometry.

    Raises :class:`ValueError` for any other kind of geometry."""
    if geom is None or geom.is_empty:
        return []
    import shapely

    kind = geom.geom_type
    if kind == "LineString":
        return [shapely.get_coordinates(geom)]
    if kind == "MultiLineString":
        return [shapely.get_coordinates(part) for part in geom.geoms]
    raise ValueError(f"expected a line, got {kind}")


def line_from_parts(parts: Sequence[Any]) -> BaseGeometry:
    """A LineString of one part, a MultiLineString of several (each part a sequence of
    ``(lon, lat)`` positions)."""
    from shapely.geometry import LineString, MultiLineString

    if len(parts) == 1:
        return LineString(parts[0])
    return MultiLineString(list(parts))


# --------------------------------------------------------------------------- rounding


def round_coords(coords: np.ndarray, decimals: int) -> np.ndarray:
    """``coords`` (an array of degrees) rounded to ``decimals`` decimal places, as
    :func:`numpy.round` does (the value times 10^decimals rounded half to even); ``-0.0``
    becomes ``0.0``. A negative ``decimals``, or :data:`MAX_DECIMALS` or more, keeps the
    values as they are."""
    if decimals < 0 or decimals >= MAX_DECIMALS:
        return coords
    # + 0.0 turns the -0.0 that rounding a small negative number gives into 0.0
    return np.round(coords, decimals) + 0.0


# --------------------------------------------------------------------------- unwrapping


def unwrap_lon(lon: np.ndarray) -> np.ndarray:
    """Longitudes (degrees) made continuous: a step of more than 180° is taken the short way,
    by whole turns of 360°, into [-180°, 180°]; a step of 180° or less (either way as short
    as the other at exactly 180°) is kept as it is."""
    lon = np.asarray(lon, dtype=float)
    if len(lon) < 2:
        return lon.copy()
    diff = np.diff(lon)
    size = np.abs(diff)
    with np.errstate(invalid="ignore"):   # a step that is not finite is not turned
        turns = np.where(size > 180.0, np.sign(diff) * np.ceil((size - 180.0) / 360.0), 0.0)
    # whole turns only, so longitudes that need no unwrapping come back bit for bit
    return lon - 360.0 * np.concatenate([[0.0], np.cumsum(turns)])


def unwrap_line(coords: np.ndarray) -> np.ndarray:
    """``(n, 2)`` ``(lon, lat)`` positions with longitudes unwrapped (:func:`unwrap_lon`)."""
    coords = np.asarray(coords, dtype=float).reshape(-1, 2)
    return np.column_stack([unwrap_lon(coords[:, 0]), coords[:, 1]])


# --------------------------------------------------------------------------- split


def antimeridian_crossings(legs: np.ndarray) -> np.ndarray:
    """Latitudes (degrees) where the WGS84 geodesics of ``legs`` cross ±180°.

    ``legs`` is an ``(n, 4)`` array of ``lon_a, lat_a, lon_b, lat_b`` whose longitudes are
    more than 180° apart, so that the short way between the ends crosses the antimeridian.
    Each cut is found by narrowing a bracket of distances along the geodesic fourfold per
    pass, down to a micrometre (longitude is monotonic along a geodesic that is not a
    meridian), all legs at once; so the point lies on the path that
    :func:`geo.geodesy.path_length_m` measures.
    """
    legs = np.asarray(legs, dtype=float).reshape(-1, 4)
    k = len(legs)
    if k == 0:
        return np.empty(0)
    lon_a, lat_a, lon_b, lat_b = legs.T
    az, _baz, dist = GEOD.inv(lon_a, lat_a, lon_b, lat_b)
    side = np.where(lon_a > 0, 180.0, -180.0)
    n = 5  # points per bracket: fewest geodesic evaluations in all for a micrometre
    steps = np.linspace(0.0, 1.0, n)
    rows = np.arange(k)
    lo, hi = np.zeros(k), np.asarray(dist, dtype=float)
    for _ in range(40):  # 4**40 >> half the Earth's circumference in micrometres
        s = lo[:, None] + (hi - lo)[:, None] * steps[None, :]
        lons, _lats, _ = GEOD.fwd(np.repeat(lon_a, n), np.repeat(lat_a, n),
                                  np.repeat(az, n), s.ravel())
        lons = np.asarray(lons).reshape(k, n)
        unwrapped = lon_a[:, None] + ((lons - lon_a[:, None] + 180.0) % 360.0 - 180.0)
        before = np.where(side[:, None] > 0, unwrapped < side[:, None],
                          unwrapped > side[:, None]).sum(axis=1)
        lo = s[rows, np.clip(before - 1, 0, n - 1)]
        hi = s[rows, np.clip(before, 0, n - 1)]
        if np.max(hi - lo) < 1e-6:
            break
    _lon, lat, _ = GEOD.fwd(lon_a, lat_a, az, (lo + hi) / 2)
    return np.where(lon_a == side, lat_a, np.asarray(lat, dtype=float))


def _crossing_legs(coords: list[tuple[float, float]]) -> list[tuple[float, ...]]:
    return [(*a, *b) for a, b in itertools.pairwise(coords) if abs(b[0] - a[0]) > 180.0]


def _split_path(coords: list[tuple[float, float]], lats: Iterator[float]
                ) -> list[list[tuple[float, float]]]:
    """Cut ``coords`` at each leg across ±180°, taking the cut latitudes from ``lats``."""
    parts: list[list[tuple[float, float]]] = [[coords[0]]]
    for a, b in itertools.pairwise(coords):
        if abs(b[0] - a[0]) > 180.0:
            lat = next(lats)
            side = 180.0 if a[0] > 0 else -180.0
            if parts[-1][-1] != (side, lat):
                parts[-1].append((side, lat))
            parts.append([(-side, lat)])
        if parts[-1][-1] != b:
            parts[-1].append(b)
    return [p for p in parts if len(p) >= 2]


def _positions(geom: BaseGeometry | None) -> list[list[tuple[float, float]]] | None:
    """The parts of a line as lists of ``(lon, lat)`` tuples; ``None`` for anything else."""
    if geom is None or geom.geom_type not in _LINE_TYPES:
        return None
    return [[(x, y) for x, y in part.tolist()] for part in line_parts(geom)]


def split_antimeridian_many(geoms: Iterable[BaseGeometry]) -> list[BaseGeometry]:
    """:func:`split_antimeridian` of each geometry, every cut solved in one batch."""
    geoms = list(geoms)
    lines = [_positions(g) for g in geoms]
    legs = [leg for ls in lines if ls for coords in ls for leg in _crossing_legs(coords)]
    lats = iter(antimeridian_crossings(np.array(legs)).tolist())
    out = []
    for geom, ls in zip(geoms, lines, strict=True):
        if not ls or not any(_crossing_legs(c) for c in ls):
            out.append(geom)
            continue
        parts = [p for coords in ls if coords for p in _split_path(coords, lats)]
        out.append(line_from_parts(parts))
    return out


def split_antimeridian(geom: BaseGeometry) -> BaseGeometry:
    """Split a (Multi)LineString where a leg crosses the antimeridian (RFC 7946 §3.1.9).

    A leg whose ends are more than 180° of longitude apart is taken to go the short way,
    across ±180° (as :func:`geo.geodesy.path_length_m` measures it); it is cut where its
    WGS84 geodesic meets the antimeridian, and the line becomes a MultiLineString whose
    parts end and start at 180 and -180 on the same latitude. Other geometries, and lines
    that do not cross, are returned as they are (polygons are not split).
    """
    return split_antimeridian_many([geom])[0]


def may_cross_antimeridian(geoms: np.ndarray) -> np.ndarray:
    """Boolean mask of geometries with two consecutive positions > 180° of longitude apart
    (a cheap vectorised pre-filter; :func:`split_antimeridian` decides)."""
    import shapely

    coords, index = shapely.get_coordinates(geoms, return_index=True)
    if len(coords) < 2:
        return np.zeros(len(geoms), dtype=bool)
    jump = (np.abs(np.diff(coords[:, 0])) > 180.0) & (index[1:] == index[:-1])
    mask = np.zeros(len(geoms), dtype=bool)
    mask[index[1:][jump]] = True
    return mask


# --------------------------------------------------------------------------- join

_EPS = ANTIMERIDIAN_TOLERANCE_DEG


def _on_antimeridian(lon: float) -> bool:
    return abs((lon % 360.0) - 180.0) < _EPS


def _meets(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether points ``a`` and ``b`` are the same place on the antimeridian (mod 360°)."""
    return _on_antimeridian(a[0]) and _on_antimeridian(b[0]) and abs(a[1] - b[1]) < _EPS


def join_antimeridian(parts: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Re-join line parts split at ±180° and unwrap their longitudes.

    ``parts`` are ``(n, 2)`` arrays of ``(lon, lat)`` degrees. Parts whose ends meet on the
    antimeridian (the same latitude, longitudes ±180°) are chained, either way round; each
    chain is unwrapped (:func:`unwrap_lon`). Returns the chains, in the order of their first
    part; the vertex at the split appears once.

    The chains are those of joining, again and again, the first chain that meets another
    to the first one it meets (:func:`_join_two`). Done that way it took time cubic in the
    number of parts; here the chain ends on the antimeridian are indexed by latitude
    (:class:`_AntimeridianEnds`), so each join is found in logarithmic time and a chain's
    points are copied once, at the end: O(n log n) for n parts.
    """
    chains = [unwrap_line(part) for part in parts]
    if len(chains) < 2:
        return chains
    return _Chainer(chains).join()


class _AntimeridianEnds:
    """Chain ends that lie on the antimeridian, by latitude: which chain, of those still
    listed, has an end that :func:`_meets` a given point, the first in order.

    Ends are kept per exact latitude, in a heap of ``(chain index, version)``; an entry
    counts while ``versions[chain index]`` is its version (a chain whose ends change, or
    that is joined to another, gets a new version, and its old entries are dropped when
    they come to the top). Latitudes are grouped in buckets of :data:`_LAT_BUCKET`
    degrees, wider than the tolerance :data:`_EPS`, so that every latitude within it
    lies in the same bucket or the next one either side.
    """

    def __init__(self, versions: list[int]):
        self.versions = versions
        self._heaps: dict[float, list[tuple[int, int]]] = {}
        self._buckets: dict[float, set[float]] = {}

    @staticmethod
    def _bucket(lat: float) -> float:
        # beyond 1e9 degrees (not a latitude) floats are more than _EPS apart: only an
        # equal latitude meets, and it is in the same bucket
        return float(math.floor(lat / _LAT_BUCKET)) if abs(lat) < 1e9 else lat

    def add(self, point: np.ndarray, index: int) -> None:
        """List ``point`` (``(lon, lat)``) as an end of chain ``index``, if it lies on
        the antimeridian."""
        lat = float(point[1])
        if not _on_antimeridian(point[0]) or not math.isfinite(lat):
            return  # meets nothing (a latitude that is not finite never compares close)
        heap = self._heaps.get(lat)
        if heap is None:
            heap = self._heaps[lat] = []
            self._buckets.setdefault(self._bucket(lat), set()).add(lat)
        heapq.heappush(heap, (index, self.versions[index]))

    def first_meeting(self, point: np.ndarray) -> int | None:
        """The lowest index of a listed chain with an end that meets ``point``."""
        lat = float(point[1])
        if not _on_antimeridian(point[0]) or not math.isfinite(lat):
            return None
        best = None
        bucket = self._bucket(lat)
        for near in (bucket - 1.0, bucket, bucket + 1.0):
            for other in self._buckets.get(near, ()):
                if not abs(other - lat) < _EPS:
                    continue
                heap = self._heaps[other]
                while heap and self.versions[heap[0][0]] != heap[0][1]:
                    heapq.heappop(heap)  # an end that has changed, or a chain joined
                if heap and (best is None or heap[0][0] < best):
                    best = heap[0][0]
        return best


#: Latitude buckets of the antimeridian index, degrees (at least the tolerance _EPS).
_LAT_BUCKET = 1e-6


class _Chainer:
    """The joining of :func:`join_antimeridian`, done in one pass.

    The repeated search (the first chain that meets another, and the first chain it meets)
    is replayed exactly: a "current" chain takes the first chain that meets it, again and
    again; when none does, the next chain not yet visited becomes current. Every visited
    chain other than the current one meets no chain but, perhaps, the current one (ends
    only change on the current chain), so the first chain meeting the current one is the
    one the search would join; when it comes before the current chain the current one is
    joined to it, and it becomes current. A chain is kept as the pieces it is made of, and
    each piece is shifted once, as the search would shift it.
    """

    def __init__(self, chains: list[np.ndarray]):
        n = len(chains)
        self.pieces: list[deque[np.ndarray]] = [deque([c]) for c in chains]
        self.first: list[np.ndarray] = [c[0] for c in chains]
        self.last: list[np.ndarray] = [c[-1] for c in chains]
        #: a chain's version; -1 once it is joined to another
        self.versions = [0] * n
        self.ends = _AntimeridianEnds(self.versions)
        for i in range(n):
            self.ends.add(self.first[i], i)
            self.ends.add(self.last[i], i)

    def join(self) -> list[np.ndarray]:
        n = len(self.pieces)
        current = visited = 0
        self.versions[current] += 1  # the current chain's ends are not listed
        while True:
            found = [i for i in (self.ends.first_meeting(self.first[current]),
                                 self.ends.first_meeting(self.last[current]))
                     if i is not None]
            if not found:
                self.ends.add(self.first[current], current)
                self.ends.add(self.last[current], current)
                current = visited + 1
                while current < n and self.versions[current] < 0:
                    current += 1
                if current >= n:
                    break
                visited = current
                self.versions[current] += 1
                continue
            other = min(found)
            if other > current:
                self._append(current, other)
                self.versions[other] = -1
            else:
                self._append(other, current)
                self.versions[current] = -1
                current = other
                self.versions[current] += 1
        return [self._whole(i) for i in range(n) if self.versions[i] >= 0]

    def _whole(self, i: int) -> np.ndarray:
        pieces = self.pieces[i]
        if len(pieces) > 1:
            pieces = self.pieces[i] = deque([np.concatenate(pieces)])
        return pieces[0]

    def _append(self, a: int, b: int) -> None:
        """Chain ``b`` joined to chain ``a``, as :func:`_join_two` joins them."""
        after, piece = _join_two(self.first[a], self.last[a], self._whole(b))
        if after:
            self.pieces[a].append(piece)
            if len(piece):
                self.last[a] = piece[-1]
        else:
            self.pieces[a].appendleft(piece)
            if len(piece):
                self.first[a] = piece[0]
        self.pieces[b] = deque()


def _join_two(first: np.ndarray, last: np.ndarray,
              b: np.ndarray) -> tuple[bool, np.ndarray]:
    """How ``b`` joins a chain from ``first`` to ``last`` (points) that it meets on the
    antimeridian: ``(True, piece)`` when ``piece`` follows the chain, ``(False, piece)``
    when it comes before. ``piece`` is ``b`` (reversed if needed) shifted in longitude to
    the chain's end point, without the point they share. Tried in this order: ``b`` after
    the chain, ``b`` reversed after it, ``b`` before it, ``b`` reversed before it."""
    for cand in (b, b[::-1]):
        if _meets(last, cand[0]):
            shifted = cand + np.array([last[0] - cand[0, 0], 0.0])
            return True, shifted[1:]
    for cand in (b, b[::-1]):
        if _meets(cand[-1], first):
            shifted = cand + np.array([first[0] - cand[-1, 0], 0.0])
            return False, shifted[:-1]
    raise ValueError("the chains do not meet on the antimeridian")
