"""The heuristic's settings: how much work each phase of the search may do.

Counts, not the clock, decide when a phase stops, so the same input with the same
settings gives the same allocation. The defaults are tuned on the benchmark
(``benchmarks/tune.py`` compares others side by side).
"""

from __future__ import annotations

import attrs

__all__ = ["HeuristicSettings"]


@attrs.frozen(kw_only=True)
class HeuristicSettings:
    """How far the heuristic searches, and how its Lagrangian bound steps.

    Attributes:
        eject_candidates: alternatives tried per instance in an ejection pass.
        eject_passes: ejection passes over every instance on the final allocation, at most.
        first_eject_passes: ejection passes before the bound; its repairs give new
            starting points, and the best allocation gets the full passes afterwards.
        repack_passes: rounds of re-packing every person whose options changed, at most.
        lagrange_max: subgradient steps of the bound, at most.
        converge_window: the steps over which the bound must keep falling ...
        converge_gain: ... by more than this share of itself, or the steps stop.
        gap: the steps stop once the bound is within this share of the best allocation
            (0.2 %), where further steps cost more time than they take off the bound.
        repair_every: subgradient steps between repairs of the relaxation into an
            allocation, in one school ...
        repair_every_group: ... and in a school group, where each repair may be best for
            some school (see ``Heuristic.combine``).
        bound_solves: the bound's work in knapsacks solved: a large school group stops
            here, well before ``lagrange_max`` (100 schools after some 45 steps), where
            the last steps gain least.
        theta: Polyak's step factor ...
        stall: ... halved after this many steps without progress.
        bound_units_per_hour: the bound's knapsacks count in half hours at the finest
            (weights rounded down, capacities up): a little looser than the local
            search's units, still valid, much faster.

    >>> attrs.evolve(HeuristicSettings(), gap=0.0).lagrange_max
    100
    """

    eject_candidates: int = 6
    eject_passes: int = 3
    first_eject_passes: int = 1
    repack_passes: int = 20
    lagrange_max: int = 100
    converge_window: int = 10
    converge_gain: float = 3e-4
    gap: float = 2e-3
    repair_every: int = 10
    repair_every_group: int = 3
    bound_solves: int = 60_000
    theta: float = 2.0
    stall: int = 6
    bound_units_per_hour: int = 2
