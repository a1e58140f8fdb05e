"""geo.extract on the traps of real news, in English and French (and a little Italian,
Spanish and Portuguese). Each test states the trap; expected ids are GeoNames' own."""

from __future__ import annotations

import pytest

from geo.extract import Extractor, sentence_around

CAPE_TOWN = "geonames:3369157"
ROME = "geonames:3169070"
ZIMBABWE = "geonames:878675"
ITALY = "geonames:3175395"
DRC = "geonames:203312"
CONGO = "geonames:2260494"
SPAIN_VALENCIA = "geonames:2509954"
KENYA = "geonames:192950"


@pytest.fixture(scope="module")
def plain() -> Extractor:
    """Gazetteer only: no catalogue names."""
    return Extractor()


@pytest.fixture(scope="module")
def with_catalogue(catalog) -> Extractor:
    return Extractor(catalog)


def found(ex: Extractor, text: str) -> list[tuple[str, str, str | None]]:
    mentions = ex.extract(text)
    for m in mentions:
        assert text[m.start:m.end] == m.text  # offsets index the original text
        assert m.reason
    return [(m.text, m.kind, m.id) for m in mentions]


# ------------------------------------------------------------------ Mobile, Of, Digital


@pytest.mark.parametrize("text", [
    "Operators expand mobile internet across the region.",
    "Mobile operators expand their networks.",
    "Mobile: les opérateurs étendent l'internet mobile.",
    "Les services mobiles se développent en zone rurale.",
])
def test_mobile_is_not_alabama(plain, text):
    assert not [f for f in found(plain, text) if f[2] == "geonames:4076598"]
    assert not [f for f in found(plain, text) if f[1] == "city"]


@pytest.mark.parametrize("text", [
    "State Of Digital Infrastructure: Global Operators Expand Reach",
    "Global Digital Of The Year",
    "Le Digital et le Global: état des lieux",
    "Point de Présence (PoP) et Data Centre",
])
def test_common_words_are_not_towns(plain, text):
    assert found(plain, text) == []


def test_a_word_used_in_lower_case_is_not_a_town(plain):
    # "Male" (Malé, Maldives) where the text also says "male" is a word, not the town...
    text = "A male-dominated sector: the cable lands in Male next year."
    assert [f for f in found(plain, text) if f[1] == "city"] == []
    # ...while on its own it is the town.
    assert ("Male", "city", "geonames:1282027") in found(
        plain, "The cable lands in Male next year.")
    # "Split" (Croatia) is on the list of common words: never a bare town.
    assert found(plain, "Split routes add resilience; traffic is Split.") == []


@pytest.mark.parametrize("text", [
    "said Elisabetta Romano, CEO of Sparkle.",
    "« Nous investissons », a déclaré Mr. Tan à la presse.",
    "said Willem Marais, director.",
])
def test_names_of_people_are_not_towns(plain, text):
    assert [f for f in found(plain, text) if f[1] == "city"] == []


# ------------------------------------------------------------------ longest match wins


def test_republic_of_the_congo_inside_the_democratic_one_counts_once(plain):
    text = "The Democratic Republic of the Congo and the Republic of the Congo agreed."
    assert found(plain, text) == [
        ("Democratic Republic of the Congo", "country", DRC),
        ("Republic of the Congo", "country", CONGO),
    ]


def test_french_drc_counts_once(plain):
    text = "La République démocratique du Congo (RDC) et le Congo-Brazzaville."
    assert found(plain, text) == [
        ("République démocratique du Congo", "country", DRC),
        ("RDC", "country", DRC),
        ("Congo-Brazzaville", "country", CONGO),
    ]


@pytest.mark.parametrize("text", [
    "China Telecom Global opened a PoP in Nairobi.",
    "China Telecom Global a ouvert un PoP à Nairobi.",
])
def test_an_organisation_hides_the_country_it_names(plain, with_catalogue, text):
    without = found(plain, text)
    assert without[0] == ("China Telecom Global", "organisation", None)
    assert not [f for f in without if f[1] == "country"]
    assert found(with_catalogue, text)[0] == ("China Telecom Global", "organisation",
                                               "china-telecom-global")


@pytest.mark.parametrize("text, org", [
    ("Kenya Power signed the deal.", "Kenya Power"),
    ("Telecom Italia signed the deal.", "Telecom Italia"),
    ("Selon Agence Ecofin, l'accord est signé.", "Agence Ecofin"),
])
def test_places_inside_organisation_names(plain, text, org):
    got = found(plain, text)
    assert got[0] == (org, "organisation", None)
    assert not [f for f in got if f[1] in ("country", "city")]


@pytest.mark.parametrize("text", [
    "Orange, the French operator, will invest in Senegal.",
    "Orange a annoncé un investissement au Sénégal.",
    "Google's Equiano cable reached Namibia; Washington approved it.",
    "Nokia et Google s'associent aux États-Unis.",
])
def test_company_names_that_are_also_towns(plain, text):
    # Orange (US, AU, FR towns), Nokia (Finland), "Google" (a GeoNames alias of Topeka).
    assert [f for f in found(plain, text) if f[0] in ("Orange", "Google", "Nokia")] == []


