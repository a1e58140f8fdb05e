"""A place of the gazetteer: its id, name, WGS84 position, country, kind and population."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "Place"]

KINDS = ("city", "country", "region", "island", "sea")


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
