"""What a figure draws: the catalogue's layers and the context layers as marks in lon/lat,
each with its style key in the web map's table (:mod:`geo.webmap.styles`), then projected.

A :class:`Mark` is one catalogue entity: a point (site, organisation, agreement at its venue)
or pieces of line, each piece in one style (a route's segments by medium, a corridor's band,
an agreement's arcs). Entities without a geometry are not marks (they have no place on the
map); they are counted apart. A :class:`ContextMarks` is one context layer's points, lines
and polygons as arrays, projected in bulk (10,000 points are one call).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from geo import names
from geo.context import ContextLayer
from geo.errors import InputError
from geo.figure.extent import Extent
from geo.figure.map_projection import MapProjection
from geo.figure.reproject import (
    geodesic_densify,
    project_lines,
    project_lines_owned,
    project_polygons,
)
from geo.figure.view import View
from geo.lines import line_parts
from geo.webmap import styles

#: route id -> [(medium, [(lon, lat), ...]), ...] in segment order (as the web map takes it)
SegmentLines = Mapping[str, Sequence[tuple[str, Sequence[tuple[float, float]]]]]

#: The catalogue's layers, in the order their marks are drawn (bottom first), as on the map.
DRAW_ORDER = names.DRAW_ORDER


@dataclass
class Mark:
    """One catalogue entity to draw. ``point`` (lon, lat) with ``point_style`` (a style
    key), or ``pieces``: ``(style key, (n, 2) lon/lat)`` lines. After :func:`project_marks`,
    ``xy`` (projected metres, ``None`` when outside the view) or ``xy_pieces`` (the parts
    inside the view, per piece)."""

    layer: str
    id: str
    name: str
    kind: str | None
    status: str | None
    draft: str | None
    sources: list[dict[str, Any]]
    point: tuple[float, float] | None = None
    point_style: str | None = None
    pieces: list[tuple[str, np.ndarray]] = field(default_factory=list)
    host: str | None = None
    xy: tuple[float, float] | None = None
    xy_pieces: list[tuple[str, list[np.ndarray]]] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        """Whether any of it is inside the view (after :func:`project_marks`)."""
        return self.xy is not None or any(parts for _key, parts in self.xy_pieces)

    def parts(self) -> list[np.ndarray]:
        """The mark's lon/lat positions, one ``(n, 2)`` array per point or line."""
        if self.point is not None:
            return [np.asarray([self.point], dtype=float)]
        return [p for _k, p in self.pieces]

    def style_keys(self) -> list[str]:
        """The keys of the styles it draws, in drawing order."""
        if self.point_style is not None:
            return [self.point_style]
        return list(dict.fromkeys(k for k, parts in self.xy_pieces if parts))


def _text(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and value != value) else str(value)


