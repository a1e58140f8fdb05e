"""Text rules shared by the catalogue and its readers.

Name keys: how geo compares names (catalogue aliases, gazetteer look-ups, measure places),
so that ``geo check``'s alias rule and the resolvers that rely on it agree. Blank text and
characters refused in catalogue text (:func:`text_problem`): one rule for every text field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})
_COMBINING_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


#: C0 controls except tab, line feed and carriage return; DEL; C1 controls. Never text: a NUL
#: truncates a name in C libraries (GDAL, GeoPackage), an ESC drives the terminal.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069):
#: they make a name display in another order than it is stored ("Trojan Source").
BIDI_CONTROL_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
#: Characters that show nothing: a text made only of these (and white space) is blank.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def is_blank(text: str) -> bool:
    """Whether ``text`` shows nothing: empty, or only white space and zero-width characters
    (U+200B, U+200C, U+200D, U+2060, U+FEFF)."""
    return all(ch.isspace() or ch in ZERO_WIDTH for ch in text)


def text_problem(text: str, *, allow_bidi: bool = False,
                 allow_blank: bool = False) -> str | None:
    """Why ``text`` is not acceptable catalogue text, or ``None`` when it is.

    Refused: control characters (C0 other than tab, line feed and carriage return, DEL,
    C1), bidirectional embedding/override/isolate controls unless ``allow_bidi`` (a quote
    must be free to copy its article exactly), and blank text (:func:`is_blank`) unless
    ``allow_blank``.
    """
    bad = CONTROL_RE.search(text)
    if bad is None and not allow_bidi:
        bad = BIDI_CONTROL_RE.search(text)
    if bad is not None:
        where = f"U+{ord(bad.group()):04X} at character {bad.start()}"
        if CONTROL_RE.match(bad.group()):
            return f"control character {where}: not allowed in text"
        return (f"bidirectional control character {where}: not allowed here (it changes "
                "the order in which the text is displayed)")
    if not allow_blank and is_blank(text):
        return ("blank: give some text (white space and zero-width characters alone are "
                "not a value)")
    return None


def shown(text: str) -> str:
    """``text`` safe to print on one line: control, bidirectional and line-breaking
    characters written as escapes (``\\x00``, ``\\u202e``), the rest as it is."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def fold(text: str) -> str:
    """Fold white space (any run becomes one space) and normalise Unicode to NFC: how a
    quote is compared with its article."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def name_key(name: str) -> str:
    """Normalise a name for lookup: NFKC, case-folded, accents removed, apostrophes and
    dashes unified, white space folded. ``"États-Unis"`` and ``"etats-unis"`` share a key."""
    if name.isascii():
        return " ".join(name.lower().replace("`", "'").split())
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).translate(_DASHES)
    stripped = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return " ".join(unicodedata.normalize("NFC", stripped).split())


def waypoint_label(waypoint: str | Sequence[float]) -> str:
    """A route waypoint as text: a site id as it is, a position as ``"lon,lat"`` with every
    digit it has (shortest round-trip form), so distinct positions never share a label."""
    if isinstance(waypoint, str):
        return waypoint
    return f"{float(waypoint[0])!r},{float(waypoint[1])!r}"


def toml_string(value: str) -> str:
    """A TOML basic string (TOML 1.0, "String"): quotes, backslashes and control characters
    escaped."""
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0x80 <= ord(ch) < 0xA0:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
