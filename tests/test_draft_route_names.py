"""One cable's name written two ways is one route (invented sentences)."""

from __future__ import annotations

import pytest

from geo.draft import find_facts
from geo.draft.route_merging import compact_name


@pytest.mark.parametrize(("a", "b"), [("KALI 2", "KALI2"), ("Marlin Cable", "Marlin"),
                                      ("Blue-Whale-Kabel", "Blue Whale"),
                                      ("SEA-ME-WE 6", "SeaMeWe-6")])
def test_one_name_two_ways(a, b):
    assert compact_name(a) == compact_name(b)


def test_different_names_stay_apart():
    assert compact_name("KALI 2") != compact_name("KALI 3")


@pytest.mark.parametrize(("language", "text"), [
    ("de", 'Google will ein neues Unterseekabel "Blue Whale" im Nordatlantik verlegen. Wie '
           "Google schreibt, handelt es sich bei dem Blue-Whale-Kabel um das erste neue "
           "Unterseekabel seit 2003."),
    ("en", "Telkom said the KALI 2 submarine cable has landed in Mombasa. KALI2 is a $86 M "
           "investment in a cable system."),
    ("en", "The Marlin submarine cable landed in Sydney. The Marlin Cable is 15,000 km long."),
])
def test_a_name_written_two_ways_is_one_route(language, text):
    routes = find_facts(text, language=language).routes
    assert len(routes) == 1, [r.name for r in routes]


@pytest.mark.parametrize(("language", "text", "name"), [
    ("es", "Xolotel presentó el nuevo cable submarino que unirá Lisboa con Dakar, conocido "
           "también como Senegal Express.", "Senegal Express"),
    ("pt", "A Xolotel apresentou o novo cabo submarino que ligará Lisboa a Dakar, conhecido "
           "também como Senegal Express.", "Senegal Express"),
    ("it", "Xolotel ha presentato il nuovo cavo sottomarino che collegherà Lisbona a Dakar, "
           "noto anche come Senegal Express.", "Senegal Express"),
    ("fr", "Xolotel a présenté le nouveau câble sous-marin qui reliera Lisbonne à Dakar, "
           "appelé aussi Senegal Express.", "Senegal Express"),
])
def test_a_name_given_after_the_ends_names_the_route_and_is_no_end(language, text, name):
    # "conocido también como", "noto anche come", "appelé aussi": the name comes after the
    # ends, which were read before the route had a name; a place inside it is no end
    [route] = find_facts(text, language=language).routes
    assert route.name == name
    assert [w.surface for w in route.waypoints] == [
        {"es": "Lisboa", "pt": "Lisboa", "it": "Lisbona", "fr": "Lisbonne"}[language], "Dakar"]
