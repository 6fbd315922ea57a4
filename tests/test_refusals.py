"""Refusals across the public API: each is the library's own error, naming what is accepted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import ict_competence as ic
from ict_competence.allocation import Person, Team
from ict_competence.dialogue import DialogueRecord, TopicEntry
from ict_competence.errors import ContentError, FieldError, MoveError, UnknownCodeError
from ict_competence.flow import Answer, Assessment, Evidence, RoadmapSession, SessionStatus

EXAMPLE = Path(__file__).parent / "dialogue" / "data" / "icoach_questions.toml"

# -- a key figure without questions -----------------------------------------------------------


def test_a_guide_for_a_key_figure_without_questions_is_refused_naming_those_with_questions():
    with pytest.raises(ContentError) as caught:
        ic.conversation_guide("bestuurder")

    message = str(caught.value)
    assert "'bestuurder' has no questions" in message
    assert "key figures with questions: schoolleider." in message
    assert "Dialogue.extend(path)" in message
    assert "load_dialogue(path)" in message


def test_a_key_figure_given_questions_with_extend_gets_its_guide():
    dialogue = ic.load_dialogue().extend(EXAMPLE)

    guide = ic.conversation_guide("i-coach", dialogue=dialogue)

    assert guide.topics
    with pytest.raises(ContentError, match="key figures with questions: schoolleider, i-coach"):
        ic.conversation_guide("bestuurder", dialogue=dialogue)


# -- diagram languages ------------------------------------------------------------------------


@pytest.mark.parametrize("draw", [ic.to_mermaid, ic.to_dot], ids=["mermaid", "dot"])
@pytest.mark.parametrize("language", ["fr", "NL", "", None])
def test_a_diagram_in_a_language_the_roadmap_is_not_written_in_is_refused_naming_the_languages(
    draw, language
):
    with pytest.raises(FieldError) as caught:
        draw(RoadmapSession.start(), language=language)

    assert str(caught.value) == f"language: expected one of 'nl', 'en', found {language!r}"


# -- roadmap moves at every kind of step ------------------------------------------------------


def _at(step: int) -> RoadmapSession:
    session = RoadmapSession.start()
    while session.current.number != step:
        current = session.current
        session = session.answer(True) if current.kind.value == "check" else session.complete()
    return session


class _AnswersAnotherStep:
    """An assessor whose answer is for a step the session is not at."""

    def assess(self, session: RoadmapSession) -> Assessment:
        other = 2 if session.current.number == 1 else 1
        evidence = Evidence(source="test", basis="the wrong step")
        return Assessment(step=other, answer=Answer.YES, evidence=evidence)


SESSIONS: dict[str, Callable[[], RoadmapSession]] = {
    "check": RoadmapSession.start,
    "paused check": lambda: RoadmapSession.start().answer(False),
    "action": lambda: _at(5),
    "evaluation": lambda: _at(8),
    "complete cycle": lambda: _at(8).complete(),
}
MOVES: dict[str, Callable[[RoadmapSession], RoadmapSession]] = {
    "answer yes": lambda s: s.answer(True),
    "answer no": lambda s: s.answer(False),
    "complete": lambda s: s.complete(),
    "revisit 5": lambda s: s.revisit(5),
    "revisit the evaluation": lambda s: s.revisit(8),
    "revisit a step that is not there": lambda s: s.revisit(99),
    "undo": lambda s: s.undo(),
    "assess another step": lambda s: s.assess(_AnswersAnotherStep()),
}
#: The moves each kind of step takes; every other move is refused with a MoveError.
TAKES = {
    "check": {"answer yes", "answer no"},
    "paused check": {"answer yes", "answer no", "undo"},
    "action": {"complete", "undo"},
    "evaluation": {"complete", "revisit 5", "undo"},
    "complete cycle": {"revisit 5", "undo"},
}


@pytest.mark.parametrize("where", list(SESSIONS))
@pytest.mark.parametrize("move", list(MOVES))
def test_a_move_that_does_not_fit_the_current_step_is_refused_saying_what_the_step_accepts(
    where, move
):
    session = SESSIONS[where]()

    if move in TAKES[where]:
        assert MOVES[move](session) is not session
        return
    with pytest.raises(MoveError) as caught:
        MOVES[move](session)

    assert caught.value.step == session.current.number
    assert str(caught.value).startswith(f"step {session.current.number}: ")
    assert "it accepts" in str(caught.value)


def test_the_table_of_moves_covers_every_kind_of_step_and_the_complete_cycle():
    kinds = {SESSIONS[where]().current.kind for where in SESSIONS}
    statuses = {SESSIONS[where]().status for where in SESSIONS}

    assert kinds == set(ic.StepKind)
    assert statuses == set(SessionStatus)


# -- lookups by an unknown code or id ---------------------------------------------------------


def _team() -> Team:
    return Team((Person(id="p1", hours=40, levels={}, motivation={}),))


def _lookups() -> dict[str, tuple[Callable[[str], object], str]]:
    catalog = ic.load_catalog()
    dialogue = ic.load_dialogue()
    guide = ic.conversation_guide("schoolleider", topics=["1.2"])
    allocation = ic.allocate(catalog.overview(), _team())
    record = DialogueRecord("schoolleider", (TopicEntry(topic="1.2"),))
    return {
        "Catalog.task": (catalog.task, "TECH-99"),
        "Catalog.role": (catalog.role, "astronaut"),
        "Catalog.competence": (catalog.competence, "zz-99"),
        "TaskOverview.choice": (catalog.overview().choice, "TECH-99"),
        "TaskOverview.choose": (lambda code: catalog.overview().choose(code), "TECH-99"),
        "Roadmap.step": (lambda number: ic.load_roadmap().step(int(number)), "99"),
        "Team.person": (_team().person, "p9"),
        "Allocation.instance": (allocation.instance, "TECH-99"),
        "Allocation.explain": (allocation.explain, "TECH-99"),
        "DialogueRecord.entry": (record.entry, "9.9"),
        "ConversationGuide.topic": (guide.topic, "9.9"),
        "ConversationGuide.theme": (guide.theme, "nope"),
        "Dialogue.key_figure": (dialogue.key_figure, "conciërge"),
        "Dialogue.theme": (dialogue.theme, "nope"),
        "Dialogue.policy_theme": (dialogue.policy_theme, "nope"),
        "KeyFigure.topic": (dialogue.key_figure("schoolleider").topic, "9.9"),
        "conversation_guide": (ic.conversation_guide, "conciërge"),
        "conversation_guide topics": (
            lambda code: ic.conversation_guide("schoolleider", topics=[code]),
            "9.9",
        ),
    }


LOOKUPS = _lookups()


@pytest.mark.parametrize("name", list(LOOKUPS))
def test_a_lookup_by_an_unknown_code_raises_unknown_code_error_listing_the_known_codes(name):
    find, code = LOOKUPS[name]

    with pytest.raises(UnknownCodeError) as caught:
        find(code)

    assert caught.value.code == code
    assert caught.value.known
    assert "known codes: " in str(caught.value)
