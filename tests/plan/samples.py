"""Plans the tests of several packages share."""

from __future__ import annotations

from ict_competence.allocation import Person, Team
from ict_competence.catalog import Cluster, Domain, Scope, load_catalog
from ict_competence.plan import SchoolPlan


def group_plan() -> SchoolPlan:
    """Three schools whose heuristic allocation is not proven optimal on its own."""
    t, p, a, b = Domain.TECHNICAL, Domain.PEDAGOGICAL, Domain.ADMINISTRATIVE, Domain.POLICY
    tc, pc, ac, bc = Cluster.TECHNICAL, Cluster.PEDAGOGICAL, Cluster.ADMINISTRATIVE, Cluster.POLICY
    overview = load_catalog().overview()
    for code in ("TECH-05", "TECH-09", "TECH-10", "POL-01"):
        overview = overview.choose(code, scope=Scope.SCHOOL_GROUP)
    people = [
        Person(id="g1", hours=400, levels={t: 3, a: 2, b: 2}, motivation={tc: 3, bc: 1}),
        Person(id="g2", hours=160, levels={b: 3, p: 2}, motivation={bc: 3, pc: 2}),
    ]
    for school in ("s1", "s2", "s3"):
        people += [
            Person(
                id=f"{school}-a",
                hours=240,
                levels={t: 2, p: 2, a: 2, b: 1},
                motivation={tc: 2, pc: 2, ac: 2},
                school=school,
            ),
            Person(
                id=f"{school}-b", hours=60, levels={p: 3, t: 1}, motivation={pc: 3}, school=school
            ),
        ]
    return SchoolPlan(name="Groep", overview=overview, team=Team(people, ("s1", "s2", "s3")))
