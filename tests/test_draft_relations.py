"""Routes and agreements of geo.draft (issue 12) on short sentences written for these tests, in
the six languages of the news: the classes of phrasing the rules must generalise to (not
sentences of the labelled corpus)."""

from __future__ import annotations

import pytest

from geo.draft import find_facts
from geo.draft.dates import weekday_dates
from geo.draft.facts import DraftFacts
from geo.draft.rules import default_extractor


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def draft(text: str, language: str = "en", date: str | None = None, extractor=None
          ) -> DraftFacts:
    facts = find_facts(text, language=language, article_date=date, extractor=extractor)
    for fact in facts.routes + facts.agreements:
        assert text[fact.evidence.start:fact.evidence.end] == fact.evidence.sentence
    return facts


def deals(facts: DraftFacts) -> list[tuple[str, set[str], str | None, str | None]]:
    return [(a.kind, set(a.parties), a.date, a.venue.surface if a.venue else None)
            for a in facts.agreements]


# ---------------------------------------------------------------------- routes


def test_a_route_named_in_the_next_sentence_keeps_that_sentence_s_figures(extractor):
    facts = draft("Orion and Vela announced a new subsea cable connecting France to the "
                  "United States. The cable, called Zephyr 2, will be 6,600 km long and is "
                  "expected to enter service in 2026.", extractor=extractor)
    [route] = facts.routes
    assert route.name == "Zephyr 2"
    assert route.medium == "submarine"
    assert route.figure("length").value == 6600
    assert route.figure("ready-for-service").value == 2026


def test_a_number_before_the_word_for_a_cable_leaves_it_indefinite(extractor):
    facts = draft("Lakefibre is building a 1,000 km terrestrial fibre network between "
                  "Toronto and Chicago.", extractor=extractor)
    [route] = facts.routes
    assert [w.surface for w in route.waypoints] == ["Toronto", "Chicago"]
    assert route.medium == "terrestrial"
    assert route.figure("length").value == 1000


@pytest.mark.parametrize("language, text, ends", [
    ("de", "Die Nordnetz AG hat den Ausbau des Glasfaserkabels zwischen Hamburg und Hannover "
           "abgeschlossen.", ["Hamburg", "Hannover"]),
    ("es", "La empresa Andired construirá una red de fibra óptica de 900 kilómetros entre "
           "Lima y Arequipa.", ["Lima", "Arequipa"]),
    ("pt", "A Fibrasul vai construir uma rede de fibra óptica entre Curitiba e "
           "Florianópolis.", ["Curitiba", "Florianópolis"]),
    ("it", "Retenova realizzerà una rete in fibra ottica di 300 km tra Bologna e Firenze.",
     ["Bologna", "Firenze"]),
])
def test_inflected_and_network_words_for_a_route(extractor, language, text, ends):
    facts = draft(text, language, extractor=extractor)
    assert [[w.surface for w in r.waypoints] for r in facts.routes] == [ends]


@pytest.mark.parametrize("language, text, name", [
    ("pt", "O cabo submarino entre Angola e o Brasil, denominado de Sistema de Cabo do "
           "Atlântico Norte, custará 200 milhões.", "Sistema de Cabo do Atlântico Norte"),
    ("es", "El cable, conocido como Pacífico Austral, unirá Lima con Santiago.",
     "Pacífico Austral"),
    ("en", "The new cable, known as Boreal, will connect Oslo and Aberdeen.", "Boreal"),
])
def test_naming_phrases_name_the_route(extractor, language, text, name):
    facts = draft(text, language, extractor=extractor)
    assert [r.name for r in facts.routes] == [name]


@pytest.mark.parametrize("language, text", [
    ("it", "Unifibra realizzerà una rete in fibra ottica FTTH nelle aree interne."),
    ("de", "Das Rechenzentrum liegt im Rhein-Main-Gebiet und ist mit zwei Kabeln "
           "angebunden."),
    ("en", "Recent cable landing station news from India shows the growth of the business."),
    ("en", "Submarine cable services provider Oceanix was hired by the group."),
])
def test_words_that_name_no_route(extractor, language, text):
    assert [r.name for r in draft(text, language, extractor=extractor).routes if r.name] == []


