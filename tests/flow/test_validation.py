import re

import pytest
from hypothesis import given

from ict_competence import from_json, to_json
from ict_competence.errors import ContentError, FieldError, IctCompetenceError
from ict_competence.flow import (
    Answer,
    Branch,
    Phase,
    Roadmap,
    RoadmapError,
    Step,
    StepKind,
)
from ict_competence.text import LocalizedText, Provenance

from .strategies import roadmaps

HERE = Provenance("test", "inline")


def check(number: int, yes: int, no: int, *, start: bool = False) -> Step:
    return Step(
        number=number,
        kind=StepKind.CHECK,
        phase=Phase.PRECONDITIONS,
        title=LocalizedText(f"Check {number}?"),
        branches=(Branch(answer=Answer.YES, next=yes), Branch(answer=Answer.NO, next=no)),
        start=start,
        provenance=HERE,
    )


def action(number: int, then: int, *, start: bool = False) -> Step:
    return Step(
        number=number,
        kind=StepKind.ACTION,
        phase=Phase.PEOPLE_AND_MEANS,
        title=LocalizedText(f"Do {number}"),
        branches=(Branch(answer=Answer.DONE, next=then),),
        start=start,
        provenance=HERE,
    )


def evaluation(number: int, *, start: bool = False) -> Step:
    return Step(
        number=number,
        kind=StepKind.EVALUATION,
        phase=Phase.EXECUTION_AND_EVALUATION,
        title=LocalizedText("Evaluate"),
        branches=(Branch(answer=Answer.DONE),),
        start=start,
        provenance=HERE,
    )


def build(*steps: Step) -> Roadmap:
    return Roadmap(title=LocalizedText("Test"), steps=steps)


def test_a_small_sound_roadmap_is_accepted():
    small = build(check(1, 2, 1, start=True), action(2, 3), evaluation(3))

    assert small.start.number == 1
    assert small.evaluation.number == 3


def test_an_unreachable_step_is_named():
    with pytest.raises(
        RoadmapError, match=r"step 3: cannot be reached from the start \(step 1\)"
    ) as raised:
        build(check(1, 2, 1, start=True), evaluation(2), action(3, 2))

    assert raised.value.steps == (3,)


def test_unreachable_steps_on_a_loop_of_their_own_are_named():
    with pytest.raises(RoadmapError, match="steps 3, 4: cannot be reached") as raised:
        build(check(1, 2, 1, start=True), evaluation(2), check(3, 4, 2), action(4, 3))

    assert raised.value.steps == (3, 4)


def test_a_trap_step_is_named():
    with pytest.raises(
        RoadmapError, match=r"step 3: a trap: no path from there reaches the evaluation \(step 2\)"
    ) as raised:
        build(check(1, 2, 3, start=True), evaluation(2), check(3, 9, 3))

    assert raised.value.steps == (3,)


def test_two_starts_are_named():
    with pytest.raises(
        RoadmapError, match="steps 1, 3: more than one step is marked as the start"
    ) as raised:
        build(check(1, 2, 1, start=True), evaluation(2), action(3, 2, start=True))

    assert raised.value.steps == (1, 3)


def test_a_roadmap_without_a_start_is_refused():
    with pytest.raises(RoadmapError, match="no step is marked as the start"):
        build(check(1, 2, 1), evaluation(2))


def test_a_roadmap_without_an_evaluation_is_refused():
    with pytest.raises(RoadmapError, match="no step is the evaluation"):
        build(check(1, 2, 1, start=True), check(2, 1, 2))


def test_two_evaluations_are_named():
    with pytest.raises(
        RoadmapError, match="steps 2, 3: more than one step is the evaluation"
    ) as raised:
        build(check(1, 2, 3, start=True), evaluation(2), evaluation(3))

    assert raised.value.steps == (2, 3)


def test_a_branch_to_a_missing_step_is_named():
    with pytest.raises(
        RoadmapError, match="step 1: branch no leads to step 7, which does not exist"
    ) as raised:
        build(check(1, 2, 7, start=True), evaluation(2))

    assert 1 in raised.value.steps


def test_a_repeated_step_number_is_named():
    with pytest.raises(
        RoadmapError, match="step 2: the step number occurs more than once"
    ) as raised:
        build(check(1, 2, 1, start=True), evaluation(2), action(2, 1))

    assert raised.value.steps == (2,)


