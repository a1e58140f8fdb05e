"""Facilities a text states: data centres, points of presence, cable landing stations,
exchanges, internet exchange points and named buildings or parks.

* **Mentions**: a word for a kind of facility in any of the six languages (``DATA_CENTRE``,
  ``POP``, ``CABLE_LANDING``... in :mod:`geo.draft.vocabulary`), an exchange point's name
  ("DE-CIX"), a German compound ("KPNQwest-Rechenzentrum"), a code next to such a word or in
  a text about them ("SG3", "FRA13", "MRS1"). A plural is no facility ("des data centers",
  "major CNDCs") unless counted ("due nuovi data center") or listing places ("landing sites
  em Santos e Fortaleza": one per place).
* **Names**: a code ("Equinix's SG3 data centre", "das 13. Rechenzentrum („FRA13“)"); a
  capitalised name holding the word ("Equinix Carrier Neutral Data Centre", "Data Center de
  Teraco") or before it ("Via Caldera data centre complex", "Milan PoP"); a naming verb
  ("dénommé Raxio Côte d’Ivoire", "recibirán el nombre de Madrid I"); a generic noun with a
  name ("die Anlage „FRA7“", "Avalon3, la struttura ..."); else the text's own words ("data
  center", "14. Rechenzentrum").
* **One entry per facility**: a definite mention ("the data centre", "ce Datacenter", "A
  representação") is the latest facility of its kind; an ordinal ("Das 14. Rechenzentrum")
  or an indefinite one is a new one.
* **Operator**: a possessive ("Interxion’s"), a name opening with an organisation, an owner
  after the word ("Data Center de Teraco", "da empresa portuguesa EllaLink"), else the
  organisation the sentence names before it, else that of the previous facility of its
  kind. **Host**: a point of presence "in" a data centre. **Place**: the most specific
  place in the facility's phrase or clause, else the one its sentence or the text gives
  before it. **Status** from the nearest words of state and tense.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.draft.document import Document, Spans, in_range
from geo.draft.facts import FacilityFact, OrganisationFact, PlaceRef
from geo.draft.names import is_acronym, is_people_adjective
from geo.draft.sentences import Sentence
from geo.draft.status import status_near
from geo.draft.vocabulary import (
    CABLE_LANDING,
    DATA_CENTRE,
    DATA_CENTRE_SUFFIXES,
    EXCHANGE_NAME_RE,
    EXCHANGE_POINT,
    GENERIC_PARKS,
    ORG_NAME_WORDS,
    OTHER_FACILITY,
    POP,
    TELEPHONE_EXCHANGE,
    fold,
    month_numbers,
    pattern,
    word_set,
)
from geo.extract import ORG_SUFFIXES

_CODE_RE = re.compile(r"^[A-Z]{2,5}-?\d{1,3}[A-Z]?$")
_KINDS = (
    ("data-centre", DATA_CENTRE),
    ("pop", POP),
    ("cable-landing", CABLE_LANDING),
    ("ixp", EXCHANGE_POINT),
    ("exchange", TELEPHONE_EXCHANGE),
    ("other", OTHER_FACILITY),
)
#: Words that must keep their case to mean a facility ("PoP", "CPD", "POP").
_CASED = frozenset({"PoP", "PoPs", "POP", "POPs", "CPD", "IXP"})
_PLURAL_WORDS = word_set("""
    centres centers datacentres datacenters centros centri rechenzentren pops points
    stations sites estaciones estacoes stazioni datenzentren platforms cndcs dcs cpds
    exchanges internetknotenpunkte punti pontos puntos presences representacoes
    facilities plataformas piattaforme
""")
_PLURAL_DETERMINERS = word_set("""
    the des les ces leurs ses nos dei degli delle i gli los las unos unas sus estos estas
    os as uns umas seus suas estes estas die der den these those their its several
    many all other two three tous toutes todos todas tutti tutte alle mehrere viele
    zwei drei deux trois dos tres dois três tre
""")
_COUNT_WORDS = word_set("""
    two three four five deux trois quatre cinq dos tres cuatro cinco dois duas três quatro
    due tre quattro cinque zwei drei vier fünf
