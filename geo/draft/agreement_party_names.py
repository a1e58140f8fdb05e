"""Names the text gives as parties of a deal that no other rule took for an organisation
(:func:`party_names`): the subjects of a signing or buying verb, the names after "with",
"between", "avec", "con", "mit"... near a deal's words, and the object of a purchase.
A party is an organisation; places, persons, months, route and facility names are none.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from geo.draft.agreement_words import DEFINITE, SIGN_RE, deal_words
from geo.draft.dates import WEEKDAYS, dates
from geo.draft.document import Document, Spans
from geo.draft.facts import OrganisationFact
from geo.draft.known_names import common_unnamed
from geo.draft.name_words import is_name_shaped
from geo.draft.names import is_people_adjective
from geo.draft.org_words import LEGAL_FORMS, german_head_noun
from geo.draft.sentences import Sentence
from geo.draft.vocabulary import (
    ORG_NOUN_SUFFIXES_DE,
    fold,
    folded_set,
    month_numbers,
    word_set,
)

#: Words that may stand between a deal's subjects and its verb ("Telstra said on Monday it
#: had agreed to buy", "Sonatel et Orange ont signé", "hanno firmato", "haben ...
#: unterzeichnet"), folded.
_BRIDGE = frozenset(fold(w) for w in word_set("""
    has have had will would is are was were be been being also today yesterday recently
    now finally officially formally jointly together said says announced announces that it
    they on monday tuesday wednesday thursday friday saturday sunday this week last
    a ont avait avaient va vont sera seront aussi hier aujourd hui ce cette mardi lundi
    mercredi jeudi vendredi samedi dimanche officiellement conjointement annoncé annonce
    qu que ha han había habían ya también hoy ayer este esta el pasado lunes martes
    miércoles jueves viernes sábado domingo anunció anuncia oficialmente conjuntamente
    tem têm já também hoje ontem nesta neste nessa nesse na no segunda-feira terça-feira
    quarta-feira quinta-feira sexta-feira anunciou anuncia oficialmente hanno è sono
    anche oggi ieri lunedì martedì mercoledì giovedì venerdì sabato domenica ufficialmente
    annunciato annuncia congiuntamente hat haben ist sind wird werden heute gestern am
    montag dienstag mittwoch donnerstag freitag samstag sonntag offiziell gemeinsam
    kündigte angekündigt auch bereits agreed agree agrees to plans plan intends decided
    completed finalised finalized closed concluded the its their le la les l sa son leur
    finalisé conclu achevé el la los su sus finalizó concluyó completó cerró o a os as
    seu sua concluiu finalizou completou fechou il lo la suo sua concluso completato
    finalizzato chiuso die den der das seine ihre vollzogen abgeschlossen
"""))
#: Prepositions and articles between a deal's subjects and its noun, around dates and places.
_IN_THE_WAY = frozenset(fold(w) for w in word_set("""
    in at on à a en em na no nel nella im am le el der die das den dem ein eine einen un une
    uno una um uma an
