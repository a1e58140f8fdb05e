"""Mentions in geo.draft (issue 12, item 4): organisations, facilities and places found by
rules that generalise across the six languages of the news.

Every sentence here is invented for these tests (names of companies, campuses and most
towns are made up, or real towns used in made-up sentences); each test states the class
of phenomenon its rule covers, not one article.
"""

from __future__ import annotations

import pytest

from geo.draft import find_facts
from geo.draft.document import Document
from geo.draft.facts import DraftFacts
from geo.draft.organisations import find_organisations
from geo.draft.rules import default_extractor


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def draft(text: str, language: str, extractor) -> DraftFacts:
    facts = find_facts(text, language=language, extractor=extractor)
    for m in facts.places:
        assert text[m.start:m.end] == m.text
    for f in facts.organisations + facts.facilities:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.sentence
    return facts


def org_names(facts: DraftFacts) -> set[str]:
    return {o.name for o in facts.organisations}


def place_names(facts: DraftFacts) -> set[str]:
    return {m.text for m in facts.places}


# --------------------------------------------------------------------------- organisations


@pytest.mark.parametrize(("language", "text", "acquired"), [
    ("en", "Orvex Networks completed its acquisition of Brava Horizon in May.", "Brava Horizon"),
    ("fr", "Le groupe Datacap a finalisé le rachat de Sirius Horizon.", "Sirius Horizon"),
    ("es", "Kalvora S.A. anunció la adquisición de Brisa Norte.", "Brisa Norte"),
    ("it", "Tessaro S.p.A. ha completato l'acquisizione di Valle Chiara.", "Valle Chiara"),
    ("de", "Die Nordwell GmbH hat die Übernahme von Falke Systeme abgeschlossen.",
     "Falke Systeme"),
])
def test_the_object_of_a_purchase_is_an_organisation_even_shaped_like_a_person(
        extractor, language, text, acquired):
    assert acquired in org_names(draft(text, language, extractor))


def test_a_funder_and_an_apposition_with_noun_modifiers(extractor):
    facts = draft("The campus was funded with equity commitments from Tarlo Bridge, the "
                  "infrastructure arm of Kinsey Capital.", "en", extractor)
    assert org_names(facts) == {"Tarlo Bridge", "Kinsey Capital"}


def test_adjectives_of_peoples_and_regions_are_no_organisations_or_places(extractor):
    facts = draft("Orion Data Centres has bought the Scottish data centre campus of Kelvane "
                  "Systems. Orion Data Centres also runs a Bavarian site.", "en", extractor)
    assert org_names(facts) == {"Orion Data Centres", "Kelvane Systems"}
    assert not {"Scottish", "Bavarian", "Orion"} & place_names(facts)


def test_a_short_name_without_data_centres_is_an_alias(extractor):
    facts = draft("Lumora Data Centers opened its third campus. Lumora’s next site is planned.",
                  "en", extractor)
    [org] = facts.organisations
    assert (org.name, org.aliases) == ("Lumora Data Centers", ["Lumora"])


def test_acronyms_of_currencies_and_small_firms_are_no_organisations(extractor):
    facts = draft("Les actionnaires de Sahelnet ont porté le capital à 35 millions de DH "
                  "pour servir les TPME et les PME.", "fr", extractor)
    assert org_names(facts) == {"Sahelnet"}


def test_a_legal_suffix_with_its_full_stop_is_the_same_company(extractor):
    facts = draft("Le contrat a été signé avec le groupe Mekong Systems. La société Mekong "
                  "Systems Ltd. livrera les équipements.", "fr", extractor)
    [org] = facts.organisations
    assert {org.name, *org.aliases} == {"Mekong Systems", "Mekong Systems Ltd."}


@pytest.mark.parametrize(("language", "text", "government"), [
    ("es", "El gobierno argentino firmó un convenio con la empresa Fibrasur.",
     "gobierno argentino"),
    ("es", "La empresa conjunta entre Fibrasur y el Estado chileno operará el cable.",
     "Estado chileno"),
    ("it", "Il governo italiano ha firmato un accordo con la società Marenet.",
     "governo italiano"),
    ("pt", "O Governo de Angola assinou um contrato com a Lusonet.", "Governo de Angola"),
    ("en", "The Government of the Philippines signed a contract with Brightline.",
     "Government of the Philippines"),
])
def test_a_government_and_its_country_in_any_language(extractor, language, text, government):
    assert government in org_names(draft(text, language, extractor))


