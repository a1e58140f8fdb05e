"""Draw a figure with matplotlib and return its bytes and its alt text.

**Layout** (top to bottom, in CSS pixels, 96 to the inch): title, subtitle, the map (its
aspect that of the projected view), the legend (only what the map shows, in columns), the
notes, the source line (the articles: publisher or title, date) and the credits (basemap,
references, context layers and their licences, projection). Inside the map: the scale bar,
the locator inset when asked (or, by default, on regional maps), and the labels, placed by
:mod:`geo.figure.labels` clear of each other, of other points and of the panels.

**Styles** come from the web map's table: :func:`geo.webmap.styles.path_options` gives the
colour, width, opacity and dash of each feature as Leaflet options, which
:func:`geo.figure.artists.line_style` and
:func:`~geo.figure.artists.point_style` turn into matplotlib's (a CSS pixel is 0.75 point).
Context layers take :func:`geo.webmap.styles.context_style`.

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

The pieces: :mod:`~geo.figure.theme` (settings, colours, text sizes),
:mod:`~geo.figure.artists` (styles, markers, paths), :mod:`~geo.figure.canvas` (drawing in
points), :mod:`~geo.figure.draw_map` (the map's body), :mod:`~geo.figure.panels` (locator
inset, scale bar), :mod:`~geo.figure.map_labels`, :mod:`~geo.figure.legend` and
:mod:`~geo.figure.save` (the bytes); this module lays them out and returns the figure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import matplotlib
import numpy as np
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle

from geo.context import ContextLayer
from geo.figure.canvas import Canvas
from geo.figure.draw_map import draw_base, draw_context, draw_marks
from geo.figure.extent import Extent
from geo.figure.labels import Box
from geo.figure.legend import ROW_PT, draw_legend, legend_entries, legend_layout
from geo.figure.map_labels import draw_labels
from geo.figure.map_projection import MapProjection, choose_projection
from geo.figure.marks import (
    Mark,
    SegmentLines,
    catalogue_marks,
    context_marks,
    entity_positions,
    project_context,
    project_marks,
)
from geo.figure.options import DEFAULT_TITLE, FigureOptions
from geo.figure.panels import draw_inset, draw_scale_bar, occupancy, place_inset
from geo.figure.reproject import geodesic_densify
from geo.figure.save import save_figure
from geo.figure.scalebar import scale_bar
from geo.figure.text import (
    PX,
    alt_text,
    counts_of,
    counts_text,
    credits_line,
    font,
    missing_glyphs,
    source_line,
    wrap,
)
from geo.figure.theme import (
    LEADING,
    MARGIN_PX,
    NOTES_PX,
    RC,
    SMALL_PX,
    SUBTITLE_PX,
    THEMES,
    TITLE_PX,
)
from geo.figure.view import View, extent_of_view, view_around, view_of


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
    cols, col_widths = legend_layout(entries, text_w)
    legend_h = max((len(c) for c in cols), default=0) * ROW_PT
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

    canvas = Canvas(width_pt, height_pt, theme)
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
    draw_base(ax, projection, extent, view, theme)
    draw_context(ax, shown_context)
    point_boxes = draw_marks(ax, marks, to_pt)
    if not projection.is_world:  # a world map is framed by the edge of the world
        canvas.artist(Rectangle((map_box.x0, map_box.y0), map_w, map_h, fill=False,
                                edgecolor=theme.frame, linewidth=PX, gid="map-frame",
                                zorder=30))

    # ---- panels over the map: locator inset, scale bar
    panels: list[Box] = []
    occupied = occupancy(visible, to_pt)
    locator = opts.locator if opts.locator is not None else not (
        projection.is_world or extent.lon_span > 90.0 or extent.lat_span > 60.0)
    inset_corner = None
    if locator:
        inset_corner, inset_box = place_inset(map_box, occupied)
        draw_inset(canvas, inset_box, projection, view, theme)
        panels.append(inset_box)
    bar = scale_bar(projection, view)
    panels.append(draw_scale_bar(canvas, map_box, bar, scale_k, occupied, inset_corner, theme))

    # ---- labels
    labelled = draw_labels(canvas, visible, to_pt, map_box, panels, point_boxes,
                            set(opts.extent_ids), theme)

    # ---- legend and footer
    if entries:
        legend_top = map_box.y0 - gap
        draw_legend(canvas, entries, cols, col_widths, margin, legend_top, theme.text)
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
    data = save_figure(fig, opts.format, opts.scale, theme, title or DEFAULT_TITLE, alt)
    return RenderedFigure(data=data, format=opts.format, width_px=width_px,
                          height_px=height_px, scale=opts.scale if opts.format == "png" else 1,
                          alt_text=alt, counts=counts, labels=[m.id for m in labelled],
                          projection=projection.description, warnings=warnings_out)

