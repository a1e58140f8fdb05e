"""The interactive Leaflet map of a catalogue (``geo build``): see :mod:`geo.webmap.build`."""

from geo.webmap.build import DEFAULT_TILES, build_map, render_map, write_map

__all__ = ["DEFAULT_TILES", "build_map", "render_map", "write_map"]
