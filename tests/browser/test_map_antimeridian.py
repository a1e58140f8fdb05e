"""Lines across the antimeridian in a real browser (the workspace of tests/pacific.py): a
route from Tokyo to Los Angeles, and one from Suva (Fiji) to Apia (Samoa), meet their end
markers, over land, whichever side of 180° the view is on (centred on 180° and on -120°, on
a laptop and a phone); the copies drawn across 180° add no entity to the counts, the search
or the links, and open their entity's popup."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from geo.build import build
from tests.browser.conftest import DESKTOP, PHONE, Loaded, Size, choose, open_map
from tests.pacific import ROUTE_ENDS, pacific_workspace

pytestmark = pytest.mark.browser

#: route id -> its end sites, and whether Natural Earth's 1:110m outlines hold both ends
#: (Samoa is too small for them)
ROUTES = {"tokyo-la": (ROUTE_ENDS["tokyo-la"], True),
          "suva-apia": (ROUTE_ENDS["suva-apia"], False)}

#: the tip of the popup of the entity {id}
POPUP_TIP = ".leaflet-popup:has(.geo-popup[data-id='{id}']) .leaflet-popup-tip"

#: px between a line's drawn end and the centre of its end marker, at most
NEAR_PX = 3.0

#: In page pixels, within the map: each drawn end of the route's visible line (every run of
#: its SVG path, Leaflet's clipping aside: a clipped end lies outside the view), whether a
#: country outline is filled there (or within ``near`` px), and the centres of the drawn
#: markers of the sites.
ENDS_AND_MARKERS = r"""(args) => {
  const box = window.geoMap.map.getContainer().getBoundingClientRect();
  const inView = (p) => p.x >= box.left && p.x <= box.right && p.y >= box.top &&
    p.y <= box.bottom;
  const toPage = (el, x, y) => {
    const q = new DOMPoint(x, y).matrixTransform(el.getScreenCTM());
    return { x: q.x, y: q.y };
  };
  const countries = Array.from(document.querySelectorAll('path.geo-country'));
  // land at the point or within args.near px of it (a coast town at a low zoom)
  const around = [-1, 0, 1].flatMap((i) => [-1, 0, 1].map((j) => [i * args.near, j * args.near]));
  const onLand = (p) => around.some(([dx, dy]) => countries.some((el) => el.isPointInFill(
    new DOMPoint(p.x + dx, p.y + dy).matrixTransform(el.getScreenCTM().inverse()))));
  const ends = [];
  const lines = document.querySelectorAll(
    'path.geo-l-routes.geo-id-' + args.route + ':not(.geo-hit)');
  lines.forEach((el) => {
    const runs = [];
    const d = el.getAttribute('d') || '';
    for (const m of d.matchAll(/([ML])\s*(-?[\d.]+)[ ,]\s*(-?[\d.]+)/g)) {
      if (m[1] === 'M') { runs.push([]); }
      runs[runs.length - 1].push(toPage(el, Number(m[2]), Number(m[3])));
    }
    runs.forEach((run) => { if (run.length > 1) { ends.push(run[0], run[run.length - 1]); } });
  });
  const markers = {};
  args.sites.forEach((id) => {
    markers[id] = [];
    document.querySelectorAll('path.geo-l-sites.geo-id-' + id).forEach((el) => {
      const b = el.getBBox();
      if (!b.width) { return; }  // out of view: Leaflet draws it empty
      const p = toPage(el, b.x + b.width / 2, b.y + b.height / 2);
      if (inView(p)) { markers[id].push(p); }
    });
  });
  return { ends: ends.filter(inView).map((p) => ({ x: p.x, y: p.y, land: onLand(p) })),
           markers: markers };
}"""


@pytest.fixture(scope="module")
def pacific_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped workspace with routes across 180° (tests/pacific.py), built offline."""
    ws = pacific_workspace(tmp_path_factory.mktemp("pacific") / "ws")
    return build(ws, ws / "maps" / "pacific.html", offline=True).map_path


def _open(browser: Any, path: Path, fragment: str, size: Size = DESKTOP) -> Loaded:
    loaded = open_map(browser, path.resolve().as_uri() + fragment, online=False, size=size)
    loaded.page.wait_for_function("() => !window.geoMap.map._animatingZoom")
    return loaded


def _near(p: dict[str, float], q: dict[str, float]) -> bool:
    return math.hypot(p["x"] - q["x"], p["y"] - q["y"]) <= NEAR_PX


def assert_ends_meet_markers(page: Any, route: str) -> list[dict[str, Any]]:
    """The route's line is drawn in view, each of its drawn ends at a marker of one of its
    end sites (and over land where the outlines hold them), one end at each; and no marker
    of those sites stands in view away from the line's ends. Returns the ends."""
    (first, last), on_land = ROUTES[route]
    drawn = page.evaluate(ENDS_AND_MARKERS, {"route": route, "sites": [first, last],
                                               "near": NEAR_PX})
    ends, markers = drawn["ends"], drawn["markers"]
    assert len(ends) == 2, (route, drawn)
    at = [{site for site in (first, last) if any(_near(end, m) for m in markers[site])}
          for end in ends]
    assert sorted(map(sorted, at)) == sorted([[first], [last]]), (route, drawn)
    for site in (first, last):
        for marker in markers[site]:
            assert any(_near(marker, end) for end in ends), (route, site, drawn)
    if on_land:
        assert all(end["land"] for end in ends), (route, drawn)
    return ends


@pytest.mark.parametrize(("size", "zoom"), [(DESKTOP, 2.5), (PHONE, 1)],
                         ids=["desktop", "phone"])