def test_shareholders_with_their_shares_in_brackets_are_organisations(extractor):
    facts = draft("A Kuanza Cables é detida pela Kuanza Telecom (51%), contando ainda com a "
                  "Lumo (31%), a Vexa (9%) e a Startix (9%).", "pt", extractor)
    assert org_names(facts) == {"Kuanza Cables", "Kuanza Telecom", "Lumo", "Vexa", "Startix"}


def test_legal_forms_with_stops_attributes_and_persons_of_an_organisation(extractor):
    facts = draft("The Ayala-led Borneo Telecom Inc. signed with Singapore-based DCx and "
                  "Huaxin Marine Co. Ltd. Chang Wei of Nordic Telecom Global attended.",
                  "en", extractor)
    assert org_names(facts) == {"Borneo Telecom Inc.", "DCx", "Huaxin Marine Co. Ltd.",
                                "Nordic Telecom Global"}
    facts = draft("Equinix firmó con Zafiro S.A.B. de C.V. un contrato. Equinix, Inc. opera "
                  "en México.", "es", extractor)
    assert {frozenset({o.name, *o.aliases}) for o in facts.organisations} == {
        frozenset({"Equinix", "Equinix, Inc."}), frozenset({"Zafiro S.A.B. de C.V."})}


def test_a_person_named_before_a_coordinated_company_is_no_organisation(extractor):
    # the organisation finder alone (the parties of deals are another module's)
    text = ("La convention a été signée entre le ministre de la Communication, Paule Marie "
            "Ondo, et la société Sahelcom.")
    doc = Document.read(text, "fr", None, extractor.extract(text), extractor)
    assert {o.name for o in find_organisations(doc)} == {"Sahelcom"}


# --------------------------------------------------------------------------- facilities


def facility_names(facts: DraftFacts) -> list[str]:
    return [f.name for f in facts.facilities]


@pytest.mark.parametrize(("language", "text", "name"), [
    ("en", "Orvex completed the purchase of the Scottish data centre campus Blue Harbour.",
     "Blue Harbour"),
    ("fr", "Le centre de données Akwaba II sera construit par le groupe Datacap.",
     "Akwaba II"),
    ("es", "El centro de datos Meseta Norte estará listo en 2026.", "Meseta Norte"),
    ("pt", "O data center Serra Azul foi inaugurado pela Marifibra.", "Serra Azul"),
    ("it", "Il data center Laguna Uno sarà operativo entro l'anno.", "Laguna Uno"),
    ("de", "Das Rechenzentrum „NORD-7“ wurde im Mai eröffnet.", "NORD-7"),
])
def test_a_name_right_after_the_facility_word(extractor, language, text, name):
    assert facility_names(draft(text, language, extractor)) == [name]


def test_an_adjective_or_a_quantity_before_the_word_is_no_name(extractor):
    facts = draft("Kestrel has bought a Welsh data centre. Brightline plans a 100MW data "
                  "centre campus near Leeds.", "en", extractor)
    assert facility_names(facts) == ["data centre", "data centre campus"]


def test_a_company_named_like_a_facility_is_none(extractor):
    facts = draft("According to the Data Centre Dynamics website, the operator of data centres "
                  "Nordic Data Centres is growing.", "en", extractor)
    assert facts.facilities == []


def test_an_expansion_in_brackets_and_a_predicate_are_the_same_facility(extractor):
    facts = draft("Halcyon opened a PoP (Point of Presence) in the OSL3 (Oslo Central) data "
                  "centre. OSL3 is the second data centre of Bulkhead in Oslo.", "en",
                  extractor)
    assert facility_names(facts) == ["PoP", "OSL3"]


def test_a_named_definite_mention_names_the_facility_announced_before(extractor):
    facts = draft("Ein neues Rechenzentrum entsteht in Offenbach. Im Mai wurde das neue "
                  "Rechenzentrum „MAIN DC“ in Betrieb genommen.", "de", extractor)
    assert facility_names(facts) == ["MAIN DC"]


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(("language", "text", "town"), [
    ("en", "The campus is sited in the town of Marshfield, close to Cardiff.", "Marshfield"),
    ("fr", "Le site est implanté dans la commune de Kerlouan, en Bretagne.", "Kerlouan"),
    ("es", "La estación estará en el municipio de Ventanilla, cerca de Lima.", "Ventanilla"),
    ("pt", "O cabo chega à cidade de Sines, no litoral alentejano.", "Sines"),
    ("it", "Il nodo sorgerà nel comune di Vittuone, vicino a Milano.", "Vittuone"),
    ("de", "Das Rechenzentrum entsteht in der Gemeinde Kelsterbach bei Frankfurt.",
     "Kelsterbach"),
])
def test_a_place_noun_makes_the_name_after_it_a_town(extractor, language, text, town):
    assert town in place_names(draft(text, language, extractor))


