"""geo.routes: one geometry and one length per route, read alike by the layers, the export, the
map and ``geo measure``; explicit waypoints kept; land and sea crossings warned about."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from shapely.geometry import shape

from geo.geodesy import path_length_m

ROOT = Path(__file__).resolve().parents[1]

#: Synthetic sites (GeoNames-like city positions) and routes laid over the shipped workspace.
SITES = {
    "sydney": (151.20732, -33.86785, "AU"), "jakarta": (106.84513, -6.21462, "ID"),
    "singapore": (103.85007, 1.28967, "SG"), "tokyo": (139.69171, 35.6895, "JP"),
    "los-angeles": (-118.24368, 34.05223, "US"), "lisbon": (-9.13333, 38.71667, "PT"),
    "genoa": (8.94439, 44.40478, "IT"),
}
#: route id -> (medium, schematic, waypoints, published length in km or None)
ROUTES = {
    "test-sydney-jakarta-singapore": ("submarine", True, ["sydney", "jakarta", "singapore"],
                                      6000),
    "test-trans-pacific": ("submarine", True, ["los-angeles", "tokyo"], None),
    "test-gibraltar": ("submarine", True, ["lisbon", "genoa"], 2300),
    "test-steered": ("submarine", True, ["lisbon", [-9.8, 36.5], [-5.6, 35.95], "genoa"], None),
    "test-half-steered": ("submarine", True, ["sydney", "jakarta", [104.2, 1.1]], None),
    "test-surveyed-across-australia": ("submarine", False, ["sydney", "jakarta"], None),
    "test-land-line-over-sea": ("terrestrial", True, ["singapore", "jakarta"], None),
    "test-unspecified": ("unspecified", True, ["lisbon", "genoa"], None),
}
CORRIDOR = ["test-gibraltar", "test-trans-pacific"]


def _waypoint(w) -> str:
    return json.dumps(w)


def synthetic_workspace(dest: Path) -> Path:
    """The shipped workspace plus :data:`SITES`, :data:`ROUTES` and a corridor, sourced by
    references (no article is needed)."""
    shutil.copytree(ROOT / "seeds", dest / "seeds")
    shutil.copytree(ROOT / "data", dest / "data")
    sites = []
    for sid, (lon, lat, cc) in SITES.items():
        sites.append(f'\n[[site]]\nid = "{sid}"\nname = "Test {sid}"\nkind = "city"\n'
                     f'lon = {lon}\nlat = {lat}\nprecision = "city"\ncountry = "{cc}"\n\n'
                     f'[[site.sources]]\nreference = "test:{sid}"\nnote = "Test position."\n')
    routes = []
    for rid, (medium, schematic, waypoints, km) in ROUTES.items():
        text = (f'\n[[route]]\nid = "{rid}"\nname = "Test {rid}"\nkind = "unspecified"\n'
                f'status = "planned"\nschematic = {str(schematic).lower()}\n\n'
                f'[[route.segments]]\nmedium = "{medium}"\n'
                f'waypoints = [{", ".join(_waypoint(w) for w in waypoints)}]\n\n'
                f'[[route.sources]]\nreference = "test:{rid}"\nnote = "Test route."\n')
        if km is not None:
            text += (f'\n[[route.figures]]\nquantity = "length"\nvalue = {km}\nunit = "km"\n\n'
                     f'[[route.figures.sources]]\nreference = "test:{rid}:length"\n'
                     'note = "Test figure."\n')
        routes.append(text)
    corridor = ('\n[[corridor]]\nid = "test-corridor"\nname = "Test corridor"\n'
                f'status = "planned"\nroutes = {json.dumps(CORRIDOR)}\n\n'
                '[[corridor.sources]]\nreference = "test:corridor"\nnote = "Test."\n')
    for name, text in (("sites", sites), ("routes", routes), ("corridors", [corridor])):
        with (dest / "data" / f"{name}.toml").open("a", encoding="utf-8") as out:
            out.write("".join(text))
    return dest


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return synthetic_workspace(tmp_path_factory.mktemp("routes") / "ws")


@pytest.fixture(scope="module")
def synthetic_catalog(synthetic):
    from geo.catalog import load_catalog

    return load_catalog(synthetic)


# ------------------------------------------------------------------ one length everywhere


def _map_lengths(page: str) -> dict[str, float]:
    """Route id -> length in metres of the lines the map draws for it (its segment lines,
    not the wider hit lines, draft halos or the copies drawn 360° away for a line across
    ±180°), measured from the page's own coordinates."""
    out: dict[str, float] = {}
    for m in re.finditer(r"L\.polyline\(\s*(\[\[.*?\]\]),\s*(\{.*?\})\s*\)", page, re.S):
        options = json.loads(m.group(2))
        found = re.search(r"\bgeo-id-(\S+) geo-medium-", options.get("className", ""))
        if found is None or "geo-l-routes" not in options["className"] or \
                options.get("geoShift"):
            continue
        latlon = json.loads(m.group(1))
        out[found.group(1)] = out.get(found.group(1), 0.0) + path_length_m(
            [(lon, lat) for lat, lon in latlon])
    return out


