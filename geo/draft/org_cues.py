"""The cues of one occurrence of a name: its own words, a noun or a country's adjective
before it, an apposition after it, a role of it, ownership, a deal, a share, an acronym, the
verb it is the subject of; and against it: a title or role of a person, a source of the news,
a currency's code, a place."""

from __future__ import annotations

import re

from geo.draft.common_words import common_words
from geo.draft.names import Run, is_acronym, is_camel
from geo.draft.org_acronyms import defined_by, defines, spelt_out
from geo.draft.org_candidate import OrgCandidate
from geo.draft.org_words import (
    GROUP_PARTS,
    NAMING_RE,
    NOT_ORG_ACRONYMS,
    TITLE_WORDS,
    country_prefixes,
    german_body,
    german_noun,
    german_org_noun,
)
from geo.draft.vocabulary import (
    LANGUAGES,
    fold,
    word_set,
)

#: Roman numerals ("le XXIe siècle", "siglo XXI"): no organisation.
_ROMAN_RE = re.compile(r"^(?=[XVI]{2,})X{0,3}(?:IX|IV|V?I{0,3})(?:e|º|°)?$")  # "XXI", "IV"
#: Generic prepositions that make a party only near a word of a deal.
_GENERIC_DEAL = word_set("""
    con com avec mit par von durch pela pelo between entre tra fra zwischen by with
""")
_DEAL_BEFORE_RE = re.compile(
    r"(?:partner(?:ed|ing|ship)?\s+with|teamed\s+up\s+with|agreement\s+with|deal\s+with|"
    r"contract\s+with|signed\s+with|(?:acquired|bought|purchased)\s+from|"
    r"(?:acquisit|acquistat|comprat)[oa]\s+da|"
    r"adquiri[oó]\s+(?:a|de)|adquiriu\s+(?:à|a|ao|da|do)|rachet[ée]\s+(?:à|a|au)|"
    r"compr[oó]\s+(?:a|de)|comprou\s+(?:à|a|ao|da|do)|(?:übernommen|gekauft|erworben)\s+"
    r"von|(?:constructed|built|supplied|manufactured|deployed|"
    r"laid|installed|acquired|bought|financed|funded|backed|owned|operated|managed|"
    r"supported|awarded)\s+by|together\s+with|joined\s+by|through(?:\s+its\s+\w+)?|"
    r"avec|aux\s+cotes\s+de|en\s+partenariat\s+avec|par|"
    r"(?:associe|associee|associes|associees|associent|allie|alliee|allies|allient)\s+"
    r"(?:a|au|aux)|"
    r"junto\s+(?:con|a)|en\s+alianza\s+con|a\s+traves\s+de|con|"
    r"em\s+parceria\s+com|com|pel[oa]|atraves\s+d[aoe]|"
    r"in\s+collaborazione\s+con|accordo\s+con|insieme\s+a|tramite|"
    r"mit|gemeinsam\s+mit|zusammen\s+mit|von|durch|with|by|"
    r"between|entre|tra|fra|zwischen)"
    r"(?:\s+(?:the|la|le|les|l'|el|los|las|o|a|os|as|il|lo|gli|der|die|das|dem|den|"
    r"des|du|d'|de|do|della|del|dello|su|sua|seu|its|their|son|sa|leur|ses|"
    r"sein|seine|ihr|ihre|partner|partenaire|socio|parceira|parceiro|societe|empresa|"
    r"company|firm|operator|operateur|operador|operadora|operatore|gruppo|groupe|grupo|"
    r"group|filial|filiale|subsidiary|affiliate|unit|american|us|french|italian|"
    r"spanish|german|chinese|giant|vendor|supplier|fornecedor|fournisseur|proveedor|"
    r"fornitore))*\s*$")
