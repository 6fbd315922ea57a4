"""A school's way through the roadmap: an immutable session that replays its moves."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import attrs

from ict_competence._checks import argument, hidden, instance_of, optional_of, tuple_of
from ict_competence._display import html_fragment
from ict_competence.errors import FieldError, MoveError
from ict_competence.flow._enums import Actor, Answer, SessionStatus, StepKind, Variant
from ict_competence.flow._evidence import Assessment, Assessor, Evidence
from ict_competence.flow._loader import load_roadmap
from ict_competence.flow._model import Roadmap, Step, step_number
from ict_competence.text import LocalizedText, summary

__all__ = ["Advice", "Move", "RoadmapSession"]


@attrs.frozen(kw_only=True)
class Move:
    """One move of a session: an answer, a completion, or a revisit, with its note.

    Attributes:
        step: the step the session was at when the move was made.
        answer: ``YES`` / ``NO`` on a check, ``DONE`` on an action or the evaluation;
            ``None`` for a revisit.
        revisit: the step gone back to from the evaluation; ``None`` otherwise.
        note: the school's own note on the move (may be personal data: never logged, and
            the ``repr`` shows ``<note>`` in its place).
        evidence: what the answer was based on, when data gave it.

    >>> Move(step=2, answer=Answer.NO, note="Jan is ziek")
    Move(step=2, answer=<Answer.NO: 'no'>, revisit=None, note=<note>, evidence=None)
    """

    step: int = attrs.field(validator=step_number)
    answer: Answer | None = attrs.field(default=None, validator=optional_of(Answer))
    revisit: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(step_number)
    )
    note: str | None = attrs.field(
        default=None, validator=optional_of(str, private=True), repr=hidden("note")
    )
    evidence: Evidence | None = attrs.field(default=None, validator=optional_of(Evidence))

    @revisit.validator
    def _answer_or_revisit(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if (value is None) == (self.answer is None):
            raise FieldError(attribute.name, "a move is either an answer or a revisit")


@attrs.frozen(kw_only=True)
class Advice:
    """One piece of advice a session gathered: at which step, for whom, and what.

    Attributes:
        step: the number of the step whose branch gave it.
        actor: who it is for; ``None`` when the source addresses the school as a whole.
        text: the advice.
    """

    step: int = attrs.field(validator=step_number)
    actor: Actor | None = attrs.field(validator=optional_of(Actor))
    text: LocalizedText = attrs.field(validator=instance_of(LocalizedText))


@attrs.frozen(kw_only=True)
class _State:
    """What replaying a session's moves arrives at."""

    current: int
    status: SessionStatus
    variant: Variant | None
    cycle: int
    advice: tuple[Advice, ...]
    cycle_start: int


def _accepts(roadmap: Roadmap, state: _State) -> str:
    step = roadmap.step(state.current)
    revisitable = ", ".join(str(s.number) for s in roadmap.steps if s is not roadmap.evaluation)
    if state.status is SessionStatus.CYCLE_COMPLETE:
        return f"revisit(step) with one of steps {revisitable}, or undo()"
    if step.kind is StepKind.EVALUATION:
        return f"complete() or revisit(step) with one of steps {revisitable}"
    return step.kind.accepts


def _advance(roadmap: Roadmap, state: _State, move: Move, index: int) -> _State:
    """The state after ``move``, or a :class:`MoveError` saying why the move does not fit."""
    step = roadmap.step(state.current)
    if move.step != step.number:
        raise MoveError(
            step.number,
            f"the move was made at step {move.step}, but the session is here",
            _accepts(roadmap, state),
        )
    answer = move.answer
    if answer is None:
        return _revisit(roadmap, state, move.revisit, index)
    if state.status is SessionStatus.CYCLE_COMPLETE:
        raise MoveError(step.number, "the cycle is complete", _accepts(roadmap, state))
    if (answer is Answer.DONE) != (step.kind is not StepKind.CHECK):
        wrong = (
            "a check is answered yes or no, not completed"
            if step.kind is StepKind.CHECK
            else f"the {step.kind.value} is completed, not answered yes or no"
        )
        raise MoveError(step.number, wrong, _accepts(roadmap, state))
    branch = step.branch(answer)
    advice = state.advice + tuple(
        new
        for new in (Advice(step=step.number, actor=a.actor, text=a.text) for a in branch.advice)
        if new not in state.advice
    )
    variant = branch.variant or state.variant
    if branch.next is None:
        return attrs.evolve(
            state, status=SessionStatus.CYCLE_COMPLETE, variant=variant, advice=advice
        )
    status = SessionStatus.PAUSED if step.pauses(branch) else SessionStatus.IN_PROGRESS
    return attrs.evolve(state, current=branch.next, status=status, variant=variant, advice=advice)


