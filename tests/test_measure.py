"""geo.measure: catalogue routes and corridors, line files, published lengths, places."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from geographiclib.geodesic import Geodesic

from geo.errors import InputError
from geo.geodesy import latency_ms
from geo.measure import (
    MEDIA,
    measure_between,
    measure_catalog,
    measure_corridor,
    measure_file,
    measure_geojson_text,
    measure_route,
    parse_length_m,
    read_geojson_text,
    read_line_file,
    resolve_place,
)

DATA = Path(__file__).parent / "data" / "measure"
WGS84 = Geodesic.WGS84
MM = 1e-3


def reference_length_m(parts) -> float:
    """Sum of geographiclib geodesics over each part's legs (heights dropped)."""
    total = 0.0
    for part in parts:
        for (lon1, lat1, *_), (lon2, lat2, *_) in itertools.pairwise(part):
            total += WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"]
    return total


def fixture_lines() -> dict[str, dict]:
    fc = json.loads((DATA / "lines.geojson").read_text(encoding="utf-8"))
    return {f["id"]: f for f in fc["features"]}


def expected_by_id() -> dict[str, float]:
    out = {}
    for fid, feat in fixture_lines().items():
        geom = feat["geometry"]
        parts = geom["coordinates"] if geom["type"] == "MultiLineString" else \
            [geom["coordinates"]]
        out[fid] = reference_length_m(parts)
    return out


# ---------------------------------------------------------------- catalogue


def test_every_route_is_the_sum_of_its_segments(catalog):
    for rid, route in catalog.routes.items():
        m = measure_route(catalog, rid)
        assert len(m.segments) == len(route.segments)
        for seg, path in zip(m.segments, catalog.route_segments(rid), strict=True):
            assert seg.length_m == pytest.approx(reference_length_m([path]), abs=MM)
        assert m.length_m == pytest.approx(sum(s.length_m for s in m.segments), abs=1e-6)
        assert m.schematic == route.schematic
        assert m.length_m > 0


def test_segments_keep_medium_and_ends(catalog):
    for rid, route in catalog.routes.items():
        m = measure_route(catalog, rid)
        for seg, src in zip(m.segments, route.segments, strict=True):
            assert seg.medium == src.medium
            for label, waypoint in ((seg.from_, src.waypoints[0]), (seg.to, src.waypoints[-1])):
                if isinstance(waypoint, str):
                    assert label == waypoint  # a site id as it is
                else:  # a position: "lon,lat" that reads back to the very same numbers
                    assert [float(x) for x in label.split(",")] == [float(x) for x in waypoint]
            assert seg.route == rid


def test_coordinate_waypoints_are_labelled_lon_lat_with_every_digit(workspace):
    from geo.catalog import load_catalog

    routes = workspace / "data" / "routes.toml"
    text = routes.read_text(encoding="utf-8")
    assert 'waypoints = ["frankfurt", "paris"]' in text
    routes.write_text(text.replace('waypoints = ["frankfurt", "paris"]',
                                   'waypoints = [[8.68417, 50.11552], "paris", [2.3, 48.9]]'),
                      encoding="utf-8")
    cat = load_catalog(workspace)
    (seg,) = [s for s in measure_route(cat, "sparkle-backbone").segments if s.via == ("paris",)]
    assert (seg.from_, seg.to) == ("8.68417,50.11552", "2.3,48.9")
    paris = cat.sites["paris"]
    assert seg.length_m == pytest.approx(
        reference_length_m([[(8.68417, 50.11552), (paris.lon, paris.lat), (2.3, 48.9)]]),
        abs=MM)


def test_media_split_has_three_buckets_that_sum_to_the_total(catalog):
    for cid in catalog.corridors:
        m = measure_corridor(catalog, cid)
        media = m.by_medium_m
        assert set(media) == set(MEDIA)
        assert sum(media.values()) == pytest.approx(m.length_m, rel=1e-12)
        for medium in MEDIA:
            expected = sum(s.length_m for s in m.segments if s.medium == medium)
            assert media[medium] == pytest.approx(expected, abs=1e-6)


