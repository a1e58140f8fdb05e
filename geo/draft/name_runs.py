"""Words and names of one article: the tokens, the capitalised runs that may name something
("China Mobile International", "Commission de la CEDEAO", "PENCAN 8"), and the place
mentions :class:`geo.extract.Extractor` finds, with look-ups the finders share
(:class:`Names`).

A run is a name's surface only: whether it names an organisation, a person, a place, a
cable or a facility is for the finders to say, from the words around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from geo.draft.common_words import common_words, german_compound
from geo.draft.known_names import known_organisations
from geo.draft.name_words import is_acronym, is_cap
from geo.draft.sentences import Sentence, Sentences
from geo.draft.vocabulary import (
    LANGUAGES,
    WEEKDAYS,
    fold,
    folded_set,
    function_words,
    month_numbers,
    word_set,
)
from geo.extract import Mention

#: A word: letters and digits, with "&", and "-", "'", "’" or "." between letters
#: ("Hetzner-Online", "1&1", "AT&T", "d’Ivoire", "S.A").
_WORD_RE = re.compile(r"[^\W_](?:[^\W_]|&(?=[^\W_])|[-'’.](?=[^\W_]))*")
#: Elided articles and prepositions glued to the next word ("l'Union", "d’Ivoire").
_ELISIONS = word_set("""
    l d j m n s t c qu lorsqu jusqu puisqu quoiqu dell all dall nell sull coll tra un
    quest sull
""")
_POSSESSIVE = ("’s", "'s")
#: Lower-case words that may join two capitalised words of one name.
_PLAIN_CONNECTORS = word_set("""
    of de du des di da do dos das del della dello delle dei degli von van d l
""")
#: Words after a number that make it a quantity, not part of a name.
_UNITS = word_set("""
    km kms mw gw kw tbps gbps tb gb per percent million millions milliards milliard
    billion billions mil mila years ans anos años anni jahre jahren m2 mbps
""")
#: Company abbreviations written with a final stop ("S.A.", "Inc.", "S.p.A.").
_DOTTED = word_set("""
    s.a s.p.a n.v b.v inc ltd co corp cia ltda s.l s.r.l s.a.s s.a.r.l s.a.b c.v lda
""")
#: Legal forms after a name, with their stops: "Co. Ltd.", "S.A.B. de C.V.", "Sdn Bhd",
#: "Pte. Ltd.", "S.p.A.", "GmbH & Co. KG" (a name's run stops at a stop; these go on).
_LEGAL_TAIL_RE = re.compile(
    r"(?:,?[ \u00a0]+(?:Co\.|Ltd\.?|Inc\.?|Corp\.?|LLC|L\.L\.C\.|PLC|plc|Pte\.?|Pty\.?|"
    r"Sdn|Bhd|S\.A\.B\.|de[ \u00a0]+C\.V\.|S\.A\.(?:S\.)?|S\.p\.A\.|S\.r\.l\.|S\.L\.|"
    r"S\.L\.U\.|Ltda\.?|Lda\.?|N\.V\.|B\.V\.|GmbH|AG|KG|KGaA|&[ \u00a0]Co\.(?:[ \u00a0]KG)?|"
    r"S\.à[ \u00a0]r\.l\.|SAS|SARL|SpA|Srl|SA|NV|BV|LP|LLP|Limited|S/A)(?![\w]))+")
#: Capitalised words that end a name in a headline ("Colt Opens New PoP In Marseille").
_HEADLINE_BREAKS = word_set("""
    the a an in on at to of for by with and or from into as le la les un une des du de
    dans avec pour par sur en et el los las con para por y il lo gli i della nel con per
    e der die das den dem ein eine und im am zu zum zur mit von für auf o os as um uma
    no na do da em com
""")
#: Connectors of purpose inside a body's name, after one of :data:`_PURPOSE_OPENERS`.
_PURPOSE_CONNECTORS = word_set("para pour for per fur für pelo pela pel al")
_PURPOSE_OPENERS = word_set("""
    consorcio consortium consorzio consorcio consórcio corporacion corporación corporation
    agency agence agencia agência agenzia institute institut instituto istituto centre
    center centro fund fonds fondo fundo fundacion fundación fundação fondation
    fondazione foundation association asociacion asociación associação associazione
    alliance alianza comite comité comitato committee council conseil consejo conselho
    consiglio commission comision comisión comissão commissione office oficina ufficio
    ministry ministere ministère ministerio ministério ministero secretaria secretaría
    autorite autorité autoridad autoridade authority programa programme cassa caisse caja
