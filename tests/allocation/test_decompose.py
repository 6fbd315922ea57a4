"""The exact mode on school groups: the decomposition by school (issue 15).

The oracle is plain HiGHS on the whole MILP (``plain_highs``): on small generated groups
the decomposition must find the optimum it finds, never report a bound below a feasible
value, and give the same answer on one worker, two, or an executor of any kind.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ict_competence.allocation import Progress, Team, _decompose, _school_bounds, allocate
from ict_competence.allocation._decompose import _Decomposition, school_budget
from ict_competence.allocation._master import coupling_prices
from ict_competence.allocation._school_mip import (
    SchoolAnswer,
    SchoolJob,
    school_parts,
    solve_school,
)
from ict_competence.allocation._solvers import (
    NOBODY,
    Outcome,
    breaches,
    check_outcome,
    compile_problem,
    decomposable,
    plain_highs,
    solve_decomposed,
    solve_heuristic,
)
from ict_competence.catalog import Scope, TaskOverview
from ict_competence.errors import IctCompetenceError
from tests.allocation.strategies import large_instance, make_overview, people, tasks

SCHOOLS = ("north", "south", "east", "west")
#: The relative gap an allocation counts as proven at: both solvers prove to within it.
GAP_TOLERANCE = 1e-4


@st.composite
def school_groups(draw: st.DrawFn) -> tuple[TaskOverview, Team]:
    """2–4 schools of 3–5 people (now and then one person for the whole group), 3–8 tasks
    of which 1–3 are pooled for the group."""
    count = draw(st.integers(3, 8))
    drawn = [draw(tasks(f"T-{i:02d}")) for i in range(count)]
    pooled = tuple(task.code for task in drawn[: draw(st.integers(1, 3))])
    schools = SCHOOLS[: draw(st.integers(2, 4))]
    members = [
        draw(people(f"{school}{i}", school))
        for school in schools
        for i in range(draw(st.integers(3, 5)))
    ]
    if draw(st.booleans()):
        members.append(draw(people("group0")))
    return make_overview(*drawn, group=pooled), Team(tuple(members), schools)


def _close(a: float, b: float) -> bool:
    """Equal up to the proof's tolerance: both sides are proven to within it."""
    return abs(a - b) <= GAP_TOLERANCE * max(1.0, abs(a), abs(b))


def _same(a: Outcome, b: Outcome) -> bool:
    return (a.primary, a.backup, a.objective, a.bound) == (
        b.primary,
        b.backup,
        b.objective,
        b.bound,
    )


# Each example solves the group three times with HiGHS (heuristic, decomposition, plain):
# 30 examples keep the file well under a minute on two cores.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(school_groups())
def test_the_decomposition_proves_the_optimum_plain_highs_finds(group):
    problem = compile_problem(*group)
    warm = solve_heuristic(problem)

    found = solve_decomposed(problem, warm, workers=1)
    plain, _, _ = plain_highs(problem)

    # Without a column (nobody may take anything) plain HiGHS has no solution: the empty one.
    plain_value = plain.objective if plain is not None else 0.0
    assert found is not None
    assert breaches(problem, found) == []
    assert found.proven
    assert _close(found.objective, plain_value)
    # The bound is never below a feasible value: neither HiGHS' nor the heuristic's.
    assert found.bound is not None
    assert found.bound >= max(plain_value, warm.objective) - GAP_TOLERANCE * abs(found.bound)
    assert found.objective >= warm.objective


