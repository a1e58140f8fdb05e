"""Lines in users' files and in GeoJSON text, read into one :class:`LineData`: every line
part's ``(lon, lat)`` vertices in WGS84 degrees in one array, the features' attributes, and
the features skipped with the reason why (no geometry, not a line, a part with fewer than two
distinct positions, coordinates that are not finite, latitudes outside [-90, 90], longitudes beyond
±540°). :mod:`geo.measure` measures what this module reads.

- :func:`read_geojson_text`: a FeatureCollection, an RS- or LF-delimited sequence (RFC 8142),
  a bare Feature or geometry (standard input, sequence files);
- :func:`read_line_file`: one layer of any vector file pyogrio (GDAL) reads; a GeoJSON
  file of one FeatureCollection or Feature through the simdjson fast path
  (:mod:`geo.geojson_fast`) without loading GDAL, shapely or pandas;
- :func:`line_layers`: which layers of a file of several hold lines (or the ones named).

Coordinates in another CRS (a file's declared CRS, a GeoJSON 2008 ``crs`` member) are
reprojected to WGS84 by the one rule of :mod:`geo.crs`.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from geo import geojson_fast
from geo.crs import declared_crs, xy_to_wgs84
from geo.errors import InputError
from geo.files import MAX_JSON_BYTES, dataset_siblings_ok, read_bytes, regular_file
from geo.geojson import (
    SURROGATE_ESCAPE,
    features_of,
    geojson_objects,
    geometry_line_parts,
    position_array,
    replace_lone_surrogates,
)
from geo.line_plain import GEOJSON_SUFFIXES, describe_feature, feature_record
from geo.lines import packed_line_parts
from geo.vector import gdal_reason, insane_positions, utf8_text


@dataclass
class LineData:
    """Features read from a line source: attributes, and every line part's vertices.

    ``coords`` holds the ``(lon, lat)`` of all parts of all usable features, one after
    another; ``part_offsets[i]`` is where part ``i`` starts and ``part_feature[i]`` the
    feature it belongs to. ``usable[f]`` is false for a skipped feature.
    """

    source: str
    fields: list[str]
    records: list[dict[str, Any]]          # attribute values per feature, with "__fid__"
    coords: np.ndarray
    part_offsets: np.ndarray
    part_feature: np.ndarray
    usable: np.ndarray
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _finish(source: str, fields: list[str], records: list[dict[str, Any]],
            coords: np.ndarray, sizes: np.ndarray, part_feature: np.ndarray,
            reasons: dict[int, str]) -> LineData:
    """Check every part and coordinate, skip bad features (with a reason), pack the rest.

    ``coords`` holds all parts one after another, ``sizes`` the number of positions of each
    part, ``part_feature`` the feature each part belongs to. A feature is skipped, never
    measured as 0, when it has no or an empty geometry, a part with fewer than two positions,
    or a coordinate that is not finite, a latitude outside [-90, 90] or a longitude beyond
    ±540°. Vectorised: no Python loop per part or vertex.
    """
    n_feat = len(records)
    coords = np.asarray(coords, dtype=float).reshape(-1, 2)
    sizes = np.asarray(sizes, dtype=np.intp)
    part_feature = np.asarray(part_feature, dtype=np.intp)
    usable = np.ones(n_feat, dtype=bool)
    usable[np.array(sorted(reasons), dtype=np.intp)] = False
    short = sizes < 2
    # np.unique would import numpy.ma (17 ms) even when there is nothing to look at
    for f in np.unique(part_feature[short]) if short.any() else ():
        if usable[f]:
            usable[f] = False
            reasons[int(f)] = "a line part with fewer than 2 positions"
    for f in np.unique(part_feature[_one_place(coords, sizes)]) if len(coords) else ():
        if usable[f]:
            usable[f] = False
            reasons[int(f)] = ("a line part with fewer than 2 distinct positions (all at "
                               "one place: no length to measure)")
    coord_feature = np.repeat(part_feature, sizes)
    lon, lat = coords[:, 0], coords[:, 1]
    bad = insane_positions(lon, lat)
    bad &= usable[coord_feature]
    if bad.any():
        feats, first = np.unique(coord_feature[bad], return_index=True)
        where = np.flatnonzero(bad)[first]
        for f, i in zip(feats, where, strict=True):
            usable[f] = False
            reasons[int(f)] = (f"invalid coordinates ({float(lon[i])!r}, {float(lat[i])!r}): "
                               "expected WGS84 longitude, latitude in degrees")
    skipped = [f"{source}: {describe_feature(records, f)}: skipped: {reasons[f]}"
               for f in sorted(reasons)]
    keep_part = usable[part_feature]
    if not keep_part.all():
        coords = coords[usable[coord_feature]]
        sizes, part_feature = sizes[keep_part], part_feature[keep_part]
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp) if len(sizes) \
        else np.zeros(0, dtype=np.intp)
    return LineData(source, fields, records, coords, offsets, part_feature, usable, skipped)


def _one_place(coords: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Whether each part of two or more positions has them all at one ``(lon, lat)``
    (``coords``: every part's positions one after another, ``sizes``: how many each)."""
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp)
    firsts = coords[np.minimum(starts, len(coords) - 1)]
    # NaN differs from itself: such a part is not "at one place" (its coordinates are
    # reported as invalid instead)
    moved = np.any(coords != np.repeat(firsts, sizes, axis=0), axis=1)
    owner = np.repeat(np.arange(len(sizes), dtype=np.intp), sizes)
    return (sizes >= 2) & (np.bincount(owner, weights=moved, minlength=len(sizes)) == 0)


