"""Route lengths: geodesic lengths on WGS84, their media, latency, and published figures.

Every length is the geodesic length in metres on the WGS84 ellipsoid (``pyproj.Geod``,
Karney's algorithm, via :mod:`geo.geodesy`) of the path *as drawn*: the sum over its legs,
each leg the shortest geodesic between consecutive vertices (so a line across the
antimeridian measures the same whether split at ±180° or written with longitudes past 180°).
Heights are ignored. A schematic route's length is that of the drawn line, not of a surveyed
cable; ``slack`` (e.g. 1.1) scales it into an estimate of cable length, and latency is computed
on that estimate: one-way ``length × slack / (c / n)`` with ``n`` = :data:`FIBRE_INDEX`
(1.468, about 4.9 µs/km), round trip twice that.

Three sources of lines:

- the catalogue: :func:`measure_route`, :func:`measure_corridor`, :func:`measure_catalog`;
- any line file pyogrio reads, or GeoJSON text in the forms of RFC 7946 / RFC 8142
  (FeatureCollection, LF- or RS-delimited sequence, a bare Feature or geometry):
  :func:`measure_file`, :func:`measure_geojson_text` (read by :mod:`geo.line_input`);
- named places joined by geodesics, or routed over the sea for a submarine path:
  :func:`measure_between`.

Catalogue routes and corridors, and the path through places, are drawn and measured by
:mod:`geo.routes` (the map and the layers read the same), so a length printed here is the
length of the line the map draws.

Published lengths (``"1,234 km"``, ``"850 mi"``, ``"600 nmi"``, a number) are read by
:func:`parse_length_m`; a bare number is in kilometres (metres if the field name ends in
``_m``, miles if it ends in ``_mi``).
"""

from __future__ import annotations

import itertools
import math
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from geo.errors import InputError
from geo.geodesy import FIBRE_INDEX, latency_ms, parts_lengths_m, parts_lengths_plain_m
from geo.line_plain import BOUNDED_REPR, PlainLines, describe_feature
from geo.names import MEDIA
from geo.routes import ComparedToPublished, corridor_geometry, path_geometry, route_geometry
from geo.text import name_key, waypoint_label
from geo.vector import (
    LINE_ID_FIELDS,
    find_field,
    require_field,
)

# not needed to measure a file: the catalogue (its schema); nor, for a plain GeoJSON file,
# numpy, shapely and GDAL (geo.line_input, imported where used)
if TYPE_CHECKING:
    from geo.catalog import Catalog
    from geo.line_input import LineData

#: Names of :mod:`geo.line_input` (numpy) that this module gives on first use (PEP 562).
_LINE_INPUT_NAMES = ("LineData", "read_geojson_text", "read_line_file")


def __getattr__(name: str) -> Any:
    if name in _LINE_INPUT_NAMES:
        from geo import line_input

        return getattr(line_input, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


LATENCY_ASSUMPTION = (
    f"latency: one-way = length × slack / (c / n), n = {FIBRE_INDEX} (standard single-mode "
    "fibre, about 4.9 µs/km); round trip = 2 × one-way; equipment, queueing and routing "
    "detours not included"
)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class SegmentLength:
    """One segment (a run of legs between waypoints) and its geodesic length in metres."""

    from_: str
    to: str
    medium: str
    length_m: float
    via: tuple[str, ...] = ()
    route: str | None = None
    routing: str = "geodesic"      # "sea": routed over the sea (geo.routes)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"from": self.from_, "to": self.to, "medium": self.medium,
                               "routing": self.routing, "length_m": self.length_m}
        if self.via:
            out["via"] = list(self.via)
        if self.route is not None:
            out["route"] = self.route
        return out


