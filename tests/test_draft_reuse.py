"""An entity the catalogue or another draft already holds is reused by id, never drafted
twice (geo.draft.entries): an agreement of the same kind between the same parties, an
unnamed route with the same ends, a facility under the name it was written with, a place
under another form of its name or by its gazetteer reference, and a site whose name an
organisation also has."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.catalog import load_catalog
from geo.draft_toml import parse_draft

ARTICLES = {
    "route-deal": "Acme Networks and Bluefin Telecom signed a partnership agreement to build "
                  "a new terrestrial fibre route linking Genoa to Milan. The route will be "
                  "operational in 2026.\n",
    "zorblax-a": "Zorblax Networks opens data centre in Lyon\n\nZorblax Networks has opened "
                 "the Zorblax LYO1 data centre in Lyon, France, the company said on Monday.\n"
                 "The facility is operational and hosts several carriers.\n",
    "ct-en": "Zorblax Networks opens data centre in Cape Town\n\nZorblax Networks has opened "
             "the Zorblax CPT1 data centre in Cape Town, the company said.\n",
    "ct-fr": "Quintara Telecom ouvre un centre de données au Cap\n\nQuintara Telecom a ouvert "
             "le centre de données Quintara CPT9 au Cap, a annoncé la société.\n",
}


@pytest.fixture
def ws(tmp_path: Path, runner) -> Path:
    root = tmp_path / "ws"
    runner("init", str(root), expect=0)
    for stem, text in ARTICLES.items():
        (tmp_path / f"{stem}.txt").write_text(text, encoding="utf-8")
    return root


def _complete_ids(ws: Path, stem: str) -> list[str]:
    text = (ws / "drafts" / f"{stem}.toml").read_text(encoding="utf-8")
    return [e.entity_id or "" for e in parse_draft(text).complete]


@pytest.mark.parametrize("stem", ["route-deal", "zorblax-a", "ct-en"])
def test_drafting_an_accepted_article_again_drafts_nothing(ws: Path, runner, stem: str
                                                           ) -> None:
    runner("draft", str(ws.parent / f"{stem}.txt"), "-w", str(ws), expect=0)
    accepted = _complete_ids(ws, stem)
    assert accepted
    runner("accept", "-w", str(ws), stem, expect=0)
    result = runner("draft", stem, "-w", str(ws), expect=0)
    assert f"geo: {stem}: nothing new; " in result.stderr
    assert _complete_ids(ws, stem) == []
    assert runner("check", "-w", str(ws)).exit_code == 0


def test_a_place_is_reused_under_another_form_of_its_name(ws: Path, runner) -> None:
    runner("draft", str(ws.parent / "ct-en.txt"), str(ws.parent / "ct-fr.txt"), "-w",
           str(ws), expect=0)
    runner("draft", str(ws.parent / "ct-fr.txt"), "-w", str(ws), expect=0)  # and apart
    cat = load_catalog(ws, drafts=True)
    cape_towns = [e.id for _kind, e in cat.entities()
                  if any(s.reference == "geonames:3369157" for s in e.sources)
                  and getattr(e, "kind", None) == "city"]
    assert len(cape_towns) == 1, cape_towns
    cpt9 = next(e for _kind, e in cat.entities() if e.name == "Quintara CPT9")
    assert (cpt9.lon, cpt9.lat) == (cat.get(cape_towns[0]).lon, cat.get(cape_towns[0]).lat)


def test_a_facility_s_word_alone_is_no_name_to_reuse():
    """Two articles each with a PoP no name tells apart: two sites, named by their place,
    never one reused for the other."""
    from geo.draft import find_facts
    from geo.draft.entries import Held, draft_entries

    held = Held.of(None)
    names = []
    for stem, text in (("a", "Kovacom has opened a new PoP in Tokyo, Japan."),
                       ("b", "Vorbel has opened a new PoP in Lisbon, Portugal.")):
        drafted = draft_entries(find_facts(text), stem, held=held)
        names += [b.entry["name"] for b in drafted.blocks if b.table == "site"
                  and b.entry.get("kind") == "pop"]
        for block in drafted.blocks:
            if block.incomplete is None:
                held.hold_block(block)
    assert len(names) == 2 and names[0] != names[1]


def _draft_two(first: str, second: str) -> list:
    """The blocks drafted for ``second`` after ``first`` was drafted (held)."""
    from geo.draft import find_facts
    from geo.draft.entries import Held, draft_entries

    held = Held.of(None)
    for block in draft_entries(find_facts(first), "a", held=held).blocks:
        if block.incomplete is None:
            held.hold_block(block)
    return draft_entries(find_facts(second), "b", held=held).blocks


def test_routes_with_the_same_ends_and_other_operators_are_two():
    blocks = _draft_two(
        "Kovacom has completed a new terrestrial fibre route between Hamburg and Frankfurt.",
        "Vorbel has built a new terrestrial fibre route between Hamburg and Frankfurt.")
    assert [b.table for b in blocks].count("route") == 1


def test_two_memoranda_of_the_same_parties_told_apart_are_two():
    blocks = _draft_two(
        "Kovacom and Vorbel signed a memorandum of understanding on 3 March 2019 to share "
        "masts in Spain.",
        "Kovacom and Vorbel signed a memorandum of understanding to share fibre networks in "
        "Portugal.")
    assert [b.table for b in blocks].count("agreement") == 1


def test_data_centres_named_by_their_word_alone_in_two_towns_are_two():
    blocks = _draft_two("A new data centre opened in Lisbon last week.",
                        "A new data centre opened in Madrid last week.")
    assert [b.entry["name"] for b in blocks if b.table == "site"
            and b.entry.get("kind") == "data-centre"] == ["Madrid data centre"]
