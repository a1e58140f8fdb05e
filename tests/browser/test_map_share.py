"""A map to share (issue 14): a permalink restores the view, the layers, the filters, the
year and the open feature, and follows every change; the year slider hides what was first
reported later and the counts say what is drawn; filters by organisation, status and kind;
the online map without any network; the measuring tool; the text view."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyproj import Geod

from geo.layers import build_layers
from geo.webmap.layers import LAYER_LABELS, entity_roles, year_of
from tests.browser.conftest import DESKTOP, PHONE, Loaded, open_map

pytestmark = pytest.mark.browser

DRAWN_IDS = """(layer) => {
  const ids = new Set();
  document.querySelectorAll('.geo-l-' + layer).forEach((el) => {
    el.classList.forEach((c) => { if (c.startsWith('geo-id-')) ids.add(c.slice(7)); });
  });
  return Array.from(ids).sort();
}"""

OWN_DATE = {"sites": "start_date", "routes": "start_date", "agreements": "date"}


@pytest.fixture(scope="module")
def shipped_layers(catalog: Any) -> dict[str, Any]:
    return build_layers(catalog)


def drawn_rows(shipped_layers: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(layer, row) of every entity the map draws."""
    for layer, frame in shipped_layers.items():
        for row in frame.to_dict("records"):
            if row["geometry"] is not None:
                yield layer, row


def year_from(layer: str, row: dict[str, Any]) -> int | None:
    """An entity's year on the time slider: its own start, else the year it was first
    reported; ``None`` when undated."""
    own = year_of(row.get(OWN_DATE.get(layer, "")))
    return own if own is not None else year_of(row.get("first_reported"))


def drawn_ids(page: Any, layer: str) -> set[str]:
    return set(page.evaluate(DRAWN_IDS, layer))


def layer_label(page: Any, layer: str) -> str:
    return page.locator(f".geo-layers input[data-layer='{layer}'] + .geo-layer-label"
                        ).inner_text()


def expected_label(layer: str, shown: int, total: int) -> str:
    count = str(shown) if shown == total else f"{shown} of {total}"
    return f"{LAYER_LABELS[layer]} ({count})"


@pytest.fixture
def offline(browser: Any, shipped_maps: dict[str, Path]) -> Iterator[Loaded]:
    loaded = open_map(browser, shipped_maps["offline"], online=False)
    yield loaded
    loaded.close()


def assert_counts_match_drawing(page: Any, shipped_layers: dict[str, Any]) -> None:
    """Each layer's label counts what is drawn of it, and so does the title."""
    summary = page.locator(".geo-summary").inner_text()
    for layer, frame in shipped_layers.items():
        total = int(frame.geometry.notna().sum())
        shown = len(drawn_ids(page, layer))
        label = layer_label(page, layer)
        assert label.startswith(expected_label(layer, shown, total)[:-1]), (label, shown)
        noun = LAYER_LABELS[layer].lower()
        assert f"{shown} {noun if shown != 1 else noun[:-1]}" in summary, (summary, layer)


def test_year_2018_hides_everything_first_reported_later(
        offline: Loaded, shipped_layers: dict[str, Any]) -> None:
    page = offline.page
    page.locator(".geo-time-slider").fill("2018")
    assert page.locator(".geo-time-year").inner_text() == "2018"
    later = {row["id"] for layer, row in drawn_rows(shipped_layers)
             if (year_from(layer, row) or 0) > 2018}
    assert {"trans-caspian-cable", "digital-silk-way"} <= later  # first reported in 2022
    undated = {row["id"] for layer, row in drawn_rows(shipped_layers)
               if year_from(layer, row) is None}
    assert undated, "the shipped catalogue has undated entities"
    for include_undated in (True, False):
        page.locator(".geo-time-undated input").set_checked(include_undated)
        for layer in shipped_layers:
            expected = {row["id"] for lay, row in drawn_rows(shipped_layers) if lay == layer
                        and (year_from(lay, row) or 0) <= 2018
                        and (include_undated or year_from(lay, row) is not None)}
            assert drawn_ids(page, layer) == expected, (layer, include_undated)
            assert not drawn_ids(page, layer) & later
        assert_counts_match_drawing(page, shipped_layers)
        if not include_undated:
            assert "u=0" in page.evaluate("() => new Promise((r) => setTimeout("
                                          "() => r(location.hash), 300))")
    # the popup of a dated entity says when it was first reported, an undated one says so
    page.locator(".geo-time-slider").fill(page.locator(".geo-time-slider").get_attribute("max"))
    assert page.locator(".geo-time-year").inner_text() == "all years"
    assert_counts_match_drawing(page, shipped_layers)
    assert offline.problems() == []


