"""Panels over the map, each in the corner that hides the fewest drawn positions: the locator
inset (a small world map with the main map's area outlined) and the scale bar."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, PathPatch

from geo.figure.artists import lines_path, polygon_path, scatter
from geo.figure.canvas import Canvas
from geo.figure.draw_map import country_shapes
from geo.figure.extent import Extent, lat_text
from geo.figure.labels import Box
from geo.figure.map_projection import MapProjection, choose_projection
from geo.figure.marks import Mark
from geo.figure.reproject import globe_outline, project_lines, project_polygons
from geo.figure.scalebar import ScaleBar
from geo.figure.text import PX, font, text_width
from geo.figure.theme import LEADING, SMALL_PX, Theme
from geo.figure.view import View
from geo.lines import unwrap_lon


def occupancy(visible: Sequence[Mark], to_pt: Any) -> np.ndarray:
    """Figure points of every drawn position (points and line vertices), ``(n, 2)``."""
    pts = [to_pt(*m.xy) for m in visible if m.xy is not None]
    for mark in visible:
        for _key, parts in mark.xy_pieces:
            for part in parts:
                pts.extend(to_pt(x, y) for x, y in part[:: max(1, len(part) // 50)])
    return np.asarray(pts, dtype=float).reshape(-1, 2)


def _count_in(points: np.ndarray, box: Box) -> int:
    if not len(points):
        return 0
    inside = ((points[:, 0] >= box.x0) & (points[:, 0] <= box.x1)
              & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1))
    return int(inside.sum())


_CORNERS = ("top-right", "top-left", "bottom-right", "bottom-left")


def _corner_box(map_box: Box, corner: str, width: float, height: float) -> Box:
    inset = 10.0 * PX
    x0 = map_box.x1 - inset - width if corner.endswith("right") else map_box.x0 + inset
    y0 = map_box.y1 - inset - height if corner.startswith("top") else map_box.y0 + inset
    return Box(x0, y0, x0 + width, y0 + height)


def place_inset(map_box: Box, occupied: np.ndarray) -> tuple[str, Box]:
    """The locator inset's corner (the one covering the fewest drawn positions) and box."""
    map_w = map_box.x1 - map_box.x0
    width = min(max(0.2 * map_w, 110.0 * PX), 240.0 * PX)
    height = width / 2.05
    best = min(_CORNERS, key=lambda c: (_count_in(occupied, _corner_box(map_box, c, width,
                                                                         height)),
                                        _CORNERS.index(c)))
    return best, _corner_box(map_box, best, width, height)


