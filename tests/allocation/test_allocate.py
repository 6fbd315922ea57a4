"""The service: pins and exclusions, school groups, decisions, solvers and their limits."""

from __future__ import annotations

import time

import pytest

from ict_competence.allocation import (
    AllocationError,
    Assignment,
    DecisionKind,
    Duty,
    Exclusion,
    Pin,
    Reason,
    ReasonKind,
    Team,
    allocate,
    default_rules,
)
from ict_competence.allocation._solvers import Problem, plain_highs, relative_gap, solve_heuristic
from ict_competence.catalog import Cluster, Horizon
from ict_competence.errors import FieldError, UnknownCodeError
from tests.allocation.strategies import large_instance, make_overview, make_person, make_task

STRATEGIC = make_task("T-01", hours=10, strategic=True)


def group_team() -> Team:
    return Team(
        (
            make_person("n1", 30, level=3, school="north"),
            make_person("n2", 30, level=1, school="north"),
            make_person("s1", 30, level=2, school="south"),
            make_person("staff", 30, level=3),
        ),
        ("north", "south"),
    )


def test_a_pinned_person_keeps_the_task_the_optimiser_would_give_someone_else():
    overview = make_overview(make_task("T-01", hours=10))
    team = Team((make_person("a", level=2), make_person("b", level=3)))

    result = allocate(overview, team, pins=[Pin("T-01", "a")])

    assert result.assignments["T-01"].primary == "a"
    assert allocate(overview, team).assignments["T-01"].primary == "b"


def test_a_pinned_backup_is_kept_next_to_its_pinned_primary():
    team = Team((make_person("a", level=3), make_person("b", level=3), make_person("c", level=1)))

    result = allocate(
        make_overview(STRATEGIC),
        team,
        pins=[Pin("T-01", "a"), Pin("T-01", "c", Duty.BACKUP)],
    )

    assert result.assignments["T-01"] == Assignment("a", "c")


def test_an_instance_with_a_pinned_primary_still_gets_the_best_backup():
    team = Team((make_person("a", level=2), make_person("b", level=3), make_person("c", level=1)))

    for solver in ("heuristic", "optimal"):
        result = allocate(make_overview(STRATEGIC), team, pins=[Pin("T-01", "a")], solver=solver)

        assert result.assignments["T-01"] == Assignment("a", "b")


def test_an_excluded_person_gets_the_task_neither_as_primary_nor_as_backup():
    team = Team((make_person("a", level=3), make_person("b", level=2), make_person("c", level=2)))

    result = allocate(make_overview(STRATEGIC), team, exclusions=[Exclusion("T-01", "a")])

    assert "a" not in (result.assignments["T-01"].primary, result.assignments["T-01"].backup)
    assert result.explain("T-01").refused == {"exclusion": 1}


def test_a_pin_or_exclusion_by_task_code_means_the_persons_own_schools_instance():
    overview = make_overview(make_task("T-01", hours=10))

    result = allocate(
        overview, group_team(), pins=[Pin("T-01", "n1")], exclusions=[Exclusion("T-01", "s1")]
    )

    assert result.assignments["north:T-01"].primary == "n1"
    assert "south:T-01" in result.decisions


@pytest.mark.parametrize(
    ("pins", "exclusions", "rule", "words"),
    [
        ([Pin("T-01", "c")], [], "level", "needs level 2 in technical"),
        ([Pin("T-01", "a")], [Exclusion("T-01", "a")], "exclusion", "also excluded"),
        ([Pin("T-01", "a"), Pin("T-01", "b")], [], "one per task", "a is pinned there already"),
        (
            [Pin("T-01", "a"), Pin("T-01", "a", Duty.BACKUP)],
            [],
            "back-up is not the primary",
            "pinned as both",
        ),
        ([Pin("T-01", "b", Duty.BACKUP)], [], "back-up needs a primary", "pin a primary"),
        ([Pin("T-01", "tiny")], [], "hours", "take 10 hours, more than their 5"),
        ([Pin("T-01", "nobody")], [], "team", "not in the team"),
        ([], [Exclusion("T-01", "nobody")], "team", "not in the team"),
    ],
)
def test_a_pin_that_breaks_a_hard_rule_says_which_rule_person_and_task(
    pins, exclusions, rule, words
):
    team = Team(
        (make_person("a"), make_person("b"), make_person("c", level=1), make_person("tiny", 5))
    )

    with pytest.raises(AllocationError, match=words) as caught:
        allocate(make_overview(STRATEGIC), team, pins=pins, exclusions=exclusions)

    assert caught.value.rule == rule
    assert caught.value.person in {pin.person for pin in pins} | {e.person for e in exclusions}
    assert ", has " not in str(caught.value)  # a person's own level stays out of errors
    if rule not in ("hours", "team"):
        assert caught.value.key == "T-01"
        assert "T-01" in str(caught.value)


