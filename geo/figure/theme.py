"""The look of every figure: matplotlib's settings, the colour themes, the text sizes, and
the web map's style of a context layer.

**Determinism**: one font, DejaVu Sans, the copy that ships inside matplotlib (named by its
file, so a system copy of another version is never picked); SVG text kept as text
(``svg.fonttype: none``) and its ids salted with a fixed string (``svg.hashsalt``); text
measured and drawn unhinted, so a line is as wide in a 1x PNG as in the SVG.

**Untrusted text** is drawn as plain text: mathtext and TeX are off (``text.parse_math``,
``text.usetex``), so ``$...$`` stays as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Text sizes and the figure's margin, CSS pixels.
MARGIN_PX = 24.0
TITLE_PX = 22.0
SUBTITLE_PX = 14.0
LEGEND_PX = 12.0
LABEL_PX = 11.0
NOTES_PX = 12.0
SMALL_PX = 10.5
#: Line height as a multiple of the font size.
LEADING = 1.3

#: matplotlib settings of every figure (see the module docstring).
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "geo-figure",
    "svg.image_inline": True,
    "pdf.fonttype": 42,
    "pdf.compression": 6,
    "text.usetex": False,
    "text.parse_math": False,
    "text.hinting": "no_hinting",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "lines.scale_dashes": False,
    "path.simplify": True,
    "savefig.bbox": None,
    "savefig.pad_inches": 0.0,
}



@dataclass(frozen=True)
class Theme:
    """The colours of a figure that do not come from the style table (CSS colours)."""

    paper: str
    ocean: str
    land: str
    border: str
    graticule: str
    text: str
    muted: str
    frame: str
    halo: str
    extent: str


THEMES: dict[str, Theme] = {
    "light": Theme(paper="#ffffff", ocean="#dce6ee", land="#f6f4f0", border="#aeb7c2",
                   graticule="#c8d4de", text="#1f2933", muted="#52606d", frame="#9aa5b1",
                   halo="#ffffff", extent="#d62828"),
    "dark": Theme(paper="#12161b", ocean="#1a2430", land="#2c3541", border="#4d5968",
                  graticule="#243142", text="#eef2f6", muted="#a9b3bf", frame="#4d5968",
                  halo="#12161b", extent="#ff6b6b"),
    "print": Theme(paper="#ffffff", ocean="#ffffff", land="#e6e6e6", border="#8c8c8c",
                   graticule="#dadada", text="#000000", muted="#333333", frame="#555555",
                   halo="#ffffff", extent="#c00000"),
}
