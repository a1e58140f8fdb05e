"""The labelled draft corpus (tests/data/draft_corpus) is consistent with its own rules
(CONVENTIONS.md): every label quotes its article, names what it refers to, and every article
has its row in SOURCES.md with the same split, which follows the hold-out rule."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.draft_eval import CORPUS, load_corpus

ARTICLES = load_corpus("all")
LANGUAGES = ("en", "fr", "es", "pt", "it", "de")


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _number(stem: str) -> int:
    return int(stem.split("_", 1)[0])


def test_the_corpus_is_large_and_in_six_languages():
    languages = Counter(a.language for a in ARTICLES)
    assert len(ARTICLES) >= 100
    assert set(languages) == set(LANGUAGES)
    assert min(languages.values()) >= 15, languages
    numbers = sorted(_number(a.stem) for a in ARTICLES)
    assert numbers == list(range(1, len(numbers) + 1)), "articles are numbered without gaps"


def test_the_split_follows_the_hold_out_rule():
    """Rank within its language (by number) divisible by 3 means hold-out."""
    rank: Counter[str] = Counter()
    wrong = []
    for article in sorted(ARTICLES, key=lambda a: _number(a.stem)):
        rank[article.language] += 1
        expected = "holdout" if rank[article.language] % 3 == 0 else "dev"
        if article.split != expected:
            wrong.append(f"{article.stem}: {article.split}, rule says {expected}")
    assert not wrong
    holdout = sum(a.split == "holdout" for a in ARTICLES)
    assert holdout * 3 >= len(ARTICLES) - 6  # a third, to one round


def test_every_article_has_its_sources_row():
    rows = {}
    for line in (CORPUS / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if re.fullmatch(r"\d+_[a-z]{2}_.+", cells[0]):
            rows[cells[0]] = cells
    assert set(rows) == {a.stem for a in ARTICLES}
    for article in ARTICLES:
        stem, language, url, _publisher, date, _licence, _text, split = rows[article.stem]
        meta = article.labels["article"]
        assert (language, url, split) == (article.language, meta["url"], article.split), stem
        assert date == meta["date"], stem
    urls = Counter(row[2] for row in rows.values())
    assert not [u for u, n in urls.items() if n > 1], "one story, one article"


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.stem)
def test_labels_quote_their_article_and_refer_to_labels(article):
    text = _fold(article.text)
    labels = article.labels
    problems = []
    for kind, items in labels.items():
        if kind == "article":
            continue
        for item in items:
            for key, value in item.items():
                if key.endswith("quote") and _fold(value) not in text:
                    problems.append(f"{kind} {item.get('name', '')!r}: {key} not in the text")
    organisations = {o["name"] for o in labels.get("organisation", [])}
    for facility in labels.get("facility", []):
        if facility.get("operator") and facility["operator"] not in organisations:
            problems.append(f"facility {facility['name']!r}: operator is no organisation")
    for agreement in labels.get("agreement", []):
        for party in agreement["parties"]:
            if party not in organisations:
                problems.append(f"agreement: party {party!r} is no organisation")
    for route in labels.get("route", []):
        for figure, quote in (("length_km", "length_quote"), ("rfs_year", "rfs_quote")):
            if (figure in route) != (quote in route):
                problems.append(f"route {route['name']!r}: {figure} without {quote}")
    assert not problems
