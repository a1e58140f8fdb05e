"""``geo build`` and geo.build: the map and the layer files, atomically; options and errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyogrio
import pytest

from geo.build import MAP_NAME, BuildResult, build
from geo.errors import CatalogError, InputError
from geo.layers import LAYER_NAMES

#: what `geo build` says it drew from the shipped catalogue (recorded; one corridor, singular)
SHIPPED_SUMMARY = "25 sites, 3 routes, 1 corridor, 8 organisations, 4 agreements"


def test_the_recorded_summary_counts_the_shipped_catalogue(catalog: Any) -> None:
    counts = re.findall(r"(\d+) (\w+)", SHIPPED_SUMMARY)
    assert [(int(n), word.rstrip("s")) for n, word in counts] == [
        (len(catalog.by_kind(name)), name.rstrip("s")) for name in LAYER_NAMES]


def test_build_writes_map_and_layers_and_says_where(workspace: Path, catalog: Any, runner) -> None:
    result = runner("build", "-w", str(workspace), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    target = workspace / "maps" / MAP_NAME
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"map: {target} (")
    assert lines[1] == SHIPPED_SUMMARY
    assert "GeoJSON layers" in result.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for name in LAYER_NAMES:
        frame = pyogrio.read_dataframe(workspace / "maps" / f"{name}.geojson")
        assert len(frame) == len(catalog.by_kind(name))
        for entity_id, geom in zip(frame["id"], frame.geometry, strict=True):
            # an entity with no place (an organisation without a head office) is not drawn
            assert (f"geo-id-{entity_id}" in page) == (geom is not None), entity_id
    assert not list((workspace / "maps").glob("*.tmp*"))


def test_offline_build_to_a_chosen_path(workspace: Path, tmp_path: Path, runner) -> None:
    out = tmp_path / "deep" / "offline.html"
    result = runner("build", "-w", str(workspace), "--offline", "-o", str(out),
                    catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"offline map: {out} (")
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=(?!\"data:)", page)
    assert not (workspace / "maps" / MAP_NAME).exists()


def test_tiles_option(workspace: Path, runner) -> None:
    result = runner("build", "-w", str(workspace), "--tiles", "OpenStreetMap.Mapnik",
                    catch_exceptions=False)
    assert result.exit_code == 0
    assert "tile.openstreetmap.org" in (workspace / "maps" / MAP_NAME).read_text("utf-8")


def test_bad_tiles_exit_2_and_leave_the_earlier_map(workspace: Path, runner) -> None:
    assert runner("build", "-w", str(workspace), catch_exceptions=False).exit_code == 0
    target = workspace / "maps" / MAP_NAME
    before = target.read_bytes()
    result = runner("build", "-w", str(workspace), "--tiles", "No.Such")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("geo: error: --tiles: unknown xyzservices provider "
                                     "'No.Such' (e.g. Esri.WorldGrayCanvas, "
                                     "OpenStreetMap.Mapnik, OpenTopoMap)")
    assert target.read_bytes() == before


def test_invalid_workspace_exits_2_and_writes_nothing(workspace: Path, runner) -> None:
    routes = workspace / "data" / "routes.toml"
    routes.write_text(routes.read_text("utf-8").replace('kind = "submarine-cable"',
                                                        'kind = "canal"'), encoding="utf-8")
    result = runner("build", "-w", str(workspace))
    assert result.exit_code == 2
    assert "data/routes.toml: trans-caspian-cable: kind:" in result.stderr
    assert not (workspace / "maps").exists()


def test_output_that_is_a_folder_exits_2(workspace: Path, tmp_path: Path, runner) -> None:
    result = runner("build", "-w", str(workspace), "-o", str(tmp_path))
    assert result.exit_code == 2


def test_unwritable_output_exits_2(workspace: Path, tmp_path: Path, runner) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = runner("build", "-w", str(workspace), "-o", str(blocker / "map.html"))
    assert result.exit_code == 2
    assert result.stderr.startswith("geo: error: ")
    assert blocker.read_text(encoding="utf-8") == "x"


def test_open_flag_opens_the_map(workspace: Path, monkeypatch: pytest.MonkeyPatch, runner) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    result = runner("build", "-w", str(workspace), "--open", catch_exceptions=False)
    assert result.exit_code == 0
    assert opened == [(workspace / "maps" / MAP_NAME).resolve().as_uri()]


def test_library_build(workspace: Path, catalog: Any) -> None:
    opened: list[str] = []
    result = build(workspace, offline=True, open_browser=True, opener=opened.append)
    assert isinstance(result, BuildResult)
    assert result.offline and result.map_path == workspace / "maps" / MAP_NAME
    assert result.counts == {n: len(catalog.by_kind(n)) for n in LAYER_NAMES}
    assert result.map_bytes == result.map_path.stat().st_size
    assert [p.name for p in result.layer_paths] == [f"{n}.geojson" for n in LAYER_NAMES]
    assert opened == [result.map_path.resolve().as_uri()]
    assert result.summary() == SHIPPED_SUMMARY


def test_library_errors_are_geo_errors(workspace: Path) -> None:
    with pytest.raises(InputError):
        build(workspace, tiles="No.Such")
    (workspace / "data" / "sites.toml").write_text("[[site]]\nid = 1\n", encoding="utf-8")
    with pytest.raises(CatalogError):
        build(workspace)


def test_summary_singular_and_plural() -> None:
    result = BuildResult(Path("m.html"), [], {"sites": 1, "routes": 2, "agreements": 0})
    assert result.summary() == "1 site, 2 routes, 0 agreements"


#: what a build imports only for context layers (geo.toml's or given ones)
CONTEXT_MODULES = ("geo.context", "geo.context_config", "geo.webmap.context", "geo.webmap.tiled")
CONTEXT_PROBE = """
import sys
from geo.build import build
build(sys.argv[1])
print(" ".join(m for m in {MODULES} if m in sys.modules))
"""


def test_a_build_without_context_layers_does_not_import_their_modules(workspace: Path) -> None:
    import subprocess
    import sys

    probe = CONTEXT_PROBE.replace("{MODULES}", repr(CONTEXT_MODULES))
    out = subprocess.run([sys.executable, "-c", probe, str(workspace)], capture_output=True,
                         text=True, check=True, timeout=120)
    assert out.stdout.strip() == ""
    assert (workspace / "maps" / MAP_NAME).is_file()


def test_a_geo_toml_that_is_a_dangling_link_is_still_read(workspace: Path) -> None:
    """Nothing at geo.toml's path: no context layers; anything there (a dangling link
    included) is read, and refused as its reader refuses it."""
    (workspace / "geo.toml").symlink_to(workspace / "missing.toml")
    with pytest.raises(InputError, match=r"geo\.toml"):
        build(workspace)