""")
_ORDINAL_RE = re.compile(
    r"(?:\b\d{1,3}\.|\b\d{1,3}(?:st|nd|rd|th|e|ème|º|ª|°)|\b(?:second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|deuxième|troisième|quatrième|cinquième|sixième|"
    r"septième|segund[oa]|tercer[oa]?|terceir[oa]|cuart[oa]|quart[oa]|quint[oa]|sext[oa]|"
    r"séptim[oa]|sétim[oa]|secondo|seconda|terzo|terza|quarto|quinto|sesto|settimo|"
    r"zweite[snr]?|dritte[snr]?|vierte[snr]?|fünfte[snr]?|sechste[snr]?|siebte[snr]?|"
    r"siebtes|achte[snr]?))\s*$", re.IGNORECASE)
_DEFINITE = word_set("""
    los las les gli os as these those ces estos estas estes questi queste diese
    the this that its their our le la l ce cet cette son sa leur notre el este esta ese
    esa su nuestro nuestra o a esse essa seu sua nosso nossa il lo questo questa quel
    quella suo sua nostro nostra der die das dem den des dieses diese dieser sein seine
    ihr ihre unser unsere du au del al do da no na ao nel dal dello della im vom zum zur
""")
_INDEFINITE = word_set("""
    a an another un une uno una um uma ein eine einen einem einer
""")
#: Generic nouns for a facility, which a name or code may follow ("die Anlage „FRA7“").
_GENERIC_RE = re.compile(
    r"(?<![\w-])(?:Anlage|facility|installation|installations|instalaciones|instalações|"
    r"struttura|structure|complexe|complesso|complejo|edificio|edifício|building|Gebäude|"
    r"site|sito|impianto|centro|centre|center|Standort)(?![\w])", re.IGNORECASE)
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
_LOCATIVE = word_set("""
    in at à a en em na no nas nos nel nella ad a im in bei au aux within inside dans
    chez presso
""")
_LANDING_VERBS_RE = re.compile(r"(?:approd|land|atterr|amarr|ancor|anland)", re.IGNORECASE)
@dataclass
class _Facility:
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


@dataclass
class _Mention:
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


#: An opening bracket and capitalised words: a facility word after them, closing the
#: bracket, spells out what is before it ("OS-IX (Oslo Internet Exchange)").
_EXPANSION_RE = re.compile(r"\(\s*(?:[A-Z][\w’'-]*\s+(?:(?:of|de|di|du|da|do)\s+)?)*$")
#: A copula and a determiner before an ordinal: "CGK5 is the fifth datacentre".
_PREDICATE_RE = re.compile(
    r"\b(?:is|was|est|était|es|era|é|è|ist|war|sera|será|sarà|wird)\s+"
    r"(?:the|its|le|la|l['’]|son|sa|el|su|o|a|seu|sua|il|lo|suo|der|die|das|sein|seine|"
    r"ihr|ihre)\s*$", re.IGNORECASE)
#: Generic nouns of a site after a code ("the JB3 facility", "its CT2 site") or before it
#: ("el campus QR03", "le site PA3").
_CODE_NOUN_AFTER_RE = re.compile(
    r"[ \u00a0]+(?:facility|facilities|site|campus|building|complex|data\s+hall|"
    r"colocation)\b", re.IGNORECASE)
_CODE_NOUN_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:campus|site|sito|sitio|Standort|Campus|edificio|edifício|bâtiment|"
    r"Gebäude|complexe|complejo|complesso)\s+$", re.IGNORECASE)
#: After a facility's word, the words that may stand before its name.
_AFTER_WORD_RE = re.compile(r"(?:\s+(?:campus|complex|complexe|complejo|complesso|building|"
                            r"site|hub))?[ \u00a0]+[«“\"„‚'’]?")
_MONTH_WORDS = frozenset(month_numbers())
_COMPANY_WORDS = frozenset(fold(w) for w in ORG_NAME_WORDS) | ORG_SUFFIXES
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


@lru_cache(maxsize=1)
def _kind_patterns() -> list:
    """(kind, pattern of its words in any case, pattern of its words that keep their case)."""
    out = []
    for kind, table in _KINDS:
        cased = [w for ws in table.values() for w in ws if w in _CASED]
        out.append((kind, _compile({k: [w for w in ws if w not in _CASED]
                                    for k, ws in table.items()}),
                    _compile({"x": cased}, case=True) if cased else None))
    return out


def _compile(table: dict[str, list[str]], case: bool = False) -> re.Pattern[str]:
    return pattern(table, case=case)


#: Nouns after a facility word that make it a modifier: "the data center market".
_MODIFIED_NOUNS = word_set("""
    market markets industry industries sector sectors business businesses operator operators
    provider providers developer developers company companies firm firms player players
    space capacity strategy strategies platform platforms portfolio portfolios expansion
    construction investment investments demand supply trends trend segment segments
    services service solutions solution ecosystem ecosystems specialist specialists
    infrastructure infrastructures stocks reits reit fund funds
