"""The projection of a figure: chosen for its extent, and the way there and back.

Projected coordinates are metres of the chosen projection (PROJ through pyproj, on the WGS84
ellipsoid). :func:`choose_projection` takes Equal Earth for world views, Lambert conformal
conic for regional extents at mid-latitudes and Lambert azimuthal equal-area for anything
else (see :mod:`geo.figure.projection` for why).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from pyproj import CRS, Transformer

from geo.figure.extent import Extent, lat_text, lon_text

#: Keeps a longitude off the projection's back meridian (degrees).
EDGE_EPS = 1e-7


@dataclass(frozen=True)
class MapProjection:
    """A projection of the figure: its PROJ definition and what it is, in words."""

    kind: str  # "equal-earth", "lcc" or "laea"
    proj4: str
    lon_0: float
    lat_0: float
    description: str

    @property
    def is_world(self) -> bool:
        return self.kind == "equal-earth"

    def forward(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Projected metres of lon/lat degrees (``inf`` where the projection has none)."""
        x, y = _transformers(self.proj4)[0].transform(np.asarray(lon, dtype=float),
                                                      np.asarray(lat, dtype=float))
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)

    def inverse(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """lon/lat degrees of projected metres."""
        lon, lat = _transformers(self.proj4)[1].transform(np.asarray(x, dtype=float),
                                                          np.asarray(y, dtype=float))
        return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)

    def forward_xy(self, lonlat: np.ndarray) -> np.ndarray:
        """``(n, 2)`` projected metres of ``(n, 2)`` lon/lat degrees."""
        if len(lonlat) == 0:
            return np.empty((0, 2))
        x, y = self.forward(lonlat[:, 0], lonlat[:, 1])
        return np.column_stack([x, y])

    def outline_lat_range(self, extent: Extent) -> tuple[float, float]:
        """Latitudes outside which country outlines are cut before projection (a conic
        sends the far pole to infinity)."""
        if self.kind == "lcc":
            return max(-89.0, extent.south - 40.0), min(89.0, extent.north + 40.0)
        return -90.0, 90.0


@functools.lru_cache(maxsize=16)
def _transformers(proj4: str) -> tuple[Transformer, Transformer]:
    crs = CRS.from_proj4(proj4)
    return (Transformer.from_crs("EPSG:4326", crs, always_xy=True),
            Transformer.from_crs(crs, "EPSG:4326", always_xy=True))


def _r(value: float) -> float:
    """Parameters rounded to 0.01° so that PROJ strings and descriptions stay short."""
    return round(value, 2) + 0.0


def choose_projection(extent: Extent) -> MapProjection:
    """The projection of a figure of ``extent`` (see the module docstring)."""
    lon_0, lat_0 = (_r(v) for v in extent.centre)
    if extent.lon_span > 160.0 or extent.lat_span > 120.0:
        return MapProjection("equal-earth", f"+proj=eqearth +lon_0={lon_0} +datum=WGS84 "
                             "+units=m +no_defs", lon_0, 0.0,
                             f"Equal Earth, central meridian {lon_text(lon_0)}")
    one_side = extent.south >= 20.0 or extent.north <= -20.0
    polar = extent.north > 80.0 or extent.south < -80.0
    if extent.lat_span <= 45.0 and one_side and not polar:
        lat_1 = _r(extent.south + extent.lat_span / 6.0)
        lat_2 = _r(extent.north - extent.lat_span / 6.0)
        return MapProjection(
            "lcc", f"+proj=lcc +lat_1={lat_1} +lat_2={lat_2} +lat_0={lat_0} +lon_0={lon_0} "
            "+datum=WGS84 +units=m +no_defs", lon_0, lat_0,
            f"Lambert conformal conic, standard parallels {lat_text(lat_1)} and "
            f"{lat_text(lat_2)}, central meridian {lon_text(lon_0)}")
    return MapProjection(
        "laea", f"+proj=laea +lat_0={lat_0} +lon_0={lon_0} +datum=WGS84 +units=m +no_defs",
        lon_0, lat_0,
        f"Lambert azimuthal equal-area, centred on {lon_text(lon_0)}, {lat_text(lat_0)}")
