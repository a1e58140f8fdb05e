"""Agreements a text states: memoranda, contracts, partnerships, acquisitions and other deals,
with their parties, the signing date and venue where the text gives them, and their subjects
(:class:`AgreementFinder`, :func:`find_agreements`).

* **Kind** from the words of the deal (:mod:`geo.draft.agreement_words`). An investment or
  co-financing is one only between two named parties (a company's own investment is none).
* **Parties**: the organisations the sentence names as making it
  (:mod:`geo.draft.agreement_parties`); the partners a later sentence names for "an
  agreement with four other players".
* **One entry per deal**: a definite mention ("L'accord a été signé par", "Ce protocole
  d'accord", "the agreement") adds to the previous deal; so does a signing ceremony.
* **Date** and **venue**: as written next to the signing (:mod:`geo.draft.agreement_date_venue`).
* **Subjects**: the named routes and facilities of its sentences.

Names the text gives as parties that no other rule took for an organisation are
:func:`party_names` (:mod:`geo.draft.agreement_party_names`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.draft.agreement_date_venue import SigningDateVenue
from geo.draft.agreement_financing import FINANCING_RE, financing_funders
from geo.draft.agreement_joint import WORK_RE, joint_builders, suppliers
from geo.draft.agreement_parties import DealParties
from geo.draft.agreement_party_names import party_names
from geo.draft.agreement_words import (
    CEREMONY_RE,
    DEFINITE,
    KIND_TABLES,
    deal_words,
)
from geo.draft.dates import WEEKDAYS
from geo.draft.document import Document, in_range
from geo.draft.facts import AgreementFact, Evidence, FacilityFact, OrganisationFact, PlaceRef
from geo.draft.names import is_people_adjective
from geo.draft.sentences import Sentence
from geo.draft.vocabulary import (
    fold,
    folded_set,
    month_numbers,
    pattern,
    word_set,
)

#: What other modules import from here: the finder, and the names of parties and words of
#: deals (from :mod:`geo.draft.agreement_party_names` and :mod:`geo.draft.agreement_words`).
__all__ = ["AgreementFinder", "deal_words", "find_agreements", "party_names"]

_PRIORITY = {"memorandum": 0, "contract": 1, "acquisition": 2, "partnership": 3, "other": 4}
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
_GENERIC_DEAL = word_set("""
    agreement agreements accord accords acuerdo acuerdos acordo acordos accordo accordi
    vereinbarung abkommen deal signature siganture firma assinatura sottoscrizione
    unterzeichnung
