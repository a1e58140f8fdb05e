"""One builder per catalogue layer: a GeoDataFrame in, a folium ``FeatureGroup`` out.

Each drawn entity gets a popup and tooltip (:mod:`geo.webmap.popups`), its style from the
one table (:mod:`geo.webmap.styles`), and CSS classes ``geo-f geo-l-<layer> geo-id-<id>`` so
that a page (and the browser tests) can find it. Each group also records an index entry per
entity (name, aliases, years) for the search and time controls, and the keys of the styles
it draws (for the legend's rows shown only when drawn).

A row without geometry (an organisation without a head office, an agreement with neither
two located parties nor a venue) is not drawn: the layer's label counts it apart
(:func:`group_label`). A drafted entity (its ``draft`` column names a draft file) is also
marked "unreviewed": a dashed halo round a point (class ``geo-draft-mark``), a dash along a
line, and the class ``geo-draft`` on the feature itself.

Positions arrive as ``(lon, lat)`` WGS84 degrees and are turned into folium's
``[lat, lon]`` here, at folium's boundary. Lines are drawn along geodesics (points at most
:data:`DRAW_SPACING_M` metres apart), the path geo measures.

Across the antimeridian: Leaflet draws a longitude past ±180° beside the world, not wrapped
into it, so a line is drawn with its longitudes unwrapped (one continuous path, Tokyo at
139.69 to Los Angeles at 241.76) and drawn once more a turn (360°) away wherever part of it
lies past ±180° (:func:`world_shifts`: -220.31 to -118.24), so that it shows whichever side
of 180° the view is on; the positions lines draw past ±180° are noted (:class:`FarSide`),
and a marker standing at one is drawn there too, so every line ends at its markers. These
copies are parts of their entity's feature (one entry, one popup; their option
``geoShift`` and class ``geo-copy`` say they are copies); the country outlines are drawn
three times (:class:`geo.webmap.elements.CountryOutlines`), so land lies under them.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd
import numpy as np

from geo.geodesy import geodesic_path
from geo.lines import line_parts, round_coords, unwrap_line
from geo.names import LAYERS
from geo.webmap import styles
from geo.webmap.citations import Citation
from geo.webmap.elements import Bind
from geo.webmap.popups import kind_label, popup_html, tooltip_html

#: Largest gap between drawn points of a line, metres (a geodesic drawn in Web Mercator).
DRAW_SPACING_M = 25_000.0

#: Width in pixels of the invisible line that catches the pointer along thin lines.
HIT_WEIGHT = 14

#: layer -> its title in the panel (``Sites``), from :data:`geo.names.LAYERS`
LAYER_LABELS = {layer.name: layer.title for layer in LAYERS}

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


#: An organisation's roles towards an entity, as the map's organisation filter names them:
#: ``operator`` (of a site, route or corridor), ``tenant`` (of a site: it hosts one of the
#: organisation's sites), ``party`` (to an agreement), ``owner`` (of an organisation: its
#: parent) and ``self`` (the organisation itself).
ROLES = ("operator", "tenant", "party", "owner", "self")

#: layer -> the singular noun that qualifies its kinds in filter keys (``site.data-centre``)
KIND_NOUN = {layer.name: layer.singular for layer in LAYERS}

#: layers whose entities have a status (the status filter leaves the others alone)
STATUS_LAYERS = frozenset(layer.name for layer in LAYERS if layer.has_status)


@dataclass
class IndexEntry:
    """What the map's controls know of one drawn entity: search (name, aliases), time
    (``year_from``: its own start, else the year it was first reported, ``None`` when
    undated; ``dated`` says which: ``"own"``, ``"reported"`` or ``None``; ``year_to``: its
    own end), filters (``kind_key``, ``status``, the organisations in each of its ``roles``)
    and the picker (``kind_label``, ``color``)."""

    feature: Any  # the folium element standing for the entity
    layer: str
    id: str
    name: str
    aliases: list[str]
    year_from: int | None
    year_to: int | None
    dated: str | None = None
    kind_key: str = ""
    kind_label: str = ""
    status: str | None = None
    roles: dict[str, list[str]] = field(default_factory=dict)
    color: str = "#666666"

    def data(self) -> dict[str, Any]:
        """The entry as the page's script reads it (plain JSON values)."""
        return {"layer": self.layer, "id": self.id, "name": self.name,
                "aliases": self.aliases, "from": self.year_from, "to": self.year_to,
                "dated": self.dated, "kind": self.kind_key, "kindLabel": self.kind_label,
                "status": self.status if self.layer in STATUS_LAYERS else None,
                "statused": self.layer in STATUS_LAYERS, "roles": self.roles,
                "color": self.color}