"""))
_PARTY_JOIN_RE = re.compile(r"\s*,\s*|\s*(?:,\s*)?(?:and|et|e|y|und|&)\s+(?:(?:by|par|por|pela|"
                            r"pelo|da|dalla|dal|von|with|avec|con|com|mit)\s+)?(?:(?:the|la|le|"
                            r"les|l['’]|el|los|las|a|o|os|as|il|lo|der|die|dem|den)\s*)?")


def _joins_parties(gap: str) -> bool:
    """Whether the text between two names joins them as parties ("X and Y", "X, Y"); a
    long gap never does (and is not searched: the pattern is slow on long runs of space)."""
    return len(gap) <= 40 and _PARTY_JOIN_RE.fullmatch(gap) is not None


#: The agent of a passive signing: "signé à Dakar par Sonatel", "firmado ... por X y Y".
_AGENT_RE = re.compile(r"(?:\bby|\bpar|\bpor|\bpela|\bpelo|\bda|\bdalla|\bdal|\bvon)\s+"
                       r"(?:(?:the|la|le|les|l['’]|el|los|las|a|o|os|as|il|lo|der|die|dem|"
                       r"den)\s*)?$", re.IGNORECASE)
_PARTY_PREPOSITION_RE = re.compile(
    r"(?:\bawarded\s+to|\battribué\s+à|\badjudicad[oa]\s+a|\baggiudicat[oa]\s+a|"
    r"\bwith|\bavec|\bcon|\bcom|\bmit|\bentre|\bbetween|\btra|\bfra|\bzwischen|"
    r"\bjunto\s+(?:con|a)|\binsieme\s+a|\bsigned\s+by|\bsigné\s+par|\bfirmado\s+por|"
    r"\bassinado\s+(?:por|pela|pelo)|\bfirmato\s+da|\bunterzeichnet\s+von)\s+"
    r"(?:(?:the|la|le|les|l['’]|el|los|las|a|o|os|as|il|lo|der|die|dem|den|des|its|their|"
    r"sa|son|leur|su|sus|sua|seu|sein|seine|seinem)\s*)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_ACQUIRED_OBJECT_RE = re.compile(
    r"(?:\bacquired|\bacquires|\bacquire|\bbuy|\bbuys|\bbought|\bpurchased?|\bacquisition\s+of|"
    r"\btakeover\s+of|\brach[eè]te|\bracheté|\brachat\s+d[e'’]|\bacquiert|\bacquisition\s+d[e'’]|"
    r"\badquiri[óo]|\badquiere|\badquisición\s+de|\badquiriu|\badquire|\baquisição\s+d[aoe]s?|"
    r"\bcompr[óo]u?|\bcompra\s+(?:a|à|ao|al|de|da|do|del)|\bacquisto\s+da|\bachat\s+à|"
    r"\bacquisit[oa]|\bacquisisce|\bacquisizione\s+d[ie]|\brilevat[oa]|"
    r"\bübernimmt|\bübernommen|\bkauft|\bgekauft|\berwirbt|\bÜbernahme\s+(?:von|der|des)|"
    r"\bacquired\s+from|\bfrom|\bselected|\bchose|\bchosen|\bhired|\bappointed|"
    r"\bchoisi|\bretenu|\bsélectionné|\beligió|\bseleccionó|\belegido|\bseleccionado|"
    r"\bescolheu|\bselecionou|\bcontratou|\bcontrató|\bscelto|\bselezionato|\baffidato|"
    r"\bconfié)\s+"
    r"(?:(?:the|la|le|les|l['’]|el|los|las|a|o|os|as|il|lo|der|die|dem|den|des|del|della|da|"
    r"do|du)\s*)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


_GERMAN_ARTICLES = word_set("""
    der die das den dem des ein eine einen einem einer eines im am zum zur vom beim ins
