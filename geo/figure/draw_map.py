"""The map itself, inside its frame: sea, land (Natural Earth outlines), graticule, the edge
of the world, the context layers, and the catalogue's marks in the web map's order and
styles."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from matplotlib.colors import to_rgba
from matplotlib.patches import PathPatch

from geo.figure.artists import (
    dash_style,
    gid,
    line_style,
    lines_path,
    outline_marker,
    pin_paths,
    point_style,
    polygon_path,
    scatter,
)
from geo.figure.extent import Extent
from geo.figure.labels import Box
from geo.figure.map_projection import MapProjection
from geo.figure.marks import ContextMarks, Mark
from geo.figure.reproject import globe_outline, graticule, project_lines, project_polygons
from geo.figure.text import PX
from geo.figure.theme import Theme
from geo.figure.view import View
from geo.names import DRAW_ORDER
from geo.webmap import countries, styles

#: Drawing order (z) of each layer's marks, bottom first, as the web map's panes.
_Z = {"context": 3.0, **{name: 4.0 + i for i, name in enumerate(DRAW_ORDER)}, "pins": 9.0}


@functools.lru_cache(maxsize=1)
def country_shapes() -> np.ndarray:
    """The Natural Earth country outlines (:func:`geo.webmap.offline.countries`) as shapely
    geometries in lon/lat, read once."""
    return np.asarray([shapely.geometry.shape(f["geometry"]) for f in countries()["features"]],
                      dtype=object)


def draw_base(ax: Any, projection: MapProjection, extent: Extent, view: View,
               theme: Theme) -> None:
    """Sea, land (Natural Earth outlines), graticule and, on world maps, the globe's edge."""
    if projection.is_world:
        globe = shapely.intersection(globe_outline(projection), view.box())
        sea = polygon_path([globe])
    else:
        sea = polygon_path([view.box()])
    if sea is not None:
        ax.add_artist(PathPatch(sea, facecolor=theme.ocean, edgecolor="none", zorder=0.0,
                               gid="sea"))
    land = polygon_path(project_polygons(country_shapes(), projection, extent, view))
    if land is not None:
        ax.add_artist(PathPatch(land, facecolor=theme.land, edgecolor=theme.border,
                               linewidth=0.6 * PX, joinstyle="round", zorder=1.0, gid="land"))
    grid = lines_path(project_lines(graticule(extent, projection), projection, view))
    if grid is not None:
        ax.add_artist(PathPatch(grid, fill=False, edgecolor=theme.graticule, linewidth=0.5 * PX,
                               zorder=2.0, gid="graticule"))
    if projection.is_world:
        edge = polygon_path([globe_outline(projection)])
        if edge is not None:
            ax.add_artist(PathPatch(edge, fill=False, edgecolor=theme.frame, linewidth=0.8 * PX,
                                   zorder=2.1, gid="globe-edge"))


def draw_context(ax: Any, shown_context: Sequence[ContextMarks]) -> None:
    """Context layers under the catalogue, in their muted colours (one path per kind)."""
    for ctx in shown_context:
        style = styles.context_style(ctx.index)
        z = _Z["context"] + ctx.index * 0.01
        ident = gid("context", str(ctx.index))
        polys = polygon_path(ctx.xy_polygons)
        if polys is not None:
            ax.add_artist(PathPatch(polys, facecolor=to_rgba(style.colour, style.fill_opacity),
                                   edgecolor=to_rgba(style.colour, style.line_opacity),
                                   linewidth=style.line_weight_px * PX, zorder=z,
                                   gid=gid(ident, "polygons")))
        lines = lines_path(ctx.xy_lines)
        if lines is not None:
            ax.add_artist(PathPatch(lines, fill=False,
                                   edgecolor=to_rgba(style.colour, style.line_opacity),
                                   linewidth=style.line_weight_px * PX, capstyle="round",
                                   joinstyle="round", zorder=z, gid=gid(ident, "lines")))
        if len(ctx.xy_points):
            scatter(ax, ctx.xy_points[:, 0], ctx.xy_points[:, 1],
                    (2.0 * style.point_radius_px * PX) ** 2,
                       facecolors=[to_rgba(style.colour, style.point_opacity * 0.6)],
                       edgecolors=[to_rgba(style.colour, style.point_opacity)],
                       linewidths=PX, zorder=z + 0.001, gid=gid(ident, "points"))


