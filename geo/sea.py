"""Sea routing: the path over water between two points, for schematic submarine segments.

:func:`sea_path` returns the positions of the line drawn between two waypoints of a
schematic submarine segment:

1. the geodesic itself when it crosses no land (:func:`geo.land.crossings`, Natural Earth
   1:50m: no run over land longer than 10 km inside the line, nor 50 km at either end), as
   across the Caspian Sea;
2. else the shortest path on the maritime network that the PyPI package ``searoute``
   (Apache-2.0; its network ``marnet`` comes from Eurostat's SeaRoute, built on Oak Ridge
   National Laboratory's shipping lanes) ships as data, each end joined to the one of its
   nearest nodes whose straight join runs least over land (:func:`_join`);
3. pulled taut (:func:`pull_taut`): each vertex is joined straight (by a geodesic) to the
   furthest later vertex it sees over water, so that the line is the shortest over water
   near that network rather than a shipping lane's detours (ships keep to lanes and traffic
   schemes; cables do not);
4. kept only if it is plausible: no longer than 1.5 × the geodesic + 200 km (a network
   without nodes in a bay or an inland sea may join an end to another sea), and crossing
   less land than the geodesic; otherwise the geodesic is kept, and ``geo check`` reports
   its land crossing.

Why ``searoute`` and not ``scgraph``, nor a visibility graph over the land polygons of our
own: see the README ("Sea routing"). The Northwest Passage is avoided (``searoute``'s
default: ice); the Suez and Panama canals are not (a cable between the Mediterranean and
the Red Sea does cross Egypt, by land: the check reports that crossing, which is true).

Results are cached per process (:func:`functools.lru_cache`, keyed by the ends rounded to
1e-6 degree, in a fixed order: B to A is drawn as A to B reversed), so a route drawn by the
map, measured by the layers and by ``geo measure`` is routed once. The first call loads the
network and the land (about 0.6 s together).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from geo.geodesy import path_length_m
from geo.land import crossings, surface_runs

#: Ends are rounded to this many decimals of a degree for the cache (about 0.1 m).
CACHE_DECIMALS = 6
#: A routed path longer than this × the geodesic + :data:`MAX_DETOUR_M` is not kept.
MAX_DETOUR_FACTOR = 1.5
MAX_DETOUR_M = 200_000.0
#: Slack allowed when pulling the path taut near its ends, metres: a shortcut may run over
#: land at an end no further than the network's own join did, plus this.
END_SLACK_M = 1_000.0

Position = tuple[float, float]


@dataclass(frozen=True)
class SeaPath:
    """The drawn positions between two waypoints (``(lon, lat)`` degrees, ends included,
    longitudes within [-180, 180]) and whether they were routed over the sea (``routed``:
    more than the geodesic's two ends)."""

    positions: tuple[Position, ...]
    routed: bool


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0 if not -180.0 <= lon <= 180.0 else lon


def _land_m(positions: Sequence[Position]) -> float:
    """Metres of the line over land in runs the checks report (see :func:`crossings`)."""
    return sum(r.length_m for r in crossings(positions, over_land=True))


#: Network nodes tried as the join of an end: the nearest ones (great-circle distance).
JOIN_CANDIDATES = 12


@functools.lru_cache(maxsize=1)
def _network() -> tuple[object, np.ndarray]:
    """``searoute``'s maritime network and its nodes' ``(lon, lat)`` as an array."""
    import searoute

    graph = searoute.setup_M()
    return graph, np.array(list(graph.nodes), dtype=float)


def _join(end: Position, nodes: np.ndarray) -> Position:
    """The network node an end is joined to: of the nearest :data:`JOIN_CANDIDATES`, the one
    whose straight join runs least over land (then the nearest): ``searoute`` itself takes
    the nearest node, which for a landing on one side of a peninsula may lie on the other."""
    lon, lat = np.radians(nodes[:, 0]), np.radians(nodes[:, 1])
    lon0, lat0 = np.radians(end[0]), np.radians(end[1])
    # haversine: only to rank candidates
    h = (np.sin((lat - lat0) / 2) ** 2
         + np.cos(lat0) * np.cos(lat) * np.sin((lon - lon0) / 2) ** 2)
    nearest = np.argsort(h, kind="stable")[:JOIN_CANDIDATES]
    best: tuple[float, float, Position] | None = None
    for i in nearest:
        node = (float(nodes[i, 0]), float(nodes[i, 1]))
        land = sum(r.length_m for r in surface_runs([end, node]) if r.land)
        key = (round(land, -3), float(h[i]), node)
        if best is None or key[:2] < best[:2]:
            best = key
    assert best is not None
    return best[2]


def _network_path(start: Position, end: Position) -> list[Position] | None:
    """The network's shortest path between the joins of ``start`` and ``end`` (both
    included), or ``None`` where the network has none."""
    graph, nodes = _network()
    a, b = _join(start, nodes), _join(end, nodes)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            length, path = graph.shortest_path(a, b)  # type: ignore[attr-defined]
    except Exception:   # the package's own failure (no path): the geodesic is kept
        return None
    if path is None or not np.isfinite(length):
        return None
    out: list[Position] = [start]
    for lon, lat in path:
        pos = (_wrap(float(lon)), float(lat))
        if pos != out[-1]:
            out.append(pos)
    if out[-1] != end:
        out.append(end)
    return out


def _end_land_m(positions: Sequence[Position]) -> tuple[float, float]:
    """Metres over land at the start and at the end of the line."""
    runs = surface_runs(positions)
    first = runs[0].length_m if runs and runs[0].land else 0.0
    last = runs[-1].length_m if runs and runs[-1].land else 0.0
    return first, last


def _clear(a: Position, b: Position, start_allow: float | None, end_allow: float | None
           ) -> bool:
    """Whether the geodesic a-b runs over water only; land at its start (end) is allowed up
    to ``start_allow`` (``end_allow``) metres where that end is an end of the whole path
    (``None``: it is not)."""
    for run in surface_runs([a, b]):
        if not run.land:
            continue
        if run.at_start and start_allow is not None and run.length_m <= start_allow:
            continue
        if run.at_end and end_allow is not None and run.length_m <= end_allow:
            continue
        return False
    return True


def pull_taut(path: Sequence[Position]) -> list[Position]:
    """``path`` with vertices skipped wherever a geodesic between two of them runs over water
    only (greedy, forward): the shortest line over water near the path."""
    n = len(path)
    if n <= 2:
        return list(path)
    first_land, last_land = _end_land_m(path)
    start_allow = first_land + END_SLACK_M
    end_allow = last_land + END_SLACK_M
    out = [path[0]]
    i = 0
    while i < n - 1:
        j = i + 1
        while j + 1 < n and _clear(path[i], path[j + 1],
                                   start_allow if i == 0 else None,
                                   end_allow if j + 1 == n - 1 else None):
            j += 1
        out.append(path[j])
        i = j
    return out


@functools.lru_cache(maxsize=8192)
def _sea_path(start: Position, end: Position) -> SeaPath:
    direct = (start, end)
    if start == end:
        return SeaPath(direct, False)
    direct_land = _land_m(direct)
    if direct_land == 0.0:
        return SeaPath(direct, False)
    network = _network_path(start, end)
    if network is None:
        return SeaPath(direct, False)
    path = pull_taut(network)
    limit = MAX_DETOUR_FACTOR * path_length_m(direct) + MAX_DETOUR_M
    if path_length_m(path) > limit or _land_m(path) >= direct_land:
        return SeaPath(direct, False)
    return SeaPath(tuple(path), True)


def sea_path(start: Position, end: Position) -> SeaPath:
    """The line drawn between two waypoints of a schematic submarine segment (see the
    module docstring): ``start`` and ``end`` (``(lon, lat)`` WGS84 degrees) are kept exactly
    as given; positions between them are longitudes within [-180, 180]."""
    a = (round(float(start[0]), CACHE_DECIMALS), round(float(start[1]), CACHE_DECIMALS))
    b = (round(float(end[0]), CACHE_DECIMALS), round(float(end[1]), CACHE_DECIMALS))
    # one computation per pair of ends, whichever way: B to A is A to B reversed
    cached = _sea_path(a, b) if a <= b else _sea_path(b, a)
    if not cached.routed:
        return SeaPath((tuple(start), tuple(end)), False)
    inner = cached.positions[1:-1] if a <= b else cached.positions[-2:0:-1]
    return SeaPath((tuple(start), *inner, tuple(end)), True)
