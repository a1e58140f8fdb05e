"""``geo measure``: catalogue routes, files and stdin in every GeoJSON form, places, errors."""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path

import pytest
from geographiclib.geodesic import Geodesic

from geo.measure import LATENCY_ASSUMPTION, measure_catalog, measure_file

DATA = Path(__file__).parent / "data" / "measure"
WGS84 = Geodesic.WGS84
MM = 1e-3


def test_all_routes_and_corridors_as_a_table(repo_root, catalog, runner):
    out = runner("measure", "-w", str(repo_root), expect=0).stdout
    for rid in [*catalog.routes, *catalog.corridors]:
        assert f"{rid}: " in out
    # each measured total appears, in km to the metre
    for m in measure_catalog(catalog):
        assert f"total {m.length_m / 1000:,.3f} km" in out
    assert "the length is that of the drawn path" in out
    assert LATENCY_ASSUMPTION in out


def test_one_route_as_json_matches_the_library(repo_root, catalog, runner):
    rid = next(iter(catalog.routes))
    result = runner("measure", "-w", str(repo_root), rid, "--format", "json", expect=0)
    rows = json.loads(result.stdout)
    [expected] = measure_catalog(catalog, [rid])
    assert [r["id"] for r in rows] == [rid]
    row = rows[0]
    assert row["name"] == catalog.routes[rid].name
    assert row["length_m"] == pytest.approx(expected.length_m, abs=1e-6)
    assert row["latency_ms"] == pytest.approx(expected.latency_ms)
    assert [(s["from"], s["to"], s["medium"]) for s in row["segments"]] == [
        (s.from_, s.to, s.medium) for s in expected.segments]
    assert "1.468" in result.stderr


def test_corridor_with_slack_as_csv(repo_root, catalog, runner):
    cid = next(iter(catalog.corridors))
    result = runner("measure", "-w", str(repo_root), cid, "--slack", "1.1", "--format", "csv",
                    expect=0)
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    [expected] = measure_catalog(catalog, [cid], slack=1.1)
    assert row["id"] == cid
    assert float(row["length_m"]) == pytest.approx(expected.length_m, abs=1e-6)
    assert float(row["estimate_m"]) == pytest.approx(1.1 * expected.length_m, abs=1e-6)
    assert float(row["latency_ms"]) == pytest.approx(expected.latency_ms)
    total = sum(float(row[f"{m}_m"]) for m in ("submarine", "terrestrial", "unspecified"))
    assert total == pytest.approx(expected.length_m, abs=1e-6)


def expected_lengths() -> dict[str, float]:
    return {m.id: m.length_m for m in measure_file(DATA / "lines.geojson").rows}


def reference_lengths() -> dict[str, float]:
    out = {}
    for feat in json.loads((DATA / "lines.geojson").read_text(encoding="utf-8"))["features"]:
        geom = feat["geometry"]
        parts = geom["coordinates"] if geom["type"] == "MultiLineString" else \
            [geom["coordinates"]]
        out[feat["id"]] = sum(WGS84.Inverse(a[1], a[0], b[1], b[0])["s12"]
                              for p in parts for a, b in itertools.pairwise(p))
    return out


@pytest.mark.parametrize("name", ["lines.geojson", "lines-compact.geojson", "lines.geojsonl",
                                  "lines.geojsons"])
def test_file_and_stdin_in_every_form(name, runner):
    reference = reference_lengths()
    from_file = json.loads(runner("measure", "--file", str(DATA / name), "--format", "json",
                                  expect=0).stdout)
    text = (DATA / name).read_text(encoding="utf-8")
    from_stdin = json.loads(runner("measure", "--file", "-", "--format", "json", input=text,
                                   expect=0).stdout)
    for rows in (from_file, from_stdin):
        got = {r["id"]: r["length_m"] for r in rows}
        assert got == pytest.approx(reference, abs=MM)


