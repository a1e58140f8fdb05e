"""Draft ``[[site]]`` entries, for a person to review, for the places articles mention and
the catalogue lacks (``geo extract --suggest``): :func:`suggest_entries`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geo.extract.articles import ArticleMentions
from geo.extract.catalogue_coverage import coverage
from geo.extract.mention import Mention
from geo.extract.sentences import sentence_span
from geo.gazetteer import Gazetteer, Place, default_gazetteer
from geo.text import fold, toml_string

if TYPE_CHECKING:
    from geo.catalog import Catalog


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "place"


#: A drafted quote is the mention's sentence, cut to the whole words within half this many
#: characters either side of the mention when the sentence is longer (a text with no
#: sentence ends would otherwise be quoted whole for every place it names).
MAX_QUOTE_CHARS = 2_000


def _quote(text: str, m: Mention) -> str:
    """The quote for a draft entry: the sentence around ``m`` (:func:`sentence_around`),
    at most about :data:`MAX_QUOTE_CHARS` characters of it; ``m.text`` if it would not be
    found in the article after folding white space (never, but checked)."""
    a, b = sentence_span(text, m.start, m.end)
    if b - a > MAX_QUOTE_CHARS:
        a, b = _words_around(text, m.start, m.end, a, b, MAX_QUOTE_CHARS // 2)
    quote = text[a:b]
    # The quote widened to white space (or the ends of the text) folds to a piece of the
    # folded text (no white space composes under NFC), so looking for the quote there
    # answers the question without folding the whole article per quote.
    wa, wb = a, b
    while wa > 0 and not text[wa - 1].isspace():
        wa -= 1
    while wb < len(text) and not text[wb].isspace():
        wb += 1
    folded = fold(quote)
    if folded not in fold(text[wa:wb]) and folded not in fold(text):  # pragma: no cover
        quote = m.text
    return quote


def _words_around(text: str, start: int, end: int, a: int, b: int,
                  reach: int) -> tuple[int, int]:
    """The whole words of ``text[a:b]`` within ``reach`` characters of ``text[start:end]``
    (the mention itself always kept), without white space at either end."""
    lo = max(a, start - reach)
    if lo > a:
        while lo < start and not text[lo - 1].isspace():
            lo += 1  # to the start of a word
    hi = min(b, end + reach)
    if hi < b:
        while hi > end and not text[hi].isspace():
            hi -= 1  # to the end of a word
    piece = text[lo:hi]
    left = len(piece) - len(piece.lstrip())
    return lo + left, lo + left + len(piece.strip())


def suggest_entries(results: Sequence[ArticleMentions], catalog: Catalog | None,
                    gazetteer: Gazetteer | None = None) -> str:
    """Draft ``[[site]]`` tables (the format of ``data/sites.toml``) for every city and
    country the articles mention and the catalogue lacks: id, name, kind, country, lon/lat
    (WGS84 degrees; a country at its capital), precision, one source per article quoting
    the sentence of its first mention there, and the GeoNames reference. For a person to
    review; an empty string when nothing is missing."""
    gazetteer = gazetteer or default_gazetteer()
    taken = set()
    if catalog is not None:
        taken = {entity.id for _kind, entity in catalog.entities()}
    places: dict[str, list[tuple[ArticleMentions, Mention]]] = {}
    for result in results:
        for m in coverage(result.mentions, catalog).lacking:
            assert m.place is not None
            places.setdefault(m.place, []).append((result, m))
    blocks = []
    for place_id, seen in places.items():
        place = gazetteer.get(place_id)
        if place is None:
            continue
        eid = _slug(place.name)
        for candidate in (eid, f"{eid}-{(place.country or '').lower()}",
                          f"{eid}-{place.geonameid}"):
            if candidate not in taken:
                eid = candidate
                break
        taken.add(eid)
        blocks.append(_site_block(eid, place, seen, gazetteer))
    if not blocks:
        return ""
    head = ("# Draft entries from `geo extract --suggest` for places the catalogue lacks.\n"
            "# Review each (position, precision, quote) before adding it to data/sites.toml.\n")
    return head + "\n".join(blocks)


def _site_block(eid: str, place: Place, seen: list[tuple[ArticleMentions, Mention]],
                gazetteer: Gazetteer) -> str:
    lines = []
    mentioned = ", ".join(f"{r.stem} ({m.text!r} at {m.start})" for r, m in seen)
    lines.append(f"# {place.name}: mentioned in {mentioned}")
    outside = sorted({r.stem for r, _m in seen if not r.in_seeds})
    if outside:
        lines.append(f"# not in seeds/: {', '.join(outside)}; add the article(s) there "
                     "with their metadata before this entry")
    lines += [
        "[[site]]",
        f"id = {toml_string(eid)}",
        f"name = {toml_string(place.name)}",
        f"kind = {toml_string(place.kind)}",
        f"country = {toml_string(place.country or '')}",
        f"lon = {place.lon!r}",
        f"lat = {place.lat!r}",
        f"precision = {toml_string('country' if place.kind == 'country' else 'city')}",
    ]
    anchor = gazetteer.get(place.anchor) if place.anchor else None
    if place.kind == "country" and anchor is not None:
        notes = f"Stands for the country; drawn at its capital, {anchor.name}."
        lines.append(f"notes = {toml_string(notes)}")
    done = set()
    for result, m in seen:
        if result.stem in done:
            continue
        done.add(result.stem)
        lines += ["", "[[site.sources]]", f"article = {toml_string(result.stem)}",
                  f"quote = {toml_string(_quote(result.text, m))}"]
    if place.kind == "country" and anchor is not None:
        note = (f"{place.name} in GeoNames; drawn at the position of its capital, "
                f"{anchor.name} ({anchor.id}).")
    else:
        note = f"Position of {place.name} (GeoNames, population {place.population:,})."
    lines += ["", "[[site.sources]]", f"reference = {toml_string(place.id)}",
              f"note = {toml_string(note)}", ""]
    return "\n".join(lines)
