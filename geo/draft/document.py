"""One article as the drafting rules read it: its sentences, words, capitalised runs and place
mentions (from :class:`geo.extract.Extractor`), and look-ups of the words around a span.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from geo.draft.names import Names, Run, more_places
from geo.draft.sentences import Sentence, Sentences
from geo.draft.vocabulary import ORG_NAME_WORDS, fold, fold_aligned
from geo.extract import ORG_SUFFIXES, Extractor, Mention

#: After a paragraph's first words in capitals, what makes them a dateline: a dash, a news
#: agency in brackets, or a comma and a country or region then a dash.
_DATELINE_AFTER_RE = re.compile(r"\s*(?:[—–]|-{1,2}\s|\((?:[A-Za-z][\w./ -]{0,20})\)|,\s+"
                                r"[A-Z][\w.' -]{1,30}?\s*[—–-])")


class Spans:
    """Character spans ``(start, end)``, sorted once, asked in logarithmic time whether one
    of them covers or overlaps a span (a linear scan per question made long texts
    quadratic)."""

    def __init__(self, spans=()):
        self.items = sorted(spans)
        self.starts = [a for a, _b in self.items]
        self.reach = []  # the furthest end among the spans up to each index
        best = -1
        for _a, b in self.items:
            best = max(best, b)
            self.reach.append(best)

    def covers(self, start: int, end: int, proper: bool = False) -> bool:
        """Whether a span holds ``[start, end)`` (a longer one only, when ``proper``)."""
        k = bisect_right(self.starts, start) - 1
        if k < 0 or self.reach[k] < end:
            return False
        if not proper:
            return True
        while k >= 0 and self.reach[k] >= end:
            a, b = self.items[k]
            if a <= start and end <= b and (a, b) != (start, end):
                return True
            k -= 1
        return False

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end) - 1
        return k >= 0 and self.reach[k] > start

    def add(self, start: int, end: int) -> None:
        k = bisect_left(self.starts, start)
        self.items.insert(k, (start, end))
        self.starts.insert(k, start)
        self.reach.insert(k, max(end, self.reach[k - 1] if k else -1))
        for i in range(k + 1, len(self.reach)):
            if self.reach[i] >= self.reach[i - 1]:
                break
            self.reach[i] = self.reach[i - 1]


def in_range(items: list, starts: list[int], lo: int, hi: int) -> list:
    """The ``items`` (sorted, with their ``starts``) that start in ``[lo, hi)``."""
    return items[bisect_left(starts, lo):bisect_left(starts, hi)]


#: Mention kinds that are places
PLACE_KINDS = ("city", "country", "region", "island", "sea")


def is_adjective_mention(m: Mention) -> bool:
    """A country or continent adjective ("Italian", "zimbabwéen"): evidence, not a place."""
    return " adjective " in m.reason


@dataclass
class Document:
    text: str
    language: str
    article_date: str | None
    sentences: Sentences
    mentions: list[Mention]
    names: Names
    #: the year of the article's date, when it has one
    year: int | None = None
    #: spans ``(start, end)`` claimed as names of routes, facilities and organisations, so
    #: that the places inside them are no places of the text
    claimed: list[tuple[int, int]] = field(default_factory=list)
    #: places read by :meth:`local_place`
    found_places: list[Mention] = field(default_factory=list)
    _folded: str | None = None
    adjective_spans: set = field(default_factory=set)
    adjective_starts: set = field(default_factory=set)

    #: the extractor, whose gazetteer reads names the extractor left (see :meth:`local_place`)
    extractor: Extractor | None = None

    @classmethod
    def read(cls, text: str, language: str, article_date: str | None,
             mentions: list[Mention], extractor: Extractor | None = None) -> Document:
        sentences = Sentences(text, language)
        places = [m for m in mentions if m.kind in PLACE_KINDS and not is_adjective_mention(m)]
        names = Names(text, sentences, places, language)
        # a place inside a company's name is no place of the text ("Angola Cables", "China
        # Mobile International", "Cabo Verde Telecom")
        org_spans = [(m.start, m.end) for m in mentions if m.kind == "organisation"]
        words = frozenset(fold(w) for w in ORG_NAME_WORDS) | ORG_SUFFIXES
        for run in names.runs:
            if run.last > run.first and run.places and (
                    names.tokens[run.last].folded in words or fold(run.text.split()[0]) in (
                        "telecom", "telekom")):
                org_spans.append((run.start, run.end))
        if org_spans:
            inside = Spans(org_spans)
            names.set_places([p for p in places if not inside.covers(p.start, p.end, True)])
        more_places(names, getattr(extractor, "gazetteer", None))
        year = None
        if article_date:
            m = re.match(r"(\d{4})", article_date)
            year = int(m.group(1)) if m else None
        doc = cls(text, language, article_date, sentences, mentions, names, year,
                  extractor=extractor)
        doc.adjective_spans = {(m.start, m.end) for m in mentions if is_adjective_mention(m)}
        doc.adjective_starts = {m.start for m in mentions if is_adjective_mention(m)}
        return doc

    # ------------------------------------------------------------------ look-ups

    @property
    def places(self) -> list[Mention]:
        return self.names.places

    def sentence_at(self, pos: int) -> Sentence | None:
        return self.sentences.at(pos)

    def before(self, pos: int, sentence: Sentence, chars: int = 80) -> str:
        """The text of ``sentence`` before ``pos``, at most ``chars`` characters."""
        return self.text[max(sentence.start, pos - chars):pos]

    def after(self, pos: int, sentence: Sentence, chars: int = 80) -> str:
        return self.text[pos:min(sentence.end, pos + chars)]

    @property
    def folded(self) -> str:
        """The text folded character by character (:func:`fold_aligned`): offsets agree."""
        if self._folded is None:
            self._folded = fold_aligned(self.text)
        return self._folded

    def folded_before(self, pos: int, sentence: Sentence, chars: int = 80) -> str:
        return self.folded[max(sentence.start, pos - chars):pos]

    def folded_after(self, pos: int, sentence: Sentence, chars: int = 80) -> str:
        return self.folded[pos:min(sentence.end, pos + chars)]

    def place_in(self, start: int, end: int) -> Mention | None:
        return self.names.place_at(start, end)

    def is_dateline(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is a dateline's place: words in capitals opening a
        paragraph, before a dash, a news agency in brackets or ", Country —", that the
        gazetteer knows as a place ("DENVER —", "FRANKFURT (dpa-AFX) -", "LAGOS, Nigeria
        —")."""
        words = self.text[start:end]
        if not (words.isupper() and len(words.replace(" ", "")) > 3) or \
                self.text[self.text.rfind("\n", 0, start) + 1:start].strip() or \
                not _DATELINE_AFTER_RE.match(self.text, end):
            return False
        gazetteer = getattr(self.extractor, "gazetteer", None)
        return gazetteer is not None and gazetteer.lookup(words.title()) is not None

    def is_place_run(self, run: Run) -> bool:
        """Whether the run is one place name, or place names joined by connectors."""
        if not run.places:
            return False
        covered = 0
        for m in run.places:
            covered += m.end - m.start
        rest = self.text[run.start:run.end]
        for m in sorted(run.places, key=lambda m: -m.start):
            rest = rest[:m.start - run.start] + rest[m.end - run.start:]
        return not re.sub(r"[\s\-–,]|\b(?:de|da|do|di|del|du|of|la|le|y|e|et|and|und)\b", "",
                          rest)

    def local_place(self, start: int, end: int, *, small: bool = False) -> Mention | None:
        """The gazetteer's reading of the capitalised name ``text[start:end]`` where the
        extractor gave none: a name in a facility's phrase ("Milan PoP", "Marseille MRS1
        data center") is a place when the gazetteer knows a country, a region or a town of
        100,000 people or more of that name (any town when ``small``)."""
        if self.extractor is None:
            return None
        surface = self.text[start:end]
        if not surface[:1].isupper() or self.place_in(start, end) is not None:
            return self.place_in(start, end)
        try:
            place = self.extractor.gazetteer.lookup(surface)
        except (AttributeError, KeyError, ValueError):
            return None
        if place is None or place.kind not in ("city", "country", "region"):
            return None
        if place.kind == "city" and place.population < 100_000 and not small:
            return None
        try:
            mention = Mention(surface, start, end, place.kind, place.id, place.name, place.lon,
                              place.lat, f"gazetteer {place.kind} {surface!r} in a facility's "
                              "phrase", place=place.id, country=place.country)
        except TypeError:  # pragma: no cover - a Mention of another shape
            return None
        self.found_places.append(mention)
        return mention

    def occurrences(self, form: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every whole-word occurrence of ``form`` (any case, unless it
        is written in capitals only: "SACS" finds "Sacs", "NTT" only "NTT")."""
        fold_case = not (form.isupper() and len(form) <= 8)
        return word_occurrences(self.text, self.folded, form, fold_case)

    def name_occurrences(self, forms: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
        """``(start, end, name)`` where the text writes one of ``forms`` (``(form, name)``
        pairs), longest forms first, no two overlapping, in text order."""
        out: list[tuple[int, int, str]] = []
        taken = Spans()
        for form, name in sorted(set(forms), key=lambda x: -len(x[0])):
            for start, end in self.occurrences(form):
                if taken.overlaps(start, end):
                    continue
                taken.add(start, end)
                out.append((start, end, name))
        out.sort()
        return out

    def claim(self, start: int, end: int) -> None:
        self.claimed.append((start, end))

    def inside_claimed(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b and (a, b) != (start, end)
                   for a, b in self.claimed)


#: A position no letter, digit, "_" or "-" comes right before.
_WORD_START_RE = re.compile(r"(?<![\w-])")


def word_occurrences(text: str, folded: str, form: str, fold_case: bool
                     ) -> list[tuple[int, int]]:
    """``(start, end)`` of every whole-word occurrence of ``form`` in ``text`` (``folded`` is
    ``text`` folded, aligned with it; searched there when ``fold_case``: "sacs" finds "SACS"
    and "Sacs")."""
    hay, needle = (folded, fold(form)) if fold_case else (text, form)
    if len(needle) != len(form) or not needle:
        hay, needle = text, form
    out = []
    i = hay.find(needle)
    while i >= 0:
        j = i + len(needle)
        before = text[i - 1:i] if i else ""
        after = text[j:j + 1]
        if not (before.isalnum() or before in ("-", "_")) and not (
                after.isalnum() or after == "_"):
            out.append((i, j))
        # the next occurrence that can be whole starts where a word does: searched from
        # there, not from i + 1 (a name of a million letters inside a longer word would be
        # found again at every letter)
        start = _WORD_START_RE.search(text, i + 1)
        i = hay.find(needle, start.start()) if start else -1
    return out