""")
#: Conjunctions inside a body's name, after one of :data:`_PURPOSE_OPENERS` ("Agencia de
#: Regulación y Control de las Telecomunicaciones", "Caisse des Dépôts et Consignations").
_BODY_CONJUNCTIONS = word_set("and et y e ed und")
#: Endings of nouns in the six languages, for words after such a conjunction that no
#: word list holds ("Telecomunicaciones", "Exportações", "Consignations", "Digitalisierung").
_NOUN_ENDINGS = ("cion", "ciones", "sion", "siones", "cao", "coes", "tion", "tions", "zione",
                 "zioni", "ung", "ungen", "ment", "ments", "mento", "menti", "dad", "dades",
                 "dade", "ita", "ite", "ia", "ias", "ie", "ies", "ura", "ure", "ismo", "ica",
                 "icas", "ique", "iques", "ics", "keit", "schaft")
_PURPOSE_SUFFIXES_DE = ("ministerium", "amt", "agentur", "behörde", "behorde", "stiftung",
                        "verband", "institut", "zentrum")
#: Connectors that may follow another ("de la", "von der", "de los").
_SECOND_CONNECTORS = word_set("la le les l der los las el")
#: Articles after a connector of purpose: "Agência para a Promoção", "Fundo para o ...".
_PURPOSE_ARTICLES = word_set("a o os as")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    folded: str
    #: a capital first letter, or a digit then a capital ("2Africa") or "&" ("1&1")
    cap: bool
    possessive: bool = False


@dataclass
class Run:
    """Capitalised words that may be one name: ``text[start:end]``."""

    start: int
    end: int
    text: str
    first: int  # index of the first token
    last: int  # index of the last token (inclusive)
    sentence: Sentence
    initial: bool  # the first word begins its sentence (or follows an opening quote)
    possessive: bool = False  # written "X’s"
    title: bool = False  # in a headline
    places: list[Mention] = field(default_factory=list)  # place mentions inside

    @property
    def key(self) -> str:
        return fold(self.text)


#: What may stand before a sentence's first word: spaces, quotes, brackets, dashes, bullets.
_OPENING_MARKS = frozenset(" \t\"“”«»‘’'([–—-¿¡*•")


class Names:
    """Tokens, capitalised runs and place mentions of one text."""

    def __init__(self, text: str, sentences: Sentences, places: list[Mention],
                 language: str):
        self.text = text
        self.sentences = sentences
        self.language = language
        self.tokens = self._tokenise(text)
        self._token_starts = [t.start for t in self.tokens]
        self.places = sorted(places, key=lambda m: m.start)
        self._place_starts = [m.start for m in self.places]
        self.function = function_words(language)
        self.all_function = function_words(None)
        self.lower_words = {t.folded for t in self.tokens if t.text[:1].islower()}
        self.title_sentences = {s.index for s in sentences if _is_title(s.text)}
        self.runs = self._runs()
        self.gazetteer = None  # set by :func:`more_places`
        self._run_starts = [r.start for r in self.runs]
        self._run_ends = [r.end for r in self.runs]
        self.run_starting = {r.start: r for r in self.runs}

    # ------------------------------------------------------------------ tokens

    @staticmethod
    def _tokenise(text: str) -> list[Token]:
        out: list[Token] = []
        for m in _WORD_RE.finditer(text):
            word, start = m.group(), m.start()
            cut = max(word.find("'"), word.find("’"))
            if 0 < cut < len(word) - 1 and word[:cut].casefold() in _ELISIONS and (
                    "'" not in word[cut + 1:] and "’" not in word[cut + 1:]):
                head = word[:cut]
                out.append(Token(start, start + cut, head, head.casefold(), False))
                word, start = word[cut + 1:], start + cut + 1
            possessive = False
            if word.endswith(_POSSESSIVE) and len(word) > 2:
                word = word[:-2]
                possessive = True
            out.append(Token(start, start + len(word), word, fold(word), is_cap(word),
                             possessive))
        return out

    def country_at(self, start: int, end: int) -> Mention | None:
        """The country or region the gazetteer reads in ``text[start:end]`` (a whole name
        after "of" in a company's name, which the extractor leaves inside the company)."""
        if self.gazetteer is None:
            return None
        surface = self.text[start:end]
        from geo.text import name_key

        found = [p for p, primary in self.gazetteer.matches(name_key(surface))
                 if p.kind in ("country", "region") and primary]
        if not found:
            return None
        p = found[0]
        return place_mention(p, surface, start, end, "a country after a company's name")

    def token_index(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self._token_starts, pos)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        return self.tokens[bisect_left(self._token_starts, start):
                           bisect_left(self._token_starts, end)]

    def words_before(self, pos: int, n: int, floor: int = 0) -> list[Token]:
        """Up to ``n`` tokens ending before ``pos`` and starting at or after ``floor``."""
        k = bisect_left(self._token_starts, pos)
        return [t for t in self.tokens[max(0, k - n):k] if t.start >= floor]

    def words_after(self, pos: int, n: int, ceiling: int | None = None) -> list[Token]:
        k = bisect_left(self._token_starts, pos)
        hi = len(self.text) if ceiling is None else ceiling
        return [t for t in self.tokens[k:k + n] if t.end <= hi]

    # ------------------------------------------------------------------ places

    def set_places(self, places: list[Mention]) -> None:
        self.places = sorted(places, key=lambda m: m.start)
        self._place_starts = [m.start for m in self.places]
        for run in self.runs:
            run.places = [m for m in self.places_between(run.start, run.end)
                          if m.end <= run.end]

    def places_between(self, start: int, end: int) -> list[Mention]:
        return self.places[bisect_left(self._place_starts, start):
                           bisect_left(self._place_starts, end)]

    def iter_places_between(self, start: int, end: int) -> Iterator[Mention]:
        """:meth:`places_between`, one at a time: a caller that stops early (at a gap)
        pays for the places it read, not for all those to ``end``."""
        for k in range(bisect_left(self._place_starts, start),
                       bisect_left(self._place_starts, end)):
            yield self.places[k]

    def place_at(self, start: int, end: int) -> Mention | None:
        """The place mention covering ``[start, end)`` exactly or containing it."""
        k = bisect_right(self._place_starts, start) - 1
        while k >= 0 and k < len(self.places):
            m = self.places[k]
            if m.start <= start and end <= m.end:
                return m
            if m.end < start:
                break
            k -= 1
        return None

    # ------------------------------------------------------------------ runs

    def _runs(self) -> list[Run]:
        tokens, text = self.tokens, self.text
        out: list[Run] = []
        n = len(tokens)
        i = 0
        while i < n:
            tok = tokens[i]
            if not tok.cap:
                i += 1
                continue
            sentence = self.sentences.at(tok.start)
            if sentence is None:
                i += 1
                continue
            j = i
            while j + 1 < n and not tokens[j].possessive:
                gap = text[tokens[j].end:tokens[j + 1].start]
                nxt = tokens[j + 1]
                if gap == ", " and nxt.start < sentence.end:
                    last = self._body_enumeration(i, j)
                    if last is not None:  # "Ministerio de Industria, Turismo y Comercio"
                        j = last
                        continue
                if gap not in (" ", " & ", "&", "\u00a0") or nxt.start >= sentence.end:
                    break
                if nxt.cap and nxt.folded not in _HEADLINE_BREAKS:
                    j += 1
                    continue
                if nxt.text.isdigit() and len(nxt.text) <= 2 and self._name_number(j + 1):
                    j += 1  # "PENCAN 8", "SEA-ME-WE 6"
                    continue
                # connectors: "Commission de la CEDEAO", "Empresa de Tecnologia da ...";
                # "para", "for", "für" after a body's opening word ("Consorcio para el
                # Intercambio", "Agency for Development", "Bundesministerium für Digitales")
                k = j + 1
                steps = 0
                head = tokens[i + 1] if tok.folded in self.all_function and i < j else tok
                purpose = head.folded in _PURPOSE_OPENERS or head.folded.endswith(
                    _PURPOSE_SUFFIXES_DE)  # the first word, or the one after "La", "The"...
                joined = False
                while (k < n and steps < 2 and not tokens[k].cap
                       and text[tokens[k - 1].end:tokens[k].start] in (" ", "", "'", "’")):
                    folded = tokens[k].folded
                    if steps == 0 and purpose and folded in _BODY_CONJUNCTIONS:
                        joined = True  # "Comisión Nacional de los Mercados y la Competencia"
                    elif not ((folded in _PLAIN_CONNECTORS
                               or (purpose and folded in _PURPOSE_CONNECTORS))
                              if steps == 0 else folded in _SECOND_CONNECTORS
                              or (joined and folded in _PLAIN_CONNECTORS)
                              or (purpose and folded in _PURPOSE_ARTICLES
                                  and tokens[k - 1].folded in _PURPOSE_CONNECTORS)):
                        break
                    k += 1
                    steps += 1
                if steps and k < n and tokens[k].cap and tokens[k].start < sentence.end \
                        and text[tokens[k - 1].end:tokens[k].start] in (" ", "", "'", "’") \
                        and not (joined and self._another_name(k)):
                    j = k
                    continue
                break
            start, end = tok.start, tokens[j].end
            if tokens[j].folded in _DOTTED and text[end:end + 1] == ".":
                end += 1  # "S.A.", "Inc.": the stop is the name's
            tail = _LEGAL_TAIL_RE.match(text, end)
            if tail and tail.end() <= sentence.end and j + 1 < n:
                # "HMN Technologies Co. Ltd.", "Axtel S.A.B. de C.V.", "Globe Sdn Bhd"
                end = tail.end()
                while j + 1 < n and tokens[j + 1].end <= end:
                    j += 1
            initial = self._initial(tok.start, sentence)
            run = Run(start, end, text[start:end], i, j, sentence, initial,
                      possessive=tokens[j].possessive,
                      title=sentence.index in self.title_sentences)
            run.places = [m for m in self.places_between(start, end) if m.end <= end]
            out.append(run)
            i = j + 1
        return out

    def _body_enumeration(self, i: int, j: int) -> int | None:
        """The last token of an enumeration of a body's fields after token ``j`` ("Ministry
        of Trade, Industry and Fisheries", "Ministerio de Industria, Turismo y Comercio"):
        the run from ``i`` names a body by an opening word and a connector, and ", Word"
        goes on until a conjunction and a last word, each word of the language's vocabulary
        (:meth:`_another_name`); ``None`` when the comma ends the name."""
        tokens, text = self.tokens, self.text
        connector = next((m for m in range(i + 1, j) if tokens[m].folded in _PURPOSE_CONNECTORS
                          or tokens[m].folded in _PLAIN_CONNECTORS), None)
        if connector is None:
            return None  # "Ministerio, ...": no "de", "of" before the comma
        if not any(t.folded in _PURPOSE_OPENERS or t.folded.endswith(_PURPOSE_SUFFIXES_DE)
                   for t in tokens[i:connector]):
            return None  # the body's opening word, before its connector
        k = j + 1
        for _item in range(6):
            if k + 1 >= len(tokens) or not tokens[k].cap or self._another_name(k):
                return None
            gap = text[tokens[k].end:tokens[k + 1].start]
            if gap == ", ":
                k += 1
                continue
            if gap == " " and tokens[k + 1].folded in _BODY_CONJUNCTIONS and \
                    k + 2 < len(tokens) and \
                    text[tokens[k + 1].end:tokens[k + 2].start] == " " and \
                    tokens[k + 2].cap and not self._another_name(k + 2):
                return k + 2
            return None
        return None

    def _another_name(self, k: int) -> bool:
        """Whether the capitalised words from token ``k``, after a conjunction in a body's
        name, begin another name rather than go on with the body's: the body's name goes on
        only with a word of the language's vocabulary ("... y la Competencia", "... e
        Prestiti", "... e Inovação"), not a place ("... y Francia"), an organisation's noun
        or a body's opening word ("... y el Banco Mundial", "y el Consorcio para ..."), a
        name a list knows ("... y Telefónica") or an unknown word ("... y Xentric")."""
        tokens, token = self.tokens, self.tokens[k]
        folded = token.folded
        if folded in WEEKDAYS or folded in month_numbers():
            return True  # "the Ministry of Finance, Monday and Tuesday": no field of it
        if folded in _PURPOSE_OPENERS or folded in folded_set("ORG_NOUN") or \
                folded in folded_set("GOVERNMENT") or \
                self.places_between(token.start, token.end + 1):
            return True
        known = known_organisations()
        name = folded
        for m in range(k, min(k + 4, len(tokens))):
            if m > k:
                name += " " + tokens[m].folded
            if name in known:
                return True
        vocabulary = folded in self.lower_words or folded.endswith(_NOUN_ENDINGS) or any(
            folded in common_words(language) for language in LANGUAGES) or german_compound(
            folded)
        return not vocabulary

    def _name_number(self, k: int) -> bool:
        """Whether the number at token ``k`` ends a name ("PENCAN 8") rather than starts a
        quantity ("Cinia 12 km", "Tier 1 network" stays a name too)."""
        tokens, text = self.tokens, self.text
        tail = text[tokens[k].end:tokens[k].end + 2]
        if tail[:1] in ("%", ".", ",") and tail[1:2].isdigit():
            return False
        if tail[:1] == "%":
            return False
        if k + 1 < len(tokens) and text[tokens[k].end:tokens[k + 1].start] == " ":
            return tokens[k + 1].folded not in _UNITS
        return True

    def _initial(self, pos: int, sentence: Sentence) -> bool:
        """Only opening marks between the sentence's start and ``pos`` (stepped back over,
        never copied: a long sentence stays linear)."""
        text, k = self.text, pos
        while k > sentence.start and text[k - 1] in _OPENING_MARKS:
            k -= 1
        return k <= sentence.start

    def strip_function(self, run: Run) -> Run | None:
        """The run without leading function words ("The 2Africa consortium" -> "2Africa
        consortium"); ``None`` when nothing is left."""
        tokens = self.tokens
        i = run.first
        while i <= run.last and (tokens[i].folded in self.all_function
                                 and not is_acronym(tokens[i].text)
                                 and (i == run.first or tokens[i].text.istitle())):
            i += 1
        while i <= run.last and not tokens[i].cap:
            i += 1
        if i > run.last:
            return None
        if i == run.first:
            return run
        start = tokens[i].start
        return Run(start, run.end, self.text[start:run.end], i, run.last, run.sentence,
                   False if i > run.first else run.initial, run.possessive, run.title,
                   [m for m in run.places if m.start >= start])

    def sub_run(self, run: Run, first: int, last: int) -> Run:
        tokens = self.tokens
        start, end = tokens[first].start, tokens[last].end
        if last == run.last:
            end = run.end  # a name's stop or legal form ("Inc.", "Co. Ltd.")
        return Run(start, end, self.text[start:end], first, last, run.sentence,
                   run.initial and first == run.first, tokens[last].possessive, run.title,
                   [m for m in run.places if m.start >= start and m.end <= end])

    def run_around(self, start: int, end: int) -> Run | None:
        """The run holding ``[start, end)``."""
        k = bisect_right(self._run_starts, start) - 1
        if k >= 0 and self.runs[k].end >= end:
            return self.runs[k]
        return None

    def run_ending_before(self, pos: int) -> Run | None:
        """The last run that ends at or before ``pos``."""
        k = bisect_right(self._run_ends, pos) - 1
        return self.runs[k] if k >= 0 else None

    def runs_in(self, sentence: Sentence) -> list[Run]:
        return [r for r in self.runs if r.sentence.index == sentence.index]


def _is_title(line: str) -> bool:
    """A headline in title case: most words of four letters or more capitalised and no
    closing full stop."""
    if line.rstrip().endswith((".", "!", "?", ":", "»", "”", '"')):
        return False
    words = [w for w in _WORD_RE.findall(line) if len(w) >= 4 and w.isalpha()]
    if len(words) < 3:
        return False
    lower = sum(not w[:1].isupper() for w in words)
    return lower <= 0.2 * len(words)


def place_mention(place, surface: str, start: int, end: int, why: str) -> Mention:
    """The mention of the gazetteer's ``place`` written ``surface`` at ``[start, end)``,
    saying why it is one."""
    return Mention(surface, start, end, place.kind, place.id, place.name, place.lon,
                   place.lat, f"{why}: gazetteer {place.kind} {place.name!r} "
                   f"({place.country})", place=place.id, country=place.country)
