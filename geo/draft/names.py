"""Words and names of one article, in one import: the tokens and capitalised runs
(:mod:`geo.draft.name_runs`: :class:`Names`, :class:`Run`, :class:`Token`), what one word
is by its shape (:mod:`geo.draft.name_words`: :func:`is_acronym`, :func:`is_camel`,
:func:`is_people_adjective`, :data:`ORG_END_WORDS`) and the places the words around a name
make certain (:mod:`geo.draft.place_finder`: :func:`more_places`).
"""

from __future__ import annotations

from geo.draft.name_runs import Names, Run, Token, place_mention
from geo.draft.name_words import (
    ORG_END_WORDS,
    REGIONAL_ADJECTIVES,
    is_acronym,
    is_camel,
    is_cap,
    is_people_adjective,
)
from geo.draft.place_finder import PlaceFinder, more_places

__all__ = [
    "ORG_END_WORDS",
    "REGIONAL_ADJECTIVES",
    "Names",
    "PlaceFinder",
    "Run",
    "Token",
    "is_acronym",
    "is_camel",
    "is_cap",
    "is_people_adjective",
    "more_places",
    "place_mention",
]
