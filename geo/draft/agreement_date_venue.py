"""The date and venue of a signing, as the sentence that tells it gives them.

* **Date**: only one written next to the signing ("signed on 5 June", "ont signé ce
  mercredi 5 avril 2023") or the deal's noun ("la co-acquisition ..., en février 2000"); a
  day and month without a year take the article's year when it has one; not the date of
  another act ("avait autorisé en juillet 2013 la signature", "announced on").
* **Venue**: the place, building or body a locative names next to the signing ("signed an
  agreement in Singapore", "held at Timor Plaza", "assinados na DGRM", "protocole d'accord de
  Dakar"); not a route's end ("linking Sydney to Singapore").
"""

from __future__ import annotations

import re

from geo.draft.dates import dates, last_month_dates, weekday_dates
from geo.draft.document import Document, in_range
from geo.draft.facts import FacilityFact, PlaceRef
from geo.draft.sentences import Sentence

#: Words of another act right before a date: the date is that act's, not the signing's.
_OTHER_ACT_BEFORE_RE = re.compile(
    r"(?:(?:autoris|authori[sz]|approv|aprob|aprov|approuv|genehmig|annonc|announc|anunci|"
    r"annunci|publi|reported|expected|prévu|previst|erwartet|ready|service|operat|complet|"
    r"achev|conclu|inaugur|live|online|Betrieb)\w*\s+(?:\w+\s+){0,2}|(?:by|until|before|"
    r"d['’]ici|avant|hasta|antes\s+de|até|entro|bis)\s+(?:\w+\s+){0,1})$",
    re.IGNORECASE)
#: A locative, perhaps a word for a building, before the name of a building or body where a
#: deal is signed ("at the Koror Grand Hotel", "presso la sede di", "no Palácio").
BUILDING_BEFORE_RE = re.compile(
    r"(?:\bat|\bin|\bà|\ben|\bem|\bna|\bno|\bnel|\bnella|\bpresso|\bim|\bbei|\bau|\bal|"
    r"\bnello)\s+(?:(?:the|la|le|l['’]|el|il|o|a|der|die|dem|lo)\s*)?"
    r"(?P<noun>(?:hotel|hôtel|palais|pal[aá]cio|palazzo|sede|si[eè]ge|headquarters|offices?|"
    r"premises|residence|r[ée]sidence|salle|sala|Sitz|Hauptsitz|Rathaus)\s+"
    r"(?:(?:of|de|del|da|do|di|della|du|des|von|der)\s+(?:(?:the|la|le|l['’]|el|il|o|a)\s*)?)?)?$",
    re.IGNORECASE)
#: The last word of a building's name ("Timor Plaza", "Koror Grand Hotel").
_BUILDING_NAME_RE = re.compile(r"\b(?:Hotel|Hôtel|Plaza|Palace|Palais|Pal[aá]cio|Palazzo|"
                               r"Centre|Center|Centro|Hall|Tower|House|Restaurant|Club|"
                               r"Building|Auditorium|Rathaus|Hof)$")
#: Locatives before a body where a deal is signed ("assinados na DGRM", "at the ministry").
_ORG_VENUE_RE = re.compile(r"(?:\bat|\bin|\bna|\bno|\bem|\bà|\bau|\bim|\bpresso|\bbei|"
                           r"\bchez|\bnella|\bnel|\bal|\ben\s+el|\ben\s+la)\s+"
                           r"(?:(?:the|la|le|l['’]|el|il|der|die|dem)\s*)?$", re.IGNORECASE)
#: A locative before a place where a deal is signed ("in Singapore", "nella città di").
_LOCATIVE_RE = re.compile(r"(?:\bin|\bat|\bà|\ben|\bem|\bna|\bno|\ba|\bad|\bnel|\bnella|\bim|"
                          r"\bau|\bdans|\bin\s+der|\bin\s+the)\s+(?:(?:the|la|le|l['’]|el|o|"
                          r"a|il|der|die|das)\s*)?(?:(?:city|town|ville|ciudad|cidade|città|"
                          r"Stadt|capital|capitale)\s+(?:of|de|da|di|del|du|d['’])\s*(?:(?:the|"
                          r"la|le|l['’]|el|o|a|il)\s*)?)?$", re.IGNORECASE)


