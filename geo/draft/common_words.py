"""Words common in one language of the news and not in the others ("Mehrheit",
"Insgesamt", "Estrutura", "Giunta"): capitalised alone (at a sentence's start, as a German
noun, or as a word of a long institution's name cut at "y": "Turismo y Comercio"), such a
word is no organisation's name unless a list of names knows it. The price: an operator
whose name is such a word ("Vivo" in Portuguese) is found only where a list knows it
(measured on the dev articles, the rule removes 14 wrong names and loses none).

The list ships as ``geo/data/draft_common_words.txt.gz`` (``language<TAB>word`` lines, from
the ``wordfreq`` word frequencies: how it is made and its licence are in
``geo/data/PROVENANCE.md``).
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from geo.draft.vocabulary import fold

COMMON_WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "draft_common_words.txt.gz"


@lru_cache(maxsize=1)
def _all() -> dict[str, frozenset[str]]:
    by_language: dict[str, set[str]] = {}
    try:
        text = gzip.decompress(COMMON_WORDS_FILE.read_bytes()).decode("utf-8")
    except FileNotFoundError:  # pragma: no cover - a broken installation
        return {}
    for line in text.splitlines():
        language, _, word = line.partition("\t")
        if word:
            by_language.setdefault(language, set()).add(fold(word))
    return {language: frozenset(words) for language, words in by_language.items()}


def common_words(language: str) -> frozenset[str]:
    """The folded common words of ``language`` (empty for a language the list lacks)."""
    return _all().get(language, frozenset())


def german_compound(folded: str) -> bool:
    """A long word ending in a common German noun of four letters or more: a compound the
    word lists do not hold ("Küstenschutz", "Breitbandausbau", "Konzerntochter")."""
    if not 8 <= len(folded) <= 40:
        return False  # (a hostile word of millions of letters is no compound either)
    common = common_words("de")
    return any(folded[i:] in common for i in range(2, len(folded) - 3))
