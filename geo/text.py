"""Name keys: how geo compares names (catalogue aliases, gazetteer look-ups, measure places),
so that ``geo check``'s alias rule and the resolvers that rely on it agree."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})
_COMBINING_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


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