def test_names_listed_after_existing_cables(extractor):
    facts = draft("Ce réseau sera une antenne des câbles existants Corail et Corail2 qui "
                  "relient déjà Maurice et Madagascar.", "fr", extractor=extractor)
    assert {"Corail", "Corail2"} <= {r.name for r in facts.routes}


def test_a_headline_and_the_body_telling_one_cable_are_one_route(extractor):
    facts = draft("Cabo submarino entre Angola e o Brasil custa 200 milhões\n\n"
                  "O governo aprovou uma garantia para instalar um cabo submarino ligando "
                  "Angola e o Brasil, denominado Atlântida.", "pt", extractor=extractor)
    assert [r.name for r in facts.routes] == ["Atlântida"]


# ---------------------------------------------------------------------- agreements


@pytest.mark.parametrize("language, text, parties", [
    ("en", "Digital Realm announced it has acquired Terafix, a data centre provider, for $3.5 "
           "billion.", {"Digital Realm", "Terafix"}),
    ("en", "Austel said on Monday it had agreed to buy Digivox Pacific for $1.6 billion.",
     {"Austel", "Digivox Pacific"}),
    ("fr", "Ilion a finalisé le rachat de l'opérateur Saltia pour 2,7 milliards de francs.",
     {"Ilion", "Saltia"}),
    ("it", "Tivo ha firmato con Poste Nove un accordo per la fornitura di servizi cloud.",
     {"Tivo", "Poste Nove"}),
    ("it", "L'accordo tra Open Fibra e Retelio è stato siglato a Roma.",
     {"Open Fibra", "Retelio"}),
    ("de", "Am 5. Juni 2023 unterzeichneten Telefonix und Einsundeins in München eine "
           "Vereinbarung.", {"Telefonix", "Einsundeins"}),
    ("en", "Meanwhile, in West Africa, Gabcom Gabon, part of the Gabcom consortium, and "
           "Medlink Africa have signed a construction agreement.",
     {"Gabcom Gabon", "Medlink Africa"}),
])
def test_the_parties_of_a_deal_are_organisations(extractor, language, text, parties):
    facts = draft(text, language, extractor=extractor)
    assert [set(a.parties) for a in facts.agreements] == [parties]
    assert parties <= {o.name for o in facts.organisations}


@pytest.mark.parametrize("language, text", [
    ("fr", "Orange annonce la signature d'un accord pour la construction du câble entre "
           "Mayotte et Grande Comore."),
    ("en", "Our partnership with Alpha covers 117 million EUR of works."),
    ("de", "Das Unternehmen Nordkabel hat mit dem Betreiber Wellenfunk eine Vereinbarung "
           "unterzeichnet."),
])
def test_places_currencies_and_company_nouns_are_no_parties(extractor, language, text):
    names = {o.name for o in draft(text, language, extractor=extractor).organisations}
    assert not names & {"Grande Comore", "Mayotte", "EUR", "Betreiber Wellenfunk"}


def test_a_date_far_from_a_verb_at_the_end_of_its_clause(extractor):
    facts = draft("Die Nordnetz AG und die Südfunk GmbH haben am 4. Mai 2023 in Berlin eine "
                  "Vereinbarung über den Bau eines neuen Seekabels zwischen Rostock und "
                  "Helsinki unterzeichnet.", "de", extractor=extractor)
    assert deals(facts) == [("other", {"Nordnetz AG", "Südfunk GmbH"}, "2023-05-04",
                             "Berlin")]


def test_a_date_of_another_act_is_no_signing_date(extractor):
    facts = draft("Le pays avait autorisé en juillet 2013 la signature d'un contrat avec la "
                  "société Huatel Ltd.", "fr", extractor=extractor)
    assert [a.date for a in facts.agreements] == [None]


def test_a_weekday_is_the_article_s_date_only_on_that_weekday():
    text = "A Vivex e a Timbra assinaram nesta terça-feira um contrato."
    assert [d.value for d in weekday_dates(text, 0, len(text), "2013-12-03")] == [
        "2013-12-03"]  # a Tuesday
    assert weekday_dates(text, 0, len(text), "2013-12-05") == []
    assert weekday_dates(text, 0, len(text), None) == []


