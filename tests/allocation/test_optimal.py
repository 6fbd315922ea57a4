"""The MILP the exact solver hands to HiGHS."""

from __future__ import annotations

from ict_competence.allocation import Pin, Team, default_rules
from ict_competence.allocation._solvers import Problem, plain_highs
from tests.allocation.strategies import make_overview, make_person, make_task


def test_a_pinned_primary_leaves_room_for_one_backup_only():
    overview = make_overview(make_task("T-01", hours=20, strategic=True))
    team = Team(tuple(make_person(ident, 100, level=3, motivation=3) for ident in "abc"))
    problem = Problem(overview, team, default_rules(), pins=[Pin("T-01", "a")])

    found, bound, _ = plain_highs(problem)

    assert found is not None
    # Primary a: 20 h × (10 + 3 + 3); one back-up: 0.1 × 20 h × (3 + 3). Not two back-ups.
    assert found.objective == bound == 20 * 16 + 2 * 6
