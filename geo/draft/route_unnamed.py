"""Unnamed routes and the routes a word for a cable refers to: "a new submarine cable linking
Sydney to Singapore via Jakarta", "una liaison sous-marine ... de 28.000 Km", "backhaul
terrestre de 1,5 mil km" are an indefinite (or bare) word for a cable with ends or a length of
its own; a definite one ("the cable", "ce câble", "o sistema") refers to the route most
mentioned so far, or starts one when none was and it has ends. A route described, then named
("El nuevo cable ha sido bautizado como Tikal"), takes its name."""

from __future__ import annotations

import re
from bisect import bisect_right

from geo.draft.facts import FigureFact, PlaceRef
from geo.draft.figures import lengths
from geo.draft.route_state import Route, RouteFinderState
from geo.draft.route_waypoints import ends_linked_before, waypoints_after
from geo.draft.route_words import (
    ADJECTIVES_FOLDED,
    BARE_LINKS,
    CLOSE_WORDS_RE,
    DEFINITE,
    GENERIC_NOUNS,
    INDEFINITE,
    LINK_RE,
    MODIFIERS,
    NAMING_RE,
    PLURAL_NOUNS,
    medium_near,
)
from geo.draft.sentences import Sentence
from geo.draft.vocabulary import fold

#: A demonstrative and a word for the thing told ("Questo progetto", "This project", "Ce
#: projet", "Este proyecto", "Dieses Projekt", "Esse cabo"); not an article ("a system
#: named Echo" may be another one).
_THIS_PROJECT_RE = re.compile(
    r"(?<![\w-])(?:this|that|questo|questa|quest['’]|tale|ce|cet|cette|este|esta|ese|esa|"
    r"esse|essa|dieses|diese|dieser|jenes)\s*(?:new\s+|nuovo\s+|nouveau\s+|nuevo\s+|"
    r"novo\s+|neue[sn]?\s+)?(?:project|projet|proyecto|projeto|progetto|projekt|"
    r"cable|câble|cabo|cavo|kabel|system|système|sistema|link|liaison|enlace|"
    r"collegamento|ligação)\b", re.IGNORECASE)