def test_an_unknown_town_keeps_no_position_and_a_known_one_its_country(extractor):
    facts = draft("The landing station is in the town of Marshfield, near Cardiff.", "en",
                  extractor)
    [town] = [m for m in facts.places if m.text == "Marshfield"]
    assert town.lon is None and town.id is None  # the gazetteer's Marshfields are in the US
    facts = draft("La red llegará a las localidades Tinogasta, Fiambalá, Medanitos y Saujil, "
                  "en Argentina.", "es", extractor)
    towns = {m.text: m for m in facts.places}
    assert {"Tinogasta", "Fiambalá", "Medanitos", "Saujil", "Argentina"} <= set(towns)
    assert towns["Tinogasta"].country == "AR" and towns["Saujil"].lon is None


def test_towns_listed_with_towns_and_in_a_chain_of_towns(extractor):
    facts = draft("O backbone da Lusonet liga Recife, Caruaru e Arcoverde. A rede segue pelos "
                  "trechos Teresina-Picos-Petrolina e Belém-Castanhal.", "pt", extractor)
    assert {"Recife", "Caruaru", "Arcoverde", "Teresina", "Picos", "Petrolina", "Belém",
            "Castanhal"} <= place_names(facts)


def test_a_small_town_after_a_preposition_of_place_in_a_country_the_text_names(extractor):
    facts = draft("A Start vai construir o campus em Sines. Portugal ganha assim um novo "
                  "polo digital.", "pt", extractor)
    assert {"Sines", "Portugal"} <= place_names(facts)


def test_a_company_in_a_list_stops_the_list_and_german_nouns_are_no_towns(extractor):
    facts = draft("Google, Fibrasur Telecom y Santiago firmaron el acuerdo.", "es", extractor)
    assert "Google" not in place_names(facts)
    facts = draft("Der Bau des Rechenzentrums beginnt im Mai in Graz. Es trägt den neuen "
                  "Namen Graz-Nord 2.", "de", extractor)
    assert "Bau" not in place_names(facts) and "Namen" not in place_names(facts)
    assert "Graz" in place_names(facts)


def test_bodies_named_with_a_purpose_and_companies_with_their_country(extractor):
    facts = draft("Se sumaron Nextel, la Corporación Universitaria para el Desarrollo de "
                  "Internet y el Consorcio para el Intercambio de Tráfico.", "es", extractor)
    assert {"Corporación Universitaria para el Desarrollo de Internet",
            "Consorcio para el Intercambio de Tráfico"} <= org_names(facts)
    facts = draft("The cable was built by Huawei Marine Networks of China and financed by "
                  "the Bank of Oceania.", "en", extractor)
    assert "Huawei Marine Networks" in org_names(facts)
    assert "China" in place_names(facts)


def test_roman_numerals_and_lowercase_initials(extractor):
    facts = draft("Es la obra del siglo XXI, dijo Fibrasur. El nodo de Nordix (Northern "
                  "Internet eXchange) abrirá en mayo.", "es", extractor)
    assert "XXI" not in org_names(facts)
    assert all("eXchange" not in o.name or o.name.startswith("Northern")
               for o in facts.organisations)


def test_named_parks_are_facilities_and_unnamed_ones_are_not(extractor):
    facts = draft("El campus se ubica en el Parque Industrial Norteño, en Querétaro. El parque "
                  "industrial tiene energía propia.", "es", extractor)
    assert [(f.name, f.kind) for f in facts.facilities] == [("Parque Industrial Norteño",
                                                            "other")]
    assert "Parque Industrial Norteño" not in org_names(facts)


def test_companies_listed_after_such_as_with_their_countries(extractor):
    facts = draft("Heute konkurriert man mit Unternehmen wie Nordtel aus Japan, Kvarta aus "
                  "Holland oder Zentix aus den USA.", "de", extractor)
    assert {"Nordtel", "Kvarta", "Zentix"} <= org_names(facts)
    assert {"Japan", "Holland", "USA"} <= place_names(facts)
    facts = draft("Il polo è un consorzio composto, oltre che da Fibrex, da Marenet Italia, "
                  "Telvia, Osso e Lumina.", "it", extractor)
    assert {"Fibrex", "Marenet Italia", "Telvia", "Osso", "Lumina"} <= org_names(facts)


