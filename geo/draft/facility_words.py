"""The words and patterns that find a facility's mention and its name, in the six
languages: the kinds of facility and their words (:func:`kind_patterns`), plurals, counts
and ordinals, determiners (:func:`determiner`), codes ("FRA13", "SG3"), and the words
around a name ("die Anlage „FRA7“", "the JB3 facility", "the data center market").
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.draft.vocabulary import (
    CABLE_LANDING,
    DATA_CENTRE,
    EXCHANGE_POINT,
    ORG_NAME_WORDS,
    OTHER_FACILITY,
    POP,
    TELEPHONE_EXCHANGE,
    fold,
    month_numbers,
    pattern,
    word_set,
)
from geo.extract import ORG_SUFFIXES

#: A facility's code: "SG3", "FRA13", "MRS1", "CT-2".
CODE_RE = re.compile(r"^[A-Z]{2,5}-?\d{1,3}[A-Z]?$")
_KINDS = (
    ("data-centre", DATA_CENTRE),
    ("pop", POP),
    ("cable-landing", CABLE_LANDING),
    ("ixp", EXCHANGE_POINT),
    ("exchange", TELEPHONE_EXCHANGE),
    ("other", OTHER_FACILITY),
)
#: Words that must keep their case to mean a facility ("PoP", "CPD", "POP").
_CASED = frozenset({"PoP", "PoPs", "POP", "POPs", "CPD", "IXP"})
PLURAL_WORDS = word_set("""
    centres centers datacentres datacenters centros centri rechenzentren pops points
    stations sites estaciones estacoes stazioni datenzentren platforms cndcs dcs cpds
    exchanges internetknotenpunkte punti pontos puntos presences representacoes
    facilities plataformas piattaforme landestationen anlandepunkte anlandestationen
""")
PLURAL_DETERMINERS = word_set("""
    the des les ces leurs ses nos dei degli delle i gli los las unos unas sus estos estas
    os as uns umas seus suas estes estas die der den these those their its several
    many all other two three tous toutes todos todas tutti tutte alle mehrere viele
    zwei drei deux trois dos tres dois três tre
""")
COUNT_WORDS = word_set("""
    two three four five deux trois quatre cinq dos tres cuatro cinco dois duas três quatro
    due tre quattro cinque zwei drei vier fünf
""")
ORDINAL_RE = re.compile(
    r"(?:\b\d{1,3}\.|\b\d{1,3}(?:st|nd|rd|th|e|ème|º|ª|°)|\b(?:second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|deuxième|troisième|quatrième|cinquième|sixième|"
    r"septième|segund[oa]|tercer[oa]?|terceir[oa]|cuart[oa]|quart[oa]|quint[oa]|sext[oa]|"
    r"séptim[oa]|sétim[oa]|secondo|seconda|terzo|terza|quarto|quinto|sesto|settimo|"
    r"zweite[snr]?|dritte[snr]?|vierte[snr]?|fünfte[snr]?|sechste[snr]?|siebte[snr]?|"
    r"siebtes|achte[snr]?))\s*$", re.IGNORECASE)
_DEFINITE = word_set("""
    los las les gli os as these those ces estos estas estes questi queste diese
    the this that its their our le la l ce cet cette son sa leur notre el este esta ese
    esa su nuestro nuestra o a esse essa seu sua nosso nossa il lo questo questa quel
    quella suo sua nostro nostra der die das dem den des dieses diese dieser sein seine
    ihr ihre unser unsere du au del al do da no na ao nel dal dello della im vom zum zur
""")
_INDEFINITE = word_set("""
    a an another un une uno una um uma ein eine einen einem einer
""")
#: Generic nouns for a facility, which a name or code may follow ("die Anlage „FRA7“").
GENERIC_RE = re.compile(
    r"(?<![\w-])(?:Anlage|facility|installation|installations|instalaciones|instalações|"
    r"struttura|structure|complexe|complesso|complejo|edificio|edifício|building|Gebäude|"
    r"site|sito|impianto|centro|centre|center|Standort)(?![\w])", re.IGNORECASE)
_LOCATIVE = word_set("""
    in at à a en em na no nas nos nel nella ad a im in bei au aux within inside dans
    chez presso