def test_a_later_memorandum_of_the_companies_is_another_deal(extractor):
    facts = draft("A Vivex e a Timbra assinaram nesta terça-feira contrato de permuta de "
                  "fibras.\n\nO acordo prevê a cessão de fibras.\n\nDe acordo com as "
                  "empresas, a assinatura do contrato é um desfecho para o memorando de "
                  "entendimento assinado em outubro de 2012.", "pt", "2013-12-03",
                  extractor=extractor)
    assert deals(facts) == [("contract", {"Vivex", "Timbra"}, "2013-12-03", None),
                            ("memorandum", {"Vivex", "Timbra"}, "2012-10", None)]


def test_a_company_s_make_up_is_no_deal(extractor):
    facts = draft("Bdex Indonesia is a joint venture between Bdex, Indosol and Lintara.",
                  extractor=extractor)
    assert facts.agreements == []


@pytest.mark.parametrize("language, text, parties, venue", [
    ("en", "Palcom and Microtel have entered into a memorandum of understanding at the Koror "
           "Grand Hotel in Koror to build a cable.", {"Palcom", "Microtel"},
     "Koror Grand Hotel"),
    ("es", "El contrato fue firmado en la sede del Ministerio de Transportes, en Lima, por "
           "Telefónica del Perú y Entelco.", {"Telefónica del Perú", "Entelco"},
     "Ministerio de Transportes"),
    ("it", "L'accordo è stato firmato presso la sede di Confindustria a Roma da Sparkle e "
           "Open Fibra.", {"Sparkle", "Open Fibra"}, "Confindustria"),
])
def test_a_building_or_body_where_a_deal_is_signed_is_its_venue_not_a_party(
        extractor, language, text, parties, venue):
    [(_kind, found, _date, where)] = deals(draft(text, language, extractor=extractor))
    assert (found, where) == (parties, venue)


def test_the_seller_of_a_purchase_is_a_party(extractor):
    facts = draft("Bdex Indonesia announced a campus on a plot that it acquired from "
                  "Suryaland Estates.", extractor=extractor)
    assert "Suryaland Estates" in {o.name for o in facts.organisations}
    assert any("Suryaland Estates" in a.parties for a in facts.agreements)


def test_da_of_portuguese_is_no_agent(extractor):
    facts = draft("A assinatura dos contratos decorreu hoje em Sines numa reunião da "
                  "Comunidade Portotech, presidida pelo ministro.", "pt", extractor=extractor)
    assert "Comunidade Portotech" not in {p for a in facts.agreements for p in a.parties}


def test_purchases_of_different_things_are_different_deals(extractor):
    facts = draft("Vantex Data Centers has completed its acquisition of the data center campus "
                  "Nextgen Data. Nextgen is the sixth site of Vantex following its acquisition "
                  "of Etrix Everywhere. Infravest and Vantex agreed to the sale of the data "
                  "center in April. The Nextgen acquisition was funded with equity commitments "
                  "from Digicol, the data center branch of Colonia Capital.",
                  extractor=extractor)
    found = [(a.kind, set(a.parties)) for a in facts.agreements]
    assert ("acquisition", {"Vantex Data Centers", "Infravest"}) in found  # the main deal
    assert ("acquisition", {"Vantex Data Centers", "Etrix Everywhere"}) in found
    assert ("other", {"Digicol", "Vantex Data Centers"}) in found  # its funding
    assert len(found) == 3


def test_the_month_last_of_its_name_dates_a_signing():
    from geo.draft.dates import last_month_dates

    def values(text: str, date: str | None) -> list[str | None]:
        return [d.value for d in last_month_dates(text, 0, len(text), date)]

    assert values("La société a signé en juin dernier un accord.", "2024-09-10") == ["2024-06"]
    assert values("firmato a novembre scorso", "2024-09-10") == ["2023-11"]  # a year before
    assert values("The deal was signed last June.", None) == []


