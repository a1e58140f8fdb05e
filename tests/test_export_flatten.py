"""Typed GeoJSON properties and the flattening rules for GeoPackage and CSV (geo.export)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import LineString, Point

from geo.export import csv_text, flatten_frame, geojson_text, wkt, write_gpkg

SOURCES = [
    {"article": None, "title": None, "date": None, "publisher": None, "quote": None,
     "reference": "geonames:1", "note": "a reference first"},
    {"article": "a1", "title": "Title; with a semicolon", "date": "2020-01", "publisher": "P",
     "quote": "the first quote", "reference": None, "note": None},
    {"article": "a1", "title": "Title; with a semicolon", "date": "2020-01", "publisher": "P",
     "quote": "a second quote", "reference": None, "note": None},
]


@pytest.fixture
def frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "id": pd.Series(["a", "b"], dtype=object),
            "aliases": pd.Series([["Alpha", "Älpha"], []], dtype=object),
            "sources": pd.Series([SOURCES, SOURCES[1:2]], dtype=object),
            "segments": pd.Series([[{"from": "x", "to": "1.5,2.5", "length_m": 10.0}], []],
                                  dtype=object),
            "figure": pd.Series([{"value": 3.0, "unit": "km"}, None], dtype=object),
            "count": np.array([3, 4], dtype=np.int64),
            "length_m": [1234.5, np.nan],
            "schematic": [True, False],
            "opened": pd.Series([dt.date(2020, 2, 29), None], dtype=object),
            "seen": pd.to_datetime(["2021-03-04T05:06:07", None]),
            "notes": pd.Series([None, "multi\nline, \"quoted\""], dtype=object),
        },
        geometry=[Point(10.25, -3.5), LineString([(0, 0), (1.123456789, 2)])],
        crs="EPSG:4326",
    )


def test_geojson_properties_are_typed_json(frame):
    doc = json.loads(geojson_text({"things": frame}))
    a, b = (f["properties"] for f in doc["features"])
    assert a["layer"] == "things" and a["id"] == "a"
    assert a["aliases"] == ["Alpha", "Älpha"] and b["aliases"] == []
    assert a["sources"] == SOURCES  # kept as a list of objects
    assert a["count"] == 3 and isinstance(a["count"], int)
    assert a["length_m"] == 1234.5 and b["length_m"] is None  # NaN is null, not NaN
    assert a["schematic"] is True and b["schematic"] is False
    assert a["opened"] == "2020-02-29" and b["opened"] is None  # ISO 8601 text
    assert a["seen"] == "2021-03-04T05:06:07" and b["seen"] is None
    assert a["figure"] == {"value": 3.0, "unit": "km"}
    assert doc["features"][1]["geometry"]["coordinates"][1] == [1.123457, 2.0]


def test_flattened_values(frame):
    flat = flatten_frame(frame)
    a, b = flat.to_dict("records")
    assert a["aliases"] == "Alpha; Älpha" and b["aliases"] is None
    assert json.loads(a["sources"]) == SOURCES
    assert (a["source_count"], b["source_count"]) == (3, 1)
    assert a["source_articles"] == "a1"
    assert a["source_quote"] == "the first quote"  # the first *quoted* source
    assert json.loads(a["segments"]) == frame["segments"][0] and b["segments"] is None
    assert json.loads(a["figure"]) == {"value": 3.0, "unit": "km"} and b["figure"] is None
    assert a["opened"] == "2020-02-29" and a["seen"] == "2021-03-04T05:06:07"
    assert bool(a["schematic"]) is True and bool(b["schematic"]) is False
    assert list(flat.columns[:6]) == ["id", "aliases", "sources", "source_count",
                                      "source_articles", "source_quote"]
    # nothing nested is left
    for col in flat.columns.drop("geometry"):
        assert not any(isinstance(v, list | dict) for v in flat[col]), col


def test_gpkg_and_csv_read_back_flat(frame, tmp_path):
    path = write_gpkg({"things": frame}, tmp_path / "t.gpkg")
    back = pyogrio.read_dataframe(path, layer="things")
    assert list(back["aliases"].fillna("")) == ["Alpha; Älpha", ""]
    assert back["schematic"].tolist() == [True, False]
    assert back["count"].tolist() == [3, 4]
    assert json.loads(back["sources"][0]) == SOURCES
    assert back["notes"][1] == "multi\nline, \"quoted\""

    text = csv_text({"things": frame})
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["schematic"] == "true" and rows[1]["schematic"] == "false"
    assert rows[0]["lon"] == "10.25" and rows[0]["lat"] == "-3.5"
    assert rows[1]["lon"] == "" and rows[1]["wkt"] == "LINESTRING (0.0 0.0, 1.123457 2.0)"
    assert rows[1]["notes"] == "multi\nline, \"quoted\""
    assert rows[1]["length_m"] == ""
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    back = gpd.read_file(tmp_path / "t.csv")
    assert back.geometry.geom_type.tolist() == ["Point", "LineString"]
    assert back["aliases"][0] == "Alpha; Älpha"


@pytest.mark.parametrize(("precision", "expected"), [
    (-1, "LINESTRING (0.0 0.0, 1.123456789 2.0)"),
    (0, "LINESTRING (0.0 0.0, 1.0 2.0)"),
    (3, "LINESTRING (0.0 0.0, 1.123 2.0)"),
])
def test_wkt_is_rounded_like_geojson(precision, expected):
    assert wkt(LineString([(0, 0), (1.123456789, 2)]), precision) == expected


def test_rounding_drops_the_repeats_it_makes_in_every_format(tmp_path):
    from shapely.geometry import MultiLineString

    lines = gpd.GeoDataFrame(
        {"id": pd.Series(["a", "b"], dtype=object)},
        geometry=[LineString([(0.1, 0.0), (0.2, 0.0), (0.3, 0.0)]),  # all one position at 0
                  MultiLineString([[(0.0, 0.0), (0.4, 0.1), (1.2, 0.9), (2.0, 1.0)],
                                   [(5.0, 5.0), (6.0, 6.0)]])],
        crs="EPSG:4326",
    )
    expected = {"a": [[[0.0, 0.0], [0.0, 0.0]]],  # a line keeps two positions
                "b": [[[0.0, 0.0], [1.0, 1.0], [2.0, 1.0]], [[5.0, 5.0], [6.0, 6.0]]]}
    doc = json.loads(geojson_text({"lines": lines}, precision=0))
    got = {f["id"]: f["geometry"]["coordinates"] for f in doc["features"]}
    assert got == {"a": expected["a"][0], "b": expected["b"]}
    rows = list(csv.DictReader(io.StringIO(csv_text({"lines": lines}, precision=0))))
    assert [r["wkt"] for r in rows] == [
        "LINESTRING (0.0 0.0, 0.0 0.0)",
        "MULTILINESTRING ((0.0 0.0, 1.0 1.0, 2.0 1.0), (5.0 5.0, 6.0 6.0))"]
    assert wkt(lines.geometry[1], 0) == rows[1]["wkt"]
    write_gpkg({"lines": lines}, tmp_path / "l.gpkg", precision=0)
    back = pyogrio.read_dataframe(tmp_path / "l.gpkg", layer="lines")
    for fid, geom in zip(back["id"], back.geometry, strict=True):
        assert [np.asarray(g.coords).tolist() for g in geom.geoms] == expected[fid]


def _sqlite_types(path, table: str, columns: list[str]) -> list[tuple[str, ...]]:
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute(f"select {', '.join(f'typeof({c})' for c in columns)} "
                          f"from {table}").fetchall()


def _field_types(path, layer: str) -> dict[str, str]:
    info = pyogrio.read_info(path, layer=layer)
    return {f: t if s == "OFSTNone" else s
            for f, t, s in zip(info["fields"], info["ogr_types"], info["ogr_subtypes"],
                               strict=True)}


def test_numbers_mixed_with_missing_values_stay_numbers(tmp_path):
    frame = gpd.GeoDataFrame(
        {"id": pd.Series(["a", "b"], dtype=object),
         "published_length_m": pd.Series([1e6, None], dtype=object),
         "ratio": pd.Series([None, 0.5], dtype=object),
         "pairs": pd.Series([4, None], dtype=object),
         "lit": pd.Series([None, True], dtype=object)},
        geometry=[Point(0, 0), Point(1, 1)], crs="EPSG:4326")
    path = write_gpkg({"things": frame}, tmp_path / "t.gpkg")
    types = _field_types(path, "things")
    assert (types["published_length_m"], types["ratio"]) == ("OFTReal", "OFTReal")
    assert types["pairs"] == "OFTInteger64" and types["lit"] == "OFSTBoolean"
    assert types["id"] == "OFTString"
    assert _sqlite_types(path, "things", ["published_length_m", "ratio", "pairs", "lit"]) == [
        ("real", "null", "integer", "null"), ("null", "real", "null", "integer")]
    rows = list(csv.DictReader(io.StringIO(csv_text({"things": frame}))))
    assert [(r["published_length_m"], r["ratio"], r["pairs"], r["lit"]) for r in rows] == [
        ("1000000.0", "", "4", ""), ("", "0.5", "", "true")]
    props = [f["properties"] for f in json.loads(geojson_text({"things": frame}))["features"]]
    assert [(p["published_length_m"], p["pairs"], p["lit"]) for p in props] == [
        (1e6, 4, None), (None, None, True)]


def test_a_published_length_is_stored_as_a_number(workspace, tmp_path, runner):
    routes = workspace / "data" / "routes.toml"
    text = routes.read_text(encoding="utf-8")
    first_segment = 'waypoints = ["tcc-landing-kazakhstan", "tcc-landing-azerbaijan"]\n'
    assert first_segment in text
    routes.write_text(text.replace(first_segment, first_segment + (
        '\n[[route.figures]]\nquantity = "length"\nvalue = 1000\nunit = "km"\n'
        '\n[[route.figures.sources]]\nreference = "test:1"\n'), 1), encoding="utf-8")
    runner("export", "-o", tmp_path / "out.gpkg", "-w", workspace, expect=0)
    types = _field_types(tmp_path / "out.gpkg", "routes")
    assert types["published_length_m"] == "OFTReal" and types["length_ratio"] == "OFTReal"
    got = _sqlite_types(tmp_path / "out.gpkg", "routes",
                        ["published_length_m", "length_ratio", "length_m"])
    assert got[0] == ("real", "real", "real")
    assert {row[:2] for row in got[1:]} == {("null", "null")}


def test_an_empty_workspace_gets_the_same_schema(tmp_path, repo_root, runner):
    from geo.workspace import init_workspace

    empty = init_workspace(tmp_path / "empty").root
    runner("export", "-o", tmp_path / "empty.gpkg", "-w", empty, expect=0)
    runner("export", "-o", tmp_path / "full.gpkg", "-w", repo_root, expect=0)
    for layer, _kind in pyogrio.list_layers(tmp_path / "full.gpkg"):
        full = _field_types(tmp_path / "full.gpkg", layer)
        assert _field_types(tmp_path / "empty.gpkg", layer) == full, layer
    routes = _field_types(tmp_path / "empty.gpkg", "routes")
    assert routes["length_m"] == routes["latency_ms"] == "OFTReal"
    assert routes["schematic"] == "OFSTBoolean"
