"""Rule sets through JSON: every rule written with its kind and read back as the same rule."""

from __future__ import annotations

import json
import pickle

import attrs
import pytest
from hypothesis import given

from ict_competence import from_json, to_json
from ict_competence.allocation import (
    Duty,
    EvenLoad,
    KeepHolders,
    Person,
    RuleSet,
    TaskInstance,
    Team,
    allocate,
    continuity_rules,
    default_rules,
    even_load_rules,
)
from ict_competence.allocation._rules import register_rule
from ict_competence.errors import IctCompetenceError, SerializationError
from tests.allocation import strategies
from tests.allocation.strategies import make_overview, make_person, make_task


@attrs.frozen
class NotTheIntern:
    """A user's own eligibility rule, registered below as ``tests_not_the_intern``."""

    name: str = "not the intern"

    def allows(self, person: Person, instance: TaskInstance, duty: Duty) -> bool:
        return person.id != "intern"


register_rule("tests_not_the_intern", NotTheIntern)


def round_trip(rules: RuleSet) -> RuleSet:
    return from_json(RuleSet, to_json(rules))


@pytest.mark.parametrize(
    "rules",
    [
        default_rules(),
        continuity_rules(KeepHolders({"T-01": "an"}, {"school:T-02": "bo"}, per_hour=2.5)),
        even_load_rules(weight=3.0, thresholds=(0.25, 0.5, 0.9)),
        attrs.evolve(default_rules(), backup_share=0.2),
    ],
    ids=["default", "continuity", "even load", "another back-up share"],
)
def test_the_built_in_rule_sets_survive_json_as_the_same_rules(rules):
    assert round_trip(rules) == rules


@given(strategies.rule_sets())
def test_any_rule_set_of_built_in_rules_survives_json_and_pickle(rules):
    assert round_trip(rules) == rules
    assert pickle.loads(pickle.dumps(rules)) == rules


@given(strategies.rule_sets())
def test_every_rule_is_written_with_its_kind(rules):
    data = json.loads(to_json(rules))

    for field in ("eligibility", "scores", "load"):
        kinds = [rule["kind"] for rule in data[field]]
        assert len(kinds) == len(getattr(rules, field))


def test_each_rule_is_an_object_of_its_kind_and_fields():
    data = json.loads(to_json(even_load_rules(weight=4.0)))

    assert data["eligibility"][0] == {"kind": "minimum_level", "backup_slack": 1}
    assert data["eligibility"][2] == {"kind": "backup_on_strategic"}
    assert data["scores"] == [{"kind": "expertise_and_motivation", "base": 10.0}]
    assert data["load"] == [{"kind": "even_load", "weight": 4.0, "thresholds": [0.5, 0.75]}]


def test_rules_read_from_json_allocate_as_the_originals_do():
    overview = make_overview(make_task("T-01", hours=10, strategic=True), make_task("T-02"))
    team = Team((make_person("old", level=2), make_person("new", level=3), make_person("c")))
    rules = continuity_rules(KeepHolders({"T-01": "old"}, {"T-01": "c"}))

    read = allocate(overview, team, rules=round_trip(rules))

    assert read == allocate(overview, team, rules=rules)


def test_an_unknown_kind_is_refused_naming_its_place_and_the_known_kinds():
    text = to_json(default_rules()).replace('"motivated"', '"foo"')

    with pytest.raises(SerializationError) as refused:
        from_json(RuleSet, text)

    assert str(refused.value).startswith(
        "$.eligibility[1].kind: expected one of minimum_level, motivated, backup_on_strategic"
    )
    assert str(refused.value).endswith("; found 'foo'")


def test_a_kind_of_another_family_is_refused_where_it_does_not_fit():
    data = json.loads(to_json(default_rules()))
    data["scores"].append({"kind": "even_load", "weight": 1.0, "thresholds": []})

    with pytest.raises(SerializationError, match=r"\$\.scores\[1\]\.kind: .*found 'even_load'"):
        from_json(RuleSet, json.dumps(data))


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"backup_slack": 1}, "$.eligibility[0].kind: expected one of minimum_level"),
        ("minimum_level", "$.eligibility[0]: expected a mapping with a kind"),
        ({"kind": "minimum_level", "backup_slack": "1"}, "$.eligibility[0].backup_slack: expected"),
        ({"kind": "minimum_level", "slack": 1}, "$.eligibility[0]: unexpected field(s) slack"),
    ],
)
def test_a_malformed_rule_is_refused_naming_its_place(rule, expected):
    text = json.dumps({"schema_version": 1, "name": "x", "eligibility": [rule], "scores": []})

    with pytest.raises(SerializationError) as refused:
        from_json(RuleSet, text)

    assert str(refused.value).startswith(expected)


def test_a_users_registered_rule_survives_json():
    rules = default_rules().extend(eligibility=[NotTheIntern()])

    assert json.loads(to_json(rules))["eligibility"][3] == {
        "kind": "tests_not_the_intern",
        "name": "not the intern",
    }
    assert round_trip(rules) == rules


def test_a_users_unregistered_rule_is_refused_on_writing_saying_how_to_register_it():
    @attrs.frozen
    class Unregistered:
        name: str = "flat"

        def score(self, person: Person, instance: TaskInstance, duty: Duty) -> float:
            return 1.0

    with pytest.raises(SerializationError, match=r"Unregistered is not a registered score term"):
        to_json(default_rules().extend(scores=[Unregistered()]))
    with pytest.raises(SerializationError, match=r"register_rule\(kind, cls\)"):
        to_json(default_rules().extend(scores=[Unregistered()]))


def test_registering_a_rule_refuses_what_would_not_round_trip():
    class Plain:
        name = "plain"

        def allows(self, person: Person, instance: TaskInstance, duty: Duty) -> bool:
            return True

    with pytest.raises(IctCompetenceError, match="no rule"):
        register_rule("nothing", object)
    with pytest.raises(IctCompetenceError, match="attrs class"):
        register_rule("plain", Plain)
    with pytest.raises(IctCompetenceError, match="taken by EvenLoad"):
        register_rule("even_load", NotTheIntern)
    with pytest.raises(IctCompetenceError, match="registered as 'tests_not_the_intern' already"):
        register_rule("intern_rule", NotTheIntern)
    with pytest.raises(IctCompetenceError, match="a name like"):
        register_rule("not a name", attrs.frozen(type("Fresh", (Plain,), {})))


def test_registering_the_same_rule_again_changes_nothing():
    register_rule("even_load", EvenLoad)

    assert round_trip(even_load_rules()) == even_load_rules()
