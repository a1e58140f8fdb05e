"""Bring an article into a workspace: copy it into ``seeds/`` byte for byte and draft its
metadata sidecar (language, and the date and title where the text gives them).

Nothing the text does not say is written: the date comes only from a leading
``date YYYY-MM-DD`` line (a day the calendar has: ``date 2024-02-30`` is left out) or a
dateline among the first lines ("17 de Dezembro de 2020", "06 April 2022", "March 3, 2024",
"2024-03-12"); the title only from a first line that reads as one (short, no closing full
stop, followed by more text). The language is the one whose
common words the text uses most (en, fr, it, es, pt, de), else ``und``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from geo.catalog import read_article_text
from geo.errors import InputError
from geo.files import MAX_ARTICLE_BYTES, read_bytes
from geo.text import toml_string


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


#: common words by language: articles, prepositions and conjunctions no other of the six
#: languages writes the same way (so a few sentences decide)
_STOPWORDS = {
    "en": _words("the of and to in is that for with on was by from at which this be are has have "
                 "will its an it"),
    "fr": _words("le la les des du une et est dans pour sur au aux par avec qui que sont ce cette "
                 "été"),
    "it": _words("il lo gli della delle degli nel nella per con che una sono è alla dal dei le "
                 "anche"),
    "es": _words("el los las del una y en por con para que es al como más fue sus este esta "
                 "se"),
    "pt": _words("o os as do da dos das um uma em no na por com para que é ao pela pelo não "
                 "foi"),
    "de": _words("der die das und ist im mit von zu den des ein eine auf für dem nicht wird "
                 "sich"),
}
_WORD = re.compile(r"[^\W\d_]+")

_MONTHS = {
    "en": "january february march april may june july august september october november "
                 "december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre "
                 "décembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
                 "novembre dicembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
                 "diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
                 "dezembro",
    "de": "januar februar märz april mai juni juli august september oktober november "
                 "dezember",
}


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold())
                   if not unicodedata.combining(c))


#: folded month name -> month number, over the six languages (+ "sept", "dic"... not needed)
MONTHS: dict[str, int] = {}
for _names in _MONTHS.values():
    for _n, _name in enumerate(_names.split(), start=1):
        MONTHS[_fold(_name)] = _n
        MONTHS.setdefault(_fold(_name)[:3], _n)

_MONTH_RE = r"([^\W\d_]{3,12})\.?"
_DATE_FORMS = (
    # 2024-03-12
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    # 12 March 2024, 12. März 2024, 12 de marzo de 2024, 1er mars 2024
    (re.compile(r"\b(\d{1,2})(?:er|º|°|\.)?\s+(?:de\s+)?" + _MONTH_RE + r"\s+(?:de\s+)?(\d{4})\b",
                re.IGNORECASE), ("d", "M", "y")),
    # March 12, 2024
    (re.compile(r"\b" + _MONTH_RE + r"\s+(\d{1,2}),?\s+(\d{4})\b", re.IGNORECASE),
     ("M", "d", "y")),
    # 12/03/2024 (day first, as the six languages write it)
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), ("d", "m", "y")),
)
_LEADING_DATE = re.compile(r"^\s*date\s*[:=]?\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*$",
                           re.IGNORECASE)
#: lines looked at for a dateline or a title
HEAD_LINES = 4


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language whose common words ``text`` uses most, among
    en, fr, it, es, pt and de; ``und`` (undetermined) when none is used."""
    words = [w.casefold() for w in _WORD.findall(text[:20_000])]
    counts = {lang: 0 for lang in _STOPWORDS}
    sets = {lang: set(ws) for lang, ws in _STOPWORDS.items()}
    for w in words:
        for lang, ws in sets.items():
            if w in ws:
                counts[lang] += 1
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] >= 2 else "und"


def _valid(y: int, m: int, d: int | None) -> bool:
    import calendar

    if not (1900 <= y <= 2100 and 1 <= m <= 12):
        return False
    return d is None or 1 <= d <= calendar.monthrange(y, m)[1]


def _is_date(value: str) -> bool:
    """Whether ``value`` is a date the article metadata accepts
    (:func:`geo.schema.validate_date`: a month and day the calendar has)."""
    from geo.schema import validate_date

    try:
        validate_date(value)
    except ValueError:
        return False
    return True


