"""GeoJSON from geo export, checked against RFC 7946 by code (not by eye), and the split of
lines that cross the antimeridian (§3.1.9)."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from geographiclib.geodesic import Geodesic
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiLineString, Point, Polygon, shape

from geo.catalog import load_catalog
from geo.export import geojson_text, geojsonseq_text
from geo.geodesy import GEOD, path_length_m
from geo.layers import build_layers
from geo.lines import split_antimeridian

FIXTURES = Path(__file__).parent / "data" / "export"
GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                  "MultiPolygon", "GeometryCollection"}


# ------------------------------------------------------------------ the checker


def _number(v) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _decimals_ok(v: float, precision: int | None) -> bool:
    return precision is None or precision < 0 or round(v, precision) == v


def _signed_area(ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in itertools.pairwise(ring)) / 2


def _crs_members(obj, path="$"):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "crs":
                yield f"{path}: has a 'crs' member (RFC 7946 §4 removed it)"
            yield from _crs_members(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _crs_members(v, f"{path}[{i}]")


def _position_problems(pos, where, precision) -> list[str]:
    if not isinstance(pos, list) or len(pos) not in (2, 3) or not all(map(_number, pos)):
        return [f"{where}: not a position [lon, lat]: {pos!r}"]
    lon, lat = pos[0], pos[1]
    out = []
    if not -180 <= lon <= 180:
        out.append(f"{where}: longitude {lon} out of [-180, 180] (§4)")
    if not -90 <= lat <= 90:
        out.append(f"{where}: latitude {lat} out of [-90, 90] (lon/lat swapped? §3.1.1)")
    if not all(_decimals_ok(v, precision) for v in pos):
        out.append(f"{where}: {pos} has more than {precision} decimals")
    return out


def _line_problems(coords, where, precision, ring=False) -> list[str]:
    if not isinstance(coords, list):
        return [f"{where}: coordinates are not an array"]
    out = []
    for i, pos in enumerate(coords):
        out += _position_problems(pos, f"{where}[{i}]", precision)
    if out:
        return out
    if len(coords) < (4 if ring else 2):
        out.append(f"{where}: too few positions ({len(coords)})")
    if ring and coords[0] != coords[-1]:
        out.append(f"{where}: ring not closed (§3.1.6)")
    for i, (a, b) in enumerate(itertools.pairwise(coords)):
        if abs(b[0] - a[0]) > 180:
            out.append(f"{where}[{i}]: leg jumps {abs(b[0] - a[0]):.1f}° of longitude: "
                       "not split at the antimeridian (§3.1.9)")
    return out


def _polygon_problems(rings, where, precision) -> list[str]:
    if not isinstance(rings, list) or not rings:
        return [f"{where}: a polygon needs rings"]
    out = []
    for r, ring in enumerate(rings):
        problems = _line_problems(ring, f"{where}[{r}]", precision, ring=True)
        out += problems
        if not problems:
            area = _signed_area(ring)
            if r == 0 and area <= 0:
                out.append(f"{where}[0]: exterior ring is not counter-clockwise (§3.1.6)")
            if r > 0 and area >= 0:
                out.append(f"{where}[{r}]: hole is not clockwise (§3.1.6)")
    return out


def geometry_problems(g, where="geometry", precision=None) -> list[str]:
    if g is None:
        return []
    if not isinstance(g, dict) or g.get("type") not in GEOMETRY_TYPES:
        return [f"{where}: not a geometry object (§3.1)"]
    kind = g["type"]
    if kind == "GeometryCollection":
        return [p for i, m in enumerate(g.get("geometries", []))
                for p in geometry_problems(m, f"{where}.geometries[{i}]", precision)]
    c = g.get("coordinates")
    where = f"{where}.coordinates"
    if kind == "Point":
        return _position_problems(c, where, precision)
    if kind == "MultiPoint":
        return [p for i, pos in enumerate(c) for p in _position_problems(pos, f"{where}[{i}]",
                                                                        precision)]
    if kind == "LineString":
        return _line_problems(c, where, precision)
    if kind == "MultiLineString":
        return [p for i, line in enumerate(c)
                for p in _line_problems(line, f"{where}[{i}]", precision)]
    if kind == "Polygon":
        return _polygon_problems(c, where, precision)
    return [p for i, poly in enumerate(c)
            for p in _polygon_problems(poly, f"{where}[{i}]", precision)]


def rfc7946_problems(doc, precision=None) -> list[str]:
    """Everything in ``doc`` that RFC 7946 (and geo's contract) forbids; empty if none."""
    problems = list(_crs_members(doc))
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return [*problems, "$: not a FeatureCollection (§3.3)"]
    features = doc.get("features")
    if not isinstance(features, list):
        return [*problems, "$.features: not an array (§3.3)"]
    seen = set()
    for i, f in enumerate(features):
        problems += feature_problems(f, f"$.features[{i}]", precision)
        fid = f.get("id") if isinstance(f, dict) else None
        if fid in seen:
            problems.append(f"$.features[{i}]: id {fid!r} repeated")
        seen.add(fid)
    return problems


def feature_problems(f, where="$", precision=None) -> list[str]:
    if not isinstance(f, dict) or f.get("type") != "Feature":
        return [f"{where}: not a Feature (§3.2)"]
    out = []
    if "geometry" not in f or "properties" not in f:
        out.append(f"{where}: a Feature needs 'geometry' and 'properties' members (§3.2)")
    if not isinstance(f.get("properties"), dict | None):
        out.append(f"{where}.properties: not an object or null")
    fid = f.get("id")
    if not (isinstance(fid, str) and fid) and not _number(fid):
        out.append(f"{where}.id: missing, or not a string or number (§3.2)")
    return out + geometry_problems(f.get("geometry"), f"{where}.geometry", precision)


def _fc(*geometries, **extra):
    return {"type": "FeatureCollection", **extra, "features": [
        {"type": "Feature", "id": f"f{i}", "geometry": g, "properties": {}}
        for i, g in enumerate(geometries)]}


GOOD_POLY = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}


