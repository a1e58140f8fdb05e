"""Small folium elements of the map: popups and tooltips bound safely, panes, the legend,
the title, the country-outline basemap and inlined assets.

Untrusted text only ever reaches the page as HTML escaped by :mod:`geo.webmap.popups`, inside
JSON escaped for ``<script>`` by :func:`geo.webmap.safe.script_json`. (folium's own ``Popup``
and ``Tooltip`` put raw HTML inside a JavaScript template literal, where ``${...}`` runs even
after HTML escaping, so they are not used.)
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from branca.element import MacroElement

from geo.names import LAYERS
from geo.webmap.macro import MacroTemplate
from geo.webmap.render import Raw
from geo.webmap.safe import esc, script_json
from geo.webmap.styles import STYLES, Style

_JS_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

#: Leaflet panes, bottom to top (Leaflet's overlayPane is 400, markerPane 600)
PANES = {
    "geo-basemap": 150,
    "geo-corridors": 380,
    "geo-agreements": 395,
    "geo-routes": 410,
    "geo-organisations": 430,
    "geo-sites": 440,
}


def js_name(element: Any) -> str:
    """The JavaScript variable folium gives ``element``, checked to be a plain identifier."""
    name = element.get_name()
    if not _JS_NAME.match(name):  # pragma: no cover - folium names are uuid-based
        raise ValueError(f"unexpected folium variable name {name!r}")
    return name


class Bind(MacroElement):
    """Bind an escaped popup and a tooltip to the parent layer (marker, path or group)."""

    _template = MacroTemplate("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup({{ this.popup_js }}, {{ this.popup_opts }});
        {{ this._parent.get_name() }}.bindTooltip({{ this.tooltip_js }}, {{ this.tip_opts }});
        {% endmacro %}
    """)

    # the page's script sets the size and the panning margins of a popup when it opens,
    # from the layout of the moment (``webmap.js``); these are its defaults (the same for
    # every feature: written once, not per feature)
    popup_opts = script_json({"maxWidth": 380, "minWidth": 240, "maxHeight": 420,
                              "className": "geo-popup-wrap",
                              "autoPanPaddingTopLeft": [60, 10],
                              "autoPanPaddingBottomRight": [10, 40]})
    tip_opts = script_json({"sticky": True, "direction": "top", "opacity": 0.95,
                            "className": "geo-tooltip"})

    def __init__(self, popup_html: str, tooltip_html: str):
        super().__init__()
        self._name = "Bind"
        self.popup_js = script_json(popup_html)
        self.tooltip_js = script_json(tooltip_html)


class Panes(MacroElement):
    """Create the map's panes so corridors draw under routes and points on top."""

    _template = MacroTemplate("""
        {% macro script(this, kwargs) %}
        (function (map) {
          var panes = {{ this.panes_js }};
          Object.keys(panes).forEach(function (name) {
            map.createPane(name);
            map.getPane(name).style.zIndex = panes[name];
          });
          map.getPane("geo-basemap").style.pointerEvents = "none";
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "Panes"
        self.panes_js = script_json(PANES)


#: Shifts (degrees of longitude) at which the country outlines are drawn: the world and a
#: copy on each side, under the lines and markers drawn past ±180° (geo.webmap.layers).
OUTLINE_SHIFTS = (-360.0, 0.0, 360.0)


class CountryOutlines(MacroElement):
    """Natural Earth country outlines drawn as the basemap (no tiles, no network), up to
    three times side by side (:data:`OUTLINE_SHIFTS`), so that land lies under a line drawn
    across ±180° whichever side of it the view is on.

    A copy is drawn once the view reaches it (when the map opens, and as it moves): most
    views show one world, and each copy costs the page its paths at every load and zoom
    step (90 ms of a tiled map's first draw and 30 ms of each zoom step, measured in
    headless Chromium)."""

    _template = MacroTemplate("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map, data) {
          var group = L.layerGroup().addTo(map), drawn = {};
          function draw() {
            var bounds = map.getBounds(), west = bounds.getWest(), east = bounds.getEast();
            {{ this.shifts_js }}.forEach(function (shift) {
              if (drawn[shift] || east < shift - 180 || west > shift + 180) { return; }
              drawn[shift] = L.geoJSON(data, {
                pane: "geo-basemap", interactive: false,
                style: function () { return {{ this.style_js }}; },
                coordsToLatLng: function (c) { return L.latLng(c[1], c[0] + shift); }
              }).addTo(group);
            });
          }
          map.whenReady(draw);
          map.on("move zoom viewreset", draw);
          return group;
        })({{ this._parent.get_name() }}, {{ this.data_js }});
        {{ this._parent.get_name() }}.getContainer().classList.add("geo-offline-basemap");
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.credit_js }});
        {% endmacro %}
    """)

    def __init__(self, data_js: str, credit: str):
        """``data_js``: the outlines (a GeoJSON FeatureCollection) as script JSON text
        (:func:`geo.webmap.safe.script_json`, e.g.
        :func:`geo.webmap.offline.countries_script_json`)."""
        super().__init__()
        self._name = "CountryOutlines"
        self.credit_js = script_json(esc(credit))
        self.data_js = data_js
        self.shifts_js = script_json(list(OUTLINE_SHIFTS))
        self.style_js = script_json({"color": "#b9c0c8", "weight": 0.7, "fill": True,
                                     "fillColor": "#f4f2ec", "fillOpacity": 1.0,
                                     "className": "geo-country"})


