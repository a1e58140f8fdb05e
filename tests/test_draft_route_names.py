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
