"""Turn the facts of one article (:class:`geo.draft.facts.DraftFacts`) into catalogue entries.

Each entry is written in the catalogue's own fields, with the sentence that states it as its
quote (``sources = [{article, quote}]``, white space folded as ``geo check`` compares it:
:func:`quotable`); positions come from the gazetteer with a ``reference`` source
(``geonames:ID``) and a precision no finer than what is known (a city's point for a facility
the text places in that city). What the text does not say stays absent:
an organisation has no country or head office unless drafted from the text, statuses the
text does not give are left out (routes: ``unknown``), a facility with no place and no host,
a route with fewer than two known ends and an agreement with fewer than two known parties
are written commented out with the reason (:class:`geo.draft.writer.Block`), ready for a
reviewer to complete.

Entities the catalogue (or another draft) already holds are reused by id, never drafted
again: by name or alias within their own table (:func:`geo.text.name_key`, so case and
accents do not matter; an organisation "Lyon" hides no site "Lyon"); a facility by the name
it is written under ("Zorblax Networks data centre"); a place also by its gazetteer name and
by the GeoNames reference of a city or country point held for it ("le Cap" is Cape Town); an
unnamed route by its kind and its ends in order (or reversed); an agreement by its kind and
set of parties, with the same subjects where both name some and the same date where both
give one. A form the text uses that the catalogue does not know is proposed as an alias in
a comment, never applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geo.draft.facts import (
    AgreementFact,
    DraftFacts,
    Evidence,
    FacilityFact,
    PlaceRef,
    RouteFact,
)
from geo.draft.vocabulary import (
    CABLE_LANDING,
    DATA_CENTRE,
    EXCHANGE_POINT,
    POP,
    TELEPHONE_EXCHANGE,
)
from geo.draft.writer import Block
from geo.text import CONTROL_RE, fold, name_key, text_problem, waypoint_label

if TYPE_CHECKING:
    from geo.catalog import Catalog

#: fact status -> catalogue status (``None``: leave the field out)
_SITE_STATUS = {"operational": "operational", "planned": "planned",
                "under-construction": "under-construction", "unspecified": None}
_ROUTE_STATUS = {**_SITE_STATUS, "unspecified": "unknown"}
_ROUTE_KIND = {"submarine": "submarine-cable", "terrestrial": "terrestrial-backbone",
               "unspecified": "unspecified"}
_SITE_KIND = {"data-centre": "data-centre", "pop": "pop", "cable-landing": "cable-landing",
              "exchange": "exchange", "ixp": "ixp", "other": "facility"}
_FIGURE_UNIT = {"length": "km", "capacity": "Tbps", "fibre-pairs": "pairs",
                "ready-for-service": "year"}
#: mention kind -> (site kind, precision) of the point drafted for a place
_PLACE_SITE = {"city": ("city", "city"), "country": ("country", "country"),
               "region": ("node", "country"), "island": ("node", "country")}
_SLUG_BAD = re.compile(r"[^a-z0-9]+")
MAX_ID = 60


def quotable(sentence: str) -> str | None:
    """``sentence`` as a quote ``geo check`` finds in its article and accepts: white space
    folded as check folds it before it compares (:func:`geo.text.fold`: any run of white
    space, line breaks and the control characters that are white space, such as a form feed
    or U+0085, becomes one space); where the sentence holds another control character,
    which no quote may hold, its longest run without one. ``None`` when nothing of it is
    left."""
    text = fold(sentence)
    if text_problem(text, allow_bidi=True) is None:
        return text
    pieces = [fold(piece) for piece in CONTROL_RE.split(sentence)]
    best = max(pieces, key=len)
    return best if text_problem(best, allow_bidi=True) is None else None


def slug(text: str) -> str:
    """A kebab-case id from ``text`` (accents folded): ``"Équinix SG3"`` -> ``equinix-sg3``."""
    key = _SLUG_BAD.sub("-", name_key(text)).strip("-")
    return key[:MAX_ID].strip("-") or "entity"


@dataclass
class Drafted:
    """The entries drafted for one article, in the order they are written."""

    blocks: list[Block] = field(default_factory=list)
    reused: dict[str, str] = field(default_factory=dict)  # written name -> catalogue id
    proposed_aliases: list[tuple[str, str]] = field(default_factory=list)  # (id, alias)

    def count(self, table: str, complete: bool = True) -> int:
        return sum(1 for b in self.blocks
                   if b.table == table and (b.incomplete is None) == complete)


class Held:
    """What the catalogue and the drafts before an article hold, indexed to be matched: ids,
    names and aliases (per table too: an organisation "Lyon" hides no site), places'
    gazetteer references, routes' waypoints, agreements' kinds and parties. Built once per
    run (:meth:`of`) and extended with each article's entries (:meth:`hold_block`), so a run of
    many articles indexes each entry once, not once per article after it."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        # names already held: key -> (table, id)
        self.known: dict[str, tuple[str, str]] = {}
        # names held per table: (table, key) -> id (an organisation "Lyon" hides no site)
        self.named: dict[tuple[str, str], str] = {}
        # the gazetteer reference of each point held for a place: reference -> site id
        self.referenced: dict[str, str] = {}
        # routes held: (kind, waypoint labels in order) -> [(operators, quotes, id)]
        self.paths: dict[tuple[str, tuple[str, ...]],
                         list[tuple[frozenset[str], frozenset[str], str]]] = {}
        # agreements held: (kind, parties, subjects, date, quotes, id)
        self.deals: list[tuple[str, frozenset[str], frozenset[str], str | None,
                               frozenset[str], str]] = []
        self.alias_of: dict[str, str] = {}  # alias key -> the id it is an alias of

    @classmethod
    def of(cls, catalog: Catalog | None) -> Held:
        """The index of ``catalog`` (the workspace's, with the drafts it loaded); entries
        drafted after it are added with :meth:`hold_block`."""
        held = cls()
        if catalog is not None:
            for kind, entity in catalog.entities():
                # the data file kind (``sites``) names the table (``site``)
                held._know(kind[:-1], entity.id, entity.name, entity.aliases)
                held._hold(kind[:-1], entity.model_dump(exclude_none=True))
        return held

    def hold_block(self, block: Block) -> None:
        """Hold ``block`` (a complete entry drafted for an earlier article)."""
        self._know(block.table, block.id, block.entry.get("name", ""),
                   block.entry.get("aliases", []))
        self._hold(block.table, block.entry)

    def _take(self, other: Held) -> None:
        """This index as a copy of ``other``'s (what one article adds stays its own)."""
        self.ids = set(other.ids)
        self.known = dict(other.known)
        self.named = dict(other.named)
        self.referenced = dict(other.referenced)
        self.paths = {key: list(held) for key, held in other.paths.items()}
        self.deals = list(other.deals)
        self.alias_of = dict(other.alias_of)

    def _know(self, table: str, eid: str, name: str, aliases: Iterable[str]) -> None:
        self.ids.add(eid)
        for form in (name, *aliases):
            if form:
                self.known.setdefault(name_key(form), (table, eid))
                if table:
                    self.named.setdefault((table, name_key(form)), eid)
        for alias in aliases:
            self.alias_of.setdefault(name_key(alias), eid)

    def _hold(self, table: str, entry: dict[str, Any]) -> None:
        """Remember what identifies a held entry besides its names: a place's gazetteer
        reference, a route's waypoints, an agreement's kind and parties."""
        eid = str(entry.get("id", ""))
        if table == "site" and entry.get("kind") in _PLACE_KINDS:
            for source in entry.get("sources", []):
                reference = source.get("reference")
                if reference:
                    self.referenced.setdefault(reference, eid)
        elif table == "route":
            path = _path(segment.get("waypoints", [])
                         for segment in entry.get("segments", []))
            if len(path) >= 2:
                self.paths.setdefault((str(entry.get("kind")), path), []).append(
                    (frozenset(entry.get("operators", [])), _quotes(entry), eid))
        elif table == "agreement":
            self.deals.append((str(entry.get("kind")), frozenset(entry.get("parties", [])),
                               frozenset(entry.get("subjects", [])), entry.get("date"),
                               _quotes(entry), eid))


