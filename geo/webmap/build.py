"""Assemble the interactive map: layers, legend, controls, basemap; render it to one HTML.

:func:`build_map` takes the catalogue's layers (``{name: GeoDataFrame}``, EPSG:4326, as
:func:`geo.layers.build_layers` makes them) and returns a ``folium.Map``;
:func:`render_map` returns the page as text and :func:`write_map` writes it atomically.

The online map loads Leaflet 1.9.3 and leaflet-measure from folium's CDN addresses and its
basemap tiles from an xyzservices provider. The offline map (``offline=True``) makes no
network request at all: Leaflet is inlined from ``xstatic-leaflet`` and the basemap is
Natural Earth country outlines kept in ``geo/data``; it has no measuring tool (no PyPI
package ships leaflet-measure) and no tiles (so no terrain, roads or place names).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.plugins import MeasureControl
from folium.template import Template

from geo.atomic import write_text_atomic
from geo.context import ContextLayer
from geo.contextmap import add_context_layer, context_legend_html, context_style, control_label
from geo.errors import GeoError, InputError
from geo.webmap import offline as offline_assets
from geo.webmap.elements import (
    CountryOutlines,
    HtmlControl,
    InlineAssets,
    Panes,
    js_name,
    legend_html,
)
from geo.webmap.layers import BUILDERS, LAYER_LABELS, LayerGroup, SegmentLines
from geo.webmap.render import Raw, render_page
from geo.webmap.safe import esc, script_json

#: The default basemap: light grey, few labels, no API key (CARTO tiles now need one).
DEFAULT_TILES = "Esri.WorldGrayCanvas"
#: Leaflet as folium 0.20 loads it (same version as xstatic-leaflet 1.9.3.0 ships).
LEAFLET_JS = ("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
LEAFLET_CSS = ("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")
OFFLINE_ATTRIBUTION = ("Country outlines: Natural Earth (public domain) · offline map: "
                       "no tiles, no measuring tool")
LAYER_ORDER = ("corridors", "agreements", "routes", "organisations", "sites")
DEFAULT_TITLE = "Telecom connectivity"
#: The offline page's Content-Security-Policy: its own inline scripts (each allowed by its
#: SHA-256 hash, so a script that any text ever smuggled into the page would not run), inline
#: styles and data: images only, so the browser itself refuses any request the page might
#: still try to make. ``{scripts}`` is filled in once the page is rendered.
OFFLINE_CSP = ("default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; "
               "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
_CSP_SLOT = "geo-csp-script-hashes"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_ANY_SCRIPT_TAG = re.compile(r"<script\b", re.IGNORECASE)


def script_hashes(page: str) -> list[str]:
    """The CSP sources (``'sha256-...'``) of every inline ``<script>`` of ``page``, in order.

    Raises :class:`GeoError` when the page holds a script element this function cannot
    hash (one with attributes), so the policy can never silently leave a script out."""
    scripts = _INLINE_SCRIPT.findall(page)
    if len(_ANY_SCRIPT_TAG.findall(page)) != len(scripts):
        raise GeoError("the offline map holds a <script> element with attributes: "
                       "cannot write its Content-Security-Policy")
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
            for s in scripts]


def _with_csp(page: str) -> str:
    """``page`` with the CSP slot filled with the hashes of its inline scripts."""
    hashes = " ".join(dict.fromkeys(script_hashes(page))) or "'none'"
    slot = f'content="{_CSP_SLOT}"'
    return page.replace(slot, f'content="{esc(OFFLINE_CSP.format(scripts=hashes))}"', 1)


def _asset(name: str) -> str:
    text = resources.files("geo.data").joinpath(name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise GeoError(f"geo/data/{name} cannot be inlined safely")
    return text


def tile_provider(name: str) -> Any:
    """The xyzservices provider called ``name`` (e.g. ``CartoDB.Positron``).

    Raises :class:`InputError` for an unknown name or one that needs an API key.
    """
    import xyzservices

    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError:
        raise InputError(f"--tiles: unknown xyzservices provider {name!r} "
                         f"(e.g. {DEFAULT_TILES}, OpenStreetMap.Mapnik, OpenTopoMap)"
                         ) from None
    if provider.requires_token():
        raise InputError(f"--tiles: provider {name!r} needs an API key; choose another")
    return provider


class Controls(MacroElement):
    """Search and time controls over the drawn entities (``geo/data/webmap.js``)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        geoMapInit({{ this._parent.get_name() }}, {{ this.entries_js }}, {{ this.config_js }});
        {% endmacro %}
    """)

    def __init__(self, groups: list[LayerGroup]):
        super().__init__()
        self._name = "Controls"
        items, years = [], []
        for lg in groups:
            for e in lg.entries:
                meta = {"layer": e.layer, "id": e.id, "name": e.name, "aliases": e.aliases,
                        "from": e.year_from, "to": e.year_to}
                years += [y for y in (e.year_from, e.year_to) if y is not None]
                items.append(f"{{f:{js_name(e.feature)},g:{js_name(lg.group)},"
                             + script_json(meta)[1:])
        self.entries_js = "[" + ",\n".join(items) + "]"
        self.config_js = script_json({
            "minYear": min(years) if years else None,
            "maxYear": max(years) if years else None,
            "layerLabels": {k: v.rstrip("s") if k != "sites" else "Site"
                            for k, v in LAYER_LABELS.items()},
        })


def _bounds(layers: Mapping[str, gpd.GeoDataFrame]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of every drawn geometry (missing and empty ones
    aside), ``None`` when there is none."""
    drawn = [f.geometry[f.geometry.notna() & ~f.geometry.is_empty] for f in layers.values()]
    boxes = [g.total_bounds for g in drawn if len(g)]
    if not boxes:
        return None
    west = min(b[0] for b in boxes)
    south = min(b[1] for b in boxes)
    east = max(b[2] for b in boxes)
    north = max(b[3] for b in boxes)
    return [[float(south), float(west)], [float(north), float(east)]]


