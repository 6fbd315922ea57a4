"""The action plan: what the school will do this cycle, who owns it, when, and how it knows.

Like SELFIE's planning toolkit and Digisprong's actieplanner, every action has an owner,
a timeframe, the hours it needs and a success criterion. Here each one also says where it
comes from: the roadmap's advice, the allocation's decisions, the conversation's agreed
follow-ups, or the evaluation's findings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, overload

import attrs

from ict_competence._checks import argument, finite_non_negative, instance_of, non_blank, tuple_of
from ict_competence._extras import Record
from ict_competence.allocation import Allocation, DecisionKind
from ict_competence.catalog import TaskOverview
from ict_competence.dialogue import DialogueRecord
from ict_competence.flow import Actor, Answer, Roadmap, RoadmapSession, StepKind
from ict_competence.plan import _records
from ict_competence.plan._enums import ActionSource
from ict_competence.text import Language, LocalizedText

if TYPE_CHECKING:
    from ict_competence.plan._evaluation import Evaluation
    from ict_competence.plan._plan import SchoolPlan

__all__ = [
    "ADVICE_OWNERS",
    "DIRECTIE",
    "ActionPlan",
    "PlanAction",
    "build_action_plan",
]

#: The catalog role code of the school's leadership. It contracts the external firm and
#: gives people their hours and tasks, so it owns outsourcing a task, rebalancing an
#: overloaded person's hours, and the follow-ups of someone erased from the plan.
DIRECTIE = "directie"
#: Who owns a piece of the roadmap's advice, as a catalog role code, by the actor it is
#: for. The directie is a role of its own; the ICT coordinator's work grows into the core
#: of the ICT team, the ICT policy team (seed 003); advice the seed addresses to no one
#: (step 6: recruit or outsource) is the directie's to act on.
ADVICE_OWNERS: Mapping[Actor | None, str] = MappingProxyType(
    {Actor.DIRECTIE: DIRECTIE, Actor.ICT_COORDINATOR: "ict_policy_team", None: DIRECTIE}
)


def _optional_hours(
    instance: object, attribute: attrs.Attribute[float | None], value: object
) -> None:
    if value is not None:
        finite_non_negative(instance, attribute, value)


#: A text a team may have written: refused by its type only, never shown.
_team_text = instance_of(LocalizedText, private=True)


@attrs.frozen(kw_only=True)
class PlanAction:
    """One action of the school's action plan.

    The texts are Dutch and English; a follow-up the team agreed on keeps the team's own
    words in both. They may hold what a team wrote, so the ``repr`` leaves them out.

    Attributes:
        description: what will be done.
        owner: who sees to it: a team member's id or a catalog role code, never a name.
        timeframe: when: the task's horizon, or the roadmap step it comes from.
        hours: the hours a year it needs, where known.
        success_criterion: how the school will know it is done.
        source: what the action comes from.
        reference: what it is about: ``"step 6"``, an instance key, a topic code or a
            person id.
    """

    description: LocalizedText = attrs.field(repr=False, validator=_team_text)
    owner: str = attrs.field(validator=non_blank)
    timeframe: LocalizedText = attrs.field(repr=False, validator=_team_text)
    hours: float | None = attrs.field(default=None, validator=_optional_hours)
    success_criterion: LocalizedText = attrs.field(repr=False, validator=_team_text)
    source: ActionSource = attrs.field(validator=instance_of(ActionSource))
    reference: str = attrs.field(validator=non_blank)


@attrs.frozen(repr=False)
class ActionPlan:
    """The school's actions for this cycle, in order: a read-only sequence of :class:`PlanAction`.

    Made by :meth:`ict_competence.plan.SchoolPlan.action_plan`: first the roadmap's advice,
    then one action per decision, per agreed follow-up, and per finding of the evaluation.

    Attributes:
        actions: the actions.
    """

    actions: tuple[PlanAction, ...] = attrs.field(default=(), validator=tuple_of(PlanAction))

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self.by_source(s))} {s.value}" for s in ActionSource)
        return f"<ActionPlan {len(self.actions)} actions: {counts}>"

    def __len__(self) -> int:
        return len(self.actions)

    def __iter__(self) -> Iterator[PlanAction]:
        return iter(self.actions)

    @overload
    def __getitem__(self, index: int) -> PlanAction: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[PlanAction, ...]: ...
    def __getitem__(self, index: int | slice) -> PlanAction | tuple[PlanAction, ...]:
        return self.actions[index]

    def by_source(self, source: ActionSource) -> tuple[PlanAction, ...]:
        """The actions that come from ``source``, in order."""
        argument("source", source, ActionSource)
        return tuple(action for action in self.actions if action.source is source)

    @property
    def owners(self) -> tuple[str, ...]:
        """Everyone who owns an action, each once, in order of their first action."""
        return tuple(dict.fromkeys(action.owner for action in self.actions))

    def to_records(self, *, language: Language = "nl") -> list[Record]:
        """One plain, JSON-safe row per action, in order.

        Keys: ``source`` (``advice``, ``decision``, ``follow_up`` or ``finding``),
        ``reference``, ``owner`` (a person id or a catalog role code), ``description``,
        ``timeframe``, ``hours`` (``None`` where not known) and ``success_criterion``, the
        texts in ``language`` (Dutch by default, as the pages).
        """
        return _records.action_records(self, language=language)

    def to_dataframe(self, *, language: Language = "nl") -> Any:  # noqa: ANN401 - a DataFrame
        """The records of :meth:`to_records` as a ``pandas.DataFrame``, one row per action.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ict-competence[pandas]'``).
        """
        return _records.action_dataframe(self, language=language)


def _same(text: str) -> LocalizedText:
    """A team's own words, which are in one language only: the same text in both."""
    return LocalizedText(text, text)


