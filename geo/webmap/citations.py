"""How the map cites an article: title (or its first words when untitled), publisher, date,
a link when the metadata gives a web address, and the file the article is kept in.

:func:`article_citations` turns the catalogue's articles (``Catalog.articles``: stem ->
:class:`geo.catalog.ArticleText`) into :class:`Citation` records that
:mod:`geo.webmap.popups` shows under each quote. Every text here is untrusted (it comes from
articles and their metadata) and is escaped where it is shown; a link is made only of an
absolute ``http`` or ``https`` address (:func:`web_address`), never of ``javascript:`` or any
other scheme.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

#: How many words of an untitled article's text stand for its title.
OPENING_WORDS = 10

#: A dateline some articles open with (``date 2018-05 (Agence Ecofin) -``): not their words.
_DATELINE = re.compile(r"^\s*(?:date\s+)?\d{4}(?:-\d{2}){0,2}\s*(?:\([^()\n]{0,80}\))?"
                       r"\s*(?:[-\u2013\u2014:]\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    """What a popup says about one article (raw text: escape it where it is shown).

    ``title`` is the article's own title; ``opening`` its first words when it has none;
    ``url`` an absolute http(s) address or ``None``; ``stem`` names ``seeds/<stem>.txt``."""

    stem: str
    title: str | None = None
    opening: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None


def opening_words(text: str, count: int = OPENING_WORDS) -> str | None:
    """The first ``count`` words of ``text`` after any leading dateline, with ``…`` when the
    text goes on; ``None`` for a text without words."""
    body = _DATELINE.sub("", text, count=1) if _DATELINE.match(text) else text
    words = body.split()
    if not words:
        words = text.split()
    if not words:
        return None
    return " ".join(words[:count]) + ("\u2026" if len(words) > count else "")


#: ASCII characters RFC 3986 does not allow in an address (browsers would escape them)
_NOT_IN_URLS = frozenset('"<>\\^`{|}')


def web_address(value: Any) -> str | None:
    """``value`` when it is an absolute ``http://`` or ``https://`` address with a host and
    no white space, control characters or characters RFC 3986 leaves out (``"<>\\^`{|}``),
    else ``None`` (shown as text, never linked)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or any(c.isspace() or ord(c) < 32 or ord(c) == 127 or c in _NOT_IN_URLS
                       for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return text


def article_citations(articles: Mapping[str, Any]) -> dict[str, Citation]:
    """Stem -> :class:`Citation` for each article (``ArticleText``: ``stem``, ``text`` and
    ``meta`` with ``title``, ``publisher``, ``date``, ``url``)."""
    out = {}
    for stem, art in articles.items():
        meta = art.meta
        title = meta.title or None
        out[str(stem)] = Citation(
            stem=str(stem), title=title,
            opening=None if title else opening_words(art.text),
            publisher=meta.publisher or None, date=meta.date or None,
            url=web_address(getattr(meta, "url", None)))
    return out