@dataclass
class LayerGroup:
    """A layer's folium group, the index entries of its drawn entities, how many of its
    entities have no geometry (not drawn), and the style keys it draws."""

    name: str
    group: folium.FeatureGroup
    entries: list[IndexEntry] = field(default_factory=list)
    unplaced: int = 0
    styles: set[str] = field(default_factory=set)

    @property
    def drawn(self) -> int:
        """How many entities the group draws."""
        return len(self.entries)


#: Decimal places of drawn coordinates (1e-5 degree is about 1 m: finer than any line here).
DRAW_DECIMALS = 5


#: Degrees of longitude between the world and the copies of it that Leaflet draws beside it.
WORLD_TURN = 360.0


def world_shifts(lon_min: float, lon_max: float) -> list[float]:
    """The shifts (degrees of longitude, multiples of :data:`WORLD_TURN`, ``0.0`` first) at
    which a drawing spanning ``lon_min``..``lon_max`` is drawn: itself, and every copy of it
    a whole turn away that brings part of it within -180..180 (``[0.0, -360.0]`` for a line
    from 139.69 to 241.76); ``[0.0]`` for one within -180..180."""
    first = math.floor((-180.0 - lon_max) / WORLD_TURN) + 1
    last = math.ceil((180.0 - lon_min) / WORLD_TURN) - 1
    return [0.0] + [k * WORLD_TURN for k in range(first, last + 1) if k != 0]


def _canonical_lon(lon: float) -> float:
    """``lon`` (degrees) brought within -180..180 (180 itself becomes -180)."""
    return (lon + 180.0) % WORLD_TURN - 180.0


def _place_key(lon: float, lat: float) -> tuple[int, int]:
    """A place as the same key whatever turn its longitude is written in: its longitude
    within -180..180 and its latitude in units of 10^-:data:`DRAW_DECIMALS` degree. A line's
    positions are rounded (numpy, half to even) where a site's are not, and a position
    moved by 360° is rounded apart: the two may land one unit apart, so a look-up also
    tries the keys next to its own (:meth:`FarSide.shifts_at`)."""
    scale = 10 ** DRAW_DECIMALS
    return (round(_canonical_lon(lon) * scale), round(lat * scale))


