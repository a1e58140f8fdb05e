"""A workspace whose names, aliases, notes, quotes and article metadata hold HTML and
JavaScript payloads (tests/data/webmap/xss): built, loaded, every popup and tooltip opened,
the search used; nothing may run and no element may be injected."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from geo.build import build
from tests.browser.conftest import ROOT, open_map

pytestmark = pytest.mark.browser

XSS = ROOT / "tests" / "data" / "webmap" / "xss"
#: the plain first word of each entity's name (the payload follows it)
WORDS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]

INJECTED = """() => ({
  flag: typeof window.__geoPwned,
  imgs: document.querySelectorAll('img[src="x"], .leaflet-popup img, .leaflet-tooltip img')
    .length,
  svgs: document.querySelectorAll('.leaflet-popup svg, .leaflet-tooltip svg, svg[onload]')
    .length,
  handlers: Array.from(document.querySelectorAll('*')).filter(
    (el) => Array.from(el.attributes).some((a) => /^on/i.test(a.name))).length,
  scripts: document.scripts.length,
})"""


@pytest.fixture(scope="module")
def xss_maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    ws = tmp_path_factory.mktemp("xss") / "ws"
    shutil.copytree(XSS, ws)
    return {"offline": build(ws, ws / "maps" / "offline.html", offline=True).map_path,
            "online": build(ws).map_path}


#: close any popup, stop any pan and show every drawn feature clear of the controls
SHOW_ALL = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  map.closePopup();
  map.stop();
  const bounds = L.latLngBounds([]);
  map.eachLayer((l) => {
    const cls = (l.options && l.options.className) || '';
    if (cls.split(' ').includes('geo-f')) { bounds.extend(l.getBounds ? l.getBounds()
                                                                     : l.getLatLng()); }
  });
  // clear of the controls: left column, legend and layer control on the right
  map.fitBounds(bounds, { animate: false, paddingTopLeft: [80, 60],
                          paddingBottomRight: [320, 120] });
}"""

MAP_IDLE = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  return !map._animatingZoom && !(map._panAnim && map._panAnim._inProgress);
}"""


def _open_everything(page: Any) -> tuple[list[str], list[str]]:
    """Open each entity's popup through the search box and hover every drawn feature;
    return the popup texts and the tooltip texts."""
    texts = []
    search = page.locator(".geo-search-input")
    for word in WORDS:
        search.fill(word)
        hits = page.locator(".geo-search-hit")
        for i in range(hits.count()):
            search.fill(word)
            page.locator(".geo-search-hit").nth(i).click()
            popup = page.locator(".leaflet-popup-content", has_text=word).last
            popup.wait_for()
            texts.append(popup.inner_text())
            # a DOM click: the popup may still be auto-panning into view under load
            page.locator(".leaflet-popup-close-button").last.dispatch_event("click")
            page.locator(".leaflet-popup-content").first.wait_for(state="detached")
    for payload in ("<script", "<img", "onerror", "${", "\u2028"):
        search.fill(payload)
    search.fill("")
    # the last popup may still be panning the map: stop it and show everything first
    page.evaluate(SHOW_ALL)
    page.wait_for_function(MAP_IDLE)
    tooltips = []
    features = page.locator(".geo-f:not(.geo-hit)")
    for i in range(features.count()):
        box = features.nth(i).bounding_box()
        if box:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            tooltips += page.locator(".leaflet-tooltip").all_inner_texts()
    return texts, tooltips


@pytest.mark.parametrize("kind", ["offline", "online"])
def test_payloads_are_shown_as_text_and_never_run(browser: Any, xss_maps: dict[str, Path],
                                                  kind: str) -> None:
    loaded = open_map(browser, xss_maps[kind], online=kind == "online")
    page = loaded.page
    try:
        before = page.evaluate(INJECTED)
        texts, tooltips = _open_everything(page)
        after = page.evaluate(INJECTED)
        # every entity's popup was opened and shows its payload as plain text
        assert len(texts) >= len(WORDS)
        joined = "\n".join(texts)
        assert "<script>window.__geoPwned = 1</script>" in joined
        assert '"><img src=x onerror="window.__geoPwned=2">' in joined
        assert "${window.__geoPwned=4}`" in joined
        assert "<img src=x onerror=alert(1)>" in joined
        # hovered markers showed their names, payloads as text (a marker is a circle: the
        # centre of its box is on it, unless a smaller one sits on top, as Delta's PoP does)
        shown = "\n".join(tooltips)
        assert "Charlie head office <script>window.__geoPwned = 1</script>" in shown
        assert "Bravo landing '><svg onload=window.__geoPwned=3>" in shown
        assert "Delta PoP line\u2028separator\u2029end" in shown
        assert after["flag"] == "undefined"
        assert after["imgs"] == 0 and after["svgs"] == 0
        assert after["handlers"] == 0
        assert after["scripts"] == before["scripts"]
        assert loaded.problems() == []
    finally:
        loaded.close()


#: a context layer's name, licence, file name and column names as payloads
CTX_NAME = "Ctx </script><script>window.__geoPwned=6</script><img src=x onerror=alert(6)>"
CTX_LICENCE = "Lic </style><svg onload=window.__geoPwned=7> ${window.__geoPwned=8}`"
CTX_FILE = "ctx <img src=x onerror=alert(9)>.geojson"
CTX_FIELD = '<img src=x onerror="window.__geoPwned=10">'


@pytest.fixture(scope="module")
def xss_context_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The payload workspace with two context layers: one from geo.toml (hostile name and
    licence), one from the command line (hostile file name); hostile column names in both."""
    import json

    from geo.context import ContextSpec

    ws = tmp_path_factory.mktemp("xss-context") / "ws"
    shutil.copytree(XSS, ws)
    (ws / "ctx").mkdir()
    features = [{"type": "Feature", "properties": {"name": f"Kilo {CTX_FIELD}",
                                                     CTX_FIELD: f"value {CTX_FIELD}"},
                 "geometry": geometry}
                for geometry in ({"type": "Point", "coordinates": [15.0, 48.0]},
                                 {"type": "LineString", "coordinates": [[12, 41], [22, 43]]})]
    text = json.dumps({"type": "FeatureCollection", "features": features})
    (ws / "ctx" / "plain.geojson").write_text(text, encoding="utf-8")
    (ws / "ctx" / CTX_FILE).write_text(text, encoding="utf-8")
    (ws / "geo.toml").write_text(
        f'[[context]]\npath = "ctx/plain.geojson"\nname = {json.dumps(CTX_NAME)}\n'
        f'licence = {json.dumps(CTX_LICENCE)}\npopup_fields = [{json.dumps(CTX_FIELD)}]\n',
        encoding="utf-8")
    spec = ContextSpec(ws / "ctx" / CTX_FILE, popup_fields=(CTX_FIELD,))
    return build(ws, ws / "maps" / "context.html", offline=True, context=[spec]).map_path


