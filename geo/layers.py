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
  before it ends): ``operators``, ``schematic``, ``routing`` (``"sea"`` where a schematic
  submarine segment was routed over the sea, else ``"geodesic"``), ``length_m``,
  ``submarine_m``, ``terrestrial_m``, ``unspecified_m``, ``latency_ms``,
  ``published_length_m`` (the first published ``length`` figure, metres, else ``None``),
  ``length_ratio`` (``length_m / published_length_m``, else ``None``), ``length_flags``
  (``measured>published``, ``ratio<0.7``, ``ratio>1.3``: as ``geo measure`` flags),
  ``segments`` (dicts ``from``, ``to``, ``medium``, ``routing``, ``length_m``, ``notes``;
  ``from``/``to`` are waypoint site ids or ``"lon,lat"``), ``figures`` (dicts ``quantity``,
  ``value``, ``unit``, ``year``, ``sources``), ``start_date``.
- ``corridors`` (MultiLineString of its routes' lines in chain order): ``routes``,
  ``operators``, ``schematic`` (true when any of its routes is), ``routing``, ``length_m``
  (sum of its routes), the per-medium split and ``latency_ms``.
- ``organisations`` (Point at the headquarters site; ``None``, a null geometry, for an
  organisation without ``headquarters``): ``country``, ``headquarters``, ``parent``,
  ``precision`` (of the headquarters site; ``None`` without one).
- ``agreements``: the geodesic curve between the parties' headquarters (a MultiLineString of
  one arc per pair of parties that have one, ``itertools.combinations`` order, when there
  are more than two) when at least two parties have a headquarters; else a Point at the
  ``venue`` when there is one; else ``None`` (a null geometry): ``parties``, ``date``,
  ``venue``, ``subjects``.

Then, last in every layer, two derived columns (:data:`DERIVED`):

- ``first_reported``: the date of the entity's earliest dated source article (its own
  sources and its figures'), as the article's metadata gives it (``YYYY``, ``YYYY-MM`` or
  ``YYYY-MM-DD``), ``None`` when no source article is dated (:func:`first_reported`);
- ``draft``: the stem of the draft file (``drafts/<stem>.toml``) the entity comes from,
  ``None`` for an entity of ``data/`` (``Catalog.draft_of``).

Lines and lengths come from :mod:`geo.routes` (the only place they are computed, so the
map, the export and ``geo measure`` agree): geodesic on the WGS84 ellipsoid (``pyproj.Geod``,
Karney 2013) of the *drawn* path, summed per segment; for a schematic route that is the
length of the schematic line (routed over the sea where it is submarine), not of the cable.
``latency_ms`` is one-way, :func:`geo.geodesy.latency_ms` (fibre,
n = 1.468). Lines are returned as drawn: a leg between longitudes 179 and -179 is short (the
geodesic way) but its positions jump; :mod:`geo.export` splits such lines at ±180°
(RFC 7946 §3.1.9).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import LineString, MultiLineString, Point

from geo.catalog import Catalog
from geo.errors import InputError
from geo.geodesy import geodesic_path, latency_ms
from geo.lines import line_from_parts
from geo.names import LAYER_NAMES, MEDIA
from geo.routes import corridor_geometry, route_geometries, route_geometry
from geo.schema import Agreement, Entity

#: CRS of every layer: WGS84 longitude/latitude (RFC 7946 §4).
CRS = "EPSG:4326"

#: Spacing of the points drawn along an agreement's geodesic arc, metres.
ARC_SPACING_M = 50_000.0

_COMMON = ("id", "name", "kind", "status", "aliases", "notes", "sources")
#: Derived columns every layer ends with (see the module docstring).
DERIVED = ("first_reported", "draft")

