"""Places the extractor leaves that the words around a name make certain
(:func:`more_places`): a place noun before it ("la commune de Plérin"), a preposition of
place and a town of a country the text names ("em Sines"), a country after a company's
name, a list or a hyphenated chain of places it belongs to; islands the gazetteer lists as
countries; German nouns read as towns ("im Bau") dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo.draft.name_runs import Names, Run, place_mention
from geo.draft.name_words import ORG_END_WORDS, is_acronym, is_camel
from geo.draft.vocabulary import fold, word_set
from geo.extract import Mention

#: A noun of a place before its name, in the six languages, and the kind of place it names:
#: "the town of Marshfield", "la commune de Plérin", "el municipio de Torrejón", "a cidade
#: de Itupeva", "il comune di Settimo", "die Gemeinde Kelsterbach", "the state of Odisha".
_PLACE_NOUN_RE = re.compile(
    r"(?<![\w-])(?:(?P<city>town|city|village|municipality|suburb|district|township|"
    r"ville|commune|localité|bourg|quartier|ciudad|municipio|localidad|pueblo|comuna|"
    r"barrio|cidade|município|vila|localidade|bairro|freguesia|città|comune|paese|"
    r"località|frazione|quartiere|Stadt|Gemeinde|Ortschaft|Ort|Stadtteil|Ortsteil)|"
    r"(?P<region>state|province|region|county|canton|prefecture|"
    r"région|province|département|canton|provincia|región|comunidad|departamento|"
    r"estado|província|região|regione|Bundesland|Kanton|Provinz|Region|Landkreis)|"
    r"(?P<island>island|isle|île|isla|ilha|isola|Insel))"
    r"(?:[ \u00a0]+(?:of|de|du|d['’]|di|da|do|del|della|dello)(?=[ \u00a0'’])|"
    r"(?<=[a-zäöü])(?=[ \u00a0][A-ZÄÖÜ]))['’]?[ \u00a0]*(?=[A-ZÀ-Ý])")
#: Plural nouns of places that introduce a list of their names ("las localidades X, Y y Z").
_PLACE_LIST_NOUNS = word_set("""
    towns cities villages municipalities localities communities villes communes localites
    localités ciudades municipios localidades pueblos cidades municipios municípios
    localidades citta città comuni paesi localita località orte gemeinden stadte städte
    regions regiones regioes regiões regioni regionen provinces provincias provincie
    provinzen states estados
""")
_NAME_ARTICLES = word_set("el la los las le les l il lo o a os as the san santa sao")
_REGION_LIST_NOUNS = word_set("""
    regions regiones regioes regiões regioni regionen provinces provincias provincie
    provinzen states estados
""")
_GERMAN_ARTICLES = word_set("""
    der die das den dem des ein eine einen einem einer eines im am zum zur vom beim ins
""")
_LIST_GAP_RE = re.compile(r"(?:\s*,\s*|\s*,?\s+(?:and|et|y|e|und|ou|or|o|as\s+well\s+as)\s+)"
                          r"(?:(?:la|le|les|el|los|las|o|os|a|as|the|il|lo)\s+|l['’]\s*|"
                          r"(?:à|a|en|em|in|à|au|nach|in)\s+)?$")
_CONJUNCTION_RE = re.compile(r"\s(?:and|et|y|e|und|ou|or|o|as\s+well\s+as)\s")
_CHAIN_RE = re.compile(r"[A-ZÀ-Ý][\w’']{0,30}(?:[ \u00a0][A-ZÀ-Ý][\w’']{0,30}){0,2}"
                       r"(?:[-–][A-ZÀ-Ý][\w’']{0,30}(?:[ \u00a0][A-ZÀ-Ý][\w’']{0,30}){0,2})+")
#: A hyphen or dash between a word and a capital: where a chain of places may be.
_CHAIN_JOIN_RE = re.compile(r"(?<=[^\W_])[-–](?=[A-ZÀ-Ý])")
#: Prepositions of place before a town's name, in the six languages.
_LOCATIVES = word_set("""
    in at near à a en em no na nel nella a ad im bei nach aus près pres cerca perto presso
    vicino von