def _names(layers: Mapping[str, gpd.GeoDataFrame]) -> dict[str, str]:
    names: dict[str, str] = {}
    for frame in layers.values():
        for entity_id, name in zip(frame["id"], frame["name"], strict=True):
            names[str(entity_id)] = str(name)
    return names


def _count(n: int, plural: str) -> str:
    return f"{n} {plural if n != 1 else plural[:-1]}"


def _title_html(title: str, drawn: Mapping[str, int]) -> str:
    """The title panel: ``title`` and how many entities of each layer the map draws."""
    counts = " · ".join(_count(n, LAYER_LABELS[k].lower()) for k, n in drawn.items())
    return f"<h1>{esc(title)}</h1><p>{esc(counts)}</p>"


def with_corridor_schematic(layers: Mapping[str, gpd.GeoDataFrame]
                            ) -> Mapping[str, gpd.GeoDataFrame]:
    """``layers`` with a ``schematic`` column on the corridors: true when any of a corridor's
    routes is schematic, so its popup says that its measured length is that of a drawn line
    (as its routes' popups do). Unchanged when the corridors already carry the column."""
    corridors, routes = layers.get("corridors"), layers.get("routes")
    if corridors is None or routes is None or "schematic" in corridors.columns:
        return layers
    drawn = {str(i) for i, s in zip(routes["id"], routes["schematic"], strict=True) if s}
    marked = corridors.copy()
    marked["schematic"] = [any(str(r) in drawn for r in (ids if ids is not None else ()))
                           for ids in corridors["routes"]]
    return {**layers, "corridors": marked}


def distinct_context(context: Sequence[ContextLayer], taken: Sequence[str] = ()
                     ) -> list[ContextLayer]:
    """``context`` with names made distinct (``cables``, ``cables #2``...) from each other
    and, as layer control labels, from ``taken`` (the catalogue's labels): folium keys the
    layer control by label, so a repeated label would leave a layer out of the control."""
    names: set[str] = set()
    labels = set(taken)
    out = []
    for layer in context:
        name, k = layer.name, 1
        while name in names or control_label(name, len(layer)) in labels:
            k += 1
            name = f"{layer.name} #{k}"
        names.add(name)
        labels.add(control_label(name, len(layer)))
        out.append(layer if name == layer.name else dataclasses.replace(layer, name=name))
    return out


