"""One builder per catalogue layer: a GeoDataFrame in, a folium ``FeatureGroup`` out.

Each drawn entity gets a popup and tooltip (:mod:`geo.webmap.popups`), its style from the
one table (:mod:`geo.webmap.styles`), and CSS classes ``geo-f geo-l-<layer> geo-id-<id>`` so
that a page (and the browser tests) can find it. Each group also records an index entry per
entity (name, aliases, years) for the search and time controls.

Positions arrive as ``(lon, lat)`` WGS84 degrees and are turned into folium's
``[lat, lon]`` here, at folium's boundary. Lines are drawn along geodesics (points at most
:data:`DRAW_SPACING_M` metres apart), the path geo measures.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from geo.geodesy import geodesic_path
from geo.webmap import styles
from geo.webmap.elements import Bind
from geo.webmap.popups import popup_html, tooltip_html

#: Largest gap between drawn points of a line, metres (a geodesic drawn in Web Mercator).
DRAW_SPACING_M = 25_000.0

#: Width in pixels of the invisible line that catches the pointer along thin lines.
HIT_WEIGHT = 14

LAYER_LABELS = {
    "sites": "Sites",
    "routes": "Routes",
    "corridors": "Corridors",
    "organisations": "Organisations",
    "agreements": "Agreements",
}

#: route id -> [(medium, [(lon, lat), ...]), ...] in segment order
SegmentLines = Mapping[str, Sequence[tuple[str, Sequence[tuple[float, float]]]]]

_YEAR = re.compile(r"^(\d{4})")


def year_of(value: Any) -> int | None:
    """The year of an ISO 8601 date, year-month or year (``None`` when absent)."""
    if isinstance(value, str):
        m = _YEAR.match(value)
        if m:
            return int(m.group(1))
    return None


@dataclass
class IndexEntry:
    """What the search and time controls know of one drawn entity."""

    feature: Any  # the folium element standing for the entity
    layer: str
    id: str
    name: str
    aliases: list[str]
    year_from: int | None
    year_to: int | None


@dataclass
class LayerGroup:
    """A layer's folium group and the index entries of its entities."""

    name: str
    group: folium.FeatureGroup
    entries: list[IndexEntry] = field(default_factory=list)


#: Decimal places of drawn coordinates (1e-5 degree is about 1 m: finer than any line here).
DRAW_DECIMALS = 5


def _latlon(positions: Sequence[tuple[float, float]]) -> list[list[float]]:
    """folium's ``[lat, lon]`` from ``(lon, lat)``, rounded to :data:`DRAW_DECIMALS`."""
    return [[round(float(lat), DRAW_DECIMALS), round(float(lon), DRAW_DECIMALS)]
            for lon, lat in positions]


