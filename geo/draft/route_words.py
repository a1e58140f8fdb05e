"""The words and patterns by which :mod:`geo.draft.routes` reads routes: words for a cable and
for what stands beside one (modifiers, determiners, plurals, generic nouns), words of linking
and of naming, the shapes of cable names, and the medium the words nearest a place say."""

from __future__ import annotations

import re

from geo.draft.sentences import Sentence
from geo.draft.vocabulary import (
    CABLE,
    CABLE_LANDING,
    DATA_CENTRE,
    LENGTH_CUE,
    NOT_LENGTH_CUE,
    POP,
    SUBMARINE,
    TERRESTRIAL,
    fold,
    pattern,
    word_set,
)

#: Words for a cable that may start a route (metaphors like "Autobahn" only refer to one).
CABLE_RE = pattern(CABLE)
ANAPHOR_EXTRA_RE = re.compile(
    r"(?<![\w-])(?:project|projet|proyecto|projeto|progetto|Projekt|Autobahn|"
    r"Datenautobahn|infrastructure|infraestructura|infraestrutura|infrastruttura|"
    r"segment|segmento|tronçon|section|sezione|branch|ramificação|ramal|spur|bretelle|"
    r"diramazione|Abzweig)(?![\w])",
    re.IGNORECASE)
SUBMARINE_RE = pattern(SUBMARINE)
MEDIUM_WORD_RE = re.compile(r"(?i)sub(?:marine|sea)|undersea|underwater|terrestrial|"
                             r"sous-marin|submarino|sottomarino|terrestre")
TERRESTRIAL_RE = pattern(TERRESTRIAL)
FACILITY_RE = pattern({"x": [w for t in (CABLE_LANDING, DATA_CENTRE, POP)
                              for ws in t.values() for w in ws]})
LENGTH_CUE_RE = pattern(LENGTH_CUE)
NOT_LENGTH_RE = pattern(NOT_LENGTH_CUE)
#: Lower-case words that may stand between a word for a cable and its name.
MODIFIERS = word_set("""
    de di da of à a en in du del della dei des do the le la il el o new nouveau nouvel
    nouvelle nuevo nueva novo nova nuovo nuova neue neues neuen neuer fibre fibres fiber
    fibra fibras optic optical optique optiques óptica ótica óptico ottica ottico
    ottiche fibre-optic fiber-optic sottomarini sottomarine submarinos submarinas
    sous-marins sous-marines subsea undersea ottici telecommunications
    télécommunications telecomunicações
    telecomunicaciones telecomunicazioni high-capacity alta capacidad capacidade
    capacità international internacional internazionale transatlantic transatlantique
    système sistema system en fibre optique à haute capacité sous-marin sous-marine
    submarine subsea undersea submarino submarina sottomarino sottomarina unterseeische
    unterseeisches unterseeischen terrestrial terrestre express baptisé dénommé
    denominado denominato named called bautizado como chamado genannt namens
""")
INDEFINITE = word_set("""
    a an un une uno una um uma ein eine einen einem einer another second
""")
#: Adjectives that may stand between a determiner and the word for a cable.
ADJECTIVES_BEFORE = word_set("""
    new nouveau nouvel nouvelle nuevo nueva novo nova nuovo nuova neue neues neuen neuer
    first premier première primer primera primeiro primeira primo prima erste ersten
    erster longest only direct digital digitale large big major main principal
    principale principal grand grande gran schnellste kürzeste längste and und et e y
    high-capacity international internacional internazionale optical optique óptico
    ottico submarine subsea undersea sous-marin sous-marine submarino submarina
    sottomarino sottomarina terrestrial terrestre seventh septième séptimo sétimo
    settimo siebte second deuxième segundo secondo zweite own propre propio próprio
    proprio eigene eigenen
""")
DEFINITE = word_set("""
    the this that its their le la l ce cet cette son sa leur el este esta ese esa su o
    esse essa seu sua il lo questo questa quel quello suo der die das dem den des dieses
    diese dieser sein seine ihr ihre du au del al do no ao nel dal dello im vom zum
    dessen dicho dicha referido referida ledit ladite detto detta suddetto suddetta dito
    dita besagte besagten
""")
ADJECTIVES_FOLDED = frozenset(fold(w) for w in ADJECTIVES_BEFORE)
PLURAL_NOUNS = word_set("""
    cables câbles cabos cavi systems systèmes sistemas sistemi links liaisons routes
    backbones réseaux networks segments rotas enlaces collegamenti verbindungen
    redes reti
""")
GENERIC_NOUNS = word_set("""
    system système sistema link liaison route rota ruta enlace collegamento network réseau
    verbindung interconnection segment backhaul backbone ligação
""")
#: Words of linking: the places after them are a route's waypoints.
LINK_RE = re.compile(
    r"(?<![\w-])(?:link(?:s|ing|ed)?|connect(?:s|ing|ed)?|join(?:s|ing)?|between|from|"
    r"running|stretch(?:es|ing)?|extend(?:s|ing)?\s+(?:\S+\s+){0,4}?to|landing\s+in|"
    r"land(?:s|ed)?\s+in|reli(?:ant|era|e|er|ent|eront)|connect(?:ant|era|e)|entre|"
    r"s[’']etend(?:ra)?|conect(?:ará|a|ando|ar|e)|unir(?:á|a)?|une|desde|lig(?:ando|ará|"
    r"a|ar|ue)|colleg(?:a|herà|are|ando|herebbe)|unir[àa]|tra|fra|verbind(?:et|en|end)|"
    r"zwischen|von|ligação|reach(?:es|ing)?|to|à|a|ao|al|alla|au|aux|nach|con|com|"
    r"até|hasta|jusqu['’]à|fino\s+a|bis|vers|towards)(?![\w-])", re.IGNORECASE)
