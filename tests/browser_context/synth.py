"""A deterministic synthetic context dataset at the scale of issue 7.

500 line features (≥ 100,000 vertices): cables that cross 180° stored split there
(RFC 7946 §3.1.9, MultiLineString), crossing cables stored with a raw jump, cables split
into three features each; and 10,000 points. One line and one point carry hostile text.
Shared by tests/browser_context and tests/benchmarks/bench_context.py.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

N_LINES = 500
N_POINTS = 10_000
VERTICES_PER_LINE = 200
N_SPLIT_CROSSING = 40  # cross 180°, stored as MultiLineString split there
N_JUMP_CROSSING = 10  # cross 180°, stored as one LineString with a raw ±360° jump
N_MULTI_FEATURE = 20  # cables stored as three features each (same name, ids -a -b -c)
HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">'
HOSTILE_TEXT = '</script><script>window.__pwned=2</script><b id="injected">x</b>'
#: The first split crossing cable (tests look for it by id).
CROSSING_ID = "cable-0000"
CROSSING_SPAN_DEG = 40.0  # no synthetic crossing cable spans more than this in longitude


def _walk(rng: np.random.Generator, n: int, lon0: float, lat0: float) -> np.ndarray:
    """An eastward random walk, unwrapped longitudes (may exceed 180)."""
    dlon = rng.uniform(0.03, 0.15, n - 1)
    dlat = rng.normal(0.0, 0.06, n - 1)
    lon = np.concatenate([[lon0], lon0 + np.cumsum(dlon)])
    lat = np.clip(np.concatenate([[lat0], lat0 + np.cumsum(dlat)]), -70, 70)
    return np.round(np.column_stack([lon, lat]), 6)


def _wrap(coords: np.ndarray) -> np.ndarray:
    out = coords.copy()
    out[:, 0] = (out[:, 0] + 180.0) % 360.0 - 180.0
    return out


def split_at_antimeridian(coords: np.ndarray) -> shapely.geometry.base.BaseGeometry:
    """A line in unwrapped longitudes, as RFC 7946 wants it: split at ±180°."""
    lon = coords[:, 0]
    k = np.searchsorted(lon > 180.0, True)  # first vertex east of 180
    if k == 0 or k == len(lon) or lon.max() <= 180.0:
        return shapely.LineString(_wrap(coords))
    (x0, y0), (x1, y1) = coords[k - 1], coords[k]
    y = y0 + (180.0 - x0) * (y1 - y0) / (x1 - x0)
    west = np.vstack([coords[:k], [[180.0, y]]])
    east = np.vstack([[[-180.0, y]], coords[k:] - [360.0, 0.0]])
    return shapely.MultiLineString([west, east])


def lines_frame(seed: int = 7) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    rows: list[dict] = []
    n = VERTICES_PER_LINE

    def add(ident: str, name: str | None, geom, crossing: bool) -> None:
        rows.append({"id": ident, "name": name, "owners": f"Owner {len(rows) % 37}",
                     "rfs": int(1990 + len(rows) % 35), "crossing": crossing,
                     "geometry": geom})

    for i in range(N_SPLIT_CROSSING):
        coords = _walk(rng, n, rng.uniform(160.0, 175.0), rng.uniform(-40.0, 50.0))
        add(f"cable-{i:04d}", f"Pacific {i}", split_at_antimeridian(coords), True)
    for i in range(N_JUMP_CROSSING):
        coords = _walk(rng, n, rng.uniform(160.0, 175.0), rng.uniform(-40.0, 50.0))
        add(f"jump-{i:04d}", f"Jump {i}", shapely.LineString(_wrap(coords)), True)
    for i in range(N_MULTI_FEATURE):
        crossing = i < 5
        lon0 = rng.uniform(150.0, 160.0) if crossing else rng.uniform(-170.0, 80.0)
        coords = _walk(rng, 3 * n - 2, lon0, rng.uniform(-40.0, 50.0))
        for j, chunk in enumerate((coords[:n], coords[n - 1: 2 * n - 1], coords[2 * n - 2:])):
            add(f"multi-{i:04d}-{'abc'[j]}", f"Segmented {i}", split_at_antimeridian(chunk),
                crossing)
    plain = N_LINES - len(rows)
    for i in range(plain):
        coords = _walk(rng, n, rng.uniform(-170.0, 140.0), rng.uniform(-60.0, 60.0))
        name = None if i % 50 == 7 else f"Cable {i}"
        add(f"line-{i:04d}", name, shapely.LineString(coords), False)
    rows[-1]["name"] = HOSTILE_NAME
    rows[-1]["owners"] = HOSTILE_TEXT
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def points_frame(seed: int = 8) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    lon = np.round(rng.uniform(-180.0, 180.0, N_POINTS), 6)
    lat = np.round(rng.uniform(-60.0, 70.0, N_POINTS), 6)
    names = [f"Facility {i}" for i in range(N_POINTS)]
    operators = [f"Operator {i % 211}" for i in range(N_POINTS)]
    names[123] = HOSTILE_NAME
    operators[123] = HOSTILE_TEXT
    return gpd.GeoDataFrame({"id": [f"pt-{i:05d}" for i in range(N_POINTS)], "name": names,
                             "operator": operators, "tier": rng.integers(1, 5, N_POINTS)},
                            geometry=shapely.points(lon, lat), crs="EPSG:4326")


def vertex_count(gdf: gpd.GeoDataFrame) -> int:
    return int(shapely.get_num_coordinates(gdf.geometry.to_numpy()).sum())


def write_dataset(folder: Path) -> tuple[Path, Path]:
    """Write the lines (GeoPackage) and the points (GeoJSON) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    lines, points = folder / "cables.gpkg", folder / "facilities.geojson"
    pyogrio.write_dataframe(lines_frame(), lines, driver="GPKG", promote_to_multi=True)
    pyogrio.write_dataframe(points_frame(), points, driver="GeoJSON")
    return lines, points
