"""The drafting rules of the third session, on invented sentences (none from the corpus):
known names, verbs of business, currency codes, short forms in brackets, lists of members,
asides in brackets, one facility told twice."""

from __future__ import annotations

import pytest

from geo.draft import find_facts
from geo.draft.verbs import business_verb_forms


def orgs(text: str, language: str = "en") -> list[str]:
    return [o.name for o in find_facts(text, language=language).organisations]


def routes(text: str, language: str = "en") -> list[str]:
    return [r.name or r.description for r in find_facts(text, language=language).routes]


def deals(text: str, language: str = "en") -> list[list[str]]:
    return [d.parties for d in find_facts(text, language=language).agreements]


def test_verbs_are_conjugated_in_five_languages_and_english_plurals_stay_nouns():
    forms = business_verb_forms()
    assert {"adquirió", "ha adquirido", "adquirirá"} <= set(forms["es"])
    assert {"assinou", "adquiriu"} <= set(forms["pt"])
    assert {"ha acquisito", "acquisisce"} <= set(forms["it"])
    assert {"a signé", "ont signé", "investit"} <= set(forms["fr"])
    assert "funds" not in forms["en"] and "funded" in forms["en"]
    assert orgs("Voltarian adquirió una participación mayoritaria en la operadora.",
                "es") == ["Voltarian"]
    assert orgs("Pension funds are investing in data centres in Lisbon.") == []


def test_a_three_letter_code_by_an_amount_is_a_currency_not_a_year():
    assert orgs("The operator will invest PHP 5.6 billion in the new cable.") == []
    assert orgs("Since 2023 Zentel has signed an agreement with Kovacom.") == [
        "Zentel", "Kovacom"]
    assert "ZTX" in orgs("ZTX 5G services grew. ZTX signed a deal with Kovacom.")


def test_a_short_form_before_or_after_its_expansion_is_one_route():
    for text in ("NAMS (The North Andean Marine System) will land in Lima.",
                 "The North Andean Marine System (NAMS) will land in Lima. NAMS will be "
                 "4,900 km long."):
        assert len(find_facts(text, language="en").routes) == 1, text


def test_a_known_cable_name_inside_another_name_or_in_another_case_is_no_cable():
    assert routes("Microsoft Teams is used by the cable company.") == []
    assert routes("The TEAMS cable lands in Mombasa.") == ["TEAMS"]


def test_members_listed_after_a_colon_are_no_parties_unless_they_sign():
    assert deals("The contract was awarded by the Zephyr consortium, whose members are: "
                 "Kovacom, Zentel and Marlink.") == [["Zephyr consortium"]]
    assert ["Kovacom", "Google"] in [p[:2] for p in deals(
        "The consortium includes: Kovacom, Zentel and Marlink, which signed an agreement "
        "with Google.")]


def test_an_aside_in_brackets_is_no_party():
    assert deals("Kovacom e Zentel (controllata del gruppo Marlink) hanno firmato un "
                 "accordo per un nuovo cavo.", "it") == [["Kovacom", "Zentel"]]


def test_a_facility_of_the_headline_is_the_body_s_and_a_market_is_no_facility():
    text = ("Kovacom opens Lisbon's first IXP\n\n"
            "Kovacom has opened the first internet exchange point in Lisbon. "
            "The data center market in Portugal is growing.")
    facilities = find_facts(text, language="en").facilities
    assert [f.kind for f in facilities] == ["ixp"]


@pytest.mark.parametrize(("language", "text", "town"), [
    ("de", "In Heiligenhaus ist diese Woche der erste Spatenstich für ein Rechenzentrum "
           "erfolgt.", "Heiligenhaus"),
    ("it", "A Melegnano sarà il più grande campus della regione.", "Melegnano"),
])
def test_a_small_town_of_the_languages_country_after_a_preposition(language, text, town):
    places = [(p.text, p.kind) for p in find_facts(text, language=language).places]
    assert (town, "city") in places


def test_a_small_town_needs_its_country_or_language():
    assert find_facts("The cable lands in Heiligenhaus.", language="en").places == []