def find_date(text: str) -> str | None:
    """The first full date (``YYYY-MM-DD``) written in ``text``, else ``None``."""
    for pattern, order in _DATE_FORMS:
        for m in pattern.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            month = (MONTHS.get(_fold(parts["M"])) if "M" in parts
                     else int(parts["m"]))
            if month is None:
                continue
            y, d = int(parts["y"]), int(parts["d"])
            if _valid(y, month, d):
                return f"{y:04d}-{month:02d}-{d:02d}"
    return None


def article_date(text: str) -> str | None:
    """The article's date where its first lines give one: a ``date YYYY-MM-DD`` line or a
    dateline. ``None`` when they do not (never today's date, never a guess)."""
    lines = [line for line in text.splitlines() if line.strip()][:HEAD_LINES]
    for line in lines:
        m = _LEADING_DATE.match(line)
        if m and _is_date(m.group(1)):  # never a day no calendar has
            return m.group(1)
    for line in lines:
        if len(line) <= 200:
            found = find_date(line)
            if found:
                return found
    return None


def article_title(text: str) -> str | None:
    """The first line when it reads as a title: under 200 characters, no closing full stop,
    not a date line, and more text after it."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    if (len(first) > 200 or first.endswith((".", ":", ";", ",")) or _LEADING_DATE.match(first)
            or (find_date(first) and len(first) < 40)):
        return None
    return first


@dataclass(frozen=True)
class Intake:
    """An article as the workspace holds it."""

    stem: str
    path: Path  # seeds/<stem>.txt
    copied: bool  # copied now (False: it was already there, byte for byte)
    metadata_written: bool  # seeds/<stem>.toml drafted now


_STEM_BAD = re.compile(r"[^A-Za-z0-9_.-]+")


def article_stem(path: Path) -> str:
    """A stem for ``path`` in ``seeds/``: its own stem, accents dropped and characters other
    than ASCII letters, digits, ``_``, ``.`` and ``-`` replaced by ``-``."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", path.stem)
                    if not unicodedata.combining(c))
    stem = _STEM_BAD.sub("-", plain).strip("-.") or "article"
    return stem[:80]


def metadata_toml(text: str, source: Path) -> str:
    """The drafted sidecar of an article: language, and date and title where the text gives
    them; a comment says it was drafted and from which file."""
    lines = [f"# drafted by geo draft from {source.name}: review (date and title only where "
             "the text gives them)",
             f"language = {toml_string(detect_language(text))}"]
    date = article_date(text)
    if date:
        lines.append(f"date = {toml_string(date)}")
    title = article_title(text)
    if title:
        lines.append(f"title = {toml_string(title)}")
    return "\n".join(lines) + "\n"


def take_in(article: str | Path, seeds: Path) -> Intake:
    """Bring ``article`` (a path anywhere, or the stem of an article in ``seeds``) into
    ``seeds``: copied byte for byte, never over a different file of the same name; its
    metadata drafted when it has none. Raises :class:`InputError` naming the file."""
    path = Path(article)
    if not path.exists() and (seeds / f"{article}.txt").exists():
        path = seeds / f"{article}.txt"
    raw = read_bytes(path, MAX_ARTICLE_BYTES, "article")
    try:
        text = read_article_text(path)
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None
    seeds.mkdir(parents=True, exist_ok=True)
    in_seeds = path.resolve().parent == seeds.resolve()
    stem = path.stem if in_seeds else article_stem(path)
    target = seeds / f"{stem}.txt"
    copied = False
    if not in_seeds:
        if target.exists():
            if hashlib.sha256(target.read_bytes()).digest() != hashlib.sha256(raw).digest():
                raise InputError(f"{path}: seeds/{target.name} already holds a different "
                                 "article; rename the file to take it in")
        else:
            from geo.atomic import atomic_path

            with atomic_path(target) as tmp:
                tmp.write_bytes(raw)
            copied = True
    sidecar = seeds / f"{stem}.toml"
    written = False
    if not sidecar.exists():
        from geo.atomic import write_text_atomic

        write_text_atomic(sidecar, metadata_toml(text, path))
        written = True
    return Intake(stem, target, copied, written)
