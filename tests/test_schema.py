"""The JSON Schemas: what to_json writes they accept; what from_json refuses they refuse."""

from __future__ import annotations

import copy
import enum
import json
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from ict_competence import (
    Allocation,
    DialogueRecord,
    IctCompetenceError,
    RoadmapSession,
    RuleSet,
    SchoolPlan,
    SerializationError,
    TaskOverview,
    Team,
    default_rules,
    from_json,
    json_schema,
    register_rule,
    to_json,
)
from ict_competence.serialize import SCHEMA_VERSION
from tests.allocation.strategies import rule_sets, teams
from tests.dialogue.strategies import dialogue_records
from tests.flow.strategies import roadmaps
from tests.plan.strategies import plans, small_school, up_to_step_five, with_follow_up
from tests.strategies import task_overviews

ROOT = Path(__file__).resolve().parents[1]
TYPES = (SchoolPlan, TaskOverview, Team, Allocation, RoadmapSession, DialogueRecord)
Document = dict[str, Any]


def validator(cls: type) -> Draft202012Validator:
    return Draft202012Validator(
        json_schema(cls), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def problems(obj_or_document: object, cls: type | None = None) -> list[str]:
    """What the schema of ``cls`` (or of the object's class) finds wrong with a document."""
    if cls is None:
        cls = type(obj_or_document)
        document = json.loads(to_json(obj_or_document))
    else:
        document = obj_or_document
    return [error.message for error in validator(cls).iter_errors(document)]


def full_plan() -> SchoolPlan:
    """A plan with every optional part filled: allocation, baseline, notes, rules, own roadmap."""
    plan = with_follow_up(small_school(), "directie").allocate()
    return attrs.evolve(
        plan, baseline=plan.allocation, rules=default_rules(), roadmap=up_to_step_five()
    )


def parts(plan: SchoolPlan) -> dict[type, object]:
    return {
        SchoolPlan: plan,
        TaskOverview: plan.overview,
        Team: plan.team,
        Allocation: plan.allocation,
        RoadmapSession: plan.roadmap,
        DialogueRecord: plan.dialogue,
    }


# -- the schemas themselves ----------------------------------------------------------------


@pytest.mark.parametrize("cls", TYPES, ids=lambda cls: cls.__name__)
def test_each_schema_is_a_valid_draft_2020_12_schema(cls):
    schema = json_schema(cls)

    Draft202012Validator.check_schema(schema)

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/v{SCHEMA_VERSION}/{cls.__name__}.schema.json")
    assert schema["title"] == cls.__name__
    assert schema["description"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert "schema_version" in schema["required"]


def test_fields_without_a_default_are_required_and_the_others_optional():
    schema = json_schema(SchoolPlan)

    assert schema["required"] == ["schema_version", "name", "overview", "team"]
    assert schema["properties"]["allocation"]["default"] is None


def test_enum_keyed_mappings_allow_only_the_enums_values_as_keys():
    person = json_schema(Team)["$defs"]["Person"]

    assert person["properties"]["levels"]["propertyNames"] == {"$ref": "#/$defs/Domain"}
    assert person["properties"]["levels"]["additionalProperties"] == {"type": "integer"}
    assert json_schema(Team)["$defs"]["Domain"]["enum"] == [
        "technical",
        "pedagogical",
        "policy",
        "administrative",
    ]


def test_rules_are_one_of_the_registered_kinds_each_with_its_kind():
    score_terms = json_schema(SchoolPlan)["$defs"]["ScoreTerm"]["oneOf"]

    kinds = [variant["properties"]["kind"] for variant in score_terms]

    assert {"const": "expertise_and_motivation"} in kinds
    assert all(variant["required"][0] == "kind" for variant in score_terms)


def test_the_files_in_docs_are_current():
    # In a process of its own: tests here register rule kinds the files must not hold.
    script = ROOT / "scripts" / "json_schemas.py"

    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_files_in_docs_are_the_schemas_of_the_six_types():
    folder = ROOT / "docs" / "schemas"

    names = sorted(path.name for path in folder.glob("*.schema.json"))

    assert names == sorted(f"{cls.__name__}.schema.json" for cls in TYPES)
    for cls in TYPES:
        saved = json.loads((folder / f"{cls.__name__}.schema.json").read_text("utf-8"))
        assert saved["$id"] == json_schema(cls)["$id"]


# -- what to_json writes is valid ----------------------------------------------------------


@pytest.mark.parametrize("cls", TYPES, ids=lambda cls: cls.__name__)
def test_a_full_plan_and_each_of_its_parts_are_valid(cls):
    obj = parts(full_plan())[cls]

    assert problems(obj) == []


@given(plans(named=True), st.one_of(st.none(), rule_sets()))
def test_every_generated_plan_is_valid(plan, rules):
    plan = attrs.evolve(plan, rules=rules, baseline=plan.allocation)

    for obj in parts(plan).values():
        if obj is not None:
            assert problems(obj) == []


@given(task_overviews())
def test_every_generated_overview_is_valid(overview):
    assert problems(overview) == []


@given(teams())
def test_every_generated_team_is_valid(team):
    assert problems(team) == []


@given(dialogue_records())
def test_every_generated_dialogue_record_is_valid(record):
    assert problems(record) == []


@given(roadmaps())
def test_every_session_on_a_generated_roadmap_is_valid(roadmap):
    session = RoadmapSession.start(roadmap)

    assert problems(session) == []


@attrs.frozen
class SchemaTestRule:
    """A rule of a user's own, registered under a kind of its own."""

    bonus: float = 1.0

    @property
    def name(self) -> str:
        return "schema test"

    def score(self, person: object, instance: object, duty: object) -> float:
        return self.bonus


def test_a_rule_registered_later_is_one_of_the_kinds_then():
    register_rule("schema_test_rule", SchemaTestRule)
    rules = default_rules().extend(scores=(SchemaTestRule(2.5),))
    plan = attrs.evolve(small_school(), rules=rules)

    assert problems(plan) == []
    assert problems(rules) == []


# -- what from_json refuses is refused -----------------------------------------------------

Mutation = Callable[[Document], None]


def _set(path: tuple[object, ...], value: object) -> Mutation:
    def mutate(document: Document) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return mutate


def _drop(path: tuple[object, ...]) -> Mutation:
    def mutate(document: Document) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return mutate


_COMMON: dict[str, Mutation] = {
    "an extra key": _set(("surprise",), 1),
    "a newer schema_version": _set(("schema_version",), SCHEMA_VERSION + 1),
    "no schema_version": _drop(("schema_version",)),
}
_CHOICE = ("choices", 0)
_PERSON = ("people", 0)
_MOVE = ("history", 0)
_ENTRY = ("entries", 0)
_TASK_OWNER = ("assignments", "T-00")
MUTATIONS: dict[type, dict[str, Mutation]] = {
    SchoolPlan: {
        "text for the name": _set(("name",), 7),
        "an unknown rule kind": _set(("rules", "scores", 0, "kind"), "no_such_rule"),
        "a rule without its kind": _drop(("rules", "eligibility", 0, "kind")),
        "an extra key in a rule": _set(("rules", "eligibility", 0, "extra"), 1),
        "a fraction for a rule's int": _set(("rules", "eligibility", 0, "backup_slack"), 1.5),
        "an unknown school type": _set(("school_type",), "university"),
        "text for the allocation's objective": _set(("allocation", "objective"), "12"),
        "no team": _drop(("team",)),
    },
    TaskOverview: {
        "text for hours": _set((*_CHOICE, "hours_per_year"), "20"),
        "an unknown horizon": _set((*_CHOICE, "horizon"), "someday"),
        "a fraction for the required level": _set((*_CHOICE, "task", "required_level"), 2.5),
        "a number for applies": _set((*_CHOICE, "applies"), 1),
        "an extra key in a task": _set((*_CHOICE, "task", "colour"), "red"),
        "a description without Dutch": _drop((*_CHOICE, "task", "description", "nl")),
        "a string for the choices": _set(("choices",), "TECH-01"),
    },
    Team: {
        "text for hours": _set((*_PERSON, "hours"), "40"),
        "a fraction for a level": _set((*_PERSON, "levels", "technical"), 2.5),
        "an unknown domain as a key": _set((*_PERSON, "levels", "cooking"), 2),
        "a list for the levels": _set((*_PERSON, "levels"), [1, 2]),
        "a person without an id": _drop((*_PERSON, "id")),
    },
    Allocation: {
        "an unknown decision kind": _set(("decisions", "T-01", "kind"), "delegate"),
        "a number for a primary": _set((*_TASK_OWNER, "primary"), 3),
        "a bool for the objective": _set(("objective",), True),
        "an extra key in an assignment": _set((*_TASK_OWNER, "tertiary"), "x"),
        "text for a capacity": _set(("capacity", "p1"), "lots"),
    },
    RoadmapSession: {
        "a fraction for a step": _set((*_MOVE, "step"), 1.5),
        "an unknown answer": _set((*_MOVE, "answer"), "maybe"),
        "an extra key in a move": _set((*_MOVE, "mood"), "fine"),
        "text for the history": _set(("history",), "1,2"),
    },
    DialogueRecord: {
        "an unknown topic status": _set((*_ENTRY, "status"), "forgotten"),
        "a number for a note": _set((*_ENTRY, "notes", 0), 5),
        "an action without an owner": _drop((*_ENTRY, "actions", 0, "owner")),
        "no key figure": _drop(("key_figure",)),
    },
}
CASES = [
    (cls, name, mutation)
    for cls, own in MUTATIONS.items()
    for name, mutation in {**_COMMON, **own}.items()
]


@pytest.mark.parametrize(
    ("cls", "name", "mutate"), CASES, ids=[f"{c.__name__}-{n}" for c, n, _ in CASES]
)
def test_a_document_the_converter_refuses_the_schema_refuses_too(cls, name, mutate):
    document = json.loads(to_json(parts(full_plan())[cls]))
    assert problems(document, cls) == [], "the document is valid before the change"
    mutate(document)

    found = problems(document, cls)

    assert found, f"the schema accepts {name}"
    with pytest.raises(SerializationError):
        from_json(cls, json.dumps(document))


# -- any attrs class the converter handles -------------------------------------------------


class Colour(enum.Enum):
    """A colour."""

    RED = "red"
    BLUE = "blue"


@attrs.frozen
class Inner:
    """A class held by another."""

    size: int


@attrs.frozen
class Gadget:
    """A class with one field of each kind the converter reads."""

    when: datetime
    pair: tuple[int, str]
    tags: Sequence[str]
    values: list[float]
    by_colour: Mapping[Colour, Inner]
    mode: Literal["a", "b"] = "a"
    either: Inner | None = None
    anything: Any = None


def gadget_document() -> Document:
    gadget = Gadget(
        when=datetime(2025, 3, 1, 9, 30, tzinfo=UTC),
        pair=(1, "x"),
        tags=["t"],
        values=[1.5, 2],
        by_colour={Colour.RED: Inner(3)},
        either=Inner(4),
    )
    document: Document = json.loads(to_json(gadget))
    return document


def test_a_class_of_any_field_type_the_converter_reads_is_described():
    schema = json_schema(Gadget)
    Draft202012Validator.check_schema(schema)

    assert problems(gadget_document(), Gadget) == []
    assert schema["properties"]["when"] == {"type": "string", "format": "date-time"}
    assert schema["properties"]["pair"]["prefixItems"] == [{"type": "integer"}, {"type": "string"}]
    assert schema["properties"]["mode"] == {"enum": ["a", "b"], "default": "a"}


@pytest.mark.parametrize(
    ("name", "mutate"),
    [
        ("a pair of three", _set(("pair",), [1, "x", 2])),
        ("a date that is not one", _set(("when",), "next tuesday")),
        ("an unknown colour as a key", _set(("by_colour", "green"), {"size": 1})),
        ("a literal not listed", _set(("mode",), "c")),
        ("text for a float in a list", _set(("values", 0), "1.5")),
    ],
)
def test_the_converter_and_the_schema_of_any_class_refuse_alike(name, mutate):
    document = gadget_document()
    mutate(document)

    assert problems(document, Gadget), name
    with pytest.raises(SerializationError):
        from_json(Gadget, json.dumps(document))


def test_the_same_name_in_two_modules_gets_two_definitions():
    other = attrs.make_class("Inner", {"colour": attrs.field(type=Colour)})
    other.__module__ = "elsewhere._private"
    holder = attrs.make_class(
        "Holder", {"a": attrs.field(type=Inner), "b": attrs.field(type=other)}
    )

    schema = json_schema(holder)

    assert schema["properties"]["a"] == {"$ref": "#/$defs/Inner"}
    assert schema["properties"]["b"] == {"$ref": "#/$defs/elsewhere.Inner"}


@pytest.mark.parametrize(
    ("field_type", "expected"),
    [
        (dict[int, str], "keys"),
        (int | str | None, "union"),
        (frozenset[str], "cannot describe"),
        (set, "cannot describe"),
        (Callable[[], int], "cannot describe"),
    ],
)
def test_a_type_the_converter_cannot_write_as_json_is_named_in_the_error(field_type, expected):
    odd = attrs.make_class("Odd", {"field": attrs.field(type=field_type)})

    with pytest.raises(IctCompetenceError, match=rf"Odd\.field: .*{expected}"):
        json_schema(odd)


def test_a_union_of_text_and_numbers_is_any_of_their_types_as_the_converter_reads_it():
    scalar: Any = str | int | float
    holder = attrs.make_class("Holder", {"value": attrs.field(type=scalar)})
    schema = json_schema(holder)

    assert schema["properties"]["value"] == {"type": ["string", "integer", "number"]}
    validator = Draft202012Validator(schema)
    for value in ("3", 3, 2.5):
        assert validator.is_valid({"schema_version": SCHEMA_VERSION, "value": value})
        assert from_json(holder, to_json(holder(value))).value == value
    assert not validator.is_valid({"schema_version": SCHEMA_VERSION, "value": True})
    with pytest.raises(SerializationError, match=r"\$\.value: expected text or a number"):
        from_json(holder, json.dumps({"schema_version": SCHEMA_VERSION, "value": True}))


@pytest.mark.parametrize("given_type", [int, RuleSet.__mro__[-1], "SchoolPlan"])
def test_only_attrs_classes_have_a_schema(given_type):
    with pytest.raises(IctCompetenceError, match="attrs class"):
        json_schema(given_type)


def test_a_schema_is_a_new_value_each_time():
    first = json_schema(Team)
    mutated = copy.deepcopy(first)
    mutated["title"] = "changed"

    assert json_schema(Team) == first != mutated
