"""Static maps of the catalogue (``geo figure``): SVG, PNG and PDF, made offline.

The figure draws the catalogue's layers with the web map's style table
(:mod:`geo.webmap.styles`) over Natural Earth country outlines (:mod:`geo.webmap.offline`),
in a projection chosen for its extent, with a title, a legend of only what it shows, a scale
bar true at the map's centre, labels placed without overlaps, a source line naming the
articles and credits naming every dataset and licence; and an alt text that says what it
shows in one paragraph.

- :mod:`geo.figure.options`: the options and their checks (light: no numpy, no matplotlib);
- :mod:`geo.figure.projection`: extent, projection, antimeridian, scale bar;
- :mod:`geo.figure.marks`: catalogue and context layers as things to draw, in lon/lat;
- :mod:`geo.figure.labels`: greedy label placement without overlaps;
- :mod:`geo.figure.render`: layout, drawing (matplotlib), deterministic bytes, alt text;
- :mod:`geo.figure.make`: a workspace in, the figure and its alt-text file out.

Names resolve on first use, so that importing this package costs nothing until a figure is
made.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "FigureOptions": "geo.figure.options",
    "render_figure": "geo.figure.render",
    "RenderedFigure": "geo.figure.render",
    "make_figure": "geo.figure.make",
    "FigureResult": "geo.figure.make",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
