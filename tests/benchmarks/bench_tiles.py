"""Browser benchmark of tiled context layers: draw, zoom step and hover at 1M and 10M vertices,
geo's served map against a bare protomaps-leaflet page of the same tiles.

Run: python tests/benchmarks/bench_tiles.py [--sizes 1m,10m] [--loads N] [--max-zoom 8]
with headless Debian chromium (/usr/bin/chromium) through Playwright; not collected by
pytest. Each size is one run of its own (``--sizes 10m``: the largest, under 5 minutes on
this machine, most of it writing the tiles); the default runs both.

Data: the synthetic cable-like lines of bench_browser_context.py (random walks of 100
vertices, 10,000 lines per million vertices), made into a context layer directly (geo's
reader is measured by bench_context.py and bench_browser_context.py; at 10M it alone takes
minutes), cut into tiles by :func:`geo.tiles.tile_big_layers` (what ``geo build`` does
past 500,000 vertices) and written to ``connectivity.tiles/lines.pmtiles``.

Pages, each loaded in a fresh browser context of 1280x800 CSS pixels, served by
:func:`geo.tiles.server.serving` (127.0.0.1, range requests), every other request refused:

- ``geo``: geo's offline map of the shipped workspace with the lines as its tiled context
  layer (:func:`geo.webmap.build.render_map`, CSP included), opened at the benchmark's view
  by its permalink (``#v=20,0,3``);
- ``bare``: Leaflet and protomaps-leaflet alone, the same archive drawn by one line rule of
  the same style, a map of the same size at the same view, and the hover a Leaflet user
  writes: on each ``mousemove``, ``queryTileFeaturesDebug`` and one tooltip of the label.

Measured, per page (browser's ``performance.now()``):

- draw: navigation start to the tiled layer's first ``load`` (every tile in view read by
  range requests, decoded and painted), median of ``--loads`` loads (3 at 1m, 2 at 10m);
- zoom step: ``map.setZoom(z ± 1, {animate: false})`` to the layer's next ``load`` and two
  animation frames, median over zoom 3 -> 4 -> 5 -> 4 -> 3 in every load;
- hover: real mouse moves (Playwright) onto the middle of a segment of a random line, 40 ms
  apart; the time each page's hover handler takes (pick + tooltip), median and 90th
  percentile, and how many moves showed a tooltip.

Printed: the tiling time and archive size, the figures of each page, and geo / bare against
issue 16's 1.2.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import shapely  # noqa: E402
from browser_bench import chosen_sizes, hover, median, p90, run_sizes  # noqa: E402

from geo.context import ID_COL, LABEL_COL, LENGTH_COL, ContextLayer  # noqa: E402
from geo.tiles import allow_tile_requests, tile_big_layers, write_archives  # noqa: E402
from geo.tiles.server import serving  # noqa: E402
from geo.webmap.build import render_map  # noqa: E402
from geo.webmap.styles import context_style  # noqa: E402
from geo.webmap.tiled import protomaps_js  # noqa: E402
from tests.benchmarks.bench_browser_context import geo_inputs, lines_frame  # noqa: E402
from tests.browser_context.offline import leaflet_assets  # noqa: E402

#: label: vertices, page loads per page (draw and zoom times)
SIZES = {"1m": (1_000_000, 3), "10m": (10_000_000, 2)}
TARGET = 1.2
VIEWPORT = {"width": 1280, "height": 800}
VIEW_CENTER = (20.0, 0.0)  # lat, lon
VIEW_ZOOM = 3
ZOOM_PATH = (4, 5, 4, 3)
HOVER_MOVES = 60
TIMEOUT_MS = 120_000

INIT_SCRIPT = """
window.__geoHoverTimes = [];
window.__handles = function () {
  if (window.geoMap) {
    var c = window.geoContext && Object.values(window.geoContext)[0];
    return {map: window.geoMap.map, layer: c && c.layer};
  }
  return {map: window.map, layer: window.layer};
};
(function poll() {
  var h = window.__handles && window.__handles();
  var l = h && h.layer;
  if (l && l._map && l._tiles && Object.keys(l._tiles).length && !l.isLoading()) {
    requestAnimationFrame(function () { window.__drawnAt = performance.now(); });
    return;
  }
  requestAnimationFrame(poll);
})();
"""

ZOOM_STEP = """async (zoom) => {
  const h = window.__handles();
  const t0 = performance.now();
  const loaded = new Promise(r => h.layer.once('load', r));
  h.map.setZoom(zoom, {animate: false});
  if (h.layer.isLoading()) {
    await Promise.race([loaded, new Promise(r => setTimeout(r, 60000))]);
  }
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
}"""

SET_VIEW = """async ([center, zoom]) => {
  const h = window.__handles();
  const loaded = new Promise(r => h.layer.once('load', r));
  h.map.setView(center, zoom, {animate: false});
  if (h.layer.isLoading()) {  // no new tile, no load event: the view was already there
    await Promise.race([loaded, new Promise(r => setTimeout(r, 60000))]);
  }
  return [h.map.getSize().x, h.map.getSize().y];
}"""

TO_SCREEN = """(points) => {
  const map = window.__handles().map, size = map.getSize();
  const box = map.getContainer().getBoundingClientRect();
  const out = [];
  for (const [lon, lat] of points) {
    const p = map.latLngToContainerPoint([lat, lon]);
    if (p.x < 20 || p.y < 20 || p.x > size.x - 20 || p.y > size.y - 20) continue;
    out.push([box.left + p.x, box.top + p.y]);
  }
  return out;
}"""


def lines_layer(n_vertices: int) -> ContextLayer:
    """The benchmark's lines as a context layer (label, an ``operator`` field)."""
    frame = lines_frame(n_vertices)
    features = gpd.GeoDataFrame({ID_COL: frame["id"], LABEL_COL: frame["name"],
                                 LENGTH_COL: np.nan, "operator": frame["operator"]},
                                geometry=frame.geometry.to_numpy(), crs="EPSG:4326")
    return ContextLayer(name="lines", path=Path("lines.gpkg"), features=features,
                        label_field="name", popup_fields=["operator"])


