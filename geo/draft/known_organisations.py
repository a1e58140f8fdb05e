"""Names of organisations known from labelled news: evidence that a capitalised name is one.

The list ships as ``geo/data/draft_known_organisations.txt``, built by
``python -m tests.draft_lexicon`` from the organisations labelled in the dev split of the draft
corpus (``tests/data/draft_corpus``; the hold-out split is never read). A name on the list is
still only a candidate's cue: a place, a person's name or a source of the news stays what the
rules say it is.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from geo.draft.vocabulary import fold

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "draft_known_organisations.txt"
HEADER = ("# Organisations labelled in the dev split of tests/data/draft_corpus, one name per\n"
          "# line (built by `python -m tests.draft_lexicon`; do not edit by hand).\n")


@lru_cache(maxsize=1)
def known_organisations() -> frozenset[str]:
    """The folded names of the list (empty when the file is missing)."""
    try:
        text = DATA_FILE.read_text(encoding="utf-8")
    except FileNotFoundError:  # pragma: no cover - a broken installation
        return frozenset()
    return frozenset(fold(line.strip()) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))
