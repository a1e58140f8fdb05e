"""Extent, projection, the antimeridian and the scale bar of a figure.

Positions are ``(lon, lat)`` WGS84 degrees; projected coordinates are metres of the chosen
projection (PROJ through pyproj, on the WGS84 ellipsoid).

**The projection follows the extent** (:func:`choose_projection`):

- a world view (more than 160° of longitude or 120° of latitude): **Equal Earth** (Šavrič,
  Patterson & Jenny 2018), an equal-area pseudocylindrical projection made for world maps,
  its central meridian at the extent's centre, so that the area of every country is true
  and the world is not the Web Mercator one, where Africa looks no larger than Greenland;
- a regional extent at mid-latitudes (at most 45° of latitude, all of it on one side of
  20° N or 20° S): **Lambert conformal conic** with standard parallels at one sixth and five
  sixths of the extent's latitudes (the usual rule; shapes true, scale within a few per cent
  over the map), as national and European maps use (not beyond 80°: the pole is the apex);
- anything else (continents, the tropics, the poles): **Lambert azimuthal equal-area**
  centred on the extent: areas true, distortion growing only with the distance from the
  centre.

**Lines are drawn as the map draws them**: along geodesics (points added at most
``spacing_m`` apart, :func:`geodesic_densify`) and unwrapped across ±180°; a line that
crosses the meridian opposite the projection's central meridian (the edge of the map) is
cut there (:func:`cut_at_back_meridian`), so that no line is drawn across the whole map.
Country outlines are cut at the same meridian before they are projected.

**The scale bar** (:func:`scale_bar`) is true at the map's centre: the ground length of a
short horizontal step there is measured on the ellipsoid (``pyproj.Geod``, Karney 2013),
and the bar is a round number of kilometres.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer

from geo.geodesy import GEOD, geodesic_path
from geo.lines import unwrap_lon

#: Narrowest extent, degrees (about 220 km): a single site is shown with its surroundings.
MIN_SPAN_DEG = 2.0
#: Margin added around what the figure frames, as a fraction of its span.
PAD_FRACTION = 0.08
#: Widest and tallest map (width / height) a figure draws; the extent grows to fit.
MIN_ASPECT = 0.8
MAX_ASPECT = 2.2
#: Smallest height of a map framed on what it draws, metres (its width: 1.5 times that).
MIN_VIEW_M = 600_000.0
#: Room left round a world map's edge, as a fraction of its height (each side: half).
WORLD_MARGIN = 0.04
#: Keeps a longitude off the projection's back meridian (degrees).
EDGE_EPS = 1e-7
#: Longest straight leg (degrees) of a country outline once cut, before projection.
OUTLINE_SEGMENT_DEG = 1.0


@dataclass(frozen=True)
class Extent:
    """A lon/lat box in WGS84 degrees. ``west`` in [-180, 180); ``east`` > ``west`` and
    ``east - west`` <= 360 (an ``east`` above 180 is a box across the antimeridian)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def from_bbox(cls, west: float, south: float, east: float, north: float) -> Extent:
        """From ``W,S,E,N`` as a person writes them (``east < west``: across ±180°)."""
        w = (west + 180.0) % 360.0 - 180.0 if west != 180.0 else -180.0
        e = east
        if west == -180.0 and east == 180.0:
            return cls(-180.0, south, 180.0, north)
        while e <= w:
            e += 360.0
        while e - w > 360.0:
            e -= 360.0
        return cls(w, south, e, north)

    @classmethod
    def covering(cls, lon: np.ndarray, lat: np.ndarray) -> Extent:
        """The smallest box holding every position (longitudes taken round the circle:
        positions at 179° and -179° make a box 2° wide across ±180°)."""
        lon = np.asarray(lon, dtype=float)
        lat = np.asarray(lat, dtype=float)
        wrapped = np.unique((lon + 180.0) % 360.0 - 180.0)
        if len(wrapped) == 1:
            west = east = float(wrapped[0])
        else:
            gaps = np.diff(np.append(wrapped, wrapped[0] + 360.0))
            i = int(np.argmax(gaps))
            west = float(wrapped[(i + 1) % len(wrapped)])
            east = float(wrapped[i])
            if east < west:
                east += 360.0
        return cls(west, float(lat.min()), east, float(lat.max()))

    @property
    def lon_span(self) -> float:
        return self.east - self.west

    @property
    def lat_span(self) -> float:
        return self.north - self.south

    @property
    def centre(self) -> tuple[float, float]:
        """``(lon, lat)`` of the box's centre, the longitude in [-180, 180)."""
        lon = (self.west + self.east) / 2.0
        return (lon + 180.0) % 360.0 - 180.0, (self.south + self.north) / 2.0

    def padded(self) -> Extent:
        """The box with a margin (:data:`PAD_FRACTION`), at least :data:`MIN_SPAN_DEG`
        each way, latitudes within ±90 and at most the whole width of the world."""
        lon_pad = max(self.lon_span * PAD_FRACTION, (MIN_SPAN_DEG - self.lon_span) / 2.0)
        lat_pad = max(self.lat_span * PAD_FRACTION, (MIN_SPAN_DEG - self.lat_span) / 2.0)
        west, east = self.west - lon_pad, self.east + lon_pad
        if east - west >= 360.0:
            mid = (west + east) / 2.0
            west, east = mid - 180.0, mid + 180.0
        shift = 360.0 * math.floor((west + 180.0) / 360.0)
        return Extent(west - shift, max(-90.0, self.south - lat_pad),
                      east - shift, min(90.0, self.north + lat_pad))

    def boundary(self, n: int = 90) -> np.ndarray:
        """The box's outline as ``(4n, 2)`` lon/lat positions (edges densified)."""
        lons = np.linspace(self.west, self.east, n)
        lats = np.linspace(self.south, self.north, n)
        return np.concatenate([
            np.column_stack([lons, np.full(n, self.south)]),
            np.column_stack([np.full(n, self.east), lats]),
            np.column_stack([lons[::-1], np.full(n, self.north)]),
            np.column_stack([np.full(n, self.west), lats[::-1]]),
        ])


