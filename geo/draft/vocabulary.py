"""The words news uses for telecom infrastructure and deals, in en, fr, es, pt, it and de: one
table per concept, each a mapping language -> phrases.

Phrases are plain words (matched case-insensitively, accents as written and without them,
whole words) unless a table says it holds regular expressions. Articles mix languages (an
English "data center" in Portuguese, "PoP" everywhere), so the finders match the union of all
languages unless a word would mislead in another language (then it is listed under its own
language and :func:`words` is asked for that language only).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache


def word_set(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``."""
    return frozenset(text.split())


LANGUAGES = ("en", "fr", "es", "pt", "it", "de")

# --------------------------------------------------------------------------- facilities

#: Words for a data centre (singular and plural; German compounds are matched by suffix).
DATA_CENTRE = {
    "en": ["data centre", "data center", "data centres", "data centers", "datacentre",
           "datacenter", "datacentres", "datacenters", "data-centre", "data-center",
           "colocation facility", "colocation centre", "colocation center",
           "carrier hotel", "data centre complex", "data center complex",
           "data centre campus", "data center campus", "hyperscale facility"],
    "fr": ["centre de données", "centres de données", "centre de donnees",
           "centre d'hébergement", "centre d’hébergement", "centres d'hébergement",
           "centre de gestion de données", "centre de stockage de données",
           "centre de traitement de données", "datacentre", "datacenter"],
    "es": ["centro de datos", "centros de datos", "centro de procesamiento de datos",
           "centro de proceso de datos", "CPD"],
    "pt": ["centro de dados", "centros de dados", "centro de processamento de dados",
           "data centre", "data center"],
    "it": ["centro dati", "centri dati", "centro elaborazione dati", "data center",
           "data-center", "datacenter"],
    "de": ["Rechenzentrum", "Rechenzentren", "Datacenter", "Datenzentrum", "Datenzentren",
           "Rechenzentrums"],
}
#: German compounds ending in these are data centres ("KPNQwest-Rechenzentrum").
DATA_CENTRE_SUFFIXES = ("rechenzentrum", "rechenzentrums", "rechenzentren", "datacenter",
                        "datencenter")

POP = {
    "en": ["point of presence", "points of presence", "PoP", "PoPs", "POP", "POPs"],
    "fr": ["point de présence", "points de présence", "point de presence",
           "Point de Présence"],
    "es": ["punto de presencia", "puntos de presencia"],
    "pt": ["ponto de presença", "pontos de presença", "representação"],
    "it": ["punto di presenza", "punti di presenza"],
    "de": ["Präsenzpunkt", "Präsenzpunkte", "Netzknoten"],
}

CABLE_LANDING = {
    "en": ["cable landing station", "landing station", "landing stations",
           "cable station", "cable landing site", "landing site", "landing sites",
           "landing point", "landing points", "landing platform", "beach manhole",
           "cable landing stations", "cable landing point"],
    "fr": ["station d'atterrissement", "station d’atterrissement",
           "station d'atterrissage", "station d’atterrissage",
           "station de câbles sous-marins", "station d'atterrissement de câbles",
           "site d'atterrissement", "site d’atterrissement", "point d'atterrissement",
           "point d’atterrissement", "points d'atterrissement", "points d’atterrissement",
           "stations d'atterrissement", "stations d’atterrissement", "station d'atterrage",
           "station d’atterrage", "point d'atterrage", "point d’atterrage"],
    "es": ["estación de amarre", "estaciones de amarre", "estación de cable",
           "estación de cables submarinos", "estación de aterrizaje", "estación terrena",
           "estación base", "punto de amarre", "puntos de amarre", "punto de aterrizaje",
           "puntos de aterrizaje"],
    "pt": ["estação de cabos submarinos", "estação de cabo submarino",
           "estação de ancoragem", "estação de aterragem", "estação de amarração",
           "estação de cabos", "landing site", "landing sites", "ponto de aterragem",
           "pontos de aterragem", "ponto de ancoragem", "pontos de ancoragem",
           "estações de ancoragem", "estações de aterragem", "ponto de amarração"],
    "it": ["stazione di approdo", "stazione di atterraggio", "stazione di terra",
           "centrale di approdo", "punto di approdo", "piattaforma", "punti di approdo",
           "stazioni di approdo"],
    "de": ["Kabellandestation", "Landestation", "Anlandestation", "Anlandepunkt",
           "Kabelanlandestation", "Anlandungsstation", "Landestationen", "Anlandepunkte",
           "Anlandestationen"],
}

EXCHANGE_POINT = {
    "en": ["internet exchange point", "internet exchange", "IXP", "exchange point"],
    "fr": ["point d'échange internet", "point d’échange internet",
           "point d'échange Internet", "nœud d'échange"],
    "es": ["punto de intercambio de internet", "punto neutro", "punto de intercambio"],
    "pt": ["ponto de troca de tráfego", "ponto de troca"],
    "it": ["punto di interscambio", "internet exchange"],
    "de": ["Internetknoten", "Internetknotenpunkt", "Internet-Knoten",
           "Internet-Knotenpunkt", "Internetknotenpunkte", "Austauschknoten"],
}
#: names of exchange points: "DE-CIX", "AMS-IX", "France-IX", "LINX", "NAPAfrica", "IX.br"
EXCHANGE_NAME_RE = re.compile(
    r"\b(?:[A-Z][A-Za-z]{1,12}-(?:CIX|Cix|IX|Ix)|[A-Z]{2,6}IX|LINX|NAPAfrica|IX\.br|"
    r"[A-Z]{2,8}-IX|[A-Z][a-z]{2,12}IX)\b")

TELEPHONE_EXCHANGE = {
    "en": ["telephone exchange", "exchange building"],
    "fr": ["central téléphonique", "centre de commutation"],
    "es": ["central telefónica"],
    "pt": ["central telefônica", "central telefónica"],
    "it": ["centrale telefonica"],
    "de": ["Vermittlungsstelle", "Fernmeldeamt"],
}

