"""The word tables and patterns the organisation finder shares across its modules: acronyms
that name no organisation, words of titles, legal forms, German common nouns, countries'
adjectives, and the word sets and patterns built once from :mod:`geo.draft.vocabulary`."""

from __future__ import annotations

import re
from functools import lru_cache

from geo.draft.common_words import common_words, german_compound
from geo.draft.names import is_acronym, is_camel
from geo.draft.verbs import business_verb_forms
from geo.draft.vocabulary import (
    CABLE_LANDING,
    DATA_CENTRE,
    LANGUAGES,
    ORG_DE_SUFFIXES,
    ORG_NAME_WORDS,
    ORG_NOUN_SUFFIXES_DE,
    ORG_OPENING_WORDS,
    ORG_VERB,
    OTHER_FACILITY,
    PERSON_AFTER,
    POP,
    ROLE,
    SOURCE_CUE,
    fold,
    folded_set,
    month_numbers,
    pattern,
    word_set,
)
from geo.extract import ORG_SUFFIXES

#: Acronyms that name no organisation: units, technologies, roles, currencies, codes.
NOT_ORG_ACRONYMS = word_set("""
    ict it ip ai 5g 4g 3g 2g lte ftth fttx fttb ceo cfo cto coo cio pdg dg ad usd eur gbp
    cfa fcfa xof xaf gdp pib pil bip mw gw kw kwh mwh tb gb pb tbps gbps mbps pop pops ixp
    ixps dc dcs cndc cndcs saas iaas paas api sla isp isps ott vpn sd-wan mpls dwdm wdm otn
    rfs utc gmt tv hd pr nb ok am pm id iot vr ar ml hpc gpu gpus cpu tier iii iv ii vi vii
    viii ix xi xii km kms usb esg csr rse pme pmi kmu sme smes rn br sp rj mg ba pe ce rs
    sc pa ap es df go ma mt ms pi rr se to faq pdf html url www evp svp vp md ltd plc llc
    gmbh ag sa spa sas srl nv bv ab oy asa inc corp co eu ue onu un usa us uk eeuu eua rdc
    drc uae eau nasdaq nyse cac dax ibex ftse mou mous loi ppp tic tics ntic nict cpd cpds
    ia rgpd gdpr nfv sdn ran oran pon gpon sat ftta voip sms mms ussd gsm cdma umts hspa
    wimax wifi rfp rfi capex opex ebitda roi irr npv ipo ir ceo dsl adsl vdsl hfc ngn ott
    ia tbit gbit ghz mhz tpe tpme pme pmes eti tpes dh mad dzd tnd zar ngn kes ghs egp
    brl ars clp cop mxn pen uyu inr cny rmb jpy chf sek nok dkk pln aud nzd cad xpf
    ht ttc ht kva mva ups noc soc cdn ddos ixc cfp
""")
#: Words of titles and roles: a run holding one names a person or an office, not a body.
TITLE_WORDS = word_set("""
    minister ministre ministro ministra president presidente presidenta prime premier
    vice deputy mayor maire alcalde alcaldesa prefeito prefeita sindaco governor gouverneur
    gobernador governador governadora governatore secretary secretaire secretario
    secretaria segretario ambassador ambassadeur embajador embaixador ambasciatore ceo
    director directeur directrice diretor diretora direttore direttrice chairman
    chairwoman chief officer founder executive manager head king queen prince sheikh dr mr
    mrs ms burgermeister prasident geschaftsfuhrer chef herr frau senator senador senateur
    deputado depute diputado deputato consultant consulente amministratore vorsitzender
    spokesman spokeswoman spokesperson
""")


