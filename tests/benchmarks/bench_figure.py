"""Benchmark of ``geo figure`` (issue 15).

Run: python tests/benchmarks/bench_figure.py

Prints, in one run, the time to draw a figure and save it as PNG (1200 px wide), as a ratio to
a bare geopandas ``.plot()`` of the same data saved to PNG at the same size, measured in the
same run (median of interleaved runs, because these machines are noisy):

1. the seed catalogue (its five layers): ``geo.figure.render.render_figure`` against
   ``GeoDataFrame.plot`` of the five layers; and against the same plot with the Natural Earth
   country outlines under it (the figure draws them too);
2. the seed catalogue with 500 cables (≥ 100,000 vertices, some across ±180°) and 10,000
   points as context layers (tests/browser_context/synth.py), on a world map: geo against
   ``.plot`` of the catalogue, the cables and the points.

The context files are read once, before timing (``geo.context.read_context``; its time is
printed apart); both sides draw from memory.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import pyogrio  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from geo.catalog import load_catalog  # noqa: E402
from geo.context import read_context  # noqa: E402
from geo.figure.options import FigureOptions  # noqa: E402
from geo.figure.render import render_figure  # noqa: E402
from geo.layers import build_layers  # noqa: E402
from geo.routes import segment_lines  # noqa: E402
from geo.webmap.offline import countries  # noqa: E402
from tests.browser_context import synth  # noqa: E402

RUNS = 5
WIDTH_PX = 1200


def bare_plot(frames: list[gpd.GeoDataFrame], height_px: int) -> bytes:
    """``.plot()`` of each frame on one axes, saved as PNG at the figure's size."""
    fig = Figure(figsize=(WIDTH_PX / 96, height_px / 96), dpi=96)
    ax = fig.add_subplot()
    for frame in frames:
        frame.plot(ax=ax)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def timed(runs: dict[str, Callable[[], bytes]]) -> dict[str, float]:
    """Median seconds of each callable, run interleaved :data:`RUNS` times (after one
    warm-up run each)."""
    for fn in runs.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(RUNS):
        for name, fn in runs.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(ts) for name, ts in times.items()}


def main() -> None:
    cat = load_catalog(ROOT)
    layers = build_layers(cat)
    lines = segment_lines(cat)
    drawn = [f[f.geometry.notna()] for f in layers.values()]
    outlines = gpd.GeoDataFrame.from_features(countries()["features"], crs="EPSG:4326")

    seed = render_figure(layers, FigureOptions(format="png"), segment_lines=lines)
    seed_h = seed.height_px
    t = timed({
        "geo": lambda: render_figure(layers, FigureOptions(format="png"),
                                     segment_lines=lines).data,
        "bare": lambda: bare_plot(drawn, seed_h),
        "bare+outlines": lambda: bare_plot([outlines, *drawn], seed_h),
    })
    print(f"seed catalogue, PNG {WIDTH_PX} × {seed_h} px, median of {RUNS}: "
          f"geo figure {t['geo'] * 1000:.0f} ms, bare geopandas .plot {t['bare'] * 1000:.0f} ms, "
          f"ratio {t['geo'] / t['bare']:.2f}; with the country outlines plotted too "
          f"{t['bare+outlines'] * 1000:.0f} ms, ratio {t['geo'] / t['bare+outlines']:.2f}")

    with tempfile.TemporaryDirectory() as tmp:
        cables_path, points_path = synth.write_dataset(Path(tmp))
        t0 = time.perf_counter()
        context = [read_context(cables_path), read_context(points_path)]
        read_s = time.perf_counter() - t0
        cables = pyogrio.read_dataframe(cables_path)
        points = pyogrio.read_dataframe(points_path)
    n_vertices = synth.vertex_count(cables)
    options = FigureOptions(format="png", bbox=(-180.0, -90.0, 180.0, 90.0))
    big = render_figure(layers, options, segment_lines=lines, context=context)
    big_h = big.height_px
    t = timed({
        "geo": lambda: render_figure(layers, options, segment_lines=lines,
                                     context=context).data,
        "bare": lambda: bare_plot([*drawn, cables, points], big_h),
    })
    print(f"seed catalogue + {len(cables)} cables ({n_vertices:,} vertices) + "
          f"{len(points):,} points, world map, PNG {WIDTH_PX} × {big_h} px, median of {RUNS}: "
          f"geo figure {t['geo'] * 1000:.0f} ms, bare geopandas .plot {t['bare'] * 1000:.0f} ms, "
          f"ratio {t['geo'] / t['bare']:.2f} (reading the two context files once: "
          f"{read_s * 1000:.0f} ms, not timed above)")


if __name__ == "__main__":
    main()