def swatch_svg(shape_svg: str) -> str:
    """A legend sample: ``shape_svg`` (SVG elements, escaped) in a 20x12 px inline SVG."""
    return f'<svg width="20" height="12" aria-hidden="true">{shape_svg}</svg>'


def _swatch(style: Style) -> str:
    """An inline SVG sample of ``style`` (20x12 px)."""
    return swatch_svg(_swatch_shape(style))


def _swatch_shape(style: Style) -> str:
    """The SVG elements of :func:`_swatch`'s sample of ``style``."""
    c = esc(style.color)
    if style.shape == "circle":
        r = min(style.radius, 5.5)
        return (f'<circle cx="10" cy="6" r="{r}" '
                f'fill="{c}" fill-opacity="{style.fill_opacity}" stroke="#fff" '
                'stroke-width="1.2"/>')
    if style.shape == "pin":
        return (f'<path d="M10 11.5 L6.4 4.6 '
                f'A4 4 0 1 1 13.6 4.6 Z" fill="{c}" stroke="#fff" stroke-width="1"/>'
                '<circle cx="10" cy="4" r="1.4" fill="#fff"/>')
    if style.shape == "draft":
        return (f'<circle cx="5.5" cy="6" r="4.5" '
                f'fill="none" stroke="{c}" stroke-width="1.5" stroke-dasharray="2 2"/>'
                f'<line x1="12" y1="6" x2="20" y2="6" stroke="{c}" stroke-opacity="'
                f'{style.opacity}" stroke-width="6" stroke-dasharray="4 2"/>')
    if style.shape == "diamond":
        return (f'<rect x="6" y="2" width="8" '
                f'height="8" fill="{c}" stroke="#fff" stroke-width="1" '
                'transform="rotate(45 10 6)"/>')
    if style.shape == "band":
        return (f'<line x1="1" y1="6" x2="19" '
                f'y2="6" stroke="{c}" stroke-opacity="{style.opacity}" stroke-width="10" '
                'stroke-linecap="round"/>')
    if style.shape == "arc":
        return (f'<path d="M1 10 Q10 -2 19 10" '
                f'fill="none" stroke="{c}" stroke-width="{style.weight}"/>')
    dash = f' stroke-dasharray="{esc(style.dash)}"' if style.dash else ""
    return (f'<line x1="1" y1="6" x2="19" y2="6" '
            f'stroke="{c}" stroke-width="{min(style.weight, 3.5)}"{dash}/>')


#: legend group -> its heading: each layer's title, and ``*`` (the status styles)
LAYER_TITLES = {**{layer.name: layer.title for layer in LAYERS}, "*": "Status"}


def legend_html(styles: tuple[Style, ...] = STYLES, extra_html: str = "",
                drawn: Collection[str] = ()) -> str:
    """The legend's HTML: one row per style of the table, grouped by layer; a style marked
    ``when_drawn`` only when its key is in ``drawn`` (the keys of the styles the map draws);
    ``extra_html`` (already escaped, e.g. :func:`geo.webmap.context.context_legend_html`) after
    the groups."""
    groups: dict[str, list[Style]] = {}
    for style in styles:
        if style.when_drawn and style.key not in drawn:
            continue
        groups.setdefault(style.layer, []).append(style)
    parts = ['<details class="geo-legend" open><summary>Legend</summary>']
    for layer, members in groups.items():
        parts.append(f'<div class="geo-legend-group"><h4>{esc(LAYER_TITLES[layer])}</h4><ul>')
        for style in members:
            parts.append(f'<li data-style-key="{esc(style.key)}">{_swatch(style)}'
                         f"<span>{esc(style.label)}</span></li>")
        parts.append("</ul></div>")
    parts.append(extra_html)
    parts.append('<p class="geo-legend-note">Lengths are geodesic (WGS84) along the drawn '
                 "line. Click or tap a feature for its facts and sources; where features "
                 "overlap, a list lets you choose.</p></details>")
    return "".join(parts)


class HtmlControl(MacroElement):
    """A Leaflet control holding fixed HTML (already escaped) at ``position``."""

    _template = MacroTemplate("""
        {% macro script(this, kwargs) %}
        (function (map) {
          var Ctl = L.Control.extend({
            onAdd: function () {
              var div = L.DomUtil.create("div", {{ this.class_js }});
              div.innerHTML = {{ this.html_js }};
              L.DomEvent.disableClickPropagation(div);
              L.DomEvent.disableScrollPropagation(div);
              return div;
            }
          });
          new Ctl({ position: {{ this.position_js }} }).addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html_text: str, css_class: str, position: str):
        super().__init__()
        self._name = "HtmlControl"
        self.html_js = script_json(html_text)
        self.class_js = script_json(f"leaflet-control {css_class}")
        self.position_js = script_json(position)


class InlineAssets(Raw):
    """Leaflet's JS and CSS inlined in the page header (for the offline map), as they are
    (not a template: Leaflet's code may hold ``{{``)."""

    def __init__(self, js: str, css: str):
        super().__init__(f"<style>{css}</style>\n<script>{js}</script>\n", "InlineAssets")
