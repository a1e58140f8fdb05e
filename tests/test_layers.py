"""geo.layers: the catalogue as one GeoDataFrame per layer, checked against the catalogue."""

from __future__ import annotations

import itertools

import pytest
import shapely
from geographiclib.geodesic import Geodesic

from geo.errors import InputError
from geo.layers import COLUMNS, LAYER_NAMES, MEDIA, build_layers

CONTRACT = {
    "sites": {"precision", "country", "operator", "host", "tenants", "start_date", "end_date"},
    "routes": {"operators", "schematic", "length_m", "submarine_m", "terrestrial_m",
               "unspecified_m", "latency_ms", "segments", "figures"},
    "corridors": {"routes", "operators", "length_m", "submarine_m", "terrestrial_m",
                  "unspecified_m", "latency_ms"},
    "organisations": {"country", "headquarters", "parent", "precision"},
    "agreements": {"parties", "date", "venue", "subjects"},
}
COMMON = {"id", "name", "kind", "status", "aliases", "notes", "sources"}
#: derived columns every layer ends with
DERIVED = ["first_reported", "draft"]


#: one-way latency in fibre, milliseconds per metre: n = 1.468 over c = 299,792,458 m/s
#: (DESIGN.md "Lengths"), written here rather than taken from geo.geodesy
FIBRE_MS_PER_M = 1.468 / 299_792_458.0 * 1000.0


def karney_length_m(positions) -> float:
    """Independent check: GeographicLib's own Karney inverse, summed leg by leg."""
    g = Geodesic.WGS84
    return sum(g.Inverse(a[1], a[0], b[1], b[0])["s12"]
               for a, b in itertools.pairwise(positions))


def drawn_length_m(geometry) -> float:
    """The length of a drawn (multi)line by GeographicLib, part by part."""
    return sum(karney_length_m(part.coords) for part in getattr(geometry, "geoms", [geometry]))


# Where a site is and how exactly, by the schema's rules (written here, not taken from
# geo.catalog's look-ups): a hosted site is where its host is; its precision is its own,
# else its host's, else "country".


def position(catalog, site_id: str) -> tuple[float, float]:
    site = catalog.sites[site_id]
    while site.host is not None:
        site = catalog.sites[site.host]
    return site.lon, site.lat


def precision(catalog, site_id: str) -> str:
    site = catalog.sites[site_id]
    while site.precision is None and site.host is not None:
        site = catalog.sites[site.host]
    return site.precision or "country"


@pytest.fixture(scope="module")
def layers(catalog):
    return build_layers(catalog)


def test_every_layer_has_the_contract_shape(catalog, layers):
    assert tuple(layers) == LAYER_NAMES
    for name, frame in layers.items():
        assert frame.crs.to_epsg() == 4326, name
        assert frame.geometry.name == "geometry"
        assert COMMON | CONTRACT[name] <= set(frame.columns), name
        assert list(frame.columns) == [*COLUMNS[name], "geometry"]
        assert list(frame.columns)[-3:] == [*DERIVED, "geometry"], name
        assert frame["draft"].isna().all(), name  # no drafts loaded
        assert list(frame["id"]) == list(catalog.by_kind(name)), name
        assert all(isinstance(v, str) for v in frame["id"])
        for sources, entity_id in zip(frame["sources"], frame["id"], strict=True):
            assert sources == catalog.source_records(catalog.get(entity_id))
        assert not frame.geometry.is_empty.any()


def test_only_named_layers_and_unknown_names(catalog):
    got = build_layers(catalog, ["agreements", "sites"])
    assert set(got) == {"agreements", "sites"}
    with pytest.raises(InputError) as exc:
        build_layers(catalog, ["sites", "cables"])
    assert "'cables'" in str(exc.value)
    for name in LAYER_NAMES:
        assert name in str(exc.value)


def test_sites_sit_where_the_catalogue_puts_them(catalog, layers):
    sites = layers["sites"]
    assert set(sites.geometry.geom_type) == {"Point"}
    for row in sites.itertuples():
        assert (row.geometry.x, row.geometry.y) == position(catalog, row.id)
        assert row.precision == precision(catalog, row.id)
        # the operators of the sites it hosts, in file order, each once
        assert row.tenants == list(dict.fromkeys(
            s.operator for s in catalog.sites.values() if s.host == row.id and s.operator))
        site = catalog.sites[row.id]
        assert (row.kind, row.status, row.operator, row.host) == (
            site.kind, site.status, site.operator, site.host)
    # recorded: China Telecom Global's PoP in Nairobi is drawn in its host's data centre
    pop = sites.set_index("id").loc["ctg-pop-nairobi"]
    assert (pop.geometry.x, pop.geometry.y, pop.host) == (36.81667, -1.28333, "eadc-nairobi")
    hosted = sites[sites["host"].notna()]
    assert len(hosted) > 0
    for row in hosted.itertuples():
        host = sites.set_index("id").loc[row.host]
        assert row.operator in host.tenants
        assert row.country == host.country


