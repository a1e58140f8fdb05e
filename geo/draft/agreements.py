"""Agreements a text states: memoranda, contracts, partnerships, acquisitions and other deals,
with their parties, the signing date and venue where the text gives them, and their subjects.

* **Kind** from the words of the deal (``MEMORANDUM``, ``CONTRACT``, ``PARTNERSHIP``,
  ``ACQUISITION``, ``OTHER_DEAL`` in :mod:`geo.draft.vocabulary`); "de acuerdo con", "de
  acordo com", "according to" are no deals. An investment or co-financing is one only
  between two named parties (a company's own investment is none).
* **Parties**: the organisations the sentence names as making it: its subject and those
  "with", "junto con", "avec", "in collaborazione con", "between A and B", "signé par"...;
  not those only attending ("en présence de"), named in a relative clause ("qui est ...",
  "de la cual ..."), in an apposition that describes the subject ("EllaLink, joint-venture
  entre A e B, assinou"), parents named as such ("la filial de Telefónica"), the target of an
  investment ("in Unifiber") or someone "delivering" beside it. A subject written as "the
  group" is the organisation the text speaks of most; "the companies" are the parties of the
  previous deal.
* **One entry per deal**: a definite mention ("L'accord a été signé par", "Ce protocole
  d'accord", "the agreement") adds to the previous deal; so does a signing ceremony.
* **Date**: only one written next to the signing ("signed on 5 June", "ont signé ce
  mercredi 5 avril 2023") or the deal's noun ("la co-acquisition ..., en février 2000"); a
  day and month without a year take the article's year when it has one.
* **Venue**: the place, building or body a locative names next to the signing ("signed an
  agreement in Singapore", "held at Timor Plaza", "assinados na DGRM", "protocole d'accord de
  Dakar").
* **Subjects**: the named routes and facilities of its sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.draft.agreement_words import (
    CEREMONY_RE,
    DEFINITE,
    KIND_TABLES,
    SIGN_RE,
    deal_words,
)
from geo.draft.dates import WEEKDAYS, dates, last_month_dates, weekday_dates
from geo.draft.document import Document, Spans, in_range
from geo.draft.facts import AgreementFact, Evidence, FacilityFact, OrganisationFact, PlaceRef
from geo.draft.names import is_people_adjective
from geo.draft.sentences import Sentence
from geo.draft.vocabulary import (
    ORG_NOUN_SUFFIXES_DE,
    fold,
    folded_set,
    month_numbers,
    pattern,
    word_set,
)

_PRIORITY = {"memorandum": 0, "contract": 1, "acquisition": 2, "partnership": 3, "other": 4}
#: "the company" (and an auxiliary) right before a deal's verb.
_ANAPHOR_BEFORE_VERB_RE = re.compile(
    r"(?i)(?<![\w-])(?:the|la|le|l['’]|el|a|il|das|der|die)\s*(?:company|group|firm|société|"
    r"groupe|empresa|compañía|companhia|grupo|società|azienda|gruppo|Unternehmen|Konzern|"
    r"Gruppe)\s+(?:(?:has|had|have|a|avait|ha|había|tem|tinha|hat|hatte|also|aussi|también|"
    r"também|anche|auch)\s+)*$")
#: Land bought: a one-party purchase of the organisation the text speaks of.
_LAND_RE = re.compile(r"(?i)(?<![\w-])(?:land|plot|terrain|terreno|terrenos|área|area|"
                      r"Grundstück|Bauland|Gelände|parcel|acres|hectares|hectáreas|ettari|"
                      r"metri\s+quadrati|square\s+met(?:er|re)s|Quadratmeter)(?![\w-])")
#: The members of a party named after it: "integrado por", "composed of", "bestehend aus".
_MEMBERS_RE = re.compile(
    r"(?i),\s*(?:integrad[oa]|composed|made\s+up|formed|compos[ée]e?|formad[oa]|"
    r"integrat[oa]|compost[oa]|comprising|consisting|bestehend|controlled|owned|"
    r"détenue?|detid[oa]|participad[oa])\b[^,;]*$")
#: Verbs of choosing a supplier: a deal only with the one chosen named ("Google chose
#: Portugal" is none).
_SELECTION_RE = re.compile(
    r"(?i)(?:has\s+)?(?:selected|chosen|chose|hired|appointed)|a\s+(?:choisi|retenu|"
    r"sélectionné|confié)|eligió|seleccionó|ha\s+(?:elegido|seleccionado)|contrató|escolheu|"
    r"selecionou|contratou|ha\s+(?:scelto|selezionato|affidato)|(?:hat\s+)?ausgewählt")
_OTHER_PARTNERS_RE = re.compile(
    r"(?i)\b(?:with|avec|con|com|mit)\s+(?:\w+\s+)?(?:two|three|four|five|six|seven|"
    r"several|\d+|deux|trois|quatre|cinq|plusieurs|dos|tres|cuatro|cinco|varios|duas|"
    r"vários|due|tre|quattro|altri|zwei|drei|vier|fünf|mehreren)\s+(?:other|autres|otros|"
    r"otras|outros|outras|altri|altre|anderen|weiteren)?\s*\w+")
_MADE_UP_OF_RE = re.compile(
    r"(?i)\b(?:made\s+up\s+of|comprises|comprising|composed\s+of|consists\s+of|includes|"
    r"composé\s+de|composée\s+de|compuesto\s+por|integrado\s+por|formado\s+por|"
    r"composto\s+(?:por|da)|bestehend\s+aus|besteht\s+aus)\b")
#: Verbs (not nouns) of signing: a deal one named party signs.
_SIGNED_VERB_RE = re.compile(
    r"(?i)(?<![\w-])(?:signed|signs|inked|a\s+signé|ont\s+signé|signe|firmó|firmaron|"
    r"ha\s+firmado|han\s+firmado|assinou|assinaram|ha\s+(?:firmato|siglato|sottoscritto)|"
    r"hanno\s+(?:firmato|siglato|sottoscritto)|(?:hat|haben)\s+(?:\w+\s+){0,6}"
    r"unterzeichnet|unterzeichnete|unterzeichneten)(?![\w-])")
#: Words saying a deal was paid for by others: "was funded with equity from", "financé par".
_FUNDING_RE = re.compile(r"(?<![\w-])(?:funded|financed|backed|financé|financée|financiad[oa]|"
                         r"financiad[oa]s|finanziat[oa]|finanziert)(?![\w-])", re.IGNORECASE)
#: Deals that need two named parties: investments, co-financing, "investors".
_INVESTMENT_RE = re.compile(r"invest|financ|investor|investoren", re.IGNORECASE)
_ATTENDING_RE = re.compile(
    r"(?:en\s+pr[ée]sence\s+d|in\s+the\s+presence\s+of|attended\s+by|alla\s+presenza\s+d|"
    r"na\s+presen[çc]a\s+d|en\s+presencia\s+d|in\s+Anwesenheit|witnessed\s+by|"
    r"participaram|hanno\s+partecipato|ont\s+particip)", re.IGNORECASE)
_RELATIVE_RE = re.compile(
    r"(?:\bqui\b|\bwhich\b|\bwho\b|\bthat\s+(?:included|includes|include)\b|\bagainst\b|"
    r"\bcontre\b|\bcontra\b|\bcontro\b|\bgegen\b|\bque\b|\bche\b|\bcui\b|\bcuyo\b|\bcuya\b|\bcuja\b|"
    r"\bcujo\b|\bla\s+cual\b|\bel\s+cual\b|\bdont\b|,\s*(?:die|der|das)\b|\bwhose\b|"
    r"\bwhere\b|\bo\s+qual\b|\ba\s+qual\b|\bil\s+quale\b|\bla\s+quale\b)", re.IGNORECASE)
_PARENT_RE = re.compile(r"(?:filial|filiale|subsidiary|subsidiária|controllata|Tochter\w*|"
                        r"affiliate|unit|members?|membres?|miembros?|membros?|membri|"
                        r"Mitglied\w*|part|partie|parte|Teil|branch|arm|division|branche|"
                        r"rama|braço|ramo)\s+(?:de|of|di|da|do|von|du|del|des|della|dello)\s+"
                        r"(?:l['’]\s*|la\s+|el\s+|the\s+|o\s+|a\s+|il\s+|der\s+|dem\s+)?$",
                        re.IGNORECASE)
_SUBJECT_ANAPHOR_RE = re.compile(
    r"^\s*(?:(?:the|le|la|l['’]|el|o|a|il|lo|der|die|das)\s*)(?:group|groupe|grupo|gruppo|"
    r"company|société|compañía|empresa|companhia|società|azienda|Konzern|Unternehmen|firm|"
    r"carrier|operator|opérateur|operador|operadora|operatore|filial|filiale|subsidiary|"
    r"controllata)\b(?:\s+(?:de|of|di|da|do|du|von)\s+([^\s,]+(?:\s+[A-Z][^\s,]*)*))?",
    re.IGNORECASE)
_PLURAL_ANAPHOR_RE = re.compile(
    r"^\s*(?:(?:the|les|las|los|os|as|le|die)\s+)?(?:two\s+|deux\s+|dos\s+|duas\s+|due\s+|"
    r"beiden\s+|both\s+)?(?:companies|sociétés|compañías|empresas|companhias|società|"
    r"aziende|Unternehmen|partners|partenaires|socios|parceiros|operators|opérateurs|"
    r"operadores|operadoras)\b", re.IGNORECASE)
_PLURAL_ANAPHOR_ANY_RE = re.compile(
    r"(?<![\w-])(?:(?:the|les|las|los|os|as|die|le)\s+(?:two\s+|deux\s+|dos\s+|duas\s+|"
    r"due\s+|beiden\s+|both\s+)?(?:companies|sociétés|compañías|empresas|companhias|società|"
    r"aziende|Unternehmen|partners|partenaires|socios|parceiros|parties|partes)|both\s+parties|"
    r"ambas\s+(?:as\s+)?partes|entrambe\s+le\s+parti|beide\s+(?:Seiten|Parteien|Partner))"
    r"(?![\w-])", re.IGNORECASE)
_GENERIC_DEAL = word_set("""
    agreement agreements accord accords acuerdo acuerdos acordo acordos accordo accordi
    vereinbarung abkommen deal signature siganture firma assinatura sottoscrizione
    unterzeichnung
