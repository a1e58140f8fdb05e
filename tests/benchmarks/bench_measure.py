"""Benchmark: ``geo measure --file``, as a whole process on real cables and in-process on
500 synthetic multi-part lines (100,000 vertices in all).

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_measure.py [--cables cable-geo.json] [-n 15]

1. Whole process, real cables: ``python -m geo measure --file cable-geo.json`` (the 490
   cables of TeleGeography's Submarine Cable Map, ``public/api/v2/cable/cable-geo.json`` of
   the repository named in ``tests/benchmarks/data/README.md``: ``git show
   85198ba3de4d:public/api/v2/cable/cable-geo.json > cable-geo.json`` in a clone of it;
   ``--cables`` or ``$GEO_BENCH_CABLES`` names it) against a bare script in a new process
   that ``json.load``s the file and sums ``pyproj.Geod.line_length`` over its parts, and
   the floor: the same script importing also what geo's path for that file cannot do
   without, printed beside it: click and simdjson for a file up to
   ``geo.line_plain.PLAIN_MAX_BYTES`` (2 MiB, read into plain lists: the real cables), and
   numpy too for a larger one (read into arrays: the synthetic lines). Fresh processes,
   run in turn in each of ``-n`` rounds (the machine is shared and noisy): best time of
   each, and the median of the per-round ratios. Target: geo <= 1.5 x the bare script.
   The same is done for the synthetic lines as GeoJSON (no file needed). Python's bytecode
   cache is on for geo's own modules (in a temporary folder), as in an installed copy,
   even where PYTHONDONTWRITEBYTECODE is set.
2. In-process (click's CliRunner, after one warm-up run, so start-up and imports are not
   counted): the synthetic lines as GeoPackage, as GeoJSON and piped as GeoJSON on stdin,
   as a ratio to a bare loop of ``pyproj.Geod.line_lengths`` over the same coordinates
   already in memory, timed alternately with it. Target: ratio <= 1.5.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
ROOT = Path(__file__).resolve().parents[2]

#: The bare alternative: a new process that reads the file with json and sums
#: ``Geod.line_length`` over every part of every LineString / MultiLineString.
BARE_SCRIPT = """
import json, sys
from pyproj import Geod
geod = Geod(ellps="WGS84")
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
total = 0.0
for feat in doc["features"]:
    geom = feat.get("geometry") or {}
    parts = ([geom["coordinates"]] if geom.get("type") == "LineString"
             else geom.get("coordinates", []) if geom.get("type") == "MultiLineString" else [])
    for part in parts:
        total += geod.line_length([p[0] for p in part], [p[1] for p in part])
print(repr(total))
"""


def floor_imports(path: Path) -> list[str]:
    """What geo's reader of ``path`` imports beyond the bare script, and a CLI: the floor."""
    from geo.line_plain import PLAIN_MAX_BYTES

    return ["click", "simdjson", *(["numpy"] if path.stat().st_size > PLAIN_MAX_BYTES else [])]


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


def process_env(cache: Path) -> dict[str, str]:
    """The environment of the timed processes: bytecode cached (in ``cache``), as for an
    installed copy of geo, whatever PYTHONDONTWRITEBYTECODE says here."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_process(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall time and CPU time (user + system, s) of ``cmd`` as a new process, and its
    stdout. CPU time suffers less than wall time from other processes on a shared
    machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, out.stdout


def whole_process(path: Path, label: str, repeats: int, env: dict[str, str],
                  folder: Path) -> None:
    """Time geo measure --file PATH, the bare script and the floor script, as fresh
    processes in turn (rotating the order each round); print best times and ratios."""
    bare, floor = folder / "bare_measure.py", folder / "floor_measure.py"
    bare.write_text(BARE_SCRIPT, encoding="utf-8")
    imports = floor_imports(path)
    floor.write_text(f"import {', '.join(imports)}\n{BARE_SCRIPT}", encoding="utf-8")
    cmds = {
        "bare json + Geod.line_length script": [sys.executable, str(bare), str(path)],
        f"floor (+ import {', '.join(imports)})": [sys.executable, str(floor), str(path)],
        "geo measure --file": [sys.executable, "-m", "geo", "measure", "--file", str(path)],
    }
    # warm-up (bytecode cache) and agreement of the totals
    bare_total = run_process(cmds["bare json + Geod.line_length script"], env)[2]
    geo_json = run_process([*cmds["geo measure --file"], "--format", "json"], env)[2]
    geo_total = sum(r["length_m"] for r in json.loads(geo_json))
    assert abs(geo_total - float(bare_total)) < 1e-3 + 1e-12 * geo_total, (geo_total,
                                                                          bare_total)
    for cmd in cmds.values():
        run_process(cmd, env)
    print(f"{label}: {path.name} ({path.stat().st_size / 1e6:.1f} MB), whole process, best of "
          f"{repeats} rounds (totals agree: {geo_total / 1000:,.3f} km); the floor is the bare "
          f"script importing also what geo's reader of this file needs: {', '.join(imports)}")
    print_rounds(cmds, repeats, env, "geo measure --file", 1.5)


def print_rounds(cmds: dict[str, list[str]], repeats: int, env: dict[str, str],
                 subject: str, target: float) -> None:
    """Run ``cmds`` as fresh processes, each once per round in a rotating order; print each
    one's best wall and CPU time, and its ratio to the first (the baseline): of the best
    times, and the median of the per-round ratios. ``subject`` is given ``target``."""
    names = list(cmds)
    wall: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for i in range(repeats):
        k = i % len(names)
        for name in names[k:] + names[:k]:
            w, c, _out = run_process(cmds[name], env)
            wall[name].append(w)
            cpu[name].append(c)
    base = names[0]
    for name in names:
        paired = statistics.median(t / b for t, b in zip(wall[name], wall[base], strict=True))
        note = f"   (target <= {target})" if name == subject else ""
        print(f"  {name:40s} wall {min(wall[name]) * 1000:6.0f} ms, ratio "
              f"{min(wall[name]) / min(wall[base]):4.2f} (paired median {paired:4.2f}); "
              f"CPU {min(cpu[name]) * 1000:6.0f} ms, ratio "
              f"{min(cpu[name]) / min(cpu[base]):4.2f}{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    default = os.environ.get("GEO_BENCH_CABLES") or ROOT / "tests/benchmarks/data/cable-geo.json"
    parser.add_argument("--cables", type=Path, default=Path(default),
                        help="TeleGeography's cable-geo.json [default: %(default)s]")
    parser.add_argument("-n", "--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    from click.testing import CliRunner

    from geo.cli import main as geo_main

    with tempfile.TemporaryDirectory() as tmp:
        env = process_env(Path(tmp) / "pycache")
        if args.cables.is_file():
            whole_process(args.cables, "real cables", args.repeats, env, Path(tmp))
        else:
            print(f"real cables: {args.cables} not found (see --help); skipped")
        synthetic = Path(tmp) / "lines.geojson"
        write_files(make_lines(), Path(tmp))
        whole_process(synthetic, "synthetic lines", args.repeats, env, Path(tmp))
    print()
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