#: The object of a purchase or merger, or the source of funds, in the six languages
#: (matched on folded text): "its acquisition of X", "le rachat de X", "la adquisición de X",
#: "a aquisição da X", "l'acquisizione di X", "die Übernahme von X", "funding from X".
_DEAL_OBJECT_RE = re.compile(
    r"(?:\b(?:acquisition|purchase|takeover|buyout|sale)\s+of|\bmerger\s+with|"
    r"\bstake\s+in|(?:commitments?|funding|financing|investment|backing|loans?)\s+from|"
    r"\b(?:acquisition|rachat|achat|cession|reprise)\s+(?:de|du|des|d')|"
    r"\bfusion\s+(?:avec|con|mit)|\bparticipation\s+(?:dans|au)|"
    r"\b(?:adquisicion|compra|venta|fusion)\s+(?:de|del|con)|"
    r"\b(?:aquisicao|compra|venda|fusao)\s+(?:de|da|do|com)|"
    r"\b(?:acquisizione|acquisto|cessione|vendita|fusione)\s+(?:di|del|della|dello|con)|"
    r"\b(?:ubernahme|kauf|verkauf|erwerb|fusion)\s+(?:von|der|des|mit)|"
    r"\bbeteiligung\s+an)"
    r"\s*(?:(?:the|la|le|l'|el|il|lo|o|a|der|die|das|dem|den)\s*)?$")
_ATTRIBUTE_BEFORE_RE = re.compile(r"[\w'-]+-(?:led|based|owned|backed|controlled|"
                                  r"headquartered|listed|born|focused|registered|"
                                  r"founded)\s+$")
#: An attribute after a name that makes it an owner ("Vocus-owned"; "Ayala-led" may be a
#: person's).
_OWNER_AFTER_RE = re.compile(r"-(?:owned|backed|controlled)(?![\w-])")
#: Capitalised words right before a position ("Hong Kong" of "Hong Kong-listed").
_CAPITALISED_BEFORE_RE = re.compile(r"(?<![\w&.'’-])(?:[A-Z][\w&.'’]*\s+){1,3}$")
_DEMONYM_END_RE = re.compile(r"(?:ano|ana|ino|ina|eno|ena|ese|es|esa|eiro|eira|ais|aise|ain|"
                             r"aine|ois|oise|ien|ienne|ique|ol|ola|ense|ota|ote|ita|ite|"
                             r"co|ca)$")
_DEMONYM_BEFORE_RE = re.compile(r"(?:^|[\s(])(?:le|la|l'|el|lo|il|o|a|au|du|del|al|dal|nel|"
                                r"della|dalla|alla|nella|dello|pela|pelo|da|do|na|no)\s*"
                                r"([a-z]{2,}-?[a-z]{4,})\s+$")
_DEMONYM_BEFORE_DE_RE = re.compile(r"(?:^|[\s(])(?:die|der|das|dem|den|des)\s+"
                                   r"([a-z]{4,}(?:ische|ischen|ischer|isches))\s+$")
_SHARE_RE = re.compile(r"\s*\(\s*\d{1,3}(?:[.,]\d{1,2})?\s*(?:%|per\s*cent|percent|pour\s+cent|"
                       r"por\s+ciento|por\s+cento|per\s+cento|Prozent)\s*\)")
#: Words of deals near which a generic preposition names a party.
_DEAL_WORDS_RE = re.compile(
    r"(?:partner|sign|firm|assin|sottoscri|sigla|unterzeichn|agree|accord|acuerdo|acordo|"
    r"contrat|contract|deal|memorand|protocol|concess|collabor|parceria|alian|junto|"
    r"despleg|constru|realizz|build|built|invest|acquis|acquir|adquir|kauf|ubernomm|"
    r"joint|venture|coentreprise|partenariat|associ|soutenu|support|financ|cofinanc|"
    r"deliver|suppl|fourni|fornec|proporcion|lanc|launch)")
_BETWEEN = word_set("between entre tra fra zwischen")
#: Words of a signed deal, for parties named "between A and B".
_SIGNED_WORDS_RE = re.compile(
    r"(?:sign|firm|assin|sottoscri|sigla|unterzeichn|agree|accord|acuerdo|acordo|contrat|"
    r"contract|deal|memorand|protocol|concess|joint|venture|coentreprise|partenariat|"
    r"partnership|parceria|alian)")
_POSSESSED_RE = re.compile(
    r"(?:data\s*cent|datacent|centre|center|campus|facility|facilities|network|cable|"
    r"system|pop|point|subsidiary|unit|ceo|chief|president|shares|stake|customers|"
    r"platform|infrastructure|backbone|fibre|fiber|statement|board|investment|hub|"
    r"landing|station|site|project|capacity|offices?|headquarters|services|portfolio)")
