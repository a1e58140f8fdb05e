"""Draw a figure with matplotlib and return its bytes and its alt text.

**Layout** (top to bottom, in CSS pixels, 96 to the inch): title, subtitle, the map (its
aspect that of the projected view), the legend (only what the map shows, in columns), the
notes, the source line (the articles: publisher or title, date) and the credits (basemap,
references, context layers and their licences, projection). Inside the map: the scale bar,
the locator inset when asked (or, by default, on regional maps), and the labels, placed by
:mod:`geo.figure.labels` clear of each other, of other points and of the panels.

**Styles** come from the web map's table: :func:`geo.webmap.styles.path_options` gives the
colour, width, opacity and dash of each feature as Leaflet options, which
:func:`line_style` and :func:`point_style` turn into matplotlib's (a CSS pixel is 0.75
point). Context layers take :func:`geo.contextmap.context_style`.

**Determinism**: one font, DejaVu Sans, the copy that ships inside matplotlib (named by its
file, so a system copy of another version is never picked); SVG text kept as text
(``svg.fonttype: none``) and its ids salted with a fixed string (``svg.hashsalt``); no
creation dates in SVG, PDF or PNG metadata; layout in points, the same for every format and
pixel density (text is measured and drawn unhinted, so a line is as wide in a 1x PNG as in
the SVG). The same layers and options give the same bytes.

**Untrusted text** (names, titles, file names) is drawn as plain text: mathtext and TeX are
off (``parse_math=False``, ``usetex=False``), so ``$...$`` stays as typed; matplotlib escapes
it in SVG (``<`` as ``&lt;``), and the SVG holds no script. Characters DejaVu Sans lacks
(Chinese, for one) are reported: PNG and PDF show them as boxes, SVG viewers use their own
fonts.
"""

from __future__ import annotations

import functools
import io
import math
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Circle, FancyBboxPatch, PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Affine2D, IdentityTransform
from shapely.geometry.polygon import orient

from geo import __version__
from geo.context import ContextLayer
from geo.figure.labels import Anchor, Box, LabelRequest, place_labels
from geo.figure.marks import (
    ContextMarks,
    Mark,
    SegmentLines,
    catalogue_marks,
    context_marks,
    entity_positions,
    project_context,
    project_marks,
)
from geo.figure.options import DEFAULT_TITLE, FigureOptions
from geo.figure.projection import (
    Extent,
    MapProjection,
    View,
    choose_projection,
    extent_of_view,
    geodesic_densify,
    globe_outline,
    graticule,
    lat_text,
    project_lines,
    project_polygons,
    scale_bar,
    view_around,
    view_of,
)
from geo.figure.text import (
    PX,
    alt_text,
    counts_of,
    counts_text,
    credits_line,
    font,
    label_lines,
    missing_glyphs,
    source_line,
    text_width,
    wrap,
)
from geo.names import DRAW_ORDER
from geo.webmap import styles
from geo.webmap.offline import countries

MARGIN_PX = 24.0
TITLE_PX = 22.0
SUBTITLE_PX = 14.0
LEGEND_PX = 12.0
LABEL_PX = 11.0
NOTES_PX = 12.0
SMALL_PX = 10.5
#: Line height as a multiple of the font size.
LEADING = 1.3

#: matplotlib settings of every figure (see the module docstring).
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "geo-figure",
    "svg.image_inline": True,
    "pdf.fonttype": 42,
    "pdf.compression": 6,
    "text.usetex": False,
    "text.parse_math": False,
    "text.hinting": "no_hinting",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "lines.scale_dashes": False,
    "path.simplify": True,
    "savefig.bbox": None,
    "savefig.pad_inches": 0.0,
}


@dataclass(frozen=True)
class Theme:
    """The colours of a figure that do not come from the style table (CSS colours)."""

    paper: str
    ocean: str
    land: str
    border: str
    graticule: str
    text: str
    muted: str
    frame: str
    halo: str
    extent: str