def _export_lengths(text: str) -> dict[str, float]:
    out = {}
    for feature in json.loads(text)["features"]:
        geom = shape(feature["geometry"])
        out[feature["id"]] = sum(path_length_m(list(p.coords))
                                 for p in getattr(geom, "geoms", [geom]))
    return out


@pytest.mark.parametrize("which", ["shipped", "synthetic"])
def test_map_export_and_measure_give_the_same_length_for_every_route(which, synthetic,
                                                                      tmp_path, runner):
    from geo.catalog import load_catalog
    from geo.layers import build_layers

    ws = ROOT if which == "shipped" else synthetic
    cat = load_catalog(ws)
    layers = build_layers(cat, ["routes", "corridors"])
    layer_m = {**dict(zip(layers["routes"]["id"], layers["routes"]["length_m"], strict=True)),
               **dict(zip(layers["corridors"]["id"], layers["corridors"]["length_m"],
                          strict=True))}
    measured = runner("measure", "-w", ws, "--format", "json", expect=0)
    measure_m = {m["id"]: m["length_m"] for m in json.loads(measured.stdout)}
    exported = runner("export", "-w", ws, "--layer", "routes", "--layer", "corridors",
                      "--precision", "-1", expect=0)
    export_m = _export_lengths(exported.stdout)
    out = tmp_path / "map.html"
    runner("build", "-w", ws, "--offline", "-o", out, expect=0)
    map_m = _map_lengths(out.read_text(encoding="utf-8"))

    assert set(layer_m) == set(measure_m) == set(export_m) == {*cat.routes, *cat.corridors}
    assert set(map_m) == set(cat.routes)
    for entity_id, length_m in layer_m.items():
        assert measure_m[entity_id] == length_m, entity_id
        # the export splits lines at ±180° on the geodesic: same length to the millimetre
        assert export_m[entity_id] == pytest.approx(length_m, abs=1e-3), entity_id
        if entity_id in map_m:
            # the map densifies along the same geodesics and rounds to 1e-5 degree (~1 m)
            assert map_m[entity_id] == pytest.approx(length_m, rel=2e-6, abs=20.0), entity_id
    if which == "synthetic":   # the routed lines are really there (not all geodesics)
        routing = dict(zip(layers["routes"]["id"], layers["routes"]["routing"], strict=True))
        assert routing["test-sydney-jakarta-singapore"] == "sea"
        assert routing["test-trans-pacific"] == "sea"
        assert routing["test-surveyed-across-australia"] == "geodesic"


def test_corridor_is_its_routes_as_drawn(synthetic_catalog):
    from geo.routes import corridor_geometry, route_geometry

    corridor = corridor_geometry(synthetic_catalog, "test-corridor")
    routes = [route_geometry(synthetic_catalog, rid) for rid in CORRIDOR]
    assert corridor.length_m == sum(r.length_m for r in routes)
    assert corridor.lines == [line for r in routes for line in r.lines]
    assert corridor.routing == "sea" and corridor.schematic


