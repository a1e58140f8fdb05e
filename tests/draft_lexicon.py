"""Build ``geo/data/draft_known_organisations.txt`` from the dev split of the draft corpus.

The drafting rules take a capitalised name the file lists for an organisation even when no
words around it say so ("... en las instalaciones de BitNAP, Equinix y EdgeConneX"). The list is
the names and aliases of the organisations labelled in the corpus's **dev** articles only (the
hold-out is never read), less those the same article labels as places too (countries signing
as parties) and one-letter names; one name per line, in the order of their folded keys.

``python -m tests.draft_lexicon`` rewrites the file; ``tests/test_draft_lexicon.py`` checks
that the shipped file is what this gives.
"""

from __future__ import annotations

from pathlib import Path

from geo.draft.known_organisations import DATA_FILE, HEADER
from geo.draft.vocabulary import fold
from tests.draft_eval import CORPUS, load_corpus


def known_names(corpus: Path = CORPUS) -> list[str]:
    """The organisation names of the dev labels, one per folded key (first written wins)."""
    names: dict[str, str] = {}
    for article in load_corpus("dev", corpus):
        places = {fold(p["name"]) for p in article.labels.get("place", [])}
        for org in article.labels.get("organisation", []):
            for name in [org["name"], *org.get("aliases", [])]:
                name = " ".join(name.split())
                key = fold(name)
                if len(key) < 2 or key in places:
                    continue
                names.setdefault(key, name)
    return [names[k] for k in sorted(names)]


def file_text(corpus: Path = CORPUS) -> str:
    return HEADER + "".join(f"{name}\n" for name in known_names(corpus))


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    DATA_FILE.write_text(file_text(), encoding="utf-8")
    print(f"wrote {DATA_FILE}: {len(known_names())} names")