def test_unspecified_is_its_own_bucket(catalog):
    # the shipped Sparkle backbone has segments no source describes
    m = measure_route(catalog, "sparkle-backbone")
    unspecified = [s for s in m.segments if s.medium == "unspecified"]
    assert unspecified
    assert m.by_medium_m["unspecified"] == pytest.approx(
        sum(s.length_m for s in unspecified), abs=1e-6)


def test_corridor_is_the_chain_of_its_routes(catalog):
    for cid, corridor in catalog.corridors.items():
        m = measure_corridor(catalog, cid)
        assert m.members == list(corridor.routes)
        assert m.length_m == pytest.approx(
            sum(measure_route(catalog, r).length_m for r in corridor.routes), rel=1e-12)
        assert [s.route for s in m.segments] == [
            r for r in corridor.routes for _ in catalog.routes[r].segments]


def test_latency_slack_and_round_trip(catalog):
    rid = next(iter(catalog.routes))
    plain = measure_route(catalog, rid)
    slack = measure_route(catalog, rid, slack=1.1)
    assert slack.length_m == plain.length_m          # the drawn length does not change
    assert slack.estimate_m == pytest.approx(1.1 * plain.length_m)
    assert slack.latency_ms == pytest.approx(latency_ms(1.1 * plain.length_m))
    assert slack.rtt_ms == pytest.approx(2 * slack.latency_ms)
    # n = 1.468: about 4.9 µs per km
    assert plain.latency_ms / (plain.length_m / 1000) == pytest.approx(0.004897, rel=1e-3)
    with pytest.raises(InputError, match="slack"):
        measure_route(catalog, rid, slack=0.9)


def test_measure_catalog_all_and_unknown(catalog):
    everything = measure_catalog(catalog)
    assert [m.id for m in everything] == [*catalog.routes, *catalog.corridors]
    with pytest.raises(InputError, match=r"unknown route or corridor 'no-such-route'"):
        measure_catalog(catalog, ["no-such-route"])


def test_json_dict_has_the_contract_fields(catalog):
    cid = next(iter(catalog.corridors))
    d = measure_corridor(catalog, cid).as_dict()
    for key in ("id", "name", "length_m", "latency_ms", "segments"):
        assert key in d
    for seg in d["segments"]:
        assert {"from", "to", "medium", "length_m"} <= set(seg)
    json.dumps(d)  # serialisable


def test_published_figure_of_a_route_gives_ratio(workspace):
    routes = workspace / "data" / "routes.toml"
    text = routes.read_text(encoding="utf-8")
    figure = """
[[route.figures]]
quantity = "length"
value = 300
unit = "km"

[[route.figures.sources]]
reference = "test:figure"
note = "a test figure"
"""
    # append the figure to the first route (its tables end where the next [[route]] starts)
    head, sep, rest = text.partition("\n[[route]]\nid = \"dsw-azerbaijan-turkey\"")
    assert sep, "fixture layout changed"
    routes.write_text(head + figure + sep + rest, encoding="utf-8")
    from geo.catalog import load_catalog

    cat = load_catalog(workspace)
    m = measure_route(cat, "trans-caspian-cable")
    assert m.published_m == 300_000.0
    assert m.ratio == pytest.approx(m.length_m / 300_000.0)
    assert ("measured>published" in m.flags) == (m.length_m > 300_000.0)


# ---------------------------------------------------------------- published lengths


