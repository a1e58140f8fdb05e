"""The drafting rules of geo.draft (issue 12) on short synthetic texts in the six languages of
the news, the issue's NTT–Telstra paragraph, and hostile text.

The sentences are written for these tests (not taken from the labelled corpus); each test
states what the rule it exercises must find in them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from geo.draft import find_facts
from geo.draft.dates import dates
from geo.draft.facts import DraftFacts
from geo.draft.figures import capacities, lengths, parse_number
from geo.draft.rules import default_extractor
from geo.draft.sentences import split_sentences
from geo.text import name_key

NTT_TELSTRA = (
    "NTT and Telstra signed an agreement in Singapore to build a new submarine cable linking "
    "Sydney to Singapore via Jakarta. The 6,000 km system is expected to be ready for service "
    "in 2027. Telstra will also open a new point of presence in Equinix's SG3 data centre in "
    "Singapore.")


@pytest.fixture(scope="module")
def extractor():
    return default_extractor()


def draft(text: str, language: str = "en", date: str | None = None, extractor=None
          ) -> DraftFacts:
    facts = find_facts(text, language=language, article_date=date, extractor=extractor)
    _assert_evidence(text, facts)
    return facts


def _assert_evidence(text: str, facts: DraftFacts) -> None:
    """Every fact quotes a sentence of the text, at its offsets."""
    evidences = [f.evidence for f in facts.organisations + facts.facilities + facts.routes
                 + facts.agreements]
    evidences += [g.evidence for r in facts.routes for g in r.figures]
    evidences += [e for a in facts.agreements for e in (a.date_evidence, a.venue_evidence)
                  if e is not None]
    for ev in evidences:
        assert text[ev.start:ev.end] == ev.sentence, ev
    for m in facts.places:
        assert text[m.start:m.end] == m.text


def org_names(facts: DraftFacts) -> set[str]:
    return {o.name for o in facts.organisations}


def org(facts: DraftFacts, name: str):
    return next(o for o in facts.organisations if o.name == name)


# --------------------------------------------------------------------------- the example


def test_ntt_telstra_paragraph(extractor):
    facts = draft(NTT_TELSTRA, extractor=extractor)
    assert org_names(facts) == {"NTT", "Telstra", "Equinix"}

    dc = next(f for f in facts.facilities if f.kind == "data-centre")
    assert (dc.name, dc.operator, dc.place.surface) == ("SG3", "Equinix", "Singapore")
    assert dc.status in ("unspecified", "operational")
    pop = next(f for f in facts.facilities if f.kind == "pop")
    assert (pop.operator, pop.host, pop.status) == ("Telstra", "SG3", "planned")
    assert len(facts.facilities) == 2

    [route] = facts.routes
    assert route.name == ""
    assert (route.medium, route.status) == ("submarine", "planned")
    assert [w.surface for w in route.waypoints] == ["Sydney", "Jakarta", "Singapore"]
    assert route.figure("length").value == 6000
    assert route.figure("length").unit == "km"
    assert route.figure("ready-for-service").value == 2027
    assert route.figure("length").evidence.sentence.startswith("The 6,000 km system")

    [agreement] = facts.agreements
    assert set(agreement.parties) == {"NTT", "Telstra"}
    assert agreement.venue.surface == "Singapore"
    assert agreement.date is None  # the text gives no date, the article's is not used
    assert agreement.evidence == route.evidence  # the route it is about: same sentence


def test_ntt_telstra_paragraph_with_an_article_date_still_has_no_signing_date(extractor):
    facts = draft(NTT_TELSTRA, date="2024-03-01", extractor=extractor)
    assert facts.agreements[0].date is None


# --------------------------------------------------------------------------- organisations


def test_organisations_by_suffix_noun_and_role_in_english(extractor):
    facts = draft("Kestrel Networks has partnered with the operator Brightline to extend its "
                  "backbone. Maria Okafor, chief executive of Kestrel Networks, said the "
                  "work starts in June.", extractor=extractor)
    assert org_names(facts) == {"Kestrel Networks", "Brightline"}


def test_acronym_definition_and_short_form_are_aliases(extractor):
    facts = draft("The Pacific Data Exchange (PDX) and Halcyon Communications signed a "
                  "memorandum of understanding. Halcyon will supply the fibre.",
                  extractor=extractor)
    assert set(org(facts, "Pacific Data Exchange").aliases) == {"PDX"}
    assert set(org(facts, "Halcyon Communications").aliases) == {"Halcyon"}


def test_consortium_list_makes_every_member_an_organisation(extractor):
    facts = draft("The Aurora consortium, comprised of Nordlink, Baltica Telecom and Vexa, "
                  "will lay the cable.", extractor=extractor)
    assert {"Nordlink", "Baltica Telecom", "Vexa"} <= org_names(facts)


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("fr", "La société Nordatel a signé un contrat avec le groupe Sahelcom.",
     {"Nordatel", "Sahelcom"}),
    ("es", "La empresa Andicable firmó un acuerdo con la operadora Telmar.",
     {"Andicable", "Telmar"}),
    ("pt", "A operadora Lusonet assinou um acordo com a Atlântica Telecom.",
     {"Lusonet", "Atlântica Telecom"}),
    ("it", "Il gruppo Fibratel ha siglato un accordo con la società Marenet.",
     {"Fibratel", "Marenet"}),
    ("de", "Das Unternehmen Nordkabel hat mit dem Betreiber Wellenfunk eine Vereinbarung "
           "unterzeichnet.", {"Nordkabel", "Wellenfunk"}),
])
def test_organisations_after_a_company_noun_in_each_language(extractor, language, text,
                                                              expected):
    assert org_names(draft(text, language, extractor=extractor)) == expected


def test_government_of_a_country_is_an_organisation(extractor):
    facts = draft("Le gouvernement malien a signé une convention avec la société Sahelcom.",
                  "fr", extractor=extractor)
    assert org_names(facts) == {"gouvernement malien", "Sahelcom"}


def test_persons_and_news_sources_are_not_organisations(extractor):
    facts = draft("The deal was first revealed by Telegeo in May. Jonas Berg, president of "
                  "Vantel, said the ministry approved it.", extractor=extractor)
    assert org_names(facts) == {"Vantel"}


# --------------------------------------------------------------------------- facilities


def test_data_centre_with_a_code_operator_place_and_status_in_french(extractor):
    facts = draft("Le groupe Datacap a inauguré le centre de données PAR7 à Paris.", "fr",
                  extractor=extractor)
    [dc] = facts.facilities
    assert (dc.name, dc.kind, dc.operator, dc.place.surface, dc.status) == (
        "PAR7", "data-centre", "Datacap", "Paris", "operational")


def test_planned_data_centre_in_spanish(extractor):
    facts = draft("El operador Ibercom construirá un centro de datos en Sevilla.", "es",
                  extractor=extractor)
    [dc] = facts.facilities
    assert (dc.kind, dc.operator, dc.place.surface, dc.status) == (
        "data-centre", "Ibercom", "Sevilla", "planned")


@pytest.mark.parametrize("text", [
    "Vorbel Data Centre Services (Vorbel DCS) has bought a plot in Chennai.",
    "Kestra Data Center Group will open an office in Lisbon.",
])
def test_a_facility_word_inside_a_company_s_name_is_no_facility(extractor, text):
    facts = draft(text, extractor=extractor)
    assert facts.facilities == []
    assert facts.organisations[0].name == text.split(" (")[0].split(" will")[0].split(
        " has")[0]


def test_a_singular_of_a_company_s_plural_name_is_no_facility(extractor):
    facts = draft("Xentra Data Centres opened a site in Lagos. Peering is free for any "
                  "Xentra Data Centre customer.", extractor=extractor)
    assert [f.name for f in facts.facilities] == []


def test_a_definite_mention_is_the_same_facility_and_an_ordinal_another(extractor):
    facts = draft("Das Unternehmen Nordkabel hat in Hamburg ein Rechenzentrum eröffnet. Das "
                  "Rechenzentrum hat zwei Etagen. Das 2. Rechenzentrum ist im Bau.", "de",
                  extractor=extractor)
    assert [(f.kind, f.status) for f in facts.facilities] == [
        ("data-centre", "operational"), ("data-centre", "under-construction")]
    assert facts.facilities[1].name == "2. Rechenzentrum"


def test_pop_hosted_in_a_data_centre_in_italian(extractor):
    facts = draft("Retenet ha aperto un punto di presenza nel data center AXD2 di Torino.",
                  "it", extractor=extractor)
    pop = next(f for f in facts.facilities if f.kind == "pop")
    assert pop.host == "AXD2"
    assert pop.operator == "Retenet"


def test_landing_sites_listed_by_town_are_one_facility_each(extractor):
    facts = draft("The company has reserved landing sites in Accra and Lagos for the cable.",
                  extractor=extractor)
    assert sorted(f.place.surface for f in facts.facilities
                  if f.kind == "cable-landing") == ["Accra", "Lagos"]


def test_exchange_point_by_name_and_generic_plurals_are_none(extractor):
    facts = draft("Frankfurt hosts DE-CIX, one of the largest exchanges. Several data centres "
                  "and cable landing stations are planned.", extractor=extractor)
    assert [(f.name, f.kind) for f in facts.facilities] == [("DE-CIX", "ixp")]


# --------------------------------------------------------------------------- routes


def test_named_cable_with_ends_length_and_service_year_in_german(extractor):
    facts = draft("Das Unterseekabel Nordlicht verbindet Kiel mit Oslo. Das Kabel ist 700 "
                  "Kilometer lang und soll 2026 in Betrieb gehen.", "de", extractor=extractor)
    [route] = facts.routes
    assert route.name == "Nordlicht"
    assert route.medium == "submarine"
    assert [w.surface for w in route.waypoints][:2] == ["Kiel", "Oslo"]
    assert route.figure("length").value == 700
    assert route.figure("ready-for-service").value == 2026


def test_named_cable_after_its_word_in_french_and_italian(extractor):
    fr = draft("Le câble sous-marin Méridien reliera Marseille à Alger.", "fr",
               extractor=extractor)
    assert [(r.name, r.medium, r.status) for r in fr.routes] == [
        ("Méridien", "submarine", "planned")]
    assert [w.surface for w in fr.routes[0].waypoints] == ["Marseille", "Alger"]
    it = draft("Il cavo sottomarino Tirrenia Express collegherà Genova con Palermo e sarà "
               "lungo 900 chilometri.", "it", extractor=extractor)
    assert it.routes[0].name == "Tirrenia Express"
    assert it.routes[0].figure("length").value == 900


def test_unnamed_terrestrial_route_in_portuguese_with_a_thousands_word(extractor):
    facts = draft("A Lusonet vai construir uma nova rota terrestre que ligará Lisboa ao Porto, "
                  "com 3,5 mil km de fibra.", "pt", extractor=extractor)
    [route] = facts.routes
    assert (route.name, route.medium) == ("", "terrestrial")
    assert [w.surface for w in route.waypoints] == ["Lisboa", "Porto"]
    assert route.figure("length").value == 3500


def test_abbreviation_in_brackets_is_the_same_route(extractor):
    facts = draft("The East Atlantic Cable System (EACS) will land in Lisbon. EACS is 4,000 "
                  "km long.", extractor=extractor)
    [route] = facts.routes
    assert route.name == "East Atlantic Cable System"
    assert route.figure("length").value == 4000


def test_naming_verb_names_the_route_described_before(extractor):
    facts = draft("La empresa Andicable desplegará un nuevo cable submarino que unirá Lima "
                  "con Valparaíso. El nuevo cable ha sido bautizado como Cóndor.", "es",
                  extractor=extractor)
    [route] = facts.routes
    assert route.name == "Cóndor"
    assert [w.surface for w in route.waypoints] == ["Lima", "Valparaíso"]


@pytest.mark.parametrize(("written", "km"), [
    ("45 000km", 45000), ("6,000 km", 6000), ("9,2 mil km", 9200), ("1 170 Kilometer", 1170),
    ("7.300 kilómetros", 7300), ("seis mil quilómetros", 6000), ("100 miles", 160.934),
    ("1050 km", 1050), ("2.5 km", 2.5),
])
def test_lengths_as_news_writes_them(written, km):
    [q] = lengths(written)
    assert q.value == pytest.approx(km, abs=0.01)


def test_numbers():
    assert parse_number("6,165") == 6165
    assert parse_number("9,2", "mil") == 9200
    assert parse_number("seis", "mil") == 6000
    assert parse_number("1.5") == 1.5


def test_distances_and_depths_are_no_route_lengths(extractor):
    facts = draft("The Kestrel cable was spliced 10 km off the coast, at a depth of 3 km.",
                  extractor=extractor)
    assert [r.figure("length") for r in facts.routes] == [None]


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The Kestrel cable will offer 18Tbps of capacity per fibre pair."),
    ("en", "The Kestrel cable has a design capacity of 26Tbps (52×500Gbps) per fibre pair."),
    ("it", "Il cavo Kestrel trasporterà oltre 25 Tbps per coppia di fibre."),
    ("pt", "O cabo Kestrel terá largura de banda de 100 Gbps x 100 Gbps em cada par de fibras."),
    ("fr", "Le câble Kestrel offrira 20 Tbit/s par paire de fibres."),
    ("de", "Das Unterseekabel Kestrel bietet 24 Tbit/s pro Faserpaar."),
])
def test_a_capacity_per_fibre_pair_or_wavelength_is_not_the_route_s(extractor, language, text):
    [route] = draft(text, language, extractor=extractor).routes
    assert route.figure("capacity") is None


@pytest.mark.parametrize("text", [
    "Il cavo avrà una capacità di 200 Tbps per il porto di Genova.",
    "El cable aportará 200 Tbps a Portugal y a España.",
    "O cabo levará 200 Tbps a Porto e Lisboa.",
    "El sistema tendrá 200 Tbps por el Canal de Panamá.",
])
def test_a_capacity_before_a_place_s_name_is_the_route_s(text):
    assert [q.value for q in capacities(text)] == [200]


def test_a_route_s_total_capacity_stays_beside_one_per_fibre_pair(extractor):
    [route] = draft("The Kestrel cable will offer 18Tbps per fibre pair, a total capacity of "
                    "216Tbps.", extractor=extractor).routes
    assert route.figure("capacity").value == 216


def test_a_distance_out_into_deep_water_is_no_length_but_a_main_trunk_s_is(extractor):
    facts = draft("The Kestrel cable will connect from a base at Mombasa out 7km into deep "
                  "water. Kestrel will provide 12 fibre pairs on the 9,876km main trunk.",
                  extractor=extractor)
    [route] = facts.routes
    assert route.figure("length").value == 9876


def test_a_total_length_said_later_replaces_a_part_s(extractor):
    facts = draft("O cabo Kestrel terá uma extensão de 1.234,5 quilómetros em águas nacionais. "
                  "O cabo Kestrel terá uma extensão total aproximada de 5.870 quilómetros.",
                  "pt", extractor=extractor)
    [route] = facts.routes
    assert route.figure("length").value == 5870


def test_ends_after_a_route_s_name_replace_one_end_given_by_words_for_a_cable(extractor):
    facts = draft("Marecom will land the Kestrel cable system. The submarine cable will "
                  "connect from a base at Mombasa, where Kestrel splits. The Kestrel cable "
                  "will run from Lisbon to Singapore.", extractor=extractor)
    [route] = facts.routes
    assert (route.name, [w.surface for w in route.waypoints]) == (
        "Kestrel", ["Lisbon", "Singapore"])


def test_places_inside_a_route_s_spelt_out_name_are_no_waypoints_and_no_places(extractor):
    facts = draft("Le câble sous-marin KEMA (Kenya Express to Mauritania Atlantic) arrivera à "
                  "Dakar en 2027.", "fr", extractor=extractor)
    assert [(r.name, [w.surface for w in r.waypoints]) for r in facts.routes] == [
        ("KEMA", ["Dakar"])]
    assert [m.text for m in facts.places] == ["Dakar"]


# --------------------------------------------------------------------------- agreements


def test_memorandum_with_date_and_venue_in_french(extractor):
    facts = draft("La société Nordatel a signé le 12 mars 2023 à Dakar un protocole d'accord "
                  "avec le groupe Sahelcom.", "fr", extractor=extractor)
    [a] = facts.agreements
    assert (a.kind, set(a.parties), a.date, a.venue.surface) == (
        "memorandum", {"Nordatel", "Sahelcom"}, "2023-03-12", "Dakar")
    assert a.date_evidence == a.evidence


def test_a_day_and_month_take_the_article_year_only_when_it_has_one(extractor):
    text = "Andicable firmó el 5 de junio en Lima un contrato con Telmar."
    assert draft(text, "es", "2022-07-01", extractor).agreements[0].date == "2022-06-05"
    assert draft(text, "es", None, extractor).agreements[0].date is None


def test_acquisition_in_italian_and_german(extractor):
    it = draft("Il gruppo Fibratel ha acquisito da Marenet un data center a Bari.", "it",
               extractor=extractor)
    assert [(a.kind, set(a.parties)) for a in it.agreements] == [
        ("acquisition", {"Fibratel", "Marenet"})]
    de = draft("Nordkabel kauft das Rechenzentrum von Wellenfunk.", "de", extractor=extractor)
    assert [a.kind for a in de.agreements] == ["acquisition"]


def test_a_definite_mention_adds_to_the_previous_agreement(extractor):
    facts = draft("Ocean Fibre Networks and Kestrel Telecom signed a memorandum of "
                  "understanding in Lisbon. The memorandum covers a new cable to Madeira.",
                  extractor=extractor)
    [a] = facts.agreements
    assert set(a.parties) == {"Ocean Fibre Networks", "Kestrel Telecom"}
    assert a.venue.surface == "Lisbon"


def test_attendees_and_own_investments_are_no_parties_or_deals(extractor):
    facts = draft("Brightline signed the contract with Vantel in the presence of Nordlink. "
                  "Kestrel Networks invests 10 million euros in its backbone.",
                  extractor=extractor)
    assert [set(a.parties) for a in facts.agreements] == [{"Brightline", "Vantel"}]


# --------------------------------------------------------------------------- places, sentences


def test_places_inside_names_and_seas_are_no_places(extractor):
    facts = draft("Angola Cables will extend the South Atlantic Cable System across the "
                  "Atlantic Ocean to Fortaleza in Brazil.", extractor=extractor)
    names = {name_key(m.text) for m in facts.places}
    assert {"fortaleza", "brazil"} <= names
    assert not names & {"angola", "atlantic", "atlantic ocean"}


def test_sentences_keep_abbreviations_and_german_ordinals():
    text = "M. Diallo a signé. Das 13. Rechenzentrum wurde eröffnet.\nTitel ohne Punkt\nEnde."
    sentences = [s.text for s in split_sentences(text, "de")]
    assert sentences == ["M. Diallo a signé.", "Das 13. Rechenzentrum wurde eröffnet.",
                         "Titel ohne Punkt", "Ende."]
    for s in split_sentences(text, "de"):
        assert text[s.start:s.end] == s.text


def test_dates_in_each_language():
    cases = [("signed on July 24th", 2015, "2015-07-24"), ("le 5 juin 2010", None, "2010-06-05"),
             ("el 24 de julio de 2015", None, "2015-07-24"), ("em fevereiro de 2000", None,
                                                               "2000-02"),
             ("il 3 maggio 2021", None, "2021-05-03"), ("am 5. Juni 2023", None, "2023-06-05")]
    for text, year, expected in cases:
        assert [d.value for d in dates(text, 0, len(text), year)] == [expected], text


# --------------------------------------------------------------------------- hostile text


@pytest.mark.parametrize("text", [
    "<script>alert('x')</script> NTT and Telstra signed an agreement in <b>Singapore</b>.",
    "NTT and \u202eartsleT\u202c signed a MoU in Singapore \u2066to build\u2069 a cable.",
    "NTT\x00 and Telstra\x00 signed\x00 an agreement in Singapore.\x00",
    "NTT \ud800 Telstra \udfff cable",
    "",
    " \n\t" * 100,
    "".join(chr(c) for c in range(0, 0x250)),
    bytes(range(256)).decode("latin-1") * 40,
])
def test_hostile_text_yields_facts_that_quote_it(extractor, text):
    facts = draft(text, extractor=extractor)  # evidence checked in draft()
    assert isinstance(facts, DraftFacts)


def test_four_mebibytes_without_a_hang():
    code = ("import sys\n"
            "from geo.draft import find_facts\n"
            "facts = find_facts('A' * (4 * 1024 * 1024) + ' NTT signed.', language='en')\n"
            "print(len(facts.organisations))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().isdigit()