def _deg(value: float, positive: str, negative: str) -> str:
    """``12.3° N``: a latitude or longitude in words, to 0.1° (whole degrees from 10°)."""
    hemisphere = positive if value >= 0 else negative
    size = abs(value)
    text = f"{size:.0f}" if size >= 10 or size == round(size) else f"{size:.1f}"
    if float(text) in (0.0, 180.0):
        return f"{float(text):.0f}°"
    return f"{text}° {hemisphere}"


def lat_text(lat: float) -> str:
    """A latitude as ``34° S``."""
    return _deg(lat, "N", "S")


def lon_text(lon: float) -> str:
    """A longitude as ``60° E`` (wrapped into [-180, 180])."""
    lon = (lon + 180.0) % 360.0 - 180.0 if abs(lon) > 180.0 else lon
    return _deg(lon, "E", "W")


@dataclass(frozen=True)
class MapProjection:
    """A projection of the figure: its PROJ definition and what it is, in words."""

    kind: str  # "equal-earth", "lcc" or "laea"
    proj4: str
    lon_0: float
    lat_0: float
    description: str

    @property
    def is_world(self) -> bool:
        return self.kind == "equal-earth"

    def forward(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Projected metres of lon/lat degrees (``inf`` where the projection has none)."""
        x, y = _transformers(self.proj4)[0].transform(np.asarray(lon, dtype=float),
                                                      np.asarray(lat, dtype=float))
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)

    def inverse(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """lon/lat degrees of projected metres."""
        lon, lat = _transformers(self.proj4)[1].transform(np.asarray(x, dtype=float),
                                                          np.asarray(y, dtype=float))
        return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)

    def forward_xy(self, lonlat: np.ndarray) -> np.ndarray:
        """``(n, 2)`` projected metres of ``(n, 2)`` lon/lat degrees."""
        if len(lonlat) == 0:
            return np.empty((0, 2))
        x, y = self.forward(lonlat[:, 0], lonlat[:, 1])
        return np.column_stack([x, y])

    def outline_lat_range(self, extent: Extent) -> tuple[float, float]:
        """Latitudes outside which country outlines are cut before projection (a conic
        sends the far pole to infinity)."""
        if self.kind == "lcc":
            return max(-89.0, extent.south - 40.0), min(89.0, extent.north + 40.0)
        return -90.0, 90.0


@functools.lru_cache(maxsize=16)
def _transformers(proj4: str) -> tuple[Transformer, Transformer]:
    crs = CRS.from_proj4(proj4)
    return (Transformer.from_crs("EPSG:4326", crs, always_xy=True),
            Transformer.from_crs(crs, "EPSG:4326", always_xy=True))


def _r(value: float) -> float:
    """Parameters rounded to 0.01° so that PROJ strings and descriptions stay short."""
    return round(value, 2) + 0.0


def choose_projection(extent: Extent) -> MapProjection:
    """The projection of a figure of ``extent`` (see the module docstring)."""
    lon_0, lat_0 = (_r(v) for v in extent.centre)
    if extent.lon_span > 160.0 or extent.lat_span > 120.0:
        return MapProjection("equal-earth", f"+proj=eqearth +lon_0={lon_0} +datum=WGS84 "
                             "+units=m +no_defs", lon_0, 0.0,
                             f"Equal Earth, central meridian {lon_text(lon_0)}")
    one_side = extent.south >= 20.0 or extent.north <= -20.0
    polar = extent.north > 80.0 or extent.south < -80.0
    if extent.lat_span <= 45.0 and one_side and not polar:
        lat_1 = _r(extent.south + extent.lat_span / 6.0)
        lat_2 = _r(extent.north - extent.lat_span / 6.0)
        return MapProjection(
            "lcc", f"+proj=lcc +lat_1={lat_1} +lat_2={lat_2} +lat_0={lat_0} +lon_0={lon_0} "
            "+datum=WGS84 +units=m +no_defs", lon_0, lat_0,
            f"Lambert conformal conic, standard parallels {lat_text(lat_1)} and "
            f"{lat_text(lat_2)}, central meridian {lon_text(lon_0)}")
    return MapProjection(
        "laea", f"+proj=laea +lat_0={lat_0} +lon_0={lon_0} +datum=WGS84 +units=m +no_defs",
        lon_0, lat_0,
        f"Lambert azimuthal equal-area, centred on {lon_text(lon_0)}, {lat_text(lat_0)}")


@dataclass(frozen=True)
class View:
    """The projected rectangle a map shows, metres: ``x0 < x1``, ``y0 < y1``."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / self.height

    def box(self) -> shapely.Polygon:
        return shapely.box(self.x0, self.y0, self.x1, self.y1)


def _fit_aspect(x0: float, y0: float, x1: float, y1: float) -> View:
    """The rectangle grown to an aspect between :data:`MIN_ASPECT` and :data:`MAX_ASPECT`."""
    width, height = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
    if width / height < MIN_ASPECT:
        width = height * MIN_ASPECT
    elif width / height > MAX_ASPECT:
        height = width / MAX_ASPECT
    return View(cx - width / 2.0, cy - height / 2.0, cx + width / 2.0, cy + height / 2.0)


def view_of(projection: MapProjection, extent: Extent) -> View:
    """The projected rectangle round ``extent`` (its densified outline's bounds; on world
    maps with :data:`WORLD_MARGIN` round the edge of the world), grown to an aspect between
    :data:`MIN_ASPECT` and :data:`MAX_ASPECT`."""
    ring = extent.boundary()
    ring[:, 0] = np.clip(ring[:, 0], extent.west + EDGE_EPS, extent.east - EDGE_EPS)
    xy = projection.forward_xy(ring)
    xy = xy[np.isfinite(xy).all(axis=1)]
    x0, y0 = (float(v) for v in xy.min(axis=0))
    x1, y1 = (float(v) for v in xy.max(axis=0))
    if projection.is_world:  # room round the edge of the world, which frames the map
        grow = WORLD_MARGIN * (y1 - y0) / 2.0
        x0, y0, x1, y1 = x0 - grow, y0 - grow, x1 + grow, y1 + grow
    return _fit_aspect(x0, y0, x1, y1)


def view_around(projection: MapProjection, lonlat: np.ndarray) -> View:
    """The projected rectangle round positions (``(n, 2)`` lon/lat): their projected bounds
    with a margin of :data:`PAD_FRACTION`, at least :data:`MIN_VIEW_M` high and 1.5 times
    that wide, grown to an aspect between :data:`MIN_ASPECT` and :data:`MAX_ASPECT`. Frames
    what is drawn more tightly than the lon/lat box round it, whose corners a conic or an
    azimuthal projection spreads out."""
    xy = projection.forward_xy(np.asarray(lonlat, dtype=float).reshape(-1, 2))
    xy = xy[np.isfinite(xy).all(axis=1)]
    x0, y0 = (float(v) for v in xy.min(axis=0))
    x1, y1 = (float(v) for v in xy.max(axis=0))
    width, height = x1 - x0, y1 - y0
    pad_x = max(width * PAD_FRACTION, (1.5 * MIN_VIEW_M - width) / 2.0)
    pad_y = max(height * PAD_FRACTION, (MIN_VIEW_M - height) / 2.0)
    return _fit_aspect(x0 - pad_x, y0 - pad_y, x1 + pad_x, y1 + pad_y)


def extent_of_view(projection: MapProjection, view: View) -> Extent:
    """The lon/lat box a view shows: its outline taken back to lon/lat (the whole circle of
    longitudes, up to the pole, when a pole is inside it)."""
    n = 60
    xs = np.concatenate([np.linspace(view.x0, view.x1, n), np.full(n, view.x1),
                         np.linspace(view.x1, view.x0, n), np.full(n, view.x0)])
    ys = np.concatenate([np.full(n, view.y0), np.linspace(view.y0, view.y1, n),
                         np.full(n, view.y1), np.linspace(view.y1, view.y0, n)])
    lon, lat = projection.inverse(xs, ys)
    ok = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90.0)
    if projection.is_world or not ok.any():
        return Extent(projection.lon_0 - 180.0, max(-90.0, float(lat[ok].min(initial=-90.0))),
                      projection.lon_0 + 180.0, min(90.0, float(lat[ok].max(initial=90.0))))
    box = Extent.covering(lon[ok], lat[ok])
    south, north = box.south, box.north
    px, py = projection.forward(np.array([0.0, 0.0]), np.array([90.0, -90.0]))
    poles = [(view.x0 <= x <= view.x1 and view.y0 <= y <= view.y1)
             for x, y in zip(px, py, strict=True)]
    if poles[0] or poles[1]:
        west, east = projection.lon_0 - 180.0, projection.lon_0 + 180.0
        return Extent(west, -90.0 if poles[1] else south, east, 90.0 if poles[0] else north)
    return box