def hover_targets(layer: ContextLayer, n: int, seed: int = 16) -> list[list[float]]:
    """Middles of random segments of random lines (lon, lat), several per wanted move."""
    rng = np.random.default_rng(seed)
    geoms = layer.features.geometry.to_numpy()
    out = []
    for i in rng.choice(len(geoms), size=min(len(geoms), n * 20), replace=False):
        xy = shapely.get_coordinates(geoms[i])
        k = int(rng.integers(0, len(xy) - 1))
        out.append([float((xy[k, 0] + xy[k + 1, 0]) / 2), float((xy[k, 1] + xy[k + 1, 1]) / 2)])
    return out


def bare_page(url: str, max_zoom: int, width: int, height: int) -> str:
    js, css = leaflet_assets()
    style = context_style(0)
    lat, lon = VIEW_CENTER
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f"<style>{css} html,body{{margin:0}} #map{{width:{width}px;height:{height}px}}"
            f"</style><script>{js}</script><script>{protomaps_js()}</script></head><body>"
            "<div id=\"map\"></div><script>"
            f"var map = L.map('map').setView([{lat}, {lon}], {VIEW_ZOOM});"
            "var P = protomapsL;"
            f"var layer = P.leafletLayer({{url: '{url}', maxDataZoom: {max_zoom},"
            " labelRules: [], attribution: '', paintRules: [{dataLayer: 'lines',"
            f" symbolizer: new P.LineSymbolizer({{color: '{style.colour}', "
            f"width: {style.line_weight_px}, opacity: {style.line_opacity}}})}}]}}).addTo(map);"
            "var tip = L.tooltip({sticky: true});"
            "map.on('mousemove', function (e) {"
            " var t0 = performance.now();"
            " var found = layer.queryTileFeaturesDebug(e.latlng.lng, e.latlng.lat, 6).get('')"
            " || [];"
            " var f = found.length ? found[found.length - 1].feature : null;"
            " if (f) { tip.setContent(document.createTextNode(f.props['geo:label']));"
            " tip.setLatLng(e.latlng); if (!tip.isOpen()) { tip.openOn(map); } }"
            " else if (tip.isOpen()) { tip.close(); }"
            " window.__geoHoverTimes.push(performance.now() - t0); });"
            "</script></body></html>")


