"""Reading an allocation: load, coverage, explanations, RACI, profiles, and comparing two."""

from __future__ import annotations

import pickle

import pytest

from ict_competence.allocation import (
    Allocation,
    Assignment,
    Decision,
    DecisionKind,
    Duty,
    Exclusion,
    KeepHolders,
    Pin,
    RaciRow,
    Team,
    allocate,
    continuity_rules,
    default_rules,
    even_load_rules,
)
from ict_competence.allocation._readings import suggest_profile
from ict_competence.catalog import Cluster
from ict_competence.errors import FieldError, SerializationError, UnknownCodeError
from ict_competence.serialize import from_json, to_json
from tests.allocation.strategies import make_overview, make_person, make_task

OVERVIEW = make_overview(
    make_task("T-01", hours=20, strategic=True),
    make_task("T-02", hours=10),
    make_task("P-01", Cluster.PEDAGOGICAL, hours=10, strategic=True),
    make_task("X-01", hours=50, required_level=3),
)
TEAM = Team(
    (
        make_person("tech", 30, level=2, motivation=3),
        make_person("teacher", 20, level=2, motivations={Cluster.PEDAGOGICAL: 3}),
        make_person("helper", 10, level=1, motivation=1),
    )
)


@pytest.fixture(scope="module")
def result() -> Allocation:
    return allocate(OVERVIEW, TEAM)


def test_load_counts_primary_hours_and_a_tenth_for_each_backup(result):
    expected = dict.fromkeys(TEAM.ids, 0.0)
    for key, assignment in result.assignments.items():
        hours = result.instance(key).hours
        expected[assignment.primary] += hours
        if assignment.backup is not None:
            expected[assignment.backup] += 0.1 * hours

    assert result.load == pytest.approx(expected)


def test_coverage_is_the_share_of_hours_with_a_primary(result):
    covered = sum(result.instance(key).hours for key in result.assignments)

    assert result.coverage == pytest.approx(covered / 90)
    assert "X-01" in result.decisions


def test_strategic_tasks_without_backup_are_single_points_of_failure():
    team = Team((make_person("only", 100, level=3),))

    result = allocate(OVERVIEW, team)

    assert result.single_points_of_failure == ("T-01", "P-01")


def test_an_explanation_gives_level_motivation_alternatives_and_the_cost_of_switching():
    overview = make_overview(make_task("T-01", hours=10, strategic=True))
    team = Team(
        (
            make_person("best", 20, level=3, motivation=3),
            make_person("next", 20, level=2, motivation=2),
            make_person("full", 5, level=3, motivation=2),
        )
    )
    result = allocate(overview, team)

    explanation = result.explain("T-01")

    assert (explanation.primary, explanation.backup) == ("best", "full")
    assert explanation.chosen is not None
    assert (explanation.chosen.level, explanation.chosen.motivation) == (3, 3)
    by_person = {alt.person: alt for alt in explanation.alternatives}
    assert by_person["next"].change_cost == pytest.approx(160 - 140)
    assert by_person["full"].change_cost is None
    text = str(explanation)
    assert "best takes it (10 h)" in text
    assert "Level 3 in technical (needs 2), motivation 3" in text
    assert "next (switching costs 20)" in text
    assert "full (no room: 4 h left)" in text
    assert "Back-up: full." in text


def test_an_explanation_and_its_candidates_repr_short_without_levels_or_motivation():
    overview = make_overview(make_task("T-01", hours=10, strategic=True))
    team = Team(
        (
            make_person("best", 20, level=3, motivation=3),
            make_person("next", 20, level=2, motivation=2),
            make_person("full", 5, level=3, motivation=2),
        )
    )
    explanation = allocate(overview, team).explain("T-01")
    assert explanation.chosen is not None

    assert repr(explanation) == "<Explanation T-01, primary best, back-up full, 2 alternatives>"
    assert repr(explanation.chosen) == "Candidate(person='best', score=160.0)"
    assert repr(explanation.alternatives[0]) == (
        "Alternative(person='full', score=150.0, spare_hours=4.0, change_cost=None)"
    )
    assert repr(explanation.instance) == "<InstanceInfo T-01, 10 h, 3 candidates, 3 eligible>"
    for value in (explanation.chosen, *explanation.alternatives, explanation.instance):
        assert "level" not in repr(value)
        assert "motivation" not in repr(value)


