"""The words, lines and paragraphs of one text, and the shape of a single word.

:class:`Words` splits a text into words (runs of letters and digits) with their offsets,
keys and the separators between them; :class:`Layout` finds the lines and paragraphs once, so
that asking whether a word is in a headline or which paragraph holds it is a look-up.
Positions are character offsets (code points) into the text.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from geo.gazetteer import name_key


class Words:
    """The words of a text (runs of letters and digits), as parallel lists: word ``i`` is
    ``text[start[i]:end[i]] == self.text[i]`` (character offsets), its key
    (:func:`name_key`) is ``key[i]``, and ``sep[i]`` is the normalised separator to the
    next word, ``None`` where a name cannot continue (and after the last word).

    Lists of numbers and strings rather than an object per word: an article holds
    hundreds of thousands of words, which are then built at C speed and cost the
    garbage collector nothing."""

    __slots__ = ("end", "key", "sep", "start", "text")

    def __init__(self, text: str):
        parts = TOKEN_SPLIT_RE.split(text)  # gap, word, gap, word, ..., gap
        ends = list(itertools.accumulate(map(len, parts)))  # where each part ends
        self.text: list[str] = parts[1::2]
        n = len(self.text)
        self.start: list[int] = ends[0:2 * n:2]
        self.end: list[int] = ends[1::2]
        keys = {word: _token_key(word) for word in set(self.text)}
        self.key: list[str] = list(map(keys.__getitem__, self.text))
        gaps = parts[2:2 * n:2]  # between each word and the next
        seps = {gap: " " if gap == " " else _sep_key(gap) for gap in set(gaps)}
        self.sep: list[str | None] = [*map(seps.__getitem__, gaps), None] if n else []

    def __len__(self) -> int:
        return len(self.text)


#: A word is a run of letters and digits; split with it, a text alternates gaps and words.
TOKEN_SPLIT_RE = re.compile(r"([^\W_]+)")
_SEP_RE = re.compile(r"[ \-'.]{1,3}")
_APOS_DASH = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'",
                            "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
                            "\t": " ", "\u00a0": " ", "\u202f": " "})
#: The characters of a separator within a name, once normalised (see _sep_key).
SEP_CHARS = frozenset(" -'.")
_SENTENCE_END = ".!?\n"
_OPENERS = " \t\"“”«»‘’'([–—-"


@lru_cache(maxsize=65536)
def _token_key(token: str) -> str:
    return name_key(token)


def _sep_key(raw: str) -> str | None:
    """The normalised separator between two words of a name, or None if names cannot
    span it (a line break, a comma...)."""
    if "\n" in raw or "\r" in raw:
        return None
    sep = raw.translate(_APOS_DASH)
    if " " in sep:
        sep = re.sub(r" +", " ", sep)
    return sep if _SEP_RE.fullmatch(sep) else None


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


@lru_cache(maxsize=4096)
def all_capitals(name: str) -> bool:
    """Whether ``name`` has letters and all of them are capitals ("CTG")."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def name_shaped(word: str) -> bool:
    """Title-case ("Nairobi"), lower case, or all capitals of five letters or more;
    not camel case ("PoP", "AzerTelecom") and not a short acronym ("ICT")."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return True
    if all(c.isupper() for c in letters):
        return len(letters) >= 5
    return not any(c.isupper() for c in word[1:])


#: How a word counts in a headline: not at all (shorter than four letters, or not all
#: letters), capitalised, or in lower case.
_NOT_COUNTED, _CAPITALISED, _LOWER = 0, 1, 2


def _headline_kind(word: str) -> int:
    if len(word) < 4 or not word.isalpha():
        return _NOT_COUNTED
    return _CAPITALISED if is_capitalised(word) else _LOWER


class Layout:
    """The lines and paragraphs of one text, found once, so that asking about the line or
    paragraph around a word is a look-up rather than a scan of the text (which made
    extraction quadratic in the length of a line). Positions are character offsets."""

    def __init__(self, text: str, words: Words):
        self.text = text
        self.words = words
        #: offset of every line feed
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        #: offset of every "\n\n" (overlapping: "\n\n\n" holds two)
        self.breaks = [m.start() for m in re.finditer("\n(?=\n)", text)]
        self._title: dict[int, bool] = {}
        self._kinds: dict[str, int] | None = None

    def title_line(self, pos: int) -> bool:
        """Whether the line holding ``pos`` reads as a title-case headline: its words of
        four letters or more all capitalised (three or more of them), or (six or more)
        all but 15 % at most, with no closing punctuation. Worked out once per line."""
        k = bisect_left(self.newlines, pos)  # line feeds before pos
        known = self._title.get(k)
        if known is None:
            start = self.newlines[k - 1] + 1 if k else 0
            end = self.newlines[k] if k < len(self.newlines) else len(self.text)
            known = self._title[k] = self._is_title_line(start, end)
        return known

    def _is_title_line(self, start: int, end: int) -> bool:
        if self._kinds is None:
            self._kinds = {word: _headline_kind(word) for word in set(self.words.text)}
        # the words of the line are those of the text that start in it (none spans "\n")
        first = bisect_left(self.words.start, start)
        last = bisect_left(self.words.start, end)
        kinds = list(map(self._kinds.__getitem__, self.words.text[first:last]))
        lower = kinds.count(_LOWER)
        counted = lower + kinds.count(_CAPITALISED)
        if counted < 3:
            return False
        if lower == 0:
            return True
        if counted < 6 or lower > 0.15 * counted:
            return False
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return not (end > start and self.text[end - 1] in ".!?:")

    def paragraph(self, pos: int) -> tuple[int, int]:
        """``(a, b)``: the last "\\n\\n" ending by ``pos`` (0 if none) and the first one
        starting at or after ``pos`` (the length of the text if none)."""
        k = bisect_right(self.breaks, pos - 2)
        a = self.breaks[k - 1] if k else 0
        k = bisect_left(self.breaks, pos)
        b = self.breaks[k] if k < len(self.breaks) else len(self.text)
        return a, b


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins a sentence: only opening quotes, brackets, dashes
    and white space between it and the start of the text, a ``.!?``, a line feed or a
    colon."""
    k = start - 1
    while k >= 0 and text[k] in _OPENERS:
        k -= 1
    return k < 0 or text[k] in _SENTENCE_END or text[k] == ":"