class _InThisThread(Executor):
    """An executor of another kind: runs each job when it is submitted."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


# Five solves per example: a few examples show it; determinism is not a matter of chance.
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(school_groups())
def test_the_answer_does_not_depend_on_the_workers(group):
    problem = compile_problem(*group)
    warm = solve_heuristic(problem)

    one = solve_decomposed(problem, warm, workers=1)
    two = solve_decomposed(problem, warm, workers=2)
    with ThreadPoolExecutor(3) as pool:
        pooled = solve_decomposed(problem, warm, executor=pool)
    other = solve_decomposed(problem, warm, executor=_InThisThread())

    assert one is not None
    assert two is not None
    assert pooled is not None
    assert other is not None
    assert _same(one, two)
    assert _same(one, pooled)
    assert _same(one, other)


def test_school_subproblems_also_run_in_other_processes():
    overview, team = large_instance(3)
    problem = compile_problem(overview, team)
    warm = solve_heuristic(problem)

    with ProcessPoolExecutor(2) as pool:
        elsewhere = solve_decomposed(problem, warm, executor=pool)
    here = solve_decomposed(problem, warm, workers=1)

    assert elsewhere is not None
    assert here is not None
    assert _same(elsewhere, here)


def test_the_optimal_mode_decomposes_a_group_and_reports_progress():
    overview, team = large_instance(4)
    seen: list[Progress] = []

    result = allocate(overview, team, solver="optimal", progress=seen.append)

    assert decomposable(compile_problem(overview, team))
    assert result.proven
    assert seen
    assert seen[-1].solves > 0
    assert seen[-1].bound == pytest.approx(result.bound)
    assert all(p.bound is None or p.bound >= p.objective for p in seen)
    assert [p.elapsed for p in seen] == sorted(p.elapsed for p in seen)


@contextmanager
def _own_garbage_only() -> Iterator[None]:
    """Time a call without collecting the garbage of the thousands of tests before it.

    In the whole suite the call once ran 0.2 s over its limit, where alone it keeps it; a
    full collection of the test process's heap takes about that long there (measured
    after a third of the suite: 0.18 s). The call's own objects are still collected.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def test_a_time_limit_far_too_short_gives_a_valid_allocation_and_bound_not_proven():
    # 30 schools: the heuristic alone takes most of the limit (about 0.6 s here), so the
    # schools cannot be proven in what is left (12 schools are proven in about 1 s now).
    overview, team = large_instance(30)
    problem = compile_problem(overview, team)
    optimum = solve_decomposed(problem, solve_heuristic(problem), workers=1)
    limit = 0.8

    with _own_garbage_only():
        started = time.monotonic()
        result = allocate(overview, team, solver="optimal", time_limit=limit)
        elapsed = time.monotonic() - started

    assert optimum is not None
    assert optimum.proven
    assert not result.proven
    assert result.bound is not None
    assert result.bound >= optimum.objective - GAP_TOLERANCE * optimum.objective
    assert elapsed <= 1.1 * limit
    assert set(result.assignments) | set(result.decisions) == set(problem.keys)


def test_an_allocation_that_breaks_the_model_is_refused():
    overview, team = large_instance(3)
    problem = compile_problem(overview, team)
    good = solve_heuristic(problem)
    t = next(t for t, p in enumerate(good.primary) if p != NOBODY)
    stranger = next(p for p in range(len(problem.people)) if t not in problem.primary_value[p])
    primary = list(good.primary)
    primary[t] = stranger
    bad = attrs.evolve(good, primary=tuple(primary))

    with pytest.raises(IctCompetenceError, match="may not be the primary"):
        check_outcome(problem, bad)
    assert breaches(problem, good) == []


@pytest.mark.parametrize("workers", [0, -1, 1.5, True])
def test_workers_must_be_a_whole_number_of_at_least_one(workers):
    overview, team = large_instance(3)

    with pytest.raises(IctCompetenceError, match="workers"):
        allocate(overview, team, solver="optimal", workers=workers)


def test_the_decomposition_runs_after_highs_ran_with_all_threads_in_this_thread():
    overview, team = large_instance(3)
    problem = compile_problem(overview, team)
    plain_highs(problem)  # starts this thread's HiGHS scheduler with its default threads

    found = solve_decomposed(problem, solve_heuristic(problem), workers=1)

    assert found is not None
    assert found.proven


def test_a_group_without_pooled_tasks_is_solved_school_by_school():
    overview, team = large_instance(3)
    apart = TaskOverview(tuple(attrs.evolve(c, scope=Scope.SCHOOL) for c in overview.choices))
    problem = compile_problem(apart, team)

    found = solve_decomposed(problem, solve_heuristic(problem), workers=1)
    plain, _, _ = plain_highs(problem)

    assert found is not None
    assert plain is not None
    assert found.proven
    assert _close(found.objective, plain.objective)


# Each example solves every school once and the whole group once with HiGHS.
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(school_groups())
def test_the_price_rounds_start_from_lp_duals_that_price_a_valid_bound(group):
    problem = compile_problem(*group)
    warm = solve_heuristic(problem)
    pooled, parts = school_parts(problem)
    assume(pooled and len(parts) >= 2)

    prices = coupling_prices(problem, pooled)
    search = _Decomposition(problem, warm, pooled=pooled, parts=parts, time_limit=None,
                            run=lambda jobs: [solve_school(job) for job in jobs],
                            progress=None)  # fmt: skip
    bound, _ = search.evaluate(search.center)
    plain, _, _ = plain_highs(problem)

    if prices is None:  # the LP is empty: nobody may take anything; the heuristic's start
        assert not any(problem.primary_value)
        return
    lam, mu, value = prices
    assert len(lam) == len(mu) == len(pooled)
    assert min(lam + mu) >= 0.0
    # It starts at the LP's duals, or the heuristic's prices if their bound is lower.
    start = list(search.center[: 2 * len(pooled)])
    assert start == lam + mu or (warm.bound is not None and warm.bound < value)
    optimum = plain.objective if plain is not None else 0.0
    assert bound >= optimum - GAP_TOLERANCE * max(1.0, abs(optimum))
    assert value >= optimum - GAP_TOLERANCE * max(1.0, abs(optimum))