@dataclass
class Measurement(ComparedToPublished):
    """The measured length of one route, corridor, feature (or group of features) or path.

    ``length_m`` is the geodesic length of the drawn line on WGS84; ``slack`` scales it into
    ``estimate_m``, from which ``latency_ms`` (one way) and ``rtt_ms`` follow. ``published_m``
    is a published length where one is known; ``ratio`` is ``length_m / published_m``.
    """

    id: str
    name: str
    kind: str                      # route | corridor | feature | group | between
    length_m: float
    segments: list[SegmentLength] = field(default_factory=list)
    schematic: bool | None = None  # None: not known (a line read from a file)
    slack: float = 1.0
    published_m: float | None = None
    published_text: str | None = None
    members: list[str] = field(default_factory=list)   # corridor routes, grouped features
    places: list[dict[str, Any]] = field(default_factory=list)  # for ``between``
    parts: int | None = None       # line parts measured (files)
    #: the drawn line(s), ``(lon, lat)`` degrees (routes, corridors, paths; not files)
    lines: list[list[tuple[float, float]]] = field(default_factory=list)
    routing: str | None = None     # "geodesic" | "sea" (None: a line read from a file)

    @property
    def estimate_m(self) -> float:
        """``length_m × slack``: an estimate of cable length from a schematic line."""
        return self.length_m * self.slack

    @property
    def latency_ms(self) -> float:
        """One-way propagation delay in ms over ``estimate_m`` of fibre at n = 1.468."""
        return latency_ms(self.estimate_m)

    @property
    def rtt_ms(self) -> float:
        """Round-trip propagation delay in ms (twice :attr:`latency_ms`)."""
        return 2.0 * self.latency_ms

    @property
    def by_medium_m(self) -> dict[str, float] | None:
        """Metres per medium (submarine / terrestrial / unspecified), if there are segments."""
        if not self.segments:
            return None
        out = dict.fromkeys(MEDIA, 0.0)
        for seg in self.segments:
            out[seg.medium] = out.get(seg.medium, 0.0) + seg.length_m
        return out

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``id``, ``name``, ``kind``, ``length_m``, ``latency_ms``,
        ``rtt_ms``, ``schematic``, and where they apply ``slack``/``estimate_m``, ``segments``
        and ``by_medium_m``, ``published_m``/``ratio``/``flags``, ``members``, ``places``."""
        out: dict[str, Any] = {
            "id": self.id, "name": self.name, "kind": self.kind,
            "length_m": self.length_m, "latency_ms": self.latency_ms, "rtt_ms": self.rtt_ms,
            "schematic": self.schematic, "fibre_index": FIBRE_INDEX,
        }
        if self.routing is not None:
            out["routing"] = self.routing
        if self.slack != 1.0:
            out["slack"] = self.slack
            out["estimate_m"] = self.estimate_m
        if self.segments:
            out["segments"] = [s.as_dict() for s in self.segments]
            out["by_medium_m"] = self.by_medium_m
        if self.published_m is not None:
            out["published_m"] = self.published_m
            out["published_text"] = self.published_text
            out["ratio"] = self.ratio
            out["flags"] = self.flags
        if self.members:
            out["members"] = list(self.members)
        if self.places:
            out["places"] = list(self.places)
        if self.parts is not None:
            out["parts"] = self.parts
        return out


@dataclass
class FileMeasurement:
    """Rows measured from a line file, and what was skipped or ignored (one line each)."""

    source: str
    rows: list[Measurement]
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: the layers whose lines were measured, when more than one (each row's id then begins
    #: with its layer's name and a colon); a sum over them may count a line twice (a
    #: corridor drawn again over its routes), so totals are per layer
    layers: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- catalogue


def _check_slack(slack: float) -> float:
    if not (isinstance(slack, int | float) and math.isfinite(slack) and slack >= 1.0):
        raise InputError(f"slack must be a number >= 1 (a cable is never shorter than the "
                         f"geodesic), got {slack!r}")
    return float(slack)


def _segment_lengths(geometry: Any, route_id: str | None) -> list[SegmentLength]:
    return [SegmentLength(seg.from_, seg.to, seg.medium, seg.length_m, seg.via, route_id,
                          seg.routing) for seg in geometry.segments]


def measure_route(cat: Catalog, route_id: str, slack: float = 1.0) -> Measurement:
    """Length of a catalogue route as drawn (:func:`geo.routes.route_geometry`), per segment
    and in total (metres, WGS84 geodesics), with its published length.

    Raises :class:`InputError` if ``route_id`` is not a route of the catalogue.
    """
    slack = _check_slack(slack)
    route = cat.routes.get(route_id)
    if route is None:
        raise InputError(f"unknown route {route_id!r}")
    geom = route_geometry(cat, route_id)
    return Measurement(route.id, route.name, "route", geom.length_m,
                       _segment_lengths(geom, route_id), geom.schematic, slack,
                       geom.published_m, geom.published_text, lines=geom.lines,
                       routing=geom.routing)


def measure_corridor(cat: Catalog, corridor_id: str, slack: float = 1.0) -> Measurement:
    """Length of a corridor: the segments of its routes as drawn, in order, summed
    (metres)."""
    slack = _check_slack(slack)
    corridor = cat.corridors.get(corridor_id)
    if corridor is None:
        raise InputError(f"unknown corridor {corridor_id!r}")
    geom = corridor_geometry(cat, corridor_id)
    segments = [s for r in geom.routes for s in _segment_lengths(r, r.id)]
    return Measurement(corridor.id, corridor.name, "corridor", geom.length_m, segments,
                       geom.schematic, slack, members=list(corridor.routes),
                       lines=geom.lines, routing=geom.routing)


def measure_catalog(cat: Catalog, ids: Sequence[str] = (), slack: float = 1.0
                    ) -> list[Measurement]:
    """Measure the named routes and corridors, in the order given; none named: every route,
    then every corridor, in catalogue order. Unknown ids raise :class:`InputError` (all of
    them named in one message)."""
    if not ids:
        ids = [*cat.routes, *cat.corridors]
    unknown = [i for i in ids if i not in cat.routes and i not in cat.corridors]
    if unknown:
        known = ", ".join([*cat.routes, *cat.corridors]) or "none"
        what = "route or corridor" + ("s" if len(unknown) > 1 else "")
        raise InputError(f"unknown {what} {', '.join(map(repr, unknown))} in the catalogue; "
                         f"known: {known}")
    return [measure_route(cat, i, slack) if i in cat.routes else measure_corridor(cat, i, slack)
            for i in ids]


# --------------------------------------------------------------------------- published


_NA = {"", "-", "–", "—", "?", "n.a.", "n.a", "na", "n/a", "none", "null", "unknown", "tbd",
       "nan"}
_UNITS = {
    "m": 1.0, "metre": 1.0, "metres": 1.0, "meter": 1.0, "meters": 1.0,
    "km": 1000.0, "kilometre": 1000.0, "kilometres": 1000.0, "kilometer": 1000.0,
    "kilometers": 1000.0,
    "mi": 1609.344, "mile": 1609.344, "miles": 1609.344,
    "nmi": 1852.0, "nm": 1852.0, "nautical mile": 1852.0, "nautical miles": 1852.0,
}
_NUMBER = r"(?:\d{1,3}(?:[, \u00a0\u202f]\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_LENGTH_RE = re.compile(rf"^(?P<num>{_NUMBER})\s*(?P<unit>[a-z][a-z ]*?)?\.?$")


def bare_number_unit(field_name: str | None) -> str:
    """Unit of a bare number in ``field_name``: ``m`` for ``*_m``, ``mi`` for ``*_mi``,
    ``nmi`` for ``*_nmi``, else ``km``."""
    name = (field_name or "").lower()
    for unit in ("nmi", "mi", "km", "m"):
        if name.endswith("_" + unit):
            return unit
    return "km"


def parse_length_m(value: Any, field_name: str | None = None) -> float | None:
    """A published length in metres, or ``None`` where there is none (``n.a.``, empty, null).

    Text such as ``"1,234 km"``, ``"1234 km"``, ``"1 234 km"``, ``"850 mi"``, ``"600 nmi"``,
    ``"12000 m"``; a bare number (or numeric text) is in kilometres, unless the field name
    says otherwise (``length_m``: metres; ``length_mi``: miles). Miles are statute miles
    (1609.344 m), nautical miles 1852 m. Raises :class:`ValueError` for anything else
    (ranges, negative or zero values, unknown units).
    """
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise ValueError(f"not a length: {value!r}")
    if isinstance(value, list | dict):
        kind = "array" if isinstance(value, list) else "object"
        raise ValueError(f"not a length: a JSON {kind}")
    if _is_number(value):
        number = float(value)
        if math.isnan(number):
            return None
        unit = bare_number_unit(field_name)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().lower()
        if text in _NA:
            return None
        m = _LENGTH_RE.match(text)
        if m is None:
            raise ValueError(f"not a length: {value!r}")
        number = float(re.sub(r"[, \u00a0\u202f]", "", m.group("num")))
        unit = (m.group("unit") or "").strip() or bare_number_unit(field_name)
        if unit not in _UNITS:
            raise ValueError(f"unknown unit {unit!r} in {value!r}")
    if not math.isfinite(number) or number <= 0:
        raise ValueError(f"not a positive length: {value!r}")
    return number * _UNITS[unit]


def _is_number(value: Any) -> bool:
    """Whether ``value`` is a Python or numpy integer or float (not a bool)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    np = sys.modules.get("numpy")   # a numpy number exists only once numpy is loaded
    return np is not None and isinstance(value, np.integer | np.floating)


