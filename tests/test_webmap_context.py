"""geo.webmap.context: drawing context layers on a folium map, compactly and safely."""

from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import pytest

from geo.context import ID_COL, LABEL_COL, LENGTH_COL, read_context
from geo.webmap.context import (
    ContextFeatureGroup,
    LegendEntry,
    add_context_layer,
    context_legend_html,
    feature_collection,
    js_json,
    legend_entry,
)
from geo.webmap.styles import CONTEXT_COLOURS, ContextStyle, context_style

DATA = Path(__file__).resolve().parent / "data" / "context"
HOSTILE_BITS = ("<img", "</script><script>", "<svg", "<b id=")


def _data_literal(page: str, name: str) -> dict:
    """The ``var data = {...};`` literal of the context layer whose meta names ``name``."""
    # the layer's meta, its pane made (the script's opening, shared with tiled layers), data
    for meta, data in re.findall(r"var meta = (\{[^\n]*?\});\n(?:[^\n]*\n){0,6}?\s*"
                                 r"var data = (\{.*?\});\n", page):
        if json.loads(meta)["name"] == name:
            return json.loads(data)
    raise AssertionError(f"no context layer {name!r} in the page")


@pytest.fixture(scope="module")
def cables():
    return read_context(DATA / "cables.geojson")


def test_feature_collection_holds_only_what_popups_need(cables):
    data, fields = feature_collection(cables)
    assert fields == [*cables.popup_fields, "length (km, geodesic)"]
    assert len(data["features"]) == len(cables)
    for feature, (_, row) in zip(data["features"], cables.features.iterrows(), strict=True):
        assert list(feature["properties"]) == ["v"]
        v = feature["properties"]["v"]
        assert v[:2] == [row[ID_COL], row[LABEL_COL]]
        assert v[-1] == round(row[LENGTH_COL] / 1000, 1)
        assert len(v) == 2 + len(fields)
    caspian = data["features"][2]["properties"]["v"]
    assert caspian[3] is None  # a missing rfs is null, not NaN
    assert data["features"][0]["properties"]["v"][3] == 2019  # integers stay integers


def test_point_layer_has_no_length_field():
    layer = read_context(DATA / "landings.csv")
    _data, fields = feature_collection(layer)
    assert fields == ["country"]


def test_js_json_cannot_close_the_script():
    text = js_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}
    assert ", " not in text and ": " not in text


def test_map_embeds_layer_compactly_and_escaped(cables):
    hostile = read_context(DATA / "hostile.geojson", name='<svg onload="x()">',
                           licence="<img src=x>")
    m = folium.Map(tiles=None)
    group = add_context_layer(m, cables)
    add_context_layer(m, hostile, context_style(1))
    folium.LayerControl().add_to(m)
    page = m.get_root().render()
    assert isinstance(group, ContextFeatureGroup)
    for bit in HOSTILE_BITS:
        assert bit not in page, bit
    assert "\\u0026lt;svg onload=" in page  # the escaped layer control name, as JSON
    data = _data_literal(page, "cables")
    assert data == json.loads(js_json(feature_collection(cables)[0]))
    coordinates = re.findall(r"-?\d+\.(\d+)", json.dumps(data["features"][0]["geometry"]))
    assert coordinates and max(len(d) for d in coordinates) <= cables.precision
    # properties outside the popup fields are not embedded
    assert "Alpha Telecom" in page and "RFC" not in page
    hostile_data = _data_literal(page, '<svg onload="x()">')
    labels = [f["properties"]["v"][1] for f in hostile_data["features"]]
    assert labels == hostile.features[LABEL_COL].tolist()


def test_legend_entry(cables):
    m = folium.Map(tiles=None)
    style = ContextStyle(colour="#123456")
    group = add_context_layer(m, cables, style)
    assert group.legend == LegendEntry(label="cables", source="cables.geojson",
                                       count=len(cables), licence=cables.licence,
                                       colour="#123456", geometry_type="line")
    assert group.legend == legend_entry(cables, style)
    html = LegendEntry(label="<b>x</b>", source="a&b.csv", count=1, licence="<i>",
                       colour="#000", geometry_type="point").html()
    assert "<b>x" not in html and "&lt;b&gt;x&lt;/b&gt;" in html and "a&amp;b.csv" in html
    assert "1 feature;" in html and "&lt;i&gt;" in html and html.startswith("<li")
    group_html = context_legend_html([group.legend, legend_entry(cables)])
    assert group_html.count("<li ") == 2 and "Context layers" in group_html
    assert context_legend_html([]) == ""


def test_context_styles_cycle_through_quiet_colours():
    colours = [context_style(i).colour for i in range(len(CONTEXT_COLOURS) + 1)]
    assert colours[:-1] == list(CONTEXT_COLOURS) and colours[-1] == colours[0]
