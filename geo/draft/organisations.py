"""Organisations a text names as actors: operators, vendors, investors, authorities, states.

A capitalised run (:class:`geo.draft.names.Run`) is an organisation when the words around
one of its occurrences say so:

* **its own words**: an organisation word ending or opening it ("Angola Cables", "Teles
  AG", "Empresa de Tecnologia ...", "Bundeskartellamt"), or a government word and a country
  adjective ("Estado Português", "gouvernement gabonais", "State of Timor-Leste");
* **a noun before it**: "la société Alcatel Lucent", "das finnische Unternehmen Cinia",
  "une société de scopo denominata Unitirreno"; **after it**: "Sparkle, primo operatore",
  "Melpart, holding di ...", "Hetzner-Online, ein Nürnberger Anbieter";
* **a role of it**: "CEO of Angola Cables", "directeur général de la Mauripost",
  "responsible for Telin" (the person named with it is no organisation);
* **ownership**: "Equinix's SG3 data centre", "o cabo submarino da EllaLink", "Data Center
  de Teraco", "Rechenzentrum von KPNQwest", "un cofinancement de l'Union européenne";
* **a deal**: "partnered with Equinix", "junto con América Móvil", "accordo con Vdpc",
  "constructed by NEC Corporation", "a través de Telxius";
* **a list**: the names of a list ("comprised of A, B and C", "A, B et C, sociétés
  actionnaires") are organisations when one of them is or the list is introduced so;
* **weaker**: an acronym that is no place, unit, code or abbreviation of something else;
  a name followed by a country in brackets ("Antel (Uruguay)"); the subject of a verb
  organisations do ("Strato kauft", "Unidata ha siglato").

A name shaped like a person's ("Amancio Ortega") needs one of the strong cues and no
person's cue (a title, a role after it, a speech verb), and a source of the news ("revealed
by Capacity", "a appris l'APS") needs a strong cue. A place the gazetteer knows is an
organisation only by a noun, a role or a list ("The two companies, Moratelindo and Telin").

Forms of one organisation become aliases: "Long Name (ACR)" and "ACR (Long Name)", "Meta
(Facebook)", "EulaLink (antiga Islalink)", and a short form that is the start of a longer
name followed only by organisation words ("NTT" of "NTT Communications", "1&1" of "1&1
Internet AG"); a longer name that adds a place ("Sparkle Greece") is another organisation.
"""

from __future__ import annotations

import re

from geo.draft.document import Document
from geo.draft.facts import OrganisationFact
from geo.draft.known_names import known_organisations
from geo.draft.names import ORG_END_WORDS, Run, is_acronym, is_camel, is_people_adjective
from geo.draft.org_acronyms import SMALL_WORDS, defined_by, defines, spelt_out
from geo.draft.org_candidate import OrgCandidate, add_candidate
from geo.draft.org_words import (
    GERMAN_NOUN_ENDINGS,
    LEGAL_FORMS,
    NAMING_RE,
    NOT_ORG_ACRONYMS,
    TITLE_WORDS,
    all_words,
    country_prefixes,
    finder_patterns,
    german_noun,
)
from geo.draft.vocabulary import (
    DATA_CENTRE_SUFFIXES,
    GOVERNMENT,
    ORG_DE_SUFFIXES,
    ORG_NOUN_SUFFIXES_DE,
    fold,
    folded_set,
    word_set,
)

#: Roman numerals ("le XXIe siècle", "siglo XXI"): no organisation.
_ROMAN_RE = re.compile(r"^(?=[XVI]{2,})X{0,3}(?:IX|IV|V?I{0,3})(?:e|º|°)?$")  # "XXI", "IV"
#: Bodies that are seldom actors of telecom news: parliaments and assemblies.
_NOT_ACTORS = word_set("""
    parliament parlement parlamento parlament assembly assemblee asamblea assembleia
    assemblea senate senat senado senato congress congres congreso congresso kongress
    bundestag
""")
_WEEKDAYS = word_set("""
    monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi
    vendredi samedi dimanche lunes martes miercoles jueves viernes sabado domingo
    segunda terca quarta quinta sexta lunedi martedi mercoledi giovedi venerdi sabato
    montag dienstag mittwoch donnerstag freitag samstag sonntag
""")
#: Lower-case consortium words that complete a name before them ("the 2Africa consortium").
_CONSORTIUM_RE = re.compile(r"\s+(consortium|consorcio|consórcio|consorzio|Konsortium)\b")
#: Name words after which a lower-case adjective still belongs to the name ("Union
#: européenne", "Banque mondiale", "Commission européenne").
_ADJECTIVE_TAKERS = word_set("""
    union commission banque banco banca comision comissao commissione agence agencia
    agenzia conseil consejo conselho consiglio autorite unione uniao
""")
_ADJECTIVE_RE = re.compile(
    r"\s+([a-zà-ÿ]+(?:éenne|een|eenne|enne|ien|ienne|ais|aise|ale|al|ane|ano|ana|ea|eo|"
    r"eia|eu|ese|esa|ês|iale|ial|ica|ico|ique|ische|ischen|isch|ndiale|ndial|ondiale))\b")
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
_ADJECTIVE_END_RE = re.compile(
    r"(?:o|a|e|os|as|es|ais|aise|ien|ienne|ês|esa|ese|ain|aine|ois|oise|eiro|eira|ol|ola|"
    r"és|ische|ischen|isches)$")



