"""Benchmark ``geo build``: wall time as a ratio to the bare import of geopandas + folium +
pyproj (both in fresh subprocesses, in the same run), and the offline map's size.
Target (issue 16): ``geo build`` <= 1.2 x the import. ``tests/benchmarks/bench_startup.py``
also gives CPU times and says how much of a build is start-up.

Run: ``python tests/benchmarks/bench_build.py [-n REPEATS]``. Not collected by pytest.
Python's bytecode cache is on for geo's own modules (in a temporary folder), as in an
installed copy, even where PYTHONDONTWRITEBYTECODE is set; so is the gazetteer's cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def timed(cmd: list[str], repeats: int, env: dict[str, str]) -> list[float]:
    out = []
    for _ in range(repeats + 1):   # the first run fills the caches, and is not counted
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env)
        out.append(time.perf_counter() - start)
    return out[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"),
                   GEO_CACHE_DIR=str(Path(tmp) / "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        ws = Path(tmp) / "ws"
        shutil.copytree(ROOT / "seeds", ws / "seeds")
        shutil.copytree(ROOT / "data", ws / "data")
        offline = ws / "maps" / "offline.html"
        runs = {
            "import geopandas+folium+pyproj": [
                sys.executable, "-c", "import geopandas, folium, pyproj"],
            "geo build": [sys.executable, "-m", "geo", "build", "-w", str(ws)],
            "geo build --offline": [sys.executable, "-m", "geo", "build", "-w", str(ws),
                                    "--offline", "-o", str(offline)],
        }
        times = {name: timed(cmd, args.repeats, env) for name, cmd in runs.items()}
        base = statistics.median(times["import geopandas+folium+pyproj"])
        print(f"repeats: {args.repeats} (median wall time of fresh subprocesses)")
        for name, values in times.items():
            med = statistics.median(values)
            target = "   (target <= 1.2)" if name == "geo build" else ""
            print(f"{name:32s} {med:7.3f} s   ratio to import: {med / base:5.2f}{target}")
        size = offline.stat().st_size
        online = (ws / "maps" / "connectivity.html").stat().st_size
        print(f"offline map size: {size} bytes ({size / 1024:.0f} KiB); "
              f"online map: {online} bytes ({online / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
