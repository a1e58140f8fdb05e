"""Template payloads in the browser: the maps of the workspace whose every text field holds
Jinja payloads (tests/payloads.py) show them as written, in popups, tooltips, the legend,
the layer control and context popups; and the offline map's Content-Security-Policy stops
a script that reaches the page."""

from __future__ import annotations

from typing import Any

import pytest

from geo.build import build
from tests.browser.conftest import open_map
from tests.payloads import jinja_workspace

pytestmark = pytest.mark.browser

TAIL = "{{7*7}} {% endif %} {# hidden #} {%raw%}"


@pytest.fixture(scope="module")
def jinja_maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("jinja-browser")
    marker = base / "ran"
    ws = jinja_workspace(base / "ws", marker)
    return {"offline": build(ws, ws / "maps" / "offline.html", offline=True).map_path,
            "online": build(ws).map_path, "marker": marker}


OPEN_ALL = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const texts = [];
  map.eachLayer((l) => {
    if (l.getPopup && l.getPopup() && l.getLatLng) { l.openPopup(); }
    else if (l.getPopup && l.getPopup() && l.getBounds) { l.openPopup(l.getBounds().getCenter()); }
    else { return; }
    texts.push(l.getPopup().getElement().innerText);
    map.closePopup();
  });
  for (const name of Object.keys(window.geoContext || {})) {
    const layer = window.geoContext[name].layer;
    layer.eachLayer((f) => {
      // the popup is bound to the whole L.geoJSON: a click on a feature opens its own
      f.fire('click', {latlng: f.getLatLng ? f.getLatLng() : f.getBounds().getCenter()});
      texts.push(layer.getPopup().getElement().innerText);
      map.closePopup();
    });
  }
  return texts;
}"""


@pytest.mark.parametrize("kind", ["offline", "online"])
def test_payloads_shown_as_written(browser: Any, jinja_maps: dict[str, Any], kind: str) -> None:
    loaded = open_map(browser, jinja_maps[kind], online=kind == "online")
    page = loaded.page
    try:
        assert loaded.problems() == []
        popups = "\n".join(page.evaluate(OPEN_ALL))
        for word in ("Alpha", "Bravo", "Charlie", "Echo", "Foxtrot", "Golf", "Kilo", "Lima",
                     "November", "Oscar", "Papa", "Quebec", "Mike", "Sierra"):
            assert word in popups and TAIL in popups, word
        assert "lipsum.__globals__.os.popen(" in popups
        legend = page.locator(".geo-legend").inner_text()
        assert "Romeo layer {{ lipsum" in legend and TAIL in legend
        control = page.locator(".geo-layers").inner_text()
        assert "Romeo layer" in control and TAIL in control
        assert " 49 " not in popups + legend + control
        assert not jinja_maps["marker"].exists()
    finally:
        loaded.close()


def test_offline_policy_stops_an_injected_script(browser: Any, jinja_maps: dict[str, Any]
                                                 ) -> None:
    """Even if text ever reached the offline page as a script, its policy would not run it:
    scripts are allowed by hash, not 'unsafe-inline'."""
    loaded = open_map(browser, jinja_maps["offline"], online=False)
    page = loaded.page
    try:
        assert loaded.problems() == []
        ran = page.evaluate("""async () => {
          const seen = [];
          document.addEventListener('securitypolicyviolation',
                                    (e) => seen.push(e.violatedDirective));
          const s = document.createElement('script');
          s.textContent = 'window.__geoInjected = 1';
          document.body.appendChild(s);
          const div = document.createElement('div');
          div.innerHTML = '<img src=x onerror="window.__geoInjected = 2">';
          document.body.appendChild(div);
          await new Promise((r) => setTimeout(r, 200));
          return {flag: typeof window.__geoInjected, seen};
        }""")
        assert ran["flag"] == "undefined"
        assert any(d.startswith("script-src") for d in ran["seen"]), ran
    finally:
        loaded.close()
