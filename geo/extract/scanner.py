"""The spans of a text that may name something, found before any evidence is weighed.

Three passes, each taking the longest name it knows at each word, left to right, among the
words earlier passes left: the catalogue's own names and aliases; capitalised runs holding an
organisation word ("Kenya Power", "Agence Ecofin"); then gazetteer names in many languages
(French "au Cap" read as "le Cap") and country adjectives. A town followed by a US state is
then that state's town (:meth:`Scanner.spans`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from geo.extract.vocabulary import (
    AREA_KINDS,
    CONTRACTIONS,
    NAME_INNER,
    ORG_OPENERS,
    ORG_PREFIXES,
    ORG_SUFFIXES,
    ORG_WORDS,
    PARTICLES,
    RUN_CONNECTORS,
    RUN_SKIP,
    demonyms,
)
from geo.extract.words import (
    SEP_CHARS,
    Layout,
    Words,
    all_capitals,
    is_capitalised,
    name_shaped,
)
from geo.gazetteer import (
    ACRONYMS,
    CatalogueEntry,
    CatalogueNames,
    Gazetteer,
    Place,
    key_prefixes,
    name_key,
    us_states,
)


@dataclass
class Raw:
    """A span found by the scanner, before evidence is weighed."""

    start_token: int
    end_token: int  # exclusive
    start: int
    end: int
    source: str  # "catalogue", "place", "demonym", "org"
    key: str
    catalogue: list[tuple[CatalogueEntry, str]] | None = None
    matches: tuple[tuple[Place, bool], ...] = ()
    demonym: tuple[str, str, str] | None = None
    contraction: str = ""
    note: str = ""
    #: the US state named right after the town ("Atlanta, Georgia"), as written
    state: str = ""


#: ", Georgia" or ", New York" right after a town: a possible US state.
_STATE_AFTER_RE = re.compile(r",[ \t]*([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")


def _claim(found: list[Raw], span: Raw, claimed: list[bool]) -> int:
    """Keep ``span`` and mark its words as taken; the index of the first word after it."""
    found.append(span)
    for k in range(span.start_token, span.end_token):
        claimed[k] = True
    return span.end_token


#: After a one-word name read through a contraction: "de" (or "d'") and a capitalised name,
#: at most one word between ("Port autonome de Dakar").
_OF_A_NAME_AFTER_RE = re.compile(r"\s+(?:(?!(?:et|ou|puis|mais|ni|and|or)\s)[a-zà-ÿ]+\s+)?"
                                 r"(?:de\s+|d['’]\s*|du\s+|des\s+)"
                                 r"(?:la\s+|l['’]\s*)?[A-ZÀ-Ý]")

class Scanner:
    """Finds the spans of a text that may name something, with one gazetteer and one
    catalogue's names.

    Build it once (it indexes the prefixes of every name) and call :meth:`spans` per text;
    answers that depend on a name alone are kept across texts (a text names few distinct
    places, many times over).
    """

    def __init__(self, gazetteer: Gazetteer, catalogue: CatalogueNames):
        self.gazetteer = gazetteer
        self.catalogue = catalogue
        self._demonyms = demonyms()
        self._gaz_prefixes = self.gazetteer.prefixes
        self._cat_prefixes = self.catalogue.prefixes
        self._dem_prefixes = frozenset(key_prefixes(self._demonyms))
        #: keys that some catalogue name continues after a separator ("china" of "china
        #: telecom"): a word that is neither this nor a whole name starts no name
        self._cat_heads = frozenset(p[:q] for p in self._cat_prefixes
                                    for q in range(len(p)) if p[q] in SEP_CHARS)
        self._max_tokens = 8
        self._matches_memo: dict[str, tuple[tuple[Place, bool], ...]] = {}
        self._word_ok_memo: dict[str, bool] = {}

    def spans(self, text: str, tokens: Words, layout: Layout) -> tuple[list[Raw], list[bool]]:
        """``(spans, claimed)``: the spans of ``text`` in order of position, and for each
        word whether a span holds it (the passes after resolution read it)."""
        claimed = [False] * len(tokens)
        raws = self._scan_catalogue(text, tokens, claimed)
        raws += self._org_runs(text, tokens, claimed, layout)
        raws += self._scan(text, tokens, claimed)
        raws.sort(key=lambda r: r.start)
        return self._us_state_towns(text, raws), claimed

    # ---------------------------------------------------------------- scanning

    def _spans_from(self, text: str, tokens: Words, i: int):
        """Yield (end_token_exclusive, key) for spans starting at token i, shortest first,
        while some known name may still begin with the span."""
        key = tokens.key[i]
        j = i
        while True:
            yield j + 1, key
            if j + 1 >= len(tokens) or j + 1 - i >= self._max_tokens:
                return
            sep = tokens.sep[j]
            if sep is None:
                return
            key = key + sep + tokens.key[j + 1]
            if key not in self._gaz_prefixes and key not in self._dem_prefixes:
                return
            j += 1

    def _catalogue_ok(self, text: str, tokens: Words, i: int, j: int,
                      written: str) -> bool:
        surface = text[tokens.start[i]:tokens.end[j - 1]]
        if written[:1].isupper() and not surface[:1].isupper():
            return False
        if j - i == 1 and all_capitals(written):
            return surface == written  # acronyms match in their own case only ("CTG")
        return True

    def matches(self, key: str) -> tuple[tuple[Place, bool], ...]:
        """:meth:`Gazetteer.matches`, remembered."""
        known = self._matches_memo.get(key)
        if known is None:
            known = self._matches_memo[key] = self.gazetteer.matches(key)
        return known

    def _place_ok(self, tokens: Words, i: int, j: int) -> bool:
        if j - i == 1:  # one word: its text decides (its key is a function of it)
            word = tokens.text[i]
            known = self._word_ok_memo.get(word)
            if known is None:
                known = self._word_ok_memo[word] = self._words_ok(tokens, i, j)
            return known
        return self._words_ok(tokens, i, j)

    def _words_ok(self, tokens: Words, i: int, j: int) -> bool:
        words = tokens.text[i:j]
        if j - i == 1 and tokens.key[i] in ACRONYMS and words[0].isupper():
            return True  # "RDC", "UAE": short forms the gazetteer lists on purpose
        if not any(is_capitalised(w) for w in words):
            return False
        if not is_capitalised(words[0]) and tokens.key[i] not in PARTICLES:
            return False
        # an elided article ("L'Aquila", "L'Hospitalet") is one capital letter
        return all(name_shaped(w) or (len(w) == 1 and tokens.key[k] in PARTICLES)
                   for k, w in enumerate(words, i))

    def _scan(self, text: str, tokens: Words, claimed: list[bool]) -> list[Raw]:
        """Gazetteer names and country adjectives among the words not yet claimed: the
        longest that passes the surface checks at each word, left to right."""
        found: list[Raw] = []
        gaz_prefixes, dem_prefixes = self._gaz_prefixes, self._dem_prefixes
        keys = tokens.key
        # A name starts with a capital, a particle ("le Cap") or is an adjective; and it
        # is a known name or goes on into one (a key ending in a letter or digit is cut
        # there in the prefixes), unless "au"/"du" comes before it. Words are sorted out
        # once per distinct word, and only those that may start a name are visited.
        shaped: set[str] = set()
        starts: set[str] = set()
        for word, key in dict(zip(tokens.text, keys, strict=True)).items():
            if (len(word) >= 2 or key in PARTICLES) and (
                    word[0].isupper() or key in PARTICLES or key in dem_prefixes):
                shaped.add(word)
                if key in gaz_prefixes or key in dem_prefixes or not key[-1:].isalnum():
                    starts.add(word)
        candidates = [i for i, word in enumerate(tokens.text) if word in starts
                      or (word in shaped and i and keys[i - 1] in CONTRACTIONS)]
        next_free = 0  # the first word after the last name found
        for i in candidates:
            if i < next_free or claimed[i]:
                continue
            best: Raw | None = None
            for j, key in self._spans_from(text, tokens, i):
                if any(claimed[i:j]):
                    break
                raw = self._interpret(text, tokens, i, j, key)
                if raw is not None:
                    best = raw
            if (best is not None and keys[i] in PARTICLES and i + 1 < len(keys)
                    and not claimed[i + 1]):
                # "le Cap-Vert": "le Cap" is a name, but "Cap-Vert" after it is longer
                for j, key in self._spans_from(text, tokens, i + 1):
                    if any(claimed[i + 1:j]):
                        break
                    raw = self._interpret(text, tokens, i + 1, j, key)
                    if raw is not None and raw.end_token > best.end_token:
                        best = raw
            contraction = self._contraction(text, tokens, i)
            if contraction is not None and (
                best is None or best.end_token <= contraction.end_token
            ):
                best = contraction
            if best is None:
                continue
            next_free = _claim(found, best, claimed)
        return found

    def _interpret(self, text: str, tokens: Words, i: int, j: int,
                   key: str) -> Raw | None:
        start, end = tokens.start[i], tokens.end[j - 1]
        if key in self._demonyms:
            _target, lang, _form = self._demonyms[key]
            capitalised = is_capitalised(tokens.text[i])
            # "Italien" is Italy in German; "italien" is the French adjective.
            named = capitalised and any(p.kind in ("country", *AREA_KINDS) and primary
                                        for p, primary in self.matches(key))
            if (lang == "fr" or capitalised) and not named:
                return Raw(i, j, start, end, "demonym", key, demonym=self._demonyms[key])
        matches = self.matches(key)
        if matches and self._place_ok(tokens, i, j):
            if j - i > 1 and not self._town_case_ok(tokens, i, j, matches):
                return None
            return Raw(i, j, start, end, "place", key, matches=matches)
        return None

    @staticmethod
    def _town_case_ok(tokens: Words, i: int, j: int,
                      matches: tuple[tuple[Place, bool], ...]) -> bool:
        """A town's name of several words is capitalised after its first word but for
        connectors ("Frankfurt am Main"): "El centro" is no El Centro. Countries and areas
        may hold a lower-case adjective ("Africa occidentale", "mer Baltique")."""
        if any(p.kind != "city" for p, _primary in matches):
            return True
        return all(is_capitalised(tokens.text[k]) or tokens.key[k] in NAME_INNER
                   for k in range(i + 1, j))

    def _contraction(self, text: str, tokens: Words, i: int) -> Raw | None:
        """French "au Cap", "du Caire": the name is "le Cap", its article fused into the
        preposition before it; but a one-word name then "de" and a name is a common noun
        naming the thing of that place ("au Port de Dakar", "du Port autonome d'Abidjan":
        no town "Le Port")."""
        if i == 0 or tokens.key[i - 1] not in CONTRACTIONS:
            return None
        if tokens.sep[i - 1] != " ":
            return None
        article = CONTRACTIONS[tokens.key[i - 1]]
        best = None
        key = tokens.key[i]
        for j in range(i + 1, min(len(tokens), i + self._max_tokens) + 1):
            if j > i + 1:
                sep = tokens.sep[j - 2]
                if sep is None:
                    break
                key = key + sep + tokens.key[j - 1]
            full = article + key
            if full not in self._gaz_prefixes:
                break
            matches = self.matches(full)
            if matches and self._place_ok(tokens, i, j) and not (
                    j == i + 1 and _OF_A_NAME_AFTER_RE.match(text, tokens.end[i])):
                surface = text[tokens.start[i]:tokens.end[j - 1]]
                prep = "à" if tokens.key[i - 1].startswith("a") else "de"
                best = Raw(i, j, tokens.start[i], tokens.end[j - 1], "place", full,
                            matches=matches,
                            contraction=f"'{tokens.text[i - 1]} {surface}' read as "
                                        f"'{prep} {article}{surface}'")
        return best

    # ---------------------------------------------------------------- organisations

    def _org_runs(self, text: str, tokens: Words, claimed: list[bool],
                  layout: Layout) -> list[Raw]:
        """Capitalised runs naming an organisation by a suffix ("Kenya Power", "ZTE
        Corporation") or a prefix ("Agence Ecofin", "Telecom Italia").

        Linear in the number of words: where a title-case line cuts a run after its last
        organisation word, the rest of the run is read again from there, so the run's end
        is kept, and the organisation words are found by binary search."""
        out: list[Raw] = []
        n = len(tokens)
        keys = tokens.key
        org_words = [k for k in range(n) if keys[k] in ORG_WORDS]
        suffixes = [k for k in org_words if keys[k] in ORG_SUFFIXES]
        openers = [k for k in org_words if keys[k] in ORG_OPENERS]
        capitalised = {word for word in set(tokens.text) if word[:1].isupper()}
        candidates = [i for i, word in enumerate(tokens.text) if word in capitalised]
        run_from, run_to = -1, -1  # the last run walked: from its first word to its last
        next_free = 0  # the first word after the last run (or name cut from a run)
        for i in candidates:
            if i < next_free or claimed[i]:
                continue
            if run_from < i <= run_to:
                # a capitalised word inside the run just walked is on its walk (only
                # lower-case connectors are stepped over), and words after the ones just
                # claimed are as they were: the walk from here ends where it ended
                j = run_to
            else:
                j = i
                while j + 1 < n and not claimed[j + 1]:
                    sep = text[tokens.end[j]:tokens.start[j + 1]]
                    if sep not in (" ", " & ", "&"):
                        break
                    nxt = tokens.key[j + 1]
                    if nxt in RUN_SKIP:
                        break  # "With", "To", "In" in a headline end a name
                    if tokens.text[j + 1] in capitalised:
                        j += 1
                    elif (nxt in RUN_CONNECTORS and j + 2 < n and not claimed[j + 2]
                          and text[tokens.end[j + 1]:tokens.start[j + 2]] == " "
                          and tokens.text[j + 2] in capitalised):
                        j += 2
                    else:
                        break
                run_from, run_to = i, j
            # drop leading determiners, prepositions and titles ("The", "Selon", "Mr")
            first = i
            while first < j and tokens.key[first] in RUN_SKIP:
                first += 1
            # an organisation word that opens a name starts the run ("... Agence Ecofin")
            k = bisect_left(openers, first + 1)
            if k < len(openers) and openers[k] < j:
                first = openers[k]
            # the first organisation word after the first word, else an opening one
            k = bisect_left(suffixes, first + 1)
            word = tokens.text[suffixes[k]] if k < len(suffixes) and suffixes[k] <= j \
                else None
            if word is None and tokens.key[first] in ORG_PREFIXES:
                word = tokens.text[first]
            if j > first and word is not None and layout.title_line(tokens.start[first]):
                # In a title-case headline every word is capitalised: the name ends at its
                # last organisation word ("MTN Group Signs Deal" is "MTN Group").
                k = bisect_right(suffixes, j) - 1
                last = suffixes[k] if k >= 0 and suffixes[k] >= first else first
                j = max(last, first + 1)
            if j > first and word is not None:
                out.append(Raw(first, j + 1, tokens.start[first], tokens.end[j], "org",
                                " ".join(tokens.key[k] for k in range(first, j + 1)),
                                note=word))
                for k in range(first, j + 1):
                    claimed[k] = True
            next_free = j + 1
        return out

    def _scan_catalogue(self, text: str, tokens: Words,
                        claimed: list[bool]) -> list[Raw]:
        """Catalogue names first, longest first at each word."""
        if not self.catalogue.by_key:
            return []
        found = []
        by_key, prefixes, heads = self.catalogue.by_key, self._cat_prefixes, self._cat_heads
        n = len(tokens)
        # only words that are a catalogue name or begin one can start one
        starts = {key for key in set(tokens.key) if key in by_key or key in heads}
        candidates = [i for i, key in enumerate(tokens.key) if key in starts]
        next_free = 0  # the first word after the last name found
        for i in candidates:
            if i < next_free:
                continue
            best = None
            key = tokens.key[i]
            j = i
            while True:
                entries = by_key.get(key)
                if entries:
                    cat = [(e, w) for e, w in entries
                           if self._catalogue_ok(text, tokens, i, j + 1, w)]
                    if cat:
                        best = Raw(i, j + 1, tokens.start[i], tokens.end[j], "catalogue",
                                    key, catalogue=cat)
                if j + 1 >= n:
                    break
                sep = tokens.sep[j]
                if sep is None:
                    break
                key = key + sep + tokens.key[j + 1]
                if key not in prefixes:
                    break
                j += 1
            if best is None:
                continue
            next_free = _claim(found, best, claimed)
        return found

    def _us_state_towns(self, text: str, raws: list[Raw]) -> list[Raw]:
        """A town followed by a comma and a US state ("Atlanta, Georgia", "Paris, Texas")
        with a town of that name in that state (GeoNames admin1 code) is that town; the
        state is dropped as a mention ("Georgia" is also a country). "Baku, Georgia" has no
        Baku in the state of Georgia and is left alone."""
        states = us_states()
        # state names dropped, as (start, end) offsets: disjoint, and found in order
        dropped: list[tuple[int, int]] = []
        dropped_starts: list[int] = []

        def in_dropped(pos: int) -> bool:
            k = bisect_right(dropped_starts, pos) - 1
            return k >= 0 and pos < dropped[k][1]

        for raw in raws:
            if in_dropped(raw.start):
                continue
            entry = raw.catalogue[0][0] if raw.source == "catalogue" and raw.catalogue \
                else None
            if raw.source != "place" and (entry is None or entry.kind != "city"):
                continue
            m = _STATE_AFTER_RE.match(text, raw.end)
            if m is None:
                continue
            words = m.group(1)
            found = states.get(name_key(words))
            if found is None and " " in words:
                words = words.split(" ")[0]
                found = states.get(name_key(words))
            if found is None:
                continue
            code, state = found
            towns = tuple((p, prim) for p, prim in self.matches(raw.key)
                          if p.kind == "city" and p.country == "US" and p.admin1 == code)
            if entry is not None and entry.country == "US":
                towns = ()   # the catalogue's own US town stays as it is
            elif not towns:
                continue
            if towns:
                raw.source, raw.matches, raw.catalogue, raw.state = "place", towns, None, state
            span = (m.start(1), m.start(1) + len(words))
            k = bisect_right(dropped, span)
            dropped.insert(k, span)
            dropped_starts.insert(k, span[0])
        return [r for r in raws if not in_dropped(r.start)]
