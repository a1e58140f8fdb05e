"""The figure's canvas: a matplotlib figure and helpers that draw text and artists in figure
points (72 to the inch, y up from the bottom edge)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.transforms import Affine2D

from geo.figure.theme import LEADING, Theme


class Canvas:
    """The figure, its point transform, and helpers that draw in figure points."""

    def __init__(self, width_pt: float, height_pt: float, theme: Theme):
        self.fig = Figure(figsize=(width_pt / 72.0, height_pt / 72.0), dpi=72,
                          facecolor=theme.paper)
        FigureCanvasAgg(self.fig)
        self.pt = Affine2D().scale(1.0 / 72.0) + self.fig.dpi_scale_trans
        self.theme = theme

    def text(self, x: float, y: float, s: str, fp: FontProperties, colour: str,
             ident: str, ha: str = "left", zorder: float = 20.0) -> None:
        self.fig.text(x, y, s, transform=self.pt, fontproperties=fp, color=colour, ha=ha,
                      va="baseline", parse_math=False, usetex=False, gid=ident,
                      zorder=zorder)

    def lines(self, top: float, x: float, lines: Sequence[str], fp: FontProperties,
              colour: str, ident: str) -> float:
        """Draw ``lines`` from ``top`` down; return the y below them."""
        size = fp.get_size_in_points()
        y = top
        for n, line in enumerate(lines):
            self.text(x, y - size * 0.95, line, fp, colour, ident if n == 0 else f"{ident}.{n + 1}")
            y -= size * LEADING
        return y

    def artist(self, artist: Any) -> Any:
        artist.set_transform(self.pt)
        self.fig.add_artist(artist)
        return artist
