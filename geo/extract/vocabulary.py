"""Word lists that tell names from ordinary words, and country adjectives.

The kinds of mention (:data:`MENTION_KINDS`); words that are names of towns but in news text
far more often ordinary words (:data:`COMMON_WORDS`); lower-case words that may begin or stand
inside a place name; the words of organisations' names (:data:`ORG_SUFFIXES`); country and
continent adjectives in English and French (:func:`demonyms`); abbreviations after which a
full stop ends no sentence. Words are compared by their keys (:func:`geo.gazetteer.name_key`).
"""

from __future__ import annotations

from functools import lru_cache

from geo.gazetteer import name_key


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


MENTION_KINDS = ("city", "country", "region", "island", "sea", "site", "organisation", "route",
                 "corridor")
#: Kinds of gazetteer places that are areas rather than towns or countries: continents,
#: groupings and sub-national regions, islands, seas (straits, channels, gulfs, oceans).
AREA_KINDS = ("region", "island", "sea")


#: Words that are also names of towns in GeoNames but, in news text, are far more often
#: ordinary words (English, French, Italian, Spanish, Portuguese): never a bare town.
COMMON_WORDS = word_set("""
    of be can may will most best deal sale man march union central general national
    global digital mobile data cloud internet online network networks energy power
    capital progress unity liberty independence concord harmony paradise hope mission
    opportunity enterprise enterprises success industry commerce premier prime president
    bath reading split nice marks bay point port hub edge core link bridge tower express
    level trust victory fortune welcome university college hospital airport station
    center centre city town village north south east west officer chairman board chief
    pop tan ming liu marina asia africa europe america date more part one set turn le la
    les de des du un une sur sud nord est ouest centre grand grande mont plus bon belle
    mer ville selon pour dans avec tout zone marche monde pays terre cap il lo gli del
    della sito questo se si sul rete dati mondo nuovo centro el los las con este oeste
    mar nueva nuevo puerto sao santa santo san
    orange nokia
""")

#: Lower-case words that may begin a multi-word place name ("mer Noire", "le Cap").
PARTICLES = word_set("""
    le la les l el al de di du des da do dos das mer golfe lac mar oceano ocean golfo
    sub detroit stretto estrecho estreito canal canale baie isola isole isla islas ilha ilhas
    ile iles peninsule penisola
""")
#: Lower-case words that may stand inside a place name ("Castilla y León", "Frankfurt am
#: Main", "Bay of Biscay"); any other word of a name after its first is capitalised.
NAME_INNER = PARTICLES | word_set("""
    y e et and und of del della dell dei degli delle von am an der den im sur sul sobre d l
""")

#: French contractions of a preposition with the article of a name: "au Cap" is "à le Cap".
CONTRACTIONS = {"au": "le ", "du": "le ", "aux": "les ", "des": "les "}

#: Connectors that join a town's name to a word naming something within it: "Praia do
#: Futuro" is a beach, not Praia (Cabo Verde). Prepositions that also mean "from" or "of"
#: ("da", "di", "de", "del": "a Genova da Roma") are left out.
NAME_LINKS = word_set("do dos das della dello dei du")

#: Capitalised nouns of place (German capitalises every noun) that may come right before a
#: town's name: "im Stadtteil Griesheim", "die Hafenstadt Rostock" hold no person's name.
PLACE_NOUNS = word_set("""
    stadt stadtteil ortsteil ort gemeinde hafen hafenstadt standort region landkreis kreis
    insel bundesland hauptstadt kustenstadt grossstadt metropole vorort bezirk
    bundeslander regionen provinz provinzen kanton kantone kantons bundesstaat bundesstaaten
    inseln stadte gemeinden bezirke landkreise
""")

#: German articles: the capitalised word after one is a noun, not a given name.
NOUN_ARTICLES = word_set("""
    der die das den dem des ein eine einen einem einer eines im am zum zur vom beim
""")

#: Country names that are common given names: not a country when a capitalised word that
#: is no place follows ("Chad Smith", "Jordan Peterson").
GIVEN_NAMES = frozenset({"chad", "jordan", "georgia", "israel", "india", "kenya", "niger"})