# ------------------------------------------------------------------ waypoints and media


def test_explicit_waypoints_are_kept_as_given(synthetic_catalog):
    from geo.routes import route_geometry

    (seg,) = route_geometry(synthetic_catalog, "test-steered").segments
    lisbon, genoa = SITES["lisbon"][:2], SITES["genoa"][:2]
    # every leg touches an explicit position: drawn as given, nothing routed
    assert seg.positions == (lisbon, (-9.8, 36.5), (-5.6, 35.95), genoa)
    assert seg.routing == "geodesic"
    assert seg.length_m == path_length_m(seg.positions)
    assert seg.labels == ("lisbon", "-9.8,36.5", "-5.6,35.95", "genoa")


def test_legs_between_sites_are_routed_and_explicit_ones_are_not(synthetic_catalog):
    from geo.routes import route_geometry

    (seg,) = route_geometry(synthetic_catalog, "test-half-steered").segments
    jakarta = SITES["jakarta"][:2]
    assert seg.routing == "sea"
    assert seg.positions[0] == SITES["sydney"][:2] and seg.positions[-1] == (104.2, 1.1)
    # the last leg, to the explicit position, is the straight geodesic from Jakarta
    assert seg.positions[-2] == jakarta and len(seg.positions) > 3


def test_terrestrial_unspecified_and_surveyed_segments_stay_geodesics(synthetic_catalog):
    from geo.routes import route_geometry

    for rid in ("test-land-line-over-sea", "test-unspecified",
                "test-surveyed-across-australia"):
        (seg,) = route_geometry(synthetic_catalog, rid).segments
        assert len(seg.positions) == 2 and seg.routing == "geodesic", rid


# ------------------------------------------------------------------ published figures


def test_layers_carry_the_published_length_and_the_ratio_flags_of_geo_measure(
        synthetic_catalog):
    from geo.layers import build_layer
    from geo.measure import measure_route

    routes = build_layer(synthetic_catalog, "routes").set_index("id")
    for rid in ("test-sydney-jakarta-singapore", "test-gibraltar"):
        row = routes.loc[rid]
        m = measure_route(synthetic_catalog, rid)
        assert row["published_length_m"] == m.published_m == ROUTES[rid][3] * 1000.0
        assert row["length_ratio"] == m.ratio == row["length_m"] / row["published_length_m"]
        assert row["length_flags"] == m.flags
    # the routed Sydney - Jakarta - Singapore line (8,133 km) is much longer than the
    # 6,000 km announced: flagged as geo measure flags it
    assert routes.loc["test-sydney-jakarta-singapore", "length_flags"] == [
        "measured>published", "ratio>1.3"]
    assert routes.loc["test-trans-pacific", "published_length_m"] is None
    assert routes.loc["test-trans-pacific", "length_flags"] == []


def test_the_popup_says_routed_over_the_sea_and_the_ratio(synthetic_catalog):
    from geo.layers import build_layers
    from geo.webmap.popups import format_km, popup_html

    layers = build_layers(synthetic_catalog, ["routes"])
    row = layers["routes"].set_index("id", drop=False).loc["test-sydney-jakarta-singapore"]
    html = popup_html("routes", row.to_dict(), {})
    assert "routed over the sea" in html
    ratio = row["length_m"] / 6_000_000.0
    assert (f"{ratio:.3f} (published {format_km(6_000_000.0)}) "
            "[measured&gt;published, ratio&gt;1.3]") in html


# ------------------------------------------------------------------ checks


