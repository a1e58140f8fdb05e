"""The catalogue as GeoDataFrames, one per layer (DESIGN.md, "Layers").

:func:`build_layers` returns ``{layer name: GeoDataFrame}`` for the layers of
:data:`LAYER_NAMES`. Every frame is in EPSG:4326 (WGS84 longitude, latitude in degrees), has a
string column ``id`` (the entity id), one row per entity in catalogue order, and the geometry
column ``geometry``. Values are plain Python: ``str`` / ``None``, ``float`` lengths in metres,
lists and dicts where the catalogue nests (``aliases``, ``sources``, ``segments``...);
flattening them for formats without nested values is the writers' job (:mod:`geo.export`).

Columns of every layer: ``id``, ``name``, ``kind``, ``status``, ``aliases``, ``notes``,
``sources`` (``Catalog.source_records``: article, title, date, publisher, quote, reference,
note). Then, per layer:

- ``sites`` (Point): ``precision``, ``country``, ``operator``, ``host``, ``tenants``,
  ``start_date``, ``end_date``. A hosted site takes its host's position and, if it has none,
  its host's country.
- ``routes`` (LineString, or MultiLineString where a segment does not start where the one
  before it ends): ``operators``, ``schematic``, ``length_m``, ``submarine_m``,
  ``terrestrial_m``, ``unspecified_m``, ``latency_ms``, ``segments`` (dicts ``from``, ``to``,
  ``medium``, ``length_m``, ``notes``; ``from``/``to`` are waypoint site ids or ``"lon,lat"``),
  ``figures`` (dicts ``quantity``, ``value``, ``unit``, ``sources``), ``start_date``.
- ``corridors`` (MultiLineString of its routes' lines in chain order): ``routes``,
  ``operators``, ``schematic`` (true when any of its routes is), ``length_m`` (sum of its
  routes), the per-medium split and ``latency_ms``.
- ``organisations`` (Point at the headquarters site): ``country``, ``headquarters``,
  ``parent``, ``precision`` (of the headquarters site).
- ``agreements``: the geodesic curve between the parties' headquarters (a MultiLineString of
  one arc per pair of parties, ``itertools.combinations`` order, when there are more than
  two): ``parties``, ``date``, ``venue``, ``subjects``.

Lengths are geodesic on the WGS84 ellipsoid (``pyproj.Geod``, Karney 2013) of the *drawn*
path, summed per segment: for a schematic route that is the length of the schematic line,
not of the cable. ``latency_ms`` is one-way, :func:`geo.geodesy.latency_ms` (fibre,
n = 1.468). Lines are returned as drawn: a leg between longitudes 179 and -179 is short (the
geodesic way) but its positions jump; :mod:`geo.export` splits such lines at ±180°
(RFC 7946 §3.1.9).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, MultiLineString, Point

from geo.catalog import Catalog
from geo.errors import InputError
from geo.geodesy import geodesic_path, latency_ms, path_length_m
from geo.names import LAYER_NAMES, MEDIA
from geo.schema import Entity, Route
from geo.text import waypoint_label

#: CRS of every layer: WGS84 longitude/latitude (RFC 7946 §4).
CRS = "EPSG:4326"

#: Spacing of the points drawn along an agreement's geodesic arc, metres.
ARC_SPACING_M = 50_000.0

_COMMON = ("id", "name", "kind", "status", "aliases", "notes", "sources")

#: Column names of each layer, in order (``geometry`` last).
COLUMNS: dict[str, tuple[str, ...]] = {
    "sites": (*_COMMON, "precision", "country", "operator", "host", "tenants",
              "start_date", "end_date"),
    "routes": (*_COMMON, "operators", "schematic", "length_m",
               *(f"{m}_m" for m in MEDIA), "latency_ms", "segments", "figures",
               "start_date"),
    "corridors": (*_COMMON, "routes", "operators", "schematic", "length_m",
                  *(f"{m}_m" for m in MEDIA), "latency_ms"),
    "organisations": (*_COMMON, "country", "headquarters", "parent", "precision"),
    "agreements": (*_COMMON, "parties", "date", "venue", "subjects"),
}


def _common(cat: Catalog, entity: Entity, kind: str, status: str | None) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": kind,
        "status": status,
        "aliases": list(entity.aliases),
        "notes": entity.notes,
        "sources": cat.source_records(entity),
    }


def _chain(parts: Iterable[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """Join runs of positions that start where the previous one ends into one line."""
    lines: list[list[tuple[float, float]]] = []
    for part in parts:
        if lines and tuple(lines[-1][-1]) == tuple(part[0]):
            lines[-1].extend(part[1:])
        else:
            lines.append(list(part))
    return lines


def _line(lines: list[list[tuple[float, float]]]) -> LineString | MultiLineString:
    if len(lines) == 1:
        return LineString(lines[0])
    return MultiLineString(lines)


def route_measure(cat: Catalog, route: Route) -> dict[str, Any]:
    """Lines, total and per-medium lengths (metres) and segment records of one route."""
    positions = cat.route_segments(route.id)
    by_medium = dict.fromkeys(MEDIA, 0.0)
    segments = []
    for seg, pos in zip(route.segments, positions, strict=True):
        length_m = path_length_m(pos)
        by_medium[seg.medium] += length_m
        segments.append({
            "from": waypoint_label(seg.waypoints[0]),
            "to": waypoint_label(seg.waypoints[-1]),
            "medium": seg.medium,
            "length_m": length_m,
            "notes": seg.notes,
        })
    total_m = sum(s["length_m"] for s in segments)
    return {"lines": _chain(positions), "length_m": total_m, "by_medium": by_medium,
            "segments": segments}


def _site_country(cat: Catalog, site_id: str) -> str | None:
    site = cat.sites[site_id]
    seen = {site_id}
    while site.country is None and site.host is not None and site.host not in seen:
        seen.add(site.host)
        site = cat.sites[site.host]
    return site.country


def _sites(cat: Catalog) -> tuple[list[dict[str, Any]], list[Any]]:
    rows, geoms = [], []
    tenants = cat.tenants_by_host()
    for site in cat.sites.values():
        row = _common(cat, site, site.kind, site.status)
        row.update({
            "precision": cat.site_precision(site.id),
            "country": _site_country(cat, site.id),
            "operator": site.operator,
            "host": site.host,
            "tenants": list(tenants.get(site.id, [])),
            "start_date": site.start_date,
            "end_date": site.end_date,
        })
        rows.append(row)
        geoms.append(Point(cat.site_position(site.id)))
    return rows, geoms


def _routes(cat: Catalog) -> tuple[list[dict[str, Any]], list[Any]]:
    rows, geoms = [], []
    for route in cat.routes.values():
        m = route_measure(cat, route)
        row = _common(cat, route, route.kind, route.status)
        row.update({
            "operators": list(route.operators),
            "schematic": bool(route.schematic),
            "length_m": m["length_m"],
            **{f"{medium}_m": m["by_medium"][medium] for medium in MEDIA},
            "latency_ms": latency_ms(m["length_m"]),
            "segments": m["segments"],
            "figures": [
                {"quantity": f.quantity, "value": f.value, "unit": f.unit,
                 "sources": cat.source_records(f)}
                for f in route.figures
            ],
            "start_date": route.start_date,
        })
        rows.append(row)
        geoms.append(_line(m["lines"]))
    return rows, geoms


def _corridors(cat: Catalog) -> tuple[list[dict[str, Any]], list[Any]]:
    rows, geoms = [], []
    used = {rid for c in cat.corridors.values() for rid in c.routes}
    measured = {rid: route_measure(cat, r) for rid, r in cat.routes.items() if rid in used}
    for corridor in cat.corridors.values():
        lines: list[list[tuple[float, float]]] = []
        by_medium = dict.fromkeys(MEDIA, 0.0)
        for rid in corridor.routes:
            lines.extend(measured[rid]["lines"])
            for medium in MEDIA:
                by_medium[medium] += measured[rid]["by_medium"][medium]
        length_m = sum(measured[rid]["length_m"] for rid in corridor.routes)
        row = _common(cat, corridor, "corridor", corridor.status)
        row.update({
            "routes": list(corridor.routes),
            "operators": list(corridor.operators),
            # a chain with any schematic route is a drawn line, not a surveyed one
            "schematic": any(cat.routes[rid].schematic for rid in corridor.routes),
            "length_m": length_m,
            **{f"{medium}_m": by_medium[medium] for medium in MEDIA},
            "latency_ms": latency_ms(length_m),
        })
        rows.append(row)
        geoms.append(MultiLineString(lines))
    return rows, geoms


def _organisations(cat: Catalog) -> tuple[list[dict[str, Any]], list[Any]]:
    rows, geoms = [], []
    for org in cat.organisations.values():
        row = _common(cat, org, org.kind, None)
        row.update({
            "country": org.country,
            "headquarters": org.headquarters,
            "parent": org.parent,
            "precision": cat.site_precision(org.headquarters),
        })
        rows.append(row)
        geoms.append(Point(cat.site_position(org.headquarters)))
    return rows, geoms


def _agreements(cat: Catalog) -> tuple[list[dict[str, Any]], list[Any]]:
    rows, geoms = [], []
    for agreement in cat.agreements.values():
        hq = [cat.site_position(cat.organisations[p].headquarters) for p in agreement.parties]
        arcs = [geodesic_path(a, b, ARC_SPACING_M) for a, b in itertools.combinations(hq, 2)]
        row = _common(cat, agreement, agreement.kind, None)
        row.update({
            "parties": list(agreement.parties),
            "date": agreement.date,
            "venue": agreement.venue,
            "subjects": list(agreement.subjects),
        })
        rows.append(row)
        geoms.append(LineString(arcs[0]) if len(arcs) == 1 else MultiLineString(arcs))
    return rows, geoms


_BUILDERS = {
    "sites": _sites,
    "routes": _routes,
    "corridors": _corridors,
    "organisations": _organisations,
    "agreements": _agreements,
}


def check_layer_names(layers: Iterable[str] | None) -> tuple[str, ...]:
    """The named layers in :data:`LAYER_NAMES` order (all if ``None``), each once.

    Raises :class:`InputError` naming the unknown layer and listing the valid ones.
    """
    if layers is None:
        return LAYER_NAMES
    wanted = list(layers)
    for name in wanted:
        if name not in LAYER_NAMES:
            raise InputError(f"unknown layer {name!r}; expected one of: "
                             + ", ".join(LAYER_NAMES))
    return tuple(n for n in LAYER_NAMES if n in wanted)


def build_layer(cat: Catalog, name: str) -> gpd.GeoDataFrame:
    """One layer of the catalogue as a GeoDataFrame (see the module docstring)."""
    (name,) = check_layer_names([name])
    rows, geoms = _BUILDERS[name](cat)
    data = {col: _column([row[col] for row in rows]) for col in COLUMNS[name]}
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)


def _column(values: list[Any]) -> pd.Series:
    """Floats and booleans as numpy columns; everything else as ``object`` holding plain
    Python values (``None`` stays ``None``: pandas' string dtype would turn it into NaN)."""
    if values and all(isinstance(v, bool) for v in values):
        return pd.Series(values, dtype=bool)
    if values and all(isinstance(v, float) and not isinstance(v, bool) for v in values):
        return pd.Series(values, dtype="float64")
    return pd.Series(values, dtype=object)


def build_layers(cat: Catalog, layers: Iterable[str] | None = None
                 ) -> dict[str, gpd.GeoDataFrame]:
    """The catalogue's layers as ``{name: GeoDataFrame}``, in :data:`LAYER_NAMES` order.

    ``layers`` names the layers wanted (default: all); an unknown name raises
    :class:`InputError` listing the valid ones.
    """
    return {name: build_layer(cat, name) for name in check_layer_names(layers)}
