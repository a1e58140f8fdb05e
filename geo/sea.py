"""Sea routing: the path over water between two points, for schematic submarine segments.

:func:`sea_path` returns the positions of the line drawn between two waypoints of a
schematic submarine segment:

1. the geodesic itself when it crosses no land (:func:`geo.land.crossings`, Natural Earth
   1:50m: no run over land longer than 10 km inside the line, nor 50 km at either end), as
   across the Caspian Sea;
2. else the shortest path on the maritime network that the PyPI package ``searoute``
   (Apache-2.0; its network ``marnet`` comes from Eurostat's SeaRoute, built on Oak Ridge
   National Laboratory's shipping lanes) ships as data, each end joined to the one of its
   nearest nodes whose straight join runs least over land (:func:`_join`), pulled taut
   (:func:`pull_taut`): each vertex is joined straight (by a geodesic) to the furthest later
   vertex it sees over water, so that the line is the shortest over water near that network
   rather than a shipping lane's detours (ships keep to lanes and traffic schemes; cables
   do not). Where the path still runs over land because the network does (a canal, such as
   Corinth's), the network's edges under that land are avoided and the path sought again
   (:func:`_network_path`);
3. kept only if it is plausible: no longer than 1.5 × the geodesic + 200 km (a network
   without nodes in a bay or an inland sea may join an end to another sea); else the
   geodesic is taken instead;
4. mended (:func:`mend`): each piece of that line that still runs over land beyond the
   checks' tolerances (an end joined to the network across a peninsula, a channel the
   network lacks, a geodesic kept for want of a plausible network path) is replaced by the
   shortest path round the land near it, on a visibility graph over the land polygons in a
   window round the piece (:func:`_water_path`), then pulled taut again;
5. kept if it is still plausible (as in 3) and crosses less land than the geodesic;
   otherwise the geodesic is kept, and
   ``geo check`` reports its land crossing (a landing on a lake, which is land at 1:50m; two
   seas with no water between them nearby, such as the Gulf of Aqaba and the Mediterranean);
6. where the line kept runs over water but is longer than :data:`SHORTEN_FACTOR` × the
   geodesic, the geodesic taken round the land near it (each of its runs over land mended
   as in 4, all or none, then pulled taut: :func:`_shorter_round_the_land`) is drawn
   instead if it is shorter and runs over no more land. Pulling taut only drops the
   network's vertices, and some hold the line far from the shortest over water: above all
   the network's crossings of ±180°, only every 10° of latitude (Suva to Apia was held at
   (180, -20): 1,571 km, against 1,156 km now and a geodesic of 1,152 km).

Why ``searoute`` and not ``scgraph``, nor a visibility graph over the whole world's land
polygons: see the README ("Sea routing"); the visibility graph here is local (a window
round one piece, coastlines simplified to its size), so it stays fast. The Northwest
Passage is avoided (``searoute``'s default: ice); the Suez and Panama canals are not (a
cable between the Mediterranean and the Red Sea does cross Egypt, by land: the check
reports that crossing, which is true).

Results are cached per process (:func:`functools.lru_cache`, keyed by the ends rounded to
1e-6 degree, in a fixed order: B to A is drawn as A to B reversed), so a route drawn by the
map, measured by the layers and by ``geo measure`` is routed once. The first call loads the
land (decoded once, then read from geo's cache folder: see :mod:`geo.land`); the first that
needs the network loads it (about 0.3 s, mostly importing ``searoute`` and ``networkx``).
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.polygon import orient

from geo.geodesy import GEOD, path_length_m
from geo.land import (
    CROSSING_TOLERANCE_M,
    END_TOLERANCE_M,
    Run,
    crossings,
    land_m_each,
    land_within,
    surface_runs,
    surface_runs_each,
)

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
    return _land_m_of(tuple(positions))


@functools.lru_cache(maxsize=1024)
def _land_m_of(positions: tuple[Position, ...]) -> float:
    return sum(r.length_m for r in crossings(positions, over_land=True))


#: Network nodes tried as the join of an end: the nearest ones (great-circle distance).
JOIN_CANDIDATES = 12


@functools.lru_cache(maxsize=1)
def _network() -> tuple[object, np.ndarray]:
    """``searoute``'s maritime network and its nodes' ``(lon, lat)`` as an array.

    The network is made as ``searoute.setup_M`` makes it (a ``Marnet`` graph holding the
    package's node and edge tables), less the k-d tree of its nodes that ``setup_M`` builds
    in Python for its own nearest-node search (0.1 s): :func:`_join` finds nodes itself.
    Where the package's layout differs, ``setup_M`` is called."""
    import searoute

    try:
        from searoute.data.marnet_dict import edge_list, node_list

        graph = searoute.Marnet()
        graph._node, graph._adj = node_list, edge_list  # as searoute.from_nodes_edges_set
        first = next(iter(graph.nodes))
        if graph.number_of_edges() == 0 or len(first) != 2 or \
                not hasattr(graph, "restrictions"):
            raise TypeError("not the layout geo knows")
    except (ImportError, AttributeError, TypeError, StopIteration):
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
    candidates = [(float(nodes[i, 0]), float(nodes[i, 1])) for i in nearest]
    lands = land_m_each([(end, node) for node in candidates])
    best: tuple[float, float, Position] | None = None
    for i, node, land in zip(nearest, candidates, lands, strict=True):
        key = (round(float(land), -3), float(h[i]), node)
        if best is None or key[:2] < best[:2]:
            best = key
    assert best is not None
    return best[2]


#: Passages of the network kept although they run over land: a cable between the
#: Mediterranean and the Red Sea, or across the isthmus of Panama, does cross it, by land
#: (``geo check`` reports it). Any other stretch of the network over land is avoided
#: (:func:`_network_path`): the Corinth canal, say, is no way for a cable.
LAND_PASSAGES = frozenset({"suez", "panama"})
#: Rounds of avoiding the network's stretches over land found on a path, at most.
NETWORK_ROUNDS = 4

Edge = tuple[tuple[float, float], tuple[float, float]]


def _nodes_path(a: tuple[float, float], b: tuple[float, float],
                avoided: frozenset[Edge]) -> list[tuple[float, float]] | None:
    """The network's shortest path between nodes ``a`` and ``b`` (node ids), without the
    package's restricted passages nor the ``avoided`` edges; ``None`` where there is none."""
    import networkx as nx

    graph, _nodes = _network()
    restricted = set(graph.restrictions)  # type: ignore[attr-defined]

    def weight(u: object, v: object, data: dict) -> float | None:
        if data.get("passage") in restricted or (u, v) in avoided or (v, u) in avoided:
            return None        # hidden edge
        return data.get("weight")

    try:
        _length, path = nx.bidirectional_dijkstra(graph, a, b, weight=weight)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None
    return list(path)


def _land_edges(path: Sequence[tuple[float, float]]) -> set[Edge]:
    """The edges of a network path (node ids) under a run over land longer than
    :data:`CROSSING_TOLERANCE_M`, except runs on a passage of :data:`LAND_PASSAGES`."""
    graph, _nodes = _network()
    positions = [(_wrap(float(lon)), float(lat)) for lon, lat in path]
    if len(positions) < 2:
        return set()
    along = np.concatenate([[0.0], np.cumsum([path_length_m(leg) for leg in
                                              itertools.pairwise(positions)])])
    out: set[Edge] = set()
    for run in surface_runs(positions):
        if not run.land or run.length_m <= CROSSING_TOLERANCE_M:
            continue
        first = max(int(np.searchsorted(along, run.start_m, side="right")) - 1, 0)
        last = int(np.searchsorted(along, run.start_m + run.length_m, side="left"))
        edges = list(itertools.pairwise(path[first:max(last, first + 1) + 1]))
        if any(graph.edges[u, v].get("passage") in LAND_PASSAGES  # type: ignore[attr-defined]
               for u, v in edges):
            continue
        out.update(edges)
    return out


def _network_path(start: Position, end: Position) -> list[Position] | None:
    """The network's shortest path between the joins of ``start`` and ``end`` (both
    included), pulled taut (:func:`pull_taut`), or ``None`` where the network has none.

    Where that path still runs over land, the network's edges under each run over land
    longer than :data:`CROSSING_TOLERANCE_M` are avoided and the path sought again (at most
    :data:`NETWORK_ROUNDS` times); the path with least land is kept. The edges are found on
    the paths of this pair of ends only, so the result does not depend on what was routed
    before."""
    _graph, nodes = _network()
    a, b = _join(start, nodes), _join(end, nodes)
    avoided: frozenset[Edge] = frozenset()
    best: tuple[float, list[Position]] | None = None
    for _round in range(NETWORK_ROUNDS):
        path = _nodes_path(a, b, avoided)
        if path is None:
            break
        out: list[Position] = [start]
        for lon, lat in path:
            pos = (_wrap(float(lon)), float(lat))
            if pos != out[-1]:
                out.append(pos)
        if out[-1] != end:
            out.append(end)
        drawn = pull_taut(out)
        land = _land_m(drawn)
        if best is None or land < best[0]:
            best = (land, drawn)
        if land == 0.0:
            break
        more = _land_edges(path) - avoided
        if not more:
            break
        avoided |= more
    return best[1] if best is not None else None


def _end_land_m(positions: Sequence[Position]) -> tuple[float, float]:
    """Metres over land at the start and at the end of the line."""
    runs = surface_runs(positions)
    first = runs[0].length_m if runs and runs[0].land else 0.0
    last = runs[-1].length_m if runs and runs[-1].land else 0.0
    return first, last


def _clear(runs: Sequence[Run], start_allow: float | None, end_allow: float | None) -> bool:
    """Whether a line with these runs (:func:`geo.land.surface_runs`) runs over water only;
    land at its start (end) is allowed up to ``start_allow`` (``end_allow``) metres where
    that end is an end of the whole path (``None``: it is not)."""
    for run in runs:
        if not run.land:
            continue
        if run.at_start and start_allow is not None and run.length_m <= start_allow:
            continue
        if run.at_end and end_allow is not None and run.length_m <= end_allow:
            continue
        return False
    return True


#: :func:`pull_taut` tests the shortcuts from a vertex this many at a time, at most (the
#: batch doubles from 2 while every shortcut of it is clear).
TAUT_BATCH = 8


def pull_taut(path: Sequence[Position]) -> list[Position]:
    """``path`` with vertices skipped wherever a geodesic between two of them runs over water
    only (greedy, forward: from each vertex, to the furthest vertex before the first one it
    does not see over water): the shortest line over water near the path."""
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
        batch = min(2, TAUT_BATCH)
        while j + 1 < n:
            ahead = range(j + 1, min(j + 1 + batch, n))
            runs = surface_runs_each([(path[i], path[k]) for k in ahead])
            clear = [_clear(r, start_allow if i == 0 else None,
                            end_allow if k == n - 1 else None)
                     for k, r in zip(ahead, runs, strict=True)]
            if not all(clear):
                j += clear.index(False)
                break
            j = ahead[-1]
            batch = min(2 * batch, TAUT_BATCH)
        out.append(path[j])
        i = j
    return out


# --------------------------------------------------------------- around the land, locally

#: Degrees of latitude to metres (a local frame's unit, see :func:`_water_path`).
DEGREE_M = 111_195.0
#: Margin of the window round the two ends of a piece to route around land: this many
#: degrees (of latitude) at least, and the share :data:`WINDOW_SHARE` of the distance
#: between the ends; tried again with wider windows (:data:`WINDOW_GROWTH`) where the
#: land the piece crosses reaches beyond the window.
WINDOW_MARGIN_DEG = 0.5
WINDOW_SHARE = 0.3
WINDOW_GROWTH = (1.0, 2.5, 6.0)
#: The widest margin, degrees: mending is local; a way round a whole peninsula or
#: continent is the network's to find (or not).
MAX_MARGIN_DEG = 4.0
#: Lengths in the local plane are within this factor of geodesic ones (for the bound on
#: the length of a path round land).
PLANE_SLACK = 1.2
#: Pieces whose ends are further apart than this are not routed around land locally.
MAX_PIECE_DEG = 12.0
#: Coastlines are simplified to this share of the window's size (at least
#: :data:`SIMPLIFY_MIN_DEG`) and the path's corners are set this far off the coast.
SIMPLIFY_SHARE = 1 / 400
SIMPLIFY_MIN_DEG = 0.005
CORNER_OFFSET_DEG = 0.002
#: Coastlines are simplified to this, degrees, where a path found round coastlines
#: simplified as above still runs over land and the tolerances are tighter than the checks'
#: (a line grazing a coast; see :func:`mend`).
SIMPLIFY_FINE_DEG = CORNER_OFFSET_DEG / 2
#: An end of a piece on land is let out to the sea through a disc round it only when the
#: sea is no further than this, metres (half the end tolerance of the checks).
END_REACH_M = 25_000.0
#: Pieces over land routed around it in one path, at most.
MAX_REPAIRS = 6


def _frame(a: Position, b: Position) -> tuple[float, float, float]:
    """A local plane for the piece a-b: ``x = (lon - lon0) * k``, ``y = lat`` (degrees of
    latitude); returns ``(lon0, k, b's longitude made continuous with a's)``."""
    lat_mid = (a[1] + b[1]) / 2.0
    k = math.cos(math.radians(min(abs(lat_mid), 80.0)))
    return a[0], k, a[0] + (((b[0] - a[0]) + 180.0) % 360.0 - 180.0)


def _corners(polygons: Sequence[shapely.Polygon], offset: float) -> np.ndarray:
    """The convex corners of the polygons (where a shortest path around them may turn),
    each moved ``offset`` outwards along its bisector: an ``(N, 2)`` array."""
    out = []
    for poly in polygons:
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:-1]
            if len(xy) < 3:
                continue
            d_in = xy - np.roll(xy, 1, axis=0)
            d_out = np.roll(xy, -1, axis=0) - xy
            turn = d_in[:, 0] * d_out[:, 1] - d_in[:, 1] * d_out[:, 0]
            n_in = d_in / np.maximum(np.hypot(d_in[:, 0], d_in[:, 1]), 1e-12)[:, None]
            n_out = d_out / np.maximum(np.hypot(d_out[:, 0], d_out[:, 1]), 1e-12)[:, None]
            # the land is on the left of each ring (oriented): outwards is to the right
            away = np.column_stack([n_in[:, 1] + n_out[:, 1], -(n_in[:, 0] + n_out[:, 0])])
            away /= np.maximum(np.hypot(away[:, 0], away[:, 1]), 1e-12)[:, None]
            convex = turn > 0
            out.append(xy[convex] + offset * away[convex])
    return np.concatenate(out) if out else np.empty((0, 2))


