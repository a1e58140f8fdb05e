"""First-level subdivisions of every country (ISO 3166-2: states, provinces, regions...)
as gazetteer regions, from the ``pycountry`` package (Debian's iso-codes data and its
translations), each at a representative point read from ``geo/data/subdivisions.json``.

:func:`subdivision_places` gives ``(place, primary names, ())`` rows of kind ``region``
for :func:`geo.gazetteer.sources.geonames_places`. Names: the ISO name ("Niederösterreich",
"Wallonne, Région" read as "Région wallonne"), its forms in the iso-codes translations into
German, French, Spanish, Italian and Portuguese ("Basse-Autriche"), and GeoNames' English
name of the same first-order division where the points file gives one ("Lower Austria").

A name is left out (see :func:`usable_name`) when it is shorter than
:data:`MIN_NAME_LETTERS` letters, one generic word (:data:`GENERIC_WORDS`: "Central",
"Centre", "Nord", "Lakes", "Littoral") or ordinary word (:data:`COMMON_WORDS`: "Para" but
not "Pará", "Meta"), only words of direction (:data:`DIRECTION_WORDS`: "North-West",
"Centre-Est"; "Western Cape" stays), lower-case, not in Latin script, or already a
name of a town of :data:`TOWN_POPULATION` people or more (the town is meant: "Salzburg",
"Puebla"; as islands and seas yield to such towns in :mod:`geo.extract`), of a country or
of another area of the gazetteer. A subdivision whose own name is one of these is left out
whole, as is one with no point (the points file has none for it). :mod:`geo.extract` has
a subdivision yield to a smaller town of its own country of the same name ("Faro").
"""

from __future__ import annotations

import gettext
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from importlib import resources

from geo.gazetteer.place import Place
from geo.text import name_key

__all__ = [
    "COMMON_WORDS",
    "DIRECTION_WORDS",
    "GENERIC_WORDS",
    "MIN_NAME_LETTERS",
    "SUBDIVISIONS_FILE",
    "SUBDIVISION_ID_PREFIX",
    "SUBDIVISION_LANGUAGES",
    "TOWN_POPULATION",
    "subdivision_names",
    "subdivision_places",
    "usable_name",
]

#: Representative points of the subdivisions (``geo/data``; see ``PROVENANCE.md``).
SUBDIVISIONS_FILE = "subdivisions.json"
#: Ids of the subdivisions' places begin so (``"region:iso-AT-3"``).
SUBDIVISION_ID_PREFIX = "region:iso-"
#: Languages of the iso-codes translations read (the ISO name itself comes first).
SUBDIVISION_LANGUAGES = ("de", "fr", "es", "it", "pt")
#: A name needs at least this many letters ("Goa", "Edo" are too easily something else).
MIN_NAME_LETTERS = 4
#: A name that is also the own name (or an indexed other name) of a town this populous is
#: left to the town: the gazetteer's cut for other names, at which islands and seas yield.
TOWN_POPULATION = 100_000

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words of direction and position in the six languages (name keys: no accents): a name
#: made of these alone ("North-West", "Centre-Est", "Alto Sul") is no name.
DIRECTION_WORDS = _words("""
    north south east west northern southern eastern western central centre center middle
    northeast northwest southeast southwest
    nord sud est ouest septentrional septentrionale meridional meridionale oriental orientale
    occidental occidentale centrale centrali centro norte sur sul oeste leste este
    nordeste noroeste sudeste sureste suroeste sudoeste
    ovest nordoccidentale nordorientale sudoccidentale sudorientale
    ost sued mitte mittel nordost nordwest sudost sudwest suedost suedwest
    upper lower greater inner outer high haut haute bas basse alto alta bajo baja
    the of and la le les de du des del della di da do dos das y e et und der die
""")

#: Words that say where or what, not which, in the six languages: a name of one of these
#: ("Central", "Centre", "Nord", "Sud", "Lakes", "Littoral", "Delta") is no name.
GENERIC_WORDS = DIRECTION_WORDS | _words("""
    capital capitale federal federale district distrito distretto region regione regiao
    province provincia provinz state etat estado stato land territory territoire territorio
    city ville ciudad cidade citta stadt municipality
    coast coastal cote costa kuste littoral litoral lake lakes lac lacs lago lagos see seen
    river rivers riviere rio fluss island islands ile iles isla islas isola isole ilha ilhas
    insel inseln mountain mountains montagne montagnes montana montanas montagna monti
    berg berge plateau plateaux highlands lowlands plains plaine plaines savanes savannes
    valley vallee valle tal delta cape cap cabo capo kap bay baie bahia golfe golfo gulf
    sea mer mar mare meer ocean oceano atlantic atlantique atlantico pacific pacifique
    pacifico caribbean caraibes caribe forest foret bosque foresta wald
""")

#: Ordinary words of the six languages that iso-codes also lists as a subdivision's name
#: ("Para" for Suriname's Para, "Meta", "Marche", "Volta", "Lugar", "Pool"; "Atlántida",
#: Atlantis, a name cables and projects take), case-folded
#: with their accents (a name is compared as written: "Pará" is not "para"); checked against
#: word frequencies (wordfreq) when the list was made: see ``geo/data/PROVENANCE.md``.
COMMON_WORDS = _words("""
    para volta lugar debe marche marcas marken grad penal paro pool meta mono alba unité
    unite unity maritime colline collines cordillera valga portuguesa valenciana fier
    príncipe atua hauptstadt atlántida atlântida
""")