# --------------------------------------------------------------------------- files


def _text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | dict):   # str() would recurse as deep as the JSON nests
        return BOUNDED_REPR.repr(value)
    text = str(value).strip()
    return text or None


def measure_lines(data: LineData, id_field: str | None = None, group_by: str | None = None,
                  published_field: str | None = None, slack: float = 1.0) -> FileMeasurement:
    """One :class:`Measurement` per usable feature, or per value of ``group_by``.

    Lengths: one vectorised pass over all parts (:func:`geo.geodesy.parts_lengths_m`), summed
    per feature with ``numpy.bincount``. ``id_field`` names the id attribute (default, per
    feature: the first of ``id`` (the feature id), ``slug`` and ``name`` (in any case) it
    fills in, else the feature number);
    ``published_field`` the published length (default ``length`` if present; see
    :func:`parse_length_m`). Grouped features share a published length only if they all give
    the same one. A field named is looked up as :func:`geo.vector.require_field` does (any
    letter case); one the file lacks raises :class:`geo.vector.MissingFieldError`; a file
    with no measurable line raises :class:`InputError`.
    """
    import numpy as np

    slack = _check_slack(slack)
    names = _FileFields.resolve(data.fields, data.source, id_field, group_by,
                                published_field)
    if not data.usable.any():
        why = ""
        if data.skipped:
            n = len(data.skipped)
            first = data.skipped[0].removeprefix(f"{data.source}: ").replace(": skipped", "")
            why = f" ({n} feature{'s' if n != 1 else ''} skipped; first: {first})"
        raise InputError(f"{data.source}: no lines to measure{why}")
    part_len = parts_lengths_m(data.coords, data.part_offsets)
    n_feat = len(data.records)
    feat_len = np.bincount(data.part_feature, weights=part_len, minlength=n_feat)
    feat_parts = np.bincount(data.part_feature, minlength=n_feat)
    usable = np.flatnonzero(data.usable).tolist()
    return _feature_rows(data.source, data.records, names, slack, usable, feat_len.tolist(),
                         feat_parts.tolist(), list(data.skipped), list(data.warnings))


