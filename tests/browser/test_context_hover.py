"""Hovering a context layer (geo/webmap/context.py, issue 16): the label shows as inert text in
ONE tooltip that follows the pointer and goes when the pointer leaves; a hover neither walks
the layer's features (Leaflet's tooltip bound to a group did, at every opening) nor tests
the pointer against each of them (Leaflet's canvas did, at every move and click)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from geo.build import build
from geo.context import ContextSpec
from tests.browser.conftest import PHONE, ROOT, open_map

pytestmark = pytest.mark.browser

#: the label of the one line hovered, as untrusted as a label gets
HOSTILE = '<img src=x onerror="window.__geoPwned=16">&amp; </script><b>bold</b>'
#: the hovered line: alone in the South Atlantic (lon, lat), nothing of the catalogue near
LINE = [[-30.0, -42.0], [-20.0, -42.0]]
#: the many other lines, far from it: a grid of short lines over northern Asia
N_OTHERS = 3000


def _others() -> list[dict[str, Any]]:
    features = []
    for i in range(N_OTHERS):
        lon, lat = 60.0 + (i % 60) * 1.5, 45.0 + (i // 60) * 0.5
        features.append({"type": "Feature",
                         "properties": {"id": f"o{i}", "name": f"Other {i}"},
                         "geometry": {"type": "LineString",
                                      "coordinates": [[lon, lat], [lon + 1.0, lat + 0.2]]}})
    return features


@pytest.fixture(scope="module")
def hover_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """geo's offline map of the shipped workspace with one context layer of 3,001 lines."""
    ws = tmp_path_factory.mktemp("hover") / "ws"
    for part in ("seeds", "data"):
        shutil.copytree(ROOT / part, ws / part)
    hovered = {"type": "Feature", "properties": {"id": "target", "name": HOSTILE},
               "geometry": {"type": "LineString", "coordinates": LINE}}
    path = ws / "lines.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection",
                                "features": [*_others(), hovered]}), encoding="utf-8")
    return build(ws, ws / "maps" / "hover.html", offline=True,
                 context=[ContextSpec(path, name="lines")]).map_path


#: show the hovered line (zoom 5, no animation), count what a hover costs from now on, and
#: return the page point in the middle of the line (after the canvas has redrawn)
PREPARE = """async ([line, zoom]) => {
  const h = window.geoContext['lines'], map = h.layer._map;
  const mid = L.latLng((line[0][1] + line[1][1]) / 2, (line[0][0] + line[1][0]) / 2);
  map.closePopup();
  map.setView(mid, zoom, {animate: false});
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  window.__walks = 0;
  window.__tests = 0;
  window.__builds = map._geoContextRenderer._geoGridBuilds || 0;
  for (const g of [h.layer, h.group]) {
    const each = g.eachLayer;
    g.eachLayer = function () { window.__walks++; return each.apply(this, arguments); };
  }
  const contains = L.Polyline.prototype._containsPoint;
  L.Polyline.prototype._containsPoint = function () {
    window.__tests++;
    return contains.apply(this, arguments);
  };
  const p = map.latLngToContainerPoint(mid), box = map.getContainer().getBoundingClientRect();
  return [box.left + p.x, box.top + p.y, h.count];
}"""

#: the element under a page point (the context canvas, or what covers it)
UNDER = "([x, y]) => { const el = document.elementFromPoint(x, y); return el && el.tagName; }"
#: since PREPARE: walks over the layer, hit-tests of a line, builds of the hit-testing grid
COSTS = """() => [window.__walks, window.__tests,
  window.geoMap.map._geoContextRenderer._geoGridBuilds - window.__builds]"""
TOOLTIP = ".leaflet-tooltip"


def _shown_tooltip(page: Any, state: str = "visible") -> dict[str, Any]:
    page.locator(TOOLTIP).wait_for(state=state, timeout=10_000)
    return page.evaluate("""(sel) => {
      const tips = document.querySelectorAll(sel), tip = tips[tips.length - 1];
      return {count: tips.length, text: tip.textContent, children: tip.children.length,
              pwned: typeof window.__geoPwned, injected: document.querySelectorAll(
                'img[src="x"], .leaflet-tooltip b').length};
    }""", TOOLTIP)


def test_hover_shows_the_label_as_text_and_leaving_hides_it(browser: Any,
                                                            hover_map: Path) -> None:
    loaded = open_map(browser, hover_map, online=False)
    page = loaded.page
    try:
        x, y, count = page.evaluate(PREPARE, [LINE, 5])
        assert count == N_OTHERS + 1
        assert page.evaluate(UNDER, [x, y]) == "CANVAS"
        page.mouse.move(x - 200, y + 150)  # open sea: nothing under the pointer
        page.wait_for_timeout(50)  # Leaflet's canvas tests the pointer every 32 ms at most
        assert page.locator(TOOLTIP).count() == 0
        # left of the map's middle, where the tooltip opens right of the pointer
        page.mouse.move(x - 60, y)
        shown = _shown_tooltip(page)
        assert shown == {"count": 1, "text": HOSTILE, "children": 0, "pwned": "undefined",
                         "injected": 0}
        # one hover: no walk over the layer's 3,001 features, a few hit-tests at most
        walks, tests, builds = page.evaluate(COSTS)
        assert walks == 0 and builds == 1
        assert 1 <= tests <= 5, tests
        # the tooltip follows the pointer along the line
        before = page.locator(TOOLTIP).bounding_box()
        page.wait_for_timeout(50)
        page.mouse.move(x - 20, y)
        page.wait_for_function("""([sel, left]) => {
          const tip = document.querySelector(sel);
          return tip && tip.getBoundingClientRect().left > left + 20;
        }""", arg=[TOOLTIP, before["x"]])
        assert page.locator(TOOLTIP).inner_text() == HOSTILE
        # leaving the line closes it (it fades out of the page)
        page.wait_for_timeout(50)
        page.mouse.move(x, y + 60)
        page.locator(TOOLTIP).wait_for(state="detached", timeout=10_000)
        walks, tests, builds = page.evaluate(COSTS)
        assert (walks, builds) == (0, 1) and tests <= 15, (walks, tests, builds)
        page.wait_for_timeout(200)  # let any injected handler run
        assert page.evaluate("() => typeof window.__geoPwned") == "undefined"
        assert loaded.problems() == []
    finally:
        loaded.close()


def test_tap_opens_the_popup_and_the_label(browser: Any, hover_map: Path) -> None:
    """On a touch screen a tap on a line opens its popup, and its label's tooltip as Leaflet's
    bound tooltip did (geo's page hides tooltips while a popup is open)."""
    loaded = open_map(browser, hover_map, online=False, size=PHONE)
    page = loaded.page
    try:
        x, y, _count = page.evaluate(PREPARE, [LINE, 6])
        assert page.evaluate(UNDER, [x, y]) == "CANVAS"
        page.touchscreen.tap(x, y)
        popup = page.locator(".leaflet-popup-content .geo-context-popup")
        popup.wait_for(timeout=10_000)
        assert popup.locator("h3").inner_text() == HOSTILE
        shown = _shown_tooltip(page, "attached")
        assert shown["text"] == HOSTILE and shown["children"] == 0
        assert shown["pwned"] == "undefined" and shown["injected"] == 0
        walks, tests, builds = page.evaluate(COSTS)
        assert (walks, builds) == (0, 1) and tests <= 10, (walks, tests, builds)
        assert loaded.problems() == []
    finally:
        loaded.close()