def geodesic_densify(positions: Sequence[Sequence[float]] | np.ndarray,
                     spacing_m: float) -> np.ndarray:
    """``(n, 2)`` lon/lat along the geodesic (WGS84) of each leg of ``positions``, points at
    most ``spacing_m`` metres apart, longitudes unwrapped (each step the short way round)."""
    pts = [(float(p[0]), float(p[1])) for p in positions]
    out: list[tuple[float, float]] = []
    for a, b in itertools.pairwise(pts):
        leg = geodesic_path(a, b, spacing_m)
        out.extend(leg if not out else leg[1:])
    arr = np.asarray(out or pts, dtype=float).reshape(-1, 2)
    arr[:, 0] = unwrap_lon(arr[:, 0])
    return arr


def cut_at_back_meridian(line: np.ndarray, lon_0: float) -> list[np.ndarray]:
    """``line`` (``(n, 2)`` lon/lat, longitudes continuous) cut where it crosses the
    meridian opposite ``lon_0``; each part's longitudes within ``lon_0`` ± 180° (the
    crossing point, interpolated in lon/lat, ends one part and starts the next)."""
    if len(line) == 0:
        return []
    rel = unwrap_lon(line[:, 0] - lon_0)
    rel = rel - 360.0 * math.floor((rel[0] + 180.0) / 360.0)
    lat = line[:, 1]
    turn = np.floor((rel + 180.0) / 360.0)
    breaks = np.flatnonzero(np.diff(turn) != 0)
    parts: list[np.ndarray] = []
    start_rel: list[float] = []
    start_lat: list[float] = []
    begin = 0
    for b in breaks:
        edge = 360.0 * max(turn[b], turn[b + 1]) - 180.0
        t = (edge - rel[b]) / (rel[b + 1] - rel[b])
        lat_c = float(lat[b] + t * (lat[b + 1] - lat[b]))
        k_here = turn[b]
        side = math.copysign(180.0 - EDGE_EPS, edge - 360.0 * k_here)
        seg_rel = np.concatenate([start_rel, rel[begin:b + 1] - 360.0 * k_here, [side]])
        seg_lat = np.concatenate([start_lat, lat[begin:b + 1], [lat_c]])
        parts.append(np.column_stack([seg_rel + lon_0, seg_lat]))
        start_rel = [-side]
        start_lat = [lat_c]
        begin = b + 1
    k_last = turn[-1]
    seg_rel = np.concatenate([start_rel, rel[begin:] - 360.0 * k_last])
    seg_lat = np.concatenate([start_lat, lat[begin:]])
    parts.append(np.column_stack([seg_rel + lon_0, seg_lat]))
    return [p for p in parts if len(p) >= 2]


