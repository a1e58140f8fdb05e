"""Routes a text states: named cables and backbones, and unnamed ones it describes, with their
waypoints in order, medium, status and published figures.

* **Named**: a name right after a word for a cable ("le câble sous-marin Atlantique
  Connexion to Europe", "o Cabo Submarino Equiano", "das unterseeische Kabel Sea Lion", "il
  cavo sottomarino BlueMed"), before one ("the 2Africa cable", "the Monet Cable System",
  "the SACS system"), given by a naming verb ("denominato Barracuda", "bautizado como
  Tikal", "baptisé ’’Africa Coast to Europe’’"), listed after a plural ("two new cables,
  Sea-Me-We-5 and AAE1"), or shaped like a cable's name ("SEA-ME-WE 6"). A name in brackets
  that abbreviates it is the same route ("South Atlantic Cable System (SACS)"). A name after
  a preposition is the owner's ("o cabo submarino da EllaLink"), and a place is a waypoint.
* **Unnamed**: "a new submarine cable linking Sydney to Singapore via Jakarta", "una liaison
  sous-marine ... de 28.000 Km", "backhaul terrestre de 1,5 mil km": an indefinite (or
  bare) word for a cable with ends or a length of its own; a definite one ("the cable", "ce
  câble", "o sistema") refers to the route most mentioned so far, or starts one when none
  was and it has ends.
* **Waypoints**: the places after a word of linking, in order, those after "via" between the
  first and the last ("linking A to B via C" is A, C, B); a country in brackets or after a
  comma that locates the town before it is no waypoint.
* **Medium** from words only (submarine, subsea, sous-marin, submarino, sottomarino,
  unterseeisch... ; terrestrial, terrestre...), **status** from the nearest words of state
  and tense, **figures** each with its own sentence (:mod:`geo.draft.figures`): a figure goes
  to the route its sentence names, else the one it describes, else the one most mentioned.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from geo.draft.document import Document, Spans, in_range, word_occurrences
from geo.draft.facts import FigureFact, OrganisationFact, PlaceRef, RouteFact
from geo.draft.figures import capacities, fibre_pairs, lengths, ready_years
from geo.draft.known_names import distinctive, known_cables_pattern
from geo.draft.names import is_acronym, is_camel
from geo.draft.route_waypoints import (
    ends_linked_before,
    town_count,
    waypoint_countries,
    waypoints_after,
)
from geo.draft.route_words import (
    ADJECTIVES_FOLDED,
    ANAPHOR_EXTRA_RE,
    BARE_LINKS,
    CABLE_RE,
    CABLE_SHAPE_RE,
    CLOSE_WORDS_RE,
    DEFINITE,
    FACILITY_RE,
    GENERIC_NOUNS,
    HEAD_HINT_RE,
    INDEFINITE,
    LENGTH_CUE_RE,
    LINK_RE,
    MEDIUM_WORD_RE,
    MODIFIERS,
    NAME_CONNECTORS,
    NAME_HEADS,
    NAMING_RE,
    NETWORK_WORDS,
    NOT_LENGTH_RE,
    NOT_ROUTE_NAMES,
    PLURAL_NOUNS,
    QUOTE_OPEN,
    SYSTEMS_RE,
    WHICH_LINKS_RE,
    YEAR_HINT_RE,
    medium_near,
)
from geo.draft.sentences import Sentence
from geo.draft.status import status_near
from geo.draft.vocabulary import fold


@dataclass
class _Route:
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

    def fact(self) -> RouteFact:
        figures = list(self.figures.values())
        return RouteFact(self.name, self.evidence.evidence, self.description,
                         list(self.waypoints), self.medium, self.status,  # type: ignore[arg-type]
                         list(self.operators), figures)


class RouteFinder:
    """Finds the routes of one :class:`Document`."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.text = doc.text
        self.names = doc.names
        self.routes: list[_Route] = []
        self.by_form: dict[str, _Route] = {}
        #: spans of named mentions: (start, end, route)
        self.spans: list[tuple[int, int, _Route]] = []
        self._facility_spans: Spans | None = None
        #: where the extractor read an organisation's name
        self._org_starts = {m.start for m in doc.mentions if m.kind == "organisation"}

    # ------------------------------------------------------------------ names

    def _name_from(self, k: int, sentence: Sentence) -> tuple[int, int] | None:
        """The span of a name starting at token ``k``: capitalised words, short numbers,
        "&" and "to" between capitalised words ("Atlantique Connexion to Europe")."""
        tokens, text = self.names.tokens, self.text
        if k >= len(tokens) or not tokens[k].cap or tokens[k].start >= sentence.end:
            return None
        if tokens[k].folded in self.names.all_function and not is_acronym(tokens[k].text) \
                and tokens[k].text.istitle() and not is_camel(tokens[k].text):
            return None
        j = k
        while j + 1 < len(tokens) and tokens[j + 1].start < sentence.end:
            gap = text[tokens[j].end:tokens[j + 1].start]
            nxt = tokens[j + 1]
            if gap in (" ", " & ", "-", " - ") and (nxt.cap or (
                    nxt.text.isdigit() and len(nxt.text) <= 2)) and not tokens[j].possessive:
                if nxt.cap and nxt.folded in self.names.all_function and nxt.text.istitle() \
                        and len(nxt.text) <= 3:
                    break
                j += 1
                continue
            if gap == " " and (nxt.folded in ("to", "of", "de") or (
                    nxt.folded in NAME_CONNECTORS and tokens[k].folded in NAME_HEADS)) and \
                    j + 2 < len(tokens) and \
                    tokens[j + 2].cap and text[nxt.end:tokens[j + 2].start] == " " and \
                    tokens[j + 2].start < sentence.end:
                j += 2
                continue
            break
        return tokens[k].start, tokens[j].end

    def _valid_name(self, start: int, end: int) -> bool:
        surface = self.text[start:end]
        key = fold(surface)
        if self.doc.place_in(start, end) is not None and (
                self.doc.place_in(start, end).start == start
                and self.doc.place_in(start, end).end == end):
            return False
        places = self.names.places_between(start, end)
        if places and all(m.start >= start and m.end <= end for m in places):
            rest = surface
            for m in places:
                rest = rest.replace(self.text[m.start:m.end], "")
            if not re.sub(r"[\s\-–—,]|\b(?:e|y|and|et|und)\b", "", rest):
                return False  # "Brasil – Portugal": waypoints
        last = surface.split()[-1] if surface.split() else ""
        if self.doc.language == "de" and CABLE_RE.fullmatch(last):
            return False  # "Neues Glasfaserkabel", "Route": German nouns, no names
        if key in self.names.all_function or len(key) < 2 or key in NOT_ROUTE_NAMES or \
                MEDIUM_WORD_RE.fullmatch(surface) or re.fullmatch(r"G\.?65\d\w?", surface):
            return False  # "Submarine cable services provider", "un cavo G.652D"
        if FACILITY_RE.search(surface):
            return False
        return start not in self.doc.adjective_starts

    def _add_name(self, start: int, end: int, sentence: Sentence, *, alias_of: _Route | None
                  = None) -> _Route | None:
        surface = self.text[start:end].strip(" " + QUOTE_OPEN + "»”")
        surface = re.sub(r"\s+", " ", surface)
        if not surface:
            return None
        key = fold(surface)
        route = self.by_form.get(key)
        if route is None and alias_of is not None:
            route = alias_of
            route.forms.append(surface)
        if route is None:
            route = _Route(surface, [surface], sentence, start, last=start)
            self.routes.append(route)
        self.by_form[key] = route
        self.spans.append((start, end, route))
        return route

    def _find_names(self) -> None:
        text, tokens, names = self.text, self.names.tokens, self.names
        # 1. a word for a cable, its modifiers, then a name: "câble sous-marin X"
        for m in CABLE_RE.finditer(text):
            s = self.doc.sentence_at(m.start())
            if s is None or self._facility_phrase(m.start(), m.end()) or self._in_name(m):
                continue
            k = names.token_index(m.end())
            steps = 0
            while k < len(tokens) and steps < 7 and tokens[k].start < s.end and (
                    tokens[k].folded in MODIFIERS) and text[tokens[k - 1].end:
                                                             tokens[k].start].strip() in (
                    "", ",", "-"):
                if tokens[k].cap and tokens[k].folded not in ("submarino", "submarine",
                                                              "sottomarino", "subsea"):
                    break
                k += 1
                steps += 1
            if k >= len(tokens) or tokens[k].start >= s.end:
                continue
            gap = text[tokens[k - 1].end if steps else m.end():tokens[k].start]
            if steps and tokens[k - 1].folded in (
                    "de", "di", "da", "of", "du", "del", "della", "do", "des", "a", "à", "en",
                    "in") and not re.search(r"(?:baptis|d[ée]nomm|denomin|named|called|bautiz)",
                                            gap):
                continue
            quoted = re.fullmatch(r"\s*[«“„\"'’‘]{1,2}\s*", gap)
            if quoted:
                close = re.search(r"[»”“\"'’]{1,2}", text[tokens[k].start:s.end])
                if close:
                    end = tokens[k].start + close.start()
                    if self._valid_name(tokens[k].start, end):
                        self._add_name(tokens[k].start, end, s)
                    continue
            if gap.strip() not in ("", ":"):
                continue
            plural = fold(m.group()).split()[-1] in PLURAL_NOUNS
            span = self._name_from(k, s)
            if span is None or not self._valid_name(*span):
                continue
            if plural and not re.match(r"\s*(?:,|and\b|e\b|et\b|y\b|und\b)\s*[A-Z0-9]",
                                       text[span[1]:span[1] + 8]) and not re.search(
                    r"(?:system|sistema|systeme|sistemi|systemes|sistemas)\s+(?:of|de|di|"
                    r"des|dei)\s*$", fold(text[max(s.start, m.start() - 20):m.start()])):
                continue  # "a operadora de cabos submarinos EllaLink": no cable's name
            route = self._add_name(span[0], span[1], s)
            if (plural or self.doc.language == "de") and route is not None:
                self._list_after(span[1], s, plain=True)  # "los cables Curie, SAm-1 y Prat"
        # 2. a plural, then a list: "two new cables, Sea-Me-We-5 and AAE1"
        for m in CABLE_RE.finditer(text):
            if fold(m.group()).split()[-1] not in PLURAL_NOUNS or self._in_name(m):
                continue
            s = self.doc.sentence_at(m.start())
            if s is None:
                continue
            after = text[m.end():min(s.end, m.end() + 40)]
            lead = re.match(r"\s*(?:,|:|\s+such\s+as|\s+including|\s+tels\s+que|\s+como|"
                            r"\s+come|\s+wie|\s+(?:existing|existants?|existentes?|esistenti|"
                            r"bestehenden|actuels|actuales|atuais|attuali)(?=\s+[A-Z0-9]))\s*",
                            after)
            if lead:
                self._list_after(m.end() + lead.end(), s, first=True)
        # 2b. a list, then a plural: "the SAT-3, WACS and ACE cables", "the EASSy and
        #     Seacom systems" (systems where cables are spoken of)
        plurals = [m for m in CABLE_RE.finditer(text)] + [
            m for m in SYSTEMS_RE.finditer(text) if self._cable_context(
                self.doc.sentence_at(m.start()) or self.doc.sentences[0])]
        for m in plurals:
            if fold(m.group()).split()[-1] not in PLURAL_NOUNS or self._in_name(m):
                continue
            s = self.doc.sentence_at(m.start())
            if s is None:
                continue
            listed = []
            end = m.start()
            while True:
                run = names.run_ending_before(end)
                if run is None or run.start < s.start:
                    break
                gap = text[run.end:end]
                if (not listed and gap.strip()) or (listed and not re.fullmatch(
                        r"\s*(?:,\s*(?:and\s+|et\s+|e\s+|y\s+|und\s+)?|\s+(?:and|et|e|y|und)\s+)",
                        gap)):
                    break
                stripped = names.strip_function(run)
                if stripped is None or not self._valid_name(stripped.start, stripped.end) or \
                        self.doc.is_place_run(run) or self._is_org_shaped(stripped.text):
                    break
                listed.insert(0, stripped)
                end = run.start
                if stripped.start != run.start:
                    break  # "the SAT-3": the list starts at its article
            if len(listed) >= 2:
                for r in listed:
                    self._add_name(r.start, r.end, s)
        # 3. a name then a word for a cable: "the 2Africa cable", "Monet Cable System"
        for run in names.runs:
            if run.title or self.doc.is_place_run(run):
                continue
            run_tokens = tokens[run.first:run.last + 1]
            heads = [i for i, t in enumerate(run_tokens)
                     if t.folded in ("cable", "system", "kabel", "cabo", "cavo", "câble",
                                     "backbone")]
            if heads and heads[-1] == len(run_tokens) - 1 and heads[0] > 0:
                stripped = names.strip_function(run)
                if stripped is not None and stripped.first < run.first + heads[0] and \
                        self._valid_name(stripped.start, run_tokens[heads[0] - 1].end):
                    self._add_name(stripped.start, run.end, run.sentence)
                continue
            after = self.doc.folded[run.end:run.end + 30]
            if not HEAD_HINT_RE.search(after):
                continue
            if FACILITY_RE.match(text, run.end + len(after) - len(after.lstrip())):
                continue  # "Recent cable landing station news": a facility's words
            m2 = re.match(r"[”\"’»]?\s+(?:(?:submarine|subsea|undersea|fibre|fiber|optical)\s+)*"
                          r"(cable|system|project|cable\s+system|consortium\s+cable)\b", after)
            if m2 and not run.possessive:
                stripped = names.strip_function(run)
                if stripped is None or not self._valid_name(stripped.start, stripped.end):
                    continue
                if m2.group(1) == "project" and not self._cable_context(run.sentence):
                    continue
                self._add_name(stripped.start, stripped.end, run.sentence)
            # "PENCAN 8, un nuevo cable submarino": a name in apposition to a cable
            m3 = re.match(r"\s*[,–—-]\s*(?:un|una|uno|a|an|um|uma|une|ein|eine)\s+"
                          r"(?:\w+\s+){0,2}?(?:cable|câble|cabo|cavo|kabel|seekabel|"
                          r"system|sistema|système)\b", after)
            if m3 and not run.possessive:
                stripped = names.strip_function(run)
                if stripped is not None and self._valid_name(stripped.start, stripped.end) \
                        and not self._is_org_shaped(stripped.text):
                    self._add_name(stripped.start, stripped.end, run.sentence)
        # 3b. descriptive names of networks: "Red Dorsal", "Red Federal de Fibra Óptica"
        #     (not "Red Eléctrica": a word of a line of fibre is needed)
        # 3c. a name then "which links" and places: "il proprio BlueMed che collega Italia,
        #     Francia, Grecia", "Sealink, qui relie Dakar à Praia"
        for run in names.runs:
            if run.title or self.doc.is_place_run(run):
                continue
            stripped = names.strip_function(run)
            if stripped is None:
                continue
            words = [t.folded for t in tokens[stripped.first:stripped.last + 1]]
            if len(words) >= 2 and words[0] in ("red", "rede", "rete", "reseau") and any(
                    w in NETWORK_WORDS for w in words[1:]):
                if self._valid_name(stripped.start, stripped.end):
                    self._add_name(stripped.start, stripped.end, run.sentence)
                continue
            link = WHICH_LINKS_RE.match(text, stripped.end,
                                         min(run.sentence.end, stripped.end + 120))
            if link and re.search(r"\b(?:di|de|of|da|do|du|del|della|von|des|by|par|por)\s+$",
                                  text[max(0, stripped.start - 8):stripped.start]):
                link = None  # "il nuovo cavo di Sparkle che collega": the owner
            if link and not run.possessive and not self._is_org_shaped(stripped.text) and \
                    len(names.places_between(link.end(), min(run.sentence.end,
                                                             link.end() + 40))) >= 1 and \
                    self._valid_name(stripped.start, stripped.end) and \
                    stripped.start not in self._org_starts:
                self._add_name(stripped.start, stripped.end, run.sentence)
        # 4. shapes of cable names: "SEA-ME-WE 6"
        for m in CABLE_SHAPE_RE.finditer(text):
            s = self.doc.sentence_at(m.start())
            if self.names.places_between(m.start(), m.end()) or fold(
                    m.group().split("-")[-1]) in ("gebiet", "region", "raum", "kreis"):
                continue  # "Rhein-Main-Gebiet", "Lisboa-Madrid-Paris": places
            if s is not None and self._valid_name(m.start(), m.end()):
                self._add_name(m.start(), m.end(), s)
        # 5. naming verbs: "denominato Barracuda", "bautizado como Tikal"
        self._named_by_verb()
        # 6. abbreviations in brackets: "South Atlantic Cable System (SACS)", "Sacs (sigla
        # em inglês para South Atlantic Cable System)"
        for start, end, _s in self._pending_names:
            surface = re.sub(r"\s+", " ", text[start:end]).strip()
            for route in self.routes:
                if any(_abbreviates(surface, f) or _abbreviates(f, surface)
                       for f in route.forms) and fold(surface) not in self.by_form:
                    route.forms.insert(0, surface) if start < route.first else \
                        route.forms.append(surface)
                    if start < route.first:
                        route.name = surface
                        route.first = start
                    self.by_form[fold(surface)] = route
        # a cable's name known from labelled news ("WACS", "Equiano"), where the text speaks
        # of cables or the name is distinctive
        known = known_cables_pattern()
        for m in known.finditer(self.doc.folded) if known is not None else ():
            start, end = m.start(), m.end()
            s = self.doc.sentence_at(start)
            written = text[start:end]
            if s is None or not (written[:1].isupper() or written[:1].isdigit()) or \
                    fold(written) in self.by_form or any(
                        a <= start < b for a, b, _r in self.spans):
                continue
            if (distinctive(written) or self._cable_context(s)) and \
                    self._valid_name(start, end):
                self._add_name(start, end, s)
        #: long form -> (short form before it, the long form as written)
        bracketed: dict[str, list[tuple[str, str]]] = {}
        for m in _BEFORE_BRACKETED_RE.finditer(text):
            long = re.sub(r"^(?:the|le|la|el|il|o|a)\s+", "", m.group(2).strip(),
                          flags=re.IGNORECASE)
            bracketed.setdefault(fold(long), []).append((m.group(1), m.group(2).strip()))
        for route in list(self.routes):
            if route not in self.routes:
                continue
            for form in list(route.forms):
                for m in _occurrences_then_brackets(text, form):
                    inner = m.group(1).strip()
                    inner = re.sub(r"^(?:sigla|acronym|acrónimo|short\s+for|abréviation|"
                                   r"abbreviazione|abreviatura)\b[^A-Z]*", "", inner).strip()
                    if not (inner and inner[:1].isupper() and (
                            _abbreviates(inner, form) or _abbreviates(form, inner))):
                        continue
                    other = self.by_form.get(fold(inner))
                    if other is None:
                        route.forms.append(inner)
                        self.by_form[fold(inner)] = route
                    elif other is not route:
                        self._merge(route, other)
                # "TEAMS (The East African Marine System)": the short form before the long
                for short, written in bracketed.get(fold(form), ()):
                    if _abbreviates(short, written, article_letter=True) and \
                            fold(short) not in self.by_form:
                        route.forms.append(short)
                        self.by_form[fold(short)] = route
        # every written form of every name is a mention
        found = {(a, b) for a, b, _r in self.spans}
        for key, route in list(self.by_form.items()):
            form = next((f for f in route.forms if fold(f) == key), None)
            if form is None:
                continue
            for start, end in word_occurrences(text, self.doc.folded, form,
                                                not is_acronym(form)):
                if (start, end) in found or any(a <= start and end <= b
                                                for a, b, _r in self.spans):
                    continue
                s = self.doc.sentence_at(start)
                if s is not None:
                    self.spans.append((start, end, route))
                    found.add((start, end))
        self.spans.sort(key=lambda x: x[0])
        for route in self.routes:
            firsts = [(a, b) for a, b, r in self.spans if r is route and not self._in_title(a)]
            if not firsts:
                continue
            a, b = min(firsts)
            route.first = a
            # one route written two ways: the form written first is its name ("WAFS (West
            # African Festoon System)"), wherever a word for a cable first named it
            written = fold(text[a:b])
            if route.name and written != fold(route.name):
                route.name = next((f for f in route.forms if fold(f) == written), route.name)

    def _absorb(self, named: _Route, unnamed: _Route) -> None:
        """An unnamed route the text then names: its ends and figures are the named one's."""
        if not named.waypoints:
            named.waypoints = unnamed.waypoints
            named.waypoint_sentence = unnamed.waypoint_sentence
            named.evidence = unnamed.evidence
        for k, v in unnamed.figures.items():
            named.figures.setdefault(k, v)
        if named.medium == "unspecified":
            named.medium = unnamed.medium
        if named.status == "unspecified":
            named.status = unnamed.status
        named.mentions += unnamed.mentions
        named.first = min(named.first, unnamed.first)
        self.routes.remove(unnamed)
        self._absorbed[id(unnamed)] = named

    def _merge(self, keep: _Route, other: _Route) -> None:
        """One route written two ways: the form written first is its name."""
        if other.first < keep.first:
            keep.name = other.name
            keep.forms = other.forms + [f for f in keep.forms if f not in other.forms]
            keep.first = other.first
        else:
            keep.forms += [f for f in other.forms if f not in keep.forms]
        for f in other.forms:
            self.by_form[fold(f)] = keep
        self.spans = [(a, b, keep if r is other else r) for a, b, r in self.spans]
        self.routes.remove(other)

    def _list_after(self, pos: int, sentence: Sentence, first: bool = False,
                    plain: bool = False) -> None:
        """Names listed from ``pos``: "Sea-Me-We-5 and AAE1" (any capitalised name when
        ``plain``: the list follows a plural word for cables)."""
        text, names = self.text, self.names
        k = names.token_index(pos)
        if not first:
            m = re.match(r"\s*(?:,|and|et|e|y|und)\s*", text[pos:pos + 8])
            if not m:
                return
            k = names.token_index(pos + m.end())
        while k < len(names.tokens):
            span = self._name_from(k, sentence)
            if span is None or not self._valid_name(*span):
                return
            if not (first or plain or is_acronym(text[span[0]:span[1]]) or "-" in text[
                    span[0]:span[1]] or any(c.isdigit() for c in text[span[0]:span[1]])):
                return
            self._add_name(span[0], span[1], sentence)
            m = re.match(r"\s*(?:,\s*(?:and\s+|et\s+|e\s+|y\s+|und\s+)?|\s+(?:and|et|e|y|und)"
                         r"\s+)", text[span[1]:span[1] + 8])
            if not m:
                return
            k = names.token_index(span[1] + m.end())

    def _named_by_verb(self) -> None:
        text, names = self.text, self.names
        for m in NAMING_RE.finditer(text):
            s = self.doc.sentence_at(m.start())
            if s is None:
                continue
            before = fold(text[max(s.start, m.start() - 120):m.start()])
            nouns = [(x.end(), "route") for x in CABLE_RE.finditer(before)
                     if not FACILITY_RE.search(before[x.start():x.end() + 25])]
            nouns += [(x.end(), "route") for x in ANAPHOR_EXTRA_RE.finditer(before)]
            nouns += [(x.end(), "facility") for x in FACILITY_RE.finditer(before)]
            nouns += [(x.end(), "org") for x in re.finditer(
                r"(?:societe|societa|company|empresa|companhia|gesellschaft|entreprise|"
                r"regroupement|consortium|joint[- ]venture|newco|firm)", before)]
            if not nouns or max(nouns)[1] != "route":
                continue
            pos = m.end()
            quoted = re.match(r"[«“\"'’‘]{1,2}\s*", text[pos:pos + 4])
            if quoted:
                close = re.search(r"[»”\"'’]{1,2}", text[pos + quoted.end():s.end])
                if close is None:
                    continue
                start, end = pos + quoted.end(), pos + quoted.end() + close.start()
            else:
                span = self._name_from(names.token_index(pos), s)
                if span is None or span[0] - pos > 2:
                    continue
                start, end = span
            if not self._valid_name(start, end):
                continue
            self._pending_names.append((start, end, s))

    # ------------------------------------------------------------------ helpers

    def _facility_phrase(self, start: int, end: int) -> bool:
        """A word for a cable inside a facility's ("cable landing station", "cable
        station", "estação de cabos submarinos")."""
        if self._facility_spans is None:
            self._facility_spans = Spans((m.start(), m.end()) for m in FACILITY_RE.finditer(
                self.text))
        return self._facility_spans.covers(start, end)

    def _in_name(self, m: re.Match[str]) -> bool:
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

    def _cable_context(self, sentence: Sentence) -> bool:
        lo = self.doc.sentences[max(0, sentence.index - 1)].start
        return bool(CABLE_RE.search(self.text[lo:sentence.end]))

    @staticmethod
    def _is_org_shaped(surface: str) -> bool:
        return bool(re.search(r"\b(?:Telecom|Networks|Cables|Group|Corporation|Inc|Ltd|"
                              r"S\.A|SA|AG|GmbH)\b", surface))

    def _in_title(self, pos: int) -> bool:
        s = self.doc.sentence_at(pos)
        return s is not None and s.index in self.names.title_sentences

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

    # ------------------------------------------------------------------ the text, in order

    def find(self) -> list[_Route]:
        self._pending_names: list[tuple[int, int, Sentence]] = []
        #: unnamed routes absorbed by a named one (id of the unnamed -> the named)
        self._absorbed: dict[int, _Route] = {}
        self._find_names()
        text = self.text
        spans = self.spans
        span_starts = [a for a, _b, _r in spans]
        named = Spans((a, b) for a, b, _r in spans)
        pending_by_sentence: dict[int, list] = {}
        for item in self._pending_names:
            pending_by_sentence.setdefault(item[2].index, []).append(item)
        for s in self.doc.sentences:
            if s.index in self.names.title_sentences:
                continue
            in_sentence = in_range(spans, span_starts, s.start, s.end)
            created: list[tuple[int, _Route]] = []
            touched: list[tuple[int, _Route]] = []
            for a, _b, r in in_sentence:
                touched.append((a, r))
            # words for cables
            nouns = [m for m in CABLE_RE.finditer(text, s.start, s.end)
                     if not self._facility_phrase(m.start(), m.end())
                     and not self._in_name(m)
                     and not named.covers(m.start(), m.start() + 1)]
            for m in nouns:
                route = self._noun(m, s, in_sentence, created)
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
                    route = self._salient()
                    if route is not None:
                        touched.append((m.start(), route))
            # naming a route described before: "El nuevo cable ha sido bautizado como Tikal"
            for start, end, _ns in pending_by_sentence.get(s.index, ()):
                self._name_route(start, end, s, touched)
            if self._absorbed:  # a route named in this sentence took over an unnamed one
                touched = [(p, self._absorbed.get(id(r), r)) for p, r in touched]
                created = [(p, self._absorbed.get(id(r), r)) for p, r in created]
            # waypoints of named routes
            for _a, b, r in in_sentence:
                if not r.waypoints and r.waypoint_sentence < 0:
                    wps = waypoints_after(self.text, self.names, b, s)
                    if wps:
                        r.waypoints = wps
                        r.waypoint_sentence = s.index
                        r.evidence = s
            self._figures(s, touched, created)
            for pos, r in touched:
                self._describe(r, s, pos)
        self._merge_same_length()
        self._merge_same_ends()
        return self.routes

    def _salient(self) -> _Route | None:
        """The route mentioned most so far (the latest of those)."""
        seen = [r for r in self.routes if r.mentions > 0]
        if not seen:
            return None
        return max(seen, key=lambda r: (r.mentions, r.last))

    def _noun(self, m: re.Match[str], s: Sentence, in_sentence: list, created: list
              ) -> _Route | None:
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
            return self._salient()
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
        wps = waypoints_after(self.text, self.names, m.end(), s) or ends_linked_before(
            self.text, self.names, m, s)
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
        route = self._salient()
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
                created: list) -> _Route:
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
        route = _Route("", [], s, m.start(), description=re.sub(r"\s+", " ", description),
                       last=m.start())
        route.waypoints = wps
        route.waypoint_sentence = s.index if wps else -1
        route.mentions = 1
        self.routes.append(route)
        created.append((m.start(), route))
        del det
        return route

    def _name_route(self, start: int, end: int, s: Sentence, touched: list) -> None:
        surface = re.sub(r"\s+", " ", self.text[start:end]).strip()
        key = fold(surface)
        if key in self.by_form:
            named = self.by_form[key]
            for _pos, r in touched:
                if r is not named and not r.name and r in self.routes:
                    self._absorb(named, r)
            return
        target = None
        for _pos, r in reversed(touched):
            target = r
            break
        if target is None:
            target = self._salient()
        if target is not None and not target.name:
            target.name = surface
            target.forms.insert(0, surface)
            self.by_form[key] = target
            return
        if target is not None and target.name and fold(target.name) != key:
            # the sentence names another route than the one it refers to
            pass
        route = _Route(surface, [surface], s, start, last=start, mentions=1)
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

    # ------------------------------------------------------------------ figures

    def _figures(self, s: Sentence, touched: list, created: list) -> None:
        text, doc = self.text, self.doc
        if not self.routes:
            return

        def route_for(pos: int) -> _Route | None:
            if touched:
                before = [(p, r) for p, r in touched if p <= pos]
                if not before:
                    return min(touched, key=lambda x: x[0])[1]
                return max(before, key=lambda x: x[0])[1]
            if FACILITY_RE.search(s.text):
                return None
            return self._salient()

        low = doc.folded[s.start:s.end]
        has_length = any(u in low for u in ("km", "kilom", "quil", "chilom", "mile"))
        has_capacity = any(u in low for u in ("bps", "bit/", "terab", "gigab", "petab", "tbit",
                                              "gbit"))
        has_pairs = any(u in low for u in ("pair", "pare", "coppi", "paar"))
        has_year = bool(YEAR_HINT_RE.search(low)) or any(
            u in low for u in ("spring", "summer", "autumn", "winter", "printemps", "primavera",
                               "fruhjahr", "sommer", "herbst", "this year", "cette annee",
                               "este ano", "este ano", "quest'anno", "diesem jahr", "fin de"))
        for q in (lengths(text, s.start, s.end) if has_length else ()):
            if not self._is_route_length(q, s):
                continue
            route = route_for(q.start)
            if route is not None and "length" not in route.figures:
                route.figures["length"] = FigureFact("length", q.value, "km", s.evidence)
        for q in (capacities(text, s.start, s.end) if has_capacity else ()):
            route = route_for(q.start)
            if route is not None and "capacity" not in route.figures:
                route.figures["capacity"] = FigureFact("capacity", q.value, "Tbps", s.evidence)
        for q in (fibre_pairs(text, s.start, s.end) if has_pairs else ()):
            route = route_for(q.start)
            if route is not None and "fibre-pairs" not in route.figures:
                route.figures["fibre-pairs"] = FigureFact("fibre-pairs", q.value, "pairs",
                                                          s.evidence)
        for q in (ready_years(text, s.start, s.end, doc.language, doc.year) if has_year
                  else ()):
            route = route_for(q.start)
            if created:
                route = created[0][1]
            if route is not None and "ready-for-service" not in route.figures:
                route.figures["ready-for-service"] = FigureFact("ready-for-service", q.value,
                                                                "year", s.evidence)

    def _is_route_length(self, q, s: Sentence) -> bool:
        """Whether a number of km is the length of a route: a word of length near it, or a
        word for a cable right after it; not a distance off a coast or a depth."""
        text = self.text
        words = re.findall(r"[\w'’-]+", text[max(s.start, q.start - 60):q.start])
        before = fold(" ".join(words[-5:]))
        after = text[q.end:min(s.end, q.end + 30)]
        if re.match(r"\s*(?:vor\b|off\b|from\b|away\b|au\s+large|de\s+(?:la\s+)?"
                    r"(?:c[oô]te|costa|distance|profondeur)|da\s+costa|dalla\s+costa|"
                    r"de\s+profundidad|de\s+profundidade|deep\b|tief\b|unter\b|below\b|"
                    r"sous\b|entfernt)", after, re.IGNORECASE):
            return False
        if NOT_LENGTH_RE.search(" ".join(before.split()[-4:])):
            return False
        return bool(LENGTH_CUE_RE.search(before) or re.match(
            r"\s*(?:long|lang|de\s+long|of\s+cable|de\s+cabo|de\s+c[aâ]ble|di\s+cavo|"
            r"de\s+cable|\w*\s*(?:cable|câble|cabo|cavo|kabel|system|sistema|"
            r"système|route|link|network|backhaul|fibre|fiber))|\s*(?:\w+\s+){0,2}(?:al|a\s+la|"
            r"du|au|ao|à|the|del|de\s+la)\s+(?:tendido|tramo|tronçon|segment|segmento|trecho|"
            r"tratta)\b", after, re.IGNORECASE))

    # ------------------------------------------------------------------ description

    def _describe(self, route: _Route, s: Sentence, pos: int) -> None:
        if route.medium == "unspecified":
            route.medium = medium_near(self.text, pos, pos, s)
        if route.status == "unspecified":
            route.status = status_near(self.text, pos, s, self.doc.language, "route")

    def _merge_same_length(self) -> None:
        """An unnamed route with the length of a named one is that route ("Un nuevo cable
        submarino de 1.400 kilómetros" and "el PENCAN 8 ... que recorre 1.400 kilómetros")."""
        named = [r for r in self.routes if r.name and "length" in r.figures]
        for r in list(self.routes):
            if r.name or "length" not in r.figures:
                continue
            for n in named:
                if abs(n.figures["length"].value - r.figures["length"].value) < 1e-6:
                    for k, v in r.figures.items():
                        n.figures.setdefault(k, v)
                    if not n.waypoints:
                        n.waypoints = r.waypoints
                    self.routes.remove(r)
                    break

    def _merge_same_ends(self) -> None:
        """An unnamed route that shares two ends with another route is that route, told
        again (a headline, then the body; "a cable between Angola and Brazil" then "the
        cable, named X, between Angola and Brazil")."""
        for r in list(self.routes):
            if r.name or len(r.waypoints) < 2 or r not in self.routes:
                continue
            ends = {fold(w.surface) for w in r.waypoints}
            countries = waypoint_countries(r.waypoints)
            for other in sorted(self.routes, key=lambda o: (not o.name, o.first)):
                if other is r or (not other.name and other.first > r.first):
                    continue
                if len(ends & {fold(w.surface) for w in other.waypoints}) < 2:
                    theirs = waypoint_countries(other.waypoints)
                    if not (len(countries) >= 2 and countries == theirs):
                        continue
                    # the same countries linked, one of them by towns: "Neues Glasfaserkabel
                    # nach Dänemark soll Norwegen ...", "von Oslo ... nach Esbjerg"
                    if town_count(r.waypoints) > town_count(other.waypoints) and not other.name:
                        other.waypoints = r.waypoints
                        other.waypoint_sentence = r.waypoint_sentence
                        other.evidence = r.evidence
                if not other.name and not re.search(r"[.!?…»”\"]\s*$", other.evidence.text):
                    # told first by a headline: the body's sentence states it
                    other.evidence = r.evidence
                    other.waypoints = r.waypoints
                for k, v in r.figures.items():
                    other.figures.setdefault(k, v)
                if other.medium == "unspecified":
                    other.medium = r.medium
                if other.status == "unspecified":
                    other.status = r.status
                self.routes.remove(r)
                break

    def attach_operators(self, organisations: list[OrganisationFact]) -> None:
        """Operators: the organisations a route's sentences say own it ("o cabo submarino da
        EllaLink", "BlueMed è il nuovo cavo di Sparkle", "Sparkle's cable")."""
        if not organisations:
            return
        text = self.text
        occurrences = self.doc.name_occurrences(
            [(f, o.name) for o in organisations for f in [o.name, *o.aliases]])
        # the routes each sentence speaks of
        of_sentence: dict[int, list[_Route]] = {}
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