def _revisit(roadmap: Roadmap, state: _State, target: int | None, index: int) -> _State:
    step = roadmap.step(state.current)
    if step.kind is not StepKind.EVALUATION:
        raise MoveError(
            step.number,
            f"steps are revisited from the evaluation (step {roadmap.evaluation.number})",
            _accepts(roadmap, state),
        )
    if target is None or target not in roadmap or target == roadmap.evaluation.number:
        raise MoveError(
            step.number,
            f"there is no step {target} before the evaluation to go back to",
            _accepts(roadmap, state),
        )
    return attrs.evolve(
        state,
        current=target,
        status=SessionStatus.IN_PROGRESS,
        cycle=state.cycle + 1,
        cycle_start=index + 1,
    )


def _built_in_as_none(definition: Roadmap | None) -> Roadmap | None:
    """``None`` for the built-in roadmap or a copy of it, so such sessions are one value."""
    return None if definition == load_roadmap() else definition


@attrs.frozen(kw_only=True, repr=False)
class RoadmapSession:
    """A school's way through the roadmap: an immutable value that every move replaces.

    The session stores only its moves (and, for a school's own roadmap, the roadmap);
    the current step, status, variant, advice and cycle follow by replaying them, so
    :meth:`undo` returns exactly the session before the last move and a session saved
    with :func:`~ict_competence.to_json` resumes where it stopped.

    Attributes:
        history: every move made so far, with its note and evidence.
        definition: the roadmap followed; ``None`` for the built-in one, which is then
            not copied into the session's JSON. A roadmap equal to the built-in one is
            stored as ``None`` too, so the session equals one made by :meth:`start`.

    Raises:
        FieldError: the moves do not replay on the roadmap (``history[3]: step 5: …``).

    >>> session = RoadmapSession.start()
    >>> session = session.answer(True).answer(False, note="vision still being drafted")
    >>> session.current.number, session.status.value
    (2, 'paused')
    >>> [advice.actor.value for advice in session.advice]
    ['directie', 'ict_coordinator']
    >>> session.undo() == RoadmapSession.start().answer(True)
    True
    """

    history: tuple[Move, ...] = attrs.field(default=(), validator=tuple_of(Move))
    definition: Roadmap | None = attrs.field(
        default=None, converter=_built_in_as_none, validator=optional_of(Roadmap)
    )

    def __attrs_post_init__(self) -> None:
        _ = self._state  # a session that does not replay is refused when it is made

    @classmethod
    def start(cls, roadmap: Roadmap | None = None) -> RoadmapSession:
        """A new session at the start of ``roadmap`` (the built-in one by default)."""
        return cls(definition=roadmap)

    @cached_property
    def _state(self) -> _State:
        state = _State(
            current=self.roadmap.start.number,
            status=SessionStatus.IN_PROGRESS,
            variant=None,
            cycle=1,
            advice=(),
            cycle_start=0,
        )
        for index, move in enumerate(self.history):
            try:
                state = _advance(self.roadmap, state, move, index)
            except MoveError as exc:
                raise FieldError(f"history[{index}]", str(exc)) from None
        return state

    def __repr__(self) -> str:
        # Notes may hold personal data, so the repr shows where the session is, not its moves.
        own = () if self.definition is None else ("own roadmap",)
        return summary(
            "RoadmapSession",
            f"at step {self.current.number}",
            self.status.value,
            f"cycle {self.cycle}",
            f"{len(self.history)} moves",
            *own,
        )

    def _repr_html_(self) -> str:
        return html_fragment(self)

    @property
    def roadmap(self) -> Roadmap:
        """The roadmap the session follows."""
        return self.definition if self.definition is not None else load_roadmap()

    @property
    def current(self) -> Step:
        """The step the session is at (after a completed cycle: the evaluation)."""
        return self.roadmap.step(self._state.current)

    @property
    def status(self) -> SessionStatus:
        """In progress, paused on a precondition, or cycle complete."""
        return self._state.status

    @property
    def variant(self) -> Variant | None:
        """The variant of step 5 chosen at step 4; ``None`` until step 4 is answered."""
        return self._state.variant

    @property
    def cycle(self) -> int:
        """How many times the school has gone through the roadmap: 1, then +1 per revisit."""
        return self._state.cycle

    @property
    def advice(self) -> tuple[Advice, ...]:
        """Everything advised so far, in the order it was first given, without repeats."""
        return self._state.advice

    @property
    def path(self) -> tuple[Move, ...]:
        """The moves of the current cycle (from the start, or from the last revisit on)."""
        return self.history[self._state.cycle_start :]

    @property
    def text(self) -> LocalizedText | None:
        """The current step's body in the session's variant (step 5's two forms differ)."""
        return self.current.text(self.variant)

    def _move(self, move: Move) -> RoadmapSession:
        _advance(self.roadmap, self._state, move, len(self.history))
        return attrs.evolve(self, history=(*self.history, move))

    def answer(
        self, yes: bool, note: str | None = None, evidence: Evidence | None = None
    ) -> RoadmapSession:
        """Answer the current check: ``yes=True`` or ``yes=False``.

        A "no" at a precondition pauses the session at the same step with that step's
        advice; answer it again once the school has worked on it.

        Raises:
            MoveError: the current step is not a check, or the cycle is complete.
        """
        if not isinstance(yes, bool):
            raise MoveError(
                self.current.number,
                f"expected yes=True or yes=False, found {yes!r}",
                _accepts(self.roadmap, self._state),
            )
        answer = Answer.YES if yes else Answer.NO
        return self._move(
            Move(step=self.current.number, answer=answer, note=note, evidence=evidence)
        )

    def complete(self, note: str | None = None, evidence: Evidence | None = None) -> RoadmapSession:
        """Mark the current action (or the evaluation, ending the cycle) as done.

        Raises:
            MoveError: the current step is a check, or the cycle is complete.
        """
        return self._move(
            Move(step=self.current.number, answer=Answer.DONE, note=note, evidence=evidence)
        )

    def revisit(self, step: int, note: str | None = None) -> RoadmapSession:
        """Go back from the evaluation to ``step`` to repeat it; this starts a new cycle.

        Raises:
            MoveError: the session is not at the evaluation, or there is no such step.
        """
        # Checked before the move is made, so a step out of range reads as a move that
        # does not fit rather than as a malformed move.
        argument("step", step, int)
        _revisit(self.roadmap, self._state, step, len(self.history))
        return self._move(Move(step=self.current.number, revisit=step, note=note))

    def undo(self) -> RoadmapSession:
        """The session exactly as it was before the last move.

        Raises:
            MoveError: no move has been made yet.
        """
        if not self.history:
            raise MoveError(
                self.current.number,
                "there is nothing to undo: no move has been made yet",
                _accepts(self.roadmap, self._state),
            )
        return attrs.evolve(self, history=self.history[:-1])

    def apply(self, assessment: Assessment, note: str | None = None) -> RoadmapSession:
        """Record an assessor's answer for the current step, with its evidence.

        Raises:
            MoveError: the assessment is for another step, or does not fit this one.
            FieldError: ``assessment`` is no Assessment.
        """
        argument("assessment", assessment, Assessment)
        if assessment.step != self.current.number:
            raise MoveError(
                self.current.number,
                f"the assessment is for step {assessment.step}",
                _accepts(self.roadmap, self._state),
            )
        return self._move(
            Move(
                step=assessment.step,
                answer=assessment.answer,
                note=note,
                evidence=assessment.evidence,
            )
        )

    def assess(self, *assessors: Assessor, note: str | None = None) -> RoadmapSession:
        """Let the first assessor with an answer for the current step answer it.

        Returns the session unchanged when none of them has an answer.

        Raises:
            FieldError: an assessor has no ``assess`` method, or answers with something
                other than an Assessment or None.
        """
        for i, assessor in enumerate(assessors):
            if not callable(getattr(assessor, "assess", None)):
                raise FieldError(
                    f"assessors[{i}]",
                    f"expected an Assessor (with assess(session)), found {assessor!r}",
                )
        for assessor in assessors:
            assessment = assessor.assess(self)
            if assessment is not None:
                return self.apply(assessment, note=note)
        return self