def _finite_runs(xy: np.ndarray) -> list[np.ndarray]:
    """Runs of consecutive finite positions (a projection has no value somewhere)."""
    ok = np.isfinite(xy).all(axis=1)
    if ok.all():
        return [xy]
    runs, current = [], []
    for good, p in zip(ok, xy, strict=True):
        if good:
            current.append(p)
        elif current:
            runs.append(np.asarray(current))
            current = []
    if current:
        runs.append(np.asarray(current))
    return runs


def project_lines(lines: Sequence[np.ndarray], projection: MapProjection,
                  view: View | None = None) -> list[np.ndarray]:
    """Lines (``(n, 2)`` lon/lat, longitudes continuous) as projected ``(n, 2)`` parts: cut
    at the back meridian, projected in one call, cut where the projection has no value and,
    with ``view``, clipped to it (parts outside it dropped)."""
    parts, _owners = project_lines_owned(lines, projection, view)
    return parts


def project_lines_owned(lines: Sequence[np.ndarray], projection: MapProjection,
                        view: View | None = None) -> tuple[list[np.ndarray], np.ndarray]:
    """:func:`project_lines`, also returning for each part the index of the line it comes
    from. Many lines (500 cables) are projected and clipped in a few vectorised calls."""
    cut: list[np.ndarray] = []
    owner: list[int] = []
    for n, line in enumerate(lines):
        for part in cut_at_back_meridian(np.asarray(line, float), projection.lon_0):
            cut.append(part)
            owner.append(n)
    if not cut:
        return [], np.empty(0, dtype=np.intp)
    sizes = np.array([len(p) for p in cut])
    xy = projection.forward_xy(np.concatenate(cut))
    chunks = np.split(xy, np.cumsum(sizes)[:-1])
    if not np.isfinite(xy).all():
        runs = [(run, o) for chunk, o in zip(chunks, owner, strict=True)
                for run in _finite_runs(chunk)]
        chunks, owner = [r for r, _o in runs], [o for _r, o in runs]
    keep = [i for i, c in enumerate(chunks) if len(c) >= 2]
    parts = [chunks[i] for i in keep]
    owners = np.asarray([owner[i] for i in keep], dtype=np.intp)
    if view is None or not parts:
        return parts, owners
    lengths = np.array([len(p) for p in parts])
    geoms = shapely.linestrings(np.concatenate(parts), indices=np.repeat(np.arange(len(parts)),
                                                                         lengths))
    inside = shapely.contains_xy(view.box(), np.concatenate(parts)[:, 0],
                                 np.concatenate(parts)[:, 1])
    whole = np.logical_and.reduceat(inside, np.concatenate([[0], np.cumsum(lengths)[:-1]]))
    out: list[np.ndarray] = []
    out_owner: list[int] = []
    clip = np.flatnonzero(~whole)
    clipped = dict(zip(clip.tolist(), shapely.clip_by_rect(geoms[clip], view.x0, view.y0,
                                                             view.x1, view.y1), strict=True))
    for i, part in enumerate(parts):
        if whole[i]:  # inside the view: kept as it is
            out.append(part)
            out_owner.append(int(owners[i]))
            continue
        geom = clipped[i]
        for g in shapely.get_parts(geom):
            if g.geom_type == "LineString" and not g.is_empty:
                out.append(np.asarray(g.coords)[:, :2])
                out_owner.append(int(owners[i]))
    return out, np.asarray(out_owner, dtype=np.intp)


