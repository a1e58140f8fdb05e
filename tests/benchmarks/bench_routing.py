"""Benchmark sea routing (geo.sea) on real point-to-point cables, and the build time of a
catalogue of 500 routed routes against today's.

For each cable of ``tests/benchmarks/data/cable_pairs.csv`` (cables with exactly two landing
points, their landings, published length and the length of the route their owners' map draws:
see ``data/README.md``), the segment between the landings is drawn as a schematic submarine
segment is (:func:`geo.sea.sea_path`) and as before (the geodesic). Printed:

- the share of lines crossing land (Natural Earth 1:50m) for more than 10 km away from their
  ends, routed and geodesic, and the lines ``geo check`` would report (those, and those
  crossing more than 50 km of land at an end; named when there are five or fewer);
- the median and quartiles of drawn length / reference length, for both references (the
  length of the owners' drawn route, and the published cable length, which includes slack);
- the time per segment (caches cleared; the one-time loading of the network and of the land
  is reported apart; the total CPU time too, steadier than wall time on a busy machine);
- ``geo build`` of the shipped workspace plus 500 schematic submarine routes between those
  landings, in a fresh process, with this tree and with today's (the tree of ``--baseline``,
  default: the commit before sea routing), median of ``-n`` runs, wall and CPU time.

Run: ``python tests/benchmarks/bench_routing.py [-n REPEATS] [--baseline REV]``. Not collected
by pytest.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from geo.geodesy import path_length_m  # noqa: E402
from geo.land import (  # noqa: E402
    CROSSING_TOLERANCE_M,
    END_TOLERANCE_M,
    crossings,
    on_land,
    surface_runs,
)

PAIRS = Path(__file__).resolve().parent / "data" / "cable_pairs.csv"
#: The commit before sea routing: "today's" build.
BASELINE = "27c2573"
N_ROUTES = 500


def read_pairs() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def ends(row: dict[str, str]) -> tuple[tuple[float, float], tuple[float, float]]:
    return ((float(row["from_lon"]), float(row["from_lat"])),
            (float(row["to_lon"]), float(row["to_lat"])))


def interior_land_m(positions) -> float:
    """The longest run over land away from the line's ends, metres."""
    return max((r.length_m for r in surface_runs(positions)
                if r.land and not (r.at_start or r.at_end)), default=0.0)


def quartiles(values: list[float]) -> str:
    q1, q2, q3 = statistics.quantiles(values, n=4)
    return f"median {q2:.3f}  quartiles {q1:.3f} - {q3:.3f}"


def routing_report(rows: list[dict[str, str]]) -> None:
    from geo.sea import _network, _sea_path, sea_path

    start = time.perf_counter()
    _network()
    on_land([0.0], [0.0])
    setup_s = time.perf_counter() - start
    _sea_path.cache_clear()
    drawn, geodesic, times, cpu, routed = [], [], [], [], 0
    for row in rows:
        a, b = ends(row)
        t0, c0 = time.perf_counter(), time.process_time()
        path = sea_path(a, b)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        routed += path.routed
        drawn.append((path_length_m(path.positions), interior_land_m(path.positions),
                      row["cable_id"] if crossings(path.positions, True) else None))
        geodesic.append((path_length_m([a, b]), interior_land_m([a, b]),
                         row["cable_id"] if crossings([a, b], True) else None))
    n = len(rows)
    tol_km = CROSSING_TOLERANCE_M / 1000
    print(f"{n} cables with two landings ({PAIRS.relative_to(ROOT)}); {routed} routed over "
          f"the sea, {n - routed} kept as geodesics (no land to avoid, or no plausible route)")
    for label, lines in (("routed (geo.sea)", drawn), ("geodesic (before)", geodesic)):
        land_m = [land for _length, land, _checked in lines]
        crossing = [land for land in land_m if land > CROSSING_TOLERANCE_M]
        print(f"{label:18s} crossing land > {tol_km:g} km: {len(crossing)}/{n} "
              f"({100 * len(crossing) / n:.1f}%), longest {max(land_m) / 1000:,.1f} km")
        checked = [cable for _length, _land, cable in lines if cable]
        print(f"{'':18s} reported by geo check (also > {END_TOLERANCE_M / 1000:g} km at an "
              f"end): {len(checked)}/{n}"
              + (f" ({', '.join(checked)})" if len(checked) <= 5 else ""))
        for ref in ("drawn_km", "published_km"):
            ratios = [length / (float(row[ref]) * 1000) for (length, _, _), row in
                      zip(lines, rows, strict=True)]
            print(f"{'':18s} length / {ref[:-3]:9s}: {quartiles(ratios)}")
        long = [(length / (float(row["drawn_km"]) * 1000)) for (length, _, _), row in
                zip(lines, rows, strict=True) if float(row["drawn_km"]) > 1000]
        print(f"{'':18s} length / drawn, cables over 1,000 km ({len(long)}): "
              f"{quartiles(long)}")
    ms = sorted(t * 1000 for t in times)
    print(f"time per segment: median {statistics.median(ms):.1f} ms, 90th percentile "
          f"{ms[int(0.9 * len(ms))]:.1f} ms, max {ms[-1]:.0f} ms, all {sum(ms) / 1000:.2f} s "
          f"(CPU time {sum(cpu):.2f} s); once per process: network and land loaded in "
          f"{setup_s:.2f} s")