def measure_plain_lines(data: PlainLines, id_field: str | None = None,
                        group_by: str | None = None, published_field: str | None = None,
                        slack: float = 1.0) -> FileMeasurement:
    """:func:`measure_lines` for a plain GeoJSON line file read without numpy
    (:func:`geo.line_plain.read_plain_line_file`): the same rows, to the bit
    (:func:`geo.geodesy.parts_lengths_plain_m`; each feature's parts summed in turn)."""
    slack = _check_slack(slack)
    names = _FileFields.resolve(data.fields, data.source, id_field, group_by,
                                published_field)
    part_len = parts_lengths_plain_m(data.lon, data.lat, data.part_offsets)
    feat_len = []
    first = 0
    for count in data.feature_parts:
        total = 0.0
        for length in part_len[first:first + count]:
            total += length
        feat_len.append(total)
        first += count
    return _feature_rows(data.source, data.records, names, slack,
                         list(range(len(data.records))), feat_len, list(data.feature_parts),
                         [], [])


@dataclass(frozen=True)
class _FileFields:
    """The attributes of a line file that :func:`measure_lines` reads, as the file names
    them: the id field (``None``: the first of ``id``, ``slug`` and ``name`` a feature fills
    in), the group field, the published length field, and the ``name`` field."""

    id_field: str | None
    group_by: str | None
    published_field: str | None
    key_fields: list[str]
    name_field: str | None

    @classmethod
    def resolve(cls, fields: list[str], source: str, id_field: str | None,
                group_by: str | None, published_field: str | None) -> _FileFields:
        """The fields named (any letter case; one the file lacks raises
        :class:`geo.vector.MissingFieldError`), ``length`` if no published field is."""
        if id_field is not None:
            id_field = require_field(fields, id_field, source, "id field",
                                     parameter="id_field")
        if group_by is not None:
            group_by = require_field(fields, group_by, source, "group field",
                                     parameter="group_by")
        if published_field is not None:
            published_field = require_field(fields, published_field, source,
                                            "published length field",
                                            parameter="published_field")
        else:
            published_field = find_field(fields, "length")
        # without an id field: the first of id / slug / name that the feature fills in (KML
        # files read by GDAL have an "id" field, empty unless the Placemark has an id)
        key_fields = [id_field] if id_field else \
            [f for f in (find_field(fields, k) for k in LINE_ID_FIELDS) if f]
        return cls(id_field, group_by, published_field, key_fields, find_field(fields, "name"))


