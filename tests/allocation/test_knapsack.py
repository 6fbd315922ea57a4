"""The exact knapsack every person's re-packing and the bound rely on."""

from __future__ import annotations

from itertools import product

from hypothesis import given
from hypothesis import strategies as st

from ict_competence.allocation._knapsack import pack
from ict_competence.allocation._problem import _scale, penalty

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
    assert _scale([4.0, 80.0]) == (1, True)
    assert _scale([4.0, 0.4]) == (10, True)
    assert _scale([0.25]) == (100, True)
    assert _scale([10 / 3]) == (100, False)