@pytest.mark.parametrize(("value", "field", "expected"), [
    ("1,234 km", None, 1_234_000.0),
    ("1234 km", None, 1_234_000.0),
    ("1 234 km", None, 1_234_000.0),
    ("1,234.5 km", None, 1_234_500.0),
    ("850 mi", None, 850 * 1609.344),
    ("850 miles", None, 850 * 1609.344),
    ("600 nmi", None, 600 * 1852.0),
    ("12000 m", None, 12_000.0),
    ("1500", None, 1_500_000.0),        # a bare number is km
    (1500, None, 1_500_000.0),
    (1500.5, "length", 1_500_500.0),
    (1500, "length_m", 1500.0),         # ... unless the field name says metres
    ("1500", "length_mi", 1500 * 1609.344),
    ("n.a.", None, None),
    ("N/A", None, None),
    ("", None, None),
    (None, None, None),
    (float("nan"), None, None),
])
def test_parse_length(value, field, expected):
    got = parse_length_m(value, field)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


@pytest.mark.parametrize("value", ["about a thousand km", "1,000–1,200 km", "-5 km", "0",
                                   "12 furlongs", True])
def test_unparseable_lengths_raise(value):
    with pytest.raises(ValueError):
        parse_length_m(value)


# ---------------------------------------------------------------- files


GEOJSON_FORMS = ["lines.geojson", "lines-compact.geojson", "lines.geojsonl", "lines.geojsons"]


@pytest.mark.parametrize("name", GEOJSON_FORMS)
def test_every_geojson_form_from_a_file(name):
    result = measure_file(DATA / name)
    got = {m.id: m.length_m for m in result.rows}
    expected = expected_by_id()
    assert set(got) == set(expected)
    for fid, length in expected.items():
        assert got[fid] == pytest.approx(length, abs=MM), fid
    assert result.skipped == []


@pytest.mark.parametrize("name", GEOJSON_FORMS)
def test_every_geojson_form_as_text(name):
    text = (DATA / name).read_text(encoding="utf-8")
    got = {m.id: m.length_m for m in measure_geojson_text(text).rows}
    for fid, length in expected_by_id().items():
        assert got[fid] == pytest.approx(length, abs=MM), fid


def test_bare_feature_and_bare_geometry():
    feature = json.loads((DATA / "feature.json").read_text(encoding="utf-8"))
    rows = measure_geojson_text(json.dumps(feature)).rows
    assert [m.id for m in rows] == [feature["id"]]
    assert rows[0].length_m == pytest.approx(expected_by_id()[feature["id"]], abs=MM)
    geometry = (DATA / "geometry.json").read_text(encoding="utf-8")
    rows = measure_geojson_text(geometry).rows
    assert len(rows) == 1
    assert rows[0].length_m == pytest.approx(
        reference_length_m(json.loads(geometry)["coordinates"]), abs=MM)


def test_split_and_unsplit_antimeridian_features_agree():
    # pacific-a is split at ±180°; written with longitudes beyond 180 it measures the same
    feat = fixture_lines()["pacific-a"]
    p1, p2 = feat["geometry"]["coordinates"]
    unwrapped = p1 + [[lon + 360.0, lat] for lon, lat in p2[1:]]
    fc = {"type": "FeatureCollection", "features": [
        feat,
        {"type": "Feature", "id": "unwrapped", "properties": {},
         "geometry": {"type": "LineString", "coordinates": unwrapped}},
    ]}
    rows = {m.id: m for m in measure_geojson_text(json.dumps(fc)).rows}
    assert rows["unwrapped"].length_m == pytest.approx(rows["pacific-a"].length_m, abs=MM)
    assert rows["pacific-a"].parts == 2


def test_three_d_coordinates_read_by_gdal_ignore_heights(tmp_path):
    feat = fixture_lines()["atlantic"]
    flat = dict(feat, geometry={"type": "LineString",
                                "coordinates": [c[:2] for c in feat["geometry"]["coordinates"]]})
    path = tmp_path / "flat.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [flat]}),
                    encoding="utf-8")
    three_d = {m.id: m.length_m for m in measure_file(DATA / "lines.geojson").rows}["atlantic"]
    assert measure_file(path).rows[0].length_m == pytest.approx(three_d, abs=1e-9)


