"""A word common in the article's language, capitalised alone, is no organisation's name
unless a list of names knows it (invented sentences)."""

from __future__ import annotations

from geo.draft import find_facts
from geo.draft.common_words import common_words


def _organisations(text: str, language: str) -> list[str]:
    return [o.name for o in find_facts(text, language=language).organisations]


def test_the_list_holds_common_words_not_names():
    assert {"mehrheit", "insgesamt"} <= common_words("de")
    assert "estrutura" in common_words("pt")
    assert not {"google", "vodafone", "huawei"} & (common_words("en") | common_words("de"))
    assert common_words("xx") == frozenset()


def test_a_capitalised_common_noun_signs_nothing():
    text = ("Insgesamt hat der Investor Nordwind die Mehrheit an der Datenfirma Kappa "
            "übernommen.")
    names = _organisations(text, "de")
    assert "Insgesamt" not in names and "Mehrheit" not in names
    assert "Nordwind" in names


def test_a_known_name_that_is_a_word_stays_an_organisation():
    # "Claro" is a common Spanish word, and a labelled operator
    assert "Claro" in _organisations("Claro firmó un acuerdo con Telefónica en Lima.", "es")


def test_a_name_ending_like_a_german_noun_is_kept_before_its_legal_form():
    # "-er" makes a German noun only when the word is a common one ("Betreiber")
    assert _organisations("Die Hetzner Online GmbH ist Kunde.", "de") == [
        "Hetzner Online GmbH"]
    assert _organisations("Der Betreiber Wellenfunk baut ein Netz.", "de") == ["Wellenfunk"]


def test_a_lower_case_legal_form_belongs_to_the_name():
    facts = find_facts("La società Darksea Italy srl ha ottenuto il permesso. Darksea Italy "
                       "posa il cavo.", language="it")
    assert [(o.name, o.aliases) for o in facts.organisations] == [
        ("Darksea Italy srl", ["Darksea Italy"])]