THEMES: dict[str, Theme] = {
    "light": Theme(paper="#ffffff", ocean="#dce6ee", land="#f6f4f0", border="#aeb7c2",
                   graticule="#c8d4de", text="#1f2933", muted="#52606d", frame="#9aa5b1",
                   halo="#ffffff", extent="#d62828"),
    "dark": Theme(paper="#12161b", ocean="#1a2430", land="#2c3541", border="#4d5968",
                  graticule="#243142", text="#eef2f6", muted="#a9b3bf", frame="#4d5968",
                  halo="#12161b", extent="#ff6b6b"),
    "print": Theme(paper="#ffffff", ocean="#ffffff", land="#e6e6e6", border="#8c8c8c",
                   graticule="#dadada", text="#000000", muted="#333333", frame="#555555",
                   halo="#ffffff", extent="#c00000"),
}

#: Drawing order (z) of each layer's marks, bottom first, as the web map's panes.
_Z = {"context": 3.0, **{name: 4.0 + i for i, name in enumerate(DRAW_ORDER)}, "pins": 9.0}
#: Label priority: entities the figure is framed on, then corridors and routes, then the
#: facilities, head offices, PoPs, and places last (cities and countries: orientation).
_SITE_PRIORITY = {"pop": 5, "city": 6, "country": 6, "headquarters": 6}


@dataclass(frozen=True)
class RenderedFigure:
    """A rendered figure: ``data`` (the file's bytes), its ``format``, its size in CSS
    pixels (a 2x PNG has twice as many pixels), the ``alt_text`` paragraph, the entities it
    shows per layer (``counts``), the ``labels`` drawn (entity ids), the ``projection`` in
    words, and ``warnings`` (one line each)."""

    data: bytes
    format: str
    width_px: int
    height_px: int
    scale: int
    alt_text: str
    counts: dict[str, int]
    labels: list[str]
    projection: str
    warnings: list[str] = field(default_factory=list)

    @property
    def pixel_size(self) -> tuple[int, int]:
        """``(width, height)`` in image pixels (PNG: CSS pixels × scale)."""
        return self.width_px * self.scale, self.height_px * self.scale


_GID = re.compile(r"[^A-Za-z0-9._-]")


def gid(*parts: str) -> str:
    """An SVG id from ``parts`` joined by ``.`` (``sites.eadc-nairobi.draft``; characters
    other than letters, digits, ``._-`` replaced by ``_``). Catalogue ids are kebab-case, so
    they never hold a ``.``: ids made of different parts never collide."""
    return ".".join(_GID.sub("_", part) for part in parts)


# --------------------------------------------------------------------------- styles


def _dash(dash: str | None) -> Any:
    """An SVG dash array in CSS pixels as a matplotlib line style in points."""
    if not dash:
        return "solid"
    return (0.0, tuple(float(v) * PX for v in dash.replace(",", " ").split()))


def line_style(opts: Mapping[str, Any]) -> dict[str, Any]:
    """matplotlib keyword arguments of a stroked path from Leaflet path options
    (:func:`geo.webmap.styles.path_options`)."""
    return {
        "edgecolor": to_rgba(opts["color"], float(opts.get("opacity", 1.0))),
        "linewidth": float(opts["weight"]) * PX,
        "linestyle": _dash(opts.get("dashArray")),
        "capstyle": {"round": "round", "butt": "butt", "square": "projecting"}[
            opts.get("lineCap", "round")],
        "joinstyle": {"round": "round", "miter": "miter", "bevel": "bevel"}[
            opts.get("lineJoin", "round")],
        "facecolor": "none",
        "fill": False,
    }


