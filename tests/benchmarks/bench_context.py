"""Benchmark of context layers at the scale of issue 7.

Run: python tests/benchmarks/bench_context.py [--lines FILE] [--points FILE]

``--lines``/``--points`` replace the synthetic data with real files, for issue 16's "build
<= 1.2x plain folium on real data": e.g. TeleGeography's ``public/api/v2/cable/cable-geo.json``
(490 cables, 10,229 vertices) and ``landing-point/landing-point-geo.json`` (1,439 points),
from its public data repository (CC BY-NC-SA 3.0, not shipped: pass their paths). About a
minute on this machine.

Data: tests/browser_context/synth.py — 500 cables (≥ 100,000 vertices; some cross 180°, some
split into several features) in a GeoPackage and 10,000 points in a GeoJSON file.

Prints, in one run, ratios against baselines measured in the same run:
1. build time (read both files, make the map, render the HTML) with geo.context +
   geo.webmap.context, against plain ``folium.GeoJson`` of the same files (target ≤ 1.2,
   issue 16; issue 7 asked ≤ 1.5);
2. HTML size against that plain folium map (target ≤ 1.0);
3. time until the features are drawn in headless Chromium (navigation start to two animation
   frames after the last script ran, median of runs), against a bare Leaflet page with the
   same GeoJSON and nothing else (``L.geoJSON(data).addTo(map)``) (target ≤ 1.2).
Both pages get Leaflet inlined from xstatic-leaflet and no network.
Also, for the points alone: canvas circle markers against Leaflet.markercluster when the
``xstatic-leaflet-markercluster`` package is installed (not a geo dependency).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import folium  # noqa: E402
import geopandas as gpd  # noqa: E402
import pyogrio  # noqa: E402

from geo.context import read_context  # noqa: E402
from geo.webmap import add_context_layer, context_style  # noqa: E402
from tests.browser_context import synth  # noqa: E402
from tests.browser_context.conftest import ARGS, CHROMIUM  # noqa: E402
from tests.browser_context.offline import (  # noqa: E402
    LEAFLET_DIR,
    bare_leaflet_page,
    inline_leaflet,
    leaflet_assets,
    script_safe,
)

BUILD_RUNS = 5
DRAW_RUNS = 5
PROBE = ("<script>requestAnimationFrame(function () { requestAnimationFrame(function () {"
         " window.__drawnAt = performance.now(); }); });</script>")


def build_plain(lines: Path, points: Path) -> str:
    m = folium.Map(location=[20, 0], zoom_start=2, tiles=None)
    folium.GeoJson(pyogrio.read_dataframe(lines), name=lines.stem).add_to(m)
    folium.GeoJson(pyogrio.read_dataframe(points), name=points.stem).add_to(m)
    return m.get_root().render()


def build_geo(lines: Path, points: Path) -> str:
    m = folium.Map(location=[20, 0], zoom_start=2, tiles=None)
    for i, path in enumerate((lines, points)):
        add_context_layer(m, read_context(path), context_style(i))
    folium.LayerControl().add_to(m)
    return m.get_root().render()


def timed(fn, *args) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(BUILD_RUNS):
        t0 = time.perf_counter()
        out = fn(*args)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def with_probe(page: str) -> str:
    assert page.rstrip().endswith("</html>")
    return page.rstrip()[: -len("</html>")] + PROBE + "</html>"


def cluster_page(points_json: str) -> str | None:
    try:
        import xstatic.pkg.leaflet_markercluster as xcluster
    except ImportError:
        return None
    folder = Path(xcluster.BASE_DIR)
    js, css = leaflet_assets()
    cjs = (folder / "leaflet.markercluster.js").read_text(encoding="utf-8")
    ccss = "".join((folder / n).read_text(encoding="utf-8")
                   for n in ("MarkerCluster.css", "MarkerCluster.Default.css"))
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f"<style>{css}{ccss} html,body,#map{{height:100%;margin:0}}</style>"
            f"<script>{js}</script><script>{cjs}</script></head><body><div id=\"map\"></div>"
            "<script>var map = L.map('map', {maxZoom: 18}).setView([20, 0], 2);"
            f"var data = {script_safe(points_json)};"
            "var cluster = L.markerClusterGroup();"
            "cluster.addLayer(L.geoJSON(data)); map.addLayer(cluster);"
            "</script></body></html>")


def canvas_points_page(points_json: str) -> str:
    js, css = leaflet_assets()
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f"<style>{css} html,body,#map{{height:100%;margin:0}}</style>"
            f"<script>{js}</script></head><body><div id=\"map\"></div>"
            "<script>var map = L.map('map', {maxZoom: 18}).setView([20, 0], 2);"
            f"var data = {script_safe(points_json)};"
            "var r = L.canvas();"
            "L.geoJSON(data, {pointToLayer: function (f, ll) {"
            " return L.circleMarker(ll, {renderer: r, radius: 3}); }}).addTo(map);"
            "</script></body></html>")


def draw_times(pages: dict[str, Path]) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    results: dict[str, list[float]] = {name: [] for name in pages}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            for _ in range(DRAW_RUNS):
                for name, path in pages.items():  # interleaved, so drift hits all alike
                    context = browser.new_context(viewport={"width": 1024, "height": 768})
                    page = context.new_page()
                    errors: list[str] = []
                    page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
                    page.route("**/*", lambda route: route.continue_()
                               if route.request.url.startswith("file:") else route.abort())
                    page.goto(path.as_uri(), timeout=120_000)
                    page.wait_for_function("window.__drawnAt !== undefined", timeout=120_000)
                    results[name].append(page.evaluate("window.__drawnAt"))
                    if errors:
                        raise RuntimeError(f"{name}: page error: {errors[0]}")
                    context.close()
        finally:
            browser.close()
    return {name: statistics.median(times) for name, times in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=Path, help="a real line file instead of the synthetic")
    parser.add_argument("--points", type=Path, help="a real point file instead of the synthetic")
    args = parser.parse_args()
    # real files may repeat feature ids; GDAL's warning says so for the baseline's reads
    warnings.filterwarnings("ignore", "Several features with id", RuntimeWarning)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lines, points = synth.write_dataset(folder)
        lines, points = args.lines or lines, args.points or points
        line_frame = pyogrio.read_dataframe(lines)
        n_points = len(pyogrio.read_dataframe(points))
        print(f"data: {len(line_frame):,} lines ({synth.vertex_count(line_frame):,} vertices) "
              f"in {lines.name}, {n_points:,} points in "
              f"{points.name}")

        plain_s, plain_html = timed(build_plain, lines, points)
        geo_s, geo_html = timed(build_geo, lines, points)
        print(f"build (read + map + render), median of {BUILD_RUNS}: "
              f"plain folium.GeoJson {plain_s * 1000:.0f} ms, geo {geo_s * 1000:.0f} ms, "
              f"ratio {geo_s / plain_s:.2f} (target <= 1.2)")
        plain_b, geo_b = len(plain_html.encode()), len(geo_html.encode())
        print(f"HTML size: plain {plain_b / 1e6:.2f} MB, geo {geo_b / 1e6:.2f} MB, "
              f"ratio {geo_b / plain_b:.2f} (target <= 1.0)")

        both = gpd.GeoDataFrame(
            gpd.pd.concat([pyogrio.read_dataframe(lines), pyogrio.read_dataframe(points)],
                          ignore_index=True), crs="EPSG:4326")
        both_json = both.to_json()
        pages = {
            "bare": bare_leaflet_page(both_json),
            "bare canvas": bare_leaflet_page(both_json, canvas=True),
            "geo": inline_leaflet(geo_html),
            "canvas points": canvas_points_page(pyogrio.read_dataframe(points).to_json()),
        }
        cluster = cluster_page(pyogrio.read_dataframe(points).to_json())
        if cluster is not None:
            pages["cluster points"] = cluster
        # the default marker icons resolve (file://) as they would beside a real page
        shutil.copytree(LEAFLET_DIR / "images", folder / "images")
        paths = {}
        for name, text in pages.items():
            paths[name] = folder / f"{name.replace(' ', '_')}.html"
            paths[name].write_text(with_probe(text), encoding="utf-8")
        if not CHROMIUM.exists():
            print(f"draw time: skipped ({CHROMIUM} missing)")
            return
        drawn = draw_times(paths)
        print(f"drawn in headless Chromium, median of {DRAW_RUNS}: bare Leaflet page "
              f"{drawn['bare']:.0f} ms, geo {drawn['geo']:.0f} ms, "
              f"ratio {drawn['geo'] / drawn['bare']:.2f} (target <= 1.2)")
        print(f"  stricter baseline, the same bare page with preferCanvas (circle markers): "
              f"{drawn['bare canvas']:.0f} ms, ratio {drawn['geo'] / drawn['bare canvas']:.2f}")
        if "cluster points" in drawn:
            print(f"{n_points:,} points alone: canvas circle markers "
                  f"{drawn['canvas points']:.0f} ms, "
                  f"Leaflet.markercluster {drawn['cluster points']:.0f} ms, ratio canvas/cluster "
                  f"{drawn['canvas points'] / drawn['cluster points']:.2f}")
        else:
            print(f"{n_points:,} points alone: canvas circle markers "
                  f"{drawn['canvas points']:.0f} ms; "
                  "markercluster not measured (xstatic-leaflet-markercluster not installed)")


if __name__ == "__main__":
    main()
