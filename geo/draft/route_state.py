"""A route as :mod:`geo.draft.routes` finds it (:class:`Route`), and the state every step of
the finder shares (:class:`RouteFinderState`): the document, the routes found so far, their
written forms and named mentions, and what each step asks of the text (is a word for a cable
part of a facility's or a place's name, does a sentence speak of cables, which route is the
most mentioned so far)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.draft.document import Document, Spans
from geo.draft.facts import FigureFact, PlaceRef, RouteFact
from geo.draft.route_words import CABLE_RE, FACILITY_RE, MODIFIERS
from geo.draft.sentences import Sentence
from geo.draft.vocabulary import fold


@dataclass
class Route:
    name: str
    forms: list[str]
    evidence: Sentence
    first: int
    description: str = ""
    waypoints: list[PlaceRef] = field(default_factory=list)
    waypoint_sentence: int = -1
    medium: str = "unspecified"
    status: str = "unspecified"
    operators: list[str] = field(default_factory=list)
    figures: dict[str, FigureFact] = field(default_factory=dict)
    mentions: int = 0
    last: int = 0
    #: whether its waypoints come from a sentence's words right after its name
    waypoints_by_name: bool = False

    def take_unstated(self, other: Route) -> None:
        """What ``other`` (the same route, told again) states and this one does not: its
        figures, medium and status."""
        for k, v in other.figures.items():
            self.figures.setdefault(k, v)
        if self.medium == "unspecified":
            self.medium = other.medium
        if self.status == "unspecified":
            self.status = other.status

    def fact(self) -> RouteFact:
        figures = list(self.figures.values())
        return RouteFact(self.name, self.evidence.evidence, self.description,
                         list(self.waypoints), self.medium, self.status,  # type: ignore[arg-type]
                         list(self.operators), figures)


class RouteFinderState:
    """The routes of one :class:`Document` found so far, and the questions every step of
    the finder asks of its text."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.names = doc.names
        self.routes: list[Route] = []
        self.by_form: dict[str, Route] = {}
        #: spans of named mentions: (start, end, route)
        self.spans: list[tuple[int, int, Route]] = []
        self._facility_spans: Spans | None = None
        #: where the extractor read an organisation's name
        self.org_starts = {m.start for m in doc.mentions if m.kind == "organisation"}
        #: names given by a naming verb, read when their sentence is: (start, end, sentence)
        self.pending_names: list[tuple[int, int, Sentence]] = []
        #: unnamed routes absorbed by a named one (id of the unnamed -> the named)
        self.absorbed: dict[int, Route] = {}

    def facility_phrase(self, start: int, end: int) -> bool:
        """A word for a cable inside a facility's ("cable landing station", "cable
        station", "estação de cabos submarinos")."""
        if self._facility_spans is None:
            self._facility_spans = Spans((m.start(), m.end()) for m in FACILITY_RE.finditer(
                self.text))
        return self._facility_spans.covers(start, end)

    def in_name(self, m: re.Match[str]) -> bool:
        """A word for a cable written inside a place's or a company's name ("Cabo Verde",
        "Cidade do Cabo", "Angola Cables"), unless "Cabo Submarino X"."""
        if not m.group()[:1].isupper():
            return False
        if self.doc.place_in(m.start(), m.end()) is not None:
            return True
        if self.doc.language == "de":
            return False  # German capitalises every noun
        nxt = re.match(r"\s+([\w-]+)", self.text[m.end():m.end() + 30])
        if nxt and fold(nxt.group(1)) in MODIFIERS:
            return False
        prev = re.search(r"([\w-]+)\s+$", self.text[max(0, m.start() - 30):m.start()])
        return bool((nxt and nxt.group(1)[:1].isupper()) or (prev and prev.group(1)[:1]
                                                               .isupper()))

    def outside_names(self, waypoints: list[PlaceRef]) -> list[PlaceRef]:
        """The waypoints that are not words of a route's name ("ACE (Africa Coast to
        Europe)", "ATLANTIS-2", "SHARE (Senegal Horn of Africa Regional Express)")."""
        if not waypoints or not self.spans:
            return waypoints
        cached = self.__dict__.get("_name_spans")
        if cached is None or cached[0] != len(self.spans):  # (built again when one is added)
            cached = (len(self.spans), Spans((a, b) for a, b, _r in self.spans))
            self.__dict__["_name_spans"] = cached
        names = cached[1]
        return [w for w in waypoints if w.mention is None
                or not names.covers(w.mention.start, w.mention.end, proper=True)]

    def cable_context(self, sentence: Sentence) -> bool:
        lo = self.doc.sentences[max(0, sentence.index - 1)].start
        return bool(CABLE_RE.search(self.text[lo:sentence.end]))

    @staticmethod
    def is_org_shaped(surface: str) -> bool:
        return bool(re.search(r"\b(?:Telecom|Networks|Cables|Group|Corporation|Inc|Ltd|"
                              r"S\.A|SA|AG|GmbH)\b", surface))

    def in_title(self, pos: int) -> bool:
        s = self.doc.sentence_at(pos)
        return s is not None and s.index in self.names.title_sentences

    def salient(self) -> Route | None:
        """The route mentioned most so far (the latest of those)."""
        seen = [r for r in self.routes if r.mentions > 0]
        if not seen:
            return None
        return max(seen, key=lambda r: (r.mentions, r.last))
