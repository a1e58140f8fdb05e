"""The sentence around a span of a text: :func:`sentence_around`.

A sentence ends at ``.!?`` (or a closing quote) followed by white space and a capital, at a
blank line, at a line break before a capital (a headline), or at the ends of the text; not
after an abbreviation ("Mr."). Boundaries are found once per text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from geo.extract.vocabulary import ABBREVIATIONS

_BOUNDARY_RE = re.compile(
    r"(?<=[.!?»”\"])\s+(?=[«“\"A-ZÀ-Ý0-9])|\n\s*\n|\n(?=\s*[«“\"A-ZÀ-Ý0-9])")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, trimmed. A sentence ends at ``.!?`` (or
    a closing quote) followed by white space and a capital, at a blank line, at a line
    break before a capital (a headline), or at the ends of the text. The result is an
    exact excerpt of ``text``."""
    a, b = sentence_span(text, start, end)
    return text[a:b]


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(a, b)`` such that ``text[a:b]`` is :func:`sentence_around`'s result.

    The start is the last boundary found in ``text[:start]`` (a boundary needs what
    follows it, so one right before ``start`` is not seen there), the end the first
    boundary at or after ``end``. Boundaries are found once per text
    (:func:`_boundaries`); only the white space right before ``start``, where the cut text
    may see other boundaries than the whole, is scanned again."""
    every, kept = _boundaries(text)
    # Matches that start before the white space ending at `start` look at nothing from
    # `start` on (a match, its look-ahead and its back-tracking stay within one run of
    # white space and the character after it), so they are the same in the cut text.
    w = start
    while w > 0 and text[w - 1].isspace():
        w -= 1
    a = 0
    k = bisect_left(kept[0], w)
    if k:
        a = kept[1][k - 1]
    for m in _BOUNDARY_RE.finditer(text, w, start):
        if not _after_abbreviation(text, m.start()):
            a = m.end()
    k = bisect_left(every[0], end) - 1
    if k >= 0 and every[1][k] > end:
        # a boundary spans `end` (only white space can): scan on from `end` as it is
        b = len(text)
        for m in _BOUNDARY_RE.finditer(text, end):
            if not _after_abbreviation(text, m.start()):
                b = m.start()
                break
    else:
        k = bisect_left(kept[0], end)
        b = kept[0][k] if k < len(kept[0]) else len(text)
    piece = text[a:b]
    left = len(piece) - len(piece.lstrip())
    return a + left, a + left + len(piece.strip())


@lru_cache(maxsize=8)
def _boundaries(text: str) -> tuple[tuple[list[int], list[int]], tuple[list[int], list[int]]]:
    """Sentence boundaries of ``text``: ``(starts, ends)`` of every match of the boundary
    pattern, and of those that do not follow an abbreviation ("Mr.")."""
    every: tuple[list[int], list[int]] = ([], [])
    kept: tuple[list[int], list[int]] = ([], [])
    for m in _BOUNDARY_RE.finditer(text):
        every[0].append(m.start())
        every[1].append(m.end())
        if not _after_abbreviation(text, m.start()):
            kept[0].append(m.start())
            kept[1].append(m.end())
    return every, kept


def _after_abbreviation(text: str, pos: int) -> bool:
    """Whether the full stop ending just before ``pos`` closes an abbreviation ("Mr.")."""
    if pos == 0 or text[pos - 1] != ".":
        return False
    m = re.search(r"([\w.]+)\.$", text[max(0, pos - 12):pos])
    return bool(m) and m.group(1).casefold() in ABBREVIATIONS
