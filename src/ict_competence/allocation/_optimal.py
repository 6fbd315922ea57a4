"""The exact solver: the allocation as a MILP for HiGHS (the optional extra ``[optimal]``).

highspy (and numpy, which it brings) is imported inside the functions, so that
``import ict_competence`` neither needs it nor pays for it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Set as AbstractSet
from typing import Any

import attrs

from ict_competence.allocation._heuristic import Outcome, exact_objective, hopeless
from ict_competence.allocation._problem import EPS, Problem
from ict_competence.errors import IctCompetenceError

__all__ = ["GAP_TOLERANCE", "build_model", "solve_optimal"]

#: The relative gap under which an allocation counts as proven optimal (HiGHS' default).
GAP_TOLERANCE = 1e-4


@attrs.define
class _Model:
    """A MILP in column form with what each column means."""

    columns: list[tuple[int, int, int]]  # (kind 0 primary / 1 back-up / 2 overload, p, t|k)
    cost: list[float]
    lower: list[float]
    upper: list[float]
    integer: list[bool]
    entries: list[list[tuple[int, float]]]  # per column: (row, coefficient)
    row_upper: list[float]


class _Builder:
    """Collects columns and rows of the MILP, column by column."""

    def __init__(self) -> None:
        self.model = _Model([], [], [], [], [], [], [])

    def row(self, upper: float) -> int:
        self.model.row_upper.append(upper)
        return len(self.model.row_upper) - 1

    def column(
        self,
        meaning: tuple[int, int, int],
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
    leave_out: set[tuple[int, int, int]] | frozenset[tuple[int, int, int]] = frozenset(),
) -> _Model:
    """The textbook formulation: binary primaries x[p,t] and back-ups y[p,t], maximised.

    Rows: at most one primary per instance; back-ups no more than primaries (so at most
    one, and only where a primary is); nobody is both on one instance; each person's
    hours; and for load terms, overload variables above each threshold. Pins fix their
    variables at 1. Columns ``(kind, person, instance)`` in ``leave_out`` are left out.
    """
    formulation = _Formulation(problem, leave_out)
    for p in range(len(problem.people)):
        formulation.person(p)
    return formulation.build.model


class _Formulation:
    """The rows and columns of :func:`build_model`, person by person; rows made on first use."""

    def __init__(
        self,
        problem: Problem,
        leave_out: AbstractSet[tuple[int, int, int]],
    ) -> None:
        self.pr = problem
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
            self.backs_covered[t] = self.build.row(1.0 if t in self.pr.pinned_primary else 0.0)
        return self.backs_covered[t]

    def person(self, p: int) -> None:
        pr, build = self.pr, self.build
        kinks = pr.kinks[p]
        loads = [build.row(pr.capacity[p]), *(build.row(threshold) for threshold, _ in kinks)]
        primaries = self.primaries(p, loads)
        self.backups(p, loads, primaries)
        for k, (_, per_hour) in enumerate(kinks):
            build.column((2, p, k), -per_hour, [(loads[1 + k], -1.0)], integer=False)

    def primaries(self, p: int, loads: list[int]) -> dict[int, int]:
        pr = self.pr
        primaries: dict[int, int] = {}
        for t, value in pr.primary_value[p].items():
            pinned = pr.pinned_primary.get(t)
            if pinned is not None:
                if pinned == p:
                    rows = [(r, pr.hours[t]) for r in loads]
                    primaries[t] = self.build.column((0, p, t), value, rows, fixed=True)
                continue
            if (0, p, t) in self.leave_out:
                continue
            rows = [(r, pr.hours[t]) for r in loads]
            rows.append((self.one_primary_row(t), 1.0))
            if self.backable[t]:
                rows.append((self.backs_covered_row(t), -1.0))
            primaries[t] = self.build.column((0, p, t), value, rows)
        return primaries

    def backups(self, p: int, loads: list[int], primaries: dict[int, int]) -> None:
        pr, build = self.pr, self.build
        for t, value in pr.backup_value[p].items():
            rows = [(r, pr.backup_hours[t]) for r in loads]
            if pr.pinned_backup.get(t) == p:
                build.column((1, p, t), value, rows, fixed=True)
                continue
            if not self.backable[t] or pr.pinned_primary.get(t) == p or (1, p, t) in self.leave_out:
                continue
            rows.append((self.backs_covered_row(t), 1.0))
            if t in primaries:
                pair = build.row(1.0)
                rows.append((pair, 1.0))
                build.model.entries[primaries[t]].append((pair, 1.0))
            build.column((1, p, t), value, rows)


def _highs() -> Any:  # noqa: ANN401 - highspy has no type information
    try:
        import highspy  # noqa: PLC0415 - optional and slow to import: only when asked for
    except ImportError:  # pragma: no cover - the test environment has the extra installed
        raise IctCompetenceError(
            "solver='optimal' needs the optional extra: pip install 'ict_competence[optimal]'"
        ) from None
    return highspy


def _load(highspy: Any, model: _Model) -> Any:  # noqa: ANN401
    import numpy as np  # noqa: PLC0415 - comes with highspy

    lp = highspy.HighsLp()
    n_cols, n_rows = len(model.columns), len(model.row_upper)
    lp.num_col_ = n_cols
    lp.num_row_ = n_rows
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.array(model.cost, dtype=np.float64)
    lp.col_lower_ = np.array(model.lower, dtype=np.float64)
    lp.col_upper_ = np.array(model.upper, dtype=np.float64)
    lp.row_lower_ = np.full(n_rows, -np.inf)
    lp.row_upper_ = np.array(model.row_upper, dtype=np.float64)
    starts = [0]
    index: list[int] = []
    value: list[float] = []
    for rows in model.entries:
        for r, coefficient in rows:
            index.append(r)
            value.append(coefficient)
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
    lp.integrality_ = [
        highspy.HighsVarType.kInteger if whole else highspy.HighsVarType.kContinuous
        for whole in model.integer
    ]
    return lp


def _warm_values(problem: Problem, model: _Model, warm: Outcome) -> list[float]:
    load = [0.0] * len(problem.people)
    for t, p in enumerate(warm.primary):
        if p >= 0:
            load[p] += problem.hours[t]
    for t, p in enumerate(warm.backup):
        if p >= 0:
            load[p] += problem.backup_hours[t]
    values = []
    for kind, p, t in model.columns:
        if kind == 0:
            values.append(1.0 if warm.primary[t] == p else 0.0)
        elif kind == 1:
            values.append(1.0 if warm.backup[t] == p else 0.0)
        else:
            values.append(max(0.0, load[p] - problem.kinks[p][t][0]))
    return values


def _read(problem: Problem, model: _Model, values: Any) -> tuple[list[int], list[int]]:  # noqa: ANN401
    n_instances = len(problem.instances)
    primary, backup = [-1] * n_instances, [-1] * n_instances
    for (kind, p, t), value in zip(model.columns, values, strict=True):
        if value > 0.5:
            if kind == 0:
                primary[t] = p
            elif kind == 1:
                backup[t] = p
    return primary, backup


def _feasible(problem: Problem, primary: list[int], backup: list[int]) -> bool:
    load = [0.0] * len(problem.people)
    for t, p in enumerate(primary):
        if p >= 0:
            load[p] += problem.hours[t]
    for t, p in enumerate(backup):
        if p >= 0:
            if primary[t] < 0 or primary[t] == p:
                return False
            load[p] += problem.backup_hours[t]
    return all(load[p] <= problem.capacity[p] + EPS for p in range(len(load)))


def run_highs(
    problem: Problem,
    *,
    warm: Outcome | None = None,
    time_limit: float | None = None,
    plain: bool = False,
) -> tuple[Outcome | None, float | None, float]:
    """Solve the MILP with HiGHS; ``plain`` runs it as a textbook baseline.

    Otherwise the MILP starts from ``warm`` and leaves out the choices the heuristic's
    bound shows cannot beat it; its bound then holds for the allocations that beat
    ``warm``, which is all an optimum needs.

    Returns:
        The solution HiGHS found (``None`` if none), its dual bound, and the seconds spent.
    """
    started = time.monotonic()
    highspy = _highs()
    leave_out: set[tuple[int, int, int]] = set()
    if warm is not None and not plain:
        # At most a fifth of the time: the rest is the MILP's.
        leave_out = hopeless(problem, warm, None if time_limit is None else time_limit / 5)
    model = build_model(problem, leave_out)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if not model.columns:
        return None, 0.0, time.monotonic() - started
    h.passModel(_load(highspy, model))
    if warm is not None and not plain:
        solution = highspy.HighsSolution()
        solution.col_value = _warm_values(problem, model, warm)
        solution.value_valid = True
        h.setSolution(solution)
    if time_limit is None:
        h.run()
    elif plain:
        # The baseline: HiGHS as anyone would run it, with its own time limit only.
        h.setOptionValue("time_limit", max(0.001, time_limit - (time.monotonic() - started)))
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
    info = h.getInfo()
    solution = h.getSolution()
    outcome = None
    if solution.value_valid:
        primary, backup = _read(problem, model, solution.col_value)
        if _feasible(problem, primary, backup):
            objective = exact_objective(problem, primary, backup)
            outcome = Outcome(tuple(primary), tuple(backup), objective, None, False, "optimal")
    bound = float(info.mip_dual_bound)
    return outcome, (bound if math.isfinite(bound) else None), time.monotonic() - started


def solve_optimal(problem: Problem, warm: Outcome, time_limit: float | None = None) -> Outcome:
    """Improve and prove ``warm`` (the heuristic's outcome) with HiGHS, within ``time_limit``."""
    found, bound, _ = run_highs(problem, warm=warm, time_limit=time_limit)
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


def relative_gap(objective: float, bound: float | None) -> float | None:
    """``(bound - objective) / |bound|``: the share the optimum may still lie above."""
    if bound is None:
        return None
    if bound == objective:
        return 0.0
    return (bound - objective) / max(abs(bound), 1e-9)
