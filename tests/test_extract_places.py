"""geo.extract: islands, seas and straits, sub-national regions, spellings of countries and
the case of names, on short synthetic sentences in six languages. Each test states the rule;
the homonym traps next to it must not match."""

from __future__ import annotations

import pytest

from geo.extract import MENTION_KINDS, Extractor, coverage


@pytest.fixture(scope="module")
def plain() -> Extractor:
    """Gazetteer only: no catalogue names."""
    return Extractor()


def places(ex: Extractor, text: str) -> list[tuple[str, str, str | None]]:
    """(surface, kind, id) of the place mentions of ``text``, checking offsets."""
    out = []
    for m in ex.extract(text):
        assert text[m.start:m.end] == m.text
        assert m.kind in MENTION_KINDS
        if m.kind in ("city", "country", "region", "island", "sea"):
            out.append((m.text, m.kind, m.id))
    return out


# ------------------------------------------------------------------ islands and seas


@pytest.mark.parametrize(("text", "surface", "kind", "place_id"), [
    ("The cable lands in Crete and crosses the Strait of Messina.", "Crete", "island",
     "island:crete"),
    ("The cable lands in Crete and crosses the Strait of Messina.", "Strait of Messina",
     "sea", "sea:messina-strait"),
    ("Le câble traverse la mer Baltique jusqu'en Corse.", "mer Baltique", "sea",
     "sea:baltic"),
    ("Le câble traverse la mer Baltique jusqu'en Corse.", "Corse", "island",
     "island:corsica"),
    ("Il cavo attraversa lo Stretto di Messina fino in Sicilia.", "Stretto di Messina", "sea",
     "sea:messina-strait"),
    ("Il cavo attraversa lo Stretto di Messina fino in Sicilia.", "Sicilia", "island",
     "island:sicily"),
    ("El cable une Tenerife con Gran Canaria.", "Tenerife", "island", "island:tenerife"),
    ("El cable une Tenerife con Gran Canaria.", "Gran Canaria", "island",
     "island:gran-canaria"),
    ("O cabo chega à Madeira pelo Golfo da Guiné.", "Madeira", "island", "island:madeira"),
    ("O cabo chega à Madeira pelo Golfo da Guiné.", "Golfo da Guiné", "sea",
     "sea:gulf-of-guinea"),
    ("Das Kabel verläuft durch die Ostsee nach Bornholm.", "Ostsee", "sea", "sea:baltic"),
    ("Das Kabel verläuft durch die Ostsee nach Bornholm.", "Bornholm", "island",
     "island:bornholm"),
])
def test_islands_and_seas_in_six_languages(plain, text, surface, kind, place_id):
    assert (surface, kind, place_id) in places(plain, text)


def test_island_is_no_town_of_the_same_name(plain):
    # GeoNames knows "Tenerife" as another name of Santa Cruz de Tenerife and as a small
    # Colombian town: in a sentence about the island it is the island
    found = places(plain, "The system lands on Tenerife.")
    assert found == [("Tenerife", "island", "island:tenerife")]


def test_large_town_keeps_its_name_over_an_island(plain):
    # Zanzibar is a town of 400,000 people: the island is listed as Unguja only
    found = places(plain, "Airtel opened a data centre in Zanzibar, Tanzania.")
    assert ("Zanzibar", "city") in [(s, k) for s, k, _ in found]


def test_strait_hides_the_town_it_is_named_after(plain):
    found = places(plain, "Il cavo attraversa lo Stretto di Messina.")
    assert found == [("Stretto di Messina", "sea", "sea:messina-strait")]


def test_areas_count_as_regions_in_coverage(plain):
    cov = coverage(plain.extract("The cable runs from Sicily across the Adriatic Sea."))
    assert {m.kind for m in cov.regions} == {"island", "sea"}
    assert cov.lacking == []


# ------------------------------------------------------------------ sub-national regions


