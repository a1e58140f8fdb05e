"""Where the land is: Natural Earth 1:50m land polygons, and how far a line runs over land
or over the sea.

The polygons come from ``geo/data/land-50m.json``, a byte-for-byte copy of the npm package
``world-atlas`` 2.0.2's ``land-50m.json`` (Natural Earth 4.1.0 *land*, 1:50m, public domain;
TopoJSON quantised to about 0.0036° × 0.0017°, i.e. 400 × 190 m; see
``geo/data/PROVENANCE.md``). It is read once per process (:func:`land_polygons`), without
any network access: decoded on first use (about 0.35 s) and kept in geo's cache folder
(:mod:`geo.cache`), from which later runs read it in a few milliseconds. Lakes are land at
this scale, except the Caspian Sea, which Natural Earth leaves open as water.

:func:`surface_runs` samples a line along its geodesic legs (WGS84, every
:data:`SAMPLE_SPACING_M` metres) and returns the runs over land and over water, in order,
with their lengths in metres: the land check of ``geo check`` and the sea router both read
it. A crossing narrower than the sample spacing may be missed, which is why the tolerance
of the checks (:data:`CROSSING_TOLERANCE_M`) is twice that spacing.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon, box

from geo.cache import Store, digest
from geo.geodesy import GEOD

#: The land data kept in ``geo/data``.
LAND_FILE = "land-50m.json"
#: Spacing of the points at which a line is tested against land, metres.
SAMPLE_SPACING_M = 5_000.0
#: A run over land (of a submarine segment) or over the sea (of a terrestrial one) longer
#: than this is reported by ``geo check``, metres.
CROSSING_TOLERANCE_M = 10_000.0
#: The same for a run at either end of the line, metres: a submarine cable comes ashore at
#: a landing whose position may be a town's, some kilometres inland, and a terrestrial one
#: may start on a shore.
END_TOLERANCE_M = 50_000.0

_WORLD = box(-180.0, -90.0, 180.0, 90.0)

_log = logging.getLogger(__name__)


def _unwrap(lon: np.ndarray) -> np.ndarray:
    """Longitudes made continuous (no step larger than 180°) by adding multiples of 360."""
    steps = np.diff(lon)
    shift = np.where(steps > 180.0, -360.0, np.where(steps < -180.0, 360.0, 0.0))
    out = lon.astype(float).copy()
    out[1:] += np.cumsum(shift)
    return out


def _decode_arcs(topology: dict[str, Any]) -> list[np.ndarray]:
    """TopoJSON arcs (delta-encoded, quantised) as arrays of ``(lon, lat)`` degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        pos = np.cumsum(np.asarray(arc, dtype=float), axis=0)
        pos[:, 0] = pos[:, 0] * sx + tx
        pos[:, 1] = pos[:, 1] * sy + ty
        arcs.append(pos)
    return arcs


def _ring(arcs: list[np.ndarray], indexes: Sequence[int]) -> np.ndarray:
    """One ring from its arcs (a negative index ``~i`` is arc ``i`` reversed), with
    continuous longitudes; a ring that winds round a pole (Antarctica) is closed along it."""
    parts = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(arc if not parts else arc[1:])
    ring = np.concatenate(parts)
    lon = _unwrap(ring[:, 0])
    ring = np.column_stack([lon, ring[:, 1]])
    if abs(lon[-1] - lon[0]) > 180.0:      # spherical ring round a pole
        pole = -90.0 if ring[:, 1].mean() < 0 else 90.0
        ring = np.vstack([ring, [[lon[-1], pole], [lon[0], pole], ring[0]]])
    return ring


def _planar_pieces(rings: list[np.ndarray]) -> list[Polygon]:
    """A spherical polygon (exterior, holes) as planar polygons within ±180° longitude."""
    exterior, holes = rings[0], []
    for hole in rings[1:]:
        shift = round((exterior[:, 0].mean() - hole[:, 0].mean()) / 360.0) * 360.0
        holes.append(hole + np.array([shift, 0.0]))
    poly = Polygon(exterior, holes)
    lo, hi = exterior[:, 0].min(), exterior[:, 0].max()
    if poly.is_valid and lo >= -180.0 and hi <= 180.0:
        return [poly]
    poly = shapely.make_valid(poly)
    out = []
    for shift in (-360.0, 0.0, 360.0):
        out.extend(_polygons_within(_shifted(poly, shift), _WORLD))
    return out


def _shifted(geom: Any, shift_deg: float) -> Any:
    """``geom`` moved east by ``shift_deg`` degrees of longitude."""
    return shapely.transform(geom, lambda xy: xy + np.array([shift_deg, 0.0]))


def _polygons_within(geom: Any, window: Any) -> list[Polygon]:
    """The polygons (of positive area) of ``geom`` cut by ``window``, in order."""
    piece = shapely.intersection(geom, window)
    return [part for part in getattr(piece, "geoms", [piece])
            if part.geom_type == "Polygon" and part.area > 0]


