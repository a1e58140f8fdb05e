"""Financing told as such: "financée par la Banque européenne d'investissement", "largely
financed by concessional loans from Export Import Bank of China", "Os bancos X e Y lideraram
o financiamento", "Die KfW hat die Finanzierung übernommen" (:func:`financing_funders`).

A loan or a grant from a named funder is a deal of kind ``other`` whose parties are the
funders the sentence names (CONVENTIONS: investments and co-financing are ``other``); the
one financed is a party only where the text names it as making the deal, which a passive
"financed by" does not. The funders are the organisations named after the words of
financing and a preposition of their source ("by", "from", "par", "de", "por", "dalla",
"von"...) up to the end of that clause, else those named before the words in the sentence
("X is funding the project", "X a assuré le financement"). A company's own money ("financed
by its own funds", "autofinancé") names no funder and is no deal.
"""

from __future__ import annotations

import re

from geo.draft.document import in_range
from geo.draft.sentences import Sentence

#: The words of financing by others, in the six languages.
FINANCING_RE = re.compile(
    r"(?<![\w-])(?:co-?)?(?:financed|funded|financing|funding|loans?|"
    r"financ[ée]e?s?|financement|prêts?|"
    r"financiad[oa]s?|financiaci[óo]n|financiamiento|préstamos?|"
    r"financiamento|empréstimos?|"
    r"finanziat[oaie]|finanziamento|finanziamenti|prestit[oi]|"
    r"finanziert|Finanzierung|Förderung|Kredit|Darlehen)(?![\w-])", re.IGNORECASE)
#: A funder's source after the words: "by", "from", "par", "de", "por", "dalla", "von"...
#: (group 1: one that can only name the source; "de", "do", "del"... may also name what is
#: financed: "le financement du projet").
_SOURCE_RE = re.compile(
    r"[^.;:]{0,60}?(?<![\w-])(?:(by|from|through|par|issu\s+d[eu]|por|pelo|pela|dal|dalla|"
    r"dai|dalle|dallo|von|vom|durch)|de|du|des|d['’]|do|da|dos|das|del|della|der|über)"
    r"(?![\w-])", re.IGNORECASE)
#: Where the funders' clause ends: a new clause ("..., were implemented by", "..., que").
_CLAUSE_END_RE = re.compile(
    r";|,\s+(?:which|who|were|was|is|are|while|whereas|and\s+the|que|qui|où|mientras|"
    r"enquanto|mentre|che|die|der|das|wobei|während)(?![\w-])|\s+(?:were|was|wurde|wurden|"
    r"fue|fueron|foi|foram)\s+(?:implemented|built|installed|réalisé|construit|construido|"
    r"construído|realizzat|gebaut)", re.IGNORECASE)
#: One's own money: no funder ("own funds", "fonds propres", "recursos propios").
_OWN_MONEY_RE = re.compile(
    r"(?<![\w-])(?:own\s+(?:funds|money|resources|capital)|self-financed|fonds\s+propres|"
    r"autofinanc|recursos\s+propios|recursos\s+próprios|fondi\s+propri|autofinanzi|"
    r"Eigenmittel|eigene[nm]?\s+Mittel)", re.IGNORECASE)


def financing_funders(text: str, s: Sentence, occurrences: list[tuple[int, int, str]],
                      starts: list[int]) -> list[str]:
    """The funders ``s`` names for a financing it tells (``[]`` for none): organisations
    named, as ``occurrences`` (sorted ``(start, end, name)`` with their ``starts``) give
    them, after its words of financing and a source preposition up to the end of that
    clause, else (no source told) before the words in the sentence."""
    if _OWN_MONEY_RE.search(s.text):
        return []
    for m in FINANCING_RE.finditer(text, s.start, s.end):
        source = _SOURCE_RE.match(text, m.end(), s.end)
        if source is not None:
            end = _CLAUSE_END_RE.search(text, source.end(), s.end)
            after = in_range(occurrences, starts, source.end(), end.start() if end else s.end)
            names = list(dict.fromkeys(name for _a, _b, name in after))
            if names:
                return names
            if source.group(1):
                continue  # "financed by" a source no organisation names: not those before

        # the subject of providing it: "Os bancos X e Y lideraram o financiamento", "X is
        # funding": names closing up to the words, with no punctuation between
        names: list[str] = []
        upto = m.start()  # where the name before must close up to
        for a, b, name in reversed(in_range(occurrences, starts, s.start, m.start())):
            between = text[b:upto]
            if len(between) > 60 or re.search(r"[,;:()\[\]]", between) or (
                    names and not re.fullmatch(r"\s*(?:and|et|e|y|und|&)\s*", between)):
                break
            names.insert(0, name)
            upto = a
        if names:
            return list(dict.fromkeys(names))
    return []