def test_a_small_town_of_a_country_the_text_names_before_the_languages():
    text = ("Der Betreiber baut ein Rechenzentrum in Velden. Es ist das größte Projekt der "
            "Niederlande.")
    places = {p.text: p.country for p in find_facts(text, language="de").places}
    assert places.get("Velden") == "NL"


@pytest.mark.parametrize("language, text, body", [
    ("es", "La Comisión Nacional de los Mercados y la Competencia aprobó la compra de la red "
           "por Xentric.", "Comisión Nacional de los Mercados y la Competencia"),
    ("es", "El Ministerio de Relaciones Exteriores y Culto firmó el acuerdo con Xentric.",
     "Ministerio de Relaciones Exteriores y Culto"),
    ("pt", "O Instituto de Tecnologia e Inovação Verdelho assinou um contrato com a Xentric.",
     "Instituto de Tecnologia e Inovação Verdelho"),
    ("fr", "La Caisse des Dépôts et Consignations a signé un accord avec Xentric.",
     "Caisse des Dépôts et Consignations"),
    ("it", "La Cassa Depositi e Prestiti finanzia il cavo di Xentric.",
     "Cassa Depositi e Prestiti"),
    ("en", "The Agency for Research and Innovation signed a contract with Xentric.",
     "Agency for Research and Innovation"),
])
def test_a_body_s_name_goes_on_after_a_conjunction(language, text, body):
    found = orgs(text, language)
    assert body in found, found
    assert not any(name != body and body.startswith(name) for name in found), found


def test_a_conjunction_after_a_body_s_name_joins_a_name_the_lists_know():
    found = orgs("El Ministerio de Economía y Telefónica firmaron un acuerdo para el cable.",
                 "es")
    assert "Telefónica" in found and "Ministerio de Economía" in found, found


def test_a_country_in_brackets_alone_makes_no_organisation():
    assert orgs("The cable lands in Porge (France) and Gibuti City (Gibuti).") == []


@pytest.mark.parametrize("language, text", [
    ("fr", "Le consortium réunit Vorbel (France), Xentric (Espagne) et Kovacom (Italie)."),
    ("pt", "O consórcio é formado pela Vorbel (França), Xentric (Espanha) e Kovacom (Itália)."),
])
def test_members_listed_with_their_countries_in_brackets_are_organisations(language, text):
    assert orgs(text, language) == ["Vorbel", "Xentric", "Kovacom"]


@pytest.mark.parametrize("language, text, body", [
    ("es", "El Ministerio de Transportes y Xentric firmaron un acuerdo para el cable.",
     "Ministerio de Transportes"),
    ("en", "The Ministry of Finance and Xentric signed an agreement for the cable.",
     "Ministry of Finance"),
    ("fr", "La Caisse des Dépôts et Xentric ont signé un accord.", "Caisse des Dépôts"),
    ("it", "Il Ministero dello Sviluppo Economico e Xentric hanno firmato un accordo.",
     "Ministero dello Sviluppo Economico"),
    ("es", "La Comisión Europea y Francia firmaron un acuerdo con Xentric.", "Comisión Europea"),
    ("es", "La Agencia de Regulación y el Gobierno de Chile firmaron un acuerdo con Xentric.",
     "Agencia de Regulación"),
])
def test_a_conjunction_after_a_body_s_name_before_a_new_name_or_place_joins_two(language, text,
                                                                                 body):
    (parties,) = deals(text, language)
    assert body in parties and "Xentric" in parties, parties


def test_a_conjunction_before_another_body_s_opening_word_joins_two_bodies():
    found = orgs("Firmaron la Agencia de Regulación y el Consorcio para el Intercambio de "
                 "Tráfico.", "es")
    assert "Agencia de Regulación" in found, found
    assert "Consorcio para el Intercambio de Tráfico" in found, found


