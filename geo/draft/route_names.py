"""Names of routes: a name right after a word for a cable ("le câble sous-marin Atlantique
Connexion to Europe", "o Cabo Submarino Equiano", "das unterseeische Kabel Sea Lion", "il cavo
sottomarino BlueMed"), before one ("the 2Africa cable", "the Monet Cable System", "the SACS
system"), given by a naming verb ("denominato Barracuda", "bautizado como Tikal", "baptisé
’’Africa Coast to Europe’’"), listed after a plural ("two new cables, Sea-Me-We-5 and AAE1"),
or shaped like a cable's name ("SEA-ME-WE 6"). A name after a preposition is the owner's ("o
cabo submarino da EllaLink"), and a place is a waypoint. The other forms of a name are
:mod:`geo.draft.route_aliases`'."""

from __future__ import annotations

import re

from geo.draft.names import Run, is_acronym, is_camel
from geo.draft.route_state import Route, RouteFinderState
from geo.draft.route_words import (
    ANAPHOR_EXTRA_RE,
    CABLE_RE,
    CABLE_SHAPE_RE,
    FACILITY_RE,
    HEAD_HINT_RE,
    MEDIUM_WORD_RE,
    MODIFIERS,
    NAME_CONNECTORS,
    NAME_HEADS,
    NAMING_RE,
    NETWORK_WORDS,
    NOT_ROUTE_NAMES,
    PLURAL_NOUNS,
    QUOTE_OPEN,
    SYSTEMS_RE,
    WHICH_LINKS_RE,
)
from geo.draft.sentences import Sentence
from geo.draft.vocabulary import fold

#: An acronym in brackets right after a name: "Seychelles East Africa System (SEAS)".
_ACRONYM_NEXT_RE = re.compile(r"\s*\([A-Z0-9][A-Za-z0-9-]{1,11}\)")


