"""Which format an export's file name says, and the checks of an export's format and
coordinate precision: the rules of an export's options, apart from the writers.

:data:`SUFFIXES` maps the suffixes of the formats geo writes to them; :data:`FOREIGN_SUFFIXES`
names the formats geo does not write, so that ``cables.shp`` is refused with what it would
hold; :func:`output_format` says which format to write a file in, or why its name does not
fit; :func:`check_format` and :func:`check_precision` validate those options.
:func:`formula_safe` counts (and, asked to, defuses) the CSV text cells that a spreadsheet
may run as a formula, for every CSV geo writes (``geo export``, ``geo measure``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from geo.errors import InputError
from geo.names import EXPORT_FORMATS as FORMATS

#: File suffixes and the format they imply.
SUFFIXES = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".geojsonl": "geojsonseq",
    ".geojsonseq": "geojsonseq",
    ".geojsons": "geojsonseq",
    ".ndjson": "geojsonseq",
    ".gpkg": "gpkg",
    ".csv": "csv",
}
#: Suffixes of formats geo does not write, and what they name (a file so named is refused).
FOREIGN_SUFFIXES = {
    ".shp": "a Shapefile", ".shx": "a Shapefile index", ".dbf": "a dBase table",
    ".kml": "KML", ".kmz": "zipped KML", ".gml": "GML", ".gpx": "GPX",
    ".fgb": "FlatGeobuf", ".parquet": "(Geo)Parquet", ".geoparquet": "GeoParquet",
    ".topojson": "TopoJSON", ".tab": "a MapInfo table", ".mif": "MapInfo MIF",
    ".sqlite": "SQLite", ".db": "a database", ".tsv": "tab-separated values",
    ".xlsx": "an Excel workbook", ".xls": "an Excel workbook",
    ".ods": "an OpenDocument spreadsheet", ".zip": "a zip archive",
    ".tif": "a (Geo)TIFF raster", ".tiff": "a (Geo)TIFF raster",
    ".html": "a web page", ".htm": "a web page",
}


#: First characters of a CSV text cell that a spreadsheet may take as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(values: list[Any], spreadsheet_safe: bool) -> tuple[list[Any], int]:
    """CSV cells of one text column, and how many begin like a formula
    (:data:`FORMULA_STARTS`; each prefixed with ``'``, which spreadsheets take as "text
    follows", when ``spreadsheet_safe``); only text cells count, never numbers."""
    risky = [i for i, v in enumerate(values)
             if type(v) is str and v.startswith(FORMULA_STARTS)]
    if spreadsheet_safe and risky:
        values = list(values)
        for i in risky:
            values[i] = "'" + values[i]
    return values, len(risky)


def check_precision(precision: int) -> int:
    """Validate a coordinate precision: ``-1`` (no rounding) or a number of decimals >= 0.

    Raises :class:`InputError` with ``parameter="precision"`` (a front end names its
    option)."""
    if isinstance(precision, bool) or not isinstance(precision, int) or precision < -1:
        raise InputError(f"coordinate precision {precision!r}: expected -1 (no rounding) or "
                         "a number of decimals >= 0", parameter="precision")
    return precision


def check_format(fmt: str) -> str:
    """Validate a format name; raise :class:`InputError` listing the valid ones."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    return fmt


def _suffix_list() -> str:
    by_format: dict[str, list[str]] = {}
    for suffix, fmt in SUFFIXES.items():
        by_format.setdefault(fmt, []).append(suffix)
    items = [f"{' or '.join([', '.join(s[:-1]), s[-1]] if len(s) > 1 else s)} ({fmt})"
             for fmt, s in by_format.items()]
    return ", ".join(items[:-1]) + " or " + items[-1]


def output_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format to write the file ``path`` in: ``fmt``, else the one its suffix names
    (:data:`SUFFIXES`).

    Raises :class:`InputError` when ``fmt`` is not given and the suffix names no format
    geo writes (or there is none), and when the suffix names another format than ``fmt``:
    one of :data:`SUFFIXES`, one of :data:`FOREIGN_SUFFIXES` (``.shp``...), or anything
    but ``.gpkg`` for a GeoPackage. A suffix that names no format (``.txt``) takes any
    text format that is given.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    implied = SUFFIXES.get(suffix)
    foreign = FOREIGN_SUFFIXES.get(suffix)
    if fmt is None:
        if implied is not None:
            return implied
        if foreign is not None:
            raise InputError(f"{path}: a {target.suffix} file holds {foreign}, which geo does "
                             f"not write; name a file ending in {_suffix_list()}")
        what = f"a {target.suffix} file" if suffix else "a file name without a suffix"
        raise InputError(f"{path}: {what} names no format geo writes; name a file ending "
                         f"in {_suffix_list()}, or name the format")
    check_format(fmt)
    if foreign is not None:
        raise InputError(f"{path}: a {target.suffix} file holds {foreign}, not {fmt}; "
                         "name a file with a matching suffix")
    if fmt == "geojsonseq" and suffix == ".geojson":
        raise InputError(f"{path}: a .geojson file holds one FeatureCollection; "
                         "name a .geojsonl or .geojsons file for a sequence")
    if implied is not None and implied != fmt:
        # a GeoPackage named .geojson (or CSV named .gpkg) misleads every reader
        raise InputError(f"{path}: a {target.suffix} file holds {implied}, not {fmt}; "
                         "name a file with a matching suffix")
    if fmt == "gpkg" and suffix != ".gpkg":
        raise InputError(f"{path}: a GeoPackage is named *.gpkg, not "
                         f"*{target.suffix or ' without a suffix'}; name a .gpkg file")
    return fmt