def point_style(opts: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`scatter` keyword arguments of a circle marker from Leaflet path options."""
    return {
        "s": (2.0 * float(opts["radius"]) * PX) ** 2,
        "facecolors": [to_rgba(opts.get("fillColor", opts["color"]),
                               float(opts.get("fillOpacity", 0.0)))],
        "edgecolors": [to_rgba(opts["color"], float(opts.get("opacity", 1.0)))],
        "linewidths": float(opts["weight"]) * PX,
        "linestyles": [_dash(opts.get("dashArray"))],
    }


def pin_paths(radius_px: float) -> tuple[np.ndarray, np.ndarray]:
    """The map pin of :func:`geo.webmap.styles.pin_html` as two outlines in points, the tip
    at (0, 0), y up: the pin, and the white dot in its head."""
    r = (radius_px - 1.0) * PX
    height = (3.0 * radius_px - 0.5) * PX
    cy = height - r
    start, end = math.atan2(-0.6, -0.8), math.atan2(-0.6, 0.8)
    angles = np.linspace(start, end - 2.0 * math.pi, 41)
    head = np.column_stack([r * np.cos(angles), cy + r * np.sin(angles)])
    pin = np.vstack([[0.0, 0.0], head, [0.0, 0.0]])
    dot_angles = np.linspace(0.0, 2.0 * math.pi, 25)
    dot = np.column_stack([0.38 * r * np.cos(dot_angles), cy - PX + 0.38 * r * np.sin(dot_angles)])
    return pin, dot


def _marker_path(marker: str | MplPath) -> MplPath:
    """A marker's outline as scatter draws it (scaled to fit ±0.5, then by its size)."""
    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


def scatter(ax: Any, xs: Any, ys: Any, s: float, marker: str | MplPath = "o",
            **kwargs: Any) -> PathCollection:
    """Markers at ``xs, ys`` (data units) of area ``s`` points² — what ``ax.scatter`` draws,
    built directly (no colour mapping, no masked arrays: a tenth of the time per call)."""
    path = _marker_path(marker)
    offsets = np.column_stack([np.atleast_1d(np.asarray(xs, dtype=float)),
                               np.atleast_1d(np.asarray(ys, dtype=float))])
    collection = PathCollection((path,), sizes=[s], offsets=offsets,
                                offset_transform=ax.transData, **kwargs)
    collection.set_transform(IdentityTransform())
    ax.add_collection(collection, autolim=False)
    return collection


def _marker(outline: np.ndarray) -> tuple[MplPath, float]:
    """A scatter marker drawing ``outline`` (points, anchored at (0, 0)) at its true size:
    matplotlib scales a marker path to fit ±0.5, then by the marker size."""
    extent = float(np.abs(outline).max())
    return MplPath(outline / (2.0 * extent), closed=True), (2.0 * extent) ** 2


# --------------------------------------------------------------------------- geometry


def _polygons(geom: Any) -> list[shapely.Polygon]:
    if geom is None or geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in _polygons(g)]
    return []


def polygon_path(geoms: Sequence[Any]) -> MplPath | None:
    """One compound path of every polygon in ``geoms`` (exteriors counter-clockwise,
    holes clockwise); ``None`` when there is none."""
    verts, codes = [], []
    for geom in geoms:
        for poly in _polygons(geom):
            poly = orient(poly, 1.0)
            for ring in (poly.exterior, *poly.interiors):
                coords = np.asarray(ring.coords)[:, :2]
                if len(coords) < 4:
                    continue
                verts.append(coords)
                codes.append(np.full(len(coords), MplPath.LINETO, dtype=np.uint8))
                codes[-1][0] = MplPath.MOVETO
                codes[-1][-1] = MplPath.CLOSEPOLY
    if not verts:
        return None
    return MplPath(np.concatenate(verts), np.concatenate(codes))


def lines_path(lines: Sequence[np.ndarray]) -> MplPath | None:
    """One compound path of ``lines`` (``(n, 2)`` arrays), or ``None`` when there is none."""
    lines = [ln for ln in lines if len(ln) >= 2]
    if not lines:
        return None
    codes = []
    for ln in lines:
        c = np.full(len(ln), MplPath.LINETO, dtype=np.uint8)
        c[0] = MplPath.MOVETO
        codes.append(c)
    return MplPath(np.concatenate(lines), np.concatenate(codes))


@functools.lru_cache(maxsize=1)
def _country_shapes() -> np.ndarray:
    return np.asarray([shapely.geometry.shape(f["geometry"]) for f in countries()["features"]],
                      dtype=object)


# --------------------------------------------------------------------------- legend


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
                                   colour=_context_style(ctx.index).colour,
                                   geometry_type=ctx.layer.geometry_type))
    return entries


# --------------------------------------------------------------------------- the figure


