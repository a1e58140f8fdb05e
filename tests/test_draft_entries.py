"""From facts to catalogue entries: every entry validates and quotes its sentence, positions
come from the gazetteer with a reference, the catalogue's entities are reused (a new form is
proposed as an alias, never applied), and what the text leaves out stays out or is written
commented out with the reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.catalog import check_workspace, load_catalog
from geo.draft.entries import draft_entries, slug
from geo.draft.facts import (
    AgreementFact,
    DraftFacts,
    Evidence,
    FacilityFact,
    FigureFact,
    OrganisationFact,
    PlaceRef,
    RouteFact,
)
from geo.draft.intake import take_in
from geo.draft.run import draft_text
from geo.extract import Extractor

ROOT = Path(__file__).resolve().parents[1]
TEXT = ("NTT and Telstra signed an agreement in Singapore to build a new submarine cable "
        "linking Sydney to Singapore via Jakarta. The 6,000 km system is expected to be ready "
        "for service in 2027. Telstra will also open a new point of presence in Equinix's SG3 "
        "data centre in Singapore. Liquid Intelligent Technologies (Liquid) and China Telecom "
        "Global will host it.")


def _sentence(text: str, needle: str) -> Evidence:
    start = text.index(needle)
    end = text.index(". ", start) + 1 if ". " in text[start:] else len(text)
    return Evidence(start, end, text[start:end])


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _place(extractor: Extractor, text: str, surface: str, after: int = 0) -> PlaceRef:
    mention = next(m for m in extractor.extract(text) if m.text == surface
                   and m.start >= after)
    return PlaceRef(surface, mention)


def facts_of(text: str, extractor: Extractor) -> DraftFacts:
    """The facts the drafting rules should find in TEXT, written by hand (the entries module
    is tested on its own here; the rules are tested in test_draft_rules.py)."""
    s1 = _sentence(text, "NTT and Telstra")
    s2 = _sentence(text, "The 6,000 km")
    s3 = _sentence(text, "Telstra will also")
    s4 = _sentence(text, "Liquid Intelligent")
    singapore = _place(extractor, text, "Singapore")
    return DraftFacts(
        organisations=[OrganisationFact("NTT", s1), OrganisationFact("Telstra", s1),
                       OrganisationFact("Equinix", s3),
                       OrganisationFact("Liquid Intelligent Technologies", s4, ["Liquid"]),
                       OrganisationFact("China Telecom Global", s4)],
        facilities=[FacilityFact("Telstra point of presence", "pop", s3, operator="Telstra",
                                 host="SG3", status="planned"),
                    FacilityFact("SG3", "data-centre", s3, operator="Equinix",
                                 place=_place(extractor, text, "Singapore", s3.start))],
        routes=[RouteFact("", s1, waypoints=[_place(extractor, text, "Sydney"),
                                             _place(extractor, text, "Jakarta"),
                                             _place(extractor, text, "Singapore", s1.start + 90)],
                          medium="submarine", status="planned",
                          figures=[FigureFact("length", 6000, "km", s2),
                                   FigureFact("ready-for-service", 2027, "year", s2)])],
        agreements=[AgreementFact("partnership", ["NTT", "Telstra"], s1, venue=singapore,
                                  venue_evidence=s1)],
    )


@pytest.fixture
def drafted_workspace(tmp_path: Path, extractor: Extractor) -> Path:
    ws = tmp_path / "ws"
    shutil.copytree(ROOT / "seeds", ws / "seeds")
    shutil.copytree(ROOT / "data", ws / "data")
    article = tmp_path / "ntt-telstra.txt"
    article.write_text(TEXT, encoding="utf-8")
    intake = take_in(article, ws / "seeds")
    drafted = draft_entries(facts_of(TEXT, extractor), intake.stem, load_catalog(ws))
    (ws / "drafts").mkdir()
    (ws / "drafts" / f"{intake.stem}.toml").write_text(draft_text(intake, drafted),
                                                        encoding="utf-8")
    return ws


def test_slug_folds_accents_and_punctuation() -> None:
    assert slug("Équinix SG3") == "equinix-sg3"
    assert slug("  --  ") == "entity"


def test_entries_validate_and_quote_their_sentences(drafted_workspace: Path) -> None:
    assert check_workspace(drafted_workspace) == []
    text = (drafted_workspace / "drafts" / "ntt-telstra.toml").read_text(encoding="utf-8")
    # "Liquid Intelligent Technologies" is an alias in data/ already; "Liquid" is not
    assert 'proposed alias for liquid-telecom: "Liquid"' in text
    assert "Intelligent" not in text.split("proposed alias")[1].split("\n")[0]
    assert "country =" not in text.split("[[site]]")[0]  # organisations: no invented country


def test_entries_carry_the_facts(drafted_workspace: Path) -> None:
    from geo.catalog import read_workspace
    from geo.workspace import Workspace

    cat, problems = read_workspace(Workspace(drafted_workspace), drafts=True)
    assert problems == []
    drafted = {eid for eid, stem in cat.draft_of.items() if stem == "ntt-telstra"}
    orgs = {cat.organisations[i].name for i in drafted if i in cat.organisations}
    assert orgs == {"NTT", "Telstra", "Equinix"}  # Liquid and CTG are already in data/
    sg3 = next(s for s in cat.sites.values() if s.name == "SG3")
    # Singapore is a city-state: the gazetteer reads it as the country
    assert (sg3.kind, sg3.operator) == ("data-centre", "equinix")
    assert sg3.precision in ("city", "country")
    assert any(src.reference and src.reference.startswith("geonames:") for src in sg3.sources)
    pop = next(s for s in cat.sites.values() if s.kind == "pop" and s.id in drafted)
    assert (pop.host, pop.operator, pop.status) == (sg3.id, "telstra", "planned")
    route = next(r for r in cat.routes.values() if r.id in drafted)
    assert (route.kind, route.status, route.schematic) == ("submarine-cable", "planned", True)
    names = [cat.sites[w].name for w in route.segments[0].waypoints]
    assert names == ["Sydney", "Jakarta", "Singapore"]
    figures = {(f.quantity, f.value, f.unit) for f in route.figures}
    assert figures == {("length", 6000.0, "km"), ("ready-for-service", 2027.0, "year")}
    agreement = next(a for a in cat.agreements.values() if a.id in drafted)
    assert agreement.parties == ["ntt", "telstra"] and agreement.date is None
    assert cat.sites[agreement.venue].name == "Singapore"
    assert agreement.subjects == [route.id]


def test_incomplete_facts_are_written_commented_out(tmp_path: Path, extractor: Extractor
                                                    ) -> None:
    text = "Acme Networks will build a data centre. Acme Networks signed a memorandum."
    s1, s2 = _sentence(text, "Acme Networks will"), _sentence(text, "Acme Networks signed")
    facts = DraftFacts(organisations=[OrganisationFact("Acme Networks", s1)],
                       facilities=[FacilityFact("data centre", "data-centre", s1,
                                                operator="Acme Networks", status="planned")],
                       routes=[RouteFact("Nowhere Cable", s1)],
                       agreements=[AgreementFact("memorandum", ["Acme Networks"], s2)])
    drafted = draft_entries(facts, "acme")
    assert [b.table for b in drafted.blocks if b.incomplete] == ["site", "route", "agreement"]
    assert drafted.count("organisation") == 1
