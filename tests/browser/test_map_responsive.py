"""The map read on a phone (390x844, touch), a tablet (768x1024, touch) and a laptop
(1280x800, mouse): every control reachable (folded into one menu on the narrow screens, tap
targets of 44 px), the Trans-Caspian cable, the corridor, the EADC data centre and every
agreement opened by a tap or click at their drawn position (through the picker where
features overlap), and no popup outside the viewport or under a control."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import SIZES, Loaded, Size, choose, close_popups, open_map

pytestmark = pytest.mark.browser

#: the page box of the element matched by a selector, and what its centre hits
HIT = """(el) => {
  const target = el.closest('label, summary') || el;
  const r = target.getBoundingClientRect();
  const own = el.getBoundingClientRect();
  const x = own.left + own.width / 2, y = own.top + own.height / 2;
  const hit = document.elementFromPoint(x, y);
  const reached = !!hit && (hit === el || el.contains(hit) || target.contains(hit));
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width,
           height: r.height, reached: reached,
           hit: hit ? hit.tagName + '.' + hit.className : null,
           inside: r.left >= 0 && r.top >= 0 && r.right <= innerWidth + 0.5 &&
                   r.bottom <= innerHeight + 0.5 };
}"""

#: the boxes (page pixels) of the controls over the map, and of the open popup
BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
  const controls = [...document.querySelectorAll('.leaflet-control')]
    .filter((el) => el.getBoundingClientRect().width > 0)
    .map((el) => Object.assign(box(el), { name: el.className }));
  const panel = document.querySelector('.geo-ui');
  const map = box(window.geoMap.map.getContainer());
  const p = box(panel);
  if (getComputedStyle(panel).visibility === 'visible' && p.left < map.right &&
      p.top < map.bottom) { controls.push(Object.assign(p, { name: 'panel' })); }
  const popup = document.querySelector('.leaflet-popup');
  return { controls, map, popup: popup ? box(popup) : null,
           view: { width: innerWidth, height: innerHeight } };
}"""

#: a point (page pixels) where the entity is drawn, inside the map and clear of controls:
#: along a line, the sample nearest the map's centre; on a marker, its centre
DRAWN_AT = """(id) => {
  const map = window.geoMap.map.getContainer().getBoundingClientRect();
  const controls = [...document.querySelectorAll('.leaflet-control')]
    .map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0);
  const clear = (x, y) => x > map.left + 6 && x < map.right - 6 && y > map.top + 6 &&
    y < map.bottom - 6 && !controls.some((r) => x > r.left - 8 && x < r.right + 8 &&
                                          y > r.top - 8 && y < r.bottom + 8);
  const cx = (map.left + map.right) / 2, cy = (map.top + map.bottom) / 2;
  let best = null;
  const consider = (x, y) => {
    if (!clear(x, y)) return;
    const d = Math.hypot(x - cx, y - cy);
    if (!best || d < best.d) best = { x, y, d };
  };
  const drawn = [...document.querySelectorAll('.geo-id-' + id)].filter((el) =>
    !el.classList.contains('geo-hit') && !el.classList.contains('geo-draft-mark'));
  for (const el of drawn) {
    const r = el.getBoundingClientRect();
    if (el.tagName.toLowerCase() !== 'path' || el.classList.contains('geo-l-sites')) {
      consider(r.left + r.width / 2, r.top + r.height / 2);
      continue;
    }
    const total = el.getTotalLength(), box = el.getBBox();
    for (let i = 1; i < 60; i++) {
      const p = el.getPointAtLength(total * i / 60);
      consider(r.left + (p.x - box.x), r.top + (p.y - box.y));
    }
  }
  return best;
}"""

