import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ict_competence import from_json, to_json
from ict_competence.errors import FieldError, SerializationError
from ict_competence.flow import (
    Actor,
    Advice,
    Answer,
    Assessment,
    Evidence,
    Move,
    MoveError,
    Roadmap,
    RoadmapSession,
    SessionStatus,
    StepKind,
    Variant,
    load_roadmap,
)

from .strategies import roadmaps


def at_step(number: int, *, group: bool = False) -> RoadmapSession:
    """A session on the built-in roadmap that answered yes up to ``number``."""
    session = RoadmapSession.start()
    while session.current.number < number:
        if session.current.kind is StepKind.CHECK:
            session = session.answer(session.current.number != 4 or group)
        else:
            session = session.complete()
    return session


def test_a_new_session_is_in_progress_at_step_one():
    session = RoadmapSession.start()

    assert session.current.number == 1
    assert session.status is SessionStatus.IN_PROGRESS
    assert session.variant is None
    assert session.cycle == 1
    assert session.advice == ()
    assert session.history == ()
    assert session.roadmap is load_roadmap()


@pytest.mark.parametrize("number", [1, 2, 3])
def test_a_no_at_a_precondition_pauses_the_session_at_that_step_with_its_advice(number):
    session = at_step(number)

    paused = session.answer(False, note="nog niet")

    assert paused.current.number == number
    assert paused.status is SessionStatus.PAUSED
    assert {advice.actor for advice in paused.advice} == {Actor.DIRECTIE, Actor.ICT_COORDINATOR}
    assert all(advice.step == number for advice in paused.advice)


def test_a_yes_after_a_pause_goes_on():
    paused = at_step(2).answer(False)

    resumed = paused.answer(True)

    assert resumed.current.number == 3
    assert resumed.status is SessionStatus.IN_PROGRESS
    assert len(resumed.advice) == 2


def test_advice_given_twice_is_listed_once():
    once = at_step(1).answer(False)

    twice = once.answer(False)

    assert twice.advice == once.advice
    assert len(twice.history) == 2


def test_a_yes_at_step_four_chooses_the_school_group_form_of_step_five():
    session = at_step(4).answer(True)

    assert session.current.number == 5
    assert session.variant is Variant.SCHOOL_GROUP
    assert session.text == load_roadmap().step(5).text(Variant.SCHOOL_GROUP)


def test_a_no_at_step_four_chooses_the_single_school_form_of_step_five():
    session = at_step(4).answer(False)

    assert session.current.number == 5
    assert session.variant is Variant.SINGLE_SCHOOL
    assert session.status is SessionStatus.IN_PROGRESS
    assert session.text is not None
    assert "algemeen of coördinerend directeur" in session.text.nl


def test_a_no_at_step_six_advises_recruiting_or_outsourcing_and_goes_on_to_seven():
    session = at_step(6).answer(False)

    assert session.current.number == 7
    assert session.status is SessionStatus.IN_PROGRESS
    assert session.advice == (
        Advice(step=6, actor=None, text=load_roadmap().step(6).branch(Answer.NO).advice[0].text),
    )


def test_a_yes_at_step_six_goes_on_to_seven_without_advice():
    session = at_step(6).answer(True)

    assert session.current.number == 7
    assert session.advice == ()


def test_completing_step_seven_records_the_advice_to_the_directie():
    session = at_step(7).complete()

    assert session.current.number == 8
    assert [(advice.step, advice.actor) for advice in session.advice] == [(7, Actor.DIRECTIE)]


def test_completing_the_evaluation_ends_the_cycle():
    session = at_step(8).complete(note="goed verlopen")

    assert session.status is SessionStatus.CYCLE_COMPLETE
    assert session.current.number == 8
    assert session.history[-1].note == "goed verlopen"


def test_a_revisit_from_the_evaluation_goes_back_and_counts_a_new_cycle():
    session = at_step(8)

    again = session.revisit(5, note="taakverdeling bijsturen")

    assert again.current.number == 5
    assert again.cycle == 2
    assert again.status is SessionStatus.IN_PROGRESS
    assert again.path == ()
    assert again.history[-1] == Move(step=8, revisit=5, note="taakverdeling bijsturen")


