"""The catalogue's schema: one pydantic model per kind of entity.

Why pydantic rather than dataclasses: the catalogue is hand-edited, so the schema must reject
unknown fields (a typo such as ``lattitude`` is an error, not a silently ignored key), coerce
nothing surprising (``strict`` numbers and strings), and report *where* a value is wrong.
Pydantic gives all three declaratively, with an error location per field that
:mod:`geo.catalog` turns into ``FILE: ENTITY_ID: FIELD: message`` lines.

Cross-entity rules (ids that resolve, quotes present in their article) are not here: they
need the whole workspace and live in :mod:`geo.catalog`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from geo.names import LAYER_BY_NAME, MEDIA
from geo.text import text_problem

#: kebab-case identifiers: lower-case ASCII words joined by single hyphens.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: A day, a month or a year (ISO 8601 reduced precision).
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _text_rule(*, allow_bidi: bool = False,
               allow_blank: bool = False) -> Callable[[str], str]:
    """A validator refusing what :func:`geo.text.text_problem` refuses (one rule for every
    text field). Blank text matters most in quotes: one folds to "", which every article
    contains, so the quote check would pass without quoting anything."""

    def check(value: str) -> str:
        problem = text_problem(value, allow_bidi=allow_bidi, allow_blank=allow_blank)
        if problem is not None:
            raise ValueError(problem)
        return value

    return check


Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=80)]
#: Text (names, aliases, notes, references, titles...): not blank (something other than white
#: space and zero-width characters), no control characters, no bidirectional controls
#: (:func:`geo.text.text_problem`).
Text = Annotated[str, Field(min_length=1), AfterValidator(_text_rule())]
#: A quote: as :data:`Text`, but bidirectional controls are kept (its article may hold them).
QuoteText = Annotated[str, Field(min_length=1), AfterValidator(_text_rule(allow_bidi=True))]
#: An article's stem as a source names it: no control characters.
Stem = Annotated[str, AfterValidator(_text_rule(allow_blank=True))]
Longitude = Annotated[float, Field(ge=-180.0, le=180.0, allow_inf_nan=False)]
Latitude = Annotated[float, Field(ge=-90.0, le=90.0, allow_inf_nan=False)]

#: What state a thing is in; ``under-construction`` is drawn dashed like ``planned``.
STATUSES = ("operational", "under-construction", "planned", "proposed", "unknown")
Status = Literal[STATUSES]  # type: ignore[valid-type]
Precision = Literal["site", "district", "city", "country"]
Medium = Literal[MEDIA]  # type: ignore[valid-type]

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


class Model(BaseModel):
    """Base: unknown fields are errors, values are not coerced across types."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(Model):
    """Where a fact comes from.

    Either ``article`` (a file stem in ``seeds/``) with ``quote``, an exact excerpt of that
    article compared after folding white space; or ``reference`` for a fact no article states
    (e.g. ``geonames:1526273``), with a ``note`` saying what it supports and why.
    """

    article: Stem | None = None
    quote: QuoteText | None = None
    reference: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Source:
        if self.article is not None or self.quote is not None:
            if self.article is None or self.quote is None:
                raise ValueError("an article source needs both 'article' and 'quote'")
            if self.reference is not None:
                raise ValueError("give either 'article' and 'quote', or 'reference', not both")
        elif self.reference is None:
            raise ValueError("a source needs 'article' and 'quote', or 'reference'")
        return self

    @property
    def is_article(self) -> bool:
        return self.article is not None


Sources = Annotated[list[Source], Field(min_length=1)]


class Entity(Model):
    """Fields every catalogue entity has."""

    id: Id
    name: Text
    aliases: list[Text] = []
    sources: Sources
    notes: Text | None = None

    @field_validator("aliases")
    @classmethod
    def _distinct_aliases(cls, value: list[str], info: ValidationInfo) -> list[str]:
        seen = {str(info.data.get("name", "")).casefold()}
        for i, alias in enumerate(value):
            if alias.casefold() in seen:
                raise ValueError(f"alias {i} {alias!r} repeats the name or another alias")
            seen.add(alias.casefold())
        return value


class Article(Model):
    """Metadata of one article in ``seeds/`` (the sidecar ``<stem>.toml``)."""

    title: Text | None = None
    publisher: Text | None = None
    date: str | None = None
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]
    url: Text | None = None
    notes: Text | None = None

    _date = field_validator("date")(validate_date)


class Organisation(Entity):
    """An operator, vendor or holding. ``country``: ISO 3166-1 alpha-2.

    ``country`` and ``headquarters`` (a site id) only where an article or a reference gives
    them: an organisation without ``headquarters`` has no position (its feature in the
    ``organisations`` layer has a null geometry, and the map does not draw it)."""

    kind: Literal[ORGANISATION_KINDS]  # type: ignore[valid-type]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    headquarters: Id | None = None
    parent: Id | None = None


