"""The catalogue's schema: one model per kind of entity.

The catalogue is hand-edited, so the schema must reject unknown fields (a typo such as
``lattitude`` is an error, not a silently ignored key), coerce nothing surprising (strict
numbers and strings) and report *where* a value is wrong. :mod:`geo.validation` gives all three
declaratively, with an error location per field that :mod:`geo.catalog` turns into
``FILE: ENTITY_ID: FIELD: message`` lines. (geo used pydantic for this until issue 16:
importing it cost every command more than the rest of geo; the messages are the same.)

Cross-entity rules (ids that resolve, quotes present in their article) are not here: they
need the whole workspace and live in :mod:`geo.catalog`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from geo.names import LAYER_BY_NAME, MEDIA
from geo.text import text_problem
from geo.validation import (
    Field,
    Model,
    ValidationError,
    before,
    boolean,
    either,
    integer,
    list_of,
    model,
    number,
    one_of,
    optional,
    text,
)

__all__ = [
    "KINDS",
    "Agreement",
    "Article",
    "Corridor",
    "Entity",
    "Figure",
    "Organisation",
    "Route",
    "Segment",
    "Site",
    "Source",
    "ValidationError",
    "validate_date",
]

#: kebab-case identifiers: lower-case ASCII words joined by single hyphens.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: A day, a month or a year (ISO 8601 reduced precision).
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


def _text_rule(*, allow_bidi: bool = False,
               allow_blank: bool = False) -> Callable[[str], str]:
    """A rule refusing what :func:`geo.text.text_problem` refuses (one rule for every text
    field). Blank text matters most in quotes: one folds to "", which every article contains,
    so the quote check would pass without quoting anything."""

    def check(value: str) -> str:
        problem = text_problem(value, allow_bidi=allow_bidi, allow_blank=allow_blank)
        if problem is not None:
            raise ValueError(problem)
        return value

    return check


Id = text(pattern=ID_PATTERN, min_length=1, max_length=80)
#: Text (names, aliases, notes, references, titles...): not blank (something other than white
#: space and zero-width characters), no control characters, no bidirectional controls
#: (:func:`geo.text.text_problem`).
Text = text(min_length=1, rule=_text_rule())
#: A quote: as :data:`Text`, but bidirectional controls are kept (its article may hold them).
QuoteText = text(min_length=1, rule=_text_rule(allow_bidi=True))
#: An article's stem as a source names it: no control characters.
Stem = text(rule=_text_rule(allow_blank=True))
Longitude = number(ge=-180.0, le=180.0)
Latitude = number(ge=-90.0, le=90.0)
CountryCode = text(pattern=r"^[A-Z]{2}$")

#: What state a thing is in; ``under-construction`` is drawn dashed like ``planned``.
STATUSES = ("operational", "under-construction", "planned", "proposed", "unknown")
PRECISIONS = ("site", "district", "city", "country")

#: Site kinds: ``exchange`` (a telephone exchange or central office), ``ixp`` (an internet
#: exchange point), ``facility`` (any other named building or park).
SITE_KINDS = ("data-centre", "pop", "cable-landing", "exchange", "ixp", "facility",
              "headquarters", "event-venue", "city", "country", "project", "node")
#: Route kinds: ``unspecified`` is a cable the text does not say is submarine or terrestrial.
ROUTE_KINDS = ("submarine-cable", "terrestrial-backbone", "backbone", "unspecified")
#: Organisation kinds: ``unspecified`` where the text does not say what it is.
ORGANISATION_KINDS = ("operator", "vendor", "holding", "other", "unspecified")
AGREEMENT_KINDS = ("partnership", "memorandum", "cooperation", "contract", "acquisition",
                   "other")


def validate_date(value: str | None) -> str | None:
    """Check an ISO 8601 day (``2022-09-30``), month (``2018-05``) or year (``2022``)."""
    if value is None:
        return None
    m = DATE_PATTERN.match(value)
    if not m:
        raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = (int(g) if g else None for g in m.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} out of range in {value!r}")
    if day is not None:
        import calendar

        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"day {day} out of range in {value!r}")
    return value


def _date_rule(value: str | None, _earlier: Mapping[str, Any]) -> str | None:
    return validate_date(value)


#: An optional date field: an ISO 8601 day, month or year.
def _date_field() -> Field:
    return Field(optional(text()), None, rules=(_date_rule,))


class Source(Model):
    """Where a fact comes from.

    Either ``article`` (a file stem in ``seeds/``) with ``quote``, an exact excerpt of that
    article compared after folding white space; or ``reference`` for a fact no article states
    (e.g. ``geonames:1526273``), with a ``note`` saying what it supports and why.
    """

    article: str | None = Field(optional(Stem), None)
    quote: str | None = Field(optional(QuoteText), None)
    reference: str | None = Field(optional(Text), None)
    note: str | None = Field(optional(Text), None)

    def check_whole(self) -> None:
        if self.article is not None or self.quote is not None:
            if self.article is None or self.quote is None:
                raise ValueError("an article source needs both 'article' and 'quote'")
            if self.reference is not None:
                raise ValueError("give either 'article' and 'quote', or 'reference', not both")
        elif self.reference is None:
            raise ValueError("a source needs 'article' and 'quote', or 'reference'")

    @property
    def is_article(self) -> bool:
        return self.article is not None


Sources = list_of(model(Source), min_length=1)


def _distinct_aliases(value: list[str], earlier: Mapping[str, Any]) -> list[str]:
    seen = {str(earlier.get("name", "")).casefold()}
    for i, alias in enumerate(value):
        if alias.casefold() in seen:
            raise ValueError(f"alias {i} {alias!r} repeats the name or another alias")
        seen.add(alias.casefold())
    return value


class Entity(Model):
    """Fields every catalogue entity has."""

    id: str = Field(Id)
    name: str = Field(Text)
    aliases: list[str] = Field(list_of(Text), [], rules=(_distinct_aliases,))
    sources: list[Source] = Field(Sources)
    notes: str | None = Field(optional(Text), None)


class Article(Model):
    """Metadata of one article in ``seeds/`` (the sidecar ``<stem>.toml``)."""

    title: str | None = Field(optional(Text), None)
    publisher: str | None = Field(optional(Text), None)
    date: str | None = _date_field()
    language: str = Field(text(pattern=r"^[a-z]{2,3}$"))
    url: str | None = Field(optional(Text), None)
    notes: str | None = Field(optional(Text), None)


class Organisation(Entity):
    """An operator, vendor or holding. ``country``: ISO 3166-1 alpha-2.

    ``country`` and ``headquarters`` (a site id) only where an article or a reference gives
    them: an organisation without ``headquarters`` has no position (its feature in the
    ``organisations`` layer has a null geometry, and the map does not draw it)."""

    kind: str = Field(one_of(ORGANISATION_KINDS))
    country: str | None = Field(optional(CountryCode), None)
    headquarters: str | None = Field(optional(Id), None)
    parent: str | None = Field(optional(Id), None)


def _ends_after_start(value: str | None, earlier: Mapping[str, Any]) -> str | None:
    start = earlier.get("start_date")
    if value is not None and start is not None:
        n = min(len(value), len(start))  # compare at the coarser of the two precisions
        if value[:n] < start[:n]:
            raise ValueError(f"{value!r} is before start_date {start!r}")
    return value


class Site(Entity):
    """A point. Coordinates are WGS84 ``lon``/``lat`` in degrees, or inherited from ``host``.

    ``precision`` says how exactly the point is known: ``site`` (the building), ``district``,
    ``city`` (only the town is known) or ``country`` (only the country; the point stands for
    it). A site inside another (a PoP in a data centre) names it as ``host``.
    """

    kind: str = Field(one_of(SITE_KINDS))
    lon: float | None = Field(optional(Longitude), None)
    lat: float | None = Field(optional(Latitude), None)
    precision: str | None = Field(optional(one_of(PRECISIONS)), None)
    country: str | None = Field(optional(CountryCode), None)
    host: str | None = Field(optional(Id), None)
    operator: str | None = Field(optional(Id), None)
    status: str | None = Field(optional(one_of(STATUSES)), None)
    start_date: str | None = _date_field()
    end_date: str | None = Field(optional(text()), None,
                                 rules=(_date_rule, _ends_after_start))

    def check_whole(self) -> None:
        if self.host is None:
            if self.lon is None or self.lat is None:
                raise ValueError("a site needs 'lon' and 'lat', or a 'host' site")
            if self.precision is None:
                raise ValueError("a site with coordinates needs 'precision'")
        elif self.lon is not None or self.lat is not None:
            raise ValueError("a hosted site takes its coordinates from 'host': drop lon/lat")
        elif self.precision is not None:
            # its position is its host's, so it cannot be known better (or worse) than that
            raise ValueError("a hosted site takes its precision from 'host': drop precision")


def _waypoint_numbers(value: Any) -> Any:
    """Said here, once, of the whole list: the id|position union would report "should be a
    valid string" for a position of the wrong shape. Whole numbers become floats."""
    if not isinstance(value, list):
        return value
    for i, w in enumerate(value):
        if isinstance(w, list) and (len(w) != 2 or not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in w)):
            raise ValueError(f"waypoint {i}: a position is [lon, lat], two numbers "
                             f"(WGS84 degrees); got {w!r}")
    return [[float(v) for v in w] if isinstance(w, list) else w for w in value]


