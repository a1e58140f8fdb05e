"""Escaping for the two places untrusted text reaches the page: HTML and inline scripts."""

from __future__ import annotations

import html
import json
from typing import Any

_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def esc(value: object) -> str:
    """HTML-escape ``value`` (``& < > " '``) for text content and quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def script_json(value: Any, *, compact: bool = False) -> str:
    """``value`` as JSON safe to embed in an inline ``<script>``: ``<``, ``>``, ``&``, U+2028
    and U+2029 are written as ``\\u`` escapes, so no text can close the script element, open
    a comment or end a JavaScript string (RFC 8259 §7 allows any of these escapes).
    ``compact`` drops the spaces after separators (for large embedded data)."""
    separators = (",", ":") if compact else None
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False,
                      separators=separators)
    return text.translate(_SCRIPT_ESCAPES)