@pytest.mark.parametrize(("doc", "needle"), [
    (_fc(GOOD_POLY, crs={"type": "name"}), "crs"),
    (_fc({"type": "Point", "coordinates": [10.0, 100.0]}), "latitude"),
    (_fc({"type": "Point", "coordinates": [181.0, 1.0]}), "longitude"),
    (_fc({"type": "LineString", "coordinates": [[179.0, 0], [-179.0, 0]]}), "antimeridian"),
    (_fc({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 0]]]}),
     "counter-clockwise"),
    (_fc({"type": "Point", "coordinates": [1.1234567, 1.0]}), "decimals"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None,
                                                 "properties": {}}]}, "id"),
    ({"type": "Feature", "geometry": None, "properties": {}}, "FeatureCollection"),
])
def test_the_checker_catches_what_rfc7946_forbids(doc, needle):
    problems = rfc7946_problems(doc, precision=6)
    assert any(needle in p for p in problems), problems
    assert rfc7946_problems(_fc(GOOD_POLY, {"type": "Point", "coordinates": [1.5, 2.25]}),
                            precision=6) == []


# ------------------------------------------------------------------ the shipped catalogue


def export(runner, args, workspace=None) -> str:
    extra = ["-w", str(workspace)] if workspace is not None else []
    result = runner("export", *args, *extra, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _rounded_run(coords, precision):
    """Positions rounded to ``precision`` decimals, each repeat of the one before dropped,
    two kept at least."""
    rounded = np.round(coords, precision)
    keep = np.r_[True, ~(rounded[1:] == rounded[:-1]).all(axis=1)]
    out = rounded[keep]
    return out if len(out) >= 2 else rounded[[0, -1]]


@pytest.mark.parametrize("precision", [6, -1, 0, 3])
def test_the_catalogue_exports_as_rfc7946(repo_root, catalog, precision, runner):
    doc = json.loads(export(runner, ["--precision", str(precision), "-w", str(repo_root)]))
    assert rfc7946_problems(doc, precision) == []
    assert list(doc) == ["type", "features"]
    layers = build_layers(catalog)
    assert [f["id"] for f in doc["features"]] == [i for f in layers.values() for i in f["id"]]
    assert [f["properties"]["layer"] for f in doc["features"]] == [
        name for name, f in layers.items() for _ in range(len(f))]
    # positions are the catalogue's, rounded as asked (-1: exactly; 0 is a real value),
    # without the repeats that rounding makes (a line keeps two positions at least)
    for feature, geom in zip(doc["features"],
                             [g for f in layers.values() for g in f.geometry], strict=True):
        if geom is None:   # no place (an organisation without a head office)
            assert feature["geometry"] is None
            continue
        got_parts = [shapely.get_coordinates(g)
                     for g in getattr(shape(feature["geometry"]), "geoms",
                                      [shape(feature["geometry"])])]
        want_parts = [shapely.get_coordinates(g) for g in getattr(geom, "geoms", [geom])]
        assert len(got_parts) == len(want_parts)
        for got, want in zip(got_parts, want_parts, strict=True):
            if precision < 0:
                assert (got == want).all()
                continue
            if geom.geom_type == "Point":
                assert abs(got - np.round(want, precision)).max() <= 1e-9
                continue
            assert abs(got - _rounded_run(want, precision)).max() <= 1e-9
            assert len(got) >= 2
            if len(got) > 2:
                assert not (got[1:] == got[:-1]).all(axis=1).any(), "a repeated position"
    if precision == 0:
        assert all(float(v).is_integer() for f in doc["features"] if f["geometry"]
                   for v in shapely.get_coordinates(shape(f["geometry"])).ravel())


def test_sequences_hold_rfc7946_features(repo_root, runner):
    lf = export(runner, ["--format", "geojsonseq", "-w", str(repo_root)])
    rs = export(runner, ["--format", "geojsonseq", "--rs", "-w", str(repo_root)])
    assert "\x1e" not in lf and lf.endswith("\n")
    texts = lf.splitlines()
    assert rs == "".join(f"\x1e{t}\n" for t in texts)  # RFC 8142: RS before, LF after
    features = [json.loads(t) for t in texts]
    assert rfc7946_problems({"type": "FeatureCollection", "features": features}, 6) == []
    whole = json.loads(export(runner, ["-w", str(repo_root)]))
    assert features == whole["features"]


# ------------------------------------------------------------------ antimeridian


@pytest.fixture
def pacific(workspace: Path) -> Path:
    """The shipped workspace plus fixtures on both sides of 180° (tests/data/export)."""
    for kind in ("sites", "organisations", "routes", "agreements"):
        target = workspace / "data" / f"{kind}.toml"
        target.write_text(target.read_text(encoding="utf-8")
                          + (FIXTURES / f"{kind}.toml").read_text(encoding="utf-8"),
                          encoding="utf-8")
    return workspace


def _crosses(coords) -> int:
    return sum(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(coords))


def test_lines_across_the_antimeridian_are_split_and_measure_the_same(pacific, runner):
    cat = load_catalog(pacific)
    layers = build_layers(cat)
    doc = json.loads(export(runner, ["--precision", "-1"], pacific))
    assert rfc7946_problems(doc) == []
    by_id = {f["id"]: f for f in doc["features"]}
    g = Geodesic.WGS84
    checked = set()
    for name in ("routes", "corridors", "agreements"):
        for row in layers[name].itertuples():
            if row.geometry is None:   # no place: null in the export too
                assert by_id[row.id]["geometry"] is None
                continue
            parts = getattr(row.geometry, "geoms", [row.geometry])
            crossings = sum(_crosses(list(p.coords)) for p in parts)
            got = shape(by_id[row.id]["geometry"])
            got_parts = list(getattr(got, "geoms", [got]))
            assert len(got_parts) == len(parts) + crossings, row.id
            # measured the same as unsplit, and as the catalogue says
            assert GEOD.geometry_length(got) == pytest.approx(
                GEOD.geometry_length(row.geometry), rel=1e-9, abs=1e-6)
            if name == "routes":
                assert by_id[row.id]["properties"]["length_m"] == row.length_m
                assert GEOD.geometry_length(got) == pytest.approx(row.length_m, rel=1e-9)
            if not crossings:
                continue
            checked.add(row.id)
            cuts = 0
            for a, b in itertools.pairwise(got_parts):
                end, start = a.coords[-1], b.coords[0]
                if not (abs(end[0]) == 180 and end[0] == -start[0]):
                    continue  # a gap the catalogue drew, not a cut
                cuts += 1
                assert end[1] == start[1]  # the cut: same latitude on both sides
                # ... and on the geodesic of the leg it splits
                p, q = a.coords[-2], b.coords[1]
                via = (g.Inverse(p[1], p[0], end[1], end[0])["s12"]
                       + g.Inverse(end[1], end[0], q[1], q[0])["s12"])
                assert via == pytest.approx(g.Inverse(p[1], p[0], q[1], q[0])["s12"], abs=1e-3)
            assert cuts == crossings, row.id
    # the fixtures in tests/data/export that cross (the shipped catalogue has none)
    assert checked == {"fixture-suva-apia", "fixture-zigzag", "fixture-fiji-samoa-agreement"}
    zigzag = shape(by_id["fixture-zigzag"]["geometry"])
    assert zigzag.geom_type == "MultiLineString" and len(zigzag.geoms) == 3
    parts = list(zigzag.geoms)
    assert [p.coords[-1][0] for p in parts[:2]] == [180.0, -180.0]
    assert [p.coords[0][0] for p in parts[1:]] == [-180.0, 180.0]


def test_split_lines_read_back_by_gdal_the_same(pacific, tmp_path, runner):
    out = tmp_path / "pacific.geojson"
    export(runner, ["--layer", "routes", "-o", str(out)], pacific)
    frame = gpd.read_file(out)
    route = frame.set_index("id").loc["fixture-suva-apia"]
    assert route.geometry.geom_type == "MultiLineString"
    assert GEOD.geometry_length(route.geometry) == pytest.approx(route["length_m"], abs=1.0)


lon = st.floats(-180, 180, allow_nan=False)
lat = st.floats(-80, 80, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(lon, lat), min_size=2, max_size=6))
def test_split_preserves_the_path(points):
    line = LineString(points)
    split = split_antimeridian(line)
    parts = list(getattr(split, "geoms", [split]))
    for part in parts:
        assert _crosses(list(part.coords)) == 0
    assert GEOD.geometry_length(split) == pytest.approx(path_length_m(points), rel=1e-9,
                                                        abs=1e-3)
    # the ends stay (a point on the antimeridian may be written as 180 or -180)
    assert same_place(parts[0].coords[0], points[0])
    assert same_place(parts[-1].coords[-1], points[-1])
    if _crosses(points) == 0:
        assert split is line


