"""What mentions come to against the catalogue: mapped, covered, lacking, regions and
unresolved (:func:`coverage`), and the places a workspace's articles mention that its
catalogue lacks (:func:`missing_places`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geo.extract.extractor import Extractor
from geo.extract.mention import Mention
from geo.extract.vocabulary import AREA_KINDS
from geo.geodesy import GEOD

if TYPE_CHECKING:
    from geo.catalog import Catalog


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
