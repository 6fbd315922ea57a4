"""One school of a group as a small MILP: its own instances plus the group's pooled ones.

The decomposition (:mod:`._decompose`) prices only what ties the schools together: one
primary group-wide on a pooled instance, a back-up only under a primary, one back-up
group-wide. What a school does with the pooled instances is its *combination*: per
pooled instance, whether its people take the primary, the back-up, both or neither.
A solve is a plain function of a picklable :class:`SchoolJob`, so that it runs on any
executor; it builds a fresh, single-threaded, silent HiGHS, which releases the GIL.
"""

from __future__ import annotations

import enum
import itertools
import math
import time
from collections.abc import Sequence
from typing import Any

import attrs

from ict_competence.allocation._numeric import OBJECTIVE_AGREEMENT
from ict_competence.allocation._optimal import Column, MilpModel, highs_module, to_highs
from ict_competence.allocation._problem import Problem

__all__ = [
    "Combination",
    "SchoolAnswer",
    "SchoolJob",
    "SchoolModel",
    "SchoolPart",
    "Takes",
    "build_school",
    "run_highs_once",
    "school_parts",
    "solve_school",
]


#: HiGHS' options for the heuristics that solve sub-MIPs, off when a start is given.
_SUB_MIP_HEURISTICS = (
    "mip_heuristic_run_rins",
    "mip_heuristic_run_rens",
    "mip_heuristic_run_root_reduced_cost",
)


class Takes(enum.IntFlag):
    """What a school's people take of one pooled instance."""

    NOTHING = 0
    PRIMARY = 1
    BACKUP = 2


#: Per pooled instance (in the order of the group's pooled instances), a :class:`Takes`.
Combination = tuple[int, ...]


@attrs.frozen
class SchoolPart:
    """One school's people and own instances (or the group-wide people, who have none).

    ``states`` lists, per pooled instance, what the school may take of it: a pin forces
    its state, and a slot nobody in the school may fill is never taken.
    """

    name: str
    people: tuple[int, ...]
    own: tuple[int, ...]
    states: tuple[tuple[int, ...], ...]

    def combinations(self) -> list[Combination]:
        """Every combination the school might take, in a fixed order."""
        return list(itertools.product(*self.states))

    def count(self) -> int:
        """How many combinations there are, without listing them."""
        return math.prod(len(states) for states in self.states)


def _states(problem: Problem, people: Sequence[int], g: int) -> tuple[int, ...]:
    members = set(people)
    pinned_primary, pinned_backup = problem.pinned_primary.get(g), problem.pinned_backup.get(g)
    if pinned_primary is not None:
        primary = [Takes.PRIMARY] if pinned_primary in members else [Takes.NOTHING]
    else:
        eligible = any(g in problem.primary_value[p] for p in people)
        primary = [Takes.NOTHING, Takes.PRIMARY] if eligible else [Takes.NOTHING]
    if pinned_backup is not None:
        backup = [Takes.BACKUP] if pinned_backup in members else [Takes.NOTHING]
    else:
        eligible = bool(problem.backup_candidates[g]) and any(
            g in problem.backup_value[p] and pinned_primary != p for p in people
        )
        backup = [Takes.NOTHING, Takes.BACKUP] if eligible else [Takes.NOTHING]
    return tuple(int(a | b) for a in primary for b in backup)


def school_parts(problem: Problem) -> tuple[tuple[int, ...], list[SchoolPart]]:
    """The group's pooled instances, and its parts: each school, then the group-wide people.

    A part without people is left out: nobody can take its instances.
    """
    pooled = tuple(t for t, instance in enumerate(problem.instances) if instance.school is None)
    own: dict[str | None, list[int]] = {}
    for t, instance in enumerate(problem.instances):
        if instance.school is not None:
            own.setdefault(instance.school, []).append(t)
    people: dict[str | None, list[int]] = {}
    for p, person in enumerate(problem.people):
        people.setdefault(person.school, []).append(p)
    names = [*problem.team.schools, *(s for s in people if s not in problem.team.schools)]
    parts = []
    for school in names:
        members = people.get(school, [])
        if members:
            states = tuple(_states(problem, members, g) for g in pooled)
            name = school if school is not None else "(group)"
            parts.append(SchoolPart(name, tuple(members), tuple(own.get(school, [])), states))
    return pooled, parts