@pytest.mark.parametrize("language, text, regulator", [
    ("pt", "O Conselho Administrativo de Defesa Econômica (Cade) aprovou, sem restrições, a "
           "compra de data center da Globo, localizado no Rio de Janeiro, pela empresa Drammen, "
           "do Grupo Piemonte.", "Conselho Administrativo de Defesa Econômica"),
    ("es", "La Comisión Nacional de los Mercados y la Competencia autorizó la compra de Vorbel "
           "por Xentric.", "Comisión Nacional de los Mercados y la Competencia"),
    ("en", "The Competition Commission approved the acquisition of Vorbel by Xentric.",
     "Competition Commission"),
])
def test_a_competition_or_securities_regulator_is_no_party(language, text, regulator):
    (parties,) = deals(text, language)
    assert len(parties) >= 2 and regulator not in parties, parties


@pytest.mark.parametrize("language, text, name, alias", [
    ("pt", "O presidente da Telecomunicações de Moçambique (TDM), Joaquim de Carvalho, disse que "
           "a empresa acaba de assinar um contrato com a Vorbel.",
     "Telecomunicações de Moçambique", "TDM"),
    ("pt", "A Vorbel assinou um memorando com a Agência para a Promoção de Investimento e "
           "Exportações (APIEX) em Maputo.",
     "Agência para a Promoção de Investimento e Exportações", "APIEX"),
    ("es", "XData Properties compró los terrenos. En marzo, XData suscribió un memorándum con "
           "Vorbel.", "XData Properties", "XData"),
])
def test_a_long_name_keeps_its_acronym_or_short_form_as_one_organisation(language, text, name,
                                                                          alias):
    facts = find_facts(text, language=language)
    found = {o.name: o.aliases for o in facts.organisations}
    assert alias in found.get(name, []) and alias not in found, found


def test_a_lower_case_nordic_legal_form_belongs_to_the_name():
    assert "Farice ehf" in orgs("The cable is owned by Farice ehf, which signed a contract "
                                "with SubCom.")


@pytest.mark.parametrize("text, body", [
    ("Das Vorhaben wird vom Bundesamt für Seekabel und Küstenschutz gefördert.",
     "Bundesamt für Seekabel und Küstenschutz"),
    ("Die Nordmärkische Förderbank finanziert das Kabel.", "Nordmärkische Förderbank"),
    ("Letztes Jahr übernahm die Xentric-Gruppe den Betreiber.", "Xentric-Gruppe"),
    ("Das Kovacom-Konsortium beauftragte den Hersteller.", "Kovacom-Konsortium"),
])
def test_a_german_body_or_group_is_named_by_its_compound(text, body):
    found = orgs(text, "de")
    assert body in found, found
    assert not any(name.endswith((" und", " für")) for name in found), found


@pytest.mark.parametrize("text, body, other", [
    ("Staatssekretär im Bundesamt für Seekabel und Küstenschutz Stefan Vorbel sagte, das "
     "Netz sei gut.", "Bundesamt für Seekabel und Küstenschutz", "Stefan Vorbel"),
    ("Das Bundesamt für Seekabel und Küstenschutz BSKS genehmigte den Bau.",
     "Bundesamt für Seekabel und Küstenschutz", "BSKS"),
])
def test_a_german_body_s_name_ends_before_another_name(text, body, other):
    found = orgs(text, "de")
    assert body in found and not any(other in name and name != other for name in found), \
        found


@pytest.mark.parametrize("language, text", [
    ("de", "Die Experten-Gruppe empfiehlt den Ausbau."),
    ("en", "The Working-Group met in Paris."),
    ("de", "Laut Bundesnetzagentur ist das Netz stabil."),
    ("en", "According to the Ministry of Finance, Monday and Tuesday will be holidays."),
])
def test_common_words_sources_and_days_make_no_part_of_a_body_s_name(language, text):
    found = orgs(text, language)
    assert not any(name.split("-")[0].split()[0] in ("Experten", "Working", "Laut")
                   or "Monday" in name for name in found), found


def test_a_german_body_word_before_a_name_describes_it_and_a_group_of_a_named_company_is_it():
    found = orgs("Die Kommunikationsbehörde Xentra genehmigte den Kauf.", "de")
    assert "Kommunikationsbehörde Xentra" not in found, found
    found = orgs("Vorbel kauft das Netz. Das Vorbel-Konsortium zahlt 2 Milliarden Euro.", "de")
    assert "Vorbel-Konsortium" not in found, found


