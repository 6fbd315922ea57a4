"""What the decomposition knows about one school: bounds on every combination, and solutions.

Prices live in one vector over the pooled instances: the primary rows' prices, then the
back-up-under-primary rows', then the one-back-up rows'. A school taking a combination
pays, per priced row, what it puts into that row times its price. Each priced solve of
a school bounds *every* combination (its bound plus what that combination would pay),
and fixes the value of the one it chose; so a school whose best answer the bounds
already settle at new prices is not solved again. numpy comes with highspy and is
imported inside the functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs

from ict_competence.allocation._numeric import SCHOOL_GAP
from ict_competence.allocation._optimal import Column
from ict_competence.allocation._outcome import NOBODY
from ict_competence.allocation._problem import Problem
from ict_competence.allocation._school_mip import (
    SchoolAnswer,
    SchoolModel,
    SchoolPart,
    Takes,
)

__all__ = ["PATIENCE", "Known", "SchoolRecord", "part_value", "price_layout"]

#: Branch-and-bound nodes one solve of a school may take before it stops with what it
#: has (doubled for the school each time that was not good enough). On the benchmark's
#: light groups most schools are proven at the root or within a few hundred nodes, while
#: a hard one kept the same gap from 3,000 nodes (3 s) to 16 s of search and took 34-74 s
#: to prove, by the prices.
PATIENCE = 1000

#: A school's share of an allocation: ``(instance, person)`` pairs, primaries and back-ups.
Pairs = tuple[tuple[int, int], ...]


@attrs.frozen
class Known:
    """A solution of one school with its exact (unpriced) value."""

    value: float
    primaries: Pairs
    backups: Pairs


def price_layout(n_pooled: int) -> tuple[slice, slice, slice]:
    """Where the three kinds of prices sit in the price vector."""
    return (
        slice(0, n_pooled),
        slice(n_pooled, 2 * n_pooled),
        slice(2 * n_pooled, 3 * n_pooled),
    )


def part_value(problem: Problem, people: Sequence[int], primaries: Pairs, backups: Pairs) -> float:
    """The exact value of a school's part: its people's scores and load terms."""
    load = dict.fromkeys(people, 0.0)
    value = 0.0
    for t, p in primaries:
        value += problem.primary_value[p][t]
        load[p] += problem.hours[t]
    for t, p in backups:
        value += problem.backup_value[p][t]
        load[p] += problem.backup_hours[t]
    return value + sum(problem.penalty(p, hours) for p, hours in load.items())


class SchoolRecord:
    """One school's model, its combinations, the bounds on them and the solutions seen.

    Attributes:
        part, school: the school and its MILP.
        combinations: every combination it might take, in a fixed order; indices below
            refer to this list.
        known: combination index -> the best solution seen with that combination.
        solves: how many times the school's MILP was solved.
        allowance: absolute gap the school's solves may stop at where it is larger than
            ``SCHOOL_GAP`` allows: a share of the group's proof tolerance, for a school
            HiGHS cannot close within its patience.
        patience: branch-and-bound nodes one solve of the school may take.
    """

    def __init__(self, problem: Problem, pooled: tuple[int, ...], part: SchoolPart,
                 school: SchoolModel) -> None:  # fmt: skip
        import numpy as np  # noqa: PLC0415 - comes with highspy, needed only here

        self.problem, self.pooled, self.part, self.school = problem, pooled, part, school
        self.combinations = part.combinations()
        self.index = {c: k for k, c in enumerate(self.combinations)}
        shape = (len(self.combinations), len(pooled))  # also without pooled instances
        states = np.array(self.combinations, dtype=np.int64).reshape(shape)
        primary = (states & int(Takes.PRIMARY) != 0).astype(np.float64)
        backup = (states & int(Takes.BACKUP) != 0).astype(np.float64)
        # Per priced row: the primary rows', the back-up-under-primary rows', the back-ups'.
        self.matrix = np.hstack([primary, backup - primary, backup])
        self.cut_prices: list[Any] = []
        self.cut_values: list[float] = []
        self.exact_upper: dict[int, float] = {}
        #: Combinations whose fixed solve reached its gap (not stopped by nodes or time).
        self.closed: set[int] = set()
        self.known: dict[int, Known] = {}
        self.solves = 0
        self.allowance = 0.0
        self.patience = PATIENCE
        self._upper: Any = None

    # -- bounds -----------------------------------------------------------------------------

    def upper(self) -> Any:  # noqa: ANN401 - a numpy array
        """Per combination, the best bound on its (unpriced) value known so far."""
        import numpy as np  # noqa: PLC0415

        if self._upper is None:
            if self.cut_prices:
                charged = self.matrix @ np.array(self.cut_prices).T  # combinations × cuts
                upper = (charged + np.array(self.cut_values)).min(axis=1)
            else:
                upper = np.full(len(self.combinations), math.inf)
            for k, value in self.exact_upper.items():
                upper[k] = min(upper[k], value)
            self._upper = upper
        return self._upper

    def charges(self, prices: Any) -> Any:  # noqa: ANN401
        """Per combination, what it pays at ``prices``."""
        return self.matrix @ prices

    def settled(self, prices: Any) -> tuple[float, int] | None:  # noqa: ANN401
        """The school's bound and best combination at ``prices``, if no solve is needed.

        Settled when a known solution comes within the school's gap of the bound over
        all combinations.
        """
        if not self.known or not self.cut_prices:
            return None
        charges = self.charges(prices)
        best, value = max(((k, known.value - charges[k]) for k, known in self.known.items()),
                          key=lambda item: item[1])  # fmt: skip
        bound = float((self.upper() - charges).max())
        if bound - value <= self.tolerance(bound):
            return bound, best
        return None

    def tolerance(self, bound: float) -> float:
        """How far under ``bound`` a solution may be and still count as the school's best."""
        return max(SCHOOL_GAP * max(1.0, abs(bound)), self.allowance)

    def exact(self, k: int) -> bool:
        """Whether combination ``k``'s value is known to within the school's gap."""
        known = self.known.get(k)
        if known is None:
            return False
        if k in self.closed:
            return True  # solved with the combination fixed, to the gap the solve asked for
        upper = float(self.upper()[k])
        return upper - known.value <= self.tolerance(upper)

    def hint(self, k: int) -> tuple[float, ...] | None:
        """Column values of combination ``k``'s known solution, for HiGHS to start from."""
        known = self.known.get(k)
        if known is None:
            return None
        problem = self.problem
        on = {(Column.PRIMARY, p, t) for t, p in known.primaries}
        on |= {(Column.BACKUP, p, t) for t, p in known.backups}
        load = dict.fromkeys(self.part.people, 0.0)
        for t, p in known.primaries:
            load[p] += problem.hours[t]
        for t, p in known.backups:
            load[p] += problem.backup_hours[t]
        values = []
        for kind, p, t in self.school.model.columns:
            if kind is Column.OVERLOAD:  # t is the load threshold's number here
                values.append(max(0.0, load[p] - problem.kinks[p][t][0]))
            else:
                values.append(1.0 if (kind, p, t) in on else 0.0)
        return tuple(values)

    def best_known(self, prices: Any) -> int:  # noqa: ANN401
        """The known combination worth most at ``prices``."""
        charges = self.charges(prices)
        return max(self.known, key=lambda k: self.known[k].value - charges[k])

    # -- what solves add ----------------------------------------------------------------------

    def absorb(self, answer: SchoolAnswer, prices: Any, fixed: int | None = None) -> float:  # noqa: ANN401
        """Take in a solve at ``prices`` (or of combination ``fixed``, unpriced).

        Returns:
            The solve's bound: on the school's priced value, or on ``fixed``'s value.
        """
        self.solves += 1
        self._upper = None
        for other in answer.others:
            seen = self.chosen_part(other)
            if seen is not None:
                self.remember(*seen)
        found = self.solution(answer)
        bound = answer.bound
        if found is not None:
            k, known = found
            paid = 0.0 if fixed is not None else float(self.charges(prices)[k])
            # The bound holds the value recomputed from the solution, whatever HiGHS said.
            bound = max(bound, known.value - paid)
            self.remember(k, known)
        if fixed is not None:
            self.exact_upper[fixed] = min(self.exact_upper.get(fixed, math.inf), bound)
            if answer.optimal:
                self.closed.add(fixed)
        elif math.isfinite(bound):
            self.cut_prices.append(prices)
            self.cut_values.append(bound)
        return bound

    def remember(self, k: int, known: Known) -> None:
        """Keep ``known`` as combination ``k``'s solution if it is the best seen."""
        if k not in self.known or known.value > self.known[k].value:
            self.known[k] = known

    def solution(self, answer: SchoolAnswer) -> tuple[int, Known] | None:
        """The combination and part a solve chose, valued exactly."""
        if answer.objective is None:
            return None
        return self.chosen_part(answer.chosen)

    def chosen_part(self, chosen: Sequence[int]) -> tuple[int, Known] | None:
        """The combination and part of a solution's columns at one, valued exactly."""
        primaries: list[tuple[int, int]] = []
        backups: list[tuple[int, int]] = []
        for j in chosen:
            kind, p, t = self.school.model.columns[j]
            (primaries if kind is Column.PRIMARY else backups).append((t, p))
        return self.combination_of(tuple(sorted(primaries)), tuple(sorted(backups)))

    def combination_of(self, primaries: Pairs, backups: Pairs) -> tuple[int, Known] | None:
        """The combination index and exact value of a school's part (``None``: not listed)."""
        position = {g: i for i, g in enumerate(self.pooled)}
        states = [int(Takes.NOTHING)] * len(self.pooled)
        for pairs, slot in ((primaries, Takes.PRIMARY), (backups, Takes.BACKUP)):
            for t, _ in pairs:
                if t in position:
                    states[position[t]] |= slot
        k = self.index.get(tuple(states))
        if k is None:
            return None
        value = part_value(self.problem, self.part.people, primaries, backups)
        return k, Known(value, primaries, backups)

    def part_of(self, primary: Sequence[int], backup: Sequence[int]) -> tuple[int, Known] | None:
        """This school's share of a whole allocation, as a known solution."""
        members = set(self.part.people)
        instances = [*self.part.own, *self.pooled]
        primaries = tuple((t, primary[t]) for t in instances if primary[t] in members)
        backups = tuple(
            (t, backup[t]) for t in instances if backup[t] != NOBODY and backup[t] in members
        )
        return self.combination_of(tuple(sorted(primaries)), tuple(sorted(backups)))
