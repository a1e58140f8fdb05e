"""geo export: every format written, read back with pyogrio and geopandas, and compared
with the catalogue; options, errors and atomic writes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely

from geo import export as export_module
from geo.export import FORMATS, write_export, write_layer_files
from geo.geodesy import path_length_m
from geo.layers import LAYER_NAMES, build_layers

# how each format is written (CLI arguments) and read back (file name, reader options)
WRITES = {
    "geojson": ("all.geojson", []),
    "geojsonseq": ("all.geojsonl", ["--format", "geojsonseq"]),
    "geojsonseq-rs": ("all.geojsons", ["--format", "geojsonseq", "--rs"]),
    "gpkg": ("all.gpkg", []),
    "csv": ("all.csv", []),
}
FLAT = {"gpkg", "csv"}


def norm(v):
    """A read-back value as plain Python: NaN -> None, arrays -> lists, numpy -> Python."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, np.ndarray):
        return [norm(x) for x in v.tolist()]
    if isinstance(v, np.generic):
        return norm(v.item())
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    return v


def read_layers(path: Path, fmt: str, reader: str) -> dict[str, gpd.GeoDataFrame]:
    """The file's features by layer, read with pyogrio or geopandas."""
    read = pyogrio.read_dataframe if reader == "pyogrio" else gpd.read_file
    if fmt == "gpkg":
        assert [name for name, _type in pyogrio.list_layers(path)] == list(LAYER_NAMES)
        return {name: read(path, layer=name) for name in LAYER_NAMES}
    options = {"EMPTY_STRING_AS_NULL": "YES"} if fmt == "csv" else {}
    frame = read(path, **options)
    return {name: frame[frame["layer"] == name].reset_index(drop=True)
            for name in frame["layer"].unique()}


def as_list(value, flat):
    value = norm(value)
    if flat:
        return value.split("; ") if value else []
    return value or []


def as_float(value):
    return float(value) if isinstance(value, str) else norm(value)


def as_bool(value):
    return {"true": True, "false": False}[value] if isinstance(value, str) else bool(value)


def assert_matches_catalogue(layers, cat, flat, fmt):
    """Every layer holds the catalogue's entities, in order, with their facts and sources."""
    built = build_layers(cat)
    assert list(layers) == list(LAYER_NAMES)
    for name, frame in layers.items():
        entities = list(cat.by_kind(name).values())
        assert list(frame["id"]) == [e.id for e in entities], name
        for row, entity, drawn in zip(frame.to_dict("records"), entities,
                                      built[name].geometry, strict=True):
            where = f"{fmt}: {name}: {entity.id}"
            assert row["name"] == entity.name, where
            assert row["kind"] == getattr(entity, "kind", "corridor"), where
            assert norm(row["status"]) == getattr(entity, "status", None), where
            assert as_list(row["aliases"], flat) == entity.aliases, where
            records = cat.source_records(entity)
            if flat:
                assert json.loads(row["sources"]) == records, where
                assert int(row["source_count"]) == len(records), where
                quotes = [r["quote"] for r in records if r["quote"]]
                assert norm(row["source_quote"]) == (quotes[0] if quotes else None), where
            else:
                assert norm(row["sources"]) == records, where
            # geometry: the catalogue's positions, rounded to 6 decimals
            got = shapely.get_coordinates(row["geometry"])
            want = shapely.get_coordinates(drawn)
            assert got.shape == want.shape, where
            # a feature with no place (Liquid Telecom: no head office) has no coordinates
            assert not want.size or np.abs(got - want).max() <= 5e-7, where
            check_layer_fields(name, row, entity, cat, flat, where)


