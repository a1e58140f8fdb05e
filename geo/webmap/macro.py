"""Macro templates of geo's own map elements, without Jinja.

Every ``MacroElement`` of geo's map (:mod:`geo.webmap.elements`, :mod:`geo.webmap.build`,
:mod:`geo.webmap.context`, :mod:`geo.webmap.tiled`) has a fixed script template of the form
``{% macro script(this, kwargs) %} ... {{ this.name }} ... {% endmacro %}``, whose only
expressions read an attribute path of the element (``this.data_js``,
``this._parent.get_name()``). Compiling such a template with Jinja costs ~3 ms (Python code
generated, then compiled), 24 ms for the eight of a build, at every start; a
:class:`MacroTemplate` splits its source once with a regular expression and renders the same
text, byte for byte (Jinja's defaults, as folium's environment sets them: no autoescape, no
trimming of blocks, ``str`` of each value).

It is a drop-in for what branca's ``MacroElement.render`` and :func:`geo.webmap.render.render_page`
use of a template: ``template.module.<macro name>(this, kwargs)``. Anything else in the
source (filters, tests, ``{% if %}``...) is refused when the template is made: such a
template needs Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

_MACRO = re.compile(r"\{%\s*macro\s+(\w+)\(\s*this\s*,\s*kwargs\s*\)\s*%\}"
                    r"(.*?)\{%\s*endmacro\s*%\}", re.S)
_EXPR = re.compile(r"\{\{\s*(.*?)\s*\}\}", re.S)
_PATH = re.compile(r"this((?:\.[A-Za-z_][A-Za-z0-9_]*)*)(\(\))?")
_TAG = re.compile(r"\{[{%#]")

#: a part of a macro's body: text as it is, or (attribute names, whether the last is called)
_Part = str | tuple[tuple[str, ...], bool]


def _macro(body: str) -> Callable[[Any, Any], str]:
    parts: list[_Part] = []
    at = 0
    for match in _EXPR.finditer(body):
        parts.append(body[at:match.start()])
        path = _PATH.fullmatch(match.group(1))
        if path is None:
            raise ValueError(f"unsupported expression {match.group(0)!r} in a macro template")
        parts.append((tuple(path.group(1).split(".")[1:]), path.group(2) is not None))
        at = match.end()
    parts.append(body[at:])
    for text in parts:
        if isinstance(text, str) and _TAG.search(text):
            raise ValueError(f"unsupported template tag in a macro template: {text!r}")
    pieces = tuple(p for p in parts if p != "")

    def render(this: Any, kwargs: Any = None) -> str:
        out = []
        for piece in pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            names, call = piece
            value = this
            for name in names:
                value = getattr(value, name)
            out.append(str(value() if call else value))
        return "".join(out)

    return render


class MacroTemplate:
    """A template of ``{% macro NAME(this, kwargs) %}...{% endmacro %}`` blocks whose only
    expressions are ``{{ this.a.b }}`` or ``{{ this.a.b() }}``; ``module.NAME(this,
    kwargs)`` renders a block as Jinja would (see the module docstring)."""

    def __init__(self, source: str):
        self.source = source
        macros = {m.group(1): _macro(m.group(2)) for m in _MACRO.finditer(source)}
        if _TAG.search(_MACRO.sub("", source)):
            raise ValueError("unsupported template tag outside the macros of a macro template")
        self.module = SimpleNamespace(**macros)
