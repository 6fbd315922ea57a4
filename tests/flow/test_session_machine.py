import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from ict_competence import from_json, to_json
from ict_competence.flow import (
    Answer,
    Evidence,
    Move,
    MoveError,
    Roadmap,
    RoadmapSession,
    SessionStatus,
    StepKind,
)

from .strategies import evidences, notes, roadmaps


class RoadmapSessionMachine(RuleBasedStateMachine):
    """Random answers, completions, revisits, undos and saves on the built-in or an own roadmap."""

    def __init__(self) -> None:
        super().__init__()
        self.session = RoadmapSession.start()
        self.before: list[RoadmapSession] = []

    @initialize(own=st.one_of(st.none(), roadmaps()))
    def start(self, own: Roadmap | None) -> None:
        self.session = RoadmapSession.start(own)
        self.before = []

    def made(self, after: RoadmapSession, move: Move) -> None:
        assert after.history == (*self.session.history, move)
        self.before.append(self.session)
        self.session = after

    @rule(yes=st.booleans(), note=notes, evidence=st.one_of(st.none(), evidences))
    def answer(self, yes: bool, note: str | None, evidence: Evidence | None) -> None:
        step = self.session.current
        if step.kind is not StepKind.CHECK or self.session.status is SessionStatus.CYCLE_COMPLETE:
            with pytest.raises(MoveError) as raised:
                self.session.answer(yes, note=note, evidence=evidence)
            assert raised.value.step == step.number
            return

        after = self.session.answer(yes, note=note, evidence=evidence)

        branch = step.branch(Answer.YES if yes else Answer.NO)
        if branch.next == step.number:
            assert after.status is SessionStatus.PAUSED
            assert after.current == step
        else:
            assert after.status is SessionStatus.IN_PROGRESS
            assert after.current.number == branch.next
        self.made(after, Move(step=step.number, answer=branch.answer, note=note, evidence=evidence))

    @rule(note=notes)
    def complete(self, note: str | None) -> None:
        step = self.session.current
        if step.kind is StepKind.CHECK or self.session.status is SessionStatus.CYCLE_COMPLETE:
            with pytest.raises(MoveError) as raised:
                self.session.complete(note=note)
            assert raised.value.step == step.number
            return

        after = self.session.complete(note=note)

        if step.kind is StepKind.EVALUATION:
            assert after.status is SessionStatus.CYCLE_COMPLETE
            assert after.current == step
        else:
            assert after.current.number == step.branch(Answer.DONE).next
        self.made(after, Move(step=step.number, answer=Answer.DONE, note=note))

    @rule(data=st.data(), note=notes)
    def revisit(self, data: st.DataObject, note: str | None) -> None:
        roadmap = self.session.roadmap
        target = data.draw(
            st.one_of(st.sampled_from([step.number for step in roadmap]), st.integers(0, 100))
        )
        allowed = (
            self.session.current.kind is StepKind.EVALUATION
            and target in roadmap
            and target != roadmap.evaluation.number
        )
        if not allowed:
            with pytest.raises(MoveError):
                self.session.revisit(target, note=note)
            return

        after = self.session.revisit(target, note=note)

        assert after.current.number == target
        assert after.cycle == self.session.cycle + 1
        assert after.status is SessionStatus.IN_PROGRESS
        self.made(after, Move(step=self.session.current.number, revisit=target, note=note))

    @rule()
    def undo(self) -> None:
        if not self.before:
            with pytest.raises(MoveError):
                self.session.undo()
            return

        undone = self.session.undo()

        assert undone == self.before[-1]
        self.session = self.before.pop()

    @rule()
    def save_and_resume(self) -> None:
        loaded = from_json(RoadmapSession, to_json(self.session))

        assert loaded == self.session
        assert loaded.current == self.session.current
        assert loaded.status is self.session.status
        assert loaded.advice == self.session.advice
        self.session = loaded

    @invariant()
    def the_current_step_is_always_a_step_of_the_roadmap(self) -> None:
        current = self.session.current

        assert self.session.roadmap.step(current.number) is current
        if self.session.status is SessionStatus.PAUSED:
            assert current.kind is StepKind.CHECK
        if self.session.status is SessionStatus.CYCLE_COMPLETE:
            assert current.kind is StepKind.EVALUATION

    @invariant()
    def undo_inverts_the_last_move(self) -> None:
        if self.before:
            assert self.session.undo() == self.before[-1]

    @invariant()
    def a_cycle_reaches_the_evaluation_within_a_move_per_step(self) -> None:
        roadmap = self.session.roadmap
        onward = [
            move
            for move in self.session.path
            if move.answer is not None
            and not roadmap.step(move.step).pauses(roadmap.step(move.step).branch(move.answer))
        ]

        assert len({move.step for move in onward}) == len(onward) <= len(roadmap)


TestRoadmapSessionMachine = RoadmapSessionMachine.TestCase
TestRoadmapSessionMachine.settings = settings(
    TestRoadmapSessionMachine.settings, stateful_step_count=30
)
