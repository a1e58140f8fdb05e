"""The drafting rules in order: read the article, find routes, facilities, organisations,
agreements, and keep the places."""

from __future__ import annotations

import threading

from geo.draft.agreements import find_agreements
from geo.draft.document import Document
from geo.draft.facilities import find_facility_names
from geo.draft.facts import DraftFacts
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


def find_facts(text: str, *, language: str = "en", article_date: str | None = None,
               extractor: Extractor | None = None) -> DraftFacts:
    extractor = extractor or default_extractor()
    mentions = extractor.extract(text)
    doc = Document.read(text, language, article_date, mentions, extractor)
    facts = DraftFacts()
    routes = find_routes(doc)
    route_forms = {fold(f) for r in routes.routes for f in r.forms}
    facilities = find_facility_names(doc, route_forms)
    blocked = route_forms | facilities.names()
    facts.organisations = find_organisations(doc, blocked)
    facts.facilities = facilities.resolve(facts.organisations)
    routes.attach_operators([o.name for o in facts.organisations])
    facts.routes = [r.fact() for r in routes.routes]
    route_names = [(a, b, r.name) for a, b, r in routes.spans if r.name]
    facts.agreements = find_agreements(doc, facts.organisations, route_names,
                                       facts.facilities)
    facts.places = [m for m in doc.places if m.kind in ("city", "country", "region")]
    return facts