#: Named places of other kinds: technology parks, campuses, buildings, venues.
OTHER_FACILITY = {
    "en": ["technology park", "tech park", "science park", "business park", "plaza",
           "convention centre", "convention center", "exhibition centre", "park",
           "industrial park", "industrial estate"],
    "fr": ["parc technologique", "technopole", "technopôle", "centre de supervision",
           "parc d'activités", "zone franche", "parc", "parc industriel"],
    "es": ["parque tecnológico", "centro de convenciones", "parque", "parque industrial"],
    "pt": ["parque tecnológico", "centro de supervisão", "centro de convenções", "parque",
           "parque industrial"],
    "it": ["parco tecnologico", "polo tecnologico", "parco", "parco industriale"],
    "de": ["Technologiepark", "Gewerbepark", "Park", "Industriepark"],
}
#: Words of :data:`OTHER_FACILITY` that name a facility only capitalised, in a proper
#: name ("Caldera Park", "Parque Industrial Pyme"; not "an industrial park").
GENERIC_PARKS = frozenset({"park", "parc", "parque", "parco", "industrial park",
                           "industrial estate", "parc industriel", "parque industrial",
                           "parco industriale", "industriepark"})

# --------------------------------------------------------------------------- routes

#: Nouns for a cable or a line (singular); plurals are listed where they name one system.
CABLE = {
    "en": ["cable", "cables", "cable system", "system", "subsea system", "backbone",
           "fibre link", "fiber link", "fibre route", "fiber route", "route", "link",
           "fibre network", "fiber network", "backhaul", "interconnection"],
    "fr": ["câble", "câbles", "cable", "système", "liaison", "dorsale", "backbone",
           "réseau", "segment"],
    "es": ["cable", "cables", "sistema", "enlace", "red troncal", "troncal", "backbone",
           "ruta", "red de fibra óptica", "red de fibra", "tendido"],
    "pt": ["cabo", "cabos", "sistema", "ligação", "backbone", "rota", "backhaul",
           "rede de fibra óptica", "rede de fibra ótica", "rede de fibra"],
    "it": ["cavo", "cavi", "sistema", "dorsale", "collegamento", "backbone",
           "rete in fibra ottica", "rete in fibra", "rete di fibra ottica"],
    "de": ["Kabel", "Kabels", "Seekabel", "Seekabels", "Unterseekabel", "Unterseekabels",
           "Glasfaserkabel", "Glasfaserkabels", "Kabelsystem", "Kabelsystems", "Verbindung",
           "Trasse", "Backbone", "Glasfasernetz", "Glasfasernetzes", "Glasfaserverbindung",
           "Glasfasertrasse", "Glasfaserleitung", "Unterwasserkabel", "Tiefseekabel",
           "Unterwasserkabels", "Route"],
}
#: Nouns that make a name a cable's when they follow it ("the 2Africa cable").
CABLE_HEAD = {
    "en": ["cable", "cable system", "system", "subsea cable", "submarine cable",
           "undersea cable", "cable project", "project"],
    "fr": ["câble"],
    "es": ["cable"],
    "pt": ["cabo"],
    "it": ["cavo"],
    "de": ["Kabel", "Seekabel"],
}

SUBMARINE = {
    "en": ["submarine", "subsea", "undersea", "sub-sea", "under-sea", "seabed", "offshore",
           "transatlantic", "transpacific", "underwater"],
    "fr": ["sous-marin", "sous-marine", "sous-marins", "sous-marines", "sous marin",
           "sous marine", "transatlantique"],
    "es": ["submarino", "submarina", "submarinos", "submarinas", "transatlántico"],
    "pt": ["submarino", "submarina", "submarinos", "submarinas", "transatlântico"],
    "it": ["sottomarino", "sottomarina", "sottomarini", "sottomarine", "fondale",
           "sottomarino"],
    "de": ["Unterseekabel", "unterseeisch", "unterseeische", "unterseeischen",
           "unterseeisches", "Seekabel", "Seekabels", "Tiefseekabel", "Unterwasserkabel",
           "Unterseekabels"],
}
TERRESTRIAL = {
    "en": ["terrestrial", "overland", "land route", "land-based", "onshore"],
    "fr": ["terrestre", "terrestres"],
    "es": ["terrestre", "terrestres"],
    "pt": ["terrestre", "terrestres"],
    "it": ["terrestre", "terrestri"],
    "de": ["terrestrisch", "terrestrische", "terrestrischen", "Landkabel", "Landtrasse"],
}

# --------------------------------------------------------------------------- status

#: Words saying a thing exists and works (opened, in service).
OPERATIONAL = {
    "en": ["opened", "opens", "open", "inaugurated", "launched", "launches", "in service",
           "in operation", "operational", "existing", "already", "live", "went live",
           "entered service", "commissioned", "is based", "hosts", "hosting", "now connects",
           "connects", "links", "serves", "added", "has developed"],
    "fr": ["inauguré", "inaugurée", "inaugurés", "a inauguré", "ouvert", "ouverte",
           "mis en service", "mise en service", "en service", "opérationnel",
           "opérationnelle", "existant", "existante", "déjà", "relie", "accueille"],
    "es": ["inaugurado", "inaugurada", "inauguró", "en servicio", "en operación",
           "operativo", "operativa", "existente", "ya", "estrenado", "estrenan",
           "han estrenado", "recorre", "une"],
    "pt": ["inaugurado", "inaugurada", "inaugurou", "em operação", "em funcionamento",
           "operacional", "existente", "já", "conecta", "liga"],
    "it": ["inaugurato", "inaugurata", "inaugurati", "in servizio", "in esercizio",
           "operativo", "operativa", "attivo", "attiva", "attive", "attivi", "già"],
    "de": ["eröffnet", "in Betrieb", "in Betrieb genommen", "bestehend", "bestehende",
           "verbindet", "beheimatet", "fertiggestellt"],
}
UNDER_CONSTRUCTION = {
    "en": ["under construction", "being built", "being constructed", "being laid",
           "being installed", "being deployed", "construction began", "construction started",
           "construction has started", "is building", "are building", "installation",
           "began", "first landing", "landed", "landing"],
    "fr": ["en construction", "en cours de construction", "en cours de déploiement",
           "en chantier", "en cours de pose", "premier atterrissement", "atterrissement",
           "l'arrivée", "l’arrivée"],
    "es": ["en construcción", "se está construyendo", "están construyendo",
           "en fase de construcción", "en despliegue"],
    "pt": ["em construção", "está sendo construído", "está sendo construída",
           "sendo construído", "a ser construído", "em fase de", "colocação",
           "está a entrar"],
    "it": ["in costruzione", "in fase di realizzazione", "in corso di realizzazione",
           "posa è iniziata", "la posa", "approdo", "ha attraversato"],
    "de": ["im Bau", "wird gebaut", "errichtet wird", "wird errichtet", "gelegt",
           "baut", "verlegt", "befindet sich im Bau"],
}
PLANNED = {
    "en": ["will", "plans", "planned", "plan to", "to build", "will build", "announced",
           "expected", "proposed", "is to", "are to", "to be", "upcoming", "future",
           "intends", "intended", "aims", "would", "shall"],
    "fr": ["va", "vont", "sera", "seront", "prévu", "prévue", "projet", "projeté",
           "annoncé", "futur", "future", "doit", "devra", "permettra", "reliera"],
    "es": ["va a", "van a", "será", "serán", "prevé", "previsto", "prevista", "proyecto",
           "planea", "futuro", "conectará", "unirá", "desplegará", "construirá",
           "estará", "estarán", "tendrá", "recibirán"],
    "pt": ["vai", "vão", "será", "serão", "deverá", "prevê", "previsto", "prevista",
           "planeado", "planejado", "futuro", "estará", "terá", "ligará", "conectará"],
    "it": ["sarà", "saranno", "prevede", "previsto", "prevista", "previsti", "realizzeremo",
           "collegherà", "verrà", "futuro", "approderà", "avrà", "progetto"],
    "de": ["wird", "werden", "soll", "sollen", "geplant", "geplante", "plant",
           "voraussichtlich", "künftig"],
}

