"""The state of a facility or route from the words nearest to it: operational (opened, in
service, already), under construction (being built, being laid), planned (will, announced,
a future tense), or unspecified when its sentence says nothing of it."""

from __future__ import annotations

import re

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


def status_near(text: str, pos: int, sentence: Sentence, language: str, what: str) -> str:
    """The state the words of ``sentence`` nearest to ``pos`` give, or ``unspecified``."""
    del what
    found: list[tuple[int, int, str]] = []
    lo, hi = sentence.start, sentence.end
    for kind, rx, rank in (("under-construction", pattern(UNDER_CONSTRUCTION), 0),
                           ("operational", pattern(OPERATIONAL), 1),
                           ("planned", pattern(PLANNED), 2)):
        for m in rx.finditer(text, lo, hi):
            said = kind
            if kind != "planned" and _FUTURE_BEFORE_RE.search(text[max(lo, m.start() - 30):
                                                                   m.start()]):
                said = "planned"  # "will also open", "va ouvrir", "wird eröffnet"
            found.append((min(abs(m.start() - pos), abs(m.end() - pos)), rank, said))
    future = _FUTURE_RE.get(language)
    if future is not None:
        for m in future.finditer(text, lo, hi):
            found.append((min(abs(m.start() - pos), abs(m.end() - pos)), 2, "planned"))
    if not found:
        return "unspecified"
    return min(found)[2]
