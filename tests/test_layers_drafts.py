"""Entities without a place, agreements at their venue, first_reported and drafted entries:
in the layers, in every export format (read back with pyogrio) and on the map (its HTML)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio
import pytest
from shapely.geometry import LineString, Point

from geo.catalog import ArticleText, Catalog
from geo.export import csv_text, geojson_text, geojsonseq_text, write_gpkg
from geo.layers import build_layers, first_reported
from geo.schema import Article, Site
from geo.webmap import render_map
from geo.webmap.layers import group_label
from geo.workspace import Workspace
from tests.placeless import DRAFTED, STEM, load_with_drafts, placeless_workspace

NOT_PLACED = {"organisations": {"ntt", "telstra", "equinix"},
              "agreements": {"ntt-telstra-stake"}}


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return placeless_workspace(tmp_path_factory.mktemp("placeless") / "ws")


@pytest.fixture(scope="module")
def cat(ws: Path) -> Catalog:
    return load_with_drafts(ws)


@pytest.fixture(scope="module")
def layers(cat: Catalog) -> dict[str, Any]:
    return build_layers(cat)


def by_id(frame: Any) -> dict[str, Any]:
    return {row["id"]: row for row in frame.to_dict("records")}


# ---------------------------------------------------------------- layers


def test_organisations_without_head_office_have_null_geometry(cat, layers) -> None:
    orgs = by_id(layers["organisations"])
    assert list(orgs) == list(cat.organisations)  # every organisation stays in its layer
    for oid in NOT_PLACED["organisations"]:
        row = orgs[oid]
        assert row["geometry"] is None, oid
        assert (row["headquarters"], row["country"], row["precision"]) == (None, None, None)
    sparkle = orgs["sparkle"]
    assert sparkle["geometry"] == Point(cat.site_position("rome"))
    assert sparkle["precision"] == "city"


def test_agreements_arc_venue_point_or_null(cat, layers) -> None:
    deals = by_id(layers["agreements"])
    assert isinstance(deals["sparkle-azertelecom-mou"]["geometry"], LineString)
    assert deals["ntt-telstra-cable-contract"]["geometry"] == Point(
        cat.site_position("singapore"))
    assert deals["ntt-telstra-stake"]["geometry"] is None


def test_arcs_join_only_the_parties_with_a_head_office(ws: Path, tmp_path: Path) -> None:
    import shutil

    from geo.catalog import load_catalog

    copy = tmp_path / "ws"
    shutil.copytree(ws, copy)
    with (copy / "data" / "agreements.toml").open("a", encoding="utf-8") as out:
        out.write('\n[[agreement]]\nid = "three-way"\nname = "Three-way deal"\n'
                  'kind = "other"\nparties = ["telstra", "sparkle", "azertelecom"]\n'
                  'venue = "singapore"\n\n[[agreement.sources]]\nreference = "test:3"\n')
    cat = load_catalog(copy)
    geom = by_id(build_layers(cat, ["agreements"])["agreements"])["three-way"]["geometry"]
    # one arc, Rome to Baku: Telstra has no head office; two located parties beat the venue
    assert isinstance(geom, LineString)
    assert geom.coords[0] == cat.site_position("rome")
    assert geom.coords[-1] == cat.site_position("baku")


def test_first_reported_is_the_earliest_dated_source_article(layers) -> None:
    assert by_id(layers["organisations"])["ntt"]["first_reported"] == "2023-04-05"
    assert by_id(layers["routes"])["trans-caspian-cable"]["first_reported"] == "2022-09-30"
    # the shipped Sparkle backbone cites only an undated article
    assert by_id(layers["routes"])["sparkle-backbone"]["first_reported"] is None
    # a city known from a reference only
    assert by_id(layers["sites"])["sydney"]["first_reported"] is None
    assert by_id(layers["sites"])["eadc-nairobi"]["first_reported"] == "2018-05"


@pytest.mark.parametrize(("dates", "earliest"), [
    (["2022-09-30", "2022", "2022-02"], "2022"),  # a year starts on its first day
    (["2022", "2022-01-01"], "2022-01-01"),  # as early, and more precise
    (["2023-01", "2022-12-31"], "2022-12-31"),
    ([None, "2019"], "2019"),
    ([None], None),
])
def test_first_reported_compares_dates_of_any_precision(tmp_path: Path, dates, earliest
                                                        ) -> None:
    cat = Catalog(Workspace.at(tmp_path))
    sources = []
    for i, date in enumerate(dates):
        meta = Article.model_validate({"language": "en", "date": date} if date
                                      else {"language": "en"})
        cat.articles[f"a{i}"] = ArticleText(f"a{i}", tmp_path / f"a{i}.txt", "text", meta)
        sources.append({"article": f"a{i}", "quote": "text"})
    site = Site.model_validate({"id": "s", "name": "S", "kind": "city", "lon": 0.0,
                                "lat": 0.0, "precision": "city", "sources": sources})
    assert first_reported(cat, site) == earliest


def test_draft_column_names_the_draft_file(cat, layers) -> None:
    for name, frame in layers.items():
        for row in frame.to_dict("records"):
            assert row["draft"] == DRAFTED.get(row["id"]), (name, row["id"])
    cat_without = load_with_drafts(cat.workspace.root, {})
    assert build_layers(cat_without)["sites"]["draft"].isna().all()


def test_route_figures_carry_their_year(layers) -> None:
    figures = by_id(layers["routes"])["sydney-jakarta-singapore-cable"]["figures"]
    assert [(f["quantity"], f["value"], f["unit"], f["year"]) for f in figures] == [
        ("length", 6000.0, "km", None), ("ready-for-service", 2027.0, "year", None),
        ("fibre-pairs", 8.0, "pairs", None), ("capacity", 200.0, "Tbps", 2024)]
    assert figures[0]["sources"][0]["quote"] == "The 6,000 km system"


# ---------------------------------------------------------------- exports


def features_of(text: str) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in json.loads(text)["features"]}


def test_geojson_writes_null_geometries_and_the_new_properties(layers) -> None:
    features = features_of(geojson_text(layers))
    for layer, ids in NOT_PLACED.items():
        for fid in ids:
            assert features[fid]["geometry"] is None, fid  # RFC 7946 §3.2
            assert features[fid]["properties"]["layer"] == layer
    venue = features["ntt-telstra-cable-contract"]
    assert venue["geometry"] == {"type": "Point", "coordinates": [103.85007, 1.28967]}
    assert venue["properties"]["draft"] == STEM
    assert venue["properties"]["first_reported"] == "2023-04-05"
    assert features["sparkle"]["properties"]["draft"] is None
    assert list(features["sparkle"]["properties"])[-2:] == ["first_reported", "draft"]
    lines = [json.loads(line) for line in geojsonseq_text(layers).splitlines()]
    assert next(f for f in lines if f["id"] == "ntt")["geometry"] is None


def test_every_format_reads_back_with_pyogrio(layers, tmp_path: Path) -> None:
    paths = {"geojson": tmp_path / "x.geojson", "geojsonseq": tmp_path / "x.geojsonl",
             "csv": tmp_path / "x.csv"}
    paths["geojson"].write_text(geojson_text(layers), encoding="utf-8")
    paths["geojsonseq"].write_text(geojsonseq_text(layers), encoding="utf-8")
    paths["csv"].write_text(csv_text(layers), encoding="utf-8")
    for fmt, path in paths.items():
        options = {"EMPTY_STRING_AS_NULL": "YES"} if fmt == "csv" else {}
        frame = pyogrio.read_dataframe(path, **options)
        rows = by_id(frame)
        for ids in NOT_PLACED.values():
            for fid in ids:
                assert rows[fid]["geometry"] is None, (fmt, fid)
        assert rows["ntt-telstra-cable-contract"]["geometry"].geom_type == "Point", fmt
        assert rows["sparkle-azertelecom-mou"]["geometry"].geom_type in (
            "LineString", "MultiLineString"), fmt
        assert rows["equinix-sg3"]["draft"] == STEM, fmt
        assert rows["ntt"]["first_reported"] == "2023-04-05", fmt
        assert pd.isna(rows["sparkle"]["draft"]), fmt


def test_csv_leaves_the_geometry_cells_of_a_null_geometry_empty(layers) -> None:
    text = csv_text(layers)
    header, *lines = text.splitlines()
    columns = header.split(",")
    assert columns[-3:] == ["lon", "lat", "wkt"]
    assert {"first_reported", "draft"} <= set(columns)
    ntt = next(line for line in lines if line.startswith("organisations,ntt,"))
    assert ntt.endswith(",,,")  # lon, lat and wkt empty
    venue = next(line for line in lines if line.startswith("agreements,ntt-telstra-cable-"))
    assert venue.endswith(",103.85007,1.28967,POINT (103.85007 1.28967)")


def test_geopackage_stores_null_and_mixed_geometries(layers, tmp_path: Path) -> None:
    path = write_gpkg(layers, tmp_path / "x.gpkg")
    kinds = dict(pyogrio.list_layers(path))
    assert kinds["organisations"] == "Point"
    assert kinds["agreements"] == "Unknown"  # GEOMETRY: arcs and venue points
    orgs = by_id(pyogrio.read_dataframe(path, layer="organisations"))
    assert orgs["ntt"]["geometry"] is None and orgs["sparkle"]["geometry"] is not None
    deals = by_id(pyogrio.read_dataframe(path, layer="agreements"))
    assert deals["ntt-telstra-cable-contract"]["geometry"].geom_type == "Point"
    assert deals["sparkle-azertelecom-mou"]["geometry"].geom_type == "MultiLineString"
    assert deals["ntt-telstra-stake"]["geometry"] is None
    assert deals["ntt-telstra-cable-contract"]["draft"] == STEM
    routes = by_id(pyogrio.read_dataframe(path, layer="routes"))
    figures = json.loads(routes["sydney-jakarta-singapore-cable"]["figures"])
    assert figures[3]["year"] == 2024


# ---------------------------------------------------------------- the map (HTML)


@pytest.fixture(scope="module")
def page(layers) -> str:
    return render_map(layers, offline=True)


def popup_of(page: str, entity_id: str) -> str:
    """The popup HTML bound for ``entity_id`` (decoded from the page's script)."""
    for m in re.finditer(r'\.bindPopup\(("(?:[^"\\]|\\.)*")', page):
        html = json.loads(m.group(1))
        if f'data-id="{entity_id}"' in html:
            return html
    raise AssertionError(f"no popup for {entity_id}")


def test_labels_and_title_count_what_is_drawn(page, cat) -> None:
    # NTT, Telstra, Equinix and Liquid Telecom (a nationality, no head office) have no place,
    # nor have the test's agreement with neither and Liquid Telecom – CTG (one head office)
    drawn_orgs = len(cat.organisations) - 4
    assert group_label("organisations", drawn_orgs, 4) in page
    assert f"Organisations ({drawn_orgs}; 4 more without a place)" in page
    assert "Agreements (4; 2 more without a place)" in page
    assert f"{drawn_orgs} organisations · 4 agreements" in page
    assert "geo-id-ntt " not in page and "geo-id-ntt-telstra-stake " not in page
    assert group_label("sites", 3) == "Sites (3)"


def test_legend_shows_the_rows_the_map_draws(page) -> None:
    keys = re.findall(r'data-style-key=\\"([^\\"]+)\\"', page)
    for key in ("draft", "agreement.venue", "site.ixp", "status.under-construction",
                "status.planned", "site.data-centre"):
        assert key in keys, key
    # not drawn: no such site; NTT, the one organisation of no stated kind, has no place
    for key in ("site.exchange", "site.facility", "organisation.unspecified"):
        assert key not in keys, key
    assert "Unreviewed draft" in page


def test_drafted_features_are_marked(page) -> None:
    for eid in DRAFTED:
        assert re.search(rf"geo-id-{eid} geo-draft\b", page), eid
    assert "geo-draft-of-equinix-sg3" in page  # the halo round the point
    assert "geo-draft-of-sydney-jakarta-singapore-cable" in page  # the halo along the line
    # the venue pin and the diamond are outlined by the stylesheet (class geo-draft)
    assert re.search(r"geo-id-ntt-telstra-cable-contract geo-draft geo-venue-icon", page)
    assert ".geo-venue-icon.geo-draft" in page and ".geo-diamond-icon.geo-draft" in page
    assert not re.search(r"geo-id-eadc-nairobi geo-draft\b", page)


def test_popups_show_the_badge_first_reported_figures_and_venue(page) -> None:
    site = popup_of(page, "equinix-sg3")
    badge = f"Unreviewed draft (<code>drafts/{STEM}.toml</code>)"
    assert badge in site and site.index(badge) < site.index("geo-quote")
    assert "first reported 2023-04-05" in site
    assert "Unreviewed draft" not in popup_of(page, "eadc-nairobi")
    route = popup_of(page, "sydney-jakarta-singapore-cable")
    for text in ("Published figures", "Length", "6\u202f000 km", "Ready for service",
                 "<b class=\"geo-figure-value\">2027</b>", "Fibre pairs", "200 Tbps",
                 "(stated for 2024)", "\u201cThe 6,000 km system\u201d",
                 "\u201cexpected to be ready for service in 2027\u201d"):
        assert text in route, text
    order = [route.index(t) for t in ("Length", "Capacity", "Fibre pairs", "Ready for service")]
    assert order == sorted(order)
    venue = popup_of(page, "ntt-telstra-cable-contract")
    assert "Signed at" in venue and "at its venue" in venue


def test_without_drafts_the_map_has_no_draft_marks(cat) -> None:
    plain = render_map(build_layers(load_with_drafts(cat.workspace.root, {})), offline=True)
    assert "geo-draft" not in plain.split("</style>")[-1]  # the stylesheet defines it
    assert 'data-style-key=\\"draft\\"' not in plain


def test_a_layer_with_nothing_to_draw_leaves_the_view_alone(layers) -> None:
    orgs = layers["organisations"]
    placeless = orgs[orgs["id"].isin(NOT_PLACED["organisations"])]
    page = render_map({"organisations": placeless}, offline=True)
    assert "Organisations (0; 3 more without a place)" in page
    assert re.search(r"geoInitialView\(map_[0-9a-f]+, null\)", page)  # no bounds to fit
    assert "nan," not in page and "NaN," not in page.split("</style>")[-1]
    with_bounds = render_map({"organisations": orgs}, offline=True)
    assert re.search(r"geoInitialView\(map_[0-9a-f]+, \[\[", with_bounds)
