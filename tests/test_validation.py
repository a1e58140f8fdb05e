"""The schema's toolkit (geo.validation) and the problems the catalogue's schema reports.

``tests/data/schema_problems.json`` holds 344 entities, mutated at random from the shipped
catalogue and the test workspaces (fields dropped, added, given values of the wrong type,
shape or range), each with the problem lines pydantic's schema gave for it before geo.schema
was rewritten on geo.validation (issue 16). Chosen so that every kind of problem of every
field appears at least once; a few valid entities are there too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.catalog import _validation_problems
from geo.schema import KINDS, Route, Site, Source, ValidationError
from geo.validation import Field, Model, list_of, model, number, optional, text

CASES = json.loads((Path(__file__).parent / "data" / "schema_problems.json")
                   .read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['kind']}")
def test_problems_are_those_the_pydantic_schema_gave(case: dict) -> None:
    model_ = KINDS[case["kind"]][1]
    try:
        model_.model_validate(case["input"])
        lines = []
    except ValidationError as exc:
        lines = [f"{p.field}: {p.message}" for p in _validation_problems("f", "E", exc)]
    assert lines == case["problems"]


def test_the_cases_cover_many_fields_and_kinds() -> None:
    fields = {line.split(": ", 1)[0] for c in CASES for line in c["problems"]}
    assert len(CASES) > 300 and len(fields) > 60
    assert {c["kind"] for c in CASES} == set(KINDS)


class Inner(Model):
    size: float = Field(number(gt=0))
    note: str | None = Field(optional(text(min_length=1)), None)


class Outer(Model):
    name: str = Field(text(pattern=r"^[a-z]+$"))
    parts: list[Inner] = Field(list_of(model(Inner), min_length=1))
    tags: list[str] = Field(list_of(text()), [])


def test_every_error_is_reported_at_once_with_its_location() -> None:
    with pytest.raises(ValidationError) as exc:
        Outer.model_validate({"name": "Abc", "parts": [{"size": -1}, {"size": "2"}, 3],
                              "colour": "red"})
    got = [(e["loc"], e["type"]) for e in exc.value.errors()]
    assert got == [(("name",), "string_pattern_mismatch"),
                   (("parts", 0, "size"), "greater_than"),
                   (("parts", 1, "size"), "float_type"),
                   (("parts", 2), "model_type"),
                   (("colour",), "extra_forbidden")]
    assert "5 validation errors for Outer" in str(exc.value)


def test_values_are_strict_but_whole_numbers_are_numbers() -> None:
    outer = Outer.model_validate({"name": "a", "parts": [{"size": 2}]})
    assert outer.parts[0].size == 2.0 and isinstance(outer.parts[0].size, float)
    for bad in (True, "2", None, float("nan"), float("inf")):
        with pytest.raises(ValidationError):
            Outer.model_validate({"name": "a", "parts": [{"size": bad}]})


def test_instances_are_frozen_compared_by_value_and_dumped_without_none() -> None:
    data = {"name": "a", "parts": [{"size": 1.5}]}
    one, two = Outer.model_validate(data), Outer.model_validate(data)
    assert one == two and one is not two
    with pytest.raises(AttributeError):
        one.name = "b"  # type: ignore[misc]
    assert one.model_dump(exclude_none=True) == {"name": "a", "parts": [{"size": 1.5}],
                                                 "tags": []}
    assert one.model_dump()["parts"] == [{"size": 1.5, "note": None}]


def test_a_list_default_is_not_shared_between_instances() -> None:
    one = Outer.model_validate({"name": "a", "parts": [{"size": 1}]})
    two = Outer.model_validate({"name": "b", "parts": [{"size": 1}]})
    one.tags.append("x")
    assert two.tags == []


def test_a_nested_instance_is_taken_as_it_is() -> None:
    src = Source.model_validate({"reference": "geonames:1"})
    site = Site.model_validate({"id": "s", "name": "S", "kind": "city", "lon": 1, "lat": 2,
                                "precision": "city", "sources": [src]})
    assert site.sources[0] is src and site.lon == 1.0


def test_a_route_whole_checks_run_only_on_valid_fields() -> None:
    with pytest.raises(ValidationError) as exc:
        Route.model_validate({"id": "r", "name": "R", "kind": "unspecified",
                              "sources": [{"reference": "x"}],
                              "segments": [{"medium": "submarine",
                                            "waypoints": [[0, 0], [0, 0]]}]})
    [err] = exc.value.errors()
    assert err["loc"] == ("segments", 0, "waypoints")
    assert "waypoint 1 repeats waypoint 0" in err["msg"]


@pytest.mark.parametrize(("field", "value"), [
    ("id", "s\n"), ("country", "FR\n"), ("host", "h\n"), ("start_date", "2022\n")])
def test_a_pattern_ends_at_the_end_of_the_text_not_before_a_final_newline(
        field: str, value: str) -> None:
    # Python's "$" matches before a final "\n"; pydantic's did not, and neither does geo's
    site = {"id": "s", "name": "S", "kind": "city", "lon": 1.0, "lat": 2.0,
            "precision": "city", "sources": [{"reference": "geonames:1"}]}
    if field == "host":
        site = {k: v for k, v in site.items() if k not in ("lon", "lat", "precision")}
    with pytest.raises(ValidationError) as exc:
        Site.model_validate({**site, field: value})
    assert [e["loc"] for e in exc.value.errors()] == [(field,)]


def test_a_whole_number_too_big_for_a_float_is_one_error() -> None:
    with pytest.raises(ValidationError) as exc:
        Outer.model_validate({"name": "a", "parts": [{"size": 10 ** 400}]})
    [err] = exc.value.errors()
    assert (err["loc"], err["type"]) == (("parts", 0, "size"), "finite_number")