def _feature_rows(source: str, records: list[dict[str, Any]], names: _FileFields,
                  slack: float, usable: list[int], feat_len: list[float],
                  feat_parts: list[int], skipped: list[str], warnings: list[str]
                  ) -> FileMeasurement:
    """The rows of the ``usable`` features (their numbers, in order) of a line file, given
    each feature's length in metres and number of parts: one per feature, or per group."""
    key_fields, name_field = names.key_fields, names.name_field
    published_field, group_by = names.published_field, names.group_by
    rows: list[Measurement] = []
    groups: dict[str, Measurement] = {}
    group_published: dict[str, set[tuple[float | None, str | None]]] = {}
    for f in usable:
        rec = records[f]
        fid = str(rec["__fid__"])
        ident = next((t for t in (_text(rec.get(k)) for k in key_fields) if t), fid)
        name = (_text(rec.get(name_field)) if name_field else None) or ident
        published_m = published_text = None
        if published_field is not None:
            raw = rec.get(published_field)
            try:
                published_m = parse_length_m(raw, published_field)
            except ValueError as exc:
                warnings.append(f"{source}: {describe_feature(records, f)}: "
                                f"{published_field}: {exc}; no published length used")
            if published_m is not None:
                published_text = str(raw)
        length = float(feat_len[f])
        if group_by is None:
            rows.append(Measurement(ident, name, "feature", length, slack=slack,
                                    published_m=published_m, published_text=published_text,
                                    parts=int(feat_parts[f])))
            continue
        gval = _text(rec.get(group_by))
        gkey = gval if gval is not None else ident
        row = groups.get(gkey)
        if row is None:
            row = Measurement(gkey, name if gval is None else gval, "group", 0.0, slack=slack,
                              parts=0)
            groups[gkey] = row
            rows.append(row)
            group_published[gkey] = set()
        row.length_m += length
        row.parts = (row.parts or 0) + int(feat_parts[f])
        row.members.append(ident)
        if published_m is not None:
            group_published[gkey].add((published_m, published_text))
    for gkey, values in group_published.items():
        if len({v[0] for v in values}) == 1:
            groups[gkey].published_m, groups[gkey].published_text = next(iter(values))
        elif values:
            shown = ", ".join(sorted(repr(v[1]) for v in values))
            warnings.append(f"{source}: group {gkey!r}: features give different "
                            f"published lengths ({shown}); none used")
    return FileMeasurement(source, rows, skipped, warnings)