def test_routes_are_measured_per_segment_on_wgs84(catalog, layers):
    routes = layers["routes"]
    for row in routes.itertuples():
        route = catalog.routes[row.id]
        segments = catalog.route_segments(row.id)
        expected = [karney_length_m(s) for s in segments]
        assert row.length_m == pytest.approx(sum(expected), abs=1e-3)
        for medium in MEDIA:
            want = sum(m for m, s in zip(expected, route.segments, strict=True)
                       if s.medium == medium)
            assert getattr(row, f"{medium}_m") == pytest.approx(want, abs=1e-3)
        assert [s["length_m"] for s in row.segments] == pytest.approx(expected, abs=1e-3)
        assert [s["medium"] for s in row.segments] == [s.medium for s in route.segments]
        assert row.latency_ms == pytest.approx(row.length_m * FIBRE_MS_PER_M, rel=1e-12)
        # the drawn line is the catalogue's path, measured the same
        assert drawn_length_m(row.geometry) == pytest.approx(row.length_m, abs=1e-3)
        joins = all(a[-1] == b[0] for a, b in itertools.pairwise(segments))
        assert row.geometry.geom_type == ("LineString" if joins else "MultiLineString")


def test_a_route_whose_segments_do_not_join_is_a_multilinestring(catalog, layers):
    split = [rid for rid in catalog.routes
             if any(a[-1] != b[0] for a, b in itertools.pairwise(catalog.route_segments(rid)))]
    assert split, "the shipped catalogue has a route with a branch"
    routes = layers["routes"].set_index("id")
    for rid in split:
        geom = routes.loc[rid, "geometry"]
        assert geom.geom_type == "MultiLineString"
        drawn = {tuple(map(tuple, shapely.get_coordinates(p))) for p in geom.geoms}
        for seg in catalog.route_segments(rid):
            # every segment lies, in order, inside one of the parts
            assert any(_contains_run(part, tuple(seg)) for part in drawn)


def _contains_run(part: tuple, run: tuple) -> bool:
    return any(part[i:i + len(run)] == run for i in range(len(part) - len(run) + 1))


def test_corridors_chain_their_routes(catalog, layers):
    routes = layers["routes"].set_index("id")
    for row in layers["corridors"].itertuples():
        ids = catalog.corridors[row.id].routes
        assert row.routes == ids
        assert row.schematic is any(catalog.routes[r].schematic for r in ids)
        assert row.length_m == pytest.approx(routes.loc[ids, "length_m"].sum(), rel=1e-12)
        for medium in MEDIA:
            assert getattr(row, f"{medium}_m") == pytest.approx(
                routes.loc[ids, f"{medium}_m"].sum(), rel=1e-12)
        parts = [list(p.coords) for p in row.geometry.geoms]
        expected = []
        for rid in ids:
            g = routes.loc[rid, "geometry"]
            expected.extend(list(p.coords) for p in getattr(g, "geoms", [g]))
        assert parts == expected


def test_organisations_at_headquarters(catalog, layers):
    placed = 0
    for row in layers["organisations"].itertuples():
        org = catalog.organisations[row.id]
        assert (row.country, row.headquarters, row.parent) == (
            org.country, org.headquarters, org.parent)
        if org.headquarters is None:   # Liquid Telecom: the article gives no head office
            assert row.geometry is None and row.precision is None
            continue
        placed += 1
        assert (row.geometry.x, row.geometry.y) == position(catalog, org.headquarters)
        assert row.precision == precision(catalog, org.headquarters)
    assert placed == len(layers["organisations"]) - 1