class Site(Entity):
    """A point. Coordinates are WGS84 ``lon``/``lat`` in degrees, or inherited from ``host``.

    ``precision`` says how exactly the point is known: ``site`` (the building), ``district``,
    ``city`` (only the town is known) or ``country`` (only the country; the point stands for
    it). A site inside another (a PoP in a data centre) names it as ``host``.
    """

    kind: Literal[SITE_KINDS]  # type: ignore[valid-type]
    lon: Longitude | None = None
    lat: Latitude | None = None
    precision: Precision | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    host: Id | None = None
    operator: Id | None = None
    status: Status | None = None
    start_date: str | None = None
    end_date: str | None = None

    _dates = field_validator("start_date", "end_date")(validate_date)

    @field_validator("end_date")
    @classmethod
    def _ends_after_start(cls, value: str | None, info: ValidationInfo) -> str | None:
        start = info.data.get("start_date")
        if value is not None and start is not None:
            n = min(len(value), len(start))  # compare at the coarser of the two precisions
            if value[:n] < start[:n]:
                raise ValueError(f"{value!r} is before start_date {start!r}")
        return value

    @field_validator("lon", "lat", mode="before")
    @classmethod
    def _int_is_a_number(cls, value: object) -> object:
        # TOML writes 36 for 36.0; strict mode would reject the int.
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _where(self) -> Site:
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
        return self


Position = Annotated[list[float], Field(min_length=2, max_length=2)]


class Segment(Model):
    """A run of a route between waypoints: site ids or ``[lon, lat]`` positions (WGS84
    degrees, longitude first, RFC 7946 §3.1.1 order); ``medium`` says what it runs through."""

    medium: Medium
    waypoints: Annotated[list[Id | Position], Field(min_length=2)]
    notes: Text | None = None

    @field_validator("waypoints", mode="before")
    @classmethod
    def _numbers(cls, value: object) -> object:
        if not isinstance(value, list):
            return value
        for i, w in enumerate(value):
            # said here, once: the id|position union would report "should be a valid string"
            if isinstance(w, list) and (len(w) != 2 or not all(
                    isinstance(v, int | float) and not isinstance(v, bool) for v in w)):
                raise ValueError(f"waypoint {i}: a position is [lon, lat], two numbers "
                                 f"(WGS84 degrees); got {w!r}")
        return [[float(v) for v in w] if isinstance(w, list) else w for w in value]

    @field_validator("waypoints")
    @classmethod
    def _ranges(cls, value: list[str | list[float]]) -> list[str | list[float]]:
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
Year = Annotated[int, Field(ge=1000, le=9999)]


class Figure(Model):
    """A published figure with its own source: a ``length`` in ``m`` or ``km``, a
    ``capacity`` in ``Tbps`` or ``Gbps`` (bits per second, SI prefixes), ``fibre-pairs``
    (``pairs``, a whole number) or ``ready-for-service`` (``year``: the value is a year).

    ``year``, optional: the year the figure was stated for (a capacity "in 2023")."""

    quantity: Literal[FIGURE_QUANTITIES]  # type: ignore[valid-type]
    value: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    unit: Literal[FIGURE_UNIT_NAMES]  # type: ignore[valid-type]
    year: Year | None = None
    sources: Sources

    @model_validator(mode="after")
    def _unit_fits(self) -> Figure:
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
        return self

    @field_validator("value", mode="before")
    @classmethod
    def _int_is_a_number(cls, value: object) -> object:
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Route(Entity):
    """A line: a submarine cable or a terrestrial backbone (``unspecified`` when the text
    does not say which), as ``segments`` of waypoints.

    ``schematic = true`` where the path is drawn between known points rather than surveyed.
    """

    kind: Literal[ROUTE_KINDS]  # type: ignore[valid-type]
    status: Status = "unknown"
    operators: list[Id] = []
    schematic: bool = True
    segments: Annotated[list[Segment], Field(min_length=1)]
    figures: list[Figure] = []
    start_date: str | None = None

    _dates = field_validator("start_date")(validate_date)


class Corridor(Entity):
    """An ordered chain of routes."""

    status: Status = "unknown"
    operators: list[Id] = []
    routes: Annotated[list[Id], Field(min_length=1)]


class Agreement(Entity):
    """A deal between organisations: ``parties``, ``date`` (day, month, year or none),
    ``venue`` (a site id) and ``subjects`` (route, corridor or site ids)."""

    kind: Literal[AGREEMENT_KINDS]  # type: ignore[valid-type]
    parties: Annotated[list[Id], Field(min_length=2)]
    date: str | None = None
    venue: Id | None = None
    subjects: list[Id] = []

    _date = field_validator("date")(validate_date)


#: data file name (a layer's name) -> (TOML table name: the layer's singular, model), in the
#: order the catalogue loads them
KINDS: dict[str, tuple[str, type[Entity]]] = {
    name: (LAYER_BY_NAME[name].singular, model)
    for name, model in (("organisations", Organisation), ("sites", Site), ("routes", Route),
                        ("corridors", Corridor), ("agreements", Agreement))
}
