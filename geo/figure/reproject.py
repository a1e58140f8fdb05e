"""Lines and polygons from lon/lat onto the map: along geodesics, cut at the projection's back
meridian, projected, clipped to the view; and the graticule and the edge of the world.

Lines are ``(n, 2)`` arrays of ``(lon, lat)`` WGS84 degrees in, projected metres out.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

from geo.figure.extent import Extent
from geo.figure.map_projection import EDGE_EPS, MapProjection
from geo.figure.view import View
from geo.geodesy import GEOD, geodesic_path
from geo.lines import unwrap_lon

#: Longest straight leg (degrees) of a country outline once cut, before projection.
OUTLINE_SEGMENT_DEG = 1.0


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
