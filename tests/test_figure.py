"""``geo figure`` and geo.figure: static maps as SVG, PNG and PDF.

The seed catalogue drawn in all three formats; the SVG read as XML for its title, legend,
labels, scale bar, source line and credits (text kept as text); the same bytes twice; the PNG
against a reference image; the alt text beside the figure; hostile names drawn as text; the
projection, the antimeridian and the scale bar; bad inputs (one line, exit 2).

Refresh the reference image after a deliberate change of the drawing:
``GEO_UPDATE_FIGURE_REFERENCE=1 python -m pytest tests/test_figure.py -k reference``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import matplotlib.image
import numpy as np
import pytest

from geo.errors import InputError
from geo.figure.labels import Box
from geo.figure.options import FigureOptions, alt_text_path, parse_bbox
from geo.figure.projection import (
    Extent,
    choose_projection,
    cut_at_back_meridian,
    project_lines,
    scale_bar,
    view_of,
)
from geo.figure.render import render_figure
from geo.geodesy import GEOD
from geo.layers import build_layers
from geo.routes import segment_lines
from geo.webmap import styles
from tests.placeless import DRAFTED, load_with_drafts, placeless_workspace

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path(__file__).resolve().parent / "data" / "figure" / "reference.png"
#: The seed workspace as the reference image was drawn from (see its README.md).
FROZEN = Path(__file__).resolve().parent / "data" / "figure" / "workspace"
SVG = "{http://www.w3.org/2000/svg}"
#: Mean absolute difference (0..1 per channel) allowed between the PNG and the reference. Here
#: it is 0: the same bytes. A one-letter change of the title moves 0.0001; another rasteriser
#: (a FreeType or matplotlib release) moves edge pixels by about as much; adding the locator
#: inset (a fifth of the map's width) moves 0.002, the print theme 0.024.
REFERENCE_TOLERANCE = 0.0015
NOUNS = {"sites": "site", "routes": "route", "corridors": "corridor",
         "organisations": "organisation", "agreements": "agreement"}
HOSTILE = "<script>alert(1)</script> $\\alpha$ {{7*7}}"


def drawn_rows(layers: dict[str, Any], names: tuple[str, ...]) -> dict[str, list[Any]]:
    """The rows of the named layers that have a place on the map."""
    return {name: [row for row in layers[name].itertuples()
                   if row.geometry is not None and not row.geometry.is_empty]
            for name in names}


def expected_legend(layers: dict[str, Any], names: tuple[str, ...]) -> set[str]:
    """The legend rows a figure of everything in the named layers must have (and no
    other): the style of every kind, medium and status drawn, read from the catalogue."""
    keys = set()
    for name, rows in drawn_rows(layers, names).items():
        for row in rows:
            if name == "sites":
                keys.add(styles.site_style(row.kind).key)
            elif name == "organisations":
                keys.add(styles.organisation_style(row.kind).key)
            elif name == "agreements":
                keys.add("agreement.venue" if row.geometry.geom_type == "Point" else "agreement")
            elif name == "corridors":
                keys.add("corridor")
            else:
                keys.update(styles.medium_style(seg["medium"]).key for seg in row.segments)
            status = styles.status_style(row.status if name != "agreements" else None)
            if status is not None and name != "corridors":
                keys.add(status.key)
            if row.draft:
                keys.add("draft")
    return keys


def expected_counts(layers: dict[str, Any], joiner: str) -> str:
    """``25 sites · 3 routes ...`` of the catalogue's drawn entities."""
    parts = []
    for name, rows in drawn_rows(layers, tuple(NOUNS)).items():
        if rows:
            parts.append(f"{len(rows)} {NOUNS[name] if len(rows) == 1 else name}")
    if joiner == " and ":
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return joiner.join(parts)


@pytest.fixture(scope="module")
def seed_layers() -> tuple[dict[str, Any], Any]:
    from geo.catalog import load_catalog

    cat = load_catalog(ROOT)
    return build_layers(cat), segment_lines(cat)


