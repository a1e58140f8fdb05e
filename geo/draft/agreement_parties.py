"""The parties of a deal, as the sentence that tells it names them.

The organisations the sentence names as making it: its subject and those "with", "junto
con", "avec", "in collaborazione con", "between A and B", "signé par"...; not those only
attending ("en présence de"), named in a relative clause ("qui est ...", "de la cual ..."),
in an apposition that describes the subject ("EllaLink, joint-venture entre A e B,
assinou"), parents named as such ("la filial de Telefónica"), the target of an investment
("in Unifiber") or someone "delivering" beside it. A subject written as "the group" is the
organisation the text speaks of most; "the companies" are the parties of the previous deal;
countries the sentence names as its only subject sign as parties.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from geo.draft.agreement_date_venue import BUILDING_BEFORE_RE
from geo.draft.agreement_words import SIGN_RE
from geo.draft.document import Document, in_range
from geo.draft.sentences import Sentence
from geo.draft.vocabulary import fold

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
#: Words that list a body's members before a colon: "dem ... angehören:", "whose members
#: are:", "dont font partie :", "del que forman parte:", "di cui fanno parte:".
_MEMBERSHIP_RE = re.compile(
    r"(?i)(?:angeh[öo]ren|mitglieder(?:\s+sind)?|members?(?:\s+(?:are|include))?|membres|"
    r"miembros|membros|membri|font\s+partie|forman\s+parte|fazem\s+parte|fanno\s+parte|"
    r"regroupe|re[úu]ne|comprend|includes|comprises|umfasst)\s*:\s*$")
#: How far before a name the tests of a party look (characters).
_REACH = 400
#: Competition and securities regulators, which approve a deal or are told of it, never sign
#: it ("aprovada pelo Cade", "comunicou à CVM", "muss durch die Kartellbehörden").
_MARKET_REGULATOR_RE = re.compile(
    r"(?i)valores\s+mobili|mercados?\s+de\s+valores|defesa\s+econ[oô]mica|"
    r"(?:de|y)\s+la\s+competencia|da\s+concorr[eê]ncia|della\s+concorrenza|de\s+la\s+concurrence|"
    r"kartell|antitrust|competition\s+(?:commission|authority|bureau|tribunal)|"
    r"competition\s+and\s+(?:markets|consumer)|federal\s+trade\s+commission|"
    r"competencia\s+econ[oó]mica|securities\s+and\s+exchange|"
    r"^(?:cvm|cnmv|cade|consob|cnmc|cma|ftc|accc|cofece|agcm)$")
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


#: What opens an aside naming a partner, no description: "A Meta, em parceria com a V.tal,
#: vai construir", "Xentric, together with Vorbel, will build".
_PARTNER_PHRASE_RE = re.compile(
    r"\s*(?:in\s+partnership\s+with|together\s+with|jointly\s+with|alongside|"
    r"in\s+(?:collaboration|cooperation)\s+with|en\s+partenariat\s+avec|avec|"
    r"(?:conjointement|en\s+collaboration|en\s+coop[ée]ration)\s+avec|"
    r"aux\s+c[ôo]t[ée]s\s+(?:de|du|des|d['’])|"
    r"en\s+(?:alianza|colaboraci[óo]n|cooperaci[óo]n|asociaci[óo]n)\s+con|junto\s+(?:con|a)|"
    r"em\s+(?:parceria|colabora[çc][ãa]o|coopera[çc][ãa]o|conjunto)\s+com|juntamente\s+com|"
    r"in\s+(?:collaborazione|partnership|cooperazione)\s+con|insieme\s+a|"
    r"(?:gemeinsam|zusammen)\s+mit|in\s+Kooperation\s+mit)\b", re.IGNORECASE)


class DealParties:
    """The parties of a deal in one sentence; a base of
    :class:`geo.draft.agreements.AgreementFinder`, which sets what it reads."""

    doc: Document
    text: str
    #: every place the text names an organisation, ``(start, end, its name)``, and the starts
    occurrences: list[tuple[int, int, str]]
    occurrence_starts: list[int]
    #: what :meth:`_salient` has counted so far: [position, next occurrence, counts]
    _tally: list | None = None
    #: folded nouns of organisations ("company", "opérateur")
    org_nouns: set[str]
    #: the deals found so far (:class:`geo.draft.agreements.Deal`), each with its parties
    deals: list
    #: countries that sign as parties: organisations to add, with their sentence
    signing_countries: list[tuple[str, Sentence]]

    def sentence_parties(self, s: Sentence, triggers, signs) -> list[str]:
        """The parties ``s`` names for the deal of its words ``triggers`` (``(kind, match)``)
        and signing words ``signs``; countries that sign are kept in
        ``signing_countries`` too."""
        occ = in_range(self.occurrences, self.occurrence_starts, s.start, s.end)
        keep: list[str] = []
        appos = self._subject_apposition(s, occ)
        anchors = sorted([t[1].start() for t in triggers] + [m.start() for m in signs])
        for a, b, name in occ:
            if _MARKET_REGULATOR_RE.search(name):
                continue  # it approves the deal or hears of it: "aprovada pelo Cade"
            if self._named_as_party(s, occ, appos, anchors, a, b) and name not in keep:
                keep.append(name)
        # countries that sign: "La Côte d'Ivoire et la Guinée ont signé ..."
        if not keep and signs:
            countries = self._signing_countries(s, signs)
            for c in countries:
                if c not in keep:
                    keep.append(c)
                    self.signing_countries.append((c, s))
        self._unnamed_subjects(s, occ, triggers, keep)
        return keep

    def _subject_apposition(self, s: Sentence, occ) -> tuple[int, int] | None:
        """Where an apposition after the first organisation of ``s`` is, ``(start, end)``:
        "EllaLink, joint-venture entre A e B, assinou"; None if there is none."""
        text = self.text
        appos = None
        if occ:
            _a0, b0, _n0 = occ[0]
            m = re.match(r"\s*,([^,]{0,160}?(?:\([^()]*\)[^,]{0,40})?),", text[b0:s.end])
            if m and not re.match(r"\s*(?:through|a\s+trav[ée]s|attraverso|via|par\s+le\s+biais"
                                  r"|atrav[ée]s|über|durch)", m.group(1), re.IGNORECASE) and \
                    not _PARTNER_PHRASE_RE.match(m.group(1)):
                appos = (b0, b0 + m.end())
                # the apposition ends before "and X" that signs with it: "A GUILAB,
                # operadora ... da Guiné-Conacri e a CV Telecom assinaram"
                sign = SIGN_RE.search(m.group(1))
                if sign:
                    joins = list(re.finditer(r"\s(?:and|et|e|y|und)\s", m.group(1)[:sign.start()]))
                    appos = (b0, b0 + m.start(1) + joins[-1].start()) if joins else None
        return appos

    def _named_as_party(self, s: Sentence, occ, appos, anchors: list[int], a: int,
                        b: int) -> bool:
        """Whether the organisation named at ``a:b`` in ``s`` makes the deal: not one
        attending, in a relative clause, a parent, an aside, its members, in an apposition
        (``appos``) or describing another, a circumstance, a venue, someone delivering."""
        text = self.text
        lo = max(s.start, a - _REACH)  # a bounded look back: linear in a sentence's names
        before = text[lo:a]
        if appos and appos[0] <= a < appos[1]:
            return False
        attending = _ATTENDING_RE.search(before[-70:])
        if attending and not SIGN_RE.search(before[-70:][attending.end():]):
            return False
        # a relative clause between the deal's word and the name: "qui est ...",
        # "che prevede ..."
        first = next((x for x in anchors if x < a), None)
        between = text[max(first, lo):a] if first is not None else ""
        relative = _RELATIVE_RE.search(between)
        if relative and not SIGN_RE.search(between[relative.end():]):
            return False
        if first is None and _RELATIVE_RE.search(re.split(r"[,;:–—]", before)[-1]):
            return False
        if _PARENT_RE.search(before[-40:]):
            return False
        opened = text.rfind("(", max(s.start, a - 120), a)
        if opened >= 0 and text.find(")", opened, a) < 0 and any(
                b0 <= opened and opened - b0 <= 3 and not text[b0:opened].strip()
                for _a0, b0, _n0 in occ):
            return False  # "Grid Telecom (controllata del gruppo Ipto)": an aside on it
        if _MEMBERS_RE.search(before[-80:]):
            return False  # "o grupo Elea Digital, integrado por Titan e Piemonte": its owners
        colon = before.rfind(":")
        if colon >= 0 and first is not None and first < lo + colon and \
                _MEMBERSHIP_RE.search(before, max(0, colon - 120), colon + 1):
            return False  # "vom Konsortium, dem 11 Unternehmen angehören: A, B": members
        # inside an apposition that describes another organisation: "Blue Path ...,
        # empresa mandatada para o efeito pela Google LLC"
        if self._describing(a, occ, s):
            return False
        # a trailing circumstance: ", num investimento da ... X", ", in a ceremony ..."
        tail = re.search(r",\s*(?:in|with|em|num|numa|en|dans|con|mit|com|nel|in\s+einem)\s+"
                         r"(?:a|an|um|uma|un|une|una|uno|einem|einer)?\b[^,]*$", before,
                         re.IGNORECASE)
        if tail and not SIGN_RE.search(tail.group()) and anchors and \
                anchors[0] < lo + tail.start():
            return False
        if re.search(r"(?:\bin|\bdans|\bnel|\bna|\bno|\bem|\ben)\s*(?:l['’]\s*)?$",
                     before[-8:]) and not re.search(r"(?:partnership|partenariat|"
                                                    r"collabor|parceria)\s+\w*\s*$",
                                                    before[-30:]) and not re.search(
                r"\b(?:invest|invests|invested|investing|investit|investissent|invierte|"
                r"invierten|invirtió|investe|investono|investito|investiert|investierte|"
                r"investiu|investirá|investirà|investira)\b"
                r"\s+(?:[^,.;]{0,40}?\s)?(?:in|en|em|dans)\s*$", before[-70:]):
            return False  # "investimento in Unifiber", "signed at X": no party
        if BUILDING_BEFORE_RE.search(text, max(s.start, a - 60), a) and re.search(
                r"(?:sede|si[eè]ge|headquarters|offices?|premises|Sitz|Hauptsitz)\s+\w+"
                r"\s+(?:\w+\s*)?$", before[-40:], re.IGNORECASE):
            return False  # "en la sede del Ministerio": where it was signed, no party
        return not re.match(r"\s+(?:delivering|providing|supplying|fournissant|"
                            r"proporcionando|fornendo)\b", text[b:b + 20])

    def _unnamed_subjects(self, s: Sentence, occ, triggers, keep: list[str]) -> None:
        """Parties ``s`` writes as "the group", "la filial de X", "the companies", "the
        company" before the verb, or leaves unnamed ("a partnership with X", a purchase of
        land): the organisation the text speaks of, or the previous deal's parties; added to
        ``keep``."""
        text = self.text
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

    def _name_ends_before(self, pos: int, s: Sentence) -> bool:
        """Whether a name of ``s`` ends right before ``pos`` (but for spaces, closing
        quotes and brackets); found by bisection, so a sentence of many names stays
        linear."""
        text, occurrences = self.text, self.occurrences
        k = bisect_right(self.occurrence_starts, pos) - 1
        while k >= 0 and occurrences[k][0] >= max(s.start, pos - 200):
            b = occurrences[k][1]
            if b <= pos and pos - b <= 8 and re.fullmatch(r"[\s”\"’»)]*", text[b:pos]):
                return True
            k -= 1
        return False

    def _describing(self, pos: int, occ, s: Sentence) -> bool:
        text = self.text
        comma = text.rfind(",", max(s.start, pos - _REACH), pos)
        if comma < 0 or SIGN_RE.search(text[comma:pos]):
            return False
        if not self._name_ends_before(comma, s):
            return False
        if re.search(r"\s(?:and|et|e|y|und)\s+(?:(?:the|la|le|l['’]|el|a|o|il|der|die)\s*)?$",
                     text[comma:pos]):
            return False  # "A GUILAB, operadora de ... e a CV Telecom assinaram"
        words = re.findall(r"[\w'’-]+", text[comma:pos])[:3]
        nouns = self.org_nouns
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
        """The organisation the text names most before ``pos`` (the latest of those). The
        counts are kept from one call to the next (deals are read in the text's order), so
        many deals cost one pass over the names."""
        tally = self._tally
        if tally is None or tally[0] > pos:
            tally = self._tally = [0, 0, {}]  # position read to, next occurrence, counts
        occurrences, counts = self.occurrences, tally[2]
        k = tally[1]
        while k < len(occurrences) and occurrences[k][0] < pos:
            a, _b, name = occurrences[k]
            count, _last = counts.get(name, (0, -1))
            counts[name] = (count + 1, a)
            k += 1
        tally[0], tally[1] = pos, k
        best = [(c, last, n) for n, (c, last) in counts.items() if fold(n) not in exclude]
        return max(best)[2] if best else None
