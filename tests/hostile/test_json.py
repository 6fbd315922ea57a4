"""JSON built to hurt, fed to from_json and SchoolPlan.load: refused with a $.path, quickly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ict_competence import Person, Team, from_json, to_json
from ict_competence._json import MAX_DEPTH
from ict_competence.catalog import TaskOverview, load_catalog
from ict_competence.errors import PlanError, SerializationError
from ict_competence.plan import SchoolPlan
from ict_competence.text import LocalizedText
from tests.hostile.record import refused
from tests.plan.strategies import small_school


def _team_json(**hours: object) -> Any:
    team = Team((Person(id="p1", hours=40, levels={}, motivation={}),))
    data = json.loads(to_json(team))
    data["people"][0].update(hours)
    return data


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    return small_school().save(tmp_path / "plan.json")


def _load(path: Path, text: str) -> SerializationError:
    path.write_text(text, "utf-8")
    error = refused(lambda: SchoolPlan.load(path), SerializationError)
    assert isinstance(error, SerializationError)
    assert str(error).startswith(f"{path}: ")
    return error


@pytest.mark.parametrize("text", ["", "not json", "{", "{'a': 1}", "\x00"])
def test_text_that_is_not_json_is_refused(text):
    error = refused(lambda: from_json(LocalizedText, text), SerializationError)

    assert error.problems[0].startswith("$: not valid JSON")


def test_bytes_that_are_not_text_are_refused():
    refused(lambda: from_json(LocalizedText, b"\xff\xfe\xfa"), SerializationError, r"^\$: ")


@pytest.mark.parametrize("top", ["[1, 2]", '"text"', "3", "null", "true"])
def test_a_document_that_is_not_an_object_is_refused(top):
    refused(
        lambda: from_json(LocalizedText, top), SerializationError, r"^\$: expected a JSON object"
    )


def test_a_list_where_an_object_belongs_is_refused_at_its_path():
    data = _team_json()
    data["people"] = [[1, 2]]

    error = refused(lambda: from_json(Team, json.dumps(data)), SerializationError)

    assert error.problems == ("$.people[0]: expected an object with fields, found a list",)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant):
    text = json.dumps(_team_json()).replace('"hours": 40', f'"hours": {constant}')

    refused(lambda: from_json(Team, text), SerializationError, "is not a number JSON allows")


def test_a_number_too_large_for_a_float_is_refused_at_its_path():
    text = json.dumps(_team_json()).replace('"hours": 40', '"hours": 1e999')

    refused(lambda: from_json(Team, text), SerializationError, r"\$\.people\[0\]\.hours: ")


def test_a_duplicate_key_is_refused_with_its_path():
    text = '{"schema_version": 1, "people": [{"id": "p1", "id": "p2", "hours": 4}], "schools": []}'

    error = refused(lambda: from_json(Team, text), SerializationError)

    assert error.problems == ("$.people[0].id: the key occurs more than once",)


def test_a_misspelled_key_is_refused_with_the_key_it_resembles():
    data = _team_json()
    data["people"][0]["hoursx"] = data["people"][0].pop("hours")

    error = refused(lambda: from_json(Team, json.dumps(data)), SerializationError)

    assert "$.people[0]: unexpected field(s) hoursx (did you mean hours?)" in error.problems
    assert "$.people[0].hours: required field missing" in error.problems


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("levels", {"technical": 4.7}, r"\$\.people\[0\]\.levels.*expected a whole number"),
        ("levels", {"technical": "2"}, r"\$\.people\[0\]\.levels.*expected a whole number"),
        ("levels", {"technical": True}, r"\$\.people\[0\]\.levels.*expected a whole number"),
        ("hours", "40", r"\$\.people\[0\]\.hours: expected a number"),
        ("hours", True, r"\$\.people\[0\]\.hours: expected a number"),
        ("id", 7, r"\$\.people\[0\]\.id: expected text"),
    ],
)
def test_a_wrong_type_is_refused_never_converted(field, value, expected):
    refused(
        lambda: from_json(Team, json.dumps(_team_json(**{field: value}))),
        SerializationError,
        expected,
    )


def test_nesting_deeper_than_the_limit_is_refused_with_its_place():
    text = '{"schema_version": 1, "nl": ' + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "}"

    error = refused(lambda: from_json(LocalizedText, text), SerializationError)

    assert error.problems[0].startswith("$.nl[0][0]")
    assert error.problems[0].endswith(
        f"nested deeper than {MAX_DEPTH} levels, more than any document of ours"
    )


def test_nesting_deep_enough_to_overflow_the_stack_is_refused():
    text = '{"schema_version": 1, "nl": ' + "[" * 200_000 + "]" * 200_000 + "}"

    refused(lambda: from_json(LocalizedText, text), SerializationError, f"deeper than {MAX_DEPTH}")


def test_a_newer_schema_version_is_refused():
    data = json.loads(to_json(load_catalog().overview()))
    data["schema_version"] = 99

    refused(lambda: from_json(TaskOverview, json.dumps(data)), SerializationError, "upgrade")


# -- the same through SchoolPlan.load ---------------------------------------------------------


def test_a_plan_file_that_is_not_json_is_refused(plan_file):
    _load(plan_file, "PK\x03\x04 not a plan")


def test_a_plan_file_holding_a_list_is_refused(plan_file):
    error = _load(plan_file, "[]")

    assert error.problems == ("$: expected a JSON object, found a list",)


def test_a_plan_file_with_nan_hours_is_refused(plan_file):
    text = plan_file.read_text("utf-8")
    assert '"hours": 40' in text

    _load(plan_file, text.replace('"hours": 40', '"hours": NaN', 1))


def test_a_plan_file_with_a_duplicate_key_is_refused_at_its_path(plan_file):
    text = plan_file.read_text("utf-8").replace('"name": ', '"name": "x", "name": ', 1)

    error = _load(plan_file, text)

    assert error.problems == ("$.name: the key occurs more than once",)


def test_a_plan_file_with_a_misspelled_key_is_refused(plan_file):
    data = json.loads(plan_file.read_text("utf-8"))
    data["teem"] = data.pop("team")

    error = _load(plan_file, json.dumps(data))

    assert "$: unexpected field(s) teem (did you mean team?)" in error.problems


def test_a_plan_file_with_a_fraction_for_a_level_is_refused(plan_file):
    data = json.loads(plan_file.read_text("utf-8"))
    data["team"]["people"][0]["levels"]["technical"] = 2.5

    error = _load(plan_file, json.dumps(data))

    assert error.problems[0].startswith("$.team.people[0].levels")


def test_a_plan_file_nested_too_deep_is_refused(plan_file):
    _load(plan_file, "[" * 100_000 + "]" * 100_000)


def test_a_plan_file_from_a_newer_version_is_refused(plan_file):
    data = json.loads(plan_file.read_text("utf-8"))
    data["schema_version"] = 99

    _load(plan_file, json.dumps(data))


def test_a_missing_plan_file_is_a_plan_error(tmp_path):
    refused(lambda: SchoolPlan.load(tmp_path / "none.json"), PlanError, "could not be read")