def _let_out(polygons: list[shapely.Polygon], end: tuple[float, float], reach: float
             ) -> list[shapely.Polygon] | None:
    """``polygons`` with a disc cut round ``end`` (plane coordinates) where it lies on land,
    reaching just past the nearest coast; ``None`` where that coast is further than
    ``reach``."""
    point = shapely.Point(end)
    out = []
    for poly in polygons:
        if not poly.contains(point):
            out.append(poly)
            continue
        radius = poly.boundary.distance(point)
        if radius > reach:
            return None
        rest = poly.difference(point.buffer(radius + 2 * CORNER_OFFSET_DEG, 16))
        out.extend(p for p in getattr(rest, "geoms", [rest])
                   if p.geom_type == "Polygon" and p.area > 0)
    return out


def _visible_path(nodes: np.ndarray, obstacles: Sequence[shapely.Polygon],
                  max_cost: float = math.inf) -> list[int] | None:
    """The shortest path from node 0 to node 1 on the visibility graph of ``nodes`` among
    ``obstacles`` (A*, edges tested only when they would shorten a path), as node indexes;
    ``None`` where there is none no longer than ``max_cost`` (plane units)."""
    land = shapely.union_all(obstacles)
    shapely.prepare(land)
    goal = nodes[1]
    heuristic = np.hypot(nodes[:, 0] - goal[0], nodes[:, 1] - goal[1])
    cost = np.full(len(nodes), np.inf)
    cost[0] = 0.0
    previous = np.full(len(nodes), -1)
    done = np.zeros(len(nodes), dtype=bool)
    heap = [(float(heuristic[0]), 0)]
    while heap:
        _f, u = heapq.heappop(heap)
        if done[u]:
            continue
        done[u] = True
        if u == 1:
            path = [1]
            while path[-1] != 0:
                path.append(int(previous[path[-1]]))
            return path[::-1]
        dist = np.hypot(nodes[:, 0] - nodes[u, 0], nodes[:, 1] - nodes[u, 1])
        reached = cost[u] + dist
        better = np.nonzero(~done & (reached < cost) & (reached + heuristic <= max_cost))[0]
        if not len(better):
            continue
        lines = shapely.linestrings(np.stack(
            [np.broadcast_to(nodes[u], (len(better), 2)), nodes[better]], axis=1))
        for v in better[~shapely.intersects(land, lines)]:
            cost[v] = reached[v]
            previous[v] = u
            heapq.heappush(heap, (float(cost[v] + heuristic[v]), int(v)))
    return None