""")


class FacilityFinder:
    """Finds the facilities of one :class:`Document`; :meth:`names` first (so that the
    organisation finder leaves them out), :meth:`resolve` once organisations are known."""

    def __init__(self, doc: Document, route_forms: set[str] | None = None):
        self.doc = doc
        self.text = doc.text
        self.names_ = doc.names
        self.route_forms = route_forms or set()
        self.mentions: list[_Mention] = []
        self.facilities: list[_Facility] = []
        self._kind_res = _kind_patterns()
        self.any_dc = any(rx.search(self.text) for kind, rx, _c in self._kind_res[:1])

    # ------------------------------------------------------------------ mentions

    def names(self) -> set[str]:
        """Find the mentions; the names they give (folded), for the organisation finder to
        leave out."""
        text = self.text
        found: list[_Mention] = []
        for kind, rx, cased in self._kind_res:
            matches = list(rx.finditer(text)) + (list(cased.finditer(text)) if cased else [])
            for m in matches:
                if not m.group():
                    continue
                s = self.doc.sentence_at(m.start())
                if s is None or s.index in self.names_.title_sentences:
                    continue
                mention = self._mention(kind, m, s)
                if mention is not None:
                    found.extend(mention if isinstance(mention, list) else [mention])
        # German compounds: "KPNQwest-Rechenzentrum", "Karlsruher Rechenzentrum"
        for t in self.names_.tokens:
            f = t.folded
            if "-" in t.text and f.endswith(DATA_CENTRE_SUFFIXES) and not f.startswith(
                    DATA_CENTRE_SUFFIXES):
                s = self.doc.sentence_at(t.start)
                if s is not None and s.index not in self.names_.title_sentences:
                    found.append(_Mention("data-centre", t.start, t.end, t.text, s,
                                          name=t.text, named=True))
        # exchange points by name: "DE-CIX", "France-IX"
        for m in EXCHANGE_NAME_RE.finditer(text):
            if re.match(r" [A-Z]", text[m.end():m.end() + 2]):
                continue  # "AFR-IX Telecom": a company's name
            s = self.doc.sentence_at(m.start())
            if s is not None and s.index not in self.names_.title_sentences:
                found.append(_Mention("ixp", m.start(), m.end(), m.group(), s, name=m.group(),
                                      named=True))
        # codes in a text about data centres: "FRA13 verfügt über ...", "die Anlage „FRA7“"
        taken = Spans((x.start, x.end) for x in found)
        if self.any_dc:
            dc_sentences = {x.sentence.index for x in found if x.kind == "data-centre"}
            named = {fold(x.name) for x in found if x.named}
            for t in self.names_.tokens:
                if not _CODE_RE.match(t.text) or fold(t.text) in self.route_forms:
                    continue
                s = self.doc.sentence_at(t.start)
                if s is None or s.index in self.names_.title_sentences:
                    continue
                if taken.covers(t.start, t.start + 1):
                    continue
                if text[max(0, t.start - 1):t.start] == "(" and re.search(
                        r"[A-Z][\w’'-]*\s*$", text[max(s.start, t.start - 30):t.start - 1]):
                    continue  # "Raxio Côte d’Ivoire (CIV1)": the code of a name
                rename = bool(_GENERIC_RE.search(text[max(s.start, t.start - 25):t.start]))
                if not (rename or fold(t.text) in named or s.index in dc_sentences
                        or s.index - 1 in dc_sentences):
                    continue
                found.append(_Mention("data-centre", t.start, t.end, t.text, s, name=t.text,
                                      named=True, rename=rename))
        # a code before a generic noun, in any text: "its JB3 facility", "the CT2 site",
        # "el campus QR03" (a code after "campus"), "die Anlage FRA7" (above)
        for t in self.names_.tokens:
            if not _CODE_RE.match(t.text) or fold(t.text) in self.route_forms or \
                    taken.covers(t.start, t.start + 1):
                continue
            s = self.doc.sentence_at(t.start)
            if s is None or s.index in self.names_.title_sentences:
                continue
            if _CODE_NOUN_AFTER_RE.match(text, t.end) or _CODE_NOUN_BEFORE_RE.search(
                    text[max(s.start, t.start - 30):t.start]):
                found.append(_Mention("data-centre", t.start, t.end, t.text, s, name=t.text,
                                      named=True))
                taken.add(t.start, t.end)
        # "Avalon3, la struttura ...": a name in apposition to a generic noun
        for run in self.names_.runs:
            if run.title:
                continue
            after = text[run.end:run.end + 40]
            if after[:1] == "," and re.match(
                    r"\s*,\s+(?:la|the|il|le|el|a|o|die|das)\s+(?:\w+\s+){0,2}?(?:struttura|facility|structure|installation|instalación|"
                        r"instalação|Anlage|site|campus|complesso|complexe)\b", after,
                        re.IGNORECASE) and not taken.covers(run.start, run.start + 1):
                kind = "data-centre" if self.any_dc else "other"
                found.append(_Mention(kind, run.start, run.end, run.text, run.sentence,
                                      name=run.text, named=True))
            elif run.last > run.first and self.names_.tokens[run.last].folded == "campus" \
                    and not taken.covers(run.start, run.start + 1):
                stripped = self.names_.strip_function(run)
                if stripped is not None:
                    kind = "data-centre" if self.any_dc else "other"
                    found.append(_Mention(kind, stripped.start, stripped.end, stripped.text,
                                          run.sentence, name=stripped.text, named=True))
        found.sort(key=lambda x: (x.start, -x.end))
        # one mention per phrase: "point of presence (PoP)", nested matches
        out: list[_Mention] = []
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
        self.mentions = out
        self.named = {fold(x.name) for x in out if x.named}
        return self.named

    def _mention(self, kind: str, m: re.Match[str], s: Sentence
                 ) -> _Mention | list[_Mention] | None:
        text = self.text
        word = m.group()
        start, end = m.start(), m.end()
        before_words = re.findall(r"[\w'’.-]+", text[max(s.start, start - 50):start])
        prev = fold(before_words[-1]).rstrip("'’") if before_words else ""
        if kind == "other":
            return self._other(m, s)
        if fold(word) in ("piattaforma", "plataforma", "platform", "landing platform") and \
                not _LANDING_VERBS_RE.search(s.text):
            return None
        if fold(word) == "estacion base" and not re.search(r"(?:cable|submarin)", fold(s.text)):
            return None
        plural = any(w in _PLURAL_WORDS for w in re.findall(r"[\w-]+", fold(word)))
        nxt = re.match(r" ([\w-]+)", text[end:end + 30])
        if nxt and fold(nxt.group(1)) in _MODIFIED_NOUNS and not re.match(
                r"\s*[A-Z0-9]", text[end:end + 3]):
            return None  # "the data center market", "PoP operators": a kind, no facility
        if nxt and fold(nxt.group(1)) in _PLURAL_WORDS:
            plural = True  # "Internet Exchange Points"
        counted = (bool(before_words) and fold(before_words[-1]) in _COUNT_WORDS) or (
            len(before_words) > 1 and fold(before_words[-2]) in _COUNT_WORDS)
        if counted and _determiner(before_words[:-1], self.doc.language) == "definite":
            return None  # "las cinco estaciones de amarre": the known ones, no new facility
        if prev in _PLURAL_DETERMINERS and not counted and prev not in ("the", "die", "der",
                                                                         "den"):
            if not plural and fold(word) not in ("data center", "data centre", "pop",
                                                 "datacenter"):
                pass
            else:
                return None  # "des data centers", "dei data center"
        if plural and not counted:
            return self._plural(kind, m, s)
        if _EXPANSION_RE.search(text[max(s.start, start - 60):start]) and re.match(
                r"\s*\)", text[end:end + 3]):
            return None  # "OS-IX (Oslo Internet Exchange)", "PoP (Point of Presence)"
        if word.istitle() and len(word.split()) > 1 and re.match(
                r" (?!(?:Hub|Campus|Park|Complex|Building|Centre|Center)\b)[A-Z][a-z]{2,}\b",
                text[end:end + 20]) and self.doc.place_in(end + 1, end + 2) is None and \
                not re.search(r"[A-Z][\w’'&-]*\s+$", text[max(s.start, start - 30):start]):
            return None  # "Data Centre Dynamics", "Data Center World": another name's words
        # the phrase: an ordinal, a code, a capitalised name around the word
        mention = _Mention(kind, start, end, word, s)
        mention.definite = _determiner(before_words, self.doc.language) == "definite"
        ordinal = _ORDINAL_RE.search(text[max(s.start, start - 20):start])
        if ordinal:
            if _PREDICATE_RE.search(text[max(s.start, start - 60):start - len(
                    ordinal.group())]):
                return None  # "CGK5 is the fifth datacentre": what a named one is
            mention.ordinal = ordinal.group().strip()
            mention.definite = False
        self._name(mention)
        return mention

    def _other(self, m: re.Match[str], s: Sentence) -> _Mention | None:
        """A park, plaza or venue is a facility only with its proper name: "Timor Plaza",
        "parc technologique du VITIB"."""
        text = self.text
        word = m.group()
        if fold(word) in GENERIC_PARKS and not word[:1].isupper():
            return None  # "an industrial park", "le parc de la ville"
        if word[:1].isupper():
            run = self.names_.run_around(m.start(), m.end())
            if run is not None and run.last > run.first:
                stripped = self.names_.strip_function(run)
                if stripped is not None and (stripped.start < m.start() or (
                        stripped.start == m.start() and stripped.end > m.end()
                        and not self.doc.is_place_run(stripped))):
                    return _Mention("other", stripped.start, stripped.end, word, s,
                                    name=stripped.text, named=True)
        after = re.match(r"\s+(?:de|du|des|di|del|da|do|of)\s+(?:la\s+|l['’]\s*)?"
                         r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)", text[m.end():m.end() + 60])
        if after:
            end = m.end() + after.end()
            return _Mention("other", m.start(), end, word, s, name=text[m.start():end],
                            named=True)
        return None

    def _plural(self, kind: str, m: re.Match[str], s: Sentence) -> list[_Mention] | None:
        """"landing sites em Santos (SP) e Fortaleza, no Brasil; e em Sines": one per town."""
        places = [p for p in self.names_.places_between(m.end(), s.end)
                  if p.kind == "city" and p.start - m.end() < 120]
        if len(places) < 2 or not re.match(r"\s*(?:in|em|en|à|a|at|no|na|nel|im)\b",
                                           self.text[m.end():m.end() + 6]):
            return None
        out = []
        for p in places:
            surface = self.text[p.start:p.end]
            mention = _Mention(kind, p.start, p.end, m.group(), s,
                               name=f"{surface} {m.group()}", named=False)
            mention.places = (p,)
            out.append(mention)
        return out

    def _name(self, x: _Mention) -> None:
        """The name of the facility a word stands for, from the words around it."""
        text, names = self.text, self.names_
        s = x.sentence
        # a code just before ("Marseille MRS1 data center") or just after ("(„FRA13“)")
        pos = x.start
        bracket = re.search(r"\(\s*[^()]{1,60}\)\s*$", text[max(s.start, pos - 64):pos])
        if bracket:  # "the OS-IX (Oslo Internet Exchange) data centre"
            pos -= len(bracket.group())
        before = names.words_before(pos, 2, s.start)
        for t in reversed(before):
            if _CODE_RE.match(t.text) and fold(t.text) not in self.route_forms:
                x.name, x.named = t.text, True
                return
            if not t.cap:
                break
        after = re.match(r"\s*\(?\s*[«“\"„‚'’]*\s*([A-Z]{2,5}-?\d{1,3}[A-Z]?)\b",
                         text[x.end:x.end + 16])
        if after and fold(after.group(1)) not in self.route_forms:
            x.name, x.named = after.group(1), True
            return
        # a capitalised name holding the word ("Equinix Carrier Neutral Data Centre",
        # "Estação de Cabos Submarinos", "Data Center de Teraco")
        if x.keyword[:1].isupper() and self.doc.language != "de":
            run = names.run_around(x.start, x.end)
            if run is not None:
                stripped = names.strip_function(run)
                if stripped is not None and (stripped.start < x.start or stripped.end > x.end):
                    x.name, x.named = stripped.text, True
                    x.start, x.end = stripped.start, stripped.end
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

    def _name_after(self, x: _Mention) -> bool:
        """A capitalised name written right after the facility's word (and "campus",
        "complex"...) is its name: not a place (then the place and the word name it:
        "PoP-Standort Kristiansand"), a person, a date or the next sentence's start."""
        text, names = self.text, self.names_
        m = _AFTER_WORD_RE.match(text, x.end)
        if m is None or m.end() >= x.sentence.end:
            return False
        run = names.run_starting.get(m.end())
        if run is None or run.title or run.sentence.index != x.sentence.index:
            return False
        words = names.tokens[run.first:run.last + 1]
        if (len(words) == 1 and words[0].folded in names.all_function) or \
                words[0].folded in _MONTH_WORDS or words[-1].folded in _COMPANY_WORDS:
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

    # ------------------------------------------------------------------ facilities

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
        self.of_mention: list[tuple[_Mention, _Facility]] = []
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
        titles = self.names_.title_sentences
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
        text, names = self.text, self.names_
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

    def _match(self, x: _Mention) -> _Facility | None:
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

    def _describe(self, fac: _Facility, x: _Mention) -> None:
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
                                     exclude=tuple((y.start, y.end) for y in self.mentions
                                                   if y.sentence.index == s.index))
        # operator
        if fac.operator is None:
            fac.operator, fac.operator_how = self._operator(x, fac)

    def _place(self, x: _Mention) -> PlaceRef | None:
        """The most specific place of the facility's phrase, else the nearest one its
        clause introduces ("in", "à", "em"...), else the nearest in its sentence."""
        text, s, doc = self.text, x.sentence, self.doc
        if x.places:
            p = x.places[0]
            return PlaceRef(text[p.start:p.end], p)
        inside = [p for p in self.names_.places_between(x.start, x.end) if p.end <= x.end
                  and not self._status_word(p)]
        if not inside:
            inside = self._phrase_places(x)
        if inside:
            p = _finest(inside)
            return PlaceRef(text[p.start:p.end], p)
        candidates: list[tuple[int, int, object]] = []
        pool = self.names_.places_between(s.start, s.end) + [
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

    def _phrase_places(self, x: _Mention) -> list:
        """Names in the facility's phrase that the extractor left and the gazetteer knows:
        "Milan PoP", "Interxion’s Marseille MRS1 data center"."""
        out = []
        lo = max(x.sentence.start, x.start - 25)
        for t in self.names_.tokens_between(lo, x.end):
            if not t.cap or t.possessive or _CODE_RE.match(t.text) or is_acronym(t.text) or (
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
        earlier = [p for p in self.names_.places if p.end <= pos and p.kind == "city"]
        if not earlier:
            return None
        p = earlier[-1]
        return PlaceRef(self.text[p.start:p.end], p)

    def _operator(self, x: _Mention, fac: _Facility) -> tuple[str | None, str]:
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
            if not words or (len(words) <= 2 and fold(words[0]) in self.names_.all_function):
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


_SKIPPED = word_set("""
    new nouveau nouvel nouvelle nouveaux nuevo nueva nuevos novo nova novos nuovo nuova
    nuovi neue neuen neues neuer first premier première primer primera primeiro primeira
    primo prima erste ersten erster largest biggest main principal grand grande gran big
    own propre propio próprio proprio eigene eigenen modern moderne moderno ultramoderne
    green vert verde grüne existing existant existente esistente bestehende
""")


def _determiner(before_words: list[str], language: str = "en") -> str:
    """``definite``, ``indefinite`` or ``bare``: the determiner before a facility's word,
    adjectives skipped ("Ce nouveau centre", "das finnische Rechenzentrum")."""
    for w in reversed(before_words[-4:]):
        f = fold(w).rstrip("'’")
        if f == "a":
            return {"en": "indefinite", "pt": "definite"}.get(language, "bare")
        if f in _DEFINITE or w.endswith(("'", "’")):
            return "definite"
        if f in _INDEFINITE:
            return "indefinite"
        if f in _SKIPPED or (f.isalpha() and f.islower() and f.endswith(
                ("e", "en", "es", "er", "o", "a")) and len(f) > 4 and f not in _LOCATIVE):
            continue
        return "bare"
    return "bare"


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


def find_facility_names(doc: Document, route_forms: set[str]) -> FacilityFinder:
    finder = FacilityFinder(doc, route_forms)
    finder.names()
    return finder