@pytest.fixture(scope="module")
def seed_figures(tmp_path_factory: pytest.TempPathFactory, runner) -> dict[str, Path]:
    """The seed catalogue drawn by `geo figure` in each format (the SVG also at 2x: no
    change; the PNG at 2x)."""
    out = tmp_path_factory.mktemp("figures")
    paths = {}
    for name, args in (("svg", ()), ("png", ()), ("pdf", ()), ("png2", ("--scale", "2"))):
        path = out / f"seed-{name}.{name[:3]}"
        result = runner("figure", "-w", str(ROOT), "-o", str(path), *args)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"figure: {path} ({name[:3].upper()}, ")
        assert result.stdout.rstrip().endswith(f"alt text: {alt_text_path(path)}")
        paths[name] = path
    return paths


def svg_texts(path: Path) -> dict[str, str]:
    """Text of every ``<g id=...>`` holding ``<text>`` elements, by id."""
    root = ET.parse(path).getroot()
    out = {}
    for group in root.iter(f"{SVG}g"):
        texts = [t.text or "" for t in group.iter(f"{SVG}text")]
        if texts and group.get("id"):
            out[group.get("id", "")] = "".join(texts)
    return out


def test_seed_svg_holds_title_legend_labels_scale_sources_and_credits_as_text(
        seed_figures: dict[str, Path], seed_layers: tuple[dict[str, Any], Any]) -> None:
    layers, _lines = seed_layers
    path = seed_figures["svg"]
    root = ET.parse(path).getroot()
    assert root.find(f"{SVG}title").text == "Telecom connectivity"
    assert expected_counts(layers, " and ") in root.find(f"{SVG}desc").text
    texts = svg_texts(path)
    assert texts["title"] == "Telecom connectivity"
    title = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "title").find(f"{SVG}text")
    assert "font-weight: 700" in title.get("style")  # bold for an SVG viewer too
    assert "font-family: 'DejaVu Sans', sans-serif" in title.get("style")
    assert texts["subtitle"] == expected_counts(layers, " · ")
    legend = {k.removeprefix("legend."): v for k, v in texts.items() if k.startswith("legend.")}
    assert set(legend) == expected_legend(layers, tuple(NOUNS))
    assert all(legend[key] == styles.BY_KEY[key].label for key in legend)
    assert re.fullmatch(r"[1-9]0*(,000)? km", texts["scale-bar-label"]), texts["scale-bar-label"]
    assert re.fullmatch(r"at \d+(\.\d)?° [NS]", texts["scale-bar-note"])
    sources = " ".join(v for k, v in sorted(texts.items()) if k.startswith("sources"))
    assert sources.startswith("Sources: Agence Ecofin, 2018-05; untitled article, 2022-09-30;")
    assert "InnovationOpenLab, undated" in sources
    assert "GeoNames" in sources
    credits = " ".join(v for k, v in sorted(texts.items()) if k.startswith("credits"))
    assert "Basemap: Natural Earth" in credits and "public domain" in credits
    assert "Projection: Lambert azimuthal equal-area" in credits
    labels = {k for k in texts if k.startswith("label.")}
    assert "label.digital-silk-way" in labels and "label.eadc-nairobi" in labels
    assert "<script" not in path.read_text(encoding="utf-8")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))  # one id each (an illustration program's layer names)


def test_labels_never_overlap_each_other(seed_figures: dict[str, Path]) -> None:
    root = ET.parse(seed_figures["svg"]).getroot()
    boxes = []
    for group in root.iter(f"{SVG}g"):
        if group.get("id", "").startswith("label-box."):
            numbers = [float(v) for v in
                       re.findall(r"-?\d+(?:\.\d+)?", group.find(f"{SVG}path").get("d"))]
            xs, ys = numbers[0::2], numbers[1::2]
            boxes.append(Box(min(xs), min(ys), max(xs), max(ys)))
    assert len(boxes) >= 15
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), (a, b)