def test_a_people_s_adjective_or_a_country_before_government_names_it():
    found = orgs("The Ghanaian government awarded Xentric a contract to build the cable. "
                 "The landing station in Mahé is owned by the Seychelles Government.")
    assert "Ghanaian government" in found and "Seychelles Government" in found, found
    for text in ("Xentric wants to build a dredger for a Ghanaian government agency.",
                 "The Ghanaian Government Cloud was launched by Xentric.",
                 "Then Ghanaian Government hackers attacked Xentric."):
        found = orgs(text)
        assert not any("government" in name.lower() for name in found), (text, found)


@pytest.mark.parametrize("language, text, body", [
    ("es", "El Ministerio de Industria, Turismo y Comercio aprobó el cable de Xentric.",
     "Ministerio de Industria, Turismo y Comercio"),
    ("en", "The Ministry of Trade, Industry and Fisheries signed a contract with Xentric.",
     "Ministry of Trade, Industry and Fisheries"),
])
def test_a_body_s_name_goes_on_over_an_enumeration_of_its_fields(language, text, body):
    found = orgs(text, language)
    assert body in found, found
    assert not any(name != body and body.startswith(name) for name in found), found


def test_an_enumeration_of_names_after_a_body_s_name_is_no_part_of_it():
    found = orgs("El Ministerio de Economía, Xentric y Vorbel firmaron un acuerdo.", "es")
    assert "Ministerio de Economía" in found and "Xentric" in found, found


@pytest.mark.parametrize("language, text, body", [
    ("de", "Das Land Tirol und Xentric gründeten eine Gesellschaft.", "Land Tirol"),
    ("de", "Der Ausbau wird vom Freistaat Bayern gefördert.", "Freistaat Bayern"),
    ("it", "La Regione Umbria coprirà metà del costo.", "Regione Umbria"),
])
def test_a_state_s_or_region_s_government_is_named_by_its_word_and_place(language, text,
                                                                        body):
    assert body in orgs(text, language)


@pytest.mark.parametrize("language, text", [
    ("it", "Il cavo di Xentric arriva in Regione Sicilia."),
    ("it", "Il cavo di Xentric collega la Sicilia alla Regione Calabria."),
    ("it", "Il cavo di Xentric attraversa la Regione Campania."),
    ("de", "Das Kabel von Xentric verläuft durch das Land Niedersachsen."),
    ("de", "Der Strom fließt aus dem Land Brandenburg nach Polen."),
    ("de", "Das Kabel von Xentric quert den Kanton Zürich."),
])
def test_a_region_s_word_where_a_place_stands_says_where(language, text):
    found = orgs(text, language)
    assert not any(name.startswith(("Regione", "Land ", "Kanton")) for name in found), found


@pytest.mark.parametrize("text, name", [
    ("Die Konzerntochter X-Vorbel baut das Rechenzentrum.", "X-Vorbel"),
    ("Der Pensionsfonds XNTR übernimmt den Betreiber.", "XNTR"),
    ("Die Infrastrukturinvestitionsagentur Kovacom50 finanziert das Kabel.", "Kovacom50"),
    ("Das Netz wird vom Co-Location-Wettbewerber Xentric One betrieben.", "Xentric One"),
])
def test_a_german_common_noun_before_a_name_says_what_it_is(text, name):
    found = orgs(text, "de")
    assert name in found, found


@pytest.mark.parametrize("text", [
    "Das Brandenburger Wirtschaftsministerium fördert das Kabel.",
    "Die Glasfaserleitung Nordwest wird gebaut.",
])
def test_a_german_word_before_a_body_or_common_word_is_no_apposition(text):
    found = orgs(text, "de")
    assert "Wirtschaftsministerium" not in found and "Nordwest" not in found, found


def test_an_attribute_inside_a_name_run_separates_the_owner_from_what_it_owns():
    found = orgs("The deal was led by Hong Kong-listed Xentra. The Kovacom-owned NWXS cable "
                 "was extended by Vorbel Capital-backed Xentric Networks.")
    assert "Xentra" in found and "Kovacom" in found and "Vorbel Capital" in found, found
    assert "Xentric Networks" in found, found
    assert not any("-listed" in name or "-owned" in name or "-backed" in name
                   for name in found), found
    assert not any(name.startswith("Hong") for name in found), found


