"""The interactive Leaflet map of a catalogue (``geo build``): the package's one public face.

What callers outside the package use is importable from here: the map's builders
(:mod:`geo.webmap.build`), how popups cite articles (:mod:`geo.webmap.citations`), the
drawing of context layers (:mod:`geo.webmap.context`) and their styles, the country
outlines (:mod:`geo.webmap.offline`); and the style table itself, ``geo.webmap.styles``.
Names are imported on first use (PEP 562), so that the style table and the offline assets
stay importable without folium: the static figures (:mod:`geo.figure`) draw with the same
table.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.webmap.build import (
        DEFAULT_TILES,
        build_map,
        permalink_fragment,
        render_map,
        write_map,
    )
    from geo.webmap.citations import article_citations
    from geo.webmap.context import add_context_layer, context_layers_for_map
    from geo.webmap.offline import countries
    from geo.webmap.styles import ContextStyle, context_style

#: Each public name and the module of the package that defines it.
_HOMES = {
    "DEFAULT_TILES": "build", "build_map": "build", "permalink_fragment": "build",
    "render_map": "build", "write_map": "build",
    "article_citations": "citations",
    "add_context_layer": "context", "context_layers_for_map": "context",
    "countries": "offline",
    "ContextStyle": "styles", "context_style": "styles",
}

__all__ = ["DEFAULT_TILES", "ContextStyle", "add_context_layer", "article_citations",
           "build_map", "context_layers_for_map", "context_style", "countries",
           "permalink_fragment", "render_map", "write_map"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"geo.webmap.{home}"), name)
