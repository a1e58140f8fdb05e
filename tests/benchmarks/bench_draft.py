"""Benchmark drafting (``geo draft``) on a corpus of 1,000 articles.

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_draft.py [--articles 1000] [--seed 7] [--jobs 2]

Corpus: each article is 12 sentences drawn (fixed seed) from the labelled corpus of real
news in tests/data/draft_corpus (six languages), about the size of a news article, so the
rules meet real phrasing; sentences are shuffled across articles, so no article is one of
the labelled ones.

Prints, with ratios against baselines measured in the same run:

1. start-up: ``geo draft --help`` (the command's import cost) and the first article of a
   fresh process (gazetteer and catalogue loaded), against ``python -c pass``;
2. articles per second per core of :func:`geo.draft.find_facts` (the rules, one process,
   extractor built once), against :meth:`geo.extract.Extractor.extract` alone on the same
   articles (the place pass the rules build on); target >= 50 articles/s per core;
3. the whole command, ``geo draft --jobs N`` on the 1,000 files in a fresh workspace
   (intake, rules, entries, drafts written), in articles per second.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from geo.draft import find_facts  # noqa: E402
from geo.extract import Extractor  # noqa: E402
from tests.draft_eval import load_corpus  # noqa: E402

_SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=\s)|$)", re.MULTILINE)
TARGET_PER_CORE = 50.0


def corpus(n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` (language, text) articles of 12 real sentences each, shuffled across articles of
    one language."""
    rng = random.Random(seed)
    by_language: dict[str, list[str]] = {}
    for article in load_corpus("all"):
        sentences = [s.strip() for s in _SENTENCE.findall(article.text) if len(s.strip()) > 30]
        by_language.setdefault(article.language, []).extend(sentences)
    languages = sorted(by_language)
    out = []
    for i in range(n):
        language = languages[i % len(languages)]
        out.append((language, " ".join(rng.choices(by_language[language], k=12))))
    return out


def _seconds(cmd: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    articles = corpus(args.articles, args.seed)
    size = statistics.mean(len(t) for _l, t in articles)
    print(f"corpus: {len(articles)} articles, {size:.0f} characters on average, "
          f"{len({lang for lang, _t in articles})} languages")

    bare = _seconds([sys.executable, "-c", "pass"])
    help_s = _seconds([sys.executable, "-m", "geo", "draft", "--help"])
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        shutil.copytree(ROOT / "seeds", ws / "seeds")
        shutil.copytree(ROOT / "data", ws / "data")
        one = Path(tmp) / "one.txt"
        one.write_text(articles[0][1], encoding="utf-8")
        first_s = _seconds([sys.executable, "-m", "geo", "draft", "-w", str(ws), str(one)],
                           repeat=3)
    print(f"start-up: geo draft --help {help_s:.2f} s ({help_s / bare:.1f}x python -c pass); "
          f"one article in a fresh process {first_s:.2f} s ({first_s / bare:.1f}x)")

    extractor = Extractor()
    started = time.perf_counter()
    for _language, text in articles:
        extractor.extract(text)
    extract_s = time.perf_counter() - started
    started = time.perf_counter()
    for language, text in articles:
        find_facts(text, language=language, extractor=extractor)
    facts_s = time.perf_counter() - started
    rate = len(articles) / facts_s
    print(f"rules: {rate:.0f} articles/s per core (target >= {TARGET_PER_CORE:.0f}: "
          f"{'met' if rate >= TARGET_PER_CORE else 'NOT met'}); "
          f"{facts_s / extract_s:.2f}x the place pass alone "
          f"({len(articles) / extract_s:.0f} articles/s)")

    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        shutil.copytree(ROOT / "seeds", ws / "seeds")
        shutil.copytree(ROOT / "data", ws / "data")
        files = []
        for i, (_language, text) in enumerate(articles):
            path = Path(tmp) / "in" / f"article-{i:04d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geo", "draft", "-w", str(ws),
                        "--jobs", str(args.jobs), *files], check=True, capture_output=True)
        whole_s = time.perf_counter() - started
    print(f"geo draft --jobs {args.jobs} on {len(files)} files: {whole_s:.1f} s, "
          f"{len(files) / whole_s:.0f} articles/s")


if __name__ == "__main__":
    main()
