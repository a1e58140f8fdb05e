"""A served map with a tiled context layer, in headless Chromium (tests/browser/harness.py):
the layer draws from its PMTiles archive by range requests, its hover and click show the
feature's text, and a property that is HTML stays text."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geo.build import build
from geo.context import ContextSpec
from geo.tiles.server import serving
from tests.browser.harness import chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "<img src=x onerror=\"window.__xss=1\">"

#: the tiles' canvases and whether any pixel of them is drawn
DRAWN_PIXELS = """() => {
  const pane = document.querySelector('.leaflet-geo-context-pane');
  let drawn = 0, canvases = 0;
  for (const c of pane ? pane.querySelectorAll('canvas') : []) {
    if (!c.width || !c.height) continue;
    canvases++;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) { if (d[i]) { drawn++; } }
  }
  return [canvases, drawn];
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from chromium()


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The shipped workspace's offline map with a small context layer forced into tiles
    (threshold 0), served; the map's address and the workspace."""
    ws = tmp_path_factory.mktemp("tiled") / "ws"
    for part in ("seeds", "data"):
        shutil.copytree(ROOT / part, ws / part)
    features = [
        {"type": "Feature", "properties": {"id": "east-west", "name": "East West cable",
                                           "owner": "Plain Co"},
         "geometry": {"type": "LineString", "coordinates": [[40.0, 40.0], [52.0, 40.0]]}},
        {"type": "Feature", "properties": {"id": "hostile", "name": HOSTILE, "owner": HOSTILE},
         "geometry": {"type": "LineString", "coordinates": [[40.0, 36.0], [52.0, 36.0]]}},
        {"type": "Feature", "properties": {"id": "area", "name": "An area"},
         "geometry": {"type": "Polygon", "coordinates": [[[44.0, 42.0], [48.0, 42.0],
                                                          [48.0, 44.0], [44.0, 42.0]]]}},
    ]
    source = ws / "lines.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                      encoding="utf-8")
    result = build(ws, offline=True, context=[ContextSpec(source)], tile_threshold=0)
    assert result.context[0].tiles is not None
    with serving(result.map_path.parent) as server:
        yield server.url + result.map_path.name, ws


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    origin = url.rsplit("/", 1)[0]

    def route(r):
        if r.request.url.startswith(origin):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url)
    page.wait_for_function("() => window.geoContext && window.geoContext.lines")
    return context, page, errors, outside


def _container_point(page, lon: float, lat: float) -> tuple[float, float]:
    return page.evaluate("""([lon, lat]) => {
      const map = window.geoMap.map, p = map.latLngToContainerPoint([lat, lon]);
      const box = map.getContainer().getBoundingClientRect();
      return [box.left + p.x, box.top + p.y];
    }""", [lon, lat])


def test_tiled_layer_draws_from_range_requests(browser, served):
    url, _ws = served
    context, page, errors, outside = _open(browser, url)
    try:
        ranges: list[str] = []
        page.on("request", lambda r: ranges.append(r.headers.get("range", ""))
                if r.url.endswith(".pmtiles") else None)
        page.evaluate("() => window.geoMap.map.setView([40, 46], 5, {animate: false})")
        page.wait_for_function(DRAWN_PIXELS.replace("return [canvases, drawn];",
                                                    "return drawn > 50;"), timeout=20_000)
        canvases, drawn = page.evaluate(DRAWN_PIXELS)
        assert canvases >= 1 and drawn > 50
        assert any(r.startswith("bytes=") for r in ranges), ranges
        assert page.evaluate("() => window.geoContext.lines.tiled") is True
        # the feature under a point of the line is found, with its properties
        picked = page.evaluate("() => { const f = window.geoContext.lines.pick(46, 40);"
                               " return f && f.props['geo:label']; }")
        assert picked == "East West cable"
        assert not errors and not outside
    finally:
        context.close()


def test_hover_and_click_show_hostile_text_as_text(browser, served):
    url, _ws = served
    context, page, errors, _outside = _open(browser, url)
    try:
        page.evaluate("() => window.geoMap.map.setView([38, 46], 5, {animate: false})")
        page.wait_for_function("() => window.geoContext.lines.pick(46, 36) !== null",
                               timeout=20_000)
        x, y = _container_point(page, 46.0, 36.0)
        page.mouse.move(x - 3, y)
        page.mouse.move(x, y)
        page.wait_for_selector(".leaflet-tooltip", timeout=5_000)
        tip = page.locator(".leaflet-tooltip")
        assert tip.inner_text() == HOSTILE
        assert tip.locator("img").count() == 0
        page.mouse.click(x, y)
        page.wait_for_selector(".geo-context-popup", timeout=5_000)
        popup = page.locator(".geo-context-popup")
        assert popup.locator("h3").inner_text() == HOSTILE
        assert HOSTILE in popup.inner_text()
        assert page.locator(".leaflet-pane img[src='x']").count() == 0
        assert page.evaluate("() => window.__xss") is None
        assert not errors
    finally:
        context.close()