@pytest.mark.parametrize(("text", "surface", "place_id"), [
    ("CyrusOne builds a data centre in Hesse.", "Hesse", "region:de-hessen"),
    ("CyrusOne baut ein Rechenzentrum in Hessen.", "Hessen", "region:de-hessen"),
    ("Il nodo sarà nel Lazio, in Nord Italia.", "Lazio", "region:it-lazio"),
    ("Il nodo sarà nel Lazio, in Nord Italia.", "Nord Italia", "region:it-north"),
    ("Le câble atterrit en Bretagne.", "Bretagne", "region:fr-bretagne"),
    ("El cable llega a Canarias y a Andalucía.", "Canarias", "region:es-canarias"),
    ("El cable llega a Canarias y a Andalucía.", "Andalucía", "region:es-andalucia"),
    ("A DGRM da Região Autónoma da Madeira aprovou o projeto.",
     "Região Autónoma da Madeira", "region:pt-madeira-ra"),
    ("O cabo chega ao Ceará.", "Ceará", "region:br-ceara"),
])
def test_sub_national_regions(plain, text, surface, place_id):
    assert (surface, "region", place_id) in places(plain, text)


def test_region_named_after_its_town_is_the_town(plain):
    # the Region of Murcia is listed by that name only: "Murcia" is the town
    found = places(plain, "Telxius opened a node in Murcia, Spain.")
    assert [(s, k) for s, k, _ in found] == [("Murcia", "city"), ("Spain", "country")]


@pytest.mark.parametrize(("text", "surface", "place_id"), [
    ("The network serves the Americas and Central Europe.", "Americas", "region:americas"),
    ("The network serves the Americas and Central Europe.", "Central Europe",
     "region:central-europe"),
    ("Le réseau couvre les Amériques.", "Amériques", "region:americas"),
    ("O cabo liga a África Austral ao Brasil.", "África Austral", "region:southern-africa"),
    ("The cable serves sub-Saharan Africa.", "sub-Saharan Africa", "region:m49-202"),
])
def test_larger_regions(plain, text, surface, place_id):
    assert (surface, "region", place_id) in places(plain, text)


def test_region_of_a_continent_is_one_mention(plain):
    # "África Austral" is one region, not the continent Africa
    found = places(plain, "O cabo liga a África Austral ao Brasil.")
    assert "África" not in [s for s, _, _ in found]


# ------------------------------------------------------------------ country spellings


@pytest.mark.parametrize(("text", "surface"), [
    ("Le câble relie la Guinée Bissau au Cap Vert.", "Guinée Bissau"),
    ("Le câble relie la Guinée Bissau au Cap Vert.", "Cap Vert"),
    ("El cable llega a EEUU desde Chile.", "EEUU"),
    ("O cabo liga o Brasil aos EUA.", "EUA"),
])
def test_country_spellings(plain, text, surface):
    assert surface in [s for s, k, _ in places(plain, text) if k == "country"]


def test_hyphenated_country_after_an_article(plain):
    # "le Cap-Vert" is Cabo Verde, not "le Cap" (Cape Town) followed by a word
    found = places(plain, "Le Sénégal et le Cap-Vert ont signé l'accord.")
    assert ("Cap-Vert", "country") in [(s, k) for s, k, _ in found]
    assert not any(k == "city" for _, k, _ in found)


def test_le_cap_alone_is_still_cape_town(plain):
    found = places(plain, "Le câble arrive au Cap, en Afrique du Sud.")
    assert ("Cap", "city", "geonames:3369157") in found


def test_space_for_the_hyphen_finds_no_town_inside(plain):
    # "Guinée Bissau" is the country, not the town Bissau
    found = places(plain, "Le câble relie la Guinée Bissau au Sénégal.")
    assert "Bissau" not in [s for s, _, _ in found]


# ------------------------------------------------------------------ case inside names


def test_lower_case_word_ends_a_town_name(plain):
    # "El centro" is no El Centro (California): the second word is a common noun
    found = places(plain, "El centro de datos estará en Madrid.")
    assert [s for s, _, _ in found] == ["Madrid"]


def test_connectors_stay_inside_town_names(plain):
    found = places(plain, "Der Knoten steht in Frankfurt am Main.")
    assert ("Frankfurt am Main", "city") in [(s, k) for s, k, _ in found]


def test_lower_case_adjective_inside_a_region_name(plain):
    found = places(plain, "Il cavo serve l'Africa occidentale.")
    assert ("Africa occidentale", "region") in [(s, k) for s, k, _ in found]


def test_german_sentence_opener_is_no_name(plain):
    # "Dass Frankfurt ..." : a conjunction that opens the sentence, not a person's name
    found = places(plain, "Dass Frankfurt ein attraktiver Standort ist, ist bekannt.")
    assert ("Frankfurt", "city") in [(s, k) for s, k, _ in found]


