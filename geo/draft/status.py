"""The state of a facility or route from the words nearest to it: operational (opened, in
service, already), under construction (being built, being laid), planned (will, announced,
a future tense), or unspecified when its sentence says nothing of it."""

from __future__ import annotations

import re
from bisect import bisect_left

from geo.draft.sentences import Sentence
from geo.draft.vocabulary import OPERATIONAL, PLANNED, UNDER_CONSTRUCTION, pattern

#: Future tenses: Spanish and Portuguese "-rá", Italian "-rà", French "-era"/"-ira"/"-ront".
_FUTURE_RE = {
    "es": re.compile(r"(?<![\w-])[a-záéíóúñ]{2,}(?:rá|rán)(?![\w])"),
    "pt": re.compile(r"(?<![\w-])[a-záéíóúâêôãõç]{2,}(?:rá|rão)(?![\w])"),
    "it": re.compile(r"(?<![\w-])[a-zàèéìòù]{2,}(?:rà|ranno)(?![\w])"),
    "fr": re.compile(r"(?<![\w-])[a-zàâçéèêëîïôûù]{2,}(?:era|eront|ira|iront|endra|"
                     r"endront)(?![\w])"),
}


#: Words of a future or intention right before a verb of state ("will open", "plans to
#: build", "va inaugurer", "vai abrir", "sarà inaugurato", "soll eröffnet").
_FUTURE_BEFORE_RE = re.compile(
    r"(?:\bwill|\bshall|\bplans?\s+to|\bexpected\s+to|\bto\s+be|\bto|\bva|\bvont|"
    r"\bdevrait|\bdoit|\bsera|\bvan?\s+a|\bserá|\bvai|\bvão|\bdeverá|\bsarà|\bdovrà|"
    r"\bwird|\bsoll|\bsollen|\bwerden)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)




class _Cues(list):
    """The words of state of one sentence, in order of their start, and the length of the
    longest (``longest``)."""

    longest = 0


_CUES: dict[tuple[int, str, str], _Cues] = {}


def _cues(text: str, sentence: Sentence, language: str) -> _Cues:
    """``(start, end, rank, state)`` of every word of state in ``sentence`` (kept for the
    last text asked about)."""
    key = (sentence.start, sentence.text, language)
    found = _CUES.get(key)
    if found is not None:
        return found
    if len(_CUES) > 512:
        _CUES.clear()
    found = _Cues()
    lo, hi = sentence.start, sentence.end
    for kind, rx, rank in (("under-construction", pattern(UNDER_CONSTRUCTION), 0),
                           ("operational", pattern(OPERATIONAL), 1),
                           ("planned", pattern(PLANNED), 2)):
        for m in rx.finditer(text, lo, hi):
            said = kind
            if kind != "planned" and _FUTURE_BEFORE_RE.search(text[max(lo, m.start() - 30):
                                                                   m.start()]):
                said = "planned"  # "will also open", "va ouvrir", "wird eröffnet"
            found.append((m.start(), m.end(), rank, said))
    future = _FUTURE_RE.get(language)
    if future is not None:
        for m in future.finditer(text, lo, hi):
            found.append((m.start(), m.end(), 2, "planned"))
    found.sort()
    _CUES[key] = found
    found.longest = max((b - a for a, b, _r, _s in found), default=0)
    return found


def status_near(text: str, pos: int, sentence: Sentence, language: str, what: str,
                exclude: tuple[tuple[int, int], ...] = ()) -> str:
    """The state the words of ``sentence`` nearest to ``pos`` give, or ``unspecified``;
    words inside the spans ``exclude`` (names: "Cable Landing Station") do not count."""
    del what
    cues = _cues(text, sentence, language)  # in order of their start
    longest = cues.longest
    # from the cue starting nearest ``pos`` outwards, while a cue could still be nearer
    # (none is longer than ``longest``): a long sentence costs each position a few cues
    k = bisect_left(cues, (pos,))
    best: tuple[int, int, str] | None = None
    for step in (-1, 1):
        i = k if step == 1 else k - 1
        while 0 <= i < len(cues):
            a, b, rank, said = cues[i]
            if best is not None and abs(a - pos) > best[0] + longest:
                break
            if not any(lo <= a and b <= hi for lo, hi in exclude):
                here = (min(abs(a - pos), abs(b - pos)), rank, said)
                best = here if best is None or here < best else best
            i += step
    return "unspecified" if best is None else best[2]