class RouteNaming(RouteFinderState):
    """Finds the names of routes a text writes."""

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

    def valid_name(self, start: int, end: int) -> bool:
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
        if self.doc.language == "de" and CABLE_RE.fullmatch(last) and not re.search(
                r"\bCable(?:\s+System)?$", surface):
            return False  # "Neues Glasfaserkabel", "Route": German nouns, no names
        if key in self.names.all_function or len(key) < 2 or key in NOT_ROUTE_NAMES or \
                MEDIUM_WORD_RE.fullmatch(surface) or re.fullmatch(r"G\.?65\d\w?", surface):
            return False  # "Submarine cable services provider", "un cavo G.652D"
        if FACILITY_RE.search(surface):
            return False
        return start not in self.doc.adjective_starts

    def add_name(self, start: int, end: int, sentence: Sentence, *, alias_of: Route | None
                  = None) -> Route | None:
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
            route = Route(surface, [surface], sentence, start, last=start)
            self.routes.append(route)
        self.by_form[key] = route
        self.spans.append((start, end, route))
        return route

    def find_names(self) -> None:
        """The names of routes, each where it is written (steps 1 to 5; the names of
        naming verbs wait in ``pending_names``)."""
        text, tokens, names = self.text, self.names.tokens, self.names
        # 1. a word for a cable, its modifiers, then a name: "câble sous-marin X"
        for m in CABLE_RE.finditer(text):
            s = self.doc.sentence_at(m.start())
            if s is None or self.facility_phrase(m.start(), m.end()) or self.in_name(m):
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
                    # a name in quotes begins with a capital or a digit: 'un cable
                    # "express"' says what kind of cable, not its name
                    if (text[tokens[k].start:tokens[k].start + 1].isupper()
                            or text[tokens[k].start:tokens[k].start + 1].isdigit()) and \
                            self.valid_name(tokens[k].start, end):
                        self.add_name(tokens[k].start, end, s)
                    continue
            if gap.strip() not in ("", ":"):
                continue
            plural = fold(m.group()).split()[-1] in PLURAL_NOUNS
            span = self._name_from(k, s)
            if span is None or not self.valid_name(*span):
                continue
            if plural and not re.match(r"\s*(?:,|and\b|e\b|et\b|y\b|und\b)\s*[A-Z0-9]",
                                       text[span[1]:span[1] + 8]) and not re.search(
                    r"(?:system|sistema|systeme|sistemi|systemes|sistemas)\s+(?:of|de|di|"
                    r"des|dei)\s*$", fold(text[max(s.start, m.start() - 20):m.start()])):
                continue  # "a operadora de cabos submarinos EllaLink": no cable's name
            route = self.add_name(span[0], span[1], s)
            if (plural or self.doc.language == "de") and route is not None:
                self._list_after(span[1], s, plain=True)  # "los cables Curie, SAm-1 y Prat"
        # 2. a plural, then a list: "two new cables, Sea-Me-We-5 and AAE1"
        for m in CABLE_RE.finditer(text):
            if fold(m.group()).split()[-1] not in PLURAL_NOUNS or self.in_name(m):
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
            m for m in SYSTEMS_RE.finditer(text) if self.cable_context(
                self.doc.sentence_at(m.start()) or self.doc.sentences[0])]
        for m in plurals:
            if fold(m.group()).split()[-1] not in PLURAL_NOUNS or self.in_name(m):
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
                if stripped is None or not self.valid_name(stripped.start, stripped.end) or \
                        self.doc.is_place_run(run) or self.is_org_shaped(stripped.text):
                    break
                listed.insert(0, stripped)
                end = run.start
                if stripped.start != run.start:
                    break  # "the SAT-3": the list starts at its article
            if len(listed) >= 2:
                for r in listed:
                    self.add_name(r.start, r.end, s)
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
                # a place before "Cable" or "Cable System" written so is a part of its name
                # ("West Africa Cable System"), as before "cable" it is a waypoint ("the
                # Lisbon cable"); before "System", only in an acronym's spelling ("SEAS
                # (Seychelles East Africa System)"), not alone ("the Greenland System")
                proper = run_tokens[heads[0]].text == "Cable" or (
                    run_tokens[heads[0]].text == "System" and (
                        text[run.start - 1:run.start] == "(" or _ACRONYM_NEXT_RE.match(
                            text, run.end)))
                if stripped is not None and stripped.first < run.first + heads[0] and (
                        self.valid_name(stripped.start, run_tokens[heads[0] - 1].end) or (
                        proper and self.valid_name(stripped.start, run.end))):
                    self.add_name(stripped.start, run.end, run.sentence)
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
                if stripped is None or not self.valid_name(stripped.start, stripped.end):
                    continue
                if m2.group(1) == "project" and not self.cable_context(run.sentence):
                    continue
                self.add_name(stripped.start, stripped.end, run.sentence)
            # "PENCAN 8, un nuevo cable submarino", "o BRUSA, novo cabo submarino", "Atlantic
            # CAM, o sistema de cabos": a name in apposition to a cable
            m3 = re.match(r"\s*[,–—-]\s*(?:(?:(?:un|una|uno|a|an|um|uma|une|ein|eine)\s+"
                          r"(?:\w+\s+){0,2}?|(?:novo|nuevo|new|nouveau|nuovo|neues|neue)\s+)"
                          r"(?:cable|câble|cabo|cavo|kabel|seekabel|system|sistema|système)|"
                          r"(?:the|o|el|le|il|das)\s+(?:system|sistema|système)\s+(?:of|de|di|"
                          r"aus))(?![\w-])", after)
            if m3 and not run.possessive:
                stripped = self._without_owner(names.strip_function(run))
                if stripped is not None and self.valid_name(stripped.start, stripped.end) \
                        and not self.is_org_shaped(stripped.text):
                    self.add_name(stripped.start, stripped.end, run.sentence)
        # 3b. descriptive names of networks: "Red Dorsal", "Red Federal de Fibra Óptica"
        #     (not "Red Eléctrica": a word of a line of fibre is needed)
        # 3c. a name then "which links" and places: "il proprio BlueMed che collega Italia,
        #     Francia, Grecia", "Sealink, qui relie Dakar à Praia"
        for run in names.runs:
            if run.title or self.doc.is_place_run(run):
                continue
            stripped = self._without_owner(names.strip_function(run))
            if stripped is None:
                continue
            words = [t.folded for t in tokens[stripped.first:stripped.last + 1]]
            if len(words) >= 2 and words[0] in ("red", "rede", "rete", "reseau") and any(
                    w in NETWORK_WORDS for w in words[1:]):
                if self.valid_name(stripped.start, stripped.end):
                    self.add_name(stripped.start, stripped.end, run.sentence)
                continue
            link = WHICH_LINKS_RE.match(text, stripped.end,
                                         min(run.sentence.end, stripped.end + 120))
            if link and re.search(r"\b(?:di|de|of|da|do|du|del|della|von|des|by|par|por)\s+$",
                                  text[max(0, stripped.start - 8):stripped.start]):
                link = None  # "il nuovo cavo di Sparkle che collega": the owner
            if link and not run.possessive and not self.is_org_shaped(stripped.text) and \
                    len(names.places_between(link.end(), min(run.sentence.end,
                                                             link.end() + 40))) >= 1 and \
                    self.valid_name(stripped.start, stripped.end) and \
                    stripped.start not in self.org_starts:
                self.add_name(stripped.start, stripped.end, run.sentence)
        # 4. shapes of cable names: "SEA-ME-WE 6"
        for m in CABLE_SHAPE_RE.finditer(text):
            s = self.doc.sentence_at(m.start())
            if self.names.places_between(m.start(), m.end()) or fold(
                    m.group().split("-")[-1]) in ("gebiet", "region", "raum", "kreis"):
                continue  # "Rhein-Main-Gebiet", "Lisboa-Madrid-Paris": places
            if s is not None and self.valid_name(m.start(), m.end()):
                self.add_name(m.start(), m.end(), s)
        # 5. naming verbs: "denominato Barracuda", "bautizado como Tikal"
        self._named_by_verb()

    def _without_owner(self, run: Run | None) -> Run | None:
        """``run`` less what follows a preposition after a route's name or before an
        organisation: its owner ("XAVRA da Telefónica": "XAVRA")."""
        if run is None:
            return None
        tokens = self.names.tokens
        for k in range(run.first + 1, min(run.last, run.first + 8)):  # a name: a few words
            if tokens[k].folded in NAME_CONNECTORS and (
                    tokens[k + 1].start in self.org_starts
                    or fold(self.text[run.start:tokens[k - 1].end]) in self.by_form):
                return self.names.sub_run(run, run.first, k - 1)
        return run

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
            if span is None or not self.valid_name(*span):
                return
            if not (first or plain or is_acronym(text[span[0]:span[1]]) or "-" in text[
                    span[0]:span[1]] or any(c.isdigit() for c in text[span[0]:span[1]])):
                return
            self.add_name(span[0], span[1], sentence)
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
            if not self.valid_name(start, end):
                continue
            self.pending_names.append((start, end, s))
