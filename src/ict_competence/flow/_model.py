"""The roadmap's definition: steps, their branches and advice, checked as a flow when built."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import cached_property
from typing import Any

import attrs

from ict_competence._checks import argument, in_range, instance_of, optional_of, tuple_of, unique
from ict_competence._lookup import Keyed, index, lookup
from ict_competence.errors import FieldError, RoadmapError
from ict_competence.flow._enums import Actor, Answer, Phase, StepKind, Variant
from ict_competence.text import LocalizedText, Provenance, count, summary

__all__ = ["ActorAdvice", "Branch", "Roadmap", "Step", "StepText", "step_number"]

#: Accepts a step's number as the flowchart shows it, 1 … 99 (for moves and assessments too).
step_number = in_range(1, 99)


def _listed(numbers: list[int]) -> str:
    ordered = sorted(numbers)
    if len(ordered) == 1:
        return f"step {ordered[0]}"
    return "steps " + ", ".join(str(number) for number in ordered)


@attrs.frozen(kw_only=True)
class _Passage:
    """A text of the roadmap and where it comes from.

    Attributes:
        text: the text; for the built-in roadmap the Dutch is verbatim from seed 004.
        provenance: where the text comes from.
    """

    text: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    provenance: Provenance | None = attrs.field(default=None, validator=optional_of(Provenance))


@attrs.frozen(kw_only=True)
class ActorAdvice(_Passage):
    """What a branch of a step advises one actor (or, without an actor, the school).

    For the built-in roadmap the advice is without the actor's name in front.

    Attributes:
        actor: who the advice is for; ``None`` when the seed addresses no one in particular
            (the recruit / outsource advice of step 6).
    """

    actor: Actor | None = attrs.field(default=None, validator=optional_of(Actor))


@attrs.frozen(kw_only=True)
class StepText(_Passage):
    """The body of a step beyond its title, for one variant of the step or for every variant.

    Attributes:
        variant: the variant this text belongs to; ``None`` for a text that always applies.
    """

    variant: Variant | None = attrs.field(default=None, validator=optional_of(Variant))


@attrs.frozen(kw_only=True)
class Branch:
    """One way out of a step: the answer that takes it, the advice it gives and where it leads.

    Attributes:
        answer: ``YES`` or ``NO`` on a check, ``DONE`` on an action or the evaluation.
        next: the step it leads to. On a ``NO`` branch, the step's own number pauses the
            session there (a precondition not met yet); ``None`` ends the cycle (only the
            evaluation's branch).
        advice: what the branch advises, per actor.
        variant: the variant of later steps this branch chooses (step 4), if any.

    >>> branch = Branch(answer=Answer.YES, next=2)
    >>> branch.next, branch.advice
    (2, ())
    """

    answer: Answer = attrs.field(validator=instance_of(Answer))
    next: int | None = attrs.field(default=None, validator=attrs.validators.optional(step_number))
    advice: tuple[ActorAdvice, ...] = attrs.field(
        default=(), validator=[tuple_of(ActorAdvice), unique(lambda advice: advice.actor)]
    )
    variant: Variant | None = attrs.field(default=None, validator=optional_of(Variant))


_BRANCHES_OF_KIND = {
    StepKind.CHECK: (Answer.YES, Answer.NO),
    StepKind.ACTION: (Answer.DONE,),
    StepKind.EVALUATION: (Answer.DONE,),
}


@attrs.frozen(kw_only=True)
class Step:
    """One step of the roadmap (stappenplan): a check, an action, or the evaluation.

    Attributes:
        number: the step's number, 1 … 99, as the flowchart shows it.
        kind: check (yes/no question), action, or evaluation.
        phase: the stage of the roadmap the step belongs to.
        title: the flowchart box's heading, verbatim from the seed for the built-in roadmap.
        question: for a check, the yes/no question itself.
        texts: the step's body, per variant (step 5) or for all variants (step 8).
        branches: the ways out: ``yes`` and ``no`` for a check, ``done`` otherwise.
        start: whether the roadmap starts here; exactly one step does.
        provenance: where the step comes from.

    >>> from ict_competence.flow import load_roadmap
    >>> step = load_roadmap().step(3)
    >>> step.title.nl, step.branch(Answer.NO).next
    ('Check: ICT-beleidsplan?', 3)
    """

    number: int = attrs.field(validator=step_number)
    kind: StepKind = attrs.field(validator=instance_of(StepKind))
    phase: Phase = attrs.field(validator=instance_of(Phase))
    title: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    question: LocalizedText | None = attrs.field(default=None, validator=optional_of(LocalizedText))
    texts: tuple[StepText, ...] = attrs.field(
        default=(), validator=[tuple_of(StepText), unique(lambda text: text.variant)]
    )
    branches: tuple[Branch, ...] = attrs.field(validator=tuple_of(Branch))
    start: bool = attrs.field(default=False, validator=instance_of(bool))
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))

    @branches.validator
    def _branches_fit_kind(
        self, attribute: attrs.Attribute[Any], value: tuple[Branch, ...]
    ) -> None:
        expected = _BRANCHES_OF_KIND[self.kind]
        found = [branch.answer for branch in value]
        if sorted(a.value for a in found) != sorted(a.value for a in expected):
            raise FieldError(
                attribute.name,
                f"step {self.number} is {'a' if self.kind is StepKind.CHECK else 'an'} "
                f"{self.kind.value}: it needs exactly the branches "
                f"{' and '.join(a.value for a in expected)}, found "
                f"{', '.join(a.value for a in found) or 'none'}",
            )
        for branch in value:
            if self.kind is StepKind.EVALUATION and branch.next is not None:
                raise FieldError(
                    attribute.name,
                    f"step {self.number} is the evaluation: completing it ends the cycle, "
                    f"so its branch has no next step (found {branch.next})",
                )
            if self.kind is not StepKind.EVALUATION and branch.next is None:
                raise FieldError(
                    attribute.name,
                    f"step {self.number}: branch {branch.answer.value} needs a next step; "
                    "only the evaluation ends the cycle",
                )
            if branch.answer is not Answer.NO and branch.next == self.number:
                raise FieldError(
                    attribute.name,
                    f"step {self.number}: only a no may pause at the step; "
                    f"branch {branch.answer.value} must lead to another step",
                )

    def branch(self, answer: Answer) -> Branch:
        """The branch this answer takes.

        Raises:
            UnknownCodeError: the step has no such branch (``yes`` on an action, say).
        """
        argument("answer", answer, Answer)
        return lookup(self._branches, answer.value, f"branch of step {self.number}")

    @cached_property
    def _branches(self) -> Mapping[str, Branch]:
        return index(self.branches, lambda branch: branch.answer.value)

    def text(self, variant: Variant | None = None) -> LocalizedText | None:
        """The body for this variant: its own text, else the text for all variants, else None.

        >>> from ict_competence.flow import load_roadmap
        >>> load_roadmap().step(5).text(Variant.SCHOOL_GROUP).nl[:44]
        'In welke mate zijn alle taken van toepassing'
        """
        argument("variant", variant, Variant, type(None))
        common = None
        for text in self.texts:
            if text.variant is variant and variant is not None:
                return text.text
            if text.variant is None:
                common = text.text
        return common

    def pauses(self, branch: Branch) -> bool:
        """Whether taking ``branch`` leaves the session paused at this step."""
        argument("branch", branch, Branch)
        return branch.next == self.number


def _at_least_one_step(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not value:
        raise FieldError(attribute.name, "expected at least one step")


@attrs.frozen(kw_only=True)
class Roadmap(Keyed[int, Step]):
    """The roadmap (stappenplan): its steps, checked as a flow when it is built.

    Like python-statemachine's factory, building a roadmap checks that exactly one step
    is the start, exactly one is the evaluation, every step can be reached from the
    start, no step is a trap (a step from which the evaluation cannot be reached), and
    no loop (other than a paused step waiting on itself) keeps a path from the
    evaluation. Every problem names its step numbers.

    Attributes:
        title: the roadmap's title.
        steps: the steps, in the order they are listed.
        provenance: where the roadmap comes from.

    Raises:
        RoadmapError: the steps do not form a valid flow.

    >>> from ict_competence.flow import load_roadmap
    >>> built_in = load_roadmap()
    >>> built_in.title.nl, len(built_in.steps), built_in.start.number, built_in.evaluation.number
    ('Naar teamgerichte ICT-coördinatie op school', 8, 1, 8)
    """

    _entries_field = "steps"
    _key_field = "number"
    _kind = "step"

    title: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    steps: tuple[Step, ...] = attrs.field(validator=[tuple_of(Step), _at_least_one_step])
    provenance: Provenance | None = attrs.field(default=None, validator=optional_of(Provenance))

    def __repr__(self) -> str:
        return summary("Roadmap", count(len(self.steps), "step"), f"starts at {self.start.number}")

    def __attrs_post_init__(self) -> None:
        problems, steps = _flow_problems(self.steps)
        if problems:
            raise RoadmapError(problems, steps)

    def step(self, number: int) -> Step:
        """The step with this number.

        Raises:
            UnknownCodeError: there is no such step; the error lists the step numbers.
            FieldError: ``number`` is no whole number.
        """
        argument("number", number, int)
        return self._get(number)

    @property
    def start(self) -> Step:
        """The step every session starts at."""
        return next(step for step in self.steps if step.start)

    @property
    def evaluation(self) -> Step:
        """The closing step: completing it ends a cycle, and steps are revisited from it."""
        return next(step for step in self.steps if step.kind is StepKind.EVALUATION)


_Problem = tuple[list[int], str]


def _flow_problems(steps: tuple[Step, ...]) -> tuple[list[str], list[int]]:
    """Every way the steps fail to form a flow, in words, and the step numbers involved."""
    found = _numbering_problems(steps)
    if not found:  # the graph checks need each number to mean one step
        found = _graph_problems(steps)
    problems = [
        f"{_listed(numbers)}: {message}" if numbers else message for numbers, message in found
    ]
    return problems, [number for numbers, _ in found for number in numbers]


def _numbering_problems(steps: tuple[Step, ...]) -> list[_Problem]:
    counts = Counter(step.number for step in steps)
    repeated = [number for number, count in counts.items() if count > 1]
    return [(repeated, "the step number occurs more than once")] if repeated else []


def _exactly_one(numbers: list[int], what: str, remedy: str) -> list[_Problem]:
    if not numbers:
        return [([], f"no step is {what}; {remedy}")]
    if len(numbers) > 1:
        return [(numbers, f"more than one step is {what}; exactly one may be")]
    return []


def _graph_problems(steps: tuple[Step, ...]) -> list[_Problem]:
    starts = [step.number for step in steps if step.start]
    evaluations = [step.number for step in steps if step.kind is StepKind.EVALUATION]
    found = _exactly_one(starts, "marked as the start", "mark exactly one with start = true")
    found += _exactly_one(evaluations, "the evaluation", "exactly one must have kind evaluation")

    # Pauses (a step leading to itself) and the end of the cycle are no edges of the flow.
    edges: dict[int, set[int]] = {step.number: set() for step in steps}
    for step in steps:
        for branch in step.branches:
            if branch.next in edges and branch.next != step.number:
                edges[step.number].add(branch.next)
            elif branch.next is not None and branch.next != step.number:
                found.append(
                    (
                        [step.number],
                        f"branch {branch.answer.value} leads to step {branch.next}, "
                        "which does not exist",
                    )
                )

    if len(starts) == 1:
        unreachable = sorted(set(edges) - _closure(starts[0], edges))
        if unreachable:
            found.append((unreachable, f"cannot be reached from the start (step {starts[0]})"))
    if len(evaluations) == 1:
        reverse: dict[int, set[int]] = {number: set() for number in edges}
        for number, targets in edges.items():
            for target in targets:
                reverse[target].add(number)
        traps = sorted(set(edges) - _closure(evaluations[0], reverse))
        if traps:
            found.append(
                (
                    traps,
                    f"a trap: no path from there reaches the evaluation (step {evaluations[0]})",
                )
            )
    looping = sorted(
        number for number in edges if any(number in _closure(t, edges) for t in edges[number])
    )
    if looping:
        found.append(
            (looping, "on a loop: a path can go round it without ever reaching the evaluation")
        )
    return found


def _closure(origin: int, edges: dict[int, set[int]]) -> set[int]:
    """The steps reachable from ``origin`` (itself included) along ``edges``."""
    seen = {origin}
    todo = [origin]
    while todo:
        for target in edges[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen
