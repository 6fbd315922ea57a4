"""A plan's optimal allocation reports its progress to the caller, as ``allocate`` does."""

from __future__ import annotations

from ict_competence.allocation import Progress
from tests.plan.samples import group_plan


def test_the_optimal_allocation_of_a_plan_reports_progress_with_a_bound():
    seen: list[Progress] = []

    plan = group_plan().allocate(solver="optimal", progress=seen.append)

    assert seen
    assert plan.allocation is not None
    last = seen[-1]
    assert last.bound is not None
    assert last.bound >= last.objective
    assert plan.allocation_is_current


def test_the_heuristic_reports_no_progress():
    seen: list[Progress] = []

    group_plan().allocate(progress=seen.append)

    assert seen == []
