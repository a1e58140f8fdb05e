"""An organisation candidate: one name's occurrences, the cues found for and against it,
and the decision whether it names an organisation."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.draft.names import Run


@dataclass
class OrgCandidate:
    key: str
    surface: str
    runs: list[Run] = field(default_factory=list)
    own: list[str] = field(default_factory=list)  # its own words
    context: list[str] = field(default_factory=list)  # words around it
    weak: list[str] = field(default_factory=list)
    person: list[str] = field(default_factory=list)
    source: bool = False
    place: bool = False  # a place the gazetteer knows
    personal: bool = False  # shaped like a person's name
    vetoed: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    first: int = 0
    defined: bool = False  # an acronym spelt out in brackets ("DGRM (Direção-Geral ...)")

    @property
    def strong(self) -> list[str]:
        return self.own + self.context

    @property
    def is_org(self) -> bool:
        if self.vetoed:
            return False
        if self.place:
            return any(c.startswith(("noun", "role", "list", "government"))
                       for c in self.context + self.own)
        if self.own:
            return True
        if self.person and self.personal:
            return False
        if self.context:
            return True
        if self.personal and not self.person and not self.source and \
                "the subject of a verb of business" in self.weak:
            return True  # "Orange Marine has started laying ..."
        if self.personal or self.person or self.source:
            return False
        if self.weak and all(w == "acronym" for w in self.weak) and len(self.runs) < 2 \
                and len(self.surface) < 5 and not self.defined:
            return False  # one short bare acronym ("ZILS", "MNE") names no organisation
        if self.weak and all(w == "country in brackets" for w in self.weak):
            return False  # "Porge (France)", "Gibuti City (Gibuti)": places as often as not
        return bool(self.weak)


def add_candidate(candidates: dict[str, OrgCandidate], run: Run) -> OrgCandidate:
    """The candidate of ``run``'s name in ``candidates`` (added if new), with ``run`` as one
    more of its occurrences."""
    cand = candidates.get(run.key)
    if cand is None:
        cand = candidates[run.key] = OrgCandidate(run.key, run.text, first=run.start)
    cand.runs.append(run)
    cand.first = min(cand.first, run.start)
    return cand
