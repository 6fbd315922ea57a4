"""The MILP the exact solver hands to HiGHS."""

from __future__ import annotations

import subprocess
import sys

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


def test_the_optimal_mode_prints_nothing_not_even_the_highs_banner():
    # A fresh process: HiGHS prints its banner once per process, on the first solver made.
    code = (
        "import ict_competence as ic\n"
        "from ict_competence.catalog import Cluster, Domain\n"
        "ann = ic.Person(id='ann', hours=300, levels=dict.fromkeys(Domain, 3),\n"
        "                motivation=dict.fromkeys(Cluster, 2))\n"
        "overview, team = ic.load_catalog().overview(), ic.Team((ann,))\n"
        "ic.allocate(overview, team, solver='optimal')\n"
        "from ict_competence.allocation._solvers import compile_problem, plain_highs\n"
        "plain_highs(compile_problem(overview, team), time_limit=5)\n"
    )

    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert (run.stdout, run.stderr) == ("", "")
