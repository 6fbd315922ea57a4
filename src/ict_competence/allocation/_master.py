"""The decomposition's small programs over the schools: new prices, and one combination each.

:func:`next_prices` is one step of a stabilised cutting-plane method: the schools'
solutions seen so far give each school's priced value from below, as a function of the
prices; the lowest total within a box around the best prices is where to price next.
:func:`choose_combinations` picks one combination per school so that the pooled
instances are consistent: over known solutions it gives the incumbent, over the
combinations' upper bounds a bound on the optimum (the master).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import attrs

from ict_competence.allocation._numeric import SCHOOL_GAP
from ict_competence.allocation._optimal import coupling_rows, highs_module, sparse_lp, to_highs
from ict_competence.allocation._problem import Problem
from ict_competence.allocation._school_bounds import SchoolRecord, price_layout
from ict_competence.allocation._school_mip import run_highs_once

__all__ = [
    "Program",
    "Solved",
    "choose_combinations",
    "coupling_prices",
    "next_prices",
    "solve_program",
]


@attrs.define
class Program:
    """A small LP or MILP in row form: per row, ``(column, coefficient)`` entries."""

    cost: list[float] = attrs.Factory(list)
    lower: list[float] = attrs.Factory(list)
    upper: list[float] = attrs.Factory(list)
    integer: list[bool] = attrs.Factory(list)
    rows: list[list[tuple[int, float]]] = attrs.Factory(list)
    row_lower: list[float] = attrs.Factory(list)
    row_upper: list[float] = attrs.Factory(list)

    def column(self, cost: float, lower: float, upper: float, *, integer: bool = False) -> int:
        """Add a column; its number."""
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.cost) - 1

    def row(self, entries: list[tuple[int, float]], lower: float, upper: float) -> None:
        """Add a row ``lower <= entries · x <= upper``."""
        self.rows.append(entries)
        self.row_lower.append(lower)
        self.row_upper.append(upper)


@attrs.frozen
class Solved:
    """A program's solution (``None`` if none), its value and HiGHS' bound on it."""

    values: list[float] | None
    objective: float
    bound: float


def _lp(highspy: Any, program: Program, maximize: bool) -> Any:  # noqa: ANN401
    return sparse_lp(
        highspy,
        maximize=maximize,
        columns=(program.cost, program.lower, program.upper),
        rows=(program.row_lower, program.row_upper),
        vectors=program.rows,
        by_rows=True,
        integer=program.integer,
    )


def solve_program(program: Program, *, maximize: bool, time_limit: float | None) -> Solved:
    """Solve ``program`` with a silent, single-threaded HiGHS.

    The value is recomputed from the solution; the bound is HiGHS' dual bound for a
    MILP (its objective for an LP), infinite in the direction of no information.
    """
    highspy = highs_module()
    options: dict[str, Any] = {"mip_rel_gap": SCHOOL_GAP}
    if time_limit is not None:
        options["time_limit"] = max(time_limit, 1e-3)
    h = run_highs_once(highspy, _lp(highspy, program, maximize), options)
    none = -math.inf if maximize else math.inf
    if h.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
        return Solved(None, none, -none)
    solution = h.getSolution()
    values = list(solution.col_value) if solution.value_valid else None
    objective = (
        math.fsum(c * v for c, v in zip(program.cost, values, strict=True))
        if values is not None
        else none
    )
    info = h.getInfo()
    if any(program.integer):
        bound = float(info.mip_dual_bound)
        bound = bound if math.isfinite(bound) else -none
    else:
        optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        bound = objective if optimal else -none
    return Solved(values, objective, bound)


def coupling_prices(
    problem: Problem, instances: Sequence[int], time_limit: float | None = None
) -> tuple[list[float], list[float], float] | None:
    """Prices on ``instances``' rows from the whole model's LP relaxation (its row duals).

    Per instance, the dual of "at most one primary" and of "back-ups no more than
    primaries" (zero where the row is absent). At these prices the schools' MILPs add up
    to at most the LP's value: on the benchmark's light groups within 4e-4 of the
    optimum, where the heuristic's prices leave 1e-2. The price rounds start here.

    Returns:
        The two price lists and the LP's value, or ``None`` when HiGHS did not solve the
        LP in time.
    """
    model, one_primary, backs_covered = coupling_rows(problem)
    if not model.columns:
        return None
    highspy = highs_module()
    lp = to_highs(highspy, attrs.evolve(model, integer=[False] * len(model.integer)))
    options: dict[str, Any] = {}
    if time_limit is not None:
        options["time_limit"] = max(time_limit, 1e-3)
    h = run_highs_once(highspy, lp, options)
    solution = h.getSolution()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal or not solution.dual_valid:
        return None
    duals = list(solution.row_dual)

    def prices(rows: dict[int, int]) -> list[float]:
        # A maximisation's duals on "<=" rows are >= 0, give or take HiGHS' tolerances.
        return [max(0.0, float(duals[rows[t]])) if t in rows else 0.0 for t in instances]

    value = float(h.getInfo().objective_function_value)
    return prices(one_primary), prices(backs_covered), value


def next_prices(
    records: Sequence[SchoolRecord],
    center: Any,  # noqa: ANN401 - numpy arrays
    box: Any,  # noqa: ANN401
    time_limit: float | None,
) -> tuple[Any, float] | None:
    """The prices within ``box`` of ``center`` where the model of the bound is lowest.

    The model: per school, the best of its known solutions at those prices (a bound
    from below on its priced value); plus what the prices earn on the rows' right-hand
    sides. Returns the prices and the model's value there, or ``None`` if HiGHS failed.
    """
    import numpy as np  # noqa: PLC0415

    n_prices = len(center)
    primary, _, one_backup = price_layout(n_prices // 3)
    earns = np.zeros(n_prices)
    earns[primary] = earns[one_backup] = 1.0
    program = Program()
    for i in range(n_prices):
        program.column(float(earns[i]), max(0.0, center[i] - box[i]), center[i] + box[i])
    for record in records:
        theta = program.column(1.0, -math.inf, math.inf)
        for k, known in record.known.items():
            entries = [(i, float(a)) for i, a in enumerate(record.matrix[k]) if a]
            program.row([(theta, 1.0), *entries], known.value, math.inf)
    solved = solve_program(program, maximize=False, time_limit=time_limit)
    if solved.values is None or not math.isfinite(solved.bound):
        return None
    return np.array(solved.values[:n_prices]), solved.objective


def choose_combinations(
    records: Sequence[SchoolRecord],
    candidates: Sequence[Sequence[tuple[int, float]]],
    time_limit: float | None,
) -> tuple[list[int] | None, Solved]:
    """One combination per school, consistent on the pooled instances, of most total value.

    ``candidates`` gives per school its ``(combination index, value)`` pairs. Consistent:
    at most one school takes a pooled instance's primary, and a back-up only where some
    school takes the primary.

    Returns:
        The chosen combination index per school (``None`` if none), and the solve.
    """
    n_prices = records[0].matrix.shape[1] if records else 0
    n_pooled = n_prices // 3
    program = Program()
    pooled_rows: list[list[tuple[int, float]]] = [[] for _ in range(n_prices)]
    columns: list[list[tuple[int, int]]] = []
    for record, pairs in zip(records, candidates, strict=True):
        own: list[tuple[int, int]] = []
        for k, value in pairs:
            j = program.column(value, 0.0, 1.0, integer=True)
            own.append((j, k))
            for i, a in enumerate(record.matrix[k]):
                if a:
                    pooled_rows[i].append((j, float(a)))
        columns.append(own)
        program.row([(j, 1.0) for j, _ in own], 1.0, 1.0)
    for i, entries in enumerate(pooled_rows):
        if entries:
            # primary rows and one-back-up rows: at most one; back-ups under primaries: <= 0
            program.row(entries, -math.inf, 0.0 if n_pooled <= i < 2 * n_pooled else 1.0)
    solved = solve_program(program, maximize=True, time_limit=time_limit)
    if solved.values is None:
        return None, solved
    values = solved.values
    chosen = [max(own, key=lambda pair: values[pair[0]])[1] for own in columns]
    return chosen, solved