def measure_file(path: str | os.PathLike[str], id_field: str | None = None,
                 group_by: str | None = None, published_field: str | None = None,
                 slack: float = 1.0, layers: Sequence[str] | None = None) -> FileMeasurement:
    """Measure every line feature of a vector file (see
    :func:`geo.line_input.read_line_file`, :func:`measure_lines`). A plain GeoJSON line file
    is read and measured without numpy (:func:`geo.line_plain.read_plain_line_file`,
    :func:`measure_plain_lines`), to the same result.

    A file of several layers (a GeoPackage) is measured in every layer that holds lines
    (:func:`geo.line_input.line_layers`), or in the ``layers`` named; when more than one
    layer is measured, each row's id begins with its layer's name and a colon
    (``routes:trans-caspian-cable``), and the fields named (``id_field``...) must be in
    each. A layer of the generic geometry type that holds no line is left out with one
    notice; no line in any layer raises :class:`InputError`, which, when ``layers`` named
    only layers without lines, names the layers of the file that do hold lines.
    """
    raw = None
    if not layers:
        from geo.line_plain import read_plain_line_file

        plain, raw = read_plain_line_file(path)
        if plain is not None:
            return measure_plain_lines(plain, id_field, group_by, published_field, slack)
    from geo.line_input import line_layers, read_line_file

    choice = line_layers(path, tuple(layers or ()))
    if choice is None:
        return measure_lines(read_line_file(path, raw), id_field, group_by, published_field,
                             slack)
    rows: list[Measurement] = []
    skipped: list[str] = []
    warnings: list[str] = []
    measured: list[tuple[str, list[Measurement]]] = []  # (layer, its rows)
    for layer in choice.names:
        data = read_line_file(path, layer=layer)
        if not data.usable.any():
            warnings.extend(data.warnings)
            if layer in choice.generic and not layers:
                n = len(data.records)
                skipped.append(f"{data.source}: no line among its {n} feature"
                               f"{'s' if n != 1 else ''}; not measured")
            else:
                skipped.extend(data.skipped)
            continue
        result = measure_lines(data, id_field, group_by, published_field, slack)
        measured.append((layer, result.rows))
        skipped.extend(result.skipped)
        warnings.extend(result.warnings)
    prefix = len(measured) > 1  # (one layer of lines among those read: ids as they are)
    for layer, layer_rows in measured:
        for row in layer_rows:
            if prefix:
                row.id = f"{layer}:{row.id}"
            rows.append(row)
    if not rows:
        where = ", ".join(choice.names)
        why = f"no lines to measure in layer{'s' if len(choice.names) != 1 else ''} {where}"
        if skipped:
            first = skipped[0].removeprefix(f"{path} ").replace(": skipped", "")
            why += f" ({len(skipped)} skipped; first: {first})"
        elsewhere = [n for n in choice.line_layer_names() if n not in choice.names]
        if elsewhere:
            why += f"; lines are in layer{'s' if len(elsewhere) != 1 else ''} " \
                   f"{', '.join(elsewhere)}"
        raise InputError(f"{path}: {why}")
    return FileMeasurement(str(path), rows, skipped, warnings,
                           layers=[layer for layer, _r in measured] if prefix else [])