def catalogue_workspace(dest: Path, rows: list[dict[str, str]]) -> int:
    """The shipped workspace plus :data:`N_ROUTES` schematic submarine routes between the
    landings (each pair forward, then backward, then forward again); returns the number of
    distinct legs."""
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    shutil.copytree(ROOT / "data", dest / "data")
    sites, routes, legs = {}, [], set()
    for i in range(N_ROUTES):
        row = rows[i % len(rows)]
        a, b = ends(row)
        names = [(row["from"], a), (row["to"], b)]
        if (i // len(rows)) % 2:
            names.reverse()
        ids = []
        for name, (lon, lat) in names:
            sid = f"bench-{lon:.5f}-{lat:.5f}".replace(".", "p").replace("-", "m")
            sites[sid] = (name, lon, lat)
            ids.append(sid)
        legs.add(tuple(ids))
        routes.append(f'\n[[route]]\nid = "bench-route-{i}"\nname = "{row["cable"]} #{i}"\n'
                      'kind = "submarine-cable"\nstatus = "operational"\nschematic = true\n\n'
                      f'[[route.segments]]\nmedium = "submarine"\nwaypoints = ["{ids[0]}", '
                      f'"{ids[1]}"]\n\n[[route.sources]]\nreference = "{row["source"]}"\n'
                      'note = "TeleGeography submarine cable map (CC BY-NC-SA 3.0)."\n')
    text = "".join(f'\n[[site]]\nid = "{sid}"\nname = "{name.replace(chr(34), "")}"\n'
                   f'kind = "cable-landing"\nlon = {lon}\nlat = {lat}\nprecision = "site"\n\n'
                   f'[[site.sources]]\nreference = "telegeography:landing"\n'
                   'note = "Landing point of the TeleGeography submarine cable map."\n'
                   for sid, (name, lon, lat) in sites.items())
    with (dest / "data" / "sites.toml").open("a", encoding="utf-8") as out:
        out.write(text)
    with (dest / "data" / "routes.toml").open("a", encoding="utf-8") as out:
        out.write("".join(routes))
    return len(legs)


def tree_at(rev: str, dest: Path) -> Path:
    """The repository's files at ``rev`` (``git archive``), unpacked in ``dest``."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest


#: ``geo build`` with every leg drawn as a geodesic (sea routing switched off), to isolate
#: its cost from the rest of the tree's changes since the baseline.
NO_ROUTING = ("import sys; import geo.sea as s; "
              "s.sea_path = lambda a, b: s.SeaPath((tuple(a), tuple(b)), False); "
              "from geo.cli import main; sys.argv[0] = 'geo'; main()")


def build_seconds(code: Path, ws: Path, repeats: int, routing: bool = True
                  ) -> list[tuple[float, float]]:
    """``(wall, CPU)`` seconds of each of ``repeats`` builds (CPU: user + system time of the
    child process)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    run = ["-m", "geo"] if routing else ["-c", NO_ROUTING]
    out = []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, *run, "build", "-w", str(ws), "--offline"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env, cwd=code)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.append((wall, (after.ru_utime - before.ru_utime)
                    + (after.ru_stime - before.ru_stime)))
    return out


def build_report(rows: list[dict[str, str]], repeats: int, baseline: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        distinct = catalogue_workspace(ws, rows)
        today = tree_at(baseline, Path(tmp) / "today")
        runs = {"today (" + baseline + ")": (today, True),
                "this tree, no sea routing": (ROOT, False),
                "this tree, sea routing": (ROOT, True)}
        times: dict[str, list[tuple[float, float]]] = {label: [] for label in runs}
        for _ in range(repeats):   # interleaved: a busy machine slows each alike
            for label, (code, routing) in runs.items():
                times[label].extend(build_seconds(code, ws, 1, routing))
        first = next(iter(times.values()))
        base = statistics.median(w for w, _c in first)
        base_cpu = statistics.median(c for _w, c in first)
        print(f"geo build --offline of the shipped workspace + {N_ROUTES} schematic submarine "
              f"routes ({distinct} distinct legs), median of {repeats} fresh processes each, "
              "interleaved:")
        for label, values in times.items():
            med = statistics.median(w for w, _c in values)
            cpu = statistics.median(c for _w, c in values)
            print(f"  {label:26s} {med:7.2f} s   ratio to today: {med / base:4.2f}   "
                  f"(CPU {cpu:6.2f} s, ratio {cpu / base_cpu:4.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--repeats", type=int, default=3)
    parser.add_argument("--baseline", default=BASELINE,
                        help="revision whose tree is 'today' [default: %(default)s]")
    parser.add_argument("--no-build", action="store_true", help="skip the build timing")
    args = parser.parse_args()
    rows = read_pairs()
    routing_report(rows)
    if not args.no_build:
        build_report(rows, args.repeats, args.baseline)


if __name__ == "__main__":
    main()