@pytest.mark.parametrize("language, text, parties, venue", [
    ("pt", "A Guilabo, operadora de comunicações internacionais da Guiné e a Cevetel "
           "assinaram, na cidade da Praia, um memorando de entendimento.",
     {"Guilabo", "Cevetel"}, "Praia"),
    ("pt", "A Asterix Partners anunciou a entrada no mercado, através da compra à Altavia "
           "Portugal do Covilhã Data Center Campus, por 120 milhões de euros.",
     {"Asterix Partners", "Altavia Portugal"}, None),
])
def test_coordinated_subjects_and_sellers_are_parties(extractor, language, text, parties,
                                                      venue):
    [(_kind, found, _date, where)] = deals(draft(text, language, extractor=extractor))
    assert (found, where) == (parties, venue)


def test_both_parties_are_those_of_the_previous_deal(extractor):
    facts = draft("A Asterix Partners comprou à Altavia Portugal o campus da Covilhã. A "
                  "Altavia continuará a ser o principal cliente ao abrigo de um contrato de "
                  "serviços que dá visibilidade a ambas as partes.", "pt",
                  extractor=extractor)
    assert [set(a.parties) for a in facts.agreements][-1] >= {"Asterix Partners"}


def test_a_route_told_by_countries_then_by_towns_is_one_route(extractor):
    facts = draft("Neues Glasfaserkabel nach Dänemark soll Norwegen mehr Sicherheit bringen\n\n"
                  "Die Behörde hat einen Vertrag unterzeichnet, um eine neue sichere Route "
                  "zwischen Norwegen und dem Ausland einzurichten. Die neue Route wird von Oslo "
                  "über Kristiansand nach Esbjerg verlaufen. Der Partner baut auch das "
                  "Unterwasserkabel „Nordlicht“.", "de", extractor=extractor)
    unnamed = [r for r in facts.routes if not r.name]
    assert [[w.surface for w in r.waypoints] for r in unnamed] == [
        ["Oslo", "Kristiansand", "Esbjerg"]]
    assert [r.name for r in facts.routes if r.name] == ["Nordlicht"]


@pytest.mark.parametrize("language, text, name", [
    ("es", "La Red Dorsal Andina nació como un proyecto del Estado.", "Red Dorsal Andina"),
    ("es", "El gobierno ampliará la Red Provincial de Fibra Óptica (Repfo) en la provincia.",
     "Red Provincial de Fibra Óptica"),
    ("it", "Sparkle ha stabilito il suo hub, fra cui il proprio MedLink che collega Italia, "
           "Francia e Grecia.", "MedLink"),
    ("fr", "Le câble Sealink, qui relie Dakar à Praia, est en service.", "Sealink"),
])
def test_network_names_and_names_that_link_places(extractor, language, text, name):
    assert name in {r.name for r in draft(text, language, extractor=extractor).routes}


@pytest.mark.parametrize("language, text", [
    ("es", "Red Eléctrica de España invertirá 200 millones."),
    ("it", "MedLink è il nuovo cavo di Sparkle che collega l'Italia alla Francia."),
])
def test_grids_and_owners_are_no_route_names(extractor, language, text):
    names = {r.name for r in draft(text, language, extractor=extractor).routes}
    assert not names & {"Red Eléctrica de España", "Sparkle"}


def test_a_segment_with_its_own_ends_and_length_is_a_route_of_its_own(extractor):
    facts = draft("El gobierno ampliará la Red Provincial de Fibra Óptica en la provincia. "
                  "Del total, 100 kilómetros corresponden al tendido entre Córdoba y "
                  "Rosario.", "es", extractor=extractor)
    segment = [r for r in facts.routes if not r.name]
    assert [[w.surface for w in r.waypoints] for r in segment] == [["Córdoba", "Rosario"]]
    assert segment[0].figure("length").value == 100


@pytest.mark.parametrize("language, text, ends", [
    ("en", "Malta and Sicily will be connected by a new subsea cable.", ["Malta", "Sicily"]),
    ("pt", "Cabo Verde e Senegal vão estar ligados brevemente por um cabo submarino.",
     ["Cabo Verde", "Senegal"]),
])
def test_ends_before_a_passive_of_linking(extractor, language, text, ends):
    facts = draft(text, language, extractor=extractor)
    assert [[w.surface for w in r.waypoints] for r in facts.routes] == [ends]