def _records(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    cols = [c for c in frame.columns if c != frame.geometry.name]
    return [{**dict(zip(cols, values, strict=True)), "geometry": geom}
            for values, geom in zip(frame[cols].itertuples(index=False, name=None),
                                    frame.geometry, strict=True)]


def catalogue_marks(layers: Mapping[str, gpd.GeoDataFrame], shown: Sequence[str],
                    segment_lines: SegmentLines | None = None
                    ) -> tuple[list[Mark], dict[str, int]]:
    """The marks of the ``shown`` layers, in :data:`DRAW_ORDER` and catalogue order within a
    layer, and per layer how many entities have no place (a null geometry: not drawn)."""
    marks: list[Mark] = []
    unplaced: dict[str, int] = {}
    for layer in DRAW_ORDER:
        if layer not in shown or layer not in layers:
            continue
        unplaced[layer] = 0
        for row in _records(layers[layer]):
            geom = row["geometry"]
            if geom is None or geom.is_empty:
                unplaced[layer] += 1
                continue
            mark = Mark(layer=layer, id=str(row["id"]), name=str(row["name"]),
                        kind=_text(row.get("kind")), status=_text(row.get("status")),
                        draft=_text(row.get("draft")), sources=list(row.get("sources") or []),
                        host=_text(row.get("host")))
            if layer == "sites":
                mark.point = (geom.x, geom.y)
                mark.point_style = styles.site_style(mark.kind).key
            elif layer == "organisations":
                mark.point = (geom.x, geom.y)
                mark.point_style = styles.organisation_style(mark.kind).key
            elif layer == "agreements" and geom.geom_type == "Point":
                mark.point = (geom.x, geom.y)
                mark.point_style = "agreement.venue"
            elif layer == "agreements":
                mark.pieces = [("agreement", line) for line in line_parts(geom)]
            elif layer == "corridors":
                mark.pieces = [("corridor", line) for line in line_parts(geom)]
            elif segment_lines is not None and mark.id in segment_lines:
                mark.pieces = [(styles.medium_style(medium).key, np.asarray(pos, dtype=float))
                               for medium, pos in segment_lines[mark.id]]
            else:
                media = {s["medium"] for s in (row.get("segments") or [])}
                medium = media.pop() if len(media) == 1 else "unspecified"
                mark.pieces = [(styles.medium_style(medium).key, line) for line in line_parts(geom)]
            marks.append(mark)
    return marks, unplaced


def entity_positions(layers: Mapping[str, gpd.GeoDataFrame], ids: Sequence[str]
                     ) -> list[np.ndarray]:
    """The lon/lat positions of the entities ``ids`` (any layer), one ``(n, 2)`` array per
    point or line (a line's vertices in order).

    Raises :class:`InputError` for an id no entity has, or an entity with no place on the
    map (an organisation without a head office, an agreement with neither two located
    parties nor a venue).
    """
    where: dict[str, Any] = {}
    for frame in layers.values():
        for entity_id, geom in zip(frame["id"], frame.geometry, strict=True):
            where[str(entity_id)] = geom
    out: list[np.ndarray] = []
    for entity_id in ids:
        if entity_id not in where:
            raise InputError(f"unknown id {entity_id!r}: no site, route, corridor, "
                             "organisation or agreement of the catalogue has it")
        geom = where[entity_id]
        if geom is None or geom.is_empty:
            raise InputError(f"{entity_id}: has no place on the map (no position, head "
                             "office or venue): it cannot frame the figure")
        if geom.geom_type == "Point":
            out.append(np.asarray([[geom.x, geom.y]]))
        else:
            out.extend(line_parts(geom))
    return out


def densify_spacing_m(view: View) -> float:
    """Largest gap, metres, between the drawn points of a geodesic: about 1/600 of the
    map's width, from 2 km to 100 km (well under a pixel of curvature)."""
    return float(min(100_000.0, max(2_000.0, view.width / 600.0)))


def project_marks(marks: Sequence[Mark], projection: MapProjection, view: View) -> None:
    """Fill each mark's ``xy`` / ``xy_pieces``: lines along geodesics, cut at the back
    meridian, projected and clipped to ``view``; points kept when inside it."""
    points = [m for m in marks if m.point is not None]
    if points:
        lonlat = np.asarray([m.point for m in points], dtype=float)
        xs, ys = projection.forward(lonlat[:, 0], lonlat[:, 1])
        for mark, x, y in zip(points, xs, ys, strict=True):
            inside = (np.isfinite(x) and np.isfinite(y) and view.x0 <= x <= view.x1
                      and view.y0 <= y <= view.y1)
            mark.xy = (float(x), float(y)) if inside else None
    spacing = densify_spacing_m(view)
    for mark in marks:
        if mark.point is not None:
            continue
        mark.xy_pieces = [(key, project_lines([geodesic_densify(line, spacing)], projection,
                                              view))
                          for key, line in mark.pieces]


@dataclass
class ContextMarks:
    """One context layer to draw: lon/lat ``points`` ``(n, 2)``, ``lines`` (with the feature
    each came from) and ``polygons``; then the projected parts inside the view and how many
    features show there."""

    index: int
    layer: ContextLayer
    points: np.ndarray
    point_features: np.ndarray
    lines: list[np.ndarray]
    line_features: list[int]
    polygons: list[Any]
    polygon_features: list[int]
    xy_points: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))
    xy_lines: list[np.ndarray] = field(default_factory=list)
    xy_polygons: list[Any] = field(default_factory=list)
    shown: int = 0


def context_marks(index: int, layer: ContextLayer) -> ContextMarks:
    """A context layer's geometries sorted into points, lines and polygons."""
    geoms = layer.features.geometry.to_numpy()
    type_ids = shapely.get_type_id(geoms)
    pts = np.flatnonzero(np.isin(type_ids, (0, 4)))
    coords, owner = shapely.get_coordinates(geoms[pts], return_index=True)
    lines: list[np.ndarray] = []
    line_features: list[int] = []
    polygons: list[Any] = []
    polygon_features: list[int] = []
    for i in np.flatnonzero(np.isin(type_ids, (1, 5))):
        for part in line_parts(geoms[i]):
            lines.append(part)
            line_features.append(int(i))
    for i in np.flatnonzero(np.isin(type_ids, (3, 6))):
        polygons.append(geoms[i])
        polygon_features.append(int(i))
    return ContextMarks(index, layer, coords[:, :2], pts[owner] if len(pts) else owner,
                        lines, line_features, polygons, polygon_features)


def project_context(ctx: ContextMarks, projection: MapProjection, extent: Extent,
                    view: View) -> None:
    """Project a context layer into ``view`` (lines as drawn in the file, cut at the back
    meridian; polygons cut and clipped like the country outlines) and count the features
    that show."""
    shown: set[int] = set()
    if len(ctx.points):
        x, y = projection.forward(ctx.points[:, 0], ctx.points[:, 1])
        inside = (np.isfinite(x) & np.isfinite(y) & (x >= view.x0) & (x <= view.x1)
                  & (y >= view.y0) & (y <= view.y1))
        ctx.xy_points = np.column_stack([x[inside], y[inside]])
        shown.update(int(i) for i in np.unique(ctx.point_features[inside]))
    if ctx.lines:
        parts, owners = project_lines_owned(ctx.lines, projection, view)
        ctx.xy_lines = parts
        features = np.asarray(ctx.line_features, dtype=np.intp)
        shown.update(int(f) for f in np.unique(features[owners]))
    if ctx.polygons:
        projected = project_polygons(np.asarray(ctx.polygons, dtype=object), projection,
                                     extent, view)
        for geom, feature in zip(projected, ctx.polygon_features, strict=True):
            if not geom.is_empty and shapely.intersects(geom, view.box()):
                ctx.xy_polygons.append(geom)
                shown.add(feature)
    ctx.shown = len(shown)
