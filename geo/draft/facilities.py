"""Facilities a text states: data centres, points of presence, cable landing stations,
exchanges, internet exchange points and named buildings or parks.

* **Mentions**: a word for a kind of facility in any of the six languages (``DATA_CENTRE``,
  ``POP``, ``CABLE_LANDING``... in :mod:`geo.draft.vocabulary`), an exchange point's name
  ("DE-CIX"), a German compound ("KPNQwest-Rechenzentrum"), a code next to such a word or in
  a text about them ("SG3", "FRA13", "MRS1"). A plural is no facility ("des data centers",
  "major CNDCs") unless counted ("due nuovi data center") or listing places ("landing sites
  em Santos e Fortaleza": one per place).
* **Names**: a code ("Equinix's SG3 data centre", "das 13. Rechenzentrum („FRA13“)"); a
  capitalised name holding the word ("Equinix Carrier Neutral Data Centre", "Data Center de
  Teraco") or before it ("Via Caldera data centre complex", "Milan PoP"); a naming verb
  ("dénommé Raxio Côte d’Ivoire", "recibirán el nombre de Madrid I"); a generic noun with a
  name ("die Anlage „FRA7“", "Avalon3, la struttura ..."); else the text's own words ("data
  center", "14. Rechenzentrum").
* **One entry per facility**: a definite mention ("the data centre", "ce Datacenter", "A
  representação") is the latest facility of its kind; an ordinal ("Das 14. Rechenzentrum")
  or an indefinite one is a new one.
* **Operator**: a possessive ("Interxion’s"), a name opening with an organisation, an owner
  after the word ("Data Center de Teraco", "da empresa portuguesa EllaLink"), else the
  organisation the sentence names before it, else that of the previous facility of its
  kind. **Host**: a point of presence "in" a data centre. **Place**: the most specific
  place in the facility's phrase or clause, else the one its sentence or the text gives
  before it. **Status** from the nearest words of state and tense.

Three modules do the work: :mod:`geo.draft.facility_words` (the words and patterns),
:mod:`geo.draft.facility_mentions` (the mentions and their names) and
:mod:`geo.draft.facility_resolution` (one entry per facility, its place, status, operator
and host); this one runs them in the order drafting needs.
"""

from __future__ import annotations

from geo.draft.document import Document
from geo.draft.facility_mentions import FacilityMention, FacilityMentionFinder
from geo.draft.facility_resolution import FacilityResolver
from geo.draft.facts import FacilityFact, OrganisationFact
from geo.draft.vocabulary import fold


class FacilityFinder:
    """Finds the facilities of one :class:`Document`; :meth:`names` first (so that the
    organisation finder leaves them out), :meth:`resolve` once organisations are known."""

    def __init__(self, doc: Document, route_forms: set[str] | None = None):
        self.doc = doc
        self.route_forms = route_forms or set()
        self.mentions: list[FacilityMention] = []
        self.named: set[str] = set()

    def names(self) -> set[str]:
        """Find the mentions; the names they give (folded), for the organisation finder to
        leave out."""
        self.mentions = FacilityMentionFinder(self.doc, self.route_forms).find()
        self.named = {fold(x.name) for x in self.mentions if x.named}
        return self.named

    def resolve(self, organisations: list[OrganisationFact]) -> list[FacilityFact]:
        """The facilities of the mentions, with the organisations the text names."""
        return FacilityResolver(self.doc, self.mentions).resolve(organisations)


def find_facility_names(doc: Document, route_forms: set[str]) -> FacilityFinder:
    """A finder of ``doc``'s facilities whose mentions are found (:meth:`FacilityFinder.names`)."""
    finder = FacilityFinder(doc, route_forms)
    finder.names()
    return finder