def involved(layer: str, row: dict[str, Any], org: str, role: str = "any") -> bool:
    roles = entity_roles(layer, row)
    wanted = roles.keys() if role == "any" else [role]
    return any(org in roles.get(r, []) for r in wanted)


def test_filters_by_organisation_status_and_kind(offline: Loaded,
                                                 shipped_layers: dict[str, Any]) -> None:
    page = offline.page
    page.locator(".geo-filters > summary").click()
    page.locator(".geo-filter-org").select_option("china-telecom-global")
    for layer in shipped_layers:
        expected = {row["id"] for lay, row in drawn_rows(shipped_layers)
                    if lay == layer and involved(lay, row, "china-telecom-global")}
        assert drawn_ids(page, layer) == expected, layer
    # the PoPs it operates and the data centre where it is a tenant
    assert {"ctg-pop-nairobi", "eadc-nairobi"} <= drawn_ids(page, "sites")
    assert_counts_match_drawing(page, shipped_layers)
    page.locator(".geo-filter-role").select_option("tenant")
    assert drawn_ids(page, "sites") == {
        row["id"] for lay, row in drawn_rows(shipped_layers)
        if lay == "sites" and involved(lay, row, "china-telecom-global", "tenant")}
    assert page.locator(".geo-filters > summary").inner_text() == "FILTERS (1 ACTIVE)"
    page.locator(".geo-filter-clear").click()
    page.locator(".geo-filter-status[value='planned']").uncheck()
    page.locator(".geo-filter-kind[value='site.city']").uncheck()
    for layer in shipped_layers:
        expected = {row["id"] for lay, row in drawn_rows(shipped_layers) if lay == layer
                    and not (lay in ("sites", "routes", "corridors")
                             and row.get("status") == "planned")
                    and not (lay == "sites" and row["kind"] == "city")}
        assert drawn_ids(page, layer) == expected, layer
    assert "trans-caspian-cable" not in drawn_ids(page, "routes")  # planned
    assert_counts_match_drawing(page, shipped_layers)
    page.wait_for_function("() => location.hash.includes('-status:planned')")
    assert "f=-status:planned,-kind:site.city" in page.url
    assert offline.problems() == []


#: how many pixels the map's centre is from a position, at the map's zoom
OFF_BY_PX = """([lat, lon]) => { const m = window.geoMap.map, z = m.getZoom();
  return m.project(m.getCenter(), z).distanceTo(m.project([lat, lon], z)); }"""


def view_of(page: Any) -> dict[str, float]:
    return page.evaluate("""() => { const m = window.geoMap.map, c = m.getCenter();
                                    return { lat: c.lat, lon: c.lng, zoom: m.getZoom() }; }""")


