"""Bad-input sweep (#17), the workspace's own files: catalogue, article metadata, articles and
``geo.toml``. Each class of bad input gives exit 2 and one line naming the file (and entity
and field where there is one); none hangs, none ends in a traceback.

Reads that would block (a FIFO, ``/dev/zero``) are run in a subprocess with a timeout, so a
regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.files import MAX_ARTICLE_BYTES

NESTED = ("nested too deeply to read (arrays or tables inside each other more than about a "
          "thousand levels deep)")
ARTICLE = "000_47e597b5552f65ef"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def geo_in_subprocess(*args: str) -> subprocess.CompletedProcess[str]:
    """Run geo in its own process, killed after 20 s (the bug being tested is a hang)."""
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True,
                          text=True, timeout=20, stdin=subprocess.DEVNULL)


def check_lines(runner, ws: Path) -> list[str]:
    """The problem lines of ``geo check -w ws``, which must exit 2."""
    result = runner("check", "-w", str(ws))
    assert result.exit_code == 2, result.output
    *lines, last = result.stderr.splitlines()
    assert last == f"geo: error: {len(lines)} problem{'s' if len(lines) != 1 else ''} in " \
                   "the workspace"
    return lines


def nested_toml(depth: int) -> str:
    return "deep = " + "[" * depth + "]" * depth + "\n"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ------------------------------------------------------------------ 1. nested thousands deep

@pytest.mark.parametrize("depth", [3_000, 100_000])
def test_deeply_nested_data_file_is_one_line(workspace, depth, runner):
    (workspace / "data/sites.toml").write_text(nested_toml(depth), encoding="utf-8")
    # one line: the references into sites.toml are not reported as unknown sites
    assert check_lines(runner, workspace) == [f"data/sites.toml: -: -: {NESTED}"]


def test_deeply_nested_metadata_is_one_line(workspace, runner):
    with (workspace / f"seeds/{ARTICLE}.toml").open("a", encoding="utf-8") as fh:
        fh.write("notes = " + "{a = " * 3_000 + "1" + "}" * 3_000 + "\n")
    # the sources quoting that article are not reported as citing a missing article
    assert check_lines(runner, workspace) == [f"seeds/{ARTICLE}.toml: {ARTICLE}: -: {NESTED}"]


def test_deeply_nested_data_file_fails_the_build(workspace, runner):
    (workspace / "data/routes.toml").write_text(nested_toml(10_000), encoding="utf-8")
    result = runner("build", "-w", str(workspace))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"data/routes.toml: -: -: {NESTED}",
        "geo: error: 1 problem in the workspace; nothing written"]
    assert not (workspace / "maps").exists()


# ------------------------------------------------------------------ 2. FIFOs, devices, size

@needs_fifo
def test_fifo_data_file_is_refused_at_once(workspace):
    path = workspace / "data/corridors.toml"
    path.unlink()
    os.mkfifo(path)
    result = geo_in_subprocess("check", "-w", str(workspace))
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "data/corridors.toml: -: -: the data file is a FIFO (named pipe), not a regular file",
        "geo: error: 1 problem in the workspace"]


@needs_fifo
def test_fifo_article_is_refused_at_once(workspace):
    path = workspace / f"seeds/{ARTICLE}.txt"
    path.unlink()
    os.mkfifo(path)
    result = geo_in_subprocess("check", "-w", str(workspace))
    assert result.returncode == 2, result.stderr
    # one line: the quotes from that article are not checked against it
    assert result.stderr.splitlines() == [
        f"seeds/{ARTICLE}.txt: {ARTICLE}: -: the article is a FIFO (named pipe), not a "
        "regular file",
        "geo: error: 1 problem in the workspace"]


@needs_fifo
def test_fifo_metadata_is_refused_at_once(workspace):
    path = workspace / f"seeds/{ARTICLE}.toml"
    path.unlink()
    os.mkfifo(path)
    result = geo_in_subprocess("check", "-w", str(workspace))
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"seeds/{ARTICLE}.toml: {ARTICLE}: -: the metadata file is a FIFO (named pipe), not "
        "a regular file",
        "geo: error: 1 problem in the workspace"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_article_linked_to_dev_zero_is_refused_at_once(workspace):
    (workspace / "seeds/zero.txt").symlink_to("/dev/zero")
    (workspace / "seeds/zero.toml").write_text('language = "en"\n', encoding="utf-8")
    result = geo_in_subprocess("check", "-w", str(workspace))
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "seeds/zero.txt: zero: -: the article is a device, not a regular file",
        "geo: error: 1 problem in the workspace"]


def test_folder_article_and_oversized_article(workspace, runner):
    (workspace / "seeds/folder.txt").mkdir()
    (workspace / "seeds/folder.toml").write_text('language = "en"\n', encoding="utf-8")
    (workspace / "seeds/huge.txt").write_bytes(b"a" * (MAX_ARTICLE_BYTES + 1))
    (workspace / "seeds/huge.toml").write_text('language = "en"\n', encoding="utf-8")
    assert check_lines(runner, workspace) == [
        "seeds/folder.txt: folder: -: the article is a folder, not a regular file",
        f"seeds/huge.txt: huge: -: the article is {MAX_ARTICLE_BYTES + 1:,} bytes; geo reads "
        f"at most {MAX_ARTICLE_BYTES:,} bytes of an article"]


# ------------------------------------------------------------------ 3. unreadable data files

def test_dangling_symlink_data_file_is_one_line(workspace, runner):
    path = workspace / "data/sites.toml"
    path.unlink()
    path.symlink_to("nowhere.toml")
    assert check_lines(runner, workspace) == [
        "data/sites.toml: -: -: the data file is a symbolic link to a missing file "
        "(nowhere.toml)"]


@pytest.mark.parametrize(("text", "message"), [
    ("site = 5\n", "expected [[site]] tables (an array of tables), not an integer"),
    ("site = [1, 2]\n", "expected [[site]] tables (an array of tables), but item 1 is an "
                        "integer"),
    ('[site]\nid = "eadc-nairobi"\n', "expected [[site]] tables (an array of tables), not one "
                                      "[site] table: write [[site]]"),
], ids=["integer", "array-of-integers", "single-table"])
def test_wrong_toml_type_is_one_line_naming_file_and_field(workspace, text, message, runner):
    (workspace / "data/sites.toml").write_text(text, encoding="utf-8")
    assert check_lines(runner, workspace) == [f"data/sites.toml: -: site: {message}"]


def test_misspelt_table_is_one_line(workspace, runner):
    path = workspace / "data/sites.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[[site]]", "[[sites]]").replace("[[site.", "[[sites."),
                    encoding="utf-8")
    assert check_lines(runner, workspace) == [
        "data/sites.toml: -: sites: unknown table; this file holds [[site]] tables"]


def test_references_are_still_checked_when_every_file_is_read(workspace, runner):
    edit(workspace / "data/organisations.toml", 'headquarters = "beijing"',
         'headquarters = "peking"')
    (workspace / "data/corridors.toml").write_text("corridor = 5\n", encoding="utf-8")
    assert check_lines(runner, workspace) == [
        "data/corridors.toml: -: corridor: expected [[corridor]] tables (an array of "
        "tables), not an integer",
        "data/organisations.toml: china-telecom: headquarters: unknown site 'peking'"]


# ------------------------------------------------------------------ 5. control characters, blank

@pytest.mark.parametrize(("field", "old", "new", "message"), [
    ("name", 'name = "East Africa Data Centre (EADC)"', r'name = "East Africa\u0000 Data"',
     "control character U+0000 at character 11: not allowed in text"),
    ("name", 'name = "East Africa Data Centre (EADC)"', r'name = "EADC \u001b[2J"',
     "control character U+001B at character 5: not allowed in text"),
    ("aliases[1]", '"East Africa Data Center"]', r'"East Africa \u0085 Center"]',
     "control character U+0085 at character 12: not allowed in text"),
    ("aliases[1]", '"East Africa Data Center"]', r'"EADC \u202eretnec"]',
     "bidirectional control character U+202E at character 5: not allowed here (it changes "
     "the order in which the text is displayed)"),
    ("sources[0].article", f'article = "{ARTICLE}"', rf'article = "{ARTICLE}\u0000"',
     "control character U+0000 at character 20: not allowed in text"),
    ("name", 'name = "East Africa Data Centre (EADC)"', r'name = "\u200b\u200c\u200d\u2060"',
     "blank: give some text (white space and zero-width characters alone are not a value)"),
    ("aliases[1]", '"East Africa Data Center"]', r'"\ufeff \t"]',
     "blank: give some text (white space and zero-width characters alone are not a value)"),
], ids=["nul-in-name", "escape-in-name", "c1-in-alias", "bidi-override-in-alias",
        "nul-in-article", "zero-width-name", "zero-width-alias"])
def test_control_characters_and_invisible_text_are_refused(workspace, field, old, new,
                                                            message, runner):
    edit(workspace / "data/sites.toml", old, new)
    assert check_lines(runner, workspace) == [f"data/sites.toml: eadc-nairobi: {field}: {message}"]


def test_control_character_in_article_metadata_is_refused(workspace, runner):
    edit(workspace / f"seeds/{ARTICLE}.toml", 'publisher = "Agence Ecofin"',
         r'publisher = "Agence\u0007 Ecofin"')
    assert check_lines(runner, workspace) == [
        f"seeds/{ARTICLE}.toml: {ARTICLE}: publisher: control character U+0007 at character "
        "6: not allowed in text"]


def test_a_bad_id_is_shown_escaped(workspace, runner):
    edit(workspace / "data/sites.toml", 'id = "eadc-nairobi"', r'id = "eadc\u001b[2J"')
    lines = check_lines(runner, workspace)
    assert lines[0].startswith("data/sites.toml: eadc\\x1b[2J: id: string should match "
                               "pattern")
    assert "\x1b" not in "".join(lines)


def test_line_separators_and_tabs_stay_allowed(workspace, runner):
    edit(workspace / "data/sites.toml", '"East Africa Data Center"]',
         r'"East Africa\tData\u2028Center"]')
    result = runner("check", "-w", str(workspace))
    assert result.exit_code == 0, result.output


# ------------------------------------------------------------------ 1, 4. geo.toml

CONTEXT = Path(__file__).parent / "data" / "context"


def add_context_file(ws: Path, name: str = "landings.csv") -> None:
    (ws / "context").mkdir(exist_ok=True)
    (ws / "context" / name).write_bytes((CONTEXT / name).read_bytes())


def build_error(runner, ws: Path, *args: str) -> str:
    """The one stderr line of a ``geo build`` that must fail with exit 2, writing nothing."""
    result = runner("build", "-w", str(ws), *args)
    assert result.exit_code == 2, result.output
    assert not (ws / "maps" / "connectivity.html").exists()
    (line,) = result.stderr.splitlines()
    return line


def test_deeply_nested_geo_toml_names_it(workspace, runner):
    (workspace / "geo.toml").write_text(nested_toml(50_000), encoding="utf-8")
    assert build_error(runner, workspace) == f"geo: error: {workspace / 'geo.toml'}: {NESTED}"


@pytest.mark.parametrize(("entry", "message"), [
    ("simplify_deg = inf", "context[0]: simplify_deg: expected degrees >= 0, not inf"),
    ("simplify_deg = nan", "context[0]: simplify_deg: expected degrees >= 0, not nan"),
    ("simplify_deg = -0.5", "context[0]: simplify_deg: expected degrees >= 0, not -0.5"),
    ('simplify_deg = "fine"', "context[0]: simplify_deg: expected degrees >= 0, not 'fine'"),
    ('label_field = "nope"', "context[0]: {ws}/context/landings.csv: label field 'nope' is "
                             "not a field of the file (no field 'nope' in any letter "
                             "case; fields: id, name, country)"),
    ('name = "Landings\\u0000"', "context[0]: name: control character U+0000 at character 8: "
                                 "not allowed in text"),
], ids=["inf", "nan", "negative", "text", "missing-label-field", "nul-in-name"])
def test_every_bad_geo_toml_value_names_geo_toml(workspace, entry, message, runner):
    add_context_file(workspace)
    (workspace / "geo.toml").write_text(
        f'[[context]]\npath = "context/landings.csv"\n{entry}\n', encoding="utf-8")
    assert build_error(runner, workspace) == (f"geo: error: {workspace / 'geo.toml'}: "
                                      + message.format(ws=workspace))


@needs_fifo
def test_fifo_geo_toml_and_fifo_context_path_are_refused_at_once(workspace):
    os.mkfifo(workspace / "geo.toml")
    result = geo_in_subprocess("build", "-w", str(workspace))
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"geo: error: {workspace / 'geo.toml'}: the workspace configuration is a FIFO (named "
        "pipe), not a regular file"]
    (workspace / "geo.toml").unlink()
    os.mkfifo(workspace / "pipe.csv")
    (workspace / "geo.toml").write_text('[[context]]\npath = "pipe.csv"\n', encoding="utf-8")
    result = geo_in_subprocess("build", "-w", str(workspace))
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"geo: error: {workspace / 'geo.toml'}: context[0]: path: 'pipe.csv': the context "
        "file is a FIFO (named pipe), not a regular file"]


# ------------------------------------------------------------------ 6. context outside

def outside_message(ws: Path, given: str, resolved: Path) -> str:
    return (f"geo: error: {ws / 'geo.toml'}: context[0]: path: {given!r} is outside the "
            f"workspace ({resolved}): its rows would be embedded in the map; copy the file "
            "into the workspace, or allow context files outside it explicitly "
            "(--allow-context-outside)")


def test_geo_toml_context_outside_the_workspace_is_refused(workspace, runner):
    secret = workspace.parent / "secret.csv"
    secret.write_bytes((CONTEXT / "landings.csv").read_bytes())
    for given in ("../secret.csv", str(secret)):
        (workspace / "geo.toml").write_text(f"[[context]]\npath = {given!r}\n",
                                            encoding="utf-8")
        assert build_error(runner, workspace) == outside_message(workspace, given, secret.resolve())
    # through a symbolic link inside the workspace: followed, and refused too
    (workspace / "inside.csv").symlink_to(secret)
    (workspace / "geo.toml").write_text('[[context]]\npath = "inside.csv"\n', encoding="utf-8")
    assert build_error(runner, workspace) == outside_message(workspace, "inside.csv",
                                                             secret.resolve())


def test_context_outside_the_workspace_when_allowed(workspace, runner):
    secret = workspace.parent / "secret.csv"
    secret.write_bytes((CONTEXT / "landings.csv").read_bytes())
    (workspace / "geo.toml").write_text('[[context]]\npath = "../secret.csv"\n',
                                        encoding="utf-8")
    result = runner("build", "-w", str(workspace), "--offline", "--allow-context-outside")
    assert result.exit_code == 0, result.output
    assert "geo: context layer secret: 3 features" in result.stderr
    # a --layer file is the user's own explicit choice: read wherever it is
    (workspace / "geo.toml").unlink()
    result = runner("build", "-w", str(workspace), "--offline", "--context", str(secret))
    assert result.exit_code == 0, result.output
    assert "geo: context layer secret: 3 features" in result.stderr


def test_library_build_refuses_context_outside_unless_allowed(workspace):
    from geo.build import build
    from geo.context_config import OutsideWorkspaceError

    secret = workspace.parent / "secret.csv"
    secret.write_bytes((CONTEXT / "landings.csv").read_bytes())
    (workspace / "geo.toml").write_text('[[context]]\npath = "../secret.csv"\n',
                                        encoding="utf-8")
    with pytest.raises(OutsideWorkspaceError, match=r"geo\.toml: context\[0\]: path: "):
        build(workspace, offline=True)
    result = build(workspace, offline=True, allow_outside_workspace=True)
    assert [len(layer) for layer in result.context] == [3]


def test_a_context_file_that_would_read_files_outside_the_workspace_is_refused(workspace,
                                                                               runner):
    """The path rule holds for what GDAL reads through the file too: a GDAL virtual file
    naming a file outside, whatever its own name, and a shapefile whose .dbf is a link out."""
    secret = workspace.parent / "secret.csv"
    secret.write_text("name,lon,lat\nSECRET-ROW,1,2\n", encoding="utf-8")
    vrt = (f'<OGRVRTDataSource><OGRVRTLayer name="secret"><SrcDataSource>{secret}'
           '</SrcDataSource><GeometryType>wkbPoint</GeometryType><GeometryField '
           'encoding="PointFromColumns" x="lon" y="lat"/></OGRVRTLayer></OGRVRTDataSource>')
    allow = ("; copy the files into the workspace, or allow context files outside it "
             "explicitly (--allow-context-outside)")
    for name in ("evil.vrt", "innocent.geojson"):
        (workspace / name).write_text(vrt, encoding="utf-8")
        (workspace / "geo.toml").write_text(f'[[context]]\npath = "{name}"\n', encoding="utf-8")
        result = runner("build", "-w", workspace, "--offline", expect=2)
        assert result.stderr.splitlines() == [
            f"geo: error: {workspace / 'geo.toml'}: context[0]: path: {name!r} is a GDAL "
            f"virtual file, which reads the files it names wherever they are{allow}"]
        assert not (workspace / "maps").exists()
    result = runner("build", "-w", workspace, "--offline", "--allow-context-outside",
                    expect=0)
    assert "geo: context layer innocent: 1 features from " in result.stderr
    assert "SECRET-ROW" in (workspace / "maps" / "connectivity.html").read_text(encoding="utf-8")
    # a shapefile whose attribute table is a link to a file outside
    import geopandas as gpd
    import shapely

    shp = workspace / "points.shp"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(1, 2)], crs=4326).to_file(shp)
    outside_dbf = workspace.parent / "points.dbf"
    (workspace / "points.dbf").rename(outside_dbf)
    (workspace / "points.dbf").symlink_to(outside_dbf)
    (workspace / "geo.toml").write_text('[[context]]\npath = "points.shp"\n', encoding="utf-8")
    result = runner("build", "-w", workspace, "--offline", expect=2)
    assert result.stderr.splitlines() == [
        f"geo: error: {workspace / 'geo.toml'}: context[0]: path: 'points.shp': points.dbf, "
        f"which is read with it, is outside the workspace ({outside_dbf.resolve()}){allow}"]