@pytest.mark.parametrize("name", ["feature.json", "geometry.json"])
def test_stdin_bare_feature_or_geometry(name, runner):
    text = (DATA / name).read_text(encoding="utf-8")
    rows = json.loads(runner("measure", "--file", "-", "--format", "json", input=text,
                             expect=0).stdout)
    assert len(rows) == 1
    obj = json.loads(text)
    geom = obj.get("geometry", obj)
    parts = geom["coordinates"] if geom["type"] == "MultiLineString" else [geom["coordinates"]]
    expected = sum(WGS84.Inverse(a[1], a[0], b[1], b[0])["s12"]
                   for p in parts for a, b in itertools.pairwise(p))
    assert rows[0]["length_m"] == pytest.approx(expected, abs=MM)


def test_file_table_shows_published_ratio_and_flags(runner):
    result = runner("measure", "--file", str(DATA / "lines.geojson"), expect=0)
    out = result.stdout
    assert "PUBLISHED_KM" in out and "RATIO" in out
    assert "measured>published" in out
    assert "lengths are those of the lines as drawn" in out
    rows = json.loads(runner("measure", "--file", str(DATA / "lines.geojson"), "--format", "json",
                             expect=0).stdout)
    with_published = [r for r in rows if "published_m" in r]
    assert with_published and all(
        r["ratio"] == pytest.approx(r["length_m"] / r["published_m"]) for r in with_published)
    assert all("published_m" not in r for r in rows if r["id"] == "short")  # "n.a."
    assert all(r["schematic"] is None for r in rows)  # a file does not say


def test_group_by_and_id_field(runner):
    rows = json.loads(runner("measure", "--file", str(DATA / "lines.geojson"), "--group-by",
                             "cable", "--format", "json", expect=0).stdout)
    lengths = expected_lengths()
    pacific = next(r for r in rows if r["id"] == "pacific")
    assert pacific["members"] == ["pacific-a", "pacific-b"]
    assert pacific["length_m"] == pytest.approx(lengths["pacific-a"] + lengths["pacific-b"])
    rows = json.loads(runner("measure", "--file", str(DATA / "lines.geojson"), "--id-field", "name",
                             "--format", "json", expect=0).stdout)
    assert "Atlantic 3D" in {r["id"] for r in rows}


def test_skipped_features_are_reported_on_stderr(runner):
    result = runner("measure", "--file", str(DATA / "mixed.geojson"), "--format", "json", expect=0)
    assert [r["id"] for r in json.loads(result.stdout)] == ["good"]
    assert result.stderr.count("skipped") == 5
    assert "'lat95'" in result.stderr and "invalid coordinates" in result.stderr


def test_between_places_including_negative_longitudes(repo_root, runner):
    result = runner("measure", "-w", str(repo_root), "--between", "-0.12574,51.50853",
                    "2.3488,48.85341", "--format", "json", expect=0)
    [row] = json.loads(result.stdout)
    expected = WGS84.Inverse(51.50853, -0.12574, 48.85341, 2.3488)["s12"]
    assert row["length_m"] == pytest.approx(expected, abs=MM)
    assert [s["medium"] for s in row["segments"]] == ["unspecified"]


def test_between_catalogue_site_and_gazetteer_place(repo_root, catalog, runner):
    from geo.gazetteer import lookup_place

    site = next(iter(catalog.sites))
    place = "Tashkent"
    assert place.lower() not in {s.name.lower() for s in catalog.sites.values()}
    result = runner("measure", "-w", str(repo_root), "--between", site, place, "--format", "json",
                    expect=0)
    [row] = json.loads(result.stdout)
    lon, lat = catalog.site_position(site)
    found = lookup_place(place)
    assert row["length_m"] == pytest.approx(
        WGS84.Inverse(lat, lon, found.lat, found.lon)["s12"], abs=MM)
    assert row["places"][0]["source"] == f"catalogue site {site}"
    assert row["places"][1]["source"].startswith("gazetteer")
    table = runner("measure", "-w", str(repo_root), "--between", site, place, expect=0).stdout
    assert "geodesic path between the places" in table


