"""The rules over a whole text: long names an acronym in brackets abbreviates, quoted
names given to organisations, governments ("Estado Português", "State of Timor-Leste"),
acronyms defined by words that name no organisation, lists whose names share what one of them
is, and the surnames of persons."""

from __future__ import annotations

import re
from functools import lru_cache

from geo.draft.names import Run, is_acronym
from geo.draft.org_acronyms import SMALL_WORDS, defined_by, defines, spelt_out
from geo.draft.org_candidate import add_candidate
from geo.draft.org_words import (
    NAMING_RE,
    all_words,
    country_prefixes,
)
from geo.draft.sentences import Sentence
from geo.draft.verbs import business_verb_forms
from geo.draft.vocabulary import (
    GOVERNMENT,
    fold,
    function_words,
    word_set,
)

_ADJECTIVE_END_RE = re.compile(
    r"(?:o|a|e|os|as|es|ais|aise|ien|ienne|ês|esa|ese|ain|aine|ois|oise|eiro|eira|ol|ola|"
    r"és|ische|ischen|isches)$")
#: A member's country or town after it in a list: "NTT aus Japan, Interxion aus Holland".
_PLACE_BEFORE_RE = re.compile(r"\s(?:aus|from|of|de|du|da|di|in|en|em)\s+(?:(?:den|der|dem|"
                              r"the|la|le|el|il|lo)\s+)?$")
_PLACE_AFTER_RE = re.compile(r"^\s+(?:aus|from|of|de|du|da|di|in|en|em)\s+(?:(?:den|der|dem|"
                             r"the|la|le|el|il|lo)\s+)?[A-ZÀ-Ý][\w’'-]{0,30}"
                             r"(?:\s+[A-ZÀ-Ý][\w’'-]{0,30})?(?=\s*(?:,|;|\s(?:and|et|y|e|"
                             r"und|ou|or|o|oder)\s))")
#: "Government" (English) and the word after it, if any.
_GOVERNMENT_WORD_RE = re.compile(r"\b[Gg]overnment\b(?![-’'])(?:\s+([\w’'-]+))?")
#: Up to three capitalised words ending a window (before "Government").
_WORDS_BEFORE_RE = re.compile(r"(?:[A-Z][\w’'-]{0,30}\s+){1,3}$")
_CAPITALISED_WORD_RE = re.compile(r"[A-Z][\w’'-]*")
_GOVERNMENT_BODIES = word_set("""
    government gouvernement gobierno governo regierung landesregierung ministry
""")
_LIST_INTRO_RE = re.compile(
    r"(?:comprised\s+of|composed\s+of|consisting\s+of|made\s+up\s+of|including|includes|"
    r"members?\s+(?:are|include)|investors\s+(?:are|include)|shareholders\s+"
    r"(?:are|include)|partners\s+(?:are|include)|compose\s+de|composee?\s+de|forme\s+de|"
    r"formee?\s+de|compuesto\s+por|formado\s+por|integrado\s+por|composto\s+por|"
    r"formada\s+por|composto\s+da|formato\s+da|bestehend\s+aus|investoren\s+sind|"
    r"companies|entreprises|operateurs|empresas|operadoras|societa|unternehmen|operators|"
    r"carriers|telcos|operadores|operatori|betreiber|"
    r"investors|investisseurs|inversores|investidores|investitori|two\s+companies|"
    r"consor\w*[^.;:]{0,30}?\b(?:da|de|by|of|par|por|von|aus)|"
    r"(?:companies|firms|operators|players|providers|carriers|entreprises|societes|"
    r"operateurs|acteurs|empresas|operadores|operadoras|societa|aziende|operatori|"
    r"unternehmen|anbietern?|betreibern?|konkurrenz|competitors|concurrents|rivals)"
    r"[^.;:]{0,30}?\b(?:such\s+as|like|including|comme|tels?\s+que|telles?\s+que|como|"
    r"tales\s+como|come|quali|wie|etwa|darunter))"
    r"\s*(?:the|das|die|der|les|la|le|los|las|os|as|gli|i)?\s*(?:\w+\s+)?[:,(]?\s*$")