# --------------------------------------------------------------------------- agreements

MEMORANDUM = {
    "en": ["memorandum of understanding", "memorandum", "MoU", "MOU", "letter of intent",
           "LOI", "heads of terms"],
    "fr": ["protocole d'accord", "protocole d’accord", "protocole d'entente",
           "protocole d’entente", "mémorandum d'entente", "mémorandum d’entente",
           "mémorandum", "lettre d'intention", "lettre d’intention"],
    "es": ["memorando de entendimiento", "memorándum de entendimiento", "memorando",
           "memorándum", "carta de intención", "carta de intenciones"],
    "pt": ["memorando de entendimento", "memorando", "carta de intenção",
           "protocolo de entendimento", "protocolo de intenções"],
    "it": ["protocollo d'intesa", "protocollo d’intesa", "memorandum d'intesa",
           "memorandum d’intesa", "lettera d'intenti", "lettera di intenti", "memorandum"],
    "de": ["Absichtserklärung", "Memorandum of Understanding", "Memorandum",
           "Grundsatzvereinbarung", "Letter of Intent"],
}
CONTRACT = {
    "en": ["contract", "supply agreement", "construction agreement", "concession",
           "contracted", "awarded", "deal to build", "turnkey", "has selected", "selected",
           "has chosen", "chose", "hired", "has hired", "has appointed"],
    "fr": ["contrat", "convention", "marché", "concession", "a choisi", "a retenu",
           "a sélectionné", "a confié"],
    "es": ["contrato", "concesión", "adjudicó", "adjudicado", "eligió", "seleccionó",
           "ha elegido", "ha seleccionado", "contrató"],
    "pt": ["contrato", "contratos", "concessão", "títulos de concessão", "contratada",
           "contratado", "escolheu", "selecionou", "contratou"],
    "it": ["contratto", "concessione", "appalto", "commessa", "ha scelto",
           "ha selezionato", "ha affidato"],
    "de": ["Vertrag", "Auftrag", "Liefervertrag", "Konzession", "beauftragt",
           "ausgewählt", "hat ausgewählt"],
}
PARTNERSHIP = {
    "en": ["partnership", "partnered", "partners with", "partnering", "joint venture",
           "collaboration", "cooperation agreement", "strategic cooperation", "alliance",
           "teamed up", "together with", "jointly", "teamed with", "teams with",
           "teams up", "team up", "joined forces", "join forces", "joins forces"],
    "fr": ["partenariat", "coentreprise", "collaboration", "coopération", "alliance",
           "s'associe", "s’associe", "conjointement", "se sont associés", "s'associent",
           "s’associent", "se sont alliés", "s'allient", "s’allient", "s'est associé",
           "s’est associé", "s'est associée", "s’est associée", "se sont associées",
           "s'est allié", "s’est allié", "s'est alliée", "s’est alliée",
           "unissent leurs forces", "ont uni leurs forces"],
    "es": ["asociación", "alianza", "colaboración", "cooperación", "junto con",
           "junto a", "empresa conjunta", "se alía", "socio", "se han asociado",
           "se ha asociado", "se asocia", "se asoció", "se asociaron", "se han aliado",
           "se ha aliado", "se alió", "se aliaron", "unen fuerzas", "unieron fuerzas",
           "han unido fuerzas"],
    "pt": ["parceria", "aliança", "colaboração", "cooperação", "em conjunto",
           "joint-venture", "joint venture", "se associou", "se associaram", "se aliou",
           "se aliaram", "uniram forças", "unem forças"],
    "it": ["partnership", "collaborazione", "alleanza", "cooperazione", "accordo con",
           "joint venture", "insieme a", "si è alleata", "si è alleato", "si sono alleati",
           "si sono alleate", "si allea", "si alleano", "uniscono le forze",
           "hanno unito le forze"],
    "de": ["Partnerschaft", "Kooperation", "Zusammenarbeit", "Gemeinschaftsunternehmen",
           "Joint Venture", "gemeinsam", "zusammengetan", "tun sich zusammen",
           "tut sich zusammen", "zusammengeschlossen", "schließen sich zusammen",
           "kooperieren", "kooperiert"],
}
ACQUISITION = {
    "en": ["acquisition", "acquired", "acquires", "acquire", "bought", "buys", "purchase",
           "purchased", "takeover", "took over", "co-acquisition", "to buy", "sale",
           "sold", "sells", "divestment"],
    "fr": ["acquisition", "acquis", "acquiert", "rachat", "racheté", "rachète",
           "co-acquisition", "achat", "cession", "cédé", "vente", "vendu", "racheter",
           "acquérir"],
    "es": ["adquisición", "adquirido", "adquirió", "adquiere", "compra", "compró",
           "adquirir", "venta", "vendió", "comprar"],
    "pt": ["aquisição", "adquiriu", "adquirido", "compra", "comprou", "adquirir",
           "venda", "vendeu", "comprar"],
    "it": ["acquisizione", "acquisito", "acquisita", "acquista", "acquistato", "rileva",
           "rilevato", "acquisire", "cessione", "vendita", "ceduto", "acquistare"],
    "de": ["Übernahme", "übernommen", "übernimmt", "kauft", "gekauft", "erworben",
           "erwirbt", "Kauf", "übernehmen", "verkauft", "Verkauf", "erwerben"],
}
#: Deals of no stated kind: agreements, investments, co-financing.
OTHER_DEAL = {
    "en": ["agreement", "deal", "accord", "co-financing", "cofinancing", "investment",
           "investors", "invests", "invest", "invested", "investing"],
    "fr": ["accord", "accords", "cofinancement", "co-financement", "investissement"],
    "es": ["acuerdo", "acuerdos", "cofinanciación", "inversión"],
    "pt": ["acordo", "acordos", "cofinanciamento", "investimento"],
    "it": ["accordo", "accordi", "intesa", "intese", "cofinanziamento", "investimento"],
    "de": ["Vereinbarung", "Abkommen", "Investoren", "Kofinanzierung", "Investition"],
}
#: Verbs of signing (and the nouns of a signature).
SIGN = {
    "en": ["signed", "signs", "sign", "signing", "signature", "inked", "concluded",
           "entered into", "struck", "inks", "ink", "sealed", "seals"],
    "fr": ["signé", "signée", "signés", "signées", "signe", "signent", "signer",
           "signature", "siganture", "conclu", "paraphé", "paraphent", "ont paraphé",
           "scellé", "conclut", "concluent"],
    "es": ["firmado", "firmada", "firmó", "firmaron", "firman", "firma", "firmar",
           "suscrito", "suscribió", "rubricado", "rubricaron", "suscribieron", "firmaban",
           "cerró", "cerraron", "sellaron"],
    "pt": ["assinado", "assinada", "assinados", "assinadas", "assinou", "assinaram",
           "assina", "assinar", "assinatura", "celebrado", "firmado", "firmaram", "firmou",
           "fecham", "fechou", "fecharam", "celebraram", "celebrou"],
    "it": ["firmato", "firmata", "firmati", "firma", "firmare", "siglato", "siglata",
           "sottoscritto", "sottoscritta", "sottoscrizione", "siglano", "firmano",
           "hanno siglato", "stipulato", "stipulata", "sottoscrivono"],
    "de": ["unterzeichnet", "unterzeichnen", "unterschrieben", "abgeschlossen",
           "Unterzeichnung", "unterzeichneten", "geschlossen", "schließen", "besiegelt"],
}

