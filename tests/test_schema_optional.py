"""The schema says no more than the articles do: organisations without country or head office,
the kinds and statuses drafted entries need, and figures for fibre pairs, ready for service
and the year a figure was stated for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.schema import (
    AGREEMENT_KINDS,
    ORGANISATION_KINDS,
    ROUTE_KINDS,
    SITE_KINDS,
    STATUSES,
    Agreement,
    Figure,
    Organisation,
    Route,
    Site,
    ValidationError,
)
from tests.placeless import placeless_workspace

REF = [{"reference": "test:1"}]


@pytest.fixture
def placeless(tmp_path: Path) -> Path:
    return placeless_workspace(tmp_path / "ws")


# ---------------------------------------------------------------- organisations


def test_an_organisation_needs_neither_country_nor_head_office() -> None:
    org = Organisation.model_validate({"id": "ntt", "name": "NTT", "kind": "unspecified",
                                       "sources": REF})
    assert (org.country, org.headquarters, org.parent) == (None, None, None)
    both = Organisation.model_validate({"id": "sparkle", "name": "Sparkle", "kind": "operator",
                                        "country": "IT", "headquarters": "rome",
                                        "sources": REF})
    assert (both.country, both.headquarters) == ("IT", "rome")


@pytest.mark.parametrize(("field", "value"), [("country", "Italy"), ("headquarters", "Rome")])
def test_given_country_and_head_office_are_still_checked(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Organisation.model_validate({"id": "x", "name": "X", "kind": "operator",
                                     field: value, "sources": REF})
    assert exc.value.errors()[0]["loc"] == (field,)


def test_check_accepts_organisations_without_head_office(placeless: Path, runner) -> None:
    result = runner("check", "-w", str(placeless))
    assert result.exit_code == 0, result.output
    assert "the workspace is valid" in result.stderr


def test_an_unknown_head_office_is_still_an_error(placeless: Path, runner) -> None:
    path = placeless / "data" / "organisations.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('id = "ntt"\n', 'id = "ntt"\nheadquarters = "tokyo"\n'),
                    encoding="utf-8")
    result = runner("check", "-w", str(placeless))
    assert result.exit_code == 2
    assert "data/organisations.toml: ntt: headquarters: unknown site 'tokyo'" in result.output


def test_list_says_which_organisations_have_no_head_office(placeless: Path, runner) -> None:
    result = runner("list", "organisations", "--format", "json", "-w", str(placeless))
    assert result.exit_code == 0, result.output
    where = {row["id"]: row["where"] for row in json.loads(result.stdout)}
    assert where["ntt"] == "no head office"
    assert where["sparkle"] == "IT, HQ rome"  # as before for the shipped catalogue


def test_catalogue_names_index_organisations_without_a_position(placeless: Path) -> None:
    from geo.catalog import load_catalog
    from geo.gazetteer import CatalogueNames, default_gazetteer

    names = CatalogueNames.from_catalog(load_catalog(placeless), default_gazetteer())
    ntt = names.entries["ntt"]
    assert (ntt.kind, ntt.lon, ntt.lat, ntt.country) == ("organisation", None, None, None)
    assert names.entries["sparkle"].lon is not None


# ---------------------------------------------------------------- kinds and status


@pytest.mark.parametrize("kind", ["exchange", "ixp", "facility"])
def test_new_site_kinds(kind: str) -> None:
    assert kind in SITE_KINDS
    site = Site.model_validate({"id": "s", "name": "S", "kind": kind, "lon": 1.0, "lat": 2.0,
                                "precision": "site", "status": "under-construction",
                                "sources": REF})
    assert (site.kind, site.status) == (kind, "under-construction")


def test_new_organisation_route_and_agreement_kinds() -> None:
    assert "unspecified" in ORGANISATION_KINDS and "unspecified" in ROUTE_KINDS
    assert {"contract", "acquisition"} <= set(AGREEMENT_KINDS)
    assert "under-construction" in STATUSES
    route = Route.model_validate({"id": "r", "name": "R", "kind": "unspecified",
                                  "status": "under-construction", "sources": REF,
                                  "segments": [{"medium": "unspecified",
                                                "waypoints": [[0, 0], [1, 1]]}]})
    assert (route.kind, route.status) == ("unspecified", "under-construction")
    for kind in ("contract", "acquisition"):
        deal = Agreement.model_validate({"id": "a", "name": "A", "kind": kind,
                                         "parties": ["p", "q"], "sources": REF})
        assert deal.kind == kind


def test_an_unknown_kind_is_still_refused() -> None:
    with pytest.raises(ValidationError):
        Site.model_validate({"id": "s", "name": "S", "kind": "warehouse", "lon": 1.0,
                             "lat": 2.0, "precision": "site", "sources": REF})


# ---------------------------------------------------------------- figures


def figure(**fields: object) -> Figure:
    return Figure.model_validate({**fields, "sources": REF})


def test_fibre_pairs_and_ready_for_service() -> None:
    pairs = figure(quantity="fibre-pairs", value=8, unit="pairs")
    rfs = figure(quantity="ready-for-service", value=2027, unit="year")
    assert (pairs.value, pairs.unit, pairs.year) == (8.0, "pairs", None)
    assert (rfs.value, rfs.unit) == (2027.0, "year")


def test_any_figure_may_say_the_year_it_was_stated_for() -> None:
    assert figure(quantity="capacity", value=200, unit="Tbps", year=2024).year == 2024
    assert figure(quantity="length", value=6000, unit="km").year is None


@pytest.mark.parametrize(("fields", "message"), [
    ({"quantity": "fibre-pairs", "value": 8, "unit": "km"},
     "a fibre-pairs figure is given in pairs, not km"),
    ({"quantity": "ready-for-service", "value": 2027, "unit": "km"},
     "a ready-for-service figure is given in year, not km"),
    ({"quantity": "length", "value": 6000, "unit": "pairs"}, "a length is given in m or km"),
    ({"quantity": "fibre-pairs", "value": 8.5, "unit": "pairs"},
     "a fibre-pairs figure is a whole number, not 8.5"),
    ({"quantity": "ready-for-service", "value": 2027.5, "unit": "year"},
     "a ready-for-service figure is a whole number, not 2027.5"),
    ({"quantity": "ready-for-service", "value": 27, "unit": "year"},
     "a ready-for-service figure is a year (YYYY), not 27.0"),
    ({"quantity": "length", "value": 6000, "unit": "km", "year": 24},
     "greater than or equal to 1000"),
    ({"quantity": "length", "value": 6000, "unit": "km", "year": "2024"}, "valid integer"),
])
def test_figures_that_do_not_fit_are_refused(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        figure(**fields)
    assert message in str(exc.value)


def test_check_names_the_figure_that_does_not_fit(placeless: Path, runner) -> None:
    path = placeless / "data" / "routes.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value = 2027\n", "value = 2027.5\n"), encoding="utf-8")
    result = runner("check", "-w", str(placeless))
    assert result.exit_code == 2
    assert ("data/routes.toml: sydney-jakarta-singapore-cable: figures[1]: a ready-for-service "
            "figure is a whole number, not 2027.5") in result.output