""")


#: Countries a text's language makes likely for a small town no country names: where it is
#: the (or a) national language and the news is local.
HOME_COUNTRIES: dict[str, frozenset[str]] = {
    "de": frozenset({"DE", "AT", "CH"}), "it": frozenset({"IT", "CH", "SM"}),
    "fr": frozenset({"FR", "BE", "CH", "LU", "MC"}), "es": frozenset({"ES"}),
    "pt": frozenset({"PT", "BR"}), "en": frozenset(),
}


class PlaceFinder:
    """Places the extractor leaves that the words around a name make certain: a place noun
    before it, a list or a hyphenated chain of places it belongs to. A name the gazetteer
    places (in a country the text names, when it knows several) gets its position; one it
    does not know is kept as an unresolved town of the text (no position: it draws no
    point). A German article before a one-word town makes it a noun ("im Bau")."""

    def __init__(self, names: Names, gazetteer) -> None:
        self.names = names
        self.text = names.text
        self.gazetteer = gazetteer
        self.countries = {m.country for m in names.places if m.country}
        self.taken = {(m.start, m.end) for m in names.places}

    def find(self) -> tuple[list[Mention], set[tuple[int, int]]]:
        """The places to add, and the ``(start, end)`` of mentions to drop."""
        add: list[Mention] = []
        drop: set[tuple[int, int]] = set()
        if self.names.language == "de":
            drop |= self._german_nouns()
        for m in self.names.places:  # "Mayotte", "Santa Helena": islands, not countries
            if m.kind == "country" and m.country in _ISLAND_TERRITORIES:
                drop.add((m.start, m.end))
                add.append(replace(m, kind="island"))
        self._after_nouns(add, drop)
        self._after_locatives(add, drop)
        self._after_companies(add)
        self._lists(add, drop)
        self._chains(add, drop)
        return add, drop

    # ------------------------------------------------------------------ look-ups

    def _resolve(self, surface: str, kind: str, small: bool, countries: set[str] | None = None
                 ):
        """The gazetteer's place of that name and kind (a town of a country the text names
        before any other), or ``None``."""
        countries = countries if countries is not None else self.countries
        from geo.text import name_key

        try:
            found = [p for p, primary in self.gazetteer.matches(name_key(surface))
                     if (p.kind == kind or (kind == "region" and p.kind == "island"))
                     and (primary or (p.population >= 100_000 and kind != "city"))]
        except (AttributeError, KeyError, ValueError):
            return None
        inside = [p for p in found if p.country in countries]
        if inside:
            return inside[0]
        if kind == "city" and small:
            from geo.gazetteer import small_towns

            towns = [p for p in small_towns().get(name_key(surface), ())
                     if p.country in countries]
            if towns:
                return towns[0]
        if found and not countries and (found[0].kind != "city"
                                        or found[0].population >= 100_000):
            return found[0]
        return None

    def _name_at(self, pos: int) -> Run | None:
        """The capitalised run starting at ``pos``, cut before a comma-free tail of
        lower-case words."""
        run = self.names.run_starting.get(pos)
        if run is None:
            around = self.names.run_around(pos, pos + 1)
            k = self.names.token_index(pos)
            if around is None or k > around.last or self.names.tokens[k].start != pos:
                return None
            run = self.names.sub_run(around, k, around.last)  # "Gemeinde Kelsterbach"
        return None if run.title else run

    def _new(self, run_start: int, run_end: int, kind: str, small: bool, why: str,
             add: list[Mention], drop: set, countries: set[str] | None = None) -> None:
        surface = self.text[run_start:run_end]
        if (run_start, run_end) in self.taken or not surface[:1].isupper():
            return
        toks = self.names.tokens_between(run_start, run_end)
        if not toks or is_acronym(toks[0].text) or any(c.isdigit() for c in toks[0].text) or (
                toks[0].folded in self.names.all_function and (
                    len(toks) == 1 or toks[0].folded not in _NAME_ARTICLES)):
            return  # "El Puesto", "La Puntilla" begin with an article; "The" alone is none
        place = self._resolve(surface, kind, small, countries)
        if place is not None:
            mention = place_mention(place, surface, run_start, run_end, why)
        else:
            mention = Mention(surface, run_start, run_end, kind, None, None, None, None,
                              f"{why}; the gazetteer does not place {surface!r}")
        for m in self.names.places_between(run_start, run_end):
            if m.end <= run_end:
                drop.add((m.start, m.end))  # "Banda" of "Banda de Lucero"
        self.taken.add((run_start, run_end))
        add.append(mention)

    # ------------------------------------------------------------------ rules

    def _german_nouns(self) -> set[tuple[int, int]]:
        out = set()
        for m in self.names.places:
            if m.kind != "city" or " " in m.text or "-" in m.text:
                continue
            before = self.names.words_before(m.start, 3)
            for k in range(len(before) - 1, -1, -1):
                t = before[k]
                if t.folded in _GERMAN_ARTICLES:
                    out.add((m.start, m.end))  # "im Bau", "mit dem neuen Namen"
                    break
                if not (t.text.islower() and t.text.isalpha()) or t.folded in ("in", "nach"):
                    break
        return out

    def _after_nouns(self, add: list[Mention], drop: set) -> None:
        text = self.text
        for m in _PLACE_NOUN_RE.finditer(text):
            noun = m.group("city") or m.group("region") or m.group("island")
            if self.names.language != "de" and noun[:1].isupper() and noun.lower() not in (
                    "state", "province", "region", "county", "canton"):
                continue  # "Ville de Paris" as a body, a German noun elsewhere
            if self.names.language == "de" and not noun[:1].isupper():
                continue
            run = self._name_at(m.end())
            if run is None:
                continue
            kind = "city" if m.group("city") else "region" if m.group("region") else "island"
            start = run.start
            if noun[:1].isupper() and kind == "region" and self.names.language != "de":
                start = m.start()  # "the State of Yap": the noun is part of the name
            end = self._place_end(run)
            if end <= run.start:
                continue
            self._new(start, end, kind, True, f"a {kind} after {noun!r}", add, drop)

    def _country_and_town(self, parts, add: list[Mention], drop: set) -> bool:
        """A country joined to a town of its own ("Guinée-Conakry"): the country, named
        by its capital to tell it from another."""
        (a, b), (c, d) = parts
        country = _exact(self.names, a, b)
        if country is None or country.kind != "country" or not country.country:
            return False
        town = _exact(self.names, c, d)
        if town is None:
            place = self._resolve(self.text[c:d], "city", False, {country.country})
        else:
            place = town if town.country == country.country else None
        if place is None or getattr(place, "kind", "city") != "city":
            return False
        drop.add((a, b))
        if town is not None:
            drop.add((c, d))
        self.taken.add((a, d))
        add.append(Mention(self.text[a:d], a, d, "country", country.id, country.name,
                           country.lon, country.lat, "a country joined to one of its towns",
                           entity=country.entity, place=country.place,
                           country=country.country))
        return True

    def _after_companies(self, add: list[Mention]) -> None:
        """"Huawei Marine Networks of China": the country after a company's name."""
        names = self.names
        for run in names.runs:
            if run.title or run.last - run.first < 2:
                continue
            toks = names.tokens
            for k in range(run.first + 1, run.last):
                if toks[k].folded in ("of", "de", "du", "da", "do", "di") and \
                        toks[k - 1].folded in ORG_END_WORDS:
                    m = names.country_at(toks[k + 1].start, run.end)
                    if m is not None and (m.start, m.end) not in self.taken:
                        self.taken.add((m.start, m.end))
                        add.append(m)
                    break

    def _after_locatives(self, add: list[Mention], drop: set) -> None:
        """"em Sines", "in Schwechat", "In Heiligenhaus ist ...": a town too small for the
        extractor to take on its name alone, after a preposition of place, of a country the
        text names or, when it names none of the town's, of a country whose language the
        text is in (:data:`HOME_COUNTRIES`: a German text's "in Heiligenhaus")."""
        names = self.names
        home = HOME_COUNTRIES.get(names.language, frozenset())
        if not self.countries and not home:
            return
        from geo.gazetteer import small_towns
        from geo.text import name_key

        for run in names.runs:
            if run.title or run.last - run.first > 3 or run.places:
                continue
            first = run.first
            toks = names.tokens
            if run.initial:
                # the preposition opens the sentence: "In Heiligenhaus", "A Melegnano"
                if run.last == first or toks[first].folded not in _LOCATIVES:
                    continue
                first += 1
                prep = toks[run.first]
            else:
                before = names.words_before(run.start, 1, run.sentence.start)
                if not before or before[0].folded not in _LOCATIVES or \
                        self.text[before[0].end:run.start] != " ":
                    continue
                prep = before[0]
            if run.last - first > 2:
                continue
            words = toks[first:run.last + 1]
            if any(t.folded in names.lower_words or t.folded in names.all_function
                   or is_acronym(t.text) or is_camel(t.text) for t in words):
                continue
            start, end = words[0].start, words[-1].end
            surface = self.text[start:end]
            key = name_key(surface)
            found = list(small_towns().get(key, ()))
            if self.gazetteer is not None:
                found += [p for p, primary in self.gazetteer.matches(key)
                          if primary and p.kind == "city"]
            # a country the text names first; the language's only when it names none of
            # the town's
            towns = [p for p in found if p.country in self.countries] or [
                p for p in found if p.country in home]
            if towns and (start, end) not in self.taken:
                self.taken.add((start, end))
                add.append(place_mention(towns[0], surface, start, end,
                                         f"a town of {towns[0].country} after "
                                         f"{prep.text!r}"))

    def _place_end(self, run: Run) -> int:
        """Where a place's name in a run ends: before a word that starts another name
        after a connector ("Marshfield" of "Marshfield Data")."""
        return run.end

    def _lists(self, add: list[Mention], drop: set) -> None:
        names, text = self.names, self.text
        by_sentence: dict[int, list[Run]] = {}
        for run in names.runs:
            if not run.title:
                by_sentence.setdefault(run.sentence.index, []).append(run)
        for runs in by_sentence.values():
            i = 0
            while i < len(runs):
                group = [runs[i]]
                closed = False  # "A, B and C": the list ends with the member after "and"
                while not closed and len(group) < 12 and i + len(group) < len(runs):
                    nxt = runs[i + len(group)]
                    gap = text[group[-1].end:nxt.start]
                    if len(gap) > 16 or not _LIST_GAP_RE.match(gap):
                        break
                    closed = bool(_CONJUNCTION_RE.search(gap))
                    group.append(nxt)
                i += len(group)
                if len(group) >= 2 and closed:
                    self._list(group, add, drop)

    def _list(self, group: list[Run], add: list[Mention], drop: set) -> None:
        """A list of towns: a member the gazetteer places (a small town of a country the
        text names too) or that a place noun introduces ("las localidades X, Y y Z") is
        a town when the list holds two towns more (one in "entre X y Y")."""
        names, text = self.names, self.text
        status: list[tuple[Run, Mention | None, object]] = []  # run, mention, place
        for run in group:
            m = names.place_at(run.start, run.end)
            if m is not None and m.start == run.start and m.end == run.end and m.kind in (
                    "city", "region", "country", "island"):
                status.append((run, m, None))
                continue
            toks = names.tokens[run.first:run.last + 1]
            if len(toks) > 4 or any(is_acronym(t.text) or is_camel(t.text) for t in toks) \
                    or toks[-1].folded in ORG_END_WORDS or (
                        len(toks) == 1 and toks[0].folded in names.all_function):
                return  # a company or an acronym in the list: no list of towns
            town = self._resolve(run.text, "city", True) if self.countries else None
            status.append((run, None, town))
        kinds = {m.kind for _r, m, _p in status if m is not None}
        if kinds - {"city"}:
            return  # a list of countries or regions may hold anything
        words = re.findall(r"[\w'’]+", fold(text[max(group[0].sentence.start,
                                                       group[0].start - 40):group[0].start]))
        intro = bool(words) and (words[-1] in _PLACE_LIST_NOUNS or (
            len(words) > 1 and words[-2] in _PLACE_LIST_NOUNS))
        kind = "region" if intro and (words[-1] in _REGION_LIST_NOUNS or (
            len(words) > 1 and words[-2] in _REGION_LIST_NOUNS)) else "city"
        between = len(group) == 2 and bool(words) and words[-1] in (
            "entre", "between", "tra", "fra", "zwischen")
        placed = sum(1 for _r, m, p in status if m is not None or p is not None)
        countries = {x.country for _r, x, _p in status if x is not None and x.country}
        for run, m, town in status:
            if m is not None:
                continue
            others = placed - (1 if town is not None else 0)
            # a town the gazetteer confirms needs one more; an unknown name two ("between
            # Telin and Dili" may name a party)
            needed = 1 if town is not None else 2
            if intro or (between and town is not None) or others >= needed:
                self._new(run.start, run.end, kind, True, f"a {kind} in a list of places",
                          add, drop, countries | self.countries)

    def _chains(self, add: list[Mention], drop: set) -> None:
        names, text = self.names, self.text
        windows: list[list[int]] = []
        for j in _CHAIN_JOIN_RE.finditer(text):  # read only around the hyphens
            if windows and j.start() - windows[-1][1] < 40:
                windows[-1][1] = j.start()
            else:
                windows.append([j.start(), j.start()])
        chains = []
        for lo, hi in windows:
            a = max(0, lo - 100)
            for m in _CHAIN_RE.finditer(text, a, min(len(text), hi + 100)):
                if m.start() <= hi and m.end() > lo:
                    chains.append(m)
        for m in chains:
            if text[m.end():m.end() + 1] in ("-", "–") or text[m.start() - 1:m.start()] in (
                    "-", "–"):
                continue
            parts = [(p.start() + m.start(), p.end() + m.start())
                     for p in re.finditer(r"[^-–]+", m.group())]
            if len(parts) < 2:
                continue
            whole = names.place_at(m.start(), m.end())
            if whole is not None and whole.start <= m.start() and whole.end >= m.end() and \
                    len(parts) < 3:
                continue  # "Guinée-Bissau", "Roma-Fiumicino": one place
            if len(parts) == 2 and self._country_and_town(parts, add, drop):
                continue  # "Guinée-Conakry", "Congo-Brazzaville": one country
            known = {}
            for a, b in parts:
                p = names.place_at(a, b)
                if p is not None and p.start == a and p.end == b and p.kind == "city":
                    known[(a, b)] = p
            joined = [p for p in names.places_between(m.start(), m.end())
                      if p.end <= m.end() and ("-" in p.text or "–" in p.text)]
            if len(parts) >= 3:
                for p in joined:  # "Teresina-Juazeiro-Petrolina": a chain of towns
                    for a, b in parts:
                        if p.start <= a and b <= p.end:
                            place = self._resolve(text[a:b], "city", False, {p.country})
                            if place is not None:
                                drop.add((p.start, p.end))
                                known[(a, b)] = place
                                self.taken.add((a, b))
                                add.append(place_mention(place, text[a:b], a, b,
                                                       "a town in a chain of towns"))
            if not known:
                continue
            countries = {p.country for p in known.values() if p.country}
            for a, b in parts:
                if (a, b) in known or any(p.start < b and a < p.end for p in
                                          names.places_between(a - 40, b)
                                          if p.end > a and (p.start, p.end) not in drop):
                    continue
                place = self._resolve(text[a:b], "city", True, countries)
                if place is not None:
                    self.taken.add((a, b))
                    add.append(place_mention(place, text[a:b], a, b,
                                           "a town in a chain of towns"))


#: ISO 3166-1 codes of single islands that are no sovereign countries (overseas
#: departments and territories, crown dependencies): the gazetteer lists them as
#: countries, the news as islands ("Mayotte", "La Réunion", "Santa Helena", "Guam");
#: archipelagos ("Polynésie française", "Nouvelle-Calédonie") stay areas.
_ISLAND_TERRITORIES = word_set("""
    YT RE GP MQ BL MF SH AW CW SX PR GU IM JE GG NU NF CX AI MS
""")


def _exact(names: Names, a: int, b: int) -> Mention | None:
    m = names.place_at(a, b)
    return m if m is not None and m.start == a and m.end == b else None


def more_places(names: Names, gazetteer) -> None:
    """Add to ``names`` the places :class:`PlaceFinder` finds (and drop the mentions it
    reads as words of another kind)."""
    if gazetteer is None:
        return
    names.gazetteer = gazetteer
    add, drop = PlaceFinder(names, gazetteer).find()
    if add or drop:
        names.set_places([m for m in names.places if (m.start, m.end) not in drop] + add)
