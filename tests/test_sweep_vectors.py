"""Bad-input sweep (#17), vector files: ``geo measure --file`` and ``geo build --layer``.

Every case goes through the CLI and asserts exit 2 with the one line it prints (or, where
the input is handled as documented, what it prints instead). Hangs are run in a subprocess
with a timeout. Fixtures: tests/data/sweep/.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod

SWEEP = Path(__file__).parent / "data" / "sweep"
LATENCY = "latency: one-way"
UNKNOWN_CRS = ("cannot read the file's coordinate reference system 'EPSG:999999' (crs not "
               "found), so its coordinates cannot be converted to WGS84 longitude/latitude")
TOO_DEEP = ("nested too deeply to read (arrays or tables inside each other more than about "
            "a thousand levels deep)")
#: The line of crs-3857.geojson, in WGS84 (Istanbul - Ankara - Tbilisi).
LINE = [[28.97, 41.01], [32.85, 39.93], [44.79, 41.72]]


def error_line(result) -> str:
    """The one line on stderr of a run that failed on its input (exit 2)."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def empty_ws(tmp_path: Path, runner) -> Path:
    ws = tmp_path / "ws"
    result = runner("init", str(ws))
    assert result.exit_code == 0, result.output
    return ws


def reference_km(coords: list[list[float]]) -> float:
    lons, lats = zip(*coords, strict=True)
    return Geod(ellps="WGS84").line_length(lons, lats) / 1000.0


# ------------------------------------------------ 1. JSON nested thousands deep


@pytest.mark.parametrize("depth", [3000, 100_000])
@pytest.mark.parametrize("shape", ["array", "object", "collection"])
def test_json_nested_thousands_deep_on_stdin_is_exit_2(depth, shape, runner):
    text = {"array": "[" * depth + "]" * depth,
            "object": '{"a":' * depth + "1" + "}" * depth,
            "collection": '{"type":"FeatureCollection","features":[' + "[" * depth
                          + "]" * depth + "]}"}[shape]
    assert error_line(runner("measure", "--file", "-",
                             input=text)) == f"geo: error: <stdin>: {TOO_DEEP}"


def test_json_nested_thousands_deep_in_a_file_is_exit_2(tmp_path, runner):
    # simdjson refuses it first (DEPTH_ERROR): the message is json's, not GDAL's
    path = tmp_path / "deep.geojson"
    path.write_text('{"a":' * 5000 + "1" + "}" * 5000, encoding="utf-8")
    assert error_line(runner("measure", "--file", str(path))) == f"geo: error: {path}: {TOO_DEEP}"


