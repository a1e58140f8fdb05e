"""What is wrong, or probably wrong, in a loaded catalogue (:mod:`geo.catalog` loads it and
calls these): quotes not found in their articles (:func:`check_sources`), references to
unknown entities, ids listed twice, cycles of hosts or parents (:func:`check_references`),
aliases that name another entity (:func:`check_aliases`); and the warnings of a valid
catalogue (:func:`catalog_warnings`). Problems read ``FILE: ENTITY_ID: FIELD: message``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from geo.errors import Problem
from geo.schema import Agreement, Corridor, Entity, Organisation, Route, Site, Source
from geo.text import fold, name_key

if TYPE_CHECKING:  # geo.catalog imports this module
    from geo.catalog import Catalog


def check_sources(cat: Catalog, missing_articles: set[str], problems: list[Problem]) -> None:
    """Each article source must name an article of ``seeds/`` whose text holds its quote
    (compared after :func:`geo.text.fold`); articles in ``missing_articles`` are reported
    broken already, so their sources are not."""
    folded: dict[str, str] = {stem: fold(a.text) for stem, a in cat.articles.items()}

    def check(file: str, eid: str, prefix: str, sources: Iterable[Source]) -> None:
        for i, src in enumerate(sources):
            if not src.is_article:
                continue
            where = f"{prefix}sources[{i}]"
            if src.article not in folded:
                if src.article in missing_articles:
                    continue  # the article itself is reported broken
                problems.append(Problem(file, eid, f"{where}.article",
                                        f"no article {src.article!r} in seeds/"))
                continue
            if fold(src.quote or "") not in folded[src.article]:
                q = src.quote or ""
                shown = q if len(q) <= 70 else q[:67] + "..."
                problems.append(Problem(file, eid, f"{where}.quote",
                                        f"quote not found in article {src.article}: {shown!r}"))

    for _kind, entity in cat.entities():
        file = cat.files[entity.id]
        check(file, entity.id, "", entity.sources)
        for j, fig in enumerate(getattr(entity, "figures", [])):
            check(file, entity.id, f"figures[{j}].", fig.sources)


def entity_references(entity: Entity) -> list[tuple[str, str, tuple[str, ...]]]:
    """What ``entity`` refers to, as ``(field, id, kinds it may be)`` in field order: an
    organisation's headquarters and parent, a site's host and operator, a route's
    operators and waypoint sites, a corridor's routes and operators, an agreement's
    parties, venue and subjects (the references :func:`check_references` resolves)."""
    out: list[tuple[str, str, tuple[str, ...]]] = []

    def add(field_: str, value: str | None, *kinds: str) -> None:
        if value is not None:
            out.append((field_, value, kinds))

    if isinstance(entity, Organisation):
        add("headquarters", entity.headquarters, "sites")
        add("parent", entity.parent, "organisations")
    elif isinstance(entity, Site):
        add("host", entity.host, "sites")
        add("operator", entity.operator, "organisations")
    elif isinstance(entity, Route):
        for i, op in enumerate(entity.operators):
            add(f"operators[{i}]", op, "organisations")
        for s, seg in enumerate(entity.segments):
            for w, waypoint in enumerate(seg.waypoints):
                if isinstance(waypoint, str):
                    add(f"segments[{s}].waypoints[{w}]", waypoint, "sites")
    elif isinstance(entity, Corridor):
        for i, rid in enumerate(entity.routes):
            add(f"routes[{i}]", rid, "routes")
        for i, op in enumerate(entity.operators):
            add(f"operators[{i}]", op, "organisations")
    elif isinstance(entity, Agreement):
        for i, party in enumerate(entity.parties):
            add(f"parties[{i}]", party, "organisations")
        add("venue", entity.venue, "sites")
        for i, subject in enumerate(entity.subjects):
            add(f"subjects[{i}]", subject, "routes", "corridors", "sites")
    return out


def check_references(cat: Catalog, problems: list[Problem]) -> None:
    """Every id an entity refers to must name an entity of the right kind (in ``data/`` for
    an entity of ``data/``); lists hold an id once; chains of hosts and parents end; a site
    is in its host's country."""
    def ref(entity: Entity, field_: str, value: str | None, *kinds: str) -> None:
        if value is None or value in cat.invalid_ids or cat.unreadable_kinds & set(kinds):
            return
        what = " or ".join(k.rstrip("s") for k in kinds)
        if not any(value in cat.by_kind(k) for k in kinds):
            if entity.id in cat.draft_of and cat.unreadable_draft:
                return  # it may be in the draft that could not be read (reported)
            problems.append(Problem(cat.files[entity.id], entity.id, field_,
                                    f"unknown {what} {value!r}"))
        elif value in cat.draft_of and entity.id not in cat.draft_of:
            # data/ validates on its own: a drafted entity is not in it until accepted
            problems.append(Problem(cat.files[entity.id], entity.id, field_,
                                    f"unknown {what} {value!r} in data/ (only "
                                    f"{cat.files[value]} drafts it)"))

    def once(entity: Entity, field_: str, values: list[str]) -> None:
        for i, value in enumerate(values):
            if value in values[:i]:
                problems.append(Problem(cat.files[entity.id], entity.id, f"{field_}[{i}]",
                                        f"{value!r} is listed twice"))

    def cycle(entity: Entity, field_: str, entities: dict[str, Any]) -> None:
        # a chain of hosts (or parents) must end: at a located site, at a top organisation
        seen, cur = {entity.id}, entity
        while getattr(cur, field_) is not None and getattr(cur, field_) in entities:
            nxt = getattr(cur, field_)
            if nxt in seen:
                problems.append(Problem(cat.files[entity.id], entity.id, field_,
                                        f"{field_} cycle through {nxt!r}"))
                break
            seen.add(nxt)
            cur = entities[nxt]

    for org in cat.organisations.values():
        ref(org, "headquarters", org.headquarters, "sites")
        ref(org, "parent", org.parent, "organisations")
        cycle(org, "parent", cat.organisations)
    for site in cat.sites.values():
        ref(site, "host", site.host, "sites")
        ref(site, "operator", site.operator, "organisations")
        cycle(site, "host", cat.sites)
        host = cat.sites.get(site.host) if site.host is not None else None
        if site.country and host is not None and host.country and host.country != site.country:
            # it stands where its host stands, so it is in its host's country
            problems.append(Problem(cat.files[site.id], site.id, "country",
                                    f"{site.country!r}, but its host {host.id!r} is in "
                                    f"{host.country!r}"))
    for route in cat.routes.values():
        once(route, "operators", route.operators)
        for i, op in enumerate(route.operators):
            ref(route, f"operators[{i}]", op, "organisations")
        for s, seg in enumerate(route.segments):
            for w, waypoint in enumerate(seg.waypoints):
                if isinstance(waypoint, str):
                    ref(route, f"segments[{s}].waypoints[{w}]", waypoint, "sites")
    for corridor in cat.corridors.values():
        for i, rid in enumerate(corridor.routes):
            ref(corridor, f"routes[{i}]", rid, "routes")
            if rid in corridor.routes[:i]:
                problems.append(Problem(cat.files[corridor.id], corridor.id, f"routes[{i}]",
                                        f"route {rid!r} is already in the chain"))
        once(corridor, "operators", corridor.operators)
        for i, op in enumerate(corridor.operators):
            ref(corridor, f"operators[{i}]", op, "organisations")
    for agreement in cat.agreements.values():
        for i, party in enumerate(agreement.parties):
            ref(agreement, f"parties[{i}]", party, "organisations")
        if len(set(agreement.parties)) != len(agreement.parties):
            problems.append(Problem(cat.files[agreement.id], agreement.id, "parties",
                                    "a party is listed twice"))
        ref(agreement, "venue", agreement.venue, "sites")
        once(agreement, "subjects", agreement.subjects)
        for i, subject in enumerate(agreement.subjects):
            ref(agreement, f"subjects[{i}]", subject, "routes", "corridors", "sites")