#: Verbs after a list of names that make them the subjects of a deal: "A e B assinaram".
_PLURAL_VERB_RE = re.compile(
    r"^\s*(?:\([^()]{1,40}\)\s*)?,?\s*(?:have\s+signed|signed|have\s+agreed|agreed|"
    r"announced|partnered|ont\s+sign[ée]|sign[eè]rent|ont\s+annonc[ée]|firmaron|han\s+"
    r"firmado|anunciaron|assinaram|anunciaram|hanno\s+(?:firmato|siglato|sottoscritto|"
    r"annunciato)|firmarono|haben\s+(?:eine|einen|ein|den|die|das)?\s*\w*\s*"
    r"unterzeichnet|unterzeichneten|have\s+partnered|join\s+forces)\b")
_ACRONYM_IN_BRACKETS_RE = re.compile(r"\(\s*([A-Z][A-Z0-9&-]{1,7}(?: [A-Z]{2,4})?)\s*\)")


class WholeTextRules:
    """The whole-text rules of :class:`geo.draft.organisations.OrganisationFinder` (mixed
    into it: uses its ``doc``, ``names``, ``candidates``, the word sets of
    :func:`geo.draft.org_words.finder_patterns` and its ``noun_after``)."""

    def defined_long_names(self) -> list[tuple[int, int]]:
        """Long names that an acronym in brackets abbreviates, across "e", "and", "y"...:
        "Istituto Nazionale di Geofisica e Vulcanologia (INGV)" is one name."""
        doc, text = self.doc, self.doc.text
        spans = []
        for m in _ACRONYM_IN_BRACKETS_RE.finditer(text):
            acronym = m.group(1)
            s = doc.sentence_at(m.start())
            if s is None or s.index in self.names.title_sentences:
                continue
            before = text[max(s.start, m.start() - 160):m.start()]
            long = defined_by(before.rstrip(), acronym)
            if long:
                long = re.sub(r"^[a-z]{1,4}['’]", "", long)  # "l'Istituto ..."
            if not long or not long[:1].isupper() or " " not in long:
                continue
            words = [fold(w) for w in re.findall(r"[^\W_][\w'’-]*", long)]
            if not re.search(r"\s(?:e|and|y|et|und|&)\s", long) and not (
                    (words[0] in self.opening or words[-1] in self.name_words) and any(
                        w[:1].islower() and fold(w) not in SMALL_WORDS
                        for w in long.split()[1:])):
                continue  # a plain run: found as a run ("Agence nationale de ..." is none)
            start = m.start() - (len(before) - before.rfind(long))
            end = start + len(long)
            if text[start:end] != long:
                continue
            run = Run(start, end, long, self.names.token_index(start),
                      self.names.token_index(end) - 1, s, False)
            cand = add_candidate(self.candidates, run)
            cand.own.append(f"abbreviated {acronym}")
            spans.append((start, end))
        return spans

    def named_by_quote(self) -> None:
        """A quoted name given to an organisation ("le regroupement ... appelé
        "Mauritanienne pour les communications internationales"")."""
        doc = self.doc
        for m in re.finditer(r"[«“\"]\s*([^«»“”\"\n]{3,80}?)\s*[»”\"]", doc.text):
            s = doc.sentence_at(m.start())
            if s is None or not m.group(1)[:1].isupper():
                continue
            before = doc.folded_before(m.start(), s, 80)
            n = NAMING_RE.search(before + " ")
            near = re.findall(r"[\w'-]+", before)[-8:]
            if n is None or not any(w in self.org_nouns for w in near):
                continue
            start = m.start(1)
            end = start + len(m.group(1))
            run = Run(start, end, doc.text[start:end], self.names.token_index(start),
                      self.names.token_index(end) - 1, s, False)
            cand = add_candidate(self.candidates, run)
            cand.own.append("a quoted name given to an organisation")

    def governments(self) -> None:
        """"Estado Português", "gouvernement gabonais", "Etat mauritanien", "State of
        Timor-Leste": a government word and a country adjective or "of <country>"."""
        doc = self.doc
        gov = "|".join(sorted((re.escape(w) for w in all_words(GOVERNMENT)), key=len,
                              reverse=True))
        for m in re.finditer(rf"(?<![\w-])((?:{gov}))\s+([\w’'-]+)(?:\s+([\w’'-]+))?",
                             doc.text, re.IGNORECASE):
            adj = m.group(2)
            s = doc.sentence_at(m.start())
            if s is None or s.index in self.names.title_sentences:
                continue
            end = m.end(2)
            adjective = m.start(2) in doc.adjective_starts
            ok = adjective or (adj[:1].islower() and re.search(
                r"(?:ais|aise|ien|ienne|ês|esa|ano|ana|ese|ois|oise|ain|aine|ote|ais)$",
                adj)) or (adj[:1].isupper() and adj.endswith(("ês", "ese", "ano", "ais", "ien"))
                          and doc.place_in(m.start(2), m.end(2)) is None) or (
                adj[:1].islower() and _ADJECTIVE_END_RE.search(adj)
                and fold(adj)[:4] in country_prefixes())  # "gobierno argentino"
            if not ok and fold(adj) in ("of", "de", "do", "da", "di", "du", "del", "della",
                                        "von", "des", "dello") and m.group(3):
                k = m.start(3)
                art = re.match(r"(?:the|la|l['’]|el|lo|der)\s*", doc.text[k:k + 5],
                               re.IGNORECASE)
                if art and doc.place_in(k, k + len(m.group(3))) is None:
                    k += art.end()
                p = doc.place_in(k, k + 3)
                if p is not None and (p.kind == "country" or (
                        p.kind == "region" and fold(m.group(1)) in _GOVERNMENT_BODIES)):
                    # "State of Timor-Leste", "governo do Ceará" (not "the state of Odisha")
                    ok = True
                    end = p.end
            if not ok:
                continue
            self._government(m.start(), end, s)
        if doc.language == "en":
            self._governments_named_before()

    def _government(self, start: int, end: int, sentence: Sentence) -> None:
        doc = self.doc
        run = Run(start, end, doc.text[start:end], self.names.token_index(start),
                  self.names.token_index(end) - 1, sentence, False)
        cand = add_candidate(self.candidates, run)
        cand.own.append("government: a government word and a country")

    def _governments_named_before(self) -> None:
        """"the Australian government awarded", "Seychelles Government": a people's
        adjective or a country's name before the word, which ends a clause's subject or
        object: the word after it, if any, is a function word or a verb ("a Sri Lankan
        government agency", "the Indian Government Cloud" are other things)."""
        doc = self.doc
        verbs = _english_verbs()
        for m in _GOVERNMENT_WORD_RE.finditer(doc.text):
            s = doc.sentence_at(m.start())
            if s is None or s.index in self.names.title_sentences:
                continue
            after = m.group(1)
            if after is not None and m.end(1) <= s.end and not (
                    fold(after) in verbs or after.endswith("ed")):
                continue  # "government agency", "Government Gazette", "Government hackers"
            window_start = max(s.start, m.start() - 100)
            before = _WORDS_BEFORE_RE.search(doc.text, window_start, m.start())
            if before is None:
                continue
            words_end = before.start() + len(before.group(0).rstrip())
            start = None
            for w in _CAPITALISED_WORD_RE.finditer(doc.text, before.start(), words_end):
                k = w.start()  # the longest people's adjective or country ending there
                p = doc.place_in(k, words_end)
                if k in doc.adjective_starts or (
                        p is not None and p.start == k and p.kind in ("country", "region")):
                    start = k
                    break
            if start is not None:
                self._government(start, m.start() + len("government"), s)

    def acronym_definitions(self) -> None:
        """An acronym defined by words that name no organisation ("Mécanisme pour
        l'Interconnexion en Europe (MIE)", "South Atlantic Cable System (SACS)") is none;
        one spelt out anywhere in the text ("da DGRM (Direção-Geral ...)") is defined."""
        text = self.doc.text
        for cand in self.candidates.values():
            if cand.weak and not cand.defined and is_acronym(cand.surface):
                for _a, b in self.doc.occurrences(cand.surface):
                    inner = re.match(r"\s*\(([^()]{3,120})\)", text[b:b + 130])
                    if inner and (defines(cand.surface, inner.group(1)) or spelt_out(
                            cand.surface, inner.group(1))):
                        cand.defined = True
                        break
        for cand in self.candidates.values():
            if not cand.weak or cand.strong:
                continue
            for run in cand.runs:
                if text[run.start - 1:run.start] != "(" or not is_acronym(run.text):
                    continue
                long = defined_by(text[max(0, run.start - 120):run.start - 1], run.text)
                if long and fold(long) not in self.candidates:
                    cand.vetoed.append(f"the acronym of {long!r}")
                    break
                if long and not self.candidates[fold(long)].is_org:
                    cand.vetoed.append(f"the acronym of {long!r}")
                    break

    def shared_by_lists(self) -> None:
        """Names listed together share what one of them is; a list introduced by
        "comprised of", "including", "companies"... is a list of organisations."""
        doc, text = self.doc, self.doc.text
        runs_by_start = {}
        for cand in self.candidates.values():
            for run in cand.runs:
                runs_by_start[run.start] = (cand, run)
        # a name in brackets right after another ("Meta (Facebook)") belongs to that item;
        # names in brackets after a common noun are items ("les opérateurs (A, B et C)")
        run_ends = {run.end for _c, run in runs_by_start.values()}

        def after_a_name(k: int) -> bool:
            if not re.search(r"\(\s*(?:[\w'’-]+\s+){0,2}$", text[max(0, k - 30):k]):
                return False
            j = text.rfind("(", max(0, k - 30), k)
            while j > 0 and text[j - 1].isspace():
                j -= 1  # stepped back over, never copied: linear in the names
            return j in run_ends

        ordered = [k for k in sorted(runs_by_start)
                   if not after_a_name(k)
                   and not (runs_by_start[k][0].place and _PLACE_BEFORE_RE.search(
                       text[max(0, k - 20):k]))]
        for _ in range(3):
            changed = False
            i = 0
            while i < len(ordered):
                group = [ordered[i]]
                conjunction = False
                j = i
                while j + 1 < len(ordered):
                    _c, run = runs_by_start[ordered[j]]
                    _n, nxt = runs_by_start[ordered[j + 1]]
                    gap = re.sub(r"^\s*\([^()]{1,60}\)", "", text[run.end:nxt.start])
                    gap = _PLACE_AFTER_RE.sub("", gap)  # "Interxion aus Holland, ..."
                    m = re.fullmatch(r"\s*(,|;|,?\s+(?:and|et|y|e|und|ou|or|o|oder)|\s)\s*"
                                     r"(?:(?:da|by|par|por|von)\s+)?"
                                     r"(?:(?:la|le|el|il|o|a|the|die|der|das)\s+|l['’]\s*)?",
                                     gap)
                    if nxt.sentence.index != run.sentence.index or m is None:
                        break
                    conjunction |= m.group(1).strip(" ,") != ""
                    group.append(ordered[j + 1])
                    j += 1
                if len(group) >= 3 or (len(group) == 2 and conjunction):
                    members = [runs_by_start[k] for k in group]
                    first_run, last_run = members[0][1], members[-1][1]
                    intro = _LIST_INTRO_RE.search(doc.folded_before(first_run.start,
                                                                    first_run.sentence, 60))
                    tail = re.sub(r"^\s*\([^()]{1,60}\)", "",
                                  doc.folded_after(last_run.end, last_run.sentence, 60))
                    acting = conjunction and bool(_PLURAL_VERB_RE.match(tail))
                    shared = bool(intro) or self.noun_after(tail) or acting or any(
                        c.strong and not c.place and not c.vetoed for c, _ in members)
                    if shared:
                        for c, _r in members:
                            if c.vetoed or (c.personal and c.person):
                                continue
                            if c.place and not (intro or self.noun_after(tail)):
                                continue
                            if not c.strong:
                                c.context.append("list of organisations")
                                changed = True
                i = j + 1
            if not changed:
                break

    def persons_by_surname(self) -> None:
        """The last word of a person's name alone is that person ("added Nunes")."""
        surnames = set()
        for cand in self.candidates.values():
            if cand.person and cand.personal:
                surnames.add(fold(cand.surface.split()[-1]))
        for key in surnames:
            cand = self.candidates.get(key)
            if cand is not None and not cand.own:
                cand.vetoed.append("the surname of a person")


@lru_cache(maxsize=1)
def _english_verbs() -> frozenset[str]:
    """The words that may follow a government named as a clause's subject or object:
    English function words ("and", "has", "will", "of") and the forms of the verbs of
    business ("signed", "owns", "awards"), folded."""
    return function_words("en") | {fold(form) for form in business_verb_forms()["en"]}
