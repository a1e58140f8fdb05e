"""A map's tile archives (``maps/connectivity.tiles/*.pmtiles``) are part of the build's
atomic set (geo.atomic.write_file_set): written to temporary files and renamed with the map
and the layer files under the same lock and journal, so a failed, killed or refused build
leaves the old map with its old archives, or the new map with its new ones; archives the
new map no longer reads are removed with the set (only ``*.pmtiles`` files, never anything
else; the folder when left empty)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import geo.atomic
import geo.errors
import geo.tiles

CABLES = Path(__file__).parent / "data" / "context" / "cables.geojson"


@pytest.fixture
def tiled(monkeypatch):
    """Every context layer of more than 10 vertices is written as tiles."""
    monkeypatch.setattr(geo.tiles, "TILE_VERTEX_THRESHOLD", 10)


def _renamed_cables(tmp_path: Path) -> Path:
    """cables.geojson with one cable renamed (so its archive's bytes differ)."""
    data = json.loads(CABLES.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["name"] = "Pacific Link (renamed)"
    path = tmp_path / "cables.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes)."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build_tiled(runner, workspace: Path, cables: Path = CABLES):
    return runner("build", "--offline", "--context", cables, "-w", workspace, expect=0)


def test_a_failure_before_the_map_is_renamed_leaves_old_map_and_archives(
        workspace, tmp_path, monkeypatch, runner, tiled):
    _build_tiled(runner, workspace)
    maps = workspace / "maps"
    tiles = maps / "connectivity.tiles"
    archive = tiles / "cables.pmtiles"
    before = _snapshot(maps)
    assert "connectivity.tiles/cables.pmtiles" in before
    real_fsync = geo.atomic._fsync
    seen_new_archive: list[bool] = []

    def failing(path: Path) -> None:
        if path.name.startswith(".connectivity.html."):  # the map, the set's last file
            # the new archive is written (a temporary file beside its target) by now
            seen_new_archive.append(any(p.name.startswith(".cables.pmtiles.")
                                        for p in tiles.iterdir()))
            raise OSError(28, "No space left on device")
        real_fsync(path)

    monkeypatch.setattr(geo.atomic, "_fsync", failing)
    renamed = _renamed_cables(tmp_path)
    failed = runner("build", "--offline", "--context", renamed, "-w", workspace)
    assert failed.exit_code == 2, failed.output
    assert failed.stderr.splitlines()[-1] == (f"geo: error: {maps / 'connectivity.html'}: "
                                              "cannot write: No space left on device")
    assert seen_new_archive == [True]
    # byte for byte the earlier set: the old map, its old archive, no temporary file
    assert _snapshot(maps) == before
    monkeypatch.setattr(geo.atomic, "_fsync", real_fsync)
    _build_tiled(runner, workspace, renamed)
    assert archive.read_bytes() != before["connectivity.tiles/cables.pmtiles"]
    assert sorted(p.name for p in tiles.iterdir()) == ["cables.pmtiles"]


def test_a_build_killed_after_the_archive_is_renamed_is_completed_by_the_next(
        workspace, tmp_path, runner, tiled):
    _build_tiled(runner, workspace)
    maps = workspace / "maps"
    archive = maps / "connectivity.tiles" / "cables.pmtiles"
    old_map, old_archive = (maps / "connectivity.html").read_bytes(), archive.read_bytes()
    renamed = _renamed_cables(tmp_path)
    script = ("import sys, geo.tiles; geo.tiles.TILE_VERTEX_THRESHOLD = 10; "
              "from geo.build import build; from geo.context import ContextSpec; "
              "build(sys.argv[1], offline=True, context=[ContextSpec(sys.argv[2])])")
    env = {**os.environ, geo.atomic.CRASH_AFTER_RENAMES_ENV: "1"}  # the archive, not the map
    killed = subprocess.run([sys.executable, "-c", script, str(workspace), str(renamed)],
                            env=env, capture_output=True, text=True, timeout=60)
    assert killed.returncode in (-signal.SIGKILL, 137), killed.stderr
    journal = json.loads((maps / geo.atomic.JOURNAL_NAME).read_text(encoding="utf-8"))
    targets = [target for _tmp, target in journal["pairs"]]  # the archive first, the map last
    assert (targets[0], targets[-1]) == ("connectivity.tiles/cables.pmtiles", "connectivity.html")
    new_archive = archive.read_bytes()
    assert new_archive != old_archive  # renamed (streamed files go first)
    assert (maps / "connectivity.html").read_bytes() == old_map  # not yet replaced
    done = runner("build", "--offline", "--context", renamed, "-w", workspace, expect=0)
    assert f"geo: warning: {maps}: completed the interrupted build of " in done.stderr
    assert archive.read_bytes() == new_archive
    assert [p.name for p in maps.rglob(".*")] == []  # no journal, lock or temporary file


def test_a_rebuild_without_the_big_layer_removes_its_archive_and_the_folder(
        workspace, runner, tiled):
    _build_tiled(runner, workspace)
    tiles = workspace / "maps" / "connectivity.tiles"
    assert (tiles / "cables.pmtiles").is_file()
    runner("build", "--offline", "-w", workspace, expect=0)
    assert not tiles.exists()
    page = (workspace / "maps" / "connectivity.html").read_text(encoding="utf-8")
    assert "connectivity.tiles/" not in page


def test_a_rebuild_removes_only_the_archives_geo_wrote(workspace, tmp_path, runner, tiled):
    _build_tiled(runner, workspace)
    tiles = workspace / "maps" / "connectivity.tiles"
    (tiles / "old-layer.pmtiles").write_bytes(b"an archive no map reads any more")
    (tiles / "notes.txt").write_text("not geo's", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.pmtiles"
    elsewhere.write_bytes(b"someone else's archive")
    (tiles / "linked.pmtiles").symlink_to(elsewhere)
    kept = (tiles / "cables.pmtiles").read_bytes()
    _build_tiled(runner, workspace)  # the same big layer: its archive stays
    assert sorted(p.name for p in tiles.iterdir()) == ["cables.pmtiles", "linked.pmtiles",
                                                        "notes.txt"]
    assert (tiles / "cables.pmtiles").read_bytes() == kept
    runner("build", "--offline", "-w", workspace, expect=0)  # no big layer
    assert sorted(p.name for p in tiles.iterdir()) == ["linked.pmtiles", "notes.txt"]
    assert elsewhere.read_bytes() == b"someone else's archive"


@pytest.mark.skipif(geo.atomic.fcntl is None, reason="no fcntl: no locking")
def test_a_concurrent_build_is_refused_before_it_writes_any_archive(
        workspace, tmp_path, monkeypatch, runner, tiled):
    import fcntl

    _build_tiled(runner, workspace)
    maps = workspace / "maps"
    before = _snapshot(maps)
    lock = maps / geo.atomic.LOCK_NAME
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another build is writing
        monkeypatch.setattr(geo.atomic, "LOCK_TIMEOUT_S", 0.3)
        result = runner("build", "--offline", "--context", _renamed_cables(tmp_path),
                        "-w", workspace)
    finally:
        os.close(fd)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"geo: error: {maps}: another geo build has been writing into this folder for "
        f"0.3 s (it holds {lock}); try again when it has finished")
    lock.unlink()  # the test's
    assert _snapshot(maps) == before


def test_a_killed_build_without_the_big_layer_removes_its_archive_when_completed(
        workspace, runner, tiled):
    _build_tiled(runner, workspace)
    maps = workspace / "maps"
    tiles = maps / "connectivity.tiles"
    script = ("import sys; from geo.build import build; build(sys.argv[1], offline=True)")
    env = {**os.environ, geo.atomic.CRASH_AFTER_RENAMES_ENV: "1"}  # a layer file, not the map
    killed = subprocess.run([sys.executable, "-c", script, str(workspace)],
                            env=env, capture_output=True, text=True, timeout=60)
    assert killed.returncode in (-signal.SIGKILL, 137), killed.stderr
    journal = json.loads((maps / geo.atomic.JOURNAL_NAME).read_text(encoding="utf-8"))
    assert journal["remove"] == ["connectivity.tiles/cables.pmtiles"]
    assert (tiles / "cables.pmtiles").is_file()  # the old map still reads it
    done = runner("build", "--offline", "-w", workspace, expect=0)
    assert f"geo: warning: {maps}: completed the interrupted build of " in done.stderr
    assert "; removed 1 file it no longer had" in done.stderr
    assert not tiles.exists()


def test_write_file_set_streams_and_prunes(tmp_path):
    folder = tmp_path / "out"
    tiles = folder / "x.tiles"
    tiles.mkdir(parents=True)
    (tiles / "old.pmtiles").write_bytes(b"old")
    (tiles / "keep.txt").write_text("kept", encoding="utf-8")

    def stream(out) -> None:
        for _ in range(4):
            out.write(b"0123456789" * 1000)

    written = geo.atomic.write_file_set(
        {folder / "x.html": "page"}, streams={tiles / "new.pmtiles": stream},
        prune={tiles: ".pmtiles"})
    assert written.paths == [folder / "x.html"]
    assert written.streamed == [tiles / "new.pmtiles"]
    assert written.removed == [tiles / "old.pmtiles"]
    assert (tiles / "new.pmtiles").read_bytes() == b"0123456789" * 4000
    assert sorted(p.name for p in tiles.iterdir()) == ["keep.txt", "new.pmtiles"]
    assert sorted(p.name for p in folder.iterdir()) == ["x.html", "x.tiles"]

    def failing(out) -> None:
        out.write(b"partial")
        raise OSError(28, "No space left on device")

    with pytest.raises(geo.errors.OutputError,
                       match=r"new\.pmtiles: cannot write: No space left on device"):
        geo.atomic.write_file_set({folder / "x.html": "page 2"},
                                  streams={tiles / "new.pmtiles": failing},
                                  prune={tiles: ".pmtiles"})
    assert (folder / "x.html").read_text(encoding="utf-8") == "page"
    assert sorted(p.name for p in tiles.iterdir()) == ["keep.txt", "new.pmtiles"]