def test_person_named_like_a_town_is_still_no_town(plain):
    found = places(plain, "Sagt Maria Frankfurt, die Sprecherin.")
    assert "Frankfurt" not in [s for s, _, _ in found]


# ------------------------------------------------------------------ evidence from regions


def test_region_names_its_country_for_a_small_town(plain):
    # Griesheim (25,000 people) is below the bare-name floor: Hessen names Germany
    found = places(plain, "Das Rechenzentrum steht in Hessen, im Stadtteil Griesheim.")
    assert ("Griesheim", "city") in [(s, k) for s, k, _ in found]


def test_small_town_without_its_country_stays_out(plain):
    found = places(plain, "Das Rechenzentrum steht im Stadtteil Griesheim.")
    assert "Griesheim" not in [s for s, _, _ in found]


def test_island_names_its_country_for_a_small_town(plain):
    found = places(plain, "Il cavo arriva in Sicilia, a Mazara del Vallo.")
    assert [(s, k) for s, k, _ in found] == [("Sicilia", "island"),
                                             ("Mazara del Vallo", "city")]


# ------------------------------------------------------------------ short forms


@pytest.mark.parametrize(("text", "short", "full"), [
    ("Los alcaldes de Conil y de Candelaria hablaron. El cable llega a Conil de la Frontera.",
     "Conil", "Conil de la Frontera"),
    ("Il cavo arriva a Mazara del Vallo, in Sicilia. Mazara sarà il nodo.",
     "Mazara", "Mazara del Vallo"),
    ("Le câble arrive à Mazara del Vallo. Mazara sera le nœud.", "Mazara",
     "Mazara del Vallo"),
    ("The cable lands at Mazara del Vallo. Mazara will be the hub.", "Mazara",
     "Mazara del Vallo"),
])
def test_short_form_of_a_town_named_in_full(plain, text, short, full):
    by_surface = {s: (k, i) for s, k, i in places(plain, text)}
    assert by_surface[short] == by_surface[full]
    assert by_surface[short][0] == "city"


def test_short_form_needs_the_full_name_in_the_text(plain):
    found = places(plain, "Los alcaldes de Conil y de Candelaria hablaron.")
    assert "Conil" not in [s for s, _, _ in found]


def test_short_form_is_no_part_of_a_longer_name(plain):
    # "Mazara Telecom" (a capitalised word follows) is no short form of the town
    text = "Il cavo arriva a Mazara del Vallo. Mazara Telecom gestisce il nodo."
    found = places(plain, text)
    assert [s for s, _, _ in found].count("Mazara") == 0


# ------------------------------------------------------------------ words after a town


def test_facility_code_after_a_town_is_no_surname(plain):
    found = places(plain, "NTT launches Milan PoP")
    assert [(s, k) for s, k, _ in found] == [("Milan", "city")]


def test_surname_after_a_town_still_hides_it(plain):
    assert places(plain, "Elisabetta Romano said so.") == []


@pytest.mark.parametrize("text", [
    "O cabo chega à Praia do Futuro, em Fortaleza.",
    "Le câble passe par Dakar du Nord-Ouest.",
])
def test_town_joined_to_a_name_inside_it(plain, text):
    # a beach, a district: not Praia (Cabo Verde) nor Dakar
    found = [s for s, _, _ in places(plain, text)]
    assert "Praia" not in found and "Dakar" not in found


@pytest.mark.parametrize(("text", "towns"), [
    ("Il cavo arriva a Genova da Roma.", ["Genova", "Roma"]),
    ("O cabo chega à Praia, em Cabo Verde.", ["Praia"]),
    ("El cable une Lima del Perú con Santiago.", ["Lima", "Santiago"]),
])
def test_prepositions_after_a_town_keep_it(plain, text, towns):
    assert [s for s, k, _ in places(plain, text) if k == "city"] == towns


# ------------------------------------------------------------------ small towns


@pytest.mark.parametrize("text", [
    "The cable lands in Sines, Portugal.",
    "Le câble atterrit à Sines, au Portugal.",
    "Il cavo approda a Sines, in Portogallo.",
    "El cable llega a Sines (Portugal).",
    "O cabo chega a Sines, em Portugal.",
    "Das Kabel landet in Sines, Portugal.",
])
def test_small_town_with_its_country_right_after(plain, text):
    found = places(plain, text)
    assert ("Sines", "city", "geonames:2262917") in found


