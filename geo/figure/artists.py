"""matplotlib pieces drawn in the web map's styles: SVG ids, line and marker styles from
Leaflet path options, scatter markers built directly, pins, and compound paths of polygons
and lines.

Styles come from the web map's table: :func:`geo.webmap.styles.path_options` gives the
colour, width, opacity and dash of each feature as Leaflet options, which
:func:`line_style` and :func:`point_style` turn into matplotlib's (a CSS pixel is 0.75
point, :data:`geo.figure.text.PX`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path as MplPath
from matplotlib.transforms import IdentityTransform
from shapely.geometry.polygon import orient

from geo.figure.text import PX

_GID = re.compile(r"[^A-Za-z0-9._-]")


def gid(*parts: str) -> str:
    """An SVG id from ``parts`` joined by ``.`` (``sites.eadc-nairobi.draft``; characters
    other than letters, digits, ``._-`` replaced by ``_``). Catalogue ids are kebab-case, so
    they never hold a ``.``: ids made of different parts never collide."""
    return ".".join(_GID.sub("_", part) for part in parts)


# --------------------------------------------------------------------------- styles


def dash_style(dash: str | None) -> Any:
    """An SVG dash array in CSS pixels as a matplotlib line style in points."""
    if not dash:
        return "solid"
    return (0.0, tuple(float(v) * PX for v in dash.replace(",", " ").split()))


def line_style(opts: Mapping[str, Any]) -> dict[str, Any]:
    """matplotlib keyword arguments of a stroked path from Leaflet path options
    (:func:`geo.webmap.styles.path_options`)."""
    return {
        "edgecolor": to_rgba(opts["color"], float(opts.get("opacity", 1.0))),
        "linewidth": float(opts["weight"]) * PX,
        "linestyle": dash_style(opts.get("dashArray")),
        "capstyle": {"round": "round", "butt": "butt", "square": "projecting"}[
            opts.get("lineCap", "round")],
        "joinstyle": {"round": "round", "miter": "miter", "bevel": "bevel"}[
            opts.get("lineJoin", "round")],
        "facecolor": "none",
        "fill": False,
    }


def point_style(opts: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`scatter` keyword arguments of a circle marker from Leaflet path options."""
    return {
        "s": (2.0 * float(opts["radius"]) * PX) ** 2,
        "facecolors": [to_rgba(opts.get("fillColor", opts["color"]),
                               float(opts.get("fillOpacity", 0.0)))],
        "edgecolors": [to_rgba(opts["color"], float(opts.get("opacity", 1.0)))],
        "linewidths": float(opts["weight"]) * PX,
        "linestyles": [dash_style(opts.get("dashArray"))],
    }


def pin_paths(radius_px: float) -> tuple[np.ndarray, np.ndarray]:
    """The map pin of :func:`geo.webmap.styles.pin_html` as two outlines in points, the tip
    at (0, 0), y up: the pin, and the white dot in its head."""
    r = (radius_px - 1.0) * PX
    height = (3.0 * radius_px - 0.5) * PX
    cy = height - r
    start, end = math.atan2(-0.6, -0.8), math.atan2(-0.6, 0.8)
    angles = np.linspace(start, end - 2.0 * math.pi, 41)
    head = np.column_stack([r * np.cos(angles), cy + r * np.sin(angles)])
    pin = np.vstack([[0.0, 0.0], head, [0.0, 0.0]])
    dot_angles = np.linspace(0.0, 2.0 * math.pi, 25)
    dot = np.column_stack([0.38 * r * np.cos(dot_angles), cy - PX + 0.38 * r * np.sin(dot_angles)])
    return pin, dot


def _marker_path(marker: str | MplPath) -> MplPath:
    """A marker's outline as scatter draws it (scaled to fit ±0.5, then by its size)."""
    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


def scatter(ax: Any, xs: Any, ys: Any, s: float, marker: str | MplPath = "o",
            **kwargs: Any) -> PathCollection:
    """Markers at ``xs, ys`` (data units) of area ``s`` points² — what ``ax.scatter`` draws,
    built directly (no colour mapping, no masked arrays: a tenth of the time per call)."""
    path = _marker_path(marker)
    offsets = np.column_stack([np.atleast_1d(np.asarray(xs, dtype=float)),
                               np.atleast_1d(np.asarray(ys, dtype=float))])
    collection = PathCollection((path,), sizes=[s], offsets=offsets,
                                offset_transform=ax.transData, **kwargs)
    collection.set_transform(IdentityTransform())
    ax.add_collection(collection, autolim=False)
    return collection


def outline_marker(outline: np.ndarray) -> tuple[MplPath, float]:
    """A scatter marker drawing ``outline`` (points, anchored at (0, 0)) at its true size:
    matplotlib scales a marker path to fit ±0.5, then by the marker size."""
    extent = float(np.abs(outline).max())
    return MplPath(outline / (2.0 * extent), closed=True), (2.0 * extent) ** 2


# --------------------------------------------------------------------------- geometry


def _polygons(geom: Any) -> list[shapely.Polygon]:
    if geom is None or geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in _polygons(g)]
    return []


def polygon_path(geoms: Sequence[Any]) -> MplPath | None:
    """One compound path of every polygon in ``geoms`` (exteriors counter-clockwise,
    holes clockwise); ``None`` when there is none."""
    verts, codes = [], []
    for geom in geoms:
        for poly in _polygons(geom):
            poly = orient(poly, 1.0)
            for ring in (poly.exterior, *poly.interiors):
                coords = np.asarray(ring.coords)[:, :2]
                if len(coords) < 4:
                    continue
                verts.append(coords)
                codes.append(np.full(len(coords), MplPath.LINETO, dtype=np.uint8))
                codes[-1][0] = MplPath.MOVETO
                codes[-1][-1] = MplPath.CLOSEPOLY
    if not verts:
        return None
    return MplPath(np.concatenate(verts), np.concatenate(codes))


def lines_path(lines: Sequence[np.ndarray]) -> MplPath | None:
    """One compound path of ``lines`` (``(n, 2)`` arrays), or ``None`` when there is none."""
    lines = [ln for ln in lines if len(ln) >= 2]
    if not lines:
        return None
    codes = []
    for ln in lines:
        c = np.full(len(ln), MplPath.LINETO, dtype=np.uint8)
        c[0] = MplPath.MOVETO
        codes.append(c)
    return MplPath(np.concatenate(lines), np.concatenate(codes))
