"""Other forms of a route's name: a name in brackets that abbreviates it is the same route
("South Atlantic Cable System (SACS)", "TEAMS (The East African Marine System)"), a cable's
name known from labelled news is one where the text speaks of cables or the name is
distinctive, and every written form of every name is a mention; a route written two ways is
named by the form written first."""

from __future__ import annotations

import re

from geo.draft.document import word_occurrences
from geo.draft.known_names import distinctive, known_cables, known_cables_pattern
from geo.draft.names import is_acronym
from geo.draft.route_names import RouteNaming
from geo.draft.route_state import Route
from geo.draft.vocabulary import fold


class RouteAliasing(RouteNaming):
    """Joins the forms of each name found into its route, and finds their mentions."""

    def find_forms(self) -> None:
        """After :meth:`find_names`: the other forms of each name (abbreviations in
        brackets, names known from labelled news), every mention of each form, and each
        route's first mention and the name written there."""
        text = self.text
        # 6. abbreviations in brackets: "South Atlantic Cable System (SACS)", "Sacs (sigla
        # em inglês para South Atlantic Cable System)"
        for start, end, _s in self.pending_names:
            surface = re.sub(r"\s+", " ", text[start:end]).strip()
            for route in self.routes:
                if any(_abbreviates(surface, f) or _abbreviates(f, surface)
                       for f in route.forms) and fold(surface) not in self.by_form:
                    route.forms.insert(0, surface) if start < route.first else \
                        route.forms.append(surface)
                    if start < route.first:
                        route.name = surface
                        route.first = start
                    self.by_form[fold(surface)] = route
        # a cable's name known from labelled news ("WACS", "Equiano"), where the text speaks
        # of cables or the name is distinctive
        known = known_cables_pattern()
        for m in known.finditer(self.doc.folded) if known is not None else ():
            start, end = m.start(), m.end()
            s = self.doc.sentence_at(start)
            written = text[start:end]
            if s is None or not (written[:1].isupper() or written[:1].isdigit()) or \
                    fold(written) in self.by_form or any(
                        a <= start < b for a, b, _r in self.spans):
                continue
            listed = known_cables().get(m.group(), "")
            if listed.isupper() and written != listed:
                continue  # "TEAMS" is listed: "Microsoft Teams" is another thing
            run = self.names.run_around(start, end)
            run = self.names.strip_function(run) if run is not None else None
            if run is not None and (run.start < start or run.end > end):
                continue  # a part of a longer name
            if (distinctive(written) or self.cable_context(s)) and \
                    self.valid_name(start, end):
                self.add_name(start, end, s)
        #: long form -> (short form before it, the long form as written)
        bracketed: dict[str, list[tuple[str, str]]] = {}
        for m in _BEFORE_BRACKETED_RE.finditer(text):
            long = re.sub(r"^(?:the|le|la|el|il|o|a)\s+", "", m.group(2).strip(),
                          flags=re.IGNORECASE)
            bracketed.setdefault(fold(long), []).append((m.group(1), m.group(2).strip()))
        for route in list(self.routes):
            if route not in self.routes:
                continue
            for form in list(route.forms):
                for m in _occurrences_then_brackets(text, form):
                    inner = m.group(1).strip()
                    inner = re.sub(r"^(?:sigla|acronym|acrónimo|short\s+for|abréviation|"
                                   r"abbreviazione|abreviatura)\b[^A-Z]*", "", inner).strip()
                    at = m.start() - len(form)
                    after_the = text[max(0, at - 4):at].lower().strip() == "the"
                    if not (inner and inner[:1].isupper() and (
                            _abbreviates(inner, form) or _abbreviates(form, inner) or (
                                after_the and _abbreviates(inner, "The " + form,
                                                           article_letter=True)))):
                        continue  # (the last: "The East African Marine System (TEAMS)")
                    other = self.by_form.get(fold(inner))
                    if other is None:
                        route.forms.append(inner)
                        self.by_form[fold(inner)] = route
                    elif other is not route:
                        self._merge(route, other)
                # "TEAMS (The East African Marine System)": the short form before the long
                for short, written in bracketed.get(fold(form), ()):
                    if not _abbreviates(short, written, article_letter=True):
                        continue
                    other = self.by_form.get(fold(short))
                    if other is None:
                        route.forms.append(short)
                        self.by_form[fold(short)] = route
                    elif other is not route and other in self.routes:
                        self._merge(route, other)  # one route: the form written first names it
        # every written form of every name is a mention
        found = {(a, b) for a, b, _r in self.spans}
        for key, route in list(self.by_form.items()):
            form = next((f for f in route.forms if fold(f) == key), None)
            if form is None:
                continue
            for start, end in word_occurrences(text, self.doc.folded, form,
                                                not is_acronym(form)):
                if (start, end) in found or any(a <= start and end <= b
                                                for a, b, _r in self.spans):
                    continue
                s = self.doc.sentence_at(start)
                if s is not None:
                    self.spans.append((start, end, route))
                    found.add((start, end))
        self.spans.sort(key=lambda x: x[0])
        for route in self.routes:
            firsts = [(a, b) for a, b, r in self.spans if r is route and not self.in_title(a)]
            if not firsts:
                continue
            a, b = min(firsts)
            route.first = a
            # one route written two ways: the form written first is its name ("WAFS (West
            # African Festoon System)"), wherever a word for a cable first named it
            written = fold(text[a:b])
            if route.name and written != fold(route.name):
                route.name = next((f for f in route.forms if fold(f) == written), route.name)

    def _merge(self, keep: Route, other: Route) -> None:
        """One route written two ways: the form written first is its name."""
        if other.first < keep.first:
            keep.name = other.name
            keep.forms = other.forms + [f for f in keep.forms if f not in other.forms]
            keep.first = other.first
        else:
            keep.forms += [f for f in other.forms if f not in keep.forms]
        for f in other.forms:
            self.by_form[fold(f)] = keep
        self.spans = [(a, b, keep if r is other else r) for a, b, r in self.spans]
        self.routes.remove(other)


def _occurrences_then_brackets(text: str, form: str):
    """Matches of "<form> (<inner>)" in ``text``, ``group(1)`` the inner text."""
    out = []
    i = text.find(form)
    while i >= 0:
        m = _BRACKETS_AFTER_RE.match(text, i + len(form))
        if m:
            out.append(m)
        i = text.find(form, i + 1)
    return out


_BRACKETS_AFTER_RE = re.compile(r"\s*\(\s*([^()]{2,80})\)")
_BEFORE_BRACKETED_RE = re.compile(
    r"(?<![\w-])([A-Z][A-Za-z0-9]{1,7})(?:-[\w]+)?\s*\(([^()]{2,80})\)")


def _abbreviates(short: str, long: str, article_letter: bool = False) -> bool:
    """Whether ``short`` is the initials of ``long``: "SACS" of "South Atlantic Cable
    System", "ACE" of "Atlantique Connexion to Europe"."""
    letters = re.sub(r"[^A-Za-z]", "", short).upper()
    all_words = re.findall(r"[^\W_]+", long)
    words = [w for w in all_words
             if fold(w) not in ("de", "of", "to", "the", "and", "et", "e", "y", "da", "do",
                                "du", "la", "le", "en", "a", "di", "del", "della")]
    initials = "".join(w[0] for w in words).upper()
    if article_letter and all_words and fold(all_words[0]) in ("the", "le", "la", "el", "il"):
        # "TEAMS (The East African Marine System)": the article may lend its letter
        initials = (all_words[0][0] + initials).upper() if letters != initials else initials
    return len(letters) >= 2 and len(words) >= 2 and letters == initials