def test_permalink_restores_the_state_and_follows_changes(
        browser: Any, shipped_maps: dict[str, Path], shipped_layers: dict[str, Any]) -> None:
    fragment = ("v=41.5000,51.2500,6&l=sites,routes,agreements&y=2022"
                "&f=org:azertelecom,-status:proposed&o=trans-caspian-cable")
    url = shipped_maps["online"].resolve().as_uri() + "#" + fragment
    for size in (DESKTOP, PHONE):
        loaded = open_map(browser, url, online=True, size=size)
        page = loaded.page
        try:
            view = view_of(page)
            assert view["zoom"] == 6
            # the centre asked for, to the pixel (Leaflet keeps its view on whole pixels)
            assert page.evaluate(OFF_BY_PX, [41.5, 51.25]) <= 1.0, view
            checked = page.eval_on_selector_all(
                ".geo-layers input", "els => els.map((e) => [e.dataset.layer, e.checked])")
            assert checked == [["sites", True], ["routes", True], ["corridors", False],
                               ["organisations", False], ["agreements", True]]
            for layer in ("corridors", "organisations"):
                assert drawn_ids(page, layer) == set()
            assert page.locator(".geo-time-year").text_content() == "2022"
            assert page.locator(".geo-filter-org").input_value() == "azertelecom"
            assert not page.locator(".geo-filter-status[value='proposed']").is_checked()
            for layer in ("sites", "routes", "agreements"):
                expected = {row["id"] for lay, row in drawn_rows(shipped_layers)
                            if lay == layer and involved(lay, row, "azertelecom")
                            and (year_from(lay, row) or 0) <= 2022
                            and not (lay != "agreements" and row.get("status") == "proposed")}
                assert drawn_ids(page, layer) == expected, layer
            assert drawn_ids(page, "routes") == {"trans-caspian-cable"}
            popup = page.locator(".leaflet-popup .geo-popup")
            assert popup.get_attribute("data-id") == "trans-caspian-cable"
            # exactly that: the view did not move to show the popup, the URL says the same
            assert view_of(page) == view
            head, _, rest = page.url.split("#")[1].partition("&")
            assert rest == fragment.partition("&")[2]
            lat, lon, zoom = map(float, head.removeprefix("v=").split(","))
            assert page.evaluate(OFF_BY_PX, [lat, lon]) <= 1.0 and zoom == 6
            # a change updates the URL
            page.evaluate("() => { window.geoMap.map.closePopup(); }")
            page.wait_for_function("() => !location.hash.includes('&o=')")
            page.evaluate("() => { window.geoMap.map.setView([40, 45], 5, {animate: false}); }")
            page.wait_for_function("() => location.hash.startsWith('#v=40.0000,45.0000,5&')")
            page.evaluate("() => window.geoMap.open('azertelecom-kazakhtelecom-memorandum')")
            page.wait_for_function(
                "() => location.hash.endsWith('&o=azertelecom-kazakhtelecom-memorandum')")
        finally:
            loaded.close()


#: records, at each reset of the map's view, how many layers the map held then
COUNT_RESETS = """(() => {
  window.__resets = [];
  let leaflet;
  Object.defineProperty(window, 'L', {configurable: true, get: () => leaflet, set: (v) => {
    leaflet = v;
    v.Map.addInitHook(function () {
      this.on('viewreset', () => window.__resets.push(Object.keys(this._layers).length));
    });
  }});
})();"""


@pytest.mark.parametrize("fragment", ["v=41.5000,51.2500,6", ""])
def test_the_first_view_is_set_before_any_layer_is_placed(
        browser: Any, shipped_maps: dict[str, Path], fragment: str) -> None:
    """A link's view (or, without one, the catalogue's bounds) is the map's before the
    outlines and the catalogue join it: each is placed once, not at a view the page leaves."""
    url = shipped_maps["offline"].resolve().as_uri() + ("#" + fragment if fragment else "")
    loaded = open_map(browser, url, online=False, init_script=COUNT_RESETS)
    try:
        resets = loaded.page.evaluate("() => window.__resets")
        assert resets and all(n == 0 for n in resets), resets
        assert loaded.page.evaluate("() => Object.keys(window.geoMap.map._layers).length") > 30
        if fragment:
            assert view_of(loaded.page)["zoom"] == 6
            assert loaded.page.evaluate(OFF_BY_PX, [41.5, 51.25]) <= 1.0
        assert loaded.problems() == []
    finally:
        loaded.close()


def test_a_copied_link_opens_the_same_map(offline: Loaded, browser: Any) -> None:
    page = offline.page
    page.locator(".geo-time-slider").fill("2019")
    page.locator(".geo-layers input[data-layer='corridors']").uncheck()
    page.locator(".geo-search-input").fill("East Africa Data")
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup .geo-popup[data-id='eadc-nairobi']").wait_for()
    page.locator(".geo-copy-link").click()
    link = page.locator(".geo-link-text").input_value()
    assert link == page.url and "#v=" in link
    assert "y=2019" in link and "o=eadc-nairobi" in link and "corridors" not in link
    again = open_map(browser, link, online=False)
    try:
        assert again.page.url == link
        assert view_of(again.page) == pytest.approx(view_of(page), abs=1e-3)
        assert again.page.locator(".geo-time-year").inner_text() == "2019"
        assert again.page.locator(".leaflet-popup .geo-popup").get_attribute("data-id") == \
            "eadc-nairobi"
        assert drawn_ids(again.page, "corridors") == set()
        assert again.problems() == []
    finally:
        again.close()


