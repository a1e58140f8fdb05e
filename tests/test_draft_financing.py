"""Financing told as such is a deal of kind ``other`` between the funders named, and the
names of development banks and funds keep their lower-case words (invented sentences)."""

from __future__ import annotations

import pytest

from geo.draft import find_facts


def _deals(text: str, language: str) -> list[tuple[str, list[str]]]:
    return [(a.kind, a.parties) for a in find_facts(text, language=language).agreements]


@pytest.mark.parametrize(("language", "text", "funders"), [
    ("en", "The new landing station is financed by the Nordic Investment Bank.",
     ["Nordic Investment Bank"]),
    ("fr", "La station est financée par la Banque européenne d’investissement pour 40 "
           "millions d’euros.", ["Banque européenne d’investissement"]),
    ("fr", "Le réseau est financé par les prêts de la Banque mondiale et du Fonds africain "
           "de développement.", ["Banque mondiale", "Fonds africain de développement"]),
    ("es", "El cable está financiado en parte por el Banco Europeo de Inversiones.",
     ["Banco Europeo de Inversiones"]),
    ("it", "Il collegamento è finanziato dalla Banca europea per gli investimenti.",
     ["Banca europea per gli investimenti"]),
    ("en", "The backbone, financed by loans from the Islamic Development Bank, was built "
           "by Huawei.", ["Islamic Development Bank"]),
    ("pt", "O banco Santander liderou o financiamento do projeto.", ["Santander"]),
    ("en", "The banks Natixis and Société Générale led the financing of the campus.",
     ["Natixis", "Société Générale"]),
])
def test_a_named_funder_makes_a_financing_deal(language, text, funders):
    assert ("other", funders) in _deals(text, language)


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Orange financed the landing station with its own funds."),
    ("en", "The operator is still looking for funding for the new cable."),
    ("fr", "Le câble sera prêt en 2027, selon Orange."),
    ("en", "Huawei laid the fibre across the country, with Chinese financing behind it."),
])
def test_no_funder_no_financing_deal(language, text):
    assert _deals(text, language) == []


@pytest.mark.parametrize(("language", "text"), [
    # the "by" of another verb, far from the words of financing
    ("en", "The project received funding for the landing station built by Alcatel Submarine "
           "Networks."),
    # "de", "di": what is financed, not who pays
    ("fr", "Le financement du projet d'Orange a commencé en 2020."),
    ("it", "Il finanziamento del progetto di TIM è stato approvato."),
    # denied or refused
    ("en", "The World Bank declined financing for the cable proposed by Orange."),
    ("en", "The project is not financed by Google, said the minister."),
])
def test_no_funder_where_the_words_name_none(language, text):
    assert not any(kind == "other" for kind, _p in _deals(text, language))
