"""Write ``geo/data/draft_reference_cables.tsv`` and ``draft_reference_organisations.tsv``
from the outputs of ``build_lexicon.py`` (``cables.tsv``, ``organisations.tsv``,
``ambiguous.txt``): every form flagged ambiguous (an ordinary word, digits only, two
characters or fewer) is left out, and so is a one-word form that is a common word in one of
the six languages of the news (``wordfreq`` Zipf frequency of its lower case 4.0 or more in
en, fr, es, pt, it or de: "Touch", "Rain", "Salt"); an entry left with no form is dropped.

Usage: ``python tests/reference_lexicon/ship.py DIR`` (DIR holds the three outputs; needs
``pip install wordfreq==3.1.1``, used only here).
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "geo" / "data"
HEADER = (
    "# {what} named in open reference data, one entry per line:\n"
    '# name<TAB>other forms joined by " | "<TAB>source ids. Sources and licences:\n'
    '# geo/data/PROVENANCE.md ("draft_reference_*.tsv"); built by\n'
    "# tests/reference_lexicon/ (do not edit by hand).\n"
)


LANGUAGES = ("en", "fr", "es", "pt", "it", "de")


def common_word(form: str) -> bool:
    from wordfreq import zipf_frequency

    return " " not in form and max(zipf_frequency(form.lower(), lang) for lang in LANGUAGES) >= 4.0


def ship(folder: Path) -> None:
    ambiguous = {
        line.split("\t")[0]
        for line in (folder / "ambiguous.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for kind, what in (("cables", "Cables"), ("organisations", "Organisations")):
        rows = []
        for line in (folder / f"{kind}.tsv").read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            name, others, sources = ([*line.split("\t"), "", ""])[:3]
            forms = [f.strip() for f in [name, *others.split(" | ")] if f.strip()]
            forms = [
                f
                for f in dict.fromkeys(forms)
                if f not in ambiguous and len(f) > 2 and not common_word(f)
            ]
            if forms:
                rows.append("\t".join([forms[0], " | ".join(forms[1:]), sources]))
        out = DATA / f"draft_reference_{kind}.tsv"
        out.write_text(HEADER.format(what=what) + "".join(r + "\n" for r in rows), encoding="utf-8")
        print(f"wrote {out}: {len(rows)} entries")


if __name__ == "__main__":
    ship(Path(sys.argv[1]))