""")
#: Words of another act right before a date: the date is that act's, not the signing's.
_OTHER_ACT_BEFORE_RE = re.compile(
    r"(?:(?:autoris|authori[sz]|approv|aprob|aprov|approuv|genehmig|annonc|announc|anunci|"
    r"annunci|publi|reported|expected|prévu|previst|erwartet|ready|service|operat|complet|"
    r"achev|conclu|inaugur|live|online|Betrieb)\w*\s+(?:\w+\s+){0,2}|(?:by|until|before|"
    r"d['’]ici|avant|hasta|antes\s+de|até|entro|bis)\s+(?:\w+\s+){0,1})$",
    re.IGNORECASE)
#: A locative, perhaps a word for a building, before the name of a building or body where a
#: deal is signed ("at the Koror Grand Hotel", "presso la sede di", "no Palácio").
_BUILDING_BEFORE_RE = re.compile(
    r"(?:\bat|\bin|\bà|\ben|\bem|\bna|\bno|\bnel|\bnella|\bpresso|\bim|\bbei|\bau|\bal|"
    r"\bnello)\s+(?:(?:the|la|le|l['’]|el|il|o|a|der|die|dem|lo)\s*)?"
    r"(?P<noun>(?:hotel|hôtel|palais|pal[aá]cio|palazzo|sede|si[eè]ge|headquarters|offices?|"
    r"premises|residence|r[ée]sidence|salle|sala|Sitz|Hauptsitz|Rathaus)\s+"
    r"(?:(?:of|de|del|da|do|di|della|du|des|von|der)\s+(?:(?:the|la|le|l['’]|el|il|o|a)\s*)?)?)?$",
    re.IGNORECASE)
_BUILDING_NAME_RE = re.compile(r"\b(?:Hotel|Hôtel|Plaza|Palace|Palais|Pal[aá]cio|Palazzo|"
                               r"Centre|Center|Centro|Hall|Tower|House|Restaurant|Club|"
                               r"Building|Auditorium|Rathaus|Hof)$")
#: Locatives before a body where a deal is signed ("assinados na DGRM", "at the ministry").
_ORG_VENUE_RE = re.compile(r"(?:\bat|\bin|\bna|\bno|\bem|\bà|\bau|\bim|\bpresso|\bbei|"
                           r"\bchez|\bnella|\bnel|\bal|\ben\s+el|\ben\s+la)\s+"
                           r"(?:(?:the|la|le|l['’]|el|il|der|die|dem)\s*)?$", re.IGNORECASE)
_LOCATIVE_RE = re.compile(r"(?:\bin|\bat|\bà|\ben|\bem|\bna|\bno|\ba|\bad|\bnel|\bnella|\bim|"
                          r"\bau|\bdans|\bin\s+der|\bin\s+the)\s+(?:(?:the|la|le|l['’]|el|o|"
                          r"a|il|der|die|das)\s*)?(?:(?:city|town|ville|ciudad|cidade|città|"
                          r"Stadt|capital|capitale)\s+(?:of|de|da|di|del|du|d['’])\s*(?:(?:the|"
                          r"la|le|l['’]|el|o|a|il)\s*)?)?$", re.IGNORECASE)


@dataclass
class _Deal:
    kind: str
    parties: list[str]
    sentence: Sentence
    date: str | None = None
    date_sentence: Sentence | None = None
    venue: PlaceRef | None = None
    venue_sentence: Sentence | None = None
    subjects: list[str] = field(default_factory=list)
    investment: bool = False
    #: what was bought, as named after the words of a purchase (folded)
    objects: list[str] = field(default_factory=list)

    def fact(self) -> AgreementFact:
        return AgreementFact(self.kind, list(self.parties), self.sentence.evidence,  # type: ignore
                             self.date, _ev(self.date_sentence), self.venue,
                             _ev(self.venue_sentence), list(self.subjects))


def _ev(s: Sentence | None) -> Evidence | None:
    return s.evidence if s is not None else None


class AgreementFinder:
    def __init__(self, doc: Document, organisations: list[OrganisationFact],
                 route_names: list[tuple[int, int, str]], facilities: list[FacilityFact]):
        self.doc = doc
        self.text = doc.text
        self.organisations = organisations
        self.route_names = sorted(route_names)
        self._route_starts = [a for a, _b, _n in self.route_names]
        self.facilities = facilities
        self.kind_res = [(kind, pattern(table)) for kind, table in KIND_TABLES]
        self._org_nouns = folded_set("ORG_NOUN")
        self.occurrences = self._occurrences()
        self.deals: list[_Deal] = []
        #: countries that sign as parties: organisations to add, with their sentence
        self.signing_countries: list[tuple[str, Sentence]] = []
        # every deal word, signing word and ceremony of the text, found once
        self._all_triggers, self._all_signs = deal_words(doc)
        self._all_ceremonies = list(CEREMONY_RE.finditer(self.text))
        self._by_sentence: dict[int, tuple[list, list, list]] = {}
        for kind, m in self._all_triggers:
            self._bucket(m.start())[0].append((kind, m))
        for m in self._all_signs:
            self._bucket(m.start())[1].append(m)
        for m in self._all_ceremonies:
            self._bucket(m.start())[2].append(m)
        self._occ_starts = [o[0] for o in self.occurrences]
        self._runs_by_sentence: dict[int, list] = {}
        for run in doc.names.runs:
            self._runs_by_sentence.setdefault(run.sentence.index, []).append(run)

    def _occurrences(self) -> list[tuple[int, int, str]]:
        """Every place the text names an organisation: ``(start, end, its name)``."""
        return self.doc.name_occurrences(
            [(f, o.name) for o in self.organisations for f in [o.name, *o.aliases]])

    def _bucket(self, pos: int) -> tuple[list, list, list]:
        s = self.doc.sentence_at(pos)
        return self._by_sentence.setdefault(s.index if s is not None else -1, ([], [], []))

    # ------------------------------------------------------------------ sentences

    def find(self) -> list[AgreementFact]:
        doc = self.doc
        for s in doc.sentences:
            if s.index in doc.names.title_sentences:
                continue
            triggers, signs, ceremonies = self._by_sentence.get(s.index, ([], [], []))
            triggers = sorted(triggers, key=lambda t: t[1].start())
            if not triggers:
                if (signs or ceremonies) and self.deals and not self.deals[-1].venue:
                    self._date_venue(self.deals[-1], s, signs + ceremonies, [])
                continue
            kind, first = min(triggers, key=lambda t: (_PRIORITY[t[0]], t[1].start()))
            anchor = min(t[1].start() for t in triggers)
            parties = self._parties(s, triggers, signs)
            deal = None
            definite = self._definite(anchor, s)
            bought = self._object(s, triggers) if kind == "acquisition" else None
            # the deal a definite mention refers to: the latest with parties; a specific
            # noun with nothing named after it ("the sale of the data center") is the
            # text's first deal of that kind, its main one
            target = next((d for d in reversed(self.deals) if d.parties),
                          self.deals[-1] if self.deals else None)
            generic = fold(first.group()) in _GENERIC_DEAL
            if definite and not generic and bought is None:
                target = next((d for d in self.deals if d.parties and d.kind == kind), target)
            funding = _FUNDING_RE.search(self.text, anchor, s.end)
            if funding and target is not None and target.parties and not _FUNDING_RE.search(
                    target.sentence.text):
                # "The NGD acquisition was funded with equity from X": a deal of its own,
                # between the funders and the buyer
                kind = "other"
                deal = _Deal(kind, [target.parties[0]], s)
                deal.investment = True
                self.deals.append(deal)
                parties = [p for p in parties if p not in target.parties[1:]]
            elif definite and target is not None and (kind == target.kind or generic
                                                      or target.kind == "other") and not (
                    bought and target.objects and bought not in target.objects):
                deal = target
            else:
                for d in self.deals:
                    if bought and d.objects and bought not in d.objects:
                        continue  # another purchase
                    if d.kind == kind and parties and d.parties and (
                            set(parties) <= set(d.parties) or set(d.parties) <= set(parties)):
                        deal = d
                    elif "other" in (d.kind, kind) and len(parties) >= 2 and \
                            set(parties) == set(d.parties):
                        deal = d  # "Telebras e TIM fecham acordo", then "... assinaram contrato"
            if deal is None:
                deal = _Deal(kind, [], s)
                deal.investment = all(_INVESTMENT_RE.search(t[1].group()) or
                                      _SELECTION_RE.fullmatch(t[1].group()) for t in triggers)
                self.deals.append(deal)
            if bought is not None and bought not in deal.objects:
                deal.objects.append(bought)
            elif _PRIORITY[kind] < _PRIORITY[deal.kind] and fold(first.group()) not in \
                    _GENERIC_DEAL:
                deal.kind = kind
            for p in parties:
                if p not in deal.parties:
                    deal.parties.append(p)
            if not deal.parties and parties:
                deal.sentence = s
            self._date_venue(deal, s, signs + ceremonies, [t[1] for t in triggers])
            for name in self._subjects(s):
                if name not in deal.subjects:
                    deal.subjects.append(name)
        self._unnamed_partners()
        out = []
        for d in self.deals:
            if not d.parties:
                continue
            if d.investment and len(d.parties) < 2:
                continue  # a company's own investment
            if len(d.parties) < 2 and d.kind in ("other", "partnership", "memorandum") and \
                    not _SIGNED_VERB_RE.search(d.sentence.text):
                continue  # an agreement has two sides, unless one is said to sign it
            out.append(d.fact())
        return out

    def _unnamed_partners(self) -> None:
        """"An agreement with four other telco players", then "the consortium is made up
        of A, B, C and D": the partners named next are parties."""
        for d in self.deals:
            if not d.parties or not _OTHER_PARTNERS_RE.search(d.sentence.text):
                continue
            for k in range(d.sentence.index + 1, min(d.sentence.index + 3,
                                                     len(self.doc.sentences))):
                nxt = self.doc.sentences[k]
                if not _MADE_UP_OF_RE.search(nxt.text):
                    continue
                for _a, _b, name in in_range(self.occurrences, self._occ_starts, nxt.start,
                                             nxt.end):
                    if name not in d.parties:
                        d.parties.append(name)
                break

    def _object(self, s: Sentence, triggers) -> str | None:
        """The first name after the words of a purchase ("acquisition of Etix Everywhere",
        "its acquisition of the Welsh data center campus"), folded; months are none."""
        text = self.text
        months = month_numbers()
        for kind, m in triggers:
            if kind != "acquisition":
                continue
            if not re.match(r"\s+(?:of|de|du|des|di|del|della|da|do|von|der)\b",
                            text[m.end():m.end() + 6]):
                continue
            for run in self._runs_by_sentence.get(s.index, ()):
                if run.start < m.end() or run.start in self.doc.adjective_starts or \
                        is_people_adjective(text, run.start, run.start + len(
                            run.text.split()[0]), self.doc.names.all_function):
                    continue
                if run.start - m.end() > 70 or re.search(r"[,;:()]", text[m.end():run.start]):
                    break
                if fold(run.text) not in months and fold(run.text) not in WEEKDAYS:
                    return fold(run.text)
        return None

    def _definite(self, pos: int, s: Sentence) -> bool:
        words = re.findall(r"[\w'’]+", self.text[max(s.start, pos - 30):pos])
        for w in reversed(words[-3:]):
            f = fold(w).rstrip("'’")
            if f in DEFINITE or w.endswith(("'", "’")):
                return not (f == "a" and self.doc.language not in ("pt",))
            if f in ("de", "du", "of", "signature", "siganture", "firma", "assinatura"):
                continue
            return False
        return False

    # ------------------------------------------------------------------ parties

    def _parties(self, s: Sentence, triggers, signs) -> list[str]:
        text = self.text
        occ = in_range(self.occurrences, self._occ_starts, s.start, s.end)
        keep: list[str] = []
        # an apposition after the subject: "EllaLink, joint-venture entre A e B, assinou"
        appos = None
        if occ:
            _a0, b0, _n0 = occ[0]
            m = re.match(r"\s*,([^,]{0,160}?(?:\([^()]*\)[^,]{0,40})?),", text[b0:s.end])
            if m and not re.match(r"\s*(?:through|a\s+trav[ée]s|attraverso|via|par\s+le\s+biais"
                                  r"|atrav[ée]s|über|durch)", m.group(1), re.IGNORECASE):
                appos = (b0, b0 + m.end())
                # the apposition ends before "and X" that signs with it: "A GUILAB,
                # operadora ... da Guiné-Conacri e a CV Telecom assinaram"
                sign = SIGN_RE.search(m.group(1))
                if sign:
                    joins = list(re.finditer(r"\s(?:and|et|e|y|und)\s", m.group(1)[:sign.start()]))
                    appos = (b0, b0 + m.start(1) + joins[-1].start()) if joins else None
        anchors = sorted([t[1].start() for t in triggers] + [m.start() for m in signs])
        for a, b, name in occ:
            before = text[s.start:a]
            if appos and appos[0] <= a < appos[1]:
                continue
            attending = _ATTENDING_RE.search(before[-70:])
            if attending and not SIGN_RE.search(before[-70:][attending.end():]):
                continue
            # a relative clause between the deal's word and the name: "qui est ...",
            # "che prevede ..."
            first = next((x for x in anchors if x < a), None)
            if first is not None and _RELATIVE_RE.search(text[first:a]) and not \
                    SIGN_RE.search(text[first:a][_RELATIVE_RE.search(text[first:a]).end():]):
                continue
            if first is None and _RELATIVE_RE.search(re.split(r"[,;:–—]", before)[-1]):
                continue
            if _PARENT_RE.search(before[-40:]):
                continue
            opened = text.rfind("(", s.start, a)
            if opened >= 0 and text.find(")", opened, a) < 0 and any(
                    b0 <= opened and not text[b0:opened].strip() for _a0, b0, _n0 in occ):
                continue  # "Grid Telecom (controllata del gruppo Ipto)": an aside on it
            if _MEMBERS_RE.search(before[-80:]):
                continue  # "o grupo Elea Digital, integrado por Titan e Piemonte": its owners
            # inside an apposition that describes another organisation: "Blue Path ...,
            # empresa mandatada para o efeito pela Google LLC"
            if self._describing(a, occ, s):
                continue
            # a trailing circumstance: ", num investimento da ... X", ", in a ceremony ..."
            tail = re.search(r",\s*(?:in|with|em|num|numa|en|dans|con|mit|com|nel|in\s+einem)\s+"
                             r"(?:a|an|um|uma|un|une|una|uno|einem|einer)?\b[^,]*$", before,
                             re.IGNORECASE)
            if tail and not SIGN_RE.search(tail.group()) and anchors and \
                    anchors[0] < s.start + tail.start():
                continue
            if re.search(r"(?:\bin|\bdans|\bnel|\bna|\bno|\bem|\ben)\s*(?:l['’]\s*)?$",
                         before[-8:]) and not re.search(r"(?:partnership|partenariat|"
                                                        r"collabor|parceria)\s+\w*\s*$",
                                                        before[-30:]) and not re.search(
                    r"\b(?:invest|invests|invested|investing|investit|investissent|invierte|"
                    r"invierten|invirtió|investe|investono|investito|investiert|investierte|"
                    r"investiu|investirá|investirà|investira)\b"
                    r"\s+(?:[^,.;]{0,40}?\s)?(?:in|en|em|dans)\s*$", before[-70:]):
                continue  # "investimento in Unifiber", "signed at X": no party
            if _BUILDING_BEFORE_RE.search(text, max(s.start, a - 60), a) and re.search(
                    r"(?:sede|si[eè]ge|headquarters|offices?|premises|Sitz|Hauptsitz)\s+\w+"
                    r"\s+(?:\w+\s*)?$", before[-40:], re.IGNORECASE):
                continue  # "en la sede del Ministerio": where it was signed, no party
            if re.match(r"\s+(?:delivering|providing|supplying|fournissant|proporcionando|"
                        r"fornendo)\b", text[b:b + 20]):
                continue
            if name not in keep:
                keep.append(name)
        # countries that sign: "La Côte d'Ivoire et la Guinée ont signé ..."
        if not keep and signs:
            countries = self._signing_countries(s, signs)
            for c in countries:
                if c not in keep:
                    keep.append(c)
                    self.signing_countries.append((c, s))
        # a subject written as "the group", "la filial de X", "the companies"
        lead = text[s.start:s.end]
        m = _SUBJECT_ANAPHOR_RE.match(lead)
        if m and (m.group(1) or not (occ and occ[0][0] - s.start < m.end())):
            excluded = fold(m.group(1)) if m.group(1) else ""
            main = self._salient(s.start, exclude={excluded} | {fold(k) for k in keep})
            if main and main not in keep:
                keep.insert(0, main)
        elif (_PLURAL_ANAPHOR_RE.match(lead) or (not keep and _PLURAL_ANAPHOR_ANY_RE.search(
                lead))) and self.deals:
            # "the companies" as subject, or as the only parties named ("De acordo com as
            # empresas, ... o memorando assinado em 2012")
            before = next((d for d in reversed(self.deals) if d.parties), self.deals[-1])
            for p in reversed(before.parties):
                if p not in keep:
                    keep.insert(0, p)
        elif occ and not keep:
            pass
        # a deal "with X" and no subject named: the organisation the text speaks of
        if keep and triggers and all(a > min(t[1].start() for t in triggers) for a, _b, _n in
                                     occ) and not m and re.search(
                r"(?:collaborazione|collaboration|colaboraci[oó]n|colabora[çc][aã]o|"
                r"partnership|partenariat|parceria|alianza|alliance|aliança|alleanza|"
                r"Partnerschaft|Kooperation)(?:\s+[\w-]+){0,2}\s+(?:con|with|avec|com|mit)\b",
                text[s.start:s.end], re.IGNORECASE):
            main = self._salient(s.start, exclude={fold(k) for k in keep})
            if main:
                keep.insert(0, main)
        # "the company" right before the deal's verb: "a plot that the company acquired
        # from X", "que la empresa firmó con X"
        for _k, t in triggers:
            anaphor = _ANAPHOR_BEFORE_VERB_RE.search(text, max(s.start, t.start() - 40),
                                                     t.start())
            if anaphor:
                main = self._salient(s.start, exclude={fold(k) for k in keep})
                if main and main not in keep:
                    keep.insert(0, main)
                break
        # a purchase of land with no buyer named ("elle a acquis un terrain", "habe dort
        # 40.000 Quadratmeter Bauland erworben"): the organisation the text speaks of
        if not keep and any(k == "acquisition" for k, _m in triggers) and _LAND_RE.search(
                text, s.start, s.end):
            main = self._salient(s.start, exclude=set())
            if main:
                keep.append(main)
        del signs
        return keep

    def _describing(self, pos: int, occ, s: Sentence) -> bool:
        text = self.text
        comma = text.rfind(",", s.start, pos)
        if comma < 0 or SIGN_RE.search(text[comma:pos]):
            return False
        if not any(b <= comma and re.fullmatch(r"[\s”\"’»)]*", text[b:comma])
                   for _a, b, _n in occ):
            return False
        if re.search(r"\s(?:and|et|e|y|und)\s+(?:(?:the|la|le|l['’]|el|a|o|il|der|die)\s*)?$",
                     text[comma:pos]):
            return False  # "A GUILAB, operadora de ... e a CV Telecom assinaram"
        words = re.findall(r"[\w'’-]+", text[comma:pos])[:3]
        nouns = self._org_nouns
        return any(fold(w) in nouns for w in words[:2]) and len(words) >= 1

    def _signing_countries(self, s: Sentence, signs) -> list[str]:
        """The countries a sentence names as its subject before the signing verb, when it
        names nothing else there: they sign as parties."""
        text, doc = self.text, self.doc
        verb = signs[0].start()
        places = [p for p in doc.names.places_between(s.start, verb) if p.kind == "country"]
        if len(places) < 2:
            return []
        rest = text[s.start:verb]
        for p in reversed(places):
            rest = rest[:p.start - s.start] + rest[p.end - s.start:]
        if re.fullmatch(r"[\s,]*(?:(?:le|la|les|l['’]|the|el|los|o|a|os|il|lo|die|der|das|"
                        r"et|and|y|e|und|,)\s*)*(?:ont|have|han|têm|hanno|haben|has|a|ha|hat|"
                        r"heute|today|aujourd['’]hui|hier|yesterday|\s|,)*", rest,
                        re.IGNORECASE):
            return [text[p.start:p.end] for p in places]
        return []

    def _salient(self, pos: int, exclude: set[str]) -> str | None:
        """The organisation the text names most before ``pos`` (the latest of those)."""
        counts: dict[str, list[int]] = {}
        for a, _b, name in self.occurrences:
            if a < pos and fold(name) not in exclude:
                counts.setdefault(name, []).append(a)
        if not counts:
            return None
        return max(counts, key=lambda n: (len(counts[n]), max(counts[n])))

    # ------------------------------------------------------------------ date and venue

    def _date_venue(self, deal: _Deal, s: Sentence, anchors, nouns) -> None:
        text, doc = self.text, self.doc
        points = [m.start() for m in anchors] + [m.end() for m in anchors]
        if not points:
            points = [m.start() for m in nouns] + [m.end() for m in nouns]
        if not points:
            return
        if deal.date is None:
            near, far = [], []
            found = dates(text, s.start, s.end, doc.year) + weekday_dates(
                text, s.start, s.end, doc.article_date) + last_month_dates(
                text, s.start, s.end, doc.article_date)
            for d in found:
                gap = min(min(abs(d.start - p), abs(d.end - p)) for p in points)
                if _OTHER_ACT_BEFORE_RE.search(text[max(s.start, d.start - 40):d.start]):
                    continue  # "avait autorisé en juillet 2013 la signature", "announced on"
                between = text[min(d.end, min(points)):max(d.start, min(points))]
                if re.search(r"(?:annonc|announc|anunci|annunci|reported|publi)", between,
                             re.IGNORECASE):
                    continue
                if gap <= 45:
                    near.append((gap, d))
                elif anchors and d.value and len(d.value) == 10:
                    far.append((gap, d))  # a signing verb at the end of its clause
            if near or far:
                d = min(near or far, key=lambda x: x[0])[1]
                if d.value:
                    deal.date = d.value
                    deal.date_sentence = s
        if deal.venue is None:
            venue = self._venue(s, [m for m in anchors], nouns)
            if venue is not None:
                deal.venue = venue
                deal.venue_sentence = s

    def _venue(self, s: Sentence, anchors, nouns) -> PlaceRef | None:
        text, doc = self.text, self.doc
        candidates = []
        spots = [m.end() for m in anchors] + [m.start() for m in anchors]
        # "protocole d'accord de Dakar": the deal's noun, "de", a town
        for n in nouns:
            m = re.match(r"\s+(?:de|of|di|da|do)\s+", text[n.end():n.end() + 8])
            if m:
                p = doc.place_in(n.end() + m.end(), n.end() + m.end() + 1)
                if p is not None and p.start == n.end() + m.end() and p.kind == "city":
                    return PlaceRef(text[p.start:p.end], p)
        # a deal's noun is a spot too, closer: "in Berlin eine Vereinbarung ... unterzeichnet"
        noun_spots = [n.start() for n in nouns] if spots else []
        if not spots and not noun_spots:
            return None
        places = list(doc.names.places_between(s.start, s.end))
        named = [(f.name, f) for f in self.facilities if f.kind == "other"]
        for name, _f in named:
            for m in re.finditer(re.escape(name), text[s.start:s.end]):
                candidates.append((s.start + m.start(), s.start + m.end(), name, None, 0))
        for p in places:
            candidates.append((p.start, p.end, text[p.start:p.end], p, 1))
        for a, b, _name in in_range(self.occurrences, self._occ_starts, s.start, s.end):
            if _ORG_VENUE_RE.search(text[max(s.start, a - 20):a]):
                candidates.append((a, b, text[a:b], None, 2))
        # a building or body: "at the Koror Grand Hotel in Koror", "presso la sede di
        # Confindustria", "no Palácio do Planalto, em Brasília"
        all_spots = spots + [n.start() for n in nouns] + [n.end() for n in nouns]
        for run in self._runs_by_sentence.get(s.index, ()):
            r = doc.names.strip_function(run)
            if r is None or doc.is_place_run(r):
                continue
            m = _BUILDING_BEFORE_RE.search(text, max(s.start, r.start - 60), r.start)
            if m is None:
                continue
            after = re.match(r"\s*,?\s*(?:(?:in|à|a|en|em|na|no|nel|im)\s+)?", text[r.end:s.end])
            place_after = bool(after) and bool(doc.names.places_between(
                r.end + after.end(), r.end + after.end() + 1))
            if not (m.group("noun") or place_after or _BUILDING_NAME_RE.search(r.text)):
                continue
            if min([min(abs(r.start - p), abs(r.end - p)) for p in all_spots] or [99]) > 60:
                continue
            candidates.append((r.start, r.end, r.text, None, 0))
        best = None
        for a, b, surface, mention, rank in candidates:
            before = text[max(s.start, a - 30):a]
            if rank == 0 and mention is None and _BUILDING_BEFORE_RE.search(
                    text, max(s.start, a - 60), a):
                best_key = (0, 0)
                if best is None or best_key < best[0]:
                    best = (best_key, surface, None)
                continue
            if not _LOCATIVE_RE.search(before):
                continue
            if mention is not None and re.search(r"\(\s*$", before):
                continue  # "Paris (France)"
            gap = min([min(abs(a - p), abs(b - p)) for p in spots] or [99])
            near_noun = min([p - b for p in noun_spots if p >= b and not re.search(
                r"[,;:()]", text[b:p])] or [99])
            if gap > 45 and near_noun > 20:
                continue
            gap = min(gap, near_noun)
            # not a route's end: "linking Sydney to Singapore"
            if re.search(r"\b(?:link|connect|reli|conect|lig|colleg|verbind|between|entre|"
                         r"from|to)\w*\s+(?:\w+\s+){0,3}$", text[max(s.start, a - 40):a],
                         re.IGNORECASE):
                continue
            key = (rank if rank != 1 or mention.kind != "country" else 1.5, gap)
            if best is None or key < best[0]:
                best = (key, surface, mention)
        if best is None:
            return None
        return PlaceRef(best[1], best[2])

    def _subjects(self, s: Sentence) -> list[str]:
        out = []
        for _a, _b, name in in_range(self.route_names, self._route_starts, s.start, s.end):
            if name not in out:
                out.append(name)
        for f in self.facilities:
            if f.kind != "other" and f.name in s.text and f.name not in out:
                out.append(f.name)
        return out