# --------------------------------------------------------------------------- figures

LENGTH_UNITS = {
    "km": ["km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "kilomètres",
           "kilomètre", "kilómetros", "kilómetro", "quilómetros", "quilômetros",
           "quilómetro", "quilômetro", "chilometri", "chilometro", "Kilometer", "Kilometern"],
    "mi": ["miles", "mile", "mi"],
}
#: Words that make a number of km the length of a route.
LENGTH_CUE = {
    "en": ["long", "length", "spanning", "span", "spans", "stretch", "stretches", "extend",
           "extends", "covering", "covers", "total of", "at", "measures", "measuring",
           "will measure", "runs for", "running"],
    "fr": ["long", "longue", "longueur", "long de", "s'étend sur", "s’étend sur",
           "s'étendra sur", "distance", "sur", "mesure", "mesurera", "mesurant",
           "parcourt", "parcourra"],
    "es": ["longitud", "largo", "recorre", "extensión", "de", "mide", "medirá", "midiendo",
           "recorrerá"],
    "pt": ["extensão", "comprimento", "de", "com", "mede", "medirá", "percorre",
           "percorrerá"],
    "it": ["lunghezza", "lungo", "di", "estensione", "misura", "misurerà", "percorre",
           "percorrerà"],
    "de": ["lang", "Länge", "langes", "lange", "langen", "misst", "messen", "messen wird",
           "über"],
}
#: Words before a number of km that make it no length of a route (a distance, a depth).
NOT_LENGTH_CUE = {
    "en": ["depth", "deep", "within", "radius"],
    "fr": ["profondeur", "rayon"],
    "es": ["profundidad", "radio"],
    "pt": ["profundidade", "supera", "raio"],
    "it": ["profondità", "raggio"],
    "de": ["Tiefe", "tief", "Umkreis"],
}
CAPACITY_UNITS = {
    "Tbps": ["Tbps", "Tbit/s", "Tb/s", "terabits per second", "terabit per second",
             "terabits por segundo", "terabit al secondo", "térabits par seconde",
             "terabit pro Sekunde", "terabits", "terabit", "terabites", "Tbit"],
    "Gbps": ["Gbps", "Gbit/s", "Gb/s", "gigabits per second", "gigabits"],
    "Pbps": ["Pbps", "Pbit/s", "petabits per second", "petabits"],
}
FIBRE_PAIRS = {
    "en": ["fibre pairs", "fiber pairs", "fibre pair", "fiber pair", "pairs of fibre",
           "pairs of fiber", "pairs"],
    "fr": ["paires de fibres", "paires de fibre", "paires"],
    "es": ["pares de fibra", "pares de fibras", "pares"],
    "pt": ["pares de fibras", "pares de fibra", "pares"],
    "it": ["coppie di fibre", "coppie di fibra", "coppie", "paia di fibre"],
    "de": ["Faserpaare", "Glasfaserpaare", "Faserpaaren", "Paare"],
}
#: Words saying when a route enters service: the year after them is ready-for-service.
READY_CUE = {
    "en": ["ready for service", "ready-for-service", "RFS", "enter service",
           "entering service", "enter into service", "in service", "operational",
           "completion", "completed", "complete", "go live", "operations", "operation",
           "ready", "be ready", "go into service", "enter operation",
           "inaugurated", "commissioned", "come online", "available", "online",
           "go-live", "switched on", "lit"],
    "fr": ["mise en service", "mis en service", "opérationnel", "opérationnelle",
           "inauguré", "inaugurée", "a inauguré", "achèvement", "achevé", "livraison",
           "dès", "reliera", "entrer en service", "en service", "en exploitation",
           "complet", "complète", "achevée"],
    "es": ["entrar en operación", "entre en operación", "entrada en operación",
           "listo para operar", "lista para operar", "entrará en servicio",
           "puesta en servicio", "operativo", "operativa", "finalización", "operar",
           "en servicio", "en operación", "en funcionamiento", "habilitado", "habilitada",
           "lista", "listo", "concluido", "concluida", "terminado"],
    "pt": ["começar a operar", "entrar em operação", "estará operacional", "operacional",
           "em operação", "entrada em operação", "funcional", "conclusão", "inauguração",
           "iniciar a ligação", "operar", "entrar em funcionamento", "em funcionamento",
           "entrar em serviço", "em serviço"],
    "it": ["inizio delle operazioni", "entrata in servizio", "entrerà in servizio",
           "operativo", "operativa", "piena operatività", "completamento", "in esercizio",
           "operazioni", "in servizio", "in funzione", "in esercizio"],
    "de": ["Inbetriebnahme", "in Betrieb", "fertiggestellt", "Fertigstellung",
           "betriebsbereit", "in Betrieb gehen", "Betrieb aufnehmen"],
}
#: Seasons and parts of a year that date a service start by the article's year.
SEASON = {
    "en": ["this spring", "this summer", "this autumn", "this fall", "this winter",
           "this year", "early next year", "later this year", "by the end of the year",
           "in the spring", "in spring"],
    "fr": ["au printemps", "cet été", "cet automne", "cet hiver", "cette année",
           "d'ici la fin de l'année", "d’ici la fin de l’année"],
    "es": ["en primavera", "este verano", "este otoño", "este invierno", "este año",
           "a finales de año"],
    "pt": ["na primavera", "neste verão", "este ano", "neste ano", "até ao fim do ano",
           "em finais deste ano"],
    "it": ["in primavera", "quest'estate", "quest'anno", "quest’anno", "entro quest'anno",
           "entro quest’anno", "entro fine anno"],
    "de": ["im Frühjahr", "im Sommer", "im Herbst", "im Winter", "in diesem Jahr",
           "dieses Jahr", "noch in diesem Jahr"],
}