def check_layer_fields(name, row, entity, cat, flat, where):
    if name == "sites":
        lon, lat = cat.site_position(entity.id)
        assert (row["geometry"].x, row["geometry"].y) == pytest.approx((lon, lat), abs=5e-7)
        if "lon" in row:  # CSV
            assert (float(row["lon"]), float(row["lat"])) == (row["geometry"].x,
                                                              row["geometry"].y)
        assert row["precision"] == cat.site_precision(entity.id), where
        assert as_list(row["tenants"], flat) == cat.tenants(entity.id), where
        assert norm(row["operator"]) == entity.operator, where
        assert norm(row["host"]) == entity.host, where
    elif name == "routes":
        lengths = [path_length_m(s) for s in cat.route_segments(entity.id)]
        assert as_float(row["length_m"]) == pytest.approx(sum(lengths), rel=1e-12), where
        for medium in ("submarine", "terrestrial", "unspecified"):
            want = sum(m for m, s in zip(lengths, entity.segments, strict=True)
                       if s.medium == medium)
            assert as_float(row[f"{medium}_m"]) == pytest.approx(want, rel=1e-12), where
        assert as_list(row["operators"], flat) == entity.operators, where
        assert as_bool(row["schematic"]) == entity.schematic, where
        segments = json.loads(row["segments"]) if flat else norm(row["segments"])
        assert [s["medium"] for s in segments] == [s.medium for s in entity.segments]
        assert sum(s["length_m"] for s in segments) == pytest.approx(sum(lengths), rel=1e-12)
    elif name == "corridors":
        assert as_list(row["routes"], flat) == entity.routes, where
    elif name == "organisations":
        if entity.headquarters is None:   # no place: a null geometry (no head office)
            assert row["geometry"] is None and norm(row["headquarters"]) is None, where
        else:
            hq = cat.site_position(entity.headquarters)
            assert (row["geometry"].x, row["geometry"].y) == pytest.approx(hq, abs=5e-7), where
            assert row["headquarters"] == entity.headquarters
        assert row["country"] == entity.country
    elif name == "agreements":
        assert as_list(row["parties"], flat) == entity.parties, where
        assert as_list(row["subjects"], flat) == entity.subjects, where
        assert norm(row["date"]) == entity.date, where
        assert norm(row["venue"]) == entity.venue, where


@pytest.fixture(scope="module")
def written(tmp_path_factory, repo_root, runner):
    """Every format written once by the CLI from the shipped workspace."""
    folder = tmp_path_factory.mktemp("export")
    out = {}
    for key, (name, args) in WRITES.items():
        path = folder / name
        runner("export", *args, "-o", str(path), "-w", str(repo_root), expect=0)
        out[key] = path
    return out


@pytest.mark.parametrize("reader", ["pyogrio", "geopandas"])
@pytest.mark.parametrize("key", list(WRITES))
def test_every_format_reads_back_as_the_catalogue(written, catalog, key, reader):
    path = written[key]
    fmt = "geojsonseq" if key.startswith("geojsonseq") else key
    layers = read_layers(path, fmt, reader)
    assert_matches_catalogue(layers, catalog, fmt in FLAT, key)
    driver = pyogrio.read_info(path, layer=0)["driver"]
    assert driver == {"geojson": "GeoJSON", "geojsonseq": "GeoJSONSeq", "gpkg": "GPKG",
                      "csv": "CSV"}[fmt]


def test_geopackage_tables_are_typed(written):
    info = pyogrio.read_info(written["gpkg"], layer="routes")
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    subtypes = dict(zip(info["fields"], info["ogr_subtypes"], strict=True))
    assert types["length_m"] == "OFTReal" and types["latency_ms"] == "OFTReal"
    assert types["source_count"] in ("OFTInteger", "OFTInteger64")
    assert subtypes["schematic"] == "OFSTBoolean"
    assert info["crs"] == "EPSG:4326"
    for name in LAYER_NAMES:
        info = pyogrio.read_info(written["gpkg"], layer=name)
        assert info["crs"] == "EPSG:4326"
        # a fixed schema: the geometry type does not depend on what the catalogue holds
        assert info["geometry_type"] == export_module.GPKG_GEOMETRY_TYPES[name]