@attrs.frozen
class SchoolModel:
    """A school's MILP, and where the pooled instances sit in it.

    Attributes:
        model: the columns and rows; costs are the unpriced values.
        primary_rows, backup_rows: per pooled instance, the row "at most one primary"
            ("one back-up") among the school's people, ``None`` when the school has no
            such column; fixing a combination sets these rows' bounds.
        priced: ``(column, pooled index, Takes)`` for every pooled column, whose cost the
            prices change.
    """

    model: MilpModel
    primary_rows: tuple[int | None, ...]
    backup_rows: tuple[int | None, ...]
    priced: tuple[tuple[int, int, int], ...]


class _SchoolBuilder:
    """The rows and columns of one school's MILP; rows are made on first use."""

    def __init__(self, problem: Problem, pooled: tuple[int, ...]) -> None:
        self.problem = problem
        self.model = MilpModel([], [], [], [], [], [], [])
        self.pooled = {g: i for i, g in enumerate(pooled)}
        self.primary_rows: list[int | None] = [None] * len(pooled)
        self.backup_rows: list[int | None] = [None] * len(pooled)
        self.rows: dict[tuple[int, int], int] = {}
        self.priced: list[tuple[int, int, int]] = []

    def row(self, upper: float, key: tuple[int, int] | None = None) -> int:
        if key is not None and key in self.rows:
            return self.rows[key]
        self.model.row_upper.append(upper)
        r = len(self.model.row_upper) - 1
        if key is not None:
            self.rows[key] = r
        return r

    def column(
        self, meaning: tuple[Column, int, int], cost: float, rows: list[tuple[int, float]], *,
        fixed: bool = False, integer: bool = True,
    ) -> int:  # fmt: skip
        model = self.model
        model.columns.append(meaning)
        model.cost.append(cost)
        model.lower.append(1.0 if fixed else 0.0)
        model.upper.append(1.0 if integer else math.inf)
        model.integer.append(integer)
        model.entries.append(rows)
        return len(model.columns) - 1

    def coupling(self, t: int, slot: Takes) -> list[tuple[int, float]]:
        """The rows a primary (back-up) column on ``t`` enters beyond the person's own."""
        problem, index = self.problem, self.pooled.get(t)
        if index is not None:
            # Pooled: at most one primary (back-up) among this school's people; whether
            # it sits under a primary elsewhere is the prices' and the master's business.
            rows = self.primary_rows if slot is Takes.PRIMARY else self.backup_rows
            row = rows[index]
            if row is None:
                row = rows[index] = self.row(1.0)
            return [(row, 1.0)]
        if slot is Takes.PRIMARY:
            if t in problem.pinned_primary:
                return []
            covered = [(self.row(0.0, (t, Takes.BACKUP)), -1.0)] if self.backable(t) else []
            return [(self.row(1.0, (t, Takes.PRIMARY)), 1.0), *covered]
        # With a pinned primary (no variable) the row has room for one back-up already.
        upper = 1.0 if t in problem.pinned_primary else 0.0
        return [(self.row(upper, (t, Takes.BACKUP)), 1.0)]

    def backable(self, t: int) -> bool:
        problem = self.problem
        return bool(problem.backup_candidates[t]) and t not in problem.pinned_backup

    def person(self, p: int, instances: set[int]) -> None:
        problem = self.problem
        kinks = problem.kinks[p]
        load_rows = [self.row(problem.capacity[p]), *(self.row(k) for k, _ in kinks)]
        primaries: dict[int, int] = {}
        for t, value in problem.primary_value[p].items():
            pinned = problem.pinned_primary.get(t)
            if t not in instances or (pinned is not None and pinned != p):
                continue
            rows = [(r, problem.hours[t]) for r in load_rows] + self.coupling(t, Takes.PRIMARY)
            column = self.column((Column.PRIMARY, p, t), value, rows, fixed=pinned == p)
            primaries[t] = column
            self.price(column, t, Takes.PRIMARY)
        for t, value in problem.backup_value[p].items():
            pinned = problem.pinned_backup.get(t)
            if t not in instances or problem.pinned_primary.get(t) == p:
                continue
            if pinned != p and (pinned is not None or not self.backable(t)):
                continue
            rows = [(r, problem.backup_hours[t]) for r in load_rows]
            if pinned != p:  # a pinned back-up is fixed: no row needs to hold it
                rows += self.coupling(t, Takes.BACKUP)
            if t in primaries:
                pair = self.row(1.0)
                rows.append((pair, 1.0))
                self.model.entries[primaries[t]].append((pair, 1.0))
            column = self.column((Column.BACKUP, p, t), value, rows, fixed=pinned == p)
            self.price(column, t, Takes.BACKUP)
        for k, (_, per_hour) in enumerate(kinks):
            self.column(
                (Column.OVERLOAD, p, k), -per_hour, [(load_rows[1 + k], -1.0)], integer=False
            )

    def price(self, column: int, t: int, slot: Takes) -> None:
        index = self.pooled.get(t)
        if index is not None:
            self.priced.append((column, index, int(slot)))