_LETTER_RE = re.compile(r"[^\W\d_]")
_LATIN_RE = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’ .\-]+$")
_WORD_SPLIT_RE = re.compile(r"[\s\-’']+")
_BRACKET_RE = re.compile(r"^(?P<name>.*?)\s*\[(?P<other>.*)\]\s*$")
_PARENTHESES_RE = re.compile(r"\s*\([^)]*\)\s*")
_CODE_TAIL_RE = re.compile(r"\s*\b[A-Z]{2}-\w+$")


def subdivision_names(iso_name: str) -> list[str]:
    """The names one iso-codes name stands for, the name itself first: ``"Wales [Cymru
    GB-CYM]"`` -> Wales, Cymru; ``"Madrid, Comunidad de"`` -> "Comunidad de Madrid" (not
    the head alone, often an adjective: "Valenciana, Comunidad"); ``"Guyane (française)"``
    -> Guyane; ``"Elgeyo/Marakwet"`` -> both; a trailing dagger (a former name) dropped."""
    out: list[str] = []
    other = ""
    name = iso_name.replace("\u2020", "").strip()
    bracket = _BRACKET_RE.match(name)
    if bracket:
        name = bracket.group("name")
        other = _CODE_TAIL_RE.sub("", bracket.group("other")).strip()
    name = _PARENTHESES_RE.sub(" ", name).strip()
    for part in name.split("/"):
        part = " ".join(part.split())
        if ", " in part:
            head, _, tail = part.partition(", ")
            out.append(f"{tail} {head}")  # not the head alone: "Valenciana", "wallonne"
        elif part:
            out.append(part)
    if other:
        out.append(other)
    return out


def usable_name(name: str, taken: Mapping[str, int]) -> bool:
    """Whether ``name`` may stand for a subdivision: Latin script, capitalised, at least
    :data:`MIN_NAME_LETTERS` letters, not one generic word nor only words of direction,
    and its key not in ``taken``
    (name key -> largest population of a town known by it; -1 for a country's or another
    area's name) with a population of :data:`TOWN_POPULATION` or more, or -1."""
    if not _LATIN_RE.match(name) or not name[:1].isupper():
        return False
    if len(_LETTER_RE.findall(name)) < MIN_NAME_LETTERS:
        return False
    key = name_key(name)
    words = [word for word in _WORD_SPLIT_RE.split(key) if word]
    if name.casefold() in COMMON_WORDS or (len(words) == 1 and words[0] in GENERIC_WORDS):
        return False
    if all(word in DIRECTION_WORDS for word in words):
        return False
    population = taken.get(key)
    return population is None or not (population < 0 or population >= TOWN_POPULATION)


def _translations():
    import pycountry

    return [gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang],
                                fallback=True)
            for lang in SUBDIVISION_LANGUAGES]


def _points() -> dict[str, dict]:
    data = resources.files("geo").joinpath("data", SUBDIVISIONS_FILE)
    with data.open("rb") as fh:
        return {row["code"]: row for row in json.load(fh)}


def subdivision_places(taken: Mapping[str, int],
                       regions: Mapping[str, str | None] | None = None,
                       ) -> list[tuple[Place, tuple[str, ...], tuple[()]]]:
    """The first-level subdivisions (``parent_code`` is none) that have a point and a
    usable name (:func:`usable_name` against ``taken``), as ``(place, names, ())``; the
    place's id is ``"region:iso-<code>"`` (``"region:iso-AT-3"``), its ``name`` the first
    usable name, its position the points file's (WGS84 degrees), population 0. None when
    ``pycountry`` is not installed (a dependency of geo: a broken installation).

    ``regions`` (name key -> country) are the gazetteer's own regions of one country: a
    subdivision one of them names already ("Emilia-Romagna") adds only the names they lack
    ("Emilia Romagna"), at its own point; one whose name is another place's is left out."""
    try:
        import pycountry
    except ImportError:
        return []

    translations = _translations()
    points = _points()
    found: list[tuple[Place, list[str]]] = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        point = points.get(sub.code)
        if point is None:
            continue
        own = subdivision_names(sub.name)
        # a subdivision named as a country, a large town or another area is: left out
        # whole (its translations would name them too)
        regions = regions or {}
        if not any(usable_name(n, {}) for n in own) or any(
                not usable_name(n, taken) for n in own
                if usable_name(n, {})
                and regions.get(name_key(n), "") != sub.country_code):
            continue
        forms = list(own)
        for translation in translations:
            translated = translation.gettext(sub.name)
            if translated != sub.name:
                forms += subdivision_names(translated)
        if point.get("geonames"):
            forms += subdivision_names(point["geonames"])
        forms += [n.replace("-", " ") for n in forms if "-" in n]  # "Emilia Romagna"
        names = _unique(n for n in forms if usable_name(n, taken))
        if names:
            found.append((Place(id=f"{SUBDIVISION_ID_PREFIX}{sub.code}", name=names[0],
                                lon=float(point["lon"]), lat=float(point["lat"]),
                                country=sub.country_code, kind="region", population=0),
                          names))
    # a name two subdivisions of one country share (a translation gone wrong) is neither's
    shared = Counter((place.country, name_key(name)) for place, names in found
                     for name in names)
    out: list[tuple[Place, tuple[str, ...], tuple[()]]] = []
    for place, names in found:
        if shared[(place.country, name_key(place.name))] > 1:
            continue
        out.append((place, tuple(n for n in names[1:]
                                 if shared[(place.country, name_key(n))] == 1), ()))
    out.sort(key=lambda row: row[0].id)
    return out


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name_key(name), name)
    return list(seen.values())