def test_an_empty_workspace_exports_empty_layers(tmp_path, runner):
    from geo.workspace import init_workspace

    ws = init_workspace(tmp_path / "empty").root
    doc = json.loads(runner("export", "-w", str(ws), expect=0).stdout)
    assert doc == {"type": "FeatureCollection", "features": []}
    runner("export", "-o", str(tmp_path / "empty.gpkg"), "-w", str(ws), expect=0)
    for name, kind in pyogrio.list_layers(tmp_path / "empty.gpkg"):
        assert kind == export_module.GPKG_GEOMETRY_TYPES[name]
        assert len(pyogrio.read_dataframe(tmp_path / "empty.gpkg", layer=name)) == 0
    assert runner("export", "--format", "csv", "-w", str(ws),
                  expect=0).stdout.startswith("layer,id,name,kind,status")


def test_files_match_what_stdout_gets(written, repo_root, runner):
    for key in ("geojson", "geojsonseq", "geojsonseq-rs", "csv"):
        args = WRITES[key][1]
        if key == "csv":
            args = ["--format", "csv"]
        assert runner("export", *args, "-o", "-", "-w", str(repo_root),
                      expect=0).stdout_bytes == written[key].read_bytes()


def test_selected_layers_only(repo_root, catalog, tmp_path, runner):
    doc = json.loads(runner("export", "--layer", "agreements", "--layer", "sites", "-w",
                            str(repo_root), expect=0).stdout)
    assert {f["properties"]["layer"] for f in doc["features"]} == {"sites", "agreements"}
    assert len(doc["features"]) == len(catalog.sites) + len(catalog.agreements)
    path = tmp_path / "routes.gpkg"
    runner("export", "--layer", "routes", "-o", str(path), "-w", str(repo_root), expect=0)
    assert [n for n, _ in pyogrio.list_layers(path)] == ["routes"]
    frame = gpd.read_file(path, layer="routes")
    assert list(frame["id"]) == list(catalog.routes)


def test_format_follows_the_suffix_unless_given(repo_root, tmp_path, runner):
    runner("export", "--layer", "sites", "-o", str(tmp_path / "s.csv"), "-w", str(repo_root),
           expect=0)
    assert (tmp_path / "s.csv").read_text(encoding="utf-8").startswith("layer,id,name")
    runner("export", "--layer", "sites", "--format", "csv", "-o", str(tmp_path / "s.txt"), "-w",
           str(repo_root), expect=0)
    assert (tmp_path / "s.txt").read_bytes() == (tmp_path / "s.csv").read_bytes()


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize(("args", "needles"), [
    (["--layer", "cables"], ["'cables'", *LAYER_NAMES]),
    (["--format", "shp"], ["'shp'", *FORMATS]),
    (["--format", "gpkg"], ["stdout", "-o"]),
    (["--format", "gpkg", "-o", "-"], ["stdout"]),
    (["--rs"], ["--rs"]),
    (["--format", "geojsonseq", "--indent", "2"], ["--indent"]),
    (["--indent", "2", "--compact"], ["--indent", "--compact"]),
    (["--format", "csv", "--compact"], ["csv"]),
    (["--precision", "-2"], ["precision", "-2"]),
])
def test_bad_options_exit_2_and_say_why(repo_root, args, needles, runner):
    result = runner("export", *args, "-w", str(repo_root), expect=2)
    assert result.stdout == ""
    for needle in needles:
        assert needle in result.stderr


def test_a_bad_precision_names_the_option(repo_root, runner):
    result = runner("export", "--precision", "-2", "-w", repo_root, expect=2)
    assert result.stderr == ("geo: error: --precision: coordinate precision -2: expected -1 "
                             "(no rounding) or a number of decimals >= 0\n")