def test_a_pin_on_another_schools_instance_breaks_the_school_rule():
    overview = make_overview(make_task("T-01", hours=10))

    with pytest.raises(AllocationError, match="open to the people of south only") as caught:
        allocate(overview, group_team(), pins=[Pin("south:T-01", "n1")])

    assert caught.value.rule == "school"
    with pytest.raises(AllocationError, match="works for the whole group"):
        allocate(overview, group_team(), pins=[Pin("south:T-01", "staff")])


def test_a_pin_on_an_unknown_task_lists_the_instances_there_are():
    with pytest.raises(UnknownCodeError, match="no task instance with code 'X-99'"):
        allocate(make_overview(STRATEGIC), Team((make_person("a"),)), pins=[Pin("X-99", "a")])


def test_a_school_group_pools_group_tasks_and_keeps_school_tasks_in_each_school():
    overview = make_overview(
        make_task("T-01", hours=10), make_task("G-01", hours=10, required_level=3), group=("G-01",)
    )
    team = Team(
        (
            make_person("n1", 30, level=2, school="north"),
            make_person("s1", 30, level=3, school="south"),
        ),
        ("north", "south"),
    )

    result = allocate(overview, team)

    assert result.assignments["north:T-01"].primary == "n1"
    assert result.assignments["south:T-01"].primary == "s1"
    assert result.assignments["G-01"].primary == "s1"


def test_group_staff_take_only_group_tasks():
    overview = make_overview(
        make_task("T-01", hours=5), make_task("G-01", hours=5), group=("G-01",)
    )
    team = Team((make_person("staff", 100, level=3),), ("north", "south"))

    result = allocate(overview, team)

    assert result.assignments["G-01"].primary == "staff"
    assert set(result.decisions) == {"north:T-01", "south:T-01"}
    assert "Nobody at north could take it: there is no one there" in (
        result.decisions["north:T-01"].text
    )
    assert result.decisions["north:T-01"].reason == Reason(
        ReasonKind.NOBODY_THERE, {"school": "north"}
    )


def test_a_strategic_task_nobody_can_take_is_to_recruit_and_another_to_outsource():
    overview = make_overview(
        make_task("T-01", hours=10, strategic=True, required_level=3), make_task("T-02", hours=10)
    )
    team = Team((make_person("a", 40, level=2, motivations={Cluster.TECHNICAL: 0}),))

    result = allocate(overview, team)

    assert result.decisions["T-01"].kind is DecisionKind.RECRUIT
    assert result.decisions["T-02"].kind is DecisionKind.OUTSOURCE
    assert "kept out by level (1)" in result.decisions["T-01"].text
    assert "kept out by motivation (1)" in result.decisions["T-02"].text
    assert "strategic task: recruit" in result.decisions["T-01"].text
    by_level = Reason(ReasonKind.KEPT_OUT_BY_RULE, {"rule": "level", "people": 1})
    assert result.decisions["T-01"].reason == Reason(ReasonKind.KEPT_OUT, {}, (by_level,))


def test_a_task_the_eligible_people_have_no_hours_for_is_decided_with_that_reason():
    overview = make_overview(make_task("T-01", hours=30), make_task("T-02", hours=20))
    team = Team((make_person("a", 35),))

    result = allocate(overview, team)

    assert list(result.assignments) == ["T-01"]
    assert (
        "The only person in the team who may take it has no hours left"
        in result.decisions["T-02"].text
    )
    assert result.decisions["T-02"].reason == Reason(ReasonKind.NO_ROOM, {"people": 1})