class UnnamedRoutes(RouteFinderState):
    """The route each word for a cable refers to, or starts; names given to routes
    described before."""

    def route_of_noun(self, m: re.Match[str], s: Sentence, in_sentence: list, created: list
              ) -> Route | None:
        text = self.text
        noun = fold(m.group()).split()[-1]
        if noun in PLURAL_NOUNS:
            return None
        det = self._determiner(m.start(), s)
        if noun in GENERIC_NOUNS and det == "bare" and m.group()[:1].islower() and not \
                re.match(r"\s+(?:terrestre|terrestrial|sous-marin|submarino|de\s+\d)",
                         text[m.end():m.end() + 20]):
            return None  # "the system that will link A to B": a verb, or no route
        # "6 mil km de cabo": a quantity of the route spoken of
        if re.search(r"(?:km|kms|quilometros|kilometres|kilometers|kilometros|chilometri|"
                     r"kilometer|miles)\s+(?:de|of|di)\s*$",
                     fold(text[max(s.start, m.start() - 20):m.start()])):
            return self.salient()
        # "X ... is an undersea cable linking ...": the named subject
        copula = re.search(r"\b(?:is|est|es|é|è|ist|sera|será|sarà|wird|was|fut|era)\s+"
                           r"(?:an?|un|une|uno|una|um|uma|ein|eine|the|le|la|el|il|o)\s+"
                           r"(?:[\w-]+\s+){0,4}$", text[max(s.start, m.start() - 80):m.start()])
        if copula and in_sentence and in_sentence[0][0] < m.start():
            return in_sentence[0][2]  # the sentence's first name, before the noun
        # "sistema de rota": one noun phrase
        if re.search(r"(?:system|sistema|systeme|cable|cabo|cavo)\s+(?:de|di|of|da)\s*$",
                     fold(text[max(s.start, m.start() - 20):m.start()])):
            return None
        # the named route of the sentence, in apposition or as a subject (unless the
        # sentence names what it refers to: "o cabo ..., denominado Sacs")
        # the names near the noun only (the spans are in text order, none inside another)
        first = bisect_right(in_sentence, m.start() - 70, key=lambda span: span[1])
        for k in range(first, len(in_sentence)):
            a, b, r = in_sentence[k]
            if a - m.end() >= 70:
                break
            if (m.start() - b if b <= m.start() else a - m.end()) >= 70:
                continue  # too far to be in apposition (measured before any slicing)
            if b > m.start() and NAMING_RE.search(text[m.end():a]):
                continue
            between = text[b:m.start()] if b <= m.start() else text[m.end():a]
            close = CLOSE_WORDS_RE.fullmatch(between) and not re.search(
                r"\b(?:developed|built|deploy|lanc|launch|construi|realizz|"
                r"new\s+terrestrial)", fold(between))
            if close and (det != "indefinite" or b <= m.start() or re.search(
                    r"\b(?:is|est|es|é|è|ist)\b", between)):
                return r
        window_start = m.start()
        own_length = self._own_length(m, s)
        wps = self.outside_names(waypoints_after(self.text, self.names, m.end(), s)
                                 or ends_linked_before(self.text, self.names, m, s))
        generic = noun in GENERIC_NOUNS
        medium = medium_near(text, m.start(), m.end(), s)
        if det in ("indefinite", "bare"):
            if not wps and own_length is None:
                return None
            if generic and medium == "unspecified" and not wps and noun not in (
                    "backhaul", "backbone"):
                return None
            if generic and not wps and own_length is None:
                return None
            route = self._create(m, s, det, wps, created)
            if own_length is not None:  # "davon 800 Kilometer als Seekabel": its own figure
                route.figures["length"] = FigureFact("length", own_length, "km", s.evidence)
            return route
        # definite: the route most mentioned so far, or a new one with ends; a segment
        # with its own ends and length is one of its own ("100 kilómetros corresponden al
        # tendido entre El Salado y Fiambalá")
        route = self.salient()
        if noun in ("tendido", "tramo", "segment", "segmento") and wps and lengths(
                text, s.start, s.end):
            route = None
        if route is not None:
            if wps and ((not route.waypoints and route.waypoint_sentence < 0) or (
                    len(route.waypoints) < 2 <= len(wps) and m.start() - s.start < 30)):
                # its ends, or ends where only one was known ("a route between Norway and
                # abroad", then, as the subject, "the new route will run from Oslo via
                # Kristiansand to Esbjerg")
                route.waypoints = wps
                route.waypoint_sentence = s.index
                if not route.name:
                    route.evidence = s
            return route
        if wps and generic and medium == "unspecified" and not any(
                fold(x.group()) not in BARE_LINKS
                for x in LINK_RE.finditer(text, m.end(), min(s.end, m.end() + 110))):
            return None  # "Il sistema è stato aggiornato a Milano e Roma": no route
        if wps:
            return self._create(m, s, det, wps, created)
        del window_start
        return None

    def _create(self, m: re.Match[str], s: Sentence, det: str, wps: list[PlaceRef],
                created: list) -> Route:
        text = self.text
        lo = max(s.start, m.start() - 40)
        head = re.findall(r"[\w'’-]+", text[lo:m.start()])
        keep = []
        for w in reversed(head[-3:]):
            if fold(w) in INDEFINITE or fold(w) in DEFINITE or fold(w) in MODIFIERS or \
                    fold(w) in ("first", "premier", "primer", "primeiro"):
                keep.insert(0, w)
            else:
                break
        tail = re.match(r"(?:\s+(?:" + "|".join(re.escape(x) for x in (
            "submarine", "subsea", "undersea", "sous-marin", "sous-marine", "submarino",
            "submarina", "sottomarino", "terrestre", "terrestrial", "de fibra óptica",
            "à fibres optiques", "en fibre optique", "di fibre sottomarine")) + r"))*",
                        text[m.end():m.end() + 40])
        description = " ".join([*[w for w in keep if fold(w) not in INDEFINITE
                                  and fold(w) not in DEFINITE], m.group() + (
            tail.group() if tail else "")])
        route = Route("", [], s, m.start(), description=re.sub(r"\s+", " ", description),
                       last=m.start())
        route.waypoints = wps
        route.waypoint_sentence = s.index if wps else -1
        route.mentions = 1
        self.routes.append(route)
        created.append((m.start(), route))
        del det
        return route

    def name_route(self, start: int, end: int, s: Sentence, touched: list) -> None:
        surface = re.sub(r"\s+", " ", self.text[start:end]).strip()
        key = fold(surface)
        if key in self.by_form:
            named = self.by_form[key]
            absorbed = False
            for _pos, r in touched:
                if r is not named and not r.name and r in self.routes:
                    self._absorb(named, r)
                    absorbed = True
            if not absorbed and not named.waypoints and _THIS_PROJECT_RE.search(
                    self.text, s.start, start):
                # "... un cavo sottomarino che collegherà la Spagna e l'Italia. Questo
                # progetto, denominato Barracuda": the unnamed route told just before
                before = [r for r in self.routes if r is not named and not r.name
                          and r.mentions > 0 and r.first < s.start
                          and r.evidence.index >= s.index - 2]
                if before:
                    self._absorb(named, max(before, key=lambda r: r.last))
            return
        target = None
        for _pos, r in reversed(touched):
            target = r
            break
        if target is None:
            target = self.salient()
        if target is not None and not target.name:
            target.name = surface
            target.forms.insert(0, surface)
            self.by_form[key] = target
            # its ends were read before it had a name: none lies inside the name ("cable
            # submarino que unirá Miami con Cartagena, conocido también como Caribe Norte")
            target.waypoints = [w for w in target.waypoints if w.mention is None or not (
                start <= w.mention.start and w.mention.end <= end)]
            return
        if target is not None and target.name and fold(target.name) != key:
            # the sentence names another route than the one it refers to
            pass
        route = Route(surface, [surface], s, start, last=start, mentions=1)
        self.routes.append(route)
        self.by_form[key] = route
        touched.append((start, route))

    def _own_length(self, m: re.Match[str], s: Sentence) -> float | None:
        """A length written with the word for a cable: "une liaison ... de 28.000 Km", "The
        6,000 km system", "backhaul terrestre de 1,5 mil km"."""
        text = self.text
        for q in lengths(text, max(s.start, m.start() - 25), min(s.end, m.end() + 70)):
            if q.end <= m.start():
                if re.fullmatch(r"[\s-]*(?:\w+\s+){0,1}", text[q.end:m.start()]):
                    return q.value
            elif re.fullmatch(r"[^.;:()]{0,60}?\b(?:de|di|of|with|com|con|avec|da)\s+"
                              r"(?:(?:plus|mais|más|oltre|more|over|circa|cerca|environ|"
                              r"about|around|some|approximately)\s+(?:de\s+|di\s+|than\s+)?)?",
                              fold(text[m.end():q.start])):
                return q.value
        return None

    def _absorb(self, named: Route, unnamed: Route) -> None:
        """An unnamed route the text then names: its ends and figures are the named one's."""
        if not named.waypoints:
            named.waypoints = unnamed.waypoints
            named.waypoint_sentence = unnamed.waypoint_sentence
            named.evidence = unnamed.evidence
        named.take_unstated(unnamed)
        named.mentions += unnamed.mentions
        named.first = min(named.first, unnamed.first)
        self.routes.remove(unnamed)
        self.absorbed[id(unnamed)] = named

    def _determiner(self, start: int, sentence: Sentence) -> str:
        """``indefinite``, ``definite`` or ``bare`` for the word for a cable at ``start``."""
        words = [w.split("'")[-1].split("’")[-1] or w for w in re.findall(
            r"[\w'’]+", self.text[max(sentence.start, start - 60):start])]
        lang = self.doc.language
        # numbers and units do not count ("a 1,000 km terrestrial fibre network")
        words = [w for w in words if not w[:1].isdigit() and fold(w) not in (
            "km", "kms", "kilometre", "kilometer", "mile", "miles")]
        for w in reversed(words[-4:]):
            f = fold(w).rstrip("'’")
            if f in ("a",) and lang in ("pt",):
                return "definite"
            if f in ("o", "os", "as") and lang == "pt":
                return "definite"
            if f in ("l",) or w.endswith(("'", "’")):
                return "definite"
            if f in INDEFINITE:
                return "indefinite"
            if f in DEFINITE:
                return "definite"
            if f in ADJECTIVES_FOLDED or (f in MODIFIERS and f not in (
                    "de", "di", "da", "of", "à", "a", "en", "in", "du", "del", "della", "do")):
                continue
            if w[:1].isdigit() or f in ("km", "kms", "kilometre", "kilometer", "mile"):
                continue
            return "bare"
        return "bare"
