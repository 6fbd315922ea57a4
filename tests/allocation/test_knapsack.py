"""The exact knapsack every person's re-packing and the bound rely on."""

from __future__ import annotations

from itertools import product

from hypothesis import given
from hypothesis import strategies as st

from ict_competence.allocation._solvers import pack, penalty, unit_scale

options = st.tuples(st.integers(0, 12), st.integers(1, 50).map(float))
groups = st.lists(st.lists(options, min_size=1, max_size=2), max_size=6)


def brute_force(groups_, capacity, cost=None):
    best = 0.0 if cost is None else cost(0)
    for choice in product(*[[None, *range(len(g))] for g in groups_]):
        weight = sum(groups_[i][c][0] for i, c in enumerate(choice) if c is not None)
        value = sum(groups_[i][c][1] for i, c in enumerate(choice) if c is not None)
        if weight <= capacity:
            best = max(best, value + (cost(weight) if cost is not None else 0.0))
    return best


def numbered(groups_):
    return [
        [(w, v, 10 * i + j) for j, (w, v) in enumerate(group)] for i, group in enumerate(groups_)
    ]


@given(groups, st.integers(0, 30))
def test_pack_finds_the_best_choice_of_at_most_one_option_per_group(groups_, capacity):
    total, chosen = pack(numbered(groups_), capacity)

    assert total == brute_force(groups_, capacity)
    picked = [(c // 10, c % 10) for c in chosen]
    assert len({g for g, _ in picked}) == len(picked)
    assert sum(groups_[g][o][0] for g, o in picked) <= capacity
    assert sum(groups_[g][o][1] for g, o in picked) == total


@given(groups, st.integers(0, 30), st.integers(0, 20), st.integers(1, 8))
def test_pack_with_a_load_penalty_is_still_exact(groups_, capacity, threshold, per_unit):
    def cost(weight: int) -> float:
        return penalty(((float(threshold), float(per_unit)),), float(weight))

    total, chosen = pack(numbered(groups_), capacity, cost)

    assert total == brute_force(groups_, capacity, cost)
    weight = sum(groups_[c // 10][c % 10][0] for c in chosen)
    value = sum(groups_[c // 10][c % 10][1] for c in chosen)
    assert total == value + cost(weight)


def test_the_scale_is_the_smallest_power_of_ten_that_makes_hours_whole():
    assert unit_scale([4.0, 80.0]) == (1, True)
    assert unit_scale([4.0, 0.4]) == (10, True)
    assert unit_scale([0.25]) == (100, True)
    assert unit_scale([10 / 3]) == (100, False)


zero_or_negative = st.tuples(st.integers(0, 12), st.integers(-20, 50).map(float))
mixed_groups = st.lists(st.lists(zero_or_negative, min_size=1, max_size=3), max_size=6)


@given(mixed_groups, st.integers(0, 30))
def test_pack_ignores_worthless_options_and_handles_weightless_ones(groups_, capacity):
    total, chosen = pack(numbered(groups_), capacity)

    assert total == brute_force(groups_, capacity)
    assert sum(groups_[c // 10][c % 10][0] for c in chosen) <= capacity
    assert sum(groups_[c // 10][c % 10][1] for c in chosen) == total


@given(groups, st.integers(0, 30), st.floats(-10, 200, allow_nan=False))
def test_pack_is_exact_whenever_the_optimum_reaches_the_value_to_beat(groups_, capacity, floor):
    best = brute_force(groups_, capacity)

    total, chosen = pack(numbered(groups_), capacity, at_least=floor)

    assert sum(groups_[c // 10][c % 10][0] for c in chosen) <= capacity
    assert sum(groups_[c // 10][c % 10][1] for c in chosen) == total
    if best >= floor:
        assert total == best
    else:
        assert total <= best


@given(groups, st.integers(0, 30), st.integers(0, 20), st.integers(1, 8), st.floats(-50, 200))
def test_pack_with_a_penalty_and_a_value_to_beat_is_exact_above_it(
    groups_, capacity, threshold, per_unit, floor
):
    def cost(weight: int) -> float:
        return penalty(((float(threshold), float(per_unit)),), float(weight))

    best = brute_force(groups_, capacity, cost)

    total, chosen = pack(numbered(groups_), capacity, cost, at_least=floor)

    weight = sum(groups_[c // 10][c % 10][0] for c in chosen)
    assert weight <= capacity
    assert total == sum(groups_[c // 10][c % 10][1] for c in chosen) + cost(weight)
    assert total == best if best >= floor else total <= best


def test_pack_of_weightless_options_takes_the_best_of_each_group():
    groups_ = [[(0, 2.0, 1), (0, 3.0, 2)], [(0, 1.0, 3)], [(5, 4.0, 4)]]

    total, chosen = pack(groups_, 4)

    assert (total, sorted(chosen)) == (4.0, [2, 3])


def test_pack_with_a_penalty_may_choose_nothing():
    total, chosen = pack([[(4, 1.0, 1)]], 10, lambda weight: -5.0 - weight)

    assert (total, chosen) == (-5.0, [])