def test_a_property_nested_a_thousand_deep_is_shown_short(tmp_path, runner):
    # under the parsers' limits, but str() of it would recurse past Python's
    name = "[" * 1000 + "]" * 1000
    text = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            f'{{"name": {name}}}, "geometry": {{"type": "LineString", "coordinates": '
            '[[0, 0], [1, 1]]}}]}')
    result = runner("measure", "--file", "-", "--format", "json", input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["name"] == "[[[[...]]]]"


# ------------------------------------------------ 2. lone surrogates, bad UTF-8


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_a_lone_surrogate_on_stdin_is_replaced_by_u_fffd_with_a_warning(fmt, runner):
    text = (SWEEP / "lone-surrogate.geojson").read_bytes()
    result = runner("measure", "--file", "-", "--format", fmt, input=text)
    assert result.exit_code == 0, result.stderr
    assert "half \ufffd pair" in result.stdout
    assert ("geo: <stdin>: 1 lone surrogate escape (\\ud800-\\udfff without its pair: not a "
            "character) replaced by U+FFFD") in result.stderr.splitlines()


def test_a_lone_surrogate_in_a_file_reads_as_gdal_reads_it(runner):
    # simdjson refuses the escape; GDAL reads the file and also puts U+FFFD
    result = runner("measure", "--file", str(SWEEP / "lone-surrogate.geojson"))
    assert result.exit_code == 0, result.stderr
    assert "half \ufffd pair" in result.stdout


def test_invalid_utf8_on_stdin_is_exit_2_naming_the_byte(runner):
    text = b'{"type": "Feature", "properties": {"name": "\xff"}, "geometry": null}'
    assert error_line(runner("measure", "--file", "-", input=text)) == \
        "geo: error: <stdin>: not UTF-8 text (byte 0xff at offset 44)"
    # after a byte-order mark the offset still counts from the first byte
    assert error_line(runner("measure", "--file", "-", input=b"\xef\xbb\xbf" + text)) == \
        "geo: error: <stdin>: not UTF-8 text (byte 0xff at offset 47)"


# ------------------------------------------------ 3. FIFOs and devices: no hang


def run_geo(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True,
                          text=True, timeout=20, check=False)


@pytest.mark.parametrize("name", ["lines.geojson", "lines.gpkg", "lines.csv"])
def test_a_fifo_as_measure_file_is_refused_without_hanging(tmp_path, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    done = run_geo("measure", "--file", str(fifo))
    assert done.returncode == 2
    assert done.stderr == f"geo: error: {fifo}: the file is a FIFO (named pipe), not a " \
                          "regular file\n"


def test_a_device_as_measure_file_is_refused_without_hanging():
    done = run_geo("measure", "--file", "/dev/zero")
    assert done.returncode == 2
    assert done.stderr == "geo: error: /dev/zero: the file is a device, not a regular file\n"


@pytest.mark.parametrize("name", ["cables.geojson", "landings.csv", "ixps.gpkg"])
def test_a_fifo_as_context_layer_is_refused_without_hanging(tmp_path, empty_ws, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    done = run_geo("build", "--offline", "-w", str(empty_ws), "--context", str(fifo))
    assert done.returncode == 2
    assert done.stderr == (f"geo: error: {fifo}: cannot read context layer: the file is a "
                           "FIFO (named pipe), not a regular file\n")


def test_a_device_as_context_layer_is_refused(empty_ws, runner):
    result = runner("build", "--offline", "-w", str(empty_ws), "--context", "/dev/zero")
    assert error_line(result) == ("geo: error: /dev/zero: cannot read context layer: the "
                                  "file is a device, not a regular file")


def test_a_fifo_as_licence_note_is_refused_without_hanging(tmp_path, empty_ws):
    layer = tmp_path / "cables.geojson"
    layer.write_bytes((SWEEP / "crs-3857.geojson").read_bytes())
    os.mkfifo(tmp_path / "cables.geojson.licence.txt")
    done = run_geo("build", "--offline", "-w", str(empty_ws), "--context", str(layer))
    assert done.returncode == 2
    assert done.stderr == (f"geo: error: {layer}.licence.txt: the licence note is a FIFO "
                           "(named pipe), not a regular file\n")


def test_a_licence_note_over_64_kib_is_refused(tmp_path, empty_ws, runner):
    layer = tmp_path / "cables.geojson"
    layer.write_bytes((SWEEP / "crs-3857.geojson").read_bytes())
    (tmp_path / "cables.geojson.licence.txt").write_text("x" * 70_000, encoding="utf-8")
    result = runner("build", "--offline", "-w", str(empty_ws), "--context", str(layer))
    assert error_line(result) == (
        f"geo: error: {layer}.licence.txt: the licence note is 70,000 bytes; geo reads at "
        "most 65,536 bytes of a licence note")


def test_a_missing_measure_file_is_still_no_such_file(tmp_path, runner):
    path = tmp_path / "nowhere.gpkg"
    assert error_line(runner("measure", "--file", str(path))) == f"geo: error: {path}: no such file"


# ------------------------------------------------ 4. declared CRS: reprojected or refused


def test_an_unreadable_crs_member_is_refused_by_measure_file_and_stdin(runner):
    path = SWEEP / "crs-unknown.geojson"
    assert error_line(runner("measure", "--file",
                             str(path))) == f"geo: error: {path}: {UNKNOWN_CRS}"
    assert error_line(runner("measure", "--file", "-", input=path.read_bytes())) == \
        f"geo: error: <stdin>: {UNKNOWN_CRS}"


def test_an_unreadable_crs_member_is_refused_as_context_layer(empty_ws, runner):
    path = SWEEP / "crs-unknown.geojson"
    assert error_line(runner("build", "--offline", "-w", str(empty_ws), "--context",
                             str(path))) == f"geo: error: {path}: {UNKNOWN_CRS}"


def test_an_unreadable_prj_beside_a_csv_is_refused_by_both_readers(empty_ws, runner):
    path = SWEEP / "unknown-prj.csv"
    line = (f"geo: error: {path} (unknown-prj.prj): cannot read the file's coordinate "
            "reference system 'not a projection' (unrecognized format / unknown name), so its "
            "coordinates cannot be converted to WGS84 longitude/latitude")
    assert error_line(runner("measure", "--file", str(path))) == line
    assert error_line(runner("build", "--offline", "-w", str(empty_ws), "--context",
                             str(path))) == line


@pytest.fixture
def gpkg_with_unreadable_srs(tmp_path: Path) -> Path:
    """A GeoPackage whose SRS definition GDAL cannot parse (it then reports no CRS)."""
    path = tmp_path / "lines.gpkg"
    frame = gpd.GeoDataFrame({"name": ["istanbul-tbilisi"]},
                             geometry=[shapely.LineString(LINE)], crs="EPSG:4326")
    frame.to_crs(3857).to_file(path, layer="lines", driver="GPKG")
    with sqlite3.connect(path) as con:
        con.execute("UPDATE gpkg_spatial_ref_sys SET organization_coordsys_id = 999999, "
                    "definition = 'undefined' WHERE srs_id = 3857")
    return path


def test_a_geopackage_with_an_unreadable_srs_is_refused_by_both_readers(
        gpkg_with_unreadable_srs, empty_ws, runner):
    path = gpkg_with_unreadable_srs
    line = (f"geo: error: {path}: cannot read the file's coordinate reference system (Unable "
            "to parse srs_id '3857' well-known text 'undefined'), so its coordinates cannot be "
            "converted to WGS84 longitude/latitude")
    assert error_line(runner("measure", "--file", str(path))) == line
    assert error_line(runner("build", "--offline", "-w", str(empty_ws), "--context",
                             str(path))) == line


def measured_km(result) -> float:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)[0]["length_m"] / 1000.0


def test_a_geojson_in_epsg_3857_measures_as_the_same_line_in_wgs84(runner):
    expected = reference_km(LINE)
    path = SWEEP / "crs-3857.geojson"
    assert measured_km(runner("measure", "--file", str(path), "--format", "json")) == \
        pytest.approx(expected, rel=1e-6)
    assert measured_km(runner("measure", "--file", "-", "--format", "json",
                              input=path.read_bytes())) == pytest.approx(expected, rel=1e-6)


def test_a_geopackage_in_epsg_3857_measures_as_the_same_line_in_wgs84(tmp_path, runner):
    path = tmp_path / "mercator.gpkg"
    gpd.GeoDataFrame({"name": ["istanbul-tbilisi"]}, geometry=[shapely.LineString(LINE)],
                     crs="EPSG:4326").to_crs(3857).to_file(path, driver="GPKG")
    assert measured_km(runner("measure", "--file", str(path), "--format", "json")) == \
        pytest.approx(reference_km(LINE), rel=1e-6)


def test_a_context_layer_in_epsg_3857_is_drawn_in_wgs84():
    from geo.context import LENGTH_COL, read_context

    layer = read_context(SWEEP / "crs-3857.geojson", simplify_deg=0, precision=-1)
    np.testing.assert_allclose(shapely.get_coordinates(layer.features.geometry), LINE,
                               rtol=1e-9)
    assert layer.features[LENGTH_COL][0] / 1000.0 == pytest.approx(reference_km(LINE),
                                                                     rel=1e-6)


# ------------------------------------------------ 5. coordinates given as text


def test_text_coordinates_in_a_file_are_not_measured(runner):
    path = SWEEP / "text-coordinates.geojson"
    assert error_line(runner("measure", "--file", str(path))) == (
        f"geo: error: {path}: no lines to measure (1 feature skipped; first: feature 0 "
        "(name 'quoted'): coordinates given as text ('10'), not numbers)")


@pytest.mark.parametrize("form", ["collection", "lf-sequence"])
def test_text_coordinates_on_stdin_are_not_measured(form, runner):
    # a FeatureCollection goes through simdjson first, an LF sequence through json only
    fc = json.loads((SWEEP / "text-coordinates.geojson").read_text(encoding="utf-8"))
    text = json.dumps(fc) if form == "collection" else \
        "\n".join(json.dumps(f) for f in fc["features"] * 2) + "\n"
    n = 1 if form == "collection" else 2
    assert error_line(runner("measure", "--file", "-", input=text)) == (
        f"geo: error: <stdin>: no lines to measure ({n} feature{'s' if n > 1 else ''} "
        "skipped; first: feature 0 (name 'quoted'): coordinates given as text ('10'), not "
        "numbers)")


def test_text_coordinates_beside_good_lines_are_reported_and_skipped(tmp_path, runner):
    fc = json.loads((SWEEP / "text-coordinates.geojson").read_text(encoding="utf-8"))
    fc["features"].append({"type": "Feature", "properties": {"name": "good"},
                           "geometry": {"type": "LineString", "coordinates": LINE}})
    result = runner("measure", "--file", "-", input=json.dumps(fc))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == ("geo: <stdin>: feature 0 (name 'quoted'): "
                                             "skipped: coordinates given as text ('10'), "
                                             "not numbers")
    assert [ln.split()[0] for ln in result.stdout.splitlines()[1:2]] == ["good"]


def test_text_coordinates_in_a_context_layer_are_refused(empty_ws, runner):
    path = SWEEP / "text-coordinates.geojson"
    result = runner("build", "--offline", "-w", str(empty_ws), "--context", str(path))
    assert error_line(result) == (
        f"geo: error: {path}: cannot read context layer: no drawable feature (1 feature "
        "skipped; first: feature 0: missing or unreadable geometry)")


# ------------------------------------------------ 6. a broken RFC 8142 record


def test_a_broken_rs_record_is_named_by_number_and_byte_offset(runner):
    path = SWEEP / "broken-record.geojsons"
    line = ("record 2 (byte offset 123): not GeoJSON: Expecting property name enclosed in "
            "double quotes at character 21 of the record")
    assert error_line(runner("measure", "--file", "-", input=path.read_bytes())) == \
        f"geo: error: <stdin>: {line}"
    # as a file too (GDAL's GeoJSONSeq driver would skip the record without a word)
    assert error_line(runner("measure", "--file", str(path))) == f"geo: error: {path}: {line}"


def test_an_lf_sequence_splits_on_line_feeds_only(runner):
    # U+2028 is a line break to str.splitlines, but legal inside a JSON string
    first = {"type": "Feature", "properties": {"name": "a\u2028b"},
             "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}
    second = {**first, "properties": {"name": "c"}}
    text = json.dumps(first, ensure_ascii=False) + "\n" + json.dumps(second) + "\n"
    result = runner("measure", "--file", "-", "--format", "json", input=text.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    assert [m["name"] for m in json.loads(result.stdout)] == ["a\u2028b", "c"]


# ------------------------------------------------ 7. non-finite and out-of-range coordinates


@pytest.mark.parametrize(("name", "label", "position"), [
    ("nan.geojson", "nan", "(nan, 1.0)"),
    ("infinity.geojson", "inf", "(-inf, 1.0)"),
    ("lat-95.geojson", "north", "(10.0, 95.0)"),
])
def test_non_finite_or_out_of_range_coordinates_are_exit_2(name, label, position, runner):
    path = SWEEP / name
    line = (f"no lines to measure (1 feature skipped; first: feature 0 (name {label!r}): "
            f"invalid coordinates {position}: expected WGS84 longitude, latitude in degrees)")
    assert error_line(runner("measure", "--file", str(path))) == f"geo: error: {path}: {line}"
    assert error_line(runner("measure", "--file", "-", input=path.read_bytes())) == \
        f"geo: error: <stdin>: {line}"


@pytest.mark.parametrize(("name", "reason"), [
    ("nan.geojson", "coordinates are not finite numbers"),
    ("infinity.geojson", "coordinates are not finite numbers"),
    ("lat-95.geojson", "coordinates out of range (lon, lat in degrees expected)"),
])
def test_a_context_layer_of_only_broken_features_is_exit_2(empty_ws, name, reason, runner):
    path = SWEEP / name
    result = runner("build", "--offline", "-w", str(empty_ws), "--context", str(path))
    assert error_line(result) == (
        f"geo: error: {path}: cannot read context layer: no drawable feature (1 feature "
        f"skipped; first: feature 0: {reason})")


def test_an_empty_geojson_file_is_named_as_empty(tmp_path, runner):
    path = tmp_path / "empty.geojson"
    path.write_bytes(b"\n")
    assert error_line(runner("measure", "--file", str(path))) == \
        f"geo: error: {path}: the file is empty (expected GeoJSON)"


def test_invalid_utf8_in_a_context_csv_names_the_byte(tmp_path, empty_ws, runner):
    path = tmp_path / "landings.csv"
    path.write_bytes(b"name,lon,lat\n\xff,1,2\n")
    result = runner("build", "--offline", "-w", str(empty_ws), "--context", str(path))
    assert error_line(result) == (
        f"geo: error: {path}: cannot read context layer: not UTF-8 text (byte 0xff at "
        "offset 13)")


def test_terminal_output_neutralises_bidi_controls_and_escapes(runner):
    feature = {"type": "Feature", "properties": {"name": "evil\x1b[31m\u202ename\u2028x"},
               "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}
    result = runner("measure", "--file", "-", input=json.dumps(feature))
    assert result.exit_code == 0, result.stderr
    row = result.stdout.splitlines()[1]
    assert row.startswith("evil?[31m?name?x ")


@pytest.mark.parametrize("sidecar", ["l.dbf", "l.prj"])
def test_a_fifo_beside_a_shapefile_is_refused_without_hanging(tmp_path, empty_ws, sidecar):
    shp = tmp_path / "l.shp"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.LineString(LINE)],
                     crs="EPSG:4326").to_file(shp)
    (tmp_path / sidecar).unlink()
    os.mkfifo(tmp_path / sidecar)
    line = (f"geo: error: {tmp_path / sidecar}: a FIFO (named pipe), not a regular file, "
            "beside l.shp (GDAL may read it with l.shp)\n")
    done = run_geo("measure", "--file", str(shp))
    assert (done.returncode, done.stderr) == (2, line)
    done = run_geo("build", "--offline", "-w", str(empty_ws), "--context", str(shp))
    assert (done.returncode, done.stderr) == (2, line)