PANEL_SETTLED = """() => {
  const panel = document.querySelector('.geo-ui');
  return panel.getAnimations().length === 0;
}"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5
            and a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5)


def compact(size: Size) -> bool:
    return size.width < 900


@pytest.fixture(params=SIZES, ids=[s.name for s in SIZES])
def sized(request: pytest.FixtureRequest, browser: Any, shipped_maps: dict[str, Path]
          ) -> Iterator[tuple[Loaded, Size]]:
    size = request.param
    loaded = open_map(browser, shipped_maps["online"], online=True, size=size)
    yield loaded, size
    loaded.close()


def press(page: Any, locator: Any, size: Size) -> None:
    """Tap (touch screens) or click the element."""
    if size.touch:
        locator.tap()
    else:
        locator.click()


def open_menu(page: Any, size: Size) -> None:
    if compact(size):
        press(page, page.locator(".geo-menu-button"), size)
        page.wait_for_function("() => document.querySelector('.geo-ui.geo-open')")
        page.wait_for_function(PANEL_SETTLED)


def assert_reachable(page: Any, locator: Any, size: Size, what: str) -> None:
    locator.scroll_into_view_if_needed()
    page.wait_for_function(PANEL_SETTLED)
    box = locator.evaluate(HIT)
    assert box["inside"], (what, box)
    assert box["reached"], (what, box)
    if size.touch:
        assert box["height"] >= 44 and box["width"] >= 44, (what, box)


def test_every_control_is_reachable(sized: tuple[Loaded, Size]) -> None:
    loaded, size = sized
    page = loaded.page
    menu = page.locator(".geo-menu-button")
    if compact(size):
        assert menu.is_visible()
        # the sheet starts closed: the map fills the screen
        assert page.locator(".geo-ui").evaluate("e => getComputedStyle(e).visibility") == \
            "hidden"
        boxes = page.evaluate(BOXES)
        assert boxes["map"] == {"left": 0, "top": 0, "right": size.width,
                                "bottom": size.height}
    else:
        assert not menu.is_visible()
        boxes = page.evaluate(BOXES)
        panel = page.locator(".geo-ui").bounding_box()
        assert boxes["map"]["right"] <= panel["x"] + 0.5  # beside the map, not over it
    for sel in (".leaflet-control-zoom-in", ".leaflet-control-zoom-out",
                ".geo-measure-button") + ((".geo-menu-button",) if compact(size) else ()):
        assert_reachable(page, page.locator(sel), size, sel)
    open_menu(page, size)
    legend = page.locator("details.geo-legend")
    # folded where it would cover the map (the sheet), open beside it
    assert legend.evaluate("e => e.open") is (not compact(size))
    controls = [".geo-search-input", ".geo-time-slider", ".geo-filters > summary",
                "details.geo-legend > summary", ".geo-copy-link", ".geo-list-open"]
    controls += [f".geo-layers input[data-layer='{k}']" for k in
                 ("sites", "routes", "corridors", "organisations", "agreements")]
    if compact(size):
        controls.append(".geo-ui-close")
    for sel in controls:
        assert_reachable(page, page.locator(sel).first, size, sel)
    press(page, page.locator(".geo-filters > summary"), size)
    for sel in (".geo-filter-org", ".geo-filter-status", ".geo-filter-kind",
                ".geo-filter-clear"):
        assert_reachable(page, page.locator(sel).first, size, sel)
    # the panel scrolls within the screen: its last control is reachable too
    assert_reachable(page, page.locator(".geo-filter-kind").last, size, "last kind")
    if compact(size):
        press(page, page.locator(".geo-ui-close"), size)
        page.wait_for_function(PANEL_SETTLED)
        assert page.locator(".geo-ui").evaluate("e => getComputedStyle(e).visibility") == \
            "hidden"
    assert loaded.problems() == []


def test_the_menu_is_keyboard_reachable(sized: tuple[Loaded, Size]) -> None:
    loaded, size = sized
    page = loaded.page
    if not compact(size):
        page.locator(".geo-search-input").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.layer") == "sites"
        return
    page.locator(".geo-menu-button").focus()
    page.keyboard.press("Enter")
    page.wait_for_function(PANEL_SETTLED)
    assert page.evaluate("document.activeElement.classList.contains('geo-ui')")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "geo-search-input"
    page.keyboard.press("Escape")
    page.wait_for_function(PANEL_SETTLED)
    assert page.evaluate("document.activeElement.className") == "geo-menu-button"
    assert page.locator(".geo-menu-button").get_attribute("aria-expanded") == "false"
    assert loaded.problems() == []


def assert_popup_clear(page: Any, what: str) -> None:
    boxes = page.evaluate(BOXES)
    popup = boxes["popup"]
    assert popup is not None, what
    view = boxes["view"]
    assert popup["left"] >= 0 and popup["top"] >= 0, (what, popup)
    assert popup["right"] <= view["width"] and popup["bottom"] <= view["height"], (what, popup)
    for control in boxes["controls"]:
        assert not _overlap(popup, control), (what, popup, control)


def targets(shipped_layers: dict[str, Any]) -> list[str]:
    """The cable, the corridor, the data centre and every agreement the map draws (between
    head offices or at a venue)."""
    deals = shipped_layers["agreements"]
    drawn = [i for i, g in zip(deals["id"], deals.geometry, strict=True) if g is not None]
    assert drawn, "the shipped catalogue draws no agreement"
    return ["trans-caspian-cable", "digital-silk-way", "eadc-nairobi", *drawn]


@pytest.fixture(scope="module")
def shipped_layers(catalog: Any) -> dict[str, Any]:
    from geo.layers import build_layers

    return build_layers(catalog)


def test_features_open_where_they_are_drawn(sized: tuple[Loaded, Size],
                                            shipped_layers: dict[str, Any]) -> None:
    """A person frames the feature, then taps (or clicks) where it is drawn: its popup opens
    (through the picker when several features lie there), inside the screen and clear of
    every control."""
    loaded, size = sized
    page = loaded.page
    for entity_id in targets(shipped_layers):
        page.evaluate("(id) => window.geoMap.frame(id)", entity_id)
        page.wait_for_timeout(50)
        at = page.evaluate(DRAWN_AT, entity_id)
        assert at is not None, entity_id
        if size.touch:
            page.touchscreen.tap(at["x"], at["y"])
        else:
            page.mouse.click(at["x"], at["y"])
        choose(page, entity_id, touch=size.touch)
        page.wait_for_timeout(250)  # the popup's fade-in (its box is final from the start)
        assert_popup_clear(page, entity_id)
        close_popups(page)
    assert loaded.problems() == []


def test_the_data_centre_and_its_pop_are_both_reachable(sized: tuple[Loaded, Size]) -> None:
    """Tapping the EADC where China Telecom Global's PoP sits inside it lists both."""
    loaded, size = sized
    page = loaded.page
    page.evaluate("(id) => window.geoMap.frame(id)", "eadc-nairobi")
    box = page.locator("path.geo-id-ctg-pop-nairobi").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    if size.touch:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)
    page.locator(".geo-picker").wait_for()
    listed = page.eval_on_selector_all(".geo-picker-item", "els => els.map(e => e.dataset.id)")
    assert {"eadc-nairobi", "ctg-pop-nairobi"} <= set(listed)
    # the smaller one, on top, first
    assert listed.index("ctg-pop-nairobi") < listed.index("eadc-nairobi")
    choose(page, "ctg-pop-nairobi", touch=size.touch)
    assert_popup_clear(page, "ctg-pop-nairobi")
    assert loaded.problems() == []