def test_a_revisit_after_a_completed_cycle_keeps_the_variant_until_step_four_is_answered():
    complete = at_step(8, group=True).complete()

    again = complete.revisit(2)

    assert again.cycle == 2
    assert again.variant is Variant.SCHOOL_GROUP
    assert again.answer(True).answer(True).answer(False).variant is Variant.SINGLE_SCHOOL


def test_the_path_holds_the_moves_of_the_current_cycle():
    first = at_step(8).complete()

    second = first.revisit(6).answer(True)

    assert [move.step for move in first.path] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert second.path == (Move(step=6, answer=Answer.YES),)


def test_undo_returns_exactly_the_session_before_the_last_move():
    before = at_step(3)

    after = before.answer(False, note="plan in opmaak")

    assert after.undo() == before
    assert after.undo().status is SessionStatus.IN_PROGRESS


def test_undo_of_a_revisit_returns_to_the_evaluation():
    complete = at_step(8).complete()

    assert complete.revisit(1).undo() == complete


def test_notes_and_evidence_are_kept_in_the_history():
    evidence = Evidence(source="plan.team", basis="niemand kan TECH-04", items=("TECH-04",))

    session = at_step(6).answer(False, note="extern bekijken", evidence=evidence)

    assert session.history[-1] == Move(
        step=6, answer=Answer.NO, note="extern bekijken", evidence=evidence
    )


# --- moves that do not fit ---------------------------------------------------------------


def test_answering_an_action_names_the_step_and_what_it_accepts():
    with pytest.raises(
        MoveError,
        match=r"step 5: the action is completed, not answered yes or no; it accepts complete\(\)",
    ) as raised:
        at_step(5).answer(True)

    assert raised.value.step == 5
    assert raised.value.accepts == "complete()"


def test_completing_a_check_names_the_step_and_what_it_accepts():
    with pytest.raises(
        MoveError,
        match=r"step 2: a check is answered yes or no, not completed; "
        r"it accepts answer\(yes=True\) or answer\(yes=False\)",
    ):
        at_step(2).complete()


def test_an_answer_must_be_true_or_false():
    with pytest.raises(MoveError, match="step 1: expected yes=True or yes=False, found 'ja'"):
        RoadmapSession.start().answer("ja")  # type: ignore[arg-type]


def test_a_revisit_before_the_evaluation_is_refused():
    with pytest.raises(
        MoveError, match=r"step 3: steps are revisited from the evaluation \(step 8\)"
    ):
        at_step(3).revisit(1)


@pytest.mark.parametrize("target", [8, 9, 0])
def test_a_revisit_to_a_step_that_is_not_before_the_evaluation_is_refused(target):
    with pytest.raises(
        MoveError,
        match=rf"step 8: there is no step {target} before the evaluation to go back to; "
        r"it accepts complete\(\) or revisit\(step\) with one of steps 1, 2, 3, 4, 5, 6, 7",
    ):
        at_step(8).revisit(target)


def test_a_completed_cycle_accepts_only_a_revisit():
    complete = at_step(8).complete()

    with pytest.raises(
        MoveError,
        match=r"step 8: the cycle is complete; "
        r"it accepts revisit\(step\) with one of steps 1, 2, 3, 4, 5, 6, 7, or undo\(\)",
    ):
        complete.complete()


def test_undo_at_the_start_is_refused():
    with pytest.raises(MoveError, match="step 1: there is nothing to undo"):
        RoadmapSession.start().undo()


def test_a_move_is_either_an_answer_or_a_revisit():
    with pytest.raises(FieldError, match="revisit: a move is either an answer or a revisit"):
        Move(step=8, answer=Answer.DONE, revisit=2)
    with pytest.raises(FieldError, match="revisit: a move is either an answer or a revisit"):
        Move(step=8)


