"""geo.vector: the rules both readers of users' vector files follow (context layers and
geo measure --file): WGS84, field look-up, coordinate sanity, UTF-8 text."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from geo.context import ID_COL, read_context
from geo.errors import InputError
from geo.measure import measure_file
from geo.vector import (
    MissingFieldError,
    find_field,
    first_field,
    insane_positions,
    is_missing,
    require_field,
    utf8_text,
)

MEASURE_DATA = Path(__file__).resolve().parent / "data" / "measure"

LINE = [[170.0, -10.0], [179.0, 0.0], [-175.0, 5.0]]


def _line_file(tmp_path: Path, crs_name: str | None) -> Path:
    collection: dict = {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"id": "a", "name": "A"},
        "geometry": {"type": "LineString", "coordinates": LINE}}]}
    if crs_name is not None:
        collection["crs"] = {"type": "name", "properties": {"name": crs_name}}
    path = tmp_path / "line.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- WGS84


@pytest.mark.parametrize("crs_name", [None, "EPSG:4326", "urn:ogc:def:crs:OGC:1.3:CRS84",
                                      "EPSG:4979", "OGC:CRS84h"])
def test_both_readers_take_every_wgs84_lonlat_crs_as_it_is(tmp_path, crs_name):
    path = _line_file(tmp_path, crs_name)
    plain = measure_file(path).rows[0]
    layer = read_context(path, simplify_deg=0, precision=-1)
    assert layer.warnings == []
    assert layer.features.iloc[0][ID_COL] == "a"
    drawn = np.asarray(layer.features.geometry.iloc[0].coords)
    # drawn unwrapped across ±180°, otherwise the very positions of the file
    assert drawn.tolist() == [[170.0, -10.0], [179.0, 0.0], [185.0, 5.0]]
    assert layer.length_m == pytest.approx(plain.length_m, rel=1e-12)


def test_both_readers_reproject_the_same_declared_crs(tmp_path):
    mercator = [[1113194.9079327357, 0.0], [2226389.8158654715, 111325.14286638486]]
    collection = {"type": "FeatureCollection",
                  "crs": {"type": "name", "properties": {"name": "EPSG:3857"}},
                  "features": [{"type": "Feature", "properties": {"id": "m"},
                                "geometry": {"type": "LineString", "coordinates": mercator}}]}
    path = tmp_path / "mercator.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    layer = read_context(path, simplify_deg=0, precision=6)
    assert np.asarray(layer.features.geometry.iloc[0].coords).tolist() == [[10.0, 0.0],
                                                                           [20.0, 1.0]]
    assert measure_file(path).rows[0].length_m == pytest.approx(layer.length_m, rel=1e-9)


# --------------------------------------------------------------------------- fields


def test_find_field_prefers_the_exact_spelling_then_the_first_in_any_case():
    assert find_field(["Name", "name"], "name") == "name"
    assert find_field(["NAME", "Name"], "name") == "NAME"
    assert find_field(["Straße"], "STRASSE") == "Straße"   # case-folded
    assert find_field(["label"], "name") is None


def test_first_field_takes_the_candidates_in_order():
    assert first_field(["Slug", "OBJECTID"], ("id", "objectid", "slug")) == "OBJECTID"
    assert first_field(["x"], ("id", "slug")) is None


def test_require_field_names_the_field_and_its_role_never_an_option():
    assert require_field(["Cable"], "cable", "f.geojson", "group field") == "Cable"
    with pytest.raises(MissingFieldError) as caught:
        require_field(["name", "cable"], "nope", "f.geojson", "id field")
    assert str(caught.value) == ("f.geojson: id field 'nope' is not a field of the file (no "
                                 "field 'nope' in any letter case; fields: name, cable)")
    assert caught.value.field == "nope" and caught.value.role == "id field"
    assert isinstance(caught.value, InputError)


def test_measure_looks_fields_up_in_any_case_as_context_layers_do():
    by_upper = measure_file(MEASURE_DATA / "lines.geojson", id_field="NAME", group_by="CABLE")
    by_exact = measure_file(MEASURE_DATA / "lines.geojson", id_field="name", group_by="cable")
    assert [r.as_dict() for r in by_upper.rows] == [r.as_dict() for r in by_exact.rows]


def test_the_library_message_names_no_option_the_cli_adds_it(runner):
    with pytest.raises(MissingFieldError) as caught:
        measure_file(MEASURE_DATA / "lines.geojson", group_by="nope")
    assert "--" not in str(caught.value)
    path = MEASURE_DATA / "lines.geojson"
    result = runner("measure", "--file", str(path), "--group-by", "nope", expect=2)
    assert result.stderr == (f"geo: error: {path}: group field 'nope' is not a field of the "
                             "file (no field 'nope' in any letter case; fields: name, cable, "
                             "length, id) (given by --group-by)\n")


def test_is_blank():
    assert all(is_missing(v) for v in (None, float("nan"), "", "  \t", "\u200b"))
    assert not any(is_missing(v) for v in (0, "0", "x", 0.0))


# --------------------------------------------------------------------------- coordinates


def test_insane_positions():
    lon = np.array([0.0, 540.0, -540.1, np.nan, 10.0, 10.0, np.inf])
    lat = np.array([0.0, 90.0, 0.0, 0.0, -90.5, np.nan, 0.0])
    assert insane_positions(lon, lat).tolist() == [False, False, True, True, True, True, True]


def test_both_readers_skip_a_latitude_beyond_90(tmp_path):
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "ok"},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}},
        {"type": "Feature", "properties": {"id": "bad"},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 90.5]]}}]}
    path = tmp_path / "lat.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    assert [r.id for r in measure_file(path).rows] == ["ok"]
    assert read_context(path).features[ID_COL].tolist() == ["ok"]


# --------------------------------------------------------------------------- text


def test_utf8_text_drops_a_byte_order_mark_and_names_a_bad_byte():
    assert utf8_text(b"\xef\xbb\xbfcaf\xc3\xa9", "x") == "café"
    with pytest.raises(InputError, match=r"^x: not UTF-8 text \(byte 0xff at offset 5\)$"):
        utf8_text(b"\xef\xbb\xbfab\xff", "x")


def test_both_readers_give_gdals_reason_on_one_line_without_the_path(tmp_path):
    path = tmp_path / "garbage.gpkg"
    path.write_bytes(b"not a geopackage")
    reason = "not recognized as being in a supported file format"
    with pytest.raises(InputError) as measured:
        measure_file(path)
    assert str(measured.value) == f"{path}: cannot read as a vector file: {reason}"
    with pytest.raises(InputError) as read:
        read_context(path)
    assert str(read.value) == f"{path}: cannot read context layer: {reason}"
