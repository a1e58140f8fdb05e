"""geo.context: reading context files into normalised, drawable layers."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import click
import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from click.testing import CliRunner
from geographiclib.geodesic import Geodesic

from geo.cli.options import handle_errors
from geo.context import (
    ID_COL,
    LABEL_COL,
    LENGTH_COL,
    MAX_MESSAGES,
    MAX_TEXT,
    PRECISION,
    SIMPLIFY_DEG,
    ContextSpec,
    read_context,
)
from geo.context_config import context_layers_from_config, context_specs_from_config
from geo.errors import InputError

DATA = Path(__file__).resolve().parent / "data" / "context"


def _row(layer, ident: str):
    rows = layer.features[layer.features[ID_COL] == ident]
    assert len(rows) == 1, ident
    return rows.iloc[0]


def _geodesic_m(parts) -> float:
    """Independent reference: geographiclib, leg by leg."""
    total = 0.0
    for part in parts:
        for (x0, y0), (x1, y1) in itertools.pairwise(part):
            total += Geodesic.WGS84.Inverse(y0, x0, y1, x1)["s12"]
    return total


def _file_geometries(path: Path) -> gpd.GeoDataFrame:
    return pyogrio.read_dataframe(path, on_invalid="ignore")


# --------------------------------------------------------------------------- GeoJSON lines

@pytest.fixture(scope="module")
def cables():
    return read_context(DATA / "cables.geojson")


def test_geojson_layer_named_labelled_and_licensed(cables):
    source = _file_geometries(DATA / "cables.geojson")
    assert cables.name == "cables"
    assert len(cables) == len(source)
    assert cables.label_field == "name"
    assert cables.popup_fields == ["owners", "rfs", "length_km"]
    licence = (DATA / "cables.geojson.licence.txt").read_text(encoding="utf-8").strip()
    assert cables.licence == licence
    assert cables.geometry_type == "line"
    assert cables.features.crs.to_epsg() == 4326
    assert cables.simplify_deg == SIMPLIFY_DEG and cables.precision == PRECISION


def test_split_cable_rejoined_and_unwrapped(cables):
    raw = json.loads((DATA / "cables.geojson").read_text(encoding="utf-8"))
    parts = raw["features"][0]["geometry"]["coordinates"]
    geom = _row(cables, "pacific-link").geometry
    assert geom.geom_type == "LineString"  # the two parts split at 180° are one line again
    xy = np.asarray(geom.coords)
    assert len(xy) == sum(len(p) for p in parts) - 1  # the split vertex appears once
    assert np.abs(np.diff(xy[:, 0])).max() < 20  # no jump across the map
    assert xy[0, 0] == parts[1][0][0] and xy[-1, 0] == pytest.approx(parts[0][-1][0] + 360)
    lon_span = xy[:, 0].max() - xy[:, 0].min()
    assert lon_span < 60


def test_lengths_geodesic_on_the_file_geometry(cables):
    raw = json.loads((DATA / "cables.geojson").read_text(encoding="utf-8"))
    for feature, (_, row) in zip(raw["features"], cables.features.iterrows(), strict=True):
        geom = feature["geometry"]
        parts = geom["coordinates"] if geom["type"] == "MultiLineString" else [
            geom["coordinates"]]
        assert row[LENGTH_COL] == pytest.approx(_geodesic_m(parts), rel=1e-9)
    assert cables.length_m == pytest.approx(cables.features[LENGTH_COL].sum())


def test_raw_jump_across_180_unwrapped(cables):
    raw = json.loads((DATA / "cables.geojson").read_text(encoding="utf-8"))
    source = raw["features"][5]["geometry"]["coordinates"]
    row = cables.features[cables.features[LABEL_COL] == "Raw Jump"].iloc[0]
    xy = np.asarray(row.geometry.coords)
    assert row[ID_COL] == "5"  # no id in the file: the feature's index
    assert np.all(np.diff(xy[:, 0]) > 0) and xy[:, 0].max() > 180
    assert np.allclose((xy[:, 0] + 180) % 360 - 180, [p[0] for p in source])


def test_cable_split_into_features_drawn_end_to_end(cables):
    a = np.asarray(_row(cables, "tasman-a").geometry.coords)
    b = np.asarray(_row(cables, "tasman-b").geometry.coords)
    assert tuple(a[-1]) == tuple(b[0])
    assert b[:, 0].min() >= 180


def test_duplicate_ids_made_unique_and_reported(cables):
    ids = cables.features[ID_COL].tolist()
    assert len(set(ids)) == len(ids)
    assert "caspian-one" in ids and "caspian-one~2" in ids
    assert ("cables.geojson: feature 2: duplicate id 'caspian-one' renamed 'caspian-one~2'"
            in cables.warnings)


def test_missing_names_labelled_by_id(cables):
    assert _row(cables, "caspian-one~2")[LABEL_COL] == "caspian-one~2"
    assert "cables.geojson: 1 feature without 'name'; labelled by id" in cables.warnings


def test_label_and_popup_fields_given():
    layer = read_context(DATA / "cables.geojson", label_field="OWNERS", popup_fields=["rfs"],
                         name="Cables", licence="given")
    assert layer.label_field == "owners" and layer.popup_fields == ["rfs"]
    assert layer.name == "Cables" and layer.licence == "given"
    assert _row(layer, "pacific-link")[LABEL_COL] == "Alpha Telecom; Beta Networks"


@pytest.mark.parametrize("kwargs, field", [({"label_field": "nom"}, "label field 'nom'"),
                                           ({"popup_fields": ["rfs", "x"]}, "popup field 'x'")])
def test_unknown_fields_are_input_errors(kwargs, field):
    with pytest.raises(InputError, match=f"cables.geojson: {field} is not a field"):
        read_context(DATA / "cables.geojson", **kwargs)


# --------------------------------------------------------------------------- other forms

def test_csv_lon_lat_with_broken_rows():
    layer = read_context(DATA / "landings.csv")
    assert layer.features[ID_COL].tolist() == ["baku", "aktau", "turkmenbashi"]
    assert layer.popup_fields == ["country"]
    assert [(p.x, p.y) for p in layer.features.geometry] == [
        (49.87, 40.41), (51.17, 43.65), (52.97, 40.02)]
    assert layer.warnings[:2] == [
        "landings.csv: feature 2 (id bad-lat): unparseable geometry "
        "(could not convert string to float: 'abc'); skipped",
        "landings.csv: feature 3 (id no-lon): unparseable geometry "
        "(could not convert string to float: ''); skipped",
    ]


def test_csv_wkt_semicolons():
    layer = read_context(DATA / "routes_wkt.csv")
    assert layer.label_field == "title"
    assert layer.features.geom_type.tolist() == ["LineString", "Point"]
    assert layer.geometry_type == "mixed"
    assert layer.warnings == [
        "routes_wkt.csv: feature 2 (id r2): unparseable geometry "
        "(ParseException: Expected number but encountered word: 'oops'); skipped"]


@pytest.mark.skipif("KML" not in pyogrio.list_drivers() and "LIBKML" not in
                    pyogrio.list_drivers(), reason="GDAL has no KML driver")
def test_kml_read_with_names_and_descriptions():
    layer = read_context(DATA / "ixps.kml")
    assert layer.features[LABEL_COL].tolist() == ["Tbilisi IX", "Baku IX"]
    assert layer.popup_fields == ["description"]  # KML bookkeeping fields left out
    assert layer.features["description"].iloc[0] == "Exchange <b>bold</b>"  # raw until HTML


def test_geopackage_reprojected_to_wgs84():
    path = DATA / "ixps_3857.gpkg"
    source = pyogrio.read_dataframe(path)
    assert source.crs.to_epsg() == 3857
    expected = source.to_crs(4326)
    layer = read_context(path)
    assert layer.features.crs.to_epsg() == 4326
    got = shapely.get_coordinates(layer.features.geometry.to_numpy())
    want = shapely.get_coordinates(expected.geometry.to_numpy())
    assert np.abs(got - want).max() <= 0.5 * 10 ** -PRECISION + 1e-12
    assert layer.features["members"].isna().sum() == 1


def test_broken_features_reported_and_skipped():
    layer = read_context(DATA / "broken.geojson")
    assert layer.features[LABEL_COL].tolist() == ["ok", "dup"]
    reasons = [w.split(": ", 2)[1:] for w in layer.warnings]
    assert reasons == [
        ["feature 1 (id b)", "missing or unreadable geometry; skipped"],
        ["feature 2 (id c)", "empty geometry; skipped"],
        ["feature 3 (id d)", "missing or unreadable geometry; skipped"],
        ["feature 4 (id e)", "missing or unreadable geometry; skipped"],
        ["feature 6", "invalid geometry (Self-intersection[0.5 0.5]); skipped"],
        ["feature 7 (id 7)", "coordinates out of range (lon, lat in degrees expected); skipped"],
        ["feature 5", "duplicate id 'a' renamed 'a~2'"],
    ]
    assert all(w.startswith("broken.geojson: ") for w in layer.warnings)


def test_many_problems_listed_then_counted(tmp_path):
    n = MAX_MESSAGES + 5
    features = [{"type": "Feature", "properties": {"name": f"n{i}"}, "geometry": None}
                for i in range(n)]
    features.append({"type": "Feature", "properties": {"name": "kept"},
                     "geometry": {"type": "Point", "coordinates": [1, 2]}})
    path = tmp_path / "many.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    layer = read_context(path)
    assert len(layer) == 1
    assert len(layer.warnings) == MAX_MESSAGES + 1
    assert layer.warnings[-1] == "many.geojson: 5 more broken features not listed"


@pytest.mark.parametrize("name, message", [
    ("unreadable.geojson", "cannot read context layer: not recognized as being in a "
                           "supported file format"),
    ("no_coordinates.csv", "cannot read context layer: no lon/lat or WKT column "
                           "(columns: a, b)"),
    ("missing.geojson", "cannot read context layer: no such file"),
])
def test_unreadable_files_are_input_errors(name, message):
    with pytest.raises(InputError) as info:
        read_context(DATA / name)
    assert str(info.value) == f"{DATA / name}: {message}"


def test_unreadable_file_exits_2_through_the_cli_error_handler():
    @click.command()
    @click.argument("path")
    @handle_errors
    def show(path: str) -> None:
        click.echo(len(read_context(path)))

    runner = CliRunner()
    bad = runner.invoke(show, [str(DATA / "unreadable.geojson")])
    assert bad.exit_code == 2
    assert bad.output.startswith("geo: error: ") and "unreadable.geojson" in bad.output
    good = runner.invoke(show, [str(DATA / "landings.csv")], catch_exceptions=False)
    assert good.exit_code == 0 and good.output == "3\n"


def test_hostile_values_kept_as_text_and_long_text_cut(tmp_path):
    layer = read_context(DATA / "hostile.geojson")
    raw = json.loads((DATA / "hostile.geojson").read_text(encoding="utf-8"))
    assert layer.features[LABEL_COL].tolist() == [f["properties"]["name"]
                                                  for f in raw["features"]]
    long = {"type": "Feature", "properties": {"name": "x" * (MAX_TEXT + 50)},
            "geometry": {"type": "Point", "coordinates": [0, 0]}}
    path = tmp_path / "long.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [long]}))
    label = read_context(path).features[LABEL_COL].iloc[0]
    assert len(label) == MAX_TEXT and label.endswith("…")


# --------------------------------------------------------------------------- geometry

def test_simplification_stays_within_tolerance(tmp_path):
    rng = np.random.default_rng(3)
    lon = np.linspace(10.0, 20.0, 2000)
    lat = 45.0 + np.sin(lon) + rng.normal(0.0, 1e-4, lon.size)
    line = shapely.LineString(np.column_stack([lon, lat]))
    path = tmp_path / "dense.gpkg"
    pyogrio.write_dataframe(gpd.GeoDataFrame({"name": ["dense"]}, geometry=[line],
                                             crs="EPSG:4326"), path, driver="GPKG")
    simplified = read_context(path).features.geometry.iloc[0]
    kept = read_context(path, simplify_deg=0, precision=-1).features.geometry.iloc[0]
    assert len(kept.coords) == 2000 and kept.equals(line)
    assert len(simplified.coords) < 2000 / 4
    rounding = 0.5 * 10 ** -PRECISION * 2 ** 0.5
    assert shapely.hausdorff_distance(simplified, line) <= SIMPLIFY_DEG + rounding
    coords = shapely.get_coordinates(simplified)
    assert np.array_equal(coords, np.round(coords, PRECISION))


def test_negative_tolerance_is_an_input_error():
    with pytest.raises(InputError, match="tolerance must be >= 0"):
        read_context(DATA / "landings.csv", simplify_deg=-1)


# --------------------------------------------------------------------------- geo.toml

def _write_config(workspace: Path, text: str) -> None:
    (workspace / "geo.toml").write_text(text, encoding="utf-8")


def test_config_lists_context_layers(tmp_path):
    (tmp_path / "context").mkdir()
    for name in ("cables.geojson", "cables.geojson.licence.txt", "landings.csv"):
        (tmp_path / "context" / name).write_bytes((DATA / name).read_bytes())
    _write_config(tmp_path, """
