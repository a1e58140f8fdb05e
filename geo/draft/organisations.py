"""Organisations a text names as actors: operators, vendors, investors, authorities, states.

A capitalised run (:class:`geo.draft.names.Run`) is an organisation when the words around
one of its occurrences say so:

* **its own words**: an organisation word ending or opening it ("Angola Cables", "Teles
  AG", "Empresa de Tecnologia ...", "Bundeskartellamt"), or a government word and a country
  adjective ("Estado Português", "gouvernement gabonais", "State of Timor-Leste");
* **a noun before it**: "la société Alcatel Lucent", "das finnische Unternehmen Cinia",
  "une société de scopo denominata Unitirreno"; **after it**: "Sparkle, primo operatore",
  "Melpart, holding di ...", "Hetzner-Online, ein Nürnberger Anbieter";
* **a role of it**: "CEO of Angola Cables", "directeur général de la Mauripost",
  "responsible for Telin" (the person named with it is no organisation);
* **ownership**: "Equinix's SG3 data centre", "o cabo submarino da EllaLink", "Data Center
  de Teraco", "Rechenzentrum von KPNQwest", "un cofinancement de l'Union européenne";
* **a deal**: "partnered with Equinix", "junto con América Móvil", "accordo con Vdpc",
  "constructed by NEC Corporation", "a través de Telxius";
* **a list**: the names of a list ("comprised of A, B and C", "A, B et C, sociétés
  actionnaires") are organisations when one of them is or the list is introduced so;
* **weaker**: an acronym that is no place, unit, code or abbreviation of something else;
  a name followed by a country in brackets ("Antel (Uruguay)"); the subject of a verb
  organisations do ("Strato kauft", "Unidata ha siglato").

A name shaped like a person's ("Amancio Ortega") needs one of the strong cues and no
person's cue (a title, a role after it, a speech verb), and a source of the news ("revealed
by Capacity", "a appris l'APS") needs a strong cue. A place the gazetteer knows is an
organisation only by a noun, a role or a list ("The two companies, Moratelindo and Telin").

Forms of one organisation become aliases: "Long Name (ACR)" and "ACR (Long Name)", "Meta
(Facebook)", "EulaLink (antiga Islalink)", and a short form that is the start of a longer
name followed only by organisation words ("NTT" of "NTT Communications", "1&1" of "1&1
Internet AG"); a longer name that adds a place ("Sparkle Greece") is another organisation.
"""

from __future__ import annotations

from geo.draft.document import Document
from geo.draft.facts import OrganisationFact
from geo.draft.known_names import common_unnamed, known_organisations
from geo.draft.org_aliases import AliasesAndFacts
from geo.draft.org_candidate import OrgCandidate, add_candidate
from geo.draft.org_cues import OccurrenceCues
from geo.draft.org_runs import CandidateRuns
from geo.draft.org_text_rules import WholeTextRules
from geo.draft.org_words import NOT_ORG_ACRONYMS, finder_patterns

__all__ = ["NOT_ORG_ACRONYMS", "OrgCandidate", "OrganisationFinder", "find_organisations"]


class OrganisationFinder(CandidateRuns, OccurrenceCues, WholeTextRules, AliasesAndFacts):
    """Finds the organisations of one :class:`Document`: its candidate runs
    (:mod:`geo.draft.org_runs`), the cues of each occurrence (:mod:`geo.draft.org_cues`), the
    whole-text rules (:mod:`geo.draft.org_text_rules`), then the facts and their aliases
    (:mod:`geo.draft.org_aliases`)."""

    def __init__(self, doc: Document, blocked: set[str] | None = None):
        self.doc = doc
        self.names = doc.names
        self.tokens = doc.names.tokens
        self.blocked = blocked or set()
        (self.org_nouns, self.roles, self.titles, self.name_words, self.opening,
         self.months, self.facility_re, self.other_facility_re, self.verb_re,
         self.person_after_re, self.role_re, self.source_re,
         self.role_of_then_re) = finder_patterns()
        self.candidates: dict[str, OrgCandidate] = {}
        self.adjective_spans = doc.adjective_spans
        self.extractor_orgs = {(m.start, m.end) for m in doc.mentions
                               if m.kind == "organisation"}
        self._words_alone: set[str] | None = None  # (org_cues: the text's words, once)

    def find(self) -> list[OrganisationFact]:
        defined = self.defined_long_names()
        for run in self.candidate_runs():
            if not any(a <= run.start and run.end <= b for a, b in defined):
                add_candidate(self.candidates, run)
        self.named_by_quote()
        self.governments()
        known = known_organisations()
        common = common_unnamed(self.doc.language)
        for cand in self.candidates.values():
            cand.personal = all(self.person_shaped(r) for r in cand.runs)
            cand.place = any(self.doc.is_place_run(r) for r in cand.runs)
            if all(self.inside_a_place(r) for r in cand.runs):
                cand.vetoed.append("a part of a place's name")  # "Tomé" of "São Tomé"
            elif " " not in cand.key and cand.key in common and not cand.surface.isupper():
                cand.vetoed.append("a common word of the language")  # "Mehrheit"
            elif cand.key in known and not cand.place:
                cand.own.append("a known organisation's name")
            for run in cand.runs:
                self.occurrence_cues(cand, run)
        self.acronym_definitions()
        self.shared_by_lists()
        self.persons_by_surname()
        return self.facts()


def find_organisations(doc: Document, blocked: set[str] | None = None
                       ) -> list[OrganisationFact]:
    """The organisations ``doc`` names as actors, in order of first mention."""
    return OrganisationFinder(doc, blocked).find()
