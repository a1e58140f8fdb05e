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

from geo.draft.dates import dates, weekday_dates
from geo.draft.document import Document, in_range
from geo.draft.facts import AgreementFact, Evidence, FacilityFact, OrganisationFact, PlaceRef
from geo.draft.sentences import Sentence
from geo.draft.vocabulary import (
    ACQUISITION,
    CONTRACT,
    MEMORANDUM,
    OTHER_DEAL,
    PARTNERSHIP,
    SIGN,
    fold,
    folded_set,
    pattern,
    word_set,
)

_KIND_TABLES = (("memorandum", MEMORANDUM), ("contract", CONTRACT),
                ("acquisition", ACQUISITION), ("partnership", PARTNERSHIP),
                ("other", OTHER_DEAL))
_PRIORITY = {"memorandum": 0, "contract": 1, "acquisition": 2, "partnership": 3, "other": 4}
_SIGN_RE = pattern(SIGN)
_CEREMONY_RE = re.compile(r"(?<![\w-])(?:ceremony|cérémonie|ceremonia|cerimónia|cerimônia|"
                          r"cerimonia|Zeremonie|Festakt)(?![\w])", re.IGNORECASE)
#: Phrases with the word of a deal that mean no deal.
_NOT_DEAL_RE = re.compile(
    r"(?<![\w-])(?:de\s+acuerdo\s+con|de\s+acordo\s+com|d['’]accordo|according\s+to|in\s+"
    r"accordance|conform[ée]ment|en\s+accord\s+avec\s+(?:les?|la)\s+(?:r[eè]gles|"
    r"principes)|in\s+the\s+deal\s+flow|"
    # a company's make-up told as background: "BDx Indonesia is a joint venture between"
    r"(?:is|was|est|était|es|era|é|è|ist|war)\s+(?:a|an|une|un|una|uma|ein|eine)\s+"
    r"(?:joint[- ]venture|coentreprise|co-entreprise|empresa\s+conjunta|"
    r"Gemeinschaftsunternehmen))(?![\w])", re.IGNORECASE)
#: Deals that need two named parties: investments, co-financing, "investors".
_INVESTMENT_RE = re.compile(r"invest|financ|investor|investoren", re.IGNORECASE)
_ATTENDING_RE = re.compile(
    r"(?:en\s+pr[ée]sence\s+d|in\s+the\s+presence\s+of|attended\s+by|alla\s+presenza\s+d|"
    r"na\s+presen[çc]a\s+d|en\s+presencia\s+d|in\s+Anwesenheit|witnessed\s+by|"
    r"participaram|hanno\s+partecipato|ont\s+particip)", re.IGNORECASE)
_RELATIVE_RE = re.compile(
    r"(?:\bqui\b|\bwhich\b|\bwho\b|\bque\b|\bche\b|\bcui\b|\bcuyo\b|\bcuya\b|\bcuja\b|"
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
    r"(?<![\w-])(?:the|les|las|los|os|as|die|le)\s+(?:two\s+|deux\s+|dos\s+|duas\s+|due\s+|"
    r"beiden\s+|both\s+)?(?:companies|sociétés|compañías|empresas|companhias|società|aziende|"
    r"Unternehmen|partners|partenaires|socios|parceiros|parties|partes)(?![\w-])",
    re.IGNORECASE)