""")


class _PartyNames:
    """The party names of one document, gathered sentence by sentence into ``out``."""

    def __init__(self, doc: Document, organisations: list[OrganisationFact],
                 blocked: set[str]):
        self.doc = doc
        self.text = doc.text
        self.names = doc.names
        self.blocked = blocked
        #: where the text names an organisation already found
        self.known = Spans((a, b) for a, b, _n in doc.name_occurrences(
            [(f, o.name) for o in organisations for f in [o.name, *o.aliases]]))
        self.runs_by_sentence: dict[int, list] = {}
        for run in self.names.runs:
            self.runs_by_sentence.setdefault(run.sentence.index, []).append(run)
        self.roles = folded_set("ROLE") | folded_set("PERSON_TITLE")
        self.known_names = {fold(f) for o in organisations for f in [o.name, *o.aliases]}
        self.months = set(month_numbers())
        #: the names found, each with its sentence, in the order found
        self.out: list[tuple[str, Sentence]] = []
        self.seen: set[str] = set()
        self.org_nouns = folded_set("ORG_NOUN")
        #: words of the language that alone name no party ("Insgesamt", "Mehrheit")
        self.common = common_unnamed(doc.language)

    def sentence_runs(self, s: Sentence) -> list:
        """The names of ``s`` that may be parties: split, trimmed, no months or weekdays."""
        names, months = self.names, self.months
        return [self.trimmed(r) for r in (names.strip_function(r)
                                          for whole in self.runs_by_sentence.get(s.index, ())
                                          for r in self.split(whole))
                if r is not None and fold(r.text) not in months and fold(r.text) not in
                WEEKDAYS and not (fold(r.text) in self.common and not r.text.isupper())]

    def trimmed(self, run):
        """The run without leading company nouns ("Betreiber Wellenfunk", "Operator X")."""
        names, org_nouns = self.names, self.org_nouns
        k = run.first
        while k < run.last and (names.tokens[k].folded in org_nouns or names.tokens[
                k].folded.endswith(ORG_NOUN_SUFFIXES_DE)):
            k += 1
        return names.sub_run(run, k, run.last) if k > run.first else run

    def split(self, run) -> list:
        """A place then a connector then a name is two: "Roma da Sparkle" (signed in Rome
        by Sparkle); so is a name then a connector then a facility's: "Altice Portugal do
        Covilhã Data Center Campus"."""
        text, names, roles = self.text, self.names, self.roles
        # the first connector with a facility's word after it: searched once, from the
        # first connector (a later one's words are the first one's too)
        k = next((k for k in range(run.first + 1, run.last) if names.tokens[k].folded in (
            "de", "do", "da", "of", "di", "du", "von", "del")), None)
        if k is not None and _FACILITY_WORDS_RE.search(text, names.tokens[k].end, run.end):
            return [names.sub_run(run, run.first, k - 1)]
        for k in range(run.first + 1, run.last + 1):
            if names.tokens[k].folded in roles:  # "DICT Secretary Ivan John D Uy": the
                return [names.sub_run(run, run.first, k - 1)]  # body, then its officer
        first = run.places[0] if run.places else None
        if first is None or first.start != run.start or first.end >= run.end:
            return [run]
        k = names.token_index(first.end)
        while k <= run.last and not names.tokens[k].cap:
            k += 1
        if k > run.last or k == names.token_index(first.end):
            return [run]
        return [names.sub_run(run, run.first, names.token_index(first.end) - 1),
                names.sub_run(run, k, run.last)]

    def usable(self, run) -> bool:
        """Whether ``run`` may name a party: not a known organisation, a place, a month, a
        currency, a people's adjective, a person or a German noun after its article."""
        doc, text, names, roles = self.doc, self.text, self.names, self.roles
        known, blocked, months = self.known, self.blocked, self.months
        if run is None or run.last - run.first > 6:
            return False
        key = fold(run.text)
        if key in blocked or key in months or key in names.all_function or len(key) < 2 \
                or key in _CURRENCIES:
            return False
        if known.covers(run.start, run.end) or doc.is_place_run(run) or \
                doc.is_dateline(run.start, run.end):
            return False
        if _ATTRIBUTE_WORD_RE.fullmatch(names.tokens[run.last].text):
            return False  # "acquired Montreal-based infrastructure provider X": what X is
        if run.first == run.last and (run.start in doc.adjective_starts or is_people_adjective(
                text, run.start, run.end, names.all_function)):
            return False  # "South African", "Welsh"; "Deutsche Glasfaser" is a name
        words = run.text.split()
        after = text[run.end:run.end + 40]
        person = 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower()
                                               and w.isalpha() for w in words)
        if person and (re.match(r"\s*,\s*(?:(?:the|le|la|el|o|a|il|der|dem)\s+)?([\w-]+)",
                                after) and fold(re.match(
                    r"\s*,\s*(?:(?:the|le|la|el|o|a|il|der|dem)\s+)?([\w-]+)", after).group(1))
                       in roles):
            return False  # "Klaus Kremper, dem Chef von One Fiber"
        before = fold(text[max(run.sentence.start, run.start - 20):run.start]).split()
        if doc.language == "de" and len(words) == 1 and before and before[-1] in \
                _GERMAN_ARTICLES and words[0][1:].islower() and "-" not in words[0]:
            return False  # "auf dem Grundstück": a German noun after its article
        return not (before and before[-1].rstrip(".") in roles)

    def add(self, run, s: Sentence) -> None:
        """Keep ``run`` (with a legal form written after it) as a party named in ``s``,
        unless it is a role or a known organisation, or was kept before."""
        text, names, roles = self.text, self.names, self.roles
        known, known_names, seen, out = self.known, self.known_names, self.seen, self.out
        last_attribute = next((k for k in range(run.last - 1, run.first - 1, -1)
                               if _ATTRIBUTE_WORD_RE.fullmatch(names.tokens[k].text)), None)
        if last_attribute is not None:  # "Ayala-led Globe Telecom", "Hong Kong-listed ESR"
            run = names.sub_run(run, last_attribute + 1, run.last)
        first = names.tokens[run.first]
        second = names.tokens[run.first + 1] if run.last > run.first else None
        if self.doc.language == "de" and second is not None and german_head_noun(
                first.text, first.folded, self.org_nouns) and is_name_shaped(
                    second.text) and second.folded.rstrip(".") not in LEGAL_FORMS:
            # "Pensionsfonds OMERS": the name (not "Nordnetz AG": one name)
            run = names.sub_run(run, run.first + 1, run.last)
            first = names.tokens[run.first]
        if first.folded in roles or fold(first.text.split("-")[0]) in roles:
            return  # "Diretor-Geral da DGRM": a person's role
        name = run.text
        legal = _LEGAL_AFTER_RE.match(text, run.end)
        if legal:
            name = text[run.start:legal.end()]  # "Telia Carrier Norway AS"
        if known.covers(run.start, run.end) or fold(name) in known_names:
            return
        if fold(name) not in seen:
            seen.add(fold(name))
            out.append((name, s))

    def subjects_before_deal(self, s: Sentence, runs: list, triggers) -> None:
        """The subjects of a deal: names joined by "and" before the deal's words
        ``triggers`` (``(start, end)``), then only bridge words up to its verb."""
        text, doc, names = self.text, self.doc, self.names
        first_trigger = triggers[0][0]
        lead = [r for r in runs if r.end <= first_trigger and not doc.is_place_run(r)]
        if lead:
            chain = [lead[-1]]
            for r in reversed(lead[:-1]):
                gap = text[r.end:chain[0].start]
                if _joins_parties(gap):
                    chain.insert(0, r)
                else:
                    break
            lo = chain[-1].end
            tail = text[lo:first_trigger]
            # dates and places in the way: "haben am 4. Mai 2023 in Berlin eine Vereinbarung"
            cuts = [(d.start, d.end) for d in dates(text, lo, first_trigger, doc.year)]
            cuts += [(p.start, p.end) for p in names.places_between(lo, first_trigger)]
            for a, b in sorted(cuts, reverse=True):
                tail = tail[:a - lo] + " " + tail[b - lo:]
            tail = fold(tail)
            words = [w for w in re.findall(r"[\w'-]+", tail) if w not in _IN_THE_WAY]
            verb = SIGN_RE.match(text, first_trigger) or any(
                w not in DEFINITE and w not in ("l", "d") for w in words) or (not re.sub(
                r"[\s,]", "", text[chain[-1].end:first_trigger]) and not _DEAL_NOUN_RE.match(
                    text, first_trigger, first_trigger + 40))  # "Ufinet eligió a Huawei"
            if verb and len(words) <= 8 and all(
                    w in _BRIDGE or w.isdigit() for w in words) and not re.search(
                    r"[,;:()]", tail):
                opening = text[s.start:chain[0].start]
                # "ACE Gabon, part of the ACE consortium, and Medusa Africa have signed"
                appos = re.search(r",\s*(?:[a-z][^,]{2,120}),\s*(?:and|et|e|y|und)\s+$",
                                  opening)
                if appos:
                    ahead = [r for r in lead if r.end <= s.start + appos.start()
                             and not text[r.end:s.start + appos.start()].strip()]
                    if ahead and re.search(r"(?:^|,)\s*$", text[s.start:ahead[-1].start]):
                        chain.insert(0, ahead[-1])
                        opening = text[s.start:ahead[-1].start]
                if re.search(r"(?:^|,)\s*(?:(?:the|la|le|les|l['’]|el|los|las|a|o|os|as|il|"
                             r"lo|der|die|das)\s*)?$", opening, re.IGNORECASE) and not any(
                        doc.is_place_run(r) for r in chain):
                    self.add_usable(chain, s)

    def german_verb_final(self, s: Sentence, runs: list, triggers) -> None:
        """German verb-final clauses: "Die Deutsche Glasfaser hat den Netzbetreiber Inexio
        übernommen": the subject before the auxiliary, the object of a purchase before the
        participle."""
        text, doc = self.text, self.doc
        if doc.language == "de" and runs:
            aux = re.match(r"\s+(?:hat|haben|hatte|hatten)\b", text[runs[0].end:s.end])
            opening = text[s.start:runs[0].start]
            if aux and re.fullmatch(r"\s*(?:(?:der|die|das)\s*)?", opening, re.IGNORECASE):
                last = triggers[-1]
                if not text[last[1]:s.end].strip(" .;:!?\"”»") and self.usable(runs[0]):
                    self.add(runs[0], s)
                    if _ACQUISITION_DE_RE.fullmatch(text[last[0]:last[1]]):
                        inner = [r for r in runs[1:] if r.end <= last[0]]
                        if len(inner) == 1 and self.usable(inner[0]):
                            self.add(inner[0], s)

    def subjects_after_signing(self, s: Sentence, runs: list) -> None:
        """Two or more names joined by "and" right after a signing verb: "Am 5. Juni
        unterzeichneten Telefónica und 1&1"."""
        text, doc = self.text, self.doc
        starts = [r.start for r in runs]
        for m in SIGN_RE.finditer(text, s.start, s.end):
            k = bisect_right(starts, m.end())
            if k < len(runs) and not text[m.end():runs[k].start].strip():
                group = self.joined(runs, k)
                if len(group) >= 2 and not any(doc.is_place_run(g) for g in group):
                    self.add_usable(group, s)

    def after_prepositions(self, s: Sentence, runs: list, triggers) -> None:
        """The names after "with", "between", a passive's agent... near a deal's words
        (``triggers``), and the objects of a purchase; places are none ("entre Mayotte et
        Grande Comore")."""
        doc = self.doc
        ends = sorted(x for pair in triggers for x in pair)  # a deal word's start and end
        grouped = -1  # the last run already in a group: its group was read with the first
        for k, r in enumerate(runs):
            i = bisect_left(ends, r.start - 90)
            near = i < len(ends) and ends[i] <= r.start + 90
            if k <= grouped or not near or self.party_slot(s, r) is None:
                continue
            group = self.joined(runs, k)
            grouped = k + len(group) - 1
            if any(doc.is_place_run(g) for g in group):
                continue
            self.add_usable(group, s)

    def party_slot(self, s: Sentence, r) -> re.Match[str] | None:
        """The words right before ``r`` that make it a party: "with", "between", the object
        of a purchase or a choice, the agent of a passive signing; None if none does."""
        text, doc = self.text, self.doc
        before = text[max(s.start, r.start - 60):r.start]
        slot = _PARTY_PREPOSITION_RE.search(before) or _ACQUIRED_OBJECT_RE.search(before)
        if slot is None:
            agent = _AGENT_RE.search(before)
            if agent is not None and doc.language == "de" and fold(
                    agent.group().split()[0]) == "von" and SIGN_RE.search(
                    text, r.end, min(s.end, r.end + 60)):
                pass  # "wurde ... von Interxion und DE-CIX unterzeichnet"
            elif agent is None or not SIGN_RE.search(
                    text, max(s.start, r.start - 120), r.start):
                return None
            word = fold(agent.group().split()[0])
            if word in ("da", "dal", "dalla", "von") and not (
                    doc.language == "it" and word != "von") and not (
                    doc.language == "de" and word == "von" and SIGN_RE.search(
                        text, r.end, min(s.end, r.end + 60))) and not \
                    re.search(r"(?:firmat|siglat|sottoscritt|unterzeichnet|"
                              r"unterschrieben)\w*\s+$", before[:agent.start()]):
                return None  # "da", "von" are also "of": only right after the verb
            slot = agent
        words = re.findall(r"[\w-]+", slot.group())
        if len(words) > 1 and words[-1][:1].islower() and fold(words[-1]) not in \
                self.org_nouns and fold(words[-1]) not in DEFINITE and fold(words[-1]) not in (
                "from", "de", "da", "von", "di", "of", "du", "do", "del", "by", "par",
                "por", "pela", "pelo"):
            return None  # "with its own funds": no name there
        if fold(words[0]) == "from" and not re.search(
                r"acqui|bought|purchas|buy", text[max(s.start, r.start - 60):r.start]):
            return None
        return slot

    def joined(self, runs: list, k: int) -> list:
        """``runs[k]`` and the names of ``runs`` joined to it as parties ("X and Y",
        "X, Y")."""
        text = self.text
        group = [runs[k]]
        while k + 1 < len(runs) and _joins_parties(text[runs[k].end:runs[k + 1].start]):
            group.append(runs[k + 1])
            k += 1
        return group

    def add_usable(self, group: list, s: Sentence) -> None:
        """Each name of ``group`` that may name a party, kept as named in ``s``."""
        for g in group:
            if self.usable(g):
                self.add(g, s)

