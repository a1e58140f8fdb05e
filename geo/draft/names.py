"""Words and names of one article: the tokens, the capitalised runs that may name something
("China Mobile International", "Commission de la CEDEAO", "PENCAN 8"), and the place
mentions :class:`geo.extract.Extractor` finds, with look-ups the finders share.

A run is a name's surface only: whether it names an organisation, a person, a place, a
cable or a facility is for the finders to say, from the words around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from geo.draft.sentences import Sentence, Sentences
from geo.draft.verbs import business_verb_forms
from geo.draft.vocabulary import ORG_VERB, fold, function_words, word_set
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
    autorite autorité autoridad autoridade authority programa programme
""")
_PURPOSE_SUFFIXES_DE = ("ministerium", "amt", "agentur", "behörde", "behorde", "stiftung",
                        "verband", "institut", "zentrum")
#: Connectors that may follow another ("de la", "von der", "de los").
_SECOND_CONNECTORS = word_set("la le les l der los las el")
#: English adjectives of peoples, nations within countries and regions that the gazetteer's
#: country adjectives do not hold ("the Welsh capital", "a Catalan operator"); with the
#: shape of :data:`_ADJECTIVE_SHAPE_RE` ("Scottish", "Bavarian", "Sicilian"), they are
#: evidence of a place, never a place or an organisation.
REGIONAL_ADJECTIVES = word_set("""
    welsh scots basque breton catalan texan manx lombard tuscan saxon norman alsatian
    castilian valencian canarian balearic azorean madeiran thai swiss czech slovak
    sardinian sicilian corsican bavarian flemish walloon galician andalusian
    asturian cornish scottish english irish kurdish tamil bengali punjabi zanzibari
    levantine maghrebi gulf nordic baltic balkan iberian latin caribbean
""")
_ADJECTIVE_SHAPE_RE = re.compile(r"^[A-Z][a-zà-ÿ]{2,}(?:ish|ese|ian|ean)$")


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


def _is_cap(word: str) -> bool:
    if word[:1].isupper():
        return True
    if word[:1].islower() and len(word) > 2 and word[1:2].isupper() and any(
            c.islower() for c in word[2:]):
        return True  # "eXchange", "iCloud", "eBay"
    if word[:1].isdigit():
        return (any(c.isupper() for c in word) or "&" in word) and not _QUANTITY_RE.match(
            word)  # "2Africa", "1&1", not "100MW"
    return False


#: A number glued to its unit: a quantity, no name ("100MW", "54MVA", "400G", "10Tbps").
_QUANTITY_RE = re.compile(r"^\d+(?:[.,]\d+)?(?:[kKMGT]W|MVA|kVA|[KMGTP]B|[GTP]bps|[GMk]Hz|km|"
                          r"KM|G|MW[hH]?)$")


def is_acronym(word: str) -> bool:
    """All capitals (digits allowed after the first letter), two to eight characters:
    "NTT", "WIOCC", "AAE1"; "PoP" and "EllaLink" are not."""
    letters = [c for c in word if c.isalpha()]
    return (2 <= len(word) <= 8 and len(letters) >= 2 and word[0].isalpha()
            and all(c.isupper() for c in letters) and word.replace("-", "").isalnum())


def is_people_adjective(text: str, start: int, end: int, function: frozenset[str]
                        ) -> bool:
    """Whether the capitalised word ``text[start:end]`` is an English adjective of a
    people or region used before a noun: "the Welsh data centre", "Bavarian operator"
    (a listed adjective, or one shaped "-ish", "-ese", "-ian", "-ean", followed by a
    lower-case word that is no function word: "Meridian has" stays a name)."""
    word = text[start:end]
    if not word[:1].isupper() or not (fold(word) in REGIONAL_ADJECTIVES
                                      or _ADJECTIVE_SHAPE_RE.match(word)):
        return False
    m = _NEXT_WORD_RE.match(text, end)
    return bool(m) and fold(m.group(1)) not in function and fold(
        m.group(1)) not in _verb_words()  # "Ardian adquirió": a name, then its verb


@lru_cache(maxsize=1)
def _verb_words() -> frozenset[str]:
    """One-word forms of the verbs of business ("announced", "adquirió", "anunciou")."""
    forms = [f for table in (business_verb_forms(), ORG_VERB) for fs in table.values()
             for f in fs]
    return frozenset(fold(f) for f in forms if " " not in f)


