"""Roadmap steps 5–8 answered from a school plan's own data, each answer with its evidence.

The evidence says what the plan found twice: as facts (an ``EvidenceKind`` and its counts
and shares), which a page words in its language, and as an English ``basis`` for the REPL.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import attrs

from ict_competence.allocation import (
    DecisionKind,
    Duty,
    Person,
    RuleSet,
    TaskInstance,
    Team,
    task_instances,
)
from ict_competence.catalog import TaskChoice, TaskOverview, load_catalog
from ict_competence.flow import (
    Answer,
    Assessment,
    Evidence,
    EvidenceKind,
    RoadmapSession,
    SessionStatus,
    StepKind,
)

if TYPE_CHECKING:
    from ict_competence.plan._evaluation import Evaluation
    from ict_competence.plan._plan import SchoolPlan

__all__ = [
    "DATA_STEPS",
    "Eligibility",
    "assess",
    "changed_codes",
    "eligibility",
    "evaluation_evidence",
]

#: The steps of the roadmap a plan's data answers, with the kind each must be. Steps 1–4
#: are the school's own judgement, and step 8 is completed only by ``next_cycle``. A
#: school's own roadmap is answered only where its step has the number and kind of these.
DATA_STEPS = {5: StepKind.ACTION, 6: StepKind.CHECK, 7: StepKind.ACTION}
#: What a step-5 comparison looks at in each choice (DESIGN.md: tailoring in step 5).
_TAILORED = ("task", "applies", "horizon", "scope", "hours_per_year", "notes")


@attrs.frozen(kw_only=True)
class Eligibility:
    """Who may be the primary of each active task instance under a plan's rules.

    Attributes:
        instances: the active task instances, as ``allocate`` makes them.
        candidates: per instance (same order), the ids of the people who may be its primary.
    """

    instances: tuple[TaskInstance, ...]
    candidates: tuple[tuple[str, ...], ...]

    @property
    def without_primary(self) -> tuple[TaskInstance, ...]:
        """The instances nobody may take as primary: what step 6 answers ``NO`` on."""
        return tuple(
            i for i, found in zip(self.instances, self.candidates, strict=True) if not found
        )

    @property
    def people(self) -> tuple[str, ...]:
        """The ids of everyone who may be the primary of at least one instance."""
        return tuple(dict.fromkeys(person for found in self.candidates for person in found))


def eligibility(overview: TaskOverview, team: Team, rules: RuleSet) -> Eligibility:
    """Every active instance of ``overview`` for ``team``, with who may be its primary."""
    instances = task_instances(overview, team)
    by_school: dict[str | None, list[Person]] = {}
    for person in team.people:
        by_school.setdefault(person.school, []).append(person)
    candidates = []
    for instance in instances:
        # TaskInstance.open_to, grouped: a school's instance is open to its own people only.
        scope = team.people if instance.school is None else by_school.get(instance.school, ())
        candidates.append(
            tuple(p.id for p in scope if rules.blocking(p, instance, Duty.PRIMARY) is None)
        )
    return Eligibility(instances=instances, candidates=tuple(candidates))


def _differs(choice: TaskChoice, default: TaskChoice | None) -> bool:
    if default is None:  # a school's own task
        return True
    return any(getattr(choice, field) != getattr(default, field) for field in _TAILORED)


def changed_codes(overview: TaskOverview, default: TaskOverview) -> tuple[str, ...]:
    """The codes of the tasks whose choice differs from ``default``'s, added or left out too.

    >>> from ict_competence.catalog import load_catalog
    >>> default = load_catalog().overview()
    >>> changed_codes(default.choose("TECH-12", applies=False), default)
    ('TECH-12',)
    """
    before = {choice.code: choice for choice in default.choices}
    changed = [c.code for c in overview.choices if _differs(c, before.get(c.code))]
    left_out = [code for code in before if code not in overview]
    return (*changed, *left_out)


def _tailoring(plan: SchoolPlan) -> Assessment | None:
    default = load_catalog().overview(school_type=plan.school_type)
    changed = changed_codes(plan.overview, default)
    if not changed:
        return None  # an untouched overview is no tailoring: the school still has to do it
    kind = f" for {plan.school_type.value}" if plan.school_type is not None else ""
    basis = (
        f"{len(changed)} task choices differ from the catalog's default overview{kind} "
        f"(the overview holds {len(plan.overview)} tasks): {', '.join(changed)}"
    )
    facts: dict[str, str | int | float] = {"changed": len(changed), "tasks": len(plan.overview)}
    if plan.school_type is not None:
        facts["school_type"] = plan.school_type.value
    evidence = Evidence(
        source="plan.overview",
        basis=basis,
        items=changed,
        kind=EvidenceKind.TAILORED,
        facts=facts,
    )
    return Assessment(step=5, answer=Answer.DONE, evidence=evidence)


def _expertise(plan: SchoolPlan) -> Assessment:
    found = plan._eligibility  # the plan caches it: computed once per plan
    missing = found.without_primary
    total, rules = len(found.instances), plan.effective_rules.name
    if not missing:
        basis = (
            f"each of the {total} active task instances has at least one eligible primary "
            f"under the rules {rules!r}"
        )
        evidence = Evidence(
            source="plan.team",
            basis=basis,
            items=found.people,
            kind=EvidenceKind.EXPERTISE_PRESENT,
            facts={"instances": total, "rules": rules},
        )
        return Assessment(step=6, answer=Answer.YES, evidence=evidence)
    decisions = [DecisionKind.for_task(strategic=i.task.strategic) for i in missing]
    decided = "; ".join(f"{i.key} → {d.value}" for i, d in zip(missing, decisions, strict=True))
    basis = (
        f"{len(missing)} of {total} active task instances have no eligible primary under the "
        f"rules {rules!r}; allocating decides (strategic → recruit, otherwise → outsource): "
        f"{decided}"
    )
    facts = {
        "without_primary": len(missing),
        "instances": total,
        "rules": rules,
        "recruit": decisions.count(DecisionKind.RECRUIT),
        "outsource": decisions.count(DecisionKind.OUTSOURCE),
    }
    evidence = Evidence(
        source="plan.team",
        basis=basis,
        items=tuple(i.key for i in missing),
        kind=EvidenceKind.EXPERTISE_MISSING,
        facts=facts,
    )
    return Assessment(step=6, answer=Answer.NO, evidence=evidence)


def _division(plan: SchoolPlan) -> Assessment | None:
    allocation = plan.allocation
    if allocation is None or not plan.allocation_is_current:
        return None  # a stale allocation no longer divides these tasks over these people
    holders = {a.primary for a in allocation.assignments.values()}
    holders |= {a.backup for a in allocation.assignments.values() if a.backup is not None}
    carriers = tuple(person for person in allocation.capacity if person in holders)
    kinds = Counter(decision.kind for decision in allocation.decisions.values())
    basis = (
        f"coverage {allocation.coverage:.0%} of the task hours; {len(carriers)} people carry "
        f"tasks; {len(allocation.decisions)} decisions ({kinds[DecisionKind.RECRUIT]} recruit, "
        f"{kinds[DecisionKind.OUTSOURCE]} outsource)"
    )
    facts = {
        "coverage": allocation.coverage,
        "carriers": len(carriers),
        "recruit": kinds[DecisionKind.RECRUIT],
        "outsource": kinds[DecisionKind.OUTSOURCE],
    }
    evidence = Evidence(
        source="plan.allocation",
        basis=basis,
        items=carriers,
        kind=EvidenceKind.DIVIDED,
        facts=facts,
    )
    return Assessment(step=7, answer=Answer.DONE, evidence=evidence)


def assess(plan: SchoolPlan, session: RoadmapSession) -> Assessment | None:
    """The plan's answer for the session's current step, or ``None`` where data cannot say."""
    step = session.current
    if session.status is not SessionStatus.IN_PROGRESS or DATA_STEPS.get(step.number) is not (
        step.kind
    ):
        return None
    if step.number == 5:
        return _tailoring(plan)
    if step.number == 6:
        return _expertise(plan)
    return _division(plan)


def evaluation_evidence(evaluation: Evaluation) -> Evidence:
    """The evidence step 8 is completed with: the evaluation's findings, by key and id."""
    stale = "" if evaluation.current else "; the allocation no longer fits the plan (stale)"
    basis = (
        f"coverage {evaluation.coverage:.0%}; {len(evaluation.uncovered)} instances without a "
        f"primary; {len(evaluation.single_points_of_failure)} single points of failure; "
        f"{len(evaluation.overloaded)} people overloaded; one person holds "
        f"{evaluation.strategic_share:.0%} of the held strategic hours{stale}"
    )
    items = (*evaluation.uncovered, *evaluation.single_points_of_failure, *evaluation.overloaded)
    facts = {
        "coverage": evaluation.coverage,
        "uncovered": len(evaluation.uncovered),
        "single_points_of_failure": len(evaluation.single_points_of_failure),
        "overloaded": len(evaluation.overloaded),
        "strategic_share": evaluation.strategic_share,
        "allocation": "current" if evaluation.current else "stale",
    }
    return Evidence(
        source="plan.evaluation",
        basis=basis,
        items=tuple(dict.fromkeys(items)),
        kind=EvidenceKind.EVALUATED,
        facts=facts,
    )