_OWNED_RE = re.compile(
    r"(?<![\w-])(?:data\s*cent(?:er|re)s?|datacenter|centro\s+de\s+dados|centro\s+de\s+datos|"
    r"centre\s+de\s+donnees|rechenzentrum|cabo|cable|cavo|cavi|cabos|cables|kabel|rede|"
    r"red|rete|reseau|network|sistema|systeme|infrastructures?|infraestrutura|"
    r"infraestructura|infrastruttura|estacao|station|estacion|stazione|clientes|clients|"
    r"customers|kunden|clienti|landing\s+party|cofinancement|financement|co-financing|"
    r"cofinanciacion|cofinanciamento|cofinanziamento|investissement|funding|soutien|"
    r"filial|filiale|subsidiary|controllata|subsidiaria|tochter)"
    r"(?:,?\s+[\w'-]+){0,4}?,?\s+(?:de|da|do|di|del|della|du|des|von|of|dell')\s*"
    r"(?:(?:la|el|l'|the|a|o)\s+)?$")
_GEOGRAPHIC_BEFORE_RE = re.compile(
    r"(?:island|isle|city|town|village|province|region|state|county|municipality|"
    r"district|ile|ville|region|province|commune|isla|ciudad|provincia|region|estado|"
    r"municipio|ilha|cidade|provincia|regiao|estado|municipio|isola|citta|provincia|"
    r"regione|comune|insel|stadt|provinz|bundesland|gemeinde|capital|capitale)\s+"
    r"(?:of|de|du|da|do|di|della|del|von)\s+(?:(?:la|le|l'|the)\s+)?$")
_LOCATIVE_BEFORE_RE = re.compile(
    r"(?:\bin|\bat|\bto|\bfrom|\ben|\ba|\bau|\bem|\bno|\bna|\bad|\bnel|\bnella|\bim|"
    r"\bnach|\bvon|\bhasta|\bate|\bfino\s+a|\bdesde)\s*$")
#: Words that name a state's or a region's government before its place's name ("Land
#: Kärnten", "Regione Toscana"); not a town's ("Stadt Skien" is as often where a data
#: centre stands).
_LOCAL_GOVERNMENT = {
    "de": word_set("land staat freistaat landkreis kanton bundesland"),
    "it": word_set("regione provincia"),
}
#: A German adjective's ending before a body's compound ("Europäische", "Mainzer").
_GERMAN_ADJECTIVE_RE = re.compile(r"(?:e|en|er|es|em)$")
#: Before such a word where it names an actor: an article opening the sentence, or a word
#: of agent or partner.
_ARTICLE_ONLY_RE = re.compile(r"[\W\d_]*(?:(?:das|der|die|dem|den|la|il|lo|l)\W*)?")
#: Only an article before a sentence's first name: "A Xentric, ...", "La Vorbel, ...".
_ANY_ARTICLE_ONLY_RE = re.compile(r"[\W\d_]*(?:the|a|o|el|la|le|l|il|lo)\W*")
_ACTOR_BEFORE_RE = re.compile(
    r"(?:\bvom|\bvon\s+der|\bvon\s+dem|\bmit\s+dem|\bmit\s+der|\bund\s+das|\bund\s+der|"
    r"\bund\s+dem|\bdalla|\bdal|\bcon\s+la|\bcon\s+il|\be\s+la|\be\s+il)\s*$")
_CONNECTORS = word_set("""
    of de di da do du des della del dello dei degli von vom at for chez bei presso en na no
    in dell d l
""")
_SOURCE_WORDS = word_set("""
    according revealed reported told quoted via selon appris rapporte rapporté aupres
    d'apres segun sostuvo informo publico recoge segundo acordo informou noticiou secondo
    riporta riferisce fonte laut berichtet berichtete zufolge meldete meldet a l d
""")
_DEAL_WORDS = word_set("""
    with by through avec cotes partenariat par junto con alianza traves com parceria pela
    pelo atraves collaborazione accordo insieme tramite mit gemeinsam zusammen von durch
    between entre tra fra zwischen together joined partnered partnering partnership agreement
    deal contract signed supported awarded constructed built supplied manufactured deployed
    laid installed acquired bought financed funded backed owned operated managed from
    acquisito acquisita adquirio adquiriu rachete compro comprou ubernommen gekauft erworben
    acquistato acquistata comprato associe associee associes associees associent allie
    alliee allies allient
    purchased
""")
_NAMING_HINT_RE = re.compile(r"call|name|dubb|known|appel|denom|bapti|nomm|llamad|bautiz|"
                             r"chamad|chiamat|battez|namens|genannt")
