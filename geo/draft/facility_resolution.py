"""Facilities from their mentions (:mod:`geo.draft.facility_mentions`), once the
organisations are known: one entry per facility (a definite mention is the latest of its
kind; a named one, an ordinal or an indefinite one is a new one; a naming verb names the
nearest before it), and each facility's place (the most specific of its phrase or clause,
else its sentence's or the text's before it), status (the nearest words of state and
tense), operator (a possessive, a name opening with an organisation, an owner after the
word, else the sentence's organisation or the previous facility's) and host (a point of
presence "in" a data centre).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.draft.document import Document, in_range
from geo.draft.facility_mentions import FacilityMention
from geo.draft.facility_words import CODE_RE
from geo.draft.facts import FacilityFact, OrganisationFact, PlaceRef
from geo.draft.name_words import is_acronym
from geo.draft.sentences import Sentence
from geo.draft.status import status_near
from geo.draft.vocabulary import fold

#: A naming verb or phrase before a facility's name ("dénommé", "recibirán el nombre de").
_NAMING_RE = re.compile(
    r"(?<![\w-])(?:called|named|dubbed|known\s+as|baptis[ée]e?s?|d[ée]nomm[ée]e?s?|"
    r"appel[ée]e?s?|llamad[oa]s?|denominad[oa]s?|bautizad[oa]s?\s+como|chamad[oa]s?|"
    r"denominat[oa]|chiamat[oa]|battezzat[oa]|namens|genannt|conocid[oa]s?\s+como|"
    r"conhecid[oa]s?\s+como|not[oa]\s+come|connue?s?\s+sous\s+le\s+nom\s+de|"
    r"bekannt\s+als|sogenannte[nr]?|so-called|dit|dite|cosiddett[oa]|"
    r"(?:(?:mit|unter)\s+dem\s+(?:[a-zäöüß]+\s+)?Namen|with\s+the\s+name|under\s+the\s+name|"
    r"sous\s+le\s+nom\s+de|con\s+el\s+nombre\s+de|com\s+o\s+nome\s+de|"
    r"con\s+il\s+nome\s+di)|(?:recibir[áa]n?|"
    r"llevar[áa]n?|receber[ãa]o?|receberá|porter[ao]n?t?|prendr[ao]n?t?|tragen\s+wird|"
    r"will\s+(?:be\s+)?(?:called|named|bear))\s+(?:el|le|o|the|den)\s+(?:nombre|nom|nome|"
    r"name|Namen)\s+(?:de|di|of)?)\s*[:«“\"'’‘„]*\s*", re.IGNORECASE)
_POSSESSIVE_PRONOUN_RE = re.compile(
    r"(?<![\w-])(?:its|their|son|sa|ses|leur|su|sus|seu|sua|seus|suas|suo|sua|suoi|"
    r"sein|seine|seinen|seinem|ihr|ihre|ihren|ihrem)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_POSSESSIVE_THEN_RE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}")
_OWNER_THEN_RE = re.compile(
    r"[^.;,]{0,60}?\b(?:de|da|do|di|del|della|du|des|von|of|owned\s+by|operated\s+by|"
    r"appartenant\s+à|propriedade\s+d[aoe])\s+(?:(?:la|l'|l’|el|the|a|o|empresa|société|"
    r"company|firma|società|gruppo|groupe|grupo|portuguesa|angolana|[a-zé]+a)\s+){0,3}",
    re.IGNORECASE)
_OWNER_IN_NAME_RE = re.compile(r"\b(?:de|da|do|di|del|della|du|des|von|of)\s+$")
_ACTOR_VERB_RE = re.compile(
    r"\s*(?:,[^,]{0,80},\s*)?(?:has|have|will|is|a|ha|hat|va|vai|sta|est|wird|plans|"
    r"announced|launched|opened|opens|builds|annonce|anunci|annunci|eröffnet|baut|investe|"
    r"invest|inaugur)")


@dataclass
class _Facility:
    """One facility, as its mentions describe it so far."""

    name: str
    kind: str
    sentence: Sentence
    pos: int
    named: bool  # a proper name or code, not the text's generic words
    ordinal: str = ""
    operator: str | None = None
    host: str | None = None
    place: PlaceRef | None = None
    status: str = "unspecified"
    owner_text: str = ""  # an owner written after the word ("de Teraco"), resolved later
    operator_how: str = ""  # "stated" (possessive, name, owner) or "inferred" (the sentence)
    possessive: str = ""  # "Interxion’s"

    def fact(self) -> FacilityFact:
        return FacilityFact(self.name, self.kind, self.sentence.evidence,  # type: ignore
                            self.operator, self.host, self.place, self.status)  # type: ignore


class FacilityResolver:
    """The facilities of one :class:`Document`'s facility mentions (:meth:`resolve`)."""

    def __init__(self, doc: Document, mentions: list[FacilityMention]):
        self.doc = doc
        self.text = doc.text
        self.names = doc.names
        self.mentions = mentions
        self.facilities: list[_Facility] = []

    def resolve(self, organisations: list[OrganisationFact]) -> list[FacilityFact]:
        text = self.text
        self.org_forms = {}
        for o in organisations:
            for f in [o.name, *o.aliases]:
                self.org_forms[fold(f)] = o.name
        self.org_occurrences = self.doc.name_occurrences(
            [(f, o.name) for o in organisations for f in [o.name, *o.aliases]])
        self._org_starts = [o[0] for o in self.org_occurrences]
        renames = self._renames()
        self.of_mention: list[tuple[FacilityMention, _Facility]] = []
        for x in self.mentions:
            self._phrase_places(x)  # read first, so that every facility may use them
        for x in self.mentions:
            if x.rename:
                target = self._latest(x.kind, unnamed_only=True, before=x.start)
                if target is not None:
                    target.name, target.named = x.name, True
                    continue
            fac = self._match(x)
            if fac is None and x.named and x.definite and not x.ordinal:
                # "a new data centre ... the new data centre „MAIN DC“": it gets its name
                fac = self._latest(x.kind, unnamed_only=True, before=x.start)
                if fac is not None and fac.place is not None and x.places and \
                        x.places[0] is not None and fold(fac.place.surface) != fold(
                            x.places[0].text):
                    fac = None  # another place: another facility
                if fac is not None:
                    fac.name, fac.named = x.name, True
            if fac is None:
                fac = _Facility(x.name, x.kind, x.sentence, x.start, x.named, x.ordinal)
                self.facilities.append(fac)
            else:
                fac.pos = max(fac.pos, x.start)
            self.of_mention.append((x, fac))
            self._describe(fac, x)
            for start, _end, name in renames:
                if x.sentence.index == self._sentence_index(start) and start > x.start and \
                        not fac.named and not any(x.start < y.start < start
                                                  for y in self.mentions if y is not x):
                    fac.name, fac.named = name, True  # the nearest facility before the name
        del text
        self._merge_repeats()
        self._hosts()
        return [f.fact() for f in self.facilities]

    def _merge_repeats(self) -> None:
        """One facility written twice is one entry: a headline's facility is the body's
        first of its kind ("Bolivia's first IXP" / "the country's first internet exchange
        point"); an unnamed one placed only in a country where one of its kind already is
        ("un point d'atterrissement" in Bénin after the landing station at Abomey-Calavi)."""
        titles = self.names.title_sentences
        keep: list[_Facility] = []
        for fac in self.facilities:
            if fac.sentence.index in titles:
                body = next((g for g in self.facilities if g.kind == fac.kind
                             and g.sentence.index not in titles), None)
                if body is not None:
                    if body.place is None:
                        body.place = fac.place
                    if body.status == "unspecified":
                        body.status = fac.status
                    continue
            if not fac.named and not fac.ordinal and (
                    fac.place is None or fac.place.kind == "country"):
                country = fac.place.surface if fac.place is not None else None
                earlier = next((g for g in keep if g.kind == fac.kind and (
                    country is None or _in_country(g.place, fac.place))), None)
                if earlier is not None and country is not None:
                    if earlier.status == "unspecified":
                        earlier.status = fac.status
                    continue
            keep.append(fac)
        self.facilities = keep

    def _sentence_index(self, pos: int) -> int:
        s = self.doc.sentence_at(pos)
        return s.index if s is not None else -1

    def _renames(self) -> list[tuple[int, int, str]]:
        """Names given by a naming verb: ("dénommé Raxio Côte d’Ivoire (CIV1)")."""
        text, names = self.text, self.names
        out = []
        for m in _NAMING_RE.finditer(text):
            s = self.doc.sentence_at(m.start())
            if s is None:
                continue
            k = names.token_index(m.end())
            if k >= len(names.tokens):
                continue
            run = names.run_starting.get(names.tokens[k].start)
            if run is None:  # "mit dem Namen Zürich-West 3": the name inside a German run
                around = names.run_around(names.tokens[k].start, names.tokens[k].end)
                if around is not None and around.first < k <= around.last:
                    run = names.sub_run(around, k, around.last)
            if run is None or run.start - m.end() > 2:
                continue
            out.append((run.start, run.end, run.text))
        return out

    def _latest(self, kind: str, unnamed_only: bool = False, before: int | None = None
                ) -> _Facility | None:
        for fac in reversed(self.facilities):
            if before is not None and fac.pos > before:
                continue
            if kind in (fac.kind, "any") and (not unnamed_only or not fac.named):
                return fac
        return None

    def _match(self, x: FacilityMention) -> _Facility | None:
        key = fold(x.name)
        for fac in self.facilities:
            if fold(fac.name) == key and fac.kind == x.kind:
                return fac
        if x.named or x.ordinal:
            return None
        if x.places and x.places[0] is not None:
            return None
        if x.definite:
            return self._latest(x.kind)
        return None

    def _describe(self, fac: _Facility, x: FacilityMention) -> None:
        text = self.text
        s = x.sentence
        # place
        ref = self._place(x)
        if ref is not None and (fac.place is None or _finer(ref, fac.place)):
            fac.place = ref
        if fac.place is None and fac.kind != "other":
            last = self._earlier_place(x.start)
            if last is not None:
                fac.place = last
        # status
        if fac.status == "unspecified":
            fac.status = status_near(text, x.start, s, self.doc.language, "facility",
                                     exclude=self._mention_spans(s.index))
        # operator
        if fac.operator is None:
            fac.operator, fac.operator_how = self._operator(x, fac)

    def _mention_spans(self, sentence: int) -> tuple[tuple[int, int], ...]:
        """The ``(start, end)`` of the facility mentions of a sentence, gathered once."""
        spans = self.__dict__.get("_spans_by_sentence")
        if spans is None:
            by: dict[int, list[tuple[int, int]]] = {}
            for y in self.mentions:
                by.setdefault(y.sentence.index, []).append((y.start, y.end))
            spans = self.__dict__["_spans_by_sentence"] = {k: tuple(v) for k, v in by.items()}
        return spans.get(sentence, ())

    def _place(self, x: FacilityMention) -> PlaceRef | None:
        """The most specific place of the facility's phrase, else the nearest one its
        clause introduces ("in", "à", "em"...), else the nearest in its sentence."""
        text, s, doc = self.text, x.sentence, self.doc
        if x.places:
            p = x.places[0]
            return PlaceRef(text[p.start:p.end], p)
        inside = [p for p in self.names.places_between(x.start, x.end) if p.end <= x.end
                  and not self._status_word(p)]
        if not inside:
            inside = self._phrase_places(x)
        if inside:
            p = _finest(inside)
            return PlaceRef(text[p.start:p.end], p)
        candidates: list[tuple[int, int, object]] = []
        pool = self.names.places_between(s.start, s.end) + [
            m for m in doc.found_places if s.start <= m.start < s.end]
        for p in pool:
            if self._status_word(p) or x.start <= p.start < x.end:
                continue
            if p.start >= x.end:
                gap = text[x.end:p.start]
                if len(gap) > 140 or re.search(r"[.;]", gap):
                    continue
            else:
                gap = text[p.end:x.start]
                if len(gap) > 100:
                    continue
            prep = re.search(r"(?:\bin|\bat|\bà|\ben|\bem|\bna|\bno|\ba|\bnel|\bnella|\bim|"
                             r"\bad|\bde|\bdi|\bda|\bdu|\bdans|\bau|\bnear|\bpres)\s+"
                             r"(?:(?:the|la|le|l'|l’|el|o|a|il|der|die|das)\s+)?"
                             r"(?:[\w'’-]+\s+){0,3}$", text[max(s.start, p.start - 50):p.start])
            distance = len(gap)
            rank = 0 if prep else 1
            candidates.append((rank, distance + _KIND_RANK.get(p.kind, 5) * 15, p))
        if not candidates:
            after = re.match(r"\s+(?:(?:is|est|es|é|è|ist)\s+)?(?:located\s+|situ[ée]e?\s+|"
                             r"situado\s+|localizad[oa]\s+)?(?:in|à|en|em|in|im|a|at)\s+"
                             r"(?:(?:the|der|die|dem|la|le)\s+)?(?:[a-zäöü]\w*\s+){0,2}"
                             r"(?:Stadtteil\s+|district\s+of\s+|quartier\s+)?([A-Z][\w-]+)",
                             text[x.end:x.end + 80])
            if after:
                m = doc.local_place(x.end + after.start(1), x.end + after.end(1), small=True)
                if m is not None:
                    return PlaceRef(m.text, m)
            return None
        p = min(candidates, key=lambda c: (c[0], c[1]))[2]
        return PlaceRef(text[p.start:p.end], p)

    def _phrase_places(self, x: FacilityMention) -> list:
        """Names in the facility's phrase that the extractor left and the gazetteer knows:
        "Milan PoP", "Interxion’s Marseille MRS1 data center"."""
        out = []
        lo = max(x.sentence.start, x.start - 25)
        for t in self.names.tokens_between(lo, x.end):
            if not t.cap or t.possessive or CODE_RE.match(t.text) or is_acronym(t.text) or (
                    fold(t.text) in self.org_forms) or t.start == x.sentence.start:
                continue
            m = self.doc.local_place(t.start, t.end)
            if m is not None:
                out.append(m)
        return out

    def _status_word(self, p) -> bool:
        """A "place" inside words of state ("im Bau") is none."""
        window = self.text[max(0, p.start - 4):p.end + 1]
        return bool(re.search(r"\bim\s+Bau\b|\bin\s+Betrieb\b", window))

    def _earlier_place(self, pos: int) -> PlaceRef | None:
        earlier = [p for p in self.names.places if p.end <= pos and p.kind == "city"]
        if not earlier:
            return None
        p = earlier[-1]
        return PlaceRef(self.text[p.start:p.end], p)

    def _operator(self, x: FacilityMention, fac: _Facility) -> tuple[str | None, str]:
        """The operator, and ``stated`` or ``inferred`` (from the sentence or the previous
        facility)."""
        text, s = self.text, x.sentence
        forms = self.org_forms
        if not forms:
            return None, ""
        in_sentence = in_range(self.org_occurrences, self._org_starts, s.start, s.end)
        # a possessive: "Interxion’s Marseille MRS1 data center", "Equinix's SG3"
        for _a, b, name in in_sentence:
            if b <= x.start and x.start - b < 60 and _POSSESSIVE_THEN_RE.fullmatch(
                    text, b, x.start):
                return name, "stated"
        # a possessive pronoun: "Teraco expands its CT2 site": the nearest organisation
        # before it in the sentence
        if _POSSESSIVE_PRONOUN_RE.search(text, max(s.start, x.start - 40), x.start):
            nearest = [o for o in in_sentence if o[1] <= x.start]
            if nearest:
                return nearest[-1][2], "stated"
        # a name opening with an organisation: "Equinix Carrier Neutral Data Centre"
        for f in sorted(forms, key=len, reverse=True):
            if fold(fac.name).startswith(f + " ") or fold(fac.name).startswith(f + "-"):
                return forms[f], "stated"
        # an owner after the word ("de Teraco", "da empresa portuguesa EllaLink") or in
        # its name ("Data Center de Teraco")
        for a, _b, name in in_sentence:
            if x.start <= a and a - x.end < 110 and (
                    _OWNER_THEN_RE.fullmatch(text, max(x.end, x.start), a)
                    or (a < x.end and _OWNER_IN_NAME_RE.search(text, x.start, a))):
                return name, "stated"
        # the organisation that opens the sentence, or does what organisations do in it
        before = [o for o in in_sentence if o[1] <= x.start]
        for a, b, name in before:
            lead = text[s.start:a].strip(" \t\"“”«»'’(")
            words = re.findall(r"[\w'’-]+", lead)
            if not words or (len(words) <= 2 and fold(words[0]) in self.names.all_function):
                return name, "inferred"
            if _ACTOR_VERB_RE.match(text, b, x.start):
                return name, "inferred"
        if fac.kind == "other":
            return None, ""
        prev = self._latest(fac.kind, before=x.start - 1)
        if prev is not None and prev is not fac and prev.operator:
            return prev.operator, "inferred"
        if before:
            return before[0][2], "inferred"
        after = [o for o in in_sentence if o[0] >= x.end]
        return (after[0][2], "inferred") if after else (None, "")

    def _hosts(self) -> None:
        """A point of presence "in" a data centre is hosted there; its operator is not the
        data centre's."""
        text = self.text
        for x, fac in self.of_mention:
            if fac.kind != "pop" or fac.host:
                continue
            for y, dc in self.of_mention:
                if dc.kind != "data-centre" or y.sentence.index != x.sentence.index or \
                        y.start <= x.start:
                    continue
                gap = text[x.end:y.start]
                if len(gap) < 70 and "," not in re.sub(r"\([^()]*\)", "", gap) and re.search(
                        r"\b(?:in|at|au|dans|en|em|no|na|nel|nella|im|within|inside|into)\s+"
                        r"(?:(?:the|le|la|l'|l’|el|o|a|il|der|die|das|dem|den)\s+)?"
                        r"(?:[\w’'-]+\s+){0,4}$", gap):
                    fac.host = dc.name
                    if dc.sentence.index == x.sentence.index:
                        # the words of state there are the PoP's; a host already stands
                        dc.status = "operational"
                    if fac.place is None or (dc.place is not None and _finer(dc.place,
                                                                             fac.place)):
                        fac.place = dc.place
                    if fac.operator == dc.operator:
                        if dc.operator_how == "inferred":
                            dc.operator = None  # the sentence's actor is the tenant's
                        else:
                            fac.operator = self._tenant(fac, dc)
                    break

    def _tenant(self, pop: _Facility, dc: _Facility) -> str | None:
        text = self.text
        s = pop.sentence
        for m in re.finditer(r"[^\W_][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*)*", text[s.start:pop.pos]):
            key = fold(m.group())
            if key in self.org_forms and self.org_forms[key] != dc.operator:
                return self.org_forms[key]
        return None


_KIND_RANK = {"city": 0, "island": 1, "region": 2, "country": 3, "sea": 4}


def _in_country(place: PlaceRef | None, country: PlaceRef | None) -> bool:
    """Whether ``place`` is ``country`` or lies in it (by the gazetteer's country code)."""
    if place is None or country is None or country.mention is None:
        return False
    if fold(place.surface) == fold(country.surface):
        return True
    inner = getattr(place.mention, "country", None)
    outer = getattr(country.mention, "country", None)
    return bool(inner) and inner == outer


def _finest(places) -> object:
    return min(places, key=lambda p: (_KIND_RANK.get(p.kind, 5), p.start))


def _finer(a: PlaceRef, b: PlaceRef) -> bool:
    return _KIND_RANK.get(a.kind or "", 5) < _KIND_RANK.get(b.kind or "", 5)

