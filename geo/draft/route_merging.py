"""One route told twice: an unnamed route with the length of a named one, or sharing two ends
(or the same countries) with another route, is that route; its figures, medium and status join
it."""

from __future__ import annotations

import re

from geo.draft.route_state import Route
from geo.draft.route_waypoints import town_count, waypoint_countries
from geo.draft.vocabulary import fold


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
