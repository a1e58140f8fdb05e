"""What a text states, before it becomes catalogue entries: the facts the drafting rules find.

Each fact keeps the sentence that states it (:class:`Evidence`: offsets into the article's
text and the sentence itself, ``text[start:end] == sentence``), so that every drafted entry
and field can quote it. Names are kept as written in the text; places are gazetteer
mentions (:class:`geo.extract.Mention`) where the gazetteer knows them, else their surface
text. :mod:`geo.draft.entries` turns facts into catalogue entries (ids, positions, hosts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from geo.extract import Mention

#: Facility kinds a text can state (catalogue site kinds, plus ``exchange``, ``ixp``, and
#: ``other`` for named buildings and parks)
FacilityKind = Literal["data-centre", "pop", "cable-landing", "exchange", "ixp", "other"]
FactStatus = Literal["operational", "under-construction", "planned", "unspecified"]
RouteMedium = Literal["submarine", "terrestrial", "unspecified"]
AgreementKind = Literal["partnership", "memorandum", "contract", "acquisition", "other"]


@dataclass(frozen=True)
class Evidence:
    """A sentence of the article: ``text[start:end] == sentence``."""

    start: int
    end: int
    sentence: str


@dataclass
class PlaceRef:
    """A place as the text writes it, and the gazetteer's reading of it when there is one."""

    surface: str
    mention: Mention | None = None

    @property
    def kind(self) -> str | None:
        """``city``, ``country``, ``region``... when resolved."""
        return self.mention.kind if self.mention is not None else None


@dataclass
class OrganisationFact:
    name: str
    evidence: Evidence
    aliases: list[str] = field(default_factory=list)


@dataclass
class FacilityFact:
    name: str
    kind: FacilityKind
    evidence: Evidence
    operator: str | None = None  # an organisation's name as in OrganisationFact.name
    host: str | None = None  # the name of the facility that hosts it (a PoP in a DC)
    place: PlaceRef | None = None
    status: FactStatus = "unspecified"


@dataclass
class FigureFact:
    """A published figure: ``length`` (km), ``capacity`` (Tbps), ``fibre-pairs`` (count) or
    ``ready-for-service`` (a year), with the sentence that states it."""

    quantity: Literal["length", "capacity", "fibre-pairs", "ready-for-service"]
    value: float
    unit: str  # km, Tbps, pairs, year
    evidence: Evidence


@dataclass
class RouteFact:
    name: str  # as written; "" for an unnamed route
    evidence: Evidence
    description: str = ""  # the text's words for an unnamed route
    waypoints: list[PlaceRef] = field(default_factory=list)
    medium: RouteMedium = "unspecified"
    status: FactStatus = "unspecified"
    operators: list[str] = field(default_factory=list)
    figures: list[FigureFact] = field(default_factory=list)

    def figure(self, quantity: str) -> FigureFact | None:
        return next((f for f in self.figures if f.quantity == quantity), None)


@dataclass
class AgreementFact:
    kind: AgreementKind
    parties: list[str]  # organisation names as in OrganisationFact.name
    evidence: Evidence
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, only when the text states it
    date_evidence: Evidence | None = None
    venue: PlaceRef | None = None
    venue_evidence: Evidence | None = None
    subjects: list[str] = field(default_factory=list)  # route or facility names


@dataclass
class DraftFacts:
    """Everything the drafting rules found in one text."""

    organisations: list[OrganisationFact] = field(default_factory=list)
    facilities: list[FacilityFact] = field(default_factory=list)
    routes: list[RouteFact] = field(default_factory=list)
    agreements: list[AgreementFact] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
