"""Static maps of the catalogue (``geo figure``): SVG, PNG and PDF, made offline.

The figure draws the catalogue's layers with the web map's style table
(:mod:`geo.webmap.styles`) over Natural Earth country outlines (:mod:`geo.webmap.offline`),
in a projection chosen for its extent, with a title, a legend of only what it shows, a scale
bar true at the map's centre, labels placed without overlaps, a source line naming the
articles and credits naming every dataset and licence; and an alt text that says what it
shows in one paragraph.

- :mod:`geo.figure.options`: the options and their checks (light: no numpy, no matplotlib);
- :mod:`geo.figure.projection`: the figure's geography in one import, from
  :mod:`~geo.figure.extent` (lon/lat boxes, degrees in words),
  :mod:`~geo.figure.map_projection` (the projection chosen for an extent),
  :mod:`~geo.figure.view` (the projected rectangle shown), :mod:`~geo.figure.reproject`
  (lines and polygons onto the map, antimeridian, graticule) and :mod:`~geo.figure.scalebar`;
- :mod:`geo.figure.marks`: catalogue and context layers as things to draw, in lon/lat;
- :mod:`geo.figure.text`: fonts, text widths, wrapping, source and credit lines, alt text;
- :mod:`geo.figure.labels`: greedy label placement without overlaps;
- :mod:`geo.figure.theme`: matplotlib settings, colour themes, text sizes;
- :mod:`geo.figure.artists`: styles, markers and paths of matplotlib in the web map's look;
- :mod:`geo.figure.canvas`: the figure, drawn in points;
- :mod:`geo.figure.draw_map`: sea, land, graticule, context layers, the catalogue's marks;
- :mod:`geo.figure.panels`: the locator inset and the scale bar, in the freest corners;
- :mod:`geo.figure.map_labels`: which marks are labelled, where, drawn;
- :mod:`geo.figure.legend`: the legend's rows, columns and samples;
- :mod:`geo.figure.save`: deterministic bytes (SVG, PNG, PDF);
- :mod:`geo.figure.render`: the layout, top down, and the rendered figure;
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