def test_a_german_company_noun_before_a_town_homonym_makes_a_company(extractor):
    facts = draft("Das Datencenter-Unternehmen Green hat in Lupfig gebaut. Green gehört "
                  "einem Fonds.", "de", extractor)
    assert "Green" in org_names(facts)
    assert "Green" not in place_names(facts)


def test_a_name_given_by_a_naming_phrase_names_the_nearest_facility_before_it(extractor):
    facts = draft("Das Datacenter mit dem vielsagenden Namen Basel-Nord 2 steht in Basel. "
                  "Zusammen mit Datencentern in Bern bilden sie den Internetknoten, den "
                  "sogenannten RheinIX.", "de", extractor)
    assert [(f.name, f.kind) for f in facts.facilities] == [("Basel-Nord 2", "data-centre"),
                                                          ("RheinIX", "ixp")]
    assert "Datencentern" not in org_names(facts)
    facts = draft("Ende 2026 soll das neue Alpen-Datencenter in Graz fertig sein.", "de",
                  extractor)
    assert [f.name for f in facts.facilities] == ["Alpen-Datencenter"]


def test_a_code_before_a_generic_noun_is_a_data_centre_of_the_nearest_owner(extractor):
    facts = draft("Equinix will open its JB3 facility in Johannesburg and Teraco expands its "
                  "CT2 site in Cape Town.", "en", extractor)
    assert [(f.name, f.kind, f.operator, f.place.surface) for f in facts.facilities] == [
        ("JB3", "data-centre", "Equinix", "Johannesburg"),
        ("CT2", "data-centre", "Teraco", "Cape Town")]
    facts = draft("Odatix inauguró el primer edificio de su campus QR07 en Querétaro.", "es",
                  extractor)
    assert "QR07" in [f.name for f in facts.facilities]


def test_a_country_named_with_its_capital_and_island_territories(extractor):
    facts = draft("O cabo liga a Guiné-Conacri a Cabo Verde e chega depois a Lisboa.", "pt",
                  extractor)
    assert {(m.text, m.kind) for m in facts.places} >= {("Guiné-Conacri", "country"),
                                                        ("Cabo Verde", "country")}
    assert "Conacri" not in place_names(facts)
    facts = draft("Le câble relie Mayotte à Madagascar.", "fr", extractor)
    kinds = {m.text: m.kind for m in facts.places}
    assert kinds.get("Madagascar") == "country" and kinds.get("Mayotte") in (None, "island")


@pytest.mark.parametrize(("language", "text", "company"), [
    ("es", "El concurso lo ganó la mexicana Aztequia en 2013.", "Aztequia"),
    ("fr", "Le marocain Medafrix vient de renforcer ses fonds propres.", "Medafrix"),
    ("pt", "A portuguesa Lusonet assinou o contrato.", "Lusonet"),
    ("it", "L'accordo è stato firmato dalla francese Oranjia.", "Oranjia"),
])
def test_a_country_adjective_standing_for_a_company_noun(extractor, language, text, company):
    assert company in org_names(draft(text, language, extractor))


def test_a_country_adjective_before_a_person_makes_no_organisation(extractor):
    facts = draft("El argentino Lionel Mendoza visitó la planta.", "es", extractor)
    assert org_names(facts) == set()


def test_public_bodies_named_as_such(extractor):
    facts = draft("D'après un document de la Banque mondiale, le projet est financé.", "fr",
                  extractor)
    assert org_names(facts) == {"Banque mondiale"}
    facts = draft("A Lusonet assinou com a Câmara Municipal de Sines e com o governo do Ceará. "
                  "O estado do Ceará fica no Brasil.", "pt", extractor)
    assert {"Câmara Municipal de Sines", "governo do Ceará"} <= org_names(facts)
    assert "estado do Ceará" not in org_names(facts)


def test_a_lone_short_acronym_needs_another_cue_or_its_spelling_out(extractor):
    facts = draft("O MNE destacou a importância do ZILS para Sines.", "pt", extractor)
    assert org_names(facts) == set()
    facts = draft("Foram assinados na DGMR os títulos. Assinou o diretor da DGMR (Direção-"
                  "Geral do Mar e Recursos), no porto.", "pt", extractor)
    assert "DGMR" in {n for o in facts.organisations for n in [o.name, *o.aliases]}