def measure_geojson_text(text: str, source: str = "<stdin>", id_field: str | None = None,
                         group_by: str | None = None, published_field: str | None = None,
                         slack: float = 1.0) -> FileMeasurement:
    """Measure every line feature of GeoJSON text (see
    :func:`geo.line_input.read_geojson_text`)."""
    from geo.line_input import read_geojson_text

    return measure_lines(read_geojson_text(text, source), id_field, group_by, published_field,
                         slack)


# --------------------------------------------------------------------------- between


_LONLAT_RE = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*,\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*$")
_LOOKS_NUMERIC = re.compile(r"^\s*[-+.\d]")

#: ``lookup(name) -> object with name, lon, lat, country`` or ``None``
PlaceLookup = Callable[[str], Any]


def parse_lonlat(text: str) -> tuple[float, float] | None:
    """``"lon,lat"`` as a WGS84 position in degrees; ``None`` if ``text`` is not two numbers.

    Raises :class:`InputError` for numbers outside [-180, 180] × [-90, 90].
    """
    m = _LONLAT_RE.match(text)
    if m is None:
        return None
    lon, lat = float(m.group(1)), float(m.group(2))
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise InputError(f"invalid coordinates {text.strip()!r}: expected lon,lat in degrees "
                         "with -180 <= lon <= 180 and -90 <= lat <= 90")
    return lon, lat


def resolve_place(query: str, cat: Catalog | None,
                  lookup: PlaceLookup | None = None) -> dict[str, Any]:
    """Where ``query`` is: ``lon,lat``; a catalogue site by id, then by name or alias
    (case- and accent-insensitive); else ``lookup(query)`` (the gazetteer).

    Returns ``{"query", "name", "lon", "lat", "source"}``; raises :class:`InputError` if
    nothing matches or a name matches several catalogue sites at different positions.
    """
    pos = parse_lonlat(query)
    if pos is not None:
        return {"query": query, "name": waypoint_label(pos), "lon": pos[0],
                "lat": pos[1], "source": "coordinates"}
    if _LOOKS_NUMERIC.match(query) and "," in query:
        raise InputError(f"invalid coordinates {query!r}: expected lon,lat in degrees")
    if cat is not None:
        if query in cat.sites:
            lon, lat = cat.site_position(query)
            return {"query": query, "name": cat.sites[query].name, "lon": lon, "lat": lat,
                    "source": f"catalogue site {query}"}
        want = name_key(query)
        hits = [s.id for s in cat.sites.values()
                if want in {name_key(s.name), *(name_key(a) for a in s.aliases)}]
        positions = {cat.site_position(h) for h in hits}
        if len(positions) > 1:
            raise InputError(f"place {query!r} is ambiguous: catalogue sites "
                             f"{', '.join(hits)}; give a site id")
        if hits:
            lon, lat = cat.site_position(hits[0])
            return {"query": query, "name": cat.sites[hits[0]].name, "lon": lon, "lat": lat,
                    "source": f"catalogue site {hits[0]}"}
    place = lookup(query) if lookup is not None else None
    if place is not None:
        bits = [str(b) for b in (getattr(place, "kind", None), getattr(place, "country", None),
                                 getattr(place, "id", None)) if b]
        return {"query": query, "name": str(place.name), "lon": float(place.lon),
                "lat": float(place.lat),
                "source": "gazetteer" + (f" ({', '.join(bits)})" if bits else "")}
    where = "a catalogue site id or name, " if cat is not None else ""
    raise InputError(f"unknown place {query!r}: not {where}a gazetteer place, nor lon,lat")