def _water_path(a: Position, b: Position, max_m: float = math.inf,
                fine: bool = False) -> list[Position] | None:
    """The shortest path over water from ``a`` to ``b`` round the land near them, or
    ``None``: a visibility graph over the land (:func:`geo.land.land_within`) in a window
    round the two ends, in a local plane (:func:`_frame`), its corners set off the coast; an
    end on land is let out to the sea through a disc round it (:func:`_let_out`). The
    window widens (:data:`WINDOW_GROWTH`) until a path is found, no longer than about
    ``max_m`` metres. Coastlines are simplified to the window's size, or to
    :data:`SIMPLIFY_FINE_DEG` where ``fine``. The result's ends are ``a`` and ``b``; its
    legs are drawn as geodesics, so the caller checks it again."""
    lon0, k, b_lon = _frame(a, b)
    start, goal = (0.0, a[1]), ((b_lon - lon0) * k, b[1])
    span = math.hypot(goal[0] - start[0], goal[1] - start[1])
    if span > MAX_PIECE_DEG:
        return None
    reach = END_REACH_M / DEGREE_M
    max_cost = PLANE_SLACK * max_m / DEGREE_M
    if max_cost < span:
        return None
    # a path no longer than max_cost lies in the ellipse with foci at the ends: a window
    # reaching this far past them holds it, a wider one holds no other
    ellipse_margin = math.sqrt(max_cost ** 2 - span ** 2) / 2.0
    for growth in WINDOW_GROWTH:
        margin = min(growth * max(WINDOW_MARGIN_DEG, WINDOW_SHARE * span), MAX_MARGIN_DEG)
        x0, x1 = min(start[0], goal[0]) - margin, max(start[0], goal[0]) + margin
        y0 = max(min(start[1], goal[1]) - margin, -90.0)
        y1 = min(max(start[1], goal[1]) + margin, 90.0)
        tolerance = SIMPLIFY_FINE_DEG if fine else max(
            SIMPLIFY_MIN_DEG, SIMPLIFY_SHARE * max(x1 - x0, y1 - y0))
        polygons: list[shapely.Polygon] | None = []
        for land in land_within(lon0 + x0 / k, y0, lon0 + x1 / k, y1):
            plane = shapely.transform(
                land, lambda xy: np.column_stack([(xy[:, 0] - lon0) * k, xy[:, 1]]))
            plane = shapely.simplify(plane, tolerance, preserve_topology=True)
            polygons.extend(p for p in getattr(plane, "geoms", [plane])
                            if p.geom_type == "Polygon" and p.area > 0)
        for end in (start, goal):
            polygons = _let_out(polygons, end, reach) if polygons is not None else None
        if polygons is None:
            return None      # an end too far inland: no local path
        polygons = [orient(p, 1.0) for p in polygons]
        corners = _corners(polygons, CORNER_OFFSET_DEG)
        inside_window = ((corners[:, 0] > x0) & (corners[:, 0] < x1)
                         & (corners[:, 1] > y0) & (corners[:, 1] < y1))
        corners = corners[inside_window]
        if polygons and len(corners):
            on_land_idx = shapely.STRtree(polygons).query(shapely.points(corners),
                                                           predicate="within")[0]
            corners = np.delete(corners, np.unique(on_land_idx), axis=0)
        nodes = np.vstack([[start, goal], corners])
        path = _visible_path(nodes, polygons, max_cost) if polygons else [0, 1]
        if path is not None:
            inner = [(_wrap(lon0 + float(nodes[i, 0]) / k), float(nodes[i, 1]))
                     for i in path[1:-1]]
            return [a, *inner, b]
        if margin >= MAX_MARGIN_DEG or margin >= ellipse_margin:
            break
    return None


