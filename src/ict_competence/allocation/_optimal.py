"""The exact solver: the allocation as a MILP for HiGHS (the optional extra ``[optimal]``).

highspy (and numpy, which it brings) is imported inside the functions, so that
``import ict_competence`` neither needs it nor pays for it.
"""

from __future__ import annotations

import contextlib
import enum
import math
import os
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

import attrs

from ict_competence.allocation._lagrange import hopeless
from ict_competence.allocation._numeric import EPS, GAP_TOLERANCE
from ict_competence.allocation._outcome import (
    NOBODY,
    Outcome,
    Slot,
    exact_objective,
    loads,
    relative_gap,
)
from ict_competence.allocation._problem import Problem
from ict_competence.errors import IctCompetenceError

__all__ = [
    "Column",
    "MilpModel",
    "build_model",
    "coupling_rows",
    "highs_module",
    "read_solution",
    "run_highs",
    "solve_optimal",
    "to_highs",
]

#: A choice left out of the MILP: (slot, person, instance).
Choice = tuple[Slot, int, int]


class Column(enum.IntEnum):
    """What a MILP column stands for."""

    #: x[p, t]: person p is the primary of instance t.
    PRIMARY = 0
    #: y[p, t]: person p is the back-up of instance t.
    BACKUP = 1
    #: o[p, k]: person p's hours above their k-th load threshold (continuous).
    OVERLOAD = 2


@attrs.define
class MilpModel:
    """A MILP in column form with what each column means."""

    columns: list[tuple[Column, int, int]]  # (kind, person, instance or load threshold)
    cost: list[float]
    lower: list[float]
    upper: list[float]
    integer: list[bool]
    entries: list[list[tuple[int, float]]]  # per column: (row, coefficient)
    row_upper: list[float]


class _Builder:
    """Collects columns and rows of the MILP, column by column."""

    def __init__(self) -> None:
        self.model = MilpModel([], [], [], [], [], [], [])

    def row(self, upper: float) -> int:
        self.model.row_upper.append(upper)
        return len(self.model.row_upper) - 1

    def column(
        self,
        meaning: tuple[Column, int, int],
        cost: float,
        rows: list[tuple[int, float]],
        *,
        fixed: bool = False,
        integer: bool = True,
    ) -> int:
        model = self.model
        model.columns.append(meaning)
        model.cost.append(cost)
        model.lower.append(1.0 if fixed else 0.0)
        model.upper.append(1.0 if integer else float("inf"))
        model.integer.append(integer)
        model.entries.append(rows)
        return len(model.columns) - 1


def build_model(
    problem: Problem,
    leave_out: AbstractSet[Choice] = frozenset(),
) -> MilpModel:
    """The textbook formulation: binary primaries x[p,t] and back-ups y[p,t], maximised.

    Rows: at most one primary per instance; back-ups no more than primaries (so at most
    one, and only where a primary is); nobody is both on one instance; each person's
    hours; and for load terms, overload variables above each threshold. Pins fix their
    variables at 1. Choices ``(slot, person, instance)`` in ``leave_out`` are left out.
    """
    formulation = _Formulation(problem, leave_out)
    for p in range(len(problem.people)):
        formulation.person(p)
    return formulation.build.model


def coupling_rows(problem: Problem) -> tuple[MilpModel, dict[int, int], dict[int, int]]:
    """The whole model (as :func:`build_model`), and per instance its coupling rows.

    The rows: "at most one primary" and "back-ups no more than primaries", by instance
    number, for the instances that have them.
    """
    formulation = _Formulation(problem, frozenset())
    for p in range(len(problem.people)):
        formulation.person(p)
    return formulation.build.model, formulation.one_primary, formulation.backs_covered