def test_a_history_that_does_not_replay_is_refused_naming_the_move():
    with pytest.raises(FieldError, match=r"history\[1\]: step 2: the move was made at step 3"):
        RoadmapSession(history=(Move(step=1, answer=Answer.YES), Move(step=3, answer=Answer.YES)))


# --- assessors ----------------------------------------------------------------------------


class ExpertiseFromTeam:
    """Answers step 6 from a list of tasks no one in the team can take."""

    def __init__(self, uncovered: tuple[str, ...]) -> None:
        self.uncovered = uncovered

    def assess(self, session: RoadmapSession) -> Assessment | None:
        if session.current.number != 6:
            return None
        basis = "every task has someone" if not self.uncovered else "some tasks have no one"
        return Assessment(
            step=6,
            answer=Answer.NO if self.uncovered else Answer.YES,
            evidence=Evidence(source="team", basis=basis, items=self.uncovered),
        )


class OverviewTailored:
    """Completes step 5 once the overview is tailored."""

    def assess(self, session: RoadmapSession) -> Assessment | None:
        if session.current.number != 5:
            return None
        return Assessment(
            step=5, answer=Answer.DONE, evidence=Evidence(source="overview", basis="tailored")
        )


def test_an_assessor_answers_a_check_from_data_and_the_session_records_its_evidence():
    session = at_step(6)

    assessed = session.assess(OverviewTailored(), ExpertiseFromTeam(("TECH-04",)))

    assert assessed.current.number == 7
    assert assessed.history[-1].answer is Answer.NO
    assert assessed.history[-1].evidence == Evidence(
        source="team", basis="some tasks have no one", items=("TECH-04",)
    )


def test_an_assessor_completes_an_action():
    session = at_step(5).assess(ExpertiseFromTeam(()), OverviewTailored(), note="op maat")

    assert session.current.number == 6
    assert session.history[-1].note == "op maat"
    assert session.history[-1].evidence == Evidence(source="overview", basis="tailored")


def test_a_session_no_assessor_can_answer_is_left_as_it_is():
    session = at_step(2)

    assert session.assess(ExpertiseFromTeam(()), OverviewTailored()) is session


def test_an_assessment_for_another_step_is_refused():
    assessment = Assessment(
        step=6, answer=Answer.YES, evidence=Evidence(source="team", basis="all covered")
    )

    with pytest.raises(MoveError, match="step 4: the assessment is for step 6"):
        at_step(4).apply(assessment)


def test_an_assessment_that_does_not_fit_the_step_is_refused():
    assessment = Assessment(step=5, answer=Answer.YES, evidence=Evidence(source="x", basis="y"))

    with pytest.raises(MoveError, match="step 5: the action is completed"):
        at_step(5).apply(assessment)


# --- saving and resuming --------------------------------------------------------------------


def test_a_session_on_the_built_in_roadmap_saves_only_its_moves():
    session = at_step(6).answer(False, note="wij zoeken extern")

    text = to_json(session)

    data = json.loads(text)
    assert data["definition"] is None
    assert set(data) == {"schema_version", "history", "definition"}
    assert "rekruteren" not in text
    assert from_json(RoadmapSession, text) == session


def test_a_session_started_on_a_copy_of_the_built_in_roadmap_refers_to_it():
    copy = from_json(Roadmap, to_json(load_roadmap()))

    session = RoadmapSession.start(copy)

    assert session.definition is None


@given(roadmaps())
def test_a_session_on_a_schools_own_roadmap_round_trips_with_the_roadmap(own):
    session = RoadmapSession.start(own)

    loaded = from_json(RoadmapSession, to_json(session))

    assert loaded == session
    assert loaded.roadmap == own


def test_a_saved_session_whose_moves_do_not_replay_is_refused_with_the_json_path():
    text = to_json(at_step(3)).replace('"step": 2', '"step": 4')

    with pytest.raises(
        SerializationError, match=r"\$\.history\[1\]: step 2: the move was made at step 4"
    ):
        from_json(RoadmapSession, text)