@lru_cache(maxsize=1)
def country_prefixes() -> frozenset[str]:
    """The first four letters (folded) of every country's and continent's name in the six
    languages (CLDR, through babel): an adjective sharing them is that country's
    ("argentino", "chileno", "italiano", "americana", "europea")."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a dependency of geo
        return frozenset()
    out = set()
    for language in LANGUAGES:
        for name in Locale(language).territories.values():
            if len(name) >= 4:
                out.add(fold(name)[:4])
    return frozenset(out)


#: A name given to something: "called", "denominata", "namens".
NAMING_RE = re.compile(
    r"(?:called|named|dubbed|known\s+as|appele|appelee|denomme|denommee|baptise|baptisee|"
    r"nomme|nommee|llamad[oa]|denominad[oa]|bautizad[oa]\s+como|chamad[oa]|"
    r"denominat[oa]|chiamat[oa]|namens|genannt)\s*[«“\"'’‘]*\s*$")


#: Legal forms of companies: "Google LLC" and "Google Corporation" are one company, while
#: "Angola Cables" and "Angola Telecom" are two.
LEGAL_FORMS = word_set("""
    corporation corp inc incorporated ltd limited llc plc lp llp co company sa s.a sas
    s.a.s sarl s.a.r.l spa s.p.a srl s.r.l sl s.l slu ltda lda ag gmbh kg kgaa se nv n.v
    bv b.v ab oy asa pte pty bhd sdn s.a.b c.v group groupe grupo gruppo holding holdings