def test_an_explanation_of_a_decision_gives_its_reason(result):
    explanation = result.explain("X-01")

    assert explanation.primary is None
    assert explanation.decision == result.decisions["X-01"]
    assert "X-01: outsource." in str(explanation)
    assert "Kept out as primary by rule: level: 3." in str(explanation)


def test_an_explanation_of_a_decision_names_it_in_its_repr(result):
    assert repr(result.explain("X-01")) == "<Explanation X-01, outsource, 0 alternatives>"


def test_an_explanation_says_when_nobody_else_was_eligible_or_a_strategic_task_lacks_backup():
    result = allocate(make_overview(make_task("T-01", strategic=True)), Team((make_person("a"),)))

    text = str(result.explain("T-01"))

    assert "Nobody else was eligible." in text
    assert "No back-up: a single point of failure." in text


def test_an_explanation_of_a_crowded_group_task_counts_the_candidates_not_shown():
    overview = make_overview(make_task("G-01", hours=10), group=("G-01",))
    people = tuple(make_person(f"p{i:02d}", 1, school="north") for i in range(12))
    result = allocate(overview, Team((*people, make_person("lead", 40)), ("north", "south")))

    explanation = result.explain("G-01")

    assert explanation.primary == "lead"
    assert explanation.chosen is not None
    assert len(explanation.alternatives) == 10
    assert "and 2 more" in str(explanation)


def test_an_unknown_key_cannot_be_explained(result):
    with pytest.raises(UnknownCodeError, match="no task instance with code 'Z-01'"):
        result.explain("Z-01")


def test_raci_has_one_accountable_and_a_responsible_on_every_row(result):
    rows = result.raci(accountable="directie")

    assert [row.key for row in rows] == ["T-01", "T-02", "P-01", "X-01"]
    for row in rows:
        assert row.accountable == "directie"
        assert len(row.responsible) == 1
    by_key = {row.key: row for row in rows}
    assert by_key["X-01"].responsible == ("external_firm",)
    assert by_key["T-01"].responsible == (result.assignments["T-01"].primary,)


def test_raci_names_the_role_to_recruit_and_a_group_lead_for_group_tasks():
    overview = make_overview(
        make_task("T-01", strategic=True, required_level=3), make_task("G-01"), group=("G-01",)
    )
    team = Team((make_person("a", school="north"),), ("north", "south"))
    result = allocate(overview, team)

    rows = {row.key: row for row in result.raci(group_accountable="ict_policy_lead")}

    assert rows["north:T-01"].responsible == ("tict",)
    assert rows["north:T-01"].vacancy
    assert not rows["G-01"].vacancy
    assert rows["north:T-01"].accountable == "directie"
    assert rows["G-01"].accountable == "ict_policy_lead"


def test_a_raci_row_needs_exactly_one_accountable_and_at_least_one_responsible():
    with pytest.raises(FieldError, match="accountable"):
        RaciRow(key="T-01", responsible=("a",), accountable=" ")
    with pytest.raises(FieldError, match="responsible"):
        RaciRow(key="T-01", responsible=(), accountable="directie")


def test_profiles_follow_the_clusters_people_carry(result):
    profiles = result.profiles()

    assert set(profiles) == set(TEAM.ids)
    assert profiles["teacher"].role in ("digicoach", "pict", "ict_coach")
    assert profiles["helper"].role in (None, "tict")


def test_a_profile_reprs_the_person_the_role_and_the_hours_only():
    every_cluster = {cluster: 100.0 + i for i, cluster in enumerate(Cluster)}

    assert repr(suggest_profile("p1", every_cluster)) == "<ProfileSuggestion p1, ict_coach, 406 h>"
    assert repr(suggest_profile("p2", {})) == "<ProfileSuggestion p2, no role, 0 h>"