#: Radius, degrees of arc, of the cap round the antipode of an azimuthal map's centre that
#: is left out of its outlines: the antipode is the whole rim of the projection, so a country
#: there would wrap round the map. What is left (120° round the centre) is more than any
#: extent that takes this projection shows.
ANTIPODE_CAP_DEG = 60.0


def antipode_cap(projection: MapProjection, radius_deg: float = ANTIPODE_CAP_DEG
                 ) -> shapely.Polygon:
    """The cap of ``radius_deg`` round the antipode of the projection's centre, as a lon/lat
    polygon (longitudes continuous round the antipode's; a cap over a pole runs from it)."""
    lon_a, lat_a = projection.lon_0 + 180.0, -projection.lat_0
    az = np.linspace(0.0, 360.0, 361)[:-1]
    lons, lats, _baz = GEOD.fwd(np.full_like(az, lon_a), np.full_like(az, lat_a), az,
                                np.full_like(az, radius_deg * 111_195.0))
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    if abs(lat_a) + radius_deg < 90.0:
        lons = lon_a + (lons - lon_a + 180.0) % 360.0 - 180.0
        return shapely.Polygon(np.column_stack([lons, lats]))
    pole = math.copysign(90.0, lat_a)
    rel = (lons - lon_a + 180.0) % 360.0
    order = np.argsort(rel)
    lons, lats = lon_a - 180.0 + rel[order], lats[order]
    ring = np.concatenate([[[lon_a - 180.0, pole], [lon_a - 180.0, lats[0]]],
                           np.column_stack([lons, lats]),
                           [[lon_a + 180.0, lats[-1]], [lon_a + 180.0, pole]]])
    return shapely.make_valid(shapely.Polygon(ring))