#: Verbs persons do as often as organisations: their subject may be either.
_PERSON_VERB_RE = re.compile(
    r"^\s*(?:(?:has|have|had|ha|a|hat|also|today)\s+)*(?:said|says|stated|added|announced|"
    r"signed|declared|told|explained|noted|visited|met|attended|highlighted|welcomed|"
    r"a\s+(?:dit|signé|annoncé|déclaré)|annonce|signe|dijo|firmó|anunció|disse|assinou|"
    r"anunciou|ha\s+(?:detto|firmato|annunciato|dichiarato)|sagte|unterzeichnete|"
    r"kündigte)\b")
#: an amount right after or before a three-letter code: a currency ("PHP 5.6 billion",
#: "100 millions de MAD")
_SCALE = (r"(?:million|millions|billion|billions|bn|mn|mln|milliards?|millones|mil|milh[õo]es|"
          r"milioni|miliardi|millionen|milliarden|mio|mrd)")
_AMOUNT_AFTER_RE = re.compile(r"\s?(?:\d+(?:[.,]\d+)?\s*" + _SCALE + r"\b|\d{1,3}(?:[.,]\d{3})+"
                              r"(?![\d.,]*\d))", re.IGNORECASE)
_AMOUNT_BEFORE_RE = re.compile(r"(?:\d(?:[.,]\d+)?\s*" + _SCALE + r"|\d{1,3}(?:[.,]\d{3})+)"
                               r"\s+(?:de\s+|d['’]\s*)?$", re.IGNORECASE)
_LED_BY_RE = re.compile(r"(?:guidato|guidata|led|dirigid[oa]|geleitet|gefuhrt|fondata|"
                        r"founded|fundad[oa]|controlad[oa]|owned)\s+(?:da|by|por|von|par)\s*$")
_APPOSITION_FILLERS = word_set("""
    a an the un une uno una um uma ein eine einer einem le la il el o su sa son seu sua
    sein seine ihr ihre its their leur leading primo premier primer primeiro one l'un des
    de los las del dos dei das der die major global globale mondial grande gran big
    largest specialist specialista especialista specialiste l'operateur otra outra altra
    andere another other autre
""")
_NOUN_CONJUNCTIONS = word_set("and e et y und ed")
#: After "Name (Country)": another name of a list ("(France), Xentric", "(Espagne) et
#: Kovacom"); before it: the end of one (", ", " et ").
_LISTED_AFTER_RE = re.compile(r"\s*(?:,|et|e|y|and|und|ed)\s+(?:(?:la|le|l'|el|a|o|the|die|der)"
                              r"\s+)?[A-Z]")
_LISTED_BEFORE_RE = re.compile(r"(?:\)\s*,|\)\s*(?:et|e|y|and|und|ed))\s*$")
#: Words that open a list of members: "le consortium réunit", "formado pela", "includes".
_MEMBERS_BEFORE_RE = re.compile(r"consor[tc]i|r[ée]uni|compos|form[ée]|formad[oa]|member|"
                                r"membre|miembro|membri|integrad|include|incluy|comprend|"
                                r"partner|partenaire|socio|soci\b|mitglied|beteiligt")
_GERMAN_DETERMINERS = word_set("""
    der die das den dem des ein eine einen einem einer eines dieser diese dieses diesen
    diesem sein seine seinen seinem seiner ihr ihre ihren ihrem unser unsere im am zum zur
    vom beim ins kein keine
""")