class _Builder(Held):
    def __init__(self, stem: str, held: Held):
        super().__init__()
        self._take(held)
        self.stem = stem
        self.out = Drafted()
        self.drafted: dict[tuple[str, str], str] = {}  # (table, key) -> drafted id
        self.place_ids: dict[str, str] = {}  # place key -> site id (drafted or reused)
        self.unfinished: set[str] = set()  # drafted ids written commented out
        self.own: set[str] = set()  # ids drafted here

    # -- ids and sources --------------------------------------------------------------
    def new_id(self, base: str) -> str:
        base = slug(base)
        eid, n = base, 1
        while eid in self.ids:
            n += 1
            eid = f"{base}-{n}"
        self.ids.add(eid)
        return eid

    def quote(self, evidence: Evidence) -> dict[str, str] | None:
        text = quotable(evidence.sentence)
        return {"article": self.stem, "quote": text} if text is not None else None

    def sources(self, *evidence: Evidence | None) -> list[dict[str, str]]:
        seen, out = set(), []
        for ev in evidence:
            source = self.quote(ev) if ev is not None else None
            if source is not None and source["quote"] not in seen:
                seen.add(source["quote"])
                out.append(source)
        return out

    def free_aliases(self, name: str, aliases: Iterable[str]) -> list[str]:
        """``aliases`` without repeats, the name itself, and forms another entity already
        has as a name or an alias (the catalogue keeps one entity per form)."""
        out, seen = [], {name_key(name)}
        for alias in aliases:
            key = name_key(alias)
            if key not in seen and key not in self.known:
                out.append(alias)
            seen.add(key)
        return out

    def add(self, block: Block) -> None:
        """Write ``block``, and remember its forms so no later entry takes them as
        aliases."""
        name = str(block.entry.get("name", ""))
        owner = self.alias_of.get(name_key(name))
        if owner is not None and owner != block.id and block.incomplete is None:
            block.incomplete = (f"{name!r} is an alias of {owner}: an entity of that name "
                                "would make the name ambiguous (reuse that id, or rename)")
        self.out.blocks.append(block)
        self.own.add(block.id)
        if block.incomplete:
            self.unfinished.add(block.id)
        self._know("", block.id, name, block.entry.get("aliases", []))

    def ref(self, table: str, name: str | None) -> str | None:
        """The id an entry may refer to for ``name``: never one written commented out."""
        found = self.lookup(table, name) if name else None
        return None if found in self.unfinished else found

    def lookup(self, table: str, name: str) -> str | None:
        key = name_key(name)
        hit = self.named.get((table, key))
        if hit is not None:
            self.out.reused[name] = hit
            return hit
        return self.drafted.get((table, key))

    def propose(self, eid: str, form: str) -> None:
        """Propose ``form`` as an alias of ``eid`` when no entity has it yet."""
        if name_key(form) not in self.known and (eid, form) not in self.out.proposed_aliases:
            self.out.proposed_aliases.append((eid, form))

    # -- entities ---------------------------------------------------------------------
    def organisations(self, facts: DraftFacts) -> None:
        for org in facts.organisations:
            forms = [org.name, *org.aliases]
            existing = next((self.lookup("organisation", f) for f in forms
                             if self.lookup("organisation", f)), None)
            if existing is not None:
                for form in forms:
                    if name_key(form) not in self.known:
                        self.out.proposed_aliases.append((existing, form))
                for form in forms:
                    self.drafted[("organisation", name_key(form))] = existing
                continue
            if self.lookup("organisation", org.name):
                continue
            eid = self.new_id(org.name)
            aliases = self.free_aliases(org.name, org.aliases)
            entry: dict[str, Any] = {"id": eid, "name": org.name}
            if aliases:
                entry["aliases"] = aliases
            entry["kind"] = "unspecified"
            entry["sources"] = self.sources(org.evidence)
            self.add(Block("organisation", entry))
            for form in forms:
                self.drafted[("organisation", name_key(form))] = eid

    def org_id(self, name: str | None) -> str | None:
        return self.ref("organisation", name)

    def place(self, ref: PlaceRef | None, evidence: Evidence) -> str | None:
        """The site id standing for ``ref`` (a city or country point), drafted when needed;
        ``None`` when the gazetteer does not place it."""
        if ref is None:
            return None
        key = name_key(ref.surface)
        if key in self.place_ids:
            return self.place_ids[key]
        m = ref.mention
        existing = self.lookup("site", ref.surface)
        if existing is None and m is not None:
            # the same place under another form ("Le Cap" for Cape Town): its gazetteer
            # name, or the gazetteer reference of a point held for it
            existing = ((self.lookup("site", m.name) if m.name else None)
                        or (self.referenced.get(m.place) if m.place else None))
            if existing is not None and existing not in self.unfinished \
                    and existing not in self.own:
                self.out.reused[ref.surface] = existing
                self.propose(existing, ref.surface)
        if existing in self.unfinished:
            return None  # a site written commented out (no place known): nothing refers to it
        if existing is None and m is not None and m.entity:
            existing = m.entity if m.entity in self.ids else None
        if existing is not None:
            self.place_ids[key] = existing
            return existing
        if m is None or m.lon is None or m.lat is None or m.kind not in _PLACE_SITE:
            return None
        kind, precision = _PLACE_SITE[m.kind]
        name = m.name or ref.surface
        eid = self.new_id(name)
        entry: dict[str, Any] = {"id": eid, "name": name}
        aliases = self.free_aliases(name, [ref.surface])
        if aliases:
            entry["aliases"] = aliases
        entry.update({"kind": kind, "lon": round(float(m.lon), 5),
                      "lat": round(float(m.lat), 5), "precision": precision})
        if m.country and kind == "city":
            entry["country"] = m.country
        sources = self.sources(evidence)
        if m.place:
            sources.append({"reference": m.place,
                            "note": f"Position of {name} (GeoNames); the article names the "
                                    f"{m.kind}, not a building."})
        entry["sources"] = sources
        self.add(Block("site", entry))
        self.drafted[("site", key)] = eid
        self.drafted.setdefault(("site", name_key(name)), eid)
        if m.place:
            self.referenced.setdefault(m.place, eid)
        self.place_ids[key] = eid
        return eid

    def facilities(self, facts: DraftFacts) -> None:
        # hosts first, so a PoP can name its data centre
        ordered = sorted(facts.facilities, key=lambda f: f.host is not None)
        for fac in ordered:
            # (a common noun or a facility's word alone names no facility: "PoP" and "data
            # centre" are not the other article's)
            written = _facility_name(fac)
            if any(not _generic(name) and self.lookup("site", name)
                   for name in (fac.name, written)):
                continue
            self.facility(fac)

    def facility(self, fac: FacilityFact) -> None:
        name = _facility_name(fac)
        eid = self.new_id(name)
        entry: dict[str, Any] = {"id": eid, "name": name, "kind": _SITE_KIND[fac.kind]}
        host = self.ref("site", fac.host)
        incomplete = None
        sources = self.sources(fac.evidence)
        if host is not None:
            entry["host"] = host
        else:
            place = self.place(fac.place, fac.evidence)
            m = fac.place.mention if fac.place is not None else None
            if place is not None and m is not None and m.lon is not None:
                entry.update({"lon": round(float(m.lon), 5), "lat": round(float(m.lat), 5),
                              "precision": _PLACE_SITE.get(m.kind, ("", "country"))[1]})
                if m.place:
                    sources.append({"reference": m.place,
                                    "note": f"Position of {m.name or fac.place.surface} "
                                            "(GeoNames); the article names the place, not "
                                            "the building."})
            else:
                incomplete = ("the text gives no place the gazetteer knows for it: add lon, "
                              "lat and precision, or a host")
        operator = self.org_id(fac.operator)
        if operator:
            entry["operator"] = operator
        status = _SITE_STATUS[fac.status]
        if status:
            entry["status"] = status
        entry["sources"] = sources
        self.add(Block("site", entry, incomplete=incomplete))
        self.drafted[("site", name_key(fac.name))] = eid
        self.drafted.setdefault(("site", name_key(name)), eid)

    def routes(self, facts: DraftFacts) -> None:
        for route in facts.routes:
            if route.name and self.lookup("route", route.name):
                continue
            self.route(route)

    def route(self, route: RouteFact) -> None:
        ends = [self.place(w, route.evidence) for w in route.waypoints]
        waypoints = [w for i, w in enumerate(ends) if w is not None and
                     (i == 0 or w != ends[i - 1])]
        name = route.name or _unnamed(route)
        kind = _ROUTE_KIND[route.medium]
        operators = [o for o in (self.org_id(n) for n in route.operators) if o]
        if not route.name and len(waypoints) >= 2:
            # an unnamed route is the one held with the same ends in the same order (or
            # reversed), of the same kind, told by the same sentence or run by the same
            # operators (Telia's Hamburg-Frankfurt route is not Colt's, and two articles'
            # routes between two towns may be two)
            path = _path([waypoints])
            quote = quotable(route.evidence.sentence)
            existing = next((eid for held_operators, quotes, eid in [
                *self.paths.get((kind, path), []), *self.paths.get((kind, path[::-1]), [])]
                if (quote and fold(quote) in quotes)
                or (operators and held_operators == frozenset(operators))), None)
            if existing is not None:
                self.out.reused[name] = existing
                self.drafted[("route", "#" + str(id(route)))] = existing
                return
        eid = self.new_id(name)
        entry: dict[str, Any] = {"id": eid, "name": name, "kind": kind,
                                 "status": _ROUTE_STATUS[route.status]}
        if operators:
            entry["operators"] = list(dict.fromkeys(operators))
        entry["schematic"] = True
        entry["sources"] = self.sources(route.evidence)
        entry["segments"] = [{"medium": route.medium, "waypoints": waypoints}]
        figures = []
        for fig in route.figures:
            figures.append({"quantity": fig.quantity, "value": float(fig.value),
                            "unit": _FIGURE_UNIT.get(fig.quantity, fig.unit),
                            "sources": self.sources(fig.evidence)})
        if figures:
            entry["figures"] = figures
        incomplete = None
        if len(waypoints) < 2:
            incomplete = ("the text names fewer than two ends the gazetteer places: add "
                          "waypoints (site ids or [lon, lat])")
        self.add(Block("route", entry, incomplete=incomplete))
        if incomplete is None:
            self._hold("route", entry)
        if route.name:
            self.drafted[("route", name_key(route.name))] = eid
        self.drafted[("route", "#" + str(id(route)))] = eid

    def agreements(self, facts: DraftFacts) -> None:
        for agreement in facts.agreements:
            self.agreement(agreement, facts)

    def agreement(self, agreement: AgreementFact, facts: DraftFacts) -> None:
        parties = list(dict.fromkeys(p for p in (self.org_id(n) for n in agreement.parties)
                                     if p))
        name = _agreement_name(agreement)
        subjects = self.subjects(agreement, facts)
        existing = self.held_agreement(agreement.kind, parties, subjects, agreement.date,
                                       quotable(agreement.evidence.sentence))
        if existing is not None:
            self.out.reused[name] = existing
            return
        eid = self.new_id(name)
        entry: dict[str, Any] = {"id": eid, "name": name,
                                 "kind": agreement.kind, "parties": parties}
        if agreement.date:
            entry["date"] = agreement.date
        venue = self.place(agreement.venue, agreement.venue_evidence or agreement.evidence)
        if venue:
            entry["venue"] = venue
        if subjects:
            entry["subjects"] = subjects
        entry["sources"] = self.sources(agreement.evidence, agreement.date_evidence,
                                        agreement.venue_evidence)
        incomplete = None
        if len(parties) < 2:
            incomplete = "the text names fewer than two parties: add the other parties' ids"
        self.add(Block("agreement", entry, incomplete=incomplete))
        if incomplete is None:
            self._hold("agreement", entry)

    def held_agreement(self, kind: str, parties: list[str], subjects: list[str],
                       date: str | None, quote: str | None = None) -> str | None:
        """The agreement held of the same kind between the same parties (at least two),
        told by the same sentence, or signed on the same date, or about the same routes and
        sites (two parties sign more than one memorandum: one told with neither is another
        one); else ``None``."""
        if len(parties) < 2:
            return None
        for held_kind, held_parties, held_subjects, held_date, quotes, eid in self.deals:
            if held_kind != kind or held_parties != frozenset(parties):
                continue
            if (quote and fold(quote) in quotes) or (date and date == held_date) or (
                    subjects and held_subjects == frozenset(subjects)):
                return eid
        return None

    def subjects(self, agreement: AgreementFact, facts: DraftFacts) -> list[str]:
        """The ids of the routes and sites an agreement is about."""
        subjects = []
        for subject in agreement.subjects:
            found = self.ref("route", subject) or self.ref("site", subject)
            if found:
                subjects.append(found)
        for route in facts.routes:  # unnamed routes stated in the agreement's sentence
            if not route.name and route.evidence == agreement.evidence:
                rid = self.drafted.get(("route", "#" + str(id(route))))
                if rid and rid not in self.unfinished:
                    subjects.append(rid)
        return list(dict.fromkeys(subjects))


