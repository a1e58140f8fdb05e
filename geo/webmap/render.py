"""Render a folium map to HTML with no second Jinja pass over what its elements produce.

branca's ``MacroElement.render`` wraps the output of each element's ``header``, ``html`` and
``script`` macros in ``Element(text)``, and ``Element`` compiles its text as a Jinja template,
which the page then renders. Every value a macro prints (a popup built from a quote, a layer
name, a licence) therefore becomes template *source*: ``{{ 7*7 }}`` in a site's name shows as
``49``, ``{% endif %}`` crashes the build, and ``{{ lipsum.__globals__.os.popen('id').read() }}``
runs a shell command. geo never lets user text become template source:

- :class:`Raw` holds text that is output as it is (never compiled);
- :func:`render_page` renders a map whose every macro element (folium's and geo's alike)
  adds its macro output as :class:`Raw`; each element's own ``render`` logic (folium's
  ``Map``, ``LayerControl``, ``JSCSSMixin``...) still runs first, so the page is the one
  folium would write, minus the second pass.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from branca.element import Element, Figure, MacroElement

from geo.errors import GeoError

_MACROS = ("header", "html", "script")


class Raw(Element):
    """Text added to a page as it is: not a template, never evaluated."""

    def __init__(self, text: str, name: str = "Raw"):
        super().__init__()
        self._name = name
        self.text = str(text)

    def render(self, **kwargs: Any) -> str:
        return self.text


#: element ``_name`` -> the prefix branca's ``get_name`` makes of it (camel case to snake)
_NAME_PREFIXES: dict[str, str] = {}


class _RawMacro(MacroElement):
    """``MacroElement.render`` with each macro's output added as :class:`Raw`."""

    def get_name(self) -> str:
        """branca's ``get_name`` (``<_name in snake case>_<id>``), its prefix worked out
        once per ``_name``: templates ask an element's name (and its parent's) at every
        line, 400 times a build, and branca recases the name each time (2 ms)."""
        prefix = _NAME_PREFIXES.get(self._name)
        if prefix is None:
            full = MacroElement.get_name(self)
            prefix = _NAME_PREFIXES[self._name] = full[:len(full) - len(self._id)]
        return prefix + self._id

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise GeoError(f"cannot render {type(self).__name__}: it is not in a page")
        macros = self._template.module.__dict__
        for part in _MACROS:
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(Raw(str(macro(self, kwargs))),
                                                name=self.get_name())
        for child in list(self._children.values()):
            if isinstance(child, MacroElement) and not isinstance(child, _RawMacro):
                # added by its parent's own render (folium's Layer adds an
                # ElementAddToElement, Marker its SetIcon): raw too, and not compiled (19
                # Jinja compilations per build of the shipped workspace)
                child.__class__ = _inert(type(child))
            child.render(**kwargs)


@functools.cache
def _inert(cls: type[MacroElement]) -> type[MacroElement]:
    """``cls`` with :class:`_RawMacro` just before ``MacroElement`` in its method order, so
    ``cls.render`` (and its bases' ``super().render()``) ends in the raw render."""
    return type(cls.__name__, (cls, _RawMacro), {"__module__": cls.__module__,
                                                 "__doc__": cls.__doc__})


def _walk(element: Element) -> Iterator[Element]:
    stack = [element]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current._children.values())


def make_inert(root: Element) -> None:
    """Make every macro element under ``root`` render its macros as :class:`Raw` text."""
    for element in _walk(root):
        if isinstance(element, MacroElement) and not isinstance(element, _RawMacro):
            element.__class__ = _inert(type(element))


def render_page(element: Element) -> str:
    """The whole page of ``element`` (a ``folium.Map`` or its ``Figure``) as HTML text, with
    no user text ever compiled as a template (see the module's docstring)."""
    root = element.get_root()
    make_inert(root)
    return root.render()
