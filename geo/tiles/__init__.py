"""Context layers past one HTML file: vector tiles in a PMTiles archive beside the map.

A context layer of more than :data:`TILE_VERTEX_THRESHOLD` drawing vertices is not inlined
in the map page: ``geo build`` writes it as Mapbox Vector Tiles in a PMTiles archive,
``maps/<map stem>.tiles/<layer>.pmtiles`` (:mod:`geo.tiles.archive`), and the page draws it
with protomaps-leaflet (``geo/data/protomaps-leaflet.js``), which reads the archive by HTTP
range requests (:mod:`geo.tiles.page`). A page with such a layer must be opened from a web
server that answers range requests: ``geo serve`` (:mod:`geo.tiles.server`).

Why 500,000 vertices (tests/benchmarks/bench_browser_context.py and bench_tiles.py measure
it): an inline layer is parsed, projected and drawn whole by the browser at every load and
every zoom step, and its data is one JavaScript string in the page. At 1M vertices the
page is about 36 MB and a zoom step redraws every vertex; at 10M the page is 362 million
characters (67 % of V8's string limit), draws in minutes and takes 5 GB per tab. Tiles cost
the same at any size: only the tiles in view are read, each simplified to about a pixel at
its zoom. Half a million vertices keeps every single-file map under about 20 MB and its
zoom steps well under a second, so the offline single file stays the rule for what fits.
"""

from __future__ import annotations

import numpy as np
import shapely

#: Drawing vertices (points count one each) above which a context layer becomes tiles.
TILE_VERTEX_THRESHOLD = 500_000


def vertex_count(geoms: np.ndarray) -> int:
    """The number of coordinates of ``geoms`` (a numpy array of shapely geometries)."""
    return int(shapely.get_num_coordinates(geoms).sum()) if len(geoms) else 0


def needs_tiles(layer: object, threshold: int = TILE_VERTEX_THRESHOLD) -> bool:
    """Whether the context layer ``layer`` (a :class:`geo.context.ContextLayer`) has more
    than ``threshold`` drawing vertices, and so is written as tiles."""
    geoms = layer.features.geometry.to_numpy()  # type: ignore[attr-defined]
    return vertex_count(geoms) > threshold
