"""One article as the drafting rules read it: its sentences, words, capitalised runs and place
mentions (from :class:`geo.extract.Extractor`), and look-ups of the words around a span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.draft.names import Names, Run
from geo.draft.sentences import Sentence, Sentences
from geo.draft.vocabulary import ORG_NAME_WORDS, fold, fold_aligned
from geo.extract import ORG_SUFFIXES, Extractor, Mention

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
            names.set_places([p for p in places if not any(
                a <= p.start and p.end <= b and (a, b) != (p.start, p.end)
                for a, b in org_spans)])
        year = None
        if article_date:
            m = re.match(r"(\d{4})", article_date)
            year = int(m.group(1)) if m else None
        return cls(text, language, article_date, sentences, mentions, names, year,
                   extractor=extractor)

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
        hay, needle = (self.folded, fold(form)) if fold_case else (self.text, form)
        if len(needle) != len(form) or not needle:
            hay, needle = self.text, form
        text = self.text
        out = []
        i = hay.find(needle)
        while i >= 0:
            j = i + len(needle)
            before = text[i - 1:i] if i else ""
            after = text[j:j + 1]
            if not (before.isalnum() or before in ("-", "_")) and not (
                    after.isalnum() or after == "_"):
                out.append((i, j))
            i = hay.find(needle, i + 1)
        return out

    def name_occurrences(self, forms: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
        """``(start, end, name)`` where the text writes one of ``forms`` (``(form, name)``
        pairs), longest forms first, no two overlapping, in text order."""
        out: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []
        for form, name in sorted(forms, key=lambda x: -len(x[0])):
            for start, end in self.occurrences(form):
                if any(a < end and start < b for a, b in taken):
                    continue
                taken.append((start, end))
                out.append((start, end, name))
        out.sort()
        return out

    def claim(self, start: int, end: int) -> None:
        self.claimed.append((start, end))

    def inside_claimed(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b and (a, b) != (start, end)
                   for a, b in self.claimed)
