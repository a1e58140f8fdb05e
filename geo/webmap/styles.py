"""The map's one style table: every colour, width and dash the map draws, and its legend.

The legend is drawn from :data:`STYLES` and every builder looks its style up here, so the
legend cannot disagree with the map. A style marked ``when_drawn`` has its legend row only
on a map that draws it (the kinds a shipped catalogue does not hold, drafted entries...).
Widths are CSS pixels; opacities 0..1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from geo.schema import ORGANISATION_KINDS, SITE_KINDS

Shape = Literal["line", "band", "arc", "circle", "pin", "diamond", "modifier", "draft"]

#: statuses drawn dashed (lines) or with a dashed outline (points)
DASHED_STATUSES = frozenset({"planned", "proposed", "under-construction"})
#: the dash pattern of planned and proposed things (SVG stroke-dasharray, pixels)
DASH = "7 6"
#: the dash pattern of the rim of planned and proposed points
POINT_DASH = "3 2"
#: the colour of unreviewed drafted entries (a dashed halo round points, a dash along lines)
DRAFT_COLOR = "#c026d3"
#: the dash pattern of the halo along drafted lines, and of the halo round drafted points
DRAFT_DASH = "8 5"
DRAFT_HALO_DASH = "3 3"


#: Muted colours for context layers, so they sit under the catalogue's own colours.
CONTEXT_COLOURS = ("#7a8796", "#9a8478", "#7f9481", "#8c7f9a", "#9a9278")


@dataclass(frozen=True)
class ContextStyle:
    """How a context layer is drawn (colours as CSS hex, widths and radii in pixels)."""

    colour: str = CONTEXT_COLOURS[0]
    line_weight_px: float = 1.5
    line_opacity: float = 0.7
    fill_opacity: float = 0.08
    point_radius_px: float = 3.0
    point_opacity: float = 0.8


def context_style(index: int) -> ContextStyle:
    """The default style of the ``index``-th context layer (colours cycle)."""
    return ContextStyle(colour=CONTEXT_COLOURS[index % len(CONTEXT_COLOURS)])


@dataclass(frozen=True)
class Style:
    """How one kind of feature is drawn, and how the legend names it."""

    key: str
    layer: str
    label: str
    shape: Shape
    color: str
    weight: float = 3.0
    opacity: float = 1.0
    fill_opacity: float = 0.0
    radius: float = 0.0
    dash: str | None = None
    #: shown in the legend only when the map draws it
    when_drawn: bool = False


#: Every style of the map, in legend order (grouped by layer).
STYLES: tuple[Style, ...] = (
    Style("site.data-centre", "sites", "Data centre", "circle", "#0f8b8d",
          weight=2, fill_opacity=0.85, radius=7),
    Style("site.pop", "sites", "Point of presence (PoP)", "circle", "#e4572e",
          weight=1.5, fill_opacity=0.95, radius=3.2),
    Style("site.cable-landing", "sites", "Cable landing", "circle", "#1d5fa8",
          weight=2, fill_opacity=0.85, radius=6),
    Style("site.node", "sites", "Backbone node", "circle", "#b5522f",
          weight=2, fill_opacity=0.85, radius=5),
    Style("site.project", "sites", "Project", "circle", "#4d8b31",
          weight=2, fill_opacity=0.85, radius=6),
    Style("site.exchange", "sites", "Exchange (central office)", "circle", "#6b8e23",
          weight=2, fill_opacity=0.85, radius=5, when_drawn=True),
    Style("site.ixp", "sites", "Internet exchange point (IXP)", "circle", "#d4a017",
          weight=2, fill_opacity=0.9, radius=5.5, when_drawn=True),
    Style("site.facility", "sites", "Facility (named building or park)", "circle", "#7b5e57",
          weight=2, fill_opacity=0.85, radius=6, when_drawn=True),
    Style("site.event-venue", "sites", "Event venue", "circle", "#c2185b",
          weight=2, fill_opacity=0.85, radius=5),
    Style("site.place", "sites", "City or country (head office, waypoint)", "circle", "#5b6472",
          weight=1.5, fill_opacity=0.6, radius=3.5),
    Style("route.submarine", "routes", "Submarine segment", "line", "#1d5fa8", weight=3.5),
    Style("route.terrestrial", "routes", "Terrestrial segment", "line", "#b5522f", weight=3.5),
    Style("route.unspecified", "routes", "Segment, medium not stated", "line", "#8a7fb8",
          weight=3.5),
    Style("corridor", "corridors", "Corridor (chain of routes)", "band", "#f0a202",
          weight=16, opacity=0.28),
    Style("organisation.operator", "organisations", "Operator (at its head office)", "diamond",
          "#263447", weight=1.5, fill_opacity=0.9, radius=6),
    Style("organisation.vendor", "organisations", "Vendor", "diamond", "#a16207",
          weight=1.5, fill_opacity=0.9, radius=6),
    Style("organisation.holding", "organisations", "Holding", "diamond", "#6d28d9",
          weight=1.5, fill_opacity=0.9, radius=6),
    Style("organisation.other", "organisations", "Other organisation", "diamond", "#7c8594",
          weight=1.5, fill_opacity=0.9, radius=6),
    Style("organisation.unspecified", "organisations", "Organisation, kind not stated",
          "diamond", "#aab4c0", weight=1.5, fill_opacity=0.9, radius=6, when_drawn=True),
    Style("agreement", "agreements", "Agreement (arc between the parties)", "arc", "#8e44ad",
          weight=1.6, opacity=0.85),
    Style("agreement.venue", "agreements", "Agreement at its venue (head offices not known)",
          "pin", "#8e44ad", weight=1.5, fill_opacity=1.0, radius=7, when_drawn=True),
    Style("status.planned", "*", "Planned or proposed (dashed)", "modifier", "#444444",
          weight=2.5, dash=DASH),
    Style("status.under-construction", "*", "Under construction (dashed)", "modifier",
          "#444444", weight=2.5, dash=DASH, when_drawn=True),
    Style("draft", "*", "Unreviewed draft", "draft", DRAFT_COLOR, weight=9, opacity=0.45,
          dash=DRAFT_DASH, when_drawn=True),
)

BY_KEY: dict[str, Style] = {s.key: s for s in STYLES}

#: site kind (schema) -> style key
SITE_STYLE = {
    "data-centre": "site.data-centre",
    "pop": "site.pop",
    "cable-landing": "site.cable-landing",
    "node": "site.node",
    "project": "site.project",
    "exchange": "site.exchange",
    "ixp": "site.ixp",
    "facility": "site.facility",
    "event-venue": "site.event-venue",
    "city": "site.place",
    "country": "site.place",
    "headquarters": "site.place",
}
assert set(SITE_STYLE) == set(SITE_KINDS), "every site kind needs a style"
assert {f"organisation.{k}" for k in ORGANISATION_KINDS} <= set(BY_KEY)

#: segment medium -> style key
MEDIUM_STYLE = {
    "submarine": "route.submarine",
    "terrestrial": "route.terrestrial",
    "unspecified": "route.unspecified",
}


def site_style(kind: str | None) -> Style:
    return BY_KEY[SITE_STYLE.get(kind or "", "site.place")]


def medium_style(medium: str | None) -> Style:
    return BY_KEY[MEDIUM_STYLE.get(medium or "", "route.unspecified")]


def organisation_style(kind: str | None) -> Style:
    return BY_KEY.get(f"organisation.{kind}", BY_KEY["organisation.other"])


def is_dashed(status: str | None) -> bool:
    return status in DASHED_STATUSES


#: status -> the legend row that explains how it is drawn
STATUS_STYLE = {"planned": "status.planned", "proposed": "status.planned",
                "under-construction": "status.under-construction"}


def status_style(status: str | None) -> Style | None:
    """The legend row of ``status`` (``None`` for statuses drawn plainly)."""
    key = STATUS_STYLE.get(status or "")
    return BY_KEY[key] if key else None


def draft_halo_options(style: Style) -> dict[str, Any]:
    """Leaflet path options of the dashed halo round a drafted point drawn in ``style``."""
    return {"radius": max(style.radius, 3.0) + 4.0, "weight": 2.0, "color": DRAFT_COLOR,
            "opacity": 1.0, "fill": False, "dashArray": DRAFT_HALO_DASH}


def draft_line_options(style: Style | None = None) -> dict[str, Any]:
    """Leaflet path options of the dashed halo drawn under a drafted line (``style``: the
    line's own, so that the halo is wider than it)."""
    draft = BY_KEY["draft"]
    weight = max(draft.weight, (style.weight if style else 0.0) + 6.0)
    return {"color": draft.color, "weight": weight, "opacity": draft.opacity,
            "dashArray": draft.dash, "lineCap": "butt"}


def pin_html(style: Style) -> str:
    """An inline SVG map pin in ``style``'s colour, its tip at the bottom centre
    (``2 * radius`` wide, ``3 * radius`` high, CSS pixels)."""
    w, h = 2 * style.radius, 3 * style.radius
    r = style.radius - 1
    return (f'<svg width="{w:g}" height="{h:g}" viewBox="0 0 {w:g} {h:g}" aria-hidden="true">'
            f'<path d="M{w / 2:g} {h - 0.5:g} L{w / 2 - r * 0.8:g} {r * 1.6:g} A{r:g} {r:g} 0 1 1 '
            f'{w / 2 + r * 0.8:g} {r * 1.6:g} Z" fill="{style.color}" stroke="#ffffff" '
            f'stroke-width="{style.weight:g}"/><circle cx="{w / 2:g}" cy="{r + 1:g}" '
            f'r="{r * 0.38:g}" fill="#ffffff"/></svg>')


def path_options(style: Style, status: str | None = None) -> dict[str, Any]:
    """Leaflet path options (``color``, ``weight``...) for ``style``.

    Lines of planned and proposed things are dashed; points are drawn as a filled disc with
    a white rim, or, when planned or proposed, as a pale disc with a dashed rim.
    """
    dashed = is_dashed(status)
    if style.shape == "circle":
        opts: dict[str, Any] = {"radius": style.radius, "weight": style.weight,
                                "fill": True, "fillColor": style.color}
        if dashed:
            opts.update(color=style.color, opacity=1.0, fillOpacity=0.25, dashArray=POINT_DASH)
        else:
            opts.update(color="#ffffff", opacity=0.95, fillOpacity=style.fill_opacity)
        return opts
    opts = {"color": style.color, "weight": style.weight, "opacity": style.opacity,
            "lineCap": "round", "lineJoin": "round"}
    if style.fill_opacity:
        opts.update(fill=True, fillColor=style.color, fillOpacity=style.fill_opacity)
    if style.dash or (dashed and style.shape == "line"):
        opts.update(dashArray=style.dash or DASH, lineCap="butt")
    return opts