MONTHS = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
           "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "de": ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "dezember"],
}
#: Short month forms ("Jan.", "Sept") in the languages that use them.
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12, "févr": 2, "janv": 1, "avr": 4,
    "juil": 7, "déc": 12, "ene": 1, "dic": 12, "set": 9, "out": 10, "dez": 12,
}

NUMBER_WORDS = {
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "twenty": 20, "thirty": 30,
           "forty": 40, "fifty": 50, "hundred": 100},
    "fr": {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
           "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "douze": 12, "vingt": 20,
           "trente": 30, "cent": 100},
    "es": {"un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
           "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "doce": 12,
           "veinte": 20, "treinta": 30, "cien": 100},
    "pt": {"um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5,
           "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10, "doze": 12, "vinte": 20,
           "trinta": 30, "cem": 100},
    "it": {"un": 1, "uno": 1, "una": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5,
           "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10, "dodici": 12,
           "venti": 20, "trenta": 30, "cento": 100},
    "de": {"ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
           "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "zwölf": 12, "zwanzig": 20,
           "dreißig": 30, "hundert": 100},
}
#: Multipliers written as words or abbreviations after a number ("9,2 mil km", "6 mil km",
#: "six thousand", "1,5 Mio.").
MULTIPLIERS = {"thousand": 1_000, "mil": 1_000, "mille": 1_000, "mila": 1_000,
               "tausend": 1_000, "milliers": 1_000, "k": 1_000}

# --------------------------------------------------------------------------- organisations

#: Nouns that introduce an organisation's name right after them ("la société Alcatel",
#: "the operator X", "das finnische Unternehmen Cinia"); adjectives may come between.
ORG_NOUN = {
    "en": ["company", "firm", "operator", "carrier", "provider", "group", "consortium",
           "investor", "fund", "vendor", "supplier", "subsidiary", "telco", "startup",
           "holding", "bank", "agency", "regulator", "authority", "manufacturer",
           "conglomerate", "giant", "developer", "owner", "partner", "player", "incumbent",
           "shareholder", "consultancy", "start-up", "startup", "branch", "arm", "division",
           "affiliate", "specialist", "joint venture", "consultant",
           # plurals, before a list of names ("the banks X and Y")
           "companies", "firms", "operators", "carriers", "providers", "investors", "funds",
           "vendors", "suppliers", "subsidiaries", "telcos", "banks", "agencies",
           "regulators", "manufacturers", "developers", "partners", "shareholders",
           "institution", "institutions", "lender", "lenders", "financier", "financiers",
           "insurer", "insurers"],
    "fr": ["société", "entreprise", "opérateur", "groupe", "consortium", "investisseur",
           "fonds", "fournisseur", "filiale", "équipementier", "compagnie", "firme",
           "banque", "agence", "régulateur", "autorité", "holding", "partenaire",
           "constructeur", "acteur", "spécialiste", "actionnaire", "sociétés",
           "regroupement", "groupement", "opérateurs", "entreprises", "filiales",
           "start-up", "startup", "cabinet", "coentreprise", "branche", "division",
           "investisseurs", "fournisseurs", "banques", "agences", "partenaires",
           "actionnaires", "équipementiers", "compagnies"],
    "es": ["empresa", "compañía", "operador", "operadora", "grupo", "consorcio",
           "inversor", "fondo", "proveedor", "filial", "firma", "banco", "agencia",
           "regulador", "holding", "hólding", "socio", "especialista", "gigante",
           "startup", "consultora", "división", "multinacional", "aseguradora",
           "empresas", "compañías", "operadores", "operadoras", "inversores", "fondos",
           "proveedores", "filiales", "bancos", "socios"],
    "pt": ["empresa", "companhia", "operadora", "operador", "grupo", "consórcio",
           "investidor", "fundo", "fornecedor", "subsidiária", "filial", "banco",
           "agência", "regulador", "holding", "parceira", "parceiro", "multinacional",
           "gigante", "estatal", "startup", "consultora", "divisão", "controladora",
           "empresas", "companhias", "operadoras", "operadores", "investidores", "fundos",
           "fornecedores", "subsidiárias", "bancos", "parceiras", "parceiros"],
    "it": ["società", "azienda", "operatore", "gruppo", "consorzio", "investitore",
           "fondo", "fornitore", "controllata", "filiale", "banca", "agenzia", "holding",
           "partner", "compagnia", "gestore", "newco", "multinazionale", "colosso",
           "startup", "divisione", "controllante", "capogruppo", "sviluppatore",
           "aziende", "operatori", "investitori", "fondi", "fornitori", "controllate",
           "banche"],
    "de": ["Unternehmen", "Firma", "Konzern", "Betreiber", "Anbieter", "Gruppe",
           "Konsortium", "Investor", "Investoren", "Fonds", "Tochter", "Tochterfirma",
           "Tochtergesellschaft", "Dienstleister", "Hersteller", "Netzbetreiber",
           "Rechenzentrenbetreiber", "Rechenzentrumsbetreiber", "Carrier", "Provider",
           "Webhoster", "Holding", "Mutterunternehmen", "Telekommunikationsanbieter",
           "Partner", "Technikpartner", "Start-up", "Startup", "Sparte", "Beratungsfirma",
           "Firmen", "Konzerne", "Banken"],
}
#: German compounds ending so name a kind of company ("Rechenzentrenbetreiber").
ORG_NOUN_SUFFIXES_DE = ("betreiber", "anbieter", "konzern", "unternehmen", "dienstleister",
                        "hoster", "hersteller", "provider", "gesellschaft", "partner",
                        "ausrüster", "versorger", "partners", "betreibers", "anbieters",
                        "konzerns", "unternehmens", "wettbewerber", "konkurrent",
                        "konkurrenten", "eigentumer", "eigentumern")