class OccurrenceCues:
    """The cues of one occurrence, for :class:`geo.draft.organisations.OrganisationFinder`
    (mixed into it: uses its ``doc``, ``names``, ``tokens``, ``extractor_orgs``,
    ``_words_alone`` and the word sets and patterns of
    :func:`geo.draft.org_words.finder_patterns`)."""

    def _group_name(self, text: str) -> bool:
        """Whether a hyphenated name ending in a group's word ("Altice-Gruppe", "WACS-
        Konsortium") names a group by its own name: its first part is no common word
        ("Experten-Gruppe", "Working-Group") and no word the text names alone (then it is
        another form of that company: "Meag" and "Meag-Konsortium")."""
        first, last = text.rsplit("-", 1)
        key = fold(first)
        if any(key in common_words(language) for language in LANGUAGES) or \
                key + fold(last) in common_words("de"):
            return False
        if self._words_alone is None:  # once per text: the words it writes on their own
            self._words_alone = {t.text for t in self.tokens}
        return first not in self._words_alone

    def _local_government(self, run: Run, words: list, before: str) -> bool:
        """"Das Land Kärnten gründete", "vom Land Baden-Württemberg gefördert", "la Regione
        Toscana ha firmato": the word of a state's or a region's government, then a place
        the gazetteer knows, where an actor stands: opening the sentence (after an article
        at most), or after a word of agent or partner ("vom", "mit dem", "dalla", "con la",
        "und der"); not where a place does ("durch das Land Niedersachsen", "alla Regione
        Calabria", "in Regione Sicilia")."""
        place = self.doc.place_in(words[1].start, run.end)
        if place is None or place.start != words[1].start or place.end < words[-1].end:
            return False
        opening = run.start - run.sentence.start == len(before) and _ARTICLE_ONLY_RE.fullmatch(
            before)
        return bool(opening or _ACTOR_BEFORE_RE.search(before[-30:]))

    def occurrence_cues(self, cand: OrgCandidate, run: Run) -> None:
        doc, tokens = self.doc, self.tokens
        s = run.sentence
        words = tokens[run.first:run.last + 1]
        folded = [t.folded for t in words]
        single = len(words) == 1 and run.end == words[-1].end
        before = doc.folded_before(run.start, s, 200)
        attribute = _ATTRIBUTE_BEFORE_RE.search(before[-60:])
        if attribute:  # "signed with Singapore-based BDx": the words before the attribute,
            # and before the capitalised words it ends ("led by Hong Kong-listed ESR")
            cut = len(before) - 60 + attribute.start() if len(before) > 60 \
                else attribute.start()
            at = run.start - len(before) + cut
            head = _CAPITALISED_BEFORE_RE.search(doc.text, max(s.start, at - 80), at)
            before = before[:max(0, cut - (len(head.group()) if head else 0))]
        tail = before[-90:]  # for patterns anchored at the name: searched on a short tail
        # the last words before the name, for cheap tests before the patterns
        last = set(tail[-60:].replace("'", " ").replace(",", " ").split()[-6:])
        connector = bool(last & _CONNECTORS)
        after_raw = doc.after(run.end, s, 140)
        after = doc.folded_after(run.end, s, 140)
        personal = cand.personal

        # its own words
        if self.extractor_orgs & {(run.start, run.end), (run.start, run.end + 1),
                                  (run.start - 1, run.end)}:
            cand.own.append("named as an organisation by the extractor")
        if not single and (folded[-1] in self.name_words or folded[0] in self.opening
                           or run.end > words[-1].end):
            cand.own.append(f"organisation word in {run.text!r}")
        if doc.language == "de" and ((german_body(folded[-1]) and all(
                _GERMAN_ADJECTIVE_RE.search(f) for f in folded[:-1])) or (
                german_body(folded[0]) and (single or not words[1].cap))):
            # "Bundesministerium für ...", "Europäische Investitionsbank", not
            # "Kommunikationsbehörde Nkom" (a descriptor before the name)
            cand.own.append("German authority word")
        if not single and folded[0] in _LOCAL_GOVERNMENT.get(doc.language, ()) and \
                self._local_government(run, words, before):
            cand.own.append("government: a state's or a region's")  # "Regione Toscana"
        if single and "-" in run.text and run.text[:1].isupper() and \
                folded[0].rsplit("-", 1)[1] in GROUP_PARTS and self._group_name(run.text):
            cand.own.append(f"organisation word in {run.text!r}")  # "Altice-Gruppe"
        if single and folded[0] in self.name_words:
            cand.vetoed.append("an organisation word alone")
            return
        if single and ((folded[0] in NOT_ORG_ACRONYMS and run.text.isupper())
                       or _ROMAN_RE.match(run.text)):
            cand.vetoed.append("an acronym of a thing, unit or currency, or a number")
            return
        if single and run.text.isupper() and len(run.text) == 3 and (
                _AMOUNT_AFTER_RE.match(after_raw) or _AMOUNT_BEFORE_RE.search(before[-30:])):
            cand.vetoed.append("a currency's code by an amount ('PHP 5.6 billion')")
            return
        if connector and _GEOGRAPHIC_BEFORE_RE.search(tail):
            cand.vetoed.append("a place: 'island of', 'city of'...")
            return
        if doc.is_dateline(run.start, run.end):
            # "DENVER — Cologix ...": the place a news agency wrote from; this occurrence
            # says nothing of an organisation (a name in capitals there that is no place,
            # "KDDI — the operator — has signed", is read as any other)
            return
        if (cand.own or cand.context) and not personal and not cand.place:
            return  # known already: the other occurrences add nothing
        if last & _SOURCE_WORDS and self.source_re.search(tail):
            cand.source = True
            return  # a source of the news: no other cue of this occurrence counts
        # a person: a title before, a role or a speech verb after
        if personal:
            if self._title_before(tail) or self.person_after_re.match(after) or \
                    self._role_after(after) or self.role_of_then_re.search(tail):
                cand.person.append("title or role")
            if _LED_BY_RE.search(tail) or (
                    re.search(r"\b(?:de|di|of|von)\s*$", tail) and re.search(
                        r"(?:holding|inversor|investor|investidor|proprietario|owner|"
                        r"partecipazioni|apuesta)\b", before)):
                cand.person.append("led or owned by a person")
        # the owner of what follows: "the Xentric-owned cable", "Vorbel-backed Kovacom"
        if not personal and _OWNER_AFTER_RE.match(doc.text, run.end):
            cand.context.append("owner of what follows")
        # a noun before it ("la société X", "das finnische Unternehmen X", "operator, X")
        if self._noun_before(before):
            cand.context.append("noun before")
        # a country's adjective as the noun before it: "ganó la mexicana Azteca", "le
        # marocain Medafrica", "a portuguesa EllaLink" (a company of that country)
        if doc.language in ("fr", "es", "pt", "it") and not personal:
            m = _DEMONYM_BEFORE_RE.search(tail[-40:])
            if m and _DEMONYM_END_RE.search(m.group(1)) and (
                    m.group(1).split("-")[-1][:4] in country_prefixes()):
                cand.context.append("noun before: a country's adjective")
        if doc.language == "de" and not personal and (
                is_acronym(words[0].text) or is_camel(words[0].text)
                or "&" in words[0].text):  # "die amerikanische AT&T" (not "... Halbinsel")
            m = _DEMONYM_BEFORE_DE_RE.search(tail[-40:])
            if m and m.group(1)[:4] in country_prefixes():
                cand.context.append("noun before: a country's adjective")
        # an apposition after it ("X, primo operatore", "X, su filial")
        if self.noun_after(after):
            cand.context.append("noun after")
        # a role of it ("CEO of X")
        if connector and self.role_re.search(tail) and not self._minister_before(tail):
            cand.context.append("role of it")
        # ownership: "X's data centre", "cabo ... da X", "cofinancement de l'X"
        if run.possessive and _POSSESSED_RE.search(doc.folded_after(run.end + 2, s, 60)):
            cand.context.append("possessive")
        # a German noun of a company right before it ("Rechenzentrenbetreiber X",
        # "Datencenter-Unternehmen Green")
        prev = self.names.words_before(run.start, 1, s.start)
        if prev and prev[0].text[:1].isupper() and german_org_noun(
                prev[0].folded, self.org_nouns) and doc.text[prev[0].end:run.start] in (
                    " ", "\u00a0"):
            cand.context.append("noun before (German)")
        if cand.place:
            return  # a place is an organisation only by a noun, a role or a list
        if connector and not personal and _OWNED_RE.search(tail):
            cand.context.append("owner of infrastructure")
        # the object of a purchase or the source of funds: "its acquisition of X"
        if (connector or tail[-40:].rstrip().endswith(("from", "of", "with", "in"))) and \
                _DEAL_OBJECT_RE.search(tail[-60:]):
            cand.context.append("object of a deal")
        # a deal or a build
        m = _DEAL_BEFORE_RE.search(tail) if last & _DEAL_WORDS else None
        if m and not personal:
            lead = m.group(0).split()[0] if m.group(0).split() else ""
            cut = len(before) - len(tail) + m.start()
            window = before[max(0, cut - 110):cut + len(lead)]
            if lead in _BETWEEN:
                ok = bool(_SIGNED_WORDS_RE.search(window))
            else:
                ok = lead not in _GENERIC_DEAL or bool(_DEAL_WORDS_RE.search(window))
            if ok:
                cand.context.append("party to a deal")
        # named by an organisation noun: "una società di scopo denominata Unitirreno"
        m = NAMING_RE.search(tail) if _NAMING_HINT_RE.search(tail) else None
        if m and any(w in self.org_nouns for w in re.findall(r"[\w'-]+",
                                                              tail[:m.start()])[-4:]):
            cand.context.append("noun before: named")
        # a country in brackets after it: "Antel (Uruguay)"
        m = re.match(r"\s*\(([^()]{2,40})\)", after_raw)
        if m and not _LOCATIVE_BEFORE_RE.search(tail):
            inner_start = run.end + after_raw.index("(") + 1
            inner = doc.names.places_between(inner_start, inner_start + 40)
            if inner and inner[0].kind == "country" and not cand.place:
                listed = (_LISTED_AFTER_RE.match(after_raw, m.end())
                          or _LISTED_BEFORE_RE.search(before[-12:])) and \
                    _MEMBERS_BEFORE_RE.search(before)
                # "Vorbel (France), Xentric (Espagne) et Kovacom (Italie)": members listed
                cand.weak.append("country in brackets, in a list" if listed
                                 else "country in brackets")
        # a share in brackets: "a Unitel (31%)", "Vexa (20 per cent)"
        if _SHARE_RE.match(after_raw):
            cand.context.append("a share in brackets")
        # an acronym
        if single and is_acronym(run.text) and folded[0] not in NOT_ORG_ACRONYMS and not any(
                c.isdigit() for c in run.text) and not self.other_facility_re.search(before):
            cand.weak.append("acronym")
            inner = re.match(r"\s*\(([^()]{3,120})\)", after_raw)
            outer = doc.text[max(0, run.start - 120):run.start - 1] if doc.text[
                run.start - 1:run.start] == "(" else ""
            if (inner and (defines(run.text, inner.group(1)) or spelt_out(
                    run.text, inner.group(1)))) or (outer and (
                        defined_by(outer.rstrip(), run.text) or spelt_out(
                            run.text, re.split(r"[,;:.()]", outer)[-1].strip()))):
                cand.defined = True
        # the subject of an organisation's verb
        verb = self.verb_re.match(after)
        if verb and personal and not _PERSON_VERB_RE.match(after) and run.initial:
            cand.weak.append("the subject of a verb of business")
        if verb and not personal and not (
                doc.language == "de" and not (run.initial and self._name_like_de(run))):
            cand.weak.append("subject of an organisation's verb")
        # the speaker after a verb of saying: "..., a annoncé Meta", "said NTT"
        if single and not personal and re.search(
                r"(?:\bsaid|\bsays|\bannounced|a\s+annonc[ée]|a\s+indiqu[ée]|a\s+pr[ée]cis[ée]|"
                r"annonce|indique|anunci[oó]|explic[oó]|afirm[oó]|anunciou|afirmou|"
                r"ha\s+annunciato|ha\s+dichiarato|teilte\s+mit|erklärte|sagte)\s*$", tail) \
                and not cand.place:
            cand.weak.append("the speaker of the sentence")
        # subject before an apposition: "Telefónica, a través de Telxius, ..., ha anunciado",
        # "A Xentric, em parceria com a Vorbel, vai construir"
        opening = run.initial or (doc.language != "de" and run.start - s.start == len(before)
                                  and _ANY_ARTICLE_ONLY_RE.fullmatch(before))
        if opening and not personal and after.startswith(","):
            m2 = re.match(r",[^,;:.]{3,160},\s*(.*)$", after)
            if m2 and self.verb_re.match(m2.group(1)):
                cand.weak.append("subject of an organisation's verb")

    def _title_before(self, before: str) -> bool:
        tail = re.sub(r"[\s,]+$", "", before)
        last = re.findall(r"[\w'-]+", tail)[-3:]
        return any(w in self.titles for w in last) or any(
            " ".join(last[i:]) in self.titles for i in range(len(last)))

    def _role_after(self, after: str) -> bool:
        m = re.match(r"^\s*,\s+(?:(?:the|a|an|le|la|el|il|o|der|die|l')\s*)?", after)
        if not m:
            return False
        words = re.findall(r"[\w'-]+", after[m.end():])[:4]
        return any(w in self.roles or w in self.titles or w in TITLE_WORDS
                   for w in words[:2]) or any(" ".join(words[:k]) in self.roles
                                              for k in (2, 3))

    @staticmethod
    def _minister_before(before: str) -> bool:
        return bool(re.search(r"\b(?:minist\w*|secretar\w*|mayor|maire|alcalde|prefeito|"
                              r"sindaco|burgermeister|governor|governador|gouverneur)\s+"
                              r"(?:\w+\s+){0,2}(?:of|de|di|da|do|du|della|del|von|for)\s+"
                              r"(?:(?:the|la|le|l'|el|il|lo|a|o)\s+)*$", before))

    def _noun_before(self, before: str) -> bool:
        words = re.findall(r"[\w'’-]+|,", before)[-6:]
        if not words:
            return False
        if words[-1] == ",":
            # "the Angolan telecommunications operator, Angola Cables": no preposition
            # before the noun phrase ("Working with a local operator, X" is no apposition)
            if len(words) >= 2 and words[-2] in self.org_nouns:
                lead = words[:-2][-4:]
                return not any(w in ("with", "avec", "con", "com", "mit", "for", "pour",
                                     "para", "per", "of", "de", "di", "da", "von", "by",
                                     "par", "por", "in", "en", "a", "to") for w in lead)
            return False
        return words[-1] in self.org_nouns or (
            words[-1] in ("d'", "de", "di") and False)

    def noun_after(self, after: str) -> bool:
        m = re.match(r"\s*,\s+(.*)$", after) or re.match(r"\s*\(\s*(.*)$", after)
        if not m:
            return False
        words = re.findall(r"[\w'’-]+", m.group(1))[:6]
        modifiers = 0
        for i, w in enumerate(words):
            if w in self.org_nouns:
                return True
            if i and w in _NOUN_CONJUNCTIONS and words[i - 1] not in _APPOSITION_FILLERS:
                continue  # "X, sviluppatore e operatore di ..."
            if w in _APPOSITION_FILLERS or (i < 3 and re.match(
                    r"^[a-z].*(?:e|en|er|es|ais|aise|ien|ienne|ano|ana|ese|ês|esa|ish|an|al|"
                    r"ale|ique|ico|ica|isch|ische|ischen|eur|iste|ista)$", w)):
                continue
            # English nouns used as modifiers: "the data center branch of", "an
            # infrastructure investment fund"
            if self.doc.language == "en" and modifiers < 2 and i < 4 and w.isalpha() and \
                    w.islower() and w not in self.names.all_function:
                modifiers += 1
                continue
            return False
        return False

    def _name_like_de(self, run: Run) -> bool:
        """In German, where every noun is capitalised: a word shaped like a name (capitals
        inside, digits, an acronym, a hyphen), or one no article precedes."""
        t = self.tokens[run.first]
        if is_acronym(t.text) or is_camel(t.text) or "-" in t.text or any(
                c.isdigit() for c in t.text):
            return True
        prev = self.names.words_before(run.start, 1, run.sentence.start)
        if not prev:
            return not german_noun(t.text, t.folded, self.org_nouns)
        return prev[0].folded not in _GERMAN_DETERMINERS and not prev[0].text[:1].islower()
