"""geo.gazetteer.subdivisions: the ISO 3166-2 first-level subdivisions of every country
(pycountry) as regions, their names in six languages, the guards against false places, and
their mentions in invented sentences (geo.extract)."""

from __future__ import annotations

import importlib.metadata
import os

import pytest

import geo.cache
from geo.extract import Extractor
from geo.gazetteer import SUBDIVISION_ID_PREFIX, default_gazetteer, index_key
from geo.gazetteer.subdivisions import subdivision_names, usable_name


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.fixture(scope="module")
def plain() -> Extractor:
    return Extractor()


def places(ex: Extractor, text: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.kind, m.id) for m in ex.extract(text)
            if m.kind in ("city", "country", "region", "island", "sea")]


# ------------------------------------------------------------------ the gazetteer


@pytest.mark.parametrize(("name", "code"), [
    ("Texas", "US-TX"),
    ("Niederösterreich", "AT-3"),
    ("Basse-Autriche", "AT-3"),          # French, from the iso-codes translations
    ("Lower Austria", "AT-3"),           # GeoNames' English name of the division
    ("Scotland", "GB-SCT"),
    ("Schottland", "GB-SCT"),
    ("Brandenburg", "DE-BB"),
    ("Aargau", "CH-AG"),
    ("Argovie", "CH-AG"),
    ("Wallonia", "BE-WAL"),
    ("Région wallonne", "BE-WAL"),       # "wallonne, Région" read in order
    ("Pará", "BR-PA"),
    ("Carolina del Norte", "US-NC"),
    ("Emilia Romagna", "IT-45"),         # the spelling geo's own Emilia-Romagna lacks
])
def test_subdivision_names_in_six_languages(gaz, name, code):
    found = [p for p in gaz.candidates(name) if p.id == SUBDIVISION_ID_PREFIX + code]
    assert found, name
    place = found[0]
    assert place.kind == "region" and place.country == code[:2]
    assert place.population == 0


def test_subdivision_points_lie_in_their_country(gaz):
    # representative points (WGS84 degrees, longitude first) near the middle of the area
    texas = gaz.get("region:iso-US-TX")
    assert -107 < texas.lon < -93 and 25 < texas.lat < 37
    lower_austria = gaz.get("region:iso-AT-3")
    assert 14.4 < lower_austria.lon < 17.2 and 47.4 < lower_austria.lat < 49.1


@pytest.mark.parametrize("name", [
    "Central", "Centre", "Nord", "Sud", "Western", "North-West", "Centre-Est",
    "Littoral", "Lakes", "Plateau", "Meta", "Marche", "Volta",
])
def test_generic_and_ordinary_words_are_no_subdivision(gaz, name):
    assert not [p for p in gaz.candidates(name) if p.id.startswith(SUBDIVISION_ID_PREFIX)]


def test_an_ordinary_word_is_compared_as_written(gaz):
    # Suriname's "Para" is the word "para"; Brazil's "Pará" is kept (one name key)
    assert gaz.get("region:iso-SR-PR") is None
    assert "region:iso-BR-PA" in [p.id for p in gaz.candidates("Pará")]


@pytest.mark.parametrize(("name", "why"), [
    ("Salzburg", "a town of 100,000 or more"),
    ("Puebla", "a town of 100,000 or more"),
    ("Georgia", "a country's name"),
    ("Edo", "shorter than four letters"),
    ("Lombardia", "geo's own region already"),
])
def test_names_of_other_places_are_no_subdivision(gaz, name, why):
    assert not [p for p in gaz.candidates(name)
                if p.id.startswith(SUBDIVISION_ID_PREFIX)], why


def test_first_level_only(gaz):
    # Cambridgeshire is a county of England (GB-CAM, parent GB-ENG): not first-level
    assert not gaz.candidates("Cambridgeshire")
    # the province of Genoa is Liguria's (IT-GE, parent IT-42)
    assert not [p for p in gaz.candidates("Genova") if p.kind == "region"]


def test_iso_names_read_as_names():
    assert subdivision_names("Wales [Cymru GB-CYM]") == ["Wales", "Cymru"]
    assert subdivision_names("Madrid, Comunidad de") == ["Comunidad de Madrid"]
    assert subdivision_names("Guyane (française)") == ["Guyane"]
    assert subdivision_names("Elgeyo/Marakwet") == ["Elgeyo", "Marakwet"]
    assert subdivision_names("Aerodrom \u2020") == ["Aerodrom"]


