"""Users' vector files: the rules both readers follow (:mod:`geo.context` for the map's
context layers, :mod:`geo.measure` for ``geo measure --file``).

- **WGS84**: coordinates are WGS84 longitude/latitude unless the file declares another
  CRS, which is reprojected, or refused when PROJ cannot read it. The rule, and what counts
  as WGS84 (EPSG:4326, OGC:CRS84 and their 3D forms EPSG:4979, OGC:CRS84h, in either axis
  order), is :mod:`geo.crs`'s (:func:`geo.crs.source_crs`, :func:`geo.crs.declared_crs`);
  :func:`frame_to_wgs84` applies it to a GeoDataFrame;
- **fields**: looked up by name, the exact spelling first, else the first field spelt the
  same but for letter case (KML's ``Name``): :func:`find_field`, :func:`first_field`; a
  field the caller names and the file lacks is a :class:`MissingFieldError`, which names
  the field and what it was wanted for (the CLI adds which option gave it);
- **ids**: the fields tried for an id (:data:`ID_FIELDS` for a context layer's features,
  :data:`LINE_ID_FIELDS` for measured lines), looked up as any field is; a missing value
  (:func:`is_missing`) falls back to the feature's number;
- **coordinates**: a position is sane when finite, its latitude within ±90° and its
  longitude within ±540° (one turn past ±180°, for lines written across the antimeridian):
  :func:`insane_positions`;
- **text**: a file's bytes as UTF-8 text, a leading byte-order mark dropped
  (:func:`utf8_text`); why GDAL could not read a file, on one line (:func:`gdal_reason`).

Only numpy is imported with this module (geopandas where a frame is reprojected), so that
``geo measure --file`` reads GeoJSON without loading GDAL or pandas.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputError
from geo.files import decode_utf8
from geo.text import is_blank

if TYPE_CHECKING:  # numpy and the CRS rule load where used: a plain GeoJSON file is
    import geopandas as gpd  # measured without them (geo.line_plain)
    import numpy as np

#: Largest absolute latitude of a sane position, degrees.
MAX_ABS_LAT = 90.0
#: Largest absolute longitude of a sane position, degrees: one turn past ±180°, for lines
#: written across the antimeridian; anything larger is taken for projected or corrupt
#: coordinates.
MAX_ABS_LON = 540.0

#: Fields tried, in order and in any letter case, for the id of a context layer's feature.
ID_FIELDS = ("id", "feature_id", "fid", "uid", "gid", "objectid", "slug", "code")
#: Fields tried, in order and in any letter case, for the id of a measured line: the first
#: a feature fills in (a line's name identifies it better than a database key).
LINE_ID_FIELDS = ("id", "slug", "name")


# --------------------------------------------------------------------------- fields


class MissingFieldError(InputError):
    """A field the caller named that the file does not have.

    ``role`` says what the field was wanted for (``"id field"``, ``"label field"``...),
    ``field`` is the name given; the message names both, never a command-line option.
    ``parameter`` is the library parameter that named the field (:class:`InputError`): the
    message starts with the file, so a front end names its option after it."""

    names_parameter_after = True

    def __init__(self, source: str | Path, field: str, role: str, fields: Iterable[Any],
                 *, parameter: str | None = None):
        known = ", ".join(map(str, fields)) or "none"
        super().__init__(f"{source}: {role} {field!r} is not a field of the file (no field "
                         f"{field!r} in any letter case; fields: {known})",
                         parameter=parameter)
        self.field = field
        self.role = role


def find_field(fields: Sequence[Any], name: str) -> Any | None:
    """``name`` if it is one of ``fields``, else the first field spelt the same but for
    letter case (compared case-folded), else ``None``."""
    if name in fields:
        return name
    folded = name.casefold()
    return next((f for f in fields if str(f).casefold() == folded), None)


def first_field(fields: Sequence[Any], candidates: Iterable[str]) -> Any | None:
    """The field of the first of ``candidates`` that :func:`find_field` finds."""
    for cand in candidates:
        found = find_field(fields, cand)
        if found is not None:
            return found
    return None


def require_field(fields: Sequence[Any], name: str, source: str | Path, role: str,
                  *, parameter: str | None = None) -> Any:
    """The field ``name`` names (:func:`find_field`); a :class:`MissingFieldError` if the
    file has none (``parameter``: the library parameter that gave ``name``)."""
    found = find_field(fields, name)
    if found is None:
        raise MissingFieldError(source, name, role, fields, parameter=parameter)
    return found


def is_missing(value: Any) -> bool:
    """Whether a property value is missing: ``None``, NaN, or blank text (white space and
    zero-width characters only, :func:`geo.text.is_blank`)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return is_blank(str(value))


# --------------------------------------------------------------------------- coordinates


def insane_positions(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Boolean mask of the positions (degrees) that are not sane: a coordinate that is not
    finite, a latitude beyond ±:data:`MAX_ABS_LAT` or a longitude beyond ±:data:`MAX_ABS_LON`."""
    import numpy as np

    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    with np.errstate(invalid="ignore"):
        return ~np.isfinite(lon) | ~np.isfinite(lat) | (np.abs(lat) > MAX_ABS_LAT) | \
            (np.abs(lon) > MAX_ABS_LON)


# --------------------------------------------------------------------------- CRS and text


def frame_to_wgs84(frame: gpd.GeoDataFrame, path: str | Path) -> gpd.GeoDataFrame:
    """``frame`` in EPSG:4326 (lon, lat order): reprojected from its CRS unless that is
    WGS84 lon/lat already or unset; a CRS that cannot be read or transformed is refused
    (:func:`geo.crs.source_crs`, the rule ``geo measure --file`` follows too)."""
    from geo.crs import source_crs

    crs = source_crs(frame.crs, path)
    if crs is None:
        return frame.set_crs("EPSG:4326", allow_override=True)
    try:
        return frame.to_crs("EPSG:4326")
    except Exception as exc:  # pyproj raises several kinds; all mean a CRS we cannot use
        raise InputError(f"{path}: cannot reproject from {crs.to_string()} to EPSG:4326: "
                         f"{' '.join(str(exc).split())}") from None


def gdal_reason(exc: BaseException, path: str | Path) -> str:
    """Why GDAL (pyogrio) could not read ``path``, on one line: its message without the
    repeated path and the hint to name a driver."""
    text = " ".join(str(exc).split()).split("; It might help")[0]
    for prefix in (f"'{path}' ", f"{path}: "):
        text = text.replace(prefix, "")
    return text.rstrip(".;") or type(exc).__name__


def utf8_text(raw: bytes, where: str) -> str:
    """``raw`` decoded as UTF-8 (a leading byte-order mark dropped); else an
    :class:`InputError` ``WHERE: not UTF-8 text (byte 0xNN at offset N)``."""
    return decode_utf8(raw, where, drop_bom=True, parenthesised=True)
