"""geo.measure's simdjson reader of GeoJSON gives exactly what the json reader gives.

The fast path (:func:`geo.geojson_fast.fast_features`) must never change a result: every case
here is read twice, once as it is and once with the fast path switched off, and the two
``LineData`` compared field by field, including the skipped features and their reasons.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import geo.geojson_fast as geojson_fast
import geo.line_input as line_input
import geo.measure as measure
from geo.measure import read_geojson_text, read_line_file

DATA = Path(__file__).parent / "data" / "measure"


def feature(fid, geometry, **props):
    return {"type": "Feature", "id": fid, "properties": props, "geometry": geometry}


def line(coords):
    return {"type": "LineString", "coordinates": coords}


def multi(parts):
    return {"type": "MultiLineString", "coordinates": parts}


ODD_FEATURES = [
    feature("plain", line([[0, 0], [1, 1], [2, 0.5]]), name="Plain", length="1,234 km"),
    feature("3d", line([[0, 0, 10], [1, 1, 20]])),
    feature("4d", line([[0, 0, 1, 2], [1, 1, 3, 4]])),
    feature("mixed-2d-3d", line([[0, 0], [1, 1, 5], [2, 2]])),
    feature("ragged-sum", line([[0, 0, 9], [1]])),            # 4 numbers, 2 positions
    feature("ragged-4-2", multi([[[0, 0], [1, 1, 2, 3]]])),    # 6 numbers, 2 positions
    feature("nested", line([[0, 0], [[1, 1]]])),
    feature("number-in-list", line([5, [1, 2, 3]])),
    feature("flat-list", line([0, 0, 1, 1])),
    feature("empty-position", line([[0, 0], []])),
    feature("one-position", line([[0, 0]])),
    feature("empty-line", line([])),
    feature("empty-part", multi([[[0, 0], [1, 1]], []])),
    feature("all-empty", multi([[], []])),
    feature("text", line([["a", "b"], [1, 1]])),
    feature("null-coord", line([[None, 0], [1, 1]])),
    feature("bool-coord", line([[True, 0], [1, 1]])),
    feature("huge", line([[1e300, 0], [1, 1]])),
    feature("big-int", line([[18446744073709551615, 0], [1, 1]])),
    feature("bad-lat", line([[0, 95], [1, 1]])),
    feature("antimeridian", multi([[[179, 0], [180, 0]], [[-180, 0], [-179, 1]]])),
    feature("point", {"type": "Point", "coordinates": [0, 0]}),
    feature("polygon", {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1], [0, 0]]]}),
    feature("collection", {"type": "GeometryCollection", "geometries": []}),
    feature("no-geometry", None),
    feature("string-geometry", "LINESTRING (0 0, 1 1)"),
    feature("coords-text", {"type": "LineString", "coordinates": "oops"}),
    feature("untyped", {"coordinates": [[0, 0], [1, 1]]}),
    feature("props", line([[0, 0], [1, 1]]), nested={"a": [1, {"b": None}]}, n=3, x=2.5,
            t=True, s="Zürich — 東京 \"quoted\" [0, 0]"),
    {"type": "Feature", "properties": None, "geometry": line([[3, 3], [4, 4]])},
    {"type": "Feature", "id": 7, "properties": {"id": "own"}, "geometry": line([[0, 0], [1, 1]])},
    {"type": "Feature", "id": 8.5, "geometry": line([[0, 0], [1, 1]])},
    {"type": "NotAFeature", "geometry": line([[0, 0], [1, 1]])},
    ["not", "an", "object"],
    None,
    42,
]


def both(text: str, monkeypatch) -> tuple[measure.LineData, measure.LineData]:
    fast = read_geojson_text(text, "t")
    with monkeypatch.context() as m:
        m.setattr(geojson_fast, "fast_features", lambda *a, **k: None)
        slow = read_geojson_text(text, "t")
    return fast, slow


def assert_same(a: measure.LineData, b: measure.LineData) -> None:
    assert a.fields == b.fields
    assert a.records == b.records
    assert a.skipped == b.skipped
    np.testing.assert_array_equal(a.usable, b.usable)
    np.testing.assert_array_equal(a.part_offsets, b.part_offsets)
    np.testing.assert_array_equal(a.part_feature, b.part_feature)
    np.testing.assert_array_equal(a.coords, b.coords)


def test_the_fast_path_is_taken_for_a_feature_collection(monkeypatch):
    calls = []
    real = geojson_fast.fast_features
    monkeypatch.setattr(geojson_fast, "fast_features",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    data = read_geojson_text(json.dumps({"type": "FeatureCollection",
                                         "features": ODD_FEATURES[:1]}))
    assert calls and data.usable.all()


@pytest.mark.parametrize("index", range(len(ODD_FEATURES)))
def test_each_odd_feature_reads_the_same_both_ways(index, monkeypatch):
    fc = {"type": "FeatureCollection", "features": [ODD_FEATURES[0], ODD_FEATURES[index]]}
    assert_same(*both(json.dumps(fc), monkeypatch))


def test_all_odd_features_together_read_the_same_both_ways(monkeypatch):
    fc = {"type": "FeatureCollection", "features": ODD_FEATURES}
    fast, slow = both(json.dumps(fc, indent=1), monkeypatch)
    assert_same(fast, slow)
    assert fast.skipped   # the odd ones are reported, not measured as 0


@pytest.mark.parametrize("text", [
    json.dumps(ODD_FEATURES[0]),                                  # a bare Feature
    json.dumps(ODD_FEATURES[0]["geometry"]),                      # a bare geometry
    "\n".join(json.dumps(f) for f in ODD_FEATURES[:3]),           # LF sequence
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
    ' "geometry": {"type": "LineString", "coordinates": [[NaN, 0], [1, 1]]}}]}',
    '{"type": "FeatureCollection", "features": [], "crs": null}',
    '{"type": "FeatureCollection", "features": []}',
])
def test_other_forms_read_the_same_both_ways(text, monkeypatch):
    assert_same(*both(text, monkeypatch))


GEOMETRY_TWICE = ('{"type": "LineString", "coordinates": [[0, 0], [60, 40]], '
                  '"coordinates": [[0, 0], [1, 1]]}')


@pytest.mark.parametrize("text", [
    GEOMETRY_TWICE,
    f'{{"type": "Feature", "properties": {{}}, "geometry": {GEOMETRY_TWICE}}}',
    f'{{"type": "FeatureCollection", "features": [{{"type": "Feature", "properties": {{}}, '
    f'"geometry": {GEOMETRY_TWICE}}}]}}',
    '{"type": "Feature", "properties": {"name": "a"}, "properties": {"name": "b"}, '
    '"geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}',
    '{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [9, 9]]}, '
    '"properties": {}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}',
    '{"type": "FeatureCollection", "features": [], "features": [{"type": "Feature", '
    '"properties": {}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}]}',
])
def test_a_member_named_twice_reads_as_json_reads_it(text, monkeypatch):
    """json keeps the last of a member named twice; so does the fast path, whatever wraps
    the geometry (simdjson's own look-up would take the first)."""
    fast, slow = both(text, monkeypatch)
    assert_same(fast, slow)
    np.testing.assert_array_equal(fast.coords[-1], [1, 1])


def test_escaped_keys_do_not_fool_the_search_for_coordinates(monkeypatch):
    # the geometry's key is escaped, so a text search misses it; a property key ending in
    # "coordinates" holds a well-formed value of the same shape as the ragged geometry
    text = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"x\\"coordinates": [[0, 0], [1, 1]]}, "geometry": {"type": "LineString", '
            '"coordin\\u0061tes": [[0, 0, 9], [1]]}}]}')
    assert json.loads(text)["features"][0]["geometry"]["coordinates"] == [[0, 0, 9], [1]]
    fast, slow = both(text, monkeypatch)
    assert_same(fast, slow)
    assert not fast.usable.any()