#: site kinds of the points drafted for places (matched by their gazetteer reference)
_PLACE_KINDS = {kind for kind, _precision in _PLACE_SITE.values()}


#: A facility's word alone ("PoP", "data centre", "IXP", "Rechenzentrum"): a kind, no name.
_FACILITY_WORDS = frozenset(
    name_key(word) for table in (DATA_CENTRE, POP, CABLE_LANDING, EXCHANGE_POINT,
                                 TELEPHONE_EXCHANGE)
    for words in table.values() for word in words)


def _generic(name: str) -> bool:
    """Whether ``name`` is a common noun, or a facility's word alone ("PoP")."""
    return name[:1].islower() or name_key(name) in _FACILITY_WORDS


def _facility_name(fac: FacilityFact) -> str:
    """The name a facility is written under: a common noun or a facility's word alone gets
    its operator's name ("Zorblax Networks data centre"), else a facility's word alone its
    place's ("Tokyo PoP", "Lisbon data centre")."""
    if _generic(fac.name):  # "point of presence", "PoP": whose? where?
        if fac.operator:
            return f"{fac.operator} {fac.name}"
        if fac.place is not None and name_key(fac.name) in _FACILITY_WORDS:
            return f"{fac.place.surface} {fac.name}"
    return fac.name


def _quotes(entry: dict[str, Any]) -> frozenset[str]:
    """The quotes of an entry's sources, white space folded."""
    return frozenset(fold(source["quote"]) for source in entry.get("sources", [])
                     if source.get("quote"))