def test_geo_check_warns_of_land_and_sea_crossings(synthetic, runner):
    result = runner("check", "-w", synthetic, expect=0)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    land = [w for w in warnings if "test-surveyed-across-australia" in w]
    assert land == [
        "warning: data/routes.toml: test-surveyed-across-australia: segments[0]: submarine "
        "segment (drawn as a geodesic) crosses land for 3,619 km in 2 stretches, the longest "
        "3,362 km near 135.72,-26.81"], warnings   # across Australia, then 257 km of Java
    sea = [w for w in warnings if "test-land-line-over-sea" in w]
    assert len(sea) == 1 and "terrestrial segment (drawn as a geodesic) crosses open sea" in sea[0]
    # lines routed over the sea, and the shipped catalogue, are not warned about
    for rid in ("test-sydney-jakarta-singapore", "test-trans-pacific", "test-gibraltar",
                "digital-silk-way", "trans-caspian-cable"):
        assert not any(f": {rid}: " in w for w in warnings), rid


def test_the_shipped_catalogue_crosses_nothing(catalog):
    from geo.routes import route_crossings, route_geometry

    assert [c for rid in catalog.routes
            for c in route_crossings(route_geometry(catalog, rid))] == []


# ------------------------------------------------------------------ geo measure --between


def test_measure_between_submarine_draws_what_the_map_would(synthetic, synthetic_catalog,
                                                           runner):
    from geo.routes import route_geometry

    args = ["measure", "-w", str(synthetic), "--between", "sydney", "jakarta", "singapore",
            "--medium", "submarine"]
    table = runner(*args, expect=0)
    expected = route_geometry(synthetic_catalog, "test-sydney-jakarta-singapore")
    assert f"total {expected.length_m / 1000:,.3f} km (submarine " in table.stdout
    assert "routed over the sea" in table.stdout
    assert re.search(r"Test sydney\s+Test jakarta\s+submarine\s+sea\s", table.stdout)

    doc = runner(*args, "--format", "geojson", expect=0)
    (feature,) = json.loads(doc.stdout)["features"]
    assert feature["properties"]["routing"] == "sea"
    assert feature["properties"]["length_m"] == pytest.approx(expected.length_m, abs=1e-6)
    coords = feature["geometry"]["coordinates"]
    assert [tuple(c) for c in coords] == [
        (round(lon, 6), round(lat, 6)) for lon, lat in expected.lines[0]]


def test_measure_between_defaults_to_geodesics(synthetic, runner):
    result = runner("measure", "-w", synthetic, "--between", "sydney", "jakarta",
                    "--format", "json", expect=0)
    (m,) = json.loads(result.stdout)
    assert m["routing"] == "geodesic"
    assert m["length_m"] == path_length_m([SITES["sydney"][:2], SITES["jakarta"][:2]])


def test_measure_route_as_geojson_is_the_drawn_line(synthetic, synthetic_catalog, runner):
    from geo.routes import route_geometry

    result = runner("measure", "-w", synthetic, "test-trans-pacific", "--format", "geojson",
                    expect=0)
    (feature,) = json.loads(result.stdout)["features"]
    # the line crosses the antimeridian: split there (RFC 7946 §3.1.9), same length
    assert feature["geometry"]["type"] == "MultiLineString"
    geom = shape(feature["geometry"])
    expected = route_geometry(synthetic_catalog, "test-trans-pacific").length_m
    assert sum(path_length_m(list(p.coords)) for p in geom.geoms) == pytest.approx(
        expected, abs=1.0)


@pytest.mark.parametrize(("args", "message"), [
    (["--medium", "submarine", "trans-caspian-cable"], "--medium applies to --between only"),
    (["--between", "Baku", "--medium", "submarine"], "--between needs at least two places"),
    (["--file", "tests/data/measure/lines.geojson", "--format", "geojson"],
     "--format geojson writes drawn routes and paths, not --file lines"),
])
def test_measure_options_that_do_not_fit_are_refused(args, message, runner):
    result = runner("measure", "-w", ROOT, *args, expect=2)
    assert result.stderr == f"geo: error: {message}" + result.stderr.split(message, 1)[1]
    assert result.stderr.count("\n") == 1