def test_png_and_pdf_at_their_sizes(seed_figures: dict[str, Path]) -> None:
    one = matplotlib.image.imread(seed_figures["png"])
    two = matplotlib.image.imread(seed_figures["png2"])
    assert one.shape[1] == 1200 and two.shape[1] == 2400
    assert abs(two.shape[0] - 2 * one.shape[0]) <= 1
    pdf = seed_figures["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert b"/Title (Telecom connectivity)" in pdf
    assert b"CreationDate" not in pdf and b"/FontFile2" in pdf  # TrueType embedded: text


def test_alt_text_beside_the_figure(seed_figures: dict[str, Path],
                                    seed_layers: tuple[dict[str, Any], Any]) -> None:
    layers, _lines = seed_layers
    alt = alt_text_path(seed_figures["png"]).read_text(encoding="utf-8")
    assert alt.endswith("\n") and alt.count("\n") == 1  # one paragraph
    assert alt.startswith("Map titled “Telecom connectivity” (Lambert azimuthal equal-area")
    assert f"It shows {expected_counts(layers, ' and ')} of the catalogue" in alt
    route = next(iter(drawn_rows(layers, ("routes",))["routes"]))
    assert f"Routes: {route.name} ({route.kind.replace('-', ' ')}, {route.status})" in alt
    assert "Sources: Agence Ecofin, 2018-05" in alt


def test_same_input_same_bytes(seed_layers: tuple[dict[str, Any], Any],
                               seed_figures: dict[str, Path]) -> None:
    """A second run (the library, in this process) gives the command's bytes again."""
    layers, lines = seed_layers
    for fmt in ("svg", "png", "pdf"):
        again = render_figure(layers, FigureOptions(format=fmt), segment_lines=lines).data
        assert again == seed_figures[fmt].read_bytes(), fmt


def test_png_matches_the_reference_image(tmp_path: Path) -> None:
    """The seed catalogue, frozen in tests/data/figure/workspace (so that edits of data/ do
    not move the image), drawn 480 px wide, against the reference image."""
    from geo.catalog import load_catalog

    cat = load_catalog(FROZEN)
    png = render_figure(build_layers(cat), FigureOptions(format="png", width_px=480),
                        segment_lines=segment_lines(cat)).data
    if os.environ.get("GEO_UPDATE_FIGURE_REFERENCE") == "1":
        REFERENCE.write_bytes(png)
    (tmp_path / "now.png").write_bytes(png)
    now = matplotlib.image.imread(tmp_path / "now.png")
    ref = matplotlib.image.imread(REFERENCE)
    hint = ("the drawing changed: look at the new image, then refresh the reference with "
            "GEO_UPDATE_FIGURE_REFERENCE=1 python -m pytest tests/test_figure.py -k reference")
    assert now.shape == ref.shape, hint
    assert float(np.abs(now - ref).mean()) < REFERENCE_TOLERANCE, hint


def test_hostile_names_are_text_and_the_svg_has_no_script(workspace: Path,
                                                          tmp_path: Path, runner) -> None:
    sites = workspace / "data" / "sites.toml"
    text = sites.read_text(encoding="utf-8")
    old = 'name = "East Africa Data Centre (EADC)"'
    assert old in text
    hostile_toml = HOSTILE.replace("\\", "\\\\")
    sites.write_text(text.replace(old, f'name = "{hostile_toml}"'), encoding="utf-8")
    out = tmp_path / "hostile.svg"
    result = runner("figure", "-w", str(workspace), "-o", str(out), "--extent", "eadc-nairobi",
                    "--title", HOSTILE, "--notes", "</text><script>alert(2)</script>")
    assert result.exit_code == 0, result.output
    raw = out.read_text(encoding="utf-8")
    assert "<script" not in raw.lower()
    texts = svg_texts(out)
    assert texts["title"] == HOSTILE
    assert "label.eadc-nairobi" in texts
    label = " ".join(v for k, v in sorted(texts.items()) if k.startswith("label.eadc-nairobi"))
    assert label == HOSTILE  # as typed: no mathtext ($\alpha$ is not α), no template
    assert texts["notes"] == "</text><script>alert(2)</script>"
    assert "α" not in raw and "49" not in label
    alt = alt_text_path(out).read_text(encoding="utf-8")
    assert HOSTILE in alt


def test_layers_and_extent_choose_what_is_drawn_and_the_legend(
        tmp_path: Path, seed_layers: tuple[dict[str, Any], Any], runner) -> None:
    out = tmp_path / "dsw.svg"
    result = runner("figure", "-w", str(ROOT), "-o", str(out), "--extent", "digital-silk-way",
                    "--layer", "routes", "--layer", "corridors", "--title", "The Digital Silk Way",
                    "--subtitle", "")
    assert result.exit_code == 0, result.output
    texts = svg_texts(out)
    legend = {k.removeprefix("legend.") for k in texts if k.startswith("legend.")}
    assert legend == expected_legend(seed_layers[0], ("routes", "corridors"))
    assert "subtitle" not in texts
    assert "Projection: Lambert conformal conic" in texts["credits"]
    root = ET.parse(out).getroot()
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    assert "locator" in ids and "locator-extent" in ids  # a regional map gets its locator
    assert not any(i and i.startswith("sites.") for i in ids)


def test_context_layer_in_legend_and_credits_with_its_licence(tmp_path: Path, runner) -> None:
    out = tmp_path / "ctx.svg"
    cables = ROOT / "tests" / "data" / "context" / "cables.geojson"
    result = runner("figure", "-w", str(ROOT), "-o", str(out), "--context", str(cables), "--bbox",
                    "-180,-60,180,75", "--layer", "routes")
    assert result.exit_code == 0, result.output
    texts = svg_texts(out)
    assert re.fullmatch(r"cables \(\d+ features\)", texts["legend.context-0"])
    credits = " ".join(v for k, v in sorted(texts.items()) if k.startswith("credits"))
    assert "Context: cables (cables.geojson), licence CC BY-SA 4.0" in credits
    assert "Projection: Equal Earth" in credits


def test_drafts_and_placeless_entities(tmp_path: Path) -> None:
    ws = placeless_workspace(tmp_path / "ws")
    layers = build_layers(load_with_drafts(ws))
    figure = render_figure(layers, FigureOptions(format="svg"))
    svg = figure.data.decode("utf-8")
    for key in ("draft", "agreement.venue"):
        assert f'id="legend.{key}"' in svg, key
    drawn = [e for e in DRAFTED if re.search(f'id="[a-z]+\\.{e}"', svg)]
    assert drawn
    for entity in drawn:
        assert re.search(f'id="[a-z]+\\.{entity}(\\.[0-9]+)?\\.draft"', svg), entity
    assert "unreviewed drafts" in figure.alt_text
    with pytest.raises(InputError, match="ntt: has no place on the map"):
        render_figure(layers, FigureOptions(extent_ids=("ntt",)))


@pytest.mark.parametrize(("args", "message"), [
    (("--layer", "cables"), "geo: error: --layer: unknown layer 'cables'; expected one of: "
                            "sites, routes, corridors, organisations, agreements"),
    (("--bbox", "1,2,3"), "geo: error: --bbox: bounding box '1,2,3': expected four numbers "
                          "W,S,E,N"),
    (("--bbox", "10,50,20,40"), "geo: error: --bbox: bounding box '10,50,20,40': south 50 is "
                                "not below north 40"),
    (("--bbox", "10,nan,20,40"), "geo: error: --bbox: bounding box '10,nan,20,40': south is"),
    (("--extent", "atlantis"), "geo: error: --extent: unknown id 'atlantis': no site, route, "
                               "corridor, organisation or agreement of the catalogue has it"),
    (("--extent", "liquid-telecom"), "geo: error: --extent: liquid-telecom: has no place on "
                                     "the map (no position, head office or venue)"),
    (("--extent", "rome", "--bbox", "1,2,3,4"), "geo: error: --extent and --bbox exclude "
                                                "each other"),
    (("-o", "x.png", "--format", "svg"), "geo: error: x.png: a .png file holds png, not svg"),
    (("-o", "x.txt"), "geo: error: x.txt: cannot tell the format from the file's suffix"),
    (("--theme", "neon"), "geo: error: --theme: unknown theme 'neon'"),
    (("--scale", "3"), "geo: error: --scale: scale 3: expected 1 or 2"),
    (("--width", "wide"), "geo: error: --width: expected a whole number of pixels, not 'wide'"),
    (("--title", "a\x07b"), "geo: error: --title: control character U+0007 at character 1"),
])
def test_bad_inputs_exit_2_with_one_line(args: tuple[str, ...], message: str,
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner
                                         ) -> None:
    monkeypatch.chdir(tmp_path)
    output = () if "-o" in args else ("-o", "figure.svg")
    result = runner("figure", "-w", str(ROOT), *output, *args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(message), result.stderr
    assert not list(tmp_path.iterdir())  # nothing written, not even a temporary file


def test_stdout_as_the_output_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         runner) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (("-o", "-"), ("--output", "-", "--format", "png")):
        result = runner("figure", "-w", str(ROOT), *args)
        assert result.exit_code == 2
        assert result.stderr == ("geo: error: -o -: a figure is written to a file, with its "
                                 "alt text beside it, not to stdout; name the file with "
                                 "-o PATH\n")
        assert result.stdout == ""
    assert not list(tmp_path.iterdir())  # no file named '-' nor '-.alt.txt'


def test_unwritable_output_exit_2_and_nothing_written(tmp_path: Path, runner) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = runner("figure", "-w", str(ROOT), "-o", str(blocker / "figure.svg"))
    assert result.exit_code == 2
    assert result.stderr == (f"geo: error: {blocker}: cannot create the output folder: a file "
                             "is in the way (it or a folder above it is a file)\n")
    result = runner("figure", "-w", str(ROOT), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"geo: error: {tmp_path}: is a folder; name the figure's file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_figure_help_loads_no_heavy_library() -> None:
    probe = ("import sys\nfrom click.testing import CliRunner\nfrom geo.cli import main\n"
             "assert CliRunner().invoke(main, ['figure', '--help']).exit_code == 0\n"
             "print(' '.join(m for m in ('matplotlib', 'geopandas', 'folium', 'pyproj', "
             "'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=20)
    assert out.stdout.strip() == ""


PACIFIC_ROUTE = """
[[route]]
id = "fiji-samoa-test"
name = "Fiji to Samoa (test cable)"
kind = "submarine-cable"
status = "operational"
schematic = true

[[route.segments]]
medium = "submarine"
waypoints = [[178.44, -18.14], [-171.76, -13.83]]

[[route.sources]]
reference = "geonames:2198148"
note = "A test route across the antimeridian."
"""


def _path_runs(group: ET.Element) -> list[np.ndarray]:
    """The subpaths (``M ... L ...``) of the first path of an SVG group, as point arrays."""
    d = group.find(f"{SVG}path").get("d")
    runs = []
    for chunk in re.split(r"(?=M )", d):
        numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", chunk)]
        if len(numbers) >= 4:
            runs.append(np.asarray(numbers).reshape(-1, 2))
    return runs


def test_a_route_across_the_antimeridian_is_drawn_the_short_way(workspace: Path,
                                                                 tmp_path: Path, runner) -> None:
    with (workspace / "data" / "routes.toml").open("a", encoding="utf-8") as out:
        out.write(PACIFIC_ROUTE)
    framed, world = tmp_path / "framed.svg", tmp_path / "world.svg"
    for path, args in ((framed, ("--extent", "fiji-samoa-test")),
                       (world, ("--bbox", "-180,-60,180,75"))):
        result = runner("figure", "-w", str(workspace), "-o", str(path), "--layer", "routes", *args)
        assert result.exit_code == 0, result.output
    root = ET.parse(framed).getroot()
    width = float(root.get("viewBox").split()[2])
    group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "routes.fiji-samoa-test")
    runs = _path_runs(group)
    assert len(runs) == 1  # framed on the Pacific: one line across 180°
    assert 0.2 * width < np.ptp(runs[0][:, 0]) < 0.9 * width
    root = ET.parse(world).getroot()
    width = float(root.get("viewBox").split()[2])
    group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "routes.fiji-samoa-test")
    runs = _path_runs(group)
    assert len(runs) == 2  # cut at the world map's edge, never drawn across it
    assert all(np.ptp(run[:, 0]) < 0.05 * width for run in runs)


# --------------------------------------------------------------------------- projection


def test_projection_follows_the_extent() -> None:
    assert choose_projection(Extent.from_bbox(-180, -90, 180, 90)).kind == "equal-earth"
    assert choose_projection(Extent.from_bbox(-10, 35, 40, 60)).kind == "lcc"
    assert choose_projection(Extent.from_bbox(0, -35, 120, 55)).kind == "laea"  # continents
    assert choose_projection(Extent.from_bbox(-20, -10, 20, 10)).kind == "laea"  # tropics
    assert choose_projection(Extent.from_bbox(-60, 65, 60, 89)).kind == "laea"  # a pole
    across = Extent.from_bbox(170, -50, -170, 10)  # across the antimeridian: 20° wide
    assert across.lon_span == pytest.approx(20.0)
    assert choose_projection(across).lon_0 == pytest.approx(-180.0) or \
        choose_projection(across).lon_0 == pytest.approx(180.0)
    assert Extent.covering(np.array([179.0, -179.0]), np.array([0.0, 1.0])).lon_span == 2.0


def test_lines_cross_the_antimeridian_the_short_way() -> None:
    line = np.array([[175.0, -10.0], [179.0, -12.0], [-178.0, -14.0], [-170.0, -16.0]])
    pacific = choose_projection(Extent.from_bbox(160, -30, -160, 0))
    parts = project_lines([line], pacific)
    assert len(parts) == 1  # centred on the Pacific: one line, no jump
    width = np.ptp(parts[0][:, 0])
    assert width < 2_000_000  # about 15° of longitude, not 345°
    world = choose_projection(Extent.from_bbox(-180, -90, 180, 90))
    split = cut_at_back_meridian(line, world.lon_0)
    assert len(split) == 2  # the world map's edge is at ±180°: cut there, not drawn across
    assert split[0][-1, 0] == pytest.approx(180.0) and split[1][0, 0] == pytest.approx(-180.0)
    assert split[0][-1, 1] == pytest.approx(split[1][0, 1])


def test_scale_bar_is_true_at_the_centre_of_the_map() -> None:
    for bbox in ((-10, 35, 40, 60), (0, -35, 120, 55), (-180, -90, 180, 90)):
        extent = Extent.from_bbox(*bbox)
        projection = choose_projection(extent)
        view = view_of(projection, extent)
        bar = scale_bar(projection, view)
        cx, cy = (view.x0 + view.x1) / 2, (view.y0 + view.y1) / 2
        lon, lat = projection.inverse(np.array([cx - bar.length_units / 2,
                                                cx + bar.length_units / 2]),
                                      np.array([cy, cy]))
        _az, _baz, ground = GEOD.inv(lon[0], lat[0], lon[1], lat[1])
        assert ground == pytest.approx(bar.length_m, rel=0.01), bbox
        assert bar.label.endswith(" km") and bar.length_units < view.width * 0.2 + 1


def test_bbox_parsing() -> None:
    assert parse_bbox(" 20, 35 ,60,55") == (20.0, 35.0, 60.0, 55.0)
    assert parse_bbox("170,-50,-170,10") == (170.0, -50.0, -170.0, 10.0)
    for bad in ("", "1,2,3,4,5", "a,b,c,d", "0,0,0,10", "0,-91,10,10", "inf,0,10,10"):
        with pytest.raises(InputError, match="bounding box"):
            parse_bbox(bad)