#: Words that end (or begin) the name of an organisation: a capitalised run holding one is
#: an organisation, not the place it may name ("Kenya Power", "Telecom Italia").
ORG_SUFFIXES = word_set("""
    telecom telecoms telecommunications telecommunication telekom telecomunicazioni
    telecomunicaciones telecomunicacoes communications networks corporation corp company
    limited ltd inc plc llc group groupe holding holdings ag gmbh sa spa nv bv ab asa
    power technologies airways airlines bank banque banca authority agency agence ministry
    ministere ministero university universite universita
""")
ORG_PREFIXES = word_set("""
    agence groupe banque bank banca ministry ministere ministero telecom university
    universite universita
""")
#: Organisation words that open a name even after other capitalised words ("Selon Agence
#: Ecofin"); unlike "Telecom", which may also close one ("China Telecom Global").
ORG_OPENERS = ORG_PREFIXES - {"telecom"}
ORG_WORDS = ORG_SUFFIXES | ORG_PREFIXES
RUN_CONNECTORS = word_set("of de du des di del della")
RUN_SKIP = word_set("""
    the le la les l il el a an un une this that our their his her its mr mrs ms dr m mme
    in on at by for from with to into under over after before since while when as and but
    also according today currently moving selon pour dans avec chez par sur sous apres avant
    depuis pendant et mais aussi actuellement aujourd hui per con tra fra secondo oggi segun
    desde hasta entre sobre hoy
    der die das dem ein eine im am zum zur nach bei von aus fur dass wie auch
    und oder seit wahrend heute laut
""")

# Country and continent adjectives and demonyms: English (capitalised) and French (any
# case; masculine singular listed, feminine and plural forms derived).
_ADJ_EN: dict[str, str] = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "Angolan": "AO", "Argentine": "AR",
    "Argentinian": "AR", "Armenian": "AM", "Australian": "AU", "Austrian": "AT",
    "Azerbaijani": "AZ", "Azeri": "AZ", "Bangladeshi": "BD", "Belgian": "BE",
    "Beninese": "BJ", "Botswanan": "BW", "Brazilian": "BR", "British": "GB",
    "Bulgarian": "BG", "Burundian": "BI", "Cameroonian": "CM", "Canadian": "CA",
    "Chadian": "TD", "Chilean": "CL", "Chinese": "CN", "Colombian": "CO", "Croatian": "HR",
    "Cypriot": "CY", "Czech": "CZ", "Danish": "DK", "Djiboutian": "DJ", "Dutch": "NL",
    "Egyptian": "EG", "Emirati": "AE", "Eritrean": "ER", "Estonian": "EE",
    "Ethiopian": "ET", "Finnish": "FI", "French": "FR", "Gabonese": "GA",
    "Gambian": "GM", "German": "DE", "Ghanaian": "GH", "Greek": "GR", "Guinean": "GN",
    "Hungarian": "HU", "Indian": "IN", "Indonesian": "ID", "Iranian": "IR", "Iraqi": "IQ",
    "Irish": "IE", "Israeli": "IL", "Italian": "IT", "Ivorian": "CI", "Japanese": "JP",
    "Jordanian": "JO", "Kazakh": "KZ", "Kazakhstani": "KZ", "Kenyan": "KE",
    "Korean": "KR", "Kuwaiti": "KW", "Kyrgyz": "KG", "Latvian": "LV", "Lebanese": "LB",
    "Liberian": "LR", "Libyan": "LY", "Lithuanian": "LT", "Malagasy": "MG",
    "Malawian": "MW", "Malaysian": "MY", "Malian": "ML", "Mauritanian": "MR",
    "Mauritian": "MU", "Mexican": "MX", "Moroccan": "MA", "Mozambican": "MZ",
    "Namibian": "NA", "Nigerian": "NG", "Nigerien": "NE", "Norwegian": "NO",
    "Omani": "OM", "Pakistani": "PK", "Filipino": "PH", "Philippine": "PH",
    "Polish": "PL", "Portuguese": "PT", "Qatari": "QA", "Romanian": "RO", "Russian": "RU",
    "Rwandan": "RW", "Saudi": "SA", "Senegalese": "SN", "Serbian": "RS",
    "Singaporean": "SG", "Somali": "SO", "Spanish": "ES", "Sudanese": "SD",
    "Swedish": "SE", "Swiss": "CH", "Syrian": "SY", "Tajik": "TJ", "Tanzanian": "TZ",
    "Thai": "TH", "Togolese": "TG", "Tunisian": "TN", "Turkish": "TR", "Turkmen": "TM",
    "Ugandan": "UG", "Ukrainian": "UA", "Uzbek": "UZ", "Vietnamese": "VN",
    "Yemeni": "YE", "Zambian": "ZM", "Zimbabwean": "ZW", "South African": "ZA",
    "Georgian": "GE", "Sri Lankan": "LK", "New Zealand": "NZ",
    "African": "geonames:6255146", "Asian": "geonames:6255147",
    "European": "geonames:6255148",
}
_ADJ_FR: dict[str, str] = {
    "afghan": "AF", "algérien": "DZ", "angolais": "AO", "argentin": "AR",
    "arménien": "AM", "australien": "AU", "autrichien": "AT", "azerbaïdjanais": "AZ",
    "azerbaidjanais": "AZ", "azéri": "AZ", "belge": "BE", "béninois": "BJ",
    "botswanais": "BW", "brésilien": "BR", "britannique": "GB", "burkinabè": "BF",
    "burundais": "BI", "camerounais": "CM", "canadien": "CA", "centrafricain": "CF",
    "chinois": "CN", "congolais": "", "djiboutien": "DJ", "égyptien": "EG",
    "émirati": "AE", "espagnol": "ES", "éthiopien": "ET", "français": "FR",
    "gabonais": "GA", "ghanéen": "GH", "grec": "GR", "guinéen": "GN", "indien": "IN",
    "indonésien": "ID", "iranien": "IR", "irlandais": "IE", "italien": "IT",
    "ivoirien": "CI", "japonais": "JP", "kazakh": "KZ", "kazakhstanais": "KZ",
    "kényan": "KE", "kenyan": "KE", "libanais": "LB", "libérien": "LR", "libyen": "LY",
    "malgache": "MG", "malien": "ML", "malawite": "MW", "marocain": "MA",
    "mauricien": "MU", "mauritanien": "MR", "mexicain": "MX", "mozambicain": "MZ",
    "namibien": "NA", "nigérian": "NG", "nigérien": "NE", "néerlandais": "NL",
    "ougandais": "UG", "pakistanais": "PK", "philippin": "PH", "portugais": "PT",
    "qatari": "QA", "russe": "RU", "rwandais": "RW", "saoudien": "SA",
    "sénégalais": "SN", "singapourien": "SG", "somalien": "SO", "soudanais": "SD",
    "sud-africain": "ZA", "suisse": "CH", "tanzanien": "TZ", "tchadien": "TD",
    "togolais": "TG", "tunisien": "TN", "turc": "TR", "ukrainien": "UA",
    "vietnamien": "VN", "zambien": "ZM", "zimbabwéen": "ZW", "allemand": "DE",
    "américain": "US", "géorgien": "GE", "ouzbek": "UZ",
    "africain": "geonames:6255146", "asiatique": "geonames:6255147",
    "européen": "geonames:6255148",
}


