"""People, teams, task instances and the small value types of an allocation."""

from __future__ import annotations

import pickle

import pytest

from ict_competence._frozen import FrozenMap, frozen_map
from ict_competence.allocation import (
    Assignment,
    Decision,
    DecisionKind,
    Person,
    Team,
    task_instances,
)
from ict_competence.catalog import Cluster, Domain, Horizon, load_catalog
from ict_competence.errors import FieldError, SerializationError, UnknownCodeError
from ict_competence.serialize import from_json, to_json
from tests.allocation.strategies import make_overview, make_person, make_task


def test_a_person_without_a_domain_or_cluster_counts_as_zero_there():
    person = Person(id="a", hours=10, levels={Domain.POLICY: 2}, motivation={})

    level, motivation = person.level(Domain.TECHNICAL), person.motivation_for(Cluster.POLICY)

    assert (level, motivation) == (0, 0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": " a"}, "id"),
        ({"id": ""}, "id"),
        ({"hours": float("nan")}, "hours"),
        ({"levels": {Domain.POLICY: 4}}, "levels.policy"),
        ({"levels": {Domain.POLICY: True}}, "levels.policy"),
        ({"levels": {"policy": 1}}, "levels"),
        ({"levels": [1, 2]}, "levels"),
        ({"motivation": {Cluster.POLICY: -1}}, "motivation.policy"),
        ({"school": "a:b"}, "school"),
        ({"name": 7}, "name"),
    ],
)
def test_a_person_refuses_values_outside_the_model(changes, field):
    fields = {"id": "a", "hours": 10, "levels": {}, "motivation": {}} | changes

    with pytest.raises(FieldError) as caught:
        Person(**fields)

    assert caught.value.field == field


def test_a_level_keyed_by_text_says_which_enum_member_to_use():
    with pytest.raises(FieldError) as caught:
        Person(id="a", hours=10, levels={"technical": 3}, motivation={})

    assert str(caught.value) == (
        "levels: expected keys from Domain (technical, pedagogical, policy, administrative), "
        "found the text 'technical'; use Domain.TECHNICAL"
    )


def test_a_motivation_keyed_by_something_else_lists_the_clusters():
    with pytest.raises(FieldError, match=r"^motivation: expected keys from Cluster \(.*found 7$"):
        Person(id="a", hours=10, levels={}, motivation={7: 1})


def test_a_persons_name_is_personal_data_and_stays_out_of_repr():
    person = Person(id="a", hours=10, levels={}, motivation={}, name="Jan Peeters")

    text = repr(person)

    assert "Jan" not in text
    assert person.name == "Jan Peeters"


def test_a_team_refuses_two_people_with_one_id():
    with pytest.raises(FieldError, match="'a' occurs more than once"):
        Team((make_person("a"), make_person("a")))


def test_a_team_refuses_a_school_outside_its_schools_and_bad_school_names():
    with pytest.raises(FieldError, match=r"people\[0\]\.school"):
        Team((make_person("a", school="x"),), ("north", "south"))
    with pytest.raises(FieldError, match=r"schools\[1\]"):
        Team((), ("north", " south"))
    with pytest.raises(FieldError, match=r"people\[0\]"):
        Team(("not a person",))  # type: ignore[arg-type]


def test_a_team_finds_a_person_by_id_and_names_a_missing_one_by_id():
    team = Team([make_person("a"), make_person("b")])

    assert team.person("b").id == "b"
    assert team.ids == ("a", "b")
    with pytest.raises(UnknownCodeError, match="no person with code 'z'; known codes: a, b"):
        team.person("z")


def test_one_school_keys_every_instance_by_its_code():
    overview = make_overview(make_task("A-01"), make_task("A-02"), group=("A-02",))

    instances = task_instances(overview, Team((make_person("a", school="north"),), ("north",)))

    assert [(i.key, i.school) for i in instances] == [("A-01", None), ("A-02", None)]


def test_a_school_group_has_one_group_instance_and_one_instance_per_school_for_the_rest():
    overview = make_overview(make_task("A-01"), make_task("G-01"), group=("G-01",))

    instances = task_instances(overview, Team((), ("north", "south")))

    assert [(i.key, i.school, i.code) for i in instances] == [
        ("north:A-01", "north", "A-01"),
        ("south:A-01", "south", "A-01"),
        ("G-01", None, "G-01"),
    ]


def test_tasks_that_do_not_apply_or_are_dropped_are_no_instances():
    overview = make_overview(make_task("A-01"), make_task("A-02"), make_task("A-03"))
    overview = overview.choose("A-02", applies=False).choose("A-03", horizon=Horizon.DROPPED)

    instances = task_instances(overview, Team(()))

    assert [i.key for i in instances] == ["A-01"]


def test_an_instance_is_open_to_its_schools_people_or_to_everyone():
    overview = make_overview(make_task("A-01"), make_task("G-01"), group=("G-01",))
    north, south, staff = (
        make_person("n", school="north"),
        make_person("s", school="south"),
        make_person("g"),
    )

    school_task, _, group_task = task_instances(
        overview, Team((north, south, staff), ("north", "south"))
    )

    assert school_task.open_to(north)
    assert not school_task.open_to(south)
    assert not school_task.open_to(staff)
    assert group_task.open_to(staff)


def test_the_built_in_overview_gives_instances_without_depending_on_its_content():
    overview = load_catalog().overview()

    instances = task_instances(overview, Team(()))

    assert len(instances) == len(overview.active())


def test_an_assignment_needs_a_backup_other_than_the_primary():
    with pytest.raises(FieldError, match="backup: the back-up must be someone other"):
        Assignment("a", "a")
    with pytest.raises(FieldError, match="primary"):
        Assignment("")


def test_a_team_round_trips_through_json_and_reports_bad_levels_by_path():
    team = Team((make_person("a", school="north"), make_person("b")), ("north", "south"))

    text = to_json(team)

    assert from_json(Team, text) == team
    with pytest.raises(SerializationError, match=r"\$\.people\[0\]\.levels\.technical"):
        from_json(Team, text.replace('"technical": 2', '"technical": 9', 1))


def test_decisions_and_assignments_are_plain_values():
    decision = Decision(DecisionKind.RECRUIT, "nobody has the level")

    assert from_json(Decision, to_json(decision)) == decision
    assert pickle.loads(pickle.dumps(Assignment("a", "b"))) == Assignment("a", "b")


def test_a_frozen_map_reads_like_a_dict_hashes_and_pickles():
    mapping = FrozenMap({"a": 1})

    assert dict(mapping) == {"a": 1}
    assert len(mapping) == 1
    assert repr(mapping) == "FrozenMap({'a': 1})"
    assert hash(mapping) == hash(FrozenMap({"a": 1}))
    assert pickle.loads(pickle.dumps(mapping)) == mapping
    assert frozen_map(mapping) is mapping
    assert frozen_map("not a mapping") == "not a mapping"
    assert FrozenMap() == {}
