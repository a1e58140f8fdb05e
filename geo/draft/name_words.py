"""What one capitalised word is, by its shape and the word after it: a capital
(:func:`is_cap`), an acronym ("WIOCC"), capitals inside ("EllaLink"), an English adjective
of a people or region before a noun ("the Welsh data centre"); and the words that end a
company's name (:data:`ORG_END_WORDS`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.draft.verbs import business_verb_forms
from geo.draft.vocabulary import ORG_VERB, fold, word_set

#: English adjectives of peoples, nations within countries and regions that the gazetteer's
#: country adjectives do not hold ("the Welsh capital", "a Catalan operator"); with the
#: shape of :data:`_ADJECTIVE_SHAPE_RE` ("Scottish", "Bavarian", "Sicilian"), they are
#: evidence of a place, never a place or an organisation.
REGIONAL_ADJECTIVES = word_set("""
    welsh scots basque breton catalan texan manx lombard tuscan saxon norman alsatian
    castilian valencian canarian balearic azorean madeiran thai swiss czech slovak
    sardinian sicilian corsican bavarian flemish walloon galician andalusian
    asturian cornish scottish english irish kurdish tamil bengali punjabi zanzibari
    levantine maghrebi gulf nordic baltic balkan iberian latin caribbean
""")
_ADJECTIVE_SHAPE_RE = re.compile(r"^[A-Z][a-zà-ÿ]{2,}(?:ish|ese|ian|ean)$")


def is_cap(word: str) -> bool:
    """A capital first letter, capitals after a lower-case first letter ("eBay"), or a
    digit then a capital or "&" ("2Africa", "1&1"), not a quantity ("100MW")."""
    if word[:1].isupper():
        return True
    if word[:1].islower() and len(word) > 2 and word[1:2].isupper() and any(
            c.islower() for c in word[2:]):
        return True  # "eXchange", "iCloud", "eBay"
    if word[:1].isdigit():
        return (any(c.isupper() for c in word) or "&" in word) and not _QUANTITY_RE.match(
            word)  # "2Africa", "1&1", not "100MW"
    return False


#: A number glued to its unit: a quantity, no name ("100MW", "54MVA", "400G", "10Tbps").
_QUANTITY_RE = re.compile(r"^\d+(?:[.,]\d+)?(?:[kKMGT]W|MVA|kVA|[KMGTP]B|[GTP]bps|[GMk]Hz|km|"
                          r"KM|G|MW[hH]?)$")


def is_acronym(word: str) -> bool:
    """All capitals (digits allowed after the first letter), two to eight characters:
    "NTT", "WIOCC", "AAE1"; "PoP" and "EllaLink" are not."""
    letters = [c for c in word if c.isalpha()]
    return (2 <= len(word) <= 8 and len(letters) >= 2 and word[0].isalpha()
            and all(c.isupper() for c in letters) and word.replace("-", "").isalnum())


def is_people_adjective(text: str, start: int, end: int, function: frozenset[str]
                        ) -> bool:
    """Whether the capitalised word ``text[start:end]`` is an English adjective of a
    people or region used before a noun: "the Welsh data centre", "Bavarian operator"
    (a listed adjective, or one shaped "-ish", "-ese", "-ian", "-ean", followed by a
    lower-case word that is no function word: "Meridian has" stays a name)."""
    word = text[start:end]
    if not word[:1].isupper() or not (fold(word) in REGIONAL_ADJECTIVES
                                      or _ADJECTIVE_SHAPE_RE.match(word)):
        return False
    m = _NEXT_WORD_RE.match(text, end)
    return bool(m) and fold(m.group(1)) not in function and fold(
        m.group(1)) not in _verb_words()  # "Ardian adquirió": a name, then its verb


@lru_cache(maxsize=1)
def _verb_words() -> frozenset[str]:
    """One-word forms of the verbs of business ("announced", "adquirió", "anunciou")."""
    forms = [f for table in (business_verb_forms(), ORG_VERB) for fs in table.values()
             for f in fs]
    return frozenset(fold(f) for f in forms if " " not in f)


_NEXT_WORD_RE = re.compile(r"[ \u00a0]+([a-zà-ÿ][\w-]*)")


def is_camel(word: str) -> bool:
    """Capitals inside the word: "EllaLink", "KPNQwest", "CyrusOne", "2Africa"."""
    core = word.lstrip("0123456789")
    return (len(core) > 1 and core[0].isupper() and any(c.isupper() for c in core[1:])
            and any(c.islower() for c in core)) or (word[:1].isdigit() and is_cap(word))


def is_name_shaped(word: str) -> bool:
    """A word shaped as a name no dictionary holds: an acronym, capitals inside, a digit, or
    a hyphen then a capital ("OMERS", "KovaNet", "Africa50", "T-Systems")."""
    return is_acronym(word) or is_camel(word) or any(c.isdigit() for c in word) or bool(
        re.search(r"\w-[A-Z]", word))


#: Words that end a company's name, not a town's (nor a bank's or a ministry's: "Bank of
#: America" keeps its country).
ORG_END_WORDS = word_set("""
    telecom telecoms telekom cables networks network communications group groupe grupo
    gruppo holding holdings sa ag gmbh inc ltd llc plc spa srl corp corporation company
    systems technologies solutions services capital partners bhd limited co
""")