#: A first word that says what a name is, not part of it: "Ayala-led", "Singapore-based".
_ATTRIBUTE_RE = re.compile(r"\w-(?:led|based|owned|backed|controlled|headquartered|listed|"
                           r"born|focused|registered|founded)$")
_ATTRIBUTE_BEFORE_RE = re.compile(r"[\w'-]+-(?:led|based|owned|backed|controlled|"
                                  r"headquartered|listed|born|focused|registered|"
                                  r"founded)\s+$")
#: A member's country or town after it in a list: "NTT aus Japan, Interxion aus Holland".
_PLACE_BEFORE_RE = re.compile(r"\s(?:aus|from|of|de|du|da|di|in|en|em)\s+(?:(?:den|der|dem|"
                              r"the|la|le|el|il|lo)\s+)?$")
_PLACE_AFTER_RE = re.compile(r"^\s+(?:aus|from|of|de|du|da|di|in|en|em)\s+(?:(?:den|der|dem|"
                             r"the|la|le|el|il|lo)\s+)?[A-ZÀ-Ý][\w’'-]{0,30}"
                             r"(?:\s+[A-ZÀ-Ý][\w’'-]{0,30})?(?=\s*(?:,|;|\s(?:and|et|y|e|"
                             r"und|ou|or|o|oder)\s))")
_GOVERNMENT_BODIES = word_set("""
    government gouvernement gobierno governo regierung landesregierung ministry
""")
_DEMONYM_END_RE = re.compile(r"(?:ano|ana|ino|ina|eno|ena|ese|es|esa|eiro|eira|ais|aise|ain|"
                             r"aine|ois|oise|ien|ienne|ique|ol|ola|ense|ota|ote|ita|ite|"
                             r"co|ca)$")
_DEMONYM_BEFORE_RE = re.compile(r"(?:^|[\s(])(?:le|la|l'|el|lo|il|o|a|au|du|del|al|dal|nel|"
                                r"della|dalla|alla|nella|dello|pela|pelo|da|do|na|no)\s*"
                                r"([a-z]{2,}-?[a-z]{4,})\s+$")
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
_LIST_INTRO_RE = re.compile(
    r"(?:comprised\s+of|composed\s+of|consisting\s+of|made\s+up\s+of|including|includes|"
    r"members?\s+(?:are|include)|investors\s+(?:are|include)|shareholders\s+"
    r"(?:are|include)|partners\s+(?:are|include)|compose\s+de|composee?\s+de|forme\s+de|"
    r"formee?\s+de|compuesto\s+por|formado\s+por|integrado\s+por|composto\s+por|"
    r"formada\s+por|composto\s+da|formato\s+da|bestehend\s+aus|investoren\s+sind|"
    r"companies|entreprises|operateurs|empresas|operadoras|societa|unternehmen|operators|"
    r"carriers|telcos|operadores|operatori|betreiber|"
    r"investors|investisseurs|inversores|investidores|investitori|two\s+companies|"
    r"consor\w*[^.;:]{0,30}?\b(?:da|de|by|of|par|por|von|aus)|"
    r"(?:companies|firms|operators|players|providers|carriers|entreprises|societes|"
    r"operateurs|acteurs|empresas|operadores|operadoras|societa|aziende|operatori|"
    r"unternehmen|anbietern?|betreibern?|konkurrenz|competitors|concurrents|rivals)"
    r"[^.;:]{0,30}?\b(?:such\s+as|like|including|comme|tels?\s+que|telles?\s+que|como|"
    r"tales\s+como|come|quali|wie|etwa|darunter))"
    r"\s*(?:the|das|die|der|les|la|le|los|las|os|as|gli|i)?\s*(?:\w+\s+)?[:,(]?\s*$")
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
    acquistato acquistata comprato
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
#: Verbs after a list of names that make them the subjects of a deal: "A e B assinaram".
_PLURAL_VERB_RE = re.compile(
    r"^\s*(?:\([^()]{1,40}\)\s*)?,?\s*(?:have\s+signed|signed|have\s+agreed|agreed|"
    r"announced|partnered|ont\s+sign[ée]|sign[eè]rent|ont\s+annonc[ée]|firmaron|han\s+"
    r"firmado|anunciaron|assinaram|anunciaram|hanno\s+(?:firmato|siglato|sottoscritto|"
    r"annunciato)|firmarono|haben\s+(?:eine|einen|ein|den|die|das)?\s*\w*\s*"
    r"unterzeichnet|unterzeichneten|have\s+partnered|join\s+forces)\b")
