"""The heuristic's Lagrangian relaxation: warm-started knapsacks stay exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ict_competence.allocation import Team, default_rules, even_load_rules
from ict_competence.allocation._heuristic import _Clock, _Dual, _Heuristic
from ict_competence.allocation._knapsack import Option, pack
from ict_competence.allocation._problem import Problem, penalty
from ict_competence.catalog import TaskOverview
from tests.allocation.strategies import overviews, teams


def fresh(dual: _Dual, p: int) -> float:
    """Person ``p``'s knapsack at the dual's current prices, solved from scratch."""
    groups: list[list[Option]] = []
    for t, w_p, v_p, w_b, v_b in dual.menus[p]:
        options: list[Option] = []
        if v_p is not None and v_p - dual.lam[t] + dual.mu[t] > 0:
            options.append((w_p, v_p - dual.lam[t] + dual.mu[t], t))
        if v_b is not None and v_b - dual.mu[t] > 0:
            options.append((w_b, v_b - dual.mu[t], dual.n + t))
        if options:
            groups.append(options)
    kinks, base = dual.pr.kinks[p], dual.pr.pinned_load[p]
    if not kinks:
        return pack(groups, dual.capacity[p])[0]
    return pack(groups, dual.capacity[p], lambda units: penalty(kinks, base + units / dual.scale))[
        0
    ]


@settings(max_examples=30, deadline=None)
@given(overviews(), teams(), st.booleans(), st.lists(st.floats(0.1, 50.0), min_size=1, max_size=6))
def test_each_persons_relaxed_value_equals_a_fresh_knapsack_after_every_step(
    overview: TaskOverview, team: Team, even: bool, sizes: list[float]
) -> None:
    rules = even_load_rules() if even else default_rules()
    search = _Heuristic(Problem(overview, team, rules), _Clock(None))
    search.keep_if_better(search.construct())
    dual = _Dual(search)

    for size in sizes:
        dual.evaluate()
        for p, value in enumerate(dual.value):
            assert value is not None
            assert abs(value - fresh(dual, p)) <= 1e-9 * max(1.0, abs(value))
        if not dual.step(size):
            break