#: Prepositions that link only close to the word for a cable.
BARE_LINKS = word_set("to a à ao al alla au aux nach con com von de en em in")
#: Words before the places that lie between the ends.
VIA_RE = re.compile(r"(?<![\w-])(?:via|through|passing\s+through|passando\s+por|"
                     r"en\s+passant\s+par|attraverso|über|por|par)(?![\w-])", re.IGNORECASE)
NAMING_RE = re.compile(
    r"(?<![\w-])(?:called|named|dubbed|known\s+as|baptis[ée]e?s?|d[ée]nomm[ée]e?s?|"
    r"appel[ée]e?s?|llamad[oa]|denominad[oa]|bautizad[oa]|chamad[oa]|designad[oa]|"
    r"conocid[oa]\s+(?:tambi[ée]n\s+)?como|conhecid[oa]\s+(?:tamb[ée]m\s+)?como|"
    r"connue?s?\s+(?:aussi\s+|[ée]galement\s+)?sous\s+le\s+nom\s+d[e'’]|"
    r"not[oa]\s+(?:anche\s+)?come|bekannt\s+als|denominat[oa]|chiamat[oa]|battezzat[oa]|namens|"
    r"genannt|getauft|chamar-se|chama-se|se\s+chamar[áa]|se\s+llamar[áa]|se\s+llama|"
    r"s['’]appellera|s['’]appelle|si\s+chiamer[àa]|si\s+chiama|hei(?:ß|ss)en\s+wird|"
    r"hei(?:ß|ss)t)(?:\s+(?:tambi[ée]n|tamb[ée]m|aussi|[ée]galement|anche|auch))?"
    r"(?:\s+(?:de|como|come|as|du|di))?\s*(?::\s*)?",
    re.IGNORECASE)
