"""Browser benchmark of context layers: draw, zoom step and hover at 10k, 1M and 10M vertices.

Run: python tests/benchmarks/bench_browser_context.py [--sizes 10k,1m] [--old | --no-old]
with headless Debian chromium (/usr/bin/chromium) through Playwright. Not collected by
pytest. On this machine (2 cores shared with other work, 24 GB): the default (10k and 1M
vertices, three pages each) takes about 4 minutes. ``--sizes 10m`` (geo and bare pages
only unless ``--old``; 4 GB per page) took 12 minutes (13 with ``--old``): past the 5
minutes a benchmark should take, because geo reads and renders 10M vertices in 2.5 minutes
and Leaflet itself needs a minute to draw them and a minute per zoom step, so it is not in
the default run.

Data: synthetic cable-like lines, 100 vertices each (random walks of 3-15 km steps over the
world, 10,000 lines at 1M vertices), written to a GeoPackage and read by geo's reader
(:func:`geo.context.read_context`, default simplification: it keeps these vertices).

Pages, each loaded in a fresh browser context of 1280x800 CSS pixels with no network:

- ``geo``: geo's offline map (:func:`geo.webmap.build.render_map`, the shipped workspace's
  catalogue plus the lines as one context layer), as ``geo build --offline --context`` writes
  it, Content-Security-Policy included;
- ``geo old`` (``--old``; default at 10k and 1M): the page as geo drew context layers before
  issue 16: the tooltip bound to the whole layer (``bindTooltip`` on the ``L.geoJSON``),
  Leaflet's own hit-testing, the features added before the page sets its first view;
- ``bare``: Leaflet alone (inlined from xstatic-leaflet) with the same GeoJSON text geo
  embeds, drawn by ``L.geoJSON`` on a canvas renderer, each feature with its own sticky
  tooltip of the same label (what a Leaflet user writes to show labels on hover), in a map
  of the same size opened at the same view as geo's.

Measured, per page (times from the browser's ``performance.now()``):

- draw: navigation start to the second animation frame after DOMContentLoaded (every inline
  script has run and the canvas has drawn once), median of the loads;
- zoom step: ``map.setZoom(z ± 1, {animate: false})`` to the second animation frame after
  it (the canvas re-projected and redrawn), median over zoom 3 -> 4 -> 5 -> 4 -> 3 in the
  first load (one step, 3 -> 4, at 10M);
- hover: real mouse moves (Playwright ``page.mouse.move``) onto the middle of a drawn
  segment of a random line, each on another line than the last (so each enters a feature
  and opens the tooltip), 40 ms apart (Leaflet's canvas tests the pointer at most every
  32 ms); the time one move's handlers take (a capturing ``mousemove`` listener on
  ``window`` to a bubbling one), median and 90th percentile.

Printed: the figures of each page and the ratios geo / bare against the 1.2 target of issue
16, and geo old / geo for the hover.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import pyogrio  # noqa: E402
import shapely  # noqa: E402
from browser_bench import chosen_sizes, hover, median, p90, run_sizes  # noqa: E402

import geo.webmap.context as contextmap  # noqa: E402
from geo.catalog import load_catalog  # noqa: E402
from geo.context import read_context  # noqa: E402
from geo.layers import build_layers  # noqa: E402
from geo.routes import segment_lines  # noqa: E402
from geo.webmap.build import render_map  # noqa: E402
from geo.webmap.citations import article_citations  # noqa: E402
from tests.browser_context.offline import leaflet_assets  # noqa: E402

#: label: vertices, page loads per page (draw time), zoom levels stepped to from VIEW_ZOOM
SIZES = {"10k": (10_000, 3, (4, 5, 4, 3)), "1m": (1_000_000, 3, (4, 5, 4, 3)),
         "10m": (10_000_000, 1, (4,))}
VERTICES_PER_LINE = 100
TARGET = 1.2
VIEWPORT = {"width": 1280, "height": 800}
#: the view every page is measured at (lon 0-ish, most of the lines in sight)
VIEW_CENTER = (20.0, 0.0)  # lat, lon
VIEW_ZOOM = 3
HOVER_MOVES = 120
LOAD_TIMEOUT_MS = 240_000

#: the old binding, for ``geo old``: one tooltip bound to the whole L.geoJSON
OLD_BINDING = """  layer.bindTooltip(function (l) {
    return document.createTextNode(l.feature.properties.v[1]); }, {sticky: true});
  var tip = layer.getTooltip();
  layer.addTo(group);"""
#: ... Leaflet's own hit-testing on the canvas (every feature tested at each move), and the
#: features added at once (projected at folium's first view, then again at geo's)
OLD_EDITS = (("    hitGrid(renderer);\n", ""), ("L.geoJSON(null, {", "L.geoJSON(data, {"))
OLD_DEFERRED = "  // The features join once"

#: run before any script of the page: the draw probe, and the hover timer
INIT_SCRIPT = """
document.addEventListener('DOMContentLoaded', function () {
  requestAnimationFrame(function () { requestAnimationFrame(function () {
    window.__drawnAt = performance.now();
  }); });
});
window.__moves = [];
window.addEventListener('mousemove', function () { window.__t0 = performance.now(); }, true);
window.addEventListener('mousemove', function () {
  if (window.__t0 !== undefined) { window.__moves.push(performance.now() - window.__t0); }
}, false);
// the map and the context layer, on geo's page and on the bare one
window.__handles = function () {
  return window.geoMap
    ? {map: window.geoMap.map,
       layer: window.geoContext && Object.values(window.geoContext)[0].layer}
    : {map: window.map, layer: window.layer};
};
"""

SET_VIEW = """async ([center, zoom]) => {
  const h = window.__handles();
  h.map.setView(center, zoom, {animate: false});
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [h.map.getSize().x, h.map.getSize().y];
}"""

ZOOM_STEP = """async (zoom) => {
  const h = window.__handles();
  const t0 = performance.now();
  h.map.setZoom(zoom, {animate: false});
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - t0;
}"""

#: container points in the middle of drawn segments of random lines (seeded), on the canvas
HOVER_POINTS = """(n) => {
  const h = window.__handles(), map = h.map, feats = h.layer.getLayers();
  let seed = 16807;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const size = map.getSize(), box = map.getContainer().getBoundingClientRect();
  const out = [];
  let last = null;
  for (let tries = 0; out.length < n && tries < n * 200; tries++) {
    const l = feats[Math.floor(rnd() * feats.length)];
    if (l === last || !l._parts || !l._parts.length) continue;
    const part = l._parts[Math.floor(rnd() * l._parts.length)];
    if (part.length < 2) continue;
    const i = Math.floor(rnd() * (part.length - 1));
    const a = part[i], b = part[i + 1];
    const p = map.layerPointToContainerPoint(L.point((a.x + b.x) / 2, (a.y + b.y) / 2));
    if (p.x < 20 || p.y < 20 || p.x > size.x - 20 || p.y > size.y - 20) continue;
    const x = box.left + p.x, y = box.top + p.y, el = document.elementFromPoint(x, y);
    if (!el || el.tagName !== 'CANVAS') continue;
    out.push([x, y]);
    last = l;
  }
  return out;
}"""


COUNT_ENTERED = """() => {
  const h = window.__handles();
  window.__entered = 0;
  h.layer.on('mouseover', () => { window.__entered++; });
}"""


def lines_frame(n_vertices: int, seed: int = 16) -> gpd.GeoDataFrame:
    """``n_vertices / 100`` random-walk lines of 100 vertices (lon, lat in degrees)."""
    rng = np.random.default_rng(seed)
    n_lines = max(1, n_vertices // VERTICES_PER_LINE)
    n = VERTICES_PER_LINE
    lon0 = rng.uniform(-170.0, 150.0, n_lines)
    lat0 = rng.uniform(-55.0, 60.0, n_lines)
    dlon = rng.uniform(0.03, 0.15, (n_lines, n - 1))
    dlat = rng.normal(0.0, 0.06, (n_lines, n - 1))
    lon = np.concatenate([lon0[:, None], lon0[:, None] + np.cumsum(dlon, axis=1)], axis=1)
    lat = np.clip(np.concatenate([lat0[:, None], lat0[:, None] + np.cumsum(dlat, axis=1)],
                                 axis=1), -80.0, 80.0)
    coords = np.round(np.stack([lon, lat], axis=2).reshape(-1, 2), 5)
    geoms = shapely.linestrings(coords, indices=np.repeat(np.arange(n_lines), n))
    return gpd.GeoDataFrame({"id": [f"line-{i:06d}" for i in range(n_lines)],
                             "name": [f"Line {i}" for i in range(n_lines)],
                             "operator": [f"Operator {i % 97}" for i in range(n_lines)]},
                            geometry=geoms, crs="EPSG:4326")


def geo_inputs(context_path: Path | None, folder: Path) -> tuple[Any, Any, dict[str, Any]]:
    """The context layer read from ``context_path`` (if any), and the catalogue layers and
    :func:`render_map` arguments of geo's offline map of the shipped workspace with it."""
    workspace = folder / "workspace"
    if not workspace.exists():  # the shipped workspace, as tests/browser/conftest.py copies it
        for part in ("seeds", "data"):
            shutil.copytree(ROOT / part, workspace / part)
    layer = read_context(context_path) if context_path is not None else None
    cat = load_catalog(workspace)
    kwargs: dict[str, Any] = {"offline": True, "segment_lines": segment_lines(cat),
                              "context": [layer] if layer is not None else [],
                              "citations": article_citations(cat.articles)}
    return layer, build_layers(cat), kwargs


