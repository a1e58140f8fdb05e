"""Published figures of routes (length, capacity, fibre pairs, ready-for-service year), each
with its own sentence (:mod:`geo.draft.figures` reads them): a figure goes to the route its
sentence names, else the one it describes, else the one most mentioned; a number of km is a
route's length only by a word of length or for a cable, never a distance off a coast or a
depth."""

from __future__ import annotations

import re

from geo.draft.facts import FigureFact
from geo.draft.figures import capacities, fibre_pairs, lengths, ready_years
from geo.draft.route_state import Route, RouteFinderState
from geo.draft.route_words import FACILITY_RE, LENGTH_CUE_RE, NOT_LENGTH_RE, YEAR_HINT_RE
from geo.draft.sentences import Sentence
from geo.draft.vocabulary import fold

#: Before a length, a word saying it is the whole route's.
_TOTAL_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:(?:extens[ãa]o|extensi[óo]n|longueur|longitud|lunghezza|estensione|"
    r"comprimento|length)\s+(?:total|totale|complessiva)|(?:total|overall)\s+length|"
    r"gesamtl[äa]nge|insgesamt)(?![\w-])", re.IGNORECASE)


class RouteFigures(RouteFinderState):
    """Gives each figure of a sentence to its route."""

    def attach_figures(self, s: Sentence, touched: list, created: list) -> None:
        text, doc = self.text, self.doc
        if not self.routes:
            return

        def route_for(pos: int) -> Route | None:
            if touched:
                before = [(p, r) for p, r in touched if p <= pos]
                if not before:
                    return min(touched, key=lambda x: x[0])[1]
                return max(before, key=lambda x: x[0])[1]
            if FACILITY_RE.search(s.text):
                return None
            return self.salient()

        low = doc.folded[s.start:s.end]
        has_length = any(u in low for u in ("km", "kilom", "quil", "chilom", "mile"))
        has_capacity = any(u in low for u in ("bps", "bit/", "terab", "gigab", "petab", "tbit",
                                              "gbit"))
        has_pairs = any(u in low for u in ("pair", "pare", "coppi", "paar"))
        has_year = bool(YEAR_HINT_RE.search(low)) or any(
            u in low for u in ("spring", "summer", "autumn", "winter", "printemps", "primavera",
                               "fruhjahr", "sommer", "herbst", "this year", "cette annee",
                               "este ano", "este ano", "quest'anno", "diesem jahr", "fin de"))
        for q in (lengths(text, s.start, s.end) if has_length else ()):
            if not self._is_route_length(q, s):
                continue
            route = route_for(q.start)
            if route is not None and ("length" not in route.figures or (
                    _TOTAL_BEFORE_RE.search(text[max(s.start, q.start - 40):q.start])
                    and q.value > route.figures["length"].value)):
                # the first length, or a longer one said to be the whole's ("extensão de
                # 2.992,82 quilómetros ... em águas portuguesas", then "uma extensão total
                # aproximada de 6.870 quilómetros")
                route.figures["length"] = FigureFact("length", q.value, "km", s.evidence)
        for q in (capacities(text, s.start, s.end) if has_capacity else ()):
            route = route_for(q.start)
            if route is not None and "capacity" not in route.figures:
                route.figures["capacity"] = FigureFact("capacity", q.value, "Tbps", s.evidence)
        for q in (fibre_pairs(text, s.start, s.end) if has_pairs else ()):
            route = route_for(q.start)
            if route is not None and "fibre-pairs" not in route.figures:
                route.figures["fibre-pairs"] = FigureFact("fibre-pairs", q.value, "pairs",
                                                          s.evidence)
        for q in (ready_years(text, s.start, s.end, doc.language, doc.year) if has_year
                  else ()):
            route = route_for(q.start)
            if created:
                route = created[0][1]
            if route is not None and "ready-for-service" not in route.figures:
                route.figures["ready-for-service"] = FigureFact("ready-for-service", q.value,
                                                                "year", s.evidence)

    def _is_route_length(self, q, s: Sentence) -> bool:
        """Whether a number of km is the length of a route: a word of length near it, or a
        word for a cable right after it; not a distance off a coast or a depth."""
        text = self.text
        words = re.findall(r"[\w'’-]+", text[max(s.start, q.start - 60):q.start])
        before = fold(" ".join(words[-5:]))
        after = text[q.end:min(s.end, q.end + 30)]
        if re.match(r"\s*(?:vor\b|off\b|from\b|away\b|out\b|into\b|au\s+large|de\s+(?:la\s+)?"
                    r"(?:c[oô]te|costa|distance|profondeur)|da\s+costa|dalla\s+costa|"
                    r"de\s+profundidad|de\s+profundidade|deep\b|tief\b|unter\b|below\b|"
                    r"sous\b|entfernt)", after, re.IGNORECASE):
            return False
        if NOT_LENGTH_RE.search(" ".join(before.split()[-4:])):
            return False
        return bool(LENGTH_CUE_RE.search(before) or re.match(
            r"\s*(?:long|lang|de\s+long|of\s+cable|de\s+cabo|de\s+c[aâ]ble|di\s+cavo|"
            r"de\s+cable|\w*\s*(?:cable|câble|cabo|cavo|kabel|system|sistema|"
            r"système|route|link|network|backhaul|fibre|fiber|trunk|tronco))|\s*(?:\w+\s+){0,2}(?:al|a\s+la|"
            r"du|au|ao|à|the|del|de\s+la)\s+(?:tendido|tramo|tronçon|segment|segmento|trecho|"
            r"tratta)\b", after, re.IGNORECASE))