_NEXT_WORD_RE = re.compile(r"[ \u00a0]+([a-zà-ÿ][\w-]*)")


def is_camel(word: str) -> bool:
    """Capitals inside the word: "EllaLink", "KPNQwest", "CyrusOne", "2Africa"."""
    core = word.lstrip("0123456789")
    return (len(core) > 1 and core[0].isupper() and any(c.isupper() for c in core[1:])
            and any(c.islower() for c in core)) or (word[:1].isdigit() and _is_cap(word))


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
            out.append(Token(start, start + len(word), word, fold(word), _is_cap(word),
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
        return _mention_of(p, surface, start, end, "a country after a company's name")

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
                purpose = tok.folded in _PURPOSE_OPENERS or tok.folded.endswith(
                    _PURPOSE_SUFFIXES_DE)
                while (k < n and steps < 2 and not tokens[k].cap
                       and text[tokens[k - 1].end:tokens[k].start] in (" ", "", "'", "’")
                       and ((tokens[k].folded in _PLAIN_CONNECTORS
                             or (purpose and tokens[k].folded in _PURPOSE_CONNECTORS))
                            if steps == 0 else tokens[k].folded in _SECOND_CONNECTORS)):
                    k += 1
                    steps += 1
                if steps and k < n and tokens[k].cap and tokens[k].start < sentence.end \
                        and text[tokens[k - 1].end:tokens[k].start] in (" ", "", "'", "’"):
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
        before = self.text[sentence.start:pos]
        return not before.strip(" \t\"“”«»‘’'([–—-¿¡*•")

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


# --------------------------------------------------------------------------- more places

#: A noun of a place before its name, in the six languages, and the kind of place it names:
#: "the town of Marshfield", "la commune de Plérin", "el municipio de Torrejón", "a cidade
#: de Itupeva", "il comune di Settimo", "die Gemeinde Kelsterbach", "the state of Odisha".
_PLACE_NOUN_RE = re.compile(
    r"(?<![\w-])(?:(?P<city>town|city|village|municipality|suburb|district|township|"
    r"ville|commune|localité|bourg|quartier|ciudad|municipio|localidad|pueblo|comuna|"
    r"barrio|cidade|município|vila|localidade|bairro|freguesia|città|comune|paese|"
    r"località|frazione|quartiere|Stadt|Gemeinde|Ortschaft|Ort|Stadtteil|Ortsteil)|"
    r"(?P<region>state|province|region|county|canton|prefecture|"
    r"région|province|département|canton|provincia|región|comunidad|departamento|"
    r"estado|província|região|regione|Bundesland|Kanton|Provinz|Region|Landkreis)|"
    r"(?P<island>island|isle|île|isla|ilha|isola|Insel))"
    r"(?:[ \u00a0]+(?:of|de|du|d['’]|di|da|do|del|della|dello)(?=[ \u00a0'’])|"
    r"(?<=[a-zäöü])(?=[ \u00a0][A-ZÄÖÜ]))['’]?[ \u00a0]*(?=[A-ZÀ-Ý])")
#: Plural nouns of places that introduce a list of their names ("las localidades X, Y y Z").
_PLACE_LIST_NOUNS = word_set("""
    towns cities villages municipalities localities communities villes communes localites
    localités ciudades municipios localidades pueblos cidades municipios municípios
    localidades citta città comuni paesi localita località orte gemeinden stadte städte
    regions regiones regioes regiões regioni regionen provinces provincias provincie
    provinzen states estados
""")
_NAME_ARTICLES = word_set("el la los las le les l il lo o a os as the san santa sao")
_REGION_LIST_NOUNS = word_set("""
    regions regiones regioes regiões regioni regionen provinces provincias provincie
    provinzen states estados
""")
_GERMAN_ARTICLES = word_set("""
    der die das den dem des ein eine einen einem einer eines im am zum zur vom beim ins
""")
_LIST_GAP_RE = re.compile(r"(?:\s*,\s*|\s*,?\s+(?:and|et|y|e|und|ou|or|o|as\s+well\s+as)\s+)"
                          r"(?:(?:la|le|les|el|los|las|o|os|a|as|the|il|lo)\s+|l['’]\s*|"
                          r"(?:à|a|en|em|in|à|au|nach|in)\s+)?$")
_CONJUNCTION_RE = re.compile(r"\s(?:and|et|y|e|und|ou|or|o|as\s+well\s+as)\s")
_CHAIN_RE = re.compile(r"[A-ZÀ-Ý][\w’']{0,30}(?:[ \u00a0][A-ZÀ-Ý][\w’']{0,30}){0,2}"
                       r"(?:[-–][A-ZÀ-Ý][\w’']{0,30}(?:[ \u00a0][A-ZÀ-Ý][\w’']{0,30}){0,2})+")
#: A hyphen or dash between a word and a capital: where a chain of places may be.
_CHAIN_JOIN_RE = re.compile(r"(?<=[^\W_])[-–](?=[A-ZÀ-Ý])")
#: Prepositions of place before a town's name, in the six languages.
_LOCATIVES = word_set("""
    in at near à a en em no na nel nella a ad im bei nach aus près pres cerca perto presso
    vicino von
""")


def _mention_of(place, surface: str, start: int, end: int, why: str) -> Mention:
    return Mention(surface, start, end, place.kind, place.id, place.name, place.lon,
                   place.lat, f"{why}: gazetteer {place.kind} {place.name!r} "
                   f"({place.country})", place=place.id, country=place.country)


class PlaceFinder:
    """Places the extractor leaves that the words around a name make certain: a place noun
    before it, a list or a hyphenated chain of places it belongs to. A name the gazetteer
    places (in a country the text names, when it knows several) gets its position; one it
    does not know is kept as an unresolved town of the text (no position: it draws no
    point). A German article before a one-word town makes it a noun ("im Bau")."""

    def __init__(self, names: Names, gazetteer) -> None:
        self.names = names
        self.text = names.text
        self.gazetteer = gazetteer
        self.countries = {m.country for m in names.places if m.country}
        self.taken = {(m.start, m.end) for m in names.places}

    def find(self) -> tuple[list[Mention], set[tuple[int, int]]]:
        """The places to add, and the ``(start, end)`` of mentions to drop."""
        add: list[Mention] = []
        drop: set[tuple[int, int]] = set()
        if self.names.language == "de":
            drop |= self._german_nouns()
        for m in self.names.places:  # "Mayotte", "Santa Helena": islands, not countries
            if m.kind == "country" and m.country in _ISLAND_TERRITORIES:
                drop.add((m.start, m.end))
                add.append(replace(m, kind="island"))
        self._after_nouns(add, drop)
        self._after_locatives(add, drop)
        self._after_companies(add)
        self._lists(add, drop)
        self._chains(add, drop)
        return add, drop

    # ------------------------------------------------------------------ look-ups

    def _resolve(self, surface: str, kind: str, small: bool, countries: set[str] | None = None
                 ):
        """The gazetteer's place of that name and kind (a town of a country the text names
        before any other), or ``None``."""
        countries = countries if countries is not None else self.countries
        from geo.text import name_key

        try:
            found = [p for p, primary in self.gazetteer.matches(name_key(surface))
                     if (p.kind == kind or (kind == "region" and p.kind == "island"))
                     and (primary or (p.population >= 100_000 and kind != "city"))]
        except (AttributeError, KeyError, ValueError):
            return None
        inside = [p for p in found if p.country in countries]
        if inside:
            return inside[0]
        if kind == "city" and small:
            from geo.gazetteer import small_towns

            towns = [p for p in small_towns().get(name_key(surface), ())
                     if p.country in countries]
            if towns:
                return towns[0]
        if found and not countries and (found[0].kind != "city"
                                        or found[0].population >= 100_000):
            return found[0]
        return None

    def _name_at(self, pos: int) -> Run | None:
        """The capitalised run starting at ``pos``, cut before a comma-free tail of
        lower-case words."""
        run = self.names.run_starting.get(pos)
        if run is None:
            around = self.names.run_around(pos, pos + 1)
            k = self.names.token_index(pos)
            if around is None or k > around.last or self.names.tokens[k].start != pos:
                return None
            run = self.names.sub_run(around, k, around.last)  # "Gemeinde Kelsterbach"
        return None if run.title else run

    def _new(self, run_start: int, run_end: int, kind: str, small: bool, why: str,
             add: list[Mention], drop: set, countries: set[str] | None = None) -> None:
        surface = self.text[run_start:run_end]
        if (run_start, run_end) in self.taken or not surface[:1].isupper():
            return
        toks = self.names.tokens_between(run_start, run_end)
        if not toks or is_acronym(toks[0].text) or any(c.isdigit() for c in toks[0].text) or (
                toks[0].folded in self.names.all_function and (
                    len(toks) == 1 or toks[0].folded not in _NAME_ARTICLES)):
            return  # "El Puesto", "La Puntilla" begin with an article; "The" alone is none
        place = self._resolve(surface, kind, small, countries)
        if place is not None:
            mention = _mention_of(place, surface, run_start, run_end, why)
        else:
            mention = Mention(surface, run_start, run_end, kind, None, None, None, None,
                              f"{why}; the gazetteer does not place {surface!r}")
        for m in self.names.places_between(run_start, run_end):
            if m.end <= run_end:
                drop.add((m.start, m.end))  # "Banda" of "Banda de Lucero"
        self.taken.add((run_start, run_end))
        add.append(mention)

    # ------------------------------------------------------------------ rules

    def _german_nouns(self) -> set[tuple[int, int]]:
        out = set()
        for m in self.names.places:
            if m.kind != "city" or " " in m.text or "-" in m.text:
                continue
            before = self.names.words_before(m.start, 3)
            for k in range(len(before) - 1, -1, -1):
                t = before[k]
                if t.folded in _GERMAN_ARTICLES:
                    out.add((m.start, m.end))  # "im Bau", "mit dem neuen Namen"
                    break
                if not (t.text.islower() and t.text.isalpha()) or t.folded in ("in", "nach"):
                    break
        return out

    def _after_nouns(self, add: list[Mention], drop: set) -> None:
        text = self.text
        for m in _PLACE_NOUN_RE.finditer(text):
            noun = m.group("city") or m.group("region") or m.group("island")
            if self.names.language != "de" and noun[:1].isupper() and noun.lower() not in (
                    "state", "province", "region", "county", "canton"):
                continue  # "Ville de Paris" as a body, a German noun elsewhere
            if self.names.language == "de" and not noun[:1].isupper():
                continue
            run = self._name_at(m.end())
            if run is None:
                continue
            kind = "city" if m.group("city") else "region" if m.group("region") else "island"
            start = run.start
            if noun[:1].isupper() and kind == "region" and self.names.language != "de":
                start = m.start()  # "the State of Yap": the noun is part of the name
            end = self._place_end(run)
            if end <= run.start:
                continue
            self._new(start, end, kind, True, f"a {kind} after {noun!r}", add, drop)

    def _country_and_town(self, parts, add: list[Mention], drop: set) -> bool:
        """A country joined to a town of its own ("Guinée-Conakry"): the country, named
        by its capital to tell it from another."""
        (a, b), (c, d) = parts
        country = _exact(self.names, a, b)
        if country is None or country.kind != "country" or not country.country:
            return False
        town = _exact(self.names, c, d)
        if town is None:
            place = self._resolve(self.text[c:d], "city", False, {country.country})
        else:
            place = town if town.country == country.country else None
        if place is None or getattr(place, "kind", "city") != "city":
            return False
        drop.add((a, b))
        if town is not None:
            drop.add((c, d))
        self.taken.add((a, d))
        add.append(Mention(self.text[a:d], a, d, "country", country.id, country.name,
                           country.lon, country.lat, "a country joined to one of its towns",
                           entity=country.entity, place=country.place,
                           country=country.country))
        return True

    def _after_companies(self, add: list[Mention]) -> None:
        """"Huawei Marine Networks of China": the country after a company's name."""
        names = self.names
        for run in names.runs:
            if run.title or run.last - run.first < 2:
                continue
            toks = names.tokens
            for k in range(run.first + 1, run.last):
                if toks[k].folded in ("of", "de", "du", "da", "do", "di") and \
                        toks[k - 1].folded in ORG_END_WORDS:
                    m = names.country_at(toks[k + 1].start, run.end)
                    if m is not None and (m.start, m.end) not in self.taken:
                        self.taken.add((m.start, m.end))
                        add.append(m)
                    break

    def _after_locatives(self, add: list[Mention], drop: set) -> None:
        """"em Sines", "in Schwechat": a town below the gazetteer's cut, of a country the
        text names, after a preposition of place."""
        if not self.countries:
            return
        names = self.names
        for run in names.runs:
            if run.title or run.initial or run.last - run.first > 2 or run.places:
                continue
            before = names.words_before(run.start, 1, run.sentence.start)
            if not before or before[0].folded not in _LOCATIVES or \
                    self.text[before[0].end:run.start] != " ":
                continue
            toks = names.tokens[run.first:run.last + 1]
            if any(t.folded in names.lower_words or t.folded in names.all_function
                   or is_acronym(t.text) or is_camel(t.text) for t in toks):
                continue
            from geo.gazetteer import small_towns
            from geo.text import name_key

            towns = [p for p in small_towns().get(name_key(run.text), ())
                     if p.country in self.countries]
            if towns and (run.start, run.end) not in self.taken:
                self.taken.add((run.start, run.end))
                add.append(_mention_of(towns[0], run.text, run.start, run.end,
                                       f"a town of {towns[0].country} after "
                                       f"{before[0].text!r}"))

    def _place_end(self, run: Run) -> int:
        """Where a place's name in a run ends: before a word that starts another name
        after a connector ("Marshfield" of "Marshfield Data")."""
        return run.end

    def _lists(self, add: list[Mention], drop: set) -> None:
        names, text = self.names, self.text
        by_sentence: dict[int, list[Run]] = {}
        for run in names.runs:
            if not run.title:
                by_sentence.setdefault(run.sentence.index, []).append(run)
        for runs in by_sentence.values():
            i = 0
            while i < len(runs):
                group = [runs[i]]
                closed = False  # "A, B and C": the list ends with the member after "and"
                while not closed and len(group) < 12 and i + len(group) < len(runs):
                    nxt = runs[i + len(group)]
                    gap = text[group[-1].end:nxt.start]
                    if len(gap) > 16 or not _LIST_GAP_RE.match(gap):
                        break
                    closed = bool(_CONJUNCTION_RE.search(gap))
                    group.append(nxt)
                i += len(group)
                if len(group) >= 2 and closed:
                    self._list(group, add, drop)

    def _list(self, group: list[Run], add: list[Mention], drop: set) -> None:
        """A list of towns: a member the gazetteer places (a small town of a country the
        text names too) or that a place noun introduces ("las localidades X, Y y Z") is
        a town when the list holds two towns more (one in "entre X y Y")."""
        names, text = self.names, self.text
        status: list[tuple[Run, Mention | None, object]] = []  # run, mention, place
        for run in group:
            m = names.place_at(run.start, run.end)
            if m is not None and m.start == run.start and m.end == run.end and m.kind in (
                    "city", "region", "country", "island"):
                status.append((run, m, None))
                continue
            toks = names.tokens[run.first:run.last + 1]
            if len(toks) > 4 or any(is_acronym(t.text) or is_camel(t.text) for t in toks) \
                    or toks[-1].folded in ORG_END_WORDS or (
                        len(toks) == 1 and toks[0].folded in names.all_function):
                return  # a company or an acronym in the list: no list of towns
            town = self._resolve(run.text, "city", True) if self.countries else None
            status.append((run, None, town))
        kinds = {m.kind for _r, m, _p in status if m is not None}
        if kinds - {"city"}:
            return  # a list of countries or regions may hold anything
        words = re.findall(r"[\w'’]+", fold(text[max(group[0].sentence.start,
                                                       group[0].start - 40):group[0].start]))
        intro = bool(words) and (words[-1] in _PLACE_LIST_NOUNS or (
            len(words) > 1 and words[-2] in _PLACE_LIST_NOUNS))
        kind = "region" if intro and (words[-1] in _REGION_LIST_NOUNS or (
            len(words) > 1 and words[-2] in _REGION_LIST_NOUNS)) else "city"
        between = len(group) == 2 and bool(words) and words[-1] in (
            "entre", "between", "tra", "fra", "zwischen")
        placed = sum(1 for _r, m, p in status if m is not None or p is not None)
        countries = {x.country for _r, x, _p in status if x is not None and x.country}
        for run, m, town in status:
            if m is not None:
                continue
            others = placed - (1 if town is not None else 0)
            # a town the gazetteer confirms needs one more; an unknown name two ("between
            # Telin and Dili" may name a party)
            needed = 1 if town is not None else 2
            if intro or (between and town is not None) or others >= needed:
                self._new(run.start, run.end, kind, True, f"a {kind} in a list of places",
                          add, drop, countries | self.countries)

    def _chains(self, add: list[Mention], drop: set) -> None:
        names, text = self.names, self.text
        windows: list[list[int]] = []
        for j in _CHAIN_JOIN_RE.finditer(text):  # read only around the hyphens
            if windows and j.start() - windows[-1][1] < 40:
                windows[-1][1] = j.start()
            else:
                windows.append([j.start(), j.start()])
        chains = []
        for lo, hi in windows:
            a = max(0, lo - 100)
            for m in _CHAIN_RE.finditer(text, a, min(len(text), hi + 100)):
                if m.start() <= hi and m.end() > lo:
                    chains.append(m)
        for m in chains:
            if text[m.end():m.end() + 1] in ("-", "–") or text[m.start() - 1:m.start()] in (
                    "-", "–"):
                continue
            parts = [(p.start() + m.start(), p.end() + m.start())
                     for p in re.finditer(r"[^-–]+", m.group())]
            if len(parts) < 2:
                continue
            whole = names.place_at(m.start(), m.end())
            if whole is not None and whole.start <= m.start() and whole.end >= m.end() and \
                    len(parts) < 3:
                continue  # "Guinée-Bissau", "Roma-Fiumicino": one place
            if len(parts) == 2 and self._country_and_town(parts, add, drop):
                continue  # "Guinée-Conakry", "Congo-Brazzaville": one country
            known = {}
            for a, b in parts:
                p = names.place_at(a, b)
                if p is not None and p.start == a and p.end == b and p.kind == "city":
                    known[(a, b)] = p
            joined = [p for p in names.places_between(m.start(), m.end())
                      if p.end <= m.end() and ("-" in p.text or "–" in p.text)]
            if len(parts) >= 3:
                for p in joined:  # "Teresina-Juazeiro-Petrolina": a chain of towns
                    for a, b in parts:
                        if p.start <= a and b <= p.end:
                            place = self._resolve(text[a:b], "city", False, {p.country})
                            if place is not None:
                                drop.add((p.start, p.end))
                                known[(a, b)] = place
                                self.taken.add((a, b))
                                add.append(_mention_of(place, text[a:b], a, b,
                                                       "a town in a chain of towns"))
            if not known:
                continue
            countries = {p.country for p in known.values() if p.country}
            for a, b in parts:
                if (a, b) in known or any(p.start < b and a < p.end for p in
                                          names.places_between(a - 40, b)
                                          if p.end > a and (p.start, p.end) not in drop):
                    continue
                place = self._resolve(text[a:b], "city", True, countries)
                if place is not None:
                    self.taken.add((a, b))
                    add.append(_mention_of(place, text[a:b], a, b,
                                           "a town in a chain of towns"))


#: ISO 3166-1 codes of single islands that are no sovereign countries (overseas
#: departments and territories, crown dependencies): the gazetteer lists them as
#: countries, the news as islands ("Mayotte", "La Réunion", "Santa Helena", "Guam");
#: archipelagos ("Polynésie française", "Nouvelle-Calédonie") stay areas.
_ISLAND_TERRITORIES = word_set("""
    YT RE GP MQ BL MF SH AW CW SX PR GU IM JE GG NU NF CX AI MS
""")


def _exact(names: Names, a: int, b: int) -> Mention | None:
    m = names.place_at(a, b)
    return m if m is not None and m.start == a and m.end == b else None


#: Words that end a company's name, not a town's (nor a bank's or a ministry's: "Bank of
#: America" keeps its country).
ORG_END_WORDS = word_set("""
    telecom telecoms telekom cables networks network communications group groupe grupo
    gruppo holding holdings sa ag gmbh inc ltd llc plc spa srl corp corporation company
    systems technologies solutions services capital partners bhd limited co
""")


def more_places(names: Names, gazetteer) -> None:
    """Add to ``names`` the places :class:`PlaceFinder` finds (and drop the mentions it
    reads as words of another kind)."""
    if gazetteer is None:
        return
    names.gazetteer = gazetteer
    add, drop = PlaceFinder(names, gazetteer).find()
    if add or drop:
        names.set_places([m for m in names.places if (m.start, m.end) not in drop] + add)
