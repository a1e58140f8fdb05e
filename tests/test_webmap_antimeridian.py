"""The web map's drawing across the antimeridian (geo.webmap.layers): a line that reaches past
±180° is drawn a turn (360°) away too, the markers at its ends are drawn where it puts them,
a route's segments are drawn as one path, the country outlines three times; copies are
parts of their entity (one entry each), marked ``geoShift`` and ``geo-copy``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import folium
import pytest

from geo.build import segment_lines
from geo.catalog import load_catalog
from geo.layers import build_layers
from geo.webmap import render_map
from geo.webmap.elements import OUTLINE_SHIFTS
from geo.webmap.layers import (
    BUILD_ORDER,
    BUILDERS,
    FarSide,
    build_routes,
    build_sites,
    world_shifts,
)
from tests.pacific import SITES, pacific_workspace


@pytest.fixture(scope="module")
def pacific(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    cat = load_catalog(pacific_workspace(tmp_path_factory.mktemp("pacific") / "ws"))
    return {"layers": build_layers(cat), "segments": segment_lines(cat)}


@pytest.mark.parametrize(("lon_min", "lon_max", "shifts"), [
    (139.69, 241.76, [0.0, -360.0]),     # Tokyo to Los Angeles, drawn from Tokyo
    (-220.31, -118.24, [0.0, 360.0]),    # the same, drawn from Los Angeles
    (-10.0, 10.0, [0.0]),                # within -180..180
    (170.0, 180.0, [0.0]),               # touching 180: nothing past it
    (-180.0, -170.0, [0.0]),
    (-170.0, 400.0, [0.0, -360.0]),      # more than a turn
])
def test_world_shifts(lon_min: float, lon_max: float, shifts: list[float]) -> None:
    assert world_shifts(lon_min, lon_max) == shifts


def test_far_side_says_where_lines_draw_a_place() -> None:
    far = FarSide()
    far.note([[35.69, 139.69], [34.05, 241.76]])
    far.note([[35.69, -220.31], [34.05, -118.24]])
    assert far.shifts_at(-118.24, 34.05) == [360.0]
    assert far.shifts_at(139.69, 35.69) == [-360.0]
    assert far.shifts_at(139.69, 35.7) == []       # another place
    assert far.shifts_at(36.8, -1.28) == []
    # a place on the antimeridian itself, written either way
    far.note([[-16.0, 180.0]])
    assert far.shifts_at(-180.0, -16.0) == [360.0]
    assert far.shifts_at(180.0, -16.0) == []


def _parts(element: Any) -> list[Any]:
    """The drawn elements of a feature: itself, or the members of its group."""
    if isinstance(element, folium.FeatureGroup):
        return [c for c in element._children.values()
                if isinstance(c, folium.CircleMarker | folium.PolyLine | folium.Marker)]
    return [element]


def _lons(line: folium.PolyLine) -> list[float]:
    """The longitudes of a drawn line, its parts one after the other."""
    locations = line.locations
    if locations and isinstance(locations[0][0], list):  # several parts
        locations = [position for part in locations for position in part]
    return [lon for _lat, lon in locations]


def _visible_lines(feature: Any) -> list[folium.PolyLine]:
    return [p for p in _parts(feature) if isinstance(p, folium.PolyLine)
            and "geo-hit" not in p.options["className"]]


def test_a_route_across_180_is_drawn_on_both_sides(pacific: dict[str, Any]) -> None:
    far = FarSide()
    group = build_routes(pacific["layers"]["routes"], {}, pacific["segments"], far_side=far)
    by_id = {e.id: e for e in group.entries}
    assert len(group.entries) == len(pacific["layers"]["routes"])  # one entry per route
    lines = _visible_lines(by_id["tokyo-la"].feature)
    assert len(lines) == 2
    own, copy = lines
    assert "geoShift" not in own.options and "geo-copy" not in own.options["className"]
    assert copy.options["geoShift"] == -360.0 and "geo-copy" in copy.options["className"]
    assert _lons(own)[0] == pytest.approx(139.69) and _lons(own)[-1] == pytest.approx(241.76)
    assert _lons(copy) == pytest.approx([lon - 360.0 for lon in _lons(own)])
    # a route within -180..180 is drawn once
    for entry in group.entries:
        if entry.id not in ("tokyo-la", "suva-apia", "guam-honolulu-la"):
            assert not any("geoShift" in p.options for p in _parts(entry.feature)), entry.id
    assert far.shifts_at(-118.24, 34.05) == [360.0]
    assert far.shifts_at(139.69, 35.69) == [-360.0]


def test_a_routes_segments_are_drawn_as_one_path(pacific: dict[str, Any]) -> None:
    """Guam - Honolulu, then Honolulu - Los Angeles: the second segment starts where the
    first ended, past 180°, and both are drawn a turn west too."""
    group = build_routes(pacific["layers"]["routes"], {}, pacific["segments"])
    entry = next(e for e in group.entries if e.id == "guam-honolulu-la")
    first, second, first_copy, second_copy = _visible_lines(entry.feature)
    assert _lons(first)[-1] == pytest.approx(-157.86 + 360.0)
    assert _lons(second)[0] == pytest.approx(_lons(first)[-1])
    assert _lons(second)[-1] == pytest.approx(-118.24 + 360.0)
    assert first_copy.options["geoShift"] == second_copy.options["geoShift"] == -360.0
    assert _lons(second_copy)[-1] == pytest.approx(-118.24)


def test_end_markers_are_drawn_where_the_lines_put_them(pacific: dict[str, Any]) -> None:
    far = FarSide()
    build_routes(pacific["layers"]["routes"], {}, pacific["segments"], far_side=far)
    group = build_sites(pacific["layers"]["sites"], {}, far_side=far)
    assert len(group.entries) == int(pacific["layers"]["sites"].geometry.notna().sum())
    by_id = {e.id: e for e in group.entries}
    expected = {"tokyo": [0.0, -360.0], "los-angeles": [0.0, 360.0], "suva": [0.0, -360.0],
                "apia": [0.0, 360.0], "guam": [0.0, -360.0], "honolulu": [0.0, 360.0]}
    for site_id, shifts in expected.items():
        _name, _country, lon, lat = SITES[site_id]
        markers = _parts(by_id[site_id].feature)
        assert [m.location for m in markers] == [[lat, lon + s] for s in shifts], site_id
        assert [m.options.get("geoShift", 0.0) for m in markers] == shifts
        assert ["geo-copy" in m.options["className"] for m in markers] == [False, True]
    # a site no line draws past 180° is one marker, as before
    nairobi = by_id["eadc-nairobi"].feature
    assert isinstance(nairobi, folium.CircleMarker) and "geoShift" not in nairobi.options


def test_build_order_puts_lines_before_markers() -> None:
    assert sorted(BUILD_ORDER) == sorted(BUILDERS)
    assert BUILD_ORDER.index("organisations") > BUILD_ORDER.index("agreements")
    assert min(BUILD_ORDER.index("sites"), BUILD_ORDER.index("organisations")) > max(
        BUILD_ORDER.index(n) for n in ("corridors", "routes", "agreements"))


def test_the_page_draws_copies_and_outlines_three_times(pacific: dict[str, Any],
                                                        tmp_path: Path) -> None:
    page = render_map(pacific["layers"], offline=True, segment_lines=pacific["segments"])
    assert OUTLINE_SHIFTS == (-360.0, 0.0, 360.0)
    assert "coordsToLatLng: function (c) { return L.latLng(c[1], c[0] + shift); }" in page
    assert "[-360.0, 0.0, 360.0].forEach(function (shift)" in page
    assert page.count('"geoShift": 360.0') >= 3     # Los Angeles, Apia, Honolulu
    assert page.count('"geoShift": -360.0') >= 3    # the routes' copies, Tokyo, Suva, Guam


def test_arcs_head_offices_venues_and_corridors_across_180(catalog: Any) -> None:
    """An agreement's arc across 180° is drawn on both sides, and the head offices at its
    ends and a venue pin where a line draws it past 180° are drawn there too; so is a
    corridor across 180°."""
    from shapely.geometry import LineString, MultiLineString, Point

    from geo.geodesy import geodesic_path
    from geo.webmap.layers import build_agreements, build_corridors, build_organisations

    layers = build_layers(catalog)
    hong_kong = (114.17469, 22.27832)  # china-telecom-global's head office
    los_angeles = (-118.24, 34.05)
    agreements = layers["agreements"].copy()
    agreements.loc[1, "geometry"] = LineString(geodesic_path(hong_kong, los_angeles))
    agreements.loc[2, "geometry"] = Point(*los_angeles)   # drawn at its venue
    corridors = layers["corridors"].copy()
    corridors.loc[0, "geometry"] = MultiLineString([[hong_kong, (170.0, 30.0)],
                                                    [(170.0, 30.0), los_angeles]])
    far = FarSide()
    drawn_corridors = build_corridors(corridors, {}, far_side=far)
    drawn = build_agreements(agreements, {}, far_side=far)
    arc = next(e for e in drawn.entries if e.id == agreements.loc[1, "id"])
    own, copy = _visible_lines(arc.feature)
    assert _lons(own)[0] == pytest.approx(114.17469)
    assert _lons(own)[-1] == pytest.approx(-118.24 + 360.0)
    assert copy.options["geoShift"] == -360.0
    band = drawn_corridors.entries[0].feature
    lines = _visible_lines(band)
    assert [line.options.get("geoShift", 0.0) for line in lines] == [0.0, -360.0]
    # the second part goes on from the first, past 180°
    assert lines[0].locations[1][0][1] == pytest.approx(lines[0].locations[0][-1][1])
    assert _lons(lines[0])[-1] == pytest.approx(-118.24 + 360.0)
    # the venue pin at Los Angeles: arcs and corridors draw it at 241.76 too
    pin = next(e for e in drawn.entries if e.id == agreements.loc[2, "id"])
    assert [m.location[1] for m in _parts(pin.feature)] == pytest.approx([-118.24, 241.76])
    heads = build_organisations(layers["organisations"], {}, far_side=far)
    ctg = next(e for e in heads.entries if e.id == "china-telecom-global")
    assert [m.location[1] for m in _parts(ctg.feature)] == pytest.approx([114.17469,
                                                                          114.17469 - 360.0])
    assert len(heads.entries) == int(layers["organisations"].geometry.notna().sum())


def test_a_marker_finds_its_line_s_copy_whatever_the_rounding():
    """A line's positions are rounded half to even (numpy), a site's are not, and a position
    360° away rounds apart: 1,842 of 20,000 random six-decimal sites missed their copy."""
    import random

    import numpy as np

    from geo.lines import round_coords
    from geo.webmap.layers import DRAW_DECIMALS, FarSide

    rng = random.Random(7)
    for _ in range(5_000):
        lon, lat = round(rng.uniform(-180, -100), 6), round(rng.uniform(-60, 60), 6)
        drawn_lon, drawn_lat = round_coords(np.array([lon + 360.0, lat]), DRAW_DECIMALS)
        far = FarSide()
        far.note([[drawn_lat, drawn_lon]])
        assert far.shifts_at(lon, lat) == [360.0], (lon, lat)


def test_a_marker_a_hair_west_of_180_finds_a_line_drawn_at_minus_180():
    from geo.webmap.layers import FarSide

    far = FarSide()
    far.note([[10.0, -180.0]])
    assert far.shifts_at(179.999996, 10.0) == [-360.0]