def test_a_property_named_coordinates_reads_the_same_both_ways(monkeypatch):
    fc = {"type": "FeatureCollection", "features": [
        feature("a", line([[0, 0], [1, 1]]), coordinates=[[5, 5], [6, 6]]),
        feature("b", line([[0, 0, 1], [1]]))]}
    assert_same(*both(json.dumps(fc), monkeypatch))


def test_random_collections_read_the_same_both_ways(monkeypatch):
    rng = np.random.default_rng(11)
    pool = ODD_FEATURES
    for _ in range(20):
        picks = rng.choice(len(pool), size=int(rng.integers(1, 12)))
        fc = {"type": "FeatureCollection", "features": [pool[i] for i in picks]}
        assert_same(*both(json.dumps(fc), monkeypatch))


def test_geojson_files_read_by_simdjson_match_gdal(monkeypatch):
    # the shipped fixtures give the same features, usable or not, and lengths either way
    from geo.geodesy import parts_lengths_m

    def lengths(data):
        per_feature = np.bincount(data.part_feature,
                                  parts_lengths_m(data.coords, data.part_offsets),
                                  minlength=len(data.records))
        return per_feature[data.usable]

    for name in ("lines.geojson", "lines-compact.geojson", "mixed.geojson", "feature.json",
                 "points.geojson"):
        fast = read_line_file(DATA / name)
        with monkeypatch.context() as m:
            m.setattr(line_input, "_fast_geojson_file", lambda *a: None)
            gdal = read_line_file(DATA / name)
        assert [r["__fid__"] for r in fast.records] == [r["__fid__"] for r in gdal.records]
        if fast.usable.any():
            rows = [[m.as_dict() for m in measure.measure_lines(d, group_by=group).rows]
                    for d in (fast, gdal) for group in (None, "cable") if "cable" in d.fields
                    or group is None]
            assert rounded(rows[: len(rows) // 2]) == rounded(rows[len(rows) // 2:]), name
        np.testing.assert_array_equal(fast.usable, gdal.usable, err_msg=name)
        np.testing.assert_allclose(lengths(fast), lengths(gdal), rtol=0, atol=1e-6,
                                   err_msg=name)


def rounded(value):
    """Floats rounded to 1e-6 (mm in metres), recursively, for comparing results."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


def test_a_file_with_a_crs_member_is_reprojected(tmp_path):
    # GeoJSON 2008 "crs": the coordinates are transformed (geo.crs); never read as lon/lat
    fc = {"type": "FeatureCollection",
          "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
          "features": [feature("m", line([[0, 0], [111319.49, 0]]))]}
    path = tmp_path / "mercator.geojson"
    path.write_text(json.dumps(fc), encoding="utf-8")
    data = read_line_file(path)
    np.testing.assert_allclose(data.coords, [[0, 0], [1, 0]], atol=1e-6)


def test_unparseable_geojson_files_still_get_gdal_s_error(tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(measure.InputError, match="cannot read as a vector file"):
        read_line_file(path)


def test_a_document_still_referenced_does_not_block_the_next_read():
    # simdjson refuses to reuse a parser whose last document is alive: a new one is used
    held = geojson_fast.parse_json(b'{"type": "FeatureCollection", "features": []}')
    raw = json.dumps({"type": "FeatureCollection", "features": ODD_FEATURES[:1]}).encode()
    _feats, parts, _crs = geojson_fast.fast_features(raw, "t")
    assert parts[0] is not None and len(held["features"]) == 0


# --------------------------------------------------------------- imports (issue 16)

#: Measures GeoJSON fixtures in a fresh interpreter (importing what argv[1] names first),
#: prints every output, then which heavy modules were loaded, last.
IMPORT_PROBE = """
import importlib, json, sys
from click.testing import CliRunner
from geo.cli import main
for name in filter(None, sys.argv[1].split(",")):
    importlib.import_module(name)
out = {}
for name in sys.argv[2:]:
    for fmt in ("table", "json", "csv"):
        r = CliRunner().invoke(main, ["measure", "--file", name, "--format", fmt])
        assert r.exit_code == 0, (name, fmt, r.output)
        out[f"{name} {fmt}"] = [r.stdout, r.stderr]
print(json.dumps(out))
print(" ".join(sorted(m for m in ("pyogrio", "geopandas", "pandas", "shapely", "geo.schema")
                      if m in sys.modules)))
"""

GEOJSON_FIXTURES = [str(DATA / n) for n in ("lines.geojson", "lines-compact.geojson",
                                            "mixed.geojson", "feature.json")]


def probe_imports(preload: str, files: list[str]) -> tuple[dict, str]:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", IMPORT_PROBE, preload, *files],
                          capture_output=True, text=True, check=True, timeout=120)
    outputs, loaded = done.stdout.split("\n")[:2]
    return json.loads(outputs), loaded


def test_a_geojson_file_is_measured_without_loading_gdal_pandas_or_the_schema():
    _outputs, loaded = probe_imports("", GEOJSON_FIXTURES)
    assert loaded == ""


def test_gdal_is_loaded_where_the_fast_path_cannot_read_the_file():
    _outputs, loaded = probe_imports("", [str(DATA / "lines.csv")])
    assert "pyogrio" in loaded.split()


def test_output_is_the_same_whether_gdal_and_pandas_were_loaded_first_or_not():
    # before issue 16, pyogrio (and with it geopandas and pandas) was imported before the
    # fast path ran: the outputs must not depend on that
    lazy, loaded = probe_imports("", GEOJSON_FIXTURES)
    eager, loaded_eager = probe_imports("pyogrio,geopandas", GEOJSON_FIXTURES)
    assert loaded == "" and "pandas" in loaded_eager.split()
    assert lazy == eager


# ------------------------------------------------- the plain path, without numpy (issue 16)


def plain_and_numpy(path: Path, **options) -> tuple[measure.FileMeasurement,
                                                    measure.FileMeasurement]:
    """``measure_file`` of ``path`` (the plain path where it applies) and the same file
    measured by the numpy reader."""
    plain = measure.measure_file(path, **options)
    numpy_rows = measure.measure_lines(read_line_file(path), **options)
    return plain, numpy_rows


def _same(x, y) -> bool:
    """Equal, floats within 1e-12 of each other (relative): the plain path sums each path's
    legs in numpy's portable pairwise order, to the bit on this machine's numpy; a numpy
    build that sums with other SIMD lanes may differ in the last bits, never in a printed
    digit."""
    if isinstance(x, float) and isinstance(y, float):
        return math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-9)
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(_same(x[k], y[k]) for k in x)
    if isinstance(x, (list, tuple)) and isinstance(y, (list, tuple)):
        return len(x) == len(y) and all(_same(a, b) for a, b in zip(x, y, strict=True))
    return x == y


def assert_same_rows(a: measure.FileMeasurement, b: measure.FileMeasurement) -> None:
    """The same rows (floats within 1e-12, :func:`_same`), skips and warnings."""
    rows_a, rows_b = [m.as_dict() for m in a.rows], [m.as_dict() for m in b.rows]
    assert _same(rows_a, rows_b), (rows_a, rows_b)
    assert (a.source, a.skipped, a.warnings) == (b.source, b.skipped, b.warnings)


#: The odd features that are measurable lines (the plain path reads them).
PLAIN_FEATURES = [f for f in ODD_FEATURES if line_input.read_geojson_text(json.dumps(
    {"type": "FeatureCollection", "features": [f]})).usable.all()]


def test_plain_fixtures_are_read_without_numpy_and_give_the_same_rows():
    from geo.line_plain import read_plain_line_file

    for name in ("lines.geojson", "lines-compact.geojson", "feature.json"):
        plain, _raw = read_plain_line_file(DATA / name)
        assert plain is not None, name
        for options in ({}, {"group_by": "cable"}, {"slack": 1.1}, {"id_field": "name"}):
            if "cable" in options.values() and "cable" not in plain.fields:
                continue
            assert_same_rows(*plain_and_numpy(DATA / name, **options))


def test_files_the_plain_path_leaves_to_line_input_give_the_same_rows(tmp_path):
    from geo.line_plain import read_plain_line_file

    assert read_plain_line_file(DATA / "mixed.geojson")[0] is None   # points skipped
    for index, feat in enumerate(ODD_FEATURES):
        path = tmp_path / f"odd-{index}.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection",
                                    "features": [ODD_FEATURES[0], feat]}), encoding="utf-8")
        assert (read_plain_line_file(path)[0] is None) == (feat not in PLAIN_FEATURES), index
        assert_same_rows(*plain_and_numpy(path))


@pytest.mark.parametrize("text", [
    '{"type": "FeatureCollection", "features": []}',
    '{"type": "FeatureCollection", "features": [], "crs": null}',
    '{"type": "FeatureCollection", "crs": null, "features": [{"type": "Feature", '
    '"properties": {}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}]}',
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
    '{"v": 1e400}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}]}',
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
    '{"v": NaN}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}]}',
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
    '{"v": "\\ud800"}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}]}',
    '{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}',
])
def test_documents_the_plain_path_refuses_go_to_line_input(text, tmp_path):
    from geo.line_plain import plain_line_features

    assert plain_line_features(text.encode(), "t") is None
    path = tmp_path / "doc.geojson"
    path.write_text(text, encoding="utf-8")
    try:
        expected = measure.measure_lines(read_line_file(path))
    except measure.InputError as exc:
        with pytest.raises(measure.InputError, match=f"^{exc}$".replace("(", r"\(")
                           .replace(")", r"\)").replace("[", r"\[")):
            measure.measure_file(path)
    else:
        assert_same_rows(measure.measure_file(path), expected)


def test_a_property_named_twice_reads_as_json_reads_it(tmp_path):
    # simdjson's as_dict keeps the last, as json does: the plain path reads such a file
    path = tmp_path / "twice.geojson"
    path.write_text('{"type": "Feature", "properties": {"name": "a", "name": "b"}, "geometry":'
                    ' {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}',
                    encoding="utf-8")
    plain, numpy_rows = plain_and_numpy(path)
    assert_same_rows(plain, numpy_rows)
    assert plain.rows[0].name == "b"


def test_random_plain_collections_give_the_same_rows_both_ways(tmp_path):
    rng = np.random.default_rng(16)
    path = tmp_path / "random.geojson"
    for _ in range(10):
        feats = []
        for i in range(int(rng.integers(1, 30))):
            parts = []
            for _ in range(int(rng.integers(1, 5))):
                start = np.array([rng.uniform(-170, 170), rng.uniform(-60, 60)])
                walk = rng.uniform(-1, 1, (int(rng.integers(2, 300)), 2)).cumsum(0)
                parts.append(np.round(start + walk, 6).tolist())
            feats.append(feature(f"f{i}", multi(parts), cable=f"c{i % 3}",
                                 length=f"{int(rng.integers(1, 900))} km"))
        path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}),
                        encoding="utf-8")
        assert_same_rows(*plain_and_numpy(path))
        assert_same_rows(*plain_and_numpy(path, group_by="cable"))


def test_plain_part_lengths_equal_numpy_s_to_the_bit():
    from geo.geodesy import parts_lengths_m, parts_lengths_plain_m

    rng = np.random.default_rng(7)
    for _ in range(30):
        sizes = rng.choice([2, 3, 8, 9, 10, 17, 129, 130, 131, 300, 2000], size=int(
            rng.integers(1, 8)))
        coords = rng.uniform([-180, -80], [180, 80], (int(sizes.sum()), 2))
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        expected = parts_lengths_m(coords, offsets).tolist()
        got = parts_lengths_plain_m(coords[:, 0].tolist(), coords[:, 1].tolist(),
                                    offsets.tolist())
        assert _same(got, expected)


def test_a_file_over_the_plain_limit_is_read_into_arrays(tmp_path, monkeypatch):
    import geo.line_plain as line_plain

    monkeypatch.setattr(line_plain, "PLAIN_MAX_BYTES", 100)
    plain, raw = line_plain.read_plain_line_file(DATA / "lines.geojson")
    assert plain is None and raw == (DATA / "lines.geojson").read_bytes()
    monkeypatch.undo()
    assert_same_rows(measure.measure_file(DATA / "lines.geojson"),
                     measure.measure_lines(read_line_file(DATA / "lines.geojson")))


NUMPY_PROBE = """
import sys
from click.testing import CliRunner
from geo.cli import main
r = CliRunner().invoke(main, ["measure", "--file", sys.argv[1], "--format", "json"])
assert r.exit_code == 0, r.output
print(" ".join(m for m in ("numpy", "simdjson") if m in sys.modules))
"""


@pytest.mark.parametrize(("name", "loaded"), [("lines.geojson", "simdjson"),
                                              ("mixed.geojson", "numpy simdjson")])
def test_a_plain_geojson_file_is_measured_without_numpy(name, loaded):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", NUMPY_PROBE, str(DATA / name)],
                          capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == loaded
