"""geo: a cited catalogue of telecom infrastructure from news articles, and the maps,
GeoJSON layers and geodesic lengths built from it.

The library never imports click; :mod:`geo.cli` is the only command-line layer.
"""

from geo.errors import CatalogError, GeoError, InputError, OutputError

__version__ = "0.1.0"

__all__ = ["CatalogError", "GeoError", "InputError", "OutputError", "__version__"]