def geo_pages(context_path: Path, old: bool) -> tuple[dict[str, str], str, int, int]:
    """geo's offline map (and its old-binding twin), the GeoJSON text it embeds, the
    number of lines and of vertices it draws."""
    layer, layers, kwargs = geo_inputs(context_path, context_path.parent)
    data_js, names = contextmap.feature_collection_js(layer)
    serialise = contextmap.feature_collection_js
    contextmap.feature_collection_js = lambda _layer: (data_js, names)  # once for every page
    try:
        pages = {"geo": render_map(layers, **kwargs)}
    finally:
        contextmap.feature_collection_js = serialise
    if old:
        script = contextmap._SCRIPT
        start = script.index("  // ONE tooltip per layer")
        end = script.index("  layer.addTo(group);") + len("  layer.addTo(group);")
        try:
            old_script = script[:start] + OLD_BINDING + script[end:]
            start = old_script.index(OLD_DEFERRED)
            old_script = old_script[:start] + old_script[old_script.index("})();", start):]
            for new, was in OLD_EDITS:
                assert old_script.count(new) == 1, new
                old_script = old_script.replace(new, was)
            contextmap._ContextData._template = contextmap.MacroTemplate(old_script)
            contextmap.feature_collection_js = lambda _layer: (data_js, names)
            pages["geo old"] = render_map(layers, **kwargs)
        finally:
            contextmap._ContextData._template = contextmap._TEMPLATE
            contextmap.feature_collection_js = serialise
        marker = "layer.bindTooltip(function (l) {"
        assert marker in pages["geo old"] and marker not in pages["geo"]
    vertices = int(shapely.get_num_coordinates(layer.features.geometry.to_numpy()).sum())
    return pages, data_js, len(layer), vertices


