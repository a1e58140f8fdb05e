"""Towns found once the mentions are resolved: small towns named with their country right
after them, short forms of towns the text names in full, and two neighbouring towns
hyphenated into one place. Each pass takes the mentions in order of position and returns
them, in that order, with what it adds or merges."""

from __future__ import annotations

import re
from bisect import bisect_right

from geo.extract.mention import Mention
from geo.extract.vocabulary import COMMON_WORDS, NAME_INNER
from geo.extract.words import (
    TOKEN_SPLIT_RE,
    Words,
    is_capitalised,
    name_shaped,
    sentence_initial,
)
from geo.gazetteer import Gazetteer, Place, name_key, small_towns
from geo.geodesy import GEOD

#: What comes between a town and its country written right after it: "Sines, Portugal",
#: "Sines, em Portugal", "Lurín (Perú)" (searched right before the country's name).
_BEFORE_COUNTRY_RE = re.compile(
    r"(?:, ?|,? \()(?:(?:em|en|in|au|na|no|nel|nella|im|in der) )?\Z")


def add_small_towns(text: str, tokens: Words, claimed: list[bool],
                    mentions: list[Mention]) -> list[Mention]:
    """Towns below the gazetteer's cut (5,000 to 14,999 people,
    :func:`geo.gazetteer.small_towns`) where their country is written right after them:
    "em Sines, Portugal", "Sines, em Portugal", "Lurín (Perú)". The town must be of that
    country, its words capitalised, unclaimed, not used in lower case in the text, and
    not the end of a longer capitalised name. One look back per country mention."""
    countries = [m for m in mentions if m.kind == "country" and m.country
                 and " adjective " not in m.reason]
    if not countries:
        return mentions
    added = []
    lowered: set[str] = set()  # the words the text writes in lower case, once needed
    for m in countries:
        before = _BEFORE_COUNTRY_RE.search(text, max(0, m.start - 24), m.start)
        if before is None:
            continue
        k = bisect_right(tokens.end, before.start()) - 1  # the word before the comma
        if k < 0 or tokens.end[k] != before.start():
            continue
        if not lowered:
            lowered = {w for w in set(tokens.text) if w.islower()} or {""}
        found = _small_town_at(text, tokens, claimed, k, m.country, lowered)
        if found is None:
            continue
        i, place = found
        start, end = tokens.start[i], tokens.end[k]
        for j in range(i, k + 1):
            claimed[j] = True
        added.append(Mention(
            text[start:end], start, end, "city", place.id, place.name, place.lon,
            place.lat, f"town {text[start:end]!r} of {place.population:,} people in "
            f"{m.name or m.country}, named right after it; not in the catalogue",
            place=place.id, country=place.country))
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: m.start)

def _small_town_at(text: str, tokens: Words, claimed: list[bool], k: int,
                   country: str, lowered: set[str]) -> tuple[int, Place] | None:
    """``(first word, town)`` for a small town of ``country`` whose name ends with word
    ``k`` (up to three words), longest first; ``None`` if there is none."""
    for i in range(max(0, k - 2), k + 1):
        words = tokens.text[i:k + 1]
        if any(claimed[i:k + 1]) or not is_capitalised(words[0]) or any(
                tokens.sep[j] is None for j in range(i, k)):
            continue
        if not all(name_shaped(w) and (is_capitalised(w) or tokens.key[j] in NAME_INNER)
                   for j, w in enumerate(words, i)):
            continue
        if i > 0 and tokens.sep[i - 1] in (" ", "-") and is_capitalised(
                tokens.text[i - 1]) and not sentence_initial(text, tokens.start[i - 1]):
            continue  # "John Sines": the end of a longer name
        key = "".join(tokens.key[j] + (tokens.sep[j] or "") if j < k else tokens.key[j]
                      for j in range(i, k + 1))
        if i == k and (key in COMMON_WORDS or words[0].lower() in lowered):
            continue
        towns = [p for p in small_towns().get(key, ()) if p.country == country]
        if towns:
            return i, towns[0]
    return None

def add_short_forms(text: str, tokens: Words, claimed: list[bool],
                    mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A town the text names in full ("Conil de la Frontera", "Mazara del Vallo") is
    also meant by the words before its first connector, written alone elsewhere in the
    same text ("Los alcaldes de Conil"). One pass over the words."""
    short: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        if m.kind != "city" or m.id is None:
            continue
        words = TOKEN_SPLIT_RE.findall(m.text)
        cut = next((k for k, w in enumerate(words) if k and not is_capitalised(w)
                    and name_key(w) in NAME_INNER), 0)
        if not cut:
            continue
        head = tuple(name_key(w) for w in words[:cut])
        if (len(head) == 1 and (len(head[0]) < 4 or head[0] in COMMON_WORDS)) or (
                " ".join(head) in gazetteer):
            continue  # "San", "Santa": too common; "Santa Cruz": a name of its own
        short.setdefault(head, m)
    if not short:
        return mentions
    firsts = {head[0] for head in short}
    added = []
    n = len(tokens)
    for i, key in enumerate(tokens.key):
        if key not in firsts or claimed[i] or not is_capitalised(tokens.text[i]):
            continue
        for head, m in short.items():
            j = i + len(head)
            if (head[0] != key or j > n or any(claimed[i:j])
                    or tuple(tokens.key[i:j]) != head
                    or not all(is_capitalised(w) for w in tokens.text[i:j])
                    or (j < n and tokens.sep[j - 1] == " "
                        and is_capitalised(tokens.text[j]))):
                continue
            start, end = tokens.start[i], tokens.end[j - 1]
            added.append(Mention(
                text[start:end], start, end, "city", m.id, m.name, m.lon, m.lat,
                f"short form of {m.text!r} named in the same text", entity=m.entity,
                place=m.place, country=m.country))
            for k in range(i, j):
                claimed[k] = True
            break
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: m.start)


#: Two towns hyphenated together this close (metres, geodesic) name one place: a district
#: or an airport town and its city ("Roma-Fiumicino", "Frankfurt-Griesheim"), not a segment
#: ("Marseille-Bizerte", "Lisboa-Porto").
NEIGHBOURS_M = 40_000.0


def join_neighbours(text: str, mentions: list[Mention]) -> list[Mention]:
    """Merge "A-B" where A and B are resolved towns of one country at most
    :data:`NEIGHBOURS_M` apart into one mention of B (the more specific place), named by
    the whole compound. One pass over the mentions, in order."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "city" and m.kind == "city"
                and prev.id and m.id and prev.id != m.id and prev.country == m.country
                and text[prev.end:m.start] in ("-", "‐", "‑")
                and None not in (prev.lon, prev.lat, m.lon, m.lat)
                and GEOD.inv(prev.lon, prev.lat, m.lon, m.lat)[2] <= NEIGHBOURS_M):
            out[-1] = Mention(
                text[prev.start:m.end], prev.start, m.end, "city", m.id, m.name, m.lon,
                m.lat, f"{m.text!r} joined to its neighbour {prev.text!r} (one place); "
                + m.reason, entity=m.entity, place=m.place, country=m.country)
            continue
        out.append(m)
    return out
