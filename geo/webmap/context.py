"""Draw a :class:`~geo.context.ContextLayer` on a folium map, quietly and fast at scale.

One layer becomes one ``folium.FeatureGroup`` holding ONE compact GeoJSON (lines, polygons
and points together) drawn by ``L.geoJSON`` on an ``L.canvas`` renderer that all context
layers of a map share (in the pane :data:`CONTEXT_PANE`, under the catalogue): no SVG node
or DOM marker per feature, so 500 cables and 10,000 points stay quick. Points are canvas
``L.circleMarker`` s; clustering needs the Leaflet.markercluster script, which geo does not
ship, and on canvas 10,000 circle markers draw faster than 10,000 clustered DOM markers
(tests/benchmarks/bench_context.py measures it when the plugin is installed).

Compact embedding: coordinates rounded by the reader (5 decimals), JSON without spaces,
per feature only ``{"v": [id, label, value...]}`` with the field names once per layer.

Untrusted text: every value reaches the page inside a JSON literal in which ``<``, ``>`` and
``&`` are written as ``\\u003c``... (no ``</script>`` break-out), and popups (on click) and
tooltips (on hover) are built as DOM nodes with ``textContent``, never ``innerHTML``. The
FeatureGroup's name (shown by Leaflet's layer control as HTML) is HTML-escaped.

At scale (tests/benchmarks/bench_browser_context.py measures it, at up to 10M vertices,
against a bare Leaflet page): a hover or click costs the same at 10M vertices as at 10k, as
ONE ``L.tooltip`` per layer takes the hovered feature's label (a tooltip bound to the group
walks every feature at each opening) and the shared canvas finds the feature under the
pointer through a grid of its cells (Leaflet's canvas tests every feature); and every
vertex is projected once at load, as the features join after the page has set its view.

The page exposes ``window.geoContext[NAME] = {layer, group, count, tooltip}`` for tests and
scripts.
"""

from __future__ import annotations

import dataclasses
import html
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import shapely
from branca.element import MacroElement

from geo.context import ID_COL, LABEL_COL, LENGTH_COL, ContextLayer
from geo.webmap.elements import swatch_svg
from geo.webmap.layers import group_label
from geo.webmap.macro import MacroTemplate
from geo.webmap.safe import script_json
from geo.webmap.styles import ContextStyle, context_style

__all__ = ["CONTEXT_PANE", "ContextFeatureGroup", "ContextStyle", "LegendEntry",
           "add_context_layer", "context_label", "context_layers_for_map", "context_legend_html",
           "context_style", "control_label", "distinct_context", "feature_collection",
           "feature_collection_js", "js_json", "legend_entry"]

#: The Leaflet pane of context layers and its z-index: above tiles (200) and geo's basemap
#: (150), under Leaflet's overlayPane (400) and the catalogue's panes (380 and up), so the
#: catalogue draws on top; SVG panes above let clicks through to this canvas.
CONTEXT_PANE = "geo-context"
CONTEXT_PANE_Z = 350


#: Leaflet popup options of context features: styled like the catalogue's popups
#: (``geo/data/webmap.css``), and panned clear of the control columns on both sides of the
#: map (the layer control, search and legend sit over popups), as the catalogue's are.
POPUP_OPTIONS = {"maxWidth": 360, "minWidth": 200, "className": "geo-popup-wrap",
                 "autoPanPaddingTopLeft": [60, 10], "autoPanPaddingBottomRight": [290, 10]}


@dataclass(frozen=True)
class LegendEntry:
    """What the legend says about one context layer. Text fields are raw (untrusted):
    escape them, or use :meth:`html`."""

    label: str
    source: str
    count: int
    licence: str | None
    colour: str
    geometry_type: str

    def html(self) -> str:
        """One escaped legend row (``<li>``): swatch, label, count, file name, licence."""
        esc = html.escape
        colour = esc(self.colour)
        if self.geometry_type == "point":
            shape = (f'<circle cx="10" cy="6" r="3.5" fill="{colour}" fill-opacity="0.6" '
                     f'stroke="{colour}"/>')
        else:
            shape = f'<line x1="1" y1="6" x2="19" y2="6" stroke="{colour}" stroke-width="1.5"/>'
        plural = "" if self.count == 1 else "s"
        licence = f" · {esc(self.licence)}" if self.licence else ""
        return (f'<li class="geo-context-legend">{swatch_svg(shape)}'
                f"<span>{esc(self.label)} ({self.count:,} feature{plural}; "
                f"{esc(self.source)}{licence})</span></li>")


