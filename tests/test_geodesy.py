"""Geodesic lengths on WGS84: against geographiclib, closed forms, and invariants."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from geographiclib.geodesic import Geodesic
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.geodesy import GEOD, geodesic_path, latency_ms, parts_lengths_m, path_length_m

DATA = Path(__file__).parent / "data" / "measure"
WGS84 = Geodesic.WGS84
A_M = 6_378_137.0                  # WGS84 semi-major axis (exact, defining constant)
F = 1 / 298.257223563              # WGS84 flattening (defining constant)
MM = 1e-3


def read_geodtest_sample() -> list[dict[str, float | str]]:
    names = ["lat1", "lon1", "azi1", "lat2", "lon2", "azi2", "s12", "a12", "m12", "S12"]
    rows = []
    for line in (DATA / "geodtest-sample.dat").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split()
        row: dict[str, float | str] = {n: float(v) for n, v in zip(names, cols, strict=False)}
        row["kind"] = cols[10]
        rows.append(row)
    return rows


GEODTEST = read_geodtest_sample()


def test_sample_covers_the_hard_cases():
    kinds = {r["kind"] for r in GEODTEST}
    assert {"random", "antipodal", "short", "pole", "meridional", "equatorial", "long"} <= kinds
    assert len(GEODTEST) >= 100


def test_pyproj_inverse_matches_the_geodtest_sample_to_1_mm():
    lat1 = np.array([r["lat1"] for r in GEODTEST])
    lon1 = np.array([r["lon1"] for r in GEODTEST])
    lat2 = np.array([r["lat2"] for r in GEODTEST])
    lon2 = np.array([r["lon2"] for r in GEODTEST])
    s12 = np.array([r["s12"] for r in GEODTEST])
    _az, _baz, dist = GEOD.inv(lon1, lat1, lon2, lat2)
    worst = int(np.argmax(np.abs(dist - s12)))
    assert abs(dist[worst] - s12[worst]) < MM, GEODTEST[worst]


def test_pyproj_direct_reaches_the_geodtest_end_points():
    # the direct problem from (lat1, lon1, azi1, s12) lands on (lat2, lon2) within 1 mm
    for r in GEODTEST:
        lon2, lat2, _ = GEOD.fwd(r["lon1"], r["lat1"], r["azi1"], r["s12"])
        miss = WGS84.Inverse(lat2, lon2, r["lat2"], r["lon2"])["s12"]
        assert miss < MM, r


def test_library_paths_match_the_geodtest_sample():
    # path_length_m and the vectorised parts_lengths_m give the same 1-mm agreement
    coords = np.array([[(r["lon1"], r["lat1"]), (r["lon2"], r["lat2"])] for r in GEODTEST])
    lengths = parts_lengths_m(coords.reshape(-1, 2), np.arange(0, 2 * len(GEODTEST), 2))
    s12 = np.array([r["s12"] for r in GEODTEST])
    assert np.max(np.abs(lengths - s12)) < MM
    for r, pair in zip(GEODTEST[:20], coords[:20], strict=True):
        assert path_length_m([tuple(p) for p in pair]) == pytest.approx(r["s12"], abs=MM)


# ---------------------------------------------------------------- hand-worked cases


def meridian_arc_m(lat_deg: float) -> float:
    """Meridian distance from the equator on WGS84: Helmert's series in n = f / (2 - f),
    to n^4 (truncation ~1e-7 m)."""
    n = F / (2 - F)
    phi = math.radians(lat_deg)
    return A_M / (1 + n) * (
        (1 + n**2 / 4 + n**4 / 64) * phi
        - 1.5 * (n - n**3 / 8) * math.sin(2 * phi)
        + 15 / 16 * (n**2 - n**4 / 4) * math.sin(4 * phi)
        - 35 / 48 * n**3 * math.sin(6 * phi)
        + 315 / 512 * n**4 * math.sin(8 * phi)
    )


def test_quarter_meridian_is_the_known_figure():
    # 10 001 965.729 m: the WGS84 quarter meridian (e.g. NGA TR8350.2 derived constants)
    assert meridian_arc_m(90) == pytest.approx(10_001_965.729, abs=MM)
    assert path_length_m([(0.0, 0.0), (0.0, 90.0)]) == pytest.approx(10_001_965.729, abs=MM)


@pytest.mark.parametrize(("lat1", "lat2"), [(0, 1), (-30, 45), (10, 80), (-89, 89), (51, 52)])
def test_meridian_arc_matches_the_series(lat1, lat2):
    expected = meridian_arc_m(lat2) - meridian_arc_m(lat1)
    assert path_length_m([(17.0, lat1), (17.0, lat2)]) == pytest.approx(expected, abs=MM)
    # a meridian drawn through intermediate vertices measures the same
    lats = np.linspace(lat1, lat2, 50)
    assert path_length_m([(17.0, float(v)) for v in lats]) == pytest.approx(expected, abs=MM)


@pytest.mark.parametrize("dlon", [0.001, 1.0, 10.0, 90.0, 179.0])
def test_equator_is_a_times_delta_lambda(dlon):
    # along the equator (a circle of radius a) for |Δλ| < 180°(1 - f): a·Δλ exactly
    assert path_length_m([(-20.0, 0.0), (-20.0 + dlon, 0.0)]) == pytest.approx(
        A_M * math.radians(dlon), abs=MM)


def test_equator_in_many_steps_sums_to_the_full_circle():
    lons = np.linspace(-180.0, 180.0, 361)
    assert path_length_m([(float(x), 0.0) for x in lons]) == pytest.approx(
        2 * math.pi * A_M, abs=MM)


def antimeridian_latitude(lon1, lat1, lon2, lat2) -> float:
    """Latitude where the geodesic from (lon1, lat1) eastwards to (lon2, lat2) meets 180°."""
    line = WGS84.InverseLine(lat1, lon1, lat2, lon2)
    lo, hi = 0.0, line.s13
    for _ in range(200):
        mid = (lo + hi) / 2
        pos = line.Position(mid, Geodesic.STANDARD | Geodesic.LONG_UNROLL)
        lo, hi = (mid, hi) if pos["lon2"] < 180.0 else (lo, mid)
    return line.Position(lo, Geodesic.STANDARD | Geodesic.LONG_UNROLL)["lat2"]


def test_a_line_across_180_measures_the_same_split_or_not():
    a, b = (170.0, 10.0), (-170.0, 14.0)
    lat_x = antimeridian_latitude(170.0, 10.0, 190.0, 14.0)
    expected = WGS84.Inverse(a[1], a[0], b[1], b[0])["s12"]
    unsplit = path_length_m([a, b])
    beyond = path_length_m([a, (190.0, 14.0)])
    coords = np.array([a, (180.0, lat_x), (-180.0, lat_x), b])
    split = parts_lengths_m(coords, [0, 2]).sum()
    assert unsplit == pytest.approx(expected, abs=MM)
    assert beyond == pytest.approx(expected, abs=MM)
    assert split == pytest.approx(expected, abs=MM)
    assert expected < 2_500_000  # the short way: ~20° of longitude, not 340°


def test_a_multilinestring_sums_its_parts_and_not_the_gaps():
    part1 = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]
    part2 = [(10.0, 10.0), (11.0, 10.5)]
    coords = np.array(part1 + part2)
    got = parts_lengths_m(coords, [0, 3])
    assert got[0] == pytest.approx(path_length_m(part1), abs=1e-9)
    assert got[1] == pytest.approx(WGS84.Inverse(10, 10, 10.5, 11)["s12"], abs=MM)


def test_heights_are_ignored():
    flat = np.array([(0.0, 0.0), (3.0, 4.0), (5.0, 5.0)])
    high = np.column_stack([flat, [0.0, 8848.0, -11000.0]])
    assert parts_lengths_m(high, [0])[0] == parts_lengths_m(flat, [0])[0]


def test_pole_adjacent_line_crosses_the_pole():
    # 0°E 89.9°N to 180°E 89.9°N goes over the pole: twice the meridian arc 89.9° -> 90°
    expected = 2 * (meridian_arc_m(90) - meridian_arc_m(89.9))
    assert path_length_m([(0.0, 89.9), (180.0, 89.9)]) == pytest.approx(expected, abs=MM)
    # through the pole itself, as two legs along meridians
    via_pole = path_length_m([(0.0, 89.0), (0.0, 90.0), (90.0, 89.0)])
    assert via_pole == pytest.approx(2 * (meridian_arc_m(90) - meridian_arc_m(89)), abs=MM)


def test_parts_lengths_handle_degenerate_parts():
    coords = np.array([(0.0, 0.0), (5.0, 5.0), (1.0, 1.0), (2.0, 2.0), (7.0, 7.0)])
    # parts: [0:1] one vertex, [1:1] empty, [1:3] two vertices, [3:5] two vertices
    got = parts_lengths_m(coords, [0, 1, 1, 3])
    assert got[0] == 0.0 and got[1] == 0.0
    assert got[2] == pytest.approx(path_length_m([(5.0, 5.0), (1.0, 1.0)]), abs=1e-9)
    assert got[3] == pytest.approx(path_length_m([(2.0, 2.0), (7.0, 7.0)]), abs=1e-9)
    assert parts_lengths_m(np.zeros((0, 2)), []).shape == (0,)


def test_existing_helpers_keep_their_behaviour():
    assert path_length_m([(0.0, 0.0)]) == 0.0
    pts = geodesic_path((0.0, 0.0), (10.0, 0.0), spacing_m=100_000)
    assert pts[0] == (0.0, 0.0) and pts[-1] == (10.0, 0.0)
    assert path_length_m(pts) == pytest.approx(A_M * math.radians(10), abs=MM)
    assert latency_ms(1000.0) == pytest.approx(1000.0 * 1.468 / 299_792_458 * 1000)


# ---------------------------------------------------------------- properties

lonlat = st.tuples(st.floats(-180, 180, allow_nan=False), st.floats(-90, 90, allow_nan=False))
lines = st.lists(lonlat, min_size=2, max_size=12)
PROPS = settings(max_examples=60, deadline=None)


def legs_tolerance_m(n_vertices: int) -> float:
    return 1e-6 * n_vertices + 1e-9


@PROPS
@given(lines)
def test_length_is_never_negative(line):
    assert parts_lengths_m(np.array(line), [0])[0] >= 0.0


@PROPS
@given(lines)
def test_reversal_does_not_change_the_length(line):
    forward = parts_lengths_m(np.array(line), [0])[0]
    backward = parts_lengths_m(np.array(line[::-1]), [0])[0]
    assert backward == pytest.approx(forward, abs=legs_tolerance_m(len(line)), rel=1e-12)


@PROPS
@given(lines, st.data())
def test_splitting_at_a_vertex_keeps_the_sum(line, data):
    k = data.draw(st.integers(1, len(line) - 2)) if len(line) > 2 else 1
    whole = parts_lengths_m(np.array(line), [0])[0]
    # the vertex at k ends the first part and starts the second
    coords = np.array(line[: k + 1] + line[k:])
    parts = parts_lengths_m(coords, [0, k + 1])
    assert parts.sum() == pytest.approx(whole, abs=legs_tolerance_m(len(line)), rel=1e-12)


@PROPS
@given(lines, st.data())
def test_longitude_shifts_of_360_keep_the_length(line, data):
    shifts = data.draw(st.lists(st.sampled_from([-360.0, 0.0, 360.0]), min_size=len(line),
                                max_size=len(line)))
    shifted = [(lon + s, lat) for (lon, lat), s in zip(line, shifts, strict=True)]
    whole = parts_lengths_m(np.array(line), [0])[0]
    assert parts_lengths_m(np.array(shifted), [0])[0] == pytest.approx(
        whole, abs=legs_tolerance_m(len(line)), rel=1e-12)