#: Words that end an organisation's name (to those of :data:`geo.extract.ORG_SUFFIXES`).
ORG_NAME_WORDS = word_set("""
    cables cable telecommunications telecomunicaciones telecomunicações telecom telekom
    telecoms telco mobile communications networks network services systems solutions
    technologies technology online internet international global holdings holding group
    partners capital ventures investments infrastructure infrastructures fund foundation
    consortium association commission council institute institut istituto instituto
    authority agency bank banque banco banca ministry ministère ministerio ministério
    ministero ag gmbh sa sas sarl spa srl nv bv ab asa oy as plc llc lp inc ltd limited
    corp corporation company co ltda se kg kgaa s.a s.p.a s.a.s s.r.l sl slu pte bhd
    datacenters datacentres centers centres towers energia energie energy reit properties
""")
#: Words that open an organisation's name ("Empresa de ...", "Commission de ...").
ORG_OPENING_WORDS = word_set("""
    empresa compagnie companhia compañía società bank banque banco banca agence agência
    agencia agenzia ministry ministère ministerio ministério ministero commission comissão
    comisión commissione council conseil consejo conselho institute institut instituto
    istituto university université universidad universidade università autorité autoridad
    autoridade autorità authority direção dirección direzione direction office oficina
    municipality município municipio comune mairie fundación fundação fondazione
    fondation association associação asociación associazione federal câmara camara
    ayuntamiento prefeitura municipalidad alcaldía alcaldia intendencia diputación
    generalitat gruppo grupo groupe société sociedad sociedade corporación corporação
    corporazione syndicat groupement
""")
#: German words ending so name an authority ("Bundeskartellamt", "Bundesnetzagentur").
ORG_DE_SUFFIXES = ("amt", "agentur", "behörde", "ministerium", "kommission", "bank",
                   "werke", "kasse")

