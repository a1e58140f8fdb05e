"""Numbers as news writes them, and the published figures of routes: lengths (km), capacities
(Tbps), fibre pairs and ready-for-service years.

Numbers: "45 000", "6,165", "7.300", "9,2 mil", "1 170", "six thousand", "seis mil", "1.5";
a separator followed by exactly three digits groups thousands, otherwise it is a decimal
mark. Miles become kilometres (1 mile = 1.609344 km).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.draft.vocabulary import (
    CAPACITY_UNITS,
    FIBRE_PAIRS,
    LENGTH_UNITS,
    MULTIPLIERS,
    NUMBER_WORDS,
    READY_CUE,
    SEASON,
    fold,
    pattern,
    words,
)

KM_PER_MILE = 1.609344

_DIGITS = r"\d{1,3}(?:[ \u00a0\u202f.,’']\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


def _number_words() -> str:
    names = sorted({w for table in NUMBER_WORDS.values() for w in table}, key=len,
                   reverse=True)
    return "|".join(re.escape(n) for n in names)


_MULT = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
NUMBER = (rf"(?P<num>{_DIGITS}|(?:{_number_words()}))"
          rf"(?:[ \u00a0]?(?P<mult>{_MULT})\b\.?)?")
_LENGTH_RE = re.compile(
    rf"(?<![\w.,]){NUMBER}[ \u00a0\u202f]?-?(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(
        [u for us in LENGTH_UNITS.values() for u in us], key=len, reverse=True))
    + r")(?![\w])", re.IGNORECASE)
_CAPACITY_RE = re.compile(
    rf"(?<![\w.,]){NUMBER}[ \u00a0]?(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(
        [u for us in CAPACITY_UNITS.values() for u in us], key=len, reverse=True))
    + r")(?![\w/])", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\w.,])(19[5-9]\d|20\d\d|21\d\d)(?![\w])")
#: After a capacity, what makes it the capacity of a part (a fibre pair, a wavelength, a
#: channel), not of the route: "12Tbps of capacity per fibre pair", "25 Tbps per coppia di
#: fibre", "100 Gbps x 100 Gbps em cada par de fibras", "(43×500Gbps) per fibre pair".
_PER_PART_RE = re.compile(
    r"(?:\s*\([^()]{0,40}\))?(?:\s*(?:x|×)\s*\d[\d.,]*\s*\w+)?"
    r"(?:\s+(?:of|de|di|an)\s+(?:\w+\s+){0,1}(?:capacity|capacit\w*|kapazit\w*))?"
    r"\s+(?:per|par|por|pro|je|em\s+cada|en\s+cada|pour\s+chaque|para\s+cada|a|ogni|"
    r"in\s+ogni)\s+(?:\w+\s+){0,1}"
    r"(?:fib(?:re|er|ra|ras|res|ers)?|pairs?|paires?|par|pares|coppia|coppie|"
    r"faserpaar\w*|glasfaserpaar\w*|wavelengths?|wellenlänge\w*|longueurs?\s+d['’]onde|"
    r"longitud(?:es)?\s+de\s+onda|comprimentos?\s+de\s+onda|lunghezz[ae]\s+d['’]onda|"
    r"lambdas?|channels?|canal[ei]|kanal|kanäle)\b", re.IGNORECASE)
#: Before a capacity, a multiplication: "43×500Gbps" is per wavelength.
_TIMES_BEFORE_RE = re.compile(r"\d\s*(?:x|×)\s*$", re.IGNORECASE)


def parse_number(text: str, multiplier: str | None = None) -> float | None:
    """The value of a number as written ("45 000", "6,165", "9,2" with "mil", "seis")."""
    folded = fold(text.strip())
    value: float | None = None
    for table in NUMBER_WORDS.values():
        if folded in table:
            value = float(table[folded])
            break
    if value is None:
        digits = re.sub(r"[ \u00a0\u202f’']", "", text.strip())
        if multiplier and re.fullmatch(r"\d+[.,]\d{1,2}", digits):
            value = float(digits.replace(",", "."))  # "9,2 mil"
        elif re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
            value = float(re.sub(r"[.,]", "", digits))  # "7.300", "6,165"
        elif re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+[.,]\d+", digits):
            cut = max(digits.rfind("."), digits.rfind(","))
            value = float(re.sub(r"[.,]", "", digits[:cut]) + "." + digits[cut + 1:])
        else:
            try:
                value = float(digits.replace(",", "."))
            except ValueError:
                return None
    if multiplier:
        value *= MULTIPLIERS.get(multiplier.casefold().rstrip("."), 1)
    return value


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    start: int
    end: int


def lengths(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Lengths in ``text[start:end]``, in kilometres."""
    out = []
    for m in _LENGTH_RE.finditer(text, start, len(text) if end is None else end):
        num = m.group("num")
        value = parse_number(num, m.group("mult"))
        if value is None:
            continue
        unit = m.group("unit").casefold()
        if unit in ("miles", "mile", "mi"):
            value *= KM_PER_MILE
        out.append(Quantity(round(value, 3), "km", m.start(), m.end()))
    return out