def _deal_word_spans(doc: Document) -> dict[int, list[tuple[int, int]]]:
    """Every deal word and signing word of ``doc``, ``(start, end)``, by sentence index."""
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    triggers, signs = deal_words(doc)
    for m in [m for _k, m in triggers] + signs:
        at = doc.sentence_at(m.start())
        if at is not None:
            by_sentence.setdefault(at.index, []).append((m.start(), m.end()))
    return by_sentence


def party_names(doc: Document, organisations: list[OrganisationFact],
                blocked: set[str]) -> list[tuple[str, Sentence]]:
    """Names the text gives as parties of a deal that no other rule took for an
    organisation: the subjects of a signing or buying verb ("Telefónica und 1&1
    unterzeichneten"), the names after "with", "between", "avec", "con", "mit"... near a
    deal's words, and the object of a purchase ("has acquired Teraco", "le rachat de
    l'opérateur Salt"): a party is an organisation. Places, persons, months, route and
    facility names are none."""
    found = _PartyNames(doc, organisations, blocked)
    by_sentence = _deal_word_spans(doc)
    for index in sorted(by_sentence):
        s = doc.sentences[index]
        if s.index in doc.names.title_sentences:
            continue
        triggers = sorted(by_sentence[index])
        runs = found.sentence_runs(s)
        if not runs:
            continue
        found.subjects_before_deal(s, runs, triggers)
        found.german_verb_final(s, runs, triggers)
        found.subjects_after_signing(s, runs)
        found.after_prepositions(s, runs, triggers)
    return found.out



