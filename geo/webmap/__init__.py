"""The interactive Leaflet map of a catalogue (``geo build``): see :mod:`geo.webmap.build`.

The builders are imported on first use (PEP 562), so that the style table
(:mod:`geo.webmap.styles`) and the offline assets (:mod:`geo.webmap.offline`) stay importable
without folium: the static figures (:mod:`geo.figure`) draw with the same table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.webmap.build import DEFAULT_TILES, build_map, render_map, write_map

__all__ = ["DEFAULT_TILES", "build_map", "render_map", "write_map"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from geo.webmap import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