def test_geopackage_and_csv_and_projected_crs(tmp_path):
    # (the fixture's 'length' mixes text and numbers, which GDAL types as JSON: left out)
    df = pyogrio.read_dataframe(DATA / "lines.geojson", columns=["id", "name", "cable"])
    gpkg = tmp_path / "lines.gpkg"
    pyogrio.write_dataframe(df, gpkg)
    assert {m.id: m.length_m for m in measure_file(gpkg).rows} == pytest.approx(
        expected_by_id(), abs=MM)
    csv_rows = {m.id: m for m in measure_file(DATA / "lines.csv").rows}
    assert csv_rows["bare"].length_m == pytest.approx(expected_by_id()["bare"], abs=MM)
    assert csv_rows["bare"].published_m == 1_500_000.0
    # a file in another CRS is transformed to WGS84 before measuring
    projected = tmp_path / "projected.gpkg"
    pyogrio.write_dataframe(df[df["id"] == "bare"].to_crs(3857), projected)
    assert measure_file(projected).rows[0].length_m == pytest.approx(
        expected_by_id()["bare"], abs=0.01)


def test_published_field_ratio_and_flags():
    rows = {m.id: m for m in measure_file(DATA / "lines.geojson").rows}
    feats = fixture_lines()
    for fid, m in rows.items():
        published = parse_length_m(feats[fid]["properties"]["length"], "length")
        assert m.published_m == published
        if published is None:
            assert m.ratio is None and m.flags == []
            continue
        ratio = m.length_m / published
        assert m.ratio == pytest.approx(ratio)
        assert ("measured>published" in m.flags) == (ratio > 1)
        assert any(f.startswith("ratio") for f in m.flags) == (not 0.7 <= ratio <= 1.3)
    assert any(m.flags for m in rows.values()) and any(
        m.published_m and not m.flags for m in rows.values())


def test_group_by_sums_features_and_keeps_a_shared_published_length():
    result = measure_file(DATA / "lines.geojson", group_by="cable")
    rows = {m.id: m for m in result.rows}
    feats = fixture_lines()
    expected = expected_by_id()
    cables: dict[str, list[str]] = {}
    for fid, feat in feats.items():
        cables.setdefault(feat["properties"]["cable"], []).append(fid)
    assert set(rows) == set(cables)
    for cable, members in cables.items():
        assert rows[cable].members == members
        assert rows[cable].length_m == pytest.approx(sum(expected[f] for f in members), abs=MM)
    assert rows["pacific"].published_m == 1_234_000.0
    assert rows["pacific"].parts == 3


def test_group_with_conflicting_published_lengths_uses_none():
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"cable": "x", "length": "100 km"},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 0]]}},
        {"type": "Feature", "properties": {"cable": "x", "length": "200 km"},
         "geometry": {"type": "LineString", "coordinates": [[1, 0], [2, 0]]}},
    ]}
    result = measure_geojson_text(json.dumps(fc), group_by="cable")
    assert result.rows[0].published_m is None
    assert any("different published lengths" in w for w in result.warnings)


def test_id_field_and_default_ids():
    rows = measure_file(DATA / "lines.geojson", id_field="name").rows
    assert [m.id for m in rows] == [f["properties"]["name"] for f in fixture_lines().values()]
    # no id, slug or name: the feature number
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"slug": "s-1"},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 0]]}},
        {"type": "Feature", "properties": {},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 0]]}},
    ]}
    assert [m.id for m in measure_geojson_text(json.dumps(fc)).rows] == ["s-1", "1"]


