"""The stable names of geo's contracts, in one light module (it imports nothing heavy: only
:mod:`typing`), so that the command line can offer them as choices without loading geopandas.

- :data:`LAYERS`: the one table of the five GeoJSON layers (DESIGN.md, "Layers"), in
  drawing-menu order: each layer's name, title, singular noun, GeoPackage geometry type,
  whether its entities have a status, and where its marks are drawn (bottom first).
  :data:`LAYER_NAMES`, :data:`LAYER_BY_NAME` and :data:`DRAW_ORDER` are derived from it.
- :data:`MEDIA`: what a route segment runs through; ``unspecified`` where no source says.
- :data:`EXPORT_FORMATS` / :data:`TEXT_EXPORT_FORMATS`: what ``geo export`` writes, and which
  of them are text (and so may go to stdout).
"""

from __future__ import annotations

from typing import NamedTuple


class Layer(NamedTuple):
    """One of geo's five layers."""

    #: the layer's stable name, also its plural noun in running text (``sites``)
    name: str
    #: its title in the map's panel and legend (``Sites``)
    title: str
    #: one entity of it, in running text and in the catalogue's TOML tables (``site``)
    singular: str
    #: GeoPackage geometry type (``Unknown``: pyogrio's name for GDAL's wkbUnknown, for
    #: agreements, which are arcs between head offices or points at their venue)
    geometry: str
    #: whether its entities have a status (operational / planned / proposed)
    has_status: bool
    #: its place in the drawing order, 0 = drawn first (at the bottom)
    draw_rank: int


LAYERS: tuple[Layer, ...] = (
    Layer("sites", "Sites", "site", "Point", True, 4),
    Layer("routes", "Routes", "route", "MultiLineString", True, 2),
    Layer("corridors", "Corridors", "corridor", "MultiLineString", True, 0),
    Layer("organisations", "Organisations", "organisation", "Point", False, 3),
    Layer("agreements", "Agreements", "agreement", "Unknown", False, 1),
)
LAYER_NAMES = tuple(layer.name for layer in LAYERS)
LAYER_BY_NAME = {layer.name: layer for layer in LAYERS}
#: The layers in the order their marks are drawn, bottom first (the web map's panes, the
#: figure's z-order): corridors, agreements, routes, organisations, sites.
DRAW_ORDER = tuple(layer.name for layer in sorted(LAYERS, key=lambda layer: layer.draw_rank))

MEDIA = ("submarine", "terrestrial", "unspecified")
EXPORT_FORMATS = ("geojson", "geojsonseq", "gpkg", "csv")
TEXT_EXPORT_FORMATS = ("geojson", "geojsonseq", "csv")