def capacities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Capacities in ``text[start:end]``, in Tbps; not those of a part ("per fibre pair",
    "per wavelength", "43×500Gbps"), which say nothing of the whole route's."""
    out = []
    units = {u.casefold(): name for name, us in CAPACITY_UNITS.items() for u in us}
    stop = len(text) if end is None else end
    for m in _CAPACITY_RE.finditer(text, start, stop):
        if _PER_PART_RE.match(text[m.end():min(stop, m.end() + 90)]) or \
                _TIMES_BEFORE_RE.search(text[max(start, m.start() - 8):m.start()]):
            continue
        value = parse_number(m.group("num"), m.group("mult"))
        if value is None:
            continue
        unit = units.get(m.group("unit").casefold(), "Tbps")
        value = value / 1000 if unit == "Gbps" else value * 1000 if unit == "Pbps" else value
        out.append(Quantity(value, "Tbps", m.start(), m.end()))
    return out


_PAIRS_RE = None


def fibre_pairs(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Counts of fibre pairs ("12 coppie di fibre", "quatro pares de fibras")."""
    global _PAIRS_RE
    if _PAIRS_RE is None:
        _PAIRS_RE = re.compile(rf"(?<![\w.,]){NUMBER}[ \u00a0-]+(?:fibre-|fiber-)?(?P<unit>"
                               + "|".join(re.escape(w) for w in words(FIBRE_PAIRS))
                               + r")(?![\w])", re.IGNORECASE)
    out = []
    for m in _PAIRS_RE.finditer(text, start, len(text) if end is None else end):
        unit = fold(m.group("unit"))
        if unit in ("pairs", "paires", "pares", "coppie", "paare") and not re.match(
                r"\s+(?:of\s+|de\s+|di\s+)?(?:fib|glasf)", text[m.end():m.end() + 20],
                re.IGNORECASE):
            continue
        value = parse_number(m.group("num"), m.group("mult"))
        if value is not None and value == int(value) and 0 < value < 100:
            out.append(Quantity(value, "pairs", m.start(), m.end()))
    return out


def ready_years(text: str, start: int, end: int, language: str,
                article_year: int | None) -> list[Quantity]:
    """Years ``text[start:end]`` gives for a start of service: a year after a word of
    service ("ready for service in 2027", "entrar en operación en 2025", "Inbetriebnahme
    ... 2016"), or a season of the article's year ("im Frühjahr")."""
    cue = pattern(READY_CUE)
    out = []
    sentence = text[start:end]
    for m in _YEAR_RE.finditer(sentence):
        window = sentence[max(0, m.start() - 70):m.start()]
        cues = list(cue.finditer(window))
        if not cues:
            # "soll 2026 in Betrieb gehen": the words of service after the year
            if cue.match(sentence, m.end() + 1, m.end() + 30) or re.match(
                    r"\s+(?:\w+\s+){0,1}(?:in\s+Betrieb|betriebsbereit|fertig)",
                    sentence[m.end():m.end() + 30]) or re.match(
                    r"\s+(?:soll|sollen|wird|werden)\s+(?:[\w-]+\s+){0,4}(?:in\s+Betrieb|"
                    r"betriebsbereit|fertig)", sentence[m.end():m.end() + 60]):
                out.append(Quantity(float(m.group(1)), "year", start + m.start(),
                                    start + m.end()))
            continue
        between = window[cues[-1].end():]
        if _YEAR_RE.search(between) or re.search(r"[.;]\s", between):
            continue
        if re.search(r"\b(?:since|desde|depuis|seit|dal|dall)\b", between, re.IGNORECASE) \
                and not re.search(r"operat|opera[çc]|servi|betrieb|esercizio", fold(
                    window[cues[-1].start():])):
            continue
        out.append(Quantity(float(m.group(1)), "year", start + m.start(), start + m.end()))
    if not out and article_year is not None:
        season = pattern(SEASON)
        for m in season.finditer(sentence):
            window = sentence[max(0, m.start() - 60):m.end() + 60]
            if cue.search(window):
                out.append(Quantity(float(article_year), "year", start + m.start(),
                                    start + m.end()))
                break
    del language
    return out