#: Capitalised generic words that open a descriptive name, whose words may then be joined
#: by any connector ("Sistema de Cabo do Atlântico Sul", "Red Federal de Fibra Óptica").
NAME_HEADS = word_set("""
    sistema systeme system cabo cable cavo red rede rete reseau dorsal dorsale backbone
""")
NAME_CONNECTORS = word_set("de do da dos das del della di du des of")
#: Words of a line of fibre that make "Red ..." a network's name ("Red Dorsal").
NETWORK_WORDS = word_set("""
    dorsal dorsale troncal fibra fibre fiber optica otica ottica backbone
""")
#: A relative clause of linking right after a name: "BlueMed che collega", "X, which links".
WHICH_LINKS_RE = re.compile(
    r"\s*(?:,\s*)?(?:che|which|that|qui|que|der|das|die)\s+(?:(?:già|already|déjà|ya|já|"
    r"bereits)\s+)?(?:collega|collegherà|links|will\s+link|connects|will\s+connect|relie|"
    r"reliera|conecta|conectará|une|unirá|liga|ligará|verbindet|verbinden\s+wird)\b",
    re.IGNORECASE)
#: At most six whole words (each with an optional bracket) between a word for a cable and
#: the name it stands beside; a word is matched whole (``(?![\w'’-])``), never split.
CLOSE_WORDS_RE = re.compile(
    r"[\s,–—\-()]*(?:[\w'’-]+(?![\w'’-])\s*(?:\([^()]*\))?[\s,]*){0,6}")
#: The words that may stand with the places before a passive of linking, the places being its
#: subject and nothing else ("A and B will soon be linked by"; "l'" is "l" once split).
LINKED_SUBJECT_FILLER = frozenset((
    "and", "et", "e", "y", "und", "the", "le", "la", "les", "l", "el", "los", "o", "a", "os",
    "il", "die", "der", "das", "will", "be", "are", "were", "have", "been", "vont", "être",
    "sont", "ont", "été", "van", "estar", "están", "vão", "serão", "são", "foram", "saranno",
    "sono", "stati", "werden", "sind", "wurden", "soon", "bientôt", "pronto", "brevemente",
    "presto", "bald", "now", "désormais", "ya", "já", "ora", "jetzt"))
#: A passive of linking right before a word for a cable: "ligados (brevemente) por um".
LINKED_BY_RE = re.compile(
    r"(?<![\w-])(?:linked|connected|joined|reli[ée]e?s|connect[ée]e?s|unid[oa]s|conectad[oa]s|"
    r"ligad[oa]s|collegat[ie]|uniti|verbunden)\s+(?:[\w-]+\s+){0,2}(?:by|par|por|da|durch|"
    r"mit)\s+(?:(?:a|an|un|une|uno|una|um|uma|ein|eine|einem|einen|the|le|la|el|il|o)\s+)?"
    r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
SYSTEMS_RE = re.compile(r"(?i)(?<![\w-])(?:systems|systèmes|sistemas|sistemi)(?![\w-])")
#: Technology acronyms that name no route ("una rete in fibra ottica FTTH").
NOT_ROUTE_NAMES = word_set("""
    ftth fttx fttb fttp ftto fttc gpon xgs-pon pon dwdm wdm otn mpls sdh ip 5g 4g lte
    ngn ngan vhcn
""")
CABLE_SHAPE_RE = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{1,5}(?:-[A-Z][A-Za-z]{1,5}){2,}"
                             r"(?:[- ]?\d{1,2})?(?![\w-])")
QUOTE_OPEN = "«“„\"'’‘"
YEAR_HINT_RE = re.compile(r"(?:19|20)\d\d")
HEAD_HINT_RE = re.compile(r"cabl|cabo|cavo|kabel|system|sistem|project|consort")


def medium_near(text: str, start: int, end: int, s: Sentence) -> str:
    """``submarine``, ``terrestrial`` or ``unspecified``: the medium the words nearest to
    ``start``..``end`` (character offsets, within 70 of them in ``s``) say."""
    lo, hi = max(s.start, start - 70), min(s.end, end + 70)
    window = text[lo:hi]
    best = None
    for kind, rx in (("submarine", SUBMARINE_RE), ("terrestrial", TERRESTRIAL_RE)):
        for m in rx.finditer(window):
            d = min(abs(lo + m.start() - end), abs(lo + m.end() - start))
            if best is None or d < best[0]:
                best = (d, kind)
    return best[1] if best else "unspecified"
