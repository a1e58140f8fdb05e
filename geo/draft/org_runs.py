"""The capitalised runs of a text that may each name an organisation: a run cut at titles,
attributes ("Singapore-based"), facility words ("Data Center de Teraco"), a country after a
company word ("Huawei Marine Networks of China"), German common nouns; months, weekdays,
adjectives and places left out; the shape of a person's name."""

from __future__ import annotations

import re

from geo.draft.common_words import common_words, german_compound
from geo.draft.facility_words import COMPANY_WORDS
from geo.draft.name_runs import Token
from geo.draft.name_words import is_name_shaped
from geo.draft.names import ORG_END_WORDS, Run, is_acronym, is_camel, is_people_adjective
from geo.draft.org_acronyms import spelt_out
from geo.draft.org_words import (
    GERMAN_NOUN_ENDINGS,
    LEGAL_FORMS,
    TITLE_WORDS,
    german_body,
    german_head_noun,
    german_noun,
)
from geo.draft.vocabulary import (
    DATA_CENTRE_SUFFIXES,
    LANGUAGES,
    ORG_NOUN_SUFFIXES_DE,
    WEEKDAYS,
    fold,
    word_set,
)

#: Bodies that are seldom actors of telecom news: parliaments and assemblies.
_NOT_ACTORS = word_set("""
    parliament parlement parlamento parlament assembly assemblee asamblea assembleia
    assemblea senate senat senado senato congress congres congreso congresso kongress
    bundestag
""")
#: A company's legal form in lower case after its name: "Darksea Italy srl", "Unidata spa".
_LOWER_LEGAL_RE = re.compile(r"\s+(?:srl|spa|s\.r\.l\.|s\.p\.a\.|sarl|sas|ltda|lda|gmbh|"
                             r"ehf|hf|oy|oyj|aps|a/s|asa|sp\.\s+z\s+o\.o\.)(?![\w.])")
#: An acronym in brackets right after a name: "Telecomunicações de Moçambique (TDM)".
_ACRONYM_AFTER_RE = re.compile(r"\s*\(([A-Z][A-Za-z0-9&]{1,9})\)")
#: Lower-case consortium words that complete a name before them ("the 2Africa consortium").
_CONSORTIUM_RE = re.compile(r"\s+(consortium|consorcio|consórcio|consorzio|Konsortium)\b")
#: Name words after which a lower-case adjective still belongs to the name ("Union
#: européenne", "Banque mondiale", "Commission européenne").
_ADJECTIVE_TAKERS = word_set("""
    union commission banque banco banca comision comissao commissione agence agencia
    agenzia conseil consejo conselho consiglio autorite unione uniao fonds fondo fundo
""")
_ADJECTIVE_RE = re.compile(
    r"\s+([a-zà-ÿ]+(?:éenne|een|eenne|enne|ien|ienne|ais|aise|ale|al|ane|ano|ana|ea|eo|"
    r"eia|eu|ese|esa|ês|iale|ial|ica|ico|ique|ische|ischen|isch|ndiale|ndial|ondiale|ain|"
    r"aine))\b")
#: What an institution's name goes on with in lower case after its head word and adjective:
#: "Banque européenne d'investissement", "Fonds africain de développement", "Banca europea
#: per gli investimenti", "Banco Europeo de Inversiones" (generic words of development and
#: investment banks and funds only: "Banque mondiale pour le projet" stops before "pour").
_INSTITUTION_TAIL_RE = re.compile(
    r"\s+(?:de\s+la\s+|de\s+l['’]\s*|d['’]\s*|de\s+|du\s+|des\s+|del\s+|della\s+|"
    r"dello\s+|per\s+(?:gli\s+|lo\s+|il\s+|la\s+)|para\s+(?:el\s+|la\s+|o\s+|a\s+)?|"
    r"do\s+|da\s+|dos\s+)"
    r"(?:investissements?|développement|reconstruction|coopération|investment|development|"
    r"reconstruction|cooperation|inversiones?|desarrollo|fomento|reconstrucción|"
    r"cooperación|investimentos?|desenvolvimento|investimenti|sviluppo|ricostruzione|"
    r"cooperazione)"
    r"(?:\s+(?:et\s+|e\s+|y\s+|and\s+)?(?:du\s+|de\s+|del\s+|do\s+|dello\s+|of\s+)?"
    r"(?:commerce|comercio|comércio|commercio|trade|économique|económico|econômico|"
    r"economico|social|sociale|sociais))?(?![\w-])", re.IGNORECASE)