class _Formulation:
    """The rows and columns of :func:`build_model`, person by person; rows made on first use."""

    def __init__(
        self,
        problem: Problem,
        leave_out: AbstractSet[Choice],
    ) -> None:
        self.problem = problem
        self.leave_out = leave_out
        self.build = _Builder()
        self.backable = [
            bool(problem.backup_candidates[t]) and t not in problem.pinned_backup
            for t in range(len(problem.instances))
        ]
        self.one_primary: dict[int, int] = {}
        self.backs_covered: dict[int, int] = {}

    def one_primary_row(self, t: int) -> int:
        if t not in self.one_primary:
            self.one_primary[t] = self.build.row(1.0)
        return self.one_primary[t]

    def backs_covered_row(self, t: int) -> int:
        # With a pinned primary (no variable) the row has room for one back-up already.
        if t not in self.backs_covered:
            self.backs_covered[t] = self.build.row(1.0 if t in self.problem.pinned_primary else 0.0)
        return self.backs_covered[t]

    def person(self, p: int) -> None:
        problem, build = self.problem, self.build
        kinks = problem.kinks[p]
        load_rows = [
            build.row(problem.capacity[p]),
            *(build.row(threshold) for threshold, _ in kinks),
        ]
        primaries = self.primaries(p, load_rows)
        self.backups(p, load_rows, primaries)
        for k, (_, per_hour) in enumerate(kinks):
            build.column(
                (Column.OVERLOAD, p, k), -per_hour, [(load_rows[1 + k], -1.0)], integer=False
            )

    def primaries(self, p: int, load_rows: list[int]) -> dict[int, int]:
        problem = self.problem
        primaries: dict[int, int] = {}
        for t, value in problem.primary_value[p].items():
            pinned = problem.pinned_primary.get(t)
            if pinned is not None:
                if pinned == p:
                    rows = [(r, problem.hours[t]) for r in load_rows]
                    primaries[t] = self.build.column(
                        (Column.PRIMARY, p, t), value, rows, fixed=True
                    )
                continue
            if (Slot.PRIMARY, p, t) in self.leave_out:
                continue
            rows = [(r, problem.hours[t]) for r in load_rows]
            rows.append((self.one_primary_row(t), 1.0))
            if self.backable[t]:
                rows.append((self.backs_covered_row(t), -1.0))
            primaries[t] = self.build.column((Column.PRIMARY, p, t), value, rows)
        return primaries

    def backups(self, p: int, load_rows: list[int], primaries: dict[int, int]) -> None:
        problem, build = self.problem, self.build
        for t, value in problem.backup_value[p].items():
            rows = [(r, problem.backup_hours[t]) for r in load_rows]
            if problem.pinned_backup.get(t) == p:
                build.column((Column.BACKUP, p, t), value, rows, fixed=True)
                continue
            if (
                not self.backable[t]
                or problem.pinned_primary.get(t) == p
                or (Slot.BACKUP, p, t) in self.leave_out
            ):
                continue
            rows.append((self.backs_covered_row(t), 1.0))
            if t in primaries:
                pair = build.row(1.0)
                rows.append((pair, 1.0))
                build.model.entries[primaries[t]].append((pair, 1.0))
            build.column((Column.BACKUP, p, t), value, rows)


def highs_module() -> Any:  # noqa: ANN401 - highspy has no type information
    """highspy, or an error that says how to install it; its banner silenced.

    HiGHS prints a banner to the process's standard output from C++ the first time a
    solver is made, before any option can turn output off. A library must print nothing,
    so that first solver is made here, once, with file descriptor 1 pointed at the null
    device; later solvers print nothing with ``output_flag`` off.
    """
    try:
        import highspy  # noqa: PLC0415 - optional and slow to import: only when asked for
    except ImportError:  # pragma: no cover - the test environment has the extra installed
        raise IctCompetenceError(
            "solver='optimal' needs the optional extra: pip install 'ict_competence[optimal]'"
        ) from None
    module: Any = highspy
    # Threads of the decomposition may ask at once: one of them makes the first solver.
    with _FIRST_SOLVER:
        if not _BANNER_SILENCED.is_set():
            with _quiet_stdout():
                module.Highs()
            _BANNER_SILENCED.set()
    return module


_FIRST_SOLVER = threading.Lock()
#: Set once the first solver of this process has been made (and its banner silenced).
_BANNER_SILENCED = threading.Event()


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Point file descriptor 1 at the null device for the duration (C-level output too)."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:  # noqa: PTH123 - a raw descriptor is needed
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def sparse_lp(
    highspy: Any,  # noqa: ANN401 - highspy has no type information
    *,
    maximize: bool,
    columns: tuple[Sequence[float], Sequence[float], Sequence[float]],
    rows: tuple[Sequence[float], Sequence[float]],
    vectors: Sequence[Sequence[tuple[int, float]]],
    by_rows: bool,
    integer: Sequence[bool],
) -> Any:  # noqa: ANN401
    """A ``HighsLp`` from plain lists: the one place the library fills one.

    Args:
        highspy: the module (see :func:`highs_module`).
        maximize: the objective's sense.
        columns: per column its cost, lower and upper bound.
        rows: per row its lower and upper bound.
        vectors: the matrix, per row (``by_rows``) or per column: ``(index, coefficient)``.
        by_rows: whether ``vectors`` holds rows (else columns).
        integer: per column whether it is whole; all continuous when none is.
    """
    import numpy as np  # noqa: PLC0415 - comes with highspy

    cost, lower, upper = columns
    row_lower, row_upper = rows
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(cost), len(row_upper)
    lp.sense_ = highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
    lp.col_cost_ = np.array(cost, dtype=np.float64)
    lp.col_lower_ = np.array(lower, dtype=np.float64)
    lp.col_upper_ = np.array(upper, dtype=np.float64)
    lp.row_lower_ = np.array(row_lower, dtype=np.float64)
    lp.row_upper_ = np.array(row_upper, dtype=np.float64)
    starts, index, value = [0], [], []
    for vector in vectors:
        for position, coefficient in vector:
            index.append(position)
            value.append(coefficient)
        starts.append(len(index))
    matrix = highspy.MatrixFormat
    lp.a_matrix_.format_ = matrix.kRowwise if by_rows else matrix.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
    if any(integer):
        kinds = highspy.HighsVarType
        lp.integrality_ = [kinds.kInteger if whole else kinds.kContinuous for whole in integer]
    return lp


