"""Find the places and organisations a text mentions.

:func:`extract_mentions` reads a text in three passes, each taking the longest name it knows
at each word, left to right, among the words earlier passes left: the catalogue's own names
and aliases (organisations, sites, routes, corridors, cities, countries); capitalised runs
holding an organisation word ("Kenya Power", "Agence Ecofin"); then country, region and
city names from :mod:`geo.gazetteer` in many languages (French "au Cap" read as "le Cap")
and country adjectives ("zimbabwéen", "sud-africain", "Italian"). Each
:class:`Mention` keeps the exact surface text and its character offsets into the original
text (``text[start:end] == mention.text``), the kind, the resolved entity or place (id,
canonical name, WGS84 lon/lat in degrees) and the reason it was chosen.

Rules that keep it honest on real news:

* **case**: a place name must be capitalised as a name ("mobile internet" holds no Mobile,
  Alabama); all-capital words of four letters or fewer are acronyms, not places (ICT, PoP).
* **common words**: a single word on :data:`COMMON_WORDS` ("Of", "Digital", "Global",
  "Mobile"...) is never a bare town, nor is a word the same text also uses in lower case.
* **longest match wins**: "Democratic Republic of the Congo" is one mention, not two;
  "China Telecom Global" (a catalogue organisation, or a capitalised name ending in
  "Telecom") hides the country China.
* **weak names**: a bare one-word city needs :data:`MIN_BARE_POPULATION` inhabitants, or its
  country named in the text; at the start of a sentence or in a title-case line it needs
  :data:`MIN_INITIAL_POPULATION`; a GeoNames alternate name (not the town's own name)
  counts only for towns of 100,000 or more.
* **ambiguity**: among towns of one name, a country named right after it ("Valencia,
  Spain"), else in the same paragraph, else in the text decides (countries of catalogue
  entities and of towns already resolved count too), unless that town is
  :data:`OUTWEIGH` times smaller than the most populous of the name; failing that the most
  populous wins only when :data:`DOMINANCE` times as large as the next; otherwise the
  mention is kept with ``id = None`` and a reason that says why.
* **areas**: sub-national regions, islands and seas ("Hessen", "Creta", "Ostsee") are
  mentions of kind ``region``, ``island`` or ``sea``; a region or island of one country is
  evidence for that country. An island or sea yields to a town of 100,000 or more of that
  own name.
* **small towns**: a town of 5,000 to 14,999 people counts only with its country written
  right after it ("Sines, em Portugal", "Lurín (Perú)"); a town named in full also stands
  behind the words before its first connector ("Conil" for "Conil de la Frontera").
* **names inside names**: lower-case words inside a town's name are connectors only ("El
  centro" is no El Centro); a town joined by "do", "della"... to a word that is no place is
  part of a longer name ("Praia do Futuro"); two towns of one country hyphenated together
  within :data:`NEIGHBOURS_M` are one place ("Roma-Fiumicino"), farther ones a segment
  ("Marseille-Bizerte", each a mention). Elided articles begin names ("L'Aquila").
* **US states**: a town followed by a US state ("Atlanta, Georgia", "Paris, Texas") is that
  state's town, whatever the catalogue or population says, and the state is no mention of
  its own (Georgia the country is not named there).
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from geo.catalog import fold, read_article_text
from geo.errors import InputError
from geo.gazetteer import (
    ACRONYMS,
    MIN_ALTERNATE_POPULATION,
    CatalogueEntry,
    CatalogueNames,
    Gazetteer,
    Place,
    default_gazetteer,
    key_prefixes,
    name_key,
    small_towns,
    us_states,
)
from geo.geodesy import GEOD
from geo.text import toml_string

if TYPE_CHECKING:
    from geo.catalog import Catalog

__all__ = [
    "COMMON_WORDS",
    "MENTION_KINDS",
    "ArticleMentions",
    "Coverage",
    "Extractor",
    "Mention",
    "coverage",
    "extract_article",
    "extract_mentions",
    "missing_places",
    "read_article",
    "resolve_article",
    "sentence_around",
    "suggest_entries",
    "toml_string",
    "unique_places",
    "workspace_extractor",
]



def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MENTION_KINDS = ("city", "country", "region", "island", "sea", "site", "organisation", "route",
                 "corridor")
#: Kinds of gazetteer places that are areas rather than towns or countries: continents,
#: groupings and sub-national regions, islands, seas (straits, channels, gulfs, oceans).
AREA_KINDS = ("region", "island", "sea")

#: A bare one-word city name needs this many inhabitants (else its country named nearby).
MIN_BARE_POPULATION = 50_000
#: ... and this many at the start of a sentence or in a title-case line.
MIN_INITIAL_POPULATION = 1_000_000
#: The most populous of several same-named towns wins when this many times the next.
DOMINANCE = 10
#: A country named nearby (not right after the name) does not pick a town this many times
#: smaller than the most populous of the name: Paris is Paris, France, whoever is named.
OUTWEIGH = 20

#: Words that are also names of towns in GeoNames but, in news text, are far more often
#: ordinary words (English, French, Italian, Spanish, Portuguese): never a bare town.
COMMON_WORDS = _words("""
    of be can may will most best deal sale man march union central general national
    global digital mobile data cloud internet online network networks energy power
    capital progress unity liberty independence concord harmony paradise hope mission
    opportunity enterprise enterprises success industry commerce premier prime president
    bath reading split nice marks bay point port hub edge core link bridge tower express
    level trust victory fortune welcome university college hospital airport station
    center centre city town village north south east west officer chairman board chief
    pop tan ming liu marina asia africa europe america date more part one set turn le la
    les de des du un une sur sud nord est ouest centre grand grande mont plus bon belle
    mer ville selon pour dans avec tout zone marche monde pays terre cap il lo gli del
    della sito questo se si sul rete dati mondo nuovo centro el los las con este oeste
    mar nueva nuevo puerto sao santa santo san
    orange nokia
""")

#: Lower-case words that may begin a multi-word place name ("mer Noire", "le Cap").
_PARTICLES = _words("""
    le la les l el al de di du des da do dos das mer golfe lac mar oceano ocean golfo
    sub detroit stretto estrecho estreito canal canale baie isola isole isla islas ilha ilhas
    ile iles peninsule penisola
""")
#: Lower-case words that may stand inside a place name ("Castilla y León", "Frankfurt am
#: Main", "Bay of Biscay"); any other word of a name after its first is capitalised.
_NAME_INNER = _PARTICLES | _words("""
    y e et and und of del della dell dei degli delle von am an der den im sur sul sobre d l
""")

#: French contractions of a preposition with the article of a name: "au Cap" is "à le Cap".
_CONTRACTIONS = {"au": "le ", "du": "le ", "aux": "les ", "des": "les "}

#: Connectors that join a town's name to a word naming something within it: "Praia do
#: Futuro" is a beach, not Praia (Cabo Verde). Prepositions that also mean "from" or "of"
#: ("da", "di", "de", "del": "a Genova da Roma") are left out.
_NAME_LINKS = _words("do dos das della dello dei du")

#: Capitalised nouns of place (German capitalises every noun) that may come right before a
#: town's name: "im Stadtteil Griesheim", "die Hafenstadt Rostock" hold no person's name.
_PLACE_NOUNS = _words("""
    stadt stadtteil ortsteil ort gemeinde hafen hafenstadt standort region landkreis kreis
    insel bundesland hauptstadt kustenstadt grossstadt metropole vorort bezirk
""")

#: German articles: the capitalised word after one is a noun, not a given name.
_NOUN_ARTICLES = _words("""
    der die das den dem des ein eine einen einem einer eines im am zum zur vom beim
""")

#: Country names that are common given names: not a country when a capitalised word that
#: is no place follows ("Chad Smith", "Jordan Peterson").
_GIVEN_NAMES = frozenset({"chad", "jordan", "georgia", "israel", "india", "kenya", "niger"})

#: Words that end (or begin) the name of an organisation: a capitalised run holding one is
#: an organisation, not the place it may name ("Kenya Power", "Telecom Italia").
ORG_SUFFIXES = _words("""
    telecom telecoms telecommunications telecommunication telekom telecomunicazioni
    telecomunicaciones telecomunicacoes communications networks corporation corp company
    limited ltd inc plc llc group groupe holding holdings ag gmbh sa spa nv bv ab asa
    power technologies airways airlines bank banque banca authority agency agence ministry
    ministere ministero university universite universita
""")
_ORG_PREFIXES = _words("""
    agence groupe banque bank banca ministry ministere ministero telecom university
    universite universita
""")
#: Organisation words that open a name even after other capitalised words ("Selon Agence
#: Ecofin"); unlike "Telecom", which may also close one ("China Telecom Global").
_ORG_OPENERS = _ORG_PREFIXES - {"telecom"}
_ORG_WORDS = ORG_SUFFIXES | _ORG_PREFIXES
_RUN_CONNECTORS = _words("of de du des di del della")
_RUN_SKIP = _words("""
    the le la les l il el a an un une this that our their his her its mr mrs ms dr m mme
    in on at by for from with to into under over after before since while when as and but
    also according today currently moving selon pour dans avec chez par sur sous apres avant
    depuis pendant et mais aussi actuellement aujourd hui per con tra fra secondo oggi segun
    desde hasta entre sobre hoy
    der die das dem ein eine im am zum zur nach bei von aus fur dass wie auch
    und oder seit wahrend heute laut