@pytest.mark.parametrize("language, text, name", [
    ("es", "El Grupo Xentric compró la red.", "Grupo Xentric"),
    ("it", "Il Gruppo Vorbel ha comprato la rete.", "Gruppo Vorbel"),
    ("it", "La rete arriva fino alla sede di Xentric Energia a Roma.", "Xentric Energia"),
    ("en", "Xentric will lease the site from Vorbel Properties REIT.",
     "Vorbel Properties REIT"),
    ("fr", "Le terrain a été affecté à la Société Xentrique de Réseaux pour abriter la station.",
     "Société Xentrique de Réseaux"),
    ("es", "El préstamo de la Corporación Vorbel de Fomento cubre la obra.",
     "Corporación Vorbel de Fomento"),
])
def test_group_company_and_energy_words_make_a_name_an_organisation(language, text, name):
    assert name in orgs(text, language)


@pytest.mark.parametrize("language, text, name", [
    ("en", "The contract for the Greenland Cable System is worth 600 million dollars.",
     "Greenland Cable System"),
    ("en", "Xentric will extend the Southern Africa Cable System (XSAC) to Lagos.",
     "Southern Africa Cable System"),
    ("de", "Der Auftrag für das sogenannte Baltic Cable System hat ein Volumen von "
           "600 Millionen US-Dollar.", "Baltic Cable System"),
])
def test_a_place_before_cable_system_written_so_is_a_part_of_its_name(language, text, name):
    assert name in routes(text, language)


def test_a_place_before_a_lower_case_cable_word_or_system_alone_is_no_name():
    assert routes("The Lisbon cable was cut on Monday.") == []
    assert routes("The Greenland System was cut on Monday.") == []


def test_a_name_before_a_word_starting_like_a_cable_word_is_in_no_apposition():
    assert "KOVRA" not in routes("Xentric announced KOVRA, a systematic upgrade of its "
                                 "backbone.")


@pytest.mark.parametrize("language, text, name", [
    ("pt", "A Xentric anunciou o VORBRA, novo cabo submarino que ligará Fortaleza a Lisboa.",
     "VORBRA"),
    ("pt", "A Xentric ganhou a exploração do Vorbel CAM, o sistema de cabos submarinos que irá "
           "ligar Lisboa à Madeira.", "Vorbel CAM"),
])
def test_a_name_in_apposition_to_a_new_cable_or_the_system_of_cables(language, text, name):
    assert name in routes(text, language)


@pytest.mark.parametrize("language, text", [
    ("en", "Sydney-based Xentric has teamed with Malaysian developer Vorbel to build a data "
           "centre campus in Johor."),
    ("en", "Xentric and Vorbel have joined forces to build a cable."),
    ("es", "Xentric y Vorbel se han asociado para desarrollar un centro de datos."),
    ("fr", "Xentric s'est associé à Vorbel pour construire un centre de données."),
    ("it", "Xentric si è alleata con Vorbel per costruire un data center."),
])
def test_verbs_of_joining_forces_make_a_partnership(language, text):
    assert deals(text, language) == [["Xentric", "Vorbel"]]


@pytest.mark.parametrize("language, text", [
    ("pt", "A Xentric Telecom, em parceria com a Vorbel, vai construir uma ramificação do "
           "cabo."),
    ("en", "Xentric, in partnership with Vorbel, will build a data centre in Lagos."),
    ("es", "Xentric, en colaboración con Vorbel, construirá un centro de datos en Lima."),
    ("fr", "Xentric, en partenariat avec Vorbel, construira un centre de données à Dakar."),
])
def test_a_partner_named_in_an_aside_after_the_subject_is_a_party(language, text):
    assert deals(text, language) in ([["Xentric", "Vorbel"]], [["Xentric Telecom", "Vorbel"]])


@pytest.mark.parametrize("language, text", [
    ("pt", "A Xentric, em parceria com a Vorbel, vai construir uma ramificação do cabo."),
    ("it", "La Xentric, insieme a Vorbel, costruirà un nuovo data center a Bari."),
])
def test_a_name_after_only_an_article_then_an_aside_and_a_verb_is_the_subject(language, text):
    assert "Xentric" in orgs(text, language)


