"""Dates as news writes them, in the six languages: "July 24th", "le 5 juin", "ce mercredi 5
avril 2023", "24 de julio de 2015", "5. Juni 2023", "en février 2000", "2023-04-05".

A day and a month without a year take the year of the article's date when it has one, else
no date: a text's date is never guessed. A weekday alone ("assinaram nesta terça-feira",
"signed on Tuesday", "a signé mardi") is the article's date when the article was published
on that weekday (news of the day), else no date.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from geo.draft.vocabulary import MONTHS, fold, month_numbers

_MONTH_NAMES = sorted({m for names in MONTHS.values() for m in names} | {
    fold(m) for names in MONTHS.values() for m in names}, key=len, reverse=True)
_MONTH = "(?P<month>" + "|".join(re.escape(m) for m in _MONTH_NAMES) + ")"
_MONTH2 = "(?P<month2>" + "|".join(re.escape(m) for m in _MONTH_NAMES) + ")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°|\.)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th|er|º|°|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_YEAR2 = r"(?P<year2>(?:19|20)\d\d)"
_DATE_RE = re.compile(
    r"(?<![\w-])(?:"
    # 2023-04-05
    r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    # 5 juin 2010, 24 de julio de 2015, 5. Juni 2023, le 5 juin
    rf"|{_DAY}\s+(?:de\s+)?{_MONTH}(?:,?\s+(?:de\s+|del\s+)?{_YEAR})?"
    # July 24th, 2015 / March 19
    rf"|{_MONTH2}\s+{_DAY2}(?:,?\s+{_YEAR2})?"
    # février 2000, May 2002, junho de 2021
    r"|(?P<month3>" + "|".join(re.escape(m) for m in _MONTH_NAMES) + r")\s+(?:de\s+|del\s+)?"
    r"(?P<year3>(?:19|20)\d\d)"
    r")(?![\w])", re.IGNORECASE)


#: Weekday names (folded, without accents) in the six languages -> 0 (Monday) .. 6 (Sunday).
WEEKDAYS = {
    **dict.fromkeys(("monday", "lundi", "lunes", "segunda-feira", "segunda", "lunedi",
                     "montag"), 0),
    **dict.fromkeys(("tuesday", "mardi", "martes", "terca-feira", "terca", "martedi",
                     "dienstag"), 1),
    **dict.fromkeys(("wednesday", "mercredi", "miercoles", "quarta-feira", "quarta",
                     "mercoledi", "mittwoch"), 2),
    **dict.fromkeys(("thursday", "jeudi", "jueves", "quinta-feira", "quinta", "giovedi",
                     "donnerstag"), 3),
    **dict.fromkeys(("friday", "vendredi", "viernes", "sexta-feira", "sexta", "venerdi",
                     "freitag"), 4),
    **dict.fromkeys(("saturday", "samedi", "sabado", "sabato", "samstag"), 5),
    **dict.fromkeys(("sunday", "dimanche", "domingo", "domenica", "sonntag"), 6),
}
_WEEKDAY_RE = re.compile(
    r"(?<![\w-])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|"
    r"mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[eé]rcoles|jueves|viernes|"
    r"s[aá]bado|domingo|segunda-feira|ter[cç]a-feira|quarta-feira|quinta-feira|"
    r"sexta-feira|luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|"
    r"domenica|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)(?![\w-])",
    re.IGNORECASE)


def weekday_dates(text: str, start: int, end: int, article_date: str | None
                  ) -> list[DateMention]:
    """Weekdays written in ``text[start:end]`` that are the article's own day: its date."""
    if not article_date:
        return []
    try:
        day = datetime.date.fromisoformat(article_date[:10])
    except ValueError:
        return []
    out = []
    for m in _WEEKDAY_RE.finditer(text, start, end):
        if WEEKDAYS.get(fold(m.group())) == day.weekday():
            out.append(DateMention(m.start(), m.end(), day.isoformat()))
    return out


_LAST_MONTH_RE = re.compile(
    r"(?<![\w-])(?:(?:last|im\s+vergangenen|im\s+letzten|el\s+pasado(?:\s+mes\s+de)?|"
    r"lo\s+scorso(?:\s+mese\s+di)?)\s+" + _MONTH.replace("month", "m1")
    + r"|(?:en\s+|in\s+|em\s+|a\s+|el\s+|ad\s+)?" + _MONTH.replace("month", "m2")
    + r"\s+(?:dernier|passé|pasado|passado|scorso|último|ultimo))(?![\w-])", re.IGNORECASE)


def last_month_dates(text: str, start: int, end: int, article_date: str | None
                     ) -> list[DateMention]:
    """Months said to be the last of their name ("en juin dernier", "last June", "el pasado
    marzo", "em junho passado"): the latest such month up to the article's date, as
    YYYY-MM; none without the article's date."""
    if not article_date or not re.match(r"\d{4}-\d\d", article_date):
        return []
    year, month_now = int(article_date[:4]), int(article_date[5:7])
    months = month_numbers()
    out = []
    for m in _LAST_MONTH_RE.finditer(text, start, end):
        month = months.get(fold(m.group("m1") or m.group("m2")))
        if month:
            y = year if month <= month_now else year - 1
            out.append(DateMention(m.start(), m.end(), f"{y}-{month:02d}"))
    return out


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str | None  # YYYY, YYYY-MM or YYYY-MM-DD; None when the year is unknown


def dates(text: str, start: int, end: int, article_year: int | None) -> list[DateMention]:
    """Dates written in ``text[start:end]``."""
    out = []
    months = month_numbers()
    for m in _DATE_RE.finditer(text, start, end):
        if m.group("iso"):
            out.append(DateMention(m.start(), m.end(), m.group("iso")))
            continue
        if m.group("month3"):
            month = months.get(fold(m.group("month3")))
            if month:
                out.append(DateMention(m.start(), m.end(),
                                       f"{m.group('year3')}-{month:02d}"))
            continue
        day = m.group("day") or m.group("day2")
        month_name = m.group("month") or m.group("month2")
        year = m.group("year") or m.group("year2")
        month = months.get(fold(month_name)) if month_name else None
        if not month or not day or not 1 <= int(day) <= 31:
            continue
        if fold(month_name) in ("may", "mar", "march") and not (year or re.search(
                r"\d", text[m.start():m.end()])):
            continue
        if year is None:
            if article_year is None:
                out.append(DateMention(m.start(), m.end(), None))
                continue
            year = str(article_year)
        out.append(DateMention(m.start(), m.end(), f"{year}-{month:02d}-{int(day):02d}"))
    return out
