"""Find the places and organisations a text mentions, and what they come to against the
catalogue. ``from geo.extract import X`` gives every public name below.

One module per job:

- :mod:`~geo.extract.vocabulary`: word lists (common words, name particles, organisation
  words, abbreviations) and country adjectives;
- :mod:`~geo.extract.mention`: :class:`Mention`, one mention with its offsets;
- :mod:`~geo.extract.words`: the words, lines and paragraphs of one text, found once;
- :mod:`~geo.extract.scanner`: the spans that may name something (catalogue names,
  organisation runs, gazetteer names, adjectives);
- :mod:`~geo.extract.extractor`: :class:`Extractor`, which weighs the evidence and resolves
  each span (the rules are in its docstring);
- :mod:`~geo.extract.towns`: passes after resolution (small towns with their country,
  short forms, hyphenated neighbours);
- :mod:`~geo.extract.sentences`: the sentence around a span;
- :mod:`~geo.extract.catalogue_coverage`: mapped, covered, lacking (:func:`coverage`);
- :mod:`~geo.extract.articles`: article files found, read and extracted, many at once in
  parallel processes (:func:`extract_articles`);
- :mod:`~geo.extract.suggest`: draft ``[[site]]`` entries for what the catalogue lacks.
"""

from geo.extract.articles import (
    ArticleMentions,
    ExtractRun,
    extract_article,
    extract_articles,
    read_article,
    resolve_article,
    workspace_extractor,
)
from geo.extract.catalogue_coverage import (
    CITY_COVER_M,
    Coverage,
    coverage,
    covered_by,
    missing_places,
    unique_places,
)
from geo.extract.extractor import (
    DOMINANCE,
    MIN_BARE_POPULATION,
    MIN_INITIAL_POPULATION,
    OUTWEIGH,
    Extractor,
    extract_mentions,
)
from geo.extract.mention import Mention
from geo.extract.sentences import sentence_around
from geo.extract.suggest import MAX_QUOTE_CHARS, suggest_entries
from geo.extract.towns import NEIGHBOURS_M
from geo.extract.vocabulary import AREA_KINDS, COMMON_WORDS, MENTION_KINDS, ORG_SUFFIXES
from geo.text import toml_string

__all__ = [
    "AREA_KINDS",
    "CITY_COVER_M",
    "COMMON_WORDS",
    "DOMINANCE",
    "MAX_QUOTE_CHARS",
    "MENTION_KINDS",
    "MIN_BARE_POPULATION",
    "MIN_INITIAL_POPULATION",
    "NEIGHBOURS_M",
    "ORG_SUFFIXES",
    "OUTWEIGH",
    "ArticleMentions",
    "Coverage",
    "ExtractRun",
    "Extractor",
    "Mention",
    "coverage",
    "covered_by",
    "extract_article",
    "extract_articles",
    "extract_mentions",
    "missing_places",
    "read_article",
    "resolve_article",
    "sentence_around",
    "suggest_entries",
    "toml_string",
    "unique_places",
    "workspace_extractor",
]