def context_legend_html(entries: Sequence[LegendEntry]) -> str:
    """The legend group of the context layers (escaped HTML; empty without entries)."""
    if not entries:
        return ""
    rows = "".join(entry.html() for entry in entries)
    return f'<div class="geo-legend-group"><h4>Context layers</h4><ul>{rows}</ul></div>'


class ContextFeatureGroup(folium.FeatureGroup):
    """A ``folium.FeatureGroup`` that also carries the layer's :class:`LegendEntry`."""

    legend: LegendEntry


def legend_entry(layer: ContextLayer, style: ContextStyle | None = None) -> LegendEntry:
    """The :class:`LegendEntry` of ``layer`` drawn in ``style``."""
    style = style or ContextStyle()
    return LegendEntry(label=layer.name, source=layer.path.name, count=len(layer),
                       licence=layer.licence, colour=style.colour,
                       geometry_type=layer.geometry_type)


def js_json(value: Any) -> str:
    """Compact JSON that is safe inside an HTML ``<script>`` element
    (:func:`geo.webmap.safe.script_json`)."""
    return script_json(value, compact=True)


def context_label(name: str, count: int) -> str:
    """A context layer's label in the map's panel, as text: ``cables (1,234)``."""
    return f"{name} ({count:,})"


def control_label(name: str, count: int) -> str:
    """A context layer's label in the layer control, HTML-escaped: ``cables (1,234)``."""
    return html.escape(context_label(name, count))


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


def context_layers_for_map(context: Sequence[ContextLayer], layers: Mapping[str, Any]
                           ) -> list[ContextLayer]:
    """``context`` named as the map of the catalogue ``layers`` (``{layer name: frame}``)
    will show them (``cables``, ``cables #2``...: :func:`distinct_context`)."""
    return distinct_context(context, [group_label(name, len(frame))
                                      for name, frame in layers.items()])