def find_agreements(doc: Document, organisations: list[OrganisationFact],
                    route_names: list[tuple[int, int, str]],
                    facilities: list[FacilityFact]) -> list[AgreementFact]:
    return AgreementFinder(doc, organisations, route_names, facilities).find()


# ---------------------------------------------------------------------- parties as names

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


def party_names(doc: Document, organisations: list[OrganisationFact],
                blocked: set[str]) -> list[tuple[str, Sentence]]:
    """Names the text gives as parties of a deal that no other rule took for an
    organisation: the subjects of a signing or buying verb ("Telefónica und 1&1
    unterzeichneten"), the names after "with", "between", "avec", "con", "mit"... near a
    deal's words, and the object of a purchase ("has acquired Teraco", "le rachat de
    l'opérateur Salt"): a party is an organisation. Places, persons, months, route and
    facility names are none."""
    text = doc.text
    names = doc.names
    known = Spans((a, b) for a, b, _n in doc.name_occurrences(
        [(f, o.name) for o in organisations for f in [o.name, *o.aliases]]))
    runs_by_sentence: dict[int, list] = {}
    for run in names.runs:
        runs_by_sentence.setdefault(run.sentence.index, []).append(run)
    roles = folded_set("ROLE") | folded_set("PERSON_TITLE")
    known_names = {fold(f) for o in organisations for f in [o.name, *o.aliases]}
    months = set(month_numbers())
    out: list[tuple[str, Sentence]] = []
    seen: set[str] = set()

    org_nouns = folded_set("ORG_NOUN")

    def trimmed(run):
        """The run without leading company nouns ("Betreiber Wellenfunk", "Operator X")."""
        k = run.first
        while k < run.last and (names.tokens[k].folded in org_nouns or names.tokens[
                k].folded.endswith(ORG_NOUN_SUFFIXES_DE)):
            k += 1
        return names.sub_run(run, k, run.last) if k > run.first else run

    def split(run) -> list:
        """A place then a connector then a name is two: "Roma da Sparkle" (signed in Rome
        by Sparkle); so is a name then a connector then a facility's: "Altice Portugal do
        Covilhã Data Center Campus"."""
        for k in range(run.first + 1, run.last):
            if names.tokens[k].folded in ("de", "do", "da", "of", "di", "du", "von", "del") \
                    and _FACILITY_WORDS_RE.search(text, names.tokens[k].end, run.end):
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

    def usable(run) -> bool:
        if run is None or run.last - run.first > 6:
            return False
        key = fold(run.text)
        if key in blocked or key in months or key in names.all_function or len(key) < 2 \
                or key in _CURRENCIES:
            return False
        if known.covers(run.start, run.end) or doc.is_place_run(run):
            return False
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

    def add(run, s) -> None:
        first = names.tokens[run.first]
        if re.fullmatch(r"[\w&]+-(?:led|based|owned|backed|controlled)", first.text) and \
                run.last > run.first:
            run = names.sub_run(run, run.first + 1, run.last)  # "Ayala-led Globe Telecom"
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

    # every deal word of the text, by sentence
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    triggers, signs = deal_words(doc)
    for m in [m for _k, m in triggers] + signs:
        at = doc.sentence_at(m.start())
        if at is not None:
            by_sentence.setdefault(at.index, []).append((m.start(), m.end()))
    for index in sorted(by_sentence):
        s = doc.sentences[index]
        if s.index in names.title_sentences:
            continue
        triggers = sorted(by_sentence[index])
        runs = [trimmed(r) for r in (names.strip_function(r)
                                     for whole in runs_by_sentence.get(s.index, ())
                                     for r in split(whole))
                if r is not None and fold(r.text) not in months and fold(r.text) not in
                WEEKDAYS]
        if not runs:
            continue
        first_trigger = triggers[0][0]
        # subjects: names joined by "and", then only bridge words up to the deal's verb
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
                    for r in chain:
                        if usable(r):
                            add(r, s)
        # German verb-final clauses: "Die Deutsche Glasfaser hat den Netzbetreiber Inexio
        # übernommen": the subject before the auxiliary, the object of a purchase before
        # the participle
        if doc.language == "de" and runs:
            aux = re.match(r"\s+(?:hat|haben|hatte|hatten)\b", text[runs[0].end:s.end])
            opening = text[s.start:runs[0].start]
            if aux and re.fullmatch(r"\s*(?:(?:der|die|das)\s*)?", opening, re.IGNORECASE):
                last = triggers[-1]
                if not text[last[1]:s.end].strip(" .;:!?\"”»") and usable(runs[0]):
                    add(runs[0], s)
                    if _ACQUISITION_DE_RE.fullmatch(text[last[0]:last[1]]):
                        inner = [r for r in runs[1:] if r.end <= last[0]]
                        if len(inner) == 1 and usable(inner[0]):
                            add(inner[0], s)
        # subjects after the verb: "Am 5. Juni unterzeichneten Telefónica und 1&1"
        for m in SIGN_RE.finditer(text, s.start, s.end):
            r = next((r for r in runs if r.start > m.end()), None)
            if r is not None and not text[m.end():r.start].strip():
                k = runs.index(r)
                group = [r]
                while k + 1 < len(runs) and _joins_parties(
                        text[runs[k].end:runs[k + 1].start]):
                    group.append(runs[k + 1])
                    k += 1
                if len(group) >= 2 and not any(doc.is_place_run(g) for g in group):
                    for g in group:
                        if usable(g):
                            add(g, s)
        # after "with", "between"... near a deal's words, and the objects of a purchase
        for r in runs:
            near = any(abs(r.start - a) <= 90 or abs(r.start - b) <= 90 for a, b in triggers)
            if not near:
                continue
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
                    continue
                word = fold(agent.group().split()[0])
                if word in ("da", "dal", "dalla", "von") and not (
                        doc.language == "it" and word != "von") and not (
                        doc.language == "de" and word == "von" and SIGN_RE.search(
                            text, r.end, min(s.end, r.end + 60))) and not \
                        re.search(r"(?:firmat|siglat|sottoscritt|unterzeichnet|"
                                  r"unterschrieben)\w*\s+$", before[:agent.start()]):
                    continue  # "da", "von" are also "of": only right after the verb
                slot = agent
            words = re.findall(r"[\w-]+", slot.group())
            if len(words) > 1 and words[-1][:1].islower() and fold(words[-1]) not in \
                    org_nouns and fold(words[-1]) not in DEFINITE and fold(words[-1]) not in (
                    "from", "de", "da", "von", "di", "of", "du", "do", "del", "by", "par",
                    "por", "pela", "pelo"):
                continue  # "with its own funds": no name there
            if fold(words[0]) == "from" and not re.search(
                    r"acqui|bought|purchas|buy", text[max(s.start, r.start - 60):r.start]):
                continue
            group = [r]
            k = runs.index(r)
            while k + 1 < len(runs) and _joins_parties(text[runs[k].end:
                                                                runs[k + 1].start]):
                group.append(runs[k + 1])
                k += 1
            if any(doc.is_place_run(g) for g in group):
                continue  # "entre Mayotte et Grande Comore": places
            for g in group:
                if usable(g):
                    add(g, s)
    return out


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
