"""Score drafted facts against the labelled corpus of tests/data/draft_corpus.

The labels and their conventions are in tests/data/draft_corpus/CONVENTIONS.md; the split
(``dev`` / ``holdout``) is in each article's labels. Matching, one to one, by
:func:`geo.text.name_key` (case, accents, dashes and apostrophes folded):

- **organisations**: a drafted organisation matches a label when any of its forms (name,
  aliases) equals any of the label's forms. A label organisation that the same article also
  labels as a place (a country signing as a party, CONVENTIONS "Known doubts") is optional:
  found, it counts; missed, it is not a miss.
- **facilities**: kinds compatible (``other`` matches any) and the names' keys equal or one
  contains the other, or the same kind at the same labelled place.
- **routes**: a named label matches a drafted route of that name (or one name containing the
  other); an unnamed label matches an unnamed drafted route stated in the same sentence, or
  sharing at least two ends.
- **agreements**: ``parties`` exact: the drafted parties, each mapped to the label
  organisation it matched, are the label's set. ``full`` also needs the date and the venue
  equal (both empty counts as equal).
- **places**: distinct written forms of kind city, country or region (islands and seas are
  scored on their own); a drafted place matches a label of the same key.

``python -m tests.draft_eval [dev|holdout|all]`` prints the table; ``dev --leave-one-out``
scores each dev article as unseen text (:func:`score_leave_one_out`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from geo.draft.vocabulary import fold
from geo.text import name_key

CORPUS = Path(__file__).resolve().parent / "data" / "draft_corpus"
PLACE_KINDS = ("city", "country", "region")
#: label place kinds a drafted region-like mention may stand for
REGION_LIKE = ("region", "island", "sea")


@dataclass
class Labelled:
    stem: str
    split: str
    language: str
    date: str
    text: str
    labels: dict[str, Any]


def load_corpus(split: str = "all", corpus: Path = CORPUS) -> list[Labelled]:
    """The labelled articles of ``split`` (``dev``, ``holdout`` or ``all``), by file name."""
    out = []
    for path in sorted(corpus.glob("*.labels.toml")):
        labels = tomllib.loads(path.read_text(encoding="utf-8"))
        meta = labels["article"]
        if split != "all" and meta["split"] != split:
            continue
        stem = path.name[: -len(".labels.toml")]
        text = (corpus / f"{stem}.txt").read_text(encoding="utf-8")
        out.append(Labelled(stem, meta["split"], meta["language"], meta.get("date", ""),
                            text, labels))
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.extras += other.extras


def _match(labels: Sequence[Any], drafted: Sequence[Any], same: Callable[[Any, Any], bool],
           optional: Callable[[Any], bool] = lambda _: False, show: Callable[[Any], str] = str,
           stem: str = "") -> tuple[Score, dict[int, int]]:
    """Greedy one-to-one matching in label order; returns the score and label -> drafted."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    score = Score()
    for i, label in enumerate(labels):
        j = next((j for j, d in enumerate(drafted) if j not in used and same(label, d)), None)
        if j is None:
            if not optional(label):
                score.fn += 1
                score.misses.append(f"{stem}: {show(label)}")
            continue
        used.add(j)
        pairs[i] = j
        score.tp += 1
    for j, d in enumerate(drafted):
        if j not in used:
            score.fp += 1
            score.extras.append(f"{stem}: {show(d)}")
    return score, pairs


def _keys(names: Iterable[str]) -> set[str]:
    return {name_key(n) for n in names if n and n.strip()}


