"""Lon/lat boxes (:class:`Extent`) of a figure, and latitudes and longitudes in words.

Positions are ``(lon, lat)`` WGS84 degrees. A box across the antimeridian has an ``east``
above 180.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

#: Narrowest extent, degrees (about 220 km): a single site is shown with its surroundings.
MIN_SPAN_DEG = 2.0
#: Margin added around what the figure frames, as a fraction of its span.
PAD_FRACTION = 0.08


@dataclass(frozen=True)
class Extent:
    """A lon/lat box in WGS84 degrees. ``west`` in [-180, 180); ``east`` > ``west`` and
    ``east - west`` <= 360 (an ``east`` above 180 is a box across the antimeridian)."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def from_bbox(cls, west: float, south: float, east: float, north: float) -> Extent:
        """From ``W,S,E,N`` as a person writes them (``east < west``: across ±180°)."""
        w = (west + 180.0) % 360.0 - 180.0 if west != 180.0 else -180.0
        e = east
        if west == -180.0 and east == 180.0:
            return cls(-180.0, south, 180.0, north)
        while e <= w:
            e += 360.0
        while e - w > 360.0:
            e -= 360.0
        return cls(w, south, e, north)

    @classmethod
    def covering(cls, lon: np.ndarray, lat: np.ndarray) -> Extent:
        """The smallest box holding every position (longitudes taken round the circle:
        positions at 179° and -179° make a box 2° wide across ±180°)."""
        lon = np.asarray(lon, dtype=float)
        lat = np.asarray(lat, dtype=float)
        wrapped = np.unique((lon + 180.0) % 360.0 - 180.0)
        if len(wrapped) == 1:
            west = east = float(wrapped[0])
        else:
            gaps = np.diff(np.append(wrapped, wrapped[0] + 360.0))
            i = int(np.argmax(gaps))
            west = float(wrapped[(i + 1) % len(wrapped)])
            east = float(wrapped[i])
            if east < west:
                east += 360.0
        return cls(west, float(lat.min()), east, float(lat.max()))

    @property
    def lon_span(self) -> float:
        return self.east - self.west

    @property
    def lat_span(self) -> float:
        return self.north - self.south

    @property
    def centre(self) -> tuple[float, float]:
        """``(lon, lat)`` of the box's centre, the longitude in [-180, 180)."""
        lon = (self.west + self.east) / 2.0
        return (lon + 180.0) % 360.0 - 180.0, (self.south + self.north) / 2.0

    def padded(self) -> Extent:
        """The box with a margin (:data:`PAD_FRACTION`), at least :data:`MIN_SPAN_DEG`
        each way, latitudes within ±90 and at most the whole width of the world."""
        lon_pad = max(self.lon_span * PAD_FRACTION, (MIN_SPAN_DEG - self.lon_span) / 2.0)
        lat_pad = max(self.lat_span * PAD_FRACTION, (MIN_SPAN_DEG - self.lat_span) / 2.0)
        west, east = self.west - lon_pad, self.east + lon_pad
        if east - west >= 360.0:
            mid = (west + east) / 2.0
            west, east = mid - 180.0, mid + 180.0
        shift = 360.0 * math.floor((west + 180.0) / 360.0)
        return Extent(west - shift, max(-90.0, self.south - lat_pad),
                      east - shift, min(90.0, self.north + lat_pad))

    def boundary(self, n: int = 90) -> np.ndarray:
        """The box's outline as ``(4n, 2)`` lon/lat positions (edges densified)."""
        lons = np.linspace(self.west, self.east, n)
        lats = np.linspace(self.south, self.north, n)
        return np.concatenate([
            np.column_stack([lons, np.full(n, self.south)]),
            np.column_stack([np.full(n, self.east), lats]),
            np.column_stack([lons[::-1], np.full(n, self.north)]),
            np.column_stack([np.full(n, self.west), lats[::-1]]),
        ])


def _deg(value: float, positive: str, negative: str) -> str:
    """``12.3° N``: a latitude or longitude in words, to 0.1° (whole degrees from 10°)."""
    hemisphere = positive if value >= 0 else negative
    size = abs(value)
    text = f"{size:.0f}" if size >= 10 or size == round(size) else f"{size:.1f}"
    if float(text) in (0.0, 180.0):
        return f"{float(text):.0f}°"
    return f"{text}° {hemisphere}"


def lat_text(lat: float) -> str:
    """A latitude as ``34° S``."""
    return _deg(lat, "N", "S")


def lon_text(lon: float) -> str:
    """A longitude as ``60° E`` (wrapped into [-180, 180])."""
    lon = (lon + 180.0) % 360.0 - 180.0 if abs(lon) > 180.0 else lon
    return _deg(lon, "E", "W")
