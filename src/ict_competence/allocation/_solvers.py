"""The solvers' internals, for tests and benchmarks: not public API, and may change.

Tests and benchmarks import what they need of the allocation's solvers from here (and
everything else from ``ict_competence.allocation``), never from the private modules
themselves, so those can be reorganised without breaking them. What is here:

- a compiled problem: :class:`Problem` (or :func:`compile_problem`), and the shared
  vocabulary: :data:`NOBODY`, :class:`Slot`, :func:`backup_item`, :class:`Outcome`, :class:`Best`,
  :class:`Clock`, :func:`loads`, :func:`exact_objective`, :func:`relative_gap`;
- the heuristic: :class:`HeuristicSettings`, :func:`solve_heuristic` and the
  :class:`Heuristic` itself; its bound: :class:`Relaxation`, :func:`converged`,
  :func:`hopeless`; one person's knapsack: :func:`pack`, :data:`Option`,
  :func:`penalty`, :func:`unit_scale`;
- the exact solver: :func:`solve_optimal`, :func:`run_highs` (warm-started, as the
  optimal mode runs it), :func:`build_model` and :class:`MilpModel`, and
  :func:`plain_highs`, HiGHS on the textbook MILP as anyone would run it: the
  benchmark's baseline and the tests' oracle;
- the decomposition by school: :func:`solve_decomposed` (``None`` where it does not
  apply, see :func:`decomposable` and :data:`MAX_COMBINATIONS`) and :func:`solve_exact`,
  the optimal mode after its warm start; :func:`breaches` and :func:`check_outcome`,
  what the exact mode checks every allocation against.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from ict_competence.allocation._decompose import (
    MAX_COMBINATIONS,
    decomposable,
    solve_decomposed,
    solve_exact,
)
from ict_competence.allocation._heuristic import Heuristic, solve_heuristic
from ict_competence.allocation._knapsack import Option, pack
from ict_competence.allocation._lagrange import Relaxation, converged, hopeless
from ict_competence.allocation._model import Exclusion, Pin, Team
from ict_competence.allocation._optimal import (
    Column,
    MilpModel,
    build_model,
    highs_module,
    read_solution,
    run_highs,
    solve_optimal,
    to_highs,
)
from ict_competence.allocation._outcome import (
    NOBODY,
    Best,
    Clock,
    Outcome,
    Slot,
    backup_item,
    exact_objective,
    loads,
    naive_bound,
    relative_gap,
)
from ict_competence.allocation._problem import Problem, penalty, unit_scale
from ict_competence.allocation._rules import RuleSet, default_rules
from ict_competence.allocation._settings import HeuristicSettings
from ict_competence.allocation._verify import breaches, check_outcome
from ict_competence.catalog import TaskOverview

__all__ = [
    "MAX_COMBINATIONS",
    "NOBODY",
    "Best",
    "Clock",
    "Column",
    "Heuristic",
    "HeuristicSettings",
    "MilpModel",
    "Option",
    "Outcome",
    "Problem",
    "Relaxation",
    "Slot",
    "backup_item",
    "breaches",
    "build_model",
    "check_outcome",
    "compile_problem",
    "converged",
    "decomposable",
    "exact_objective",
    "hopeless",
    "loads",
    "naive_bound",
    "pack",
    "penalty",
    "plain_highs",
    "relative_gap",
    "run_highs",
    "solve_decomposed",
    "solve_exact",
    "solve_heuristic",
    "solve_optimal",
    "unit_scale",
]


def compile_problem(
    overview: TaskOverview,
    team: Team,
    rules: RuleSet | None = None,
    *,
    pins: Iterable[Pin] = (),
    exclusions: Iterable[Exclusion] = (),
) -> Problem:
    """The solvers' form of an allocation problem, as ``allocate`` builds it."""
    rules = rules if rules is not None else default_rules()
    return Problem(overview, team, rules, pins=pins, exclusions=exclusions)


def plain_highs(
    problem: Problem, time_limit: float | None = None
) -> tuple[Outcome | None, float | None, float]:
    """HiGHS on the textbook MILP, cold, with its own time limit only: a baseline.

    Returns:
        The solution HiGHS found (``None`` if none), its dual bound, and the seconds spent.
    """
    started = time.monotonic()
    highspy = highs_module()
    model = build_model(problem)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if not model.columns:
        return None, 0.0, time.monotonic() - started
    h.passModel(to_highs(highspy, model))
    if time_limit is not None:
        h.setOptionValue("time_limit", max(0.001, time_limit - (time.monotonic() - started)))
    h.run()
    outcome, bound = read_solution(problem, model, h)
    return outcome, bound, time.monotonic() - started
