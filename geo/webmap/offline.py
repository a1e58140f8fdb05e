"""Assets of the self-contained map: Leaflet inlined from ``xstatic-leaflet``, country outlines.

Nothing here touches the network: Leaflet's JavaScript, CSS and images come from the
installed PyPI package ``xstatic-leaflet`` (its images become ``data:`` URIs) and the
basemap is Natural Earth 1:110m country outlines kept in ``geo/data`` (see PROVENANCE.md).
"""

from __future__ import annotations

import base64
import functools
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from geo.errors import GeoError

COUNTRIES_FILE = "countries-110m.geojson"
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
    """Natural Earth 1:110m country outlines (GeoJSON FeatureCollection, WGS84 lon/lat)."""
    text = resources.files("geo.data").joinpath(COUNTRIES_FILE).read_text(encoding="utf-8")
    return json.loads(text)
