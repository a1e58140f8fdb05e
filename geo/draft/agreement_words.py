"""The words of a deal in a text: its kind (memorandum, contract, acquisition, partnership,
other deal), the words of signing and of a ceremony, and the definite words before a deal's
noun ("the agreement", "ce protocole"); :func:`deal_words` finds those of a document once.

"de acuerdo con", "de acordo com", "according to" and a company's make-up told as background
("is a joint venture between") hold the word of a deal and are none.
"""

from __future__ import annotations

import re

from geo.draft.document import Document
from geo.draft.vocabulary import (
    ACQUISITION,
    CONTRACT,
    MEMORANDUM,
    OTHER_DEAL,
    PARTNERSHIP,
    SIGN,
    pattern,
    word_set,
)

#: The kinds of deal, each with the table of its words.
KIND_TABLES = (("memorandum", MEMORANDUM), ("contract", CONTRACT),
               ("acquisition", ACQUISITION), ("partnership", PARTNERSHIP),
               ("other", OTHER_DEAL))
#: The words of signing a deal.
SIGN_RE = pattern(SIGN)
#: The words of a signing ceremony.
CEREMONY_RE = re.compile(r"(?<![\w-])(?:ceremony|cérémonie|ceremonia|cerimónia|cerimônia|"
                         r"cerimonia|Zeremonie|Festakt)(?![\w])", re.IGNORECASE)
#: Phrases with the word of a deal that mean no deal.
_NOT_DEAL_RE = re.compile(
    r"(?<![\w-])(?:de\s+acuerdo\s+con|de\s+acordo\s+com|d['’]accordo|according\s+to|in\s+"
    r"accordance|conform[ée]ment|en\s+accord\s+avec\s+(?:les?|la)\s+(?:r[eè]gles|"
    r"principes)|in\s+the\s+deal\s+flow|"
    # a company's make-up told as background: "BDx Indonesia is a joint venture between"
    r"(?:is|was|est|était|es|era|é|è|ist|war)\s+(?:a|an|une|un|una|uma|ein|eine)\s+"
    r"(?:joint[- ]venture|coentreprise|co-entreprise|empresa\s+conjunta|"
    r"Gemeinschaftsunternehmen))(?![\w])", re.IGNORECASE)
#: Words that make the deal word after them a definite mention of a deal already told.
DEFINITE = word_set("""
    the this that these those its le la les l ce cet cette ces el la los las este esta
    estos estas ese esa o a os as esse essa este esta il lo gli i questo questa quest
    der die das den dem des dieses diese dieser du del dello della do da dos das nos nas
    ao aos au aux al
""")


def deal_words(doc: Document) -> tuple[list[tuple[str, re.Match[str]]], list[re.Match[str]]]:
    """Every word of a deal in ``doc`` with its kind (not those of "according to"...), and
    every word of signing; found once per document (kept on it)."""
    found = doc.__dict__.get("_deal_words")
    if found is not None:
        return found
    text = doc.text
    blocked = [(m.start(), m.end()) for m in _NOT_DEAL_RE.finditer(text)]
    triggers = [(kind, m) for kind, table in KIND_TABLES for m in pattern(table).finditer(text)
                if not any(a <= m.start() < b for a, b in blocked)]
    found = (triggers, list(SIGN_RE.finditer(text)))
    doc.__dict__["_deal_words"] = found
    return found