def _runs_to_mend(path: Sequence[Position], tolerance_m: float = CROSSING_TOLERANCE_M,
                  end_tolerance_m: float = END_TOLERANCE_M,
                  longest_first: bool = False) -> list[tuple[int, int]]:
    """For each run over land longer than ``tolerance_m`` metres (``end_tolerance_m`` at an
    end of the line; by default those the checks report, :func:`geo.land.crossings`), the
    indexes of the vertices of ``path`` before and after it; in order along the line, or
    longest run first."""
    along = np.concatenate([[0.0], np.cumsum([path_length_m(leg) for leg in
                                              itertools.pairwise(path)])])
    out = []
    runs = crossings(path, True, tolerance_m, end_tolerance_m)
    if longest_first:
        runs.sort(key=lambda run: -run.length_m)
    for run in runs:
        first = max(int(np.searchsorted(along, run.start_m, side="right")) - 1, 0)
        last = min(int(np.searchsorted(along, run.start_m + run.length_m, side="left")),
                   len(path) - 1)
        out.append((first, max(last, first + 1)))
    return out


def _separate(pieces: Sequence[tuple[int, int]]) -> int:
    """How many pieces (vertex index ranges) are left once overlapping ones are merged."""
    count, reach = 0, -1
    for i, j in sorted(pieces):
        if i >= reach:
            count += 1
        reach = max(reach, j)
    return count