def build_school(problem: Problem, pooled: tuple[int, ...], part: SchoolPart) -> SchoolModel:
    """The MILP of one school: its people, its own instances and the pooled ones."""
    builder = _SchoolBuilder(problem, pooled)
    instances = {*part.own, *pooled}
    for p in part.people:
        builder.person(p, instances)
    return SchoolModel(
        builder.model,
        tuple(builder.primary_rows),
        tuple(builder.backup_rows),
        tuple(builder.priced),
    )


@attrs.frozen
class SchoolJob:
    """One solve of a school's MILP: its costs, the rows to fix, and how long it may take."""

    model: MilpModel
    cost: tuple[float, ...]
    #: ``(row, lower, upper)``: the pooled rows of a fixed combination.
    fixed_rows: tuple[tuple[int, float, float], ...]
    #: When to stop, in seconds since the epoch (``time.time``), so that it means the same
    #: on any worker; ``None``: no limit. Jobs wait in a queue, so a duration would not do.
    deadline: float | None
    gap: float
    #: A feasible solution to start from (column values), or ``None``.
    hint: tuple[float, ...] | None = None
    #: Stop once the gap is this small in absolute terms, too (0: only ``gap`` counts).
    abs_gap: float = 0.0
    #: Branch-and-bound nodes this solve may take (``None``: as many as it needs). A count,
    #: not seconds, so that the answer does not depend on how busy the machine is.
    patience: int | None = None


@attrs.frozen
class SchoolAnswer:
    """What a solve found: the columns at one, their value and HiGHS' bound on it.

    ``objective`` is recomputed from the solution (``None`` without one); ``bound`` is
    minus infinity when the model is infeasible and plus infinity when unknown.
    """

    chosen: tuple[int, ...]
    objective: float | None
    bound: float
    optimal: bool
    #: The chosen columns of the other solutions HiGHS found on its way (improving ones).
    others: tuple[tuple[int, ...], ...] = ()
    #: Stopped by the job's patience (its nodes) before its gap was reached.
    capped: bool = False


def run_highs_once(
    highspy: Any,  # noqa: ANN401 - highspy has no type information
    lp: Any,  # noqa: ANN401
    options: dict[str, Any],
    start: Sequence[float] | None = None,
) -> Any:  # noqa: ANN401
    """A fresh, silent HiGHS with ``options`` run on ``lp`` (from ``start``), single-threaded.

    One thread per solve: the schools themselves run side by side. HiGHS refuses that in
    a thread whose scheduler an earlier solve started with more threads (its status then
    stays unset); there it runs once more with the threads it has.
    """
    for threads in (1, None):
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        if threads is not None:
            h.setOptionValue("threads", threads)
        for name, value in options.items():
            h.setOptionValue(name, value)
        h.passModel(lp)
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = list(start)
            solution.value_valid = True
            h.setSolution(solution)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kNotset:
            break
    return h


