"""An exact multiple-choice 0/1 knapsack over whole units, for one person's tasks.

The dynamic programme keeps only the Pareto front of (weight, value) states, so its
size is bounded by the capacity in units and is usually far smaller.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import accumulate, compress
from operator import itemgetter, lt
from typing import Any

__all__ = ["Option", "pack"]

#: One way to use an item group: (weight in units, value, identifier).
Option = tuple[int, float, int]

_FIRST = itemgetter(0)
_NEG_VALUE = itemgetter(1)
_INF = float("inf")


def pack(
    groups: Sequence[Sequence[Option]],
    capacity: int,
    penalty: Callable[[int], float] | None = None,
) -> tuple[float, list[int]]:
    """The best choice of at most one option per group within ``capacity`` units.

    ``penalty(weight)`` is added to a state's value at the end; it must never increase
    with weight (a load penalty), which keeps dominated states dominated.

    Returns:
        The best total (values plus penalty) and the identifiers of the chosen options.

    >>> pack([[(3, 5.0, 1)], [(2, 4.0, 2)], [(4, 6.0, 3)]], 5)
    (9.0, [1, 2])
    >>> pack([[(3, 5.0, 1), (1, 2.0, 2)]], 5)
    (5.0, [1])
    """
    # States are (weight, -value, chain), so that plain tuple order sorts by weight and,
    # for equal weights, best value first; a chain is None or (identifier, chain). No two
    # states share a weight, so the order never has to compare chains of equal heads.
    states: list[tuple[int, float, Any]] = [(0, -0.0, None)]
    for options in groups:
        grown = list(states)
        for weight, value, ident in options:
            limit = capacity - weight
            if limit >= 0:
                grown += [
                    (w + weight, v - value, (ident, chain)) for w, v, chain in states if w <= limit
                ]
        if len(grown) == len(states):
            continue
        grown.sort()
        # Keep a state only if it is worth strictly more than every lighter one.
        values = list(map(_NEG_VALUE, grown))
        best_before = accumulate(values, min, initial=_INF)
        states = list(compress(grown, map(lt, values, best_before)))
    if penalty is None:
        top = states[-1]
        total = -top[1]
    else:
        total, top = max(((penalty(s[0]) - s[1], s) for s in states), key=_FIRST)
    chosen: list[int] = []
    chain = top[2]
    while chain is not None:
        ident, chain = chain
        chosen.append(ident)
    chosen.reverse()
    return total, chosen
