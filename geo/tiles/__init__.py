"""Context layers past one HTML file: vector tiles in a PMTiles archive beside the map.

A context layer of more than :data:`TILE_VERTEX_THRESHOLD` drawing vertices is not inlined
in the map page: ``geo build`` writes it as Mapbox Vector Tiles in a PMTiles archive,
``maps/<map stem>.tiles/<layer>.pmtiles`` (:mod:`geo.tiles.archive`), and the page draws it
with protomaps-leaflet (``geo/data/protomaps-leaflet.js``), which reads the archive by HTTP
range requests (:mod:`geo.webmap.tiled`). A page with such a layer must be opened from a web
server that answers range requests: ``geo serve`` (:mod:`geo.tiles.server`).

Why 500,000 vertices (tests/benchmarks/bench_browser_context.py and bench_tiles.py measure
it): an inline layer is parsed, projected and drawn whole by the browser at every load and
every zoom step, and its data is one JavaScript string in the page. At 1M vertices the
page is about 36 MB and a zoom step redraws every vertex; at 10M the page is 362 million
characters (67 % of V8's string limit), draws in minutes and takes 5 GB per tab. Tiles cost
the same at any size: only the tiles in view are read, each simplified to about a pixel at
its zoom. Half a million vertices keeps every single-file map under about 20 MB and its
zoom steps well under a second, so the offline single file stays the rule for what fits.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import quote

import numpy as np
import shapely

if TYPE_CHECKING:
    from geo.tiles.archive import PendingArchive

#: Drawing vertices (points count one each) above which a context layer becomes tiles.
TILE_VERTEX_THRESHOLD = 500_000


def vertex_count(geoms: np.ndarray) -> int:
    """The number of coordinates of ``geoms`` (a numpy array of shapely geometries)."""
    return int(shapely.get_num_coordinates(geoms).sum()) if len(geoms) else 0


def needs_tiles(layer: object, threshold: int = TILE_VERTEX_THRESHOLD) -> bool:
    """Whether the context layer ``layer`` (a :class:`geo.context.ContextLayer`) has more
    than ``threshold`` drawing vertices, and so is written as tiles."""
    geoms = layer.features.geometry.to_numpy()  # type: ignore[attr-defined]
    return vertex_count(geoms) > threshold


@dataclass(frozen=True)
class TiledSource:
    """Where a tiled context layer's archive is and how the page reads it."""

    path: Path             # the archive, maps/<map stem>.tiles/<file>.pmtiles
    url: str               # the archive's address relative to the map page
    layer_name: str        # the MVT layer in its tiles
    max_zoom: int          # deepest zoom of data
    fields: tuple[str, ...]  # property keys after geo:id and geo:label
    tiles: int             # tiles in the archive
    vertices: int          # drawing vertices of the layer
    size_bytes: int        # size of the archive


def tiles_folder(map_path: str | os.PathLike[str]) -> Path:
    """The folder of a map's tile archives: ``maps/connectivity.tiles`` beside
    ``maps/connectivity.html``."""
    path = Path(map_path)
    return path.with_name(path.stem + ".tiles")


def _file_stem(name: str, taken: set[str]) -> str:
    """A file name stem for the layer ``name`` (letters, digits, ``._-``), unique in ``taken``."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "layer"
    candidate, k = stem, 1
    while candidate.lower() in taken:
        k += 1
        candidate = f"{stem}-{k}"
    taken.add(candidate.lower())
    return candidate


#: The name ending of the tile archives geo writes into a map's tiles folder (the files
#: of that ending the map no longer reads are removed when it is built).
ARCHIVE_SUFFIX = ".pmtiles"


def tile_big_layers(layers: Sequence[Any], map_path: str | os.PathLike[str], *,
                    threshold: int = TILE_VERTEX_THRESHOLD, max_zoom: int | None = None
                    ) -> tuple[list[Any], dict[Path, PendingArchive]]:
    """The context ``layers`` with each one of more than ``threshold`` vertices replaced by a
    copy whose ``tiles`` is its :class:`TiledSource`, and the archives to write beside the
    map ``map_path`` (path -> :class:`geo.tiles.archive.PendingArchive`: its tile data in a
    temporary file; the caller writes it, e.g. with :func:`archive_streams`, and closes
    it). Nothing is written here."""
    from geo.tiles.archive import cut_archive

    folder = tiles_folder(map_path)
    out: list[Any] = []
    archives: dict[Path, PendingArchive] = {}
    taken: set[str] = set()
    try:
        for layer in layers:
            geoms = layer.features.geometry.to_numpy()
            if vertex_count(geoms) <= threshold:
                out.append(layer)
                continue
            archive = cut_archive(layer, max_zoom=max_zoom)
            stem = _file_stem(layer.name, taken)
            path = folder / f"{stem}{ARCHIVE_SUFFIX}"
            archives[path] = archive
            source = TiledSource(path=path, url=quote(f"{folder.name}/{stem}{ARCHIVE_SUFFIX}"),
                                 layer_name=archive.layer_name, max_zoom=archive.max_zoom,
                                 fields=tuple(archive.fields), tiles=archive.tiles,
                                 vertices=archive.vertices, size_bytes=archive.size_bytes)
            out.append(dataclasses.replace(layer, tiles=source))
    except BaseException:
        close_archives(archives)
        raise
    return out, archives


def archive_streams(archives: Mapping[Path, PendingArchive]
                    ) -> dict[Path, Callable[[BinaryIO], None]]:
    """The archives as ``streams`` of :func:`geo.atomic.write_file_set` (path -> the
    function that writes the archive into the open file it is given)."""
    return {path: archive.write_to for path, archive in archives.items()}


def write_archives(archives: Mapping[Path, PendingArchive]) -> list[Path]:
    """Write each archive on its own, atomically (:func:`geo.atomic.atomic_path`), and
    close it; the written paths. Not a set: ``geo build`` writes its archives with the map
    (:func:`archive_streams`); this is for tools that write archives alone (benchmarks).

    Raises :class:`geo.errors.OutputError` when one cannot be written."""
    from geo.atomic import atomic_path
    from geo.errors import OutputError

    written = []
    try:
        for path, archive in archives.items():
            with atomic_path(path) as tmp:
                try:
                    with open(tmp, "xb") as out:
                        archive.write_to(out)
                except OSError as exc:
                    raise OutputError(f"{path}: cannot write: {exc.strerror or exc}"
                                      ) from exc
            written.append(path)
    finally:
        close_archives(archives)
    return written


def close_archives(archives: Mapping[Path, PendingArchive]) -> None:
    """Remove the temporary files of tile data of ``archives``."""
    for archive in archives.values():
        archive.close()


_CSP_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')


def allow_tile_requests(page: str) -> str:
    """``page`` with its Content-Security-Policy also allowing requests to the page's own
    origin (``connect-src 'self'``: the range requests of its tile archives).

    Raises :class:`geo.errors.GeoError` when the page has no such policy to extend."""
    from geo.errors import GeoError

    match = _CSP_META.search(page)
    if match is None:
        raise GeoError("the map has no Content-Security-Policy to allow its tiles in")
    policy = html.unescape(match.group(2))
    if "connect-src" not in policy:
        policy = policy.replace("default-src 'none';", "default-src 'none'; connect-src 'self';",
                                1)
    escaped = html.escape(policy, quote=True)
    return page[:match.start(2)] + escaped + page[match.end(2):]
