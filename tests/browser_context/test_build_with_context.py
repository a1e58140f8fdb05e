"""Issue 7 through the product's own path: `geo build --offline --context ... --context ...` on the
shipped workspace with the synthetic 500-cable / 10,000-point dataset, loaded in Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser_context import synth

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_FILE = ROOT / "tests" / "data" / "context" / "hostile.geojson"


@pytest.fixture(scope="module")
def built(tmp_path_factory, runner) -> dict:
    folder = tmp_path_factory.mktemp("build-context")
    ws = folder / "ws"
    ws.mkdir()
    for sub in ("seeds", "data"):
        shutil.copytree(ROOT / sub, ws / sub)
    lines_path, points_path = synth.write_dataset(folder)
    hostile = folder / "hostile.geojson"
    shutil.copy(HOSTILE_FILE, hostile)
    result = runner("build", "--offline", "-w", str(ws),
                    "--context", str(lines_path), "--context", str(points_path),
                    "--context", str(hostile), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = ws / "maps" / "connectivity.html"
    return {"url": html.as_uri(), "stderr": result.stderr, "html": html.read_text("utf-8")}


def test_build_draws_catalogue_and_context_together(watched, built, catalog):
    page = watched.page
    page.goto(built["url"])
    page.wait_for_function("window.geoContext && Object.keys(window.geoContext).length === 3")
    counts = page.evaluate("""() => Object.fromEntries(Object.entries(window.geoContext)
        .map(([name, h]) => [name, h.layer.getLayers().length]))""")
    assert counts["cables"] == synth.N_LINES
    assert counts["facilities"] == synth.N_POINTS
    assert counts["hostile"] > 0
    # the catalogue is still all there, above the context canvas
    for layer, n in (("sites", len(catalog.sites)), ("routes", len(catalog.routes))):
        ids = page.evaluate(
            f"() => new Set([...document.querySelectorAll('.geo-l-{layer}')]"
            f".map(e => [...e.classList].find(c => c.startsWith('geo-id-')))).size")
        assert ids == n, layer
    # a crossing cable is drawn short, not across the world
    span = page.evaluate(f"""() => {{
        let out = null;
        window.geoContext['cables'].layer.eachLayer(l => {{
            if (l.feature.properties.v[0] === '{synth.CROSSING_ID}') {{
                const b = l.getBounds(); out = b.getEast() - b.getWest(); }}
        }});
        return out; }}""")
    assert span is not None and span < synth.CROSSING_SPAN_DEG
    # the legend names each context layer with its feature count
    legend = page.locator(".geo-legend-box").inner_text()
    assert "cables" in legend and f"{synth.N_POINTS:,}" in legend.replace("\u202f", ",")
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#injected").count() == 0
    assert watched.errors == [] and watched.dialogs == [] and watched.blocked == []
