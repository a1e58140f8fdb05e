"""Draw a tiled context layer (:class:`geo.tiles.TiledSource`) on the folium map.

The layer is a protomaps-leaflet ``GridLayer`` (``geo/data/protomaps-leaflet.js``, inlined
once per page) in the context layers' pane, under the catalogue, reading
``maps/<map>.tiles/<layer>.pmtiles`` by range requests (the page must come from a web
server: ``geo serve``; opened as a file, the attribution says so). It sits in its own
``FeatureGroup``, so the layer control, the legend and the permalink's ``l=context:NAME``
treat it as any context layer.

Hover and click: at most once per animation frame, the features of the loaded tile under
the pointer (within :data:`PICK_PX` pixels) are looked up (protomaps-leaflet's
``queryTileFeaturesDebug``); ONE tooltip shows the label of the last one, and a click opens
its popup. Every value from the tiles (labels, fields, ids) is set as text
(``textContent`` / text nodes), never as HTML.

The page exposes ``window.geoContext[NAME] = {layer, group, count, tooltip, tiled: true,
pick(lng, lat)}`` for tests and scripts.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

import folium
from branca.element import MacroElement

from geo.errors import GeoError
from geo.webmap.context import (
    CONTEXT_SCRIPT_START,
    POPUP_OPTIONS,
    ContextFeatureGroup,
    control_label,
    js_json,
    layer_meta,
    legend_entry,
)
from geo.webmap.macro import MacroTemplate
from geo.webmap.render import Raw

#: Pointer distance (display pixels) within which a line or point is under the pointer.
PICK_PX = 6
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)


@functools.lru_cache(maxsize=1)
def protomaps_js() -> str:
    """protomaps-leaflet's bundle (``geo/data/protomaps-leaflet.js``), source-map comment
    removed, safe inside ``<script>``."""
    text = resources.files("geo.data").joinpath("protomaps-leaflet.js").read_text("utf-8")
    text = _SOURCE_MAP.sub("", text)
    if "</script" in text.lower() or "<!--" in text:
        raise GeoError("protomaps-leaflet.js holds '</script' or '<!--': cannot inline it")
    return text


_SCRIPT = CONTEXT_SCRIPT_START + """  var P = window.protomapsL;
  function of(type) { return function (z, f) { return f.geomType === type; }; }
  var G = P.GeomType;
  var rules = [
    {dataLayer: meta.layer, filter: of(G.Polygon), symbolizer: new P.PolygonSymbolizer(
      {fill: meta.colour, opacity: meta.fillOpacity, stroke: meta.colour, width: 0})},
    {dataLayer: meta.layer, filter: of(G.Polygon), symbolizer: new P.LineSymbolizer(
      {color: meta.colour, width: meta.lineWidth, opacity: meta.lineOpacity})},
    {dataLayer: meta.layer, filter: of(G.Line), symbolizer: new P.LineSymbolizer(
      {color: meta.colour, width: meta.lineWidth, opacity: meta.lineOpacity})},
    {dataLayer: meta.layer, filter: of(G.Point), symbolizer: new P.CircleSymbolizer(
      {radius: meta.pointRadius, fill: meta.colour, opacity: meta.pointOpacity,
       stroke: meta.colour, width: 1})}
  ];
  var layer = P.leafletLayer({url: meta.url, maxDataZoom: meta.maxDataZoom, paintRules: rules,
                              labelRules: [], attribution: '', pane: meta.pane});
  // the layer joins once the page's scripts are done with the view (a link to an entry
  // frames it last): joined before, it could start reading the tiles of another view
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { layer.addTo(group); });
  } else {
    layer.addTo(group);
  }
  function text(tag, value) {
    var el = document.createElement(tag);
    el.textContent = String(value);
    return el;
  }
  function props(f) { return f.props || {}; }
  function popup(f) {
    var p = props(f);
    var root = document.createElement('div');
    root.className = 'geo-context-popup';
    root.appendChild(text('h3', p['geo:label']));
    var table = document.createElement('table');
    for (var i = 0; i < meta.fields.length; i++) {
      var value = p[meta.fields[i]];
      if (value === undefined || value === null || value === '') continue;
      var row = table.insertRow();
      row.appendChild(text('th', meta.fields[i]));
      row.appendChild(text('td', value));
    }
    root.appendChild(table);
    root.appendChild(text('small', meta.name + ' · id ' + p['geo:id'] +
                          (meta.licence ? ' · ' + meta.licence : '')));
    return root;
  }
  // the feature under the pointer: the last one drawn of the loaded tile there
  function pick(lng, lat) {
    if (!map.hasLayer(layer)) { return null; }
    var found = layer.queryTileFeaturesDebug(lng, lat, meta.pickPx).get('') || [];
    for (var i = found.length - 1; i >= 0; i--) {
      if (found[i].layerName === meta.layer) { return found[i].feature; }
    }
    return null;
  }
  var tip = L.tooltip({sticky: true});
  var pending = null, shown = null;
  function hover() {
    var e = pending, t0 = performance.now();
    pending = null;
    if (!e || (map.dragging && map.dragging.moving())) { return; }
    var f = pick(e.latlng.lng, e.latlng.lat);
    if (!f) {
      if (shown) { tip.close(); shown = null; map.getContainer().style.cursor = ''; }
    } else {
      if (f !== shown) {
        tip.setContent(document.createTextNode(String(props(f)['geo:label'])));
        shown = f;
      }
      tip.setLatLng(e.latlng);
      if (!tip.isOpen()) { tip.openOn(map); }
      map.getContainer().style.cursor = 'pointer';
    }
    // tests/benchmarks/bench_tiles.py times each hover where it asks to
    if (window.__geoHoverTimes) { window.__geoHoverTimes.push(performance.now() - t0); }
  }
  map.on('mousemove', function (e) {
    if (pending === null) { requestAnimationFrame(hover); }
    pending = e;
  });
  map.on('mouseout', function () { pending = null; tip.close(); shown = null; });
  layer.on('remove', function () { tip.close(); shown = null; });
  var opened = 0;
  map.on('popupopen', function () { opened++; });
  map.on('click', function (e) {
    var target = e.originalEvent && e.originalEvent.target;
    if (target && target.classList && target.classList.contains('leaflet-interactive')) {
      return;  // a catalogue feature's own click
    }
    var before = opened;
    setTimeout(function () {
      if (opened !== before) { return; }  // the catalogue's picker opened something
      var f = pick(e.latlng.lng, e.latlng.lat);
      if (f) { L.popup(meta.popup).setLatLng(e.latlng).setContent(popup(f)).openOn(map); }
    }, 0);
  });
  if (location.protocol === 'file:') {
    var note = meta.name + ': drawn from tiles, which need the map served by `geo serve`';
    map.attributionControl.addAttribution(note.replace(/[&<>"']/g, function (c) {
      return '&#' + c.charCodeAt(0) + ';';
    }));
  }
  window.geoContext = window.geoContext || {};
  window.geoContext[meta.name] = {layer: layer, group: group, count: meta.count,
                                  tooltip: tip, tiled: true, pick: pick};
})();
{% endmacro %}
"""
_TEMPLATE = MacroTemplate(_SCRIPT)


class _TiledContext(MacroElement):
    """The script that draws one tiled context layer into its parent FeatureGroup."""

    _template = _TEMPLATE

    def __init__(self, map_name: str, meta_js: str):
        super().__init__()
        self._name = "GeoTiledContext"
        self.map_name = map_name
        self.meta_js = meta_js


def add_tiled_context_layer(m: folium.Map, layer: Any, style: Any, *, show: bool = True
                            ) -> Any:
    """Add the tiled context layer ``layer`` (its ``tiles`` a :class:`geo.tiles.TiledSource`)
    to ``m`` as its own toggleable FeatureGroup, drawn in ``style``
    (:class:`geo.webmap.styles.ContextStyle`); return the group (``legend`` set), as
    :func:`geo.webmap.context.add_context_layer` does for inline layers (whose caller,
    :func:`geo.webmap.build.build_map`, picks one or the other)."""

    source = layer.tiles
    m.get_root().header.add_child(Raw(f"<script>{protomaps_js()}</script>"),
                                  name="protomaps_leaflet")
    meta = {
        **layer_meta(layer, source.fields),
        "url": source.url,
        "layer": source.layer_name,
        "maxDataZoom": source.max_zoom,
        "pickPx": PICK_PX,
        "colour": style.colour,
        "lineWidth": style.line_weight_px,
        "lineOpacity": style.line_opacity,
        "fillOpacity": style.fill_opacity,
        "pointRadius": style.point_radius_px,
        "pointOpacity": style.point_opacity,
        "popup": POPUP_OPTIONS,
    }
    group = ContextFeatureGroup(name=control_label(layer.name, len(layer)), show=show)
    group.legend = legend_entry(layer, style)
    group.add_child(_TiledContext(m.get_name(), js_json(meta)))
    group.add_to(m)
    return group