def _waypoint_ranges(value: list[Any], _earlier: Mapping[str, Any]) -> list[Any]:
    for i, w in enumerate(value):
        if i and w == value[i - 1]:
            raise ValueError(f"waypoint {i} repeats waypoint {i - 1} (a leg of no length)")
        if isinstance(w, list):
            lon, lat = w
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise ValueError(
                    f"waypoint {i}: [{lon}, {lat}] is not a WGS84 [lon, lat] position"
                )
    return value


#: A waypoint: a site id, or a ``[lon, lat]`` position (two numbers: checked before).
Waypoint = either(Id, list_of(number(), min_length=2, max_length=2),
                  second_if=lambda w: isinstance(w, list))


class Segment(Model):
    """A run of a route between waypoints: site ids or ``[lon, lat]`` positions (WGS84
    degrees, longitude first, RFC 7946 §3.1.1 order); ``medium`` says what it runs through."""

    medium: str = Field(one_of(MEDIA))
    waypoints: list[str | list[float]] = Field(
        before(_waypoint_numbers, list_of(Waypoint, min_length=2)), rules=(_waypoint_ranges,))
    notes: str | None = Field(optional(Text), None)


#: The units each published quantity may be given in: a ``length`` in metres or kilometres,
#: a ``capacity`` in bits per second (SI prefixes), ``fibre-pairs`` as a count of pairs, and
#: ``ready-for-service`` as a year (the value is the year).
FIGURE_UNITS = {"length": ("m", "km"), "capacity": ("Tbps", "Gbps"),
                "fibre-pairs": ("pairs",), "ready-for-service": ("year",)}