def _json_value(value: Any) -> Any:
    """None for missing values (pandas turns None into NaN in numeric columns)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def feature_collection_js(layer: ContextLayer) -> tuple[str, list[str]]:
    """The compact FeatureCollection drawn for ``layer``, as script-safe JSON text, and the
    field names of ``v``.

    Each feature's properties are ``{"v": [id, label, value...]}``; the values follow the
    returned field names (the popup fields, then ``length (km, geodesic)`` for lines).
    Geometries are GEOS's GeoJSON text (numbers and type names only) of the rounded
    drawing coordinates.
    """
    gdf = layer.features
    has_length = bool(gdf[LENGTH_COL].notna().any()) if len(gdf) else False
    names = list(layer.popup_fields) + (["length (km, geodesic)"] if has_length else [])
    columns = [gdf[f].tolist() for f in layer.popup_fields]
    lengths = gdf[LENGTH_COL].tolist()
    geoms = shapely.to_geojson(gdf.geometry.to_numpy())
    ids, labels = gdf[ID_COL].tolist(), gdf[LABEL_COL].tolist()
    features = []
    for i, geom in enumerate(geoms):
        values: list[Any] = [ids[i], labels[i], *(_json_value(col[i]) for col in columns)]
        if has_length:
            length = lengths[i]
            values.append(None if length is None or math.isnan(length)
                          else round(length / 1000.0, 1))
        features.append(f'{{"type":"Feature","geometry":{geom},'
                        f'"properties":{{"v":{js_json(values)}}}}}')
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}", names


def feature_collection(layer: ContextLayer) -> tuple[dict[str, Any], list[str]]:
    """:func:`feature_collection_js` as a dict (what the page's ``data`` holds)."""
    text, names = feature_collection_js(layer)
    return json.loads(text), names


#: How the script of every context layer opens, inline or tiled (a Jinja macro: its map, its
#: group, its ``meta`` of script-safe JSON, and the context layers' pane made once).
CONTEXT_SCRIPT_START = """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this.map_name }};
  var group = {{ this._parent.get_name() }};
  var meta = {{ this.meta_js }};
  if (!map.getPane(meta.pane)) {
    map.createPane(meta.pane);
    map.getPane(meta.pane).style.zIndex = meta.zIndex;
  }
"""

#: The script of one context layer (a Jinja macro; its values are script-safe JSON).
_SCRIPT = CONTEXT_SCRIPT_START + """  var data = {{ this.data_js }};
  // one canvas for every context layer: a second canvas on top would take all the clicks.
  // Leaflet's padding (0.1 of the view beyond each edge): 0.5 drew 4 times the view's area
  // at each load and zoom step (a zoom step at 1M vertices took 1.37 times a bare Leaflet
  // page's, now 1.13) to spare blank edges while a drag is under way
  var renderer = map._geoContextRenderer;
  if (!renderer) {
    renderer = map._geoContextRenderer = L.canvas({pane: meta.pane, padding: 0.1});
    hitGrid(renderer);
  }
  // Hit-testing through a grid. Leaflet's canvas tests the pointer against every feature it
  // holds, at each mouse move and click: time grows with the feature count. The grid holds
  // each feature in the 64-pixel cells of the canvas that its pixel bounds (Leaflet's own,
  // click tolerance included) cover, and is rebuilt at the first pointer event after the
  // view or the layers change. A move or click then tests only the features of its cell
  // (and those too large for the grid), and finds the feature Leaflet would: the last drawn
  // under the pointer. Installed before the canvas is added (it binds its click handler
  // then); Leaflet's own hit-testing stays on any Leaflet but 1.9, whose private methods
  // these replace.
  function hitGrid(r) {
    var CELL = 64, MAX_CELLS = 256, grid = null;
    var proto = L.Canvas.prototype;
    if (String(L.version).indexOf('1.9.') !== 0 || !proto._handleMouseHover || !proto._onClick ||
        !proto._fireEvent || !proto._handleMouseOut || !map._draggableMoved) { return; }
    map.on('zoomend moveend viewreset resize', function () { grid = null; });
    map.on('layeradd layerremove', function (e) {  // not the tooltip's opening and closing
      if (e.layer._renderer === r) { grid = null; }
    });
    function build() {
      var cells = new Map(), big = [], b = r._bounds, n = 0;
      r._geoGridBuilds = (r._geoGridBuilds || 0) + 1;  // for tests
      for (var order = r._drawFirst; order; order = order.next) {
        var l = order.layer, pb = l._pxBounds;
        l._geoDrawn = n++;
        if (!b || !pb || !l.options.interactive || !b.intersects(pb)) { continue; }
        var x0 = Math.floor(Math.max(pb.min.x, b.min.x) / CELL);
        var x1 = Math.floor(Math.min(pb.max.x, b.max.x) / CELL);
        var y0 = Math.floor(Math.max(pb.min.y, b.min.y) / CELL);
        var y1 = Math.floor(Math.min(pb.max.y, b.max.y) / CELL);
        if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS) { big.push(l); continue; }
        for (var x = x0; x <= x1; x++) {
          for (var y = y0; y <= y1; y++) {
            var key = (x + 32768) * 65536 + (y + 32768), list = cells.get(key);
            if (list) { list.push(l); } else { cells.set(key, [l]); }
          }
        }
      }
      return {cells: cells, big: big};
    }
    function lastHit(list, point, accept) {
      for (var i = list.length - 1; i >= 0; i--) {
        var l = list[i];
        if (l._map && l.options.interactive && l._containsPoint(point) && accept(l)) { return l; }
      }
      return null;
    }
    function hit(point, accept) {
      if (!grid) { grid = build(); }
      var key = (Math.floor(point.x / CELL) + 32768) * 65536 + (Math.floor(point.y / CELL) + 32768);
      var inCell = lastHit(grid.cells.get(key) || [], point, accept);
      var inBig = lastHit(grid.big, point, accept);
      if (!inCell || !inBig) { return inCell || inBig; }
      return inCell._geoDrawn > inBig._geoDrawn ? inCell : inBig;
    }
    function any() { return true; }
    r._handleMouseHover = function (e, point) {  // Leaflet 1.9's, but for the hit-test
      if (this._mouseHoverThrottled) { return; }
      var candidate = hit(point, any);
      if (candidate !== this._hoveredLayer) {
        this._handleMouseOut(e);
        if (candidate) {
          L.DomUtil.addClass(this._container, 'leaflet-interactive');
          this._fireEvent([candidate], e, 'mouseover');
          this._hoveredLayer = candidate;
        }
      }
      this._fireEvent(this._hoveredLayer ? [this._hoveredLayer] : false, e);
      this._mouseHoverThrottled = true;
      var self = this;
      setTimeout(function () { self._mouseHoverThrottled = false; }, 32);
    };
    r._onClick = function (e) {  // Leaflet 1.9's, but for the hit-test
      var m = this._map, point = m.mouseEventToLayerPoint(e);
      var pressed = e.type === 'click' || e.type === 'preclick';
      var clicked = hit(point, function (l) { return !pressed || !m._draggableMoved(l); });
      this._fireEvent(clicked ? [clicked] : false, e);
    };
  }
  var pointStyle = Object.assign({renderer: renderer}, meta.point);
  function text(tag, value) {
    var el = document.createElement(tag);
    el.textContent = String(value);
    return el;
  }
  function popup(layer) {
    var v = layer.feature.properties.v;
    var root = document.createElement('div');
    root.className = 'geo-context-popup';
    root.appendChild(text('h3', v[1]));
    var table = document.createElement('table');
    for (var i = 0; i < meta.fields.length; i++) {
      var value = v[i + 2];
      if (value === null || value === '') continue;
      var row = table.insertRow();
      row.appendChild(text('th', meta.fields[i]));
      row.appendChild(text('td', value));
    }
    root.appendChild(table);
    var foot = text('small', meta.name + ' · id ' + v[0] +
                    (meta.licence ? ' · ' + meta.licence : ''));
    root.appendChild(foot);
    return root;
  }
  var layer = L.geoJSON(null, {
    renderer: renderer,
    style: function () { return meta.path; },
    pointToLayer: function (f, latlng) { return L.circleMarker(latlng, pointStyle); }
  });
  layer.bindPopup(popup, meta.popup);
  // ONE tooltip per layer, filled and placed by the hovered feature's events. A tooltip
  // bound to the whole group (bindTooltip) walks every feature of the group each time it
  // opens, for an aria attribute canvas features have no element to carry: per hover,
  // time grows with the feature count. The label is a text node, never HTML. As
  // `layer._tooltip`, Leaflet's getTooltip, isTooltipOpen, closeTooltip and openTooltip of
  // the layer work on it, with none of bindTooltip's handlers.
  var tip = layer._tooltip = L.tooltip({sticky: true}, layer);
  function pointer(e) {
    var oe = e.originalEvent;
    return oe && oe.clientX !== undefined ? map.mouseEventToLatLng(oe) : e.latlng;
  }
  function showTip(e) {
    var feature = e.layer && e.layer.feature;
    if (!feature || (map.dragging && map.dragging.moving())) { return; }
    tip.setContent(document.createTextNode(feature.properties.v[1]));
    tip.setLatLng(pointer(e));
    if (!tip.isOpen()) { tip.openOn(map); }
  }
  layer.on({
    mouseover: showTip,
    click: showTip,  // a tap shows the label too, as a bound tooltip does
    mousemove: function (e) { if (tip.isOpen()) { tip.setLatLng(pointer(e)); } },
    mouseout: function () { tip.close(); },
    remove: function () { tip.close(); }
  });
  layer.addTo(group);
  window.geoContext = window.geoContext || {};
  window.geoContext[meta.name] = {layer: layer, group: group, count: meta.count, tooltip: tip};
  // The features join once the page's scripts have set the first view (fitted to the
  // catalogue, or a link's): joined before, Leaflet would project and clip every vertex
  // again at that view (seconds at a million vertices).
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { layer.addData(data); });
  } else {
    layer.addData(data);
  }
})();
{% endmacro %}
"""
_TEMPLATE = MacroTemplate(_SCRIPT)


class _ContextData(MacroElement):
    """The script that draws one context layer into its parent FeatureGroup (rendered by
    :func:`geo.webmap.render.render_page`: its data is never a template)."""

    _template = _TEMPLATE

    def __init__(self, map_name: str, meta_js: str, data_js: str):
        super().__init__()
        self._name = "GeoContextData"
        self.map_name = map_name
        self.meta_js = meta_js
        self.data_js = data_js


def layer_meta(layer: ContextLayer, fields: Sequence[str]) -> dict[str, Any]:
    """What the script of every context layer, inline or tiled, reads first of ``meta``: its
    name, pane, feature count, licence note and popup fields."""
    return {"name": layer.name, "pane": CONTEXT_PANE, "zIndex": CONTEXT_PANE_Z,
            "licence": layer.licence, "count": len(layer), "fields": list(fields)}


def add_context_layer(m: folium.Map, layer: ContextLayer, style: ContextStyle | None = None,
                      *, show: bool = True) -> ContextFeatureGroup:
    """Add ``layer`` to ``m`` as its own toggleable FeatureGroup and return it.

    The group's ``legend`` attribute is the layer's :class:`LegendEntry`. Popups show the
    label, the popup fields, the geodesic length of lines in km and the file name, id and
    licence note, all as text.
    """
    style = style or ContextStyle()
    entry = legend_entry(layer, style)
    data_js, fields = feature_collection_js(layer)
    meta = {
        **layer_meta(layer, fields),
        "path": {"color": style.colour, "weight": style.line_weight_px,
                 "opacity": style.line_opacity, "fillOpacity": style.fill_opacity},
        "popup": POPUP_OPTIONS,
        "point": {"radius": style.point_radius_px, "color": style.colour, "weight": 1,
                  "opacity": style.point_opacity, "fillColor": style.colour,
                  "fillOpacity": style.point_opacity * 0.6},
    }
    group = ContextFeatureGroup(name=control_label(layer.name, len(layer)), show=show)
    group.legend = entry
    group.add_child(_ContextData(m.get_name(), js_json(meta), data_js))
    group.add_to(m)
    return group