def test_context_payloads_are_shown_as_text_and_never_run(browser: Any,
                                                          xss_context_map: Path) -> None:
    loaded = open_map(browser, xss_context_map, online=False)
    page = loaded.page
    try:
        before = page.evaluate(INJECTED)
        shown = page.evaluate("""() => {
          const out = [];
          for (const h of Object.values(window.geoContext)) {
            h.layer.eachLayer((l) => {
              const at = l.getLatLng ? l.getLatLng() : l.getBounds().getCenter();
              l.fire('click', { latlng: at }, true);
              l.fire('mouseover', { latlng: at }, true);
              // this feature's popup and tooltip (closed ones fade out of the DOM later)
              const pop = h.layer.getPopup(), tip = h.layer.getTooltip();
              out.push([pop.isOpen() ? pop.getElement().textContent : null,
                        tip.isOpen() ? tip.getElement().textContent : null]);
              h.layer.closePopup();
              h.layer.closeTooltip();
            });
          }
          return out;
        }""")
        assert len(shown) == 4
        for popup, tip in shown:
            assert popup is not None and f"value {CTX_FIELD}" in popup and CTX_FIELD in popup
            assert tip == f"Kilo {CTX_FIELD}"
        assert sum(CTX_NAME in popup and CTX_LICENCE in popup for popup, _ in shown) == 2
        control = page.locator(".geo-layers").inner_text()
        legend = page.locator(".geo-legend-box").inner_text()
        assert CTX_NAME in control and CTX_NAME in legend and CTX_LICENCE in legend
        assert CTX_FILE in legend and CTX_FILE.removesuffix(".geojson") in control
        page.wait_for_timeout(200)  # let any injected onerror or script run
        after = page.evaluate(INJECTED)
        assert after["flag"] == "undefined"
        assert after["imgs"] == 0 and after["svgs"] == 0 and after["handlers"] == 0
        assert after["scripts"] == before["scripts"]
        assert page.locator(".geo-legend-box img, .leaflet-control-layers img").count() == 0
        assert loaded.problems() == []
    finally:
        loaded.close()
