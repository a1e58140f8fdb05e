"""Acronyms and the words they abbreviate: "Alcatel Submarine Networks (ASN)", "DGRM
(Direção-Geral de Recursos ...)"."""

from __future__ import annotations

import re

from geo.draft.names import is_acronym
from geo.draft.vocabulary import fold, word_set

SMALL_WORDS = word_set("""
    de da do dos das of and e et y di del della du des la le the for pour per und der von
    l d to en in a au aux à
""")


def initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if fold(w) not in SMALL_WORDS).upper()


def defines(acronym: str, long: str) -> bool:
    """Whether ``acronym`` is the initials of ``long`` (allowing a letter more or less)."""
    acr = re.sub(r"[^A-Za-z]", "", acronym)
    if len(acr) < 2 or not acronym.strip().replace("-", "").isalnum() or not (
            acronym.strip().isupper() or is_acronym(acronym.strip())):
        return False
    ini = initials(re.findall(r"[^\W_]+", long))
    if acr.upper() == ini:
        return True
    return len(acr) >= 3 and ini.startswith(acr.upper()[:2]) and abs(len(ini) - len(acr)) <= 1


def spelt_out(acronym: str, words: str) -> bool:
    """Whether ``words`` may spell out ``acronym`` loosely: two capitalised words or more,
    the first with the acronym's first letter ("DGRM (Direção-Geral de Recursos ...)",
    "Energieversorgung Offenbach (EVO)")."""
    caps = re.findall(r"\b[A-ZÀ-Ý][\w’'-]*", words)
    return len(caps) >= 2 and words[:1] == acronym[:1] and words[:1].isupper()


def defined_by(before: str, acronym: str) -> str | None:
    """The words right before an acronym in brackets that it abbreviates, if any."""
    words = list(re.finditer(r"[^\W_][\w'’-]*", before))
    for k in range(len(words) - 1, max(-1, len(words) - 12), -1):
        span = before[words[k].start():].strip()
        if initials(re.findall(r"[^\W_]+", span)) == re.sub(r"[^A-Za-z]", "",
                                                            acronym).upper():
            return span
    return None