def test_schools_stopped_after_one_node_still_give_the_proven_optimum(monkeypatch):
    # Six schools where some solves need more than one node: stopped there, their gaps are
    # accepted within the budget or they get more nodes, and the proof still holds.
    problem = compile_problem(*large_instance(6))
    warm = solve_heuristic(problem)
    monkeypatch.setattr(_school_bounds, "PATIENCE", 1)
    answers: list[SchoolAnswer] = []

    def counted(job: SchoolJob) -> SchoolAnswer:
        answers.append(solve_school(job))
        return answers[-1]

    monkeypatch.setattr(_decompose, "solve_school", counted)
    one = solve_decomposed(problem, warm, workers=1)
    two = solve_decomposed(problem, warm, workers=2)
    plain, _, _ = plain_highs(problem)

    assert any(answer.capped for answer in answers)
    assert one is not None
    assert two is not None
    assert plain is not None
    assert one.proven
    assert _close(one.objective, plain.objective)
    assert one.bound is not None
    assert one.bound >= plain.objective - GAP_TOLERANCE * abs(one.bound)
    assert _same(one, two)


def _decomposition(schools: int) -> _Decomposition:
    problem = compile_problem(*large_instance(schools))
    pooled, parts = school_parts(problem)
    return _Decomposition(
        problem,
        solve_heuristic(problem),
        pooled=pooled,
        parts=parts,
        time_limit=None,
        run=lambda jobs: [solve_school(job) for job in jobs],
        progress=None,
    )


def test_a_stopped_school_keeps_its_gap_while_the_budget_lasts_and_else_gets_more_nodes():
    search = _decomposition(3)
    search.budget = 10.0
    first, second = search.records[0], search.records[1]

    search.learn(0, SchoolAnswer((), 100.0, 106.0, optimal=False, capped=True))
    search.learn(1, SchoolAnswer((), 100.0, 105.0, optimal=False, capped=True))
    search.learn(1, SchoolAnswer((), None, 105.0, optimal=False, capped=True))
    search.learn(1, SchoolAnswer((), 100.0, 150.0, optimal=False, capped=False))
    accepted = first.allowance, first.patience
    # Stopped again within the gap it already has: only more nodes can help.
    search.learn(0, SchoolAnswer((), 100.0, 104.0, optimal=False, capped=True))

    assert accepted == (6.0, _school_bounds.PATIENCE)
    assert first.allowance == 6.0
    assert first.patience == 2 * _school_bounds.PATIENCE
    # 6 + 5 is over the budget of 10, and a solve without a solution has no gap to keep.
    assert second.allowance == 0.0
    assert second.patience == 4 * _school_bounds.PATIENCE
    # A school's allowance is how far its solution may be from its bound and still count.
    assert first.tolerance(1000.0) == 6.0
    assert second.tolerance(1000.0) == pytest.approx(1e-4)


def test_allowances_are_taken_back_when_they_leave_the_gap_open():
    search = _decomposition(3)
    search.records[0].allowance = 3.0

    taken = search.spend_no_allowance()
    again = search.spend_no_allowance()

    assert taken
    assert not again
    assert [r.allowance for r in search.records] == [0.0] * len(search.records)
    assert search.records[0].patience == 2 * _school_bounds.PATIENCE
    assert search.records[1].patience == _school_bounds.PATIENCE


@pytest.mark.parametrize(
    ("objective", "bound", "size"),
    [
        (1000.0, 1200.0, 1000.0),  # the optimum is at least the warm value
        (-100.0, -50.0, 50.0),  # the bound is at least that far below zero
        (-100.0, 50.0, 0.0),  # the optimum may be zero: no allowance at all
        (0.0, None, 0.0),
    ],
)
def test_the_schools_budget_never_exceeds_the_tolerance_of_the_final_bound(objective, bound, size):
    warm = Outcome((), (), objective, bound, proven=False, solver="heuristic")

    assert school_budget(warm) == pytest.approx(0.75 * GAP_TOLERANCE * size)


def test_a_combination_whose_fixed_solve_was_stopped_is_not_taken_as_exact():
    search = _decomposition(3)
    record, k = search.records[0], search.chosen[0]
    value = record.known[k].value

    record.absorb(SchoolAnswer((), None, value + 50.0, optimal=False, capped=True), None, fixed=k)
    by_nodes = record.exact(k)
    record.absorb(SchoolAnswer((), None, value + 50.0, optimal=False), None, fixed=k)
    by_time = record.exact(k)
    record.absorb(SchoolAnswer((), None, value, optimal=True), None, fixed=k)

    assert not by_nodes
    assert not by_time
    assert record.exact(k)
