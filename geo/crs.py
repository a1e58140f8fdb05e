"""One rule for the coordinate reference system (CRS) a user's vector file declares.

Both readers of users' files, ``geo measure --file`` (:mod:`geo.measure`) and context layers
(:mod:`geo.context`), follow it:

- nothing declared (RFC 7946 GeoJSON, KML, a CSV of ``lon``/``lat``): WGS84 longitude,
  latitude in degrees;
- WGS84 longitude/latitude declared (``EPSG:4326``, ``OGC:CRS84``, their 3D forms, in any
  axis order: GeoJSON and GDAL give longitude first): taken as it is;
- any other CRS that PROJ reads (``EPSG:3857``, a WKT or PROJ string, a ``.prj`` file):
  coordinates reprojected to WGS84 longitude/latitude;
- a CRS declared but unreadable (``EPSG:999999``, a GeoJSON 2008 ``crs`` member naming
  nothing PROJ knows, a ``.prj`` of garbage, a GeoPackage SRS GDAL cannot parse): refused
  with an :class:`~geo.errors.InputError` naming the file and the CRS text, never taken for
  longitude/latitude.

GDAL alone does not say when a declared CRS was unreadable (a GeoJSON ``crs`` member it
cannot parse becomes EPSG:4326; an unreadable ``.prj`` becomes no CRS), so
:func:`declared_crs` also looks at the GeoJSON ``crs`` member, the ``.prj`` beside the file,
and the reader's warnings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from geo.errors import InputError
from geo.files import read_bytes

if TYPE_CHECKING:
    from pyproj import CRS

#: Largest ``.prj`` sidecar read (bytes): a WKT definition is a few KiB.
MAX_PRJ_BYTES = 64 * 1024
#: Characters of a CRS text quoted in a message.
_MAX_SHOWN = 120

#: Reader (GDAL) warnings that say a declared CRS could not be read.
_SRS_WARNING = re.compile(r"(?i)\b(srs|crs|spatial ?ref|well.known text|projection|"
                          r"coordinate (reference )?system)")


def _shown(text: str) -> str:
    text = " ".join(str(text).split())
    return repr(text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…")


def _proj_reason(exc: Exception) -> str:
    """PROJ's reason in a few words (``crs not found``, ``unrecognized format / unknown
    name``), without the input it repeats."""
    text = " ".join(str(exc).split())
    m = re.search(r"proj_create\w*: (.*)$", text)
    if m is None:
        return text.rstrip(".")
    reason = m.group(1).removesuffix(")").split(". ")[0]
    return reason.split(": ")[0] if reason.startswith("crs not found") else reason


def geojson_crs_text(member: Any) -> str | None:
    """The CRS a GeoJSON 2008 ``crs`` member names, as text PROJ may read; ``None`` for a
    ``null`` member (no CRS stated). A ``name`` member gives its name; an ``EPSG`` member
    ``EPSG:<code>``; anything else (a ``link`` to a file or URL geo does not fetch) its
    JSON text, which PROJ does not read, so it is refused."""
    if member is None:
        return None
    if isinstance(member, str):   # not GeoJSON 2008, but unambiguous
        return member
    if isinstance(member, dict):
        props = member.get("properties")
        props = props if isinstance(props, dict) else {}
        kind = member.get("type")
        if kind == "name" and isinstance(props.get("name"), str):
            return props["name"]
        if isinstance(kind, str) and kind.upper() == "EPSG" and \
                isinstance(props.get("code"), int | str) and not isinstance(props["code"], bool):
            return f"EPSG:{props['code']}"
    return json.dumps(member, ensure_ascii=False, sort_keys=True, default=str)


def is_wgs84_lonlat(crs: CRS) -> bool:
    """Whether ``crs`` is WGS84 geographic (2D or 3D), whatever its axis order."""
    from pyproj import CRS

    if not crs.is_geographic:
        return False
    flat = crs.to_2d() if len(crs.axis_info) > 2 else crs
    return bool(flat.equals(CRS("EPSG:4326"), ignore_axis_order=True)
                or flat.equals(CRS("OGC:CRS84"), ignore_axis_order=True))


def source_crs(declared: Any, source: str | Path) -> CRS | None:
    """The rule: the CRS to reproject ``source``'s coordinates from, or ``None`` when they
    are WGS84 longitude/latitude already (nothing declared, or WGS84 declared).

    ``declared`` is ``None``, a text PROJ reads (``EPSG:3857``, a URN, WKT, a PROJ string),
    a GeoJSON 2008 ``crs`` member (a dict) or a :class:`pyproj.CRS`. Raises
    :class:`InputError` naming ``source`` and the CRS text when PROJ cannot read it, or
    cannot transform from it to WGS84 (a local engineering system, another planet).
    """
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError, ProjError

    if isinstance(declared, dict):
        declared = geojson_crs_text(declared)
    if declared is None or (isinstance(declared, str) and not declared.strip()):
        return None
    if isinstance(declared, CRS):
        crs = declared
    else:
        text = str(declared)
        try:
            crs = CRS.from_user_input(text)
        except (CRSError, ProjError, TypeError, ValueError) as exc:
            raise InputError(f"{source}: cannot read the file's coordinate reference system "
                             f"{_shown(text)} ({_proj_reason(exc)}), so its coordinates "
                             "cannot be converted to WGS84 longitude/latitude") from None
    if is_wgs84_lonlat(crs):
        return None
    try:
        Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    except (CRSError, ProjError) as exc:
        raise InputError(f"{source}: cannot transform from the coordinate reference system "
                         f"{_shown(crs.name or crs.to_string())} to WGS84 "
                         f"({_proj_reason(exc)})") from None
    return crs


def xy_to_wgs84(coords: np.ndarray, crs: CRS) -> np.ndarray:
    """``(x, y)`` rows in ``crs`` as WGS84 ``(lon, lat)`` degrees (``inf`` where PROJ
    cannot transform a position: outside the projection's domain)."""
    from pyproj import Transformer

    coords = np.asarray(coords, dtype=float).reshape(-1, 2)
    if not len(coords):
        return coords
    transformer = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    lon, lat = transformer.transform(coords[:, 0], coords[:, 1])
    return np.column_stack([lon, lat])


def geojson_crs_member(raw: bytes, source: str | Path) -> tuple[bool, Any]:
    """``(found, member)``: the top-level ``crs`` member of the GeoJSON document ``raw``.

    Cheap when there is none (one byte search). ``found`` is false where the text has no
    top-level ``crs`` or is not a JSON object at all (the reader then reports it).
    """
    if b'"crs"' not in raw:
        return False, None
    import simdjson

    try:
        doc = simdjson.Parser().parse(raw)
    except (ValueError, RuntimeError):   # lone surrogates, bad UTF-8, too deep, not JSON
        from geo.files import parse_nested

        try:
            doc = parse_nested(json.loads, raw.decode("utf-8", "replace"), str(source))
        except ValueError:
            return False, None
        if not isinstance(doc, dict) or "crs" not in doc:
            return False, None
        return True, doc["crs"]
    if not isinstance(doc, simdjson.Object) or "crs" not in doc:
        return False, None
    member = doc["crs"]
    if isinstance(member, simdjson.Object):
        return True, member.as_dict()
    if isinstance(member, simdjson.Array):
        return True, member.as_list()
    return True, member


def prj_sidecar(path: Path) -> Path | None:
    """The ``.prj`` file GDAL reads beside ``path`` (``name.prj``), if there is one."""
    for suffix in (".prj", ".PRJ"):
        candidate = path.with_suffix(suffix)
        if candidate != path and (candidate.exists() or candidate.is_symlink()):
            return candidate
    return None


def declared_crs(path: Path, reader_crs: Any, reader_warnings: Iterable[str] = (),
                 raw: bytes | None = None) -> CRS | None:
    """The rule of :func:`source_crs` for a file GDAL read: the CRS to reproject from, or
    ``None`` for WGS84 longitude/latitude.

    ``reader_crs`` is the CRS GDAL reported (text or :class:`pyproj.CRS`, ``None`` for
    none), ``reader_warnings`` GDAL's warnings, ``raw`` the file's bytes where already read.
    Where GDAL reports WGS84 or nothing, what the file itself declares is checked too: a
    GeoJSON ``crs`` member (``.geojson``/``.json``), a ``.prj`` beside the file, or a
    warning that an SRS could not be parsed; declared and unreadable is refused.
    """
    if reader_crs is not None:
        crs = source_crs(reader_crs, path)
        if crs is not None:
            return crs
    if path.suffix.lower() in (".geojson", ".json"):
        if raw is None:
            from geo.files import MAX_JSON_BYTES

            raw = read_bytes(path, MAX_JSON_BYTES, "file")
        found, member = geojson_crs_member(raw, path)
        if found:
            return source_crs(member, path)
    if reader_crs is not None:
        return None
    prj = prj_sidecar(path)
    if prj is not None:
        text = read_bytes(prj, MAX_PRJ_BYTES, "projection file").decode("utf-8", "replace")
        return source_crs(text.strip() or "(an empty file)", f"{path} ({prj.name})")
    for warning in reader_warnings:
        if _SRS_WARNING.search(warning):
            raise InputError(f"{path}: cannot read the file's coordinate reference system "
                             f"({' '.join(warning.split())}), so its coordinates cannot be "
                             "converted to WGS84 longitude/latitude")
    return None