#: Nouns (roles) after which "of X" / "de X" names an organisation: "CEO of Angola Cables".
ROLE = {
    "en": ["ceo", "chief executive", "chief executive officer", "president", "chairman",
           "chairwoman", "chair", "director", "managing director", "general manager",
           "head", "founder", "co-founder", "cto", "cfo", "coo", "vice president", "vp",
           "spokesperson", "spokesman", "spokeswoman", "executive", "manager",
           "responsible for", "representative", "partner", "owner", "shareholders",
           "investors", "board", "employees"],
    "fr": ["pdg", "président", "présidente", "directeur", "directrice",
           "directeur général", "directrice générale", "directeurs généraux",
           "administrateur", "fondateur", "porte-parole", "responsable", "patron",
           "représentant", "dg", "président-directeur général", "actionnaires",
           "investisseurs", "salariés", "conseil d'administration"],
    "es": ["consejero delegado", "presidente", "presidenta", "director", "directora",
           "director general", "director territorial", "gerente", "fundador",
           "responsable", "portavoz", "ceo", "representante", "accionistas",
           "inversores", "empleados"],
    "pt": ["presidente", "diretor", "diretora", "director", "diretor-geral",
           "diretora-geral", "fundador", "responsável", "porta-voz", "ceo", "gerente",
           "representante", "administrador", "acionistas", "investidores",
           "funcionários"],
    "it": ["amministratore delegato", "presidente", "direttore", "direttrice",
           "direttore generale", "fondatore", "responsabile", "portavoce", "ceo", "ad",
           "manager", "rappresentante", "azionisti", "investitori", "dipendenti"],
    "de": ["Chef", "Geschäftsführer", "Geschäftsführerin", "Vorstandschef",
           "Vorstandsvorsitzender", "Vorsitzender", "Präsident", "Gründer", "Sprecher",
           "Sprecherin", "Leiter", "Leiterin", "CEO", "Manager", "Aktionäre",
           "Gesellschafter", "Mitarbeiter"],
}
#: Titles before a person's name (and roles that are no organisation's: ministers, mayors).
PERSON_TITLE = {
    "en": ["mr", "mrs", "ms", "dr", "prof", "sir", "minister", "prime minister",
           "vice minister", "deputy minister", "mayor", "governor", "president", "ceo",
           "chairman", "director", "secretary", "ambassador", "senator", "king", "queen",
           "premier", "deputy", "chief", "officer", "founder", "said", "says", "told",
           "according to"],
    "fr": ["m", "mme", "mlle", "monsieur", "madame", "ministre", "maire", "gouverneur",
           "président", "présidente", "directeur", "directrice", "secrétaire",
           "ambassadeur", "premier ministre", "pdg", "préfet"],
    "es": ["sr", "sra", "don", "doña", "ministro", "ministra", "alcalde", "alcaldesa",
           "gobernador", "presidente", "presidenta", "director", "directora", "secretario",
           "embajador"],
    "pt": ["sr", "sra", "dom", "ministro", "ministra", "prefeito", "prefeita",
           "governador", "governadora", "presidente", "diretor", "diretora", "secretário",
           "secretária", "secretários", "embaixador"],
    "it": ["sig", "dott", "ing", "avv", "ministro", "sindaco", "presidente", "direttore",
           "ambasciatore", "governatore", "segretario", "ceo", "ad"],
    "de": ["herr", "frau", "dr", "minister", "ministerin", "bürgermeister",
           "bürgermeisterin", "präsident", "präsidentin", "chef", "chefin",
           "geschäftsführer", "geschäftsführerin", "sprecher", "sprecherin"],
}
#: Words a person's name is followed by ("Renato Brunetti, Presidente e CEO di Unidata").
PERSON_AFTER = {
    "en": ["said", "says", "stated", "added", "explained", "noted", "told", "commented",
           "highlighted", "pointed out", "announced"],
    "fr": ["a déclaré", "a dit", "a expliqué", "a souligné", "a ajouté", "déclare",
           "explique", "souligne", "a indiqué"],
    "es": ["dijo", "afirmó", "explicó", "señaló", "declaró", "aseguró", "sostuvo",
           "comentó", "destacó"],
    "pt": ["disse", "afirmou", "explicou", "declarou", "destacou", "salientou",
           "comentou", "visitou"],
    "it": ["ha dichiarato", "ha detto", "ha spiegato", "ha sottolineato", "commenta",
           "dichiara", "spiega", "ha aggiunto"],
    "de": ["sagte", "sagt", "erklärte", "betonte", "meinte", "so"],
}
#: Verbs of which an organisation is the subject ("Unidata ha siglato", "Strato kauft").
ORG_VERB = {
    "en": ["announced", "announces", "has announced", "signed", "signs", "has signed",
           "launched", "launches", "has launched", "opened", "opens", "has opened",
           "acquired", "acquires", "has acquired", "invests", "invested", "will build",
           "builds", "is building", "has partnered", "partnered", "will open", "operates",
           "has extended", "extends", "deploys", "will deploy", "has obtained",
           "has selected", "selected", "expands", "owns", "will manage", "manages",
           "has completed", "completed", "plans", "is constructing", "offers",
           "has agreed", "agreed", "reserved", "has reserved", "provides", "will provide",
           "have signed", "have agreed", "have announced",
           "connects", "links", "will connect", "has invested", "is investing",
           "has started", "started", "began", "has begun", "is laying", "has laid",
           "has landed", "landed", "joined", "has joined", "will join",
           "has expanded", "has built", "built", "has installed", "installed",
           "took", "today took", "has been", "is", "will", "has"],
    "fr": ["a annoncé", "annonce", "a signé", "signe", "ont signé", "ont annoncé", "a lancé",
           "lance", "a ouvert",
           "ouvre", "a acquis", "acquiert", "investit", "a investi", "va construire",
           "construit", "déploie", "a déployé", "a inauguré", "inaugure", "réaffirme",
           "offrira", "offre", "accroît", "exploite", "a choisi", "a conclu", "relie",
           "reliera", "connecte", "a commencé", "a entamé", "a été", "a rejoint",
           "rejoint",
           "est", "sera", "va", "a"],
    "es": ["ha anunciado", "anunció", "anuncia", "ha firmado", "firmó", "firma", "firmaron",
           "han firmado", "anunciaron",
           "ha lanzado", "lanza", "ha abierto", "abre", "ha adquirido", "adquiere",
           "invierte", "ha invertido", "va a construir", "construirá", "desplegará",
           "despliega", "ha inaugurado", "inauguró", "opera", "acaba de anunciar",
           "conecta", "conectará", "une", "unirá", "ha desplegado", "ha comenzado",
           "comenzó", "inició", "se unió", "se ha unido", "es",
           "será", "ha", "tiene", "va"],
    "pt": ["anunciou", "anuncia", "assinou", "assina", "assinaram", "anunciaram", "lançou",
           "lança", "abriu", "abre",
           "adquiriu", "adquire", "investe", "investiu", "vai construir", "construirá",
           "inaugurou", "inaugura", "opera", "reservou", "conecta", "liga", "ligará",
           "começou", "iniciou", "aderiu",
           "conectará", "é", "será", "vai", "tem",
           "possui"],
    "it": ["ha annunciato", "annuncia", "ha firmato", "firma", "ha siglato", "sigla",
           "hanno firmato", "hanno siglato", "hanno annunciato", "hanno sottoscritto",
           "ha lanciato", "lancia", "ha aperto", "apre", "ha acquisito", "acquisisce",
           "investe", "ha investito", "realizzerà", "costruirà", "ha inaugurato",
           "inaugura", "gestisce", "ha sottoscritto", "collega", "collegherà",
           "ha realizzato", "realizza", "ha avviato", "ha iniziato", "ha acquistato",
           "acquista", "ha comprato", "ha aderito", "aderisce", "è", "sarà", "ha"],
    "de": ["hat angekündigt", "kündigt", "unterzeichnet", "hat unterzeichnet", "startet",
           "haben unterzeichnet", "unterzeichneten",
           "eröffnet", "hat eröffnet", "kauft", "hat gekauft", "übernimmt",
           "hat übernommen", "investiert", "baut", "expandiert", "betreibt", "plant",
           "verbindet", "hat gebaut", "erweitert", "hat begonnen", "beginnt",
           "ist beigetreten", "tritt bei",
           "hat", "ist", "wird"],
}
#: Words before a name that make it a source of the news, not an actor.
SOURCE_CUE = {
    "en": ["according to", "revealed by", "reported by", "told", "quoted by", "via"],
    "fr": ["selon", "a appris", "rapporte", "rapporté par", "auprès de", "d'après",
           "d’après", "à l'"],
    "es": ["según", "sostuvo", "informó", "publicó", "recoge"],
    "pt": ["segundo", "de acordo com", "informou", "noticiou"],
    "it": ["secondo", "riporta", "riferisce", "fonte"],
    "de": ["laut", "berichtet", "berichtete", "zufolge", "meldete", "meldet"],
}
#: Words of government: "Estado Português", "gouvernement gabonais", "State of Timor-Leste".
GOVERNMENT = {
    "en": ["government", "state", "republic", "kingdom", "ministry"],
    "fr": ["gouvernement", "etat", "état", "république", "royaume"],
    "es": ["gobierno", "estado", "república", "reino"],
    "pt": ["governo", "estado", "república", "reino"],
    "it": ["governo", "stato", "repubblica", "regno"],
    "de": ["regierung", "staat", "republik", "bundesregierung", "königreich"],
}

# --------------------------------------------------------------------------- function words