@pytest.mark.parametrize(
    ("hours", "role"),
    [
        ({}, None),
        ({Cluster.TECHNICAL: 40, Cluster.ADMINISTRATIVE: 10}, "tict"),
        ({Cluster.PEDAGOGICAL: 40, Cluster.TECHNICAL: 10}, "pict"),
        ({Cluster.PEDAGOGICAL: 40}, "digicoach"),
        ({Cluster.ADMINISTRATIVE: 10}, "administrative_staff"),
        ({Cluster.POLICY: 10}, "ict_policy_team"),
        ({Cluster.POLICY: 10, Cluster.TECHNICAL: 10, Cluster.PEDAGOGICAL: 10}, "ict_coach"),
    ],
)
def test_a_profile_is_suggested_from_the_hours_per_cluster(hours, role):
    suggestion = suggest_profile("a", hours)

    assert suggestion.role == role
    assert ("carries no task" in suggestion.reason) == (role is None)


def test_a_diff_says_who_gained_and_lost_which_tasks_and_how_load_changed(result):
    later = allocate(OVERVIEW, TEAM, pins=[Pin("P-01", "tech")])

    diff = result.diff(later)

    changes = {change.person: change for change in diff.changes}
    assert result.assignments["P-01"].primary == "teacher"
    assert "P-01" in changes["tech"].gained
    assert "P-01" in changes["teacher"].lost
    assert changes["teacher"].load_after < changes["teacher"].load_before
    assert diff.objective_change == pytest.approx(later.objective - result.objective)
    assert result.diff(result).changes == ()
    assert later.diff(result).objective_change == pytest.approx(-diff.objective_change)


def test_a_diff_reports_instances_that_became_covered_or_uncovered():
    small = allocate(OVERVIEW, Team((make_person("tech", 10, level=2),)))
    large = allocate(OVERVIEW, Team((make_person("tech", 100, level=3),)))

    diff = small.diff(large)

    assert "X-01" in diff.newly_covered
    assert large.diff(small).newly_uncovered == diff.newly_covered


def test_an_allocation_refuses_instances_in_both_or_neither_place(result):
    both = dict(result.decisions) | {"T-01": Decision(DecisionKind.RECRUIT, "why")}

    with pytest.raises(FieldError, match="'T-01' is in both"):
        Allocation(
            assignments=result.assignments,
            decisions=both,
            objective=0.0,
            instances=result.instances,
            capacity=result.capacity,
        )
    with pytest.raises(FieldError, match="'X-01' is in neither"):
        Allocation(
            assignments=result.assignments,
            decisions={},
            objective=0.0,
            instances=result.instances,
            capacity=result.capacity,
        )


def test_an_allocation_refuses_unknown_instances_people_and_repeated_keys(result):
    with pytest.raises(FieldError, match="unknown instance"):
        Allocation(
            assignments={"Q-01": Assignment("tech")}, decisions={}, objective=0.0, capacity={}
        )
    with pytest.raises(FieldError, match="'ghost' is not in the team"):
        Allocation(
            assignments={"T-01": Assignment("ghost")},
            decisions={},
            objective=0.0,
            instances=result.instances[:1],
            capacity={},
        )
    with pytest.raises(FieldError, match="more than once"):
        Allocation(
            assignments={},
            decisions={},
            objective=0.0,
            instances=result.instances[:1] * 2,
        )


def test_json_that_breaks_an_allocation_is_refused_with_its_path(result):
    text = to_json(result).replace('"primary": "tech"', '"primary": 7', 1)

    with pytest.raises(SerializationError, match=r"\$\.assignments.*primary"):
        from_json(Allocation, text)


def test_every_result_value_round_trips_through_json(result):
    later = allocate(OVERVIEW, TEAM, pins=[Pin("P-01", "tech")])
    values = [
        result.explain("T-01"),
        result.explain("X-01"),
        *result.raci(),
        *result.profiles().values(),
        result.diff(later),
        Pin("T-01", "tech", Duty.BACKUP),
        Exclusion("T-01", "tech"),
    ]

    for value in values:
        assert from_json(type(value), to_json(value)) == value


def test_rule_sets_pickle_for_fan_out():
    holders = KeepHolders.from_assignments({"T-01": Assignment("tech", "helper")})

    for rules in (default_rules(), continuity_rules(holders), even_load_rules()):
        again = pickle.loads(pickle.dumps(rules))

        assert again == rules
        assert allocate(OVERVIEW, TEAM, rules=again) == allocate(OVERVIEW, TEAM, rules=rules)