class SigningDateVenue:
    """The date and venue of a signing in one sentence; a base of
    :class:`geo.draft.agreements.AgreementFinder`, which sets what it reads."""

    doc: Document
    text: str
    facilities: list[FacilityFact]
    #: every place the text names an organisation, ``(start, end, its name)``, and the starts
    occurrences: list[tuple[int, int, str]]
    occurrence_starts: list[int]
    #: the runs of names of each sentence, by the sentence's index
    runs_by_sentence: dict[int, list]

    def signing_date(self, s: Sentence, anchors, points: list[int]) -> str | None:
        """The date ``s`` writes next to ``points`` (the ends of its signing words, or else
        of its deal's nouns), as ISO 8601 text; a farther full date only after a signing
        word (``anchors``)."""
        text, doc = self.text, self.doc
        near, far = [], []
        found = dates(text, s.start, s.end, doc.year) + weekday_dates(
            text, s.start, s.end, doc.article_date) + last_month_dates(
            text, s.start, s.end, doc.article_date)
        for d in found:
            gap = min(min(abs(d.start - p), abs(d.end - p)) for p in points)
            if _OTHER_ACT_BEFORE_RE.search(text[max(s.start, d.start - 40):d.start]):
                continue  # "avait autorisé en juillet 2013 la signature", "announced on"
            between = text[min(d.end, min(points)):max(d.start, min(points))]
            if re.search(r"(?:annonc|announc|anunci|annunci|reported|publi)", between,
                         re.IGNORECASE):
                continue
            if gap <= 45:
                near.append((gap, d))
            elif anchors and d.value and len(d.value) == 10:
                far.append((gap, d))  # a signing verb at the end of its clause
        if near or far:
            d = min(near or far, key=lambda x: x[0])[1]
            return d.value or None
        return None

    def signing_venue(self, s: Sentence, anchors, nouns) -> PlaceRef | None:
        """The place, building or body ``s`` names after a locative next to its signing words
        (``anchors``) or its deal's nouns (``nouns``), the nearest; a town after the deal's
        noun ("protocole d'accord de Dakar") first."""
        text, doc = self.text, self.doc
        candidates = []
        spots = [m.end() for m in anchors] + [m.start() for m in anchors]
        # "protocole d'accord de Dakar": the deal's noun, "de", a town
        for n in nouns:
            m = re.match(r"\s+(?:de|of|di|da|do)\s+", text[n.end():n.end() + 8])
            if m:
                p = doc.place_in(n.end() + m.end(), n.end() + m.end() + 1)
                if p is not None and p.start == n.end() + m.end() and p.kind == "city":
                    return PlaceRef(text[p.start:p.end], p)
        # a deal's noun is a spot too, closer: "in Berlin eine Vereinbarung ... unterzeichnet"
        noun_spots = [n.start() for n in nouns] if spots else []
        if not spots and not noun_spots:
            return None
        places = list(doc.names.places_between(s.start, s.end))
        named = [(f.name, f) for f in self.facilities if f.kind == "other"]
        for name, _f in named:
            for m in re.finditer(re.escape(name), text[s.start:s.end]):
                candidates.append((s.start + m.start(), s.start + m.end(), name, None, 0))
        for p in places:
            candidates.append((p.start, p.end, text[p.start:p.end], p, 1))
        for a, b, _name in in_range(self.occurrences, self.occurrence_starts, s.start, s.end):
            if _ORG_VENUE_RE.search(text[max(s.start, a - 20):a]):
                candidates.append((a, b, text[a:b], None, 2))
        # a building or body: "at the Koror Grand Hotel in Koror", "presso la sede di
        # Confindustria", "no Palácio do Planalto, em Brasília"
        all_spots = spots + [n.start() for n in nouns] + [n.end() for n in nouns]
        for run in self.runs_by_sentence.get(s.index, ()):
            r = doc.names.strip_function(run)
            if r is None or doc.is_place_run(r):
                continue
            m = BUILDING_BEFORE_RE.search(text, max(s.start, r.start - 60), r.start)
            if m is None:
                continue
            after = re.match(r"\s*,?\s*(?:(?:in|à|a|en|em|na|no|nel|im)\s+)?", text[r.end:s.end])
            place_after = bool(after) and bool(doc.names.places_between(
                r.end + after.end(), r.end + after.end() + 1))
            if not (m.group("noun") or place_after or _BUILDING_NAME_RE.search(r.text)):
                continue
            if min([min(abs(r.start - p), abs(r.end - p)) for p in all_spots] or [99]) > 60:
                continue
            candidates.append((r.start, r.end, r.text, None, 0))
        best = None
        for a, b, surface, mention, rank in candidates:
            before = text[max(s.start, a - 30):a]
            if rank == 0 and mention is None and BUILDING_BEFORE_RE.search(
                    text, max(s.start, a - 60), a):
                best_key = (0, 0)
                if best is None or best_key < best[0]:
                    best = (best_key, surface, None)
                continue
            if not _LOCATIVE_RE.search(before):
                continue
            if mention is not None and re.search(r"\(\s*$", before):
                continue  # "Paris (France)"
            gap = min([min(abs(a - p), abs(b - p)) for p in spots] or [99])
            near_noun = min([p - b for p in noun_spots if p >= b and not re.search(
                r"[,;:()]", text[b:p])] or [99])
            if gap > 45 and near_noun > 20:
                continue
            gap = min(gap, near_noun)
            # not a route's end: "linking Sydney to Singapore"
            if re.search(r"\b(?:link|connect|reli|conect|lig|colleg|verbind|between|entre|"
                         r"from|to)\w*\s+(?:\w+\s+){0,3}$", text[max(s.start, a - 40):a],
                         re.IGNORECASE):
                continue
            key = (rank if rank != 1 or mention.kind != "country" else 1.5, gap)
            if best is None or key < best[0]:
                best = (key, surface, mention)
        if best is None:
            return None
        return PlaceRef(best[1], best[2])
