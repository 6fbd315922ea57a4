import json
import pickle
from typing import Protocol

import attrs
import pytest
from hypothesis import given

from ict_competence import from_json, to_json
from ict_competence.catalog import Catalog, Task, TaskChoice, TaskOverview, load_catalog
from ict_competence.errors import FieldError, IctCompetenceError, SerializationError
from ict_competence.serialize import (
    SCHEMA_VERSION,
    register_kinds,
    register_migration,
    structure,
)
from ict_competence.text import LocalizedText
from tests import strategies


@given(strategies.tasks())
def test_a_task_survives_json(task):
    assert from_json(Task, to_json(task)) == task


@given(strategies.task_choices())
def test_a_task_choice_survives_json(choice):
    assert from_json(TaskChoice, to_json(choice)) == choice


@given(strategies.task_overviews())
def test_an_overview_survives_json_and_pickle(overview):
    assert from_json(TaskOverview, to_json(overview)) == overview
    assert pickle.loads(pickle.dumps(overview)) == overview


@given(strategies.catalogs())
def test_a_catalog_survives_json(catalog):
    assert from_json(Catalog, to_json(catalog)) == catalog


def test_the_builtin_catalog_survives_json():
    catalog = load_catalog()

    assert from_json(Catalog, to_json(catalog)) == catalog


def test_json_carries_the_schema_version_at_the_top():
    data = json.loads(to_json(LocalizedText("a", "b")))

    assert next(iter(data)) == "schema_version"
    assert data["schema_version"] == SCHEMA_VERSION


def test_a_newer_schema_version_is_refused():
    with pytest.raises(SerializationError, match=r"\$\.schema_version: .*upgrade"):
        from_json(LocalizedText, '{"schema_version": 99, "nl": "a"}')


@pytest.mark.parametrize("version", ["null", '"1"', "0", "true"])
def test_a_missing_or_malformed_schema_version_is_refused(version):
    with pytest.raises(SerializationError, match=r"\$\.schema_version"):
        from_json(LocalizedText, f'{{"schema_version": {version}, "nl": "a"}}')


def test_an_older_version_is_migrated(monkeypatch):
    @attrs.frozen
    class Renamed:
        title: str

    monkeypatch.setattr("ict_competence.serialize.SCHEMA_VERSION", 2)
    register_migration(Renamed, 1)(lambda data: {"title": data.pop("name")})

    assert from_json(Renamed, '{"schema_version": 1, "name": "x"}') == Renamed("x")


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("hours_per_year", "4", r"\$\.choices\[0\]\.hours_per_year: expected a number"),
        ("hours_per_year", -1, r"\$\.choices\[0\]\.hours_per_year: expected a finite number >= 0"),
        ("applies", 1, r"\$\.choices\[0\]\.applies: expected true or false"),
        ("horizon", "soon", r"\$\.choices\[0\]\.horizon: expected one of 'short_term'"),
        ("scope", "either", r"\$\.choices\[0\]\.scope: expected school or school_group"),
    ],
)
def test_bad_values_are_named_by_their_json_path(field, value, expected):
    data = json.loads(to_json(load_catalog().overview()))
    data["choices"][0][field] = value

    with pytest.raises(SerializationError, match=expected):
        from_json(TaskOverview, json.dumps(data))


def test_a_fraction_is_not_silently_a_whole_number():
    data = json.loads(to_json(load_catalog().overview()))
    data["choices"][1]["task"]["required_level"] = 2.7

    with pytest.raises(SerializationError, match=r"\$\.choices\[1\]\.task\.required_level"):
        from_json(TaskOverview, json.dumps(data))


def test_unknown_and_missing_fields_are_reported_together():
    data = json.loads(to_json(load_catalog().overview()))
    data["choices"][0]["colour"] = "red"
    del data["choices"][2]["task"]["cluster"]

    with pytest.raises(SerializationError) as caught:
        from_json(TaskOverview, json.dumps(data))

    assert caught.value.problems == (
        "$.choices[0]: unexpected field(s) colour",
        "$.choices[2].task.cluster: required field missing",
    )


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", '{"schema_version": 1, "nl": NaN}'])
def test_text_that_is_not_a_json_object_is_refused(text):
    with pytest.raises(SerializationError, match=r"^\$"):
        from_json(LocalizedText, text)