def test_a_sequence_is_not_written_to_a_geojson_file(repo_root, tmp_path, runner):
    target = tmp_path / "x.geojson"
    result = runner("export", "--format", "geojsonseq", "-o", str(target), "-w", str(repo_root),
                    expect=2)
    assert "FeatureCollection" in result.stderr and not target.exists()


def test_a_folder_is_not_an_output_file(repo_root, tmp_path, runner):
    result = runner("export", "-o", str(tmp_path), "-w", str(repo_root), expect=2)
    assert "folder" in result.stderr


def test_a_path_ending_in_a_slash_names_a_folder_not_a_file(repo_root, tmp_path, runner):
    target = tmp_path / "new"
    result = runner("export", "-o", f"{target}/", "-w", str(repo_root), expect=2)
    assert result.stderr == f"geo: error: {target}/: is a folder; name the file to write\n"
    assert not target.exists()


@pytest.mark.parametrize(("fmt", "name", "implied"), [
    ("gpkg", "x.geojson", "geojson"),
    ("csv", "x.gpkg", "gpkg"),
    ("geojson", "x.csv", "csv"),
    ("geojsonseq", "x.json", "geojson"),
])
def test_a_suffix_that_names_another_format_is_refused(repo_root, tmp_path, fmt, name,
                                                       implied, runner):
    target = tmp_path / name
    result = runner("export", "--format", fmt, "-o", str(target), "-w", str(repo_root), expect=2)
    assert result.stderr.startswith(f"geo: error: {target}: a {target.suffix} file holds "
                                    f"{implied}, not {fmt}")
    assert list(tmp_path.iterdir()) == []


def test_an_invalid_workspace_exits_2_and_writes_nothing(workspace, tmp_path, runner):
    (workspace / "data" / "sites.toml").write_text("[[site]]\nid = 'x'\n", encoding="utf-8")
    target = tmp_path / "out.geojson"
    result = runner("export", "-o", str(target), "-w", str(workspace), expect=2)
    assert "nothing written" in result.stderr and not target.exists()


# ------------------------------------------------------------------ existing outputs


@pytest.mark.parametrize("name", ["old.geojson", "old.gpkg", "old.csv", "old.geojsonl"])
def test_an_existing_file_needs_overwrite(repo_root, tmp_path, name, runner):
    target = tmp_path / name
    target.write_bytes(b"earlier output")
    result = runner("export", "-o", str(target), "-w", str(repo_root), expect=2)
    assert "--overwrite" in result.stderr
    assert target.read_bytes() == b"earlier output"
    runner("export", "-o", str(target), "--overwrite", "-w", str(repo_root), expect=0)
    assert pyogrio.read_info(target, layer=0)["features"] > 0