""")


@dataclass
class Deal:
    """A deal as the finder gathers it, sentence by sentence."""

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
    #: a loan or grant from the parties, its funders (:mod:`geo.draft.agreement_financing`)
    financing: bool = False

    def fact(self) -> AgreementFact:
        return AgreementFact(self.kind, list(self.parties), self.sentence.evidence,  # type: ignore
                             self.date, _ev(self.date_sentence), self.venue,
                             _ev(self.venue_sentence), list(self.subjects))


def _stated(d: Deal) -> bool:
    """Whether ``d`` is an agreement to draft: it has parties, two for an investment or an
    agreement, unless one is said to sign it."""
    if not d.parties:
        return False
    if d.financing:
        return True
    if d.investment and len(d.parties) < 2:
        return False  # a company's own investment
    return not (len(d.parties) < 2 and d.kind in ("other", "partnership", "memorandum")
                and not _SIGNED_VERB_RE.search(d.sentence.text))


def _share_a_party(a: list[str], b: list[str]) -> bool:
    """Whether two lists of parties name one organisation, maybe by a shorter form
    ("Alcatel" and "Alcatel-Lucent")."""
    folded = [fold(x) for x in a]
    return any(x == y or x.startswith(y) or y.startswith(x) for y in map(fold, b)
               for x in folded)


def _ev(s: Sentence | None) -> Evidence | None:
    return s.evidence if s is not None else None


class AgreementFinder(DealParties, SigningDateVenue):
    """The deals of a document, found sentence by sentence (:meth:`find`); the parties
    come from :class:`DealParties`, the date and venue from :class:`SigningDateVenue`."""

    def __init__(self, doc: Document, organisations: list[OrganisationFact],
                 route_names: list[tuple[int, int, str]], facilities: list[FacilityFact]):
        self.doc = doc
        self.text = doc.text
        self.organisations = organisations
        self.route_names = sorted(route_names)
        self._route_starts = [a for a, _b, _n in self.route_names]
        self.facilities = facilities
        self.kind_res = [(kind, pattern(table)) for kind, table in KIND_TABLES]
        self.org_nouns = folded_set("ORG_NOUN")
        self.occurrences = self._occurrences()
        self.deals: list[Deal] = []
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
        self.occurrence_starts = [o[0] for o in self.occurrences]
        self.runs_by_sentence: dict[int, list] = {}
        for run in doc.names.runs:
            self.runs_by_sentence.setdefault(run.sentence.index, []).append(run)

    def _occurrences(self) -> list[tuple[int, int, str]]:
        """Every place the text names an organisation: ``(start, end, its name)``."""
        return self.doc.name_occurrences(
            [(f, o.name) for o in self.organisations for f in [o.name, *o.aliases]])

    def _bucket(self, pos: int) -> tuple[list, list, list]:
        s = self.doc.sentence_at(pos)
        return self._by_sentence.setdefault(s.index if s is not None else -1, ([], [], []))

    # ------------------------------------------------------------------ sentences

    def find(self) -> list[AgreementFact]:
        """The agreements of the document: one per deal, in the order first told."""
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
            self._read_deal(s, triggers, signs, ceremonies)
        self._financings()
        self._deals_without_nouns()
        self._unnamed_partners()
        return [d.fact() for d in self.deals if _stated(d)]

    def _read_deal(self, s: Sentence, triggers, signs, ceremonies) -> None:
        """Add what ``s`` says of a deal (its words ``triggers``, ``(kind, match)``, in order)
        to the deal it refers to, or to a new one."""
        kind, first = min(triggers, key=lambda t: (_PRIORITY[t[0]], t[1].start()))
        anchor = min(t[1].start() for t in triggers)
        parties = self.sentence_parties(s, triggers, signs)
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
            deal = Deal(kind, [target.parties[0]], s)
            deal.investment = True
            self.deals.append(deal)
            parties = [p for p in parties if p not in target.parties[1:]]
        elif definite and target is not None and (kind == target.kind or generic
                                                  or target.kind == "other") and not (
                bought and target.objects and bought not in target.objects):
            deal = target
        else:
            deal = self._matching_deal(kind, parties, bought)
        if deal is None:
            deal = Deal(kind, [], s)
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

    def _financings(self) -> None:
        """A loan or grant a sentence tells with its funders named ("financée par la Banque
        mondiale") is a deal of its own where no stated deal comes from that sentence; an
        investment that found one party only becomes it."""
        for s in self._sentences_with(FINANCING_RE):
            if s.index in self.doc.names.title_sentences:
                continue
            funders = financing_funders(self.text, s, self.occurrences, self.occurrence_starts)
            if not funders:
                continue
            told = [d for d in self.deals if d.sentence is s]
            if any(_stated(d) for d in told) or (told and not (
                    told[0].investment or set(told[0].parties) <= set(funders))):
                continue
            if told:  # an investment or deal that found too few parties: the funders'
                deal = told[0]
                deal.kind, deal.parties, deal.investment = "other", list(funders), False
            else:
                deal = Deal("other", list(funders), s)
                at = next((i for i, d in enumerate(self.deals) if d.sentence.index > s.index),
                          len(self.deals))
                self.deals.insert(at, deal)
            deal.financing = True

    def _deals_without_nouns(self) -> None:
        """A joint build ("Google y Facebook anunciaron ... un nuevo cable") is a partnership
        and a supplier engaged or doing the work ("SubCom has been engaged", "implemented by
        Huawei") a contract, where no stated deal comes from that sentence
        (:mod:`geo.draft.agreement_joint`)."""
        for s in self._sentences_with(WORK_RE):
            if s.index in self.doc.names.title_sentences:
                continue
            for kind, find in (("partnership", joint_builders), ("contract", suppliers)):
                parties = find(self.text, s, self.occurrences, self.occurrence_starts)
                if not parties:
                    continue
                told = [d for d in self.deals if d.sentence is s]
                if any(_stated(d) for d in told):
                    continue
                if told and not set(told[0].parties) <= set(parties):
                    continue
                if any(d.kind == kind and _stated(d) and _share_a_party(d.parties, parties)
                       for d in self.deals):
                    continue  # the contract told with its words ("Alcatel-Lucent ... Alcatel")
                if told:
                    deal = told[0]
                    deal.kind, deal.parties, deal.investment = kind, list(parties), False
                    continue
                deal = Deal(kind, list(parties), s)
                at = next((i for i, d in enumerate(self.deals) if d.sentence.index > s.index),
                          len(self.deals))
                self.deals.insert(at, deal)

    def _sentences_with(self, rx: re.Pattern[str]) -> list[Sentence]:
        """The sentences where ``rx`` matches, searched once in the whole text."""
        out: list[Sentence] = []
        for m in rx.finditer(self.text):
            s = self.doc.sentence_at(m.start())
            if s is not None and (not out or out[-1].index != s.index):
                out.append(s)
        return out

    def _matching_deal(self, kind: str, parties: list[str], bought: str | None) -> Deal | None:
        """The last deal of ``kind`` whose parties hold those of a new mention or are held
        by them ("Telebras e TIM fecham acordo", then "... assinaram contrato"); not another
        purchase."""
        deal = None
        for d in self.deals:
            if bought and d.objects and bought not in d.objects:
                continue  # another purchase
            if d.kind == kind and parties and d.parties and (
                    set(parties) <= set(d.parties) or set(d.parties) <= set(parties)):
                deal = d
            elif "other" in (d.kind, kind) and len(parties) >= 2 and \
                    set(parties) == set(d.parties):
                deal = d  # "Telebras e TIM fecham acordo", then "... assinaram contrato"
        return deal


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
                for _a, _b, name in in_range(self.occurrences, self.occurrence_starts, nxt.start,
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
            for run in self.runs_by_sentence.get(s.index, ()):
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

    def _date_venue(self, deal: Deal, s: Sentence, anchors, nouns) -> None:
        points = [m.start() for m in anchors] + [m.end() for m in anchors]
        if not points:
            points = [m.start() for m in nouns] + [m.end() for m in nouns]
        if not points:
            return
        if deal.date is None:
            date = self.signing_date(s, anchors, points)
            if date:
                deal.date = date
                deal.date_sentence = s
        if deal.venue is None:
            venue = self.signing_venue(s, [m for m in anchors], nouns)
            if venue is not None:
                deal.venue = venue
                deal.venue_sentence = s

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
