"""geo.sea and geo.land: schematic submarine lines routed over the sea, plausibly, across the
antimeridian and near the poles; the land they are kept off."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from geo.geodesy import path_length_m
from geo.land import crossings, land_polygons, on_land, sample_line, surface_runs
from geo.routes import draw_segment
from geo.sea import _sea_path, sea_path

SYDNEY, JAKARTA, SINGAPORE = (151.20732, -33.86785), (106.84513, -6.21462), (103.85007, 1.28967)
LOS_ANGELES, TOKYO = (-118.24368, 34.05223), (139.69171, 35.6895)
LISBON, GENOA = (-9.13333, 38.71667), (8.94439, 44.40478)
AKTAU, BAKU = (51.17392, 43.66105), (49.89201, 40.37767)


def interior_land_km(positions) -> float:
    """The longest run over land away from the line's ends, km."""
    return max((r.length_m for r in surface_runs(positions)
                if r.land and not (r.at_start or r.at_end)), default=0.0) / 1000.0


# ------------------------------------------------------------------ the land


@pytest.mark.parametrize(("where", "lon", "lat", "land"), [
    ("Paris", 2.35, 48.85, True), ("mid-Atlantic", -30.0, 30.0, False),
    ("central Australia", 134.0, -25.0, True), ("Caspian Sea", 51.0, 42.0, False),
    ("South Pole", 0.0, -89.95, True), ("North Pole", 0.0, 89.95, False),
    ("Chukotka, west of 180", 178.0, 66.0, True), ("Chukotka, east of -180", -175.0, 66.0, True),
    ("Fiji", 178.44, -17.8, True), ("Strait of Gibraltar", -5.6, 35.95, False),
    ("the Pacific at the antimeridian", 180.0, 0.0, False),
])
def test_land_is_natural_earth_1_50m_on_both_sides_of_the_antimeridian(where, lon, lat, land):
    assert bool(on_land(np.array([lon]), np.array([lat]))[0]) is land, where


def test_land_polygons_are_valid_and_within_the_world():
    polygons = land_polygons()
    assert len(polygons) > 1000
    assert all(p.is_valid for p in polygons)
    bounds = np.array([p.bounds for p in polygons])
    assert bounds[:, 0].min() >= -180 and bounds[:, 2].max() <= 180
    assert bounds[:, 1].min() == -90 and bounds[:, 3].max() < 84   # Antarctica to the pole


def test_samples_follow_the_geodesic_at_the_stated_spacing():
    pts = sample_line([LOS_ANGELES, TOKYO], 5_000.0)
    legs = [path_length_m([tuple(a), tuple(b)]) for a, b in itertools.pairwise(pts)]
    assert max(legs) <= 5_000.0 + 1e-6
    assert sum(legs) == pytest.approx(path_length_m([LOS_ANGELES, TOKYO]), rel=1e-9)


# ------------------------------------------------------------------ the routes


def test_sydney_jakarta_singapore_is_drawn_over_water_not_across_australia():
    drawn, routing, stops = draw_segment([SYDNEY, JAKARTA, SINGAPORE], "submarine", True)
    assert routing == "sea"
    assert drawn[0] == SYDNEY and drawn[stops[1]] == JAKARTA and drawn[-1] == SINGAPORE
    # the geodesic crosses the continent (over 3,000 km of land); the drawn line none
    assert sum(r.length_m for r in crossings([SYDNEY, JAKARTA], over_land=True)) > 3e6
    for leg in (drawn[:stops[1] + 1], drawn[stops[1]:]):
        assert crossings(leg, over_land=True) == []
        assert interior_land_km(leg) <= 10
    # no vertex in Australia's interior
    assert not any(120 < lon < 150 and -32 < lat < -18 for lon, lat in drawn)
    # longer than the geodesic, but not absurdly
    geodesic = path_length_m([SYDNEY, JAKARTA, SINGAPORE])
    assert geodesic < path_length_m(drawn) < 1.6 * geodesic


def test_a_trans_pacific_segment_crosses_the_antimeridian_over_water():
    path = sea_path(LOS_ANGELES, TOKYO)
    assert path.routed
    lons = [lon for lon, _lat in path.positions]
    assert all(-180 <= lon <= 180 for lon in lons)
    jumps = [(a, b) for a, b in itertools.pairwise(lons) if abs(a - b) > 180]
    assert len(jumps) == 1    # once across ±180°, the short way
    assert crossings(path.positions, over_land=True) == []
    geodesic = path_length_m([LOS_ANGELES, TOKYO])
    assert geodesic < path_length_m(path.positions) < 1.1 * geodesic
    assert max(lat for _lon, lat in path.positions) < 60   # not round by the Arctic


def test_a_segment_from_the_atlantic_to_the_mediterranean_goes_through_gibraltar():
    path = sea_path(LISBON, GENOA)
    assert path.routed
    assert crossings(path.positions, over_land=True) == []
    # where the line crosses 5.6° W, it is in the strait (35.8°-36.1° N)
    pts = sample_line(path.positions, 2_000.0)
    i = int(np.nonzero(np.diff(np.sign(pts[:, 0] + 5.6)))[0][0])
    assert 35.8 < pts[i, 1] < 36.1
    assert path_length_m(path.positions) < 1.5 * path_length_m([LISBON, GENOA])


def test_near_the_pole_tromso_to_svalbard_keeps_off_the_land():
    tromso, longyearbyen = (18.9553, 69.6496), (15.6356, 78.2232)
    path = sea_path(tromso, longyearbyen)
    assert crossings(path.positions, over_land=True) == []
    assert path.positions[0] == tromso and path.positions[-1] == longyearbyen


def test_a_geodesic_over_water_is_kept_as_it_is():
    # across the Caspian Sea, which no maritime network reaches
    path = sea_path(AKTAU, BAKU)
    assert not path.routed and path.positions == (AKTAU, BAKU)


def test_an_implausible_route_is_refused_and_the_geodesic_kept():
    # Nome to Kotzebue: the network's nearest nodes lie far round; the geodesic stays, and
    # the check reports its 190 km over the Seward Peninsula
    nome, kotzebue = (-165.4064, 64.5011), (-162.5967, 66.8983)
    path = sea_path(nome, kotzebue)
    assert not path.routed and path.positions == (nome, kotzebue)
    assert [round(r.length_m / 1000) for r in crossings(path.positions, over_land=True)] == [
        193]


def test_routing_is_deterministic_and_cached():
    _sea_path.cache_clear()
    first = sea_path(SYDNEY, JAKARTA)
    assert _sea_path.cache_info().misses == 1
    again = sea_path((SYDNEY[0] + 1e-9, SYDNEY[1]), JAKARTA)   # same key once rounded
    assert _sea_path.cache_info().hits == 1
    assert again.positions[1:] == first.positions[1:]
    assert again.positions[0] == (SYDNEY[0] + 1e-9, SYDNEY[1])   # ends exactly as given
    _sea_path.cache_clear()
    assert sea_path(SYDNEY, JAKARTA) == first
    # the way back is the same line, reversed, from the same cache entry
    back = sea_path(JAKARTA, SYDNEY)
    assert back.positions == first.positions[::-1]
    assert _sea_path.cache_info().misses == 1


def test_only_schematic_submarine_segments_are_routed():
    for medium, schematic in (("submarine", False), ("terrestrial", True),
                              ("unspecified", True)):
        drawn, routing, _stops = draw_segment([SYDNEY, JAKARTA], medium, schematic)
        assert (drawn, routing) == ([SYDNEY, JAKARTA], "geodesic"), medium
