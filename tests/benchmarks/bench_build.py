"""Benchmark ``geo build``: wall and CPU time as ratios to the bare import of geopandas +
folium + pyproj (all fresh subprocesses, in the same run), and the offline map's size.
Target (issue 16): ``geo build`` <= 1.2 x the import. ``tests/benchmarks/bench_startup.py``
says how much of a build is start-up.

Run: ``python tests/benchmarks/bench_build.py [-n REPEATS] [--compare FOLDER]``. Not
collected by pytest. Each round runs every command once, in a rotating order (the machine
is shared and noisy); the first round fills the caches and is not counted. Printed: the
median wall time, the median and best CPU time (user + system: steadier than wall time on
a shared machine), and their ratios to the import.

``--compare FOLDER`` (repeatable) also times ``geo build`` run from another copy of the
package (``FOLDER/geo``, e.g. ``git archive HEAD~3 geo | tar -x -C /tmp/before``), in the
same rounds: before and after in one run.

Python's bytecode cache is on for geo's own modules (in a temporary folder), as in an
installed copy, even where PYTHONDONTWRITEBYTECODE is set; so is geo's cache folder (the
gazetteer's index, the land polygons), as after a first run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from timing import run_process

ROOT = Path(__file__).resolve().parents[2]
FLOOR = "import geopandas+folium+pyproj"




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--repeats", type=int, default=5)
    parser.add_argument("--compare", type=Path, action="append", default=[],
                        help="a folder holding another copy of the geo package, to time too "
                             "(may be given more than once)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = dict(os.environ, PYTHONPYCACHEPREFIX=str(folder / "pycache"),
                   GEO_CACHE_DIR=str(folder / "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("PYTHONPATH", None)
        ws = folder / "ws"
        shutil.copytree(ROOT / "seeds", ws / "seeds")
        shutil.copytree(ROOT / "data", ws / "data")
        offline = ws / "maps" / "offline.html"
        py = sys.executable
        # (name, command, environment)
        runs: list[tuple[str, list[str], dict[str, str]]] = [
            (FLOOR, [py, "-c", "import geopandas, folium, pyproj"], env),
            ("geo build", [py, "-m", "geo", "build", "-w", str(ws)], env),
            ("geo build --offline", [py, "-m", "geo", "build", "-w", str(ws), "--offline",
                                     "-o", str(offline)], env),
        ]
        for other in (c.resolve() for c in args.compare):
            if not (other / "geo" / "__init__.py").is_file():
                parser.error(f"{other}: holds no geo package (geo/__init__.py)")
            runs.append((f"geo build ({other.name})", [py, "-m", "geo", "build", "-w", str(ws)],
                         dict(env, PYTHONPATH=str(other))))
        walls: dict[str, list[float]] = {name: [] for name, _cmd, _env in runs}
        cpus: dict[str, list[float]] = {name: [] for name, _cmd, _env in runs}
        for i in range(args.repeats + 1):
            k = i % len(runs)
            for name, cmd, run_env in runs[k:] + runs[:k]:
                wall, cpu = run_process(cmd, run_env, folder)   # cwd: not this checkout
                if i:   # the first round fills the caches
                    walls[name].append(wall)
                    cpus[name].append(cpu)
        base_wall = statistics.median(walls[FLOOR])
        base_cpu = statistics.median(cpus[FLOOR])
        base_best = min(cpus[FLOOR])
        print(f"rounds: {args.repeats} (fresh subprocesses; ratios to the import above)")
        for name, _cmd, _env in runs:
            wall, cpu, best = (statistics.median(walls[name]), statistics.median(cpus[name]),
                               min(cpus[name]))
            target = "   (target <= 1.2)" if name.startswith("geo build") else ""
            print(f"{name:34s} wall {wall:6.3f} s ({wall / base_wall:4.2f})   CPU median "
                  f"{cpu:6.3f} s ({cpu / base_cpu:4.2f}), best {best:6.3f} s "
                  f"({best / base_best:4.2f}){target}")
        size = offline.stat().st_size
        online = (ws / "maps" / "connectivity.html").stat().st_size
        print(f"offline map size: {size} bytes ({size / 1024:.0f} KiB); "
              f"online map: {online} bytes ({online / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
