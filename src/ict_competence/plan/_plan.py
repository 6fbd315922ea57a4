"""The school plan: one school's or school group's year in one saved value (issue 12)."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import attrs

from ict_competence._atomic import replace_file
from ict_competence._checks import argument, instance_of, non_blank, optional_of, path_argument
from ict_competence._display import html_fragment
from ict_competence._log import get_logger
from ict_competence.allocation import (
    Allocation,
    Progress,
    RuleSet,
    Team,
    allocate,
    default_rules,
)
from ict_competence.catalog import SchoolType, TaskOverview, load_catalog
from ict_competence.dialogue import DialogueRecord
from ict_competence.errors import FieldError, MoveError, PlanError, SerializationError
from ict_competence.flow import Assessment, RoadmapSession, SessionStatus, StepKind
from ict_competence.plan._actions import ActionPlan, build_action_plan
from ict_competence.plan._assessor import Eligibility, assess, eligibility, evaluation_evidence
from ict_competence.plan._evaluation import Evaluation, evaluate_allocation
from ict_competence.serialize import from_json, to_json, unstructure
from ict_competence.text import count, summary

__all__ = ["SchoolPlan"]

#: The solvers ``allocate`` offers (its ``solver`` argument).
Solver = Literal["heuristic", "optimal"]
#: The characters of a plan's name its ``repr`` shows.
_SHOWN_NAME = 60
# Counts, timings, paths and sizes only: never a name, note, level or motivation.
_log = get_logger("plan")


def _canonical(data: object) -> object:
    """Plain data in the one form equal values share: whole numbers as floats.

    A person's ``hours=40`` reads back from JSON as ``40.0``; key order is left to
    ``sort_keys``.
    """
    if isinstance(data, dict):
        return {key: _canonical(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_canonical(value) for value in data]
    if isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    return data


def _fingerprint(overview: TaskOverview, team: Team, rules: RuleSet) -> str:
    """A digest of what an allocation is made from, to tell later whether it still fits.

    Equal inputs give equal digests, however they were built or read back.
    """
    try:
        rules_data: object = unstructure(rules)
    except SerializationError:
        # A rule set with a rule not registered for JSON: its repr still tells sets apart
        # within the session (the plan cannot be saved until the rule is registered).
        rules_data = repr(rules)
    data = _canonical([unstructure(overview), unstructure(team), rules_data])
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _owners_known(plan: SchoolPlan, _attribute: attrs.Attribute[Any], record: object) -> None:
    if record is None:
        return
    if not isinstance(record, DialogueRecord):
        raise FieldError("dialogue", f"expected a DialogueRecord, found {type(record).__name__}")
    known = set(plan.team.ids) | {role.code for role in load_catalog().roles}
    for e, entry in enumerate(record.entries):
        for a, action in enumerate(entry.actions):
            if action.owner not in known:
                # The owner is not shown: it should be an id, but a name may have slipped in.
                raise FieldError(
                    f"dialogue.entries[{e}].actions[{a}].owner",
                    f"the follow-up of topic {entry.topic} needs an owner who is a team "
                    "member's id or a catalog role code",
                )


@attrs.frozen(kw_only=True, repr=False)
class SchoolPlan:
    """A school's (or school group's) year in one value: tailoring, team, roadmap, division.

    The plan holds the tailored task overview, the team, the roadmap session, the
    allocation, the conversation record and the previous cycle's allocation, and it
    answers roadmap steps 5–7 from them (:meth:`advance`, as an
    :class:`~ict_competence.flow.Assessor`), evaluates the cycle (:meth:`evaluate`),
    starts the next (:meth:`next_cycle`) and keeps the action plan (:meth:`action_plan`).
    Every change returns a new plan; :meth:`save` and :meth:`load` keep it in one file.

    Attributes:
        name: the school's or school group's name (not personal data).
        overview: the tailored task overview (step 5).
        team: the people, with their hours, levels and motivation.
        roadmap: the roadmap session, a new one by default.
        allocation: the division of the tasks over the team (step 7), if made.
        dialogue: the record of a conversation, whose agreed follow-ups enter the action
            plan; every follow-up's owner must be a team member's id or a catalog role.
        baseline: the previous cycle's allocation, to compare with.
        rules: the rule set for step 6 and for allocating; the default rules when ``None``.
        school_type: the school type whose default overview step 5 compares with.
        allocated_from: a digest of the overview, team and rules the allocation was made
            from (set by :meth:`allocate`; for an allocation passed in, taken to be the
            plan's own). :attr:`allocation_is_current` compares it with the plan's.

    Raises:
        FieldError: a follow-up of ``dialogue`` is owned by someone outside the team.

    >>> from ict_competence.allocation import Person, Team
    >>> from ict_competence.catalog import Cluster, Domain, load_catalog
    >>> ann = Person(
    ...     id="p1",
    ...     hours=3000,
    ...     levels=dict.fromkeys(Domain, 3),
    ...     motivation=dict.fromkeys(Cluster, 2),
    ...     name="Ann",
    ... )
    >>> overview = load_catalog().overview().choose("TECH-12", applies=False)
    >>> plan = SchoolPlan(name="De Linde", overview=overview, team=Team((ann,)))
    >>> plan.advance().roadmap.current.number  # steps 1-4 are the school's own to answer
    1
    >>> session = plan.roadmap.answer(True).answer(True).answer(True).answer(False)
    >>> plan = attrs.evolve(plan, roadmap=session).allocate().advance()
    >>> [(move.step, move.answer.value, move.evidence.source) for move in plan.roadmap.path[4:]]
    [(5, 'done', 'plan.overview'), (6, 'yes', 'plan.team'), (7, 'done', 'plan.allocation')]
    >>> plan.evaluate()  # one person carries it all: every core task hangs on them
    <Evaluation coverage 100%, 0 uncovered, 18 single points of failure, 0 overloaded>
    """

    name: str = attrs.field(validator=non_blank)
    overview: TaskOverview = attrs.field(validator=instance_of(TaskOverview))
    team: Team = attrs.field(validator=instance_of(Team))
    roadmap: RoadmapSession = attrs.field(
        factory=RoadmapSession.start, validator=instance_of(RoadmapSession)
    )
    allocation: Allocation | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(Allocation))
    )
    dialogue: DialogueRecord | None = attrs.field(default=None, validator=_owners_known)
    baseline: Allocation | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(Allocation))
    )
    rules: RuleSet | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(RuleSet))
    )
    school_type: SchoolType | None = attrs.field(default=None, validator=optional_of(SchoolType))
    allocated_from: str | None = attrs.field(validator=optional_of(str))

    @allocated_from.default
    def _made_from_this_plan(self) -> str | None:
        return None if self.allocation is None else self._fingerprint

    def __repr__(self) -> str:
        # Names of people and notes are personal data: the repr counts, it does not list.
        name = self.name if len(self.name) <= _SHOWN_NAME else self.name[: _SHOWN_NAME - 1] + "…"
        schools, people = max(1, len(self.team.schools)), len(self.team.people)
        if self.allocation is None:
            allocated = "no allocation"
        else:
            allocated = "allocation current" if self.allocation_is_current else "allocation stale"
        return summary(
            f"SchoolPlan {name!r}:",
            count(schools, "school"),
            count(people, "person", "people"),
            f"{len(self.overview.active())} active tasks",
            f"step {self.roadmap.current.number} (cycle {self.roadmap.cycle})",
            allocated,
        )

    def _repr_html_(self) -> str:
        return html_fragment(self)

    # -- what follows from the data -----------------------------------------------------------

    @property
    def effective_rules(self) -> RuleSet:
        """The rules in force: :attr:`rules`, or the default rules."""
        return self.rules if self.rules is not None else default_rules()

    @cached_property
    def _fingerprint(self) -> str:
        return _fingerprint(self.overview, self.team, self.effective_rules)

    @property
    def allocation_is_current(self) -> bool:
        """Whether the allocation was made from the plan's overview, team and rules as they are.

        ``False`` without an allocation, and once the overview, the team or the rules have
        changed since (a person's hours edited, a task dropped): a stale allocation answers
        no roadmap step.
        """
        return self.allocation is not None and self.allocated_from == self._fingerprint

    @cached_property
    def _eligibility(self) -> Eligibility:
        """Who may be the primary of each active task instance, under the plan's rules."""
        return eligibility(self.overview, self.team, self.effective_rules)

    # -- changes ------------------------------------------------------------------------------

    def allocate(
        self,
        rules: RuleSet | None = None,
        solver: Solver = "heuristic",
        time_limit: float | None = None,
        *,
        progress: Callable[[Progress], None] | None = None,
    ) -> SchoolPlan:
        """A plan with the overview's tasks divided over the team (roadmap step 7).

        Args:
            rules: the rule set to allocate by; it becomes the plan's rules. The plan's
                own rules (or the default ones) when not given.
            solver: ``"heuristic"`` or ``"optimal"``, as :func:`~ict_competence.allocate`.
            time_limit: seconds, as :func:`~ict_competence.allocate`.
            progress: called by the optimal mode with a
                :class:`~ict_competence.allocation.Progress` as it goes, as
                :func:`~ict_competence.allocate`.
        """
        plan = self if rules is None else attrs.evolve(self, rules=rules)
        started = time.perf_counter()
        _log.debug(
            "allocating %d active tasks over %d people (solver %s)",
            len(plan.overview.active()),
            len(plan.team.people),
            solver,
        )
        result = allocate(
            plan.overview,
            plan.team,
            rules=plan.effective_rules,
            solver=solver,
            time_limit=time_limit,
            progress=progress,
        )
        _log.debug(
            "allocated in %.3f s: %d assignments, %d decisions, objective %g",
            time.perf_counter() - started,
            len(result.assignments),
            len(result.decisions),
            result.objective,
        )
        return attrs.evolve(plan, allocation=result, allocated_from=plan._fingerprint)

    def assess(self, session: RoadmapSession, /) -> Assessment | None:
        """The plan's answer for ``session``'s current step (the Assessor protocol).

        Step 5 is completed when the overview differs from the catalog's default one
        (for :attr:`school_type`); step 6 is answered yes when every active task instance
        has an eligible primary, no (with the instances and their decision) otherwise;
        step 7 is completed when the allocation is current. Steps 1–4 and 8: ``None``.
        """
        argument("session", session, RoadmapSession)
        return assess(self, session)

    def advance(self) -> SchoolPlan:
        """A plan whose roadmap went as far as the plan's data answers, with the evidence.

        It stops at the first step the data cannot answer: steps 1–4 (the school's own
        judgement), an untouched overview at step 5, step 7 without a current allocation,
        and step 8, which :meth:`next_cycle` completes.
        """
        session = self.roadmap
        while True:
            moved = session.assess(self)
            if moved is session:
                break
            session = moved
        return self if session is self.roadmap else attrs.evolve(self, roadmap=session)

    def evaluate(self) -> Evaluation:
        """The evaluation of this cycle's allocation (roadmap step 8).

        Raises:
            PlanError: the plan has no allocation to evaluate.
        """
        if self.allocation is None:
            raise PlanError(
                f"plan {self.name!r}: there is no allocation to evaluate; call allocate() first"
            )
        return evaluate_allocation(
            self.allocation,
            self.team,
            baseline=self.baseline,
            current=self.allocation_is_current,
        )

    def next_cycle(self, from_step: int = 5, note: str | None = None) -> SchoolPlan:
        """Complete the evaluation (step 8) and start the next cycle at ``from_step``.

        The evaluation is recorded as step 8's evidence, the allocation becomes the
        baseline the next cycle is compared with, and the plan is left without one.

        Raises:
            PlanError: the plan has no allocation to evaluate.
            MoveError: the roadmap is not at the evaluation, or there is no such step.
            FieldError: ``from_step`` is no whole number.
        """
        argument("from_step", from_step, int)
        session = self.roadmap
        if session.current.kind is not StepKind.EVALUATION:
            raise MoveError(
                session.current.number,
                "the next cycle starts from the evaluation; complete the steps before it first",
                session.current.kind.accepts,
            )
        evaluation = self.evaluate()
        if session.status is not SessionStatus.CYCLE_COMPLETE:
            session = session.complete(note=note, evidence=evaluation_evidence(evaluation))
        session = session.revisit(from_step)
        return attrs.evolve(
            self, roadmap=session, baseline=self.allocation, allocation=None, allocated_from=None
        )

    def action_plan(self) -> ActionPlan:
        """The school's actions for this cycle, each with an owner, timeframe and criterion.

        One action per piece of roadmap advice gathered this cycle, per decision of the
        allocation (recruit: owned by the role to recruit; outsource: by the directie),
        per follow-up agreed in the conversation (keeping its owner), and, with an
        allocation, per single point of failure and per overloaded person.

        >>> from ict_competence.allocation import Team
        >>> from ict_competence.catalog import load_catalog
        >>> plan = SchoolPlan(name="De Linde", overview=load_catalog().overview(), team=Team(()))
        >>> plan = attrs.evolve(plan, roadmap=plan.roadmap.answer(False)).allocate()
        >>> actions = plan.action_plan()
        >>> [action.owner for action in actions][:2]
        ['directie', 'ict_policy_team']
        >>> len(actions) == 2 + len(plan.allocation.decisions)
        True
        """
        evaluation = self.evaluate() if self.allocation is not None else None
        return build_action_plan(self, evaluation)

    # -- keeping ------------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write the plan to ``path`` as JSON, readable by the owner only (mode 0600).

        The file is written beside ``path`` first, flushed to disk and moved into place,
        so a failure leaves an existing file byte for byte as it was.

        Returns:
            The path written.

        Raises:
            PlanError: the file could not be written; the previous one is intact.
            SerializationError: a rule of the plan's rules is not registered for JSON.
        """
        target = path_argument(path)
        text = to_json(self)
        try:
            written = replace_file(
                target, lambda temporary: temporary.write_text(text, "utf-8"), mode=0o600
            )
        except OSError as error:
            raise PlanError(
                f"{target}: the plan could not be saved ({error.strerror or error}); "
                "the previous file is unchanged"
            ) from error
        _log.debug("saved the plan to %s (%d characters)", written, len(text))
        return written

    @classmethod
    def load(cls, path: str | Path) -> SchoolPlan:
        """Read a plan written by :meth:`save`.

        Raises:
            PlanError: the file cannot be read.
            SerializationError: the file is no plan, or is from a newer version of this
                library; each problem names the file and its place (``$.team.people[2].hours``).
        """
        source = path_argument(path)
        try:
            text = source.read_bytes()
        except OSError as error:
            raise PlanError(
                f"{source}: the plan could not be read ({error.strerror or error})"
            ) from error
        _log.debug("read the plan from %s (%d bytes)", source, len(text))
        return from_json(cls, text, source=str(source))
