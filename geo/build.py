"""``geo build`` as a library call: catalogue -> layers -> layer files and the map.

:func:`build` loads and validates a workspace, builds its layers, renders the map (before
writing anything, so a bad option leaves earlier outputs alone), writes ``maps/<layer>.geojson``,
the map's tile archives (``<map stem>.tiles/*.pmtiles``) and the map as one atomic set
(:func:`geo.atomic.write_file_set`: locked against a concurrent build, journalled so that
the next build completes one that was killed; the archives the new map no longer reads are
removed with it), and returns a :class:`BuildResult` with the paths, the number of entities
per layer and the notices of the write phase.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geo.tiles
from geo.atomic import write_file_set
from geo.catalog import load_catalog
from geo.errors import InputError
from geo.export import layer_file_texts
from geo.layers import LAYER_NAMES, build_layers
from geo.names import LAYER_BY_NAME
from geo.routes import segment_lines  # each route's segments as drawn (the map's lines)
from geo.tiles import ARCHIVE_SUFFIX, archive_streams, close_archives, tiles_folder, vertex_count
from geo.webmap import (
    DEFAULT_TILES,
    article_citations,
    permalink_fragment,
    render_map,
)
from geo.workspace import CONFIG_FILE, Workspace

if TYPE_CHECKING:
    from geo.context import ContextLayer, ContextSpec

#: The map's file name in the workspace's maps/ folder.
MAP_NAME = "connectivity.html"


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: the map, the layer files, and entity counts per layer."""

    map_path: Path
    layer_paths: list[Path]
    counts: dict[str, int] = field(default_factory=dict)
    offline: bool = False
    map_bytes: int = 0
    context: list[ContextLayer] = field(default_factory=list)
    #: What the write phase found and mended first, one line each: an interrupted build
    #: completed, stale temporary files removed (see :mod:`geo.atomic`).
    notices: list[str] = field(default_factory=list)
    #: drafted entities drawn (built with drafts), per draft stem
    drafted: dict[str, int] = field(default_factory=dict)
    #: the link that opens the map on the entity asked for (``focus``), else ``None``
    link: str | None = None

    def summary(self) -> str:
        """One line: ``25 sites, 3 routes, 1 corridor, 8 organisations, 4 agreements``."""
        return ", ".join(f"{n} {name if n != 1 else LAYER_BY_NAME[name].singular}"
                         for name, n in self.counts.items())


class FocusError(InputError):
    """The entity a build was asked to link to is unknown, or the map does not draw it."""


def focus_problem(layers: Mapping[str, Any], entity_id: str) -> str | None:
    """Why the map cannot open on ``entity_id`` (no such entity, or one drawn nowhere), or
    ``None`` when it can."""
    why = {"organisations": "an organisation without a head office",
           "agreements": "an agreement with neither two parties that have a head office "
                         "nor a venue"}
    for name, frame in layers.items():
        rows = frame[frame["id"] == entity_id]
        if len(rows):
            geom = rows.geometry.iloc[0]
            if geom is None or geom.is_empty:
                return (f"{entity_id!r} ({rows['name'].iloc[0]}) is not drawn on the map "
                        f"({why.get(name, 'it has no place')})")
            return None
    return f"no entity {entity_id!r} in the catalogue"


def _configured_context(root: Path, allow_outside_workspace: bool) -> list[ContextLayer]:
    """The context layers ``geo.toml`` lists
    (:func:`geo.context_config.context_layers_from_config`); without one (nothing at its
    path, as that function checks), none, and neither its reader nor :mod:`geo.context` is
    imported (6 ms)."""
    config = root / CONFIG_FILE
    if not config.exists() and not config.is_symlink():
        return []
    from geo.context_config import context_layers_from_config

    return context_layers_from_config(root, allow_outside_workspace=allow_outside_workspace)