def test_a_german_country_adjective_before_a_name_shaped_word_makes_it_an_organisation():
    found = orgs("Das Kabel gehört der amerikanischen XN&T und der französischen KovaNet.", "de")
    assert "XN&T" in found and "KovaNet" in found, found
    found = orgs("Die Station liegt auf der arabischen Halbinsel.", "de")
    assert "Halbinsel" not in found, found


def test_a_partner_aside_opened_by_aux_cotes_de_names_a_party():
    assert deals("Xentric, aux côtés de Vorbel, a signé un contrat avec Orvalia pour construire "
                 "un câble.", "fr") == [["Xentric", "Vorbel", "Orvalia"]]


@pytest.mark.parametrize("text", [
    "US-backed Xentric signed a deal with Vorbel.",
    "Government-backed Xentric signed a deal with Vorbel.",
    "The Hong Kong-owned Xentric signed a deal with Vorbel.",
])
def test_a_place_or_common_word_owning_a_company_is_no_organisation(text):
    assert orgs(text) == ["Xentric", "Vorbel"]


@pytest.mark.parametrize("text, body", [
    ("Der Landkreis Vorpommern-Greifswald fördert das Kabel.",
     "Landkreis Vorpommern-Greifswald"),
    ("Das Bundesland Baden-Württemberg fördert den Ausbau mit Xentric.",
     "Bundesland Baden-Württemberg"),
])
def test_a_german_region_s_word_before_its_hyphenated_name_is_no_apposition(text, body):
    assert body in orgs(text, "de")


def test_a_german_database_is_no_bank_and_its_name_no_organisation():
    assert orgs("Die Zahlen stammen aus der Datenbank Kovadat.", "de") == []


def test_a_german_noun_before_a_party_s_name_is_no_part_of_it():
    found = deals("Der Pensionsfonds XNTR und die Konzerntochter T-Vorbel übernehmen die "
                  "Firma.", "de")
    assert found == [["XNTR", "T-Vorbel"]], found



def test_a_company_noun_opening_the_sentence_is_no_part_of_the_name():
    assert orgs("Operator Xentra Nigeria is building a data centre in Lagos.") == [
        "Xentra Nigeria"]
    assert orgs("Carrier Vorbel has signed a contract with Kovacom.") == ["Vorbel", "Kovacom"]


def test_lenders_and_finance_institutions_before_names_make_them_organisations():
    assert orgs("A loan from development finance institutions Xentra and Vorbel has been "
                "announced.") == ["Xentra", "Vorbel"]
    assert orgs("The lenders Kovacom and Vorbel will fund the cable.") == ["Kovacom", "Vorbel"]


def test_islands_are_waypoints_and_a_lower_case_quoted_word_is_no_cable_s_name():
    facts = find_facts('Kovacom presentó este cable "express" que conecta Aruba, Martinica y '
                       "Boca Ratón en Florida (EEUU).", language="es")
    [route] = facts.routes
    assert route.name == ""
    assert [w.surface for w in route.waypoints][:3] == ["Aruba", "Martinica", "Boca Ratón"]


def test_an_island_waypoint_becomes_a_site_of_the_draft():
    from geo.draft.entries import draft_entries

    facts = find_facts("The Kovacom cable will link Aruba and Martinique.")
    tables = draft_entries(facts, "kovacom")
    text = repr(tables)
    assert "'aruba'" in text and "'martinique'" in text