def _french_forms(word: str) -> list[str]:
    """Masculine singular -> the four forms (zimbabwéen, -éenne, -éens, -éennes)."""
    if word.endswith("e"):
        return [word, word + "s"]
    if word.endswith(("ien", "éen", "en")):
        fem = word + "ne"
    elif word.endswith("c") and word == "turc":
        fem = "turque"
    elif word.endswith("grec"):
        fem = "grecque"
    else:
        fem = word + "e"
    plural = word if word.endswith(("s", "x")) else word + "s"
    return [word, fem, plural, fem + "s"]


@lru_cache(maxsize=1)
def demonyms() -> dict[str, tuple[str, str, str]]:
    """key -> (target: ISO code or region id, language, form as listed)."""
    out: dict[str, tuple[str, str, str]] = {}
    for word, target in _ADJ_EN.items():
        out[name_key(word)] = (target, "en", word)
        if not word.endswith(("s", "h", "i", "y", "e")) and " " not in word:
            out.setdefault(name_key(word + "s"), (target, "en", word))
    for word, target in _ADJ_FR.items():
        for form in _french_forms(word):
            out.setdefault(name_key(form), (target, "fr", word))
    return {k: v for k, v in out.items() if v[0]}


ABBREVIATIONS = word_set("""
    mr mrs ms dr prof st mt no nos inc ltd co corp jr sr vs etc e.g i.e u.s u.k m mme mlle
    gen col lt sgt rev av ave p pp vol fig jan feb mar apr jun jul aug sep sept oct nov dec
""")
