"""Assemble the interactive map: layers, controls, basemap; render it to one HTML page.

:func:`build_map` takes the catalogue's layers (``{name: GeoDataFrame}``, EPSG:4326, as
:func:`geo.layers.build_layers` makes them) and returns a ``folium.Map``;
:func:`render_map` returns the page as text and :func:`write_map` writes it atomically.

Both maps carry their own code: Leaflet inlined from the PyPI package ``xstatic-leaflet``
(its images as ``data:`` URIs) and geo's controls (``geo/data/webmap.js``: the panel of
layers, search, time, filters and legend, which folds into one menu button on narrow
screens; the picker; permalinks; the measuring tool). No script or style comes from a CDN,
so a map opened without network still works. Both draw Natural Earth country outlines as
their basemap; the online map lays an xyzservices provider's tiles over them (the only
requests it makes: when they fail, the outlines remain), the offline map
(``offline=True``) makes no request at all. Each page declares a Content-Security-Policy
that allows its own inline scripts by their SHA-256 hashes, inline styles and ``data:``
images (plus, online, images from the tile provider's hosts) and nothing else.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

import folium
import geopandas as gpd
from branca.element import MacroElement

from geo.atomic import write_text_atomic
from geo.errors import GeoError, InputError
from geo.webmap import offline as offline_assets
from geo.webmap.citations import Citation
from geo.webmap.elements import CountryOutlines, InlineAssets, Panes, js_name, legend_html
from geo.webmap.layers import (
    BUILD_ORDER,
    BUILDERS,
    KIND_NOUN,
    LAYER_LABELS,
    ROLES,
    STATUS_LAYERS,
    FarSide,
    LayerGroup,
    SegmentLines,
    group_label,
)
from geo.webmap.macro import MacroTemplate
from geo.webmap.render import Raw, render_page
from geo.webmap.safe import esc, script_json

if TYPE_CHECKING:
    from geo.context import ContextLayer

#: The default basemap: light grey, few labels, no API key (CARTO tiles now need one).
DEFAULT_TILES = "Esri.WorldGrayCanvas"
OFFLINE_ATTRIBUTION = "Country outlines: Natural Earth (public domain) · offline map: no tiles"
ONLINE_ATTRIBUTION = "Country outlines: Natural Earth"
DEFAULT_TITLE = "Telecom connectivity"
#: Zoom levels of the map (the page lowers the least zoom on small screens so that the
#: world can be seen whole).
MIN_ZOOM, MAX_ZOOM = 1, 12
#: The page's Content-Security-Policy: its own inline scripts (each allowed by its SHA-256
#: hash, so a script that any text ever smuggled into the page would not run), inline styles
#: and data: images; online, images from the tile provider's hosts too (``{images}``). The
#: browser itself refuses any other request the page might try. ``{scripts}`` is filled in
#: once the page is rendered.
MAP_CSP = ("default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; "
           "img-src data:{images}; font-src data:; base-uri 'none'; form-action 'none'")
#: The offline page's policy: no image from anywhere but the page itself.
OFFLINE_CSP = MAP_CSP.replace("{images}", "")
_CSP_SLOT = "geo-csp-script-hashes"
_ANY_SCRIPT_TAG = re.compile(r"<script\b", re.IGNORECASE)


def _inline_scripts(page: str) -> list[str]:
    """The text of each ``<script>...</script>`` of ``page``, in order: what
    ``re.findall(r"<script>(.*?)</script>", page, re.DOTALL)`` gives, found with
    ``str.find`` (the lazy pattern tried ``</script>`` at every character of the map's
    scripts: 9 ms of a build)."""
    scripts = []
    start = page.find("<script>")
    while start != -1:
        end = page.find("</script>", start + 8)
        if end == -1:
            break
        scripts.append(page[start + 8:end])
        start = page.find("<script>", end + 9)
    return scripts


def script_hashes(page: str) -> list[str]:
    """The CSP sources (``'sha256-...'``) of every inline ``<script>`` of ``page``, in order.

    Raises :class:`GeoError` when the page holds a script element this function cannot
    hash (one with attributes), so the policy can never silently leave a script out."""
    scripts = _inline_scripts(page)
    if len(_ANY_SCRIPT_TAG.findall(page)) != len(scripts):
        raise GeoError("the map holds a <script> element with attributes: "
                       "cannot write its Content-Security-Policy")
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
            for s in scripts]


def page_policy(page: str, image_sources: Sequence[str] = ()) -> str:
    """The Content-Security-Policy of ``page`` (:data:`MAP_CSP`): its inline scripts by
    hash, and images from ``image_sources`` (``https://host``) beside ``data:``."""
    hashes = " ".join(dict.fromkeys(script_hashes(page))) or "'none'"
    images = "".join(f" {source}" for source in image_sources)
    return MAP_CSP.format(scripts=hashes, images=images)


def _with_csp(page: str, image_sources: Sequence[str] = ()) -> str:
    """``page`` with the CSP slot filled (:func:`page_policy`)."""
    slot = f'content="{_CSP_SLOT}"'
    return page.replace(slot, f'content="{esc(page_policy(page, image_sources))}"', 1)


def _asset(name: str) -> str:
    text = resources.files("geo.data").joinpath(name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise GeoError(f"geo/data/{name} cannot be inlined safely")
    return text


@functools.lru_cache(maxsize=32)
def tile_provider(name: str) -> Any:
    """The xyzservices provider called ``name`` (e.g. ``CartoDB.Positron``).

    Raises :class:`InputError` for an unknown name or one that needs an API key.
    Remembered per name (a build asks twice; each query flattens and normalises the ~1,900
    names of xyzservices' catalogue: 8 ms); the provider is xyzservices' own shared object
    either way.
    """
    import xyzservices

    try:
        provider = _provider_named(xyzservices.providers, name)
    except ValueError:
        raise InputError(f"unknown xyzservices provider {name!r} "
                         f"(e.g. {DEFAULT_TILES}, OpenStreetMap.Mapnik, OpenTopoMap)",
                         parameter="tiles") from None
    if provider.requires_token():
        raise InputError(f"provider {name!r} needs an API key; choose another",
                         parameter="tiles")
    return provider


def _provider_named(providers: Any, name: str) -> Any:
    """``providers.query_name(name)``, found first by its exact dotted name
    (``Esri.WorldGrayCanvas``: two lookups) where that is the provider of that name; else
    by ``query_name``, which normalises the names of the whole catalogue (6 ms). Raises
    :class:`ValueError` for an unknown name."""
    import xyzservices

    node = providers
    for part in name.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, xyzservices.TileProvider) and node.name == name:
        return node
    return providers.query_name(name)


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def tile_sources(provider: Any) -> list[str]:
    """The CSP sources (``https://host``) of the hosts ``provider``'s tiles come from: one per
    subdomain where its address has ``{s}``; a host still holding a placeholder becomes a
    ``*.`` wildcard of the rest (CSP allows a wildcard only as the first label)."""
    url = provider.build_url(x="0", y="0", z="0", fill_subdomain=False)
    subdomains = provider.get("subdomains", "abc") if "{s}" in url else ""
    hosts = []
    for sub in (list(subdomains) or [""]):
        parts = urlsplit(url.replace("{s}", sub))
        host = parts.netloc
        if _PLACEHOLDER.search(host):
            labels = host.split(".")
            host = "*." + ".".join(label for label in labels if not _PLACEHOLDER.search(label))
        hosts.append(f"{parts.scheme}://{host}")
    return list(dict.fromkeys(hosts))


#: What a permalink's fragment may hold (``webmap.js`` reads and writes it): ``v`` the view
#: (``lat,lon,zoom``), ``l`` the layers shown, ``y`` the year (``u=0``: undated entities
#: hidden), ``f`` the filters (``org:ID``, ``role:ROLE``, ``-status:STATUS``,
#: ``-kind:NOUN.KIND``), ``o`` the entity whose popup is open.
PERMALINK_KEYS = ("v", "l", "y", "u", "f", "o")


def permalink_fragment(entity_id: str) -> str:
    """The URL fragment (without ``#``) that opens the map on the entity ``entity_id``: the
    view fitted to it and its popup open (``o=ID``)."""
    return "o=" + quote(entity_id, safe="-_.~")


class MapUi(MacroElement):
    """The map's controls (``geo/data/webmap.js``): the panel of layers (with counts of
    what is shown), search, time, filters, legend and link; picking; permalinks; the
    measuring tool. Every text reaches the script as JSON (:func:`script_json`), and the
    script sets it as text (the legend is HTML escaped here)."""

    _template = MacroTemplate("""
        {% macro script(this, kwargs) %}
        geoMapInit({{ this._parent.get_name() }}, {{ this.layers_js }},
                   {{ this.entries_js }}, {{ this.config_js }}, {{ this.tiles_js }});
        {% endmacro %}
    """)

    def __init__(self, groups: list[LayerGroup], context: Sequence[tuple[Any, ContextLayer]],
                 config: Mapping[str, Any], tiles: Any = None):
        super().__init__()
        self._name = "MapUi"
        layer_items = []
        for lg in groups:
            meta = {"key": lg.name, "name": LAYER_LABELS[lg.name], "total": lg.drawn,
                    "unplaced": lg.unplaced, "label": group_label(lg.name, lg.drawn,
                                                                  lg.unplaced)}
            layer_items.append(f"{{g:{js_name(lg.group)}," + script_json(meta)[1:])
        if context:  # drawn by geo.webmap.context, imported for maps that have some
            from geo.webmap.context import context_label
        for group, layer in context:
            meta = {"key": "context:" + layer.name, "name": layer.name, "total": len(layer),
                    "unplaced": 0, "context": True,
                    "label": context_label(layer.name, len(layer))}
            layer_items.append(f"{{g:{js_name(group)}," + script_json(meta)[1:])
        self.layers_js = "[" + ",\n".join(layer_items) + "]"
        items = [f"{{f:{js_name(e.feature)},g:{js_name(lg.group)}," + script_json(e.data())[1:]
                 for lg in groups for e in lg.entries]
        self.entries_js = "[" + ",\n".join(items) + "]"
        self.config_js = script_json(dict(config))
        self.tiles_js = js_name(tiles) if tiles is not None else "null"


class InitialView(MacroElement):
    """The first view, set right after the map is made and before any layer joins it (so
    each is placed once): a link's view, else ``bounds`` (``[[south, west], [north, east]]``
    or ``None``) fitted clear of the page's controls (``geoInitialView`` in ``webmap.js``)."""

    _template = MacroTemplate("""
        {% macro script(this, kwargs) %}
        geoInitialView({{ this._parent.get_name() }}, {{ this.bounds_js }});
        {% endmacro %}
    """)

    def __init__(self, bounds: list[list[float]] | None):
        super().__init__()
        self._name = "InitialView"
        self.bounds_js = script_json(bounds)


def _bounds(layers: Mapping[str, gpd.GeoDataFrame]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of every drawn geometry (missing and empty ones
    aside), ``None`` when there is none."""
    drawn = []
    for frame in layers.values():
        # the geometry array's own methods: a GeoSeries made at each step cost 6 ms a build
        geoms = frame.geometry.array
        drawn.append(geoms[~(geoms.isna() | geoms.is_empty)])
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


def summary_text(drawn: Mapping[str, int]) -> str:
    """How many entities of each layer the map draws: ``25 sites · 3 routes · 1 corridor``."""
    return " · ".join(_count(n, LAYER_LABELS[k].lower()) for k, n in drawn.items())


def _controls_config(groups: Sequence[LayerGroup], names: Mapping[str, str], title: str,
                     legend: str, offline: bool) -> dict[str, Any]:
    """What the page's controls need beside the entries: the title, the counts, the legend
    (escaped HTML), the year range, and the values the filters offer (organisations with
    a role towards a drawn entity, statuses and kinds drawn)."""
    entries = [e for lg in groups for e in lg.entries]
    years = [y for e in entries for y in (e.year_from, e.year_to) if y is not None]
    involved = {i for e in entries for role in ROLES for i in e.roles.get(role, ())}
    organisations = sorted(([i, names.get(i, i)] for i in involved),
                           key=lambda pair: (pair[1].casefold(), pair[0]))
    statuses = sorted({e.status or "none" for e in entries if e.layer in STATUS_LAYERS},
                      key=lambda s: (s == "none", s))
    kinds: dict[str, dict[str, Any]] = {}
    for e in entries:
        kinds.setdefault(e.kind_key, {"key": e.kind_key, "layer": e.layer,
                                      "label": e.kind_label})
    order = {layer: i for i, layer in enumerate(LAYER_LABELS)}
    return {
        "title": title,
        "summary": summary_text({lg.name: lg.drawn for lg in groups}),
        "legendHtml": legend,
        "minYear": min(years) if years else None,
        "maxYear": max(years) if years else None,
        "organisations": organisations,
        "roles": list(ROLES),
        "statuses": statuses,
        "kinds": sorted(kinds.values(), key=lambda k: (order[k["layer"]], k["label"])),
        "layerNouns": {k: KIND_NOUN[k].capitalize() for k in LAYER_LABELS},
        "offline": offline,
    }


def build_map(layers: Mapping[str, gpd.GeoDataFrame], *, offline: bool = False,
              tiles: str = DEFAULT_TILES, segment_lines: SegmentLines | None = None,
              title: str = DEFAULT_TITLE, context: Sequence[ContextLayer] = (),
              citations: Mapping[str, Citation] | None = None) -> folium.Map:
    """The interactive map of ``layers`` (``{layer name: GeoDataFrame}`` in EPSG:4326).

    ``segment_lines`` (route id -> ``[(medium, [(lon, lat), ...]), ...]``) lets routes be
    drawn segment by segment in each segment's medium. ``tiles`` names an xyzservices
    provider (ignored offline). ``citations`` (article stem ->
    :class:`~geo.webmap.citations.Citation`) says how popups cite each article. Raises
    :class:`InputError` for unknown layers or tiles.
    """
    unknown = sorted(set(layers) - set(BUILDERS))
    if unknown:
        raise InputError(f"unknown layer {unknown[0]!r}; expected one of: "
                         + ", ".join(BUILDERS))
    provider = None if offline else tile_provider(tiles)
    fmap = folium.Map(location=(20.0, 30.0), zoom_start=3, tiles=None, control_scale=False,
                      min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM, world_copy_jump=False,
                      prefer_canvas=False, zoom_snap=0.25, zoom_delta=0.5)
    # Only Leaflet, inlined: no CDN, no jQuery, Bootstrap or Font Awesome.
    fmap.default_js = []
    fmap.default_css = []
    header = fmap.get_root().header
    header.add_child(Raw(f'<meta http-equiv="Content-Security-Policy" '
                         f'content="{_CSP_SLOT}">'), name="geo_csp")
    header.add_child(InlineAssets(offline_assets.leaflet_js(), offline_assets.leaflet_css()),
                     name="leaflet_inline")
    header.add_child(Raw(f"<title>{esc(title)}</title>"), name="geo_title")
    # an empty inline icon: served over HTTP, a page without one makes the browser ask the
    # server for /favicon.ico (a request the map must not make)
    header.add_child(Raw('<link rel="icon" href="data:,">'), name="geo_icon")
    header.add_child(InlineAssets(_asset("webmap.js"), _asset("webmap.css")), name="geo_assets")

    fmap.add_child(Panes())
    fmap.add_child(InitialView(_bounds(layers)))
    # the outlines are the whole basemap offline, and what remains online when tiles fail
    fmap.add_child(CountryOutlines(offline_assets.countries_script_json(),
                                   OFFLINE_ATTRIBUTION if offline else ONLINE_ATTRIBUTION))
    tile_layer = None
    if provider is not None:
        tile_layer = folium.TileLayer(provider, name=provider.name, control=False)
        tile_layer.add_to(fmap)

    names = _names(layers)
    groups: list[LayerGroup] = []
    # lines first: they note where they draw positions past ±180°, and the markers there
    # are drawn there too (geo.webmap.layers.FarSide)
    far_side = FarSide()
    for name in BUILD_ORDER:
        if name not in layers:
            continue
        frame = layers[name]
        if name == "routes":
            lg = BUILDERS[name](frame, names, segment_lines, citations=citations,
                                far_side=far_side)
        else:
            lg = BUILDERS[name](frame, names, citations=citations, far_side=far_side)
        groups.append(lg)
    # the panel lists layers in catalogue order; drawing order is by pane
    by_name = {lg.name: lg for lg in groups}
    for name in layers:
        by_name[name].group.add_to(fmap)
    # context layers: listed under the catalogue's, drawn under it (pane geo-context, z 350)
    context_groups: list[tuple[Any, ContextLayer]] = []
    context_legend = ""
    if context:  # their modules are imported for maps that have some (3 ms)
        from geo.webmap.context import add_context_layer, context_legend_html, distinct_context
        from geo.webmap.styles import context_style
        from geo.webmap.tiled import add_tiled_context_layer

        context = distinct_context(context, [lg.group.layer_name for lg in groups])
        # a big layer is drawn from vector tiles (geo.tiles), the others inline
        context_groups = [((add_tiled_context_layer if layer.tiles is not None
                            else add_context_layer)(fmap, layer, context_style(i)), layer)
                          for i, layer in enumerate(context)]
        context_legend = context_legend_html([group.legend for group, _layer in context_groups])

    drawn_styles = {key for lg in groups for key in lg.styles}
    legend = legend_html(extra_html=context_legend, drawn=drawn_styles)
    ordered = [by_name[n] for n in layers]
    fmap.add_child(MapUi(ordered, context_groups,
                         _controls_config(ordered, names, title, legend, offline), tile_layer))
    return fmap


def render_map(layers: Mapping[str, gpd.GeoDataFrame], **kwargs: Any) -> str:
    """The map of :func:`build_map` as one HTML page (text); no text of the catalogue,
    the articles or the context files is ever evaluated as a template
    (:func:`geo.webmap.render.render_page`)."""
    page = render_page(build_map(layers, **kwargs))
    if kwargs.get("offline"):
        return _with_csp(page)
    return _with_csp(page, tile_sources(tile_provider(kwargs.get("tiles", DEFAULT_TILES))))


def write_map(html_text: str, path: str | os.PathLike[str]) -> Path:
    """Write the page atomically (a failed run leaves an earlier map untouched)."""
    return write_text_atomic(path, html_text)