@pytest.mark.parametrize("text", [
    "The cable lands in Sines.",                      # no country: too small to trust
    "Il cavo arriva a Sines, Italia.",                # no Sines in Italy
    "Says John Sines, Portugal.",                     # the end of a person's name
    "Le port de sines, Portugal, et Sines, Portugal.",  # the text writes it in lower case
])
def test_small_town_without_strong_evidence(plain, text):
    assert "Sines" not in [s for s, _, _ in places(plain, text)]


# ------------------------------------------------------------------ elision, joined, chains


@pytest.mark.parametrize(("text", "surface", "place_id"), [
    ("Il nodo sarà a L'Aquila, in Abruzzo.", "L'Aquila", "geonames:3175121"),
    ("El centro de datos de L'Hospitalet de Llobregat.", "L'Hospitalet de Llobregat",
     "geonames:3120619"),
    ("The cable lands in Capetown.", "Capetown", "geonames:3369157"),
    ("Le câble atterrit à Capetown.", "Capetown", "geonames:3369157"),
])
def test_elision_and_joined_spellings(plain, text, surface, place_id):
    assert (surface, "city", place_id) in places(plain, text)


def test_elided_article_before_a_country_is_no_part_of_it(plain):
    found = places(plain, "Le câble relie l'Italie à l'Algérie.")
    assert [s for s, _, _ in found] == ["Italie", "Algérie"]


@pytest.mark.parametrize(("text", "towns"), [
    ("The Marseille-Bizerte segment is ready.", ["Marseille", "Bizerte"]),
    ("Le segment Marseille-Bizerte est prêt.", ["Marseille", "Bizerte"]),
    ("Il segmento Genova-Palermo è pronto.", ["Genova", "Palermo"]),
    ("El tramo Lisboa-Madrid está listo.", ["Lisboa", "Madrid"]),
    ("O troço Lisboa-Porto está pronto.", ["Lisboa", "Porto"]),
    ("Die Verbindung führt über den Abschnitt Rostock-Gedser nach Dänemark.", ["Rostock"]),
])
def test_hyphenated_chain_names_each_town(plain, text, towns):
    assert [s for s, k, _ in places(plain, text) if k == "city"] == towns


def test_hyphen_to_a_word_is_still_a_compound(plain):
    # "Trans-Caspian", "Pan-African": no place
    assert places(plain, "The Trans-Caspian and Pan-Africa projects.") == []


def test_street_named_after_a_town_holds_no_town(plain):
    # "Hanauer Landstraße" is a street in Frankfurt, not Landstraße (Vienna)
    found = places(plain, "Das Rechenzentrum liegt an der Hanauer Landstraße in Frankfurt.")
    assert [s for s, _, _ in found] == ["Frankfurt"]


@pytest.mark.parametrize(("text", "compound"), [
    ("Il cavo approda a Roma-Fiumicino, in Italia.", "Roma-Fiumicino"),
    ("The cable lands at Roma-Fiumicino in Italy.", "Roma-Fiumicino"),
    ("Das Rechenzentrum Frankfurt-Griesheim in Deutschland.", "Frankfurt-Griesheim"),
])
def test_neighbouring_towns_hyphenated_are_one_place(plain, text, compound):
    found = [(s, k) for s, k, _ in places(plain, text)]
    assert (compound, "city") in found
    assert not any(s in compound.split("-") for s, _ in found)


def test_far_towns_hyphenated_are_a_segment(plain):
    found = places(plain, "Le segment Marseille-Bizerte et le tronçon Lisboa-Porto.")
    assert [s for s, _, _ in found] == ["Marseille", "Bizerte", "Lisboa", "Porto"]


@pytest.mark.parametrize(("text", "surface"), [
    ("The data centre serves the European Union.", "European Union"),
    ("Le centre sert l'Union européenne.", "Union européenne"),
    ("Il centro serve l'Unione europea.", "Unione europea"),
    ("El centro de datos es el mayor de la Unión Europea.", "Unión Europea"),
    ("O centro serve a União Europeia.", "União Europeia"),
    ("Das Rechenzentrum dient der Europäischen Union.", None),  # inflected: not listed
])
def test_european_union_as_an_area(plain, text, surface):
    found = places(plain, text)
    if surface is None:
        assert found == []
    else:
        assert found == [(surface, "region", "region:european-union")]
