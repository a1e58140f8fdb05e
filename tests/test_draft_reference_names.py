"""The reference lists of names (geo/data/draft_reference_*.tsv): well formed, every source
documented, and used as evidence by the drafting rules."""

from __future__ import annotations

import re

import pytest

from geo.draft import find_facts
from geo.draft.known_names import (
    REFERENCE_CABLES_FILE,
    REFERENCE_ORGANISATIONS_FILE,
    known_cables,
    known_organisations,
)
from geo.draft.vocabulary import fold, fold_aligned

PROVENANCE = REFERENCE_CABLES_FILE.parent / "PROVENANCE.md"


def _rows(path):
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("path", [REFERENCE_CABLES_FILE, REFERENCE_ORGANISATIONS_FILE])
def test_rows_are_well_formed_and_sourced(path):
    rows = _rows(path)
    assert len(rows) > 250
    documented = set(re.findall(r"`((?:CIA|LPN|WP)-[A-Z0-9]+)`", PROVENANCE.read_text(
        encoding="utf-8")))
    for row in rows:
        assert len(row) == 3, row
        name, others, sources = row
        forms = [name, *(f for f in others.split(" | ") if f)]
        assert all(f == f.strip() and len(f) > 2 for f in forms), row
        assert sources and set(sources.split(",")) <= documented, row


def test_ordinary_words_are_not_names():
    for word in ("Three", "Free", "Sky", "Orange", "Touch", "Claro", "Vivo"):
        assert not any(word in [r[0], *r[1].split(" | ")]
                       for r in _rows(REFERENCE_ORGANISATIONS_FILE)), word


def test_reference_names_join_the_lists():
    # on a reference list only (no labelled article names them)
    assert fold("Moldtelecom") in known_organisations()
    assert fold_aligned("Aletar") in known_cables()
    # a company's name is no cable's, three letters are too few
    labelled = (REFERENCE_CABLES_FILE.parent / "draft_known_cables.txt").read_text(
        encoding="utf-8").splitlines()
    assert "MainOne" not in labelled and fold_aligned("MainOne") not in known_cables()
    assert "SAS" not in labelled and fold_aligned("SAS") not in known_cables()


def test_a_reference_name_is_drafted():
    text = ("Moldtelecom and Orange Moldova signed an agreement in Chisinau. "
            "The Aletar submarine cable links Egypt and Syria.")
    facts = find_facts(text, language="en")
    assert "Moldtelecom" in {o.name for o in facts.organisations}
    assert "Aletar" in {r.name for r in facts.routes}
