"""Build ``geo/data/draft_known_organisations.txt`` and ``draft_known_cables.txt`` from the
dev split of the draft corpus.

The drafting rules take a capitalised name the first file lists for an organisation even when
no words around it say so ("... en las instalaciones de BitNAP, Equinix y EdgeConneX"), and one
the second lists for a cable's name. The lists are the names and aliases of the organisations,
and the names of the routes, labelled in the corpus's **dev** articles only (the hold-out is
never read), less those the same article labels as places (countries signing as parties) or,
for cables, as organisations too ("Seacom"), and one-letter names; one name per line, in the
order of their folded keys.

``python -m tests.draft_lexicon`` rewrites both files; ``tests/test_draft_lexicon.py`` checks
that the shipped files are what this gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from geo.draft.known_names import CABLES_FILE, HEADERS, ORGANISATIONS_FILE
from geo.draft.vocabulary import fold
from tests.draft_eval import CORPUS, Labelled, load_corpus


def known_names(corpus: Path = CORPUS) -> list[str]:
    """The organisation names of the dev labels, one per folded key (first written wins)."""
    return organisation_names(load_corpus("dev", corpus))


def organisation_names(articles: Iterable[Labelled]) -> list[str]:
    """The organisation names the labels of ``articles`` give, one per folded key."""
    names: dict[str, str] = {}
    for article in articles:
        places = {fold(p["name"]) for p in article.labels.get("place", [])}
        for org in article.labels.get("organisation", []):
            for name in [org["name"], *org.get("aliases", [])]:
                name = " ".join(name.split())
                key = fold(name)
                if len(key) < 2 or key in places:
                    continue
                names.setdefault(key, name)
    return [names[k] for k in sorted(names)]


def cable_names(corpus: Path = CORPUS) -> list[str]:
    """The route names of the dev labels, one per folded key (first written wins)."""
    return route_names(load_corpus("dev", corpus))


def route_names(articles: Iterable[Labelled]) -> list[str]:
    """The cable and backbone names the labels of ``articles`` give, one per folded key."""
    names: dict[str, str] = {}
    for article in articles:
        others = {fold(p["name"]) for p in article.labels.get("place", [])} | {
            fold(n) for o in article.labels.get("organisation", [])
            for n in [o["name"], *o.get("aliases", [])]}
        for route in article.labels.get("route", []):
            name = " ".join(route["name"].split())
            key = fold(name)
            if len(key) < 2 or key in others or (not name[:1].isupper() and not name[
                    :1].isdigit()):
                continue  # ("backbone national" describes a network, names none)
            names.setdefault(key, name)
    return [names[k] for k in sorted(names)]


def file_texts(corpus: Path = CORPUS) -> dict[Path, str]:
    return {path: HEADERS[path] + "".join(f"{name}\n" for name in build(corpus))
            for path, build in ((ORGANISATIONS_FILE, known_names),
                                (CABLES_FILE, cable_names))}


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    for path, text in file_texts().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}: {text.count(chr(10)) - 2} names")
