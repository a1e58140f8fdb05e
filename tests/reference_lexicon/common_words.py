"""Write ``geo/data/draft_common_words.txt.gz``: the words common in one language of the news
and not in the others, one ``language<TAB>word`` per line.

A word is kept for a language when its ``wordfreq`` Zipf frequency there is 4.0 or more
(about once in 100,000 words) and at least 1.5 above its median in the five other languages
of the news: "mehrheit", "insgesamt" (de), "estrutura" (pt), "giunta" (it), not "google" or
"vodafone", which are as frequent everywhere, being names. ``geo draft`` takes such a word,
capitalised alone, for no organisation's name unless a list knows it.

Usage: ``pip install wordfreq==3.1.1 && python tests/reference_lexicon/common_words.py``.
"""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path

LANGUAGES = ("en", "fr", "es", "pt", "it", "de")
OUT = Path(__file__).resolve().parents[2] / "geo" / "data" / "draft_common_words.txt.gz"


def build() -> list[str]:
    from wordfreq import top_n_list, zipf_frequency

    lines = []
    for lang in LANGUAGES:
        for word in top_n_list(lang, 30000):
            if not word.isalpha():
                continue
            zipf = zipf_frequency(word, lang)
            if zipf < 4.0:
                break
            others = statistics.median(zipf_frequency(word, o) for o in LANGUAGES
                                       if o != lang)
            if zipf - others >= 1.5:
                lines.append(f"{lang}\t{word}")
    return lines


if __name__ == "__main__":
    lines = build()
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write("".join(line + "\n" for line in lines).encode("utf-8"))
    print(f"wrote {OUT}: {len(lines)} words")
