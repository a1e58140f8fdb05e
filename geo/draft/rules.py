"""The drafting rules in order: read the article, find routes, facilities, organisations,
agreements, and keep the places."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence

from geo.draft.agreements import AgreementFinder, party_names
from geo.draft.document import Document, Spans
from geo.draft.facilities import find_facility_names
from geo.draft.facts import DraftFacts, OrganisationFact
from geo.draft.organisations import find_organisations
from geo.draft.routes import find_routes
from geo.draft.vocabulary import fold
from geo.extract import Extractor

_EXTRACTOR: Extractor | None = None
_LOCK = threading.Lock()


def default_extractor() -> Extractor:
    """One :class:`Extractor` per process, built on first use (building it loads the
    gazetteer, which takes seconds)."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        with _LOCK:
            if _EXTRACTOR is None:
                _EXTRACTOR = Extractor()
    return _EXTRACTOR


#: Names of seas and oceans (the gazetteer's, in English) and the words of water in the six
#: languages: a sea is no city, country or region of the text.
_SEA_NAMES = {"mediterranean", "mediterranean sea", "atlantic", "atlantic ocean", "pacific",
              "pacific ocean", "indian ocean", "arctic ocean", "southern ocean",
              "baltic sea", "north sea", "red sea", "black sea", "caspian sea",
              "caribbean sea", "arabian sea", "south china sea", "adriatic sea",
              "tyrrhenian sea", "ionian sea", "aegean sea", "persian gulf", "gulf of guinea"}
_WATER_RE = re.compile(r"(?<![\w-])(?:oc[ée]an|ocean|oceano|océano|ozean|mer|mar|sea|meer|"
                       r"see|golfe|gulf|golfo|canal|channel|stretto|strait|détroit|estrecho|"
                       r"estreito|meerenge|mediterr\w*|atl[aâá]nti\w*|pac[ií]fi\w*)(?![\w-])",
                       re.IGNORECASE)


def _population(doc: Document, m) -> int:
    """The population of the town a mention resolves to (0 when unknown)."""
    gazetteer = getattr(doc.extractor, "gazetteer", None)
    place = gazetteer.get(m.place) if gazetteer is not None and m.place else None
    return getattr(place, "population", 0) or 0


def places_of(doc: Document, facts: DraftFacts, route_forms: Sequence[str] = ()) -> list:
    """The cities, countries and regions the text names as places: the extractor's mentions
    (and the gazetteer's readings of names in facilities' phrases), less those inside the
    name of an organisation, route or facility ("Sparkle Greece", "South Atlantic Cable
    System", and in every other form of a route's name, ``route_forms``: "ACE (Africa Coast
    to Europe)"), seas and oceans, and words of state ("im Bau")."""
    text = doc.text
    names = [o.name for o in facts.organisations] + [a for o in facts.organisations
                                                      for a in o.aliases]
    names += [r.name for r in facts.routes if r.name] + list(route_forms)
    names += [f.name for f in facts.facilities if f.name[:1].isupper()]
    found = []
    for name in {n for n in names if n and len(n) > 2}:
        found.extend(doc.occurrences(name))
    spans = Spans(found)
    # a one-word town the text names as a company is that company ("Datencenter-Unternehmen
    # Green"); a country stays a place when it signs
    companies = {fold(n) for o in facts.organisations for n in [o.name, *o.aliases]
                 if " " not in n}
    out = []
    for m in sorted(list(doc.places) + doc.found_places, key=lambda m: m.start):
        if m.kind not in ("city", "country", "region"):
            continue
        if spans.covers(m.start, m.end, proper=True):
            continue
        if m.kind == "city" and fold(m.text) in companies and _population(doc, m) < 100_000:
            continue
        if fold(m.name or "") in _SEA_NAMES or _WATER_RE.search(m.text):
            continue
        if re.search(r"\bim\s+Bau\b|\bin\s+Betrieb\b", text[max(0, m.start - 4):m.end + 1]):
            continue
        out.append(m)
    return out


def find_facts(text: str, *, language: str = "en", article_date: str | None = None,
               extractor: Extractor | None = None) -> DraftFacts:
    extractor = extractor or default_extractor()
    # one spelling of each accented letter: "Côte" written as "C", "o", U+0302 (decomposed,
    # as some editors and PDF extracts write it) is read as the same word, and every quote
    # is then found by `geo check`, which compares texts in this form too
    text = unicodedata.normalize("NFC", text)
    mentions = extractor.extract(text)
    doc = Document.read(text, language, article_date, mentions, extractor)
    facts = DraftFacts()
    routes = find_routes(doc)
    route_forms = {fold(f) for r in routes.routes for f in r.forms}
    facilities = find_facility_names(doc, route_forms)
    blocked = route_forms | facilities.named
    facts.organisations = find_organisations(doc, blocked)
    for name, sentence in party_names(doc, facts.organisations, blocked):
        facts.organisations.append(OrganisationFact(name, sentence.evidence))  # a deal's party
    facts.facilities = facilities.resolve(facts.organisations)
    routes.attach_operators(facts.organisations)
    facts.routes = [r.fact() for r in routes.routes]
    route_names = [(a, b, r.name) for a, b, r in routes.spans if r.name]
    finder = AgreementFinder(doc, facts.organisations, route_names, facts.facilities)
    facts.agreements = finder.find()
    known = {fold(n) for o in facts.organisations for n in [o.name, *o.aliases]}
    for name, sentence in finder.signing_countries:
        if fold(name) not in known:  # countries that sign are parties, hence organisations
            known.add(fold(name))
            facts.organisations.append(OrganisationFact(name, sentence.evidence))
    facts.places = places_of(doc, facts, [f for r in routes.routes for f in r.forms])
    return facts