def test_structure_names_the_source_file():
    with pytest.raises(SerializationError, match=r"^extra\.toml: \$\.nl: expected text"):
        structure({"nl": 3}, LocalizedText, source="extra.toml")


def test_to_json_refuses_a_value_without_fields():
    with pytest.raises(FieldError, match=r"^obj: expected an object of the library's"):
        to_json([1, 2])


def test_to_json_refuses_a_mapping_holding_what_json_cannot_write():
    with pytest.raises(SerializationError, match=r"^\$: cannot be written as JSON"):
        to_json({"a": object()})


def test_a_migration_applies_to_a_class_nested_in_the_document(monkeypatch):
    @attrs.frozen
    class Inner:
        title: str

    @attrs.frozen
    class Outer:
        inner: Inner
        items: tuple[Inner, ...]

    monkeypatch.setattr("ict_competence.serialize.SCHEMA_VERSION", 2)
    register_migration(Inner, 1)(lambda data: {"title": data.pop("name")})

    old = '{"schema_version": 1, "inner": {"name": "a"}, "items": [{"name": "b"}]}'
    current = '{"schema_version": 2, "inner": {"title": "a"}, "items": [{"title": "b"}]}'

    assert from_json(Outer, old) == Outer(Inner("a"), (Inner("b"),))
    assert from_json(Outer, current) == Outer(Inner("a"), (Inner("b"),))


@pytest.mark.parametrize("value", ['"TECH-04"', '{"TECH-04": 1}', "3"])
def test_a_list_field_refuses_text_a_mapping_or_a_number(value):
    data = json.loads(to_json(load_catalog().task("TECH-04")))
    data["candidates"] = json.loads(value)

    with pytest.raises(SerializationError, match=r"\$\.candidates: expected a list"):
        from_json(Task, json.dumps(data))


def test_the_catalog_its_roles_and_an_overview_summary_pickle():
    catalog = load_catalog()
    catalog.task("TECH-01")  # fills the cached index, which must not get in the way
    summary = catalog.overview().summary()

    assert pickle.loads(pickle.dumps(catalog)) == catalog
    assert pickle.loads(pickle.dumps(catalog.role("tict"))) == catalog.role("tict")
    assert pickle.loads(pickle.dumps(summary)) == summary


class _Shape(Protocol):
    """An open family for the kind tests: nothing but a marker."""


@attrs.frozen
class _Square:
    side: float


@attrs.frozen
class _Tagged:
    kind: str


_SHAPES = register_kinds(_Shape, label="shape", advice="register it with shapes.register")
_SHAPES.register("square", _Square)
_Drawing = attrs.make_class("_Drawing", {"shapes": attrs.field(type=tuple[_Shape, ...])})


def test_a_family_member_is_written_with_its_kind_and_read_back_as_its_class():
    drawing = _Drawing((_Square(2.0), _Square(3.5)))

    text = to_json(drawing, indent=None)

    assert json.loads(text)["shapes"][0] == {"kind": "square", "side": 2.0}
    assert from_json(_Drawing, text) == drawing


def test_a_family_member_that_is_not_a_mapping_or_has_no_kind_is_refused_at_its_path():
    text = json.dumps({"schema_version": 1, "shapes": [{"side": 1.0}, 7]})

    with pytest.raises(SerializationError) as refused:
        from_json(_Drawing, text)

    assert refused.value.problems == (
        "$.shapes[0].kind: expected one of square; found nothing",
        "$.shapes[1]: expected a mapping with a kind, found 7",
    )


def test_a_class_with_a_field_named_kind_cannot_join_a_family():
    with pytest.raises(IctCompetenceError, match="has a field 'kind'"):
        _SHAPES.register("tagged", _Tagged)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"a": float("inf")}, r"\$\.a: expected a finite number, found inf"),
        ({"a": {"b": [1.0, float("nan")]}}, r"\$\.a\.b\[1\]: expected a finite number, found nan"),
        ({"a": [float("-inf")]}, r"\$\.a\[0\]: expected a finite number, found -inf"),
    ],
)
def test_to_json_refuses_nan_and_infinity_naming_the_place(data, message):
    with pytest.raises(SerializationError, match=message):
        to_json(data)
