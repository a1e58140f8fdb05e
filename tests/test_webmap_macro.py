"""geo.webmap.macro: geo's element templates render, without Jinja, exactly as Jinja (with
folium's environment) renders them; a template it cannot render as Jinja would is refused."""

from __future__ import annotations

from typing import Any

import pytest
from folium.template import Template as JinjaTemplate

from geo.webmap import build as webmap_build
from geo.webmap import context as webmap_context
from geo.webmap import elements, tiled
from geo.webmap.macro import MacroTemplate

#: every macro template of geo's map elements
TEMPLATES = {
    "Bind": elements.Bind._template,
    "Panes": elements.Panes._template,
    "CountryOutlines": elements.CountryOutlines._template,
    "HtmlControl": elements.HtmlControl._template,
    "MapUi": webmap_build.MapUi._template,
    "InitialView": webmap_build.InitialView._template,
    "context": webmap_context._TEMPLATE,
    "tiled": tiled._TEMPLATE,
}


class _Element:
    """Stands for a map element: every attribute is a distinct text, with `{{`, quotes and
    markup in it (printed as they are, never evaluated)."""

    def __init__(self, name: str):
        self._own = name

    def __getattr__(self, attr: str) -> str:
        return f"<{self._own}.{attr} '{{{{ 7*7 }}}}' & \"x\">"

    def get_name(self) -> str:
        return f"{self._own}_name"

    @property
    def _parent(self) -> _Element:
        return _Element(self._own + "_parent")


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_each_template_renders_as_jinja_does(name: str) -> None:
    template = TEMPLATES[name]
    assert isinstance(template, MacroTemplate)
    this: Any = _Element("el")
    ours = template.module.script(this, {})
    jinja = JinjaTemplate(template.source).module.script(this, {})
    assert ours == str(jinja)
    assert "{{" in ours and "_name" in ours  # the values were printed, not evaluated


def test_macros_other_than_script_are_rendered_too() -> None:
    source = ("{% macro header(this, kwargs) %}\n  <b>{{ this.title }}</b>\n{% endmacro %}"
              "\n{% macro script(this, kwargs) %}var {{ this.get_name() }};{% endmacro %}\n")
    this: Any = _Element("el")
    ours, jinja = MacroTemplate(source).module, JinjaTemplate(source).module
    assert ours.header(this, {}) == str(jinja.header(this, {}))
    assert ours.script(this, {}) == str(jinja.script(this, {}))
    assert not hasattr(ours, "html")


@pytest.mark.parametrize("source", [
    "{% macro script(this, kwargs) %}{{ this.x | safe }}{% endmacro %}",
    "{% macro script(this, kwargs) %}{{ kwargs.x }}{% endmacro %}",
    "{% macro script(this, kwargs) %}{{ this.x + 1 }}{% endmacro %}",
    "{% macro script(this, kwargs) %}{% if this.x %}y{% endif %}{% endmacro %}",
    "{% macro script(this, kwargs) %}{# note #}{% endmacro %}",
    "{% set x = 1 %}{% macro script(this, kwargs) %}x{% endmacro %}",
])
def test_what_needs_jinja_is_refused(source: str) -> None:
    with pytest.raises(ValueError, match="unsupported"):
        MacroTemplate(source)
