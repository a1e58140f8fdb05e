"""Sentences of an article, as character spans, so that every fact can quote the sentence that
states it verbatim (``text[start:end] == sentence``).

The boundary rules are those of :func:`geo.extract.sentence_around` (a full stop, question or
exclamation mark, or a closing quote after one, followed by white space and a capital, a digit
or an opening quote; a blank line; a line break before a capital: a headline), plus two that
news in the six languages needs: an abbreviation ("Mr.", "M.", "S.A.") or a single initial
("J. Smith") ends no sentence, and neither does a German ordinal ("das 13. Rechenzentrum",
"am 5. Juni").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from geo.draft.facts import Evidence
from geo.draft.vocabulary import word_set

_BOUNDARY_RE = re.compile(
    # an end of sentence (with its closing quotes) then a line break, or white space and a
    # capital, a digit or an opening quote
    # (each alternative starts only where its run of stops or spaces starts: tried again
    # inside a long run, it would make the search quadratic in the run's length)
    r"(?<![.!?…])(?P<end>[.!?…]+[»”\"’'）)\]]*)"
    r"(?:[ \t\u00a0]*\n\s*|[ \t\u00a0]+(?=[«“\"‘’'(¿¡]*[^\W_a-zà-ÿ]))"
    r"|\n[ \t]*\n\s*"  # a blank line
    r"|(?<![ \t])[ \t]*\n[ \t]*(?=[«“\"‘’'(¿¡–—-]*[^\W_a-zà-ÿ])"  # a break before a capital
)
#: Words that end with a full stop without ending a sentence (case-folded, without the stop).
ABBREVIATIONS = word_set("""
    mr mrs ms dr prof st mt no nos nr inc ltd co corp jr sr vs etc e.g i.e u.s u.k m mme mlle
    mm gen col lt sgt rev av ave p pp vol fig jan feb mar apr jun jul aug sep sept oct nov
    dec s.a s.p.a n.v b.v s.r.l s.l sr sra dra eng ing dott dott.ssa sig avv on hon sen rep
    gov pres min dir ca approx abs bzw ggf vgl z.b u.a d.h evtl inkl s.a.r.l cie ste sté
    art cf ex
""")
_ORDINAL_RE = re.compile(r"(?:^|[\s(])\d{1,3}\.$")


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text[start:end]``, stripped of surrounding white space."""

    index: int
    start: int
    end: int
    text: str

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.start, self.end, self.text)


def _false_boundary(text: str, pos: int, language: str) -> bool:
    """Whether the boundary found at ``pos`` (the white space after a full stop) is none:
    an abbreviation, an initial, or a German ordinal before a word."""
    if pos == 0 or text[pos - 1] != ".":
        return False
    if "\n" in text[pos:pos + 3]:
        return False
    before = text[max(0, pos - 16):pos]
    m = re.search(r"([\w.]+)\.$", before)
    if m is None:
        return False
    word = m.group(1)
    if word.casefold() in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. Smith"
    if language == "de" and _ORDINAL_RE.search(before):
        nxt = text[pos:pos + 40].lstrip()
        return bool(nxt[:1].isupper())
    return False


def split_sentences(text: str, language: str = "en") -> list[Sentence]:
    """The sentences of ``text``, in order, each a stripped span of it."""
    out: list[Sentence] = []
    start = 0
    cuts: list[tuple[int, int]] = []
    for m in _BOUNDARY_RE.finditer(text):
        end = m.end("end") if m.group("end") else m.start()
        if m.group("end") and _false_boundary(text, end, language):
            continue
        cuts.append((end, m.end()))
    cuts.append((len(text), len(text)))
    for a, b in cuts:
        piece = text[start:a]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            s, e = start + left, start + right
            out.append(Sentence(len(out), s, e, text[s:e]))
        start = b
    return out


class Sentences:
    """The sentences of one text, with a look-up from a character offset to its sentence."""

    def __init__(self, text: str, language: str = "en"):
        self.text = text
        self.items = split_sentences(text, language)
        self._starts = [s.start for s in self.items]

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> Sentence:
        return self.items[i]

    def at(self, pos: int) -> Sentence | None:
        """The sentence holding offset ``pos`` (``None`` between sentences)."""
        k = bisect_right(self._starts, pos) - 1
        if k < 0 or pos > self.items[k].end:
            return None
        return self.items[k]
