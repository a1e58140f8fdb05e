"""Extent, projection, the antimeridian and the scale bar of a figure.

Positions are ``(lon, lat)`` WGS84 degrees; projected coordinates are metres of the chosen
projection (PROJ through pyproj, on the WGS84 ellipsoid).

**The projection follows the extent** (:func:`choose_projection`):

- a world view (more than 160° of longitude or 120° of latitude): **Equal Earth** (Šavrič,
  Patterson & Jenny 2018), an equal-area pseudocylindrical projection made for world maps,
  its central meridian at the extent's centre, so that the area of every country is true
  and the world is not the Web Mercator one, where Africa looks no larger than Greenland;
- a regional extent at mid-latitudes (at most 45° of latitude, all of it on one side of
  20° N or 20° S): **Lambert conformal conic** with standard parallels at one sixth and five
  sixths of the extent's latitudes (the usual rule; shapes true, scale within a few per cent
  over the map), as national and European maps use (not beyond 80°: the pole is the apex);
- anything else (continents, the tropics, the poles): **Lambert azimuthal equal-area**
  centred on the extent: areas true, distortion growing only with the distance from the
  centre.

**Lines are drawn as the map draws them**: along geodesics (points added at most
``spacing_m`` apart, :func:`geodesic_densify`) and unwrapped across ±180°; a line that
crosses the meridian opposite the projection's central meridian (the edge of the map) is
cut there (:func:`cut_at_back_meridian`), so that no line is drawn across the whole map.
Country outlines are cut at the same meridian before they are projected.

**The scale bar** (:func:`scale_bar`) is true at the map's centre: the ground length of a
short horizontal step there is measured on the ellipsoid (``pyproj.Geod``, Karney 2013),
and the bar is a round number of kilometres.

This module gathers the names of the figure's geography in one place; each lives in the
module of its one job:

- :mod:`geo.figure.extent`: lon/lat boxes, latitudes and longitudes in words;
- :mod:`geo.figure.map_projection`: the projection chosen for an extent;
- :mod:`geo.figure.view`: the projected rectangle a map shows;
- :mod:`geo.figure.reproject`: lines and polygons onto the map, graticule, edge of the world;
- :mod:`geo.figure.scalebar`: the scale bar.
"""

from __future__ import annotations

from geo.figure.extent import MIN_SPAN_DEG, PAD_FRACTION, Extent, lat_text, lon_text
from geo.figure.map_projection import EDGE_EPS, MapProjection, choose_projection
from geo.figure.reproject import (
    ANTIPODE_CAP_DEG,
    OUTLINE_SEGMENT_DEG,
    antipode_cap,
    cut_at_back_meridian,
    geodesic_densify,
    globe_outline,
    graticule,
    graticule_step,
    project_lines,
    project_lines_owned,
    project_polygons,
)
from geo.figure.scalebar import ScaleBar, length_label, nice_length_m, scale_bar
from geo.figure.view import (
    MAX_ASPECT,
    MIN_ASPECT,
    MIN_VIEW_M,
    WORLD_MARGIN,
    View,
    extent_of_view,
    view_around,
    view_of,
)

__all__ = [
    "ANTIPODE_CAP_DEG",
    "EDGE_EPS",
    "MAX_ASPECT",
    "MIN_ASPECT",
    "MIN_SPAN_DEG",
    "MIN_VIEW_M",
    "OUTLINE_SEGMENT_DEG",
    "PAD_FRACTION",
    "WORLD_MARGIN",
    "Extent",
    "MapProjection",
    "ScaleBar",
    "View",
    "antipode_cap",
    "choose_projection",
    "cut_at_back_meridian",
    "extent_of_view",
    "geodesic_densify",
    "globe_outline",
    "graticule",
    "graticule_step",
    "lat_text",
    "length_label",
    "lon_text",
    "nice_length_m",
    "project_lines",
    "project_lines_owned",
    "project_polygons",
    "scale_bar",
    "view_around",
    "view_of",
]