def _land_total_m(positions: Sequence[Position]) -> float:
    """Metres of the line over land, every run counted (:func:`geo.land.surface_runs`)."""
    return land_m_each([positions])[0]


def mend(path: Sequence[Position], max_m: float = math.inf,
         tolerance_m: float = CROSSING_TOLERANCE_M,
         end_tolerance_m: float = END_TOLERANCE_M, whole: bool = False) -> list[Position]:
    """``path`` with each piece that runs over land beyond the checks' tolerances (or
    ``tolerance_m`` metres, ``end_tolerance_m`` at an end of the path, where given) replaced
    by a path over water round the land near it (:func:`_water_path`), where one is found
    that runs over less land and keeps the whole no longer than about ``max_m`` metres,
    then pulled taut (:func:`pull_taut`). Ends kept.

    ``whole``: every piece or none: the pieces are tried longest run over land first, and
    ``path`` is returned as it was at the first one not mended (for a line that is of no
    use unless it runs over water throughout: no time spent on its other pieces)."""
    checks = (tolerance_m, end_tolerance_m) == (CROSSING_TOLERANCE_M, END_TOLERANCE_M)
    # the land a piece runs over: as the checks count it, or every run where the
    # tolerances are tighter than theirs
    land_of = _land_m if checks else _land_total_m
    out = list(path)
    failed: set[tuple[Position, Position]] = set()
    for _round in range(MAX_REPAIRS):
        pieces = [(i, j) for i, j in _runs_to_mend(out, tolerance_m, end_tolerance_m, whole)
                  if (out[i], out[j]) not in failed]
        if not pieces:
            break
        if whole and _separate(pieces) > MAX_REPAIRS - _round:
            return list(path)      # more pieces than repairs left: not all can be mended
        i, j = pieces[0]
        rest_m = path_length_m(out) - path_length_m(out[i:j + 1])
        water = _water_path(out[i], out[j], max_m - rest_m)
        if not checks and water is not None and land_of(water) >= land_of(out[i:j + 1]):
            # round coastlines simplified less: a line grazing a coast (tighter tolerances
            # only, to keep the checks' mending as fast as it was)
            water = _water_path(out[i], out[j], max_m - rest_m, fine=True)
        if water is None or land_of(water) >= land_of(out[i:j + 1]):
            if whole:
                return list(path)
            failed.add((out[i], out[j]))
            continue
        out[i:j + 1] = water
    return pull_taut(out) if out != list(path) else out