def _same_position(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two ``(lon, lat)`` (degrees) are one place: the same latitude and a
    longitude a whole number of turns apart (-180 is 180), or the same pole."""
    return a[1] == b[1] and (abs(a[1]) == 90.0 or (a[0] - b[0]) % 360.0 == 0.0)


def measure_between(places: Sequence[str], cat: Catalog | None = None,
                    lookup: PlaceLookup | None = None, slack: float = 1.0,
                    medium: str = "unspecified") -> Measurement:
    """The path through two or more places (see :func:`resolve_place`), one segment per
    leg, metres on WGS84, drawn as the map would draw a schematic segment of ``medium``
    between them (:func:`geo.routes.path_geometry`): a ``submarine`` path is routed over the
    sea, any other is made of geodesics. Two consecutive places at one position (``0,0
    0,0``, ``180,0 -180,0``, a site and its coordinates) raise :class:`InputError`."""
    slack = _check_slack(slack)
    if medium not in MEDIA:
        raise InputError(f"unknown medium {medium!r}; expected one of: {', '.join(MEDIA)}")
    if len(places) < 2:
        raise InputError(f"a path needs at least two places, got {len(places)}")
    resolved = [resolve_place(q, cat, lookup) for q in places]
    positions = [(float(p["lon"]), float(p["lat"])) for p in resolved]
    for i, (a, b) in enumerate(itertools.pairwise(positions)):
        if _same_position(a, b):
            raise InputError(f"{places[i]!r} and {places[i + 1]!r} are at the same position "
                             f"({waypoint_label(a)}): consecutive places of a path must "
                             "differ (there is no length between them)")
    labels = [p["name"] for p in resolved]
    segments = path_geometry(positions, labels, medium)
    lines: list[list[tuple[float, float]]] = []
    for seg in segments:
        if lines and lines[-1][-1] == seg.positions[0]:
            lines[-1].extend(seg.positions[1:])
        else:
            lines.append(list(seg.positions))
    return Measurement("between:" + "/".join(p["query"] for p in resolved),
                       " – ".join(labels), "between", sum(s.length_m for s in segments),
                       [SegmentLength(s.from_, s.to, s.medium, s.length_m, routing=s.routing)
                        for s in segments],
                       schematic=True, slack=slack, places=resolved, lines=lines,
                       routing="sea" if any(s.routing == "sea" for s in segments)
                       else "geodesic")


def measurements_geojson(rows: Sequence[Measurement], precision: int = 6) -> dict[str, Any]:
    """The drawn lines of measured routes, corridors or paths as an RFC 7946
    FeatureCollection: one feature per measurement (a LineString, or a MultiLineString where
    the line has several parts or crosses the antimeridian, split there on the geodesic),
    properties ``id``, ``name``, ``kind``, ``schematic``, ``routing``, ``length_m``, the
    per-medium split (``submarine_m``...), ``latency_ms``, ``segments``. Coordinates rounded
    to ``precision`` decimals."""
    from geo.geojson import geometry_object, prepare_geometries
    from geo.lines import line_from_parts

    geoms = []
    for m in rows:
        if not m.lines:
            raise InputError(f"{m.id}: no drawn line to write (a line read from a file)")
        geoms.append(line_from_parts(m.lines))
    prepared = prepare_geometries(geoms)
    features = []
    for m, geom in zip(rows, prepared, strict=True):
        media = m.by_medium_m or {}
        features.append({
            "type": "Feature",
            "id": m.id,
            "geometry": geometry_object(geom, precision),
            "properties": {
                "id": m.id, "name": m.name, "kind": m.kind, "schematic": m.schematic,
                "routing": m.routing, "length_m": m.length_m,
                **{f"{k}_m": v for k, v in media.items()},
                "latency_ms": m.latency_ms,
                "segments": [s.as_dict() for s in m.segments],
            },
        })
    return {"type": "FeatureCollection", "features": features}
