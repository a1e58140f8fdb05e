"""geo.sea and geo.land: schematic submarine lines routed over the sea, plausibly, across the
antimeridian and near the poles; the land they are kept off."""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pytest
import shapely

from geo.geodesy import path_length_m
from geo.land import (
    crossings,
    land_m_each,
    land_polygons,
    land_within,
    on_land,
    sample_line,
    surface_runs,
    surface_runs_each,
)
from geo.routes import draw_segment
from geo.sea import (
    END_SLACK_M,
    MAX_DETOUR_FACTOR,
    MAX_DETOUR_M,
    _join,
    _network,
    _network_path,
    _nodes_path,
    _sea_path,
    mend,
    pull_taut,
    sea_path,
)

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


def test_land_within_a_window_across_the_antimeridian_is_continuous():
    # Chukotka on both sides of 180°: a window from 175° E to 175° W (185°)
    polygons = land_within(175.0, 64.0, 185.0, 72.0)
    bounds = np.array([p.bounds for p in polygons])
    assert bounds[:, 0].min() >= 175.0 and bounds[:, 2].max() <= 185.0
    assert bounds[:, 2].max() > 180.0       # land east of 180° moved by 360°
    land = shapely.union_all(polygons)
    assert land.contains(shapely.Point(178.0, 66.0)) and land.contains(shapely.Point(184.0, 66.5))
    assert not land.contains(shapely.Point(183.0, 64.5))   # the Bering Sea


def test_samples_follow_the_geodesic_at_the_stated_spacing():
    pts = sample_line([LOS_ANGELES, TOKYO], 5_000.0)
    legs = [path_length_m([tuple(a), tuple(b)]) for a, b in itertools.pairwise(pts)]
    assert max(legs) <= 5_000.0 + 1e-6
    assert sum(legs) == pytest.approx(path_length_m([LOS_ANGELES, TOKYO]), rel=1e-9)


def test_runs_of_many_lines_at_once_are_each_line_s_runs():
    lines = [[SYDNEY, JAKARTA], [LOS_ANGELES, TOKYO], [TOKYO], [LISBON, GENOA, AKTAU],
             [(178.0, 66.0), (-175.0, 66.0)], [AKTAU, BAKU]]
    assert surface_runs_each(lines) == [surface_runs(line) for line in lines]
    assert land_m_each(lines) == [sum(r.length_m for r in surface_runs(line) if r.land)
                                  for line in lines]
    assert surface_runs_each([]) == [] and surface_runs_each([[TOKYO]]) == [[]]


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


def test_a_line_across_the_antimeridian_is_as_taut_as_the_best_path_over_water():
    # Suva to Apia: the network crosses ±180° only every 10° of latitude, and its path,
    # pulled taut, was held at (180, -20): 1,571 km. A path over water (no land at all at
    # 1:50m) measures 1,196 km; the geodesic 1,152 km, across islands of Fiji and Samoa
    suva, apia = (178.44, -18.14), (-171.76, -13.83)
    by_water = [suva, (178.45, -18.3), (-171.9, -13.65), apia]
    assert land_m_each([by_water]) == [0.0]
    assert crossings([suva, apia], over_land=True) != []
    path = sea_path(suva, apia)
    assert path.routed and path.positions[0] == suva and path.positions[-1] == apia
    assert crossings(path.positions, over_land=True) == []
    assert land_m_each([path.positions]) == [0.0]
    assert path_length_m([suva, apia]) < path_length_m(path.positions) < 1.02 * path_length_m(
        by_water)
    lons = [lon for lon, _lat in path.positions]
    assert all(-180 <= lon <= 180 for lon in lons)
    assert len([1 for a, b in itertools.pairwise(lons) if abs(a - b) > 180]) == 1
    assert (180.0, -20.0) not in path.positions and (-180.0, -20.0) not in path.positions


