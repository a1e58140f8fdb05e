"""The words of a figure: its font and text measures, label lines, the counts, the source
line, the credits and the alt text.

Text is set in DejaVu Sans, the copy inside matplotlib (named by its file: a system copy of
another version is never picked), and measured with its own advances, unhinted
(:func:`text_width`), so that lines wrap the same way in every format. Widths are points.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font
from matplotlib.textpath import TextToPath

from geo import __version__
from geo.figure.extent import Extent, lat_text, lon_text
from geo.figure.map_projection import MapProjection
from geo.figure.marks import ContextMarks, Mark
from geo.names import LAYER_NAMES, LAYERS

#: Points per CSS pixel (72 points and 96 pixels to the inch).
PX = 0.75
#: Longest line of a feature's label (characters) and most lines.
LABEL_WRAP_CHARS = 28
LABEL_MAX_LINES = 3
#: Most articles named in the source line, and most names in each list of the alt text.
MAX_SOURCES = 40
MAX_ALT_NAMES = 12

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT_FILE = FONT_DIR / "DejaVuSans.ttf"
BOLD_FONT_FILE = FONT_DIR / "DejaVuSans-Bold.ttf"

#: Credits of the shipped data.
BASEMAP_CREDIT = "Natural Earth 1:110m country outlines and 1:50m islands (public domain)"
REFERENCE_NAMES = {"geonames": "GeoNames (CC BY 4.0)"}

#: Layer names in running text, singular and plural.
_NOUNS = {layer.name: (layer.singular, layer.name) for layer in LAYERS}
_COUNT_ORDER = LAYER_NAMES


@functools.lru_cache(maxsize=8)
def font(size_px: float, bold: bool = False) -> FontProperties:
    """DejaVu Sans (matplotlib's own copy) at ``size_px`` CSS pixels."""
    return FontProperties(fname=str(BOLD_FONT_FILE if bold else FONT_FILE), size=size_px * PX,
                          weight="bold" if bold else "normal")


@functools.lru_cache(maxsize=1)
def _measurer() -> TextToPath:
    return TextToPath()


@functools.lru_cache(maxsize=4096)
def text_width(text: str, fp: FontProperties) -> float:
    """Width of ``text`` set in ``fp``, points: the font's own advances, unhinted (as SVG
    and PDF viewers set it, and as the PNG is drawn with ``text.hinting: no_hinting``)."""
    if not text:
        return 0.0
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        width, _h, _d = _measurer().get_text_width_height_descent(text, fp, ismath=False)
    return float(width)


@functools.lru_cache(maxsize=1)
def _glyph_font() -> FT2Font:
    return FT2Font(str(FONT_FILE))


def missing_glyphs(texts: Sequence[str]) -> list[str]:
    """Characters of ``texts`` (white space aside) that DejaVu Sans has no glyph for."""
    ft = _glyph_font()
    seen: dict[str, None] = {}
    for text in texts:
        for ch in text:
            if not ch.isspace() and ch not in seen and ft.get_char_index(ord(ch)) == 0:
                seen[ch] = None
    return list(seen)


def _break_word(word: str, fp: FontProperties, width: float) -> list[str]:
    """A word too long for a line, cut into pieces that fit (at least one character each)."""
    pieces, current = [], ""
    for ch in word:
        if current and text_width(current + ch, fp) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return [*pieces, current] if current else pieces


def wrap(text: str, fp: FontProperties, width: float) -> list[str]:
    """``text`` as lines no wider than ``width`` points (breaking at spaces, and inside words
    only when a word alone is too wide); line breaks in ``text`` are kept. Words are
    measured once each (a line's width is its words' and spaces'), then each line whole."""
    space = text_width("a a", fp) - 2.0 * text_width("a", fp)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        words = [p for w in paragraph.split() for p in
                 (_break_word(w, fp, width) if text_width(w, fp) > width else [w])]
        if not words:
            lines.append("")
            continue
        current, current_w = [words[0]], text_width(words[0], fp)
        for word in words[1:]:
            word_w = text_width(word, fp)
            if current_w + space + word_w <= width:
                current.append(word)
                current_w += space + word_w
            else:
                lines.append(" ".join(current))
                current, current_w = [word], word_w
        lines.append(" ".join(current))
    out: list[str] = []
    for line in lines:  # kerning may make a line a hair wider than its words: re-check
        while " " in line and text_width(line, fp) > width:
            head, _sep, last = line.rpartition(" ")
            out.append(head)
            line = last
        out.append(line)
    return out


def label_lines(name: str) -> list[str]:
    """A feature's name as label lines: at most :data:`LABEL_WRAP_CHARS` characters per
    line (unless a word is longer), at most :data:`LABEL_MAX_LINES` lines, the last ending
    with "…" when the name is longer."""
    words = " ".join(name.split()).split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > LABEL_WRAP_CHARS:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    if len(lines) > LABEL_MAX_LINES:
        lines = [*lines[:LABEL_MAX_LINES - 1], lines[LABEL_MAX_LINES - 1].rstrip(",;:") + "…"]
    return [line[:3 * LABEL_WRAP_CHARS] for line in lines]


def _count(n: int, layer: str) -> str:
    singular, plural = _NOUNS[layer]
    return f"{n} {singular if n == 1 else plural}"


def counts_of(marks: Sequence[Mark]) -> dict[str, int]:
    """Visible marks per layer, in :data:`_COUNT_ORDER` (layers with none left out)."""
    counts = {layer: 0 for layer in _COUNT_ORDER}
    for mark in marks:
        counts[mark.layer] += 1
    return {k: v for k, v in counts.items() if v}


def counts_text(counts: Mapping[str, int], joiner: str = " · ") -> str:
    """``25 sites · 3 routes · 1 corridor``; ``nothing from the catalogue`` when empty."""
    if not counts:
        return "nothing from the catalogue"
    return joiner.join(_count(n, layer) for layer, n in counts.items())


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _article_label(record: Mapping[str, Any]) -> str:
    date = record.get("date") or "undated"
    publisher = record.get("publisher")
    title = record.get("title") or ""
    if publisher:
        return f"{publisher}, {date}"
    if title and not title.endswith("(untitled)"):
        return f"“{title}”, {date}"
    return f"untitled article, {date}"


def source_line(marks: Sequence[Mark]) -> str:
    """``Sources: Agence Ecofin, 2018-05; ...``: every article a shown entity quotes, once,
    dated ones first by date, then the undated by name; references (``geonames:...``) named
    by their dataset. Empty when nothing is shown."""
    articles: dict[str, Mapping[str, Any]] = {}
    references: dict[str, None] = {}
    for mark in marks:
        for record in mark.sources:
            if record.get("article"):
                articles.setdefault(str(record["article"]), record)
            elif record.get("reference"):
                prefix = str(record["reference"]).split(":", 1)[0].lower()
                references[REFERENCE_NAMES.get(prefix, prefix)] = None
    if not articles and not references:
        return ""
    ordered = sorted(articles.values(), key=lambda r: (r.get("date") is None, r.get("date") or "",
                                                       _article_label(r)))
    labels = [_article_label(r) for r in ordered]
    if len(labels) > MAX_SOURCES:
        labels = [*labels[:MAX_SOURCES], f"and {len(labels) - MAX_SOURCES} more articles"]
    parts = []
    if labels:
        parts.append("Sources: " + "; ".join(labels) + ".")
    if references:
        parts.append("Positions the articles do not give: " + "; ".join(references) + ".")
    return " ".join(parts)


def credits_line(projection: MapProjection, shown_context: Sequence[ContextMarks]) -> str:
    """Basemap, context layers with their licences (``licence not stated`` when the file
    and ``geo.toml`` give none), projection, and the tool."""
    parts = [f"Basemap: {BASEMAP_CREDIT}."]
    if shown_context:
        items = [f"{c.layer.name} ({c.layer.path.name}), "
                 f"{'licence ' + c.layer.licence if c.layer.licence else 'licence not stated'}"
                 for c in shown_context]
        parts.append("Context: " + "; ".join(items) + ".")
    parts.append(f"Projection: {projection.description}.")
    parts.append(f"Made with geo {__version__}.")
    return " ".join(parts)


def _kind_words(mark: Mark) -> str:
    bits = [b.replace("-", " ") for b in (mark.kind, mark.status) if b and b != "corridor"]
    if mark.draft:
        bits.append("unreviewed draft")
    return f" ({', '.join(bits)})" if bits else ""


def _names(marks: Sequence[Mark], with_kind: bool) -> str:
    names = [m.name + (_kind_words(m) if with_kind else "") for m in marks]
    if len(names) > MAX_ALT_NAMES:
        names = [*names[:MAX_ALT_NAMES], f"and {len(names) - MAX_ALT_NAMES} more"]
    return "; ".join(names)


def alt_text(title: str, visible: Sequence[Mark], projection: MapProjection,
             shown_context: Sequence[ContextMarks], labelled: Sequence[Mark],
             notes: str | None, sources: str) -> str:
    """One paragraph saying what the figure shows, for readers who cannot see it: title,
    projection, what it shows and where (the lon/lat box of the entities shown), the
    corridors, routes and agreements by name, the places labelled, the context layers, the
    notes and the sources."""
    counts = counts_of(visible)
    text = [f"Map titled “{title}” ({projection.description}, over Natural Earth country "
            "outlines)."]
    parts = [p for m in visible for p in m.parts()]
    if parts:
        pos = np.concatenate(parts)
        box = Extent.covering(pos[:, 0], pos[:, 1])
        shown = _and([_count(n, layer) for layer, n in counts.items()])
        text.append(f"It shows {shown} of the catalogue, between {lat_text(box.south)} and "
                    f"{lat_text(box.north)}, {lon_text(box.west)} and {lon_text(box.east)}.")
    else:
        text.append("It shows nothing of the catalogue.")
    for layer, heading in (("corridors", "Corridors"), ("routes", "Routes")):
        members = [m for m in visible if m.layer == layer]
        if members:
            text.append(f"{heading}: {_names(members, True)}.")
    agreements = [m for m in visible if m.layer == "agreements"]
    if agreements:
        text.append(f"Agreements, drawn as arcs between the parties' head offices or as pins "
                    f"at their venue: {_names(agreements, False)}.")
    others = [m for m in labelled if m.layer in ("sites", "organisations")]
    if others:
        text.append(f"Labelled places: {_names(others, False)}.")
    drafts = [m for m in visible if m.draft]
    if drafts:
        text.append(f"{len(drafts)} of them are unreviewed drafts, drawn with a dashed "
                    "purple halo.")
    if shown_context:
        text.append("Context layers, drawn in muted colours: " + "; ".join(
            f"{c.layer.name}, {c.shown:,} feature{'s' if c.shown != 1 else ''}"
            for c in shown_context) + ".")
    if notes:
        text.append(" ".join(notes.split()))
    if sources:
        text.append(sources)
    return " ".join(text)
