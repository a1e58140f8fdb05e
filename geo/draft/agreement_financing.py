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
#: A funder's source right after the words (at most three lower-case words between: "in
#: part", "concessional loans"): "by", "from", "par", "por", "dalla", "von"... (group 1),
#: or "de", "do", "del"... (group 2), which may also name what is financed ("le
#: financement du projet") and so counts only with a name right after it.
_SOURCE_RE = re.compile(
    r"(?:\s+[a-zà-ÿ][\w’'-]*){0,3}?\s+(?:(by|from|through|par|issu\s+d[eu]|por|pelo|pela|"
    r"dal|dalla|dai|dalle|dallo|von|vom|durch)|(de|du|des|d['’]|do|da|dos|das|del|della|der|"
    r"über))(?![\w-])\s*(?:(?:the|la|le|l['’]|el|lo|il|o|a|os|as|los|las|les|gli|die|den|"
    r"dem)\s+|l['’])?", re.IGNORECASE)
#: A financing denied or refused: "not financed by", "declined financing", "nicht
#: finanziert".
_NEGATION_RE = re.compile(r"(?<![\w-])(?:not|no|non|pas|sans|sin|sem|senza|nicht|kein\w*|"
                          r"never|jamais|nunca|mai|declined|refused|rejected|denied|refusé|"
                          r"rejeté|rechaz\w*|neg\w*|recus\w*|rejeit\w*|rifiut\w*|respint\w*|"
                          r"abgelehnt|verweiger\w*)\s+(?:\w+\s+)?$", re.IGNORECASE)
#: How far after its source a funders' clause is read.
_CLAUSE_LIMIT = 300
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
        if _NEGATION_RE.search(text, max(s.start, m.start() - 20), m.start()):
            continue  # "not financed by X"
        source = _SOURCE_RE.match(text, m.end(), s.end)
        if source is not None:
            limit = min(s.end, source.end() + _CLAUSE_LIMIT)
            end = _CLAUSE_END_RE.search(text, source.end(), limit)
            after = in_range(occurrences, starts, source.end(), end.start() if end else limit)
            if source.group(2) and (not after or after[0][0] != source.end()):
                after = []  # "le financement du projet d'Orange": what is financed
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
