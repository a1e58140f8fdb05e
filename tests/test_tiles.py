"""Big context layers as vector tiles (geo.tiles): the archive a build writes opens with the
``pmtiles`` reader, its tiles decode with ``mapbox_vector_tile`` and hold the features
(geometry within a tile unit, properties as given), simplified per zoom; small layers stay
inline."""

from __future__ import annotations

import gzip
import math
import re
from pathlib import Path

import geopandas as gpd
import mapbox_vector_tile
import numpy as np
import pytest
import shapely
from pmtiles.reader import MemorySource, Reader, all_tiles
from pmtiles.tile import Compression, TileType, zxy_to_tileid

from geo.build import build
from geo.context import ContextSpec, read_context
from geo.tiles import TILE_VERTEX_THRESHOLD, allow_tile_requests, needs_tiles, tiles_folder
from geo.tiles.archive import DEFAULT_MAX_ZOOM, tile_archive, tile_ids_of
from geo.tiles.mvt import EXTENT, varints

CABLES = Path(__file__).parent / "data" / "context" / "cables.geojson"


def _layer(tmp_path: Path, geoms: list, names: list[str] | None = None, **extra):
    names = names or [f"feature {i}" for i in range(len(geoms))]
    frame = gpd.GeoDataFrame({"id": [f"f{i}" for i in range(len(geoms))], "name": names,
                              **extra}, geometry=geoms, crs="EPSG:4326")
    path = tmp_path / "layer.geojson"
    frame.to_file(path, driver="GeoJSON")
    return read_context(path)


def _tiles(data: bytes) -> dict[tuple[int, int, int], dict]:
    """Every tile of the archive, decoded (y down, tile units)."""
    return {zxy: mapbox_vector_tile.decode(gzip.decompress(tile),
                                           default_options={"y_coord_down": True})
            for zxy, tile in all_tiles(MemorySource(data))}


def _lonlat(z: int, x: int, y: int, point: list[float]) -> tuple[float, float]:
    """A tile's point (tile units, y down) as lon, lat in degrees."""
    wx = (x + point[0] / EXTENT) / 2**z
    wy = (y + point[1] / EXTENT) / 2**z
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * wy))))
    return wx * 360.0 - 180.0, lat


def test_tiled_build_is_read_back_by_pmtiles_and_mapbox_vector_tile(workspace):
    result = build(workspace, offline=True, context=[ContextSpec(CABLES)], tile_threshold=0)
    layer = result.context[0]
    archive = tiles_folder(result.map_path) / "cables.pmtiles"
    assert layer.tiles is not None and layer.tiles.path == archive and archive.is_file()
    data = archive.read_bytes()
    reader = Reader(MemorySource(data))
    header = reader.header()
    assert header["tile_type"] == TileType.MVT
    assert header["tile_compression"] == Compression.GZIP
    assert (header["min_zoom"], header["max_zoom"]) == (0, DEFAULT_MAX_ZOOM)
    assert reader.metadata()["vector_layers"][0]["id"] == "cables"
    world = mapbox_vector_tile.decode(gzip.decompress(reader.get(0, 0, 0)))
    features = world["cables"]["features"]
    # (a line across ±180° is there twice: its parts each side of the world's edge)
    labels = {f["properties"]["geo:label"] for f in features}
    assert labels == set(layer.features["geo:label"])
    ids = {f["properties"]["geo:id"] for f in features}
    assert ids == set(layer.features["geo:id"])
    # the map reads the archive: it names it, allows requests to its own origin, and does
    # not carry the layer's features inline
    page = result.map_path.read_text(encoding="utf-8")
    assert '"url":"connectivity.tiles/cables.pmtiles"' in page
    assert "connect-src 'self'" in page.replace("&#x27;", "'")
    assert "protomapsL" in page and "sourceMappingURL" not in page
    assert "caspian-one~2" not in page


def test_small_layer_stays_inline_and_the_page_single(workspace):
    result = build(workspace, offline=True, context=[ContextSpec(CABLES)])
    assert result.context[0].tiles is None
    assert not tiles_folder(result.map_path).exists()
    page = result.map_path.read_text(encoding="utf-8")
    assert "caspian-one~2" in page and "protomapsL" not in page
    assert "connect-src" not in page


def test_threshold_counts_drawing_vertices(tmp_path):
    line = shapely.LineString([(i * 0.01, (i % 2) * 0.01) for i in range(11)])
    layer = _layer(tmp_path, [line])
    n = int(shapely.get_num_coordinates(layer.features.geometry.to_numpy()).sum())
    assert needs_tiles(layer, threshold=n - 1) and not needs_tiles(layer, threshold=n)
    assert TILE_VERTEX_THRESHOLD == 500_000


def test_deepest_zoom_keeps_every_vertex_within_a_tile_unit(tmp_path):
    rng = np.random.default_rng(7)
    xy = np.column_stack([np.linspace(10.0, 12.0, 300), 45.0 + rng.normal(0, 0.01, 300)])
    layer = _layer(tmp_path, [shapely.LineString(xy)])
    drawn = np.asarray(layer.features.geometry.iloc[0].coords)
    archive = tile_archive(layer, max_zoom=8)
    got = []
    for (z, x, y), tile in _tiles(archive.data).items():
        if z != 8:
            continue
        for f in tile["layer"]["features"]:
            coords = f["geometry"]["coordinates"]
            parts = [coords] if f["geometry"]["type"] == "LineString" else coords
            got += [_lonlat(z, x, y, p) for part in parts for p in part]
    got = np.array(got)
    # every drawn vertex is in the tiles (to 1/4096 of a zoom-8 tile: < 0.0004°)
    nearest = np.min(np.hypot(drawn[:, None, 0] - got[None, :, 0],
                              drawn[:, None, 1] - got[None, :, 1]), axis=1)
    assert nearest.max() < 0.0004


