"""Waypoints of a route: the places after a word of linking, in order, those after "via"
between the first and the last ("linking A to B via C" is A, C, B); a country in brackets or
after a comma that locates the town before it is no waypoint. Also the ends named before a
passive of linking, and the countries and towns of waypoints."""

from __future__ import annotations

import re
from itertools import islice

from geo.draft.facts import PlaceRef
from geo.draft.names import Names
from geo.draft.route_words import BARE_LINKS, LINK_RE, LINKED_BY_RE, LINKED_SUBJECT_FILLER, VIA_RE
from geo.draft.sentences import Sentence
from geo.draft.vocabulary import fold

#: Past this many waypoints (2Africa, among the longest cables, lands in 46 places; twice as
#: many places are read, for the countries that locate towns) a linking phrase is read no
#: further, so a text of thousands of places in one sentence costs each word for a cable no
#: more than this.
MAX_WAYPOINTS = 60


def waypoints_after(text: str, names: Names, start: int, sentence: Sentence,
                    limit: int | None = None) -> list[PlaceRef]:
    """The places a linking phrase after ``start`` names, in route order."""
    end = sentence.end if limit is None else min(limit, sentence.end)
    link = None
    # a link word lies within 110 characters: searched there only (a search to the
    # end of a long sentence, once per word for a cable, made long texts quadratic)
    for m in LINK_RE.finditer(text, start, min(end, start + 140)):
        if m.start() - start > 110:
            break
        if fold(m.group()) in BARE_LINKS and m.start() - start > 40:
            continue
        places_after = names.places_between(m.end(), min(end, m.end() + 41))
        if places_after:
            link = m
            break
    if link is None:
        # "cabo Brasil – Portugal": places right after the word
        places = list(islice(names.iter_places_between(start, end), 2))
        if len(places) >= 2 and re.fullmatch(
                r"\s*(?:[\w\s-]{0,20})?", text[start:places[0].start]) and re.fullmatch(
                r"\s*[-–—/]\s*", text[places[0].end:places[1].start]):
            return [PlaceRef(text[p.start:p.end], p) for p in places[:2]]
        return []
    places = (p for p in names.iter_places_between(link.start(), end)
              if p.kind in ("city", "country", "region", "island"))
    out: list[PlaceRef] = []
    middle: list[PlaceRef] = []
    previous = None
    via = False
    seen: set[str] = set()
    for read, p in enumerate(places):
        if read >= 2 * MAX_WAYPOINTS:
            break  # a list of places longer than any cable's landings (and their countries)
        gap = text[previous.end:p.start] if previous is not None else text[
            link.start():p.start]
        if previous is not None and len(gap) > 90:
            break
        if VIA_RE.search(gap):
            via = True
        elif previous is not None and LINK_RE.search(gap) and not re.fullmatch(
                r"[\s,]*(?:and|et|e|y|und)?[\s,]*", gap):
            via = False
        if previous is not None and _locates(previous, p, gap):
            previous = p
            continue  # "Genoa, Italy", "Fortaleza (Brazil)"
        ref = PlaceRef(text[p.start:p.end], p)
        if fold(ref.surface) in seen:
            previous = p
            continue
        seen.add(fold(ref.surface))
        (middle if via else out).append(ref)
        previous = p
    if middle and out:
        return [out[0], *middle, *out[1:]]
    return out + middle


def ends_linked_before(text: str, names: Names, m: re.Match[str], s: Sentence
                       ) -> list[PlaceRef]:
    """Ends named before a passive of linking: "Cabo Verde e Guiné-Conacri vão estar
    ligados por um cabo", "A and B will be connected by a new cable"."""
    verb = LINKED_BY_RE.search(text, max(s.start, m.start() - 90), m.start())
    if verb is None:
        return []
    places = [p for p in names.places_between(s.start, verb.start())
              if p.kind in ("city", "country", "region", "island")]
    if len(places) < 2:
        return []
    rest = text[s.start:verb.start()]
    for p in reversed(places):
        rest = rest[:p.start - s.start] + rest[p.end - s.start:]
    words = [w for w in re.split(r"[\s,'’-]+", rest.lower()) if w]
    if not all(w in LINKED_SUBJECT_FILLER for w in words):
        return []  # the places are the subject and nothing else
    return [PlaceRef(text[p.start:p.end], p) for p in places]


def waypoint_countries(waypoints: list[PlaceRef]) -> set[str]:
    """The country codes of the waypoints the gazetteer knows."""
    return {w.mention.country for w in waypoints
            if w.mention is not None and getattr(w.mention, "country", None)}


def town_count(waypoints: list[PlaceRef]) -> int:
    return sum(1 for w in waypoints if w.kind == "city")



def _locates(previous, current, gap: str) -> bool:
    """Whether ``current`` only locates ``previous``: "Genoa, Italy", "Fortaleza (Brazil)",
    "Sines, em Portugal"."""
    if current.kind not in ("country", "region") or previous.kind not in ("city", "island",
                                                                         "region"):
        return False
    if not re.fullmatch(r"\s*(?:,|\()\s*(?:(?:in|en|em|no|na|nel|in|im)\s+)?"
                        r"(?:(?:the|la|le|el|o|a|il)\s+)?", gap):
        return False
    return previous.country is None or current.country is None or \
        previous.country == current.country or current.kind == "region"