#: Column names of each layer, in order (``geometry`` last).
COLUMNS: dict[str, tuple[str, ...]] = {
    "sites": (*_COMMON, "precision", "country", "operator", "host", "tenants",
              "start_date", "end_date", *DERIVED),
    "routes": (*_COMMON, "operators", "schematic", "routing", "length_m",
               *(f"{m}_m" for m in MEDIA), "latency_ms", "published_length_m",
               "length_ratio", "length_flags", "segments", "figures", "start_date",
               *DERIVED),
    "corridors": (*_COMMON, "routes", "operators", "schematic", "routing", "length_m",
                  *(f"{m}_m" for m in MEDIA), "latency_ms", *DERIVED),
    "organisations": (*_COMMON, "country", "headquarters", "parent", "precision", *DERIVED),
    "agreements": (*_COMMON, "parties", "date", "venue", "subjects", *DERIVED),
}


def _period_start(date: str) -> tuple[str, int]:
    """Sort key of an ISO 8601 day, month or year: the first day of the period it names
    (``2022`` -> ``2022-01-01``), the more precise date first on a tie (it is as early, and
    says more)."""
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date), -len(date)


def first_reported(cat: Catalog, entity: Entity) -> str | None:
    """The date of the earliest dated article among ``entity``'s sources (and its figures'
    sources): ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as that article's metadata gives it;
    ``None`` when no source article is dated. Dates of different precision are compared by
    the first day of the period they name (``2022`` is before ``2022-03-01``)."""
    sources = [*entity.sources,
               *(s for fig in getattr(entity, "figures", ()) for s in fig.sources)]
    dates = [art.meta.date for src in sources if src.article is not None
             for art in [cat.articles.get(src.article)] if art is not None and art.meta.date]
    return min(dates, key=_period_start) if dates else None


def draft_of(cat: Catalog) -> Mapping[str, str]:
    """Entity id -> stem of the draft file (``drafts/<stem>.toml``) it comes from; empty when
    the catalogue holds no drafted entities."""
    return getattr(cat, "draft_of", None) or {}


def _common(cat: Catalog, entity: Entity, kind: str, status: str | None) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": kind,
        "status": status,
        "aliases": list(entity.aliases),
        "notes": entity.notes,
        "sources": cat.source_records(entity),
        "first_reported": first_reported(cat, entity),
        "draft": draft_of(cat).get(entity.id),
    }


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
    for rid, geom in route_geometries(cat).items():
        route = cat.routes[rid]
        row = _common(cat, route, route.kind, route.status)
        by_medium = geom.by_medium_m
        row.update({
            "operators": list(route.operators),
            "schematic": geom.schematic,
            "routing": geom.routing,
            "length_m": geom.length_m,
            **{f"{medium}_m": by_medium[medium] for medium in MEDIA},
            "latency_ms": latency_ms(geom.length_m),
            "published_length_m": geom.published_m,
            "length_ratio": geom.ratio,
            "length_flags": geom.flags,
            "segments": [s.record() for s in geom.segments],
            "figures": [
                {"quantity": f.quantity, "value": f.value, "unit": f.unit, "year": f.year,
                 "sources": cat.source_records(f)}
                for f in route.figures
            ],
            "start_date": route.start_date,
        })
        rows.append(row)
        geoms.append(line_from_parts(geom.lines))
    return rows, geoms


def _corridors(cat: Catalog) -> tuple[list[dict[str, Any]], list[Any]]:
    rows, geoms = [], []
    used = {rid for c in cat.corridors.values() for rid in c.routes}
    routes = {rid: route_geometry(cat, rid) for rid in cat.routes if rid in used}
    for corridor in cat.corridors.values():
        geom = corridor_geometry(cat, corridor.id, routes)
        by_medium = geom.by_medium_m
        row = _common(cat, corridor, "corridor", corridor.status)
        row.update({
            "routes": list(corridor.routes),
            "operators": list(corridor.operators),
            "schematic": geom.schematic,
            "routing": geom.routing,
            "length_m": geom.length_m,
            **{f"{medium}_m": by_medium[medium] for medium in MEDIA},
            "latency_ms": latency_ms(geom.length_m),
        })
        rows.append(row)
        geoms.append(MultiLineString(geom.lines))
    return rows, geoms