def _shifted(geoms: Any, dlon: float) -> Any:
    """Geometries moved ``dlon`` degrees east."""
    offset = np.array([dlon, 0.0])
    return shapely.transform(geoms, lambda xy: xy + offset)


def project_polygons(geoms: np.ndarray, projection: MapProjection, extent: Extent,
                     view: View) -> list[shapely.Geometry]:
    """Polygons in lon/lat (an array of shapely geometries) cut at the back meridian (and at
    the latitudes :meth:`MapProjection.outline_lat_range` gives), densified, projected and
    clipped to ``view`` (slightly grown, so that outlines do not stop at its edge); one
    geometry per input, empty where nothing is left."""
    lat_lo, lat_hi = projection.outline_lat_range(extent)
    window = shapely.box(projection.lon_0 - 180.0 + EDGE_EPS, lat_lo,
                         projection.lon_0 + 180.0 - EDGE_EPS, lat_hi)
    if projection.kind == "laea":
        cap = antipode_cap(projection)
        window = shapely.difference(window, shapely.union_all(
            [_shifted(cap, turn) for turn in (-360.0, 0.0, 360.0)]))
    pieces = [shapely.intersection(_shifted(geoms, turn), window)
              for turn in (-360.0, 0.0, 360.0)]
    cut = shapely.union_all(np.stack(pieces, axis=1), axis=1)
    cut = shapely.segmentize(cut, OUTLINE_SEGMENT_DEG)

    def forward(xy: np.ndarray) -> np.ndarray:
        return projection.forward_xy(xy)

    projected = shapely.transform(cut, forward)
    grow = 0.02 * max(view.width, view.height)
    finite = np.isfinite(shapely.bounds(projected)).all(axis=1)
    out = []
    for geom, ok in zip(projected, finite, strict=True):
        if not ok or geom.is_empty:
            out.append(shapely.Polygon())
            continue
        geom = shapely.make_valid(geom) if not shapely.is_valid(geom) else geom
        out.append(shapely.clip_by_rect(geom, view.x0 - grow, view.y0 - grow,
                                        view.x1 + grow, view.y1 + grow))
    return out


