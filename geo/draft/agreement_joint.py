"""Deals told without a deal's noun (:func:`joint_builders`, :func:`suppliers`):

* a **joint build**: two or more organisations, joined by "and" as the subject of a sentence,
  announce, build, lay or launch a cable, a link or a data centre together ("Google y
  Facebook anunciaron sus planes para desplegar un nuevo cable", "A Vodacom e a Bayobab
  anunciaram o lançamento de uma interligação"): a partnership between them (CONVENTIONS:
  "joint announcements of a joint build");
* a **supplier**: an organisation engaged, hired or contracted for the work, or by which the
  work was implemented, built, supplied or installed ("SubCom has been engaged for the supply
  and installation", "were implemented by Huawei and CITCC"): a contract with it.
"""

from __future__ import annotations

import re

from geo.draft.document import in_range
from geo.draft.sentences import Sentence

#: What is built: a cable, a link, a network, a data centre, a supply or installation... in
#: the six languages.
WORK_RE = re.compile(
    r"(?i)(?<![\w-])(?:cables?|câbles?|cabos?|cavos?|cavi|kabel\w*|\w*seekabel\w*|"
    r"interconnection|interconnexion|interconexión|interligação|interconnessione|link|"
    r"liaison|enlace|ligação|collegamento|verbindung|backbone|dorsale|network|réseau|red|"
    r"rede|rete|netz|data\s*cent(?:er|re)s?|datacent\w*|centro\s+de\s+datos|centro\s+de\s+"
    r"dados|rechenzentr\w*|system|système|sistema|supply|installation)(?![\w-])")
#: Verbs of announcing or building together, after the joined subject.
_JOINT_VERB_RE = re.compile(
    r"(?i)(?<![\w-])(?:announced|announce|will\s+(?:jointly\s+)?(?:build|deploy|lay|launch|"
    r"develop)|are\s+(?:building|deploying|laying|developing)|(?:have\s+)?launched|launch|"
    r"build|deploy|ont\s+annoncé|annoncent|vont\s+(?:construire|déployer|poser|lancer)|"
    r"construiront|déploieront|lancent|ont\s+lancé|anunciaron|anuncian|han\s+anunciado|"
    r"construirán|desplegarán|lanzaron|van\s+a\s+(?:construir|desplegar|tender)|"
    r"anunciaram|anunciam|vão\s+(?:construir|implantar|lançar)|construirão|lançaram|"
    r"hanno\s+annunciato|annunciano|costruiranno|realizzeranno|hanno\s+lanciato|"
    r"lanciano|kündigen|kündigten|haben\s+angekündigt|bauen|verlegen|errichten|"
    r"starten)(?![\w-])")
#: "A and B", "A, B e C", "la X y la Y", "A und die B": what joins two names of one subject.
_JOIN_RE = re.compile(
    r"\s*(?:,\s*|\s(?:and|&|et|e|y|und)\s+)(?:(?:the|la|le|l['’]|el|a|o|die|der|das|il|lo)"
    r"\s*)?")
#: What starts another clause between the verb and the thing built: punctuation or a
#: conjunction ("announced weak results as the network market slows").
_OTHER_CLAUSE_RE = re.compile(
    r"[;:,]|(?<![\w-])(?:as|while|because|since|when|after|though|although|comme|car|"
    r"lorsque|quand|alors|porque|cuando|mientras|aunque|quando|perché|mentre|sebbene|weil|"
    r"wenn|während|obwohl|als|nachdem)(?![\w-])", re.IGNORECASE)
#: An organisation chosen for the work: "X has been engaged / hired / contracted for" (not
#: "engaged in talks").
_ENGAGED_RE = re.compile(
    r"(?i)\s*(?:,[^,]{0,80},\s*)?(?:has|have|had)\s+been\s+(?:(?:engaged|hired|contracted|"
    r"appointed|commissioned)\s+(?:for|to|as)|awarded\s+the\s+contract)(?![\w-])")
#: The work done by a supplier: "implemented by", "construit par", "construido por"...
_DONE_BY_RE = re.compile(
    r"(?i)(?<![\w-])(?:(?:was|were|is|are|will\s+be|has\s+been|have\s+been)\s+"
    r"(?:implemented|built|supplied|installed|laid|constructed|deployed)\s+by|"
    r"(?:réalisée?s?|construite?s?|installée?s?|posée?s?)\s+par|(?:construid[oa]s?|"
    r"instalad[oa]s?|tendid[oa]s?)\s+por|(?:construíd[oa]s?|instalad[oa]s?|implantad[oa]s?)"
    r"\s+pel[oa]|(?:realizzat[oaie]|costruit[oaie]|posat[oaie])\s+da(?:l|lla|i)?|"
    r"(?:gebaut|errichtet|verlegt)\s+(?:von|durch))(?![\w-])")


def joint_builders(text: str, s: Sentence, occurrences: list[tuple[int, int, str]],
                   starts: list[int]) -> list[str]:
    """The organisations ``s`` joins as the subject of a joint build (two or more, at the
    sentence's start), or ``[]``."""
    if not WORK_RE.search(s.text):
        return []
    occ = in_range(occurrences, starts, s.start, s.end)
    if len(occ) < 2 or occ[0][0] - s.start > 60:
        return []
    chain = [occ[0]]
    for item in occ[1:]:
        if not _JOIN_RE.fullmatch(text, chain[-1][1], item[0]):
            break
        chain.append(item)
    if len(chain) < 2:
        return []
    verb = _JOINT_VERB_RE.search(text, chain[-1][1], min(s.end, chain[-1][1] + 80))
    if verb is None or re.search(r"[;:]", text[chain[-1][1]:verb.start()]):
        return []
    # what they build is the verb's object: close after it, in the same clause ("announced
    # record profits, helped by demand on the new cable" builds nothing)
    work = WORK_RE.search(text, verb.end(), min(s.end, verb.end() + 80))
    if work is None or _OTHER_CLAUSE_RE.search(text, verb.end(), work.start()):
        return []
    return list(dict.fromkeys(name for _a, _b, name in chain))


def suppliers(text: str, s: Sentence, occurrences: list[tuple[int, int, str]],
              starts: list[int]) -> list[str]:
    """The organisations ``s`` says were engaged for the work or did it, or ``[]``."""
    if not WORK_RE.search(s.text):
        return []
    occ = in_range(occurrences, starts, s.start, s.end)
    for _a, b, name in occ:
        if _ENGAGED_RE.match(text, b, s.end):
            return [name]
    for m in _DONE_BY_RE.finditer(text, s.start, s.end):
        names = []
        end = m.end()
        for a, b, name in in_range(occurrences, starts, m.end(), s.end):
            if a - end > 8 and not _JOIN_RE.fullmatch(text, end, a):
                break
            names.append(name)
            end = b
        if names:
            return list(dict.fromkeys(names))
    return []
