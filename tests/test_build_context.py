"""`geo build --layer PATH` and geo.toml [[context]]: context layers wired into the build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from geo.context import read_context
from geo.webmap.context import distinct_context

CONTEXT = Path(__file__).parent / "data" / "context"


def test_layer_option_adds_a_context_layer_with_its_legend_row(workspace, runner):
    result = runner("build", "--offline", "-w", str(workspace), "--context",
                    str(CONTEXT / "cables.geojson"), "--label-field", "name",
                    catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "geo: context layer cables: " in result.stderr
    html = (workspace / "maps" / "connectivity.html").read_text(encoding="utf-8")
    assert "Pacific Link" in html
    licence = (CONTEXT / "cables.geojson.licence.txt").read_text(encoding="utf-8").strip()
    assert licence and licence in html  # the licence note reaches the legend


def test_workspace_config_keeps_its_context_layers(workspace, runner):
    (workspace / "context").mkdir()
    shutil.copy(CONTEXT / "landings.csv", workspace / "context" / "landings.csv")
    (workspace / "geo.toml").write_text(
        '[[context]]\npath = "context/landings.csv"\nlicence = "CC0 test data"\n',
        encoding="utf-8")
    result = runner("build", "--offline", "-w", str(workspace), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "geo: context layer landings: " in result.stderr
    html = (workspace / "maps" / "connectivity.html").read_text(encoding="utf-8")
    assert "CC0 test data" in html


def test_unreadable_context_file_is_exit_2_and_leaves_the_earlier_map(workspace, runner):
    first = runner("build", "--offline", "-w", str(workspace), catch_exceptions=False)
    assert first.exit_code == 0, first.output
    map_path = workspace / "maps" / "connectivity.html"
    before = map_path.read_bytes()
    result = runner("build", "--offline", "-w", str(workspace), "--context",
                    str(CONTEXT / "unreadable.geojson"), catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("geo: error: ")
    assert "unreadable.geojson: cannot read context layer" in result.stderr
    assert map_path.read_bytes() == before
    assert not [p for p in map_path.parent.iterdir() if p.name.startswith(".")]


def test_label_field_count_must_match(workspace, runner):
    result = runner("build", "--offline", "-w", str(workspace), "--context",
                    str(CONTEXT / "cables.geojson"), "--context", str(CONTEXT / "landings.csv"),
                    "--label-field", "name", "--label-field", "name", "--label-field", "x",
                    catch_exceptions=False)
    assert result.exit_code == 2
    assert "--label-field given 3 times for 2 --context files" in result.stderr


def _control_labels(html: str) -> list[str]:
    """The labels of the layers listed in the map's panel, in the page's order."""
    layers = re.search(r"geoMapInit\(map_\w+, (\[.*?\]),\n", html, re.S)
    assert layers, "no layer list in the page"
    return re.findall(r'"label": "((?:[^"\\]|\\.)*)"', layers.group(1))


def test_the_same_file_twice_is_two_layers_in_the_control(workspace, runner):
    path = str(CONTEXT / "cables.geojson")
    result = runner("build", "--offline", "-w", str(workspace), "--context", path,
                    "--context", path, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = (workspace / "maps" / "connectivity.html").read_text(encoding="utf-8")
    labels = _control_labels(html)
    assert len(labels) == len(set(labels)) == 5 + 2, labels
    assert [label.rsplit(" (", 1)[0] for label in labels[5:]] == ["cables", "cables #2"]
    # and the command reports them by the names the map shows
    assert "geo: context layer cables #2: " in result.stderr


def test_context_names_are_kept_apart_from_the_catalogue_labels():
    layer = read_context(CONTEXT / "cables.geojson")
    n = len(layer)
    renamed = distinct_context([layer, layer], taken=["Sites (25)", f"cables ({n:,})"])
    assert [c.name for c in renamed] == ["cables #2", "cables #3"]
    assert distinct_context([layer])[0] is layer


def test_the_former_option_name_still_works_and_says_its_new_name(workspace, runner):
    result = runner("build", "--offline", "-w", str(workspace), "--layer",
                    str(CONTEXT / "landings.csv"), expect=0)
    assert result.stderr.splitlines()[0] == ("geo: --layer is now --context (--layer will be "
                                             "removed)")
    assert "context layer landings: " in result.stderr
    assert "--layer" not in runner("build", "--help", expect=0).stdout


def test_labels_per_file_across_both_option_names_are_refused(workspace, runner):
    result = runner("build", "--offline", "-w", str(workspace),
                    "--context", str(CONTEXT / "cables.geojson"),
                    "--layer", str(CONTEXT / "landings.csv"),
                    "--label-field", "name", "--label-field", "name", expect=2)
    assert result.stderr.splitlines()[-1] == (
        "Error: --label-field given once per file: give the files all with --context (their "
        "order is lost across --layer and --context)")