#: A word that says what the name after it is, no part of it: "Ayala-led", "Singapore-based",
#: "Hong Kong-listed" (its group: the attribute).
_ATTRIBUTE_RE = re.compile(r"\w-(led|based|owned|backed|controlled|headquartered|listed|"
                           r"born|focused|registered|founded)$")
#: How many nested cuts of one run :meth:`CandidateRuns._pieces` follows (a name has a few).
_MAX_DEPTH = 24
#: Attributes that make the first part an organisation: "Ayala-led", "Vocus-owned".
_OWNER_ATTRIBUTES = frozenset({"led", "owned", "backed", "controlled"})


def _country_after_name(names, run: Run, name_words: frozenset[str]) -> int | None:
    """The index of "of" in "<name ending with a company word> of <country or region>"
    ("Huawei Marine Networks of China", "Unified Networks Sdn Bhd of Brunei"), if any."""
    tokens = names.tokens
    for k in range(run.first + 1, run.last):
        if tokens[k].folded in ("of", "de", "du", "da", "do", "di") and (
                tokens[k - 1].folded in ORG_END_WORDS or tokens[k - 1].folded.rstrip(".")
                in LEGAL_FORMS) and tokens[k - 1].folded not in name_words - \
                ORG_END_WORDS and names.country_at(tokens[k + 1].start, run.end):
            return k
    return None