""")

# Country and continent adjectives and demonyms: English (capitalised) and French (any
# case; masculine singular listed, feminine and plural forms derived).
_ADJ_EN: dict[str, str] = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "Angolan": "AO", "Argentine": "AR",
    "Argentinian": "AR", "Armenian": "AM", "Australian": "AU", "Austrian": "AT",
    "Azerbaijani": "AZ", "Azeri": "AZ", "Bangladeshi": "BD", "Belgian": "BE",
    "Beninese": "BJ", "Botswanan": "BW", "Brazilian": "BR", "British": "GB",
    "Bulgarian": "BG", "Burundian": "BI", "Cameroonian": "CM", "Canadian": "CA",
    "Chadian": "TD", "Chilean": "CL", "Chinese": "CN", "Colombian": "CO", "Croatian": "HR",
    "Cypriot": "CY", "Czech": "CZ", "Danish": "DK", "Djiboutian": "DJ", "Dutch": "NL",
    "Egyptian": "EG", "Emirati": "AE", "Eritrean": "ER", "Estonian": "EE",
    "Ethiopian": "ET", "Finnish": "FI", "French": "FR", "Gabonese": "GA",
    "Gambian": "GM", "German": "DE", "Ghanaian": "GH", "Greek": "GR", "Guinean": "GN",
    "Hungarian": "HU", "Indian": "IN", "Indonesian": "ID", "Iranian": "IR", "Iraqi": "IQ",
    "Irish": "IE", "Israeli": "IL", "Italian": "IT", "Ivorian": "CI", "Japanese": "JP",
    "Jordanian": "JO", "Kazakh": "KZ", "Kazakhstani": "KZ", "Kenyan": "KE",
    "Korean": "KR", "Kuwaiti": "KW", "Kyrgyz": "KG", "Latvian": "LV", "Lebanese": "LB",
    "Liberian": "LR", "Libyan": "LY", "Lithuanian": "LT", "Malagasy": "MG",
    "Malawian": "MW", "Malaysian": "MY", "Malian": "ML", "Mauritanian": "MR",
    "Mauritian": "MU", "Mexican": "MX", "Moroccan": "MA", "Mozambican": "MZ",
    "Namibian": "NA", "Nigerian": "NG", "Nigerien": "NE", "Norwegian": "NO",
    "Omani": "OM", "Pakistani": "PK", "Filipino": "PH", "Philippine": "PH",
    "Polish": "PL", "Portuguese": "PT", "Qatari": "QA", "Romanian": "RO", "Russian": "RU",
    "Rwandan": "RW", "Saudi": "SA", "Senegalese": "SN", "Serbian": "RS",
    "Singaporean": "SG", "Somali": "SO", "Spanish": "ES", "Sudanese": "SD",
    "Swedish": "SE", "Swiss": "CH", "Syrian": "SY", "Tajik": "TJ", "Tanzanian": "TZ",
    "Thai": "TH", "Togolese": "TG", "Tunisian": "TN", "Turkish": "TR", "Turkmen": "TM",
    "Ugandan": "UG", "Ukrainian": "UA", "Uzbek": "UZ", "Vietnamese": "VN",
    "Yemeni": "YE", "Zambian": "ZM", "Zimbabwean": "ZW", "South African": "ZA",
    "Georgian": "GE", "Sri Lankan": "LK", "New Zealand": "NZ",
    "African": "geonames:6255146", "Asian": "geonames:6255147",
    "European": "geonames:6255148",
}
_ADJ_FR: dict[str, str] = {
    "afghan": "AF", "algérien": "DZ", "angolais": "AO", "argentin": "AR",
    "arménien": "AM", "australien": "AU", "autrichien": "AT", "azerbaïdjanais": "AZ",
    "azerbaidjanais": "AZ", "azéri": "AZ", "belge": "BE", "béninois": "BJ",
    "botswanais": "BW", "brésilien": "BR", "britannique": "GB", "burkinabè": "BF",
    "burundais": "BI", "camerounais": "CM", "canadien": "CA", "centrafricain": "CF",
    "chinois": "CN", "congolais": "", "djiboutien": "DJ", "égyptien": "EG",
    "émirati": "AE", "espagnol": "ES", "éthiopien": "ET", "français": "FR",
    "gabonais": "GA", "ghanéen": "GH", "grec": "GR", "guinéen": "GN", "indien": "IN",
    "indonésien": "ID", "iranien": "IR", "irlandais": "IE", "italien": "IT",
    "ivoirien": "CI", "japonais": "JP", "kazakh": "KZ", "kazakhstanais": "KZ",
    "kényan": "KE", "kenyan": "KE", "libanais": "LB", "libérien": "LR", "libyen": "LY",
    "malgache": "MG", "malien": "ML", "malawite": "MW", "marocain": "MA",
    "mauricien": "MU", "mauritanien": "MR", "mexicain": "MX", "mozambicain": "MZ",
    "namibien": "NA", "nigérian": "NG", "nigérien": "NE", "néerlandais": "NL",
    "ougandais": "UG", "pakistanais": "PK", "philippin": "PH", "portugais": "PT",
    "qatari": "QA", "russe": "RU", "rwandais": "RW", "saoudien": "SA",
    "sénégalais": "SN", "singapourien": "SG", "somalien": "SO", "soudanais": "SD",
    "sud-africain": "ZA", "suisse": "CH", "tanzanien": "TZ", "tchadien": "TD",
    "togolais": "TG", "tunisien": "TN", "turc": "TR", "ukrainien": "UA",
    "vietnamien": "VN", "zambien": "ZM", "zimbabwéen": "ZW", "allemand": "DE",
    "américain": "US", "géorgien": "GE", "ouzbek": "UZ",
    "africain": "geonames:6255146", "asiatique": "geonames:6255147",
    "européen": "geonames:6255148",
}


def _french_forms(word: str) -> list[str]:
    """Masculine singular -> the four forms (zimbabwéen, -éenne, -éens, -éennes)."""
    if word.endswith("e"):
        return [word, word + "s"]
    if word.endswith(("ien", "éen", "en")):
        fem = word + "ne"
    elif word.endswith("c") and word == "turc":
        fem = "turque"
    elif word.endswith("grec"):
        fem = "grecque"
    else:
        fem = word + "e"
    plural = word if word.endswith(("s", "x")) else word + "s"
    return [word, fem, plural, fem + "s"]


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, tuple[str, str, str]]:
    """key -> (target: ISO code or region id, language, form as listed)."""
    out: dict[str, tuple[str, str, str]] = {}
    for word, target in _ADJ_EN.items():
        out[name_key(word)] = (target, "en", word)
        if not word.endswith(("s", "h", "i", "y", "e")) and " " not in word:
            out.setdefault(name_key(word + "s"), (target, "en", word))
    for word, target in _ADJ_FR.items():
        for form in _french_forms(word):
            out.setdefault(name_key(form), (target, "fr", word))
    return {k: v for k, v in out.items() if v[0]}


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class Mention:
    """One mention of a place or organisation in a text.

    ``text == source[start:end]`` (Python string offsets, code points). ``kind`` is one of
    :data:`MENTION_KINDS`. ``id`` is the catalogue entity id when the catalogue holds what is
    named, else the gazetteer place id (``geonames:...``, ``region:...``), else ``None``
    (unresolved: ``reason`` says why). ``lon``/``lat``: WGS84 degrees, ``None`` for lines
    and unresolved mentions. ``entity`` and ``place`` give the catalogue and gazetteer ids
    separately; ``country`` is the ISO 3166-1 alpha-2 code when known.
    """

    text: str
    start: int
    end: int
    kind: str
    id: str | None
    name: str | None
    lon: float | None
    lat: float | None
    reason: str
    entity: str | None = None
    place: str | None = None
    country: str | None = None

    def to_dict(self) -> dict:
        """The fields by name, in order (what :func:`dataclasses.asdict` gives, without its
        deep copy: every value is a string, a number or ``None``)."""
        return {name: getattr(self, name) for name in _MENTION_FIELDS}


_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


class _Words:
    """The words of a text (runs of letters and digits), as parallel lists: word ``i`` is
    ``text[start[i]:end[i]] == self.text[i]`` (character offsets), its key
    (:func:`name_key`) is ``key[i]``, and ``sep[i]`` is the normalised separator to the
    next word, ``None`` where a name cannot continue (and after the last word).

    Lists of numbers and strings rather than an object per word: an article holds
    hundreds of thousands of words, which are then built at C speed and cost the
    garbage collector nothing."""

    __slots__ = ("end", "key", "sep", "start", "text")

    def __init__(self, text: str):
        parts = _TOKEN_SPLIT_RE.split(text)  # gap, word, gap, word, ..., gap
        ends = list(itertools.accumulate(map(len, parts)))  # where each part ends
        self.text: list[str] = parts[1::2]
        n = len(self.text)
        self.start: list[int] = ends[0:2 * n:2]
        self.end: list[int] = ends[1::2]
        keys = {word: _token_key(word) for word in set(self.text)}
        self.key: list[str] = list(map(keys.__getitem__, self.text))
        gaps = parts[2:2 * n:2]  # between each word and the next
        seps = {gap: " " if gap == " " else _sep_key(gap) for gap in set(gaps)}
        self.sep: list[str | None] = [*map(seps.__getitem__, gaps), None] if n else []

    def __len__(self) -> int:
        return len(self.text)


@dataclass
class _Raw:
    """A span found by the scanner, before evidence is weighed."""

    start_token: int
    end_token: int  # exclusive
    start: int
    end: int
    source: str  # "catalogue", "place", "demonym", "org"
    key: str
    catalogue: list[tuple[CatalogueEntry, str]] | None = None
    matches: tuple[tuple[Place, bool], ...] = ()
    demonym: tuple[str, str, str] | None = None
    contraction: str = ""
    note: str = ""
    #: the US state named right after the town ("Atlanta, Georgia"), as written
    state: str = ""


#: What comes between a town and its country written right after it: "Sines, Portugal",
#: "Sines, em Portugal", "Lurín (Perú)" (searched right before the country's name).
_BEFORE_COUNTRY_RE = re.compile(
    r"(?:, ?|,? \()(?:(?:em|en|in|au|na|no|nel|nella|im|in der) )?\Z")


#: A word is a run of letters and digits; split with it, a text alternates gaps and words.
_TOKEN_SPLIT_RE = re.compile(r"([^\W_]+)")
#: ", Georgia" or ", New York" right after a town: a possible US state.
_STATE_AFTER_RE = re.compile(r",[ \t]*([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
_SEP_RE = re.compile(r"[ \-'.]{1,3}")
_APOS_DASH = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'",
                            "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
                            "\t": " ", "\u00a0": " ", "\u202f": " "})
#: The characters of a separator within a name, once normalised (see _sep_key).
_SEP_CHARS = frozenset(" -'.")
_SENTENCE_END = ".!?\n"
_OPENERS = " \t\"“”«»‘’'([–—-"


@lru_cache(maxsize=65536)
def _token_key(token: str) -> str:
    return name_key(token)


def _sep_key(raw: str) -> str | None:
    """The normalised separator between two words of a name, or None if names cannot
    span it (a line break, a comma...)."""
    if "\n" in raw or "\r" in raw:
        return None
    sep = raw.translate(_APOS_DASH)
    if " " in sep:
        sep = re.sub(r" +", " ", sep)
    return sep if _SEP_RE.fullmatch(sep) else None


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


@lru_cache(maxsize=4096)
def _all_capitals(name: str) -> bool:
    """Whether ``name`` has letters and all of them are capitals ("CTG")."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _name_shaped(word: str) -> bool:
    """Title-case ("Nairobi"), lower case, or all capitals of five letters or more;
    not camel case ("PoP", "AzerTelecom") and not a short acronym ("ICT")."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return True
    if all(c.isupper() for c in letters):
        return len(letters) >= 5
    return not any(c.isupper() for c in word[1:])


#: How a word counts in a headline: not at all (shorter than four letters, or not all
#: letters), capitalised, or in lower case.
_NOT_COUNTED, _CAPITALISED, _LOWER = 0, 1, 2


def _headline_kind(word: str) -> int:
    if len(word) < 4 or not word.isalpha():
        return _NOT_COUNTED
    return _CAPITALISED if _is_capitalised(word) else _LOWER


class _Layout:
    """The lines and paragraphs of one text, found once, so that asking about the line or
    paragraph around a word is a look-up rather than a scan of the text (which made
    extraction quadratic in the length of a line). Positions are character offsets."""

    def __init__(self, text: str, words: _Words):
        self.text = text
        self.words = words
        #: offset of every line feed
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        #: offset of every "\n\n" (overlapping: "\n\n\n" holds two)
        self.breaks = [m.start() for m in re.finditer("\n(?=\n)", text)]
        self._title: dict[int, bool] = {}
        self._kinds: dict[str, int] | None = None

    def title_line(self, pos: int) -> bool:
        """Whether the line holding ``pos`` reads as a title-case headline: its words of
        four letters or more all capitalised (three or more of them), or (six or more)
        all but 15 % at most, with no closing punctuation. Worked out once per line."""
        k = bisect_left(self.newlines, pos)  # line feeds before pos
        known = self._title.get(k)
        if known is None:
            start = self.newlines[k - 1] + 1 if k else 0
            end = self.newlines[k] if k < len(self.newlines) else len(self.text)
            known = self._title[k] = self._is_title_line(start, end)
        return known

    def _is_title_line(self, start: int, end: int) -> bool:
        if self._kinds is None:
            self._kinds = {word: _headline_kind(word) for word in set(self.words.text)}
        # the words of the line are those of the text that start in it (none spans "\n")
        first = bisect_left(self.words.start, start)
        last = bisect_left(self.words.start, end)
        kinds = list(map(self._kinds.__getitem__, self.words.text[first:last]))
        lower = kinds.count(_LOWER)
        counted = lower + kinds.count(_CAPITALISED)
        if counted < 3:
            return False
        if lower == 0:
            return True
        if counted < 6 or lower > 0.15 * counted:
            return False
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return not (end > start and self.text[end - 1] in ".!?:")

    def paragraph(self, pos: int) -> tuple[int, int]:
        """``(a, b)``: the last "\\n\\n" ending by ``pos`` (0 if none) and the first one
        starting at or after ``pos`` (the length of the text if none)."""
        k = bisect_right(self.breaks, pos - 2)
        a = self.breaks[k - 1] if k else 0
        k = bisect_left(self.breaks, pos)
        b = self.breaks[k] if k < len(self.breaks) else len(self.text)
        return a, b


class _Evidence:
    """The countries a text names, as ``(offset, ISO code, what says so)`` entries, sorted
    and indexed by country, so that "the first words naming this country between these
    offsets" costs a binary search rather than a pass over every entry. Entries given as
    ``towns`` can be left out at one offset (a town is no evidence for itself)."""

    def __init__(self, countries: Iterable[tuple[int, str, str]],
                 towns: Iterable[tuple[int, str, str]] = ()):
        entries = sorted([(off, iso, said, False) for off, iso, said in countries]
                         + [(off, iso, said, True) for off, iso, said in towns])
        self.entries = entries
        self.offsets = [e[0] for e in entries]
        self._by_iso: dict[str, tuple[list[int], list[tuple[int, str, bool]]]] = {}
        for off, iso, said, town in entries:
            offsets, items = self._by_iso.setdefault(iso, ([], []))
            offsets.append(off)
            items.append((off, said, town))
        #: every country named (by any entry)
        self.isos = self._by_iso.keys()

    def between(self, lo: int, hi: int) -> list[tuple[int, str, str, bool]]:
        """Entries ``(offset, iso, said, is_town)`` with ``lo <= offset <= hi``, in order."""
        return self.entries[bisect_left(self.offsets, lo):bisect_right(self.offsets, hi)]

    def first(self, iso: str | None, lo: int, hi: int, skip: int | None) -> str | None:
        """What first names ``iso`` at an offset in ``[lo, hi)`` (no town at ``skip``)."""
        found = self._by_iso.get(iso) if iso else None
        if found is None:
            return None
        offsets, items = found
        k = bisect_left(offsets, lo)
        while k < len(offsets) and offsets[k] < hi:
            off, said, town = items[k]
            if not (town and off == skip):
                return said
            k += 1
        return None


class _Scope:
    """The countries named between two offsets, as a read-only look-up: ISO code -> the
    first words that name it (see :meth:`_Evidence.first`)."""

    __slots__ = ("evidence", "hi", "lo", "skip")

    def __init__(self, evidence: _Evidence, lo: int, hi: int, skip: int | None):
        self.evidence, self.lo, self.hi, self.skip = evidence, lo, hi, skip

    def get(self, iso: str | None) -> str | None:
        return self.evidence.first(iso, self.lo, self.hi, self.skip)


class Extractor:
    """Extract mentions with one gazetteer and (optionally) one catalogue's names.

    Build it once and call :meth:`extract` per text; building indexes the catalogue.
    """

    def __init__(self, catalog: Catalog | None = None, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or default_gazetteer()
        self.catalogue = (CatalogueNames.from_catalog(catalog, self.gazetteer)
                          if catalog is not None else CatalogueNames.empty())
        self._demonyms = _demonyms()
        self._gaz_prefixes = self.gazetteer.prefixes
        self._cat_prefixes = self.catalogue.prefixes
        self._dem_prefixes = frozenset(key_prefixes(self._demonyms))
        #: keys that some catalogue name continues after a separator ("china" of "china
        #: telecom"): a word that is neither this nor a whole name starts no name
        self._cat_heads = frozenset(p[:q] for p in self._cat_prefixes
                                    for q in range(len(p)) if p[q] in _SEP_CHARS)
        self._max_tokens = 8
        # answers that depend on a name alone, kept across texts (a text names few
        # distinct places, many times over)
        self._matches_memo: dict[str, tuple[tuple[Place, bool], ...]] = {}
        self._word_ok_memo: dict[str, bool] = {}
        self._candidate_memo: dict[tuple[str, str], tuple] = {}
        self._listing_memo: dict[tuple, str] = {}
        self._place_word_memo: dict[str, bool] = {}

    # ---------------------------------------------------------------- scanning

    def _spans(self, text: str, tokens: _Words, i: int):
        """Yield (end_token_exclusive, key) for spans starting at token i, shortest first,
        while some known name may still begin with the span."""
        key = tokens.key[i]
        j = i
        while True:
            yield j + 1, key
            if j + 1 >= len(tokens) or j + 1 - i >= self._max_tokens:
                return
            sep = tokens.sep[j]
            if sep is None:
                return
            key = key + sep + tokens.key[j + 1]
            if key not in self._gaz_prefixes and key not in self._dem_prefixes:
                return
            j += 1

    def _catalogue_ok(self, text: str, tokens: _Words, i: int, j: int,
                      written: str) -> bool:
        surface = text[tokens.start[i]:tokens.end[j - 1]]
        if written[:1].isupper() and not surface[:1].isupper():
            return False
        if j - i == 1 and _all_capitals(written):
            return surface == written  # acronyms match in their own case only ("CTG")
        return True

    def _matches(self, key: str) -> tuple[tuple[Place, bool], ...]:
        """:meth:`Gazetteer.matches`, remembered."""
        known = self._matches_memo.get(key)
        if known is None:
            known = self._matches_memo[key] = self.gazetteer.matches(key)
        return known

    def _place_ok(self, tokens: _Words, i: int, j: int) -> bool:
        if j - i == 1:  # one word: its text decides (its key is a function of it)
            word = tokens.text[i]
            known = self._word_ok_memo.get(word)
            if known is None:
                known = self._word_ok_memo[word] = self._words_ok(tokens, i, j)
            return known
        return self._words_ok(tokens, i, j)

    def _words_ok(self, tokens: _Words, i: int, j: int) -> bool:
        words = tokens.text[i:j]
        if j - i == 1 and tokens.key[i] in ACRONYMS and words[0].isupper():
            return True  # "RDC", "UAE": short forms the gazetteer lists on purpose
        if not any(_is_capitalised(w) for w in words):
            return False
        if not _is_capitalised(words[0]) and tokens.key[i] not in _PARTICLES:
            return False
        # an elided article ("L'Aquila", "L'Hospitalet") is one capital letter
        return all(_name_shaped(w) or (len(w) == 1 and tokens.key[k] in _PARTICLES)
                   for k, w in enumerate(words, i))

    def _scan(self, text: str, tokens: _Words, claimed: list[bool]) -> list[_Raw]:
        """Gazetteer names and country adjectives among the words not yet claimed: the
        longest that passes the surface checks at each word, left to right."""
        found: list[_Raw] = []
        gaz_prefixes, dem_prefixes = self._gaz_prefixes, self._dem_prefixes
        keys = tokens.key
        # A name starts with a capital, a particle ("le Cap") or is an adjective; and it
        # is a known name or goes on into one (a key ending in a letter or digit is cut
        # there in the prefixes), unless "au"/"du" comes before it. Words are sorted out
        # once per distinct word, and only those that may start a name are visited.
        shaped: set[str] = set()
        starts: set[str] = set()
        for word, key in dict(zip(tokens.text, keys, strict=True)).items():
            if (len(word) >= 2 or key in _PARTICLES) and (
                    word[0].isupper() or key in _PARTICLES or key in dem_prefixes):
                shaped.add(word)
                if key in gaz_prefixes or key in dem_prefixes or not key[-1:].isalnum():
                    starts.add(word)
        candidates = [i for i, word in enumerate(tokens.text) if word in starts
                      or (word in shaped and i and keys[i - 1] in _CONTRACTIONS)]
        next_free = 0  # the first word after the last name found
        for i in candidates:
            if i < next_free or claimed[i]:
                continue
            best: _Raw | None = None
            for j, key in self._spans(text, tokens, i):
                if any(claimed[i:j]):
                    break
                raw = self._interpret(text, tokens, i, j, key)
                if raw is not None:
                    best = raw
            if (best is not None and keys[i] in _PARTICLES and i + 1 < len(keys)
                    and not claimed[i + 1]):
                # "le Cap-Vert": "le Cap" is a name, but "Cap-Vert" after it is longer
                for j, key in self._spans(text, tokens, i + 1):
                    if any(claimed[i + 1:j]):
                        break
                    raw = self._interpret(text, tokens, i + 1, j, key)
                    if raw is not None and raw.end_token > best.end_token:
                        best = raw
            contraction = self._contraction(text, tokens, i)
            if contraction is not None and (
                best is None or best.end_token <= contraction.end_token
            ):
                best = contraction
            if best is None:
                continue
            found.append(best)
            for k in range(best.start_token, best.end_token):
                claimed[k] = True
            next_free = best.end_token
        return found

    def _interpret(self, text: str, tokens: _Words, i: int, j: int,
                   key: str) -> _Raw | None:
        start, end = tokens.start[i], tokens.end[j - 1]
        if key in self._demonyms:
            _target, lang, _form = self._demonyms[key]
            capitalised = _is_capitalised(tokens.text[i])
            # "Italien" is Italy in German; "italien" is the French adjective.
            named = capitalised and any(p.kind in ("country", *AREA_KINDS) and primary
                                        for p, primary in self._matches(key))
            if (lang == "fr" or capitalised) and not named:
                return _Raw(i, j, start, end, "demonym", key, demonym=self._demonyms[key])
        matches = self._matches(key)
        if matches and self._place_ok(tokens, i, j):
            if j - i > 1 and not self._town_case_ok(tokens, i, j, matches):
                return None
            return _Raw(i, j, start, end, "place", key, matches=matches)
        return None

    @staticmethod
    def _town_case_ok(tokens: _Words, i: int, j: int,
                      matches: tuple[tuple[Place, bool], ...]) -> bool:
        """A town's name of several words is capitalised after its first word but for
        connectors ("Frankfurt am Main"): "El centro" is no El Centro. Countries and areas
        may hold a lower-case adjective ("Africa occidentale", "mer Baltique")."""
        if any(p.kind != "city" for p, _primary in matches):
            return True
        return all(_is_capitalised(tokens.text[k]) or tokens.key[k] in _NAME_INNER
                   for k in range(i + 1, j))

    def _contraction(self, text: str, tokens: _Words, i: int) -> _Raw | None:
        """French "au Cap", "du Caire": the name is "le Cap", its article fused into the
        preposition before it."""
        if i == 0 or tokens.key[i - 1] not in _CONTRACTIONS:
            return None
        if tokens.sep[i - 1] != " ":
            return None
        article = _CONTRACTIONS[tokens.key[i - 1]]
        best = None
        key = tokens.key[i]
        for j in range(i + 1, min(len(tokens), i + self._max_tokens) + 1):
            if j > i + 1:
                sep = tokens.sep[j - 2]
                if sep is None:
                    break
                key = key + sep + tokens.key[j - 1]
            full = article + key
            if full not in self._gaz_prefixes:
                break
            matches = self._matches(full)
            if matches and self._place_ok(tokens, i, j):
                surface = text[tokens.start[i]:tokens.end[j - 1]]
                prep = "à" if tokens.key[i - 1].startswith("a") else "de"
                best = _Raw(i, j, tokens.start[i], tokens.end[j - 1], "place", full,
                            matches=matches,
                            contraction=f"'{tokens.text[i - 1]} {surface}' read as "
                                        f"'{prep} {article}{surface}'")
        return best

    # ---------------------------------------------------------------- organisations

    def _org_runs(self, text: str, tokens: _Words, claimed: list[bool],
                  layout: _Layout) -> list[_Raw]:
        """Capitalised runs naming an organisation by a suffix ("Kenya Power", "ZTE
        Corporation") or a prefix ("Agence Ecofin", "Telecom Italia").

        Linear in the number of words: where a title-case line cuts a run after its last
        organisation word, the rest of the run is read again from there, so the run's end
        is kept, and the organisation words are found by binary search."""
        out: list[_Raw] = []
        n = len(tokens)
        keys = tokens.key
        org_words = [k for k in range(n) if keys[k] in _ORG_WORDS]
        suffixes = [k for k in org_words if keys[k] in ORG_SUFFIXES]
        openers = [k for k in org_words if keys[k] in _ORG_OPENERS]
        capitalised = {word for word in set(tokens.text) if word[:1].isupper()}
        candidates = [i for i, word in enumerate(tokens.text) if word in capitalised]
        run_from, run_to = -1, -1  # the last run walked: from its first word to its last
        next_free = 0  # the first word after the last run (or name cut from a run)
        for i in candidates:
            if i < next_free or claimed[i]:
                continue
            if run_from < i <= run_to:
                # a capitalised word inside the run just walked is on its walk (only
                # lower-case connectors are stepped over), and words after the ones just
                # claimed are as they were: the walk from here ends where it ended
                j = run_to
            else:
                j = i
                while j + 1 < n and not claimed[j + 1]:
                    sep = text[tokens.end[j]:tokens.start[j + 1]]
                    if sep not in (" ", " & ", "&"):
                        break
                    nxt = tokens.key[j + 1]
                    if nxt in _RUN_SKIP:
                        break  # "With", "To", "In" in a headline end a name
                    if tokens.text[j + 1] in capitalised:
                        j += 1
                    elif (nxt in _RUN_CONNECTORS and j + 2 < n and not claimed[j + 2]
                          and text[tokens.end[j + 1]:tokens.start[j + 2]] == " "
                          and tokens.text[j + 2] in capitalised):
                        j += 2
                    else:
                        break
                run_from, run_to = i, j
            # drop leading determiners, prepositions and titles ("The", "Selon", "Mr")
            first = i
            while first < j and tokens.key[first] in _RUN_SKIP:
                first += 1
            # an organisation word that opens a name starts the run ("... Agence Ecofin")
            k = bisect_left(openers, first + 1)
            if k < len(openers) and openers[k] < j:
                first = openers[k]
            # the first organisation word after the first word, else an opening one
            k = bisect_left(suffixes, first + 1)
            word = tokens.text[suffixes[k]] if k < len(suffixes) and suffixes[k] <= j \
                else None
            if word is None and tokens.key[first] in _ORG_PREFIXES:
                word = tokens.text[first]
            if j > first and word is not None and layout.title_line(tokens.start[first]):
                # In a title-case headline every word is capitalised: the name ends at its
                # last organisation word ("MTN Group Signs Deal" is "MTN Group").
                k = bisect_right(suffixes, j) - 1
                last = suffixes[k] if k >= 0 and suffixes[k] >= first else first
                j = max(last, first + 1)
            if j > first and word is not None:
                out.append(_Raw(first, j + 1, tokens.start[first], tokens.end[j], "org",
                                " ".join(tokens.key[k] for k in range(first, j + 1)),
                                note=word))
                for k in range(first, j + 1):
                    claimed[k] = True
            next_free = j + 1
        return out

    # ---------------------------------------------------------------- context

    @staticmethod
    def _sentence_initial(text: str, start: int) -> bool:
        k = start - 1
        while k >= 0 and text[k] in _OPENERS:
            k -= 1
        return k < 0 or text[k] in _SENTENCE_END or text[k] == ":"

    # ---------------------------------------------------------------- resolution

    def extract(self, text: str) -> list[Mention]:
        """Every mention in ``text``, in order of position.

        Time and memory grow linearly with the length of the text (whatever the length
        of its lines or paragraphs and however many mentions it holds): every question
        about a mention's line, paragraph or nearby countries is a look-up in indexes
        built once per text."""
        tokens = _Words(text)
        layout = _Layout(text, tokens)
        claimed = [False] * len(tokens)
        raws = self._scan_catalogue(text, tokens, claimed)
        raws += self._org_runs(text, tokens, claimed, layout)
        raws += self._scan(text, tokens, claimed)
        raws.sort(key=lambda r: r.start)
        raws = self._us_state_towns(text, raws)

        lowered = {word for word in set(tokens.text) if word.islower()}
        countries = self._country_evidence(text, tokens, raws)
        evidence = _Evidence(countries)
        for raw in raws:
            self._recheck_catalogue_town(text, raw, evidence)
        first = [self._resolve(text, tokens, raw, evidence, lowered, layout)
                 for raw in raws]
        # Towns resolved on their own are evidence too: Johannesburg names South Africa
        # for "au Cap". A second pass weighs them (never a mention's own country).
        towns = [(m.start, m.country, f"{m.text} ({self._country_name(m.country)})")
                 for m in first
                 if m is not None and m.kind == "city" and m.country and m.id]
        if not towns:
            return _joined_neighbours(text, self._small_towns(
                text, tokens, claimed, self._short_forms(
                    text, tokens, claimed, [m for m in first if m is not None])))
        with_towns = _Evidence(countries, towns)
        out: list[Mention] = []
        for raw, mention in zip(raws, first, strict=True):
            if raw.source == "place" and (
                mention is None or mention.id is None or mention.reason.startswith("most")
            ):
                # every country and town named, but not this town itself
                mention = self._resolve(text, tokens, raw, with_towns, lowered, layout,
                                        skip=raw.start)
            if mention is not None:
                out.append(mention)
        return _joined_neighbours(text, self._small_towns(
            text, tokens, claimed, self._short_forms(text, tokens, claimed, out)))

    def _small_towns(self, text: str, tokens: _Words, claimed: list[bool],
                     mentions: list[Mention]) -> list[Mention]:
        """Towns below the gazetteer's cut (5,000 to 14,999 people,
        :func:`geo.gazetteer.small_towns`) where their country is written right after them:
        "em Sines, Portugal", "Sines, em Portugal", "Lurín (Perú)". The town must be of that
        country, its words capitalised, unclaimed, not used in lower case in the text, and
        not the end of a longer capitalised name. One look back per country mention."""
        countries = [m for m in mentions if m.kind == "country" and m.country
                     and " adjective " not in m.reason]
        if not countries:
            return mentions
        added = []
        lowered: set[str] = set()  # the words the text writes in lower case, once needed
        for m in countries:
            before = _BEFORE_COUNTRY_RE.search(text, max(0, m.start - 24), m.start)
            if before is None:
                continue
            k = bisect_right(tokens.end, before.start()) - 1  # the word before the comma
            if k < 0 or tokens.end[k] != before.start():
                continue
            if not lowered:
                lowered = {w for w in set(tokens.text) if w.islower()} or {""}
            found = self._small_town_at(text, tokens, claimed, k, m.country, lowered)
            if found is None:
                continue
            i, place = found
            start, end = tokens.start[i], tokens.end[k]
            for j in range(i, k + 1):
                claimed[j] = True
            added.append(Mention(
                text[start:end], start, end, "city", place.id, place.name, place.lon,
                place.lat, f"town {text[start:end]!r} of {place.population:,} people in "
                f"{m.name or m.country}, named right after it; not in the catalogue",
                place=place.id, country=place.country))
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda m: m.start)

    def _small_town_at(self, text: str, tokens: _Words, claimed: list[bool], k: int,
                       country: str, lowered: set[str]) -> tuple[int, Place] | None:
        """``(first word, town)`` for a small town of ``country`` whose name ends with word
        ``k`` (up to three words), longest first; ``None`` if there is none."""
        for i in range(max(0, k - 2), k + 1):
            words = tokens.text[i:k + 1]
            if any(claimed[i:k + 1]) or not _is_capitalised(words[0]) or any(
                    tokens.sep[j] is None for j in range(i, k)):
                continue
            if not all(_name_shaped(w) and (_is_capitalised(w) or tokens.key[j] in _NAME_INNER)
                       for j, w in enumerate(words, i)):
                continue
            if i > 0 and tokens.sep[i - 1] in (" ", "-") and _is_capitalised(
                    tokens.text[i - 1]) and not self._sentence_initial(text, tokens.start[i - 1]):
                continue  # "John Sines": the end of a longer name
            key = "".join(tokens.key[j] + (tokens.sep[j] or "") if j < k else tokens.key[j]
                          for j in range(i, k + 1))
            if i == k and (key in COMMON_WORDS or words[0].lower() in lowered):
                continue
            towns = [p for p in small_towns().get(key, ()) if p.country == country]
            if towns:
                return i, towns[0]
        return None

    def _short_forms(self, text: str, tokens: _Words, claimed: list[bool],
                     mentions: list[Mention]) -> list[Mention]:
        """A town the text names in full ("Conil de la Frontera", "Mazara del Vallo") is
        also meant by the words before its first connector, written alone elsewhere in the
        same text ("Los alcaldes de Conil"). One pass over the words."""
        short: dict[tuple[str, ...], Mention] = {}
        for m in mentions:
            if m.kind != "city" or m.id is None:
                continue
            words = _TOKEN_SPLIT_RE.findall(m.text)
            cut = next((k for k, w in enumerate(words) if k and not _is_capitalised(w)
                        and name_key(w) in _NAME_INNER), 0)
            if not cut:
                continue
            head = tuple(name_key(w) for w in words[:cut])
            if (len(head) == 1 and (len(head[0]) < 4 or head[0] in COMMON_WORDS)) or (
                    " ".join(head) in self.gazetteer):
                continue  # "San", "Santa": too common; "Santa Cruz": a name of its own
            short.setdefault(head, m)
        if not short:
            return mentions
        firsts = {head[0] for head in short}
        added = []
        n = len(tokens)
        for i, key in enumerate(tokens.key):
            if key not in firsts or claimed[i] or not _is_capitalised(tokens.text[i]):
                continue
            for head, m in short.items():
                j = i + len(head)
                if (head[0] != key or j > n or any(claimed[i:j])
                        or tuple(tokens.key[i:j]) != head
                        or not all(_is_capitalised(w) for w in tokens.text[i:j])
                        or (j < n and tokens.sep[j - 1] == " "
                            and _is_capitalised(tokens.text[j]))):
                    continue
                start, end = tokens.start[i], tokens.end[j - 1]
                added.append(Mention(
                    text[start:end], start, end, "city", m.id, m.name, m.lon, m.lat,
                    f"short form of {m.text!r} named in the same text", entity=m.entity,
                    place=m.place, country=m.country))
                for k in range(i, j):
                    claimed[k] = True
                break
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda m: m.start)

    def _scan_catalogue(self, text: str, tokens: _Words,
                        claimed: list[bool]) -> list[_Raw]:
        """Catalogue names first, longest first at each word."""
        if not self.catalogue.by_key:
            return []
        found = []
        by_key, prefixes, heads = self.catalogue.by_key, self._cat_prefixes, self._cat_heads
        n = len(tokens)
        # only words that are a catalogue name or begin one can start one
        starts = {key for key in set(tokens.key) if key in by_key or key in heads}
        candidates = [i for i, key in enumerate(tokens.key) if key in starts]
        next_free = 0  # the first word after the last name found
        for i in candidates:
            if i < next_free:
                continue
            best = None
            key = tokens.key[i]
            j = i
            while True:
                entries = by_key.get(key)
                if entries:
                    cat = [(e, w) for e, w in entries
                           if self._catalogue_ok(text, tokens, i, j + 1, w)]
                    if cat:
                        best = _Raw(i, j + 1, tokens.start[i], tokens.end[j], "catalogue",
                                    key, catalogue=cat)
                if j + 1 >= n:
                    break
                sep = tokens.sep[j]
                if sep is None:
                    break
                key = key + sep + tokens.key[j + 1]
                if key not in prefixes:
                    break
                j += 1
            if best is None:
                continue
            found.append(best)
            for k in range(best.start_token, best.end_token):
                claimed[k] = True
            next_free = best.end_token
        return found

    def _us_state_towns(self, text: str, raws: list[_Raw]) -> list[_Raw]:
        """A town followed by a comma and a US state ("Atlanta, Georgia", "Paris, Texas")
        with a town of that name in that state (GeoNames admin1 code) is that town; the
        state is dropped as a mention ("Georgia" is also a country). "Baku, Georgia" has no
        Baku in the state of Georgia and is left alone."""
        states = us_states()
        # state names dropped, as (start, end) offsets: disjoint, and found in order
        dropped: list[tuple[int, int]] = []
        dropped_starts: list[int] = []

        def in_dropped(pos: int) -> bool:
            k = bisect_right(dropped_starts, pos) - 1
            return k >= 0 and pos < dropped[k][1]

        for raw in raws:
            if in_dropped(raw.start):
                continue
            entry = raw.catalogue[0][0] if raw.source == "catalogue" and raw.catalogue \
                else None
            if raw.source != "place" and (entry is None or entry.kind != "city"):
                continue
            m = _STATE_AFTER_RE.match(text, raw.end)
            if m is None:
                continue
            words = m.group(1)
            found = states.get(name_key(words))
            if found is None and " " in words:
                words = words.split(" ")[0]
                found = states.get(name_key(words))
            if found is None:
                continue
            code, state = found
            towns = tuple((p, prim) for p, prim in self._matches(raw.key)
                          if p.kind == "city" and p.country == "US" and p.admin1 == code)
            if entry is not None and entry.country == "US":
                towns = ()   # the catalogue's own US town stays as it is
            elif not towns:
                continue
            if towns:
                raw.source, raw.matches, raw.catalogue, raw.state = "place", towns, None, state
            span = (m.start(1), m.start(1) + len(words))
            k = bisect_right(dropped, span)
            dropped.insert(k, span)
            dropped_starts.insert(k, span[0])
        return [r for r in raws if not in_dropped(r.start)]

    def _recheck_catalogue_town(self, text: str, raw: _Raw, evidence: _Evidence) -> None:
        """A catalogue town followed by another country ("London, Canada" when the
        catalogue's London is in England) is left to the gazetteer to resolve."""
        if raw.source != "catalogue" or not raw.catalogue:
            return
        entry = raw.catalogue[0][0]
        if entry.kind != "city" or not self._matches(raw.key):
            return
        for off, iso, _said, _town in evidence.between(raw.end, raw.end + 3):
            if text[raw.end:off] in (", ", " (", ",") and iso != entry.country:
                raw.source = "place"
                raw.matches = self._matches(raw.key)
                raw.catalogue = None
                return

    def _country_evidence(self, text: str, tokens: _Words,
                          raws: list[_Raw]) -> list[tuple[int, str, str]]:
        """(offset, ISO code, what says so) for every country the text names: country
        names, country adjectives, and catalogue entities located in a country."""
        out: list[tuple[int, str, str]] = []
        for raw in raws:
            surface = text[raw.start:raw.end]
            if raw.source == "catalogue" and raw.catalogue:
                country = raw.catalogue[0][0].country
                if country:
                    out.append((raw.start, country,
                                f"{surface} (catalogue: {self._country_name(country)})"))
            elif raw.source == "demonym" and raw.demonym and len(raw.demonym[0]) == 2:
                out.append((raw.start, raw.demonym[0], surface))
            elif raw.source == "place":
                for place, primary in raw.matches:
                    if place.kind == "country" and primary and place.country:
                        out.append((raw.start, place.country, surface))
                        break
                else:
                    # a region or island of one country ("Hessen", "Sicilia") names it
                    for place, primary in raw.matches:
                        if place.kind in AREA_KINDS and primary and place.country:
                            out.append((raw.start, place.country,
                                        f"{surface} ({self._country_name(place.country)})"))
                            break
        return out

    def _resolve(self, text: str, tokens: _Words, raw: _Raw, evidence: _Evidence,
                 lowered: set[str], layout: _Layout, skip: int | None = None,
                 ) -> Mention | None:
        """The mention ``raw`` stands for, weighing the countries in ``evidence`` (but no
        town at offset ``skip``); ``None`` when it is no mention after all."""
        surface = text[raw.start:raw.end]
        if raw.source == "catalogue":
            return self._from_catalogue(raw, surface)
        if raw.source == "org":
            return Mention(surface, raw.start, raw.end, "organisation", None, None, None,
                           None, f"a capitalised name with the organisation word "
                           f"{raw.note!r}; not in the catalogue")
        if raw.source == "demonym":
            return self._from_demonym(raw, surface)
        return self._from_places(text, tokens, raw, surface, evidence, lowered, layout, skip)

    def _from_catalogue(self, raw: _Raw, surface: str) -> Mention:
        assert raw.catalogue
        entries = {e.id: (e, w) for e, w in raw.catalogue}
        entry, written = next(iter(entries.values()))
        reason = f"catalogue {entry.kind} {entry.id!r}: name or alias {written!r}"
        if len(entries) > 1:
            others = ", ".join(sorted(entries)[1:])
            reason += f" (also an alias of {others})"
        return Mention(surface, raw.start, raw.end, entry.kind, entry.id, entry.name,
                       entry.lon, entry.lat, reason, entity=entry.id, place=entry.place,
                       country=entry.country)

    def _with_catalogue(self, place: Place, surface: str, raw: _Raw, kind: str,
                        reason: str) -> Mention:
        entry = self.catalogue.by_place.get(place.id)
        if entry is not None:
            reason += f"; catalogue {entry.kind} {entry.id!r}"
            return Mention(surface, raw.start, raw.end, kind, entry.id, entry.name,
                           entry.lon, entry.lat, reason, entity=entry.id, place=place.id,
                           country=place.country)
        return Mention(surface, raw.start, raw.end, kind, place.id, place.name, place.lon,
                       place.lat, reason + "; not in the catalogue", place=place.id,
                       country=place.country)

    def _from_demonym(self, raw: _Raw, surface: str) -> Mention | None:
        assert raw.demonym
        target, lang, form = raw.demonym
        place = (self.gazetteer.country(target) if len(target) == 2
                 else self.gazetteer.get(target))
        if place is None:
            return None
        language = "French" if lang == "fr" else "English"
        reason = f"{language} adjective {form!r} of {place.name}"
        return self._with_catalogue(place, surface, raw, place.kind, reason)

    def _from_places(self, text: str, tokens: _Words, raw: _Raw, surface: str,
                     evidence: _Evidence, lowered: set[str], layout: _Layout,
                     skip: int | None) -> Mention | None:
        if self._glued_to_word(text, tokens, raw):
            return None
        via = f" ({raw.contraction})" if raw.contraction else ""
        single = raw.end_token - raw.start_token == 1 and not raw.contraction
        country_match, region_match, places, isos = self._candidates(raw)
        if country_match:
            place, primary = country_match
            if (single and raw.key in _GIVEN_NAMES
                    and self._followed_by_name(text, tokens, raw)):
                return None
            how = "name" if primary else "other name"
            return self._with_catalogue(place, surface, raw, "country",
                                        f"country {how} {surface!r}{via}")
        if region_match:
            place, _primary = region_match
            what = {"sea": "sea or strait"}.get(place.kind, place.kind)
            return self._with_catalogue(place, surface, raw, place.kind,
                                        f"{what} name {surface!r}{via}")

        # cities
        word = tokens.key[raw.start_token]
        initial = self._sentence_initial(text, raw.start) or layout.title_line(raw.start)
        if not places:
            return None
        if raw.state:
            top = places[0]
            return self._with_catalogue(top, surface, raw, "city",
                                        f"city {surface!r} followed by the US state "
                                        f"{raw.state!r}: {top.name}, {top.admin1}, US")
        if single:
            if word in COMMON_WORDS:
                return None
            if tokens.text[raw.start_token].lower() in lowered:
                return None  # the text uses the word in lower case: an ordinary word
            if self._inside_name(text, tokens, raw):
                return None
        # 1. a country named right after it, in the same paragraph, else anywhere in the
        # text (none of the three when the text names none of the towns' countries)
        named_somewhere = any(iso in evidence.isos for iso in isos)
        by_country = self._countries_near(raw.start, raw.end, text, evidence, layout,
                                          skip) if named_somewhere else []
        for scope, named in by_country:
            said_of = {iso: said for iso in isos if (said := named.get(iso)) is not None}
            if not said_of:
                continue
            supported = [p for p in places if p.country in said_of]
            top = supported[0]
            said = said_of[top.country]
            if scope != "right after it" and places[0].population > OUTWEIGH * top.population:
                break  # "Paris" with the United States named nearby is still Paris, France
            if len(supported) > 1 and supported[1].population * DOMINANCE > top.population:
                return self._unresolved(surface, raw, supported,
                                        f"{said} named {scope}")
            country = self._country_name(top.country)
            return self._with_catalogue(top, surface, raw, "city",
                                        f"city {surface!r}{via} in {country}: {said} "
                                        f"named {scope}")
        # 2. no country evidence: population must speak
        top = places[0]
        floor = MIN_INITIAL_POPULATION if initial else MIN_BARE_POPULATION
        if single and top.population < floor:
            return None
        others = [p for p in places[1:] if p.id != top.id]
        if others and others[0].population * DOMINANCE > top.population:
            return self._unresolved(surface, raw, places, "no country of theirs named")
        if others:
            why = (f"most populous of {len(places)} places named {surface!r}{via} "
                   f"({top.population:,} vs {others[0].population:,} in "
                   f"{others[0].country})")
        else:
            why = f"the only city named {surface!r}{via} (population {top.population:,})"
        return self._with_catalogue(top, surface, raw, "city", why)

    def _candidates(self, raw: _Raw) -> tuple[tuple[Place, bool] | None,
                                              tuple[Place, bool] | None,
                                              list[Place], list[str | None]]:
        """What a place name's matches come to, worked out once per name (the matches
        of a "place" span depend on its key alone, or with a US state on the state):
        the first country and region matched, the towns that may be meant (most
        populous first) and their countries (each once, in order)."""
        memo = (raw.key, raw.state)
        known = self._candidate_memo.get(memo)
        if known is not None:
            return known
        matches = raw.matches
        country_match = next(((p, prim) for p, prim in matches if p.kind == "country"),
                             None)
        region_match = next(((p, prim) for p, prim in matches if p.kind in AREA_KINDS),
                            None)
        if region_match is not None and region_match[0].kind != "region" and any(
                p.kind == "city" and prim and p.population >= MIN_ALTERNATE_POPULATION
                for p, prim in matches):
            region_match = None  # an island or a sea that is also a large town's own name
        cands: list[tuple[Place, bool]] = []
        for place, primary in matches:
            if place.kind != "city":
                continue
            if not primary and not self._alternate_ok(raw.key, place):
                continue
            cands.append((place, primary))
        # a town known by the name only as an alternate (Mashhad, once "Alexandria") does
        # not compete with one whose own name it is unless DOMINANCE times as populous, as
        # in Gazetteer.lookup
        own = [p for p, primary in cands if primary]
        if own:
            cands = [(p, primary) for p, primary in cands
                     if primary or p.population >= DOMINANCE * own[0].population]
        places = [p for p, _ in cands]
        isos = list(dict.fromkeys(p.country for p in places))
        known = self._candidate_memo[memo] = (country_match, region_match, places, isos)
        return known

    @staticmethod
    def _alternate_ok(key: str, place: Place) -> bool:
        """Whether a GeoNames alternate name (not the town's own) may stand for it:
        multi-word exonyms ("Città del Capo") of towns over 100,000 people; one-word ones
        for cities over a million ("Pékin") or that look like the town's own name
        ("Milano", "Bakou"), not stray labels ("Google" for Topeka)."""
        if place.population < MIN_ALTERNATE_POPULATION:
            return False
        if " " in key or place.population >= 1_000_000:
            return True
        own = name_key(place.name)
        return SequenceMatcher(None, key, own).ratio() >= 0.5

    def _unresolved(self, surface: str, raw: _Raw, places: Sequence[Place],
                    context: str) -> Mention:
        memo = (*(p.id for p in places[:4]), len(places))
        listed = self._listing_memo.get(memo)
        if listed is None:
            listed = ", ".join(f"{p.name} ({p.country}, {p.population:,})"
                               for p in places[:4])
            if len(places) > 4:
                listed += f" and {len(places) - 4} more"
            self._listing_memo[memo] = listed
        return Mention(surface, raw.start, raw.end, "city", None, None, None, None,
                       f"ambiguous: {listed}; {context}")

    def _country_name(self, iso: str | None) -> str:
        place = self.gazetteer.country(iso) if iso else None
        return place.name if place else str(iso)

    def _countries_near(self, pos: int, end: int, text: str, evidence: _Evidence,
                        layout: _Layout, skip: int | None,
                        ) -> list[tuple[str, dict[str, str] | _Scope]]:
        """Countries named right after the name (``"Valencia, Spain"``), in the paragraph
        around ``pos``, then in the whole text: look-ups ISO code -> the first words that
        name it (``.get``), leaving out a town at offset ``skip``."""
        a, b = layout.paragraph(pos)
        after: dict[str, str] = {}
        for off, iso, said, town in evidence.between(end, end + 3):
            if not (town and off == skip) and text[end:off] in (", ", " (", ","):
                after.setdefault(iso, said)
        return [("right after it", after),
                ("in the same paragraph", _Scope(evidence, a, b, skip)),
                ("in the text", _Scope(evidence, 0, len(text) + 1, skip))]

    def _glued_to_word(self, text: str, tokens: _Words, raw: _Raw) -> bool:
        """A name hyphenated to a word that is no place is part of a compound
        ("Trans-Caspian", "Pan-African"), unlike "Azerbaijan-Kazakhstan"."""
        k = raw.start_token
        if k == 0 or raw.contraction:
            return False
        if text[tokens.end[k - 1]:tokens.start[k]] not in ("-", "‑", "‐"):
            return False
        return not self._is_place_word(tokens.key[k - 1])

    @staticmethod
    def _followed_by_name(text: str, tokens: _Words, raw: _Raw) -> bool:
        k = raw.end_token
        return (k < len(tokens) and text[tokens.end[k - 1]:tokens.start[k]] == " "
                and _is_capitalised(tokens.text[k]))

    def _inside_name(self, text: str, tokens: _Words, raw: _Raw) -> bool:
        """A one-word town name glued to a capitalised word that is no place ("Elisabetta
        Romano", "Mr. Tan") belongs to a person's or a company's name."""
        k = raw.start_token
        if k > 0 and tokens.key[k - 1] in _PLACE_NOUNS:
            return False  # "im Stadtteil Griesheim": a noun of place, not a given name
        if k > 1 and tokens.key[k - 2] in _NOUN_ARTICLES and tokens.sep[k - 2] == " " and (
                not tokens.key[k - 1].endswith("er")):
            # "der Abschnitt Rostock-Gedser": an article, a noun, the town (not "der
            # Hanauer Landstraße": a town's adjective in "-er" opens a street's name)
            return False
        if k > 0:
            before, before_start = tokens.key[k - 1], tokens.start[k - 1]
            before_text = tokens.text[k - 1]
            sep = text[tokens.end[k - 1]:tokens.start[k]]
            if before in {"mr", "mrs", "ms", "dr", "m", "mme", "mlle", "sir"}:
                return True
            if sep == " " and _is_capitalised(before_text) and not self._sentence_initial(
                    text, before_start) and not self._is_place_word(before):
                return True
            if sep == " " and _is_capitalised(before_text) and self._sentence_initial(
                    text, before_start) and before not in _RUN_SKIP and not (
                    self._is_place_word(before)):
                return True
        k = raw.end_token
        if k < len(tokens):
            sep = text[tokens.end[k - 1]:tokens.start[k]]
            if sep == " " and _is_capitalised(tokens.text[k]) and _name_shaped(
                    tokens.text[k]) and not self._is_place_word(tokens.key[k]):
                return True  # a surname, not "Milan PoP", "Marseille MRS1"
            if (k + 1 < len(tokens) and sep == " " and tokens.key[k] in _NAME_LINKS
                    and text[tokens.end[k]:tokens.start[k + 1]] == " "
                    and _is_capitalised(tokens.text[k + 1])
                    and not self._is_place_word(tokens.key[k + 1])):
                return True  # "Praia do Futuro" (a beach), "Porto di Levante"
        return False

    def _is_place_word(self, key: str) -> bool:
        known = self._place_word_memo.get(key)
        if known is None:
            known = self._place_word_memo[key] = any(
                p.kind in ("country", *AREA_KINDS) or (prim and p.population >= 100_000)
                or (not prim and self._alternate_ok(key, p))  # "Genova", "Lisboa"
                for p, prim in self._matches(key))
        return known


#: Two towns hyphenated together this close (metres, geodesic) name one place: a district
#: or an airport town and its city ("Roma-Fiumicino", "Frankfurt-Griesheim"), not a segment
#: ("Marseille-Bizerte", "Lisboa-Porto").
NEIGHBOURS_M = 40_000.0


def _joined_neighbours(text: str, mentions: list[Mention]) -> list[Mention]:
    """Merge "A-B" where A and B are resolved towns of one country at most
    :data:`NEIGHBOURS_M` apart into one mention of B (the more specific place), named by
    the whole compound. One pass over the mentions, in order."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "city" and m.kind == "city"
                and prev.id and m.id and prev.id != m.id and prev.country == m.country
                and text[prev.end:m.start] in ("-", "‐", "‑")
                and None not in (prev.lon, prev.lat, m.lon, m.lat)
                and GEOD.inv(prev.lon, prev.lat, m.lon, m.lat)[2] <= NEIGHBOURS_M):
            out[-1] = Mention(
                text[prev.start:m.end], prev.start, m.end, "city", m.id, m.name, m.lon,
                m.lat, f"{m.text!r} joined to its neighbour {prev.text!r} (one place); "
                + m.reason, entity=m.entity, place=m.place, country=m.country)
            continue
        out.append(m)
    return out


def extract_mentions(text: str, catalog: Catalog | None = None,
                     gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Mentions of places and organisations in ``text`` (see :class:`Extractor`)."""
    return Extractor(catalog, gazetteer).extract(text)


# --------------------------------------------------------------------------- sentences

_BOUNDARY_RE = re.compile(
    r"(?<=[.!?»”\"])\s+(?=[«“\"A-ZÀ-Ý0-9])|\n\s*\n|\n(?=\s*[«“\"A-ZÀ-Ý0-9])")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, trimmed. A sentence ends at ``.!?`` (or
    a closing quote) followed by white space and a capital, at a blank line, at a line
    break before a capital (a headline), or at the ends of the text. The result is an
    exact excerpt of ``text``."""
    a, b = _sentence_span(text, start, end)
    return text[a:b]


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(a, b)`` such that ``text[a:b]`` is :func:`sentence_around`'s result.

    The start is the last boundary found in ``text[:start]`` (a boundary needs what
    follows it, so one right before ``start`` is not seen there), the end the first
    boundary at or after ``end``. Boundaries are found once per text
    (:func:`_boundaries`); only the white space right before ``start``, where the cut text
    may see other boundaries than the whole, is scanned again."""
    every, kept = _boundaries(text)
    # Matches that start before the white space ending at `start` look at nothing from
    # `start` on (a match, its look-ahead and its back-tracking stay within one run of
    # white space and the character after it), so they are the same in the cut text.
    w = start
    while w > 0 and text[w - 1].isspace():
        w -= 1
    a = 0
    k = bisect_left(kept[0], w)
    if k:
        a = kept[1][k - 1]
    for m in _BOUNDARY_RE.finditer(text, w, start):
        if not _after_abbreviation(text, m.start()):
            a = m.end()
    k = bisect_left(every[0], end) - 1
    if k >= 0 and every[1][k] > end:
        # a boundary spans `end` (only white space can): scan on from `end` as it is
        b = len(text)
        for m in _BOUNDARY_RE.finditer(text, end):
            if not _after_abbreviation(text, m.start()):
                b = m.start()
                break
    else:
        k = bisect_left(kept[0], end)
        b = kept[0][k] if k < len(kept[0]) else len(text)
    piece = text[a:b]
    left = len(piece) - len(piece.lstrip())
    return a + left, a + left + len(piece.strip())


@lru_cache(maxsize=8)
def _boundaries(text: str) -> tuple[tuple[list[int], list[int]], tuple[list[int], list[int]]]:
    """Sentence boundaries of ``text``: ``(starts, ends)`` of every match of the boundary
    pattern, and of those that do not follow an abbreviation ("Mr.")."""
    every: tuple[list[int], list[int]] = ([], [])
    kept: tuple[list[int], list[int]] = ([], [])
    for m in _BOUNDARY_RE.finditer(text):
        every[0].append(m.start())
        every[1].append(m.end())
        if not _after_abbreviation(text, m.start()):
            kept[0].append(m.start())
            kept[1].append(m.end())
    return every, kept


_ABBREVIATIONS = _words("""
    mr mrs ms dr prof st mt no nos inc ltd co corp jr sr vs etc e.g i.e u.s u.k m mme mlle
    gen col lt sgt rev av ave p pp vol fig jan feb mar apr jun jul aug sep sept oct nov dec
""")


def _after_abbreviation(text: str, pos: int) -> bool:
    """Whether the full stop ending just before ``pos`` closes an abbreviation ("Mr.")."""
    if pos == 0 or text[pos - 1] != ".":
        return False
    m = re.search(r"([\w.]+)\.$", text[max(0, pos - 12):pos])
    return bool(m) and m.group(1).casefold() in _ABBREVIATIONS


def unique_places(mentions: Iterable[Mention]) -> list[Mention]:
    """The first mention of each distinct id, in order (unresolved mentions dropped)."""
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.id is None or m.id in seen:
            continue
        seen.add(m.id)
        out.append(m)
    return out


# --------------------------------------------------------------------------- articles


@dataclass
class ArticleMentions:
    """The mentions found in one article. ``stem`` names the article (its file stem);
    ``in_seeds`` says whether it is an article of the workspace's ``seeds/``."""

    stem: str
    path: Path
    text: str
    mentions: list[Mention]
    in_seeds: bool = False


@dataclass
class Coverage:
    """What an article's mentions come to against the catalogue.

    ``mapped``: first mention of each catalogue entity; ``covered``: cities and countries the
    catalogue does not name but already places something in (see :func:`covered_by`);
    ``lacking``: first mention of each city or country the catalogue does not hold at all;
    ``regions``: regions (the catalogue keeps none); ``unresolved``: mentions with no id
    (unknown organisations, ambiguous towns).
    """

    mapped: list[Mention]
    lacking: list[Mention]
    regions: list[Mention]
    unresolved: list[Mention]
    covered: list[Mention] = field(default_factory=list)


#: A city is covered by a catalogued site known to the city (or better) this close, metres.
CITY_COVER_M = 30_000.0


def covered_by(catalog: Catalog, mention: Mention) -> str | None:
    """The id of a catalogue site that already stands for a city or country the catalogue
    does not name: for a country, any site in that country (``country`` field); for a city,
    a site positioned to city precision or better within :data:`CITY_COVER_M` metres
    (geodesic, WGS84). ``None`` when the catalogue has nothing there."""
    if mention.kind == "country" and mention.country:
        for site in catalog.sites.values():
            if site.country == mention.country:
                return site.id
    if mention.kind == "city" and mention.lon is not None and mention.lat is not None:
        for site_id in catalog.sites:
            if catalog.site_precision(site_id) == "country":
                continue
            lon, lat = catalog.site_position(site_id)
            if GEOD.inv(mention.lon, mention.lat, lon, lat)[2] <= CITY_COVER_M:
                return site_id
    return None


def coverage(mentions: Iterable[Mention], catalog: Catalog | None = None) -> Coverage:
    """Sort mentions into mapped, covered, lacking, regions and unresolved
    (see :class:`Coverage`); without ``catalog`` nothing counts as covered."""
    mentions = list(mentions)
    mapped = unique_places(m for m in mentions if m.entity is not None)
    places = unique_places(m for m in mentions
                           if m.entity is None and m.kind in ("city", "country"))
    covered = [m for m in places if catalog is not None and covered_by(catalog, m)]
    covered_set = set(covered)  # mentions are frozen: a set, not a pass over a list
    lacking = [m for m in places if m not in covered_set]
    regions = unique_places(m for m in mentions if m.entity is None and m.kind in AREA_KINDS)
    unresolved = [m for m in mentions if m.id is None]
    return Coverage(mapped, lacking, regions, unresolved, covered)


def resolve_article(arg: str, seeds: Path) -> Path:
    """An ARTICLE argument as a file: a path, else a stem (or file name) in ``seeds``.

    Raises :class:`InputError` naming ``arg`` when neither exists.
    """
    path = Path(arg)
    if path.is_file():
        return path
    for candidate in (seeds / arg, seeds / f"{arg}.txt"):
        if candidate.is_file():
            return candidate
    if path.is_dir():
        raise InputError(f"{arg}: is a folder, not an article")
    raise InputError(f"{arg}: no such file, and no article {arg!r} in {seeds}")


def read_article(path: Path) -> str:
    """An article's text; :class:`InputError` naming the file if it is empty, binary, not
    UTF-8 or unreadable."""
    try:
        return read_article_text(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the article: {exc.strerror}") from None
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None


def extract_article(extractor: Extractor, path: Path, seeds: Path | None = None,
                    ) -> ArticleMentions:
    """Read one article and extract its mentions (:class:`InputError` if unreadable)."""
    text = read_article(path)
    in_seeds = False
    if seeds is not None:
        try:
            in_seeds = path.resolve().parent == seeds.resolve() and path.suffix == ".txt"
        except OSError:
            in_seeds = False
    return ArticleMentions(path.stem, path, text, extractor.extract(text), in_seeds)


def workspace_extractor(root: str | os.PathLike[str]) -> tuple[Extractor, Catalog, list]:
    """An :class:`Extractor` over the workspace's catalogue, whatever of it validates.

    Returns ``(extractor, catalogue, problems)``: the catalogue may be partial when there
    are problems (``geo check`` lists them); the extractor then knows fewer names.
    """
    from geo.catalog import read_workspace
    from geo.workspace import Workspace

    cat, problems = read_workspace(Workspace.at(root))
    return Extractor(cat), cat, problems


def missing_places(cat: Catalog) -> list[tuple[str, Mention]]:
    """``(article stem, first mention)`` of each city or country that an article of the
    catalogue's workspace (``cat.articles``, already read) mentions and the catalogue lacks,
    by article then offset."""
    extractor = Extractor(cat)
    out = []
    for stem, article in sorted(cat.articles.items()):
        for m in coverage(extractor.extract(article.text), cat).lacking:
            out.append((stem, m))
    return out


# --------------------------------------------------------------------------- suggestions


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "place"


#: A drafted quote is the mention's sentence, cut to the whole words within half this many
#: characters either side of the mention when the sentence is longer (a text with no
#: sentence ends would otherwise be quoted whole for every place it names).
MAX_QUOTE_CHARS = 2_000


def _quote(text: str, m: Mention) -> str:
    """The quote for a draft entry: the sentence around ``m`` (:func:`sentence_around`),
    at most about :data:`MAX_QUOTE_CHARS` characters of it; ``m.text`` if it would not be
    found in the article after folding white space (never, but checked)."""
    a, b = _sentence_span(text, m.start, m.end)
    if b - a > MAX_QUOTE_CHARS:
        a, b = _words_around(text, m.start, m.end, a, b, MAX_QUOTE_CHARS // 2)
    quote = text[a:b]
    # The quote widened to white space (or the ends of the text) folds to a piece of the
    # folded text (no white space composes under NFC), so looking for the quote there
    # answers the question without folding the whole article per quote.
    wa, wb = a, b
    while wa > 0 and not text[wa - 1].isspace():
        wa -= 1
    while wb < len(text) and not text[wb].isspace():
        wb += 1
    folded = fold(quote)
    if folded not in fold(text[wa:wb]) and folded not in fold(text):  # pragma: no cover
        quote = m.text
    return quote


def _words_around(text: str, start: int, end: int, a: int, b: int,
                  reach: int) -> tuple[int, int]:
    """The whole words of ``text[a:b]`` within ``reach`` characters of ``text[start:end]``
    (the mention itself always kept), without white space at either end."""
    lo = max(a, start - reach)
    if lo > a:
        while lo < start and not text[lo - 1].isspace():
            lo += 1  # to the start of a word
    hi = min(b, end + reach)
    if hi < b:
        while hi > end and not text[hi].isspace():
            hi -= 1  # to the end of a word
    piece = text[lo:hi]
    left = len(piece) - len(piece.lstrip())
    return lo + left, lo + left + len(piece.strip())


def suggest_entries(results: Sequence[ArticleMentions], catalog: Catalog | None,
                    gazetteer: Gazetteer | None = None) -> str:
    """Draft ``[[site]]`` tables (the format of ``data/sites.toml``) for every city and
    country the articles mention and the catalogue lacks: id, name, kind, country, lon/lat
    (WGS84 degrees; a country at its capital), precision, one source per article quoting
    the sentence of its first mention there, and the GeoNames reference. For a person to
    review; an empty string when nothing is missing."""
    gazetteer = gazetteer or default_gazetteer()
    taken = set()
    if catalog is not None:
        taken = {entity.id for _kind, entity in catalog.entities()}
    places: dict[str, list[tuple[ArticleMentions, Mention]]] = {}
    for result in results:
        for m in coverage(result.mentions, catalog).lacking:
            assert m.place is not None
            places.setdefault(m.place, []).append((result, m))
    blocks = []
    for place_id, seen in places.items():
        place = gazetteer.get(place_id)
        if place is None:
            continue
        eid = _slug(place.name)
        for candidate in (eid, f"{eid}-{(place.country or '').lower()}",
                          f"{eid}-{place.geonameid}"):
            if candidate not in taken:
                eid = candidate
                break
        taken.add(eid)
        blocks.append(_site_block(eid, place, seen, gazetteer))
    if not blocks:
        return ""
    head = ("# Draft entries from `geo extract --suggest` for places the catalogue lacks.\n"
            "# Review each (position, precision, quote) before adding it to data/sites.toml.\n")
    return head + "\n".join(blocks)


def _site_block(eid: str, place: Place, seen: list[tuple[ArticleMentions, Mention]],
                gazetteer: Gazetteer) -> str:
    lines = []
    mentioned = ", ".join(f"{r.stem} ({m.text!r} at {m.start})" for r, m in seen)
    lines.append(f"# {place.name}: mentioned in {mentioned}")
    outside = sorted({r.stem for r, _m in seen if not r.in_seeds})
    if outside:
        lines.append(f"# not in seeds/: {', '.join(outside)}; add the article(s) there "
                     "with their metadata before this entry")
    lines += [
        "[[site]]",
        f"id = {toml_string(eid)}",
        f"name = {toml_string(place.name)}",
        f"kind = {toml_string(place.kind)}",
        f"country = {toml_string(place.country or '')}",
        f"lon = {place.lon!r}",
        f"lat = {place.lat!r}",
        f"precision = {toml_string('country' if place.kind == 'country' else 'city')}",
    ]
    anchor = gazetteer.get(place.anchor) if place.anchor else None
    if place.kind == "country" and anchor is not None:
        notes = f"Stands for the country; drawn at its capital, {anchor.name}."
        lines.append(f"notes = {toml_string(notes)}")
    done = set()
    for result, m in seen:
        if result.stem in done:
            continue
        done.add(result.stem)
        lines += ["", "[[site.sources]]", f"article = {toml_string(result.stem)}",
                  f"quote = {toml_string(_quote(result.text, m))}"]
    if place.kind == "country" and anchor is not None:
        note = (f"{place.name} in GeoNames; drawn at the position of its capital, "
                f"{anchor.name} ({anchor.id}).")
    else:
        note = f"Position of {place.name} (GeoNames, population {place.population:,})."
    lines += ["", "[[site.sources]]", f"reference = {toml_string(place.id)}",
              f"note = {toml_string(note)}", ""]
    return "\n".join(lines)
