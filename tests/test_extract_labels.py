"""Precision and recall of geo.extract against hand labels of the four seed articles.

tests/data/extract/labels.tsv lists every place and organisation mention of the seeds, read
and labelled by hand (article stem, start, end, text, kind, expected id; an empty id means
the catalogue and the gazetteer hold nothing for it). A prediction matches a label when
their spans overlap in the same article, the kinds agree and the ids agree (both null, or
equal). Run this file as a script to print the figures:
``python tests/test_extract_labels.py``.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from geo.catalog import load_catalog
from geo.extract import MENTION_KINDS, Extractor

LABELS = Path(__file__).parent / "data" / "extract" / "labels.tsv"
ROOT = Path(__file__).resolve().parents[1]


def read_labels(path: Path = LABELS) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row in rows:
        row["start"], row["end"] = int(row["start"]), int(row["end"])
        row["id"] = row["id"] or None
    return rows


def predictions(root: Path = ROOT, use_catalogue: bool = True) -> list[dict]:
    cat = load_catalog(root)
    extractor = Extractor(cat if use_catalogue else None)
    out = []
    for stem, article in sorted(cat.articles.items()):
        for m in extractor.extract(article.text):
            out.append({"article": stem, "start": m.start, "end": m.end, "text": m.text,
                        "kind": m.kind, "id": m.id})
    return out


def _match(labels: list[dict], preds: list[dict], with_id: bool) -> tuple[set[int], set[int]]:
    """One-to-one matching; returns (indices of matched labels, of matched predictions)."""
    matched_l: set[int] = set()
    matched_p: set[int] = set()
    for li, lab in enumerate(labels):
        for pi, pred in enumerate(preds):
            if pi in matched_p or pred["article"] != lab["article"]:
                continue
            if pred["start"] >= lab["end"] or lab["start"] >= pred["end"]:
                continue
            if pred["kind"] != lab["kind"] or (with_id and pred["id"] != lab["id"]):
                continue
            matched_l.add(li)
            matched_p.add(pi)
            break
    return matched_l, matched_p


def score(labels: list[dict], preds: list[dict], with_id: bool = True) -> dict[str, dict]:
    """Per kind (and ``all``): labels, predictions, precision, recall."""
    ml, mp = _match(labels, preds, with_id)
    n_lab = Counter(lab["kind"] for lab in labels)
    n_pred = Counter(p["kind"] for p in preds)
    ok_lab = Counter(labels[i]["kind"] for i in ml)
    ok_pred = Counter(preds[i]["kind"] for i in mp)
    out = {}
    for kind in [*MENTION_KINDS, "all"]:
        nl = len(labels) if kind == "all" else n_lab[kind]
        npred = len(preds) if kind == "all" else n_pred[kind]
        tl = len(ml) if kind == "all" else ok_lab[kind]
        tp = len(mp) if kind == "all" else ok_pred[kind]
        if nl == 0 and npred == 0:
            continue
        out[kind] = {
            "labels": nl,
            "predicted": npred,
            "precision": tp / npred if npred else 0.0,
            "recall": tl / nl if nl else 0.0,
        }
    return out


def format_scores(scores: dict[str, dict]) -> str:
    lines = [f"{'kind':<13}{'labels':>7}{'found':>7}{'precision':>11}{'recall':>8}"]
    for kind, s in scores.items():
        lines.append(f"{kind:<13}{s['labels']:>7}{s['predicted']:>7}"
                     f"{s['precision']:>11.3f}{s['recall']:>8.3f}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def labels() -> list[dict]:
    return read_labels()


@pytest.fixture(scope="module")
def preds() -> list[dict]:
    return predictions()


def test_labels_are_exact_excerpts(labels, repo_root):
    for lab in labels:
        text = (repo_root / "seeds" / f"{lab['article']}.txt").read_text(encoding="utf-8")
        assert text[lab["start"]:lab["end"]] == lab["text"], lab
        assert lab["kind"] in MENTION_KINDS


def test_labels_cover_every_seed(labels, repo_root):
    stems = {p.stem for p in (repo_root / "seeds").glob("*.txt")}
    assert {lab["article"] for lab in labels} == stems


def test_cities_and_countries_reach_090(labels, preds):
    scores = score(labels, preds)
    print("\n" + format_scores(scores))
    for kind in ("city", "country"):
        assert scores[kind]["precision"] >= 0.9, (kind, scores[kind])
        assert scores[kind]["recall"] >= 0.9, (kind, scores[kind])


def test_all_kinds_reported_and_overall_sound(labels, preds):
    scores = score(labels, preds)
    for kind in ("city", "country", "region", "site", "organisation", "route", "corridor"):
        assert kind in scores
    assert scores["all"]["precision"] >= 0.9
    assert scores["all"]["recall"] >= 0.9


def test_scorer_penalises_wrong_ids_and_misses(labels):
    # The scorer itself must be able to fail: a wrong id and a dropped label both count.
    wrong = [dict(lab, id="geonames:0") if lab["kind"] == "city" else lab for lab in labels]
    assert score(labels, wrong)["city"]["precision"] == 0.0
    assert score(labels, wrong, with_id=False)["city"]["precision"] == 1.0
    fewer = [lab for lab in labels if lab["kind"] != "country"]
    assert "country" in score(labels, fewer) and score(labels, fewer)["country"]["recall"] == 0


if __name__ == "__main__":
    labs, found = read_labels(), predictions()
    print("span overlap + kind + id:")
    print(format_scores(score(labs, found)))
    print("\nspan overlap + kind (detection only):")
    print(format_scores(score(labs, found, with_id=False)))
    print("\nwithout the catalogue, gazetteer only (detection only):")
    print(format_scores(score(labs, predictions(use_catalogue=False), with_id=False)))
