"""The projected rectangle a map shows (:class:`View`): round an extent, round what is drawn,
and back to the lon/lat box it shows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from geo.figure.extent import PAD_FRACTION, Extent
from geo.figure.map_projection import EDGE_EPS, MapProjection

#: Widest and tallest map (width / height) a figure draws; the extent grows to fit.
MIN_ASPECT = 0.8
MAX_ASPECT = 2.2
#: Smallest height of a map framed on what it draws, metres (its width: 1.5 times that).
MIN_VIEW_M = 600_000.0
#: Room left round a world map's edge, as a fraction of its height (each side: half).
WORLD_MARGIN = 0.04


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

    def edges(self, n: int = 60) -> tuple[np.ndarray, np.ndarray]:
        """The rectangle's outline, ``n`` points an edge (``4n`` in all, anticlockwise from
        ``(x0, y0)``), as x and y arrays in projected metres."""
        xs = np.concatenate([np.linspace(self.x0, self.x1, n), np.full(n, self.x1),
                             np.linspace(self.x1, self.x0, n), np.full(n, self.x0)])
        ys = np.concatenate([np.full(n, self.y0), np.linspace(self.y0, self.y1, n),
                             np.full(n, self.y1), np.linspace(self.y1, self.y0, n)])
        return xs, ys


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
    lon, lat = projection.inverse(*view.edges())
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