def test_a_link_to_an_entity_frames_it(browser: Any, shipped_maps: dict[str, Path]) -> None:
    """What `geo build --focus ID` prints: only the open feature; the map frames it."""
    from geo.webmap.build import permalink_fragment

    url = (shipped_maps["offline"].resolve().as_uri() + "#"
           + permalink_fragment("digital-silk-way"))
    loaded = open_map(browser, url, online=False, size=PHONE)
    try:
        page = loaded.page
        page.locator(".leaflet-popup .geo-popup[data-id='digital-silk-way']").wait_for()
        # framed: in view, and zoomed in about as far as its whole length allows
        framed = page.evaluate("""() => { const m = window.geoMap.map;
            const e = window.geoMap.entries.find((x) => x.id === 'digital-silk-way');
            return [m.getBounds().intersects(e.f.getBounds()), m.getZoom(),
                    m.getBoundsZoom(e.f.getBounds())]; }""")
        assert framed[0] and framed[1] >= framed[2] - 1, framed
        assert loaded.problems() == []
    finally:
        loaded.close()


def test_online_map_without_network_shows_the_catalogue(
        browser: Any, shipped_maps: dict[str, Path], shipped_layers: dict[str, Any],
        tmp_path: Path) -> None:
    """No tile arrives: the country outlines remain under the catalogue, nothing fails but
    the tiles, and the map says so."""
    loaded = open_map(browser, shipped_maps["online"], online=True, tiles=False)
    page = loaded.page
    try:
        assert [e for e in loaded.errors if "Failed to load resource" not in e] == []
        assert loaded.blocked and all("/tile/" in u for u in loaded.blocked)
        assert page.locator("path.geo-country").count() > 100
        for layer, frame in shipped_layers.items():
            assert drawn_ids(page, layer) == {
                i for i, g in zip(frame["id"], frame.geometry, strict=True) if g is not None}
        page.wait_for_function("() => document.querySelector('.leaflet-control-attribution')"
                               ".textContent.includes('tiles unavailable')")
        # the outlines are drawn: land colour on screen
        shot = tmp_path / "no-network.png"
        page.screenshot(path=str(shot))
        assert _colour_share(shot, (0xF4, 0xF2, 0xEC)) > 0.05
    finally:
        loaded.close()


def _colour_share(png: Path, rgb: tuple[int, int, int]) -> float:
    """The share of the pixels of a PNG screenshot that have the colour ``rgb``."""
    import zlib

    import numpy as np

    data = png.read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    colour_type = data[25]
    channels = {2: 3, 6: 4}[colour_type]
    chunks, pos = [], 8
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        if data[pos + 4:pos + 8] == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    raw = np.frombuffer(zlib.decompress(b"".join(chunks)), dtype=np.uint8)
    stride = width * channels
    rows = raw.reshape(height, stride + 1)
    out = np.zeros((height, stride), dtype=np.int32)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind, line = rows[y, 0], rows[y, 1:].astype(np.int32)
        cur = np.zeros(stride, dtype=np.int32)
        if kind == 0:
            cur = line
        elif kind == 2:
            cur = (line + prev) & 0xFF
        else:
            for x in range(stride):
                a = cur[x - channels] if x >= channels else 0
                b = prev[x]
                c = prev[x - channels] if x >= channels else 0
                if kind == 1:
                    p = a
                elif kind == 3:
                    p = (a + b) // 2
                else:
                    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                    p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[x] = (line[x] + p) & 0xFF
        out[y] = cur
        prev = cur
    pixels = out.reshape(height, width, channels)[:, :, :3]
    return float(np.all(pixels == np.array(rgb), axis=2).mean())


