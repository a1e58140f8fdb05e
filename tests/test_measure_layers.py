"""``geo measure --file`` on a file of several layers (a GeoPackage): every layer that holds
lines is measured, or the ones ``--layer`` names."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from geo.errors import InputError
from geo.measure import measure_file


@pytest.fixture
def layered(tmp_path):
    """A GeoPackage whose first layer holds points, then two line layers and a generic
    layer of points only."""
    path = tmp_path / "layers.gpkg"
    points = gpd.GeoDataFrame({"id": pd.Series(["p1", "p2"], dtype=object)},
                              geometry=[Point(0, 0), Point(1, 1)], crs="EPSG:4326")
    cables = gpd.GeoDataFrame({"id": pd.Series(["c1"], dtype=object)},
                              geometry=[LineString([(0, 0), (1, 0)])], crs="EPSG:4326")
    links = gpd.GeoDataFrame({"id": pd.Series(["l1"], dtype=object)},
                             geometry=[LineString([(0, 0), (0, 2)])], crs="EPSG:4326")
    points.to_file(path, layer="sites", driver="GPKG")
    cables.to_file(path, layer="cables", driver="GPKG")
    links.to_file(path, layer="links", driver="GPKG")
    points.to_file(path, layer="mixed", driver="GPKG", geometry_type="Unknown")
    return path


def test_every_line_layer_is_measured_with_its_name_in_the_id(layered, runner):
    result = runner("measure", "--file", layered, "--format", "csv", expect=0)
    ids = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert ids == ["cables:c1", "links:l1"]
    # a generic layer without a line: one notice, not one per point
    assert "(layer mixed): no line among its 2 features; not measured" in result.stderr
    assert "p1" not in result.stderr


def test_layer_option_measures_the_layers_named(layered, runner):
    result = runner("measure", "--file", layered, "--layer", "links", "--format", "csv",
                    expect=0)
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["l1"]


def test_a_layer_without_lines_names_the_layers_that_hold_them(layered, runner):
    result = runner("measure", "--file", layered, "--layer", "sites", expect=2)
    assert "no lines to measure in layer sites" in result.stderr
    assert "a Point, not a line" in result.stderr
    assert "lines are in layers cables, links" in result.stderr


def test_an_unknown_layer_is_refused_with_the_layers_listed(layered, runner):
    result = runner("measure", "--file", layered, "--layer", "roads", expect=2)
    assert result.stderr.startswith("geo: error: --layer: ")
    assert "no layer named 'roads'" in result.stderr
    assert "sites (Point), cables (LineString)" in result.stderr


def test_layer_needs_a_file(runner, repo_root):
    result = runner("measure", "--layer", "routes", "-w", repo_root, expect=2)
    assert "--layer applies to --file only" in result.stderr


def test_a_file_of_point_layers_only_says_so(tmp_path):
    path = tmp_path / "points.gpkg"
    frame = gpd.GeoDataFrame({"id": ["a"]}, geometry=[Point(0, 0)], crs="EPSG:4326")
    frame.to_file(path, layer="one", driver="GPKG")
    frame.to_file(path, layer="two", driver="GPKG")
    with pytest.raises(InputError, match=r"no layer holds lines \(layers: one \(Point\), "
                                         r"two \(Point\)\)"):
        measure_file(path)


def test_geos_own_geopackage_export_is_measured(repo_root, tmp_path, catalog, runner):
    path = tmp_path / "c.gpkg"
    runner("export", "-o", path, "-w", repo_root, expect=0)
    result = runner("measure", "--file", path, "--format", "csv", expect=0)
    ids = {line.split(",")[0] for line in result.stdout.splitlines()[1:]}
    assert {f"routes:{rid}" for rid in catalog.routes} <= ids
    assert {f"corridors:{cid}" for cid in catalog.corridors} <= ids


def test_layers_are_totalled_each_never_summed_together(layered, runner):
    # a file's layers may draw one line twice (a corridor over its routes): no sum over them
    result = runner("measure", "--file", layered, expect=0)
    assert "2 features in 2 layers, each layer's lines in all: cables 111.319 km, links " \
        "221.149 km;" in result.stdout
    assert "km in all;" not in result.stdout


def test_one_layer_of_lines_among_those_named_keeps_its_ids(layered, runner):
    result = runner("measure", "--file", layered, "--layer", "sites", "--layer", "cables",
                    "--format", "csv", expect=0)
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["c1"]