def test_an_empty_team_decides_everything():
    result = allocate(make_overview(STRATEGIC), Team(()))

    assert result.decisions["T-01"].kind is DecisionKind.RECRUIT
    assert "there is no one there" in result.decisions["T-01"].text
    assert result.coverage == 0.0
    assert result.proven


def test_a_task_without_hours_still_goes_to_someone_who_may_take_it():
    result = allocate(make_overview(make_task("T-01", hours=0)), Team((make_person("a", 0),)))

    assert result.assignments["T-01"].primary == "a"


def test_nothing_to_do_is_fully_covered():
    overview = make_overview(make_task("T-01")).choose("T-01", horizon=Horizon.DROPPED)

    result = allocate(overview, Team((make_person("a"),)))

    assert (result.coverage, result.objective, dict(result.assignments)) == (1.0, 0.0, {})


def test_the_heuristic_proves_an_easy_allocation_optimal_without_a_solver():
    overview = make_overview(make_task("T-01", hours=10), make_task("T-02", hours=10))
    team = Team((make_person("a", 20, level=3, motivation=3),))

    result = allocate(overview, team)

    assert (result.proven, result.gap, result.solver) == (True, 0.0, "heuristic")
    assert result.bound == result.objective == 320.0


def test_the_optimal_mode_skips_the_milp_when_the_heuristic_proved_itself():
    overview = make_overview(make_task("T-01", hours=10))

    result = allocate(overview, Team((make_person("a"),)), solver="optimal")

    assert result.solver == "heuristic"
    assert result.proven


def test_an_unknown_solver_or_a_bad_time_limit_is_refused():
    overview, team = make_overview(STRATEGIC), Team((make_person("a"),))

    with pytest.raises(
        FieldError, match=r"^solver: expected one of 'heuristic', 'optimal', found 'fast'"
    ):
        allocate(overview, team, solver="fast")  # type: ignore[arg-type]
    for limit in (0, -1.0, float("inf"), True):
        with pytest.raises(FieldError, match=r"^time_limit: "):
            allocate(overview, team, time_limit=limit)


def test_the_heuristic_stops_on_time_with_a_valid_allocation():
    overview, team = large_instance()

    started = time.monotonic()
    result = allocate(overview, team, time_limit=0.05)
    elapsed = time.monotonic() - started

    assert elapsed < 2.0
    assert all(result.load[p.id] <= p.hours + 1e-6 for p in team.people)


def test_the_optimal_mode_stays_within_its_time_limit_and_reports_bound_and_gap():
    overview, team = large_instance()
    limit = 1.0

    started = time.monotonic()
    result = allocate(overview, team, solver="optimal", time_limit=limit)
    elapsed = time.monotonic() - started

    assert elapsed <= 1.1 * limit + 0.25  # the margin is for building the result on a busy machine
    assert result.bound is not None
    assert result.bound >= result.objective
    assert result.gap == relative_gap(result.objective, result.bound)


def test_plain_highs_without_a_warm_start_finds_the_same_optimum_on_a_small_instance():
    overview = make_overview(STRATEGIC, make_task("T-02", hours=15))
    team = Team((make_person("a", level=3), make_person("b", 12, level=2)))
    problem = Problem(overview, team, default_rules())

    found, bound, seconds = plain_highs(problem)
    heuristic = solve_heuristic(problem)

    assert found is not None
    assert found.objective == pytest.approx(heuristic.objective)
    assert bound is not None
    assert bound >= found.objective - 1e-6
    assert seconds >= 0


def test_highs_on_a_problem_without_variables_returns_nothing_to_do():
    problem = Problem(make_overview(STRATEGIC), Team(()), default_rules())

    found, bound, _ = plain_highs(problem)

    assert (found, bound) == (None, 0.0)


def test_a_task_several_people_have_no_hours_for_says_how_many_and_mentions_the_pins():
    overview = make_overview(*(make_task(f"T-0{i}", hours=30) for i in (1, 2, 3)))
    team = Team((make_person("a", 35), make_person("b", 35)))

    result = allocate(overview, team, pins=[Pin("T-01", "a"), Pin("T-02", "b")])

    assert result.decisions["T-03"].reason.kind is ReasonKind.NO_ROOM_UNDER_PINS
    assert result.decisions["T-03"].text.startswith(
        "The 2 people in the team who may take it have no hours left for it under the pins;"
    )
