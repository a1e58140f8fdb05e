"""geo.webmap without a browser: the style table and its legend, escaping, popups, the
offline assets and what the rendered pages ask the network for."""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path
from typing import Any

import pyogrio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.build import FocusError, build
from geo.errors import InputError
from geo.layers import build_layers
from geo.schema import ORGANISATION_KINDS, SITE_KINDS
from geo.webmap import render_map
from geo.webmap import styles as st_
from geo.webmap.build import (
    permalink_fragment,
    script_hashes,
    tile_provider,
    tile_sources,
)
from geo.webmap.citations import Citation, article_citations, opening_words, web_address
from geo.webmap.elements import legend_html
from geo.webmap.offline import COUNTRIES_FILE, countries, leaflet_css, leaflet_js, leaflet_version
from geo.webmap.popups import PRECISION_TEXT, format_km, popup_html
from geo.webmap.safe import esc, script_json

ALLOWED_TAGS = {"div", "h3", "h4", "span", "table", "tr", "th", "td", "p", "ol", "li",
                "blockquote", "cite", "code"}
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "${alert(1)}`",
    "</script><!--",
    "a\u2028b\u2029c & d",
]


class TagCollector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def tags_of(text: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = TagCollector()
    parser.feed(text)
    parser.close()
    return parser.tags


def assert_only_our_markup(text: str) -> None:
    for tag, attrs in tags_of(text):
        assert tag in ALLOWED_TAGS, tag
        for name, _value in attrs:
            assert name in ("class", "data-id", "scope"), name


@pytest.fixture(scope="module")
def layers(catalog: Any) -> dict[str, Any]:
    return build_layers(catalog)


# ---------------------------------------------------------------- style table and legend


def test_legend_entries_are_the_style_table() -> None:
    keys = [dict(attrs)["data-style-key"] for tag, attrs in tags_of(legend_html())
            if tag == "li"]
    # rows marked when_drawn (kinds the shipped catalogue does not hold, drafts) only when
    # the map draws them
    assert keys == [s.key for s in st_.STYLES if not s.when_drawn]
    assert len(set(keys)) == len(keys)
    every = [dict(attrs)["data-style-key"] for tag, attrs in
             tags_of(legend_html(drawn={s.key for s in st_.STYLES})) if tag == "li"]
    assert every == [s.key for s in st_.STYLES]


def test_every_kind_and_medium_has_a_style_and_every_style_is_used() -> None:
    used = {st_.site_style(k).key for k in SITE_KINDS}
    used |= {st_.organisation_style(k).key for k in ORGANISATION_KINDS}
    used |= {st_.medium_style(m).key for m in ("submarine", "terrestrial", "unspecified")}
    used |= {"corridor", "agreement", "agreement.venue", "draft"}
    used |= {st_.status_style(s).key for s in st_.STATUS_STYLE}
    assert used == set(st_.BY_KEY)
    media = {st_.medium_style(m).color for m in ("submarine", "terrestrial", "unspecified")}
    assert len(media) == 3, "the three media must be told apart"


@pytest.mark.parametrize("status", ["planned", "proposed"])
def test_planned_and_proposed_are_dashed(status: str) -> None:
    line = st_.BY_KEY["route.submarine"]
    assert st_.path_options(line, status)["dashArray"] == st_.DASH
    assert "dashArray" not in st_.path_options(line, "operational")
    point = st_.BY_KEY["site.data-centre"]
    assert st_.path_options(point, status)["dashArray"] == st_.POINT_DASH
    assert "dashArray" not in st_.path_options(point, "operational")


def test_corridors_are_wide_translucent_bands_and_agreements_thin() -> None:
    band = st_.BY_KEY["corridor"]
    assert band.weight > 3 * max(s.weight for s in st_.STYLES if s.layer == "routes")
    assert band.opacity < 0.5
    assert st_.BY_KEY["agreement"].weight < 2


# ---------------------------------------------------------------- escaping


@given(st.text())
@settings(max_examples=200)
def test_script_json_round_trips_and_cannot_close_a_script(text: str) -> None:
    out = script_json({"k": text, "list": [text]})
    assert json.loads(out) == {"k": text, "list": [text]}
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in out


@pytest.mark.parametrize("payload", PAYLOADS)
def test_esc_leaves_no_markup(payload: str) -> None:
    assert_only_our_markup(f"<div>{esc(payload)}</div>")
    assert html.unescape(esc(payload)) == payload


# ---------------------------------------------------------------- popups


def _row(layer: str, layers: dict[str, Any], entity_id: str) -> dict[str, Any]:
    frame = layers[layer]
    row = frame[frame["id"] == entity_id].iloc[0].to_dict()
    return row


def test_route_popup_has_length_latency_schematic_and_quotes(layers: dict[str, Any],
                                                              catalog: Any) -> None:
    row = _row("routes", layers, "trans-caspian-cable")
    text = html.unescape(popup_html("routes", row, {}))
    assert format_km(row["length_m"]) in text
    assert f"{row['latency_ms']:.2f} ms" in text
    assert "schematic: length of the drawn line" in text
    for src in catalog.routes["trans-caspian-cable"].sources:
        assert src.quote in text
    row["schematic"] = False
    assert "schematic" not in popup_html("routes", row, {})


def test_corridor_popup_says_schematic_when_a_route_is(layers: dict[str, Any]) -> None:
    # the corridors layer says it itself (geo.routes: a chain with a schematic route is
    # drawn, not surveyed); the map shows the layer's value
    corridor = _row("corridors", layers, "digital-silk-way")
    routes = layers["routes"].set_index("id")
    assert routes.loc[list(corridor["routes"]), "schematic"].any()
    assert bool(corridor["schematic"])
    text = popup_html("corridors", corridor, {})
    assert "schematic: length of the drawn line" in text
    text = popup_html("corridors", {**corridor, "schematic": False}, {})
    assert format_km(corridor["length_m"]) in text and "schematic" not in text
    page = render_map(layers, offline=True)
    popup = re.search(r'data-id=\\"digital-silk-way\\"(?:[^"\\]|\\.)*"', page)
    assert popup and "schematic: length of the drawn line" in popup.group(0)


def test_site_popup_says_precision_tenants_and_references(layers: dict[str, Any]) -> None:
    names = dict(zip(layers["organisations"]["id"], layers["organisations"]["name"],
                     strict=True))
    row = _row("sites", layers, "eadc-nairobi")
    text = html.unescape(popup_html("sites", row, names))
    assert PRECISION_TEXT[row["precision"]] in text
    for tenant in row["tenants"]:
        assert names[tenant] in text
    assert "Reference" in text and "geonames:" in text


def test_agreement_popup_without_date_says_so(layers: dict[str, Any]) -> None:
    frame = layers["agreements"]
    undated = frame[frame["date"].isna()].iloc[0].to_dict()
    assert "not known" in popup_html("agreements", undated, {})


@pytest.mark.parametrize("layer", ["sites", "routes", "corridors", "organisations",
                                   "agreements"])
def test_popups_escape_every_field(layers: dict[str, Any], layer: str) -> None:
    row = layers[layer].iloc[0].to_dict()
    evil = " ".join(PAYLOADS)
    for key, value in list(row.items()):
        if isinstance(value, str):
            row[key] = evil
        elif isinstance(value, list) and value and isinstance(value[0], str):
            row[key] = [evil]
    row["sources"] = [{"article": evil, "title": evil, "date": evil, "publisher": evil,
                       "quote": evil, "reference": None, "note": None},
                      {"article": None, "title": None, "date": None, "publisher": None,
                       "quote": None, "reference": evil, "note": evil}]
    out = popup_html(layer, row, {evil: evil})
    assert_only_our_markup(out)
    assert evil in html.unescape(out)


@given(st.text(min_size=1))
@settings(max_examples=100)
def test_popup_of_any_name_is_only_our_markup(name: str) -> None:
    row = {"id": "x", "name": name, "kind": name, "status": name, "aliases": [name],
           "notes": name, "sources": [{"quote": name, "title": name, "date": name}]}
    assert_only_our_markup(popup_html("corridors", row, {}))


# ---------------------------------------------------------------- offline assets


def test_countries_are_rfc7946_and_rounded() -> None:
    data = countries()
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data
    assert len(data["features"]) > 150
    import shapely.geometry

    for feature in data["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
        for poly in polys:
            assert poly.exterior.is_ccw, feature["properties"]["name"]
        for x, y in polys[0].exterior.coords:
            assert round(x, 2) == x and round(y, 2) == y


def test_outlines_text_is_the_same_cached_or_not(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The map's outlines read from geo's cache are the text made without it, and a damaged
    cache file is made anew, not an error."""
    from geo.webmap.offline import OUTLINES_STORE, countries_script_json

    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    made = script_json(countries(), compact=True)
    assert countries_script_json() == made  # cold: made and kept
    (kept,) = (tmp_path / "cache").glob(f"{OUTLINES_STORE.kind}-*.marshal")
    assert countries_script_json() == made  # warm: read back
    kept.write_bytes(kept.read_bytes()[:-10])
    assert countries_script_json() == made  # damaged: made anew
    assert OUTLINES_STORE.load(kept.name.split("-", 1)[1].removesuffix(".marshal"),
                               str) == made


def test_countries_file_reads_back_with_pyogrio() -> None:
    from importlib import resources

    path = resources.files("geo.data").joinpath(COUNTRIES_FILE)
    frame = pyogrio.read_dataframe(str(path))
    assert len(frame) == len(countries()["features"]) - 1  # and the islands' feature
    assert frame.is_valid.all()
    provenance = resources.files("geo.data").joinpath("PROVENANCE.md").read_text("utf-8")
    assert COUNTRIES_FILE in provenance and "public domain" in provenance


def test_islands_file_reads_back_and_is_what_its_provenance_script_makes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re
    import shutil
    from importlib import resources

    from geo.webmap.offline import ISLANDS_FILE

    data = resources.files("geo.data")
    shipped = Path(str(data.joinpath(ISLANDS_FILE)))
    frame = pyogrio.read_dataframe(str(shipped))
    assert len(frame) == 1 and frame.is_valid.all()
    assert frame.geometry[0].geom_type == "MultiPolygon" and len(frame.geometry[0].geoms) > 1000
    provenance = data.joinpath("PROVENANCE.md").read_text("utf-8")
    section = provenance.split(f"## {ISLANDS_FILE}", 1)[1].split("\n## ", 1)[0]
    (script,) = re.findall(r"```python\n(.*?)```", section, re.S)
    (tmp_path / "geo" / "data").mkdir(parents=True)
    for name in ("countries-110m.geojson", "land-50m.json"):
        shutil.copyfile(str(data.joinpath(name)), tmp_path / "geo" / "data" / name)
    monkeypatch.chdir(tmp_path)
    exec(compile(script, "PROVENANCE.md", "exec"), {"__name__": "provenance"})
    assert (tmp_path / "geo" / "data" / ISLANDS_FILE).read_bytes() == shipped.read_bytes()


@pytest.mark.parametrize(("place", "lon", "lat"), [
    ("Valletta", 14.51, 35.9), ("Manama", 50.59, 26.22), ("Port Louis", 57.5, -20.16),
    ("Hagåtña", 144.75, 13.48), ("Apia", -171.76, -13.83), ("Palma", 2.65, 39.57),
    ("Zanzibar", 39.19, -6.16), ("Bridgetown", -59.62, 13.1), ("Singapore", 103.85, 1.29),
    ("Nairobi", 36.82, -1.29)])
def test_the_basemap_has_land_under_island_towns(place: str, lon: float, lat: float) -> None:
    import shapely
    from shapely.geometry import Point, shape

    land = shapely.union_all([shape(f["geometry"]) for f in countries()["features"]])
    assert land.distance(Point(lon, lat)) < 0.05, place  # within ~5 km: coarse coasts


def test_leaflet_inlined_safely() -> None:
    assert "</script" not in leaflet_js().lower()
    assert "sourceMappingURL" not in leaflet_js()
    css = leaflet_css()
    assert "url(images/" not in css and "data:image/png;base64," in css


# ---------------------------------------------------------------- rendered pages

REQUESTING = re.compile(r"<script[^>]+src=|<link[^>]+href=(?![\"']?data:)|<img[^>]+src=|<iframe",
                        re.IGNORECASE)
CSS_URL = re.compile(r"url\((?![\"']?data:)[^)#]|@import", re.IGNORECASE)


def test_offline_page_asks_the_network_for_nothing(layers: dict[str, Any]) -> None:
    page = render_map(layers, offline=True)
    assert REQUESTING.findall(page) == []
    styles = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    assert styles
    assert [CSS_URL.findall(css) for css in styles] == [[] for _ in styles]
    assert "L.Control.Measure" not in page
    assert leaflet_js()[:200] in page
    # an inline icon, so that a browser does not ask a web server for /favicon.ico
    assert re.search(r'<link rel="icon" href="data:,">', page)
    # and a policy that lets the browser make no request, before any script runs
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp and page.index(csp.group(0)) < page.index("<script")
    policy = html.unescape(csp.group(1))
    assert "default-src 'none'" in policy and "http" not in policy


def test_online_page_carries_its_own_code_and_asks_only_for_tiles(layers: dict[str, Any]
                                                                  ) -> None:
    page = render_map(layers)
    # Leaflet inlined from xstatic-leaflet, as offline: no CDN, nothing but tiles to fetch
    assert leaflet_js()[:200] in page
    assert REQUESTING.findall(page) == [] and "cdn." not in page
    assert f"leaflet@{leaflet_version()}" not in page
    # no jQuery, Bootstrap or Font Awesome: the map needs only Leaflet
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()
    # the country outlines under the tiles, for when they fail
    assert '"geo-country"' in page
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp and page.index(csp.group(0)) < page.index("<script")
    policy = html.unescape(csp.group(1))
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split(";")[1]
    assert re.search(r"img-src data: https://server\.arcgisonline\.com;", policy), policy
    hashes = re.findall(r"'sha256-[^']+'", policy)
    assert len(hashes) == len(set(script_hashes(page))) > 3


@pytest.mark.parametrize(("name", "sources"), [
    ("Esri.WorldGrayCanvas", ["https://server.arcgisonline.com"]),
    ("OpenStreetMap.Mapnik", ["https://tile.openstreetmap.org"]),
    ("OpenTopoMap", ["https://a.tile.opentopomap.org", "https://b.tile.opentopomap.org",
                     "https://c.tile.opentopomap.org"]),
])
def test_tile_sources_name_every_host_of_a_provider(name: str, sources: list[str]) -> None:
    assert tile_sources(tile_provider(name)) == sources
    page = render_map({}, tiles=name)
    policy = html.unescape(re.search(r'Content-Security-Policy" content="([^"]+)"', page)[1])
    assert "img-src data: " + " ".join(sources) + ";" in policy


def test_a_provider_is_the_one_xyzservices_query_name_finds() -> None:
    """tile_provider's lookup by exact name gives, for every name of xyzservices'
    catalogue (and for names written otherwise), the provider ``query_name`` gives."""
    import xyzservices
    from xyzservices.lib import QUERY_NAME_TRANSLATION

    from geo.webmap.build import _provider_named

    providers = xyzservices.providers
    # what query_name looks in (it makes this at each call: 6 ms)
    normalised = {k.translate(QUERY_NAME_TRANSLATION).lower(): v
                  for k, v in providers.flatten().items()}
    names = list(providers.flatten())
    assert len(names) > 100
    for name in [*names, "cartodb positron", "CARTO_DB_POSITRON", "esri-worldgraycanvas"]:
        assert _provider_named(providers, name) is normalised[
            name.translate(QUERY_NAME_TRANSLATION).lower()], name
    assert _provider_named(providers, "CartoDB.Positron") is providers.query_name(
        "CartoDB.Positron")
    for unknown in ("Nope.Nope", "Esri.WorldGrayCanvas.url", "Esri", ""):
        with pytest.raises(ValueError, match="No matching provider"):
            _provider_named(providers, unknown)


def test_tiles_are_checked(layers: dict[str, Any]) -> None:
    with pytest.raises(InputError, match=r"unknown xyzservices provider 'Nope\.Nope'"):
        render_map(layers, tiles="Nope.Nope")
    with pytest.raises(InputError, match="needs an API key"):
        render_map(layers, tiles="Thunderforest.OpenCycleMap")
    assert "tile.openstreetmap.org" in render_map(layers, tiles="OpenStreetMap.Mapnik")


def test_unknown_layer_is_refused(layers: dict[str, Any]) -> None:
    with pytest.raises(InputError, match="unknown layer 'roads'"):
        render_map({**layers, "roads": layers["routes"]})


def test_view_is_fitted_to_the_data_before_any_layer_joins(layers: dict[str, Any]) -> None:
    page = render_map(layers)
    m = re.search(r"geoInitialView\((map_\w+), (\[\[.*?\]\])\);", page, re.DOTALL)
    assert m
    # set first, so that every layer is placed once, at the view the page opens with
    body = page.split("<body>", 1)[1]
    assert body.index("geoInitialView(") < body.index("L.geoJSON(")
    assert body.index("geoInitialView(") < body.index(".addTo(" + m.group(1) + ")")
    (south, west), (north, east) = json.loads(m.group(2))
    bounds = [f.total_bounds for f in layers.values()]
    assert west == min(b[0] for b in bounds) and east == max(b[2] for b in bounds)
    assert south == min(b[1] for b in bounds) and north == max(b[3] for b in bounds)


# ---------------------------------------------------------------- citations (issue 14)


def test_opening_words_skip_a_dateline_and_stop_at_ten() -> None:
    text = (" date 2018-05 (Agence Ecofin) - Le fournisseur de connectivité zimbabwéen, "
            "Liquid Telecom, a annoncé la signature d’un accord")
    assert opening_words(text) == ("Le fournisseur de connectivité zimbabwéen, Liquid Telecom,"
                                   " a annoncé la\u2026")
    assert opening_words("date 2022-09-30 Two words") == "Two words"
    assert opening_words("2022 in review") == "in review"
    assert opening_words("   ") is None


@pytest.mark.parametrize(("url", "linked"), [
    ("https://example.org/a?b=1#c", True), ("http://example.org", True),
    ("HTTPS://EXAMPLE.ORG/x", True), ("javascript:alert(1)", False),
    ("data:text/html,<b>x</b>", False), ("//example.org/x", False), ("example.org", False),
    ("https://exa mple.org", False), ("https://", False), ("ftp://example.org", False),
    ("https://example.org/\u2028x", False), (None, False), (5, False),
    ('https://example.org/"><script>', False), ("https://example.org/<x>", False),
    ("https://fr.example.org/réseau", True),
])
def test_only_web_addresses_become_links(url: Any, linked: bool) -> None:
    assert (web_address(url) is not None) is linked
    if linked:
        citation = Citation("s", title="T", url=url)
        out = popup_html("sites", {"id": "x", "name": "X", "sources": [
            {"article": "s", "quote": "q", "title": "T"}]}, {}, {"s": citation})
        link = dict(next(attrs for tag, attrs in tags_of(out) if tag == "a"))
        assert link == {"class": "geo-src-link", "href": url, "target": "_blank",
                        "rel": "noopener noreferrer"}


def _cite_text(citation: Citation | None, **src: Any) -> str:
    row = {"id": "x", "name": "X", "sources": [{"article": "stem", "quote": "the quote", **src}]}
    out = popup_html("sites", row, {}, {"stem": citation} if citation else None)
    return html.unescape(re.sub(r"<[^>]+>", "", out.split("<cite>")[1].split("</cite>")[0]))


def test_citations_say_title_publisher_date_link_and_file() -> None:
    full = Citation("stem", title="A title", publisher="Pub", date="2020-01",
                    url="https://example.org/a")
    assert _cite_text(full) == ("A title · Pub · 2020-01 · example.org · "
                                "seeds/stem.txt")
    untitled = Citation("stem", opening="First words of the text\u2026", date="2022")
    assert _cite_text(untitled) == ("First words of the text\u2026 (untitled: its first "
                                    "words) · 2022 · seeds/stem.txt")
    undated = Citation("stem", title="T", publisher="P")
    assert _cite_text(undated) == "T · P · undated · seeds/stem.txt"
    # without the articles' citations: the label the source record carries
    assert _cite_text(None, title="Agence Ecofin, 2018-05 (untitled)", date="2018-05",
                      publisher="Agence Ecofin") == ("Agence Ecofin, 2018-05 (untitled) · "
                                                     "seeds/stem.txt")


def test_citation_text_is_escaped(layers: dict[str, Any]) -> None:
    evil = " ".join(PAYLOADS)
    url = "https://example.org/a?q='x'&r=1"
    citation = Citation("stem", title=evil, opening=evil, publisher=evil, date=evil, url=url)
    row = {"id": "x", "name": "X", "sources": [{"article": "stem", "quote": evil}]}
    out = popup_html("sites", row, {}, {"stem": citation})
    assert [t for t, _ in tags_of(out) if t not in ALLOWED_TAGS] == ["a"]
    assert dict(next(a for t, a in tags_of(out) if t == "a"))["href"] == url
    assert evil in html.unescape(out)


def test_shipped_popups_cite_untitled_articles_by_their_first_words(catalog: Any,
                                                                     layers: dict[str, Any]
                                                                     ) -> None:
    citations = article_citations(catalog.articles)
    assert citations["002_54025ae74b54dfe0"].title is None
    assert citations["002_54025ae74b54dfe0"].opening.startswith("AzerTelecom and Kazakhtelecom")
    assert citations["003_d06190fa1f8b4eda"].publisher == "InnovationOpenLab"
    page = render_map(layers, offline=True, citations=citations)
    assert "(untitled: its first words)" in page and "seeds/002_54025ae74b54dfe0.txt" in page
    assert "2022-09-30 (untitled)" not in page


def test_popups_say_when_an_entity_is_undated(layers: dict[str, Any]) -> None:
    sites = layers["sites"]
    undated = sites[sites["first_reported"].isna() & sites["start_date"].isna()]
    assert len(undated)
    text = popup_html("sites", _row("sites", layers, undated["id"].iloc[0]), {})
    assert "undated: no source article gives a date" in text
    dated = sites[sites["first_reported"].notna()]
    text = popup_html("sites", _row("sites", layers, dated["id"].iloc[0]), {})
    assert "undated" not in text and "first reported" in text
    # an agreement dated by its own date is not undated
    deal = {"id": "d", "name": "D", "date": "2020", "first_reported": None, "sources": []}
    assert "undated" not in popup_html("agreements", deal, {})


# ---------------------------------------------------------------- controls' data (issue 14)


def _entries(layers: dict[str, Any]) -> dict[str, Any]:
    from geo.webmap.build import build_map

    fmap = build_map(layers, offline=True)
    ui = next(c for c in fmap._children.values() if type(c).__name__ == "MapUi")
    items = re.findall(r"\{f:\w+,g:\w+,(.*)", ui.entries_js)
    texts = ["{" + item.rstrip(",").removesuffix("}]") + ("}" if item.endswith("}]") else "")
             for item in items]
    return {d["id"]: d for d in map(json.loads, texts)}


def test_entries_carry_time_filters_and_picker_data(layers: dict[str, Any]) -> None:
    entries = _entries(layers)
    drawn = sum(int(f.geometry.notna().sum()) for f in layers.values())
    assert len(entries) == drawn
    for layer, frame in layers.items():
        own = {"sites": "start_date", "routes": "start_date", "agreements": "date"}.get(layer)
        for row in frame.to_dict("records"):
            if row["geometry"] is None:
                continue
            entry = entries[row["id"]]
            own_year = int(row[own][:4]) if own and isinstance(row.get(own), str) else None
            reported = (int(row["first_reported"][:4])
                        if isinstance(row["first_reported"], str) else None)
            # its own start, else the year it was first reported, else undated
            assert entry["from"] == (own_year if own_year is not None else reported)
            assert entry["dated"] == ("own" if own_year is not None else
                                      "reported" if reported is not None else None)
            assert entry["kind"].split(".")[1] == row["kind"]
            assert entry["statused"] is (layer in ("sites", "routes", "corridors"))
    cable = entries["trans-caspian-cable"]
    assert cable["from"] == 2022 and cable["roles"] == {"operator": ["azertelecom",
                                                                     "kazakhtelecom"]}
    eadc = entries["eadc-nairobi"]
    assert "china-telecom-global" in eadc["roles"]["tenant"]
    assert entries["neqsol-holding"]["roles"]["self"] == ["neqsol-holding"]
    azer = entries["azertelecom"]
    assert azer["roles"].get("owner") == ["neqsol-holding"]


def test_permalink_fragment() -> None:
    assert permalink_fragment("trans-caspian-cable") == "o=trans-caspian-cable"
    assert permalink_fragment("a&b=c#d") == "o=a%26b%3Dc%23d"


# ---------------------------------------------------------------- geo build --focus


def test_focus_prints_the_link_to_an_entity(workspace: Path, runner) -> None:
    result = runner("build", "-w", str(workspace), "--focus", "trans-caspian-cable")
    assert result.exit_code == 0, result.output
    link = (workspace / "maps" / "connectivity.html").resolve().as_uri()
    assert result.stdout.splitlines()[-1] == f"link: {link}#o=trans-caspian-cable"


def test_focus_on_an_unknown_or_placeless_entity_exits_2(workspace: Path, runner) -> None:
    result = runner("build", "-w", str(workspace), "--focus", "nope")
    assert result.exit_code == 2
    assert result.stderr == "geo: error: --focus: no entity 'nope' in the catalogue\n"
    assert not (workspace / "maps" / "connectivity.html").exists()
    text = (workspace / "data" / "organisations.toml").read_text(encoding="utf-8")
    (workspace / "data" / "organisations.toml").write_text(text.replace(
        'headquarters = "baku"', "", 1), encoding="utf-8")
    result = runner("build", "-w", str(workspace), "--focus", "azertelecom")
    assert result.exit_code == 2
    assert result.stderr == ("geo: error: --focus: 'azertelecom' (AzerTelecom) is not drawn "
                             "on the map (an organisation without a head office)\n")
    with pytest.raises(FocusError, match="no entity 'nope'"):
        build(workspace, focus="nope")


def test_rendered_elements_keep_the_names_branca_gives_them(layers: dict[str, Any]) -> None:
    """render_page's elements answer get_name (their prefix worked out once per kind) as
    branca's own get_name does, for every element of a map, after rendering too."""
    from branca.element import Element

    from geo.webmap.build import build_map
    from geo.webmap.render import _walk, render_page

    fmap = build_map(layers, offline=True)
    before = {id(e): Element.get_name(e) for e in _walk(fmap.get_root())}
    page = render_page(fmap)
    elements = list(_walk(fmap.get_root()))
    assert len(elements) > 100
    for element in elements:
        # (rendering adds elements: raw text, folium's ElementAddToElement...)
        assert element.get_name() == Element.get_name(element) == before.get(
            id(element), Element.get_name(element))
    assert all(name in page for name in before.values()
               if name.startswith(("poly_line_", "circle_marker_", "feature_group_")))
