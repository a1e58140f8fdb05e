"""Deals told without a deal's noun: a joint build is a partnership, a supplier engaged or
doing the work a contract (invented sentences, six languages)."""

from __future__ import annotations

import pytest

from geo.draft import find_facts


def _deals(text: str, language: str) -> list[tuple[str, list[str]]]:
    return [(a.kind, a.parties) for a in find_facts(text, language=language).agreements]


@pytest.mark.parametrize(("language", "text", "parties"), [
    ("es", "Google y Facebook anunciaron el lunes sus planes para desplegar un nuevo cable "
           "submarino entre Singapur y Japón.", ["Google", "Facebook"]),
    ("pt", "A Vodacom Moçambique e a Airtel Malawi anunciaram hoje o lançamento de uma "
           "interligação de fibra óptica na fronteira.", ["Vodacom Moçambique",
                                                         "Airtel Malawi"]),
    ("fr", "Orange et Sonatel vont construire un câble sous-marin entre Dakar et Abidjan.",
     ["Orange", "Sonatel"]),
    ("it", "Sparkle e Telecom Egypt costruiranno un nuovo cavo sottomarino tra Genova e "
           "Alessandria.", ["Sparkle", "Telecom Egypt"]),
])
def test_a_joint_build_is_a_partnership(language, text, parties):
    assert ("partnership", parties) in _deals(text, language)


@pytest.mark.parametrize(("language", "text", "parties"), [
    ("en", "SubCom has been engaged for the supply and installation of the subsea system.",
     ["SubCom"]),
    ("en", "The backbone was implemented by Huawei Technologies and ZTE.",
     ["Huawei Technologies", "ZTE"]),
])
def test_a_supplier_has_a_contract(language, text, parties):
    assert ("contract", parties) in _deals(text, language)


@pytest.mark.parametrize(("language", "text"), [
    # two names, but not joined as the subject of a build
    ("en", "Orange said the cable would reach Dakar, while MTN announced new prices."),
    # joined, but nothing is built
    ("en", "Orange and MTN announced their quarterly results on Monday."),
    # the contract is already told, with the supplier's longer name
    ("fr", "Telecom Egypt a signé un contrat avec Alcatel-Lucent pour un câble sous-marin. "
           "Le câble, construit par Alcatel, reliera Alexandrie à Marseille."),
])
def test_no_deal_without_a_joint_build_or_a_new_supplier(language, text):
    deals = _deals(text, language)
    assert not any(kind == "partnership" for kind, _p in deals)
    assert len([p for kind, p in deals if kind == "contract"]) <= 1


@pytest.mark.parametrize("text", [
    "Nokia and Ericsson announced weak results as the network equipment market slows.",
    "Orange and MTN announced record profits, helped by demand on the new cable.",
    "Microsoft and Google launched rival AI products; the data center boom continues.",
    "Huawei has been engaged in talks with the regulator about the cable.",
])
def test_no_deal_where_nothing_is_built_together(text):
    assert _deals(text, "en") == []