def measure(browser: Any, url: str, origin: str, targets: list[list[float]] | None = None,
            zoom: bool = False) -> dict[str, Any]:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url.startswith(origin) else route.abort())
        page.add_init_script(INIT_SCRIPT)
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(url, timeout=TIMEOUT_MS)
        page.wait_for_function("() => window.__drawnAt !== undefined", timeout=TIMEOUT_MS)
        drawn = page.evaluate("() => window.__drawnAt")
        size = page.evaluate("() => { const s = window.__handles().map.getSize();"
                             " return [s.x, s.y]; }")
        zooms = [page.evaluate(ZOOM_STEP, z) for z in ZOOM_PATH] if zoom else []
        moves: list[float] = []
        tipped = 0
        if targets:
            page.evaluate(SET_VIEW, [list(VIEW_CENTER), VIEW_ZOOM])
            points = page.evaluate(TO_SCREEN, targets)[:HOVER_MOVES]
            moves, tipped = hover(page, points, "() => { window.__geoHoverTimes.length = 0; }",
                                  "() => window.__geoHoverTimes")
        if errors:
            raise RuntimeError(f"{url}: page error: {errors[0]}")
        return {"draw": drawn, "zooms": zooms, "moves": moves, "tipped": tipped,
                "size": size}
    finally:
        context.close()


def run_size(browser: Any, label: str, folder: Path, loads: int, max_zoom: int | None) -> None:
    n_vertices, default_loads = SIZES[label]
    loads = loads or default_loads
    t0 = time.perf_counter()
    layer = lines_layer(n_vertices)
    made_s = time.perf_counter() - t0
    site = folder / label
    site.mkdir()
    map_path = site / "connectivity.html"
    t0 = time.perf_counter()
    (tiled,), archives = tile_big_layers([layer], map_path, threshold=0, max_zoom=max_zoom)
    write_archives(archives)
    tiled_s = time.perf_counter() - t0
    source = tiled.tiles
    _none, layers, kwargs = geo_inputs(None, folder)
    kwargs["context"] = [tiled]
    map_path.write_text(allow_tile_requests(render_map(layers, **kwargs)), encoding="utf-8")
    targets = hover_targets(layer, HOVER_MOVES)
    vertices = source.vertices
    del layer, tiled
    lat, lon = VIEW_CENTER
    with serving(site) as server:
        origin = server.url.rstrip("/")
        geo_url = f"{server.url}connectivity.html#v={lat},{lon},{VIEW_ZOOM}"
        first = measure(browser, geo_url, origin, targets, zoom=True)
        width, height = first["size"]
        (site / "bare.html").write_text(bare_page(source.url, source.max_zoom, width, height),
                                        encoding="utf-8")
        bare_url = f"{server.url}bare.html"
        runs = {"geo": [first], "bare": [measure(browser, bare_url, origin, targets,
                                                 zoom=True)]}
        for _ in range(loads - 1):
            runs["geo"].append(measure(browser, geo_url, origin, zoom=True))
            runs["bare"].append(measure(browser, bare_url, origin, zoom=True))
    print(f"\n== {label}: {vertices:,} vertices; lines made in {made_s:.0f} s, tiled in "
          f"{tiled_s:.0f} s: {source.tiles:,} tiles, zoom 0-{source.max_zoom}, "
          f"{source.size_bytes / 2**20:.0f} MiB; map {width}x{height} px at zoom {VIEW_ZOOM}")
    summary: dict[str, dict[str, float]] = {}
    for name, page_runs in runs.items():
        head = page_runs[0]
        steps = [z for r in page_runs for z in r["zooms"]]
        summary[name] = {"draw": median([r["draw"] for r in page_runs]),
                         "zoom": median(steps), "hover": median(head["moves"])}
        print(f"{name:>6}: draw {summary[name]['draw']:7.0f} ms (median of {len(page_runs)})"
              f"  zoom step {summary[name]['zoom']:7.0f} ms (median of {len(steps)}; p90 "
              f"{p90(steps):.0f})  hover "
              f"{summary[name]['hover']:6.2f} ms (p90 {p90(head['moves']):.2f}; "
              f"{len(head['moves'])} handled, tooltip after {head['tipped']})")
    for what in ("draw", "zoom", "hover"):
        ratio = summary["geo"][what] / summary["bare"][what]
        print(f"  geo / bare {what:5}: {ratio:5.2f} (target <= {TARGET}) "
              f"{'ok' if ratio <= TARGET else 'OVER'}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1m,10m",
                        help="comma-separated, of: " + ", ".join(SIZES))
    parser.add_argument("--loads", type=int, default=0,
                        help="page loads per page (default: 3 at 1m, 2 at 10m)")
    parser.add_argument("--max-zoom", type=int, default=None,
                        help="deepest zoom of the tiles (default: geo's, 8)")
    args = parser.parse_args(argv)
    sizes = chosen_sizes(parser, args.sizes, SIZES)
    run_sizes(sizes, "bench-tiles-",
              lambda browser, label, folder: run_size(browser, label, folder, args.loads,
                                                      args.max_zoom))

if __name__ == "__main__":
    main()