#: Capitalised words that begin sentences and are no names (articles, prepositions,
#: pronouns, conjunctions, common openers), per language; case-folded.
FUNCTION_WORDS = {
    "en": """the a an this that these those its it their his her our my your we they he
             she i you in on at by for from with to into onto over under after before
             since while when where as and or but also according today yesterday currently
             now then there here if so not no yes all some any each every both either
             neither more most less many much several other another such what which who
             whom whose why how working following under through during about against
             between among via per new first last next one two three four five six seven
             eight nine ten is are was were be been has have had will would can could may
             might must shall should do does did just only even still yet however
             meanwhile moreover furthermore therefore thus although though because
             once same like unlike upon within without across around beyond near""",
    "fr": """le la les l un une des du de d au aux ce cet cette ces son sa ses leur leurs
             notre nos votre vos il elle ils elles on nous vous je tu qui que quoi dont où
             et ou mais donc or ni car avec sans pour par sur sous dans en entre vers chez
             selon grâce depuis pendant après avant lors dès contre malgré parmi à y ne
             pas plus moins très aussi ainsi alors puis enfin déjà encore toujours
             aujourd hui hier demain cependant toutefois néanmoins outre afin comme si
             tout tous toute toutes chaque plusieurs autre autres même premier première
             nouveau nouvelle nouveaux long longue près d'après est sont était sera
             seront a ont avait""",
    "es": """el la los las lo un una unos unas del al de este esta estos estas ese esa
             esos esas su sus nuestro nuestra él ella ellos ellas nosotros que quien cual
             cuyo donde cuando como y e o u ni pero sino con sin para por sobre bajo en
             entre hacia hasta desde según durante tras ante contra mediante no sí más
             menos muy también así además ya aún todavía hoy ayer mañana sin embargo todo
             todos toda todas cada varios otro otra otros otras mismo primer primero
             primera nuevo nueva es son era será serán ha han había se""",
    "pt": """o a os as um uma uns umas do da dos das no na nos nas ao aos à às de em
             pelo pela pelos pelas este esta estes estas esse essa esses essas isso isto
             seu sua seus suas nosso nossa ele ela eles elas nós que quem qual cujo onde
             quando como e ou nem mas porém contudo com sem para por sobre sob entre até
             desde segundo durante após ante contra não sim mais menos muito também
             assim além já ainda hoje ontem amanhã todo todos toda todas cada vários
             outro outra outros outras mesmo primeiro primeira novo nova é são era será
             serão foi foram há tem""",
    "it": """il lo la i gli le l un uno una del dello della dei degli delle al allo alla
             ai agli alle dal dallo dalla dai dagli dalle nel nello nella nei negli nelle
             sul sullo sulla sui sugli sulle di a da in con su per tra fra questo questa
             questi queste quello quella suo sua suoi sue nostro nostra lui lei loro noi
             che chi cui dove quando come e ed o od né ma però anche così inoltre infine
             infatti già ancora oggi ieri domani tuttavia ogni tutto tutti tutta tutte
             vari altro altra altri altre stesso primo prima nuovo nuova è sono era sarà
             saranno ha hanno grazie secondo durante dopo prima entro verso oltre""",
    "de": """der die das den dem des ein eine einen einem einer eines dieser diese dieses
             diesen diesem jener sein seine ihr ihre unser unsere er sie es wir ihr ich du
             man wer was welche welcher welches wo wann wie warum und oder aber sondern
             denn doch mit ohne für durch gegen um bei nach von vor zu zum zur aus auf an
             in im am ins über unter neben zwischen seit während wegen trotz bis nicht
             kein keine auch noch schon bereits nun jetzt heute gestern morgen damit dass
             genauer mitten so dann also daher deshalb jedoch zudem außerdem alle jeder
             jede jedes mehrere andere anderen gleich erste erster ersten neue neuer neues
             neuen ist sind war wird werden hat haben laut seitens gemäß gemäss
             zufolge""",
}

# --------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """Case-folded, accents removed, apostrophes unified: how phrases are compared."""
    if len(text) <= 64:
        return _fold_short(text)
    return _fold(text)


@lru_cache(maxsize=1 << 16)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = _fold(ch)
    return folded if len(folded) == 1 else ch.lower()[:1] or ch


def fold_aligned(text: str) -> str:
    """:func:`fold` character by character, so that ``fold_aligned(text)[i]`` stands for
    ``text[i]`` (a character that folds to several, like "ß", is only lower-cased)."""
    if text.isascii():
        return text.lower()
    table = {ord(ch): _fold_char(ch) for ch in set(text) if not ch.isascii() or ch.isupper()}
    return text.translate(table)


def words(table: Mapping[str, Iterable[str]], language: str | None = None) -> list[str]:
    """The phrases of ``table`` for ``language`` (all languages when ``None``), longest
    first, without repeats."""
    langs = [language] if language in table else list(table)
    seen: dict[str, None] = {}
    for lang in langs:
        for w in table[lang]:
            seen.setdefault(w, None)
    return sorted(seen, key=len, reverse=True)


@lru_cache(maxsize=256)
def _pattern(key: tuple[str, ...], case: bool) -> re.Pattern[str]:
    """The phrases as one pattern, factored as a trie ("data cent(?:re|er)...") so that the
    engine tries each first letter once, not each phrase at each position; a longer phrase
    is preferred to its prefix."""
    trie: dict = {}
    for phrase in key:
        units: list[str] = []
        for i, part in enumerate(re.split(r"\s+", phrase.strip())):
            if i:
                units.append(r"\s+")
            for ch in (part if case else part.lower()):
                units.append("['’]" if ch in "'’" else re.escape(ch))
        node = trie
        for unit in units:
            node = node.setdefault(unit, {})
        node[""] = {}
    flags = 0 if case else re.IGNORECASE
    return re.compile(rf"(?<![\w-])(?:{_emit(trie)})(?![\w])", flags)


def _emit(node: dict) -> str:
    branches = [unit + _emit(child) for unit, child in node.items() if unit]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def pattern(table: Mapping[str, Iterable[str]], language: str | None = None, *,
            case: bool = False) -> re.Pattern[str]:
    """One compiled pattern matching any phrase of ``table`` (whole words, longest first;
    case-insensitive unless ``case``)."""
    key = (id(table), language, case)
    found = _BY_TABLE.get(key)
    if found is None or found[0] is not table:
        found = _BY_TABLE[key] = (table, _pattern(tuple(words(table, language)), case))
    return found[1]


_BY_TABLE: dict[tuple[int, str | None, bool], tuple[object, re.Pattern[str]]] = {}


@lru_cache(maxsize=64)
def folded_set(name: str, language: str | None = None) -> frozenset[str]:
    """The phrases of the table ``name`` of this module, folded (:func:`fold`)."""
    table = globals()[name]
    return frozenset(fold(w) for w in words(table, language))


def function_words(language: str | None = None) -> frozenset[str]:
    """Function words of ``language`` (all languages when ``None``), folded (:func:`fold`)."""
    return _function_words(language if language in FUNCTION_WORDS else None)


@lru_cache(maxsize=8)
def _function_words(language: str | None) -> frozenset[str]:
    langs = [language] if language else list(FUNCTION_WORDS)
    return frozenset(fold(w) for lang in langs for w in FUNCTION_WORDS[lang].split())


#: The days of the week in the six languages (folded).
WEEKDAYS = word_set("""
    monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi
    vendredi samedi dimanche lunes martes miercoles jueves viernes sabado domingo
    segunda terca quarta quinta sexta lunedi martedi mercoledi giovedi venerdi sabato
    montag dienstag mittwoch donnerstag freitag samstag sonntag
""")


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """Month name (folded, any language) -> 1..12."""
    out: dict[str, int] = {}
    for names in MONTHS.values():
        for i, name in enumerate(names, 1):
            out[fold(name)] = i
    out.update(MONTH_ABBREVIATIONS)
    return out