def test_unparseable_published_value_is_a_warning_not_a_number():
    fc = {"type": "Feature", "id": "a", "properties": {"length": "very long"},
          "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 0]]}}
    result = measure_geojson_text(json.dumps(fc))
    assert result.rows[0].published_m is None
    assert len(result.warnings) == 1 and "very long" in result.warnings[0]


def test_bad_features_are_reported_and_skipped_never_zero():
    result = measure_file(DATA / "mixed.geojson")
    assert [m.id for m in result.rows] == ["good"]
    assert all(m.length_m > 0 for m in result.rows)
    text = "\n".join(result.skipped)
    for fid in ("point", "null", "empty", "lat95", "projected"):
        assert f"'{fid}'" in text
    assert len(result.skipped) == 5
    # the same from stdin-style text
    text_result = measure_geojson_text((DATA / "mixed.geojson").read_text(encoding="utf-8"))
    assert [m.id for m in text_result.rows] == ["good"]
    assert len(text_result.skipped) == 5


def test_a_one_position_line_is_skipped():
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "one", "properties": {},
         "geometry": {"type": "LineString", "coordinates": [[0, 0]]}},
        {"type": "Feature", "id": "multi", "properties": {},
         "geometry": {"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]], [[2, 2]]]}},
        {"type": "Feature", "id": "ok", "properties": {},
         "geometry": {"type": "LineString", "coordinates": [[0, 0], [0, 1]]}},
    ]}
    result = measure_geojson_text(json.dumps(fc))
    assert [m.id for m in result.rows] == ["ok"]
    assert len(result.skipped) == 2


DEGENERATE = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "id": "one-place", "properties": {},
     "geometry": {"type": "LineString", "coordinates": [[5, 5], [5, 5]]}},
    {"type": "Feature", "id": "one-place-3d", "properties": {},
     "geometry": {"type": "LineString", "coordinates": [[5, 5, 0], [5, 5, 10], [5, 5, 0]]}},
    {"type": "Feature", "id": "part-at-one-place", "properties": {},
     "geometry": {"type": "MultiLineString",
                  "coordinates": [[[0, 0], [1, 1]], [[2, 2], [2, 2]]]}},
    {"type": "Feature", "id": "repeat-then-move", "properties": {},
     "geometry": {"type": "LineString", "coordinates": [[5, 5], [5, 5], [6, 5]]}},
]}
ONE_PLACE = "a line part with fewer than 2 distinct positions"


@pytest.mark.parametrize("reader", ["plain file", "text", "gdal"])
def test_a_line_at_one_place_is_skipped_never_zero(reader, tmp_path):
    path = tmp_path / "degenerate.geojson"
    path.write_text(json.dumps(DEGENERATE), encoding="utf-8")
    if reader == "plain file":
        result = measure_file(path)
    elif reader == "text":
        result = measure_geojson_text(path.read_text(encoding="utf-8"))
    else:
        gpkg = tmp_path / "degenerate.gpkg"
        frame = pyogrio.read_dataframe(path)
        frame["id"] = [f["id"] for f in DEGENERATE["features"]]
        pyogrio.write_dataframe(frame, gpkg)
        result = measure_file(gpkg)
    assert [m.id for m in result.rows] == ["repeat-then-move"]
    assert result.rows[0].length_m > 0
    assert len(result.skipped) == 3
    assert all(ONE_PLACE in line for line in result.skipped), result.skipped


def test_a_file_of_lines_at_one_place_has_no_lines_to_measure(tmp_path):
    path = tmp_path / "one.geojson"
    path.write_text(json.dumps(DEGENERATE["features"][0]), encoding="utf-8")
    with pytest.raises(InputError, match=f"no lines to measure .*{ONE_PLACE}"):
        measure_file(path)


@pytest.mark.parametrize(("name", "match"), [
    ("points.geojson", "no lines to measure"),
    ("broken.geojson", "cannot read"),
    ("no-such-file.geojson", "no such file"),
])
def test_bad_files_raise_input_error(name, match):
    with pytest.raises(InputError, match=match):
        measure_file(DATA / name)


def test_unknown_fields_raise():
    for kwargs in ({"id_field": "nope"}, {"group_by": "nope"}, {"published_field": "nope"}):
        with pytest.raises(InputError, match="no field 'nope'"):
            measure_file(DATA / "lines.geojson", **kwargs)


