"""Benchmark: ``geo measure --file`` on 500 multi-part lines, 100,000 vertices in all.

Run on demand (not collected by pytest):

    python tests/benchmarks/bench_measure.py

Prints the whole command's time (``geo measure --file PATH``, default table output, run
in-process through click's CliRunner after one warm-up run, so Python start-up and imports
are not counted; a new process's time is printed too, for scale) as a ratio to a bare loop
of ``pyproj.Geod.line_lengths`` over the same coordinates, already in memory, measured in
the same run, alternating with it. Best of several repeats each, and the median of the
ratios of each (command, baseline) pair, since the machine is shared and noisy. The lines
are written as a GeoPackage and as GeoJSON (and piped as GeoJSON on stdin); each is timed.
Target: ratio <= 1.5.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from pyproj import Geod

FEATURES = 500
VERTICES = 100_000
REPEATS = 15


def make_lines(seed: int = 42) -> list[list[np.ndarray]]:
    """500 random-walk lines of 1-6 parts, 100,000 vertices in all; some cross ±180°."""
    rng = np.random.default_rng(seed)
    per_feature = np.full(FEATURES, VERTICES // FEATURES)
    lines = []
    for n in per_feature:
        n_parts = int(rng.integers(1, 7))
        cuts = np.sort(rng.choice(np.arange(2, n - 1, 2), n_parts - 1, replace=False))
        start = np.array([rng.uniform(-180, 180), rng.uniform(-60, 60)])
        steps = rng.normal(0, 0.05, (n, 2))
        walk = start + np.cumsum(steps, axis=0)
        walk[:, 0] = (walk[:, 0] + 180) % 360 - 180
        walk[:, 1] = np.clip(walk[:, 1], -85, 85)
        lines.append(np.split(walk, cuts))
    assert sum(len(p) for line in lines for p in line) == VERTICES
    return lines


def write_files(lines: list[list[np.ndarray]], folder: Path) -> dict[str, Path]:
    import geopandas
    import pyogrio
    import shapely

    feats = [{"type": "Feature", "id": f"line-{i}",
              "properties": {"name": f"Line {i}", "length": f"{1000 + i:,} km"},
              "geometry": {"type": "MultiLineString",
                           "coordinates": [np.round(p, 7).tolist() for p in parts]}}
             for i, parts in enumerate(lines)]
    geojson = folder / "lines.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": feats}),
                       encoding="utf-8")
    gpkg = folder / "lines.gpkg"
    frame = geopandas.GeoDataFrame(
        {"id": [f["id"] for f in feats], "name": [f["properties"]["name"] for f in feats],
         "length": [f["properties"]["length"] for f in feats]},
        geometry=shapely.from_geojson([json.dumps(f["geometry"]) for f in feats]),
        crs="EPSG:4326")
    pyogrio.write_dataframe(frame, gpkg)
    return {"GeoPackage": gpkg, "GeoJSON": geojson}


def best_of(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def interleaved(baseline, command, repeats: int = REPEATS) -> tuple[float, float, float]:
    """Best times of ``baseline`` and ``command``, run alternately so that a change of load
    on a shared machine affects both alike, and the median of the per-pair ratios."""
    base, cmd = [], []
    for _ in range(repeats):
        base.append(best_of(baseline, 1))
        cmd.append(best_of(command, 1))
    return min(base), min(cmd), statistics.median(c / b for b, c in zip(base, cmd, strict=True))


def main() -> None:
    from click.testing import CliRunner

    from geo.cli import main as geo_main

    lines = make_lines()
    # the same coordinates as the files hold (rounded to 1e-7°, as written)
    parts = [np.round(p, 7) for line in lines for p in line]
    geod = Geod(ellps="WGS84")

    def baseline() -> float:
        return sum(sum(geod.line_lengths(p[:, 0], p[:, 1])) for p in parts)

    total_ref = baseline()
    t_base = best_of(baseline)
    print(f"{FEATURES} multi-part lines, {len(parts)} parts, {VERTICES} vertices")
    print(f"baseline: pyproj.Geod.line_lengths loop over the parts in memory: "
          f"{t_base * 1000:.1f} ms (timed again beside each command below)")
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files(lines, Path(tmp))
        for label, path in files.items():
            args = ["measure", "--file", str(path)]
            warm = runner.invoke(geo_main, [*args, "--format", "json"], catch_exceptions=False)
            assert warm.exit_code == 0, warm.output
            total = sum(r["length_m"] for r in json.loads(warm.stdout))
            assert abs(total - total_ref) < 1e-3 * len(parts), (total, total_ref)

            def command(args=args) -> None:
                result = runner.invoke(geo_main, args, catch_exceptions=False)
                assert result.exit_code == 0

            t_base, t_cmd, median = interleaved(baseline, command)
            print(f"geo measure --file lines.{path.suffix[1:]} ({label}, in-process, table "
                  f"output): {t_cmd * 1000:.1f} ms vs baseline {t_base * 1000:.1f} ms; "
                  f"ratio {t_cmd / t_base:.2f} (target <= 1.5); median of paired ratios "
                  f"{median:.2f}")
            t_proc = best_of(lambda path=path: subprocess.run(
                [sys.executable, "-m", "geo", "measure", "--file", str(path)],
                check=True, stdout=subprocess.DEVNULL), repeats=3)
            print(f"  for scale, as a new process (start-up and imports included): "
                  f"{t_proc * 1000:.0f} ms; ratio {t_proc / t_base:.2f}")
        text = files["GeoJSON"].read_text(encoding="utf-8")

        def stdin_command() -> None:
            result = runner.invoke(geo_main, ["measure", "--file", "-"], input=text,
                                   catch_exceptions=False)
            assert result.exit_code == 0

        t_base, t_stdin, median = interleaved(baseline, stdin_command)
        print(f"geo measure --file - < lines.geojson (stdin, in-process): "
              f"{t_stdin * 1000:.1f} ms vs baseline {t_base * 1000:.1f} ms; "
              f"ratio {t_stdin / t_base:.2f} (target <= 1.5); median of paired ratios "
              f"{median:.2f}")


if __name__ == "__main__":
    sys.exit(main())