def test_a_failed_geojson_export_leaves_the_earlier_file(repo_root, tmp_path, monkeypatch, runner):
    target = tmp_path / "layers.geojson"
    runner("export", "-o", str(target), "-w", str(repo_root), expect=0)
    before = target.read_bytes()

    def half_then_fail(self, text, *args, **kwargs):
        with open(self, "w", encoding="utf-8") as fh:
            fh.write(text[: len(text) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", half_then_fail)
    result = runner("export", "-o", str(target), "--overwrite", "--precision", "2", "-w",
                    str(repo_root), expect=2)
    assert "No space left on device" in result.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["layers.geojson"]  # no temp left


def test_a_failed_geopackage_export_leaves_the_earlier_file(repo_root, tmp_path,
                                                             monkeypatch, runner):
    target = tmp_path / "layers.gpkg"
    runner("export", "-o", str(target), "-w", str(repo_root), expect=0)
    before = target.read_bytes()
    real = pyogrio.write_dataframe
    calls = []

    def fail_on_third_layer(df, path, layer=None, **kwargs):
        calls.append(layer)
        if len(calls) == 3:
            raise pyogrio.errors.DataLayerError(f"simulated failure writing {layer}")
        return real(df, path, layer=layer, **kwargs)

    monkeypatch.setattr(pyogrio, "write_dataframe", fail_on_third_layer)
    result = runner("export", "-o", str(target), "--overwrite", "-w", str(repo_root), expect=2)
    assert "simulated failure writing corridors" in result.stderr
    assert calls == ["sites", "routes", "corridors"]
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["layers.gpkg"]


def test_library_refuses_to_overwrite_by_default(catalog, tmp_path):
    layers = build_layers(catalog, ["sites"])
    target = tmp_path / "sites.csv"
    write_export(layers, target)
    from geo.errors import InputError

    with pytest.raises(InputError, match="already exists"):
        write_export(layers, target)
    assert write_export(layers, target, overwrite=True) == target


# ------------------------------------------------------------------ maps/<layer>.geojson


def test_write_layer_files_one_collection_per_layer(catalog, tmp_path):
    layers = build_layers(catalog)
    paths = write_layer_files(layers, tmp_path / "maps")
    assert paths == [tmp_path / "maps" / f"{name}.geojson" for name in LAYER_NAMES]
    for name, path in zip(LAYER_NAMES, paths, strict=True):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection"
        assert [f["id"] for f in doc["features"]] == list(catalog.by_kind(name))
        frame = pyogrio.read_dataframe(path)
        assert list(frame["id"]) == list(catalog.by_kind(name))
        assert len(gpd.read_file(path)) == len(catalog.by_kind(name))


def test_write_layer_files_keeps_earlier_files_on_failure(catalog, tmp_path, monkeypatch):
    layers = build_layers(catalog, ["sites", "routes"])
    paths = write_layer_files(layers, tmp_path)
    before = [p.read_bytes() for p in paths]
    from pathlib import Path

    from geo.errors import OutputError

    real_write_text = Path.write_text
    calls = []

    def second_write_fails(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:  # the routes file: sites.geojson is already written (to its temp)
            raise OSError(5, "I/O error")
        return real_write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", second_write_fails)
    with pytest.raises(OutputError, match="I/O error"):
        write_layer_files(layers, tmp_path, precision=1)
    monkeypatch.undo()
    assert len(calls) == 2
    # neither file replaced, not even the one whose new text was complete; no temp left
    assert [p.read_bytes() for p in paths] == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


def test_geo_build_writes_every_layer_into_maps(workspace, catalog, runner):
    result = runner("build", "-w", str(workspace), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for name in LAYER_NAMES:
        path = workspace / "maps" / f"{name}.geojson"
        assert path.exists(), result.stderr
        frame = pyogrio.read_dataframe(path)
        assert list(frame["id"]) == list(catalog.by_kind(name))
        assert f"{name}.geojson" in result.stderr


def test_atomic_writes_reach_the_disk_before_the_rename(tmp_path, monkeypatch):
    import os

    import geo.atomic

    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", str(src)))
        return real_replace(src, dst)

    monkeypatch.setattr(geo.atomic.os, "fsync", fsync)
    monkeypatch.setattr(geo.atomic.os, "replace", replace)
    target = tmp_path / "out.geojson"
    geo.atomic.write_text_atomic(target, "{}\n")
    assert target.read_text(encoding="utf-8") == "{}\n"
    assert [e[0] for e in events] == ["fsync", "replace"]
    assert events[0][1] == events[1][1]  # the temporary file, flushed, then renamed
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("where", ["afile/x.geojson", "afile/sub/x.geojson"])
def test_a_file_in_the_way_of_the_output_folder_is_said_plainly(repo_root, tmp_path, where, runner):
    (tmp_path / "afile").write_text("keep me", encoding="utf-8")
    result = runner("export", "-o", str(tmp_path / where), "-w", str(repo_root), expect=2)
    folder = (tmp_path / where).parent
    assert result.stderr == (f"geo: error: {folder}: cannot create the output folder: a file "
                             "is in the way (it or a folder above it is a file)\n")
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "keep me"