@pytest.mark.parametrize("centre", [180, -120])
def test_end_markers_are_drawn_at_the_line_ends(browser: Any, pacific_map: Path, size: Size,
                                                zoom: float, centre: float) -> None:
    loaded = _open(browser, pacific_map, f"#v=20,{centre},{zoom}", size)
    try:
        assert loaded.problems() == []
        for route in ROUTES:
            assert_ends_meet_markers(loaded.page, route)
    finally:
        loaded.close()


def test_a_link_to_the_route_frames_it_whole(browser: Any, pacific_map: Path) -> None:
    """``#o=tokyo-la`` frames the route itself (not it and its copy) with both its ends in
    view, and opens its popup; the copies add nothing to the counts or the search."""
    loaded = _open(browser, pacific_map, "#o=tokyo-la")
    page = loaded.page
    try:
        assert loaded.problems() == []
        page.locator(".leaflet-popup .geo-popup[data-id='tokyo-la']").wait_for()
        assert "Tokyo to Los Angeles" in page.locator(".leaflet-popup").inner_text()
        assert_ends_meet_markers(page, "tokyo-la")
        # one entity each, counted once
        entries = page.evaluate("() => window.geoMap.entries.map((e) => e.id)")
        assert len(entries) == len(set(entries))
        sites = [e for e in entries if e in ("tokyo", "los-angeles", "suva", "apia")]
        assert sorted(sites) == ["apia", "los-angeles", "suva", "tokyo"]
        layers = page.locator(".geo-layers").inner_text()
        drawn_sites = page.evaluate("""() => window.geoMap.entries
            .filter((e) => e.layer === 'sites').length""")
        assert f"Sites ({drawn_sites})" in layers
        page.fill(".geo-search-input", "Los Angeles")
        hits = page.locator(".geo-search-hit")
        # the site and the two routes to it, once each
        assert sorted(hits.locator(".geo-search-name").all_inner_texts()) == [
            "Guam to Honolulu and Los Angeles (test cable)", "Los Angeles",
            "Tokyo to Los Angeles (test cable)"]
    finally:
        loaded.close()


def test_a_copy_shows_its_entity(browser: Any, pacific_map: Path) -> None:
    """Centred on 180°, Los Angeles is drawn at the line's end past 180°: pointing at it
    shows its tooltip, clicking it opens its popup there and names it in the link; a link
    to the route centred on -120° opens its popup on the copy in view."""
    loaded = _open(browser, pacific_map, "#v=20,180,2.5")
    page = loaded.page
    try:
        drawn = page.evaluate(ENDS_AND_MARKERS, {"route": "tokyo-la",
                                                 "sites": ["los-angeles"], "near": NEAR_PX})
        (marker,) = drawn["markers"]["los-angeles"]
        page.mouse.move(marker["x"], marker["y"])
        tip = page.locator(".geo-tooltip")
        tip.wait_for()
        assert "Los Angeles" in tip.inner_text()
        page.mouse.click(marker["x"], marker["y"])
        choose(page, "los-angeles")
        tip_box = page.locator(POPUP_TIP.format(id="los-angeles")).bounding_box()
        assert abs(tip_box["x"] + tip_box["width"] / 2 - marker["x"]) <= NEAR_PX + 1
        page.wait_for_function("() => location.hash.includes('o=los-angeles')")
    finally:
        loaded.close()
    loaded = _open(browser, pacific_map, "#v=20,-120,2.5&o=tokyo-la")
    page = loaded.page
    try:
        page.locator(".leaflet-popup .geo-popup[data-id='tokyo-la']").wait_for()
        map_box = page.locator(".leaflet-container").bounding_box()
        tip_box = page.locator(POPUP_TIP.format(id="tokyo-la")).bounding_box()
        assert map_box["x"] < tip_box["x"] < map_box["x"] + map_box["width"], tip_box
        assert map_box["y"] < tip_box["y"] < map_box["y"] + map_box["height"], tip_box
    finally:
        loaded.close()


#: the country outlines' copies drawn, by their shift (degrees of longitude: -360, 0, 360),
#: from the middle of each drawn copy's bounds
OUTLINE_COPIES = """() => {
  const out = [];
  window.geoMap.map.eachLayer((l) => {
    if (l instanceof L.GeoJSON && l.options.pane === 'geo-basemap') {
      const b = l.getBounds();
      out.push((Math.round((b.getWest() + b.getEast()) / 720) * 360) || 0);
    }
  });
  return out.sort((a, b) => a - b);
}"""


def test_outline_copies_are_drawn_once_the_view_reaches_them(browser: Any,
                                                             pacific_map: Path) -> None:
    """Over Europe, one world of outlines is drawn (each copy costs every load and zoom
    step); panning east across 180° draws the copy past it, under the lines drawn there."""
    loaded = _open(browser, pacific_map, "#v=45,10,3")
    page = loaded.page
    try:
        assert loaded.problems() == []
        assert page.evaluate(OUTLINE_COPIES) == [0]
        paths = page.locator("path.geo-country").count()
        page.evaluate("() => window.geoMap.map.panTo([20, 180], {animate: false})")
        assert page.evaluate(OUTLINE_COPIES) == [0, 360]
        assert page.locator("path.geo-country").count() == 2 * paths
        page.evaluate("() => window.geoMap.map.panTo([20, -180], {animate: false})")
        assert page.evaluate(OUTLINE_COPIES) == [-360, 0, 360]
        assert_ends_meet_markers(page, "tokyo-la")
    finally:
        loaded.close()
