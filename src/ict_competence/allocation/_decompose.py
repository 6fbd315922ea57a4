"""The exact mode on a school group: a Lagrangian decomposition by school.

A school's instances are open to its own people only, so the schools are tied together
only by the group's pooled instances. Each school is a small MILP of its own (see
:mod:`._school_mip`); prices on the pooled rows make the schools' optima add up to a
bound on the group's (:mod:`._school_bounds`), and a stabilised cutting-plane method
lowers it. The incumbent combines solved school solutions; a master program over the
combinations' bounds closes the last gap (:mod:`._master`). The schools' solves run on
an executor; results are taken in school order, so the answer does not depend on it.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypedDict, Unpack

import attrs

from ict_competence._checks import at_least, finite, finite_non_negative
from ict_competence.allocation._master import choose_combinations, coupling_prices, next_prices
from ict_competence.allocation._numeric import (
    GAP_TOLERANCE,
    PRICE_CONVERGED,
    SCHOOL_ALLOWANCE_SHARE,
    SCHOOL_GAP,
)
from ict_competence.allocation._optimal import solve_optimal
from ict_competence.allocation._outcome import (
    NOBODY,
    Outcome,
    exact_objective,
    naive_bound,
    relative_gap,
)
from ict_competence.allocation._problem import Problem
from ict_competence.allocation._school_bounds import SchoolRecord, price_layout
from ict_competence.allocation._school_mip import (
    SchoolAnswer,
    SchoolJob,
    SchoolPart,
    Takes,
    build_school,
    school_parts,
    solve_school,
)
from ict_competence.allocation._verify import check_outcome

__all__ = [
    "MAX_COMBINATIONS",
    "MIN_PARTS",
    "Progress",
    "ProgressCallback",
    "decomposable",
    "school_budget",
    "solve_decomposed",
    "solve_exact",
]

#: Combinations of pooled instances one school may have before the decomposition gives
#: way to the whole MILP: six pooled strategic tasks (4 ** 6) are still fine.
MAX_COMBINATIONS = 4096
#: Subproblems (schools, and the group-wide people) the optimal mode needs before it
#: decomposes: on two schools the whole MILP is as small as it gets and faster (two
#: schools of 9: 0.36 s against 0.86 s; from three schools on the decomposition is as
#: fast or faster, measured on the benchmark's generator).
MIN_PARTS = 3
#: Rounds of the cutting-plane method, at most; 3-10 suffice on the benchmark's groups.
PRICE_ROUNDS = 30
#: A trial's bound must fall by this share of what the model promised to become the centre.
SERIOUS_STEP = 0.1
#: The first box around the starting prices, as a share of a pooled instance's best value.
#: The LP's duals start close to the best prices: a box of a tenth sent the first trial
#: so far that its schools took 40 s to solve, for a bound worse than the start's.
BOX_SHARE = 0.01
#: The first box around the heuristic's prices, where they start (see :func:`_start_prices`).
HEURISTIC_BOX_SHARE = 0.1
#: Combinations whose bound lies within this share of the proof tolerance of the incumbent
#: are dropped from the master: they cannot beat it by enough to matter, and near-ties
#: kept the master busy without end.
NEAR_TIE_SHARE = 0.5
#: HiGHS keeps its node limit in a 32-bit integer: a school's patience stops doubling here.
MAX_PATIENCE = 2**31 - 1
#: Share of the time limit for the search; the rest is for putting the allocation
#: together and checking it, so that the limit holds.
FINISH_SHARE = 0.95

#: Solves a list of school jobs, answers in the same order.
Runner = Callable[[list[SchoolJob]], list[SchoolAnswer]]


@attrs.frozen
class Progress:
    """How far the exact mode is: for a progress display.

    Attributes:
        elapsed: seconds since the exact mode started.
        objective: the value of the best allocation found so far.
        bound: no allocation is worth more (``None`` while unknown).
        solves: school subproblems solved so far.

    >>> Progress(elapsed=1.5, objective=99.0, bound=100.0).gap
    0.01
    """

    elapsed: float = attrs.field(validator=finite_non_negative)
    objective: float = attrs.field(validator=finite)
    bound: float | None = attrs.field(validator=attrs.validators.optional(finite))
    solves: int = attrs.field(default=0, validator=at_least(0))

    @property
    def gap(self) -> float | None:
        """How far from optimal the best allocation can at most be, relative to the bound."""
        return relative_gap(self.objective, self.bound)


ProgressCallback = Callable[[Progress], None]


def decomposable(problem: Problem) -> bool:
    """Whether the optimal mode decomposes: three schools or more, few enough combinations."""
    _, parts = school_parts(problem)
    return len(parts) >= MIN_PARTS and all(part.count() <= MAX_COMBINATIONS for part in parts)


@contextmanager
def _runner(workers: int | None, executor: Executor | None) -> Iterator[Runner]:
    if executor is not None:
        yield lambda jobs: list(executor.map(solve_school, jobs))
    elif workers == 1:
        yield lambda jobs: [solve_school(job) for job in jobs]
    else:
        with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            yield lambda jobs: list(pool.map(solve_school, jobs))


def solve_decomposed(
    problem: Problem,
    warm: Outcome,
    time_limit: float | None = None,
    *,
    workers: int | None = None,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> Outcome | None:
    """Improve and prove ``warm`` (the heuristic's outcome) school by school.

    Returns ``None`` where the decomposition does not apply (see :func:`decomposable`).
    Within ``time_limit`` seconds it returns the best allocation found with a valid bound.
    """
    pooled, parts = school_parts(problem)
    if len(parts) < 2 or any(part.count() > MAX_COMBINATIONS for part in parts):
        return None
    with _runner(workers, executor) as run:
        search = _Decomposition(
            problem,
            warm,
            pooled=pooled,
            parts=parts,
            time_limit=time_limit,
            run=run,
            progress=progress,
        )
        return search.solve()


class HowToRun(TypedDict, total=False):
    """Where and with what feedback the schools are solved (see :func:`solve_decomposed`)."""

    workers: int | None
    executor: Executor | None
    progress: ProgressCallback | None


def solve_exact(
    problem: Problem, warm: Outcome, time_limit: float | None = None, **how: Unpack[HowToRun]
) -> Outcome:
    """The exact mode after its warm start: by school on a group, the whole MILP otherwise.

    ``warm`` proven already is kept. Whatever it returns is checked against the model.
    """
    started = time.monotonic()
    gap = relative_gap(warm.objective, warm.bound)
    if gap is not None and gap <= GAP_TOLERANCE:
        return check_outcome(problem, warm)
    outcome = None
    if decomposable(problem):
        outcome = solve_decomposed(problem, warm, time_limit, **how)
    progress = how.get("progress")
    if outcome is None:
        outcome = solve_optimal(problem, warm, time_limit)
        if progress is not None:
            elapsed = time.monotonic() - started
            progress(Progress(elapsed, outcome.objective, outcome.bound))
    if outcome.bound is None:
        # Time ran out before any bound: the exact mode still says how far off it may be.
        outcome = attrs.evolve(outcome, bound=max(naive_bound(problem), outcome.objective))
    return check_outcome(problem, outcome)


def school_budget(warm: Outcome) -> float:
    """The absolute gap the schools' stopped solves may leave open together.

    A share of the proof's tolerance at the least the bound can be in size: the warm
    value where it is positive (the optimum is at least that), minus the warm bound where
    that is negative, and nothing where the optimum may lie near zero.
    """
    if warm.objective > 0:
        size = warm.objective
    elif warm.bound is not None and warm.bound < 0:
        size = -warm.bound
    else:
        size = 0.0
    return SCHOOL_ALLOWANCE_SHARE * GAP_TOLERANCE * size


def _start_prices(
    problem: Problem, warm: Outcome, pooled: tuple[int, ...], time_limit: float | None
) -> tuple[list[float], list[float], float]:
    """Where the price rounds start, and the first box's share of a pooled task's value.

    The LP relaxation's duals, unless the heuristic's bound is already below the LP's
    value (overloaded groups): then the heuristic's own prices.
    """
    found = coupling_prices(problem, pooled, time_limit) if pooled else None
    heuristic = warm.prices is not None and warm.bound is not None
    if found is not None and not (heuristic and warm.bound is not None and warm.bound < found[2]):
        return found[0], found[1], BOX_SHARE
    if warm.prices is not None:
        lam = [warm.prices[0][g] for g in pooled]
        return lam, [warm.prices[1][g] for g in pooled], HEURISTIC_BOX_SHARE
    return [0.0] * len(pooled), [0.0] * len(pooled), BOX_SHARE


class _Decomposition:
    """The state of one decomposition: the schools' records, prices, incumbent and bound."""

    def __init__(self, problem: Problem, warm: Outcome, *, pooled: tuple[int, ...],
                 parts: Sequence[SchoolPart], time_limit: float | None, run: Runner,
                 progress: ProgressCallback | None) -> None:  # fmt: skip
        import numpy as np  # noqa: PLC0415 - comes with highspy

        self.started = time.monotonic()
        self.deadline = None if time_limit is None else self.started + FINISH_SHARE * time_limit
        # The same deadline by the wall clock, for jobs that may run in other processes.
        self.wall_deadline = None if time_limit is None else time.time() + FINISH_SHARE * time_limit
        self.problem, self.warm, self.pooled, self.run = problem, warm, pooled, run
        self.progress = progress
        self.records = [
            SchoolRecord(problem, pooled, part, build_school(problem, pooled, part))
            for part in parts
        ]
        self.bound = warm.bound if warm.bound is not None else math.inf
        self.chosen: list[int] = []
        self.value = -math.inf
        for record in self.records:
            found = record.part_of(warm.primary, warm.backup)
            if found is None:  # pragma: no cover - every allocation's part is listed
                raise AssertionError(f"school {record.part.name}: warm part not listed")
            record.remember(*found)
            self.chosen.append(found[0])
        self.value = math.fsum(
            r.known[k].value for r, k in zip(self.records, self.chosen, strict=True)
        )
        lam, mu, share = _start_prices(problem, warm, pooled, self.left())
        self.center = np.array([*lam, *mu, *([0.0] * len(pooled))], dtype=np.float64)
        scale = [
            max((problem.primary_value[p][g] for p in problem.primary_candidates[g]), default=1.0)
            for g in pooled
        ]
        self.box = np.array([share * max(1.0, s) for s in scale] * 3, dtype=np.float64)
        self.center_bound = math.inf
        self.center_values: list[float] = []
        self.budget = school_budget(warm)

    # -- time and reporting -----------------------------------------------------------------

    def left(self) -> float | None:
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - time.monotonic())

    def up(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def proven(self) -> bool:
        gap = relative_gap(self.value, self.bound)
        return gap is not None and gap <= GAP_TOLERANCE

    def report(self) -> None:
        if self.progress is not None:
            # The bound holds for the optimum: float noise must not put it under the value.
            bound = max(self.bound, self.value) if math.isfinite(self.bound) else None
            solves = sum(record.solves for record in self.records)
            self.progress(Progress(time.monotonic() - self.started, self.value, bound, solves))

    # -- solving schools --------------------------------------------------------------------

    def evaluate(self, prices: Any) -> tuple[float, list[float]]:  # noqa: ANN401
        """The Lagrangian bound at ``prices``, and each school's share of it."""
        shares = [0.0] * len(self.records)
        pending: list[int] = []
        for s, record in enumerate(self.records):
            settled = record.settled(prices)
            if settled is None:
                pending.append(s)
            else:
                shares[s] = settled[0]
        jobs = [self.priced_job(self.records[s], prices) for s in pending]
        for s, answer in zip(pending, self.run(jobs), strict=True):
            shares[s] = self.records[s].absorb(answer, prices)
            self.learn(s, answer)
        lam, _, nu = price_layout(len(self.pooled))
        total = float(prices[lam].sum() + prices[nu].sum()) + math.fsum(shares)
        if math.isfinite(total):
            self.bound = min(self.bound, total)
        return total, shares

    def priced_job(self, record: SchoolRecord, prices: Any) -> SchoolJob:  # noqa: ANN401
        n = len(self.pooled)
        cost = list(record.school.model.cost)
        for column, i, slot in record.school.priced:
            if slot == Takes.PRIMARY:
                cost[column] -= prices[i] - prices[n + i]
            else:
                cost[column] -= prices[n + i] + prices[2 * n + i]
        hint = record.hint(record.best_known(prices))
        return self.job(record, tuple(cost), (), hint)

    def fixed_job(self, record: SchoolRecord, k: int) -> SchoolJob:
        combination = record.combinations[k]
        fixed = []
        for rows, slot in ((record.school.primary_rows, Takes.PRIMARY),
                           (record.school.backup_rows, Takes.BACKUP)):  # fmt: skip
            for i, row in enumerate(rows):
                if row is not None:
                    taken = 1.0 if combination[i] & slot else 0.0
                    fixed.append((row, taken, taken))
        return self.job(record, tuple(record.school.model.cost), tuple(fixed), record.hint(k))

    def job(self, record: SchoolRecord, cost: tuple[float, ...],
            fixed: tuple[tuple[int, float, float], ...],
            hint: tuple[float, ...] | None) -> SchoolJob:  # fmt: skip
        return SchoolJob(
            record.school.model, cost, fixed, self.wall_deadline, SCHOOL_GAP, hint,
            abs_gap=record.allowance, patience=record.patience,
        )  # fmt: skip

    def learn(self, s: int, answer: SchoolAnswer) -> None:
        """After school ``s`` ran out of patience: accept its gap, or give it more nodes.

        Its gap is accepted (its later solves stop at it) while the schools' accepted gaps
        stay within the budget; otherwise its next solve may take twice as many.
        """
        if not answer.capped:
            return
        record = self.records[s]
        gap = math.inf if answer.objective is None else answer.bound - answer.objective
        others = math.fsum(r.allowance for r in self.records if r is not record)
        if record.allowance < gap and others + gap <= self.budget:
            record.allowance = gap
        else:
            record.patience = min(2 * record.patience, MAX_PATIENCE)

    def spend_no_allowance(self) -> bool:
        """Take back every school's allowance, with twice the nodes; whether there was any.

        For when every chosen combination counts as known within the allowances and the
        gap is still open: then only exact schools can close it.
        """
        loose = [record for record in self.records if record.allowance > 0]
        for record in loose:
            record.allowance = 0.0
            record.patience = min(2 * record.patience, MAX_PATIENCE)
        return bool(loose)

    def update_incumbent(self) -> None:
        candidates = [[(k, known.value) for k, known in r.known.items()] for r in self.records]
        chosen, _ = choose_combinations(self.records, candidates, self.left())
        if chosen is None:
            return
        value = math.fsum(r.known[k].value for r, k in zip(self.records, chosen, strict=True))
        if value > self.value:
            self.value, self.chosen = value, chosen

    # -- the method -------------------------------------------------------------------------

    def solve(self) -> Outcome:
        self.prices()
        self.close()
        return self.outcome()

    def prices(self) -> None:
        """Stabilised cutting planes from the starting prices (see :func:`_start_prices`)."""
        import numpy as np  # noqa: PLC0415

        self.center_bound, self.center_values = self.evaluate(self.center)
        for _ in range(PRICE_ROUNDS):
            self.update_incumbent()
            self.report()
            if self.proven() or self.up():
                return
            step = next_prices(self.records, self.center, self.box, self.left())
            if step is None:
                return
            trial, model = step
            promised = self.center_bound - model
            if promised <= PRICE_CONVERGED * max(1.0, abs(self.center_bound)):
                return
            bound, values = self.evaluate(trial)
            if bound <= self.center_bound - SERIOUS_STEP * promised:
                if np.any(np.abs(trial - self.center) >= self.box * (1 - SERIOUS_STEP)):
                    self.box *= 2
                self.center, self.center_bound, self.center_values = trial, bound, values
            else:
                self.box /= 2

    def close(self) -> None:
        """The master over the combinations' bounds, until the incumbent is proven."""
        self.update_incumbent()  # the last price round's solutions count too
        while not self.proven() and not self.up() and self.close_step():
            pass

    def close_step(self) -> bool:
        """One master over the combinations' bounds; solve what it picks with them fixed.

        Returns whether it solved anything (``False``: it can do no more at these bounds).
        """
        import numpy as np  # noqa: PLC0415

        if not math.isfinite(self.center_bound):
            return False
        near = self.value + NEAR_TIE_SHARE * GAP_TOLERANCE * abs(self.value)
        candidates: list[list[tuple[int, float]]] = []
        dropped = -math.inf
        for record, share in zip(self.records, self.center_values, strict=True):
            upper = record.upper()
            forced = self.center_bound - share + (upper - record.charges(self.center))
            keep = forced > near
            if np.any(~keep):
                dropped = max(dropped, float(forced[~keep].max()))
            if not np.all(np.isfinite(upper[keep])):
                return False  # a school without a bound yet: no master bound either
            candidates.append([(int(k), float(upper[k])) for k in np.flatnonzero(keep)])
        if not all(candidates):
            # Some school has no combination that could beat the incumbent by enough.
            self.bound = min(self.bound, max(self.value, dropped))
            return False
        chosen, solved = choose_combinations(self.records, candidates, self.left())
        if chosen is None or not math.isfinite(solved.bound):
            return False
        self.bound = min(self.bound, max(solved.bound, dropped, self.value))
        picks = [(s, k) for s, k in enumerate(chosen) if not self.records[s].exact(k)]
        if self.proven() or not picks:
            return not self.proven() and self.spend_no_allowance()
        jobs = [self.fixed_job(self.records[s], k) for s, k in picks]
        for (s, k), answer in zip(picks, self.run(jobs), strict=True):
            self.records[s].absorb(answer, None, fixed=k)
            self.learn(s, answer)
        self.update_incumbent()
        self.report()
        return True

    def outcome(self) -> Outcome:
        n_instances = len(self.problem.instances)
        primary, backup = [NOBODY] * n_instances, [NOBODY] * n_instances
        for record, k in zip(self.records, self.chosen, strict=True):
            known = record.known[k]
            for t, p in known.primaries:
                primary[t] = p
            for t, p in known.backups:
                backup[t] = p
        objective = exact_objective(self.problem, primary, backup)
        self.value = objective
        self.report()
        bound = max(self.bound, objective) if math.isfinite(self.bound) else None
        gap = relative_gap(objective, bound)
        return Outcome(
            tuple(primary),
            tuple(backup),
            objective,
            bound,
            gap is not None and gap <= GAP_TOLERANCE,
            "optimal",
            stopped_early=self.up(),
        )
