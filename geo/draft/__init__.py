"""Drafting: from an article's text to the catalogue entries it supports, each quoted.

:func:`find_facts` finds what a text states (:mod:`geo.draft.facts`); :mod:`geo.draft.entries`
turns facts into catalogue entries; :mod:`geo.draft.writer` writes them as TOML;
:mod:`geo.draft.intake` brings an article into a workspace's ``seeds/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.draft.facts import DraftFacts
    from geo.extract import Extractor


def find_facts(text: str, *, language: str = "en", article_date: str | None = None,
               extractor: Extractor | None = None) -> DraftFacts:
    """The organisations, facilities, routes (with figures), agreements and places ``text``
    states. ``language`` is the article's ISO 639-1 code; ``article_date`` (``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD``) resolves dates the text gives without a year."""
    from geo.draft.rules import find_facts as _find

    return _find(text, language=language, article_date=article_date, extractor=extractor)