def _path(waypoint_lists: Iterable[Iterable[Any]]) -> tuple[str, ...]:
    """A route's waypoints, over its segments, as labels (a point shared by two segments
    once)."""
    out: list[str] = []
    for waypoints in waypoint_lists:
        for waypoint in waypoints:
            label = waypoint_label(waypoint)
            if not out or out[-1] != label:
                out.append(label)
    return tuple(out)


def _unnamed(route: RouteFact) -> str:
    ends = [w.surface for w in route.waypoints]
    what = {"submarine": "Submarine cable", "terrestrial": "Terrestrial route"}.get(
        route.medium, "Cable")
    return f"{what} {' – '.join(ends)}" if ends else (route.description or what)


def _agreement_name(agreement: AgreementFact) -> str:
    word = {"memorandum": "memorandum", "partnership": "partnership",
            "contract": "contract", "acquisition": "acquisition"}.get(agreement.kind,
                                                                       "agreement")
    return f"{' – '.join(agreement.parties)} {word}" if agreement.parties else word.title()


def draft_entries(facts: DraftFacts, stem: str, catalog: Catalog | None = None,
                  held: Held | None = None) -> Drafted:
    """The catalogue entries ``facts`` support, for the article ``stem``.

    What ``catalog`` (the workspace's, with the drafts it loaded) holds is matched by name
    and alias (and more, see :class:`Held`), so nothing it holds is drafted again and its
    ids are not taken; or what ``held`` holds: the index built once for a run of many
    articles and extended with each article's entries (:meth:`Held.hold_block`). Order:
    organisations, facilities (and the places that locate them), routes, agreements."""
    b = _Builder(stem, held if held is not None else Held.of(catalog))
    b.organisations(facts)
    b.facilities(facts)
    b.routes(facts)
    b.agreements(facts)
    return b.out