def test_the_repr_shows_where_the_session_is_but_not_its_notes():
    session = at_step(2).answer(False, note="Jan is ziek")

    shown = repr(session)

    assert shown == "<RoadmapSession at step 2, paused, cycle 1, 2 moves>"
    assert "Jan" not in shown


def test_the_repr_of_a_session_on_an_own_roadmap_says_so():
    own = from_json(
        Roadmap, to_json(load_roadmap()).replace("Stappenplan", "x").replace('"line 5"', '"eigen"')
    )

    assert repr(RoadmapSession.start(own)).endswith("0 moves, own roadmap>")


def test_a_session_made_on_the_built_in_roadmap_itself_equals_a_started_one():
    explicit = RoadmapSession(definition=load_roadmap()).answer(True).answer(False, note="later")

    started = RoadmapSession.start().answer(True).answer(False, note="later")

    assert explicit == started
    assert explicit.definition is None
    assert repr(explicit) == "<RoadmapSession at step 2, paused, cycle 1, 2 moves>"
    assert to_json(explicit) == to_json(started)
    assert len(to_json(explicit, indent=None)) < 300


def test_a_session_made_on_a_copy_of_the_built_in_roadmap_refers_to_it():
    copy = from_json(Roadmap, to_json(load_roadmap()))

    session = RoadmapSession(history=(Move(step=1, answer=Answer.YES),), definition=copy)

    assert session.definition is None
    assert session == RoadmapSession.start().answer(True)


def test_a_saved_session_carrying_the_built_in_roadmap_loads_as_one_referring_to_it():
    data = json.loads(to_json(at_step(3)))
    data["definition"] = json.loads(to_json(load_roadmap()))
    data["definition"].pop("schema_version")

    loaded = from_json(RoadmapSession, json.dumps(data))

    assert loaded.definition is None
    assert loaded == at_step(3)


def test_a_session_made_on_an_own_roadmap_keeps_it():
    own = from_json(Roadmap, to_json(load_roadmap()).replace("Naar teamgerichte", "Naar onze"))

    session = RoadmapSession(definition=own)

    assert own.title.nl.startswith("Naar onze")
    assert session.definition == own
    assert session != RoadmapSession.start()


def test_the_repr_of_a_history_shows_no_notes_or_evidence_basis():
    evidence = Evidence(source="plan.team", basis="Jan Peeters kan TECH-04 niet", items=("p-3",))
    session = at_step(6).answer(False, note="Jan Peeters is ziek", evidence=evidence)

    shown = repr(session.history) + str(session.history[-1]) + repr(evidence)

    assert "Jan" not in shown
    assert "note=<note>" in shown
    assert "basis=<basis>" in shown
    assert "source='plan.team'" in shown
    assert "items=('p-3',)" in shown


def test_the_repr_of_a_move_without_a_note_says_none():
    move = Move(step=1, answer=Answer.YES)

    assert repr(move) == (
        "Move(step=1, answer=<Answer.YES: 'yes'>, revisit=None, note=None, evidence=None)"
    )


# --- termination ----------------------------------------------------------------------------


def drive(session: RoadmapSession, answers: list[bool]) -> tuple[RoadmapSession, int]:
    """Answer checks from ``answers`` (then yes), complete actions, until the evaluation."""
    given_answers = iter(answers)
    moves = 0
    limit = len(answers) + len(session.roadmap) + 1
    while session.current.kind is not StepKind.EVALUATION and moves <= limit:
        if session.current.kind is StepKind.CHECK:
            session = session.answer(next(given_answers, True))
        else:
            session = session.complete()
        moves += 1
    return session, moves


@given(st.one_of(st.just(None), roadmaps()), st.lists(st.booleans(), max_size=20))
def test_every_sequence_of_answers_reaches_the_evaluation_in_a_bounded_number_of_moves(
    own, answers
):
    session = RoadmapSession.start(own)

    reached, moves = drive(session, answers)

    assert reached.current.kind is StepKind.EVALUATION
    assert moves <= len(answers) + len(session.roadmap) - 1
