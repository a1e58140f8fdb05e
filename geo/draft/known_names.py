"""Names known from labelled news and from open reference data: evidence that a capitalised
name is an organisation or a cable.

Two kinds of list ship in ``geo/data``:

* ``draft_known_organisations.txt`` and ``draft_known_cables.txt``, built by
  ``python -m tests.draft_lexicon`` from the organisations and named routes labelled in the
  dev split of the draft corpus (``tests/data/draft_corpus``; the hold-out split is never
  read);
* ``draft_reference_organisations.tsv`` and ``draft_reference_cables.tsv``: operators from
  open telephone-numbering data and cable systems from the CIA World Factbook and Wikipedia
  (sources and licences in ``geo/data/PROVENANCE.md``), ordinary words left out. A
  reference cable's name that is also an organisation's ("EllaLink", "MainOne") or has
  three letters or fewer ("ACE", "SAS") is not used: such a name in a text is as often the
  company or an abbreviation.

A name on a list is only a cue: a place, a person's name or a source of the news stays what
the rules say it is, and a cable's name counts only where the text speaks of cables or the
name is distinctive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from geo.draft.common_words import common_words
from geo.draft.vocabulary import fold, fold_aligned

DATA = Path(__file__).resolve().parent.parent / "data"
ORGANISATIONS_FILE = DATA / "draft_known_organisations.txt"
CABLES_FILE = DATA / "draft_known_cables.txt"
REFERENCE_ORGANISATIONS_FILE = DATA / "draft_reference_organisations.tsv"
REFERENCE_CABLES_FILE = DATA / "draft_reference_cables.tsv"
HEADERS = {
    ORGANISATIONS_FILE: "# Organisations labelled in the dev split of tests/data/draft_corpus, "
                        "one name per\n# line (built by `python -m tests.draft_lexicon`; do "
                        "not edit by hand).\n",
    CABLES_FILE: "# Cables and backbones named in the dev split of tests/data/draft_corpus, "
                 "one name per\n# line (built by `python -m tests.draft_lexicon`; do not edit "
                 "by hand).\n",
}


#: Folded names of the labelled lists left out (:func:`withheld`), per list file.
_WITHHELD: dict[Path, frozenset[str]] = {}


def _names(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:  # pragma: no cover - a broken installation
        return []
    left_out = _WITHHELD.get(path, frozenset())
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.startswith("#")
            and not (left_out and fold(line.strip()) in left_out)]


@contextmanager
def withheld(organisations: Iterable[str] = (), cables: Iterable[str] = ()) -> Iterator[None]:
    """Draft as if the labelled lists lacked these names (compared folded): how a text the
    lists never learnt from is drafted, for a leave-one-article-out evaluation."""
    left_out = {ORGANISATIONS_FILE: frozenset(fold(n) for n in organisations),
                CABLES_FILE: frozenset(fold(n) for n in cables)}
    before = dict(_WITHHELD)
    _WITHHELD.update(left_out)
    _clear_caches()
    try:
        yield
    finally:
        _WITHHELD.clear()
        _WITHHELD.update(before)
        _clear_caches()


def _clear_caches() -> None:
    for cached in (known_organisations, known_cables, known_cables_pattern, common_unnamed):
        cached.cache_clear()


def _reference_forms(path: Path) -> list[str]:
    """Every form (name and other forms) of a reference list's entries."""
    forms = []
    for line in _names(path):
        name, _, rest = line.partition("\t")
        others = rest.partition("\t")[0]
        forms += [f.strip() for f in [name, *others.split(" | ")] if f.strip()]
    return forms


@lru_cache(maxsize=1)
def known_organisations() -> frozenset[str]:
    """The folded names of the organisations' lists (labelled news and reference data)."""
    return frozenset(fold(n) for n in [*_names(ORGANISATIONS_FILE),
                                       *_reference_forms(REFERENCE_ORGANISATIONS_FILE)])


@lru_cache(maxsize=8)
def common_unnamed(language: str) -> frozenset[str]:
    """The common words of ``language`` that no list of names knows as an organisation's."""
    return common_words(language) - known_organisations()


@lru_cache(maxsize=1)
def known_cables() -> dict[str, str]:
    """The cables' lists: each name folded position by position (as a document's folded text
    is, so that a match's offsets are the text's) -> the name as listed. The labelled names
    first; a reference name only when longer than three characters and no organisation's."""
    cables = {fold_aligned(n): n for n in _names(CABLES_FILE)}
    organisations = known_organisations()
    for name in _reference_forms(REFERENCE_CABLES_FILE):
        key = fold_aligned(name)
        if len(name) > 3 and fold(name) not in organisations:
            cables.setdefault(key, name)
    return cables


@lru_cache(maxsize=1)
def known_cables_pattern() -> re.Pattern[str] | None:
    """One pattern of every cable name on the list, to search folded text (whole words)."""
    names = sorted(known_cables(), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def distinctive(name: str) -> bool:
    """A name no common word could be: a digit, a hyphen or two capitals ("SAT-3", "WACS",
    "2Africa", "EllaLink")."""
    return any(c.isdigit() for c in name) or "-" in name or sum(c.isupper() for c in name) >= 2
