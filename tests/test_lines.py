"""geo.lines: line parts, unwrapping, the antimeridian split and join, rounding."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, MultiLineString, Point

from geo.lines import (
    MAX_DECIMALS,
    join_antimeridian,
    line_from_parts,
    line_parts,
    may_cross_antimeridian,
    packed_line_parts,
    round_coords,
    split_antimeridian,
    unwrap_line,
    unwrap_lon,
)

# --------------------------------------------------------------------------- parts


def test_line_parts_of_a_multilinestring_in_order_heights_dropped():
    geom = MultiLineString([[(0, 0, 9), (1, 1, 9)], [(2, 2, 9), (3, 3, 9), (4, 4, 9)]])
    parts = line_parts(geom)
    assert [p.tolist() for p in parts] == [[[0, 0], [1, 1]], [[2, 2], [3, 3], [4, 4]]]
    assert all(p.dtype == float and p.shape[1] == 2 for p in parts)


def test_line_parts_of_a_linestring_none_and_empty():
    assert [p.tolist() for p in line_parts(LineString([(5, 6), (7, 8)]))] == [[[5, 6], [7, 8]]]
    assert line_parts(None) == []
    assert line_parts(LineString()) == []


def test_line_parts_refuses_other_geometries():
    with pytest.raises(ValueError, match="expected a line, got Point"):
        line_parts(Point(1, 2))


def test_packed_line_parts_of_many_geometries():
    geoms = [LineString([(0, 0), (1, 0)]),
             MultiLineString([[(2, 0), (3, 0), (4, 0)], [(5, 0), (6, 0)]])]
    coords, sizes, owner = packed_line_parts(geoms)
    assert coords[:, 0].tolist() == [0, 1, 2, 3, 4, 5, 6]
    assert sizes.tolist() == [2, 3, 2]
    assert owner.tolist() == [0, 1, 1]


def test_line_from_parts_one_part_or_several():
    one = line_from_parts([[(0, 0), (1, 1)]])
    assert one.geom_type == "LineString" and list(one.coords) == [(0, 0), (1, 1)]
    two = line_from_parts([[(0, 0), (1, 1)], np.array([[2.0, 2.0], [3.0, 3.0]])])
    assert two.geom_type == "MultiLineString" and len(two.geoms) == 2


# --------------------------------------------------------------------------- rounding


def test_round_coords_rounds_as_numpy_and_drops_negative_zero():
    out = round_coords(np.array([[-0.000001, 1.234564999], [125.712295, -2.5]]), 5)
    assert out.tolist() == [[0.0, 1.23456], [125.7123, -2.5]]
    assert not np.signbit(out[0, 0])
    # numpy's rule: the value times 10^5 rounded half to even; Python's round() rounds the
    # binary value 125.71229499999... down (the map rounded that way before geo.lines)
    assert round(125.712295, 5) == 125.71229


def test_round_coords_keeps_values_when_told_or_beyond_a_doubles_resolution():
    coords = np.array([[1.23456789012345678, -0.0]])
    assert round_coords(coords, -1) is coords
    assert round_coords(coords, MAX_DECIMALS) is coords
    assert round_coords(coords, 0).tolist() == [[1.0, 0.0]]


# --------------------------------------------------------------------------- unwrapping


def test_unwrap_lon_takes_each_step_the_short_way():
    lon = np.array([170.0, 179.0, -179.0, -170.0, 179.5, -179.5])
    out = unwrap_lon(lon)
    assert np.all(np.abs(np.diff(out)) <= 180)
    assert np.allclose((out + 180) % 360 - 180, lon)
    assert out[3] == pytest.approx(190.0)


def test_unwrap_lon_keeps_what_needs_no_unwrapping_bit_for_bit():
    lon = np.array([0.1, 0.30000000000000004, -0.0, 179.99999999999997])
    out = unwrap_lon(lon)
    assert np.array_equal(out, lon) and np.array_equal(np.signbit(out), np.signbit(lon))


def test_unwrap_lon_keeps_steps_of_180_degrees_or_less():
    # at exactly 180° both ways are as short: the line goes the way it is written
    assert unwrap_lon(np.array([0.0, 180.0, 0.0, -180.0])).tolist() == [0.0, 180.0, 0.0,
                                                                        -180.0]
    assert unwrap_lon(np.array([10.0, 550.0, 10.0])).tolist() == [10.0, 190.0, 10.0]
    assert unwrap_lon(np.array([10.0, 551.0, -350.0])).tolist() == [10.0, -169.0, 10.0]


def test_unwrap_line_unwraps_longitudes_only():
    out = unwrap_line([(179.0, 1.0), (-179.0, 2.0), (-178.0, 3.0)])
    assert out.tolist() == [[179.0, 1.0], [181.0, 2.0], [182.0, 3.0]]


# --------------------------------------------------------------------------- antimeridian


def test_split_antimeridian_cuts_a_leg_across_180():
    split = split_antimeridian(LineString([(170, 0), (-170, 0)]))
    assert split.geom_type == "MultiLineString"
    assert [list(g.coords) for g in split.geoms] == [[(170, 0), (180, 0)],
                                                     [(-180, 0), (-170, 0)]]


def test_split_antimeridian_leaves_other_geometries_and_lines_that_do_not_cross():
    point, line = Point(179, 0), LineString([(10, 0), (20, 0)])
    assert split_antimeridian(point) is point
    assert split_antimeridian(line) is line


def test_may_cross_antimeridian_flags_jumps_within_a_geometry_only():
    geoms = np.array([LineString([(170, 0), (-170, 0)]), LineString([(0, 0), (10, 0)]),
                      LineString([(-170, 0), (0, 0)])], dtype=object)
    assert may_cross_antimeridian(geoms).tolist() == [True, False, False]


def test_split_then_join_gives_back_one_line():
    line = LineString([(170, -5), (-170, 5), (175, 10)])
    parts = line_parts(split_antimeridian(line))
    assert len(parts) == 3
    (chain,) = join_antimeridian(parts)
    assert np.all(np.abs(np.diff(chain[:, 0])) < 180)
    assert np.allclose((chain[[0, 2, 4], 0] + 180) % 360 - 180, [170, -170, 175])
    assert shapely.get_num_coordinates(LineString(chain)) == 5  # cut points appear once


def test_join_antimeridian_either_way_round():
    west = np.array([[170.0, 0.0], [180.0, 1.0]])
    east = np.array([[-180.0, 1.0], [-170.0, 2.0]])
    for parts in ([west, east], [east, west], [west, east[::-1]]):
        (chain,) = join_antimeridian(parts)
        assert len(chain) == 3
        lon = sorted(chain[:, 0].tolist())
        assert [x - lon[0] for x in lon] == [0.0, 10.0, 20.0]  # continuous, one place
        assert lon[0] % 360 == 170.0
    # parts that do not meet on the antimeridian stay apart
    assert len(join_antimeridian([west, np.array([[0.0, 0.0], [1.0, 1.0]])])) == 2


# --------------------------------------------------------------------------- imports


def test_importing_geo_lines_loads_no_shapely_pandas_or_gdal():
    # geo measure --file imports it before its GeoJSON fast path (tests/test_measure_fast.py)
    script = ("import sys, geo.lines\n"
              "print(' '.join(m for m in ('shapely', 'pandas', 'geopandas', 'pyogrio')"
              " if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=20, check=True)
    assert done.stdout.strip() == ""