def test_headline_organisation_ends_at_its_organisation_word(plain):
    got = found(plain, "MTN Group Signs Deal With Huawei To Expand 5G Across West Africa")
    assert got[0] == ("MTN Group", "organisation", None)
    assert ("West Africa", "region", "region:west-africa") in got


def test_hyphenated_compounds(plain):
    text = "the Trans-Caspian cable on the Azerbaijan-Kazakhstan route, in Asie-Pacifique"
    assert [f[0] for f in found(plain, text)] == ["Azerbaijan", "Kazakhstan", "Asie-Pacifique"]


# ------------------------------------------------------------------ other languages


@pytest.mark.parametrize("text, surface", [
    ("Liquid Telecom a des data centres au Cap.", "Cap"),
    ("Le Cap accueille un nouveau câble.", "Le Cap"),
    ("Il cavo arriva a Città del Capo.", "Città del Capo"),
    ("O cabo chega à Cidade do Cabo.", "Cidade do Cabo"),
    ("El cable llega a Ciudad del Cabo.", "Ciudad del Cabo"),
])
def test_cape_town_in_other_languages(plain, text, surface):
    got = found(plain, text)
    assert (surface, "city", CAPE_TOWN) in got


@pytest.mark.parametrize("text", [
    "Le câble arrive au Port autonome de Dakar.",
    "Le câble a été posé au môle 2 du Port de Dakar.",
    "Les travaux du Port d’Abidjan avancent.",
])
def test_a_common_noun_then_de_and_a_name_is_no_town_read_through_a_contraction(plain, text):
    assert [f[0] for f in found(plain, text)] in (["Dakar"], ["Abidjan"])


def test_a_town_read_through_a_contraction_stays_before_et_de_another():
    from geo.extract import Extractor

    got = [m.text for m in Extractor().extract(
        "Les centres de données du Cap et de Johannesburg sont reliés.")]
    assert got == ["Cap", "Johannesburg"]


def test_rome_and_italy_in_italian(plain):
    got = found(plain, "Sparkle ha sede a Roma, in Italia.")
    assert ("Roma", "city", ROME) in got
    assert ("Italia", "country", ITALY) in got


@pytest.mark.parametrize("text, surface, expected", [
    ("Le fournisseur de connectivité zimbabwéen, Liquid Telecom", "zimbabwéen", ZIMBABWE),
    ("Les opératrices zimbabwéennes", "zimbabwéennes", ZIMBABWE),
    ("The Italian operator Sparkle", "Italian", ITALY),
    ("un opérateur italien", "italien", ITALY),
    ("the Kenyan market", "Kenyan", KENYA),
])
def test_adjectives_name_their_country(plain, text, surface, expected):
    assert (surface, "country", expected) in found(plain, text)


@pytest.mark.parametrize("text, surface", [
    ("le sud-africain MTN", "sud-africain"),
    ("The South African operator", "South African"),
])
def test_adjectives_of_several_words(plain, text, surface):
    assert found(plain, text) == [(surface, "country", "geonames:953987")]


def test_english_adjectives_need_their_capital(plain):
    assert found(plain, "an italian dinner") == []


# ------------------------------------------------------------------ ambiguity


def test_ambiguous_town_is_left_unresolved(plain):
    mentions = plain.extract("The new landing station in Valencia opens next year.")
    (m,) = mentions
    assert m.text == "Valencia" and m.kind == "city"
    assert m.id is None and m.lon is None
    assert m.reason.startswith("ambiguous") and "VE" in m.reason and "ES" in m.reason


@pytest.mark.parametrize("text, country_word", [
    ("The new landing station in Valencia, Spain, opens next year.", "Spain"),
    ("La nouvelle station d'atterrissement de Valence, en Espagne, ouvre.", "Espagne"),
])
def test_a_country_named_nearby_decides(plain, text, country_word):
    m = next(m for m in plain.extract(text) if m.kind == "city")
    assert m.id == SPAIN_VALENCIA
    assert country_word in m.reason


def test_a_town_named_nearby_is_evidence_too(with_catalogue):
    # "au Cap": Cap-Haïtien is also "le Cap"; Johannesburg in the same sentence decides.
    m = next(m for m in with_catalogue.extract("Des PoPs à Johannesburg et au Cap.")
             if m.text == "Cap")
    assert m.id == CAPE_TOWN and "Johannesburg" in m.reason


def test_a_country_right_after_the_name_decides_even_against_population(plain):
    (paris, _country) = plain.extract("It opened in Paris, United States.")
    assert paris.id == "geonames:4717560" and "right after it" in paris.reason
    # Named elsewhere, a country does not turn Paris into a town 86 times smaller.
    (paris, _country) = plain.extract("Nous arrivons à Paris ; aux États-Unis ensuite.")
    assert paris.id == "geonames:2988507"