def test_agreements_are_geodesic_arcs_between_headquarters(catalog, layers):
    g = Geodesic.WGS84
    for row in layers["agreements"].itertuples():
        agreement = catalog.agreements[row.id]
        hq = [position(catalog, catalog.organisations[p].headquarters)
              for p in agreement.parties if catalog.organisations[p].headquarters]
        if len(hq) < 2:   # drawn at its venue, or nowhere (tests/test_schema_optional.py)
            continue
        arcs = list(getattr(row.geometry, "geoms", [row.geometry]))
        pairs = list(itertools.combinations(hq, 2))
        assert len(arcs) == len(pairs)
        for arc, (a, b) in zip(arcs, pairs, strict=True):
            coords = list(arc.coords)
            assert coords[0] == a and coords[-1] == b
            # on the geodesic: the drawn arc is as long as the shortest path between its ends
            direct = g.Inverse(a[1], a[0], b[1], b[0])["s12"]
            assert karney_length_m(coords) == pytest.approx(direct, abs=1e-3)
        assert (row.date, row.venue, row.parties, row.subjects) == (
            agreement.date, agreement.venue, agreement.parties, agreement.subjects)


def test_an_agreement_of_three_parties_is_one_arc_per_pair(workspace):
    from geo.catalog import load_catalog

    path = workspace / "data/agreements.toml"
    text = path.read_text(encoding="utf-8")
    old = 'parties = ["azertelecom", "kazakhtelecom"]'
    assert old in text
    path.write_text(text.replace(old, 'parties = ["azertelecom", "kazakhtelecom", "sparkle"]'),
                    encoding="utf-8")
    cat = load_catalog(workspace)
    frame = build_layers(cat, ["agreements"])["agreements"].set_index("id")
    row = frame.loc["azertelecom-kazakhtelecom-memorandum"]
    assert row.geometry.geom_type == "MultiLineString"
    hq = {p: position(cat, cat.organisations[p].headquarters) for p in row.parties}
    ends = [(arc.coords[0], arc.coords[-1]) for arc in row.geometry.geoms]
    assert ends == [(hq["azertelecom"], hq["kazakhtelecom"]), (hq["azertelecom"], hq["sparkle"]),
                    (hq["kazakhtelecom"], hq["sparkle"])]


def _frame_from_series(columns, geoms):
    """A layer frame as pandas makes it from one Series per column: the reference
    :func:`geo.layers.layer_frame` must equal."""
    import geopandas as gpd
    import pandas as pd

    def series(values):
        if values and all(isinstance(v, bool) for v in values):
            return pd.Series(values, dtype=bool)
        if values and all(isinstance(v, float) and not isinstance(v, bool) for v in values):
            return pd.Series(values, dtype="float64")
        return pd.Series(values, dtype=object)

    data = {col: series(values) for col, values in columns.items()}
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"),
                            crs="EPSG:4326")


def _assert_same_frame(ours, reference):
    import pandas as pd

    pd.testing.assert_frame_equal(pd.DataFrame(ours), pd.DataFrame(reference), check_exact=True)
    assert list(ours.dtypes) == list(reference.dtypes)
    assert list(ours.columns) == list(reference.columns)
    assert ours.columns.dtype == reference.columns.dtype
    assert type(ours.index) is type(reference.index) and ours.index.equals(reference.index)
    assert ours.geometry.name == reference.geometry.name == "geometry"
    assert ours.crs == reference.crs == ours.geometry.crs
    assert [type(v) for col in ours.columns for v in ours[col]] == \
           [type(v) for col in reference.columns for v in reference[col]]


def test_layer_frames_are_those_pandas_makes_from_series(catalog):
    """build_layer's frames (one object block, float and boolean columns set in it) are
    the frames made from one Series per column: values, types, dtypes, index, CRS."""
    from geo.layers import _BUILDERS, layer_frame

    for name in LAYER_NAMES:
        rows, geoms = _BUILDERS[name](catalog)
        columns = {col: [row[col] for row in rows] for col in COLUMNS[name]}
        _assert_same_frame(layer_frame(columns, geoms), _frame_from_series(columns, geoms))


@pytest.mark.parametrize("columns, geoms", [
    ({"id": [], "length_m": []}, []),
    ({"id": ["a", "b"], "pair": [[1, 2], [3, 4]], "one": [["x"], ["y"]],
      "mixed": [1.0, None], "flag": [True, False], "n": [1.5, 2.0], "odd": [True, 1.0]},
     [shapely.Point(0, 0), None]),
])
def test_layer_frames_of_edge_cases(columns, geoms):
    from geo.layers import layer_frame

    _assert_same_frame(layer_frame(columns, geoms), _frame_from_series(columns, geoms))