def to_highs(highspy: Any, model: MilpModel) -> Any:  # noqa: ANN401
    """The model as a ``HighsLp``, maximised."""
    return sparse_lp(
        highspy,
        maximize=True,
        columns=(model.cost, model.lower, model.upper),
        rows=([-math.inf] * len(model.row_upper), model.row_upper),
        vectors=model.entries,
        by_rows=False,
        integer=model.integer,
    )


def _warm_values(problem: Problem, model: MilpModel, warm: Outcome) -> list[float]:
    load = loads(problem, warm.primary, warm.backup)
    values = []
    for kind, p, t in model.columns:
        if kind is Column.PRIMARY:
            values.append(1.0 if warm.primary[t] == p else 0.0)
        elif kind is Column.BACKUP:
            values.append(1.0 if warm.backup[t] == p else 0.0)
        else:
            values.append(max(0.0, load[p] - problem.kinks[p][t][0]))
    return values


def _chosen(problem: Problem, model: MilpModel, values: Any) -> tuple[list[int], list[int]]:  # noqa: ANN401
    n_instances = len(problem.instances)
    primary, backup = [NOBODY] * n_instances, [NOBODY] * n_instances
    for (kind, p, t), value in zip(model.columns, values, strict=True):
        if value > 0.5:  # a binary column at 1, give or take HiGHS' integrality tolerance
            if kind is Column.PRIMARY:
                primary[t] = p
            elif kind is Column.BACKUP:
                backup[t] = p
    return primary, backup


def _feasible(problem: Problem, primary: list[int], backup: list[int]) -> bool:
    for t, p in enumerate(backup):
        if p != NOBODY and (primary[t] == NOBODY or primary[t] == p):
            return False
    load = loads(problem, primary, backup)
    return all(load[p] <= problem.capacity[p] + EPS for p in range(len(load)))


def read_solution(
    problem: Problem,
    model: MilpModel,
    highs: Any,  # noqa: ANN401
) -> tuple[Outcome | None, float | None]:
    """The allocation HiGHS found (``None`` if none, or not feasible), and its dual bound."""
    solution = highs.getSolution()
    outcome = None
    if solution.value_valid:
        primary, backup = _chosen(problem, model, solution.col_value)
        if _feasible(problem, primary, backup):
            objective = exact_objective(problem, primary, backup)
            outcome = Outcome(tuple(primary), tuple(backup), objective, None, False, "optimal")
    bound = float(highs.getInfo().mip_dual_bound)
    return outcome, (bound if math.isfinite(bound) else None)


def run_highs(
    problem: Problem, warm: Outcome, time_limit: float | None = None
) -> tuple[Outcome | None, float | None, float]:
    """Solve the MILP with HiGHS, starting from ``warm``, within ``time_limit`` seconds.

    The MILP leaves out the choices the heuristic's bound shows cannot beat ``warm``; its
    bound then holds for the allocations that beat ``warm``, which is all an optimum needs.

    Returns:
        The solution HiGHS found (``None`` if none), its dual bound, and the seconds spent.
    """
    started = time.monotonic()
    highspy = highs_module()
    # At most a fifth of the time: the rest is the MILP's.
    leave_out = hopeless(problem, warm, None if time_limit is None else time_limit / 5)
    model = build_model(problem, leave_out)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if not model.columns:
        return None, 0.0, time.monotonic() - started
    h.passModel(to_highs(highspy, model))
    solution = highspy.HighsSolution()
    solution.col_value = _warm_values(problem, model, warm)
    solution.value_valid = True
    h.setSolution(solution)
    if time_limit is None:
        h.run()
    else:
        remaining = max(0.0, time_limit - (time.monotonic() - started))
        # HiGHS checks its own limit only now and then: ask it to stop early, and
        # interrupt it ourselves at the limit if it has not.
        h.setOptionValue("time_limit", max(0.001, 0.9 * remaining))
        h.HandleUserInterrupt = True
        h.startSolve()
        finished, _ = h.wait(remaining)
        if not finished:
            h.cancelSolve()
            h.wait()
    outcome, bound = read_solution(problem, model, h)
    return outcome, bound, time.monotonic() - started


def solve_optimal(problem: Problem, warm: Outcome, time_limit: float | None = None) -> Outcome:
    """Improve and prove ``warm`` (the heuristic's outcome) with HiGHS, within ``time_limit``."""
    found, bound, _ = run_highs(problem, warm, time_limit)
    best = warm if found is None or found.objective <= warm.objective else found
    bounds = [b for b in (warm.bound, bound) if b is not None]
    final = min(bounds) if bounds else None
    if final is not None and final < best.objective:
        final = best.objective
    gap = relative_gap(best.objective, final)
    return Outcome(
        best.primary,
        best.backup,
        best.objective,
        final,
        gap is not None and gap <= GAP_TOLERANCE,
        "optimal",
    )