def _contains(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    return bool(ka and kb) and (ka == kb or ka in kb or kb in ka)


def score_article(article: Labelled, facts: Any) -> dict[str, Score]:
    """Per-type scores of ``facts`` (a :class:`geo.draft.facts.DraftFacts`) on ``article``."""
    lab = article.labels
    stem = article.stem
    place_keys = _keys(p["name"] for p in lab.get("place", []))
    out: dict[str, Score] = {}

    orgs = lab.get("organisation", [])
    org_score, org_pairs = _match(
        orgs, facts.organisations,
        lambda L, d: bool(_keys([L["name"], *L.get("aliases", [])])
                          & _keys([d.name, *d.aliases])),
        optional=lambda L: name_key(L["name"]) in place_keys,
        show=lambda x: x["name"] if isinstance(x, dict) else x.name, stem=stem)
    out["organisations"] = org_score
    # drafted organisation name -> label organisation key, for parties and operators
    to_label = {name_key(facts.organisations[j].name): name_key(orgs[i]["name"])
                for i, j in org_pairs.items()}
    for i, j in org_pairs.items():
        for alias in facts.organisations[j].aliases:
            to_label[name_key(alias)] = name_key(orgs[i]["name"])

    def facility_same(L: dict[str, Any], d: Any) -> bool:
        if L["kind"] != d.kind and "other" not in (L["kind"], d.kind):
            return False
        if _contains(L["name"], d.name):
            return True
        place = d.place.surface if d.place is not None else ""
        return bool(L.get("place")) and bool(place) and L["kind"] == d.kind and \
            name_key(L["place"]) == name_key(place)

    out["facilities"], _ = _match(lab.get("facility", []), facts.facilities, facility_same,
                                  show=lambda x: x["name"] if isinstance(x, dict) else x.name,
                                  stem=stem)

    def route_same(L: dict[str, Any], d: Any) -> bool:
        if L["name"]:
            return bool(d.name) and _contains(L["name"], d.name)
        if d.name:
            return False
        if d.evidence.sentence.split() == L["quote"].split():
            return True
        ends = _keys(L.get("endpoints", []))
        return len(ends & _keys(w.surface for w in d.waypoints)) >= 2

    routes = lab.get("route", [])
    out["routes"], route_pairs = _match(
        routes, facts.routes, route_same,
        show=lambda x: (x["name"] or x["quote"][:60]) if isinstance(x, dict)
        else (x.name or x.description or x.evidence.sentence[:60]), stem=stem)
    figures = Score()
    for i, j in route_pairs.items():
        for quantity, key in (("length", "length_km"), ("ready-for-service", "rfs_year")):
            want = routes[i].get(key)
            got = facts.routes[j].figure(quantity)
            if want is None and got is None:
                continue
            if want is not None and got is not None and abs(got.value - want) <= 0.01 * want:
                figures.tp += 1
            else:
                if want is not None:
                    figures.fn += 1
                    figures.misses.append(f"{stem}: {routes[i]['name']} {quantity} {want}")
                if got is not None:
                    figures.fp += 1
                    figures.extras.append(f"{stem}: {facts.routes[j].name} {quantity} "
                                          f"{got.value}")
    out["route figures"] = figures

    def parties(d: Any) -> set[str]:
        return {to_label.get(name_key(p), "?" + name_key(p)) for p in d.parties}

    agreements = lab.get("agreement", [])
    out["agreements"], _ = _match(
        agreements, facts.agreements,
        lambda L, d: _keys(L["parties"]) == parties(d),
        show=lambda x: "+".join(x["parties"]) if isinstance(x, dict) else "+".join(x.parties),
        stem=stem)

    def full_same(L: dict[str, Any], d: Any) -> bool:
        venue = d.venue.surface if d.venue is not None else ""
        return (_keys(L["parties"]) == parties(d) and (L.get("date") or None) == d.date
                and name_key(L.get("venue", "")) == name_key(venue))

    out["agreements (date, venue)"], _ = _match(
        agreements, facts.agreements, full_same,
        show=lambda x: (f"{'+'.join(x['parties'])} {x.get('date')} {x.get('venue')}"
                        if isinstance(x, dict) else
                        f"{'+'.join(x.parties)} {x.date} "
                        f"{x.venue.surface if x.venue else ''}"), stem=stem)

    labelled_places = lab.get("place", [])
    drafted = {}
    for m in facts.places:
        if m.kind in PLACE_KINDS:
            drafted.setdefault(name_key(m.text), m)
    main = [p for p in labelled_places if p["kind"] in PLACE_KINDS]
    out["places"], _ = _match(
        main, list(drafted.values()), lambda L, d: name_key(L["name"]) == name_key(d.text),
        show=lambda x: x["name"] if isinstance(x, dict) else f"{x.text} ({x.kind})", stem=stem)
    return out


def score_corpus(articles: Sequence[Labelled], draft: Callable[[Labelled], Any]
                 ) -> dict[str, Score]:
    """Scores summed over ``articles``; ``draft(article)`` returns its DraftFacts."""
    total: dict[str, Score] = {}
    for article in articles:
        for kind, score in score_article(article, draft(article)).items():
            total.setdefault(kind, Score()).add(score)
    return total


def score_leave_one_out(articles: Sequence[Labelled],
                        draft: Callable[[Labelled], Any] | None = None) -> dict[str, Score]:
    """Scores summed over ``articles`` (dev), each drafted as unseen text would be: with the
    known-name lists less the names that only its own labels give them (names other dev
    articles also give stay, as they would for a new article about the same players)."""
    from collections import Counter

    from geo.draft.known_names import withheld
    from tests.draft_lexicon import organisation_names, route_names

    def given(article: Labelled) -> tuple[set[str], set[str]]:
        return ({fold(n) for n in organisation_names([article])},
                {fold(n) for n in route_names([article])})

    by_dev_article = {a.stem: given(a) for a in load_corpus("dev")}
    org_count = Counter(n for orgs, _c in by_dev_article.values() for n in orgs)
    cable_count = Counter(n for _o, cables in by_dev_article.values() for n in cables)
    total: dict[str, Score] = {}
    for article in articles:
        orgs, cables = by_dev_article.get(article.stem) or given(article)
        with withheld({n for n in orgs if org_count[n] <= 1},
                      {n for n in cables if cable_count[n] <= 1}):
            facts = (draft or default_draft)(article)
        for kind, score in score_article(article, facts).items():
            total.setdefault(kind, Score()).add(score)
    return total


def report(scores: dict[str, Score], title: str) -> str:
    lines = [f"{title}", f"{'type':28} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} "
             f"{'FN':>5}"]
    for kind, s in scores.items():
        lines.append(f"{kind:28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5} "
                     f"{s.fp:5} {s.fn:5}")
    return "\n".join(lines)


def default_draft(article: Labelled) -> Any:
    from geo.draft import find_facts

    return find_facts(article.text, language=article.language, article_date=article.date)


if __name__ == "__main__":  # pragma: no cover - a report for people
    words = [a for a in sys.argv[1:] if not a.startswith("-")]
    split = words[0] if words else "dev"
    verbose = "-v" in sys.argv
    if verbose and split != "dev":
        sys.exit("misses and extras are shown for the dev split only: rules are not tuned "
                 "on the hold-out")
    if "--leave-one-out" in sys.argv:
        if split != "dev":
            sys.exit("leave-one-out scores the dev split: the lists never hold hold-out names")
        scores = score_leave_one_out(load_corpus(split))
        print(report(scores, "draft corpus, dev, each article without its own list names"))
    else:
        scores = score_corpus(load_corpus(split), default_draft)
        print(report(scores, f"draft corpus, {split}"))
    if verbose:
        for kind, s in scores.items():
            for line in s.misses:
                print(f"miss  {kind}: {line}")
            for line in s.extras:
                print(f"extra {kind}: {line}")