_STARTS_WITH_OBJECT = re.compile(r"\s*\{")


def read_geojson_text(text: str, source: str = "<stdin>") -> LineData:
    """Read GeoJSON text: a FeatureCollection (compact or pretty), an LF- or RS-delimited
    sequence of Features (RFC 8142), or a bare Feature or geometry.

    Coordinates are WGS84 lon/lat (RFC 7946) unless an object has a GeoJSON 2008 ``crs``
    member: another CRS is reprojected, one that cannot be read is refused
    (:func:`geo.crs.source_crs`). A lone UTF-16 surrogate escape (``"\\ud800"``, not a
    character) is replaced by U+FFFD, with a warning. Input nested too deep to parse is
    an :class:`InputError`.

    A feature's id is its ``id`` member (kept as the ``id`` attribute unless a property
    already has that name); features are numbered from 0 as GDAL does (``__fid__``).
    One FeatureCollection or Feature is parsed by simdjson, its plain lines straight into
    arrays (:func:`geo.geojson_fast.fast_features`); anything else, or anything unusual in
    a feature, is read with :mod:`json` to the same result (:mod:`geo.geojson`).
    """
    fast = None
    if _STARTS_WITH_OBJECT.match(text):
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:   # lone surrogates: json copes, simdjson would not
            raw = None
        if raw is not None:
            fast = geojson_fast.fast_features(raw, source)
    if fast is not None:
        feats, parts, crs = fast
        return _line_data(feats, parts, source, crs)
    objects = geojson_objects(text, source)
    replaced = replace_lone_surrogates(objects) if SURROGATE_ESCAPE.search(text) else 0
    feats, crs_of = features_of(objects, source)
    data = _line_data(feats, [None] * len(feats), source, crs_of)
    if replaced:
        data.warnings.append(
            f"{source}: {replaced} lone surrogate escape{'s' if replaced != 1 else ''} "
            "(\\ud800-\\udfff without its pair: not a character) replaced by U+FFFD")
    return data