def bare_page(data_js: str, width: int, height: int) -> str:
    """Leaflet alone: the same GeoJSON on a canvas, a sticky tooltip per feature."""
    js, css = leaflet_assets()
    lat, lon = VIEW_CENTER
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f"<style>{css} html,body{{margin:0}} #map{{width:{width}px;height:{height}px}}"
            f"</style><script>{js}</script></head><body><div id=\"map\"></div><script>"
            f"var map = L.map('map', {{preferCanvas: true}}).setView([{lat}, {lon}], "
            f"{VIEW_ZOOM});"
            f"var data = {data_js};"
            "function label(l) { return document.createTextNode(l.feature.properties.v[1]); }"
            "var layer = L.geoJSON(data, {onEachFeature: function (f, l) {"
            " l.bindTooltip(label, {sticky: true}); }}).addTo(map);"
            "</script></body></html>")


def measure(browser: Any, path: Path, hover_moves: int = 0,
            zoom_path: tuple[int, ...] = ()) -> dict[str, Any]:
    """Load ``path`` once; its draw time, and the zoom-step and hover times (ms) when asked
    for (``zoom_path``, the zoom levels to step to; ``hover_moves``, how many)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url == path.as_uri() else route.abort())
        page.add_init_script(INIT_SCRIPT)
        page.set_default_timeout(LOAD_TIMEOUT_MS)
        page.goto(path.as_uri(), timeout=LOAD_TIMEOUT_MS)
        page.wait_for_function("() => window.__drawnAt !== undefined",
                               timeout=LOAD_TIMEOUT_MS)
        drawn = page.evaluate("() => window.__drawnAt")
        size = page.evaluate(SET_VIEW, [list(VIEW_CENTER), VIEW_ZOOM])
        zooms = [page.evaluate(ZOOM_STEP, z) for z in zoom_path]
        if zooms:
            page.evaluate(SET_VIEW, [list(VIEW_CENTER), VIEW_ZOOM])
        moves: list[float] = []
        entered = tipped = 0
        if hover_moves:
            points = page.evaluate(HOVER_POINTS, hover_moves)
            page.evaluate(COUNT_ENTERED)
            moves, tipped = hover(page, points, "() => { window.__moves = []; }",
                                  "() => window.__moves")
            entered = page.evaluate("() => window.__entered")
        if errors:
            raise RuntimeError(f"{path.name}: page error: {errors[0]}")
        return {"draw": drawn, "zoom": median(zooms), "zooms": zooms,
                "hover": median(moves), "hover_p90": p90(moves), "moves": len(moves),
                "entered": entered, "tipped": tipped, "size": size}
    finally:
        context.close()


def warm_up(browser: Any, folder: Path) -> tuple[int, int]:
    """Load geo's map without context layers once (the first page a browser loads is slow);
    the size of its map (CSS pixels), the size every page is measured at."""
    _layer, layers, kwargs = geo_inputs(None, folder)
    path = folder / "warm-up.html"
    path.write_text(render_map(layers, **kwargs), encoding="utf-8")
    width, height = measure(browser, path)["size"]
    return width, height


def run_size(browser: Any, label: str, folder: Path, old: bool, hover_moves: int,
             loads: int, size: tuple[int, int]) -> None:
    n_vertices, default_loads, zoom_path = SIZES[label]
    loads = loads or default_loads
    t0 = time.perf_counter()
    source = folder / f"lines-{label}.gpkg"
    pyogrio.write_dataframe(lines_frame(n_vertices), source, driver="GPKG")
    pages, data_js, n_lines, vertices = geo_pages(source, old)
    paths = {}
    for name, text in pages.items():
        paths[name] = folder / f"{label}-{name.replace(' ', '_')}.html"
        paths[name].write_text(text, encoding="utf-8")
    geo_bytes = len(pages["geo"].encode())
    del pages
    gc.collect()
    width, height = size
    paths["bare"] = folder / f"{label}-bare.html"
    paths["bare"].write_text(bare_page(data_js, width, height), encoding="utf-8")
    del data_js
    gc.collect()
    built_s = time.perf_counter() - t0

    results: dict[str, list[dict[str, Any]]] = {name: [] for name in paths}
    for i in range(loads):  # interleaved, so drift on a shared machine hits all alike
        for name, path in paths.items():
            first = i == 0
            run = measure(browser, path, hover_moves if first else 0,
                          zoom_path if first else ())
            if tuple(run["size"]) != (width, height):
                raise RuntimeError(f"{path.name}: map of {run['size']} px, not {size}")
            results[name].append(run)
    print(f"\n== {label}: {n_lines:,} lines, {vertices:,} vertices drawn; geo's page "
          f"{geo_bytes / 1e6:.1f} MB (data written, read and rendered in {built_s:.0f} s); "
          f"map {width}x{height} px at zoom {VIEW_ZOOM}")
    summary: dict[str, dict[str, float]] = {}
    for name, runs in results.items():
        draw = median([r["draw"] for r in runs])
        hover_run = runs[0]
        summary[name] = {"draw": draw, "zoom": median(hover_run["zooms"]),
                         "hover": hover_run["hover"]}
        print(f"{name:>8}: draw {draw:8.0f} ms (median of {len(runs)})  zoom step "
              f"{summary[name]['zoom']:8.1f} ms  hover {hover_run['hover']:7.2f} ms "
              f"(p90 {hover_run['hover_p90']:.2f}; {hover_run['moves']} moves, "
              f"{hover_run['entered']} entered a line, tooltip shown after "
              f"{hover_run['tipped']})")
    geo, bare = summary["geo"], summary["bare"]
    for what in ("draw", "zoom", "hover"):
        ratio = geo[what] / bare[what]
        verdict = "ok" if ratio <= TARGET else "OVER"
        line = (f"  geo / bare {what:5}: {ratio:5.2f} (target <= {TARGET}) {verdict}")
        if "geo old" in summary:
            line += f"    geo old / bare {summary['geo old'][what] / bare[what]:6.2f}"
        print(line)
    if "geo old" in summary:
        print(f"  hover, geo old / geo: {summary['geo old']['hover'] / geo['hover']:.1f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,1m",
                        help="comma-separated, of: " + ", ".join(SIZES) + " (default: 10k,1m)")
    parser.add_argument("--old", action=argparse.BooleanOptionalAction, default=None,
                        help="measure the page as geo drew it before issue 16 too (default: "
                             "yes, but not at 10m)")
    parser.add_argument("--loads", type=int, default=0,
                        help="page loads per page for the draw time (default: 3; 1 at 10m)")
    parser.add_argument("--hover-moves", type=int, default=HOVER_MOVES)
    args = parser.parse_args(argv)
    sizes = chosen_sizes(parser, args.sizes, SIZES)
    size: list[tuple[int, int]] = []

    def run(browser: Any, label: str, folder: Path) -> None:
        old = args.old if args.old is not None else label != "10m"
        run_size(browser, label, folder, old, args.hover_moves, args.loads, size[0])

    run_sizes(sizes, "bench-browser-context-", run,
              warm_up=lambda browser, folder: size.append(warm_up(browser, folder)))

if __name__ == "__main__":
    main()
