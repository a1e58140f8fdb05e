"""A build that cannot write its map replaces none of its outputs: the layer files and the
map are one set."""

from __future__ import annotations


def test_failed_map_write_leaves_the_layer_files_as_they_were(workspace, runner):
    first = runner("build", "-w", str(workspace), catch_exceptions=False)
    assert first.exit_code == 0, first.output
    maps = workspace / "maps"
    before = {p.name: p.read_bytes() for p in maps.iterdir()}
    sites = workspace / "data" / "sites.toml"
    sites.write_text(sites.read_text(encoding="utf-8").replace(
        'name = "Tbilisi"', 'name = "Tbilisi (renamed)"'), encoding="utf-8")
    (workspace / "blocker").write_text("a file where a folder should be", encoding="utf-8")
    failed = runner("build", "-w", str(workspace), "-o", str(workspace / "blocker" / "map.html"))
    assert failed.exit_code == 2, failed.output
    assert "blocker: cannot create the output folder" in failed.stderr
    assert {p.name: p.read_bytes() for p in maps.iterdir()} == before
    again = runner("build", "-w", str(workspace), catch_exceptions=False)
    assert again.exit_code == 0
    assert b"Tbilisi (renamed)" in (maps / "sites.geojson").read_bytes()