def _line_data(feats: list[Any], fast_parts: list[tuple[np.ndarray, list[int]] | None],
               source: str, crs_of: Any = None) -> LineData:
    """Records and line parts of GeoJSON features; ``fast_parts[i]``, where not ``None``,
    holds feature ``i``'s positions already read, all parts one after another, and the
    number of positions of each part (its ``geometry`` member is then absent).

    ``crs_of`` is the CRS the positions are in (``None``: WGS84 lon/lat), one for all
    features or a list of one per feature; other CRSs are reprojected to WGS84."""
    fields: list[str] = []
    seen: set[str] = set()
    records: list[dict[str, Any]] = []
    parts: list[np.ndarray] = []
    sizes: list[int] = []
    part_feature: list[int] = []
    reasons: dict[int, str] = {}
    for index, feat in enumerate(feats):
        is_dict = isinstance(feat, dict)
        feature_record(feat.get("properties") if is_dict else None,
                       feat.get("id") if is_dict else None, index, records, fields, seen)
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            reasons[index] = "not a GeoJSON Feature"
            continue
        fast = fast_parts[index]
        if fast is not None:
            parts.append(fast[0])
            sizes.extend(fast[1])
            part_feature.extend([index] * len(fast[1]))
            continue
        got = geometry_line_parts(feat.get("geometry"))
        if isinstance(got, str):
            reasons[index] = got
            continue
        arrays = [position_array(p) for p in got]
        why = next((a for a in arrays if isinstance(a, str)), None)
        if why is not None:
            reasons[index] = why
            continue
        for a in arrays:
            parts.append(a)  # type: ignore[arg-type]
            sizes.append(len(a))  # type: ignore[arg-type]
            part_feature.append(index)
    coords = np.concatenate(parts) if parts else np.zeros((0, 2))
    sizes_arr = np.array(sizes, dtype=np.intp)
    part_feature_arr = np.array(part_feature, np.intp)
    if crs_of is not None and not isinstance(crs_of, list):
        coords = xy_to_wgs84(coords, crs_of)
    elif crs_of is not None and any(c is not None for c in crs_of):
        coord_feature = np.repeat(part_feature_arr, sizes_arr)
        for crs in {id(c): c for c in crs_of if c is not None}.values():
            in_crs = np.array([c is crs for c in crs_of], dtype=bool)[coord_feature]
            coords[in_crs] = xy_to_wgs84(coords[in_crs], crs)
    return _finish(source, fields, records, coords, sizes_arr, part_feature_arr, reasons)


def _fast_geojson_file(raw: bytes, source: str) -> LineData | None:
    """The bytes of a GeoJSON file read as :func:`read_geojson_text` reads text, every
    feature given every field (``None`` where it has none, as GDAL does); ``None`` if it is
    not one FeatureCollection or Feature that simdjson parses."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if not raw.strip():
        raise InputError(f"{source}: the file is empty (expected GeoJSON)")
    if raw.lstrip()[:1] != b"{":
        return None
    fast = geojson_fast.fast_features(raw, source)
    if fast is None:
        return None
    feats, parts, crs = fast
    data = _line_data(feats, parts, source, crs)
    for rec in data.records:
        for name in data.fields:
            rec.setdefault(name, None)
    return data


#: Suffixes of GeoJSON text sequences (RFC 8142, RS- or LF-delimited), read as standard
#: input is (:func:`read_geojson_text`): GDAL would skip a broken record without a word.
SEQUENCE_SUFFIXES = (".geojsons", ".geojsonl", ".geojsonseq", ".ndjson", ".jsonl")


def _geojson_sequence_file(path: Path, source: str) -> LineData:
    """A GeoJSON text sequence file (at most :data:`MAX_JSON_BYTES`, UTF-8) read as
    :func:`read_geojson_text` reads standard input, every feature given every field."""
    text = utf8_text(read_bytes(path, MAX_JSON_BYTES, "file"), source)
    data = read_geojson_text(text, source)
    for rec in data.records:
        for name in data.fields:
            rec.setdefault(name, None)
    return data


#: Geometry types of a layer (as pyogrio names them, without `` Z``/`` M``) that hold lines.
LINE_LAYER_TYPES = frozenset(("LineString", "MultiLineString"))
#: Geometry types of a layer that may hold lines among other geometries.
GENERIC_LAYER_TYPES = frozenset(("Unknown", "GeometryCollection"))


@dataclass(frozen=True)
class LayerChoice:
    """The layers of a vector file to read lines from (:func:`line_layers`): their names,
    those among them whose type does not say that they hold lines (the generic type: they
    may hold lines, points and polygons), and every layer of the file with its geometry
    type, in the file's order."""

    names: list[str]
    generic: frozenset[str]
    layers: list[tuple[str, str]]

    def line_layer_names(self) -> list[str]:
        """The file's layers whose geometry type is a line type."""
        return [name for name, kind in self.layers if _base_type(kind) in LINE_LAYER_TYPES]


