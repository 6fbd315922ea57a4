"""A realistic small plan, and every object a user holds, for the renderer tests."""

from __future__ import annotations

from pathlib import Path

import attrs

from ict_competence.allocation import Person, Team, allocate
from ict_competence.catalog import Cluster, Domain, load_catalog
from ict_competence.dialogue import Action, conversation_guide
from ict_competence.plan import SchoolPlan

HOSTILE = "<script>alert(1)</script>"
# Markdown a school may type: a heading, links, an image; it must stay text on every page.
MARKED_UP = "# Zelfgetypte kop [klik](javascript:alert(1)) <https://evil.example> ![i](x.png)"
OWN_TASKS = (
    '[[task]]\ncode = "EIGEN-01"\ncluster = "policy"\n'
    'description = { nl = "<script>alert(2)</script> eigen taak" }\nhours_per_year = 30\n'
)


#: The objects the xlsx renderer renders, by class name (keys of :func:`every_object`).
RENDERED = ("TaskOverview", "Team", "Allocation", "SchoolPlan")


def _people() -> tuple[Person, ...]:
    return (
        Person(
            id="p1",
            hours=300,
            levels=dict.fromkeys(Domain, 3),
            motivation=dict.fromkeys(Cluster, 2),
            name=f"Ann {HOSTILE}",
        ),
        Person(
            id="p2",
            hours=160,
            levels={Domain.PEDAGOGICAL: 3, Domain.TECHNICAL: 2, Domain.POLICY: 2},
            motivation={Cluster.PEDAGOGICAL: 3, Cluster.POLICY: 1, Cluster.TECHNICAL: 1},
            name="Bram",
        ),
    )


def sample_plan(folder: Path) -> SchoolPlan:
    """A school's plan at step 8: its own task, notes, a follow-up and a previous cycle."""
    own = folder / "eigen.toml"
    own.write_text(OWN_TASKS, encoding="utf-8")
    overview = load_catalog().extend(own).overview()
    overview = overview.choose("TECH-12", applies=False).choose("TECH-01", notes=HOSTILE)
    team = Team(_people())
    record = (
        conversation_guide("schoolleider", topics=["1.2"])
        .record()
        .note("1.2", f"{MARKED_UP} {HOSTILE}")
    )
    record = record.add_action(
        "1.2",
        Action(
            description=HOSTILE,
            owner="p2",
            timeframe="voor de zomer",
            resources="",
            success_criterion="",
        ),
    )
    plan = SchoolPlan(name=f"De Linde {HOSTILE}", overview=overview, team=team, dialogue=record)
    session = plan.roadmap.answer(True).answer(True).answer(True).answer(False)
    plan = attrs.evolve(plan, roadmap=session).advance().allocate().advance()
    smaller = Team((attrs.evolve(_people()[0], hours=120), _people()[1]))
    return attrs.evolve(plan, baseline=allocate(overview, smaller))


def every_object(plan: SchoolPlan) -> dict[str, object]:
    """One realistic object of every type the template renderers render."""
    assert plan.allocation is not None
    return {
        "Catalog": load_catalog(),
        "TaskOverview": plan.overview,
        "Roadmap": plan.roadmap.roadmap,
        "RoadmapSession": plan.roadmap,
        "ConversationGuide": conversation_guide("schoolleider"),
        "DialogueRecord": plan.dialogue,
        "Team": plan.team,
        "Allocation": plan.allocation,
        "Evaluation": plan.evaluate(),
        "ActionPlan": plan.action_plan(),
        "SchoolPlan": plan,
    }
