"""The map in a real browser: the offline file with no network at all, and the online map
with its basemap tiles drawn locally (both carry their own Leaflet: no CDN)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geo.layers import LAYER_NAMES, build_layers
from geo.webmap.layers import LAYER_LABELS, year_of
from geo.webmap.popups import format_km
from tests.browser.conftest import DESKTOP, Loaded, choose, open_map

pytestmark = pytest.mark.browser

COUNT_IDS = """(layer) => {
  const ids = new Set();
  document.querySelectorAll('.geo-l-' + layer).forEach((el) => {
    el.classList.forEach((c) => { if (c.startsWith('geo-id-')) ids.add(c.slice(7)); });
  });
  return Array.from(ids).sort();
}"""

MIDPOINT = """(el) => {
  // the point halfway along the path, in page pixels (Leaflet's SVG units are CSS pixels;
  // the path's box maps its user space onto the page)
  const p = el.getPointAtLength(el.getTotalLength() / 2);
  const box = el.getBBox();
  const rect = el.getBoundingClientRect();
  return { x: rect.left + (p.x - box.x), y: rect.top + (p.y - box.y) };
}"""


ZOOM_TO = """(cls) => {
  // fit the view to the feature whose path has class `cls`, without animation
  const map = Object.values(window).find((v) => v instanceof L.Map);
  let bounds = null;
  map.eachLayer((l) => {
    if (l.getBounds && l.options && (l.options.className || '').split(' ').includes(cls)) {
      bounds = l.getBounds();
    }
  });
  map.fitBounds(bounds, { animate: false, padding: [40, 40] });
}"""


#: true once the map neither pans nor zooms (autoPan and zoom animations have ended)
MAP_IDLE = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  return !map._animatingZoom && !(map._panAnim && map._panAnim._inProgress);
}"""

#: true once the open popup has faded in (Leaflet's 0.2 s opacity transition)
POPUP_SHOWN = """() => {
  const popup = document.querySelector('.leaflet-popup');
  return !!popup && getComputedStyle(popup).opacity === '1';
}"""

#: the focused element's tag and outline style
FOCUS_RING = """() => {
  const el = document.activeElement;
  return [el.tagName.toLowerCase(), getComputedStyle(el).outlineStyle];
}"""


def wait_idle(page: Any) -> None:
    """Wait until the map has stopped moving (a loaded CI machine may lag behind)."""
    page.wait_for_function(MAP_IDLE)


def drawn_ids(page: Any, layer: str) -> list[str]:
    return page.evaluate(COUNT_IDS, layer)


@pytest.fixture(scope="module")
def shipped_layers(catalog: Any) -> dict[str, Any]:
    return build_layers(catalog)


@pytest.fixture(params=["offline", "online"])
def loaded(request: pytest.FixtureRequest, browser: Any, shipped_maps: dict[str, Path]
           ) -> Loaded:
    online = request.param == "online"
    result = open_map(browser, shipped_maps[request.param], online=online)
    yield result
    result.close()


def test_loads_without_errors_or_requests(loaded: Loaded) -> None:
    assert loaded.problems() == []
    # the map really rendered: Leaflet is there and drew into the map pane
    assert loaded.page.locator(".leaflet-map-pane svg path").count() > 0


def test_online_map_asks_only_for_tiles(browser: Any, shipped_maps: dict[str, Path]) -> None:
    """The online map carries its own code: the only requests it makes are for tiles, over
    the country outlines it also carries, and it has geo's measuring tool."""
    result = open_map(browser, shipped_maps["online"], online=True)
    try:
        served = result.served
        assert served and all("/tile/" in u for u in served), served
        assert result.page.locator(".geo-measure-button").count() == 1
        assert result.page.locator("path.geo-country").count() > 100
        assert result.problems() == []
    finally:
        result.close()


def test_offline_map_draws_outlines_and_measures(browser: Any, shipped_maps: dict[str, Path]
                                                ) -> None:
    result = open_map(browser, shipped_maps["offline"], online=False)
    try:
        assert result.page.locator(".geo-measure-button").count() == 1
        assert result.page.locator("path.geo-country").count() > 100
        assert result.page.locator(".leaflet-tile").count() == 0
    finally:
        result.close()


def test_offline_map_forbids_requests_itself(browser: Any, shipped_maps: dict[str, Path]
                                             ) -> None:
    """The offline page's Content-Security-Policy stops a request before it leaves the
    browser: a script that tries anyway reaches no network (not even the test's router)."""
    result = open_map(browser, shipped_maps["offline"], online=False)
    try:
        page = result.page
        assert result.problems() == []
        refused = page.evaluate("""async () => {
          const seen = [];
          document.addEventListener('securitypolicyviolation', (e) => seen.push(e.blockedURI));
          new Image().src = 'https://example.invalid/pixel.png';
          await fetch('https://example.invalid/data.json').catch(() => null);
          await new Promise((r) => setTimeout(r, 100));
          return seen;
        }""")
        assert sorted(refused) == ["https://example.invalid/data.json",
                                   "https://example.invalid/pixel.png"]
        # refused by the browser (Chromium reports it as failed with "csp"), never routed
        assert result.blocked == []
        assert all(f.endswith(" csp") for f in result.failed), result.failed
    finally:
        result.page.close()