#: an amount right after or before a three-letter code: a currency ("PHP 5.6 billion",
#: "100 millions de MAD")
_AMOUNT_AFTER_RE = re.compile(r"\s?\d")
_AMOUNT_BEFORE_RE = re.compile(r"\d(?:[.,]\d+)?\s*(?:[a-z]+\s+(?:de\s+|d['’]\s*)?)?$")
_ACRONYM_IN_BRACKETS_RE = re.compile(r"\(\s*([A-Z][A-Z0-9&-]{1,7}(?: [A-Z]{2,4})?)\s*\)")
_LED_BY_RE = re.compile(r"(?:guidato|guidata|led|dirigid[oa]|geleitet|gefuhrt|fondata|"
                        r"founded|fundad[oa]|controlad[oa]|owned)\s+(?:da|by|por|von|par)\s*$")


class OrganisationFinder:
    """Finds the organisations of one :class:`Document`."""

    def __init__(self, doc: Document, blocked: set[str] | None = None):
        self.doc = doc
        self.names = doc.names
        self.tokens = doc.names.tokens
        self.blocked = blocked or set()
        (self.org_nouns, self.roles, self.titles, self.name_words, self.opening,
         self.months, self.facility_re, self.other_facility_re, self.verb_re,
         self.person_after_re, self.role_re, self.source_re,
         self.role_of_then_re) = finder_patterns()
        self.candidates: dict[str, OrgCandidate] = {}
        self.adjective_spans = doc.adjective_spans
        self.extractor_orgs = {(m.start, m.end) for m in doc.mentions
                               if m.kind == "organisation"}

    # ------------------------------------------------------------------ candidates

    def find(self) -> list[OrganisationFact]:
        defined = self._defined_long_names()
        for run in self._candidate_runs():
            if not any(a <= run.start and run.end <= b for a, b in defined):
                add_candidate(self.candidates, run)
        self._named_by_quote()
        self._governments()
        known = known_organisations()
        for cand in self.candidates.values():
            cand.personal = all(self._person_shaped(r) for r in cand.runs)
            cand.place = any(self.doc.is_place_run(r) for r in cand.runs)
            if all(self._inside_a_place(r) for r in cand.runs):
                cand.vetoed.append("a part of a place's name")  # "Tomé" of "São Tomé"
            elif cand.key in known and not cand.place:
                cand.own.append("a known organisation's name")
            for run in cand.runs:
                self._cues(cand, run)
        self._acronym_definitions()
        self._lists()
        self._persons_by_surname()
        return self._facts()

    def _candidate_runs(self) -> list[Run]:
        out = []
        for run in self.names.runs:
            if run.title:
                continue
            stripped = self.names.strip_function(run)
            if stripped is None:
                continue
            out.extend(self._pieces(stripped))
        return out

    def _pieces(self, run: Run) -> list[Run]:
        """The parts of a run that may each name an organisation."""
        tokens, names = self.tokens, self.names
        first, last = run.first, run.last
        while first <= last and (tokens[first].folded in TITLE_WORDS
                                 or not tokens[first].cap or _ATTRIBUTE_RE.search(
                                     tokens[first].text)):
            first += 1  # titles, and "Ayala-led", "Singapore-based" before a name
        if first > last:
            return []
        if first != run.first:
            run = names.sub_run(run, first, last)
        words = [t.folded for t in tokens[run.first:run.last + 1]]
        # "Huawei Marine Networks of China": the company, then its country
        k = _country_after_name(names, run, self.name_words)
        if k is not None:
            return self._pieces(names.sub_run(run, run.first, k - 1))
        # "Chang Wei of Nordic Telecom": a person, then the organisation he speaks for
        for k in range(run.first + 2, run.last):
            if tokens[k].folded in ("of", "de", "di", "von", "da", "do", "du") and \
                    tokens[k + 1].cap and self._person_shaped(
                        names.sub_run(run, run.first, k - 1)) and (
                    k + 1 == run.last or tokens[run.last].folded in self.name_words):
                return self._pieces(names.sub_run(run, k + 1, run.last))
        # "Data Center de Teraco", "Rechenzentrum von X": the owner after the facility word
        found = self.facility_re.search(run.text)
        if found and run.text[-1:] == "s" and run.text[:1].isupper() and re.search(
                r"(?:Data\s+Cent(?:re|er)s|Datacent(?:re|er)s)$", run.text):
            found = None  # "Africa Data Centres": a company's name, no facility
        if found or any(w.endswith(DATA_CENTRE_SUFFIXES) for w in words):
            after = run.start + found.end() if found else run.end
            for k in range(run.first + 1, run.last + 1):
                if tokens[k].start >= after and tokens[k - 1].folded in (
                        "de", "da", "do", "di", "von", "of", "du", "del") and tokens[k].cap:
                    return self._pieces(names.sub_run(run, k, run.last))
            return []
        if self.doc.language == "de" and len(words) > 1:
            return self._german_pieces(run)
        if self.doc.language == "de" and words[0].endswith(GERMAN_NOUN_ENDINGS) and not (
                is_acronym(run.text) or is_camel(run.text) or "-" in run.text
                or any(c.isdigit() for c in run.text)):
            prev = names.words_before(run.start, 1, run.sentence.start)
            if not prev or not (prev[0].folded in self.org_nouns
                                or prev[0].folded.endswith(ORG_NOUN_SUFFIXES_DE)):
                return []  # a German common noun ("mit Datencentern"), not "Firma Nordkabel"
        if any(w in TITLE_WORDS or w in _NOT_ACTORS for w in words):
            return []
        if words[-1] in ("cable", "system", "kabel", "cabo", "cavo", "project", "projet",
                         "proyecto", "projeto", "progetto", "campus"):
            return []
        if len(words) == 1 and (words[0] in self.months or words[0] in _WEEKDAYS
                                or (words[0] in self.org_nouns and not (
                                    words[0] in _ADJECTIVE_TAKERS
                                    and _ADJECTIVE_RE.match(self.doc.text, run.end)))
                                or len(run.text) < 2):
            return []  # (but "Banque mondiale", "Commission européenne" are names)
        if (run.start, run.end) in self.adjective_spans or (
                len(words) == 1 and is_people_adjective(self.doc.text, run.start, run.end,
                                                        self.names.all_function)):
            return []  # "the Welsh data centre": an adjective
        # "Diario Expansión de España": the name stops before "de <place>"
        if run.places and words[0] not in self.opening:
            for m in run.places:
                k = names.token_index(m.start)
                if k - 1 > run.first and tokens[k - 1].folded in ("de", "of", "di", "da",
                                                                  "do", "del", "du"):
                    if k - 2 < run.first:
                        return []
                    return self._pieces(names.sub_run(run, run.first, k - 2))
        text = self.doc.text
        m = _CONSORTIUM_RE.match(text, run.end)
        if m and run.sentence.end >= m.end():
            run = Run(run.start, m.end(), text[run.start:m.end()], run.first, run.last,
                      run.sentence, run.initial, False, run.title, run.places)
        elif words[-1] in _ADJECTIVE_TAKERS:
            m = _ADJECTIVE_RE.match(text, run.end)
            if m and run.sentence.end >= m.end():
                run = Run(run.start, m.end(), text[run.start:m.end()], run.first, run.last,
                          run.sentence, run.initial, False, run.title, run.places)
        if run.key in self.blocked:
            return []  # a cable's name
        return [run]

    def _german_pieces(self, run: Run) -> list[Run]:
        """German capitalises every noun: a run is cut at its common nouns ("Unternehmen
        Cinia", "Technikpartners KPNQwest"), unless it ends with a company word ("1&1
        Internet AG", "Teles AG")."""
        tokens = self.tokens
        words = [t.folded for t in tokens[run.first:run.last + 1]]
        if words[-1] in self.name_words and words[-1] not in ("internet", "global", "online"):
            # keep the name words before the suffix that are no common nouns
            k = run.last
            while k > run.first and not german_noun(tokens[k - 1].text, tokens[k - 1].folded,
                                                     self.org_nouns):
                k -= 1
            return [self.names.sub_run(run, k, run.last)]
        out: list[Run] = []
        start = run.first
        for k in range(run.first, run.last + 1):
            t = tokens[k]
            after_noun = k > run.first and (tokens[k - 1].folded in self.org_nouns
                                            or tokens[k - 1].folded.endswith(
                                                ORG_NOUN_SUFFIXES_DE))
            if (german_noun(t.text, t.folded, self.org_nouns) and not after_noun) or \
                    t.folded in TITLE_WORDS:
                if k > start:
                    out.append(self.names.sub_run(run, start, k - 1))
                start = k + 1
        if start <= run.last:
            out.append(self.names.sub_run(run, start, run.last))
        pieces = []
        for piece in out:
            if piece.first == run.first and piece.last == run.last:
                pieces.append(piece)
            else:
                pieces.extend(p for p in self._pieces(piece))
        return pieces

    # ------------------------------------------------------------------ cues

    def _cues(self, cand: OrgCandidate, run: Run) -> None:
        doc, tokens = self.doc, self.tokens
        s = run.sentence
        words = tokens[run.first:run.last + 1]
        folded = [t.folded for t in words]
        single = len(words) == 1 and run.end == words[-1].end
        before = doc.folded_before(run.start, s, 200)
        attribute = _ATTRIBUTE_BEFORE_RE.search(before[-60:])
        if attribute:  # "signed with Singapore-based BDx": the words before the attribute
            before = before[:len(before) - 60 + attribute.start()] if len(before) > 60 \
                else before[:attribute.start()]
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
        if single and doc.language == "de" and folded[0].endswith(ORG_DE_SUFFIXES) and len(
                folded[0]) > 8 and not folded[0].endswith(("unternehmen",)):
            cand.own.append("German authority word")
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
        # a noun before it ("la société X", "das finnische Unternehmen X", "operator, X")
        if self._noun_before(before):
            cand.context.append("noun before")
        # a country's adjective as the noun before it: "ganó la mexicana Azteca", "le
        # marocain Medafrica", "a portuguesa EllaLink" (a company of that country)
        if doc.language in ("fr", "es", "pt", "it") and not personal:
            m = _DEMONYM_BEFORE_RE.search(tail[-40:])
            if m and _DEMONYM_END_RE.search(m.group(1)) and (
                    m.group(1).split("-")[-1][:4] in self._country_prefixes()):
                cand.context.append("noun before: a country's adjective")
        # an apposition after it ("X, primo operatore", "X, su filial")
        if self._noun_after(after):
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
        if prev and prev[0].text[:1].isupper() and (
                prev[0].folded.endswith(ORG_NOUN_SUFFIXES_DE)
                or prev[0].folded in self.org_nouns) and doc.text[prev[0].end:run.start] in (
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
                cand.weak.append("country in brackets")
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
        # subject before an apposition: "Telefónica, a través de Telxius, ..., ha anunciado"
        if run.initial and not personal and after.startswith(","):
            m2 = re.match(r",[^,;:.]{3,160},\s*(.*)$", after)
            if m2 and self.verb_re.match(m2.group(1)):
                cand.weak.append("subject of an organisation's verb")

    def _inside_a_place(self, run: Run) -> bool:
        """The run is a part of a longer place name ("Príncipe" of "São Tomé e Príncipe")."""
        m = self.doc.place_in(run.start, run.end)
        return m is not None and m.end - m.start > run.end - run.start

    def _person_shaped(self, run: Run) -> bool:
        """Two to four title-case words, none an organisation word, code or place: the
        shape of a person's name ("Marí Alkatiri", "José Carlos Simão")."""
        words = self.tokens[run.first:run.last + 1]
        if not 2 <= len(words) <= 5 or run.places or run.end > words[-1].end:
            return False
        caps = 0
        for t in words:
            w = t.text
            if t.folded in ("de", "da", "do", "dos", "das", "del", "di", "van", "von", "la",
                            "le", "bin", "ben", "al", "ould", "el", "y", "e"):
                continue
            if not w.isalpha() or not w[:1].isupper() or is_acronym(w) or (
                    is_camel(w) and not re.match(r"^(?:Mc|Mac|O|D)[A-Z]", w)):
                return False
            if t.folded in self.name_words or t.folded in self.opening:
                return False
            caps += 1
        return caps >= 2

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

    def _noun_after(self, after: str) -> bool:
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

    # ------------------------------------------------------------------ whole-text rules

    def _defined_long_names(self) -> list[tuple[int, int]]:
        """Long names that an acronym in brackets abbreviates, across "e", "and", "y"...:
        "Istituto Nazionale di Geofisica e Vulcanologia (INGV)" is one name."""
        doc, text = self.doc, self.doc.text
        spans = []
        for m in _ACRONYM_IN_BRACKETS_RE.finditer(text):
            acronym = m.group(1)
            s = doc.sentence_at(m.start())
            if s is None or s.index in self.names.title_sentences:
                continue
            before = text[max(s.start, m.start() - 160):m.start()]
            long = defined_by(before.rstrip(), acronym)
            if long:
                long = re.sub(r"^[a-z]{1,4}['’]", "", long)  # "l'Istituto ..."
            if not long or not long[:1].isupper() or " " not in long:
                continue
            words = [fold(w) for w in re.findall(r"[^\W_][\w'’-]*", long)]
            if not re.search(r"\s(?:e|and|y|et|und|&)\s", long) and not (
                    (words[0] in self.opening or words[-1] in self.name_words) and any(
                        w[:1].islower() and fold(w) not in SMALL_WORDS
                        for w in long.split()[1:])):
                continue  # a plain run: found as a run ("Agence nationale de ..." is none)
            start = m.start() - (len(before) - before.rfind(long))
            end = start + len(long)
            if text[start:end] != long:
                continue
            run = Run(start, end, long, self.names.token_index(start),
                      self.names.token_index(end) - 1, s, False)
            cand = add_candidate(self.candidates, run)
            cand.own.append(f"abbreviated {acronym}")
            spans.append((start, end))
        return spans

    def _named_by_quote(self) -> None:
        """A quoted name given to an organisation ("le regroupement ... appelé
        "Mauritanienne pour les communications internationales"")."""
        doc = self.doc
        for m in re.finditer(r"[«“\"]\s*([^«»“”\"\n]{3,80}?)\s*[»”\"]", doc.text):
            s = doc.sentence_at(m.start())
            if s is None or not m.group(1)[:1].isupper():
                continue
            before = doc.folded_before(m.start(), s, 80)
            n = NAMING_RE.search(before + " ")
            near = re.findall(r"[\w'-]+", before)[-8:]
            if n is None or not any(w in self.org_nouns for w in near):
                continue
            start = m.start(1)
            end = start + len(m.group(1))
            run = Run(start, end, doc.text[start:end], self.names.token_index(start),
                      self.names.token_index(end) - 1, s, False)
            cand = add_candidate(self.candidates, run)
            cand.own.append("a quoted name given to an organisation")

    def _governments(self) -> None:
        """"Estado Português", "gouvernement gabonais", "Etat mauritanien", "State of
        Timor-Leste": a government word and a country adjective or "of <country>"."""
        doc = self.doc
        gov = "|".join(sorted((re.escape(w) for w in all_words(GOVERNMENT)), key=len,
                              reverse=True))
        for m in re.finditer(rf"(?<![\w-])((?:{gov}))\s+([\w’'-]+)(?:\s+([\w’'-]+))?",
                             doc.text, re.IGNORECASE):
            adj = m.group(2)
            s = doc.sentence_at(m.start())
            if s is None or s.index in self.names.title_sentences:
                continue
            end = m.end(2)
            adjective = m.start(2) in doc.adjective_starts
            ok = adjective or (adj[:1].islower() and re.search(
                r"(?:ais|aise|ien|ienne|ês|esa|ano|ana|ese|ois|oise|ain|aine|ote|ais)$",
                adj)) or (adj[:1].isupper() and adj.endswith(("ês", "ese", "ano", "ais", "ien"))
                          and doc.place_in(m.start(2), m.end(2)) is None) or (
                adj[:1].islower() and _ADJECTIVE_END_RE.search(adj)
                and fold(adj)[:4] in self._country_prefixes())  # "gobierno argentino"
            if not ok and fold(adj) in ("of", "de", "do", "da", "di", "du", "del", "della",
                                        "von", "des", "dello") and m.group(3):
                k = m.start(3)
                art = re.match(r"(?:the|la|l['’]|el|lo|der)\s*", doc.text[k:k + 5],
                               re.IGNORECASE)
                if art and doc.place_in(k, k + len(m.group(3))) is None:
                    k += art.end()
                p = doc.place_in(k, k + 3)
                if p is not None and (p.kind == "country" or (
                        p.kind == "region" and fold(m.group(1)) in _GOVERNMENT_BODIES)):
                    # "State of Timor-Leste", "governo do Ceará" (not "the state of Odisha")
                    ok = True
                    end = p.end
            if not ok:
                continue
            surface = doc.text[m.start():end]
            run = Run(m.start(), end, surface, self.names.token_index(m.start()),
                      self.names.token_index(end) - 1, s, False)
            cand = add_candidate(self.candidates, run)
            cand.own.append("government: a government word and a country")

    @staticmethod
    def _country_prefixes() -> frozenset[str]:
        return country_prefixes()

    def _acronym_definitions(self) -> None:
        """An acronym defined by words that name no organisation ("Mécanisme pour
        l'Interconnexion en Europe (MIE)", "South Atlantic Cable System (SACS)") is none;
        one spelt out anywhere in the text ("da DGRM (Direção-Geral ...)") is defined."""
        text = self.doc.text
        for cand in self.candidates.values():
            if cand.weak and not cand.defined and is_acronym(cand.surface):
                for _a, b in self.doc.occurrences(cand.surface):
                    inner = re.match(r"\s*\(([^()]{3,120})\)", text[b:b + 130])
                    if inner and (defines(cand.surface, inner.group(1)) or spelt_out(
                            cand.surface, inner.group(1))):
                        cand.defined = True
                        break
        for cand in self.candidates.values():
            if not cand.weak or cand.strong:
                continue
            for run in cand.runs:
                if text[run.start - 1:run.start] != "(" or not is_acronym(run.text):
                    continue
                long = defined_by(text[max(0, run.start - 120):run.start - 1], run.text)
                if long and fold(long) not in self.candidates:
                    cand.vetoed.append(f"the acronym of {long!r}")
                    break
                if long and not self.candidates[fold(long)].is_org:
                    cand.vetoed.append(f"the acronym of {long!r}")
                    break

    def _lists(self) -> None:
        """Names listed together share what one of them is; a list introduced by
        "comprised of", "including", "companies"... is a list of organisations."""
        doc, text = self.doc, self.doc.text
        runs_by_start = {}
        for cand in self.candidates.values():
            for run in cand.runs:
                runs_by_start[run.start] = (cand, run)
        # a name in brackets right after another ("Meta (Facebook)") belongs to that item;
        # names in brackets after a common noun are items ("les opérateurs (A, B et C)")
        run_ends = {run.end for _c, run in runs_by_start.values()}

        def after_a_name(k: int) -> bool:
            if not re.search(r"\(\s*(?:[\w'’-]+\s+){0,2}$", text[max(0, k - 30):k]):
                return False
            return len(text[:text.rfind("(", 0, k)].rstrip()) in run_ends

        ordered = [k for k in sorted(runs_by_start)
                   if not after_a_name(k)
                   and not (runs_by_start[k][0].place and _PLACE_BEFORE_RE.search(
                       text[max(0, k - 20):k]))]
        for _ in range(3):
            changed = False
            i = 0
            while i < len(ordered):
                group = [ordered[i]]
                conjunction = False
                j = i
                while j + 1 < len(ordered):
                    _c, run = runs_by_start[ordered[j]]
                    _n, nxt = runs_by_start[ordered[j + 1]]
                    gap = re.sub(r"^\s*\([^()]{1,60}\)", "", text[run.end:nxt.start])
                    gap = _PLACE_AFTER_RE.sub("", gap)  # "Interxion aus Holland, ..."
                    m = re.fullmatch(r"\s*(,|;|,?\s+(?:and|et|y|e|und|ou|or|o|oder)|\s)\s*"
                                     r"(?:(?:da|by|par|por|von)\s+)?"
                                     r"(?:(?:la|le|el|il|o|a|the|die|der|das)\s+|l['’]\s*)?",
                                     gap)
                    if nxt.sentence.index != run.sentence.index or m is None:
                        break
                    conjunction |= m.group(1).strip(" ,") != ""
                    group.append(ordered[j + 1])
                    j += 1
                if len(group) >= 3 or (len(group) == 2 and conjunction):
                    members = [runs_by_start[k] for k in group]
                    first_run, last_run = members[0][1], members[-1][1]
                    intro = _LIST_INTRO_RE.search(doc.folded_before(first_run.start,
                                                                    first_run.sentence, 60))
                    tail = re.sub(r"^\s*\([^()]{1,60}\)", "",
                                  doc.folded_after(last_run.end, last_run.sentence, 60))
                    acting = conjunction and bool(_PLURAL_VERB_RE.match(tail))
                    shared = bool(intro) or self._noun_after(tail) or acting or any(
                        c.strong and not c.place and not c.vetoed for c, _ in members)
                    if shared:
                        for c, _r in members:
                            if c.vetoed or (c.personal and c.person):
                                continue
                            if c.place and not (intro or self._noun_after(tail)):
                                continue
                            if not c.strong:
                                c.context.append("list of organisations")
                                changed = True
                i = j + 1
            if not changed:
                break

    def _persons_by_surname(self) -> None:
        """The last word of a person's name alone is that person ("added Nunes")."""
        surnames = set()
        for cand in self.candidates.values():
            if cand.person and cand.personal:
                surnames.add(fold(cand.surface.split()[-1]))
        for key in surnames:
            cand = self.candidates.get(key)
            if cand is not None and not cand.own:
                cand.vetoed.append("the surname of a person")

    # ------------------------------------------------------------------ aliases and facts

    def _facts(self) -> list[OrganisationFact]:
        orgs = sorted((c for c in self.candidates.values() if c.is_org), key=lambda c: c.first)
        by_key = {c.key: c for c in orgs}
        merged: dict[str, str] = {}  # alias key -> main key
        text = self.doc.text
        # "Alcatel Submarine Networks (ASN)", "DGRM (Direção-Geral ...)", "Meta (Facebook)",
        # "EulaLink (antiga Islalink, com 65%)"
        for c in orgs:
            for run in c.runs:
                m = re.match(r"\s*\(\s*(?:(?:antig[oa]|ex|formerly|anciennement|ehemals|"
                             r"gi[aà]|formerly\s+known\s+as|ou|or|o)\s+)?([^(),;]{2,120}?)\s*"
                             r"(?:,[^()]*)?\)", text[run.end:run.end + 140])
                if not m:
                    continue
                inner = m.group(1).strip(" “”\"'’")
                other = by_key.get(fold(inner))
                former = re.match(r"\s*\(\s*(?:antig|ex |formerly|ancienn|ehemals)",
                                  text[run.end:run.end + 30])
                if other is not None and other is not c:
                    if other.key not in merged and c.key not in merged:
                        merged[other.key] = c.key
                elif other is None and (defines(inner, c.surface) or defines(
                        c.surface, inner) or former) and inner[:1].isupper() and (
                        self.doc.place_in(run.end, run.end + 140) is None
                        or not self.doc.names.places_between(
                            run.end + m.start(1), run.end + m.end(1))):
                    c.aliases.append(inner)
        # "the Government": the government the text names in full
        governments = [c for c in orgs if any(x.startswith("government") for x in c.own)]
        gov_words = folded_set("GOVERNMENT")
        for c in orgs:
            if c.key in gov_words and governments and governments[0] is not c:
                merged[c.key] = governments[0].key
        # a short form no cue made an organisation ("Halcyon will ..." after "Halcyon
        # Communications") is still its alias, unless it is a place ("Angola")
        for c in self.candidates.values():
            if c.is_org or c.place or c.vetoed or c.personal:
                continue
            for d in orgs:
                if _short_form(c.surface, d.surface, self.name_words):
                    d.aliases.append(c.surface)
                    break
        # short forms ("NTT" of "NTT Communications") and company suffixes ("Google
        # Corporation", "Google LLC")
        for c in orgs:
            for d in orgs:
                if d is c or c.key in merged or d.key in merged:
                    continue
                if _short_form(c.surface, d.surface, self.name_words) or (
                        _same_stem(c.surface, d.surface, self.name_words)
                        and d.first < c.first):
                    merged[c.key] = d.key

        def root(key: str) -> str:
            seen = set()
            while key in merged and key not in seen:
                seen.add(key)
                key = merged[key]
            return key

        facts: list[OrganisationFact] = []
        for c in orgs:
            if root(c.key) != c.key:
                continue
            group = [d for d in orgs if root(d.key) == c.key]
            forms: list[str] = []
            for d in group:
                forms.append(d.surface)
                forms.extend(d.aliases)
            # the name: the first full form; a short form or acronym written first is
            # an alias
            name = c.surface
            aliases: list[str] = []
            for form in forms:
                if fold(form) != fold(name) and fold(form) not in {fold(a) for a in aliases}:
                    aliases.append(form)
            first_run = min((r for d in group for r in d.runs), key=lambda r: r.start)
            facts.append(OrganisationFact(name, first_run.sentence.evidence, aliases))
        facts.sort(key=lambda f: f.evidence.start)
        return facts


_APPOSITION_FILLERS = word_set("""
    a an the un une uno una um uma ein eine einer einem le la il el o su sa son seu sua
    sein seine ihr ihre its their leur leading primo premier primer primeiro one l'un des
    de los las del dos dei das der die major global globale mondial grande gran big
    largest specialist specialista especialista specialiste l'operateur otra outra altra
    andere another other autre
""")
_NOUN_CONJUNCTIONS = word_set("and e et y und ed")
_GERMAN_DETERMINERS = word_set("""
    der die das den dem des ein eine einen einem einer eines dieser diese dieses diesen
    diesem sein seine seinen seinem seiner ihr ihre ihren ihrem unser unsere im am zum zur
    vom beim ins kein keine
""")
#: Generic words a company's short name may leave out ("Vantage" of "Vantage Data Centers").
_SHORT_FORM_TAILS = word_set("""
    technology services internet intelligent corporation data center centre centers
    centres fiber fibre fibra cloud digital towers connect connectivity datacenter
    datacentre
""")


def _country_after_name(names, run: Run, name_words: frozenset[str]) -> int | None:
    """The index of "of" in "<name ending with a company word> of <country or region>"
    ("Huawei Marine Networks of China", "Unified Networks Sdn Bhd of Brunei"), if any."""
    tokens = names.tokens
    for k in range(run.first + 1, run.last):
        if tokens[k].folded in ("of", "de", "du", "da", "do", "di") and (
                tokens[k - 1].folded in ORG_END_WORDS or tokens[k - 1].folded.rstrip(".")
                in LEGAL_FORMS) and tokens[k - 1].folded not in name_words - \
                ORG_END_WORDS and names.country_at(tokens[k + 1].start, run.end):
            return k
    return None


def _short_form(short: str, long: str, name_words: frozenset[str]) -> bool:
    s, lng = short.replace(",", " ").split(), long.replace(",", " ").split()
    if len(s) >= len(lng) or lng[:len(s)] != s:
        return False
    return all(fold(w).rstrip(".") in name_words or fold(w) in name_words
               or fold(w) in _SHORT_FORM_TAILS for w in lng[len(s):])


def _same_stem(a: str, b: str, name_words: frozenset[str]) -> bool:
    """"Google Corporation" and "Google LLC": one stem, only company words after it."""
    wa, wb = a.replace(",", " ").split(), b.replace(",", " ").split()
    if len(wa) < 2 or len(wb) < 2 or wa[0] != wb[0] or a == b:
        return False
    return all(fold(w).rstrip(".") in LEGAL_FORMS for w in wa[1:]) and all(
        fold(w).rstrip(".") in LEGAL_FORMS for w in wb[1:])



def find_organisations(doc: Document, blocked: set[str] | None = None
                       ) -> list[OrganisationFact]:
    """The organisations ``doc`` names as actors, in order of first mention."""
    return OrganisationFinder(doc, blocked).find()
