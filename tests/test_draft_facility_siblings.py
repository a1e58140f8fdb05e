"""Facilities that go with one found: codes listed with it, codes with its letters, the
letters of a campus's buildings, one per place of a counted plural (invented sentences)."""

from __future__ import annotations

import pytest

from geo.draft import find_facts


def _facilities(text: str, language: str) -> list[str]:
    return [f.name for f in find_facts(text, language=language).facilities]


@pytest.mark.parametrize(("language", "text", "names"), [
    ("pt", "A Nuvem inaugurou o primeiro data center no Porto, o OPO101. A empresa prevê "
           "mais duas unidades, OPO102 e OPO103, no mesmo campus.",
     ["OPO101", "OPO102", "OPO103"]),
    ("fr", "Le groupe exploite les parcs LYS1 et LYS2. Le nouveau data center LYS3 ouvrira "
           "à Lyon.", ["LYS1", "LYS2", "LYS3"]),
    ("de", "Der Betreiber baut die beiden neuen Datacenter P und Q in Winterthur. Das "
           "Datacenter R ist schon in Betrieb.", ["Datacenter P", "Datacenter Q",
                                                  "Datacenter R"]),
    ("en", "Acme opened its ZRH5 data centre in Zurich, next to ZRH3 and ZRH4.",
     ["ZRH5", "ZRH3", "ZRH4"]),
])
def test_siblings_are_facilities(language, text, names):
    assert sorted(_facilities(text, language)) == sorted(names)


@pytest.mark.parametrize(("language", "text"), [
    ("es", "El nuevo centro de datos y la estación de cable estarán en Bilbao."),
    ("it", "Il data center E sarà pronto."),
])
def test_a_letter_that_is_a_word_names_nothing(language, text):
    assert not any(name.endswith((" y", " E")) for name in _facilities(text, language))


def test_a_code_of_other_letters_is_no_sibling():
    names = _facilities("Acme opened its ZRH5 data centre in Zurich. The A380 landed in "
                        "Geneva.", "en")
    assert names == ["ZRH5"]


@pytest.mark.parametrize(("language", "text", "places"), [
    ("pt", "O cabo terá dois pontos de aterragem, um em Santos e outro em Fortaleza.",
     ["Santos", "Fortaleza"]),
    ("en", "The cable will have two landing stations, one in Marseille and another in Genoa.",
     ["Marseille", "Genoa"]),
])
def test_a_counted_plural_listing_places_is_one_facility_per_place(language, text, places):
    facts = find_facts(text, language=language)
    assert [f.place.surface for f in facts.facilities] == places
    assert {f.kind for f in facts.facilities} == {"cable-landing"}
