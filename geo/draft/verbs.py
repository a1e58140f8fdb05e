"""The verbs of business in the tenses news use, conjugated from their infinitives.

A name followed by one of these is the subject of something organisations do ("Ardian
adquirió", "Aire Networks ha adquirido", "Digital Realty anunciou", "Vodafone a signé"). The
hand-written lists of :data:`geo.draft.vocabulary.ORG_VERB` hold the irregular forms; here the
regular ones are made for every verb: third person singular and plural of the present, the
past (preterite or passé composé), the perfect and the future, and the participle after an
auxiliary. Only regular conjugation: an irregular verb lists its forms by hand.
"""

from __future__ import annotations

from functools import lru_cache

#: Infinitives of what organisations do, by language (regular conjugation).
BUSINESS_VERBS = {
    "en": """acquire announce sign launch open invest deploy inaugurate operate connect
             complete select partner agree award obtain land develop expand manage start
             join finance fund install activate extend construct contract own plan
             purchase reach confirm unveil receive secure finalise finalize close""",
    "fr": """annoncer signer lancer investir déployer inaugurer exploiter connecter relier
             achever sélectionner conclure obtenir développer gérer commencer rejoindre
             financer installer activer étendre construire racheter acheter céder
             attribuer confier confirmer finaliser réaliser démarrer posséder""",
    "es": """anunciar firmar lanzar invertir desplegar inaugurar operar conectar completar
             seleccionar adquirir obtener desarrollar gestionar comenzar financiar instalar
             activar extender construir comprar vender adjudicar confirmar cerrar
             finalizar iniciar contratar suscribir presentar""",
    "pt": """anunciar assinar lançar investir inaugurar operar conectar ligar completar
             selecionar adquirir obter desenvolver gerir comprar vender adjudicar
             confirmar fechar finalizar iniciar contratar celebrar apresentar instalar
             ativar financiar""",
    "it": """annunciare firmare siglare lanciare investire inaugurare gestire collegare
             completare selezionare acquisire ottenere sviluppare comprare acquistare
             vendere cedere aggiudicare confermare chiudere finalizzare avviare
             sottoscrivere realizzare finanziare installare attivare""",
}

_AUX = {
    "en": ("has", "have", "had", "will"),
    "fr": ("a", "ont", "avait", "va", "vont"),
    "es": ("ha", "han", "había", "va a", "van a"),
    "pt": ("tem", "têm", "vai", "vão"),
    "it": ("ha", "hanno", "aveva"),
}


def _en(verb: str) -> list[str]:
    """No bare "-s" form: it is a plural noun as often ("Pension funds", "Energy contracts");
    the hand-listed ones ("announces", "signs") stay."""
    base = verb
    past = base + "d" if base.endswith("e") else base + "ed"
    ing = base[:-1] + "ing" if base.endswith("e") else base + "ing"
    return [past, f"has {past}", f"have {past}", f"had {past}", f"will {base}",
            f"is {ing}", f"are {ing}"]


def _fr(verb: str) -> list[str]:
    if verb.endswith("er"):
        stem = verb[:-2]
        part = stem + "é"
        return [stem + "e", stem + "ent", f"a {part}", f"ont {part}", verb[:-1] + "a",
                verb[:-1] + "ont", f"va {verb}", f"vont {verb}"]
    if verb.endswith("ir") and verb not in ("obtenir", "rejoindre"):
        stem = verb[:-2]
        return [stem + "it", stem + "issent", f"a {stem}i", f"ont {stem}i", verb + "a",
                verb + "ont", f"va {verb}"]
    return [f"va {verb}", f"vont {verb}"]


def _es(verb: str) -> list[str]:
    stem, end = verb[:-2], verb[-2:]
    if end == "ar":
        present, plural, past, pasts, part = stem + "a", stem + "an", stem + "ó", \
            stem + "aron", stem + "ado"
    else:
        present, plural, past, pasts, part = stem + "e", stem + "en", stem + "ió", \
            stem + "ieron", stem + "ido"
    return [present, plural, past, pasts, f"ha {part}", f"han {part}", verb + "á",
            verb + "án", f"va a {verb}", f"van a {verb}"]


def _pt(verb: str) -> list[str]:
    stem, end = verb[:-2], verb[-2:]
    if end == "ar":
        present, plural, past, pasts = stem + "a", stem + "am", stem + "ou", stem + "aram"
    elif end == "er":
        present, plural, past, pasts = stem + "e", stem + "em", stem + "eu", stem + "eram"
    else:
        present, plural, past, pasts = stem + "e", stem + "em", stem + "iu", stem + "iram"
    return [present, plural, past, pasts, verb + "á", verb + "ão", f"vai {verb}",
            f"vão {verb}"]


def _it(verb: str) -> list[str]:
    stem, end = verb[:-3], verb[-3:]
    if end == "are":
        present, plural, part = stem + "a", stem + "ano", stem + "ato"
        future = stem + "erà"
    elif end == "ere":
        present, plural, part = stem + "e", stem + "ono", stem + "uto"
        future = stem + "erà"
    else:  # -ire, with -isc- ("acquisisce") as business verbs mostly have
        present, plural, part = stem + "isce", stem + "iscono", stem + "ito"
        future = stem + "irà"
    if stem.endswith(("c", "g")) and end == "are":
        future = stem + "herà"  # "cercherà"
    if stem.endswith("i") and end == "are":
        future = stem[:-1] + "erà"  # "lancerà" of "lanciare"
    return [present, plural, f"ha {part}", f"hanno {part}", future]


_MAKERS = {"en": _en, "fr": _fr, "es": _es, "pt": _pt, "it": _it}


@lru_cache(maxsize=1)
def business_verb_forms() -> dict[str, list[str]]:
    """Every regular form of :data:`BUSINESS_VERBS`, by language."""
    return {lang: sorted({form for verb in words.split() for form in _MAKERS[lang](verb)})
            for lang, words in BUSINESS_VERBS.items()}
