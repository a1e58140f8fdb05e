"""What a person sees on a laptop screen: the panel beside the map (context layers listed and
counted in it), popups (the catalogue's and the context layers') panned clear of the
controls over the map."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from geo.build import build
from geo.context import ContextSpec
from tests.browser.conftest import MAP_IDLE, ROOT, open_map
from tests.browser.test_map_responsive import BOXES

pytestmark = pytest.mark.browser

CONTEXT = ROOT / "tests" / "data" / "context"

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


def test_context_layers_are_listed_counted_and_toggled(browser: Any, context_map: Path
                                                      ) -> None:
    loaded = open_map(browser, context_map, online=False)
    page = loaded.page
    try:
        rows = page.locator(".geo-layers .geo-layer-context").all_inner_texts()
        assert [r.strip() for r in rows] == ["cables (6)", "landings (3)"]
        legend = page.locator(".geo-legend-box").inner_text()
        assert "cables (6 features; cables.geojson" in legend
        box = page.get_by_label("cables (6)")
        box.uncheck()
        assert not page.evaluate("() => window.geoMap.map.hasLayer("
                                 "window.geoContext['cables'].group)")
        page.wait_for_function("() => !location.hash.includes('context%3Acables')")
        assert "context%3Alandings" in page.url
        box.check()
        assert page.evaluate("() => window.geoMap.map.hasLayer("
                             "window.geoContext['cables'].group)")
        assert loaded.problems() == []
    finally:
        loaded.close()


def _clear_of_controls(boxes: dict[str, Any], drawn: dict[str, float]) -> list[Any]:
    return [c for c in boxes["controls"] if _overlap(drawn, c)]


def test_context_popup_is_panned_clear_of_the_controls(browser: Any, context_map: Path
                                                       ) -> None:
    loaded = open_map(browser, context_map, online=False)
    page = loaded.page
    try:
        page.evaluate(OPEN_CONTEXT_POPUP, "cables")
        page.locator(".geo-context-popup").wait_for()
        page.wait_for_function(MAP_IDLE)
        boxes = page.evaluate(BOXES)
        assert boxes["popup"] is not None
        assert _clear_of_controls(boxes, boxes["popup"]) == [], boxes
        assert loaded.problems() == []
    finally:
        loaded.close()


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
        assert _clear_of_controls(boxes, drawn) == [], (drawn, boxes)
        assert _clear_of_controls(boxes, boxes["popup"]) == [], boxes
        assert loaded.problems() == []
    finally:
        loaded.close()
