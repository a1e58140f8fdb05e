"""Bad-input sweep of issue #17, the output side: every way an output can fail or mislead
gives one clear line and the documented exit code, never a traceback; symbolic links are
written through; CSV cells a spreadsheet would run are counted (and prefixed on request);
`geo build` survives a kill between its renames and a concurrent build."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import geo.atomic
from geo.cli.options import EXIT_BROKEN_PIPE

LAYER_FILES = [f"{name}.geojson" for name in
               ("sites", "routes", "corridors", "organisations", "agreements")]


def geo_process(*args: str, env: dict[str, str] | None = None, **kwargs):
    """``geo ARGS`` in a fresh interpreter (bounded: 120 s)."""
    return subprocess.run([sys.executable, "-m", "geo", *args], env={**os.environ, **(env or {})},
                          timeout=120, **kwargs)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


def copy_workspace(src: Path, dest: Path) -> Path:
    dest.mkdir()
    shutil.copytree(src / "seeds", dest / "seeds")
    shutil.copytree(src / "data", dest / "data")
    return dest


def rename_tbilisi(ws: Path, name: str) -> None:
    sites = ws / "data" / "sites.toml"
    text = sites.read_text(encoding="utf-8")
    assert 'name = "Tbilisi"\n' in text
    sites.write_text(text.replace('name = "Tbilisi"\n', f"name = {json.dumps(name)}\n", 1),
                     encoding="utf-8")


# ------------------------------------------------------------------ 1. stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", [["export"], ["export", "--format", "csv"], ["list"]])
def test_a_full_stdout_is_one_line_and_exit_2(repo_root, args):
    with open("/dev/full", "wb") as full:
        result = geo_process(*args, "-w", str(repo_root), stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2, result.stderr
    assert result.stderr.decode() == ("geo: error: cannot write to stdout: "
                                      "No space left on device\n")


@pytest.mark.skipif(not hasattr(signal, "SIGPIPE"), reason="no pipes with SIGPIPE")
def test_a_closed_pipe_ends_export_quietly(repo_root):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before geo writes a byte: EPIPE
    try:
        result = geo_process("export", "-w", str(repo_root), stdout=write_end,
                             stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert result.returncode == EXIT_BROKEN_PIPE == 141
    assert result.stderr == b""


# ------------------------------------------------------------------ 2. read-only folder


@pytest.fixture
def read_only_maps(workspace, monkeypatch):
    """``workspace/maps`` made read-only; as root (for whom the mode changes nothing) the
    refusal the kernel would give is emulated: creating a file there raises EACCES."""
    maps = workspace / "maps"
    maps.mkdir()
    maps.chmod(0o555)
    probe = maps / "probe"
    try:
        probe.write_text("x", encoding="utf-8")
    except PermissionError:
        pass  # not root: the mode is enough
    else:
        probe.unlink()
        real_open = os.open

        def refusing_open(path, flags, *args, **kwargs):
            if flags & os.O_CREAT and Path(path).parent.resolve() == maps.resolve():
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)
    yield maps
    maps.chmod(0o755)


def test_a_read_only_maps_folder_fails_build_with_one_line(workspace, read_only_maps, runner):
    result = runner("build", "-w", str(workspace))
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"geo: error: {read_only_maps}: cannot write into this folder: "
                             "Permission denied\n")
    assert list(read_only_maps.iterdir()) == []


def test_a_read_only_folder_fails_export_with_one_line(workspace, read_only_maps, runner):
    target = read_only_maps / "x.geojson"
    result = runner("export", "-w", str(workspace), "-o", str(target))
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"geo: error: {target}: cannot write into {read_only_maps}: "
                             "Permission denied\n")
    assert list(read_only_maps.iterdir()) == []


# ------------------------------------------------------------------ 3. a file in the way


def test_an_output_under_a_file_is_exit_2(repo_root, workspace, tmp_path, runner):
    afile = tmp_path / "afile"
    afile.write_text("keep me", encoding="utf-8")
    expected = (f"geo: error: {afile}: cannot create the output folder: a file is in the way "
                "(it or a folder above it is a file)\n")
    export = runner("export", "-w", str(repo_root), "-o", str(afile / "out.geojson"))
    assert (export.exit_code, export.stderr) == (2, expected)
    build = runner("build", "-w", str(workspace), "-o", str(afile / "map.html"))
    assert (build.exit_code, build.stderr) == (2, expected)
    assert afile.read_text(encoding="utf-8") == "keep me"


def test_init_under_a_file_is_exit_2(tmp_path, runner):
    afile = tmp_path / "afile"
    afile.write_text("keep me", encoding="utf-8")
    result = runner("init", str(afile / "ws"))
    assert result.exit_code == 2
    assert result.stderr == (f"geo: error: {afile / 'ws'}: cannot be created: {afile} is a "
                             "file, not a folder; name a folder for the workspace\n")
    assert afile.read_text(encoding="utf-8") == "keep me"


# ------------------------------------------------------------------ 4. suffixes

SUPPORTED = (".geojson or .json (geojson), .geojsonl, .geojsonseq, .geojsons or .ndjson "
             "(geojsonseq), .gpkg (gpkg) or .csv (csv)")


@pytest.mark.parametrize(("args", "name", "message"), [
    ([], "out.shp", "a .shp file holds a Shapefile, which geo does not write; name a file "
                    f"ending in {SUPPORTED}"),
    ([], "out.txt", f"a .txt file names no format geo writes; name a file ending in "
                    f"{SUPPORTED}, or name the format with --format"),
    ([], "out", f"a file name without a suffix names no format geo writes; name a file "
                f"ending in {SUPPORTED}, or name the format with --format"),
    (["--format", "geojson"], "out.shp", "a .shp file holds a Shapefile, not geojson; "
                                         "name a file with a matching suffix"),
    (["--format", "csv"], "out.kml", "a .kml file holds KML, not csv; name a file with a "
                                     "matching suffix"),
    (["--format", "gpkg"], "out.txt", "a GeoPackage is named *.gpkg, not *.txt; name a "
                                      ".gpkg file"),
])
def test_a_suffix_that_names_no_written_format_is_refused(repo_root, tmp_path, args, name,
                                                          message, runner):
    target = tmp_path / name
    result = runner("export", "-w", str(repo_root), *args, "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"geo: error: {target}: {message}\n"
    assert list(tmp_path.iterdir()) == []


def test_stdout_and_a_given_format_for_a_plain_name_still_work(repo_root, tmp_path, runner):
    for args in (["-o", "-"], []):
        result = runner("export", "-w", str(repo_root), "--layer", "routes", *args)
        assert result.exit_code == 0
        assert json.loads(result.stdout)["type"] == "FeatureCollection"
    result = runner("export", "-w", str(repo_root), "--format", "geojson", "-o",
                    str(tmp_path / "routes.txt"), "--layer", "routes")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "routes.txt").read_text(encoding="utf-8"))["features"]


# ------------------------------------------------------------------ 5. symbolic links


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_export_writes_through_a_symbolic_link(repo_root, tmp_path, runner):
    real = tmp_path / "real" / "routes.geojson"
    real.parent.mkdir()
    real.write_text("earlier", encoding="utf-8")
    link = tmp_path / "link.geojson"
    link.symlink_to(real)
    args = ["export", "-w", str(repo_root), "--layer", "routes", "-o", str(link)]
    refused = runner(*args)
    assert refused.exit_code == 2 and "already exists" in refused.stderr  # the file behind it
    assert runner(*args, "--overwrite").exit_code == 0
    assert link.is_symlink() and link.readlink() == real
    assert json.loads(real.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert sorted(p.name for p in real.parent.iterdir()) == ["routes.geojson"]  # no temp


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_dangling_link_has_its_target_created_and_a_loop_is_refused(repo_root, tmp_path, runner):
    real = tmp_path / "real.csv"
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(real)
    result = runner("export", "-w", str(repo_root), "--layer", "sites", "-o", str(dangling))
    assert result.exit_code == 0, result.output
    assert dangling.is_symlink() and real.read_text(encoding="utf-8").startswith("layer,id")
    loop = tmp_path / "loop.geojson"
    loop.symlink_to(tmp_path / "loop2.geojson")
    (tmp_path / "loop2.geojson").symlink_to(loop)
    result = runner("export", "-w", str(repo_root), "-o", str(loop))
    assert result.exit_code == 2
    assert result.stderr == (f"geo: error: {loop}: is a loop of symbolic links; cannot write "
                             "through it\n")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_build_writes_its_map_and_layers_through_links(workspace, tmp_path, runner):
    maps = workspace / "maps"
    maps.mkdir()
    elsewhere = tmp_path / "published"
    elsewhere.mkdir()
    (maps / "sites.geojson").symlink_to(elsewhere / "sites.geojson")  # dangling
    (maps / "connectivity.html").symlink_to(elsewhere / "map.html")
    (elsewhere / "map.html").write_text("earlier", encoding="utf-8")
    result = runner("build", "-w", str(workspace))
    assert result.exit_code == 0, result.output
    assert (maps / "sites.geojson").is_symlink() and (maps / "connectivity.html").is_symlink()
    assert json.loads((elsewhere / "sites.geojson").read_text(encoding="utf-8"))["features"]
    assert "leaflet" in (elsewhere / "map.html").read_text(encoding="utf-8").lower()
    assert temp_files(maps) == [] and temp_files(elsewhere) == []


# ------------------------------------------------------------------ 6. CSV and spreadsheets


@pytest.fixture
def formula_workspace(workspace):
    """The shipped catalogue with three text cells that begin like formulas (a name, an
    alias list, a note) in the tbilisi site; the shipped catalogue has none."""
    rename_tbilisi(workspace, '=HYPERLINK("http://example.invalid")')
    sites = workspace / "data" / "sites.toml"
    sites.write_text(sites.read_text(encoding="utf-8").replace(
        'name = "=HYPERLINK', 'aliases = ["@tbilisi", "Tiflis"]\n'
        'notes = "+995 is the country code"\nname = "=HYPERLINK', 1), encoding="utf-8")
    return workspace


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_keeps_formula_cells_exact_and_warns_once(formula_workspace, repo_root, runner):
    warning = ("geo: warning: 3 CSV cells begin with =, +, -, @, tab or CR, which a "
               "spreadsheet may run as a formula; --csv-safe prefixes them with ' for "
               "spreadsheets\n")
    result = runner("export", "-w", str(formula_workspace), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == warning
    row = next(r for r in csv_rows(result.stdout) if r["id"] == "tbilisi")
    assert row["name"] == '=HYPERLINK("http://example.invalid")'
    assert (row["aliases"], row["notes"]) == ("@tbilisi; Tiflis", "+995 is the country code")
    shipped = runner("export", "-w", str(repo_root), "--format", "csv")
    assert shipped.exit_code == 0 and shipped.stderr == ""  # nothing to warn about


def test_csv_safe_prefixes_text_cells_never_numbers(formula_workspace, tmp_path, runner):
    target = tmp_path / "sites.csv"
    result = runner("export", "-w", str(formula_workspace), "--layer", "sites", "--csv-safe", "-o",
                    str(target))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    rows = csv_rows(target.read_text(encoding="utf-8"))
    row = next(r for r in rows if r["id"] == "tbilisi")
    assert row["name"] == "'=HYPERLINK(\"http://example.invalid\")"
    assert (row["aliases"], row["notes"]) == ("'@tbilisi; Tiflis", "'+995 is the country code")
    # negative coordinates are numbers: never prefixed
    south = [r for r in rows if r["lat"].startswith("-")]
    assert south and all(float(r["lat"]) < 0 for r in south)
    assert sum(v.startswith("'") for r in rows for v in r.values()) == 3
    not_csv = runner("export", "-w", str(formula_workspace), "--csv-safe")
    assert not_csv.exit_code == 2
    assert not_csv.stderr == "geo: error: --csv-safe applies only to --format csv, not geojson\n"


def test_library_counts_and_prefixes(catalog):
    from geo.export import csv_table
    from geo.layers import build_layers

    layers = build_layers(catalog, ["sites"])
    frame = layers["sites"].copy()
    frame.loc[frame.index[0], "name"] = "-2+3"
    frame.loc[frame.index[1], "name"] = "\tTab"
    exact = csv_table({"sites": frame})
    safe = csv_table({"sites": frame}, spreadsheet_safe=True)
    assert exact.formula_cells == safe.formula_cells == 2
    assert [r["name"] for r in csv_rows(exact.text)][:2] == ["-2+3", "\tTab"]
    assert [r["name"] for r in csv_rows(safe.text)][:2] == ["'-2+3", "'\tTab"]


# ------------------------------------------------------------------ 7. build atomicity


def test_a_killed_build_is_completed_by_the_next(workspace, tmp_path, runner):
    maps = workspace / "maps"
    assert geo_process("build", "-w", str(workspace), capture_output=True).returncode == 0
    rename_tbilisi(workspace, "Tbilisi (run B)")
    killed = geo_process("build", "-w", str(workspace), capture_output=True,
                         env={geo.atomic.CRASH_AFTER_RENAMES_ENV: "1"})
    assert killed.returncode in (-signal.SIGKILL, 137), killed.stderr
    # a mixed set: the first layer file is run B's, the map is still run A's
    assert b"Tbilisi (run B)" in (maps / "sites.geojson").read_bytes()
    assert b"Tbilisi (run B)" not in (maps / "connectivity.html").read_bytes()
    assert (maps / geo.atomic.JOURNAL_NAME).exists() and temp_files(maps)

    again = geo_process("build", "-w", str(workspace), capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    notice = [line for line in again.stderr.splitlines() if "interrupted build" in line]
    assert len(notice) == 1
    assert notice[0].startswith(f"geo: warning: {maps}: completed the interrupted build of ")
    assert notice[0].endswith(": 5 of its 6 files had not yet replaced the earlier ones "
                              "(a mixed set)")
    assert temp_files(maps) == [] and not (maps / geo.atomic.JOURNAL_NAME).exists()
    # the set is run B's, as a fresh build of the same catalogue writes it
    fresh = copy_workspace(workspace, tmp_path / "fresh")
    assert runner("build", "-w", str(fresh)).exit_code == 0
    for name in LAYER_FILES:
        assert (maps / name).read_bytes() == (fresh / "maps" / name).read_bytes(), name
    assert b"Tbilisi (run B)" in (maps / "connectivity.html").read_bytes()


def test_the_journal_restores_one_runs_set(workspace):
    """What the journal does on its own: any next set written into the folder first renames
    the killed run's remaining temporary files, so the folder holds that run's set."""
    maps = workspace / "maps"
    assert geo_process("build", "-w", str(workspace), capture_output=True).returncode == 0
    rename_tbilisi(workspace, "Tbilisi (run B)")
    killed = geo_process("build", "-w", str(workspace), capture_output=True,
                         env={geo.atomic.CRASH_AFTER_RENAMES_ENV: "2"})
    assert killed.returncode in (-signal.SIGKILL, 137)
    waiting = {name: next(maps.glob(f".{name}.*.tmp*")).read_bytes()
               for name in [*LAYER_FILES[2:], "connectivity.html"]}
    written = geo.atomic.write_file_set({maps / "unrelated.txt": "x\n"})
    assert len(written.notices) == 1 and ": 4 of its 6 files" in written.notices[0]
    for name, text in waiting.items():
        assert (maps / name).read_bytes() == text, name
    assert b"Tbilisi (run B)" in (maps / "connectivity.html").read_bytes()
    assert temp_files(maps) == []


def test_stale_temporary_files_are_removed_by_the_next_build(workspace, runner):
    maps = workspace / "maps"
    maps.mkdir()
    stale = [maps / ".sites.geojson.abcd1234.tmp.geojson",
             maps / ".connectivity.html.x_y_z987.tmp.html"]
    for path in stale:
        path.write_text("left by a killed build", encoding="utf-8")
    other = maps / ".notes.txt.abcd1234.tmp.txt"  # not a file of this set: not geo's to remove
    other.write_text("someone else's", encoding="utf-8")
    result = runner("build", "-w", str(workspace))
    assert result.exit_code == 0, result.output
    assert (f"geo: warning: {maps}: removed 2 temporary files left by an interrupted build\n"
            in result.stderr)
    assert not any(p.exists() for p in stale) and other.exists()


@pytest.mark.skipif(geo.atomic.fcntl is None, reason="no fcntl: no locking")
def test_a_build_waits_for_the_lock_and_gives_up_with_a_clear_line(workspace, monkeypatch, runner):
    import fcntl

    maps = workspace / "maps"
    maps.mkdir()
    lock = maps / geo.atomic.LOCK_NAME
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another build is writing
        monkeypatch.setattr(geo.atomic, "LOCK_TIMEOUT_S", 0.3)
        result = runner("build", "-w", str(workspace))
    finally:
        os.close(fd)
    assert result.exit_code == 1
    assert result.stderr == (f"geo: error: {maps}: another geo build has been writing into "
                             f"this folder for 0.3 s (it holds {lock}); try again when it "
                             "has finished\n")
    assert sorted(p.name for p in maps.iterdir()) == [geo.atomic.LOCK_NAME]  # the test's
    later = runner("build", "-w", str(workspace))  # a lock file left behind breaks nothing
    assert later.exit_code == 0, later.output
    assert sorted(p.name for p in maps.iterdir()) == sorted(["connectivity.html", *LAYER_FILES])


def test_two_concurrent_builds_both_succeed_and_leave_one_clean_set(workspace, runner):
    maps = workspace / "maps"
    runs = [subprocess.Popen([sys.executable, "-m", "geo", "build", "-w", str(workspace)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)]
    outcomes = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outcomes
    assert all(b"interrupted" not in err for _out, err in outcomes)
    assert temp_files(maps) == [] and not (maps / geo.atomic.JOURNAL_NAME).exists()
    assert sorted(p.name for p in maps.iterdir()) == sorted(["connectivity.html", *LAYER_FILES])
    later = runner("build", "-w", str(workspace))
    assert later.exit_code == 0 and "warning" not in later.stderr