@functools.lru_cache(maxsize=1)
def land_polygons() -> tuple[Polygon, ...]:
    """Natural Earth 1:50m land as planar polygons in WGS84 degrees, longitudes within
    [-180, 180] (polygons across the antimeridian are cut there; Antarctica is closed along
    the South Pole).

    Read from geo's cache folder (:data:`LAND_STORE`, as WKB: the same coordinates, bit for
    bit) where it holds them for this data and code (:func:`land_key`), else decoded
    (:func:`decode_land`) and kept there for the next run."""
    try:
        raw = resources.files("geo.data").joinpath(LAND_FILE).read_bytes()
        key = land_key(raw)
    except OSError as exc:   # the data unread: decoding says so
        _log.debug("land cache: none (%s)", exc)
        return decode_land()
    polygons = LAND_STORE.load(key, _from_wkb)
    if polygons is not None:
        return polygons
    polygons = decode_land(raw)
    LAND_STORE.save(key, [bytes(b) for b in shapely.to_wkb(np.array(polygons, dtype=object))])
    return polygons


#: Version of the cached land's layout; part of :func:`land_key`.
LAND_FORMAT = 1
#: The decoded land polygons kept in geo's cache folder (:mod:`geo.cache`; about 1 MB).
LAND_STORE = Store("land", "geo land polygons", 64 * 1024 * 1024)


def land_key(raw: bytes) -> str:
    """A digest of what :func:`decode_land` depends on: the land data (``raw``, the bytes
    of :data:`LAND_FILE`), this module's source, the versions of shapely, GEOS (which
    repairs and cuts polygons), numpy and Python, and the cache's layout."""
    return digest((LAND_FORMAT, shapely.__version__, shapely.geos_version_string,
                   np.__version__, sys.version_info[:3]), [raw, Path(__file__)])


def _from_wkb(value: object) -> tuple[Polygon, ...]:
    """The polygons of a cached list of WKB strings; :class:`ValueError` if that is not
    what ``value`` holds."""
    if not isinstance(value, list) or not value:
        raise ValueError("not a list of polygons")
    polygons = tuple(shapely.from_wkb(np.array(value, dtype=object)))
    if not all(isinstance(p, Polygon) for p in polygons):
        raise ValueError("not a list of polygons")
    return polygons


def decode_land(raw: bytes | None = None) -> tuple[Polygon, ...]:
    """:func:`land_polygons` decoded from :data:`LAND_FILE` (``raw``: its bytes, else read
    here): about 0.35 s."""
    if raw is None:
        raw = resources.files("geo.data").joinpath(LAND_FILE).read_bytes()
    topology = json.loads(raw)
    arcs = _decode_arcs(topology)
    polygons: list[Polygon] = []
    for geom in topology["objects"]["land"]["geometries"]:
        shapes = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for shape in shapes:
            polygons.extend(_planar_pieces([_ring(arcs, r) for r in shape]))
    return tuple(polygons)


@functools.lru_cache(maxsize=1)
def _land_index() -> shapely.STRtree:
    # polygons are prepared where a point test first needs them (:func:`on_land`), not all
    # 1,420 here: a build of the shipped workspace tests a handful (5.5 ms saved)
    return shapely.STRtree(land_polygons())


def land_within(lon_min: float, lat_min: float, lon_max: float, lat_max: float
                ) -> list[Polygon]:
    """The land polygons cut to a window (WGS84 degrees; ``lon_min`` may be below -180 and
    ``lon_max`` above 180, for a window across the antimeridian): polygons beyond ±180° are
    moved by 360° into the window, so the result is continuous in longitude."""
    window = box(lon_min, lat_min, lon_max, lat_max)
    polygons = land_polygons()
    tree = _land_index()
    out: list[Polygon] = []
    for shift in (-360.0, 0.0, 360.0):
        if lon_max - shift < -180.0 or lon_min - shift > 180.0:
            continue
        for i in tree.query(box(lon_min - shift, lat_min, lon_max - shift, lat_max)):
            poly = polygons[int(i)]
            out.extend(_polygons_within(_shifted(poly, shift) if shift else poly, window))
    return out