def build_map(layers: Mapping[str, gpd.GeoDataFrame], *, offline: bool = False,
              tiles: str = DEFAULT_TILES, segment_lines: SegmentLines | None = None,
              title: str = DEFAULT_TITLE,
              context: Sequence[ContextLayer] = ()) -> folium.Map:
    """The interactive map of ``layers`` (``{layer name: GeoDataFrame}`` in EPSG:4326).

    ``segment_lines`` (route id -> ``[(medium, [(lon, lat), ...]), ...]``) lets routes be
    drawn segment by segment in each segment's medium. ``tiles`` names an xyzservices
    provider (ignored offline). Raises :class:`InputError` for unknown layers or tiles.
    """
    unknown = sorted(set(layers) - set(BUILDERS))
    if unknown:
        raise InputError(f"unknown layer {unknown[0]!r}; expected one of: "
                         + ", ".join(BUILDERS))
    provider = None if offline else tile_provider(tiles)
    fmap = folium.Map(location=(20.0, 30.0), zoom_start=3, tiles=None, control_scale=True,
                      min_zoom=2, max_zoom=12, world_copy_jump=False,
                      prefer_canvas=False, zoom_snap=0.25, zoom_delta=0.5)
    # Only Leaflet: no jQuery, Bootstrap or Font Awesome (nothing here uses them).
    fmap.default_js = [] if offline else [LEAFLET_JS]
    fmap.default_css = [] if offline else [LEAFLET_CSS]
    header = fmap.get_root().header
    if offline:
        header.add_child(Raw(f'<meta http-equiv="Content-Security-Policy" '
                             f'content="{_CSP_SLOT}">'), name="geo_csp")
        header.add_child(InlineAssets(offline_assets.leaflet_js(),
                                      offline_assets.leaflet_css()), name="leaflet_inline")
    header.add_child(Raw(f"<title>{esc(title)}</title>"), name="geo_title")
    # an empty inline icon: served over HTTP, a page without one makes the browser ask the
    # server for /favicon.ico (a request the offline map must not make)
    header.add_child(Raw('<link rel="icon" href="data:,">'), name="geo_icon")
    header.add_child(InlineAssets(_asset("webmap.js"), _asset("webmap.css")), name="geo_assets")

    fmap.add_child(Panes())
    if offline:
        fmap.add_child(CountryOutlines(offline_assets.countries(), OFFLINE_ATTRIBUTION))
    else:
        folium.TileLayer(provider, name=provider.name, control=False).add_to(fmap)

    names = _names(layers)
    layers = with_corridor_schematic(layers)
    groups: list[LayerGroup] = []
    for name in LAYER_ORDER:
        if name not in layers:
            continue
        frame = layers[name]
        if name == "routes":
            lg = BUILDERS[name](frame, names, segment_lines)
        else:
            lg = BUILDERS[name](frame, names)
        groups.append(lg)
    # the layer control lists layers in catalogue order; drawing order is by pane
    by_name = {lg.name: lg for lg in groups}
    for name in layers:
        by_name[name].group.add_to(fmap)
    # context layers: listed under the catalogue's, drawn under it (pane geo-context, z 350)
    context = distinct_context(context, [lg.group.layer_name for lg in groups])
    context_legend = [add_context_layer(fmap, layer, context_style(i)).legend
                      for i, layer in enumerate(context)]

    fmap.add_child(HtmlControl(_title_html(title, {n: by_name[n].drawn for n in layers}),
                               "geo-panel geo-title", "topright"))
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    drawn_styles = {key for lg in groups for key in lg.styles}
    fmap.add_child(HtmlControl(legend_html(extra_html=context_legend_html(context_legend),
                                           drawn=drawn_styles),
                               "geo-legend-box", "bottomright"))
    if not offline:
        MeasureControl(position="topleft", primary_length_unit="kilometers",
                       secondary_length_unit="miles", primary_area_unit="sqkilometers",
                       secondary_area_unit=None).add_to(fmap)
    fmap.add_child(Controls([by_name[n] for n in layers]))
    bounds = _bounds(layers)
    if bounds is not None:
        # leave room for the legend (bottom right) and the controls (left)
        fmap.fit_bounds(bounds, padding_top_left=(50, 40), padding_bottom_right=(290, 100),
                        max_zoom=7)
    return fmap


def render_map(layers: Mapping[str, gpd.GeoDataFrame], **kwargs: Any) -> str:
    """The map of :func:`build_map` as one HTML page (text); no text of the catalogue,
    the articles or the context files is ever evaluated as a template
    (:func:`geo.webmap.render.render_page`)."""
    page = render_page(build_map(layers, **kwargs))
    return _with_csp(page) if kwargs.get("offline") else page


def write_map(html_text: str, path: str | os.PathLike[str]) -> Path:
    """Write the page atomically (a failed run leaves an earlier map untouched)."""
    return write_text_atomic(path, html_text)
