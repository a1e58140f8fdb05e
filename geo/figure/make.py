"""``geo figure`` as a library call: a workspace in; the figure and its alt text out.

:func:`make_figure` loads and validates the workspace, builds its layers, reads the context
layers (``geo.toml``'s, then the ones given), renders the figure in memory
(:func:`geo.figure.render.render_figure`) and only then writes it, atomically, with its alt
text beside it (``<stem>.alt.txt``, UTF-8, one paragraph): a bad option or input leaves
earlier files untouched.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from geo.atomic import atomic_path, write_text_atomic
from geo.catalog import load_catalog
from geo.context import ContextLayer, ContextSpec
from geo.context_config import context_layers_from_config
from geo.errors import InputError, OutputError
from geo.figure.options import FigureOptions, alt_text_path, format_for
from geo.figure.render import RenderedFigure, render_figure
from geo.layers import build_layers
from geo.routes import segment_lines
from geo.workspace import Workspace

#: The figure's file name in the workspace's maps/ folder, without its suffix.
FIGURE_STEM = "figure"


@dataclass(frozen=True)
class FigureResult:
    """What :func:`make_figure` wrote: the figure, its alt text, and what it shows."""

    path: Path
    alt_path: Path
    figure: RenderedFigure
    context: list[ContextLayer] = field(default_factory=list)

    def summary(self) -> str:
        """``figure: maps/figure.svg (SVG, 1200 × 913 px, 88 KiB); alt text:
        maps/figure.alt.txt``."""
        fig = self.figure
        width, height = fig.pixel_size
        scale = f" at {fig.scale}x" if fig.format == "png" and fig.scale != 1 else ""
        return (f"figure: {self.path} ({fig.format.upper()}, {width} × {height} px{scale}, "
                f"{max(1, round(len(fig.data) / 1024))} KiB); alt text: {self.alt_path}")


def make_figure(workspace: str | os.PathLike[str] = ".",
                output: str | os.PathLike[str] | None = None,
                options: FigureOptions | None = None, *,
                context: Sequence[ContextSpec] = (), allow_outside_workspace: bool = False,
                drafts: bool = False) -> FigureResult:
    """Render the workspace's figure and write it with its alt text; return what was written.

    ``output`` defaults to ``<workspace>/maps/figure.<format>``; the format is
    ``options.format``, else the output's suffix (``.svg``, ``.png``, ``.pdf``), else SVG.
    ``context`` files are drawn after the ones ``geo.toml`` lists (a ``geo.toml`` path
    outside the workspace is refused unless ``allow_outside_workspace``); ``drafts`` adds the
    drafted entries, drawn as unreviewed.

    Raises :class:`~geo.errors.CatalogError` for an invalid workspace,
    :class:`~geo.errors.InputError` for a bad option, output path or context file, and
    :class:`~geo.errors.OutputError` when a file cannot be written.
    """
    options = options or FigureOptions()
    fmt = format_for(output, options.format)
    options = replace(options, format=fmt).checked()
    ws = Workspace.at(workspace)
    target = Path(output) if output is not None else ws.maps / f"{FIGURE_STEM}.{fmt}"
    if target.is_dir():
        raise InputError(f"{target}: is a folder; name the figure's file")
    alt_path = alt_text_path(target)
    if alt_path.is_dir():
        raise InputError(f"{alt_path}: is a folder, where the figure's alt text goes")
    cat = load_catalog(ws.root, drafts=drafts)
    layers = build_layers(cat)
    read = [*context_layers_from_config(ws.root, allow_outside_workspace=allow_outside_workspace),
            *(spec.read() for spec in context)]
    rendered = render_figure(layers, options, segment_lines=segment_lines(cat), context=read)
    with atomic_path(target) as tmp:
        try:
            tmp.write_bytes(rendered.data)
        except OSError as exc:
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    write_text_atomic(alt_path, rendered.alt_text + "\n")
    return FigureResult(target, alt_path, rendered, read)
