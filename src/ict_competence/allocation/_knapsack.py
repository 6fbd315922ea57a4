"""An exact multiple-choice 0/1 knapsack over whole units, for one person's tasks.

The dynamic programme keeps only the Pareto front of (weight, value) states, so its
size is bounded by the capacity in units; states that cannot beat a greedy packing
(or a value the caller already has) are dropped as well, which keeps it small.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import accumulate
from operator import itemgetter
from typing import Any

from ict_competence.allocation._numeric import KNAPSACK_SLACK

__all__ = ["Option", "pack"]

#: One way to use an item group: (weight in units, value, identifier).
Option = tuple[int, float, int]

_FIRST = itemgetter(0)
_INF = float("inf")

#: A dynamic programme state: (weight, -value, chain of chosen identifiers).
_State = tuple[int, float, Any]


def _greedy(
    groups: list[list[Option]], capacity: int, penalty: Callable[[int], float] | None
) -> tuple[float, list[int]]:
    """A quick feasible packing: the best option that still fits, best value per unit first."""
    room, value, chosen = capacity, 0.0, []
    for options in groups:
        best: Option | None = None
        for option in options:
            if option[0] <= room and (best is None or option[1] > best[1]):
                best = option
        if best is not None:
            room -= best[0]
            value += best[1]
            chosen.append(best[2])
    if penalty is not None:
        value += penalty(capacity - room)
        empty = penalty(0)
        if empty > value:
            return empty, []
    return value, chosen


def pack(
    groups: Sequence[Sequence[Option]],
    capacity: int,
    penalty: Callable[[int], float] | None = None,
    *,
    at_least: float = -_INF,
) -> tuple[float, list[int]]:
    """The best choice of at most one option per group within ``capacity`` units.

    ``penalty(weight)`` is added to a state's value at the end; it must never increase
    with weight (a load penalty), which keeps dominated states dominated. Options worth
    nothing or more than the capacity are never part of a best choice and are ignored.

    Args:
        groups: the item groups, each a sequence of options.
        capacity: the units available.
        penalty: the load penalty by total weight, if any.
        at_least: a value the caller already has: when the optimum is below it, the
            result is some feasible choice below it too (not necessarily the best), which
            lets the search drop every state that cannot reach it.

    Returns:
        The best total (values plus penalty) and the identifiers of the chosen options.

    >>> pack([[(3, 5.0, 1)], [(2, 4.0, 2)], [(4, 6.0, 3)]], 5)
    (9.0, [2, 1])
    >>> pack([[(3, 5.0, 1), (1, 2.0, 2)]], 5)
    (5.0, [1])
    """
    usable, rates, rest = _ranked(groups, capacity)
    greedy = _greedy(usable, capacity, penalty)
    if penalty is None and greedy[0] >= rest[0]:
        return greedy
    floor = max(greedy[0], at_least)
    # A state's final value is at most its value plus ``rest``, plus the penalty of an
    # empty load (the penalty never grows with the load).
    need = (
        floor - KNAPSACK_SLACK * max(1.0, abs(floor)) - (penalty(0) if penalty is not None else 0.0)
    )
    states = _frontier(usable, capacity, rates, rest, need)
    if not states:
        return greedy
    if penalty is None:
        top = states[-1]
        total = -top[1]
    else:
        total, top = max(((penalty(s[0]) - s[1], s) for s in states), key=_FIRST)
    if total < greedy[0]:
        return greedy
    return total, _unchain(top[2])


def _frontier(
    usable: list[list[Option]], capacity: int, rates: list[float], rest: list[float], need: float
) -> list[_State]:
    """The dynamic programme: the Pareto front of states after every group (empty: none left)."""
    # States are (weight, -value, chain), so that plain tuple order sorts by weight and,
    # for equal weights, best value first; a chain is None or (identifier, chain). No two
    # states share a weight, so the order never has to compare chains of equal heads.
    states: list[_State] = [(0, -0.0, None)]
    for i, options in enumerate(usable, start=1):
        grown = states[:]
        for weight, value, ident in options:
            limit = capacity - weight
            grown += [
                (w + weight, v - value, (ident, chain)) for w, v, chain in states if w <= limit
            ]
        grown.sort()
        states = _prune(grown, capacity, rates[i], rest[i], need)
        if not states:
            return []
    return states


def _unchain(chain: Any) -> list[int]:  # noqa: ANN401 - nested tuples of any depth
    """The identifiers of a state's chain, first chosen first."""
    chosen: list[int] = []
    while chain is not None:
        ident, chain = chain
        chosen.append(ident)
    chosen.reverse()
    return chosen


def _ranked(
    groups: Sequence[Sequence[Option]], capacity: int
) -> tuple[list[list[Option]], list[float], list[float]]:
    """The useful groups, best value per unit first; each one's rate; what each rest adds.

    In this order the groups after a state can only add value at a lower rate, which
    bounds every state's future and lets hopeless states go early. ``rest[i]`` is the
    most the groups from position ``i`` on can add, one best option each.
    """
    ranked: list[tuple[float, float, list[Option]]] = []
    for options in groups:
        kept = []
        rate = most = 0.0
        for option in options:
            weight, value, _ = option
            if value > 0 and weight <= capacity:
                kept.append(option)
                rate = max(rate, value / weight if weight else _INF)
                most = max(most, value)
        if kept:
            ranked.append((rate, most, kept))
    ranked.sort(key=_FIRST, reverse=True)
    rates = [rate for rate, _, _ in ranked]
    rates.append(0.0)
    rest = list(accumulate((most for _, most, _ in reversed(ranked)), initial=0.0))
    rest.reverse()
    return [options for _, _, options in ranked], rates, rest


def _prune(
    grown: list[_State], capacity: int, rate: float, most: float, need: float
) -> list[_State]:
    """The Pareto front of sorted ``grown`` that can still reach ``need``.

    A state stays only if it is worth strictly more than every lighter one and its value
    plus the most the rest can add reaches ``need``; whatever a dropped state dominates
    could reach even less, so it goes as well.
    """
    # A state (weight w, value -v) can still reach ``need`` if -v + most >= need and
    # -v + (capacity - w) * rate >= need; both written as limits on v.
    first = most - need
    best = _INF
    kept = []
    if rate == _INF:
        for state in grown:
            v = state[1]
            if v < best:
                best = v
                if v <= first:
                    kept.append(state)
    else:
        second = capacity * rate - need
        for state in grown:
            v = state[1]
            if v < best:
                best = v
                if v <= first and v + state[0] * rate <= second:
                    kept.append(state)
    return kept