@pytest.mark.parametrize("text", ["", "not json", "{\"type\": \"Topology\"}", "[1, 2]",
                                  "{\"type\": \"Feature\"}\nnot json\n"])
def test_bad_geojson_text_raises(text):
    with pytest.raises(InputError):
        measure_geojson_text(text)


def test_readers_are_vectorised_and_agree(tmp_path):
    # many parts: both readers give the same per-feature lengths as a per-part reference
    rng = np.random.default_rng(7)
    feats = []
    for i in range(30):
        offset = np.array([0.0, 20.0])
        parts = [np.cumsum(rng.normal(0, 0.5, (rng.integers(2, 30), 2)), axis=0) + offset
                 for _ in range(rng.integers(1, 5))]
        feats.append({"type": "Feature", "id": f"f{i}", "properties": {},
                      "geometry": {"type": "MultiLineString",
                                   "coordinates": [p.tolist() for p in parts]}})
    text = json.dumps({"type": "FeatureCollection", "features": feats})
    path = tmp_path / "many.geojson"
    path.write_text(text, encoding="utf-8")
    from_text = read_geojson_text(text)
    from_file = read_line_file(path)
    assert np.array_equal(from_text.coords, from_file.coords)
    assert np.array_equal(from_text.part_offsets, from_file.part_offsets)
    lengths = {m.id: m.length_m for m in measure_file(path).rows}
    for feat in feats:
        geom = shapely.geometry.shape(feat["geometry"])
        expected = sum(reference_length_m([list(g.coords)]) for g in geom.geoms)
        assert lengths[feat["id"]] == pytest.approx(expected, abs=MM)


# ---------------------------------------------------------------- between


def test_between_catalogue_sites_and_coordinates(catalog):
    a, b = list(catalog.sites)[:2]
    m = measure_between([a, "30.5,50.45", b], catalog)
    pa, pb = catalog.site_position(a), catalog.site_position(b)
    expected = [WGS84.Inverse(pa[1], pa[0], 50.45, 30.5)["s12"],
                WGS84.Inverse(50.45, 30.5, pb[1], pb[0])["s12"]]
    assert [s.length_m for s in m.segments] == pytest.approx(expected, abs=MM)
    assert m.length_m == pytest.approx(sum(expected), abs=MM)
    assert [p["source"] for p in m.places] == [f"catalogue site {a}", "coordinates",
                                               f"catalogue site {b}"]


def test_between_by_site_name_and_alias(catalog):
    site = next(s for s in catalog.sites.values() if s.aliases)
    by_name = resolve_place(site.name.upper(), catalog)
    by_alias = resolve_place(site.aliases[0], catalog)
    assert (by_name["lon"], by_name["lat"]) == catalog.site_position(site.id)
    assert (by_alias["lon"], by_alias["lat"]) == catalog.site_position(site.id)


def test_between_uses_the_gazetteer_last(catalog):
    class Place:
        name, lon, lat, country = "Somewhere", 12.5, 41.9, "IT"

    calls = []

    def lookup(name):
        calls.append(name)
        return Place() if name == "somewhere" else None

    m = measure_between(["somewhere", "0,0"], catalog, lookup)
    assert calls == ["somewhere"]
    assert m.segments[0].length_m == pytest.approx(
        WGS84.Inverse(41.9, 12.5, 0, 0)["s12"], abs=MM)
    with pytest.raises(InputError, match="unknown place 'nowhere'"):
        measure_between(["nowhere", "0,0"], catalog, lookup)


def test_between_with_the_real_gazetteer():
    from geo.gazetteer import lookup_place

    m = measure_between(["Baku", "Tbilisi"], None, lookup_place)
    baku, tbilisi = lookup_place("Baku"), lookup_place("Tbilisi")
    assert m.length_m == pytest.approx(
        WGS84.Inverse(baku.lat, baku.lon, tbilisi.lat, tbilisi.lon)["s12"], abs=MM)


