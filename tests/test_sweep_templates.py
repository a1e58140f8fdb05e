"""Template injection: text from articles, the catalogue and context files is never evaluated.

The workspace of :func:`tests.payloads.jinja_workspace` holds Jinja payloads in every text
field; the maps (online, offline, with context layers) and the exports must show them
literally, and the ``os.popen`` payload must not run. The browser half is
tests/browser/test_map_templates.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import pyogrio
import pytest

from geo.webmap.render import Raw, render_page
from tests.payloads import FILE_STEM, jinja_workspace

TAIL = "{{7*7}} {% endif %} {# hidden #} {%raw%}"
#: the first word of every poisoned value: catalogue names, aliases, notes and quotes
#: (Alpha..Foxtrot), the article's title (Golf), context layers' values (Kilo, Lima,
#: November, Oscar, Papa, Quebec), licences (Mike, Sierra), layer name (Romeo), feature ids
WORDS = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Kilo", "Lima",
         "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "line", "pt"]


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("jinja")
    marker = base / "ran"
    return jinja_workspace(base / "ws", marker), marker


def _shown_literally(text: str, word: str) -> bool:
    return re.search(re.escape(word) + r".{0,400}?" + re.escape(TAIL), text) is not None


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_maps_show_every_payload_literally_and_run_nothing(poisoned, offline, runner):
    ws, marker = poisoned
    out = ws / "maps" / ("offline.html" if offline else "online.html")
    runner("check", "-w", str(ws), expect=0)
    runner("build", "-w", str(ws), "-o", str(out), *(["--offline"] if offline else []), expect=0)
    page = out.read_text(encoding="utf-8")
    assert not marker.exists(), "a payload ran a command"
    missing = [w for w in WORDS if not _shown_literally(page, w)]
    assert missing == []
    assert FILE_STEM in page  # the context file's name, in the legend
    assert "lipsum.__globals__.os.popen(" in page
    assert not re.search(r"\b(Alpha|Kilo|Romeo)[^{]{0,300}\b49\b", page)


@pytest.mark.parametrize("fmt", ["geojson", "csv", "gpkg"])
def test_exports_carry_payloads_as_data(poisoned, tmp_path, fmt, runner):
    ws, marker = poisoned
    out = tmp_path / "export" / f"sites.{fmt}"
    runner("export", "-w", str(ws), "--layer", "sites", "--format", fmt, "-o", str(out), expect=0)
    if fmt == "gpkg":
        names = list(pyogrio.read_dataframe(out)["name"])
    elif fmt == "csv":
        names = list(pyogrio.read_dataframe(out, read_geometry=False)["name"])
    else:
        names = [f["properties"]["name"] for f in json.loads(out.read_text())["features"]]
    assert any(name.endswith(TAIL) for name in names)
    assert not marker.exists()


def test_folium_elements_render_their_text_once(tmp_path):
    """The mechanism itself, on folium's own elements: a tooltip, a layer name and raw text
    holding payloads come out as written."""
    marker = tmp_path / "ran"
    jinja = f"{{{{ lipsum.__globals__.os.popen('touch {marker}').read() }}}} {TAIL}"
    fmap = folium.Map(tiles=None)
    group = folium.FeatureGroup(name=f"group {jinja}").add_to(fmap)
    folium.CircleMarker([0, 0], tooltip=f"tip {jinja}").add_to(group)
    folium.LayerControl().add_to(fmap)
    fmap.get_root().header.add_child(Raw(f"<!-- raw {jinja} -->"))
    page = render_page(fmap)
    assert not marker.exists()
    for word in ("group", "tip", "raw"):
        assert _shown_literally(page, word), word