def _occurrences_then_brackets(text: str, form: str):
    """Matches of "<form> (<inner>)" in ``text``, ``group(1)`` the inner text."""
    out = []
    i = text.find(form)
    while i >= 0:
        m = _BRACKETS_AFTER_RE.match(text, i + len(form))
        if m:
            out.append(m)
        i = text.find(form, i + 1)
    return out


_BRACKETS_AFTER_RE = re.compile(r"\s*\(\s*([^()]{2,80})\)")
_BEFORE_BRACKETED_RE = re.compile(
    r"(?<![\w-])([A-Z][A-Za-z0-9]{1,7})(?:-[\w]+)?\s*\(([^()]{2,80})\)")


def _abbreviates(short: str, long: str, article_letter: bool = False) -> bool:
    """Whether ``short`` is the initials of ``long``: "SACS" of "South Atlantic Cable
    System", "ACE" of "Atlantique Connexion to Europe"."""
    letters = re.sub(r"[^A-Za-z]", "", short).upper()
    all_words = re.findall(r"[^\W_]+", long)
    words = [w for w in all_words
             if fold(w) not in ("de", "of", "to", "the", "and", "et", "e", "y", "da", "do",
                                "du", "la", "le", "en", "a", "di", "del", "della")]
    initials = "".join(w[0] for w in words).upper()
    if article_letter and all_words and fold(all_words[0]) in ("the", "le", "la", "el", "il"):
        # "TEAMS (The East African Marine System)": the article may lend its letter
        initials = (all_words[0][0] + initials).upper() if letters != initials else initials
    return len(letters) >= 2 and len(words) >= 2 and letters == initials


def find_routes(doc: Document) -> RouteFinder:
    """The route finder of ``doc``, run (its ``routes`` are in order of creation)."""
    finder = RouteFinder(doc)
    finder.find()
    return finder
