"""The organisations a finder's candidates make, with their aliases: "Long Name (ACR)",
"Meta (Facebook)", "EulaLink (antiga Islalink)", "the Government", short forms ("NTT" of
"NTT Communications") and legal forms ("Google Corporation", "Google LLC")."""

from __future__ import annotations

import re

from geo.draft.facts import OrganisationFact
from geo.draft.org_acronyms import defines
from geo.draft.org_words import (
    LEGAL_FORMS,
)
from geo.draft.vocabulary import (
    fold,
    folded_set,
    word_set,
)

#: Generic words a company's short name may leave out ("Vantage" of "Vantage Data Centers").
_SHORT_FORM_TAILS = word_set("""
    technology services internet intelligent corporation data center centre centers
    centres fiber fibre fibra cloud digital towers connect connectivity datacenter
    datacentre cable cables properties holdings networks communications telecommunications
    solutions systems infrastructure infrastructures
""")
#: Words of a company's kind that may open its full name: "Société Congo Télécom" is
#: "Congo Télécom"; "Grupo Telconet" is "Telconet".
_KIND_OPENERS = word_set("""
    société societe grupo groupe gruppo group empresa companhia compagnie compañía compania
    società societa firma
""")


def _short_form(short: str, long: str, name_words: frozenset[str]) -> bool:
    s, lng = short.replace(",", " ").split(), long.replace(",", " ").split()
    if len(lng) == len(s) + 1 and fold(lng[0]) in _KIND_OPENERS and lng[1:] == s:
        return True
    if len(s) >= len(lng) or lng[:len(s)] != s:
        return False
    return all(fold(w).rstrip(".") in name_words or fold(w) in name_words
               or fold(w) in _SHORT_FORM_TAILS for w in lng[len(s):])


def _same_stem(a: str, b: str, name_words: frozenset[str]) -> bool:
    """"Google Corporation" and "Google LLC": one stem, only company words after it."""
    wa, wb = a.replace(",", " ").split(), b.replace(",", " ").split()
    if len(wa) < 2 or len(wb) < 2 or wa[0] != wb[0] or a == b:
        return False
    return all(fold(w).rstrip(".") in LEGAL_FORMS for w in wa[1:]) and all(
        fold(w).rstrip(".") in LEGAL_FORMS for w in wb[1:])


class AliasesAndFacts:
    """The facts of :class:`geo.draft.organisations.OrganisationFinder` (mixed into it:
    uses its ``doc``, ``candidates`` and ``name_words``)."""

    def facts(self) -> list[OrganisationFact]:
        orgs = sorted((c for c in self.candidates.values() if c.is_org), key=lambda c: c.first)
        by_key = {c.key: c for c in orgs}
        merged: dict[str, str] = {}  # alias key -> main key
        text = self.doc.text
        # "Alcatel Submarine Networks (ASN)", "DGRM (Direção-Geral ...)", "Meta (Facebook)",
        # "EulaLink (antiga Islalink, com 65%)"
        for c in orgs:
            for run in c.runs:
                m = re.match(r"\s*\(\s*(?:(?:antig[oa]|ex|formerly|anciennement|ehemals|"
                             r"gi[aà]|formerly\s+known\s+as|ou|or|o)\s+)?([^(),;]{2,120}?)\s*"
                             r"(?:,[^()]*)?\)", text[run.end:run.end + 140])
                if not m:
                    continue
                inner = m.group(1).strip(" “”\"'’")
                other = by_key.get(fold(inner))
                former = re.match(r"\s*\(\s*(?:antig|ex |formerly|ancienn|ehemals)",
                                  text[run.end:run.end + 30])
                if other is not None and other is not c:
                    if other.key not in merged and c.key not in merged:
                        merged[other.key] = c.key
                elif other is None and (defines(inner, c.surface) or defines(
                        c.surface, inner) or former) and inner[:1].isupper() and (
                        self.doc.place_in(run.end, run.end + 140) is None
                        or not self.doc.names.places_between(
                            run.end + m.start(1), run.end + m.end(1))):
                    c.aliases.append(inner)
        # "the Government": the government the text names in full
        governments = [c for c in orgs if any(x.startswith("government") for x in c.own)]
        gov_words = folded_set("GOVERNMENT")
        for c in orgs:
            if c.key in gov_words and governments and governments[0] is not c:
                merged[c.key] = governments[0].key
        # a short form no cue made an organisation ("Halcyon will ..." after "Halcyon
        # Communications") is still its alias, unless it is a place ("Angola")
        for c in self.candidates.values():
            if c.is_org or c.place or c.vetoed or c.personal:
                continue
            for d in orgs:
                if _short_form(c.surface, d.surface, self.name_words):
                    d.aliases.append(c.surface)
                    break
        # short forms ("NTT" of "NTT Communications") and company suffixes ("Google
        # Corporation", "Google LLC")
        for c in orgs:
            for d in orgs:
                if d is c or c.key in merged or d.key in merged:
                    continue
                if _short_form(c.surface, d.surface, self.name_words) or (
                        _same_stem(c.surface, d.surface, self.name_words)
                        and d.first < c.first):
                    merged[c.key] = d.key

        def root(key: str) -> str:
            seen = set()
            while key in merged and key not in seen:
                seen.add(key)
                key = merged[key]
            return key

        facts: list[OrganisationFact] = []
        for c in orgs:
            if root(c.key) != c.key:
                continue
            group = [d for d in orgs if root(d.key) == c.key]
            forms: list[str] = []
            for d in group:
                forms.append(d.surface)
                forms.extend(d.aliases)
            # the name: the first full form; a short form or acronym written first is
            # an alias
            name = c.surface
            aliases: list[str] = []
            for form in forms:
                if fold(form) != fold(name) and fold(form) not in {fold(a) for a in aliases}:
                    aliases.append(form)
            first_run = min((r for d in group for r in d.runs), key=lambda r: r.start)
            facts.append(OrganisationFact(name, first_run.sentence.evidence, aliases))
        facts.sort(key=lambda f: f.evidence.start)
        return facts