@pytest.mark.parametrize(("where", "start", "end"), [
    # each was held by the network's crossing of ±180° at 20° S: 1.66 and 1.41 × the geodesic
    ("Savusavu to Apia", (179.34, -16.78), (-171.76, -13.83)),
    ("Lautoka to Apia", (177.45, -17.61), (-171.76, -13.83)),
    ("Suva to Pago Pago", (178.44, -18.14), (-170.70, -14.28)),
    ("Guam to Honolulu", (144.79, 13.44), (-157.86, 21.31)),
    ("Auckland to Papeete", (174.76, -36.85), (-149.57, -17.54)),
])
def test_lines_across_the_antimeridian_are_little_longer_than_the_geodesic(where, start, end):
    path = sea_path(start, end)
    assert path.positions[0] == start and path.positions[-1] == end, where
    assert crossings(path.positions, over_land=True) == [], where
    # the last two are geodesics clipping 10 km of an island (Oahu, Waiheke): the checks'
    # tolerance
    assert interior_land_km(path.positions) <= 10, where
    assert path_length_m(path.positions) < 1.1 * path_length_m([start, end]), where


def test_tight_mending_takes_a_line_off_a_coast_it_grazes():
    # off Vanua Levu (Fiji) the line runs along the coast, 10 km over land: coastlines
    # simplified to the window's size miss it; simplified less, the line is taken off it
    a, b = (179.42018, -16.80935), (179.92972, -16.74599)
    assert land_m_each([[a, b]])[0] > 9_000
    assert mend([a, b]) == [a, b]         # within the checks' tolerance: left as it is
    mended = mend([a, b], tolerance_m=END_SLACK_M, end_tolerance_m=END_SLACK_M)
    assert mended[0] == a and mended[-1] == b and len(mended) > 2
    assert land_m_each([mended]) == [0.0]
    assert path_length_m(mended) < 1.01 * path_length_m([a, b])


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


@pytest.mark.parametrize(("where", "start", "end", "land_km"), [
    # no water between the Gulf of Aqaba and the Mediterranean but by Suez (1,059 km on the
    # network, refused): the line crosses the Negev, and the check says so
    ("Eilat to Ashdod", (34.95, 29.55), (34.65, 31.8), 251),
    # Lake Ontario is land at 1:50m: no sea near either end
    ("Kingston to Toronto", (-76.479, 44.232), (-79.385, 43.649), 242),
])
def test_without_water_nearby_the_geodesic_is_kept_and_its_crossing_reported(
        where, start, end, land_km):
    path = sea_path(start, end)
    assert not path.routed and path.positions == (start, end), where
    assert [round(r.length_m / 1000) for r in crossings(path.positions, over_land=True)] == [
        land_km], where