def build(workspace: str | os.PathLike[str] = ".", output: str | os.PathLike[str] | None = None,
          *, offline: bool = False, tiles: str = DEFAULT_TILES, open_browser: bool = False,
          opener: Callable[[str], object] | None = None,
          context: Sequence[ContextSpec] = (),
          allow_outside_workspace: bool = False, drafts: bool = False,
          focus: str | None = None,
          tile_threshold: int | None = None) -> BuildResult:
    """Build the workspace's layer files and map; return what was written.

    ``output`` is the map's path (default ``<workspace>/maps/connectivity.html``);
    ``offline`` writes a self-contained page (no network at all); ``tiles`` names the
    xyzservices basemap of the online page; ``open_browser`` then opens the map with
    ``opener`` (default :func:`webbrowser.open`) as a ``file://`` URI. ``context`` files are
    drawn after the ones ``geo.toml`` lists; a ``geo.toml`` path that resolves outside the
    workspace is refused unless ``allow_outside_workspace`` (the map embeds the file's rows;
    files passed in ``context`` are the caller's explicit choice and always allowed).
    ``focus`` names an entity: the result's ``link`` is then the map's ``file://`` address
    with the fragment that opens it on that entity (:func:`geo.webmap.permalink_fragment`);
    an unknown entity, or one the map does not draw, is a :class:`FocusError` raised before
    anything is written.
    ``drafts`` adds the entries of every draft of ``drafts/`` to the map and to the layer
    files (:attr:`Catalog.draft_of` marks them, drawn as unreviewed); without it drafts are
    not read.

    A context layer of more than ``tile_threshold`` drawing vertices (default
    :data:`geo.tiles.TILE_VERTEX_THRESHOLD`) is written as vector tiles,
    ``<map stem>.tiles/<layer>.pmtiles`` beside the map, which the map reads by range
    requests when served (``geo serve``); its :attr:`ContextLayer.tiles` says where. The
    archives are written with the map (one set), and the ``*.pmtiles`` files of that folder
    that the map no longer reads are removed with it (the folder too when left empty).

    Raises :class:`geo.errors.CatalogError` for an invalid workspace, :class:`InputError`
    for a bad option, :class:`OutputError` when a file cannot be written.
    """
    ws = Workspace.at(workspace)
    target = Path(output) if output is not None else ws.maps / MAP_NAME
    if target.is_dir():
        raise InputError(f"{target}: is a folder; -o takes the map's file path")
    cat = load_catalog(ws.root, drafts=drafts)
    layers = build_layers(cat)
    if focus is not None:
        problem = focus_problem(layers, focus)
        if problem is not None:
            raise FocusError(problem)
    # geo.toml's [[context]] first, then the --context files; read before anything is written
    read = [*_configured_context(ws.root, allow_outside_workspace),
            *(spec.read() for spec in context)]
    context_layers: list[ContextLayer] = []
    if read:
        from geo.webmap import context_layers_for_map  # for maps with context layers (3 ms)

        # named as the map's layer control will show them ("cables", "cables #2"...)
        context_layers = context_layers_for_map(read, layers)
    archives: dict[Path, Any] = {}  # path -> geo.tiles.archive.PendingArchive
    if tile_threshold is None:
        tile_threshold = geo.tiles.TILE_VERTEX_THRESHOLD
    if any(vertex_count(c.features.geometry.to_numpy()) > tile_threshold
           for c in context_layers):  # big layers become vector tiles beside the map
        from geo.tiles import tile_big_layers

        context_layers, archives = tile_big_layers(context_layers, target,
                                                   threshold=tile_threshold)
    try:
        html_text = render_map(layers, offline=offline, tiles=tiles,
                               segment_lines=segment_lines(cat), context=context_layers,
                               citations=article_citations(cat.articles))
        if archives:
            from geo.tiles import allow_tile_requests

            html_text = allow_tile_requests(html_text)
        # the tile archives, the layer files and the map as one set: a failed write
        # replaces none of them; archives the map no longer reads go with it
        written = write_file_set({**layer_file_texts(layers, ws.maps), target: html_text},
                                 streams=archive_streams(archives),
                                 prune={tiles_folder(target): ARCHIVE_SUFFIX})
    finally:
        close_archives(archives)
    *layer_paths, map_path = written.paths
    result = BuildResult(
        map_path=map_path, layer_paths=layer_paths,
        counts={name: len(layers[name]) for name in LAYER_NAMES},
        offline=offline, map_bytes=len(html_text.encode("utf-8")),
        context=context_layers, notices=written.notices,
        drafted={stem: sum(1 for s in cat.draft_of.values() if s == stem)
                 for stem in cat.drafts},
        link=(map_path.resolve().as_uri() + "#" + permalink_fragment(focus)
              if focus is not None else None),
    )
    if open_browser:
        import webbrowser  # only to open the map

        (opener or webbrowser.open)(map_path.resolve().as_uri())
    return result