def draw_inset(canvas: Canvas, box: Box, projection: MapProjection, view: View,
                theme: Theme) -> None:
    """A small Equal Earth world map with the main map's area outlined."""
    fig = canvas.fig
    w_pt = fig.get_figwidth() * 72.0
    h_pt = fig.get_figheight() * 72.0
    world = choose_projection(Extent(projection.lon_0 - 180.0, -90.0, projection.lon_0 + 180.0,
                                     90.0))
    world_extent = Extent(world.lon_0 - 180.0, -90.0, world.lon_0 + 180.0, 90.0)
    globe = globe_outline(world)
    gx0, gy0, gx1, gy1 = globe.bounds
    world_view = View(gx0, gy0, gx1, gy1)
    ax = fig.add_axes((box.x0 / w_pt, box.y0 / h_pt, (box.x1 - box.x0) / w_pt,
                       (box.y1 - box.y0) / h_pt))
    ax.set_xlim(gx0, gx1)
    ax.set_ylim(gy0, gy1)
    ax.set_axis_off()
    ax.set_gid("locator")
    ax.set_zorder(25)
    canvas.artist(FancyBboxPatch((box.x0, box.y0), box.x1 - box.x0, box.y1 - box.y0,
                                 boxstyle=f"round,pad={3.0 * PX},rounding_size={3.0 * PX}",
                                 facecolor=to_rgba(theme.paper, 0.9), edgecolor=theme.frame,
                                 linewidth=0.6 * PX, zorder=24, gid="locator-panel"))
    sea = polygon_path([globe])
    if sea is not None:
        ax.add_artist(PathPatch(sea, facecolor=theme.ocean, edgecolor=theme.frame,
                                linewidth=0.5 * PX, zorder=0, gid="locator-sea"))
    # outlines simplified to half a pixel of the inset, small islands left out: a locator
    # shows where, not what (and stays small in SVG)
    pixel_m = (gx1 - gx0) / ((box.x1 - box.x0) / PX)
    shapes = shapely.simplify(np.asarray(project_polygons(country_shapes(), world,
                                                          world_extent, world_view)),
                              0.5 * pixel_m)
    parts = shapely.get_parts(shapes)  # each island on its own (the islands are one feature)
    land = polygon_path([g for g in parts if shapely.area(g) > 4.0 * pixel_m ** 2])
    if land is not None:
        ax.add_artist(PathPatch(land, facecolor=theme.land, edgecolor="none", zorder=1,
                                gid="locator-land"))
    # the main map's rectangle, back to lon/lat along its edges, then into the world map
    lon, lat = projection.inverse(*view.edges())
    ok = np.isfinite(lon) & np.isfinite(lat)
    ring = np.column_stack([lon[ok], lat[ok]])
    if len(ring) >= 2:
        ring[:, 0] = unwrap_lon(ring[:, 0])
        parts = project_lines([ring], world)
        span = max((np.ptp(np.concatenate(parts), axis=0).max() if parts else 0.0), 0.0)
        if span < 0.02 * (gx1 - gx0):  # too small to see as a box: a dot
            cx, cy = world.forward(np.array([projection.lon_0]), np.array([projection.lat_0]))
            scatter(ax, cx, cy, (5.0 * PX) ** 2, facecolors=[theme.extent], edgecolors="none",
                       zorder=3)
        else:
            path = lines_path(parts)
            if path is not None:
                ax.add_artist(PathPatch(path, fill=False, edgecolor=theme.extent,
                                       linewidth=1.4 * PX, zorder=3, gid="locator-extent"))


def draw_scale_bar(canvas: Canvas, map_box: Box, bar: ScaleBar, scale_k: float,
                    occupied: np.ndarray, inset_corner: str | None, theme: Theme) -> Box:
    """The scale bar in a bottom corner of the map (the freer one not taken by the inset);
    returns its box."""
    fp = font(SMALL_PX)
    fp_b = font(SMALL_PX, bold=True)
    length = bar.length_units * scale_k
    note = f"at {lat_text(bar.lat)}"
    label_w = text_width(bar.label, fp_b)
    width = max(length, label_w + 4.0 * PX + text_width(note, fp)) + 12.0 * PX
    height = (SMALL_PX * LEADING + 10.0) * PX
    corners = [c for c in ("bottom-left", "bottom-right") if c != inset_corner]
    corner = min(corners, key=lambda c: (_count_in(occupied, _corner_box(map_box, c, width,
                                                                         height)),
                                         corners.index(c)))
    box = _corner_box(map_box, corner, width, height)
    canvas.artist(FancyBboxPatch((box.x0, box.y0), width, height,
                                 boxstyle=f"round,pad=0,rounding_size={3.0 * PX}",
                                 facecolor=to_rgba(theme.paper, 0.82), edgecolor="none",
                                 zorder=26, gid="scale-bar-panel"))
    x0 = box.x0 + 6.0 * PX
    y_bar = box.y0 + 5.0 * PX
    tick = 4.0 * PX
    canvas.artist(Line2D([x0, x0, x0 + length, x0 + length], [y_bar + tick, y_bar, y_bar,
                                                               y_bar + tick],
                         color=theme.text, linewidth=1.2 * PX, solid_joinstyle="miter",
                         solid_capstyle="butt", zorder=27, gid="scale-bar"))
    y_text = y_bar + tick + 3.0 * PX
    canvas.text(x0, y_text, bar.label, fp_b, theme.text, "scale-bar-label", zorder=27)
    canvas.text(x0 + label_w + 4.0 * PX, y_text, note, fp, theme.muted, "scale-bar-note",
                zorder=27)
    return box