def test_a_route_told_by_a_headline_quotes_the_body(extractor):
    text = ("Malta e Sicília ligados por cabo submarino em breve\n\n"
            "Malta e Sicília vão estar ligados brevemente por um cabo submarino.")
    [route] = draft(text, "pt", extractor=extractor).routes
    assert route.evidence.sentence.startswith("Malta e Sicília vão estar")


def test_german_subject_and_object_of_a_verb_final_purchase(extractor):
    facts = draft("Die Deutsche Faserwerk hat den Netzbetreiber Inexion übernommen.", "de",
                  extractor=extractor)
    assert [set(a.parties) for a in facts.agreements] == [{"Deutsche Faserwerk", "Inexion"}]


@pytest.mark.parametrize("language, text, year", [
    ("en", "The target is turning it online by the third quarter of 2025.", 2025),
    ("fr", "Le système sera complet vers la fin de 2028.", 2028),
    ("de", "Anfang 2022 soll die Verbindung in Betrieb gehen.", 2022),
    ("es", "El cable estará habilitado en el 2010.", 2010),
])
def test_ready_for_service_words(language, text, year):
    from geo.draft.figures import ready_years

    assert [q.value for q in ready_years(text, 0, len(text), language, None)] == [year]


@pytest.mark.parametrize("language, text, parties", [
    ("fr", "La société Nuvola Data est présente au Maroc. La société a acquis un terrain à "
           "Casablanca "
           "pour y construire un centre de données.", {"Nuvola Data"}),
    ("en", "The contract for the cable between Fiji and Tonga has been awarded to French "
           "telecommunications giant Alcanet this week. Alcanet won the contract against "
           "tenderers that included Marinex of China and Nekko of Japan.", {"Alcanet"}),
    ("pt", "O acordo foi fechado entre a Nordeste Telecom e o grupo Eleva Digital, integrado "
           "por Titania Capital e Piemonte Holding.", {"Nordeste Telecom", "Eleva Digital"}),
])
def test_who_is_a_party_and_who_is_not(extractor, language, text, parties):
    facts = draft(text, language, extractor=extractor)
    assert [set(a.parties) for a in facts.agreements] == [parties]


@pytest.mark.parametrize("language, text, parties", [
    ("en", "Borneo Data has announced a new campus. It is built on a plot that the company "
           "acquired from Suryaland Estates.", {"Borneo Data", "Suryaland Estates"}),
    ("es", "La empresa Odatix anunció su tercer centro de datos. En virtud de una alianza "
           "estratégica con Ampera, se llevará a cabo una segunda etapa.",
     {"Odatix", "Ampera"}),
])
def test_the_organisation_the_text_speaks_of_is_the_implicit_party(extractor, language, text,
                                                                   parties):
    facts = draft(text, language, extractor=extractor)
    assert [set(a.parties) for a in facts.agreements] == [parties]


@pytest.mark.parametrize("text, name", [
    ("The Trans-Sahel Backbone will link Algeria, Niger and Chad.", "Trans-Sahel Backbone"),
    ("Google announced the “Nuvola” cable, connecting Portugal to Bermuda.", "Nuvola"),
])
def test_names_before_backbone_and_quoted_names_before_cable(extractor, text, name):
    assert [r.name for r in draft(text, extractor=extractor).routes] == [name]


@pytest.mark.parametrize("language, text, parties", [
    ("en", "Austel has selected Cienix to upgrade its network between Sydney and Perth.",
     [{"Austel", "Cienix"}]),
    ("es", "Ufinex eligió a Huaxin para desplegar su red en Colombia.",
     [{"Ufinex", "Huaxin"}]),
    ("it", "Open Fibra ha scelto Prysmix per la fornitura dei cavi.",
     [{"Open Fibra", "Prysmix"}]),
    ("en", "The selected sites will be announced next year. Google chose Portugal for its "
           "landing.", []),
])
def test_choosing_a_supplier_is_a_contract_between_the_two(extractor, language, text,
                                                           parties):
    facts = draft(text, language, extractor=extractor)
    assert [set(a.parties) for a in facts.agreements] == parties