def globe_outline(projection: MapProjection) -> shapely.Polygon:
    """The edge of the world in a world projection (Equal Earth): the meridians at
    ``lon_0`` ± 180° joined at the poles, projected."""
    lats = np.linspace(-90.0, 90.0, 181)
    west = np.column_stack([np.full_like(lats, projection.lon_0 - 180.0 + EDGE_EPS), lats])
    east = np.column_stack([np.full_like(lats, projection.lon_0 + 180.0 - EDGE_EPS),
                            lats[::-1]])
    return shapely.Polygon(projection.forward_xy(np.concatenate([west, east])))


def graticule_step(extent: Extent) -> float:
    """Degrees between graticule lines for ``extent``: about four to eight lines across."""
    span = max(extent.lon_span, extent.lat_span)
    for step in (1.0, 2.0, 5.0, 10.0, 15.0, 30.0):
        if span / step <= 8.0:
            return step
    return 30.0


def graticule(extent: Extent, projection: MapProjection) -> list[np.ndarray]:
    """Meridians and parallels every :func:`graticule_step` degrees over ``extent`` (world
    views: over the whole world), as lon/lat lines densified every half degree."""
    step = graticule_step(extent)
    if projection.is_world:
        west, east, south, north = (projection.lon_0 - 180.0, projection.lon_0 + 180.0,
                                    -90.0, 90.0)
    else:
        west, east = extent.west - step, extent.east + step
        south, north = max(-90.0, extent.south - step), min(90.0, extent.north + step)
    lines = []
    lat_top = min(north, 90.0 if projection.is_world else 89.0)
    lat_bottom = max(south, -90.0 if projection.is_world else -89.0)
    for lon in np.arange(math.ceil(west / step) * step, east + 1e-9, step):
        lats = np.arange(lat_bottom, lat_top + 1e-9, 0.5)
        lines.append(np.column_stack([np.full_like(lats, lon), lats]))
    for lat in np.arange(math.ceil(lat_bottom / step) * step, lat_top + 1e-9, step):
        if abs(lat) >= 90.0:
            continue
        lons = np.arange(west, east + 1e-9, 0.5)
        lines.append(np.column_stack([lons, np.full_like(lons, lat)]))
    return lines


@dataclass(frozen=True)
class ScaleBar:
    """A scale bar true at ``lat`` (degrees): ``length_m`` metres drawn ``length_units``
    projected metres long; ``label`` as shown (``500 km``)."""

    length_m: float
    length_units: float
    lat: float
    label: str


def nice_length_m(limit_m: float) -> float:
    """The largest 1, 2 or 5 × 10^k metres not above ``limit_m``."""
    k = math.floor(math.log10(limit_m))
    for m in (5.0, 2.0, 1.0):
        if m * 10.0 ** k <= limit_m:
            return m * 10.0 ** k
    return 10.0 ** k  # pragma: no cover - 1 × 10^k always fits


def length_label(length_m: float) -> str:
    """``1,000 km``, ``50 km``, ``500 m``."""
    if length_m >= 1000.0:
        return f"{length_m / 1000.0:,.0f} km"
    return f"{length_m:,.0f} m"


def scale_bar(projection: MapProjection, view: View, fraction: float = 0.2) -> ScaleBar:
    """A bar of a round length at most ``fraction`` of the map's width, true at the map's
    centre: the ground length of a horizontal step there, measured on the WGS84 ellipsoid,
    gives metres on the ground per projected metre."""
    cx, cy = (view.x0 + view.x1) / 2.0, (view.y0 + view.y1) / 2.0
    step = view.width * 0.005
    lon, lat = projection.inverse(np.array([cx - step, cx + step]), np.array([cy, cy]))
    _az, _baz, dist = GEOD.inv(lon[0], lat[0], lon[1], lat[1])
    ground_per_unit = float(dist) / (2.0 * step)
    length_m = nice_length_m(view.width * fraction * ground_per_unit)
    _lon_c, lat_c = projection.inverse(np.array([cx]), np.array([cy]))
    return ScaleBar(length_m, length_m / ground_per_unit, float(lat_c[0]),
                    length_label(length_m))
