"""The stable names of geo's contracts, in one light module (it imports nothing), so that the
command line can offer them as choices without loading geopandas.

- :data:`LAYER_NAMES`: the GeoJSON layers (DESIGN.md, "Layers"), in drawing-menu order.
- :data:`MEDIA`: what a route segment runs through; ``unspecified`` where no source says.
- :data:`EXPORT_FORMATS` / :data:`TEXT_EXPORT_FORMATS`: what ``geo export`` writes, and which
  of them are text (and so may go to stdout).
"""

from __future__ import annotations

LAYER_NAMES = ("sites", "routes", "corridors", "organisations", "agreements")
MEDIA = ("submarine", "terrestrial", "unspecified")
EXPORT_FORMATS = ("geojson", "geojsonseq", "gpkg", "csv")
TEXT_EXPORT_FORMATS = ("geojson", "geojsonseq", "csv")