class _Canvas:
    """The figure, its point transform, and helpers that draw in figure points."""

    def __init__(self, width_pt: float, height_pt: float, theme: Theme):
        self.fig = Figure(figsize=(width_pt / 72.0, height_pt / 72.0), dpi=72,
                          facecolor=theme.paper)
        FigureCanvasAgg(self.fig)
        self.pt = Affine2D().scale(1.0 / 72.0) + self.fig.dpi_scale_trans
        self.theme = theme

    def text(self, x: float, y: float, s: str, fp: FontProperties, colour: str,
             ident: str, ha: str = "left", zorder: float = 20.0) -> None:
        self.fig.text(x, y, s, transform=self.pt, fontproperties=fp, color=colour, ha=ha,
                      va="baseline", parse_math=False, usetex=False, gid=ident,
                      zorder=zorder)

    def lines(self, top: float, x: float, lines: Sequence[str], fp: FontProperties,
              colour: str, ident: str) -> float:
        """Draw ``lines`` from ``top`` down; return the y below them."""
        size = fp.get_size_in_points()
        y = top
        for n, line in enumerate(lines):
            self.text(x, y - size * 0.95, line, fp, colour, ident if n == 0 else f"{ident}.{n + 1}")
            y -= size * LEADING
        return y

    def artist(self, artist: Any) -> Any:
        artist.set_transform(self.pt)
        self.fig.add_artist(artist)
        return artist


def _title_texts(opts: FigureOptions, counts: Mapping[str, int]) -> tuple[str, str]:
    title = opts.title if opts.title is not None else DEFAULT_TITLE
    subtitle = opts.subtitle if opts.subtitle is not None else counts_text(counts)
    return title, subtitle


def _frame(layers: Mapping[str, gpd.GeoDataFrame], marks: Sequence[Mark],
           opts: FigureOptions) -> tuple[Extent, MapProjection, View]:
    """Extent, projection and view: of the bounding box asked for; else round the entities
    named, or everything drawn (their projected positions, lines along their geodesics);
    the whole world when nothing is."""
    if opts.bbox is not None:
        extent = Extent.from_bbox(*opts.bbox)
        projection = choose_projection(extent)
        return extent, projection, view_of(projection, extent)
    parts = (entity_positions(layers, opts.extent_ids) if opts.extent_ids
             else [p for m in marks for p in m.parts()])
    if not parts:
        extent = Extent(-180.0, -90.0, 180.0, 90.0)
        projection = choose_projection(extent)
        return extent, projection, view_of(projection, extent)
    pos = np.concatenate(parts)
    extent = Extent.covering(pos[:, 0], pos[:, 1]).padded()
    projection = choose_projection(extent)
    # lines along their geodesics, which bow away from the straight line between vertices
    pos = np.concatenate([geodesic_densify(p, 100_000.0) if len(p) > 1 else p for p in parts])
    view = view_around(projection, pos)
    return extent_of_view(projection, view), projection, view


def _legend_layout(entries: Sequence[LegendEntry], width: float
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


def _swatch(canvas: _Canvas, entry: LegendEntry, x: float, y: float) -> None:
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
                             linestyle=_dash("2 2"), gid=ident))
        (x0, y0), (x1, _y1) = p(12, 6), p(22, 6)
        canvas.artist(Line2D([x0, x1], [y0, y0], color=c, alpha=style.opacity,
                             linewidth=6.0 * PX, linestyle=_dash("4 2"),
                             solid_capstyle="butt", dash_capstyle="butt", gid=gid(ident, "line")))
    else:  # lines and the dashed-status sample
        (x0, y0), (x1, _y1) = p(1, 6), p(21, 6)
        canvas.artist(Line2D([x0, x1], [y0, y0], color=c, alpha=style.opacity,
                             linewidth=min(style.weight, 3.5) * PX,
                             linestyle=_dash(style.dash), dash_capstyle="butt",
                             solid_capstyle="butt", gid=ident))


def render_figure(layers: Mapping[str, gpd.GeoDataFrame], options: FigureOptions, *,
                  segment_lines: SegmentLines | None = None,
                  context: Sequence[ContextLayer] = ()) -> RenderedFigure:
    """The figure of ``layers`` (``{layer name: GeoDataFrame}`` in EPSG:4326, as
    :func:`geo.layers.build_layers` returns them; every layer, even those not shown, so that
    ``options.extent_ids`` can name any entity) and ``context`` layers.

    ``segment_lines`` (route id -> ``[(medium, [(lon, lat), ...]), ...]``) draws routes
    segment by segment in each segment's medium, as the web map does.

    Raises :class:`~geo.errors.InputError` for bad options or an extent id that is unknown
    or has no place on the map.
    """
    opts = options.checked()
    with matplotlib.rc_context(RC):
        return _render(layers, opts, segment_lines, context)