""")

GERMAN_NOUN_ENDINGS = ("ung", "ungen", "heit", "keit", "schaft", "tion", "tionen", "tat",
                       "nahme", "ment", "ismus", "chen", "ling", "nis", "tum", "enz", "anz",
                       "flache", "meter", "kapazitat", "stelle", "werk", "zentrum",
                       "zentren", "punkt", "punkte", "kabel", "netz", "leitung", "bereich",
                       "markt", "dichte", "teil", "jahr", "woche", "tage", "tagen", "euro",
                       "millionen", "milliarde", "milliarden", "ingenieure", "stadte",
                       "angaben", "enden", "schiff", "autobahn", "kunden", "verfugung",
                       "center", "centern", "centers")


def german_body(folded: str) -> bool:
    """A German compound naming a public body or a bank by its ending ("Bundesministerium",
    "Bundesnetzagentur", "Investitionsbank", "Stadtwerke"), not a short word ending so."""
    return len(folded) > 8 and folded.endswith(_BODY_ENDS) and not folded.endswith(
        ("unternehmen", "datenbank", "sandbank", "werkbank", "blutbank"))


_BODY_ENDS = tuple({fold(s) for s in ORG_DE_SUFFIXES})


def german_org_noun(folded: str, org_nouns: frozenset[str]) -> bool:
    """A German noun of a company or body, alone or as the end of a compound or of a
    hyphenated word ("Anbieter", "Konzerntochter", "Pensionsfonds", "Kommunikationsbehörde",
    "Co-Location-Wettbewerber")."""
    folded = folded.rsplit("-", 1)[-1]
    if folded in org_nouns or folded.endswith(ORG_NOUN_SUFFIXES_DE) or german_body(folded):
        return True
    return len(folded) <= 40 and any(folded[i:] in org_nouns
                                     for i in range(2, len(folded) - 3))


def german_head_noun(word: str, folded: str, org_nouns: frozenset[str]) -> bool:
    """A German common noun that may stand before a name to say what it is, alone, as a
    compound or as the last part of a hyphenated word ("Konzerntochter", "Pensionsfonds",
    "Co-Location-Wettbewerber"); no acronym, code or name with capitals inside."""
    if "-" in word:
        word, folded = word.rsplit("-", 1)[1], folded.rsplit("-", 1)[1]
    if not word[:1].isupper() or is_acronym(word) or is_camel(word) or any(
            c.isdigit() for c in word):
        return False
    return german_noun(word, folded, org_nouns) or german_body(folded) or \
        german_compound(folded)


#: The last part of a hyphenated name that makes it a group's or consortium's
#: ("Altice-Gruppe", "WACS-Konsortium").
GROUP_PARTS = frozenset({"gruppe", "group", "groupe", "grupo", "gruppo", "konsortium",
                         "holding"})


def german_noun(word: str, folded: str, org_nouns: frozenset[str]) -> bool:
    if "-" in word:  # "US-Unternehmen": its last part says
        word, folded = word.rsplit("-", 1)[1], folded.rsplit("-", 1)[1]
        if not word[:1].isupper():
            return False
    if is_acronym(word) or is_camel(word) or any(c.isdigit() for c in word):
        return False
    return folded in org_nouns or folded.endswith(ORG_NOUN_SUFFIXES_DE) or folded.endswith(
        GERMAN_NOUN_ENDINGS) or (folded.endswith("er") and len(folded) > 5
                                 and word[:1].isupper() and folded[-3] not in "aeiou"
                                 and folded in common_words("de"))  # not "Hetzner"


def all_words(table: dict[str, list[str]]) -> list[str]:
    return [w for ws in table.values() for w in ws]


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def finder_patterns() -> tuple:
    """The word sets and patterns of the finder, built once per process."""
    org_nouns = folded_set("ORG_NOUN")
    roles = folded_set("ROLE")
    titles = folded_set("PERSON_TITLE")
    name_words = frozenset(fold(w) for w in ORG_NAME_WORDS) | ORG_SUFFIXES
    opening = frozenset(fold(w) for w in ORG_OPENING_WORDS)
    months = month_numbers()
    facility_re = pattern({"x": [*all_words(DATA_CENTRE), *all_words(POP),
                                *all_words(CABLE_LANDING)]})
    other_facility_re = re.compile(
        r"(?:" + alternation(all_words(OTHER_FACILITY)) + r")\s+(?:de|du|des|of|di|del|da|do)"
        r"\s*(?:la\s+|l'\s*)?$")
    generic = {"is", "has", "will", "a", "est", "sera", "va", "es", "será", "ha", "tiene",
               "é", "vai", "tem", "è", "sarà", "hat", "ist", "wird", "has been", "a été"}
    verbs = [v for v in [*all_words(ORG_VERB), *all_words(business_verb_forms())]
             if v not in generic]
    verb_re = re.compile(
        r"^\s*(?:(?:today|also|recently|now|has|hat|ha|a|ja|ya|gia|recentemente|hoy|"
        r"oggi|heute|ainsi|aussi|jetzt|nun|bereits|again|have|had)\s+)*"
        r"(?:" + alternation(verbs) + r")\b")
    person_after_re = re.compile(r"^\s*,?\s*(?:" + alternation(all_words(PERSON_AFTER)) + r")\b")
    role_re = re.compile(
        r"\b(?:" + alternation(all_words(ROLE)) + r")"
        r"(?:\s+(?:general|generale|generaux|territorial|regional|executive|"
        r"executivo|ejecutivo|delegato|adjoint|adjunto|comercial|commercial|"
        r"technique|tecnico|financeiro|financier|financiero|operativo|e\s+ceo|"
        r"and\s+ceo|et\s+ceo|y\s+ceo))?"
        r"\s*(?:,\s*)?(?:of|de|di|da|do|du|des|della|del|dello|dei|degli|von|vom|at|"
        r"for|chez|bei|presso|en|na|no|in)\s+(?:(?:the|la|le|l'|el|il|lo|a|o|"
        r"societe|company|empresa|gruppo|groupe|grupo|firma)\s+)*$")
    source_re = re.compile(
        r"(?:" + alternation(all_words(SOURCE_CUE)) + r")\s*(?:(?:the|la|le|l'|el|il|o|a|"
        r"der|die|das|first|a\s+\w+)\s+)*$")
    # "the CEO of Angola Cables, António Nunes": a person after a role of an organisation
    role_of_then_re = re.compile(r"(?:" + alternation(all_words(ROLE)) + r")\s+(?:of|de|di|da|do|"
                                r"du|della|von)\s+[\w' -]{2,40},\s*$")
    return (org_nouns, roles, titles, name_words, opening, months, facility_re,
            other_facility_re, verb_re, person_after_re, role_re, source_re, role_of_then_re)
