"""Benchmark geo export against ``GeoDataFrame.to_file`` on a synthetic catalogue.

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_export.py [--sites 10000] [--routes 1000] [--repeat 3]

Writes a synthetic workspace (``--sites`` sites, a tenth of them hosted in another site;
``--routes`` routes of two or three segments with site and position waypoints, some across
the antimeridian; every entity with a source), loads it with ``load_catalog`` and builds the
layers with ``build_layers`` (timed, for information). Then, for each format, it times geo's
writer and ``GeoDataFrame.to_file`` (pyogrio) writing the same frames in the same run, one
file per layer for GeoJSON (as ``geo build`` writes ``maps/<layer>.geojson``), one
GeoPackage with a table per layer, one CSV per layer for to_file and one for geo. to_file
cannot store lists and dicts, so it is given the frames as geo flattens them
(:func:`geo.export.flatten_frame`, not timed for it); geo's time includes its flattening,
antimeridian check, rounding and JSON encoding. Best of ``--repeat`` runs; the ratio is
geo / to_file (below 1: geo is faster), runs interleaved.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd

from geo.catalog import load_catalog
from geo.export import csv_text, flatten_frame, write_gpkg, write_layer_files
from geo.layers import build_layers


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_workspace(root: Path, n_sites: int, n_routes: int, seed: int = 7) -> Path:
    """A valid synthetic workspace with ``n_sites`` sites and ``n_routes`` routes."""
    rng = random.Random(seed)
    (root / "seeds").mkdir(parents=True)
    (root / "data").mkdir()
    src = "\n[[{t}.sources]]\nreference = \"synthetic:{i}\"\nnote = \"Synthetic entity {i}.\"\n"
    sites = []
    for i in range(n_sites):
        hosted = i >= 10 and i % 10 == 0
        name = _q(f'Site {i}; "synthetic"')
        kind = "pop" if hosted else "data-centre"
        sites.append(f'\n[[site]]\nid = "s{i}"\nname = {name}\nkind = "{kind}"\n'
                     f'operator = "org{i % 50}"\nstatus = "operational"\n')
        if hosted:
            sites.append(f'host = "s{i - 1}"\n')
        else:
            sites.append(f"lon = {rng.uniform(-180, 180):.6f}\nlat = {rng.uniform(-80, 80):.6f}\n"
                         f'precision = "city"\ncountry = "AA"\naliases = ["S{i}", "Site-{i}"]\n')
        sites.append(src.format(t="site", i=i))
    (root / "data" / "sites.toml").write_text("".join(sites), encoding="utf-8")
    orgs = [f'\n[[organisation]]\nid = "org{i}"\nname = "Operator {i}"\nkind = "operator"\n'
            f'country = "AA"\nheadquarters = "s{i * 7 + 1}"\n' + src.format(t="organisation", i=i)
            for i in range(50)]
    (root / "data" / "organisations.toml").write_text("".join(orgs), encoding="utf-8")
    routes = []
    for r in range(n_routes):
        routes.append(f'\n[[route]]\nid = "r{r}"\nname = "Route {r}"\nkind = "submarine-cable"\n'
                      f'operators = ["org{r % 50}", "org{(r + 1) % 50}"]\n')
        start = rng.randrange(n_sites - 20)
        for s in range(rng.choice((2, 3))):
            lon0 = 179.0 if r % 20 == 0 else rng.uniform(-170, 170)
            points = [f'"s{start + s * 5}"']
            for k in range(rng.randint(2, 6)):
                lon = lon0 + k * 0.7
                lon = lon - 360 if lon > 180 else lon
                points.append(f"[{lon:.5f}, {rng.uniform(-60, 60):.5f}]")
            medium = ("submarine", "terrestrial", "unspecified")[s]
            routes.append(f'\n[[route.segments]]\nmedium = "{medium}"\n'
                          f"waypoints = [{', '.join(points)}]\n")
        routes.append(src.format(t="route", i=r))
    (root / "data" / "routes.toml").write_text("".join(routes), encoding="utf-8")
    return root


def best_pair(mine: Callable[[], object], theirs: Callable[[], object],
              repeat: int) -> tuple[float, float]:
    """Best time of each, the two runs interleaved so that load on a shared machine
    weighs on both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, out in ((mine, times[0]), (theirs, times[1])):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    return min(times[0]), min(times[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--routes", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        ws = make_workspace(tmp / "ws", args.sites, args.routes)
        t0 = time.perf_counter()
        cat = load_catalog(ws)
        t_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        layers = build_layers(cat, ["sites", "routes", "organisations"])
        t_build = time.perf_counter() - t0
        counts = ", ".join(f"{len(f)} {n}" for n, f in layers.items())
        print(f"synthetic catalogue: {counts}")
        print(f"load_catalog {t_load:.2f} s, build_layers {t_build:.2f} s (not compared)")
        flat = {n: flatten_frame(f) for n, f in layers.items()}
        out = tmp / "out"
        out.mkdir()

        def fresh(name: str) -> Path:
            path = out / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
            return path

        def geo_geojson() -> None:
            write_layer_files(layers, fresh("geo-geojson"))

        def gpd_geojson() -> None:
            folder = fresh("gpd-geojson")
            folder.mkdir()
            for n, f in flat.items():
                f.to_file(folder / f"{n}.geojson", driver="GeoJSON")

        def geo_gpkg() -> None:
            write_gpkg(layers, fresh("geo.gpkg"))

        def gpd_gpkg() -> None:
            path = fresh("gpd.gpkg")
            for n, f in flat.items():
                f.to_file(path, layer=n, driver="GPKG")

        def geo_csv() -> None:
            fresh("geo.csv").write_text(csv_text(layers), encoding="utf-8")

        def gpd_csv() -> None:
            for n, f in flat.items():
                f.to_file(fresh(f"gpd-{n}.csv"), driver="CSV", GEOMETRY="AS_WKT")

        print(f"{'format':10} {'geo s':>8} {'to_file s':>10} {'ratio':>7}")
        for name, mine, theirs in (("geojson", geo_geojson, gpd_geojson),
                                   ("gpkg", geo_gpkg, gpd_gpkg),
                                   ("csv", geo_csv, gpd_csv)):
            t_mine, t_theirs = best_pair(mine, theirs, args.repeat)
            print(f"{name:10} {t_mine:8.3f} {t_theirs:10.3f} {t_mine / t_theirs:6.2f}x")
        sizes = {p.name: p.stat().st_size for p in sorted((out / "geo-geojson").iterdir())}
        print("geo GeoJSON sizes: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in
                                               sizes.items()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    gpd.options.io_engine = "pyogrio"
    sys.exit(main())