@dataclass
class FarSide:
    """Where the drawn lines put positions at or past ±180°: each place (its key,
    :func:`_place_key`) -> the longitudes (degrees) lines draw it at. A marker standing at
    such a place is drawn there too (:meth:`shifts_at`), so every line meets its markers."""

    drawn: dict[tuple[int, int], set[float]] = field(default_factory=dict)

    def note(self, latlon: Sequence[Sequence[float]]) -> None:
        """Note the positions of a drawn line (``[lat, lon]`` degrees) at or past ±180°."""
        for lat, lon in latlon:
            if abs(lon) >= 180.0:
                self.drawn.setdefault(_place_key(lon, lat), set()).add(lon)

    def shifts_at(self, lon: float, lat: float) -> list[float]:
        """The shifts (degrees of longitude, multiples of :data:`WORLD_TURN`, ascending) at
        which lines draw the place ``(lon, lat)`` besides where it is; ``[]`` for none."""
        key_lon, key_lat = _place_key(lon, lat)
        turn = round(WORLD_TURN * 10 ** DRAW_DECIMALS)  # (keys wrap at ±180°)
        shifts = {round((drawn - lon) / WORLD_TURN) * WORLD_TURN
                  for d_lon in (-1, 0, 1) for d_lat in (-1, 0, 1)
                  for drawn in self.drawn.get(
                      ((key_lon + d_lon + turn // 2) % turn - turn // 2, key_lat + d_lat), ())}
        return sorted(s for s in shifts if s != 0.0)


def _drawn_copies(parts: Sequence[np.ndarray], far_side: FarSide | None
                  ) -> Iterator[tuple[float, list[list[list[float]]], str]]:
    """Each copy of one feature's ``(lon, lat)`` lines to draw (:func:`_lines_shifts`): its
    shift (degrees), its lines as ``[lat, lon]`` lists and its class; the positions past
    ±180° noted in ``far_side``, so markers are drawn there too."""
    for shift in _lines_shifts(parts):
        lines = [_latlon(_shifted(part, shift)) for part in parts]
        if far_side is not None:
            for latlon in lines:
                far_side.note(latlon)
        yield shift, lines, _copy_class(shift)


def _chained(lines: Sequence[np.ndarray]) -> list[np.ndarray]:
    """``(n, 2)`` ``(lon, lat)`` lines, each after the first moved by whole turns so that
    it starts on the side of 180° where the previous one ended (one route's segments, one
    corridor's parts drawn as one path)."""
    out: list[np.ndarray] = []
    for line in lines:
        line = np.array(line, dtype=float).reshape(-1, 2)
        if out and len(out[-1]) and len(line):
            turns = round((out[-1][-1, 0] - line[0, 0]) / WORLD_TURN)
            line[:, 0] += turns * WORLD_TURN
        out.append(line)
    return out


def _lines_shifts(lines: Sequence[np.ndarray]) -> list[float]:
    """:func:`world_shifts` of ``lines`` (``(n, 2)`` ``(lon, lat)``) together."""
    lons = [line[:, 0] for line in lines if len(line)]
    if not lons:
        return [0.0]
    return world_shifts(float(min(v.min() for v in lons)), float(max(v.max() for v in lons)))


def _shifted(line: np.ndarray, shift: float) -> np.ndarray:
    """``line`` (``(n, 2)`` ``(lon, lat)``) moved ``shift`` degrees of longitude."""
    return line + np.array([shift, 0.0]) if shift else line


def _as_copy(element: Any, shift: float) -> Any:
    """Mark a drawn element as a copy of its entity's drawing ``shift`` degrees of longitude
    away (the page frames and anchors popups on the entity itself, not on its copies)."""
    if shift:
        element.options["geoShift"] = shift
    return element


def _copy_class(shift: float) -> str:
    return " geo-copy" if shift else ""


def _latlon(positions: Any) -> list[list[float]]:
    """folium's ``[lat, lon]`` from ``(lon, lat)`` positions, rounded to
    :data:`DRAW_DECIMALS` (:func:`geo.lines.round_coords`)."""
    xy = np.asarray(positions, dtype=float).reshape(-1, 2)
    return round_coords(xy, DRAW_DECIMALS)[:, ::-1].tolist()


def geodesic_line(positions: Sequence[Sequence[float]],
                  spacing_m: float = DRAW_SPACING_M) -> np.ndarray:
    """``positions`` with points added along each leg's geodesic (WGS84), longitudes
    unwrapped (:func:`geo.lines.unwrap_line`) so that Leaflet draws a line that crosses the
    antimeridian the short way instead of across the whole map."""
    out: list[tuple[float, float]] = []
    for a, b in itertools.pairwise(positions):
        leg = geodesic_path(tuple(a), tuple(b), spacing_m)
        out.extend(leg if not out else leg[1:])
    return unwrap_line(out or positions)


def _classes(layer: str, entity_id: str, draft: Any = None) -> str:
    return f"geo-f geo-l-{layer} geo-id-{entity_id}" + (" geo-draft" if draft else "")


def _mark_classes(entity_id: str) -> str:
    """Classes of the unreviewed-draft mark drawn with a drafted entity."""
    return f"geo-draft-mark geo-draft-of-{entity_id}"


def _ids(value: Any) -> list[str]:
    """Entity ids from a single id, a list of ids or nothing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None]


def entity_roles(layer: str, row: Mapping[str, Any]) -> dict[str, list[str]]:
    """The organisations in each :data:`ROLES` role towards the entity of ``row``."""
    roles: dict[str, list[str]]
    if layer == "sites":
        roles = {"operator": _ids(row.get("operator")), "tenant": _ids(row.get("tenants"))}
    elif layer in ("routes", "corridors"):
        roles = {"operator": _ids(row.get("operators"))}
    elif layer == "agreements":
        roles = {"party": _ids(row.get("parties"))}
    elif layer == "organisations":
        roles = {"self": [str(row["id"])], "owner": _ids(row.get("parent"))}
    else:
        roles = {}
    return {role: ids for role, ids in roles.items() if ids}


def _entry(feature: Any, layer: str, row: Mapping[str, Any], start: str, end: str | None,
           color: str) -> IndexEntry:
    aliases = row.get("aliases")
    own = year_of(row.get(start))
    reported = year_of(row.get("first_reported"))
    status = row.get("status")
    kind = row.get("kind")
    return IndexEntry(
        feature=feature, layer=layer, id=str(row["id"]), name=str(row["name"]),
        aliases=[str(a) for a in aliases] if aliases is not None else [],
        year_from=own if own is not None else reported,
        year_to=year_of(row.get(end)) if end else None,
        dated="own" if own is not None else ("reported" if reported is not None else None),
        kind_key=f"{KIND_NOUN[layer]}.{kind}" if isinstance(kind, str) else KIND_NOUN[layer],
        kind_label=kind_label(kind) if isinstance(kind, str) else KIND_NOUN[layer].capitalize(),
        status=status if isinstance(status, str) else None,
        roles=entity_roles(layer, row), color=color,
    )


def _rows(frame: gpd.GeoDataFrame) -> tuple[list[dict[str, Any]], int]:
    """The rows that have a geometry (as dicts, NaN made ``None``), and how many have none."""
    geometry = frame.geometry
    # each column read once as a list (the values itertuples gives): a sub-frame for
    # itertuples, and ``frame.geometry`` looked up per column, cost 15 ms per build
    columns = [(col, list(values)) for col, values in frame.items() if col != geometry.name]
    cols = [col for col, _values in columns]
    records = (zip(*(values for _col, values in columns), strict=True) if columns
               else [()] * len(frame))
    out = []
    unplaced = 0
    for values, geom in zip(records, geometry, strict=True):
        if geom is None or geom.is_empty:
            unplaced += 1
            continue
        row = dict(zip(cols, values, strict=True))
        for key, value in row.items():
            if isinstance(value, float) and math.isnan(value):
                row[key] = None
        row["geometry"] = geom
        out.append(row)
    return out, unplaced


def _note_status(out: LayerGroup, status: Any) -> None:
    """Record the legend row of a status drawn dashed."""
    style = styles.status_style(status if isinstance(status, str) else None)
    if style is not None:
        out.styles.add(style.key)


def _in_pane(element: Any, pane: str) -> Any:
    """Put a folium layer in a Leaflet pane (folium's path options drop ``pane``)."""
    element.options["pane"] = pane
    return element


def _passive(element: Any) -> Any:
    """Make a folium path take no pointer events (folium's path options drop
    ``interactive``): a mark drawn with a feature must not catch its clicks."""
    element.options["interactive"] = False
    return element


def _hit_line(latlon: Any, pane: str, classes: str) -> folium.PolyLine:
    """An invisible wide line under a thin or dashed one, so it is easy to hover and click
    (a dashed stroke catches the pointer only on its dashes)."""
    return _in_pane(folium.PolyLine(latlon, class_name=classes + " geo-hit",
                                    color="#000000", weight=HIT_WEIGHT, opacity=0.0), pane)


def group_label(layer: str, count: int, unplaced: int = 0) -> str:
    """A catalogue layer's label in the layer control: ``Sites (25)``, the number of entities
    drawn; entities not drawn for want of a position are counted apart:
    ``Organisations (5; 3 more without a place)``."""
    if unplaced:
        return f"{LAYER_LABELS[layer]} ({count}; {unplaced} more without a place)"
    return f"{LAYER_LABELS[layer]} ({count})"


def _group(layer: str, count: int, unplaced: int = 0) -> folium.FeatureGroup:
    return folium.FeatureGroup(name=group_label(layer, count, unplaced), show=True)


def _layer_group(layer: str, frame: gpd.GeoDataFrame) -> tuple[LayerGroup, list[dict[str, Any]]]:
    rows, unplaced = _rows(frame)
    return LayerGroup(layer, _group(layer, len(rows), unplaced), unplaced=unplaced), rows


def _draft_line(latlon: Any, pane: str, entity_id: str, style: styles.Style,
                extra_class: str = "") -> folium.PolyLine:
    """The dashed halo drawn under a drafted line in ``style`` (added before the line, so
    below it; not clickable: the line is)."""
    return _passive(_in_pane(folium.PolyLine(latlon,
                                             class_name=_mark_classes(entity_id) + extra_class,
                                             **styles.draft_line_options(style)), pane))


def build_sites(frame: gpd.GeoDataFrame, names: Mapping[str, str],
                citations: Mapping[str, Citation] | None = None,
                far_side: FarSide | None = None) -> LayerGroup:
    """Sites as circle markers coloured by kind (no marker images); planned ones dashed.
    Hosted sites (PoPs in a data centre) are drawn smaller, on top of their host. A site
    that a line of ``far_side`` draws past ±180° is drawn there too (a copy)."""
    out, rows = _layer_group("sites", frame)
    # big first, so small markers at the same place stay clickable on top
    for row in sorted(rows, key=lambda r: -styles.site_style(r.get("kind")).radius):
        style = styles.site_style(row.get("kind"))
        out.styles.add(style.key)
        _note_status(out, row.get("status"))
        geom = row["geometry"]
        opts = styles.path_options(style, row.get("status"))
        draft = row.get("draft")
        shifts = [0.0] + (far_side.shifts_at(geom.x, geom.y) if far_side else [])
        markers = []
        for shift in shifts:
            location = [geom.y, geom.x + shift]
            if draft:
                # the halo under the marker: one feature, toggled (and found) together
                markers.append(_as_copy(_passive(_in_pane(folium.CircleMarker(
                    location=location, class_name=_mark_classes(row["id"]) + _copy_class(shift),
                    **styles.draft_halo_options(style)), "geo-sites")), shift))
            markers.append(_as_copy(_in_pane(folium.CircleMarker(
                location=location,
                class_name=_classes("sites", row["id"], draft) + _copy_class(shift),
                **opts), "geo-sites"), shift))
        if draft:
            out.styles.add("draft")
        feature: Any = markers[0]
        if len(markers) > 1:
            feature = folium.FeatureGroup(control=False)
            for marker in markers:
                marker.add_to(feature)
        feature.add_child(Bind(popup_html("sites", row, names, citations), tooltip_html(row)))
        feature.add_to(out.group)
        out.entries.append(_entry(feature, "sites", row, "start_date", "end_date",
                                  style.color))
    return out


def build_routes(frame: gpd.GeoDataFrame, names: Mapping[str, str],
                 segment_lines: SegmentLines | None = None,
                 citations: Mapping[str, Citation] | None = None,
                 far_side: FarSide | None = None) -> LayerGroup:
    """Routes, one sub-group per route with one line per segment coloured by medium
    (submarine, terrestrial, not stated); dashed when planned or proposed. A route's
    segments are drawn as one path; one that reaches past ±180° is drawn a turn away too
    (:func:`world_shifts`), and its positions there are noted in ``far_side``.

    ``segment_lines`` gives each route's segments with their positions; without it the
    route's geometry is drawn in the medium its segments share (else "not stated").
    """
    out, rows = _layer_group("routes", frame)
    for row in rows:
        parts: list[tuple[str, Sequence[tuple[float, float]]]]
        if segment_lines is not None and row["id"] in segment_lines:
            parts = list(segment_lines[row["id"]])
        else:
            media = {s["medium"] for s in (row.get("segments") or [])}
            medium = media.pop() if len(media) == 1 else "unspecified"
            parts = [(medium, line) for line in line_parts(row["geometry"])]
        sub = folium.FeatureGroup(control=False)
        draft = row.get("draft")
        _note_status(out, row.get("status"))
        lines = _chained([geodesic_line(positions) for _medium, positions in parts])
        for shift in _lines_shifts(lines):
            for (medium, _positions), line in zip(parts, lines, strict=True):
                style = styles.medium_style(medium)
                out.styles.add(style.key)
                latlon = _latlon(_shifted(line, shift))
                if far_side is not None:
                    far_side.note(latlon)
                copy = _copy_class(shift)
                _as_copy(_hit_line(latlon, "geo-routes", _classes("routes", row["id"]) + copy),
                         shift).add_to(sub)
                if draft:
                    out.styles.add("draft")
                    _as_copy(_draft_line(latlon, "geo-routes", row["id"], style, copy),
                             shift).add_to(sub)
                _as_copy(_in_pane(folium.PolyLine(
                    latlon,
                    class_name=(_classes("routes", row["id"], draft) + f" geo-medium-{medium}"
                                + copy),
                    **styles.path_options(style, row.get("status")),
                ), "geo-routes"), shift).add_to(sub)
        sub.add_child(Bind(popup_html("routes", row, names, citations), tooltip_html(row)))
        sub.add_to(out.group)
        colour = styles.medium_style(parts[0][0] if parts else None).color
        out.entries.append(_entry(sub, "routes", row, "start_date", None, colour))
    return out


def build_corridors(frame: gpd.GeoDataFrame, names: Mapping[str, str],
                    citations: Mapping[str, Citation] | None = None,
                    far_side: FarSide | None = None) -> LayerGroup:
    """Corridors as a wide translucent band under their routes (pane below the routes);
    one that reaches past ±180° is drawn a turn away too (its positions there noted in
    ``far_side``)."""
    out, rows = _layer_group("corridors", frame)
    style = styles.BY_KEY["corridor"]
    for row in rows:
        out.styles.add(style.key)
        parts = _chained([geodesic_line(line) for line in line_parts(row["geometry"])])
        draft = row.get("draft")
        if draft:
            out.styles.add("draft")
        drawn = []
        for shift, lines, copy in _drawn_copies(parts, far_side):
            if draft:
                drawn.append(_as_copy(_draft_line(lines, "geo-corridors", row["id"], style,
                                                  copy), shift))
            drawn.append(_as_copy(_in_pane(folium.PolyLine(
                lines, class_name=_classes("corridors", row["id"], draft) + copy,
                **styles.path_options(style, row.get("status"))), "geo-corridors"), shift))
        feature: Any = drawn[0]
        if len(drawn) > 1:
            feature = folium.FeatureGroup(control=False)
            for element in drawn:
                element.add_to(feature)
        feature.add_child(Bind(popup_html("corridors", row, names, citations),
                               tooltip_html(row)))
        feature.add_to(out.group)
        out.entries.append(_entry(feature, "corridors", row, "start_date", None, style.color))
    return out


def _point_feature(markers: Sequence[Any]) -> Any:
    """One marker, or its copies with it as one feature group."""
    if len(markers) == 1:
        return markers[0]
    group = folium.FeatureGroup(control=False)
    for marker in markers:
        marker.add_to(group)
    return group


def build_organisations(frame: gpd.GeoDataFrame, names: Mapping[str, str],
                        citations: Mapping[str, Citation] | None = None,
                        far_side: FarSide | None = None) -> LayerGroup:
    """Organisations as diamonds at their head office, coloured by kind (CSS, no image);
    also where a line of ``far_side`` draws their head office past ±180° (a copy)."""
    out, rows = _layer_group("organisations", frame)
    for row in rows:
        style = styles.organisation_style(row.get("kind"))
        out.styles.add(style.key)
        draft = row.get("draft")
        if draft:
            out.styles.add("draft")
        geom = row["geometry"]
        size = int(style.radius * 2)
        markers = []
        for shift in [0.0] + (far_side.shifts_at(geom.x, geom.y) if far_side else []):
            icon = folium.DivIcon(
                html=f'<span class="geo-diamond" style="background:{style.color}"></span>',
                icon_size=(size, size), icon_anchor=(size // 2, size // 2),
                class_name=(_classes("organisations", row["id"], draft) + " geo-diamond-icon"
                            + _copy_class(shift)),
            )
            markers.append(_as_copy(_in_pane(folium.Marker(location=[geom.y, geom.x + shift],
                                                           icon=icon), "geo-organisations"),
                                    shift))
        marker = _point_feature(markers)
        marker.add_child(Bind(popup_html("organisations", row, names, citations),
                              tooltip_html(row)))
        marker.add_to(out.group)
        out.entries.append(_entry(marker, "organisations", row, "start_date", None,
                                  style.color))
    return out


def build_agreements(frame: gpd.GeoDataFrame, names: Mapping[str, str],
                     citations: Mapping[str, Citation] | None = None,
                     far_side: FarSide | None = None) -> LayerGroup:
    """Agreements as thin geodesic arcs between the parties' head offices; an agreement
    drawn at its venue (a Point: fewer than two parties have a head office) as a small pin
    in the agreements' colour, its tip at the venue, above the sites (Leaflet's marker pane)
    so that it stays clickable beside the venue's own marker. An arc that reaches past
    ±180° is drawn a turn away too (its positions there noted in ``far_side``); a pin where
    a line of ``far_side`` draws its venue past ±180° is drawn there too."""
    out, rows = _layer_group("agreements", frame)
    style = styles.BY_KEY["agreement"]
    for row in rows:
        draft = row.get("draft")
        if draft:
            out.styles.add("draft")
        geom = row["geometry"]
        feature: Any
        if geom.geom_type == "Point":
            pin = styles.BY_KEY["agreement.venue"]
            out.styles.add(pin.key)
            w, h = int(2 * pin.radius), int(3 * pin.radius)
            pins = []
            for shift in [0.0] + (far_side.shifts_at(geom.x, geom.y) if far_side else []):
                icon = folium.DivIcon(
                    html=styles.pin_html(pin), icon_size=(w, h), icon_anchor=(w // 2, h),
                    popup_anchor=(0, -h),
                    class_name=(_classes("agreements", row["id"], draft) + " geo-venue-icon"
                                + _copy_class(shift)))
                pins.append(_as_copy(folium.Marker(location=[geom.y, geom.x + shift],
                                                   icon=icon), shift))
            feature = _point_feature(pins)
        else:
            out.styles.add(style.key)
            feature = folium.FeatureGroup(control=False)
            parts = _chained([unwrap_line(line) for line in line_parts(geom)])
            for shift, lines, copy in _drawn_copies(parts, far_side):
                _as_copy(_hit_line(lines, "geo-agreements",
                                   _classes("agreements", row["id"]) + copy),
                         shift).add_to(feature)
                if draft:
                    _as_copy(_draft_line(lines, "geo-agreements", row["id"], style, copy),
                             shift).add_to(feature)
                _as_copy(_in_pane(folium.PolyLine(
                    lines, class_name=_classes("agreements", row["id"], draft) + copy,
                    **styles.path_options(style, None)), "geo-agreements"),
                    shift).add_to(feature)
        feature.add_child(Bind(popup_html("agreements", row, names, citations),
                               tooltip_html(row)))
        feature.add_to(out.group)
        out.entries.append(_entry(feature, "agreements", row, "date", None, style.color))
    return out


BUILDERS: dict[str, Callable[..., LayerGroup]] = {
    "sites": build_sites,
    "routes": build_routes,
    "corridors": build_corridors,
    "organisations": build_organisations,
    "agreements": build_agreements,
}

#: The order the layers are built in: lines before the markers at their ends (corridors,
#: routes, agreements' arcs, then head offices and sites), so that :class:`FarSide` knows
#: every position a line draws past ±180° before the markers are drawn.
BUILD_ORDER = ("corridors", "routes", "agreements", "organisations", "sites")
