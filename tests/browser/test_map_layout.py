"""What a person sees on a laptop screen: controls that do not cover one another, popups
(the catalogue's and the context layers') panned clear of the controls."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from geo.build import build
from geo.context import ContextSpec
from tests.browser.conftest import ROOT, open_map
from tests.browser.test_map_browser import MAP_IDLE

pytestmark = pytest.mark.browser

CONTEXT = ROOT / "tests" / "data" / "context"

#: the page boxes of the right-hand controls and of the open popup (null when absent)
BOXES = """() => {
  const box = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  return { column: box('.leaflet-top.leaflet-right'), legend: box('.geo-legend-box'),
           popup: box('.leaflet-popup-content-wrapper'),
           map: box('.leaflet-container') };
}"""

#: open the popup of the context layer's first feature of the named layer, as a click does
OPEN_CONTEXT_POPUP = """(name) => {
  const h = window.geoContext[name];
  const l = h.layer.getLayers()[0];
  const at = l.getLatLng ? l.getLatLng() : l.getBounds().getCenter();
  l.fire('click', { latlng: at }, true);
}"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["left"] < b["right"] and b["left"] < a["right"]
            and a["top"] < b["bottom"] and b["top"] < a["bottom"])


@pytest.fixture(scope="module")
def context_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped workspace with two context layers (two more rows in the layer control)."""
    ws = tmp_path_factory.mktemp("layout")
    shutil.copytree(ROOT / "seeds", ws / "seeds")
    shutil.copytree(ROOT / "data", ws / "data")
    specs = [ContextSpec(CONTEXT / "cables.geojson"), ContextSpec(CONTEXT / "landings.csv")]
    return build(ws, ws / "maps" / "context.html", offline=True, context=specs).map_path


@pytest.mark.parametrize("which", ["shipped", "context"])
def test_legend_clears_the_controls_above_it(browser: Any, shipped_maps: dict[str, Path],
                                             context_map: Path, which: str) -> None:
    path = shipped_maps["offline"] if which == "shipped" else context_map
    loaded = open_map(browser, path, online=False)
    try:
        boxes = loaded.page.evaluate(BOXES)
        assert boxes["legend"]["bottom"] <= boxes["map"]["bottom"]
        assert not _overlap(boxes["legend"], boxes["column"]), boxes
        assert loaded.problems() == []
    finally:
        loaded.page.close()


def test_context_popup_is_panned_clear_of_the_controls(browser: Any, context_map: Path
                                                       ) -> None:
    loaded = open_map(browser, context_map, online=False)
    page = loaded.page
    try:
        page.evaluate(OPEN_CONTEXT_POPUP, "cables")
        page.locator(".geo-context-popup").wait_for()
        page.wait_for_function(MAP_IDLE)
        boxes = page.evaluate(BOXES)
        assert not _overlap(boxes["popup"], boxes["column"]), boxes
        assert not _overlap(boxes["popup"], boxes["legend"]), boxes
        assert loaded.problems() == []
    finally:
        page.close()


#: the page box of every drawn path of one entity
ENTITY_BOX = """(cls) => {
  let box = null;
  document.querySelectorAll('path.' + cls).forEach((el) => {
    const r = el.getBoundingClientRect();
    box = box ? { left: Math.min(box.left, r.left), right: Math.max(box.right, r.right),
                  top: Math.min(box.top, r.top), bottom: Math.max(box.bottom, r.bottom) }
              : { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
  return box;
}"""


def test_a_searched_route_is_shown_clear_of_the_controls(browser: Any, catalog: Any,
                                                         shipped_maps: dict[str, Path]) -> None:
    route = catalog.routes["dsw-azerbaijan-turkey"]
    loaded = open_map(browser, shipped_maps["offline"], online=False)
    page = loaded.page
    try:
        page.locator(".geo-search-input").fill(route.name)
        page.locator(".geo-search-hit", has_text=route.name).first.click()
        page.locator(".leaflet-popup-content", has_text=route.name).wait_for()
        page.wait_for_function(MAP_IDLE)
        boxes = page.evaluate(BOXES)
        drawn = page.evaluate(ENTITY_BOX, f"geo-id-{route.id}")
        assert not _overlap(drawn, boxes["legend"]), (drawn, boxes)
        assert not _overlap(drawn, boxes["column"]), (drawn, boxes)
        assert loaded.problems() == []
    finally:
        page.close()