@pytest.mark.parametrize("places", [["0,0"], ["0,0", "200,0"], ["0,0", "10,-91"],
                                    ["0,0", "1.5,abc"], ["0,0", "0,0"], ["0,0", "-0,0"],
                                    ["1,1", "180,0", "-180,0"], ["0,90", "45,90"]])
def test_between_bad_input(places):
    with pytest.raises(InputError):
        measure_between(places, None, lambda name: None)


def test_between_may_come_back_to_a_place_but_not_stay_there():
    there_and_back = measure_between(["0,0", "1,0", "0,0"], None, lambda name: None)
    assert there_and_back.length_m == pytest.approx(
        2 * WGS84.Inverse(0, 0, 0, 1)["s12"], abs=MM)
    with pytest.raises(InputError, match="'1,0' and '1,0' are at the same position"):
        measure_between(["0,0", "1,0", "1,0"], None, lambda name: None)


def test_kml_is_read_through_gdal(tmp_path):
    df = pyogrio.read_dataframe(DATA / "lines.geojson", columns=["name"])
    df = df[df["name"] == "Bare number"]
    path = tmp_path / "lines.kml"
    pyogrio.write_dataframe(df, path, driver="KML")
    [row] = measure_file(path).rows
    assert row.name == "Bare number"
    assert row.length_m == pytest.approx(expected_by_id()["bare"], abs=MM)


def test_kml_placemarks_are_identified_by_their_name(tmp_path):
    # GDAL gives KML an "id" field, empty unless a Placemark has an id: the id falls back
    # to the name feature by feature, not to the feature number, in rows and skip reports
    path = tmp_path / "cables.kml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        "<Placemark><name>Cable A</name><LineString><coordinates>0,0,0 1,1,0"
        "</coordinates></LineString></Placemark>"
        '<Placemark id="b-1"><name>Cable B</name><LineString><coordinates>0,0 0,1'
        "</coordinates></LineString></Placemark>"
        "<Placemark><name>Pin</name><Point><coordinates>5,5</coordinates></Point>"
        "</Placemark></Document></kml>", encoding="utf-8")
    result = measure_file(path)
    assert [(m.id, m.name) for m in result.rows] == [("Cable A", "Cable A"),
                                                     ("b-1", "Cable B")]
    assert result.rows[0].length_m == pytest.approx(WGS84.Inverse(0, 0, 1, 1)["s12"], abs=MM)
    [skipped] = result.skipped
    assert "'Pin'" in skipped and "a Point, not a line" in skipped


def test_a_broken_pretty_document_is_reported_as_one_document():
    text = (DATA / "lines.geojson").read_text(encoding="utf-8")
    broken = text[: len(text) // 2]
    with pytest.raises(InputError, match=r"not GeoJSON: .* at line \d+ column \d+"):
        read_geojson_text(broken)


def test_malformed_positions_are_skipped_and_mixed_dimensions_read():
    def feature(fid, gtype, coords):
        return {"type": "Feature", "id": fid, "properties": {},
                "geometry": {"type": gtype, "coordinates": coords}}

    fc = {"type": "FeatureCollection", "features": [
        feature("empty-part", "MultiLineString", [[[0, 0], [1, 1]], []]),
        feature("text", "LineString", [["a", "b"], [1, 1]]),
        feature("null", "LineString", [[None, 0], [1, 1]]),
        feature("mixed", "LineString", [[0, 0, 5], [1, 1]]),
    ]}
    result = measure_geojson_text(json.dumps(fc))
    assert [m.id for m in result.rows] == ["mixed"]
    assert result.rows[0].length_m == pytest.approx(WGS84.Inverse(0, 0, 1, 1)["s12"], abs=MM)
    assert [s.split("(id '")[1].split("'")[0] for s in result.skipped] == [
        "empty-part", "text", "null"]