def _render(layers: Mapping[str, gpd.GeoDataFrame], opts: FigureOptions,
            segment_lines: SegmentLines | None, context: Sequence[ContextLayer]
            ) -> RenderedFigure:
    theme = THEMES[opts.theme]
    marks, _unplaced = catalogue_marks(layers, opts.layers or (), segment_lines)
    extent, projection, view = _frame(layers, marks, opts)

    width_px = opts.width_px
    margin = MARGIN_PX * PX
    width_pt = width_px * PX
    map_w = width_pt - 2.0 * margin
    map_h_px = max(1, round(map_w / view.aspect / PX))
    map_h = map_h_px * PX
    # the view's height to the map's whole number of pixels (a change of under one pixel)
    height_m = view.width * map_h / map_w
    mid_y = (view.y0 + view.y1) / 2.0
    view = View(view.x0, mid_y - height_m / 2.0, view.x1, mid_y + height_m / 2.0)

    project_marks(marks, projection, view)
    visible = [m for m in marks if m.visible]
    ctx_all = [context_marks(i, layer) for i, layer in enumerate(context)]
    for ctx in ctx_all:
        project_context(ctx, projection, extent, view)
    shown_context = [c for c in ctx_all if c.shown]

    counts = counts_of(visible)
    title, subtitle = _title_texts(opts, counts)
    entries = legend_entries(visible, shown_context)
    sources = source_line(visible)
    credits = credits_line(projection, shown_context)

    # ---- layout, top down, in points
    text_w = width_pt - 2.0 * margin
    title_fp, sub_fp = font(TITLE_PX, bold=True), font(SUBTITLE_PX)
    title_lines = wrap(title, title_fp, text_w) if title.strip() else []
    subtitle_lines = wrap(subtitle, sub_fp, text_w) if subtitle.strip() else []
    header_h = (len(title_lines) * TITLE_PX + len(subtitle_lines) * SUBTITLE_PX) * PX * LEADING
    cols, col_widths = _legend_layout(entries, text_w)
    row_h = 18.0 * PX
    legend_h = max((len(c) for c in cols), default=0) * row_h
    notes_fp, small_fp = font(NOTES_PX), font(SMALL_PX)
    footer: list[tuple[str, list[str], FontProperties, str]] = []
    if opts.notes and opts.notes.strip():
        footer.append(("notes", wrap(opts.notes, notes_fp, text_w), notes_fp, theme.text))
    if sources:
        footer.append(("sources", wrap(sources, small_fp, text_w), small_fp, theme.muted))
    footer.append(("credits", wrap(credits, small_fp, text_w), small_fp, theme.muted))
    gap = 12.0 * PX
    footer_h = sum(len(lines) * fp.get_size_in_points() * LEADING + 4.0 * PX
                   for _i, lines, fp, _c in footer)
    height_px = math.ceil((2.0 * margin + header_h + (gap if header_h else 0.0) + map_h + gap
                           + (legend_h + gap if legend_h else 0.0) + footer_h) / PX)
    height_pt = height_px * PX

    canvas = _Canvas(width_pt, height_pt, theme)
    fig = canvas.fig
    top = height_pt - margin
    top = canvas.lines(top, margin, title_lines, title_fp, theme.text, "title")
    top = canvas.lines(top, margin, subtitle_lines, sub_fp, theme.muted, "subtitle")
    if header_h:
        top -= gap
    map_box = Box(margin, top - map_h, margin + map_w, top)
    scale_k = map_w / view.width  # points per projected metre

    def to_pt(x: float, y: float) -> tuple[float, float]:
        return map_box.x0 + (x - view.x0) * scale_k, map_box.y0 + (y - view.y0) * scale_k

    ax = fig.add_axes((map_box.x0 / width_pt, map_box.y0 / height_pt, map_w / width_pt,
                       map_h / height_pt))
    ax.set_xlim(view.x0, view.x1)
    ax.set_ylim(view.y0, view.y1)
    ax.set_axis_off()
    ax.set_gid("map")
    _draw_base(ax, projection, extent, view, theme)
    _draw_context(ax, shown_context)
    point_boxes = _draw_marks(ax, marks, to_pt)
    if not projection.is_world:  # a world map is framed by the edge of the world
        canvas.artist(Rectangle((map_box.x0, map_box.y0), map_w, map_h, fill=False,
                                edgecolor=theme.frame, linewidth=PX, gid="map-frame",
                                zorder=30))

    # ---- panels over the map: locator inset, scale bar
    panels: list[Box] = []
    occupied = _occupancy(visible, to_pt)
    locator = opts.locator if opts.locator is not None else not (
        projection.is_world or extent.lon_span > 90.0 or extent.lat_span > 60.0)
    inset_corner = None
    if locator:
        inset_corner, inset_box = _place_inset(map_box, occupied)
        _draw_inset(canvas, inset_box, projection, view, theme)
        panels.append(inset_box)
    bar = scale_bar(projection, view)
    panels.append(_draw_scale_bar(canvas, map_box, bar, scale_k, occupied, inset_corner, theme))

    # ---- labels
    labelled = _draw_labels(canvas, visible, to_pt, map_box, panels, point_boxes,
                            set(opts.extent_ids), theme)

    # ---- legend and footer
    if entries:
        legend_top = map_box.y0 - gap
        fp = font(LEGEND_PX)
        x = margin
        for col, col_w in zip(cols, col_widths, strict=True):
            for row, i in enumerate(col):
                y = legend_top - (row + 0.5) * row_h
                _swatch(canvas, entries[i], x, y)
                canvas.text(x + 28.0 * PX, y - fp.get_size_in_points() * 0.36, entries[i].label,
                            fp, theme.text, gid("legend", entries[i].key))
            x += col_w + 18.0 * PX
        top = legend_top - legend_h - gap
    else:
        top = map_box.y0 - gap
    for ident, lines, fp, colour in footer:
        top = canvas.lines(top, margin, lines, fp, colour, ident) - 4.0 * PX

    alt = alt_text(title or DEFAULT_TITLE, visible, projection, shown_context, labelled,
                   opts.notes, sources)
    texts = [title, subtitle, opts.notes or "", sources, credits,
             *(e.label for e in entries), *(m.name for m in labelled)]
    warnings_out = []
    missing = missing_glyphs(texts)
    if missing:
        shown = "".join(missing[:20]) + ("…" if len(missing) > 20 else "")
        many = len(missing) != 1
        warnings_out.append(f"{len(missing)} character{'s' if many else ''} "
                            f"{'have' if many else 'has'} no glyph in DejaVu Sans ({shown}): "
                            "PNG and PDF show boxes; SVG viewers use their own fonts")
    data = _save(fig, opts.format, opts.scale, theme, title or DEFAULT_TITLE, alt)
    return RenderedFigure(data=data, format=opts.format, width_px=width_px,
                          height_px=height_px, scale=opts.scale if opts.format == "png" else 1,
                          alt_text=alt, counts=counts, labels=[m.id for m in labelled],
                          projection=projection.description, warnings=warnings_out)


