"""geo.gazetteer: names to places, offline, in several languages."""

from __future__ import annotations

import dataclasses

import pytest

from geo.gazetteer import (
    CatalogueNames,
    Gazetteer,
    Place,
    default_gazetteer,
    lookup_place,
    name_key,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize("name, expected, kind, country", [
    ("Cape Town", "Cape Town", "city", "ZA"),
    ("Le Cap", "Cape Town", "city", "ZA"),            # French
    ("Città del Capo", "Cape Town", "city", "ZA"),    # Italian
    ("Ciudad del Cabo", "Cape Town", "city", "ZA"),   # Spanish
    ("Cidade do Cabo", "Cape Town", "city", "ZA"),    # Portuguese
    ("Pékin", "Beijing", "city", "CN"),
    ("Bakou", "Baku", "city", "AZ"),
    ("Londres", "London", "city", "GB"),
    ("Frankfurt", "Frankfurt am Main", "city", "DE"),  # exonym beats Frankfurt (Oder)
    ("Afrique du Sud", "South Africa", "country", "ZA"),
    ("Sudáfrica", "South Africa", "country", "ZA"),
    ("États-Unis", "United States", "country", "US"),
    ("etats-unis", "United States", "country", "US"),  # accents and case folded
    ("Azerbaïdjan", "Azerbaijan", "country", "AZ"),
    ("Italia", "Italy", "country", "IT"),
    ("RDC", "Democratic Republic of the Congo", "country", "CD"),
    ("Republic of the Congo", "Republic of the Congo", "country", "CG"),
    ("Mexico", "Mexico", "country", "MX"),            # the country outnumbers the city
])
def test_lookup_in_several_languages(name, expected, kind, country):
    place = lookup_place(name)
    assert place is not None, name
    assert (place.name, place.kind, place.country) == (expected, kind, country)


@pytest.mark.parametrize("name, expected", [
    ("Africa", "Africa"), ("Afrique", "Africa"), ("Asie", "Asia"), ("Europe", "Europe"),
    ("Central Asia", "Central Asia"), ("Asie centrale", "Central Asia"),
    ("Middle East", "Middle East"), ("Moyen-Orient", "Middle East"),
    ("Asia-Pacific", "Asia-Pacific"), ("Asie-Pacifique", "Asia-Pacific"),
])
def test_regions(name, expected):
    place = lookup_place(name)
    assert place is not None and place.kind == "region" and place.name == expected
    assert place.country is None


def test_place_fields_and_ids():
    place = lookup_place("Astana")
    assert place == Place("geonames:1526273", "Astana", place.lon, place.lat, "KZ", "city",
                          place.population, place.admin1)
    assert place.geonameid == 1526273
    assert 71.0 < place.lon < 72.0 and 51.0 < place.lat < 51.3  # longitude first
    assert place.population > 1_000_000
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "x"  # type: ignore[misc]
    assert lookup_place("Middle East").geonameid is None


def test_countries_stand_at_their_capital(gaz):
    kz = lookup_place("Kazakhstan")
    capital = gaz.get(kz.anchor)
    assert capital is not None and capital.kind == "city" and capital.country == "KZ"
    assert (kz.lon, kz.lat) == (capital.lon, capital.lat)
    assert gaz.country("KZ") == kz


def test_unknown_and_junk_names():
    for name in ("Atlantis-sur-Mer", "", "   ", "Digital", "Global"):
        assert lookup_place(name) is None, name
    # Short transliterations GeoNames lists for big cities are not kept ("Part" for Perth).
    assert lookup_place("Part") is None


def test_largest_population_wins_for_bare_names(gaz):
    # Several cities are called Valencia; the bare lookup takes the most populous.
    cands = gaz.candidates("Valencia")
    assert len({p.country for p in cands}) >= 2
    assert lookup_place("Valencia") == max(
        (p for p, primary in gaz.matches("valencia") if primary), key=lambda p: p.population)
    assert cands == sorted(cands, key=lambda p: -p.population)


def test_name_key():
    assert name_key("  Côte d’Ivoire ") == "cote d'ivoire"
    assert name_key("ÉTATS–UNIS") == "etats-unis"
    assert name_key("Zürich") == name_key("zurich")


def test_loaded_once(gaz):
    assert default_gazetteer() is gaz
    assert len(gaz) > 30_000
    assert "cape town" in gaz and "cape tow" not in gaz
    assert "cape" in gaz.prefixes and "cape town" in gaz.prefixes


def test_catalogue_names_first(catalog, gaz):
    names = CatalogueNames.from_catalog(catalog, gaz)
    ctg = [e.id for e, _ in names.by_key["ctg"]]
    assert ctg == ["china-telecom-global"]
    # A city site stands for its GeoNames town; a country site for its country.
    assert names.by_place["geonames:1526273"].id == "astana"
    assert names.by_place[lookup_place("Zimbabwe").id].id == "zimbabwe"
    # A data centre's alias that names a town is left to the town.
    assert "le cap" not in names.by_key
    assert names.entries["liquid-dc-cape-town"].kind == "site"
    # Organisations are placed at their headquarters.
    zte = names.entries["zte"]
    assert (zte.lon, zte.lat) == catalog.site_position("shenzhen")


@pytest.mark.parametrize(("name", "iso"), [
    ("Großbritannien", "GB"), ("Grande-Bretagne", "GB"), ("Gran Bretagna", "GB"),
    ("Cingapura", "SG"), ("Malesia", "MY"), ("Holanda", "NL"), ("Olanda", "NL"),
    ("Elfenbeinküste", "CI"), ("Costa de Marfil", "CI"), ("Kapverden", "CV"),
    ("Osttimor", "TL"), ("EE.UU.", "US"), ("Oesterreich", "AT"), ("Birmanie", "MM"),
])
def test_exonyms_of_the_six_languages_name_their_country(name, iso):
    place = lookup_place(name)
    assert place is not None and place.kind == "country" and place.country == iso


@pytest.mark.parametrize("name", ["Nahost", "Nahen Osten", "Mittlerer Osten"])
def test_german_names_of_the_middle_east(name):
    place = lookup_place(name)
    assert place is not None and place.name == "Middle East"