# ------------------------------------------------------- the geodesic, round the land near it

#: A line longer than this × the geodesic is compared with the geodesic taken round the land
#: near it (:func:`_shorter_round_the_land`): the network's nodes may hold a line pulled
#: taut (:func:`pull_taut` only drops vertices) far from the shortest one over water, above
#: all where the network crosses ±180°, which it does only at every 10° of latitude. A line
#: within this factor is left as it is: the comparison costs tens of milliseconds.
SHORTEN_FACTOR = 1.05
#: The geodesic is cut this many metres before and after each of its runs over land before it
#: is mended round the land, so that each piece mended is local: a small window, finely
#: simplified coastlines.
BRACKET_M = 100_000.0


def _land_ends_m(positions: Sequence[Position]) -> tuple[float, float, float]:
    """Metres of the line over land at its start, away from its ends, and at its end."""
    runs = surface_runs(positions)
    first = runs[0].length_m if runs and runs[0].land else 0.0
    last = runs[-1].length_m if len(runs) > 1 and runs[-1].land else 0.0
    inner = sum(r.length_m for r in runs[1:-1] if r.land)
    return first, inner, last


def _bracketed(start: Position, end: Position) -> list[Position]:
    """The geodesic from ``start`` to ``end`` with a vertex :data:`BRACKET_M` before and
    after each of its runs over land (where that is between the ends): ``(lon, lat)``
    degrees, longitudes within [-180, 180]."""
    azimuth, _back, length = GEOD.inv(start[0], start[1], end[0], end[1])
    cuts: set[float] = set()
    for run in surface_runs([start, end]):
        if run.land:
            cuts.update((run.start_m - BRACKET_M, run.start_m + run.length_m + BRACKET_M))
    along = sorted(d for d in cuts if 0.0 < d < length)
    if not along:
        return [start, end]
    lons, lats, _az = GEOD.fwd([start[0]] * len(along), [start[1]] * len(along),
                               [azimuth] * len(along), along)
    return [start, *((_wrap(float(x)), float(y)) for x, y in zip(lons, lats, strict=True)),
            end]


