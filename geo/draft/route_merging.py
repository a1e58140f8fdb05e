"""One route told twice: a name written two ways ("DARE 1" and "DARE1", "Hawaiki" and
"Hawaiki Cable", "Grace Hopper" and "Grace-Hopper-Kabel"), an unnamed route with the length
of a named one, or sharing two ends (or the same countries) with another route, is that
route; its figures, medium and status join it."""

from __future__ import annotations

import re

from geo.draft.route_state import Route
from geo.draft.route_waypoints import town_count, waypoint_countries
from geo.draft.vocabulary import fold

#: Words of a cable's kind around its name: "Hawaiki Cable", "Grace-Hopper-Kabel".
_KIND_WORDS_RE = re.compile(
    r"(?:^|[\s-])(?:cable|cables|cable system|kabel|seekabel|unterseekabel|glasfaserkabel|"
    r"kabelsystem|cable|cabo|cavo|system|sistema|systeme|submarine|submarino|sottomarino|"
    r"sous-marin)(?=$|[\s-])")


def compact_name(name: str) -> str:
    """A route's name without the words of a cable's kind, spaces and punctuation: the same
    for the ways one name is written ("DARE 1", "DARE1"; "Grace-Hopper-Kabel", "Grace
    Hopper")."""
    return re.sub(r"[\W_]+", "", _KIND_WORDS_RE.sub(" ", fold(name)))


def merge_same_name(routes: list[Route]) -> None:
    """Named routes whose names are one name written two ways are one route, the first
    told; the other's forms, ends, operators and figures join it."""
    first: dict[str, Route] = {}
    for r in list(routes):
        key = compact_name(r.name) if r.name else ""
        if len(key) < 3:
            continue
        kept = first.setdefault(key, r)
        if kept is r:
            continue
        for form in r.forms:
            if fold(form) not in {fold(f) for f in kept.forms}:
                kept.forms.append(form)
        if not kept.waypoints and r.waypoints:
            kept.waypoints, kept.waypoint_sentence = r.waypoints, r.waypoint_sentence
        for name in r.operators:
            if name not in kept.operators:
                kept.operators.append(name)
        kept.take_unstated(r)
        routes.remove(r)


def merge_same_length(routes: list[Route]) -> None:
    """An unnamed route with the length of a named one is that route ("Un nuevo cable
    submarino de 1.400 kilómetros" and "el PENCAN 8 ... que recorre 1.400 kilómetros")."""
    named = [r for r in routes if r.name and "length" in r.figures]
    for r in list(routes):
        if r.name or "length" not in r.figures:
            continue
        for n in named:
            if abs(n.figures["length"].value - r.figures["length"].value) < 1e-6:
                for k, v in r.figures.items():
                    n.figures.setdefault(k, v)
                if not n.waypoints:
                    n.waypoints = r.waypoints
                routes.remove(r)
                break


def merge_same_ends(routes: list[Route]) -> None:
    """An unnamed route that shares two ends with another route is that route, told
    again (a headline, then the body; "a cable between Angola and Brazil" then "the
    cable, named X, between Angola and Brazil")."""
    for r in list(routes):
        if r.name or len(r.waypoints) < 2 or r not in routes:
            continue
        ends = {fold(w.surface) for w in r.waypoints}
        countries = waypoint_countries(r.waypoints)
        for other in sorted(routes, key=lambda o: (not o.name, o.first)):
            if other is r or (not other.name and other.first > r.first):
                continue
            if len(ends & {fold(w.surface) for w in other.waypoints}) < 2:
                theirs = waypoint_countries(other.waypoints)
                if not (len(countries) >= 2 and countries == theirs):
                    continue
                # the same countries linked, one of them by towns: "Neues Glasfaserkabel
                # nach Dänemark soll Norwegen ...", "von Oslo ... nach Esbjerg"
                if town_count(r.waypoints) > town_count(other.waypoints) and not other.name:
                    other.waypoints = r.waypoints
                    other.waypoint_sentence = r.waypoint_sentence
                    other.evidence = r.evidence
            if not other.name and not re.search(r"[.!?…»”\"]\s*$", other.evidence.text):
                # told first by a headline: the body's sentence states it
                other.evidence = r.evidence
                other.waypoints = r.waypoints
            other.take_unstated(r)
            routes.remove(r)
            break