def test_offline_map_served_over_http_asks_its_server_for_nothing_else(
        browser: Any, shipped_maps: dict[str, Path]) -> None:
    """Served from a web server, a page without an icon makes the browser ask for
    /favicon.ico, a request Playwright's page events never see: count them at the server."""
    import functools
    import http.server
    import threading

    asked: list[str] = []  # what the server was asked for
    requested: list[str] = []  # what the page asked for

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            asked.append(self.path)

    offline = shipped_maps["offline"]
    handler = functools.partial(Handler, directory=str(offline.parent))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        page = browser.new_page(viewport=DESKTOP.viewport)
        try:
            port = server.server_address[1]
            # no page.route here: with interception on, Chromium skips the icon request
            page.on("request", lambda request: requested.append(request.url))
            page.goto(f"http://127.0.0.1:{port}/{offline.name}", wait_until="load")
            page.wait_for_selector(".geo-legend")
            page.wait_for_function(MAP_IDLE)
            page.wait_for_timeout(500)  # the browser asks for its icon after the load event
        finally:
            page.close()
            server.shutdown()
            thread.join()
    assert requested == [f"http://127.0.0.1:{port}/{offline.name}"]
    assert asked == [f"/{offline.name}"]


def test_every_entity_is_drawn(loaded: Loaded, shipped_layers: dict[str, Any]) -> None:
    for layer in LAYER_NAMES:
        frame = shipped_layers[layer]
        # an entity with no place (an organisation without a head office) is not drawn
        placed = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
        expected = sorted(placed["id"])
        assert drawn_ids(loaded.page, layer) == expected, layer
    assert loaded.problems() == []


def test_clicking_the_trans_caspian_cable_shows_its_quote_and_length(
        loaded: Loaded, shipped_layers: dict[str, Any], catalog: Any) -> None:
    page = loaded.page
    routes = shipped_layers["routes"].set_index("id")
    length = format_km(float(routes.loc["trans-caspian-cable", "length_m"]))
    quotes = [s.quote for s in catalog.routes["trans-caspian-cable"].sources if s.quote]
    # Zoom to the cable as a person would: at the world view its midpoint is a few pixels
    # from the AzerTelecom-Kazakhtelecom arc, which also starts in Baku.
    page.evaluate(ZOOM_TO, "geo-id-trans-caspian-cable")
    wait_idle(page)
    path = page.locator("path.geo-id-trans-caspian-cable").first
    point = path.evaluate(MIDPOINT)
    page.mouse.click(point["x"], point["y"])
    # Chromium focuses the clicked path; no focus ring (a black box round the line) is drawn
    assert page.evaluate(FOCUS_RING) == ["path", "none"]
    # the corridor's band lies under the cable: the picker lists both
    choose(page, "trans-caspian-cable")
    popup = page.locator(".leaflet-popup-content")
    text = popup.inner_text()
    assert catalog.routes["trans-caspian-cable"].name in text
    assert length in text
    assert "schematic: length of the drawn line" in text
    for quote in quotes:
        assert quote in text
    assert loaded.problems() == []


def placed(frame: Any) -> Any:
    """The rows of a layer the map draws (an entity with no place is not drawn)."""
    return frame[frame.geometry.notna() & ~frame.geometry.is_empty]


def test_layer_toggle_hides_its_features(loaded: Loaded, shipped_layers: dict[str, Any]) -> None:
    page = loaded.page
    n = len(placed(shipped_layers["agreements"]))
    assert n > 0
    box = page.locator(".geo-layers input[data-layer='agreements']")
    label = page.locator(".geo-layers input[data-layer='agreements'] + .geo-layer-label")
    assert label.inner_text().startswith(f"{LAYER_LABELS['agreements']} ({n}")
    assert len(drawn_ids(page, "agreements")) == n
    box.uncheck()
    assert drawn_ids(page, "agreements") == []
    assert len(drawn_ids(page, "routes")) == len(placed(shipped_layers["routes"]))
    box.check()
    assert len(drawn_ids(page, "agreements")) == n
    assert loaded.problems() == []


def test_time_control_hides_what_is_dated_after_the_year(
        loaded: Loaded, shipped_layers: dict[str, Any]) -> None:
    page = loaded.page
    own = {"sites": "start_date", "routes": "start_date", "agreements": "date"}
    # each entity's own start (or signing), else the year it was first reported
    years = {}
    for layer in LAYER_NAMES:
        for row in placed(shipped_layers[layer]).to_dict("records"):
            year = year_of(row.get(own.get(layer, "")))
            years[(layer, row["id"])] = year if year is not None else year_of(
                row["first_reported"])
    dated = sorted({y for y in years.values() if y is not None})
    assert len(dated) >= 2, "the shipped catalogue needs entities of two years"
    year = dated[-1] - 1
    later = {k for k, y in years.items() if y is not None and y > year}
    kept = {k for k, y in years.items() if y is None or y <= year}
    assert later and any(years[k] is None for k in kept)

    def drawn() -> set[tuple[str, str]]:
        return {(layer, i) for layer in LAYER_NAMES for i in drawn_ids(page, layer)}

    page.locator(".geo-time-slider").fill(str(year))
    assert page.locator(".geo-time-year").inner_text() == str(year)
    assert drawn() == kept
    page.locator(".geo-time-slider").fill(page.locator(".geo-time-slider").get_attribute("max"))
    assert page.locator(".geo-time-year").inner_text() == "all years"
    assert drawn() == kept | later
    assert loaded.problems() == []


def test_search_finds_by_alias_and_opens_the_popup(loaded: Loaded, catalog: Any) -> None:
    page = loaded.page
    site = catalog.sites["astana"]
    alias = site.aliases[0]
    page.locator(".geo-search-input").fill(alias[:6])
    hit = page.locator(".geo-search-hit", has_text=site.name)
    hit.first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert site.name in popup.inner_text()
    assert "position known to the city" in popup.inner_text()
    assert loaded.problems() == []


def test_legend_lists_the_style_table(loaded: Loaded) -> None:
    from geo.webmap.styles import STYLES

    keys = loaded.page.eval_on_selector_all(
        ".geo-legend [data-style-key]", "els => els.map(e => e.dataset.styleKey)")
    assert keys == [s.key for s in STYLES if not s.when_drawn]