def test_an_article_with_decomposed_accents_is_drafted_as_the_composed_one():
    import unicodedata

    text = ("La société Xentra Côte d'Ivoire a signé à Abidjan un protocole d'accord avec "
            "Vorbel pour un câble sous-marin reliant Abidjan à Lomé.")
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    composed, decomposed = find_facts(text, language="fr"), find_facts(nfd, language="fr")
    assert [o.name for o in decomposed.organisations] == [
        o.name for o in composed.organisations]
    assert [r.name or [w.surface for w in r.waypoints] for r in decomposed.routes] == [
        r.name or [w.surface for w in r.waypoints] for r in composed.routes]
    assert len(decomposed.agreements) == len(composed.agreements) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("it", "Kovacom ha presentato il cavo Xentrafish. Kovacom realizzerà un cavo sottomarino "
           "che collegherà la Spagna e l’Italia. Questo progetto, denominato Xentrafish, "
           "costerà 100 milioni."),
    ("en", "Kovacom presented the Xentrafish cable. Kovacom will build a submarine cable "
           "linking Lisbon to Dakar. This project, named Xentrafish, will cost $100 million."),
])
def test_this_project_named_x_names_the_route_told_just_before(language, text):
    # (the name is a route's already, from the first sentence, as a cable's name from the
    # lists is: the unnamed route told just before is that one)
    facts = find_facts(text, language=language)
    assert [(r.name, len(r.waypoints)) for r in facts.routes] == [("Xentrafish", 2)]


def test_a_system_named_x_with_an_article_is_not_the_route_told_before():
    facts = find_facts("Kovacom presented the Xentrafish cable in 2021. Vorbel will build a "
                       "submarine cable linking Lisbon and Dakar. Kestra also owns a share in "
                       "a system named Xentrafish.")
    assert sorted((r.name, len(r.waypoints)) for r in facts.routes) == [
        ("", 2), ("Xentrafish", 0)]


@pytest.mark.parametrize("text", ["Partner Communications signed a deal with Vorbel.",
                                  "Investor AB will finance the cable.",
                                  "Carrier Corporation will finance the cable."])
def test_a_company_noun_opening_a_name_of_only_company_words_stays(text):
    names = orgs(text)
    assert names and names[0] == " ".join(text.split()[:2])


def test_the_nearest_word_of_state_is_found_past_a_long_run_of_spaces():
    from geo.draft.sentences import Sentence
    from geo.draft.status import status_near

    text = "Das Kabel errichtet" + " " * 80 + "wird X."
    sentence = Sentence(0, 0, len(text), text)
    assert status_near(text, text.index("X"), sentence, "de", "route") == \
        "under-construction"


@pytest.mark.parametrize(("language", "text"), [
    ("es", "Kovacom presentó un cable submarino que conecta Aruba y Martinica. Así, dicho cable "
           "tendrá una longitud de 3.700 kilómetros y conecta puntos clave en el Caribe y "
           "América del Norte."),
    ("it", "Kovacom realizzerà un cavo sottomarino che collegherà Genova e Palermo. Il suddetto "
           "cavo avrà una lunghezza di 1.070 chilometri e collegherà l'Italia e la Francia."),
])
def test_said_cable_is_the_route_told_before(language, text):
    [route] = find_facts(text, language=language).routes
    assert route.figure("length").value in (3700, 1070)


@pytest.mark.parametrize("text", [
    "DENVER — Kovacom, an interconnection company, today announced it has acquired Vorbel.",
    "LISBON (Lusa) - Kovacom, an interconnection company, today announced it has acquired "
    "Vorbel.",
    "XENTRAVILLE, Nigeria — Kovacom has acquired Vorbel.",
])
def test_a_dateline_in_capitals_is_no_organisation(text):
    # (a city's name in capitals, opening the text, before a dash or a news agency)
    assert orgs(text) == ["Kovacom", "Vorbel"]
    assert [d for d in deals(text)] == [["Kovacom", "Vorbel"]]


def test_an_attribute_before_a_party_s_noun_is_no_party():
    text = "Kovacom announced it has acquired Xentraville-based infrastructure provider Vorbel."
    assert orgs(text) == ["Kovacom", "Vorbel"]
    assert deals(text) == [["Kovacom", "Vorbel"]]


def test_a_name_in_capitals_that_is_no_place_opening_a_paragraph_stays_a_name():
    text = ("KDDI — the Japanese operator — has signed a capacity agreement with Telstra.\n"
            "The agreement gives KDDI more capacity, a spokesperson for KDDI said.")
    assert orgs(text) == ["KDDI", "Telstra"]
    assert deals(text) == [["KDDI", "Telstra"]]