def catalog_warnings(cat: Catalog) -> list[Problem]:
    """What is allowed but probably wrong in a valid catalogue, as :class:`Problem` lines.

    A corridor is an ordered chain: each of its routes should start where the one before it
    ends (its last waypoint's position, following ``host``). A gap is reported with its
    geodesic length on WGS84, in kilometres; it may be real (a link no article names).

    A submarine segment whose drawn line (routed over the sea where it is schematic) still
    crosses land, or a terrestrial one that crosses open sea, is reported per segment:
    Natural Earth 1:50m land, runs longer than 10 km inside the line or 50 km at either
    end (:func:`geo.routes.route_crossings`).
    """
    from geo.geodesy import path_length_m  # pyproj: only needed for valid catalogues
    from geo.routes import route_crossings, route_geometry

    out = []
    for route_id in cat.routes:
        for crossing in route_crossings(route_geometry(cat, route_id)):
            out.append(Problem(cat.files[route_id], route_id,
                               f"segments[{crossing.segment}]", crossing.message()))
    for corridor in cat.corridors.values():
        for i, (prev, nxt) in enumerate(itertools.pairwise(corridor.routes), start=1):
            end = cat.waypoint_position(cat.routes[prev].segments[-1].waypoints[-1])
            start = cat.waypoint_position(cat.routes[nxt].segments[0].waypoints[0])
            if end != start:
                gap_km = path_length_m([end, start]) / 1000.0
                out.append(Problem(cat.files[corridor.id], corridor.id, f"routes[{i}]",
                                   f"route {nxt!r} does not start where {prev!r} ends: "
                                   f"a gap of {gap_km:,.1f} km in the chain"))
    return out


def check_aliases(cat: Catalog, problems: list[Problem]) -> None:
    """An alias must not name another entity (its name or one of its aliases, compared by
    :func:`geo.text.name_key`: case, accents, dashes and apostrophes aside): search,
    ``geo extract`` and ``geo measure --between`` resolve a name to one entity.

    ``data/`` is checked on its own first, so that a clash a draft brings is reported in the
    draft: a drafted entity's alias that names another entity, or its name that is another
    entity's alias."""
    owners: dict[str, tuple[str, str]] = {}
    curated = [e for _kind, e in cat.entities() if e.id not in cat.draft_of]
    drafted = [e for _kind, e in cat.entities() if e.id in cat.draft_of]
    for entity in curated:
        owners.setdefault(name_key(entity.name), (entity.id, "the name"))
    for entity in curated + drafted:
        if entity.id in cat.draft_of:
            owner, what = owners.setdefault(name_key(entity.name), (entity.id, "the name"))
            if owner != entity.id and what == "an alias":
                problems.append(Problem(cat.files[entity.id], entity.id, "name",
                                        f"{entity.name!r} is also an alias of {owner!r}"))
        for i, alias in enumerate(entity.aliases):
            owner, what = owners.setdefault(name_key(alias), (entity.id, "an alias"))
            if owner != entity.id:
                problems.append(Problem(cat.files[entity.id], entity.id, f"aliases[{i}]",
                                        f"{alias!r} is also {what} of {owner!r}"))