FIGURE_QUANTITIES = tuple(FIGURE_UNITS)
FIGURE_UNIT_NAMES = tuple(u for units in FIGURE_UNITS.values() for u in units)
#: Quantities whose value is a whole number (a count, a year).
WHOLE_QUANTITIES = frozenset({"fibre-pairs", "ready-for-service"})
#: The years a figure may name (its ``year``, a ``ready-for-service`` value): four digits.
Year = integer(ge=1000, le=9999)


class Figure(Model):
    """A published figure with its own source: a ``length`` in ``m`` or ``km``, a
    ``capacity`` in ``Tbps`` or ``Gbps`` (bits per second, SI prefixes), ``fibre-pairs``
    (``pairs``, a whole number) or ``ready-for-service`` (``year``: the value is a year).

    ``year``, optional: the year the figure was stated for (a capacity "in 2023")."""

    quantity: str = Field(one_of(FIGURE_QUANTITIES))
    value: float = Field(number(gt=0))
    unit: str = Field(one_of(FIGURE_UNIT_NAMES))
    year: int | None = Field(optional(Year), None)
    sources: list[Source] = Field(Sources)

    def check_whole(self) -> None:
        units = FIGURE_UNITS[self.quantity]
        if self.unit not in units:
            what = self.quantity if self.quantity in ("length", "capacity") else (
                f"{self.quantity} figure")
            raise ValueError(f"a {what} is given in {' or '.join(units)}, not {self.unit}")
        if self.quantity in WHOLE_QUANTITIES and not self.value.is_integer():
            raise ValueError(f"a {self.quantity} figure is a whole number, not {self.value!r}")
        if self.quantity == "ready-for-service" and not 1000 <= self.value <= 9999:
            raise ValueError(f"a ready-for-service figure is a year (YYYY), "
                             f"not {self.value!r}")


class Route(Entity):
    """A line: a submarine cable or a terrestrial backbone (``unspecified`` when the text
    does not say which), as ``segments`` of waypoints.

    ``schematic = true`` where the path is drawn between known points rather than surveyed.
    """

    kind: str = Field(one_of(ROUTE_KINDS))
    status: str = Field(one_of(STATUSES), "unknown")
    operators: list[str] = Field(list_of(Id), [])
    schematic: bool = Field(boolean(), True)
    segments: list[Segment] = Field(
        list_of(model(Segment), min_length=1))
    figures: list[Figure] = Field(list_of(model(Figure)), [])
    start_date: str | None = _date_field()


class Corridor(Entity):
    """An ordered chain of routes."""

    status: str = Field(one_of(STATUSES), "unknown")
    operators: list[str] = Field(list_of(Id), [])
    routes: list[str] = Field(list_of(Id, min_length=1))


class Agreement(Entity):
    """A deal between organisations: ``parties``, ``date`` (day, month, year or none),
    ``venue`` (a site id) and ``subjects`` (route, corridor or site ids)."""

    kind: str = Field(one_of(AGREEMENT_KINDS))
    parties: list[str] = Field(list_of(Id, min_length=2))
    date: str | None = _date_field()
    venue: str | None = Field(optional(Id), None)
    subjects: list[str] = Field(list_of(Id), [])


#: data file name (a layer's name) -> (TOML table name: the layer's singular, model), in the
#: order the catalogue loads them
KINDS: dict[str, tuple[str, type[Entity]]] = {
    name: (LAYER_BY_NAME[name].singular, cls)
    for name, cls in (("organisations", Organisation), ("sites", Site), ("routes", Route),
                        ("corridors", Corridor), ("agreements", Agreement))
}
