"""Make a folium page self-contained for tests: Leaflet inlined from ``xstatic-leaflet``,
every other remote script and stylesheet removed (the browser tests block the network)."""

from __future__ import annotations

import re
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

LEAFLET_DIR = Path(xleaflet.BASE_DIR)
_REMOTE = re.compile(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>'
                     r'|<link[^>]*\shref="https?://[^"]*"[^>]*>')


def leaflet_assets() -> tuple[str, str]:
    """Leaflet's JavaScript and CSS (the versions the PyPI package ships)."""
    js = (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    css = (LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    assert "</script" not in js and "</style" not in css
    return js, css


def inline_leaflet(page_html: str) -> str:
    """``page_html`` with remote assets dropped and Leaflet inlined at the top of <head>."""
    js, css = leaflet_assets()
    stripped = _REMOTE.sub("", page_html)
    head = f"<head>\n<style>{css}</style>\n<script>{js}</script>\n"
    assert stripped.count("<head>") == 1
    return stripped.replace("<head>", head, 1)


def script_safe(json_text: str) -> str:
    """JSON text that cannot close the <script> element it is pasted into."""
    return json_text.replace("</", "<\\/").replace("<!--", "<\\!--")


def bare_leaflet_page(geojson_text: str, canvas: bool = False) -> str:
    """The baseline: Leaflet inlined, one map, ``L.geoJSON`` of the data, nothing else
    (``canvas``: the map prefers canvas and points are circle markers)."""
    js, css = leaflet_assets()
    options = "{preferCanvas: true}" if canvas else "{}"
    points = ("{pointToLayer: function (f, ll) { return L.circleMarker(ll, {radius: 3}); }}"
              if canvas else "{}")
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f"<style>{css} html,body,#map{{height:100%;margin:0}}</style>"
            f"<script>{js}</script></head><body><div id=\"map\"></div><script>"
            f"var map = L.map('map', {options}).setView([20, 0], 2);"
            f"var data = {script_safe(geojson_text)};"
            f"var layer = L.geoJSON(data, {points}).addTo(map);"
            "</script></body></html>")