def same_place(p, q) -> bool:
    return p[1] == q[1] and (p[0] - q[0]) % 360 == 0


def test_split_at_a_vertex_on_the_antimeridian():
    line = LineString([(170.0, 0.0), (180.0, 1.0), (-170.0, 2.0)])
    split = split_antimeridian(line)
    assert isinstance(split, MultiLineString)
    assert [list(p.coords) for p in split.geoms] == [
        [(170.0, 0.0), (180.0, 1.0)], [(-180.0, 1.0), (-170.0, 2.0)]]


# ------------------------------------------------------------------ polygons, points


def test_polygons_are_written_counter_clockwise_with_clockwise_holes():
    clockwise = Polygon([(0, 0), (0, 10), (10, 10), (10, 0)],
                        holes=[[(2, 2), (4, 2), (4, 4), (2, 4)]])  # hole counter-clockwise
    assert not clockwise.exterior.is_ccw and clockwise.interiors[0].is_ccw
    frame = gpd.GeoDataFrame({"id": ["zone"], "name": ["a zone"]},
                             geometry=[clockwise], crs="EPSG:4326")
    doc = json.loads(geojson_text({"zones": frame}))
    assert rfc7946_problems(doc, 6) == []
    written = shape(doc["features"][0]["geometry"])
    assert written.exterior.is_ccw and not written.interiors[0].is_ccw
    assert written.equals(clockwise)


def test_the_library_writes_what_the_cli_writes(catalog, repo_root, runner):
    layers = build_layers(catalog, ["sites", "agreements"])
    args = ["--layer", "sites", "--layer", "agreements", "-w", str(repo_root)]
    assert export(runner, [*args, "--compact"]) == geojson_text(layers, compact=True)
    assert export(runner, [*args, "--format", "geojsonseq"]) == geojsonseq_text(layers)
    assert json.loads(export(runner, [*args, "--indent", "2"])) == json.loads(geojson_text(layers))
    assert frame_points(catalog) == [
        f["geometry"]["coordinates"] for f in json.loads(export(runner, args))["features"]
        if f["properties"]["layer"] == "sites"]


def frame_points(catalog):
    return [[round(c, 6) + 0.0 for c in catalog.site_position(s)] for s in catalog.sites]


def test_a_point_is_lon_lat(catalog):
    frame = gpd.GeoDataFrame({"id": ["x"]}, geometry=[Point(100.5, -45.25)], crs="EPSG:4326")
    feature = json.loads(geojson_text({"p": frame}))["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [100.5, -45.25]}
    assert feature["id"] == "x"