""")
LANDING_VERBS_RE = re.compile(r"(?:approd|land|atterr|amarr|ancor|anland)", re.IGNORECASE)
#: An opening bracket and capitalised words: a facility word after them, closing the
#: bracket, spells out what is before it ("OS-IX (Oslo Internet Exchange)").
EXPANSION_RE = re.compile(r"\(\s*(?:[A-Z][\w’'-]*\s+(?:(?:of|de|di|du|da|do)\s+)?)*$")
#: A copula and a determiner before an ordinal: "CGK5 is the fifth datacentre".
PREDICATE_RE = re.compile(
    r"\b(?:is|was|est|était|es|era|é|è|ist|war|sera|será|sarà|wird)\s+"
    r"(?:the|its|le|la|l['’]|son|sa|el|su|o|a|seu|sua|il|lo|suo|der|die|das|sein|seine|"
    r"ihr|ihre)\s*$", re.IGNORECASE)
#: Generic nouns of a site after a code ("the JB3 facility", "its CT2 site") or before it
#: ("el campus QR03", "le site PA3").
CODE_NOUN_AFTER_RE = re.compile(
    r"[ \u00a0]+(?:facility|facilities|site|campus|building|complex|data\s+hall|"
    r"colocation)\b", re.IGNORECASE)
CODE_NOUN_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:campus|site|sito|sitio|Standort|Campus|edificio|edifício|bâtiment|"
    r"Gebäude|complexe|complejo|complesso)\s+$", re.IGNORECASE)
#: After a facility's word, the words that may stand before its name.
AFTER_WORD_RE = re.compile(r"(?:\s+(?:campus|complex|complexe|complejo|complesso|building|"
                            r"site|hub))?[ \u00a0]+[«“\"„‚'’]?")
MONTH_WORDS = frozenset(month_numbers())
COMPANY_WORDS = frozenset(fold(w) for w in ORG_NAME_WORDS) | ORG_SUFFIXES


@lru_cache(maxsize=1)
def kind_patterns() -> list:
    """(kind, pattern of its words in any case, pattern of its words that keep their case)."""
    out = []
    for kind, table in _KINDS:
        cased = [w for ws in table.values() for w in ws if w in _CASED]
        out.append((kind, _compile({k: [w for w in ws if w not in _CASED]
                                    for k, ws in table.items()}),
                    _compile({"x": cased}, case=True) if cased else None))
    return out


def _compile(table: dict[str, list[str]], case: bool = False) -> re.Pattern[str]:
    return pattern(table, case=case)


#: Nouns after a facility word that make it a modifier: "the data center market".
MODIFIED_NOUNS = word_set("""
    market markets industry industries sector sectors business businesses operator operators
    provider providers developer developers company companies firm firms player players
    space capacity strategy strategies platform platforms portfolio portfolios expansion
    construction investment investments demand supply trends trend segment segments
    services service solutions solution ecosystem ecosystems specialist specialists
    infrastructure infrastructures stocks reits reit fund funds
""")
_SKIPPED = word_set("""
    new nouveau nouvel nouvelle nouveaux nuevo nueva nuevos novo nova novos nuovo nuova
    nuovi neue neuen neues neuer first premier première primer primera primeiro primeira
    primo prima erste ersten erster largest biggest main principal grand grande gran big
    own propre propio próprio proprio eigene eigenen modern moderne moderno ultramoderne
    green vert verde grüne existing existant existente esistente bestehende
""")


def determiner(before_words: list[str], language: str = "en") -> str:
    """``definite``, ``indefinite`` or ``bare``: the determiner before a facility's word,
    adjectives skipped ("Ce nouveau centre", "das finnische Rechenzentrum")."""
    for w in reversed(before_words[-4:]):
        f = fold(w).rstrip("'’")
        if f == "a":
            return {"en": "indefinite", "pt": "definite"}.get(language, "bare")
        if f in _DEFINITE or w.endswith(("'", "’")):
            return "definite"
        if f in _INDEFINITE:
            return "indefinite"
        if f in _SKIPPED or (f.isalpha() and f.islower() and f.endswith(
                ("e", "en", "es", "er", "o", "a")) and len(f) > 4 and f not in _LOCATIVE):
            continue
        return "bare"
    return "bare"

