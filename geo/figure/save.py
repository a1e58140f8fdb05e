"""A drawn figure as bytes (SVG, PNG or PDF): the same bytes for the same figure, without
dates or versions of anything but geo; the SVG with a ``<title>`` and ``<desc>``."""

from __future__ import annotations

import io
import re
import warnings
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from matplotlib.figure import Figure

from geo import __version__
from geo.figure.theme import Theme


def save_figure(fig: Figure, fmt: str, scale: int, theme: Theme, title: str, alt: str) -> bytes:
    """The figure's bytes, without dates or versions of anything but geo."""
    creator = f"geo {__version__}"
    metadata: dict[str, Any]
    if fmt == "svg":
        metadata = {"Title": title, "Creator": creator, "Date": None, "Description": alt}
    elif fmt == "pdf":
        metadata = {"Title": title, "Subject": alt, "Creator": creator, "Producer": creator,
                    "CreationDate": None, "ModDate": None}
    else:
        metadata = {"Title": title, "Description": alt, "Software": creator}
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(buf, format=fmt, dpi=96 * scale if fmt == "png" else 72,
                    facecolor=theme.paper, metadata=metadata)
    data = buf.getvalue()
    if fmt == "svg":
        data = _svg_title(data, title, alt)
    return data


_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def _svg_title(data: bytes, title: str, alt: str) -> bytes:
    """The SVG with ``<title>`` and ``<desc>`` (escaped) as the root's first children and
    ``role="img"``, which screen readers announce."""
    match = _SVG_OPEN.search(data)
    if match is None:  # pragma: no cover - matplotlib always writes one
        return data
    head = match.group(0)
    if b" role=" not in head:
        head = head[:-1] + b' role="img">'
    inserted = (f"\n <title>{xml_escape(title)}</title>\n <desc>{xml_escape(alt)}</desc>"
                ).encode()
    return data[:match.start()] + head + inserted + data[match.end():]
