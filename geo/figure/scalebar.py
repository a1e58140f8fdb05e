"""The scale bar of a figure: a round length, true at the map's centre (measured on the WGS84
ellipsoid)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from geo.figure.map_projection import MapProjection
from geo.figure.view import View
from geo.geodesy import GEOD


@dataclass(frozen=True)
class ScaleBar:
    """A scale bar true at ``lat`` (degrees): ``length_m`` metres drawn ``length_units``
    projected metres long; ``label`` as shown (``500 km``)."""

    length_m: float
    length_units: float
    lat: float
    label: str


def nice_length_m(limit_m: float) -> float:
    """The largest 1, 2 or 5 × 10^k metres not above ``limit_m``."""
    k = math.floor(math.log10(limit_m))
    for m in (5.0, 2.0, 1.0):
        if m * 10.0 ** k <= limit_m:
            return m * 10.0 ** k
    return 10.0 ** k  # pragma: no cover - 1 × 10^k always fits


def length_label(length_m: float) -> str:
    """``1,000 km``, ``50 km``, ``500 m``."""
    if length_m >= 1000.0:
        return f"{length_m / 1000.0:,.0f} km"
    return f"{length_m:,.0f} m"


def scale_bar(projection: MapProjection, view: View, fraction: float = 0.2) -> ScaleBar:
    """A bar of a round length at most ``fraction`` of the map's width, true at the map's
    centre: the ground length of a horizontal step there, measured on the WGS84 ellipsoid,
    gives metres on the ground per projected metre."""
    cx, cy = (view.x0 + view.x1) / 2.0, (view.y0 + view.y1) / 2.0
    step = view.width * 0.005
    lon, lat = projection.inverse(np.array([cx - step, cx + step]), np.array([cy, cy]))
    _az, _baz, dist = GEOD.inv(lon[0], lat[0], lon[1], lat[1])
    ground_per_unit = float(dist) / (2.0 * step)
    length_m = nice_length_m(view.width * fraction * ground_per_unit)
    _lon_c, lat_c = projection.inverse(np.array([cx]), np.array([cy]))
    return ScaleBar(length_m, length_m / ground_per_unit, float(lat_c[0]),
                    length_label(length_m))