def _organisations(cat: Catalog) -> tuple[list[dict[str, Any]], list[Any]]:
    rows, geoms = [], []
    for org in cat.organisations.values():
        row = _common(cat, org, org.kind, None)
        hq = org.headquarters
        row.update({
            "country": org.country,
            "headquarters": hq,
            "parent": org.parent,
            "precision": cat.site_precision(hq) if hq is not None else None,
        })
        rows.append(row)
        geoms.append(Point(cat.site_position(hq)) if hq is not None else None)
    return rows, geoms


def head_offices(cat: Catalog, organisation_ids: Iterable[str]) -> list[tuple[float, float]]:
    """``(lon, lat)`` (WGS84 degrees) of the headquarters of each organisation that has one,
    in the given order (organisations without one are left out)."""
    out = []
    for oid in organisation_ids:
        org = cat.organisations.get(oid)
        if org is not None and org.headquarters is not None:
            out.append(cat.site_position(org.headquarters))
    return out


def agreement_geometry(cat: Catalog, agreement: Agreement
                       ) -> LineString | MultiLineString | Point | None:
    """Where an agreement is drawn: the geodesic arcs between its parties' headquarters
    when at least two have one (a LineString for one pair, else a MultiLineString in
    ``itertools.combinations`` order); else a Point at its ``venue``; else ``None``."""
    hq = head_offices(cat, agreement.parties)
    if len(hq) >= 2:
        arcs = [geodesic_path(a, b, ARC_SPACING_M) for a, b in itertools.combinations(hq, 2)]
        return line_from_parts(arcs)
    if agreement.venue is not None:
        return Point(cat.site_position(agreement.venue))
    return None


def _agreements(cat: Catalog) -> tuple[list[dict[str, Any]], list[Any]]:
    rows, geoms = [], []
    for agreement in cat.agreements.values():
        row = _common(cat, agreement, agreement.kind, None)
        row.update({
            "parties": list(agreement.parties),
            "date": agreement.date,
            "venue": agreement.venue,
            "subjects": list(agreement.subjects),
        })
        rows.append(row)
        geoms.append(agreement_geometry(cat, agreement))
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
    return layer_frame({col: [row[col] for row in rows] for col in COLUMNS[name]}, geoms)


def layer_frame(columns: Mapping[str, list[Any]], geoms: list[Any]) -> gpd.GeoDataFrame:
    """A layer's GeoDataFrame: ``columns`` (name -> one value per row, in order), each typed
    as :func:`_column_dtype` says, then ``geometry`` (``geoms``, in :data:`CRS`).

    The frame is made as one block of ``object`` columns, in which the float and boolean
    columns are then set: the same frame as one made from a Series per column (values,
    dtypes, index, CRS), in a third of the time (8 ms instead of 23 ms for the five
    layers of the shipped workspace, pandas aligning every Series' index)."""
    frame = pd.DataFrame(dict(columns), dtype=object)
    for col, values in columns.items():
        dtype = _column_dtype(values)
        if dtype is not object:
            frame[col] = np.array(values, dtype=dtype)
    frame["geometry"] = gpd.GeoSeries(geoms, crs=_crs())
    return gpd.GeoDataFrame(frame, geometry="geometry")


@functools.cache
def _crs() -> Any:
    """:data:`CRS` as a ``pyproj.CRS``, made once (from its text, 1 ms each time)."""
    from pyproj import CRS as ProjCRS

    return ProjCRS.from_user_input(CRS)


def _column_dtype(values: list[Any]) -> Any:
    """Floats and booleans as numpy columns; everything else as ``object`` holding plain
    Python values (``None`` stays ``None``: pandas' string dtype would turn it into NaN)."""
    if values and all(isinstance(v, bool) for v in values):
        return bool
    if values and all(isinstance(v, float) and not isinstance(v, bool) for v in values):
        return np.float64
    return object


def build_layers(cat: Catalog, layers: Iterable[str] | None = None
                 ) -> dict[str, gpd.GeoDataFrame]:
    """The catalogue's layers as ``{name: GeoDataFrame}``, in :data:`LAYER_NAMES` order.

    ``layers`` names the layers wanted (default: all); an unknown name raises
    :class:`InputError` listing the valid ones.
    """
    return {name: build_layer(cat, name) for name in check_layer_names(layers)}