class CandidateRuns:
    """The candidate runs of :class:`geo.draft.organisations.OrganisationFinder` (mixed into
    it: uses its ``doc``, ``names``, ``tokens``, ``blocked`` and the word sets of
    :func:`geo.draft.org_words.finder_patterns`)."""

    def candidate_runs(self) -> list[Run]:
        out = []
        for run in self.names.runs:
            if run.title:
                continue
            stripped = self.names.strip_function(run)
            if stripped is None:
                continue
            out.extend(self._pieces(stripped))
        return out

    def _pieces(self, run: Run) -> list[Run]:
        """The parts of a run that may each name an organisation. The rules below cut a
        run and read each part again; a hostile text of hundreds of capitalised words
        could make that recursion deep, so past :data:`_MAX_DEPTH` nested cuts a part is
        left out."""
        depth = self.__dict__.get("_pieces_depth", 0)
        if depth >= _MAX_DEPTH:
            return []
        self.__dict__["_pieces_depth"] = depth + 1
        try:
            return self._cut(run)
        finally:
            self.__dict__["_pieces_depth"] = depth

    def _cut(self, run: Run) -> list[Run]:
        """:meth:`_pieces` of ``run``, one level of cuts."""
        tokens, names = self.tokens, self.names
        first, last = run.first, run.last
        while first <= last and (tokens[first].folded in TITLE_WORDS
                                 or not tokens[first].cap):
            first += 1  # titles before a name
        if first > last:
            return []
        # "Ayala-led X", "Hong Kong-listed X", "Bain Capital-owned X": the owners, then what
        # follows the last attribute (in one pass: a run of many attributes recurses no deeper)
        owners: list[Run] = []
        rest = first
        for k in range(first, last + 1):
            m = _ATTRIBUTE_RE.search(tokens[k].text) if tokens[k].end <= run.end else None
            if m:
                owners += self._owner(run, rest, k, m)
                rest = k + 1
        if rest != first:
            return owners + (self._pieces(names.sub_run(run, rest, last)) if rest <= last
                             else [])
        if first != run.first:
            run = names.sub_run(run, first, last)
        # "Operator MTN Nigeria is building...": a common noun for a company, capitalised
        # only as the sentence's first word, then the name it says is a company
        if run.initial and first == run.first and first < last and \
                self.doc.language != "de" and tokens[first].text.istitle() and \
                tokens[first].folded in self.org_nouns and tokens[first].folded not in \
                self.name_words and tokens[first].folded not in self.opening and \
                tokens[first + 1].cap and any(
                    tokens[k].folded not in self.name_words
                    and tokens[k].folded.rstrip(".") not in LEGAL_FORMS
                    for k in range(first + 1, last + 1)):
            # (not when all that follows is a company's word: "Partner Communications",
            # "Investor AB", "Carrier Corporation" are names)
            return self._pieces(names.sub_run(run, first + 1, last))
        words = [t.folded for t in tokens[run.first:run.last + 1]]
        # "Huawei Marine Networks of China": the company, then its country
        k = _country_after_name(names, run, self.name_words)
        if k is not None:
            return self._pieces(names.sub_run(run, run.first, k - 1))
        # "Chang Wei of Nordic Telecom": a person, then the organisation he speaks for
        for k in range(run.first + 2, min(run.last, run.first + 6)):  # a name: <= 5 words
            if tokens[k].folded in ("of", "de", "di", "von", "da", "do", "du") and \
                    tokens[k + 1].cap and self.person_shaped(
                        names.sub_run(run, run.first, k - 1)) and (
                    k + 1 == run.last or tokens[run.last].folded in self.name_words):
                return self._pieces(names.sub_run(run, k + 1, run.last))
        # "Data Center de Teraco", "Rechenzentrum von X": the owner after the facility word
        found = self.facility_re.search(run.text)
        if found and run.text[-1:] == "s" and run.text[:1].isupper() and re.search(
                r"(?:Data\s+Cent(?:re|er)s|Datacent(?:re|er)s)$", run.text):
            found = None  # "Africa Data Centres": a company's name, no facility
        if found and words[-1] in COMPANY_WORDS and \
                tokens[run.last].start >= run.start + found.end():
            found = None  # "Colt Data Centre Services": a company's word ends the name
        elif found or any(w.endswith(DATA_CENTRE_SUFFIXES) for w in words):
            after = run.start + found.end() if found else run.end
            for k in range(run.first + 1, run.last + 1):
                if tokens[k].start >= after and tokens[k - 1].folded in (
                        "de", "da", "do", "di", "von", "of", "du", "del") and tokens[k].cap:
                    return self._pieces(names.sub_run(run, k, run.last))
            return []
        if self.doc.language == "de" and len(words) > 1:
            return self._german_pieces(run)
        if self.doc.language == "de" and words[0].endswith(GERMAN_NOUN_ENDINGS) and not (
                is_acronym(run.text) or is_camel(run.text) or "-" in run.text
                or any(c.isdigit() for c in run.text)):
            prev = names.words_before(run.start, 1, run.sentence.start)
            if not prev or not (prev[0].folded in self.org_nouns
                                or prev[0].folded.endswith(ORG_NOUN_SUFFIXES_DE)):
                return []  # a German common noun ("mit Datencentern"), not "Firma Nordkabel"
        if any(w in TITLE_WORDS or w in _NOT_ACTORS for w in words):
            return []
        if words[-1] in ("cable", "system", "kabel", "cabo", "cavo", "project", "projet",
                         "proyecto", "projeto", "progetto", "campus"):
            return []
        if len(words) == 1 and (words[0] in self.months or words[0] in WEEKDAYS
                                or (words[0] in self.org_nouns and not (
                                    words[0] in _ADJECTIVE_TAKERS
                                    and _ADJECTIVE_RE.match(self.doc.text, run.end)))
                                or len(run.text) < 2):
            return []  # (but "Banque mondiale", "Commission européenne" are names)
        if (run.start, run.end) in self.adjective_spans or (
                len(words) == 1 and is_people_adjective(self.doc.text, run.start, run.end,
                                                        self.names.all_function)):
            return []  # "the Welsh data centre": an adjective
        # "Diario Expansión de España": the name stops before "de <place>", unless an
        # acronym after it spells the whole ("Telecomunicações de Moçambique (TDM)")
        if run.places and words[0] not in self.opening and not self._spelt_by_acronym(run):
            for m in run.places:
                k = names.token_index(m.start)
                if k - 1 > run.first and tokens[k - 1].folded in ("de", "of", "di", "da",
                                                                  "do", "del", "du"):
                    if k - 2 < run.first:
                        return []
                    return self._pieces(names.sub_run(run, run.first, k - 2))
        text = self.doc.text
        m = _CONSORTIUM_RE.match(text, run.end)
        if m and run.sentence.end >= m.end():
            run = Run(run.start, m.end(), text[run.start:m.end()], run.first, run.last,
                      run.sentence, run.initial, False, run.title, run.places)
        elif words[-1] in _ADJECTIVE_TAKERS:
            m = _ADJECTIVE_RE.match(text, run.end)
            end = m.end() if m else run.end
            tail = _INSTITUTION_TAIL_RE.match(text, end)
            end = tail.end() if tail else end
            if end > run.end and run.sentence.end >= end:
                run = Run(run.start, end, text[run.start:end], run.first, run.last,
                          run.sentence, run.initial, False, run.title, run.places)
        legal = _LOWER_LEGAL_RE.match(text, run.end)
        if legal and run.sentence.end >= legal.end():
            run = Run(run.start, legal.end(), text[run.start:legal.end()], run.first,
                      run.last, run.sentence, run.initial, False, run.title, run.places)
        if run.key in self.blocked:
            return []  # a cable's name
        return [run]

    def _owner(self, run: Run, first: int, k: int, attribute: re.Match[str]) -> list[Run]:
        """Who owns, backs or leads what follows ("Bain Capital" of "Bain Capital-owned"),
        as a run of its own; a place that something is based or listed in is none."""
        if attribute.group(1) not in _OWNER_ATTRIBUTES:
            return []
        token = self.tokens[k]
        end = token.start + attribute.start() + 1
        text = self.doc.text[self.tokens[first].start:end]
        owner = Run(self.tokens[first].start, end, text, first, k, run.sentence,
                    run.initial and first == run.first, False, run.title,
                    [m for m in run.places if m.end <= end])
        if not owner.text[:1].isupper() or self.doc.place_in(owner.start, owner.end) or (
                len(owner.text) <= 2 or owner.text in ("USA", "UAE")) or all(
                any(fold(w) in common_words(language) for language in LANGUAGES)
                for w in owner.text.split()):
            return []  # "Hong Kong-owned", "US-backed", "Private Equity-backed": no organisation
        return self._pieces(owner)

    def _spelt_by_acronym(self, run: Run) -> bool:
        """The run is followed by an acronym in brackets that spells it out whole."""
        m = _ACRONYM_AFTER_RE.match(self.doc.text, run.end)
        return bool(m) and spelt_out(m.group(1), run.text)

    def _german_pieces(self, run: Run) -> list[Run]:
        """German capitalises every noun: a run is cut at its common nouns ("Unternehmen
        Cinia", "Technikpartners KPNQwest"), unless it ends with a company word ("1&1
        Internet AG", "Teles AG")."""
        tokens = self.tokens
        words = [t.folded for t in tokens[run.first:run.last + 1]]
        k = run.first
        while k < run.last and self._noun_in_apposition(tokens[k], tokens[k + 1]):
            k += 1  # "Konzerntochter T-Systems", "Pensionsfonds OMERS": a common noun, the name
        if k > run.first:
            return self._pieces(self.names.sub_run(run, k, run.last))
        if german_body(words[0]) and not tokens[run.first + 1].cap:
            # a body's name ("Bundesministerium für Digitales und Verkehr"), up to a
            # capitalised word right after another: what follows is another name (a
            # person's, an acronym, a place: "... und Verkehr Stefan Schnorr")
            for k in range(run.first + 2, run.last + 1):
                if tokens[k].cap and tokens[k - 1].cap:
                    return [self.names.sub_run(run, run.first, k - 1),
                            *self._pieces(self.names.sub_run(run, k, run.last))]
            return [run]
        if (words[-1] in self.name_words and words[-1] not in ("internet", "global", "online")
                ) or german_body(words[-1]):  # "Europäische Investitionsbank"
            # keep the name words before the suffix that are no common nouns
            k = run.last
            while k > run.first and not german_noun(tokens[k - 1].text, tokens[k - 1].folded,
                                                    self.org_nouns):
                k -= 1
            return [self.names.sub_run(run, k, run.last)]
        out: list[Run] = []
        start = run.first
        for k in range(run.first, run.last + 1):
            t = tokens[k]
            after_noun = k > run.first and (tokens[k - 1].folded in self.org_nouns
                                            or tokens[k - 1].folded.endswith(
                                                ORG_NOUN_SUFFIXES_DE))
            if (german_noun(t.text, t.folded, self.org_nouns) and not after_noun) or \
                    t.folded in TITLE_WORDS:
                out += self._capitalised_part(run, start, k - 1)
                start = k + 1
        out += self._capitalised_part(run, start, run.last)
        pieces = []
        for piece in out:
            if piece.first == run.first and piece.last == run.last:
                pieces.append(piece)
            else:
                pieces.extend(p for p in self._pieces(piece))
        return pieces

    def _noun_in_apposition(self, head: Token, name: Token) -> bool:
        """``head`` is a German common noun ("Konzerntochter", "Kommunikationsbehörde",
        "Co-Location-Wettbewerber") and ``name``, right after it, is shaped as a name no word
        list holds ("T-Systems", "OMERS", "Africa50", "Nkom"), no place ("Landkreis
        Vorpommern-Greifswald") nor such a noun itself: the noun says what the name is."""
        if not german_head_noun(head.text, head.folded, self.org_nouns) or german_head_noun(
                name.text, name.folded, self.org_nouns) or name.folded.rstrip(".") in \
                LEGAL_FORMS or name.folded in self.name_words:
            return False  # (and "Nordnetz AG" is one name)
        place = self.doc.place_in(name.start, name.end)
        if place is not None or any(m.start == name.start for m in self.names.places_between(
                name.start, name.end)):
            return False
        text = name.text
        if is_name_shaped(text):
            return True
        return text[:1].isupper() and not any(
            name.folded in common_words(language) for language in LANGUAGES) and \
            not german_noun(text, name.folded, self.org_nouns) and not german_body(
                name.folded) and not german_compound(name.folded)

    def _capitalised_part(self, run: Run, first: int, last: int) -> list[Run]:
        """The part of ``run`` from token ``first`` to ``last``, less the connectors it would
        end with ("Bundesministerium für Digitales und" of a run cut before a noun)."""
        while last >= first and self.tokens[last].text[:1].islower():
            last -= 1
        return [self.names.sub_run(run, first, last)] if last >= first else []

    def inside_a_place(self, run: Run) -> bool:
        """The run is a part of a longer place name ("Príncipe" of "São Tomé e Príncipe")."""
        m = self.doc.place_in(run.start, run.end)
        return m is not None and m.end - m.start > run.end - run.start

    def person_shaped(self, run: Run) -> bool:
        """Two to four title-case words, none an organisation word, code or place: the
        shape of a person's name ("Marí Alkatiri", "José Carlos Simão")."""
        words = self.tokens[run.first:run.last + 1]
        if not 2 <= len(words) <= 5 or run.places or run.end > words[-1].end:
            return False
        caps = 0
        for t in words:
            w = t.text
            if t.folded in ("de", "da", "do", "dos", "das", "del", "di", "van", "von", "la",
                            "le", "bin", "ben", "al", "ould", "el", "y", "e"):
                continue
            if not w.isalpha() or not w[:1].isupper() or is_acronym(w) or (
                    is_camel(w) and not re.match(r"^(?:Mc|Mac|O|D)[A-Z]", w)):
                return False
            if t.folded in self.name_words or t.folded in self.opening:
                return False
            caps += 1
        return caps >= 2
