"""The catalogue's entities as names a text may mention, beside the gazetteer's places.

:class:`CatalogueNames` indexes organisations, sites, routes and corridors by
:func:`geo.text.name_key`, and the city and country sites by the gazetteer place they stand
for. Positions are WGS84 degrees, longitude first.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from geo.gazetteer.index import Gazetteer, key_prefixes
from geo.text import name_key

if TYPE_CHECKING:
    from geo.catalog import Catalog

__all__ = ["CatalogueEntry", "CatalogueNames"]



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