#: A word that says what a name is ("Singapore-based", "Ayala-led", "Hong Kong-listed"),
#: no party itself.
_ATTRIBUTE_WORD_RE = re.compile(r"[\w&]+-(?:led|based|owned|backed|controlled|listed|"
                                r"headquartered)")
_LEGAL_AFTER_RE = re.compile(r",?\s+(?:AS|ASA|AB|AG|SA|S\.A\.|SAS|SpA|S\.p\.A\.|Srl|GmbH|"
                             r"Ltd\.?|Limited|Inc\.?|LLC|PLC|plc|NV|N\.V\.|BV|B\.V\.|Oy|"
                             r"Pte|Bhd|SL|SLU|Ltda\.?)(?![\w.])")
_FACILITY_WORDS_RE = re.compile(r"(?i)\b(?:data\s*cent(?:er|re)s?|datacent\w*|campus|"
                                r"landing|station|parque|park|parc|tower|torre)\b")
_ACQUISITION_DE_RE = re.compile(r"(?i)übernommen|gekauft|erworben|akquiriert")
#: The shape of a deal's noun (not its verb): "acquisition", "partnership", "Vertrag"...
_DEAL_NOUN_RE = re.compile(r"(?i)[\w'’-]*(?:tion|sion|ment|ship|ção|ción|zione|ung|ance|"
                           r"ence|ord|ordo|erdo|rato|ratto|tract|deal|venture|MoU|memorandum|"
                           r"Kauf|chat|achat|compra|venta|venda|vendita|sale|accordo|intesa)\b")
_CURRENCIES = word_set("eur usd gbp chf jpy cny cfa xof xaf brl mxn ars clp cop inr")