def _base_type(kind: str) -> str:
    return kind.split(" ")[0]


def _described_layers(layers: list[tuple[str, str]]) -> str:
    return ", ".join(f"{name} ({kind})" for name, kind in layers)


def line_layers(path: str | os.PathLike[str], wanted: list[str] | tuple[str, ...] | None = None
                ) -> LayerChoice | None:
    """The layers of the vector file ``path`` to read lines from, or ``None`` when it is
    read as one layer (:func:`read_line_file` without ``layer``): a file of one layer that
    ``wanted`` names, if it names any, and a GeoJSON file or text sequence when ``wanted``
    is empty (not opened here, so that the fast path never loads GDAL).

    ``wanted``: the names of the layers to read (each must be one of the file's, else
    :class:`InputError` listing them, ``parameter="layers"``). Without it, a file of
    several layers is read in every layer that holds lines: one of
    :data:`LINE_LAYER_TYPES`, or of the generic type (:data:`GENERIC_LAYER_TYPES`, whose
    non-line features are then skipped); a file none of whose layers may hold lines is an
    :class:`InputError` naming its layers and their types.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not wanted and not path.is_dir() and suffix in (*GEOJSON_SUFFIXES, *SEQUENCE_SUFFIXES):
        return None
    if not path.is_dir():
        regular_file(path, "file")
        dataset_siblings_ok(path)
    import warnings

    import pyogrio

    # GDAL's warnings (an SRS it cannot parse...) are reported when the layer is read
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        try:
            listed = pyogrio.list_layers(path)
        except Exception as exc:  # pyogrio raises DataSourceError and friends
            raise InputError(f"{path}: cannot read as a vector file: "
                             f"{gdal_reason(exc, path)}") from None
    layers = [(str(name), str(kind or "None")) for name, kind in listed]
    names = [name for name, _kind in layers]
    if wanted:
        for name in wanted:
            if name not in names:
                raise InputError(f"{path}: no layer named {name!r}; its layers: "
                                 f"{_described_layers(layers)}", parameter="layers")
        if len(layers) == 1:
            return None
        chosen = list(dict.fromkeys(wanted))
    elif len(layers) <= 1:
        return None
    else:
        chosen = [name for name, kind in layers
                  if _base_type(kind) in LINE_LAYER_TYPES | GENERIC_LAYER_TYPES]
        if not chosen:
            raise InputError(f"{path}: no lines to measure: no layer holds lines (layers: "
                             f"{_described_layers(layers)})")
    kinds = dict(layers)
    generic = frozenset(n for n in chosen if _base_type(kinds[n]) not in LINE_LAYER_TYPES)
    return LayerChoice(chosen, generic, layers)


def read_line_file(path: str | os.PathLike[str], raw: bytes | None = None,
                   layer: str | None = None) -> LineData:
    """Read the first layer (or the layer named ``layer``; the data's ``source`` then
    names it: ``PATH (layer NAME)``) of any vector file pyogrio (GDAL) reads: GeoJSON,
    GeoJSONSeq, GeoPackage, KML, Shapefile, FlatGeobuf, CSV with a ``WKT`` column...
    :func:`line_layers` says which layers of a file of several hold lines.

    Coordinates in another CRS are transformed to WGS84 lon/lat (EPSG:4326, always x=lon);
    a CRS the file declares but PROJ cannot read is refused (:func:`geo.crs.declared_crs`).
    Only a regular file (or a folder: a File Geodatabase, a folder of shapefiles) is
    opened: a FIFO or a device is refused before GDAL could block on it.
    A ``.geojson`` / ``.json`` file (at most :data:`geo.files.MAX_JSON_BYTES`) holding one
    FeatureCollection or Feature is parsed with simdjson instead, several times faster
    than GDAL (:func:`_fast_geojson_file`); a GeoJSON text sequence
    (:data:`SEQUENCE_SUFFIXES`) is read as standard input is, so that a broken record is
    named, not skipped; every other file, and any GeoJSON file simdjson cannot parse, is
    read by GDAL. ``raw``: the bytes of a ``.geojson`` / ``.json`` file, where already read
    (:func:`geo.line_plain.read_plain_line_file`). Raises :class:`InputError` if the file
    cannot be read.
    """
    path = Path(path)
    source = str(path) if layer is None else f"{path} (layer {layer})"
    if not path.is_dir():
        regular_file(path, "file")
        dataset_siblings_ok(path)
    if path.suffix.lower() in SEQUENCE_SUFFIXES and not path.is_dir() and layer is None:
        return _geojson_sequence_file(path, source)
    if path.suffix.lower() not in GEOJSON_SUFFIXES or path.is_dir() or layer is not None:
        raw = None
    elif raw is None:
        raw = read_bytes(path, MAX_JSON_BYTES, "file")
    if raw is not None:
        fast = _fast_geojson_file(raw, source)
        if fast is not None:
            return fast
    # GDAL only now: pyogrio brings geopandas and pandas (a third of a second), which the
    # simdjson path above never needs
    import warnings

    import pyogrio
    import shapely

    kwargs: dict[str, Any] = {}
    if path.suffix.lower() == ".csv":
        kwargs = {"GEOM_POSSIBLE_NAMES": "WKT,wkt,geometry,geom,the_geom",
                  "KEEP_GEOM_COLUMNS": "NO"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            meta, fids, wkb, field_data = pyogrio.raw.read(path, layer=layer,
                                                           return_fids=True, **kwargs)
        except Exception as exc:  # pyogrio raises DataSourceError and friends
            raise InputError(f"{source}: cannot read as a vector file: "
                             f"{gdal_reason(exc, path)}") from None
    reader_warnings = [" ".join(str(w.message).split()) for w in caught]
    crs = declared_crs(path, meta.get("crs"), reader_warnings, raw)
    del raw
    if wkb is None:
        raise InputError(f"{source}: the file has no geometry column (no lines to measure)")
    fields = [str(f) for f in meta["fields"]]
    n = len(wkb)
    records: list[dict[str, Any]] = []
    columns = [np.asarray(col, dtype=object) for col in field_data]
    for i in range(n):
        rec = {name: _plain(col[i]) for name, col in zip(fields, columns, strict=True)}
        rec["__fid__"] = int(fids[i]) if fids is not None else i
        records.append(rec)
    present = np.array([g is not None for g in wkb], dtype=bool)
    with np.errstate(invalid="ignore"):   # NaN coordinates: reported per feature below
        geoms = shapely.from_wkb(wkb, on_invalid="ignore")
    reasons: dict[int, str] = {}
    types = shapely.get_type_id(geoms)
    empty = shapely.is_empty(geoms)
    line_types = {1, 5}   # LineString, MultiLineString
    names = {0: "Point", 2: "LinearRing", 3: "Polygon", 4: "MultiPoint", 6: "MultiPolygon",
             7: "GeometryCollection"}
    for i in range(n):
        if geoms[i] is None:
            reasons[i] = "invalid geometry" if present[i] else "no geometry"
        elif types[i] not in line_types:
            reasons[i] = f"a {names.get(int(types[i]), 'geometry')}, not a line"
        elif empty[i]:
            reasons[i] = "an empty " + ("LineString" if types[i] == 1 else "MultiLineString")
    ok = np.array([i not in reasons for i in range(n)], dtype=bool)
    idx_ok = np.flatnonzero(ok)
    coords, sizes, part_owner = packed_line_parts(geoms[idx_ok])
    part_feature = idx_ok[part_owner]
    if crs is not None:
        coords = xy_to_wgs84(coords, crs)
    data = _finish(source, fields, records, coords, sizes, part_feature, reasons)
    data.warnings.extend(f"{source}: reader: {w}" for w in reader_warnings)
    return data


def _plain(value: Any) -> Any:
    """numpy scalars to Python values; NaN to None."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
