"""Invariants of every allocation, on generated teams and overviews."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from ict_competence.allocation import (
    Allocation,
    DecisionKind,
    Duty,
    Pin,
    Team,
    allocate,
    even_load_rules,
    task_instances,
)
from ict_competence.allocation._solvers import compile_problem, naive_bound
from ict_competence.catalog import TaskOverview, load_catalog
from ict_competence.serialize import from_json, to_json
from tests.allocation.strategies import overviews, teams

SLACK = 1e-6


def recomputed_objective(result: Allocation, overview: TaskOverview, team: Team) -> float:
    """The default objective, summed from the definition in DESIGN.md."""
    by_key = {instance.key: instance for instance in task_instances(overview, team)}
    total = 0.0
    for key, assignment in result.assignments.items():
        instance = by_key[key]
        task = instance.task
        primary = team.person(assignment.primary)
        total += instance.hours * (
            10 + primary.level(task.domain) + primary.motivation_for(task.cluster)
        )
        if assignment.backup is not None:
            backup = team.person(assignment.backup)
            fit = backup.level(task.domain) + backup.motivation_for(task.cluster)
            total += 0.1 * instance.hours * fit
    return total


def eligible(team: Team, overview: TaskOverview, key: str, person_id: str, duty: Duty) -> bool:
    """The default rules, restated: scope, level, motivation, back-ups on strategic tasks."""
    instance = {i.key: i for i in task_instances(overview, team)}[key]
    person = team.person(person_id)
    task = instance.task
    needed = task.required_level - (1 if duty is Duty.BACKUP else 0)
    return (
        instance.open_to(person)
        and person.level(task.domain) >= needed
        and person.motivation_for(task.cluster) >= 1
        and (duty is Duty.PRIMARY or task.strategic)
    )


@given(overviews(), teams())
def test_an_allocation_never_exceeds_anyones_hours(overview, team):
    result = allocate(overview, team)

    for person in team.people:
        assert result.load[person.id] <= person.hours + SLACK


@given(overviews(), teams())
def test_every_primary_and_backup_is_eligible(overview, team):
    result = allocate(overview, team)

    for key, assignment in result.assignments.items():
        assert eligible(team, overview, key, assignment.primary, Duty.PRIMARY)
        if assignment.backup is not None:
            assert assignment.backup != assignment.primary
            assert eligible(team, overview, key, assignment.backup, Duty.BACKUP)


@given(overviews(), teams(), st.sampled_from(["heuristic", "optimal"]))
def test_every_applicable_instance_is_assigned_or_decided_exactly_once(overview, team, solver):
    result = allocate(overview, team, solver=solver)

    keys = [instance.key for instance in task_instances(overview, team)]
    assert sorted(keys) == sorted([*result.assignments, *result.decisions])
    assert not set(result.assignments) & set(result.decisions)
    assert {choice.code for choice in overview if not choice.active}.isdisjoint(
        key.rpartition(":")[2] for key in keys
    )


@given(overviews(), teams(), st.sampled_from(["heuristic", "optimal"]))
def test_the_reported_objective_is_the_recomputed_one(overview, team, solver):
    result = allocate(overview, team, solver=solver)

    assert abs(result.objective - recomputed_objective(result, overview, team)) <= SLACK * max(
        1.0, result.objective
    )


@settings(max_examples=25)
@given(overviews(), teams())
def test_the_optimal_solver_is_never_worse_than_the_heuristic(overview, team):
    heuristic = allocate(overview, team)

    optimal = allocate(overview, team, solver="optimal")

    assert optimal.objective >= heuristic.objective - SLACK
    assert optimal.proven


@settings(max_examples=25)
@given(overviews(), teams())
def test_the_heuristic_bound_is_never_below_the_optimum(overview, team):
    heuristic = allocate(overview, team)

    optimum = allocate(overview, team, solver="optimal").objective

    assert heuristic.bound is not None
    assert heuristic.bound >= optimum - SLACK * max(1.0, optimum)
    assert heuristic.bound >= heuristic.objective


@settings(max_examples=25)
@given(overviews(), teams())
def test_the_bound_holds_with_a_load_penalty_too(overview, team):
    rules = even_load_rules(weight=3.0)

    heuristic = allocate(overview, team, rules=rules)
    optimum = allocate(overview, team, rules=rules, solver="optimal").objective

    assert heuristic.bound is not None
    assert heuristic.bound >= optimum - SLACK * max(1.0, abs(optimum))
    assert optimum >= heuristic.objective - SLACK * max(1.0, abs(optimum))


@given(overviews(), teams())
def test_the_same_input_gives_the_same_allocation(overview, team):
    first = allocate(overview, team)

    second = allocate(overview, team)

    assert first == second


@given(overviews(), teams(), st.data())
def test_pins_taken_from_an_allocation_are_kept(overview, team, data):
    first = allocate(overview, team)
    keys = sorted(first.assignments)
    chosen = data.draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
    pins = [Pin(key, first.assignments[key].primary) for key in chosen]

    result = allocate(overview, team, pins=pins)

    for pin in pins:
        assert result.assignments[pin.key].primary == pin.person
    assert result.objective <= (result.bound or 0.0) + SLACK * max(1.0, result.objective)


@given(overviews(), teams())
def test_an_allocation_round_trips_through_json(overview, team):
    result = allocate(overview, team)

    again = from_json(Allocation, to_json(result))

    assert again == result
    assert again.load == result.load
    assert again.raci() == result.raci()


@settings(max_examples=15)
@given(overviews(), teams())
def test_inputs_and_results_pickle(overview, team):
    result = allocate(overview, team)

    assert pickle.loads(pickle.dumps(team)) == team
    assert pickle.loads(pickle.dumps(overview)) == overview
    assert pickle.loads(pickle.dumps(result)) == result


@settings(max_examples=50, deadline=None)
@given(overviews(), teams())
def test_every_raci_party_is_someone_in_the_team_or_a_catalog_role(overview, team):
    result = allocate(overview, team)
    roles = {role.code for role in load_catalog().roles}

    for row in result.raci():
        assert len(row.responsible) == 1
        assert row.accountable in roles
        assert set(row.consulted) <= set(team.ids)
        decision = result.decisions.get(row.key)
        if decision is None:
            assert row.responsible == (result.assignments[row.key].primary,)
            assert not row.vacancy
        else:
            assert row.responsible[0] in roles
            assert row.vacancy == (decision.kind is DecisionKind.RECRUIT)


@settings(max_examples=25)
@given(overviews(), teams(), st.booleans())
def test_the_naive_bound_is_never_below_the_optimum(overview, team, even):
    rules = even_load_rules(weight=3.0) if even else None
    problem = compile_problem(overview, team, rules)

    optimum = allocate(overview, team, rules=rules, solver="optimal").objective

    assert naive_bound(problem) >= optimum - SLACK * max(1.0, optimum)