GEORGIA = "geonames:614540"


@pytest.mark.parametrize("text, town, town_id", [
    ("Equinix opened a data centre in Atlanta, Georgia, last year.", "Atlanta",
     "geonames:4180439"),
    ("A new PoP in Athens, Georgia, serves the university.", "Athens", "geonames:4180386"),
    ("The cable lands near Mobile, Alabama.", "Mobile", "geonames:4076598"),
    ("It opened in Paris, Texas.", "Paris", "geonames:4717560"),
])
def test_a_us_state_after_a_town_places_it_and_names_no_country(plain, with_catalogue, text,
                                                                 town, town_id):
    # "Atlanta, Georgia" is the US state, not the country; the state also decides between
    # towns ("Athens", "Paris") and vouches for a town that is an ordinary word ("Mobile")
    for ex in (plain, with_catalogue):
        mentions = ex.extract(text)
        m = next(m for m in mentions if m.text == town)
        assert (m.id, m.country) == (town_id, "US"), m.reason
        assert "US state" in m.reason
        assert [m.text for m in mentions] == [town]


@pytest.mark.parametrize("text", [
    "AzerTelecom links Baku, Georgia and Turkey.",
    "A PoP in Batumi, Georgia, opens next year.",
    "Georgia's capital Tbilisi hosts the exchange.",
])
def test_georgia_the_country_stays_a_country(plain, text):
    assert [m.id for m in plain.extract(text) if m.text == "Georgia"] == [GEORGIA]


def test_a_town_known_by_a_name_only_as_an_alternate_does_not_make_it_ambiguous(plain):
    # Mashhad (2.3 million) is also "Alexandria" in GeoNames' alternate names; Alexandria,
    # Egypt (5.3 million) is the town whose own name it is, as lookup_place says too
    (m,) = plain.extract("The cable lands in Alexandria.")
    assert m.id == "geonames:361058", m.reason
    assert "Mashhad" not in m.reason


def test_population_decides_when_one_town_dwarfs_the_rest(plain):
    (m,) = plain.extract("The summit was held in Paris last week.")
    assert m.id == "geonames:2988507"
    assert "most populous" in m.reason


def test_small_single_word_town_without_evidence_is_not_a_mention(plain):
    # Best (Netherlands, 29,000 people) and Of (Turkey, 32,000).
    assert found(plain, "the best offer of the year, as Best said") == []


def test_sentence_initial_town_needs_a_large_population(plain):
    # Aktau (Kazakhstan, 147,000) opening a sentence is not trusted on its own...
    assert found(plain, "Aktau hosts the landing.") == []
    # ...but is with its country in the text, and anywhere else in a sentence.
    assert ("Aktau", "city", "geonames:610612") in found(
        plain, "Aktau hosts the landing in Kazakhstan.")
    assert ("Aktau", "city", "geonames:610612") in found(plain, "The cable lands in Aktau.")


# ------------------------------------------------------------------ the catalogue first


def test_catalogue_names_come_first(with_catalogue):
    got = found(with_catalogue, "ZTE and CTG met at Capacity Middle East 2022 in Baku.")
    assert got == [
        ("ZTE", "organisation", "zte"),
        ("CTG", "organisation", "china-telecom-global"),
        ("Capacity Middle East 2022", "site", "capacity-middle-east-2022"),
        ("Baku", "city", "baku"),
    ]


def test_gazetteer_places_map_to_catalogue_sites(with_catalogue):
    # "Pékin" is not a catalogue name, but GeoNames' Beijing is the catalogue's "beijing".
    (m,) = with_catalogue.extract("Le siège est à Pékin.")
    assert (m.id, m.entity, m.place) == ("beijing", "beijing", "geonames:1816670")


def test_acronyms_match_in_their_own_case(with_catalogue):
    assert found(with_catalogue, "the ctg of the zte") == []


def test_a_data_centre_alias_naming_a_town_is_left_to_the_town(with_catalogue):
    # The catalogue gives the Cape Town data centre the alias "Le Cap"; in a text the
    # words name the city.
    (m,) = with_catalogue.extract("Le Cap est une ville.")
    assert (m.kind, m.id) == ("city", CAPE_TOWN)


# ------------------------------------------------------------------ sentences


def test_sentence_around_is_an_exact_excerpt():
    text = "First one. Des PoPs à Johannesburg\net au Cap. Last one!"
    start = text.index("Cap")
    got = sentence_around(text, start, start + 3)
    assert got == "Des PoPs à Johannesburg\net au Cap."
    assert got in text
    headline = "Cable lands in Aktau\nThe cable, laid in 2022, lands. Next."
    start = headline.index("Aktau")
    assert sentence_around(headline, start, start + 5) == "Cable lands in Aktau"
    start = headline.index("2022")
    assert sentence_around(headline, start, start + 4) == "The cable, laid in 2022, lands."