def test_a_loop_that_can_go_round_forever_is_named():
    with pytest.raises(RoadmapError, match="steps 1, 3: on a loop") as raised:
        build(check(1, 2, 3, start=True), evaluation(2), action(3, 1))

    assert raised.value.steps == (1, 3)


def test_every_problem_is_reported_at_once():
    with pytest.raises(RoadmapError) as raised:
        build(check(1, 2, 1), evaluation(2), evaluation(3), action(4, 9))

    assert len(raised.value.problems) == 3
    assert "no step is marked as the start" in str(raised.value)


def test_a_roadmap_error_is_a_content_error_of_the_library():
    with pytest.raises(RoadmapError) as raised:
        build(check(1, 2, 1), evaluation(2))

    assert isinstance(raised.value, ContentError)
    assert isinstance(raised.value, IctCompetenceError)


def test_a_check_needs_a_yes_and_a_no_branch():
    with pytest.raises(
        FieldError,
        match="branches: step 4 is a check: it needs exactly the branches yes and no, found done",
    ):
        Step(
            number=4,
            kind=StepKind.CHECK,
            phase=Phase.PEOPLE_AND_MEANS,
            title=LocalizedText("?"),
            branches=(Branch(answer=Answer.DONE, next=5),),
            provenance=HERE,
        )


def test_an_action_needs_exactly_a_done_branch():
    with pytest.raises(
        FieldError, match="step 5 is an action: it needs exactly the branches done, found none"
    ):
        Step(
            number=5,
            kind=StepKind.ACTION,
            phase=Phase.PEOPLE_AND_MEANS,
            title=LocalizedText("Do"),
            branches=(),
            provenance=HERE,
        )


def test_the_evaluation_ends_the_cycle_rather_than_leading_on():
    with pytest.raises(FieldError, match="step 8 is the evaluation: completing it ends the cycle"):
        Step(
            number=8,
            kind=StepKind.EVALUATION,
            phase=Phase.EXECUTION_AND_EVALUATION,
            title=LocalizedText("Evaluate"),
            branches=(Branch(answer=Answer.DONE, next=1),),
            provenance=HERE,
        )


def test_only_the_evaluation_may_end_the_cycle():
    with pytest.raises(FieldError, match="step 2: branch yes needs a next step"):
        Step(
            number=2,
            kind=StepKind.CHECK,
            phase=Phase.PRECONDITIONS,
            title=LocalizedText("?"),
            branches=(Branch(answer=Answer.YES), Branch(answer=Answer.NO, next=2)),
            provenance=HERE,
        )


def test_an_action_cannot_wait_on_itself():
    with pytest.raises(
        FieldError,
        match="step 5: only a no may pause at the step; branch done must lead to another step",
    ):
        action(5, 5)


def test_a_yes_cannot_wait_on_itself():
    with pytest.raises(FieldError, match="step 2: only a no may pause at the step; branch yes"):
        check(2, 2, 3)


def test_step_numbers_run_from_one_to_ninety_nine():
    with pytest.raises(FieldError, match="number: expected a whole number 1–99, found 100"):
        evaluation(100)
    with pytest.raises(FieldError, match="next: expected a whole number 1–99, found 0"):
        Branch(answer=Answer.YES, next=0)


def test_a_branch_advises_each_actor_once():
    from ict_competence.flow import Actor, ActorAdvice

    twice = ActorAdvice(actor=Actor.DIRECTIE, text=LocalizedText("Doe iets."))

    with pytest.raises(
        FieldError, match=re.escape("advice: <Actor.DIRECTIE: 'directie'> occurs more than once")
    ):
        Branch(answer=Answer.NO, next=1, advice=(twice, twice))


@given(roadmaps())
def test_generated_roadmaps_are_valid_and_round_trip_through_json(generated):
    loaded = from_json(Roadmap, to_json(generated))

    assert loaded == generated
    assert loaded.start.start
    assert loaded.evaluation.kind is StepKind.EVALUATION


def test_a_roadmap_in_json_that_breaks_the_flow_is_refused_with_its_path():
    from ict_competence.errors import SerializationError

    sound = build(check(1, 2, 1, start=True), evaluation(2))
    text = to_json(sound).replace('"start": true', '"start": false')

    with pytest.raises(SerializationError, match=r"\$: roadmap:\n  no step is marked as the start"):
        from_json(Roadmap, text)