def _run(highspy: Any, job: SchoolJob, hint: bool) -> tuple[Any, list[float] | None]:  # noqa: ANN401
    # The solutions found on the way are more cuts for the prices and more parts for the
    # incumbent, at no cost.
    options: dict[str, Any] = {"mip_rel_gap": job.gap, "mip_improving_solution_save": True}
    if hint and job.hint is not None:
        # With a good solution to start from, HiGHS' sub-MIP heuristics cost more than
        # they find: half the time of a school's solve, measured on the benchmark.
        options.update(dict.fromkeys(_SUB_MIP_HEURISTICS, False))
    if job.deadline is not None:
        options["time_limit"] = max(job.deadline - time.time(), 1e-3)
    if job.patience is not None:
        options["mip_max_nodes"] = job.patience
    if job.abs_gap > 0:
        options["mip_abs_gap"] = job.abs_gap
    lp = to_highs(highspy, attrs.evolve(job.model, cost=list(job.cost)))
    for row, lower, upper in job.fixed_rows:
        lp.row_lower_[row], lp.row_upper_[row] = lower, upper
    h = run_highs_once(highspy, lp, options, job.hint if hint else None)
    solution = h.getSolution()
    return h, (list(solution.col_value) if solution.value_valid else None)


def _attempt(highspy: Any, job: SchoolJob, hint: bool) -> tuple[SchoolAnswer, bool]:  # noqa: ANN401
    """One solve, and whether HiGHS' objective agrees with its solution."""
    h, values = _run(highspy, job, hint)
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return SchoolAnswer((), None, -math.inf, True), True
    bound = float(h.getInfo().mip_dual_bound)
    bound = bound if math.isfinite(bound) else math.inf
    optimal = status == highspy.HighsModelStatus.kOptimal
    # HiGHS' node limit is the only solution limit a job sets.
    capped = status == highspy.HighsModelStatus.kSolutionLimit
    if values is None:
        return SchoolAnswer((), None, bound, optimal, capped=capped), True
    objective = math.fsum(c * v for c, v in zip(job.cost, values, strict=True))
    if capped and bound - objective <= max(job.abs_gap, job.gap * max(1.0, abs(bound))):
        # The node limit fell on the node that reached the gap: as good as proven.
        optimal, capped = True, False
    reported = float(h.getInfo().objective_function_value)
    agrees = abs(objective - reported) <= OBJECTIVE_AGREEMENT * max(1.0, abs(objective))
    others = {_chosen(job.model, saved.col_value) for saved in h.getSavedMipSolutions()}
    chosen = _chosen(job.model, values)
    others.discard(chosen)
    answer = SchoolAnswer(
        chosen, objective, max(bound, objective), optimal, tuple(sorted(others)), capped
    )
    return answer, agrees


def _chosen(model: MilpModel, values: Sequence[float]) -> tuple[int, ...]:
    """The binary columns at one in ``values``."""
    return tuple(
        j
        for j, (kind, _, _) in enumerate(model.columns)
        if kind is not Column.OVERLOAD and values[j] > 0.5  # binary, give or take HiGHS
    )


def solve_school(job: SchoolJob) -> SchoolAnswer:
    """Solve one school's MILP (on whatever thread or process runs it).

    HiGHS' reported objective is checked against the solution it returns (a mismatch
    was seen with a start solution after changed costs): on a mismatch it solves once
    more, without the start; the value recomputed from the solution counts either way.
    """
    if not job.model.columns:
        return SchoolAnswer((), 0.0, 0.0, True)
    if job.deadline is not None and time.time() >= job.deadline:
        return SchoolAnswer((), None, math.inf, False)
    highspy = highs_module()
    answer, agrees = _attempt(highspy, job, hint=True)
    if not agrees:
        answer, _ = _attempt(highspy, job, hint=False)
    return answer