def test_a_way_round_a_whole_peninsula_is_not_sought_locally():
    # Helsinki to Murmansk, Trondheim to Stockholm: the only water between them is round
    # Scandinavia, far longer than a plausible line; the search round the land near them
    # gives up (it took 28 s before its window and its length were bounded; the timeout is
    # only a guard against that search running away: its time is bench_routing's to print)
    code = ("from geo.sea import sea_path\n"
            "for a, b in (((24.94, 60.17), (33.08, 68.97)), ((10.4, 63.43), (18.07, 59.33))):\n"
            "    p = sea_path(a, b)\n"
            "    assert not p.routed and p.positions == (a, b), p\n"
            "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=180, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


# ------------------------------------------------------------------ lines mended round land
# Each class of line that the network alone left over land.


def test_a_coast_far_from_the_network_is_followed_round_the_land():
    # Nome to Kotzebue: the network's nearest nodes lie far round (its path is refused as
    # implausible), and the geodesic crosses 193 km of the Seward Peninsula; the line goes
    # round it, through the Bering Strait, over water
    nome, kotzebue = (-165.4064, 64.5011), (-162.5967, 66.8983)
    assert [round(r.length_m / 1000) for r in crossings([nome, kotzebue], over_land=True)] == [
        193]
    limit = MAX_DETOUR_FACTOR * path_length_m([nome, kotzebue]) + MAX_DETOUR_M
    assert path_length_m(_network_path(nome, kotzebue)) > limit
    path = sea_path(nome, kotzebue)
    assert path.routed and path.positions[0] == nome and path.positions[-1] == kotzebue
    assert crossings(path.positions, over_land=True) == []
    assert min(lon for lon, _lat in path.positions) < -167.5   # round Cape Prince of Wales
    assert path_length_m(path.positions) < limit


def test_a_landing_at_the_head_of_a_fjord_leaves_it_by_the_fjord():
    # near Puerto Chacabuco, at the head of the Aysen fjord (Chile), to Chiloe: the nearest
    # network nodes lie across the peninsula, whose straight join crosses land inland
    head, chiloe = (-72.82, -45.45), (-73.62, -43.1)
    _graph, nodes = _network()
    join = _join(head, nodes)
    assert interior_land_km([head, join]) > 10
    _sea_path.cache_clear()
    path = sea_path(head, chiloe)
    assert path.routed and path.positions[0] == head and path.positions[-1] == chiloe
    assert crossings(path.positions, over_land=True) == []
    assert interior_land_km(path.positions) <= 10
    # out along the fjord, north-west, before turning north
    assert -73.35 < path.positions[1][0] < -72.82 and -45.46 < path.positions[1][1] < -45.3
    assert path_length_m(path.positions) < 1.3 * path_length_m([head, chiloe])
    _sea_path.cache_clear()
    assert sea_path(head, chiloe) == path    # deterministic


def test_a_canal_of_the_network_is_no_way_for_a_cable():
    # Otranto to Piraeus: the network's shortest path takes the Corinth canal, 13 km over
    # land; the line goes round the Peloponnese instead
    otranto, piraeus = (18.49, 40.15), (23.63, 37.94)
    _graph, nodes = _network()
    canal = _nodes_path(_join(otranto, nodes), _join(piraeus, nodes), frozenset())
    runs = [r for r in surface_runs(canal) if r.land and r.length_m > 10_000]
    assert [(round(r.lon, 1), round(r.lat, 1)) for r in runs] == [(23.0, 37.9)]
    path = sea_path(otranto, piraeus)
    assert path.routed
    assert crossings(path.positions, over_land=True) == []
    assert not any(22.5 < lon < 23.3 and 37.7 < lat < 38.2 for lon, lat in path.positions)
    assert min(lat for _lon, lat in path.positions) < 36.6    # round Cape Malea
    assert path_length_m(path.positions) < 1.7 * path_length_m([otranto, piraeus])


def test_a_line_is_mended_round_an_island_across_the_antimeridian():
    # Wrangel Island spans 180°: the geodesic along 71.2° N crosses it for 128 km
    west, east = (177.5, 71.2), (-176.5, 71.2)
    assert [round(r.length_m / 1000) for r in crossings([west, east], over_land=True)] == [128]
    for positions in (mend([west, east]), sea_path(west, east).positions):
        assert positions[0] == west and positions[-1] == east
        assert crossings(positions, over_land=True) == []
        lons = [lon for lon, _lat in positions]
        assert all(-180 <= lon <= 180 for lon in lons)
        assert len([1 for a, b in itertools.pairwise(lons) if abs(a - b) > 180]) == 1
        assert path_length_m(positions) < 1.2 * path_length_m([west, east])


def test_pulling_taut_in_batches_is_the_greedy_one_vertex_at_a_time(monkeypatch):
    import geo.sea

    network = [SYDNEY, (152.0, -34.5), (151.0, -38.0), (146.0, -40.0), (140.0, -38.5),
               (132.0, -34.0), (115.0, -35.5), (112.5, -25.0), (114.0, -21.0),
               (118.0, -17.0), (113.0, -9.5), (107.0, -6.8), JAKARTA]
    batched = pull_taut(network)
    monkeypatch.setattr(geo.sea, "TAUT_BATCH", 1)
    assert pull_taut(network) == batched
    assert batched[0] == SYDNEY and batched[-1] == JAKARTA and len(batched) < len(network)


def test_mending_leaves_a_line_over_water_as_it_is():
    assert mend([LOS_ANGELES, (-140.0, 30.0), TOKYO]) == [LOS_ANGELES, (-140.0, 30.0), TOKYO]


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
