"""The shipped lists of labelled names are the dev labels' organisations and cables, nothing
else (the reference lists: tests/test_draft_reference_names.py)."""

from geo.draft.known_names import known_organisations
from geo.draft.vocabulary import fold
from tests.draft_eval import load_corpus
from tests.draft_lexicon import cable_names, file_texts, known_names


def test_the_shipped_lists_are_built_from_the_dev_labels():
    for path, text in file_texts().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path} is stale: run python -m tests.draft_lexicon")


def test_no_name_comes_from_the_hold_out_only():
    dev = {fold(n) for a in load_corpus("dev") for o in a.labels.get("organisation", [])
           for n in [o["name"], *o.get("aliases", [])]}
    assert {fold(n) for n in known_names()} <= dev
    assert frozenset(fold(n) for n in known_names()) <= known_organisations()
    dev_routes = {fold(r["name"]) for a in load_corpus("dev") for r in a.labels.get("route", [])}
    assert {fold(n) for n in cable_names()} <= dev_routes


def test_a_known_name_is_an_organisation_without_other_cues():
    from geo.draft import find_facts

    text = "Le câble arrive à Sines. Il sera hébergé chez Equinix et chez EdgeConneX."
    names = {o.name for o in find_facts(text, language="fr").organisations}
    assert names == {"Equinix", "EdgeConneX"}
