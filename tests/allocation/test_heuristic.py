"""The heuristic's Lagrangian relaxation: warm-started knapsacks stay exact."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ict_competence.allocation import Team, default_rules, even_load_rules
from ict_competence.allocation._solvers import (
    NOBODY,
    Best,
    Clock,
    Heuristic,
    HeuristicSettings,
    Option,
    Problem,
    Relaxation,
    Slot,
    backup_item,
    converged,
    exact_objective,
    hopeless,
    pack,
    penalty,
    plain_highs,
    run_highs,
    solve_heuristic,
)
from ict_competence.catalog import TaskOverview
from tests.allocation.strategies import large_instance, overviews, teams

SETTINGS = HeuristicSettings()


def fresh(dual: Relaxation, p: int) -> float:
    """Person ``p``'s knapsack at the relaxation's current prices, solved from scratch."""
    groups: list[list[Option]] = []
    for t, primary_units, primary_value, backup_units, backup_value in dual.menus[p]:
        options: list[Option] = []
        if primary_value is not None and primary_value - dual.lam[t] + dual.mu[t] > 0:
            options.append((primary_units, primary_value - dual.lam[t] + dual.mu[t], t))
        if backup_value is not None and backup_value - dual.mu[t] > 0:
            options.append(
                (backup_units, backup_value - dual.mu[t], backup_item(t, dual.n_instances))
            )
        if options:
            groups.append(options)
    kinks, base = dual.problem.kinks[p], dual.problem.pinned_load[p]
    if not kinks:
        return pack(groups, dual.capacity[p])[0]
    return pack(groups, dual.capacity[p], lambda units: penalty(kinks, base + units / dual.scale))[
        0
    ]


def relaxation_of(search: Heuristic) -> Relaxation:
    return Relaxation(search.problem, search.settings, search.blocks)


@settings(max_examples=30, deadline=None)
@given(overviews(), teams(), st.booleans(), st.lists(st.floats(0.1, 50.0), min_size=1, max_size=6))
def test_each_persons_relaxed_value_equals_a_fresh_knapsack_after_every_step(
    overview: TaskOverview, team: Team, even: bool, sizes: list[float]
) -> None:
    rules = even_load_rules() if even else default_rules()
    search = Heuristic(Problem(overview, team, rules), Clock(None))
    search.keep_if_better(search.construct())
    dual = relaxation_of(search)

    for size in sizes:
        dual.evaluate()
        for p, value in enumerate(dual.values):
            assert value is not None
            assert abs(value - fresh(dual, p)) <= 1e-9 * max(1.0, abs(value))
        if not dual.step(size):
            break


def test_a_bound_still_falling_over_the_window_has_not_converged():
    falling = [1000.0 - 1.0 * i for i in range(SETTINGS.converge_window + 1)]

    done = converged(falling, SETTINGS)

    assert not done


def test_a_bound_that_fell_too_little_over_the_window_has_converged():
    flat = [1000.0] + [1000.0 - 100 * SETTINGS.converge_gain] * SETTINGS.converge_window

    done = converged(flat, SETTINGS)

    assert done


def test_a_bound_that_never_fell_below_the_first_has_not_converged():
    overshot = [1000.0] * (SETTINGS.converge_window + 5)  # the steps rose above it and came back

    done = converged(overshot, SETTINGS)

    assert not done


def test_a_bound_shorter_than_the_window_has_not_converged():
    short = [1000.0] * SETTINGS.converge_window

    done = converged(short, SETTINGS)

    assert not done


def bound_search(schools: int) -> Heuristic:
    search = Heuristic(Problem(*large_instance(schools), default_rules()), Clock(None))
    search.keep_if_better(search.construct())
    return search


def test_the_bound_stops_before_the_cap_once_it_has_converged():
    search = bound_search(2)

    bound = search.lagrange()

    assert bound is not None
    assert search.best is not None
    assert bound - search.best.objective > SETTINGS.gap * bound
    assert SETTINGS.converge_window < search.iterations < SETTINGS.lagrange_max


def test_the_bound_stops_at_the_cap_it_is_given():
    search = bound_search(2)

    search.lagrange(3)

    assert search.iterations == 3


def test_the_adaptive_bound_takes_the_same_steps_and_gives_the_same_result_every_run():
    problem = Problem(*large_instance(3), default_rules())
    searches = [Heuristic(problem, Clock(None)) for _ in range(2)]

    outcomes = [search.run() for search in searches]

    assert searches[0].iterations == searches[1].iterations
    assert outcomes[0] == outcomes[1]
    assert outcomes[0] == solve_heuristic(problem)


def test_no_steps_give_no_bound():
    search = bound_search(1)

    bound = search.lagrange(0)

    assert bound is None
    assert search.iterations == 0


def stepped_group(schools: int, steps: int) -> tuple[Heuristic, Relaxation]:
    """A school group's relaxation after a few plain steps, with the best allocation known."""
    search = Heuristic(Problem(*large_instance(schools), default_rules()), Clock(None))
    search.keep_if_better(search.construct())
    dual = relaxation_of(search)
    for _ in range(steps):
        dual.evaluate()
        dual.step(1.0)
    dual.evaluate()
    return search, dual