def draw_marks(ax: Any, marks: Sequence[Mark], to_pt: Any) -> list[tuple[str, Box]]:
    """The catalogue's marks in the web map's order and styles; returns each drawn point's
    marker box (figure points), for the labels to keep clear of."""
    boxes: list[tuple[str, Box]] = []
    points = [m for m in marks if m.xy is not None]
    lines = [m for m in marks if m.point is None and m.visible]
    for mark in lines:
        z = _Z[mark.layer]
        for n, (key, parts) in enumerate((k, p) for k, p in mark.xy_pieces if p):
            style = styles.BY_KEY[key]
            path = lines_path(parts)
            if path is None:
                continue
            ident = gid(mark.layer, mark.id, *([str(n + 1)] if n else []))
            if mark.draft:
                ax.add_artist(PathPatch(path, zorder=z - 0.05, gid=gid(ident, "draft"),
                                       **line_style(styles.draft_line_options(style))))
            status = mark.status if mark.layer != "agreements" else None
            ax.add_artist(PathPatch(path, zorder=z, gid=ident,
                                   **line_style(styles.path_options(style, status))))
    # big markers first, so small ones at the same place stay visible on top (as on the map)
    points.sort(key=lambda m: (_Z["pins"] if m.point_style == "agreement.venue" else _Z[m.layer],
                               -styles.BY_KEY[m.point_style or ""].radius))
    for order, mark in enumerate(points):
        assert mark.xy is not None and mark.point_style is not None
        style = styles.BY_KEY[mark.point_style]
        x, y = mark.xy
        z = (_Z["pins"] if style.shape == "pin" else _Z[mark.layer]) + order * 1e-4
        ident = gid(mark.layer, mark.id)
        if mark.draft:
            halo = styles.draft_halo_options(style)
            scatter(ax, x, y, (2.0 * halo["radius"] * PX) ** 2, facecolors="none",
                       edgecolors=[to_rgba(halo["color"], halo["opacity"])],
                       linewidths=halo["weight"] * PX, linestyles=[dash_style(halo["dashArray"])],
                       zorder=z - 0.00005, gid=gid(ident, "draft"))
        px, py = to_pt(x, y)
        if style.shape == "circle":
            opts = styles.path_options(style, mark.status)
            scatter(ax, x, y, zorder=z, gid=ident, **point_style(opts))
            r = (style.radius + style.weight / 2.0) * PX
            boxes.append((mark.id, Box(px - r, py - r, px + r, py + r)))
        elif style.shape == "diamond":
            side = 1.4 * style.radius * PX
            scatter(ax, x, y, side ** 2, marker="D",
                       facecolors=[to_rgba(style.color, style.fill_opacity)],
                       edgecolors="#ffffff", linewidths=style.weight * PX, zorder=z, gid=ident)
            r = side * 0.75
            boxes.append((mark.id, Box(px - r, py - r, px + r, py + r)))
        else:  # an agreement at its venue: a pin, its tip at the venue
            pin, dot = pin_paths(style.radius)
            marker, size = outline_marker(pin)
            scatter(ax, x, y, size, marker=marker, facecolors=[style.color],
                       edgecolors="#ffffff", linewidths=style.weight * PX, zorder=z, gid=ident)
            marker, size = outline_marker(dot)
            scatter(ax, x, y, size, marker=marker, facecolors=["#ffffff"],
                       edgecolors="none", linewidths=0.0, zorder=z + 0.00001,
                       gid=gid(ident, "dot"))
            w = style.radius * PX
            boxes.append((mark.id, Box(px - w, py, px + w, py + 3.0 * style.radius * PX)))
    return boxes