[[context]]
path = "context/cables.geojson"
label_field = "owners"
licence = "CC BY-SA 4.0"
simplify_deg = 0.01

[[context]]
path = "context/landings.csv"
name = "Landing points"
popup_fields = ["country"]
""")
    specs = context_specs_from_config(tmp_path)
    assert specs == [
        ContextSpec(path=tmp_path / "context/cables.geojson", label_field="owners",
                    licence="CC BY-SA 4.0", simplify_deg=0.01),
        ContextSpec(path=tmp_path / "context/landings.csv", name="Landing points",
                    popup_fields=("country",)),
    ]
    cables, landings = context_layers_from_config(tmp_path)
    assert (cables.name, cables.label_field, cables.licence) == ("cables", "owners",
                                                                 "CC BY-SA 4.0")
    assert cables.simplify_deg == 0.01
    assert (landings.name, len(landings), landings.popup_fields) == ("Landing points", 3,
                                                                     ["country"])


def test_no_config_no_context(tmp_path):
    assert context_layers_from_config(tmp_path) == []


@pytest.mark.parametrize("text, message", [
    ("[[context]]\npath = 'x.geojson'\ncolour = 'red'\n",
     "geo.toml: context[0]: colour: unknown key"),
    ("[[context]]\nlabel_field = 'name'\n", "geo.toml: context[0]: path: missing"),
    ("[[context]]\npath = 'nowhere.geojson'\n",
     "geo.toml: context[0]: path: 'nowhere.geojson': no such context file"),
    ("[[context]]\npath = 3\n", "geo.toml: context[0]: path: expected text, not 3"),
    ("[[context]]\npath = 'x'\npopup_fields = 'name'\n",
     "geo.toml: context[0]: popup_fields: expected a list of field names"),
    ("[[context]]\npath = 'x'\nsimplify_deg = -1\n",
     "geo.toml: context[0]: simplify_deg: expected degrees >= 0, not -1"),
    ("context = 'cables'\n", "geo.toml: context: expected [[context]] tables"),
    ("[[context]\n", "geo.toml: cannot read: "),
])
def test_bad_config_is_an_input_error(tmp_path, text, message):
    (tmp_path / "x").write_text("{}")
    _write_config(tmp_path, text)
    with pytest.raises(InputError) as info:
        context_specs_from_config(tmp_path)
    # every message starts with the path of geo.toml
    assert str(info.value).startswith(f"{tmp_path / 'geo.toml'}{message[len('geo.toml'):]}")


# --------------------------------------------------------------------------- CSV geometry


def test_geos_own_csv_export_is_a_context_layer(repo_root, catalog, tmp_path, runner):
    path = tmp_path / "out.csv"
    runner("export", "--format", "csv", "-o", path, "-w", repo_root, expect=0)
    layer = read_context(path)
    ids = set(layer.features[ID_COL])
    assert set(catalog.routes) <= ids and set(catalog.corridors) <= ids
    kinds = dict(zip(layer.features[ID_COL], layer.features.geom_type, strict=True))
    assert {kinds[rid] for rid in catalog.routes} <= {"LineString", "MultiLineString"}
    assert not any("unparseable" in w for w in layer.warnings), layer.warnings
    # rows without a geometry (an organisation without a head office) are "missing"
    assert all("missing geometry (no value in lon/lat or wkt); skipped" in w
               for w in layer.warnings), layer.warnings


def test_csv_lon_lat_else_wkt_and_missing_named_as_missing(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("id,lon,lat,wkt\n"
                    "p,1.5,2.5,POINT (1.5 2.5)\n"
                    "l,,,\"LINESTRING (0 0, 1 1)\"\n"
                    "n,,,\n"
                    "h,3,,\n", encoding="utf-8")
    layer = read_context(path)
    assert layer.features[ID_COL].tolist() == ["p", "l"]
    assert layer.features.geom_type.tolist() == ["Point", "LineString"]
    assert layer.warnings == [
        "mixed.csv: feature 2 (id n): missing geometry (no value in lon/lat or wkt); skipped",
        "mixed.csv: feature 3 (id h): unparseable geometry "
        "(could not convert string to float: ''); skipped"]


# --------------------------------------------------------------------------- empty files


@pytest.mark.parametrize(("name", "text"), [
    ("header.csv", "name,lon,lat\n"),
    ("header-wkt.csv", "id;wkt\n"),
    ("empty.geojson", '{"type": "FeatureCollection", "features": []}'),
])
def test_a_file_without_features_is_an_empty_layer_with_a_warning(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    layer = read_context(path)
    assert len(layer) == 0 and layer.geometry_type == "empty"
    assert layer.warnings == [
        f"{name}: no features: the context layer is empty (nothing to draw)"]


def test_a_header_without_coordinate_columns_names_its_columns(tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("name,city\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no lon/lat or WKT column \(columns: name, city\)"):
        read_context(path)


def test_an_empty_csv_file_says_so(tmp_path):
    path = tmp_path / "nothing.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="the file is empty"):
        read_context(path)