def test_simplification_depends_on_zoom(tmp_path):
    xy = np.column_stack([np.linspace(0.0, 20.0, 2001),
                          5.0 + 0.05 * np.sin(np.linspace(0.0, 400.0, 2001))])
    layer = _layer(tmp_path, [shapely.LineString(xy)])
    tiles = _tiles(tile_archive(layer, max_zoom=6).data)

    def vertices(zoom: int) -> int:
        return sum(len(p) for (z, _x, _y), t in tiles.items() if z == zoom
                   for f in t["layer"]["features"]
                   for p in ([f["geometry"]["coordinates"]]
                             if f["geometry"]["type"] == "LineString"
                             else f["geometry"]["coordinates"]))

    counts = [vertices(z) for z in range(7)]
    assert counts[0] < 50 < counts[4] < counts[6], counts
    assert counts == sorted(counts)


def test_points_polygons_and_antimeridian_lines(tmp_path):
    square = shapely.Polygon([(30, 10), (31, 10), (31, 11), (30, 11)],
                             [[(30.4, 10.4), (30.6, 10.4), (30.6, 10.6), (30.4, 10.6)]])
    geoms = [shapely.Point(12.5, 41.9), square,
             shapely.MultiLineString([[(179.0, -17.0), (180.0, -16.5)],
                                      [(-180.0, -16.5), (-179.0, -16.0)]])]
    layer = _layer(tmp_path, geoms, ["Rome", "A square with a hole", "Fiji crossing"],
                   note=["<b>bold</b>", None, "x"])
    tiles = _tiles(tile_archive(layer, max_zoom=3).data)
    by_label: dict[str, list] = {}
    for (z, x, y), tile in tiles.items():
        for f in tile["layer"]["features"]:
            by_label.setdefault(f["properties"]["geo:label"], []).append((z, x, y, f))
    for z, x, y, rome in by_label["Rome"]:  # within a tile unit at every zoom
        assert rome["geometry"]["type"] == "Point"
        assert rome["properties"]["note"] == "<b>bold</b>"
        lon, lat = _lonlat(z, x, y, rome["geometry"]["coordinates"])
        assert (lon, lat) == pytest.approx((12.5, 41.9), abs=360.0 / EXTENT / 2**z)
    assert sorted(z for z, *_r in by_label["Rome"]) == [0, 1, 2, 3]
    polygon = next(f for z, *_r, f in by_label["A square with a hole"] if z == 3)
    assert polygon["geometry"]["type"] == "Polygon"
    assert len(polygon["geometry"]["coordinates"]) == 2  # the exterior and its hole
    rings = polygon["geometry"]["coordinates"]
    shape = shapely.Polygon(rings[0], rings[1:])
    assert shape.is_valid and 0 < shape.area < shapely.Polygon(rings[0]).area
    assert polygon["properties"]["note"] == ""  # missing values are empty text
    # the line across ±180° is in the tiles of both sides of it at zoom 3
    crossing = {(x, y) for z, x, y, _f in by_label["Fiji crossing"] if z == 3}
    assert {0, 7} <= {x for x, _y in crossing}


def test_tile_ids_are_pmtiles_hilbert_ids():
    rng = np.random.default_rng(1)
    for z in (0, 1, 4, 9):
        x, y = rng.integers(0, 2**z, 40), rng.integers(0, 2**z, 40)
        assert tile_ids_of(z, x, y).tolist() == [zxy_to_tileid(z, int(a), int(b))
                                                 for a, b in zip(x, y, strict=True)]


def test_varints_are_protobuf_varints():
    values = np.array([0, 1, 127, 128, 300, 2**21, 2**28 + 5], dtype=np.int64)
    data, offsets = varints(values)
    from geo.tiles.mvt import varint

    assert data.tobytes() == b"".join(varint(int(v)) for v in values)
    assert offsets.tolist() == [0, *np.cumsum([len(varint(int(v))) for v in values])]


def test_allow_tile_requests_extends_the_policy_only():
    page = ('<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;;'
            ' script-src &#x27;sha256-x&#x27;">')
    out = allow_tile_requests(page)
    policy = re.search(r'content="([^"]*)"', out).group(1).replace("&#x27;", "'")
    assert policy == "default-src 'none'; connect-src 'self'; script-src 'sha256-x'"


def test_geo_build_says_where_the_tiles_are(runner, workspace, monkeypatch):
    import geo.tiles

    monkeypatch.setattr(geo.tiles, "TILE_VERTEX_THRESHOLD", 10)
    result = runner("build", "--offline", "--context", CABLES, "-w", workspace, expect=0)
    archive = workspace / "maps" / "connectivity.tiles" / "cables.pmtiles"
    assert archive.is_file()
    lines = [line for line in result.stderr.splitlines() if "vector tiles" in line]
    assert len(lines) == 1
    assert re.fullmatch(
        rf"geo: context layer cables: \d+ vertices: written as \d+ vector tiles to "
        rf"{re.escape(str(archive))} \(\d+\.\d MiB\); the map reads them when served: "
        rf"geo serve {re.escape(str(workspace / 'maps'))}", lines[0]), lines[0]