_DEFINITE = word_set("""
    the this that these those its le la les l ce cet cette ces el la los las este esta
    estos estas ese esa o a os as esse essa este esta il lo gli i questo questa quest
    der die das den dem des dieses diese dieser du del dello della do da dos das nos nas
    ao aos au aux al
""")
_GENERIC_DEAL = word_set("""
    agreement agreements accord accords acuerdo acuerdos acordo acordos accordo accordi
    vereinbarung abkommen deal signature siganture firma assinatura sottoscrizione
    unterzeichnung
""")
#: Words of another act right before a date: the date is that act's, not the signing's.
_OTHER_ACT_BEFORE_RE = re.compile(
    r"(?:autoris|authori[sz]|approv|aprob|aprov|approuv|genehmig|annonc|announc|anunci|"
    r"annunci|publi|reported|expected|prévu|previst|erwartet)\w*\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE)
#: Locatives before a body where a deal is signed ("assinados na DGRM", "at the ministry").
_ORG_VENUE_RE = re.compile(r"(?:\bat|\bin|\bna|\bno|\bem|\bà|\bau|\bim|\bpresso|\bbei|"
                           r"\bchez|\bnella|\bnel|\bal|\ben\s+el|\ben\s+la)\s+"
                           r"(?:(?:the|la|le|l['’]|el|il|der|die|dem)\s*)?$", re.IGNORECASE)
_LOCATIVE_RE = re.compile(r"(?:\bin|\bat|\bà|\ben|\bem|\bna|\bno|\ba|\bad|\bnel|\bnella|\bim|"
                          r"\bau|\bdans|\bin\s+der|\bin\s+the)\s+(?:(?:the|la|le|l['’]|el|o|"
                          r"a|il|der|die|das)\s*)?$", re.IGNORECASE)


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
        self.kind_res = [(kind, pattern(table)) for kind, table in _KIND_TABLES]
        self._org_nouns = folded_set("ORG_NOUN")
        self.occurrences = self._occurrences()
        self.deals: list[_Deal] = []
        #: countries that sign as parties: organisations to add, with their sentence
        self.signing_countries: list[tuple[str, Sentence]] = []
        # every deal word, signing word and ceremony of the text, found once
        self._all_triggers = []
        blocked = [(m.start(), m.end()) for m in _NOT_DEAL_RE.finditer(self.text)]
        for kind, rx in self.kind_res:
            for m in rx.finditer(self.text):
                if not any(a <= m.start() < b for a, b in blocked):
                    self._all_triggers.append((kind, m))
        self._all_signs = list(_SIGN_RE.finditer(self.text))
        self._all_ceremonies = list(_CEREMONY_RE.finditer(self.text))
        self._by_sentence: dict[int, tuple[list, list, list]] = {}
        for kind, m in self._all_triggers:
            self._bucket(m.start())[0].append((kind, m))
        for m in self._all_signs:
            self._bucket(m.start())[1].append(m)
        for m in self._all_ceremonies:
            self._bucket(m.start())[2].append(m)
        self._occ_starts = [o[0] for o in self.occurrences]

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
            # the deal a definite mention refers to: the latest with parties
            target = next((d for d in reversed(self.deals) if d.parties),
                          self.deals[-1] if self.deals else None)
            if definite and target is not None and (kind == target.kind or fold(
                    first.group()) in _GENERIC_DEAL or target.kind == "other"):
                deal = target
            else:
                for d in self.deals:
                    if d.kind == kind and parties and d.parties and (
                            set(parties) <= set(d.parties) or set(d.parties) <= set(parties)):
                        deal = d
                    elif "other" in (d.kind, kind) and len(parties) >= 2 and \
                            set(parties) == set(d.parties):
                        deal = d  # "Telebras e TIM fecham acordo", then "... assinaram contrato"
            if deal is None:
                deal = _Deal(kind, [], s)
                deal.investment = all(_INVESTMENT_RE.search(t[1].group()) for t in triggers)
                self.deals.append(deal)
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
        out = []
        for d in self.deals:
            if not d.parties:
                continue
            if d.investment and len(d.parties) < 2:
                continue  # a company's own investment
            out.append(d.fact())
        return out

    def _definite(self, pos: int, s: Sentence) -> bool:
        words = re.findall(r"[\w'’]+", self.text[max(s.start, pos - 30):pos])
        for w in reversed(words[-3:]):
            f = fold(w).rstrip("'’")
            if f in _DEFINITE or w.endswith(("'", "’")):
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
        anchors = sorted([t[1].start() for t in triggers] + [m.start() for m in signs])
        for a, b, name in occ:
            before = text[s.start:a]
            if appos and appos[0] <= a < appos[1]:
                continue
            attending = _ATTENDING_RE.search(before[-70:])
            if attending and not _SIGN_RE.search(before[-70:][attending.end():]):
                continue
            # a relative clause between the deal's word and the name: "qui est ...",
            # "che prevede ..."
            first = next((x for x in anchors if x < a), None)
            if first is not None and _RELATIVE_RE.search(text[first:a]) and not \
                    _SIGN_RE.search(text[first:a][_RELATIVE_RE.search(text[first:a]).end():]):
                continue
            if first is None and _RELATIVE_RE.search(re.split(r"[,;:–—]", before)[-1]):
                continue
            if _PARENT_RE.search(before[-40:]):
                continue
            # inside an apposition that describes another organisation: "Blue Path ...,
            # empresa mandatada para o efeito pela Google LLC"
            if self._describing(a, occ, s):
                continue
            # a trailing circumstance: ", num investimento da ... X", ", in a ceremony ..."
            tail = re.search(r",\s*(?:in|with|em|num|numa|en|dans|con|mit|com|nel|in\s+einem)\s+"
                             r"(?:a|an|um|uma|un|une|una|uno|einem|einer)?\b[^,]*$", before,
                             re.IGNORECASE)
            if tail and not _SIGN_RE.search(tail.group()) and anchors and \
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
                r"partnership|partenariat|parceria)\s+(?:con|with|avec|com|mit)\b",
                text[s.start:s.end], re.IGNORECASE):
            main = self._salient(s.start, exclude={fold(k) for k in keep})
            if main:
                keep.insert(0, main)
        del signs
        return keep

    def _describing(self, pos: int, occ, s: Sentence) -> bool:
        text = self.text
        comma = text.rfind(",", s.start, pos)
        if comma < 0 or _SIGN_RE.search(text[comma:pos]):
            return False
        if not any(b <= comma and re.fullmatch(r"[\s”\"’»)]*", text[b:comma])
                   for _a, b, _n in occ):
            return False
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
                elif anchors and d.value and len(d.value) >= 7:
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
        if not spots:
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
        best = None
        for a, b, surface, mention, rank in candidates:
            before = text[max(s.start, a - 30):a]
            if not _LOCATIVE_RE.search(before):
                continue
            if mention is not None and re.search(r"\(\s*$", before):
                continue  # "Paris (France)"
            gap = min(min(abs(a - p), abs(b - p)) for p in spots)
            if gap > 45:
                continue
            # not a route's end: "linking Sydney to Singapore"
            if re.search(r"(?:link|connect|reli|conect|lig|colleg|verbind|between|entre|"
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