def test_searched_features_open_clear_of_the_controls(sized: tuple[Loaded, Size],
                                                      catalog: Any) -> None:
    """Features at the edges of the map (London, Cape Town, Manila's project), found by
    search: the sheet closes and the popup opens inside the screen, clear of the controls."""
    loaded, size = sized
    page = loaded.page
    for entity_id in ("london", "liquid-dc-cape-town", "ctg-philippines-project",
                      "sparkle-backbone"):
        entity = catalog.sites.get(entity_id) or catalog.routes[entity_id]
        open_menu(page, size)
        page.locator(".geo-search-input").fill(entity.name)
        hit = page.locator(".geo-search-hit", has_text=entity.name).first
        press(page, hit, size)
        page.locator(f".leaflet-popup .geo-popup[data-id='{entity_id}']").wait_for()
        page.wait_for_function(PANEL_SETTLED)
        page.wait_for_timeout(300)
        assert_popup_clear(page, entity_id)
    assert loaded.problems() == []


#: n points (page pixels) across the corridor's band: along its drawn path, each moved
#: sideways by up to ``reach`` pixels (the band is 16 px wide), inside the map, clear of
#: the controls
BAND_POINTS = """([id, n, reach]) => {
  const el = document.querySelector('path.geo-id-' + id);
  const map = window.geoMap.map.getContainer().getBoundingClientRect();
  const controls = [...document.querySelectorAll('.leaflet-control')]
    .map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
  const total = el.getTotalLength(), box = el.getBBox(), r = el.getBoundingClientRect();
  const at = (s) => { const p = el.getPointAtLength(s);
                      return [r.left + (p.x - box.x), r.top + (p.y - box.y)]; };
  const out = [];
  for (let i = 0; out.length < n && i < 20 * n; i++) {
    const s = total * ((i * 0.618034) % 1);
    const [x0, y0] = at(Math.max(0, s - 1)), [x1, y1] = at(Math.min(total, s + 1));
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const side = reach * (((i * 0.414214) % 1) * 2 - 1);
    const [x, y] = at(s);
    const px = x - (y1 - y0) / len * side, py = y + (x1 - x0) / len * side;
    const clear = px > map.left + 8 && px < map.right - 8 && py > map.top + 8 &&
      py < map.bottom - 8 && !controls.some((c) => px > c.left - 4 && px < c.right + 4 &&
                                             py > c.top - 4 && py < c.bottom + 4);
    if (clear) out.push([px, py]);
  }
  return out;
}"""


def test_fifty_clicks_on_the_corridor_band_all_reach_it(browser: Any,
                                                        shipped_maps: dict[str, Path]) -> None:
    """The issue's count: 3 of 50 clicks on the corridor's band reached it (routes and arcs
    lie on top). Now every click within the band offers it, directly or in the picker."""
    loaded = open_map(browser, shipped_maps["offline"], online=False)
    page = loaded.page
    try:
        page.evaluate("(id) => window.geoMap.frame(id)", "digital-silk-way")
        points = page.evaluate(BAND_POINTS, ["digital-silk-way", 50, 7.0])
        assert len(points) == 50
        reached = 0
        for x, y in points:
            # the same view each time (an opened popup may have panned the map)
            page.evaluate("(id) => window.geoMap.frame(id)", "digital-silk-way")
            page.mouse.click(x, y)
            page.wait_for_function("""() => !!document.querySelector(
                '.leaflet-popup .geo-picker, .leaflet-popup .geo-popup')""")
            offered = page.evaluate("""() => [...document.querySelectorAll(
                '.leaflet-popup .geo-picker-item, .leaflet-popup .geo-popup')]
                .map((e) => e.dataset.id)""")
            reached += "digital-silk-way" in offered
            close_popups(page)
        assert reached == 50
        assert loaded.problems() == []
    finally:
        loaded.close()