def _at_step(roadmap: Roadmap, number: int) -> LocalizedText:
    title = roadmap.step(number).title
    return LocalizedText(f"Stap {number}: {title.nl}", f"Step {number}: {title.en or title.nl}")


def _discussed(roadmap: Roadmap) -> LocalizedText:
    number = roadmap.evaluation.number
    return LocalizedText(
        f"Uitgevoerd en besproken bij de evaluatie (stap {number})",
        f"Done and discussed at the evaluation (step {number})",
    )


def _advice(session: RoadmapSession) -> list[PlanAction]:
    """One action per piece of advice the moves of this cycle gave, each once."""
    roadmap, actions, seen = session.roadmap, [], set()
    for move in session.path:
        if move.answer is None:
            continue
        step = roadmap.step(move.step)
        for given in step.branch(move.answer).advice:
            if (step.number, given.actor, given.text) in seen:
                continue
            seen.add((step.number, given.actor, given.text))
            criterion = _discussed(roadmap)
            if step.kind is StepKind.CHECK and move.answer is Answer.NO and step.question:
                criterion = LocalizedText(
                    f"Stap {step.number} wordt met ja beantwoord: {step.question.nl}",
                    f"Step {step.number} is answered yes: {step.question.en or step.question.nl}",
                )
            actions.append(
                PlanAction(
                    description=given.text,
                    owner=ADVICE_OWNERS[given.actor],
                    timeframe=_at_step(roadmap, step.number),
                    success_criterion=criterion,
                    source=ActionSource.ADVICE,
                    reference=f"step {step.number}",
                )
            )
    return actions


def _task_words(overview: TaskOverview, code: str) -> LocalizedText:
    if code not in overview:
        return LocalizedText(code, code)
    text = overview.choice(code).task.description
    return LocalizedText(text.nl, text.en or text.nl)


