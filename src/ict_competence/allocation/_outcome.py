"""What every solver shares: an allocation's encoding, its loads and exact value, the outcome.

Solvers work on person and instance numbers (see :class:`~._problem.Problem`). An
allocation is two lists indexed by instance: the primary's person number and the
back-up's, :data:`NOBODY` where there is none.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Iterable, Sequence

import attrs

from ict_competence.allocation._numeric import GAIN, GAP_FLOOR
from ict_competence.allocation._problem import Problem

__all__ = [
    "NOBODY",
    "Best",
    "Clock",
    "Outcome",
    "Slot",
    "backup_item",
    "exact_objective",
    "item_slot",
    "loads",
    "naive_bound",
    "relative_gap",
]

#: The person number of nobody: an instance without a primary, or without a back-up.
NOBODY = -1


class Slot(enum.IntEnum):
    """The two places a person can take on an instance."""

    PRIMARY = 0
    BACKUP = 1


def backup_item(t: int, n_instances: int) -> int:
    """The knapsack identifier of instance ``t``'s back-up slot; a primary's is ``t`` itself.

    One person's knapsack mixes both slots, with identifiers that must stay integers:
    back-ups are numbered after all instances.
    """
    return n_instances + t


def item_slot(ident: int, n_instances: int) -> tuple[Slot, int]:
    """The slot and instance number a knapsack identifier stands for (see :func:`backup_item`)."""
    if ident < n_instances:
        return Slot.PRIMARY, ident
    return Slot.BACKUP, ident - n_instances


@attrs.frozen
class Outcome:
    """What a solver found: person numbers per instance (:data:`NOBODY`: none), value, bound."""

    primary: tuple[int, ...]
    backup: tuple[int, ...]
    objective: float
    bound: float | None
    proven: bool
    solver: str
    stopped_early: bool = False
    #: The multipliers of the best bound (per instance, for primaries and back-ups), for
    #: the exact solver to leave out what cannot beat the allocation.
    prices: tuple[tuple[float, ...], tuple[float, ...]] | None = attrs.field(
        default=None, eq=False, repr=False
    )


@attrs.define
class Best:
    """The best allocation seen so far, and its exact value."""

    primary: list[int]
    backup: list[int]
    objective: float

    def beaten_by(self, objective: float) -> bool:
        """Whether ``objective`` is strictly better than this one's."""
        return objective > self.objective + GAIN


class Clock:
    """A deadline that also counts as 'never' when there is no time limit."""

    def __init__(self, time_limit: float | None) -> None:
        self.deadline = None if time_limit is None else time.monotonic() + time_limit

    def up(self) -> bool:
        """Whether the time is up."""
        return self.deadline is not None and time.monotonic() >= self.deadline


def loads(
    problem: Problem,
    primary: Sequence[int],
    backup: Sequence[int],
    instances: Iterable[int] | None = None,
    start: Sequence[float] | None = None,
) -> list[float]:
    """Each person's hours under an allocation: primaries' hours, then back-ups'.

    Only ``instances`` count when given (all otherwise), added to ``start`` (zero).
    Primaries are summed before back-ups, in instance order, so that every caller gets
    the very same floats for the same allocation.
    """
    load = list(start) if start is not None else [0.0] * len(problem.people)
    counted = range(len(primary)) if instances is None else list(instances)
    hours, backup_hours = problem.hours, problem.backup_hours
    for t in counted:
        p = primary[t]
        if p != NOBODY:
            load[p] += hours[t]
    for t in counted:
        p = backup[t]
        if p != NOBODY:
            load[p] += backup_hours[t]
    return load


def exact_objective(problem: Problem, primary: Sequence[int], backup: Sequence[int]) -> float:
    """The objective of an allocation, summed afresh (no drift from incremental updates)."""
    value = 0.0
    for t, p in enumerate(primary):
        if p != NOBODY:
            value += problem.primary_value[p][t]
    for t, p in enumerate(backup):
        if p != NOBODY:
            value += problem.backup_value[p][t]
    load = loads(problem, primary, backup)
    return value + sum(problem.penalty(p, hours) for p, hours in enumerate(load))


def naive_bound(problem: Problem) -> float:
    """A valid upper bound at no cost: every instance with its best primary and back-up.

    Hours and load terms (which only take value away) are left out, so no allocation is
    worth more; the exact mode falls back on it when time ran out before any better bound.
    """
    total = 0.0
    for t in range(len(problem.instances)):
        for candidates, values in (
            (problem.primary_candidates[t], problem.primary_value),
            (problem.backup_candidates[t], problem.backup_value),
        ):
            if candidates:  # best first
                total += max(0.0, values[candidates[0]][t])
    return total


def relative_gap(objective: float, bound: float | None) -> float | None:
    """``(bound - objective) / |bound|``: the share the optimum may still lie above."""
    if bound is None:
        return None
    if bound == objective:
        return 0.0
    return (bound - objective) / max(abs(bound), GAP_FLOOR)
