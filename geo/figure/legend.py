"""The legend: a row for each style the map shows and each context layer drawn, laid out in
columns that fit the figure's width, each with a sample drawn as the map draws it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, PathPatch
from matplotlib.path import Path as MplPath

from geo.figure.artists import dash_style, gid, pin_paths
from geo.figure.canvas import Canvas
from geo.figure.marks import ContextMarks, Mark
from geo.figure.text import PX, font, text_width
from geo.figure.theme import LEGEND_PX
from geo.webmap import styles

#: Height of a legend row and the gap between columns, points.
ROW_PT = 18.0 * PX
COLUMN_GAP_PT = 18.0 * PX


@dataclass(frozen=True)
class LegendEntry:
    """One row of the legend: a style of the table, or a context layer."""

    key: str
    label: str
    style: styles.Style | None = None
    colour: str = ""
    geometry_type: str = ""


def legend_entries(visible: Sequence[Mark], shown_context: Sequence[ContextMarks]
                   ) -> list[LegendEntry]:
    """The legend rows of what the map shows, in the style table's order, then the context
    layers (name and how many of their features show)."""
    drawn: set[str] = set()
    for mark in visible:
        drawn.update(mark.style_keys())
        status = styles.status_style(mark.status)
        if status is not None and (mark.point is not None or
                                   any(styles.BY_KEY[k].shape == "line"
                                       for k in mark.style_keys())):
            drawn.add(status.key)
        if mark.draft:
            drawn.add("draft")
    entries = [LegendEntry(s.key, s.label, style=s) for s in styles.STYLES if s.key in drawn]
    for ctx in shown_context:
        total = len(ctx.layer)
        count = (f"{total:,} feature{'s' if total != 1 else ''}" if ctx.shown == total
                 else f"{ctx.shown:,} of {total:,} features")
        name = ctx.layer.name if len(ctx.layer.name) <= 60 else ctx.layer.name[:59] + "…"
        entries.append(LegendEntry(f"context-{ctx.index}", f"{name} ({count})",
                                   colour=styles.context_style(ctx.index).colour,
                                   geometry_type=ctx.layer.geometry_type))
    return entries


def legend_layout(entries: Sequence[LegendEntry], width: float
                   ) -> tuple[list[list[int]], list[float]]:
    """Columns of legend rows (column-major) that fit ``width`` points, and their widths."""
    if not entries:
        return [], []
    fp = font(LEGEND_PX)
    widths = [(22.0 + 6.0) * PX + text_width(e.label, fp) for e in entries]
    gap = 18.0 * PX
    for ncols in range(len(entries), 0, -1):
        rows = math.ceil(len(entries) / ncols)
        cols = [list(range(c * rows, min(len(entries), (c + 1) * rows)))
                for c in range(ncols)]
        cols = [c for c in cols if c]
        col_widths = [max(widths[i] for i in c) for c in cols]
        if sum(col_widths) + gap * (len(cols) - 1) <= width or len(cols) == 1:
            return cols, col_widths
    raise AssertionError("unreachable")  # pragma: no cover


def _swatch(canvas: Canvas, entry: LegendEntry, x: float, y: float) -> None:
    """The legend sample of ``entry``, 22 × 12 CSS px, its left edge at ``x``, centred on
    ``y`` (points); drawn as the map draws the feature."""
    def p(sx: float, sy: float) -> tuple[float, float]:  # swatch px (y down) -> points
        return x + sx * PX, y + (6.0 - sy) * PX

    ident = gid("legend-swatch", entry.key)
    style = entry.style
    if style is None:  # a context layer
        if entry.geometry_type == "point":
            canvas.artist(Circle(p(11, 6), 3.5 * PX, facecolor=to_rgba(entry.colour, 0.48),
                                 edgecolor=to_rgba(entry.colour, 0.8), linewidth=PX,
                                 gid=ident))
        else:
            (x0, y0), (x1, _y1) = p(1, 6), p(21, 6)
            canvas.artist(Line2D([x0, x1], [y0, y0], color=entry.colour, alpha=0.7,
                                 linewidth=1.5 * PX, gid=ident))
        return
    c = style.color
    if style.shape == "circle":
        opts = styles.path_options(style)
        canvas.artist(Circle(p(11, 6), min(style.radius, 5.5) * PX,
                             facecolor=to_rgba(c, style.fill_opacity),
                             edgecolor=opts["color"], linewidth=1.2 * PX, gid=ident))
    elif style.shape == "diamond":
        cx, cy = p(11, 6)
        h = 5.0 * PX
        canvas.artist(PathPatch(MplPath([(cx, cy - h), (cx + h, cy), (cx, cy + h),
                                         (cx - h, cy), (cx, cy - h)], closed=True),
                                facecolor=to_rgba(c, style.fill_opacity), edgecolor="#ffffff",
                                linewidth=PX, gid=ident))
    elif style.shape == "pin":
        pin, dot = pin_paths(4.0)
        ox, oy = p(11, 11.5)
        canvas.artist(PathPatch(MplPath(pin + np.array([ox, oy]), closed=True), facecolor=c,
                                edgecolor="#ffffff", linewidth=PX, gid=ident))
        canvas.artist(PathPatch(MplPath(dot + np.array([ox, oy]), closed=True), facecolor="#ffffff",
                                edgecolor="none", gid=gid(ident, "dot")))
    elif style.shape == "band":
        (x0, y0), (x1, _y1) = p(3, 6), p(19, 6)
        canvas.artist(Line2D([x0, x1], [y0, y0], color=c, alpha=style.opacity,
                             linewidth=10.0 * PX, solid_capstyle="round", gid=ident))
    elif style.shape == "arc":
        canvas.artist(PathPatch(MplPath([p(1, 10), p(11, -2), p(21, 10)],
                                        [MplPath.MOVETO, MplPath.CURVE3, MplPath.CURVE3]),
                                fill=False, edgecolor=to_rgba(c, style.opacity),
                                linewidth=style.weight * PX, gid=ident))
    elif style.shape == "draft":
        canvas.artist(Circle(p(5.5, 6), 4.5 * PX, fill=False, edgecolor=c, linewidth=1.5 * PX,
                             linestyle=dash_style("2 2"), gid=ident))
        (x0, y0), (x1, _y1) = p(12, 6), p(22, 6)
        canvas.artist(Line2D([x0, x1], [y0, y0], color=c, alpha=style.opacity,
                             linewidth=6.0 * PX, linestyle=dash_style("4 2"),
                             solid_capstyle="butt", dash_capstyle="butt", gid=gid(ident, "line")))
    else:  # lines and the dashed-status sample
        (x0, y0), (x1, _y1) = p(1, 6), p(21, 6)
        canvas.artist(Line2D([x0, x1], [y0, y0], color=c, alpha=style.opacity,
                             linewidth=min(style.weight, 3.5) * PX,
                             linestyle=dash_style(style.dash), dash_capstyle="butt",
                             solid_capstyle="butt", gid=ident))


def draw_legend(canvas: Canvas, entries: Sequence[LegendEntry], cols: Sequence[Sequence[int]],
                col_widths: Sequence[float], x: float, top: float, colour: str) -> None:
    """The legend's columns (:func:`legend_layout`) from ``x``, ``top`` (points) down: each
    row's sample and its label in ``colour``."""
    fp = font(LEGEND_PX)
    for col, col_w in zip(cols, col_widths, strict=True):
        for row, i in enumerate(col):
            y = top - (row + 0.5) * ROW_PT
            _swatch(canvas, entries[i], x, y)
            canvas.text(x + 28.0 * PX, y - fp.get_size_in_points() * 0.36, entries[i].label,
                        fp, colour, gid("legend", entries[i].key))
        x += col_w + COLUMN_GAP_PT
