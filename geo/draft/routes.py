"""Routes a text states: named cables and backbones, and unnamed ones it describes, with their
waypoints in order, medium, status, operators and published figures. This module reads the text
in order, sentence by sentence, with the finder's steps, one module each:

* :mod:`geo.draft.route_words`: the words and patterns of routes, and the medium near a place;
* :mod:`geo.draft.route_state`: a route found (:class:`Route`) and the finder's shared state;
* :mod:`geo.draft.route_names`: names of routes, where they are written;
* :mod:`geo.draft.route_aliases`: the other forms of each name, and all its mentions;
* :mod:`geo.draft.route_unnamed`: the route each word for a cable refers to, or starts;
* :mod:`geo.draft.route_waypoints`: the places a route links, in order;
* :mod:`geo.draft.route_figures`: published figures, each to its route;
* :mod:`geo.draft.route_merging`: one route told twice is one route.

**Medium** comes from words only (submarine, subsea, sous-marin, submarino, sottomarino,
unterseeisch... ; terrestrial, terrestre...), **status** from the nearest words of state and
tense, **operators** from the organisations a route's sentences say own it.
"""

from __future__ import annotations

import re

from geo.draft.document import Document, Spans, in_range
from geo.draft.facts import OrganisationFact
from geo.draft.route_aliases import RouteAliasing
from geo.draft.route_figures import RouteFigures
from geo.draft.route_merging import merge_same_ends, merge_same_length, merge_same_name
from geo.draft.route_state import Route
from geo.draft.route_unnamed import UnnamedRoutes
from geo.draft.route_waypoints import waypoints_after
from geo.draft.route_words import ANAPHOR_EXTRA_RE, CABLE_RE, medium_near
from geo.draft.sentences import Sentence
from geo.draft.status import status_near
from geo.draft.vocabulary import fold


class RouteFinder(RouteAliasing, UnnamedRoutes, RouteFigures):
    """Finds the routes of one :class:`Document`."""

    def find(self) -> list[Route]:
        self.pending_names = []
        #: unnamed routes absorbed by a named one (id of the unnamed -> the named)
        self.absorbed = {}
        self.find_names()
        self.find_forms()
        text = self.text
        spans = self.spans
        span_starts = [a for a, _b, _r in spans]
        named = Spans((a, b) for a, b, _r in spans)
        pending_by_sentence: dict[int, list] = {}
        for item in self.pending_names:
            pending_by_sentence.setdefault(item[2].index, []).append(item)
        for s in self.doc.sentences:
            if s.index in self.names.title_sentences:
                continue
            in_sentence = in_range(spans, span_starts, s.start, s.end)
            created: list[tuple[int, Route]] = []
            touched: list[tuple[int, Route]] = []
            for a, _b, r in in_sentence:
                touched.append((a, r))
            # words for cables
            nouns = [m for m in CABLE_RE.finditer(text, s.start, s.end)
                     if not self.facility_phrase(m.start(), m.end())
                     and not self.in_name(m)
                     and not named.covers(m.start(), m.start() + 1)]
            for m in nouns:
                route = self.route_of_noun(m, s, in_sentence, created)
                if route is not None:
                    touched.append((m.start(), route))
                    if all(r is not route for _p, r in created):
                        route.mentions += 1
                        route.last = m.start()
            for a, _b, r in in_sentence:  # named: counted once the sentence's anaphors are read
                r.mentions += 1
                r.last = a
            for m in ANAPHOR_EXTRA_RE.finditer(text, s.start, s.end):
                if not touched and self.routes:
                    route = self.salient()
                    if route is not None:
                        touched.append((m.start(), route))
            # naming a route described before: "El nuevo cable ha sido bautizado como Tikal"
            for start, end, _ns in pending_by_sentence.get(s.index, ()):
                self.name_route(start, end, s, touched)
            if self.absorbed:  # a route named in this sentence took over an unnamed one
                touched = [(p, self.absorbed.get(id(r), r)) for p, r in touched]
                created = [(p, self.absorbed.get(id(r), r)) for p, r in created]
            # waypoints of named routes
            for _a, b, r in in_sentence:
                # its ends; or, where words for a cable without its name gave only one end
                # ("the submarine cable will connect from a base at X"), the two or more
                # that follow its name ("The Echo cable will run from X to Y")
                if (not r.waypoints and r.waypoint_sentence < 0) or (
                        len(r.waypoints) < 2 and not r.waypoints_by_name):
                    wps = self.outside_names(waypoints_after(self.text, self.names, b, s))
                    if wps and (not r.waypoints or len(wps) >= 2):
                        r.waypoints = wps
                        r.waypoints_by_name = True
                        r.waypoint_sentence = s.index
                        r.evidence = s
            self.attach_figures(s, touched, created)
            for pos, r in touched:
                self._describe(r, s, pos)
        merge_same_name(self.routes)
        merge_same_length(self.routes)
        merge_same_ends(self.routes)
        return self.routes

    def _describe(self, route: Route, s: Sentence, pos: int) -> None:
        if route.medium == "unspecified":
            route.medium = medium_near(self.text, pos, pos, s)
        if route.status == "unspecified":
            route.status = status_near(self.text, pos, s, self.doc.language, "route")

    def attach_operators(self, organisations: list[OrganisationFact]) -> None:
        """Operators: the organisations a route's sentences say own it ("o cabo submarino da
        EllaLink", "BlueMed è il nuovo cavo di Sparkle", "Sparkle's cable")."""
        if not organisations:
            return
        text = self.text
        occurrences = self.doc.name_occurrences(
            [(f, o.name) for o in organisations for f in [o.name, *o.aliases]])
        # the routes each sentence speaks of
        of_sentence: dict[int, list[Route]] = {}
        for route in self.routes:
            of_sentence.setdefault(route.evidence.index, []).append(route)
        for a, _b, r in self.spans:
            s = self.doc.sentence_at(a)
            if s is not None and r not in of_sentence.setdefault(s.index, []):
                of_sentence[s.index].append(r)
        for a, b, name in occurrences:
            s = self.doc.sentence_at(a)
            if s is None or s.index not in of_sentence:
                continue
            if not (_OWNER_BEFORE_RE.search(text[max(s.start, a - 70):a])
                    or _POSSESSED_AFTER_RE.match(text, b, s.end)):
                continue
            for route in of_sentence[s.index]:
                if name not in route.operators and fold(name) not in {
                        fold(f) for f in route.forms}:
                    route.operators.append(name)


_OWNER_BEFORE_RE = re.compile(
    r"(?:cable|câble|cabo|cavo|kabel|system|sistema|système|backbone|network|rede|red|rete|"
    r"réseau)(?:\s+[\w-]+){0,3}?\s+(?:of|de|da|do|di|del|della|du|von|des)\s+"
    r"(?:(?:la|l'|l’|el|the|a|o)\s*)?$", re.IGNORECASE)
_POSSESSED_AFTER_RE = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}?(?:cable|system|network|"
                                 r"backbone)", re.IGNORECASE)


def find_routes(doc: Document) -> RouteFinder:
    """The route finder of ``doc``, run (its ``routes`` are in order of creation)."""
    finder = RouteFinder(doc)
    finder.find()
    return finder