def _draw_base(ax: Any, projection: MapProjection, extent: Extent, view: View,
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
    land = polygon_path(project_polygons(_country_shapes(), projection, extent, view))
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


def _context_style(index: int) -> Any:
    """The web map's style of the ``index``-th context layer
    (:func:`geo.contextmap.context_style`; that module loads folium, so only figures with
    context layers pay for it)."""
    from geo.contextmap import context_style

    return context_style(index)


def _draw_context(ax: Any, shown_context: Sequence[ContextMarks]) -> None:
    """Context layers under the catalogue, in their muted colours (one path per kind)."""
    for ctx in shown_context:
        style = _context_style(ctx.index)
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


def _draw_marks(ax: Any, marks: Sequence[Mark], to_pt: Any) -> list[tuple[str, Box]]:
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
                       linewidths=halo["weight"] * PX, linestyles=[_dash(halo["dashArray"])],
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
            marker, size = _marker(pin)
            scatter(ax, x, y, size, marker=marker, facecolors=[style.color],
                       edgecolors="#ffffff", linewidths=style.weight * PX, zorder=z, gid=ident)
            marker, size = _marker(dot)
            scatter(ax, x, y, size, marker=marker, facecolors=["#ffffff"],
                       edgecolors="none", linewidths=0.0, zorder=z + 0.00001,
                       gid=gid(ident, "dot"))
            w = style.radius * PX
            boxes.append((mark.id, Box(px - w, py, px + w, py + 3.0 * style.radius * PX)))
    return boxes


def _occupancy(visible: Sequence[Mark], to_pt: Any) -> np.ndarray:
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


def _place_inset(map_box: Box, occupied: np.ndarray) -> tuple[str, Box]:
    """The locator inset's corner (the one covering the fewest drawn positions) and box."""
    map_w = map_box.x1 - map_box.x0
    width = min(max(0.2 * map_w, 110.0 * PX), 240.0 * PX)
    height = width / 2.05
    best = min(_CORNERS, key=lambda c: (_count_in(occupied, _corner_box(map_box, c, width,
                                                                         height)),
                                        _CORNERS.index(c)))
    return best, _corner_box(map_box, best, width, height)


def _draw_inset(canvas: _Canvas, box: Box, projection: MapProjection, view: View,
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
    shapes = shapely.simplify(np.asarray(project_polygons(_country_shapes(), world,
                                                          world_extent, world_view)),
                              0.5 * pixel_m)
    land = polygon_path([g for g in shapes if shapely.area(g) > 4.0 * pixel_m ** 2])
    if land is not None:
        ax.add_artist(PathPatch(land, facecolor=theme.land, edgecolor="none", zorder=1,
                                gid="locator-land"))
    # the main map's rectangle, back to lon/lat along its edges, then into the world map
    n = 60
    xs = np.concatenate([np.linspace(view.x0, view.x1, n), np.full(n, view.x1),
                         np.linspace(view.x1, view.x0, n), np.full(n, view.x0)])
    ys = np.concatenate([np.full(n, view.y0), np.linspace(view.y0, view.y1, n),
                         np.full(n, view.y1), np.linspace(view.y1, view.y0, n)])
    lon, lat = projection.inverse(xs, ys)
    ok = np.isfinite(lon) & np.isfinite(lat)
    ring = np.column_stack([lon[ok], lat[ok]])
    if len(ring) >= 2:
        from geo.lines import unwrap_lon

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


def _draw_scale_bar(canvas: _Canvas, map_box: Box, bar: Any, scale_k: float,
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


def _label_priority(mark: Mark, focus: set[str]) -> int:
    if mark.id in focus:
        return 0
    if mark.layer == "corridors":
        return 1
    if mark.layer == "routes":
        return 2
    if mark.layer == "sites":
        return _SITE_PRIORITY.get(mark.kind or "", 3)
    if mark.layer == "organisations":
        return 4
    return 99  # agreements: their arcs speak through the legend


def _line_anchors(mark: Mark, to_pt: Any) -> tuple[Anchor, ...]:
    """Points along the longest drawn part of a line mark (figure points), middle first."""
    parts = [np.asarray([to_pt(x, y) for x, y in part]) for _k, ps in mark.xy_pieces
             for part in ps]
    if not parts:
        return ()
    lengths = [float(np.hypot(*np.diff(p, axis=0).T).sum()) for p in parts]
    part = parts[int(np.argmax(lengths))]
    steps = np.hypot(*np.diff(part, axis=0).T)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    total = along[-1]
    anchors = []
    for fraction in (0.5, 0.38, 0.62, 0.25, 0.75, 0.12, 0.88):
        d = fraction * total
        i = int(np.clip(np.searchsorted(along, d) - 1, 0, len(part) - 2))
        t = 0.0 if steps[i] == 0 else (d - along[i]) / steps[i]
        x, y = part[i] + t * (part[i + 1] - part[i])
        anchors.append(Anchor(float(x), float(y), line=True))
    return tuple(anchors)


def _draw_labels(canvas: _Canvas, visible: Sequence[Mark], to_pt: Any, map_box: Box,
                 panels: Sequence[Box], point_boxes: Sequence[tuple[str, Box]],
                 focus: set[str], theme: Theme) -> list[Mark]:
    """Place and draw the labels; return the marks labelled, in priority order."""
    fp = font(LABEL_PX)
    size = fp.get_size_in_points()
    pad = 2.0 * PX
    candidates = sorted((m for m in visible if _label_priority(m, focus) < 99),
                        key=lambda m: _label_priority(m, focus))
    requests, by_key, texts = [], {}, {}
    for mark in candidates:
        lines = label_lines(mark.name)
        width = max(text_width(line, fp) for line in lines) + 2.0 * pad
        height = len(lines) * size * 1.2 + 2.0 * pad
        beside: frozenset[str] = frozenset()
        if mark.xy is not None:
            x, y = to_pt(*mark.xy)
            # the markers drawn here: this one and those of entities at the same place
            here = [(key, box) for key, box in point_boxes
                    if abs((box.x0 + box.x1) / 2.0 - x) < 1.0 and box.y0 - 1.0 <= y <= box.y1]
            radius = max(((b.x1 - b.x0) / 2.0 for _k, b in here), default=3.0)
            beside = frozenset(key for key, _b in here)
            anchors: tuple[Anchor, ...] = (Anchor(x, y, radius),)
        else:
            anchors = _line_anchors(mark, to_pt)
        if not anchors:
            continue
        requests.append(LabelRequest(mark.id, width, height, anchors, beside))
        by_key[mark.id] = mark
        texts[mark.id] = lines
    placed, _left_out = place_labels(requests, map_box, panels, point_boxes)
    for item in placed:
        box = item.box
        anchor_x = item.request.anchors[0].x
        canvas.artist(FancyBboxPatch((box.x0, box.y0), box.x1 - box.x0, box.y1 - box.y0,
                                     boxstyle=f"round,pad=0,rounding_size={2.0 * PX}",
                                     facecolor=to_rgba(theme.halo, 0.78), edgecolor="none",
                                     zorder=21, gid=gid("label-box", item.request.key)))
        lines = texts[item.request.key]
        if box.x1 <= anchor_x + 0.01:
            ha, x = "right", box.x1 - pad
        elif box.x0 >= anchor_x - 0.01:
            ha, x = "left", box.x0 + pad
        else:
            ha, x = "center", (box.x0 + box.x1) / 2.0
        y = box.y1 - pad
        for n, line in enumerate(lines):
            canvas.text(x, y - size * 0.95, line, fp, theme.text,
                        gid("label", item.request.key, *([str(n + 1)] if n else [])), ha=ha,
                        zorder=22)
            y -= size * 1.2
    return [by_key[p.request.key] for p in placed]


def _save(fig: Figure, fmt: str, scale: int, theme: Theme, title: str, alt: str) -> bytes:
    """The figure's bytes, without dates or versions of anything but geo."""
    creator = f"geo {__version__}"
    metadata: dict[str, Any]
    if fmt == "svg":
        metadata = {"Title": title, "Creator": creator, "Date": None, "Description": alt}
    elif fmt == "pdf":
        metadata = {"Title": title, "Subject": alt, "Creator": creator, "Producer": creator,
                    "CreationDate": None, "ModDate": None}
    else:
        metadata = {"Title": title, "Description": alt, "Software": creator}
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(buf, format=fmt, dpi=96 * scale if fmt == "png" else 72,
                    facecolor=theme.paper, metadata=metadata)
    data = buf.getvalue()
    if fmt == "svg":
        data = _svg_title(data, title, alt)
    return data


_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def _svg_title(data: bytes, title: str, alt: str) -> bytes:
    """The SVG with ``<title>`` and ``<desc>`` (escaped) as the root's first children and
    ``role="img"``, which screen readers announce."""
    match = _SVG_OPEN.search(data)
    if match is None:  # pragma: no cover - matplotlib always writes one
        return data
    head = match.group(0)
    if b" role=" not in head:
        head = head[:-1] + b' role="img">'
    inserted = (f"\n <title>{xml_escape(title)}</title>\n <desc>{xml_escape(alt)}</desc>"
                ).encode()
    return data[:match.start()] + head + inserted + data[match.end():]