def _unwrap(positions: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Keep consecutive longitudes within 180° of each other so Leaflet draws a line that
    crosses the antimeridian the short way instead of across the whole map."""
    out: list[tuple[float, float]] = []
    for lon, lat in positions:
        if out:
            prev = out[-1][0]
            while lon - prev > 180:
                lon -= 360
            while lon - prev < -180:
                lon += 360
        out.append((lon, lat))
    return out


def geodesic_line(positions: Sequence[tuple[float, float]],
                  spacing_m: float = DRAW_SPACING_M) -> list[tuple[float, float]]:
    """``positions`` with points added along each leg's geodesic (WGS84), unwrapped."""
    out: list[tuple[float, float]] = []
    for a, b in itertools.pairwise(positions):
        leg = geodesic_path(tuple(a), tuple(b), spacing_m)
        out.extend(leg if not out else leg[1:])
    return _unwrap(out or [tuple(p) for p in positions])


def _lines(geom: BaseGeometry) -> list[list[tuple[float, float]]]:
    if geom is None or geom.is_empty:
        return []
    if geom.geom_type == "LineString":
        return [list(geom.coords)]
    if geom.geom_type == "MultiLineString":
        return [list(g.coords) for g in geom.geoms]
    raise ValueError(f"expected a line, got {geom.geom_type}")


def _classes(layer: str, entity_id: str) -> str:
    return f"geo-f geo-l-{layer} geo-id-{entity_id}"


def _entry(feature: Any, layer: str, row: Mapping[str, Any], start: str, end: str | None
           ) -> IndexEntry:
    aliases = row.get("aliases")
    return IndexEntry(
        feature=feature, layer=layer, id=str(row["id"]), name=str(row["name"]),
        aliases=[str(a) for a in aliases] if aliases is not None else [],
        year_from=year_of(row.get(start)),
        year_to=year_of(row.get(end)) if end else None,
    )


def _rows(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    cols = [c for c in frame.columns if c != frame.geometry.name]
    out = []
    for values, geom in zip(frame[cols].itertuples(index=False, name=None), frame.geometry,
                            strict=True):
        row = dict(zip(cols, values, strict=True))
        for key, value in row.items():
            if isinstance(value, float) and math.isnan(value):
                row[key] = None
        row["geometry"] = geom
        out.append(row)
    return out


def _in_pane(element: Any, pane: str) -> Any:
    """Put a folium layer in a Leaflet pane (folium's path options drop ``pane``)."""
    element.options["pane"] = pane
    return element


def _hit_line(latlon: Any, pane: str, classes: str) -> folium.PolyLine:
    """An invisible wide line under a thin or dashed one, so it is easy to hover and click
    (a dashed stroke catches the pointer only on its dashes)."""
    return _in_pane(folium.PolyLine(latlon, class_name=classes + " geo-hit",
                                    color="#000000", weight=HIT_WEIGHT, opacity=0.0), pane)


def group_label(layer: str, count: int) -> str:
    """A catalogue layer's label in the layer control: ``Sites (25)``."""
    return f"{LAYER_LABELS[layer]} ({count})"


def _group(layer: str, count: int) -> folium.FeatureGroup:
    return folium.FeatureGroup(name=group_label(layer, count), show=True)


def build_sites(frame: gpd.GeoDataFrame, names: Mapping[str, str]) -> LayerGroup:
    """Sites as circle markers coloured by kind (no marker images); planned ones dashed.
    Hosted sites (PoPs in a data centre) are drawn smaller, on top of their host."""
    rows = _rows(frame)
    out = LayerGroup("sites", _group("sites", len(rows)))
    # big first, so small markers at the same place stay clickable on top
    for row in sorted(rows, key=lambda r: -styles.site_style(r.get("kind")).radius):
        style = styles.site_style(row.get("kind"))
        geom = row["geometry"]
        opts = styles.path_options(style, row.get("status"))
        marker = _in_pane(folium.CircleMarker(
            location=[geom.y, geom.x], class_name=_classes("sites", row["id"]), **opts),
            "geo-sites")
        marker.add_child(Bind(popup_html("sites", row, names), tooltip_html(row)))
        marker.add_to(out.group)
        out.entries.append(_entry(marker, "sites", row, "start_date", "end_date"))
    return out


def build_routes(frame: gpd.GeoDataFrame, names: Mapping[str, str],
                 segment_lines: SegmentLines | None = None) -> LayerGroup:
    """Routes, one sub-group per route with one line per segment coloured by medium
    (submarine, terrestrial, not stated); dashed when planned or proposed.

    ``segment_lines`` gives each route's segments with their positions; without it the
    route's geometry is drawn in the medium its segments share (else "not stated").
    """
    rows = _rows(frame)
    out = LayerGroup("routes", _group("routes", len(rows)))
    for row in rows:
        parts: list[tuple[str, Sequence[tuple[float, float]]]]
        if segment_lines is not None and row["id"] in segment_lines:
            parts = list(segment_lines[row["id"]])
        else:
            media = {s["medium"] for s in (row.get("segments") or [])}
            medium = media.pop() if len(media) == 1 else "unspecified"
            parts = [(medium, line) for line in _lines(row["geometry"])]
        sub = folium.FeatureGroup(control=False)
        for medium, positions in parts:
            style = styles.medium_style(medium)
            latlon = _latlon(geodesic_line(positions))
            _hit_line(latlon, "geo-routes", _classes("routes", row["id"])).add_to(sub)
            _in_pane(folium.PolyLine(
                latlon, class_name=_classes("routes", row["id"]) + f" geo-medium-{medium}",
                **styles.path_options(style, row.get("status")),
            ), "geo-routes").add_to(sub)
        sub.add_child(Bind(popup_html("routes", row, names), tooltip_html(row)))
        sub.add_to(out.group)
        out.entries.append(_entry(sub, "routes", row, "start_date", None))
    return out


def build_corridors(frame: gpd.GeoDataFrame, names: Mapping[str, str]) -> LayerGroup:
    """Corridors as a wide translucent band under their routes (pane below the routes)."""
    rows = _rows(frame)
    out = LayerGroup("corridors", _group("corridors", len(rows)))
    style = styles.BY_KEY["corridor"]
    for row in rows:
        lines = [_latlon(geodesic_line(line)) for line in _lines(row["geometry"])]
        line = _in_pane(folium.PolyLine(lines, class_name=_classes("corridors", row["id"]),
                                        **styles.path_options(style, row.get("status"))),
                        "geo-corridors")
        line.add_child(Bind(popup_html("corridors", row, names), tooltip_html(row)))
        line.add_to(out.group)
        out.entries.append(_entry(line, "corridors", row, "start_date", None))
    return out


def build_organisations(frame: gpd.GeoDataFrame, names: Mapping[str, str]) -> LayerGroup:
    """Organisations as diamonds at their head office, coloured by kind (CSS, no image)."""
    rows = _rows(frame)
    out = LayerGroup("organisations", _group("organisations", len(rows)))
    for row in rows:
        style = styles.organisation_style(row.get("kind"))
        geom = row["geometry"]
        size = int(style.radius * 2)
        icon = folium.DivIcon(
            html=f'<span class="geo-diamond" style="background:{style.color}"></span>',
            icon_size=(size, size), icon_anchor=(size // 2, size // 2),
            class_name=_classes("organisations", row["id"]) + " geo-diamond-icon",
        )
        marker = _in_pane(folium.Marker(location=[geom.y, geom.x], icon=icon),
                          "geo-organisations")
        marker.add_child(Bind(popup_html("organisations", row, names), tooltip_html(row)))
        marker.add_to(out.group)
        out.entries.append(_entry(marker, "organisations", row, "start_date", None))
    return out


def build_agreements(frame: gpd.GeoDataFrame, names: Mapping[str, str]) -> LayerGroup:
    """Agreements as thin geodesic arcs between the parties' head offices."""
    rows = _rows(frame)
    out = LayerGroup("agreements", _group("agreements", len(rows)))
    style = styles.BY_KEY["agreement"]
    for row in rows:
        lines = [_latlon(_unwrap(line)) for line in _lines(row["geometry"])]
        sub = folium.FeatureGroup(control=False)
        _hit_line(lines, "geo-agreements", _classes("agreements", row["id"])).add_to(sub)
        _in_pane(folium.PolyLine(lines, class_name=_classes("agreements", row["id"]),
                                 **styles.path_options(style, None)),
                 "geo-agreements").add_to(sub)
        sub.add_child(Bind(popup_html("agreements", row, names), tooltip_html(row)))
        sub.add_to(out.group)
        out.entries.append(_entry(sub, "agreements", row, "date", None))
    return out


BUILDERS: dict[str, Callable[..., LayerGroup]] = {
    "sites": build_sites,
    "routes": build_routes,
    "corridors": build_corridors,
    "organisations": build_organisations,
    "agreements": build_agreements,
}