def _shorter_round_the_land(start: Position, end: Position, drawn: Sequence[Position]
                            ) -> list[Position] | None:
    """The geodesic from ``start`` to ``end`` taken round the land near it, where that is
    shorter than ``drawn`` (a line between the same ends) and runs over no more land than it
    (at each end, and away from the ends, each within :data:`END_SLACK_M`); else ``None``.

    The geodesic is cut near each of its runs over land (:func:`_bracketed`); each run
    longer than :data:`END_SLACK_M` away from its ends (at an end: longer than ``drawn``'s
    there, plus that slack) is mended round the land (:func:`mend`, all or none; a way
    round no longer than ``drawn`` in all is sought, which bounds the search), and the line
    pulled taut. Each leg is a geodesic, the short way round, so a line across ±180° is
    handled as any other (the network's own crossings there, every 10° of latitude, are
    not used)."""
    first, inner, last = _land_ends_m(drawn)
    drawn_m = path_length_m(drawn)
    line = _bracketed(start, end)
    out = mend(line, drawn_m, END_SLACK_M, max(first, last) + END_SLACK_M, whole=True)
    if out == line or path_length_m(out) >= drawn_m or _land_m(out) > 0.0:
        return None
    out_first, out_inner, out_last = _land_ends_m(out)
    if (out_first > first + END_SLACK_M or out_inner > inner + END_SLACK_M
            or out_last > last + END_SLACK_M):
        return None
    return out


@functools.lru_cache(maxsize=8192)
def _sea_path(start: Position, end: Position) -> SeaPath:
    """:func:`sea_path` of ends already rounded, in a fixed order (cached)."""
    direct = (start, end)
    if start == end:
        return SeaPath(direct, False)
    direct_land = _land_m(direct)
    if direct_land == 0.0:
        return SeaPath(direct, False)
    limit = MAX_DETOUR_FACTOR * path_length_m(direct) + MAX_DETOUR_M
    network = _network_path(start, end)
    # the network's path where it is plausible, else the geodesic: mended where it still
    # runs over land
    candidates = []
    if network is not None and path_length_m(network) <= limit:
        candidates.append(network)
    candidates.append([start, end])
    best: tuple[float, list[Position]] | None = None
    for candidate in candidates:
        path = mend(candidate, limit) if _land_m(candidate) > 0.0 else candidate
        land = _land_m(path)
        if len(path) > 2 and path_length_m(path) <= limit and land < direct_land and (
                best is None or land < best[0]):
            best = (land, path)
        if best is not None and best[0] == 0.0:
            break
    if best is None:
        return SeaPath(direct, False)
    drawn = best[1]
    if best[0] == 0.0 and path_length_m(drawn) > SHORTEN_FACTOR * path_length_m(direct):
        drawn = _shorter_round_the_land(start, end, drawn) or drawn
    return SeaPath(tuple(drawn), True)


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
