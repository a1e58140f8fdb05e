"""Find the places and organisations a text mentions: :class:`Extractor` weighs the spans
the scanner finds and resolves each to a :class:`Mention`.

:func:`extract_mentions` reads a text in three passes (:mod:`geo.extract.scanner`), each
taking the longest name it knows at each word, left to right, among the words earlier passes
left: the catalogue's own names and aliases (organisations, sites, routes, corridors,
cities, countries); capitalised runs holding an organisation word ("Kenya Power", "Agence
Ecofin"); then country, region and city names from :mod:`geo.gazetteer` in many languages
(French "au Cap" read as "le Cap") and country adjectives ("zimbabwéen", "sud-africain",
"Italian"). Each :class:`Mention` keeps the exact surface text and its character offsets
into the original text (``text[start:end] == mention.text``), the kind, the resolved entity
or place (id, canonical name, WGS84 lon/lat in degrees) and the reason it was chosen.

Rules that keep it honest on real news:

* **case**: a place name must be capitalised as a name ("mobile internet" holds no Mobile,
  Alabama); all-capital words of four letters or fewer are acronyms, not places (ICT, PoP).
* **common words**: a single word on :data:`COMMON_WORDS` ("Of", "Digital", "Global",
  "Mobile"...) is never a bare town, nor is a word the same text also uses in lower case.
* **longest match wins**: "Democratic Republic of the Congo" is one mention, not two;
  "China Telecom Global" (a catalogue organisation, or a capitalised name ending in
  "Telecom") hides the country China.
* **weak names**: a bare one-word city needs :data:`MIN_BARE_POPULATION` inhabitants, or its
  country named in the text; at the start of a sentence or in a title-case line it needs
  :data:`MIN_INITIAL_POPULATION`; a GeoNames alternate name (not the town's own name)
  counts only for towns of 100,000 or more.
* **ambiguity**: among towns of one name, a country named right after it ("Valencia,
  Spain"), else in the same paragraph, else in the text decides (countries of catalogue
  entities and of towns already resolved count too), unless that town is
  :data:`OUTWEIGH` times smaller than the most populous of the name; failing that the most
  populous wins only when :data:`DOMINANCE` times as large as the next; otherwise the
  mention is kept with ``id = None`` and a reason that says why.
* **areas**: sub-national regions, islands and seas ("Hessen", "Creta", "Ostsee") are
  mentions of kind ``region``, ``island`` or ``sea``; a region or island of one country is
  evidence for that country. An island or sea yields to a town of 100,000 or more of that
  own name; a first-level subdivision (``region:iso-...``) to a town of its own country of
  that own name ("Faro" is the town, not its district).
* **small towns**: a town of 5,000 to 14,999 people counts only with its country written
  right after it ("Sines, em Portugal", "Lurín (Perú)"); a town named in full also stands
  behind the words before its first connector ("Conil" for "Conil de la Frontera").
* **names inside names**: lower-case words inside a town's name are connectors only ("El
  centro" is no El Centro); a town joined by "do", "della"... to a word that is no place is
  part of a longer name ("Praia do Futuro"); two towns of one country hyphenated together
  within :data:`NEIGHBOURS_M` are one place ("Roma-Fiumicino"), farther ones a segment
  ("Marseille-Bizerte", each a mention). Elided articles begin names ("L'Aquila").
* **US states**: a town followed by a US state ("Atlanta, Georgia", "Paris, Texas") is that
  state's town, whatever the catalogue or population says, and the state is no mention of
  its own (Georgia the country is not named there).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from geo.extract.mention import Mention
from geo.extract.scanner import Raw, Scanner
from geo.extract.towns import add_short_forms, add_small_towns, join_neighbours
from geo.extract.vocabulary import (
    AREA_KINDS,
    COMMON_WORDS,
    GIVEN_NAMES,
    NAME_LINKS,
    NOUN_ARTICLES,
    PLACE_NOUNS,
    RUN_SKIP,
)
from geo.extract.words import (
    Layout,
    Words,
    is_capitalised,
    name_shaped,
    sentence_initial,
)
from geo.gazetteer import (
    MIN_ALTERNATE_POPULATION,
    SUBDIVISION_ID_PREFIX,
    CatalogueNames,
    Gazetteer,
    Place,
    default_gazetteer,
    name_key,
)

if TYPE_CHECKING:
    from geo.catalog import Catalog


#: A bare one-word city name needs this many inhabitants (else its country named nearby).
MIN_BARE_POPULATION = 50_000
#: ... and this many at the start of a sentence or in a title-case line.
MIN_INITIAL_POPULATION = 1_000_000
#: The most populous of several same-named towns wins when this many times the next.
DOMINANCE = 10
#: A country named nearby (not right after the name) does not pick a town this many times
#: smaller than the most populous of the name: Paris is Paris, France, whoever is named.
OUTWEIGH = 20


class _Evidence:
    """The countries a text names, as ``(offset, ISO code, what says so)`` entries, sorted
    and indexed by country, so that "the first words naming this country between these
    offsets" costs a binary search rather than a pass over every entry. Entries given as
    ``towns`` can be left out at one offset (a town is no evidence for itself)."""

    def __init__(self, countries: Iterable[tuple[int, str, str]],
                 towns: Iterable[tuple[int, str, str]] = ()):
        entries = sorted([(off, iso, said, False) for off, iso, said in countries]
                         + [(off, iso, said, True) for off, iso, said in towns])
        self.entries = entries
        self.offsets = [e[0] for e in entries]
        self._by_iso: dict[str, tuple[list[int], list[tuple[int, str, bool]]]] = {}
        for off, iso, said, town in entries:
            offsets, items = self._by_iso.setdefault(iso, ([], []))
            offsets.append(off)
            items.append((off, said, town))
        #: every country named (by any entry)
        self.isos = self._by_iso.keys()

    def between(self, lo: int, hi: int) -> list[tuple[int, str, str, bool]]:
        """Entries ``(offset, iso, said, is_town)`` with ``lo <= offset <= hi``, in order."""
        return self.entries[bisect_left(self.offsets, lo):bisect_right(self.offsets, hi)]

    def first(self, iso: str | None, lo: int, hi: int, skip: int | None) -> str | None:
        """What first names ``iso`` at an offset in ``[lo, hi)`` (no town at ``skip``)."""
        found = self._by_iso.get(iso) if iso else None
        if found is None:
            return None
        offsets, items = found
        k = bisect_left(offsets, lo)
        while k < len(offsets) and offsets[k] < hi:
            off, said, town = items[k]
            if not (town and off == skip):
                return said
            k += 1
        return None


class _Scope:
    """The countries named between two offsets, as a read-only look-up: ISO code -> the
    first words that name it (see :meth:`_Evidence.first`)."""

    __slots__ = ("evidence", "hi", "lo", "skip")

    def __init__(self, evidence: _Evidence, lo: int, hi: int, skip: int | None):
        self.evidence, self.lo, self.hi, self.skip = evidence, lo, hi, skip

    def get(self, iso: str | None) -> str | None:
        return self.evidence.first(iso, self.lo, self.hi, self.skip)


class Extractor:
    """Extract mentions with one gazetteer and (optionally) one catalogue's names.

    Build it once and call :meth:`extract` per text; building indexes the catalogue.
    """

    def __init__(self, catalog: Catalog | None = None, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or default_gazetteer()
        self.catalogue = (CatalogueNames.from_catalog(catalog, self.gazetteer)
                          if catalog is not None else CatalogueNames.empty())
        self._scanner = Scanner(self.gazetteer, self.catalogue)
        # answers that depend on a name alone, kept across texts (a text names few
        # distinct places, many times over)
        self._candidate_memo: dict[tuple[str, str], tuple] = {}
        self._listing_memo: dict[tuple, str] = {}
        self._place_word_memo: dict[str, bool] = {}

    # ---------------------------------------------------------------- resolution

    def extract(self, text: str) -> list[Mention]:
        """Every mention in ``text``, in order of position.

        Time and memory grow linearly with the length of the text (whatever the length
        of its lines or paragraphs and however many mentions it holds): every question
        about a mention's line, paragraph or nearby countries is a look-up in indexes
        built once per text."""
        tokens = Words(text)
        layout = Layout(text, tokens)
        raws, claimed = self._scanner.spans(text, tokens, layout)

        lowered = {word for word in set(tokens.text) if word.islower()}
        countries = self._country_evidence(text, tokens, raws)
        evidence = _Evidence(countries)
        for raw in raws:
            self._recheck_catalogue_town(text, raw, evidence)
        first = [self._resolve(text, tokens, raw, evidence, lowered, layout)
                 for raw in raws]
        # Towns resolved on their own are evidence too: Johannesburg names South Africa
        # for "au Cap". A second pass weighs them (never a mention's own country).
        towns = [(m.start, m.country, f"{m.text} ({self._country_name(m.country)})")
                 for m in first
                 if m is not None and m.kind == "city" and m.country and m.id]
        if not towns:
            return join_neighbours(text, add_small_towns(
                text, tokens, claimed, add_short_forms(
                    text, tokens, claimed, [m for m in first if m is not None],
                    self.gazetteer)))
        with_towns = _Evidence(countries, towns)
        out: list[Mention] = []
        for raw, mention in zip(raws, first, strict=True):
            if raw.source == "place" and (
                mention is None or mention.id is None or mention.reason.startswith("most")
            ):
                # every country and town named, but not this town itself
                mention = self._resolve(text, tokens, raw, with_towns, lowered, layout,
                                        skip=raw.start)
            if mention is not None:
                out.append(mention)
        return join_neighbours(text, add_small_towns(
            text, tokens, claimed, add_short_forms(text, tokens, claimed, out,
                                                   self.gazetteer)))

    def _recheck_catalogue_town(self, text: str, raw: Raw, evidence: _Evidence) -> None:
        """A catalogue town followed by another country ("London, Canada" when the
        catalogue's London is in England) is left to the gazetteer to resolve."""
        if raw.source != "catalogue" or not raw.catalogue:
            return
        entry = raw.catalogue[0][0]
        if entry.kind != "city" or not self._scanner.matches(raw.key):
            return
        for off, iso, _said, _town in evidence.between(raw.end, raw.end + 3):
            if text[raw.end:off] in (", ", " (", ",") and iso != entry.country:
                raw.source = "place"
                raw.matches = self._scanner.matches(raw.key)
                raw.catalogue = None
                return

    def _country_evidence(self, text: str, tokens: Words,
                          raws: list[Raw]) -> list[tuple[int, str, str]]:
        """(offset, ISO code, what says so) for every country the text names: country
        names, country adjectives, and catalogue entities located in a country."""
        out: list[tuple[int, str, str]] = []
        for raw in raws:
            surface = text[raw.start:raw.end]
            if raw.source == "catalogue" and raw.catalogue:
                country = raw.catalogue[0][0].country
                if country:
                    out.append((raw.start, country,
                                f"{surface} (catalogue: {self._country_name(country)})"))
            elif raw.source == "demonym" and raw.demonym and len(raw.demonym[0]) == 2:
                out.append((raw.start, raw.demonym[0], surface))
            elif raw.source == "place":
                for place, primary in raw.matches:
                    if place.kind == "country" and primary and place.country:
                        out.append((raw.start, place.country, surface))
                        break
                else:
                    # a region or island of one country ("Hessen", "Sicilia") names it,
                    # unless a province that yields to a town of that name (_candidates)
                    region = self._candidates(raw)[1]
                    for place, primary in raw.matches:
                        if place.kind in AREA_KINDS and primary and place.country and not (
                                place.id.startswith(SUBDIVISION_ID_PREFIX)
                                and (region is None or region[0] != place)):
                            out.append((raw.start, place.country,
                                        f"{surface} ({self._country_name(place.country)})"))
                            break
        return out

    def _resolve(self, text: str, tokens: Words, raw: Raw, evidence: _Evidence,
                 lowered: set[str], layout: Layout, skip: int | None = None,
                 ) -> Mention | None:
        """The mention ``raw`` stands for, weighing the countries in ``evidence`` (but no
        town at offset ``skip``); ``None`` when it is no mention after all."""
        surface = text[raw.start:raw.end]
        if raw.source == "catalogue":
            return self._from_catalogue(raw, surface)
        if raw.source == "org":
            return Mention(surface, raw.start, raw.end, "organisation", None, None, None,
                           None, f"a capitalised name with the organisation word "
                           f"{raw.note!r}; not in the catalogue")
        if raw.source == "demonym":
            return self._from_demonym(raw, surface)
        return self._from_places(text, tokens, raw, surface, evidence, lowered, layout, skip)

    def _from_catalogue(self, raw: Raw, surface: str) -> Mention:
        assert raw.catalogue
        entries = {e.id: (e, w) for e, w in raw.catalogue}
        entry, written = next(iter(entries.values()))
        reason = f"catalogue {entry.kind} {entry.id!r}: name or alias {written!r}"
        if len(entries) > 1:
            others = ", ".join(sorted(entries)[1:])
            reason += f" (also an alias of {others})"
        return Mention(surface, raw.start, raw.end, entry.kind, entry.id, entry.name,
                       entry.lon, entry.lat, reason, entity=entry.id, place=entry.place,
                       country=entry.country)

    def _with_catalogue(self, place: Place, surface: str, raw: Raw, kind: str,
                        reason: str) -> Mention:
        entry = self.catalogue.by_place.get(place.id)
        if entry is not None:
            reason += f"; catalogue {entry.kind} {entry.id!r}"
            return Mention(surface, raw.start, raw.end, kind, entry.id, entry.name,
                           entry.lon, entry.lat, reason, entity=entry.id, place=place.id,
                           country=place.country)
        return Mention(surface, raw.start, raw.end, kind, place.id, place.name, place.lon,
                       place.lat, reason + "; not in the catalogue", place=place.id,
                       country=place.country)

    def _from_demonym(self, raw: Raw, surface: str) -> Mention | None:
        assert raw.demonym
        target, lang, form = raw.demonym
        place = (self.gazetteer.country(target) if len(target) == 2
                 else self.gazetteer.get(target))
        if place is None:
            return None
        language = "French" if lang == "fr" else "English"
        reason = f"{language} adjective {form!r} of {place.name}"
        return self._with_catalogue(place, surface, raw, place.kind, reason)

    def _from_places(self, text: str, tokens: Words, raw: Raw, surface: str,
                     evidence: _Evidence, lowered: set[str], layout: Layout,
                     skip: int | None) -> Mention | None:
        if self._glued_to_word(text, tokens, raw):
            return None
        via = f" ({raw.contraction})" if raw.contraction else ""
        single = raw.end_token - raw.start_token == 1 and not raw.contraction
        country_match, region_match, places, isos = self._candidates(raw)
        if country_match:
            place, primary = country_match
            if (single and raw.key in GIVEN_NAMES
                    and self._followed_by_name(text, tokens, raw)):
                return None
            how = "name" if primary else "other name"
            return self._with_catalogue(place, surface, raw, "country",
                                        f"country {how} {surface!r}{via}")
        if region_match and single and region_match[0].id.startswith(
                SUBDIVISION_ID_PREFIX) and (
                tokens.key[raw.start_token] in COMMON_WORDS
                or tokens.text[raw.start_token].lower() in lowered
                or self._inside_name(text, tokens, raw)):
            region_match = None  # a province's one-word name as a word ("Para 2024") or
            # inside a name ("Julio César", "Puerto Falcón"): as a town's would be
        if region_match:
            place, _primary = region_match
            what = {"sea": "sea or strait"}.get(place.kind, place.kind)
            return self._with_catalogue(place, surface, raw, place.kind,
                                        f"{what} name {surface!r}{via}")

        # cities
        word = tokens.key[raw.start_token]
        initial = sentence_initial(text, raw.start) or layout.title_line(raw.start)
        if not places:
            return None
        if raw.state:
            top = places[0]
            return self._with_catalogue(top, surface, raw, "city",
                                        f"city {surface!r} followed by the US state "
                                        f"{raw.state!r}: {top.name}, {top.admin1}, US")
        if single:
            if word in COMMON_WORDS:
                return None
            if tokens.text[raw.start_token].lower() in lowered:
                return None  # the text uses the word in lower case: an ordinary word
            if self._inside_name(text, tokens, raw):
                return None
        # 1. a country named right after it, in the same paragraph, else anywhere in the
        # text (none of the three when the text names none of the towns' countries)
        named_somewhere = any(iso in evidence.isos for iso in isos)
        by_country = self._countries_near(raw.start, raw.end, text, evidence, layout,
                                          skip) if named_somewhere else []
        for scope, named in by_country:
            said_of = {iso: said for iso in isos if (said := named.get(iso)) is not None}
            if not said_of:
                continue
            supported = [p for p in places if p.country in said_of]
            top = supported[0]
            said = said_of[top.country]
            if scope != "right after it" and places[0].population > OUTWEIGH * top.population:
                break  # "Paris" with the United States named nearby is still Paris, France
            if len(supported) > 1 and supported[1].population * DOMINANCE > top.population:
                return self._unresolved(surface, raw, supported,
                                        f"{said} named {scope}")
            country = self._country_name(top.country)
            return self._with_catalogue(top, surface, raw, "city",
                                        f"city {surface!r}{via} in {country}: {said} "
                                        f"named {scope}")
        # 2. no country evidence: population must speak
        top = places[0]
        floor = MIN_INITIAL_POPULATION if initial else MIN_BARE_POPULATION
        if single and top.population < floor:
            return None
        others = [p for p in places[1:] if p.id != top.id]
        if others and others[0].population * DOMINANCE > top.population:
            return self._unresolved(surface, raw, places, "no country of theirs named")
        if others:
            why = (f"most populous of {len(places)} places named {surface!r}{via} "
                   f"({top.population:,} vs {others[0].population:,} in "
                   f"{others[0].country})")
        else:
            why = f"the only city named {surface!r}{via} (population {top.population:,})"
        return self._with_catalogue(top, surface, raw, "city", why)

    def _candidates(self, raw: Raw) -> tuple[tuple[Place, bool] | None,
                                              tuple[Place, bool] | None,
                                              list[Place], list[str | None]]:
        """What a place name's matches come to, worked out once per name (the matches
        of a "place" span depend on its key alone, or with a US state on the state):
        the first country and region matched, the towns that may be meant (most
        populous first) and their countries (each once, in order)."""
        memo = (raw.key, raw.state)
        known = self._candidate_memo.get(memo)
        if known is not None:
            return known
        matches = raw.matches
        country_match = next(((p, prim) for p, prim in matches if p.kind == "country"),
                             None)
        region_match = next(((p, prim) for p, prim in matches if p.kind in AREA_KINDS),
                            None)
        if region_match is not None and region_match[0].kind != "region" and any(
                p.kind == "city" and prim and p.population >= MIN_ALTERNATE_POPULATION
                for p, prim in matches):
            region_match = None  # an island or a sea that is also a large town's own name
        elif region_match is not None and region_match[0].id.startswith(
                SUBDIVISION_ID_PREFIX) and any(
                p.kind == "city" and prim and p.country == region_match[0].country
                for p, prim in matches):
            region_match = None  # a province named like one of its country's towns ("Faro")
        cands: list[tuple[Place, bool]] = []
        for place, primary in matches:
            if place.kind != "city":
                continue
            if not primary and not self._alternate_ok(raw.key, place):
                continue
            cands.append((place, primary))
        # a town known by the name only as an alternate (Mashhad, once "Alexandria") does
        # not compete with one whose own name it is unless DOMINANCE times as populous, as
        # in Gazetteer.lookup
        own = [p for p, primary in cands if primary]
        if own:
            cands = [(p, primary) for p, primary in cands
                     if primary or p.population >= DOMINANCE * own[0].population]
        places = [p for p, _ in cands]
        isos = list(dict.fromkeys(p.country for p in places))
        known = self._candidate_memo[memo] = (country_match, region_match, places, isos)
        return known

    @staticmethod
    def _alternate_ok(key: str, place: Place) -> bool:
        """Whether a GeoNames alternate name (not the town's own) may stand for it:
        multi-word exonyms ("Città del Capo") of towns over 100,000 people; one-word ones
        for cities over a million ("Pékin") or that look like the town's own name
        ("Milano", "Bakou"), not stray labels ("Google" for Topeka)."""
        if place.population < MIN_ALTERNATE_POPULATION:
            return False
        if " " in key or place.population >= 1_000_000:
            return True
        own = name_key(place.name)
        return SequenceMatcher(None, key, own).ratio() >= 0.5

    def _unresolved(self, surface: str, raw: Raw, places: Sequence[Place],
                    context: str) -> Mention:
        memo = (*(p.id for p in places[:4]), len(places))
        listed = self._listing_memo.get(memo)
        if listed is None:
            listed = ", ".join(f"{p.name} ({p.country}, {p.population:,})"
                               for p in places[:4])
            if len(places) > 4:
                listed += f" and {len(places) - 4} more"
            self._listing_memo[memo] = listed
        return Mention(surface, raw.start, raw.end, "city", None, None, None, None,
                       f"ambiguous: {listed}; {context}")

    def _country_name(self, iso: str | None) -> str:
        place = self.gazetteer.country(iso) if iso else None
        return place.name if place else str(iso)

    def _countries_near(self, pos: int, end: int, text: str, evidence: _Evidence,
                        layout: Layout, skip: int | None,
                        ) -> list[tuple[str, dict[str, str] | _Scope]]:
        """Countries named right after the name (``"Valencia, Spain"``), in the paragraph
        around ``pos``, then in the whole text: look-ups ISO code -> the first words that
        name it (``.get``), leaving out a town at offset ``skip``."""
        a, b = layout.paragraph(pos)
        after: dict[str, str] = {}
        for off, iso, said, town in evidence.between(end, end + 3):
            if not (town and off == skip) and text[end:off] in (", ", " (", ","):
                after.setdefault(iso, said)
        return [("right after it", after),
                ("in the same paragraph", _Scope(evidence, a, b, skip)),
                ("in the text", _Scope(evidence, 0, len(text) + 1, skip))]

    def _glued_to_word(self, text: str, tokens: Words, raw: Raw) -> bool:
        """A name hyphenated to a word that is no place is part of a compound
        ("Trans-Caspian", "Pan-African"), unlike "Azerbaijan-Kazakhstan"."""
        k = raw.start_token
        if k == 0 or raw.contraction:
            return False
        if text[tokens.end[k - 1]:tokens.start[k]] not in ("-", "‑", "‐"):
            return False
        return not self._is_place_word(tokens.key[k - 1])

    @staticmethod
    def _followed_by_name(text: str, tokens: Words, raw: Raw) -> bool:
        k = raw.end_token
        return (k < len(tokens) and text[tokens.end[k - 1]:tokens.start[k]] == " "
                and is_capitalised(tokens.text[k]))

    def _inside_name(self, text: str, tokens: Words, raw: Raw) -> bool:
        """A one-word town name glued to a capitalised word that is no place ("Elisabetta
        Romano", "Mr. Tan") belongs to a person's or a company's name."""
        k = raw.start_token
        if k > 0 and tokens.key[k - 1] in PLACE_NOUNS:
            return False  # "im Stadtteil Griesheim": a noun of place, not a given name
        if k > 1 and tokens.key[k - 2] in NOUN_ARTICLES and tokens.sep[k - 2] == " " and (
                not tokens.key[k - 1].endswith("er")):
            # "der Abschnitt Rostock-Gedser": an article, a noun, the town (not "der
            # Hanauer Landstraße": a town's adjective in "-er" opens a street's name)
            return False
        if k > 0:
            before, before_start = tokens.key[k - 1], tokens.start[k - 1]
            before_text = tokens.text[k - 1]
            sep = text[tokens.end[k - 1]:tokens.start[k]]
            if before in {"mr", "mrs", "ms", "dr", "m", "mme", "mlle", "sir"}:
                return True
            if sep == " " and is_capitalised(before_text) and not sentence_initial(
                    text, before_start) and not self._is_place_word(before):
                return True
            if sep == " " and is_capitalised(before_text) and sentence_initial(
                    text, before_start) and before not in RUN_SKIP and not (
                    self._is_place_word(before)):
                return True
        k = raw.end_token
        if k < len(tokens):
            sep = text[tokens.end[k - 1]:tokens.start[k]]
            if sep == " " and is_capitalised(tokens.text[k]) and name_shaped(
                    tokens.text[k]) and not self._is_place_word(tokens.key[k]):
                return True  # a surname, not "Milan PoP", "Marseille MRS1"
            if (k + 1 < len(tokens) and sep == " " and tokens.key[k] in NAME_LINKS
                    and text[tokens.end[k]:tokens.start[k + 1]] == " "
                    and is_capitalised(tokens.text[k + 1])
                    and not self._is_place_word(tokens.key[k + 1])):
                return True  # "Praia do Futuro" (a beach), "Porto di Levante"
        return False

    def _is_place_word(self, key: str) -> bool:
        known = self._place_word_memo.get(key)
        if known is None:
            known = self._place_word_memo[key] = any(
                p.kind in ("country", *AREA_KINDS) or (prim and p.population >= 100_000)
                or (not prim and self._alternate_ok(key, p))  # "Genova", "Lisboa"
                for p, prim in self._scanner.matches(key))
        return known


def extract_mentions(text: str, catalog: Catalog | None = None,
                     gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Mentions of places and organisations in ``text`` (see :class:`Extractor`)."""
    return Extractor(catalog, gazetteer).extract(text)
