"""Assets of the self-contained map: Leaflet inlined from ``xstatic-leaflet``, country outlines.

Nothing here touches the network: Leaflet's JavaScript, CSS and images come from the
installed PyPI package ``xstatic-leaflet`` (its images become ``data:`` URIs) and the
basemap is Natural Earth 1:110m country outlines with the islands they leave out (from 1:50m
land), kept in ``geo/data`` (see PROVENANCE.md).
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import re
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from geo.cache import Store, digest
from geo.errors import GeoError

COUNTRIES_FILE = "countries-110m.geojson"
#: Land the 1:110m outlines leave out (Malta, Bahrain, Mauritius, Guam, Mallorca...): one
#: MultiPolygon of Natural Earth's 1:50m land (see PROVENANCE.md).
ISLANDS_FILE = "islands-50m.geojson"
#: Version of the cached outlines' layout; part of :func:`countries_script_json`'s key.
OUTLINES_FORMAT = 2
#: The outlines as the map embeds them (their :func:`geo.webmap.safe.script_json` text,
#: about 180 KB), kept in geo's cache folder (:mod:`geo.cache`).
OUTLINES_STORE = Store("outlines", "geo country outlines script JSON", 16 * 1024 * 1024)

_log = logging.getLogger(__name__)
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.png)\1\)")


def _leaflet_dir() -> Path:
    try:
        import xstatic.pkg.leaflet as xleaflet
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise GeoError("the offline map needs the package xstatic-leaflet (pip install "
                       "xstatic-leaflet)") from exc
    return Path(xleaflet.BASE_DIR)


def leaflet_version() -> str:
    """The Leaflet version shipped by the installed ``xstatic-leaflet`` (e.g. ``1.9.3``)."""
    import xstatic.pkg.leaflet as xleaflet

    return str(xleaflet.VERSION)


@functools.lru_cache(maxsize=1)
def leaflet_js() -> str:
    """Leaflet's minified JavaScript, source-map comment removed, safe in ``<script>``."""
    text = (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    text = _SOURCE_MAP.sub("", text)
    if "</script" in text.lower() or "<!--" in text:
        raise GeoError("leaflet.js holds '</script' or '<!--': cannot inline it safely")
    return text


@functools.lru_cache(maxsize=1)
def leaflet_css() -> str:
    """Leaflet's CSS with its images inlined as ``data:`` URIs (no request for a PNG)."""
    folder = _leaflet_dir()
    text = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        data = base64.b64encode((folder / match.group(2)).read_bytes()).decode("ascii")
        return f'url("data:image/png;base64,{data}")'

    text = _CSS_URL.sub(inline, text)
    if "</style" in text.lower():
        raise GeoError("leaflet.css holds '</style': cannot inline it safely")
    return text


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, Any]:
    """The basemap's land (GeoJSON FeatureCollection, WGS84 lon/lat): Natural Earth 1:110m
    country outlines (properties ``name`` and ``iso_a3``), then one feature of the islands
    they leave out (from 1:50m land; ``name`` and ``iso_a3`` null), without which a town on
    Malta, Bahrain or Guam stands in the sea."""
    data = resources.files("geo.data")
    outlines = json.loads(data.joinpath(COUNTRIES_FILE).read_text(encoding="utf-8"))
    islands = json.loads(data.joinpath(ISLANDS_FILE).read_text(encoding="utf-8"))
    outlines["features"] = outlines["features"] + islands["features"]
    return outlines


def countries_script_json() -> str:
    """:func:`countries` as the map embeds it: ``script_json(countries(), compact=True)``,
    the same text.

    Parsing the 300 KB of outlines and writing them again as JSON takes ~25 ms (their
    floats), at every build; the text is read from geo's cache folder
    (:data:`OUTLINES_STORE`) where it holds it for this data and code, else made here and
    kept there for the next run."""
    from geo.webmap import safe

    try:
        data = resources.files("geo.data")
        raws = [data.joinpath(name).read_bytes() for name in (COUNTRIES_FILE, ISLANDS_FILE)]
        key = digest((OUTLINES_FORMAT, sys.version_info[:3]),
                     [*raws, Path(__file__), Path(safe.__file__)])
    except OSError as exc:   # the data unread: countries() says so
        _log.debug("outlines cache: none (%s)", exc)
        return safe.script_json(countries(), compact=True)
    text = OUTLINES_STORE.load(key, _outlines_text)
    if text is None:
        text = safe.script_json(countries(), compact=True)
        OUTLINES_STORE.save(key, text)
    return text


def _outlines_text(value: object) -> str:
    """The cached outlines' text; :class:`ValueError` if that is not what ``value`` is."""
    if not isinstance(value, str) or not value.startswith("{"):
        raise ValueError("not the outlines' JSON text")
    return value