def test_usable_name_guards():
    assert usable_name("Niederösterreich", {})
    assert usable_name("Western Cape", {})           # a direction and a noun: a name
    assert usable_name("Pará", {})                   # as written, not the word "para"
    assert not usable_name("Para", {})
    assert not usable_name("wallonne", {})           # lower case: an adjective
    assert not usable_name("Goa", {})                # three letters
    assert not usable_name("Xizang \u897f\u85cf", {})  # not Latin script
    assert not usable_name("Victoria", {"victoria": 289_625})   # a large town's
    assert usable_name("Santa Cruz", {"santa cruz": 40_000})    # a small town's: kept
    assert not usable_name("Niger", {"niger": -1})   # a country's or an area's


# ------------------------------------------------------------------ in sentences


@pytest.mark.parametrize(("text", "surface", "code"), [
    ("Der Betreiber baut in Niederösterreich ein neues Rechenzentrum.",
     "Niederösterreich", "AT-3"),
    ("The operator opens a data centre in Texas next year.", "Texas", "US-TX"),
    ("L'opérateur ouvre un centre de données en Basse-Autriche.", "Basse-Autriche", "AT-3"),
    ("Il nuovo nodo sorgerà in Emilia Romagna entro l'anno.", "Emilia Romagna", "IT-45"),
    ("A rede chega ao Pará no próximo ano.", "Pará", "BR-PA"),
    ("Der Internetknoten versorgt die Bundesländer Brandenburg und Thüringen.",
     "Brandenburg", "DE-BB"),
    ("Green baut den Campus im Kanton Aargau aus.", "Aargau", "CH-AG"),
])
def test_subdivisions_in_sentences(plain, text, surface, code):
    assert (surface, "region", SUBDIVISION_ID_PREFIX + code) in places(plain, text)


def test_a_subdivision_names_its_country(plain):
    found = places(plain, "Das Rechenzentrum in Niederösterreich geht in Betrieb.")
    assert found == [("Niederösterreich", "region", "region:iso-AT-3")]


@pytest.mark.parametrize("text", [
    "Para 2024, la empresa prevé invertir más en la región y para 2025 en Chile.",
    "Le centre de données du Centre est ouvert.",
    "The consortium of Meta, Orange and Vodafone signed the deal.",
    "Las redes se unen en el nodo de Puerto Falcón en noviembre.",
    "El canciller Julio César Pérez firmó el acuerdo.",
])
def test_common_words_and_parts_of_names_are_no_region(plain, text):
    assert not [p for p in places(plain, text) if p[2] and p[2].startswith(
        SUBDIVISION_ID_PREFIX)]


def test_a_subdivision_yields_to_a_town_of_its_country(plain):
    # Faro is a town and the district around it: the town is meant
    found = places(plain, "The cable lands in Faro, Portugal, next spring.")
    assert ("Faro", "city", "geonames:2268339") in found


def test_a_us_town_and_its_state_stay_one_town(plain):
    found = places(plain, "The campus is in Paris, Texas.")
    assert [(s, k) for s, k, _ in found] == [("Paris", "city")]


# ------------------------------------------------------------------ the index key


def test_the_index_key_follows_pycountry(monkeypatch, tmp_path):
    key = index_key()
    real_version = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "0.0" if name == "pycountry" else real_version(name))
    assert index_key() != key
    monkeypatch.undo()
    # an iso-codes data file that changes (an upgrade rewrites it) changes the key
    fake = tmp_path / "pycountry"
    (fake / "databases").mkdir(parents=True)
    (fake / "databases" / "iso3166-2.json").write_text("{}", encoding="utf-8")
    real = geo.cache.package_dir
    monkeypatch.setattr(geo.cache, "package_dir",
                        lambda name: fake if name == "pycountry" else real(name))
    before = index_key()
    assert before != key
    os.utime(fake / "databases" / "iso3166-2.json", ns=(1, 1))
    assert index_key() != before


def test_the_index_key_follows_the_points_file(monkeypatch):
    import geo.gazetteer.stored as stored

    key = index_key()
    monkeypatch.setattr(stored, "SUBDIVISIONS_FILE", "places_extra.json")
    assert index_key() != key