@pytest.mark.parametrize(("args", "message"), [
    (["no-such-route"], "unknown route or corridor 'no-such-route'"),
    (["--file", str(DATA / "points.geojson")], "no lines to measure"),
    (["--file", str(DATA / "broken.geojson")], "cannot read"),
    (["--file", str(DATA / "nothing-here.gpkg")], "no such file"),
    (["--file", str(DATA / "lines.geojson"), "--id-field", "nope"], "no field 'nope'"),
    (["--file", str(DATA / "lines.geojson"), "--group-by", "nope"], "no field 'nope'"),
    (["--file", str(DATA / "lines.geojson"), "--published-field", "nope"], "no field 'nope'"),
    (["--between", "0,0", "200,0"], "invalid coordinates '200,0'"),
    (["--between", "0,0", "-10,95"], "invalid coordinates '-10,95'"),
    (["--between", "0,0"], "at least two places"),
    (["--between", "0,0", "0,0"], "geo: error: '0,0' and '0,0' are at the same position "
                                  "(0.0,0.0): consecutive places of a path must differ"),
    (["--between", "10,5", "180,0", "-180,0"], "'180,0' and '-180,0' are at the same"),
    (["--between", "0,0", "Nowhere-at-all-xyz"], "unknown place"),
    (["--id-field", "id"], "--file only"),
    (["trans-caspian-cable", "--file", str(DATA / "lines.geojson")], "not both"),
    (["--slack", "0.5"], "0.5"),
    (["--frobnicate"], "No such option"),
])
def test_bad_input_exits_2(repo_root, args, message, runner):
    result = runner("measure", "-w", str(repo_root), *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


@pytest.mark.parametrize("stdin", ["", "not json", "{\"type\": \"FeatureCollection\", "
                                   "\"features\": []}"])
def test_bad_stdin_exits_2(stdin, runner):
    result = runner("measure", "--file", "-", input=stdin)
    assert result.exit_code == 2
    assert "<stdin>" in result.stderr


def test_control_characters_in_names_do_not_reach_the_terminal(runner):
    feature = {"type": "Feature", "properties": {"name": "\x1b[31mred\x07"},
               "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}
    out = runner("measure", "--file", "-", input=json.dumps(feature), expect=0).stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "?[31mred?" in out


def test_between_positions_keep_every_digit_in_their_labels(runner):
    """Two positions 0.4 m apart are two places, not one label twice."""
    result = runner("measure", "--between", "36.81667,-1.283333", "36.816674,-1.283333",
                    "--format", "json", expect=0)
    (row,) = json.loads(result.stdout)
    (seg,) = row["segments"]
    assert (seg["from"], seg["to"]) == ("36.81667,-1.283333", "36.816674,-1.283333")


# --------------------------------------------------------------------------- CSV for spreadsheets


FORMULA_FEATURE = json.dumps({
    "type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "=HYPERLINK(\"x\")", "name": "@cable"},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}},
        {"type": "Feature", "properties": {"id": "plain", "name": "Plain"},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [0, 1]]}}]})


def test_csv_warns_of_cells_a_spreadsheet_may_run_as_formulas(runner):
    result = runner("measure", "--file", "-", "--format", "csv", input=FORMULA_FEATURE,
                    expect=0)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["name"]) for r in rows] == [("=HYPERLINK(\"x\")", "@cable"),
                                                    ("plain", "Plain")]
    assert ("geo: warning: 2 CSV cells begin with =, +, -, @, tab or CR, which a spreadsheet "
            "may run as a formula; --csv-safe prefixes them with ' for spreadsheets"
            ) in result.stderr


def test_csv_safe_prefixes_formula_cells(runner):
    result = runner("measure", "--file", "-", "--format", "csv", "--csv-safe",
                    input=FORMULA_FEATURE, expect=0)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["name"]) for r in rows] == [("'=HYPERLINK(\"x\")", "'@cable"),
                                                    ("plain", "Plain")]
    assert float(rows[0]["length_m"]) > 0  # numbers are never prefixed
    assert "warning" not in result.stderr


def test_csv_safe_needs_csv(runner):
    result = runner("measure", "--file", "-", "--csv-safe", input=FORMULA_FEATURE, expect=2)
    assert result.stderr == "geo: error: --csv-safe applies only to --format csv, not table\n"