def test_the_measuring_tool_measures_geodesics(offline: Loaded, catalog: Any) -> None:
    page = offline.page
    geod = Geod(ellps="WGS84")
    # the page's own formula (Vincenty) against pyproj's (Karney), to the millimetre
    for a, b in (((51.5, -0.12), (-33.9, 18.4)), ((40.4, 49.9), (51.1, 71.4)),
                 ((10.0, 179.5), (-5.0, -170.0)), ((0.0, 0.0), (0.0, 0.0))):
        metres = page.evaluate("([a, b]) => window.geoMap.measure(a, b)", [a, b])
        expected = geod.inv(a[1], a[0], b[1], b[0])[2]
        assert metres == pytest.approx(expected, abs=1e-3), (a, b)
    # nearly antipodal points, where Vincenty's iteration does not converge: the great circle
    # on the mean sphere, within half a percent
    a, b = (0.0, 0.0), (0.5, 179.7)
    metres = page.evaluate("([a, b]) => window.geoMap.measure(a, b)", [a, b])
    assert metres == pytest.approx(geod.inv(a[1], a[0], b[1], b[0])[2], rel=5e-3)
    page.locator(".geo-measure-button").click()
    assert page.locator(".geo-measure-button").get_attribute("aria-pressed") == "true"
    for site in ("baku", "astana"):
        s = catalog.sites[site]
        point = page.evaluate("([lat, lon]) => { const p = window.geoMap.map"
                              ".latLngToContainerPoint([lat, lon]); const r = window.geoMap.map"
                              ".getContainer().getBoundingClientRect();"
                              "return [r.left + p.x, r.top + p.y]; }", [s.lat, s.lon])
        page.mouse.click(*point)
    points = page.evaluate("() => window.geoMap.measured()")
    assert len(points) == 2
    (lat1, lon1), (lat2, lon2) = points
    expected = geod.inv(lon1, lat1, lon2, lat2)[2]
    text = page.locator(".geo-measure-text")
    assert float(text.get_attribute("data-metres")) == pytest.approx(expected, abs=1e-3)
    km = f"{round(expected / 1000):,}".replace(",", "\u202f")
    assert text.inner_text().startswith(f"{km} km \u00b7 2 points")
    # measuring does not open popups; Done ends it
    assert page.locator(".leaflet-popup").count() == 0
    page.locator(".geo-measure-done").click()
    assert page.locator(".geo-measure-button").get_attribute("aria-pressed") == "false"
    assert page.evaluate("() => window.geoMap.measured()") == []
    assert math.isfinite(expected) and offline.problems() == []


def test_the_text_view_lists_what_is_shown(offline: Loaded,
                                           shipped_layers: dict[str, Any]) -> None:
    page = offline.page
    page.locator(".geo-time-slider").fill("2018")
    page.locator(".geo-time-undated input").uncheck()
    page.locator(".geo-list-open").click()
    listed = page.eval_on_selector_all(".geo-list .geo-popup", "els => els.map(e => e.dataset.id)")
    shown = set().union(*(drawn_ids(page, layer) for layer in shipped_layers))
    assert sorted(listed) == sorted(shown)
    assert "\u201c" in page.locator(".geo-list").inner_text()  # the quotes are there
    item = page.locator(".geo-list-item", has=page.locator(".geo-popup[data-id='eadc-nairobi']"))
    item.locator(".geo-list-show").click()
    assert page.locator(".geo-list").count() == 0
    page.locator(".leaflet-popup .geo-popup[data-id='eadc-nairobi']").wait_for()
    assert offline.problems() == []


COLOURS = """() => {
  const rgb = (el, prop) => getComputedStyle(el)[prop].match(/\\d+(\\.\\d+)?/g).slice(0, 3)
    .map(Number);
  const popup = document.querySelector('.leaflet-popup-content-wrapper');
  return { panel: rgb(document.querySelector('.geo-ui'), 'backgroundColor'),
           ink: rgb(document.querySelector('.geo-ui h1'), 'color'),
           popup: popup ? rgb(popup, 'backgroundColor') : null,
           popupInk: popup ? rgb(popup.querySelector('.geo-popup-title'), 'color') : null,
           land: rgb(document.querySelector('path.geo-country'), 'fill') };
}"""


def _luminance(rgb: list[float]) -> float:
    """WCAG relative luminance of an sRGB colour (0 black .. 1 white)."""
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: list[float], b: list[float]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_a_dark_theme_follows_the_system_setting(offline: Loaded) -> None:
    page = offline.page
    page.evaluate("() => window.geoMap.open('eadc-nairobi')")
    page.locator(".leaflet-popup .geo-popup").wait_for()
    light = page.evaluate(COLOURS)
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate(COLOURS)
    for theme, bright in ((light, True), (dark, False)):
        for surface in ("panel", "popup", "land"):
            assert (_luminance(theme[surface]) > 0.5) is bright, (surface, theme)
        # text readable on its surface (WCAG AA: 4.5)
        assert _contrast(theme["panel"], theme["ink"]) >= 4.5, theme
        assert _contrast(theme["popup"], theme["popupInk"]) >= 4.5, theme
    assert offline.problems() == []