def test_german_passive_agents_before_the_participle(extractor):
    facts = draft("Die Vereinbarung wurde in Frankfurt von Nordnetz und Südfunk unterzeichnet.",
                  "de", extractor=extractor)
    assert [(set(a.parties), a.venue.surface if a.venue else None)
            for a in facts.agreements] == [({"Nordnetz", "Südfunk"}, "Frankfurt")]


@pytest.mark.parametrize("language, text", [
    ("en", "The operator said the new system will improve latency across its network. The "
           "company will expand its fibre network to 20 new cities."),
    ("it", "La rete mobile di Telenova copre il 99% della popolazione. Il sistema è stato "
           "aggiornato a Milano e Roma."),
    ("de", "Das Netz der Telekom erreicht 90 Prozent der Haushalte. Die Verbindung zwischen "
           "Politik und Wirtschaft ist eng."),
])
def test_generic_networks_and_systems_are_no_routes(extractor, language, text):
    assert draft(text, language, extractor=extractor).routes == []


@pytest.mark.parametrize("language, text, names", [
    ("en", "Angola is already connected to the SAT-3, WACS and ACE cables.",
     {"SAT-3", "WACS", "ACE"}),
    ("es", "Chile ya cuenta con los cables Curie, SAm-1 y Pratia.", {"Curie", "SAm-1", "Pratia"}),
    ("de", "In Marseille landen die Seekabel 2Africa, PEACE und AAE-1.",
     {"2Africa", "PEACE", "AAE-1"}),
])
def test_cables_listed_before_or_after_a_plural(extractor, language, text, names):
    assert {r.name for r in draft(text, language, extractor=extractor).routes} == names


@pytest.mark.parametrize("text, date", [
    ("Alphanet and Betacom signed an agreement to build a cable that will be ready by June "
     "2025.", None),
    ("Alphanet and Betacom signed an agreement on 5 June 2023 in Lagos.", "2023-06-05"),
])
def test_a_date_of_service_is_no_signing_date(extractor, text, date):
    facts = draft(text, date="2023-07-01", extractor=extractor)
    assert [a.date for a in facts.agreements] == [date]


@pytest.mark.parametrize("language, text", [
    ("en", "Alphanet inks deal with Betacom in Lagos on 5 June 2023."),
    ("pt", "A Alphanet e a Betacom fecham acordo em Lisboa a 5 de junho de 2023."),
    ("es", "Alphanet y Betacom rubricaron el 5 de junio de 2023 en Lima un acuerdo."),
])
def test_more_verbs_of_signing(extractor, language, text):
    facts = draft(text, language, extractor=extractor)
    assert [(set(a.parties), a.date) for a in facts.agreements] == [
        ({"Alphanet", "Betacom"}, "2023-06-05")]


@pytest.mark.parametrize("language, text, count", [
    ("fr", "La société Orangina annonce la signature d'un accord pour la construction du "
           "câble.", 0),
    ("fr", "Le groupe Sonatix a signé un protocole d'accord en vue de la construction d'un "
           "câble.", 1),
    ("en", "Acme Telecom says the partnership programme is growing.", 0),
])
def test_an_agreement_has_two_sides_unless_one_is_said_to_sign(extractor, language, text,
                                                               count):
    assert len(draft(text, language, extractor=extractor).agreements) == count


@pytest.mark.parametrize("text, names", [
    ("The landing station is used by two cables. It also hosts the Eastsea and Seacomm "
     "systems.", {"Eastsea", "Seacomm"}),
    ("The company uses the Sapio and Oraclex systems for billing.", set()),
])
def test_systems_listed_where_cables_are_spoken_of(extractor, text, names):
    assert {r.name for r in draft(text, extractor=extractor).routes} == names


def test_partners_named_in_the_next_sentence(extractor):
    facts = draft("Globo Telecom Inc. said it has entered into an agreement with three other "
                  "telco players to put up the Asia Ring Cable. Apart from Globo, the "
                  "consortium is made up of China Telenet Ltd., Ditel Corp. and Unified "
                  "Networks Sdn Bhd.", extractor=extractor)
    assert [set(a.parties) for a in facts.agreements] == [
        {"Globo Telecom Inc.", "China Telenet Ltd.", "Ditel Corp.", "Unified Networks Sdn Bhd"}]
