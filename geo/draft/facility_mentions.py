"""Mentions of a facility in one :class:`Document`: a word for a kind of facility in any
of the six languages (``DATA_CENTRE``, ``POP``, ``CABLE_LANDING``... in
:mod:`geo.draft.vocabulary`), an exchange point's name ("DE-CIX"), a German compound
("KPNQwest-Rechenzentrum"), a code next to such a word or in a text about them ("SG3",
"FRA13", "MRS1"), each with the name the words around it give (a code, a capitalised name
holding the word or before or after it, else the text's own words), whether it is definite
and its ordinal. A plural is no facility unless counted or listing places (one per place).
Which facility each mention is, is :mod:`geo.draft.facility_resolution`'s to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.draft.document import Document, Spans
from geo.draft.facility_words import (
    AFTER_WORD_RE,
    CODE_NOUN_AFTER_RE,
    CODE_NOUN_BEFORE_RE,
    CODE_RE,
    COMPANY_WORDS,
    COUNT_WORDS,
    EXPANSION_RE,
    GENERIC_RE,
    LANDING_VERBS_RE,
    MODIFIED_NOUNS,
    MONTH_WORDS,
    ORDINAL_RE,
    PLURAL_DETERMINERS,
    PLURAL_WORDS,
    PREDICATE_RE,
    determiner,
    kind_patterns,
)
from geo.draft.name_words import is_acronym, is_people_adjective
from geo.draft.sentences import Sentence
from geo.draft.vocabulary import DATA_CENTRE_SUFFIXES, EXCHANGE_NAME_RE, GENERIC_PARKS, fold

#: The next item of a list of buildings' codes or letters: ", LIS003", " und O".
_LISTED_CODE_RE = re.compile(r"(?:\s*,\s*|\s+(?:and|et|e|y|und|o|or|ou|oder)\s+)"
                             r"([A-Z]{2,5}-?\d{1,3}[A-Z]?)(?![\w’'-])")
_LISTED_LETTER_RE = re.compile(r"(?:\s*,\s*|\s+(?:and|et|e|y|und|o|or|ou|oder)\s+)"
                               r"([A-Z])(?![\w’'-])")
#: The most buildings one list names after the first.
_MAX_LISTED = 12
#: Capital letters that are words of a language, not a building's letter.
_LETTER_WORDS = {"en": "AI", "fr": "AY", "es": "AEOUY", "pt": "AEOÉ", "it": "AEIO", "de": ""}


@dataclass
class FacilityMention:
    """A phrase that stands for one facility: its kind, span, word and the name it gives."""

    kind: str
    start: int  # of the facility's phrase
    end: int
    keyword: str
    sentence: Sentence
    name: str = ""
    named: bool = False
    definite: bool = False
    ordinal: str = ""
    places: tuple = ()
    rename: bool = False  # names the latest facility ("dénommé X", "die Anlage „FRA7“")
    company: bool = False  # the words are a company's name ("Colt Data Centre Services")


class FacilityMentionFinder:
    """The mentions of facilities in one :class:`Document`, in the order of the text, one
    per phrase (:meth:`find`)."""

    def __init__(self, doc: Document, route_forms: set[str] | None = None):
        self.doc = doc
        self.text = doc.text
        self.names = doc.names
        self.route_forms = route_forms or set()
        self._kind_res = kind_patterns()
        self.any_dc = any(rx.search(self.text) for kind, rx, _c in self._kind_res[:1])

    def find(self) -> list[FacilityMention]:
        """The mentions, sorted by position, nested and repeated ones merged."""
        text = self.text
        found: list[FacilityMention] = []
        for kind, rx, cased in self._kind_res:
            matches = list(rx.finditer(text)) + (list(cased.finditer(text)) if cased else [])
            for m in matches:
                if not m.group():
                    continue
                s = self.doc.sentence_at(m.start())
                if s is None or s.index in self.names.title_sentences:
                    continue
                mention = self._mention(kind, m, s)
                if mention is not None:
                    found.extend(mention if isinstance(mention, list) else [mention])
        # German compounds: "KPNQwest-Rechenzentrum", "Karlsruher Rechenzentrum"
        for t in self.names.tokens:
            f = t.folded
            if "-" in t.text and f.endswith(DATA_CENTRE_SUFFIXES) and not f.startswith(
                    DATA_CENTRE_SUFFIXES):
                s = self.doc.sentence_at(t.start)
                if s is not None and s.index not in self.names.title_sentences:
                    found.append(FacilityMention("data-centre", t.start, t.end, t.text, s,
                                                 name=t.text, named=True))
        # exchange points by name: "DE-CIX", "France-IX"
        for m in EXCHANGE_NAME_RE.finditer(text):
            if re.match(r" [A-Z]", text[m.end():m.end() + 2]):
                continue  # "AFR-IX Telecom": a company's name
            s = self.doc.sentence_at(m.start())
            if s is not None and s.index not in self.names.title_sentences:
                found.append(FacilityMention("ixp", m.start(), m.end(), m.group(), s,
                                             name=m.group(), named=True))
        # codes in a text about data centres: "FRA13 verfügt über ...", "die Anlage „FRA7“"
        taken = Spans((x.start, x.end) for x in found)
        if self.any_dc:
            dc_sentences = {x.sentence.index for x in found if x.kind == "data-centre"}
            named = {fold(x.name) for x in found if x.named}
            for t in self.names.tokens:
                if not CODE_RE.match(t.text) or fold(t.text) in self.route_forms:
                    continue
                s = self.doc.sentence_at(t.start)
                if s is None or s.index in self.names.title_sentences:
                    continue
                if taken.covers(t.start, t.start + 1):
                    continue
                if text[max(0, t.start - 1):t.start] == "(" and re.search(
                        r"[A-Z][\w’'-]*\s*$", text[max(s.start, t.start - 30):t.start - 1]):
                    continue  # "Raxio Côte d’Ivoire (CIV1)": the code of a name
                rename = bool(GENERIC_RE.search(text[max(s.start, t.start - 25):t.start]))
                if not (rename or fold(t.text) in named or s.index in dc_sentences
                        or s.index - 1 in dc_sentences):
                    continue
                found.append(FacilityMention("data-centre", t.start, t.end, t.text, s,
                                             name=t.text, named=True, rename=rename))
        # a code before a generic noun, in any text: "its JB3 facility", "the CT2 site",
        # "el campus QR03" (a code after "campus"), "die Anlage FRA7" (above)
        for t in self.names.tokens:
            if not CODE_RE.match(t.text) or fold(t.text) in self.route_forms or \
                    taken.covers(t.start, t.start + 1):
                continue
            s = self.doc.sentence_at(t.start)
            if s is None or s.index in self.names.title_sentences:
                continue
            if CODE_NOUN_AFTER_RE.match(text, t.end) or CODE_NOUN_BEFORE_RE.search(
                    text[max(s.start, t.start - 30):t.start]):
                found.append(FacilityMention("data-centre", t.start, t.end, t.text, s,
                                             name=t.text, named=True))
                taken.add(t.start, t.end)
        # "Avalon3, la struttura ...": a name in apposition to a generic noun
        for run in self.names.runs:
            if run.title:
                continue
            after = text[run.end:run.end + 40]
            if after[:1] == "," and re.match(
                    r"\s*,\s+(?:la|the|il|le|el|a|o|die|das)\s+(?:\w+\s+){0,2}?(?:struttura|facility|structure|installation|instalación|"
                        r"instalação|Anlage|site|campus|complesso|complexe)\b", after,
                        re.IGNORECASE) and not taken.covers(run.start, run.start + 1):
                kind = "data-centre" if self.any_dc else "other"
                found.append(FacilityMention(kind, run.start, run.end, run.text, run.sentence,
                                             name=run.text, named=True))
            elif run.last > run.first and self.names.tokens[run.last].folded == "campus" \
                    and not taken.covers(run.start, run.start + 1):
                stripped = self.names.strip_function(run)
                if stripped is not None:
                    kind = "data-centre" if self.any_dc else "other"
                    found.append(FacilityMention(kind, stripped.start, stripped.end,
                                                 stripped.text, run.sentence,
                                                 name=stripped.text, named=True))
        found.extend(self._siblings(found, taken))
        found.sort(key=lambda x: (x.start, -x.end))
        # one mention per phrase: "point of presence (PoP)", nested matches
        out: list[FacilityMention] = []
        for x in found:
            if out and x.start < out[-1].end:
                if x.named and not out[-1].named and x.end <= out[-1].end:
                    out[-1].name, out[-1].named = x.name, True
                continue
            if out and x.kind == out[-1].kind and re.fullmatch(
                    r"\s*\(\s*", text[out[-1].end:x.start]):
                continue  # "point of presence (PoP)"
            if out and x.kind == out[-1].kind and x.named and fold(x.name) == fold(
                    out[-1].name) and re.fullmatch(r"\s*", text[out[-1].end:x.start]):
                out[-1].end = x.end  # "MRS1" and "MRS1 data center"
                continue
            out.append(x)
        return out

    def _mention(self, kind: str, m: re.Match[str], s: Sentence
                 ) -> FacilityMention | list[FacilityMention] | None:
        text = self.text
        word = m.group()
        start, end = m.start(), m.end()
        before_words = re.findall(r"[\w'’.-]+", text[max(s.start, start - 50):start])
        prev = fold(before_words[-1]).rstrip("'’") if before_words else ""
        if kind == "other":
            return self._other(m, s)
        if fold(word) in ("piattaforma", "plataforma", "platform", "landing platform") and \
                not LANDING_VERBS_RE.search(s.text):
            return None
        if fold(word) == "estacion base" and not re.search(r"(?:cable|submarin)", fold(s.text)):
            return None
        plural = any(w in PLURAL_WORDS for w in re.findall(r"[\w-]+", fold(word)))
        nxt = re.match(r" ([\w-]+)", text[end:end + 30])
        if nxt and fold(nxt.group(1)) in MODIFIED_NOUNS and not re.match(
                r"\s*[A-Z0-9]", text[end:end + 3]):
            return None  # "the data center market", "PoP operators": a kind, no facility
        if nxt and fold(nxt.group(1)) in PLURAL_WORDS:
            plural = True  # "Internet Exchange Points"
        counted = (bool(before_words) and fold(before_words[-1]) in COUNT_WORDS) or (
            len(before_words) > 1 and fold(before_words[-2]) in COUNT_WORDS)
        if counted and determiner(before_words[:-1], self.doc.language) == "definite":
            return None  # "las cinco estaciones de amarre": the known ones, no new facility
        if prev in PLURAL_DETERMINERS and not counted and prev not in ("the", "die", "der",
                                                                         "den"):
            if not plural and fold(word) not in ("data center", "data centre", "pop",
                                                 "datacenter"):
                pass
            else:
                return None  # "des data centers", "dei data center"
        if plural:
            listed = self._plural(kind, m, s)
            if listed or not counted:
                return listed  # one per place listed, or none for an uncounted plural
        if EXPANSION_RE.search(text[max(s.start, start - 60):start]) and re.match(
                r"\s*\)", text[end:end + 3]):
            return None  # "OS-IX (Oslo Internet Exchange)", "PoP (Point of Presence)"
        if word.istitle() and len(word.split()) > 1 and re.match(
                r" (?!(?:Hub|Campus|Park|Complex|Building|Centre|Center)\b)[A-Z][a-z]{2,}\b",
                text[end:end + 20]) and self.doc.place_in(end + 1, end + 2) is None and \
                not re.search(r"[A-Z][\w’'&-]*\s+$", text[max(s.start, start - 30):start]):
            return None  # "Data Centre Dynamics", "Data Center World": another name's words
        # the phrase: an ordinal, a code, a capitalised name around the word
        mention = FacilityMention(kind, start, end, word, s)
        mention.definite = determiner(before_words, self.doc.language) == "definite"
        ordinal = ORDINAL_RE.search(text[max(s.start, start - 20):start])
        if ordinal:
            if PREDICATE_RE.search(text[max(s.start, start - 60):start - len(
                    ordinal.group())]):
                return None  # "CGK5 is the fifth datacentre": what a named one is
            mention.ordinal = ordinal.group().strip()
            mention.definite = False
        self._name(mention)
        return None if mention.company else mention

    def _siblings(self, found: list[FacilityMention], taken: Spans) -> list[FacilityMention]:
        """The facilities that go with those found: codes listed with a facility's code or
        letter ("LIS002 e LIS003", "die Datacenter N und O") and codes with the same letters
        as a facility's code elsewhere in the text ("PAR1 et PAR2" beside "PAR3")."""
        text = self.text
        out: list[FacilityMention] = []
        seen: set[str] = set()
        for x in found:
            if not x.named:
                continue
            letter = re.fullmatch(r"(.*\S)\s+([A-Z])", x.name)
            if not (letter or CODE_RE.match(x.name)):
                continue
            listed = _LISTED_LETTER_RE if letter else _LISTED_CODE_RE
            end = x.end
            # a list names a few buildings: at most _MAX_LISTED, each once
            for _k in range(_MAX_LISTED):
                m = listed.match(text, end, min(len(text), end + 20))
                if m is None:
                    break
                start = m.start(1)
                if taken.covers(start, start + 1):
                    break  # the list from here on is another mention's
                name = f"{letter.group(1)} {m.group(1)}" if letter else m.group(1)
                if fold(name) not in self.route_forms and fold(name) not in seen:
                    seen.add(fold(name))
                    out.append(FacilityMention(x.kind, start, m.end(1), x.keyword,
                                               x.sentence, name=name, named=True))
                    taken.add(start, m.end(1))
                end = m.end()
        prefixes = {re.match(r"[A-Z]+", x.name).group() for x in [*found, *out]  # type: ignore
                    if x.named and CODE_RE.match(x.name)}
        kinds = {re.match(r"[A-Z]+", x.name).group(): x.kind for x in found  # type: ignore
                 if x.named and CODE_RE.match(x.name)}
        for t in self.names.tokens if prefixes else ():
            if not CODE_RE.match(t.text) or taken.covers(t.start, t.start + 1) or \
                    fold(t.text) in self.route_forms:
                continue
            prefix = re.match(r"[A-Z]+", t.text).group()  # type: ignore[union-attr]
            s = self.doc.sentence_at(t.start)
            if prefix in prefixes and s is not None and \
                    s.index not in self.names.title_sentences and fold(t.text) not in seen:
                seen.add(fold(t.text))
                out.append(FacilityMention(kinds.get(prefix, "data-centre"), t.start, t.end,
                                           t.text, s, name=t.text, named=True))
                taken.add(t.start, t.end)
        return out

    def _other(self, m: re.Match[str], s: Sentence) -> FacilityMention | None:
        """A park, plaza or venue is a facility only with its proper name: "Timor Plaza",
        "parc technologique du VITIB"."""
        text = self.text
        word = m.group()
        if fold(word) in GENERIC_PARKS and not word[:1].isupper():
            return None  # "an industrial park", "le parc de la ville"
        if word[:1].isupper():
            run = self.names.run_around(m.start(), m.end())
            if run is not None and run.last > run.first:
                stripped = self.names.strip_function(run)
                if stripped is not None and (stripped.start < m.start() or (
                        stripped.start == m.start() and stripped.end > m.end()
                        and not self.doc.is_place_run(stripped))):
                    return FacilityMention("other", stripped.start, stripped.end, word, s,
                                           name=stripped.text, named=True)
        after = re.match(r"\s+(?:de|du|des|di|del|da|do|of)\s+(?:la\s+|l['’]\s*)?"
                         r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)", text[m.end():m.end() + 60])
        if after:
            end = m.end() + after.end()
            return FacilityMention("other", m.start(), end, word, s, name=text[m.start():end],
                                   named=True)
        return None

    def _plural(self, kind: str, m: re.Match[str], s: Sentence) -> list[FacilityMention] | None:
        """"landing sites em Santos (SP) e Fortaleza, no Brasil; e em Sines", "dois pontos de
        aterragem, um em Santos e outro em Fortaleza": one per town."""
        places = [p for p in self.names.places_between(m.end(), s.end)
                  if p.kind == "city" and p.start - m.end() < 120]
        if len(places) < 2 or not re.match(
                r"\s*(?:,\s*)?(?:(?:one|un|une|uno|una|um|uma|ein|eine|einer)\s+)?"
                r"(?:in|em|en|à|a|at|no|na|nel|nella|im|dans|au|aux|nos|nas)\b",
                self.text[m.end():m.end() + 16]):
            return None
        out = []
        for p in places:
            surface = self.text[p.start:p.end]
            mention = FacilityMention(kind, p.start, p.end, m.group(), s,
                                      name=f"{surface} {m.group()}", named=False)
            mention.places = (p,)
            out.append(mention)
        return out

    def _name(self, x: FacilityMention) -> None:
        """The name of the facility a word stands for, from the words around it."""
        text, names = self.text, self.names
        s = x.sentence
        # a code just before ("Marseille MRS1 data center") or just after ("(„FRA13“)")
        pos = x.start
        bracket = re.search(r"\(\s*[^()]{1,60}\)\s*$", text[max(s.start, pos - 64):pos])
        if bracket:  # "the OS-IX (Oslo Internet Exchange) data centre"
            pos -= len(bracket.group())
        before = names.words_before(pos, 2, s.start)
        for t in reversed(before):
            if CODE_RE.match(t.text) and fold(t.text) not in self.route_forms:
                x.name, x.named = t.text, True
                return
            if not t.cap:
                break
        after = re.match(r"\s*\(?\s*[«“\"„‚'’]*\s*([A-Z]{2,5}-?\d{1,3}[A-Z]?)\b",
                         text[x.end:x.end + 16])
        if after and fold(after.group(1)) not in self.route_forms:
            x.name, x.named = after.group(1), True
            return
        # a building's letter: "das Datacenter M", "Data Center B" (not a word of the
        # language: "o data center A Oi", "el centro de datos y")
        letter = re.match(r" ([A-Z])(?![\w’'&.-])", text[x.end:x.end + 3])
        if letter and letter.group(1) not in _LETTER_WORDS.get(self.doc.language, "AI") and \
                x.kind == "data-centre":
            x.end += 2
            x.name, x.named = text[x.start:x.end], True
            return
        # a capitalised name holding the word ("Equinix Carrier Neutral Data Centre",
        # "Estação de Cabos Submarinos", "Data Center de Teraco")
        if x.keyword[:1].isupper() and self.doc.language != "de":
            run = names.run_around(x.start, x.end)
            if run is not None:
                stripped = names.strip_function(run)
                if stripped is not None and (stripped.start < x.start or stripped.end > x.end):
                    longer = stripped.end > x.end
                    x.name, x.named = stripped.text, True
                    x.start, x.end = stripped.start, stripped.end
                    # a company's name, not a building's: one that ends in a company's word
                    # after the facility's ("Colt Data Centre Services", "Nordic Data
                    # Centre Group"), or one the text also writes in the plural, the
                    # company's ("Africa Data Centre" beside "Africa Data Centres")
                    last = names.tokens[stripped.last].folded if longer else ""
                    x.company = last in COMPANY_WORDS or bool(re.search(
                        r"(?<![\w’'&-])" + re.escape(stripped.text) + r"(?:s|es)(?![\w’'&-])",
                        text))
                    return
        # a capitalised name before the word ("Via Caldera data centre complex", "Milan
        # PoP", "the Genoa cable landing station")
        prev_run = names.run_ending_before(x.start)
        if prev_run is not None and (text[prev_run.end:x.start] not in (" ", "\u00a0")
                                     or prev_run.possessive or re.search(
                                         r"\d[\d.,]*\s*$", text[max(0, prev_run.start - 8):
                                                                prev_run.start])):
            prev_run = None  # "a 20 MW data center": a quantity, no name
        if prev_run is not None and prev_run.last == prev_run.first and (
                (prev_run.start, prev_run.end) in self.doc.adjective_spans
                or is_people_adjective(text, prev_run.start, prev_run.end,
                                       names.all_function)):
            prev_run = None  # "the Welsh data center": an adjective, no name
        if prev_run is not None and self.doc.language != "de" and (
                prev_run.places or not prev_run.initial):
            stripped = names.strip_function(prev_run) if prev_run.initial or \
                names.tokens[prev_run.first].folded in ("the", "a", "an", "le", "la", "el",
                                                         "il", "o", "der", "die", "das") \
                else prev_run
            if stripped is not None:
                tail = re.match(r"\s+(?:complex|campus|complexe|building)\b",
                                text[x.end:x.end + 12])
                end = x.end + (tail.end() if tail else 0)
                x.name = text[stripped.start:end]
                x.named = not self.doc.is_place_run(stripped)
                x.start = stripped.start
                x.end = end
                return
        # a name right after the word: "the data center campus Blue Harbour", "le centre de
        # données Akwaba II", "o data center Serra Azul", "das Rechenzentrum Nordlicht"
        if self._name_after(x):
            return
        # a naming verb after: "dénommé Raxio Côte d’Ivoire", "recibirán el nombre de Madrid I"
        # the text's own words
        x.name = f"{x.ordinal} {x.keyword}".strip() if x.ordinal else x.keyword
        x.named = False

    def _name_after(self, x: FacilityMention) -> bool:
        """A capitalised name written right after the facility's word (and "campus",
        "complex"...) is its name: not a place (then the place and the word name it:
        "PoP-Standort Kristiansand"), a person, a date or the next sentence's start."""
        text, names = self.text, self.names
        m = AFTER_WORD_RE.match(text, x.end)
        if m is None or m.end() >= x.sentence.end:
            return False
        run = names.run_starting.get(m.end())
        if run is None or run.title or run.sentence.index != x.sentence.index:
            return False
        words = names.tokens[run.first:run.last + 1]
        if (len(words) == 1 and words[0].folded in names.all_function) or \
                words[0].folded in MONTH_WORDS or words[-1].folded in COMPANY_WORDS:
            return False  # "l'opérateur de centres de données Nordic Data Centres"
        if run.possessive or re.match(r"\s*(?:,\s*)?(?:['’]s\b|(?:has|have|had|is|was|said|"
                                      r"says|a|ha|hat|est|é|è|ist)\b)",
                                      text[run.end:run.end + 12]):
            return False  # "the data centre Equinix has built": the subject of a verb
        if self.doc.is_place_run(run):
            x.name, x.named = text[x.start:run.end], False
            x.places = tuple(run.places[:1])
            x.end = run.end
            return True
        if len(words) == 1 and (is_people_adjective(text, run.start, run.end,
                                                    names.all_function)
                                or (run.start, run.end) in self.doc.adjective_spans):
            return False
        if self.doc.language == "de" and not any(
                is_acronym(t.text) or any(c.isdigit() for c in t.text) or "-" in t.text
                or (t.text[1:] != t.text[1:].lower()) for t in words):
            return False  # German nouns are capitalised: only name-shaped words
        if len(words) >= 2 and all(t.text.istitle() and t.text.isalpha() for t in words) and \
                re.match(r"\s*,\s*(?:the|le|la|el|o|a|il|der|die)?\s*(?:ceo|director|"
                         r"head|president|directeur|director|diretor|direttore|chef)",
                         text[run.end:run.end + 30], re.IGNORECASE):
            return False  # a person and his role
        x.name, x.named = run.text, True
        return True