def test_each_schools_gap_is_its_share_of_the_distance_from_bound_to_best():
    search, dual = stepped_group(3, 4)
    assert search.best is not None

    gaps = dual.block_gaps(search.best)

    assert len(gaps) == 3
    assert all(gap >= 0 for gap in gaps)
    assert 0 < sum(gaps) <= dual.evaluate() - search.best.objective + 1e-6


def test_a_school_group_steps_per_school_and_one_school_steps_as_a_whole():
    group, group_dual = stepped_group(2, 1)
    school, school_dual = stepped_group(1, 1)

    sizes = group_dual.block_steps(group.best)

    assert sizes is not None
    assert len(sizes) == 2
    assert school_dual.block_steps(school.best) is None


def test_a_school_whose_gap_stops_shrinking_takes_smaller_steps():
    search, dual = stepped_group(2, 0)
    assert search.best is not None
    factors = list(dual.theta)

    for _ in range(1 + SETTINGS.stall):  # the first sets the gap to beat; the rest do not beat it
        dual.block_steps(search.best)

    assert all(after == before / 2 for after, before in zip(dual.theta, factors, strict=True))


def test_each_school_takes_its_part_from_the_allocation_that_did_best_there():
    problem = Problem(*large_instance(2), default_rules())
    search = Heuristic(problem, Clock(None))
    full = solve_heuristic(problem)
    (north, _), (south, _), _ = search.blocks
    # Two allocations, each with one school's part emptied: each is best in one school.
    without_north = (
        [NOBODY if t in north else p for t, p in enumerate(full.primary)],
        list(full.backup),
    )
    without_south = (
        [NOBODY if t in south else p for t, p in enumerate(full.primary)],
        list(full.backup),
    )
    for primary, backup in (without_north, without_south):
        for t, p in enumerate(primary):
            if p == NOBODY:
                backup[t] = NOBODY
    search.pool = [without_north, without_south]
    value = exact_objective(problem, *without_north)

    combined = search.combine(Best(*without_north, value))

    assert combined is not None
    assert combined.primary == list(full.primary)
    assert exact_objective(problem, combined.primary, combined.backup) == pytest.approx(
        full.objective
    )


def test_one_school_has_no_parts_to_combine():
    search = Heuristic(Problem(*large_instance(1), default_rules()), Clock(None))
    best = search.keep_if_better(search.construct())

    assert search.blocks == []
    assert search.combine(best) is None


@settings(max_examples=25, deadline=None)
@given(overviews(), teams(), st.booleans())
def test_what_the_bound_leaves_out_never_hides_a_better_allocation(overview, team, even):
    problem = Problem(overview, team, even_load_rules() if even else default_rules())
    outcome = solve_heuristic(problem)
    optimum, _, _ = plain_highs(problem)
    assume(optimum is not None)  # None: nobody may take anything, nothing to leave out
    assert optimum is not None

    left_out = hopeless(problem, outcome)

    tolerance = 1e-4 * max(1.0, abs(optimum.objective))
    if optimum.objective > outcome.objective + tolerance:
        used = {(Slot.PRIMARY, p, t) for t, p in enumerate(optimum.primary) if p != NOBODY}
        used |= {(Slot.BACKUP, p, t) for t, p in enumerate(optimum.backup) if p != NOBODY}
        assert not used & left_out
    reduced, _, _ = run_highs(problem, outcome)
    best = max(outcome.objective, reduced.objective if reduced else outcome.objective)
    assert best >= optimum.objective - tolerance


def test_the_bound_leaves_out_most_choices_on_a_school():
    problem = Problem(*large_instance(1), default_rules())
    outcome = solve_heuristic(problem)
    choices = sum(map(len, problem.primary_value)) + sum(map(len, problem.backup_value))

    left_out = hopeless(problem, outcome)

    assert len(left_out) > choices / 4
    assert all(
        (Slot.PRIMARY, p, t) not in left_out for t, p in enumerate(outcome.primary) if p != NOBODY
    )


def test_out_of_time_the_bound_leaves_out_nothing_more():
    problem = Problem(*large_instance(1), default_rules())
    outcome = solve_heuristic(problem)

    assert hopeless(problem, outcome, 0.0) == set()
    assert hopeless(problem, attrs.evolve(outcome, prices=None)) == set()


def test_settings_passed_to_the_heuristic_bound_its_work():
    problem = Problem(*large_instance(2), default_rules())
    search = Heuristic(problem, Clock(None), attrs.evolve(SETTINGS, lagrange_max=2))

    search.run()

    assert search.iterations == 2


def test_the_default_settings_give_what_no_settings_give():
    problem = Problem(*large_instance(2), default_rules())

    assert solve_heuristic(problem, settings=HeuristicSettings()) == solve_heuristic(problem)


def test_undoing_a_move_restores_the_allocation_its_value_and_the_loads():
    search = Heuristic(Problem(*large_instance(1), default_rules()), Clock(None))
    state = search.construct()
    before = (list(state.primary), list(state.backup), state.objective(), list(state.load))
    mark = len(state.log)
    t = search.order[0]
    for q in search.problem.primary_candidates[t]:
        if q != state.primary[t]:
            state.set_primary(t, q)
            state.repack(q, search.capacity[q], forced=t)
            break

    state.undo(mark)

    assert len(state.log) == mark
    assert (list(state.primary), list(state.backup)) == (before[0], before[1])
    assert state.objective() == pytest.approx(before[2])
    assert state.load == pytest.approx(before[3])