def on_land(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Whether each position (WGS84 degrees, any longitude) is on land: a boolean array.

    The index gives the polygons whose bounds hold each point; each polygon (prepared) then
    tests its points at once (``shapely.contains_xy``), many times faster than a per-point
    predicate on polygons as large as Eurasia's."""
    lon = (np.asarray(lon, dtype=float) + 180.0) % 360.0 - 180.0
    lat = np.asarray(lat, dtype=float)
    inside = np.zeros(len(lon), dtype=bool)
    if not len(lon):
        return inside
    tree = _land_index()
    point_idx, poly_idx = tree.query(shapely.points(lon, lat))
    if not len(point_idx):
        return inside
    order = np.argsort(poly_idx, kind="stable")
    point_idx, poly_idx = point_idx[order], poly_idx[order]
    bounds = np.nonzero(np.diff(poly_idx))[0] + 1
    polygons = land_polygons()
    for points, poly in zip(np.split(point_idx, bounds), poly_idx[np.r_[0, bounds]],
                            strict=True):
        polygon = polygons[poly]
        shapely.prepare(polygon)  # once: a no-op on a polygon already prepared
        inside[points] |= shapely.contains_xy(polygon, lon[points], lat[points])
    return inside


def sample_line(positions: Sequence[tuple[float, float]],
                spacing_m: float = SAMPLE_SPACING_M) -> np.ndarray:
    """Positions along the line's geodesic legs no further apart than ``spacing_m`` metres,
    ends and vertices included: an ``(N, 2)`` array of ``(lon, lat)`` degrees."""
    out: list[np.ndarray] = []
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(positions):
        _az, _baz, dist = GEOD.inv(lon1, lat1, lon2, lat2)
        n = int(dist // spacing_m)
        pts = [(lon1, lat1)]
        if n > 0:
            pts.extend(GEOD.npts(lon1, lat1, lon2, lat2, n))
        out.append(np.asarray(pts, dtype=float))
    out.append(np.asarray([positions[-1]], dtype=float))
    return np.concatenate(out)


@dataclass(frozen=True)
class Run:
    """A stretch of a line over land or over water.

    ``start_m`` and ``length_m`` are metres along the line (geodesic on WGS84);
    ``at_start`` / ``at_end``: whether the run holds the line's first / last position.
    ``lon``, ``lat``: the run's middle sample (degrees), to say where it is."""

    land: bool
    start_m: float
    length_m: float
    at_start: bool
    at_end: bool
    lon: float
    lat: float


def surface_runs(positions: Sequence[tuple[float, float]],
                 spacing_m: float = SAMPLE_SPACING_M) -> list[Run]:
    """The runs over land and over water of the line through ``positions`` (``(lon, lat)``
    degrees, geodesic legs), in order along the line. A leg between a land sample and a
    water sample counts half to each."""
    return surface_runs_each([positions], spacing_m)[0]


def surface_runs_each(lines: Sequence[Sequence[tuple[float, float]]],
                      spacing_m: float = SAMPLE_SPACING_M) -> list[list[Run]]:
    """:func:`surface_runs` of each line, the same, for many lines at once: one land test
    and one geodesic computation for all their samples."""
    sampled = [sample_line(line, spacing_m) if len(line) >= 2 else None for line in lines]
    parts = [pts for pts in sampled if pts is not None]
    if not parts:
        return [[] for _line in lines]
    every = np.concatenate(parts)
    land_every = on_land(every[:, 0], every[:, 1])
    _az, _baz, legs_every = GEOD.inv(every[:-1, 0], every[:-1, 1], every[1:, 0], every[1:, 1])
    legs_every = np.asarray(legs_every, dtype=float)
    out: list[list[Run]] = []
    offset = 0
    for pts in sampled:
        if pts is None:
            out.append([])
            continue
        n = len(pts)
        out.append(_runs(pts, land_every[offset:offset + n], legs_every[offset:offset + n - 1]))
        offset += n
    return out


def _runs(pts: np.ndarray, land: np.ndarray, legs: np.ndarray) -> list[Run]:
    """The runs of a sampled line: its samples, whether each is on land, and the lengths of
    the legs between them (metres)."""
    along = np.concatenate([[0.0], np.cumsum(legs)])
    # boundaries between runs: half-way along each leg whose ends differ
    change = np.nonzero(land[:-1] != land[1:])[0]
    cuts = [0.0, *((along[i] + along[i + 1]) / 2.0 for i in change), float(along[-1])]
    starts = [0, *(i + 1 for i in change)]
    runs = []
    for k, first in enumerate(starts):
        last = (starts[k + 1] - 1) if k + 1 < len(starts) else len(pts) - 1
        mid = (first + last) // 2
        runs.append(Run(bool(land[first]), float(cuts[k]), float(cuts[k + 1] - cuts[k]), k == 0,
                        k == len(starts) - 1, float(pts[mid, 0]), float(pts[mid, 1])))
    return runs


def land_m_each(lines: Sequence[Sequence[tuple[float, float]]],
                spacing_m: float = SAMPLE_SPACING_M) -> list[float]:
    """Metres over land of each line (the sum of its runs over land,
    :func:`surface_runs_each`)."""
    return [sum(r.length_m for r in runs if r.land)
            for runs in surface_runs_each(lines, spacing_m)]


def crossings(positions: Sequence[tuple[float, float]], over_land: bool,
              tolerance_m: float = CROSSING_TOLERANCE_M,
              end_tolerance_m: float = END_TOLERANCE_M) -> list[Run]:
    """Runs over land (``over_land``) or over water longer than ``tolerance_m`` metres
    (``end_tolerance_m`` for a run that holds an end of the line), in order."""
    return [r for r in surface_runs(positions)
            if r.land == over_land
            and r.length_m > (end_tolerance_m if r.at_start or r.at_end else tolerance_m)]