def _decisions(
    allocation: Allocation, overview: TaskOverview, roadmap: Roadmap
) -> list[PlanAction]:
    """One action per recruit or outsource decision, owned as the RACI matrix names it."""
    responsible = {row.key: row.responsible[0] for row in allocation.raci()}
    actions = []
    for info in allocation.instances:
        decision = allocation.decisions.get(info.key)
        if decision is None:
            continue
        task = _task_words(overview, info.code)
        timeframe = (
            overview.choice(info.code).horizon.label
            if info.code in overview
            else _at_step(roadmap, 6)
        )
        if decision.kind is DecisionKind.RECRUIT:
            owner = responsible[info.key]  # the role to recruit, with vacancy
            level, domain = info.required_level, info.domain.label
            description = LocalizedText(
                f"Rekruteer voor {info.key}: {task.nl}", f"Recruit for {info.key}: {task.en}"
            )
            criterion = LocalizedText(
                f"Iemand met niveau {level} in {domain.nl} neemt {info.key} op.",
                f"Someone with level {level} in {domain.en} takes {info.key}.",
            )
        else:
            owner = DIRECTIE
            description = LocalizedText(
                f"Besteed {info.key} uit: {task.nl}", f"Outsource {info.key}: {task.en}"
            )
            criterion = LocalizedText(
                f"Een externe partner voert {info.key} uit, met een SLA.",
                f"An external partner carries out {info.key}, under an SLA.",
            )
        actions.append(
            PlanAction(
                description=description,
                owner=owner,
                timeframe=timeframe,
                hours=info.hours,
                success_criterion=criterion,
                source=ActionSource.DECISION,
                reference=info.key,
            )
        )
    return actions


def _follow_ups(record: DialogueRecord, roadmap: Roadmap) -> list[PlanAction]:
    """One action per follow-up agreed in the conversation, with its owner and words."""
    number = roadmap.evaluation.number
    before = LocalizedText(
        f"Voor de volgende evaluatie (stap {number})", f"Before the next evaluation (step {number})"
    )
    return [
        PlanAction(
            description=_same(action.description),
            owner=action.owner,
            timeframe=_same(action.timeframe) if action.timeframe.strip() else before,
            success_criterion=(
                _same(action.success_criterion)
                if action.success_criterion.strip()
                else _discussed(roadmap)
            ),
            source=ActionSource.FOLLOW_UP,
            reference=topic,
        )
        for topic, action in record.actions()
    ]


def _findings(plan: SchoolPlan, allocation: Allocation, evaluation: Evaluation) -> list[PlanAction]:
    """One action per single point of failure and per overloaded person."""
    roadmap, members = plan.roadmap.roadmap, set(plan.team.ids)
    when = _at_step(roadmap, roadmap.evaluation.number)
    actions = []
    for key in evaluation.single_points_of_failure:
        primary = allocation.assignments[key].primary
        actions.append(
            PlanAction(
                description=LocalizedText(
                    f"Leid een back-up op voor {key}", f"Train a back-up for {key}"
                ),
                # The one who carries the task passes it on; if they left, the directie.
                owner=primary if primary in members else DIRECTIE,
                timeframe=when,
                hours=allocation.instance(key).backup_hours,
                success_criterion=LocalizedText(
                    f"{key} heeft een back-up die de taak kan overnemen.",
                    f"{key} has a back-up who can take the task over.",
                ),
                source=ActionSource.FINDING,
                reference=key,
            )
        )
    for load in evaluation.loads:
        if not load.overloaded:
            continue
        who, used, has = load.person, f"{load.used:g}", f"{load.available:g}"
        actions.append(
            PlanAction(
                description=LocalizedText(
                    f"Herverdeel de taken of uren van {who}: {used} van {has} uur",
                    f"Rebalance the tasks or hours of {who}: {used} of {has} hours",
                ),
                owner=DIRECTIE,
                timeframe=when,
                hours=load.used - load.available,
                success_criterion=LocalizedText(
                    f"De taken van {who} passen in de uren die er zijn.",
                    f"The tasks of {who} fit the hours there are.",
                ),
                source=ActionSource.FINDING,
                reference=who,
            )
        )
    return actions


def build_action_plan(plan: SchoolPlan, evaluation: Evaluation | None) -> ActionPlan:
    """The action plan of ``plan``; ``evaluation`` is its evaluation when it has an allocation."""
    roadmap = plan.roadmap.roadmap
    actions = _advice(plan.roadmap)
    if plan.allocation is not None:
        actions += _decisions(plan.allocation, plan.overview, roadmap)
    if plan.dialogue is not None:
        actions += _follow_ups(plan.dialogue, roadmap)
    if plan.allocation is not None and evaluation is not None:
        actions += _findings(plan, plan.allocation, evaluation)
    return ActionPlan(tuple(actions))
