"""Issue 7 at scale in a real browser: 500 cables (≥ 100,000 vertices) and 10,000 points."""

from __future__ import annotations

from pathlib import Path

import folium
import pytest

from geo.context import read_context
from geo.webmap import add_context_layer, context_style
from tests.browser_context import synth
from tests.browser_context.offline import inline_leaflet

pytestmark = pytest.mark.browser

HOSTILE_FILE = Path(__file__).resolve().parents[1] / "data" / "context" / "hostile.geojson"


@pytest.fixture(scope="module")
def synthetic_map(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("context")
    lines_path, points_path = synth.write_dataset(folder)
    lines_written = synth.lines_frame()
    assert len(lines_written) == synth.N_LINES
    assert synth.vertex_count(lines_written) >= 100_000
    cables = read_context(lines_path)
    facilities = read_context(points_path)
    hostile = read_context(HOSTILE_FILE, name=synth.HOSTILE_NAME, licence=synth.HOSTILE_TEXT)
    m = folium.Map(location=[20, 170], zoom_start=2, tiles=None)
    for i, layer in enumerate((cables, facilities, hostile)):
        add_context_layer(m, layer, context_style(i))
    folium.LayerControl(collapsed=False).add_to(m)
    page = folder / "map.html"
    page.write_text(inline_leaflet(m.get_root().render()), encoding="utf-8")
    return {"url": page.as_uri(), "layers": (cables, facilities, hostile)}


def _load(watched, url: str):
    watched.page.goto(url)
    watched.page.wait_for_function("window.geoContext && Object.keys(window.geoContext).length")
    return watched.page


def test_every_feature_present_without_page_error(watched, synthetic_map):
    page = _load(watched, synthetic_map["url"])
    held = page.evaluate("""() => Object.entries(window.geoContext).map(([name, h]) =>
        [name, h.layer.getLayers().length, h.count, !!h.layer._map,
         new Set(h.layer.getLayers().map(l => l.feature.properties.v[0])).size])""")
    cables, facilities, hostile = synthetic_map["layers"]
    assert [h[0] for h in held] == [cables.name, facilities.name, hostile.name]
    assert held[0][1:] == [synth.N_LINES, synth.N_LINES, True, synth.N_LINES]
    assert held[1][1:] == [synth.N_POINTS, synth.N_POINTS, True, synth.N_POINTS]
    assert held[2][1] == len(hostile) > 0
    # drawn on one shared canvas: no SVG path or marker element per feature
    assert page.locator(".leaflet-geo-context-pane > canvas").count() == 1
    assert page.locator(".leaflet-map-pane canvas").count() == 1
    assert page.locator(".leaflet-map-pane path").count() == 0
    assert page.locator(".leaflet-marker-icon").count() == 0
    assert watched.errors == []
    assert watched.dialogs == []
    assert watched.blocked == []


def test_crossing_cables_drawn_short(watched, synthetic_map):
    page = _load(watched, synthetic_map["url"])
    spans = page.evaluate("""() => {
        const h = window.geoContext['cables'], map = h.layer._map, out = {};
        h.layer.eachLayer(l => {
            const id = l.feature.properties.v[0];
            if (!/^(cable|jump|multi)-/.test(id)) return;
            const b = l.getBounds();
            const px = map.latLngToContainerPoint(b.getNorthEast()).x
                     - map.latLngToContainerPoint(b.getSouthWest()).x;
            out[id] = [b.getEast() - b.getWest(), px, b.getWest(), b.getEast()];
        });
        out.__world_px = map.latLngToContainerPoint([0, 180]).x
                       - map.latLngToContainerPoint([0, -180]).x;
        return out;
    }""")
    world_px = spans.pop("__world_px")
    assert len(spans) == (synth.N_SPLIT_CROSSING + synth.N_JUMP_CROSSING
                          + 3 * synth.N_MULTI_FEATURE)
    span, px, west, east = spans[synth.CROSSING_ID]
    assert west < 180 < east  # continuous across the antimeridian
    for ident, (span, px, _west, _east) in spans.items():
        assert span < synth.CROSSING_SPAN_DEG, ident
        assert px < world_px * synth.CROSSING_SPAN_DEG / 360 + 2, ident
    # the three features of a segmented trans-Pacific cable meet end to end
    a, b, c = (spans[f"multi-0000-{s}"] for s in "abc")
    assert abs(a[3] - b[2]) < 1e-4 and abs(b[3] - c[2]) < 1e-4
    assert watched.errors == [] and watched.blocked == []


def test_hostile_values_inert(watched, synthetic_map):
    page = _load(watched, synthetic_map["url"])
    shown = page.evaluate("""(hostile) => {
        const out = [];
        for (const h of Object.values(window.geoContext)) {
            h.layer.eachLayer(l => {
                const v = l.feature.properties.v;
                if (!v.some(x => typeof x === 'string' && x.indexOf(hostile) >= 0)) return;
                const at = l.getLatLng ? l.getLatLng() : l.getBounds().getCenter();
                l.fire('click', {latlng: at}, true);
                l.fire('mouseover', {latlng: at}, true);
                // this feature's own popup and tooltip: a closed one stays in the DOM while
                // it fades out, so the first '.leaflet-popup-content' may be another's
                const pop = h.layer.getPopup(), tip = h.layer.getTooltip();
                out.push([pop.isOpen() ? pop.getElement().textContent : null,
                          tip.isOpen() ? tip.getElement().textContent : null]);
                h.layer.closePopup();
                h.layer.closeTooltip();
            });
        }
        return out;
    }""", synth.HOSTILE_NAME)
    hostile = synthetic_map["layers"][2]
    # the hostile cable, the hostile point and the hostile file's features
    assert len(shown) == 2 + len(hostile)
    for popup, tip in shown:
        assert popup is not None and synth.HOSTILE_NAME in popup
        assert tip == synth.HOSTILE_NAME
    assert sum(synth.HOSTILE_TEXT in popup for popup, _tip in shown) == len(shown)
    # a real click on the hostile file's point (drawn last, so on top) opens its popup
    x, y = page.evaluate("""() => {
        const h = window.geoContext[Object.keys(window.geoContext)[2]];
        const point = h.layer.getLayers().find(l => l.getLatLng);
        const map = h.layer._map;
        map.setView(point.getLatLng(), 6, {animate: false});
        const p = map.latLngToContainerPoint(point.getLatLng());
        const box = map.getContainer().getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""")
    # the canvas redraws on the next animation frame: under load that can take a while, and
    # a click before it lands on nothing
    page.wait_for_function("""() => {
        const h = window.geoContext[Object.keys(window.geoContext)[2]];
        const map = h.layer._map;
        return !map._geoContextRenderer._redrawRequest && !map._animatingZoom;
    }""")
    page.mouse.click(x, y)
    popup = page.locator(".leaflet-popup-content")
    popup.first.wait_for(timeout=10_000)
    assert popup.count() == 1 and synth.HOSTILE_NAME in popup.inner_text()
    control = page.locator(".leaflet-control-layers-overlays").inner_text()
    assert synth.HOSTILE_NAME in control
    page.wait_for_timeout(200)  # let any injected onerror or script run
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#injected").count() == 0
    assert page.locator("img[src='x'], svg[onload]").count() == 0
    assert watched.dialogs == []
    assert watched.errors == []
    assert watched.blocked == []
