"""Choosing topics for a conversation: by theme, by policy theme, by code, in order."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from ict_competence.dialogue import (
    ConversationGuide,
    DialogueRecord,
    TopicStatus,
    conversation_guide,
    load_dialogue,
)
from ict_competence.errors import ContentError, FieldError, UnknownCodeError
from ict_competence.serialize import from_json, to_json

DIALOGUE = load_dialogue()
LEADER = DIALOGUE.key_figure("schoolleider")


def codes(guide: ConversationGuide) -> list[str]:
    return [topic.code for topic in guide.topics]


def test_without_a_selection_the_guide_holds_every_topic_in_order() -> None:
    guide = conversation_guide("schoolleider")

    assert codes(guide) == [topic.code for topic in LEADER.topics]
    assert guide.key_figure == LEADER
    assert [theme.code for theme in guide.themes] == [theme.code for theme in DIALOGUE.themes]


@pytest.mark.parametrize(
    ("themes", "expected"),
    [
        (["onderwijsleerproces"], ["1.1", "1.2"]),
        (["taken_cultuur_samenwerken"], ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]),
        (["omgeving"], ["3.1", "3.2", "3.3"]),
        (["eigen_professionalisering"], ["4.1", "4.2"]),
        (["eigen_professionalisering", "onderwijsleerproces"], ["1.1", "1.2", "4.1", "4.2"]),
        ("omgeving", ["3.1", "3.2", "3.3"]),
    ],
)
def test_selecting_by_theme_gives_the_topics_of_its_main_questions(
    themes: list[str] | str, expected: list[str]
) -> None:
    guide = conversation_guide("schoolleider", themes=themes)

    assert codes(guide) == expected


@pytest.mark.parametrize(
    ("policy_themes", "expected"),
    [
        (["gelijke_kansen"], ["1.2", "2.4"]),
        (["veiligheid"], ["3.1"]),
        (["avg"], ["2.3", "3.1"]),
        (["gelijke_kansen", "veiligheid"], ["1.2", "2.4", "3.1"]),
    ],
)
def test_selecting_by_policy_theme_gives_the_topics_that_raise_it(
    policy_themes: list[str], expected: list[str]
) -> None:
    guide = conversation_guide("schoolleider", policy_themes=policy_themes)

    assert codes(guide) == expected
    assert {t.code for t in guide.policy_themes} >= set(policy_themes)


def test_theme_and_policy_theme_together_narrow_the_selection() -> None:
    guide = conversation_guide(
        "schoolleider", themes=["taken_cultuur_samenwerken"], policy_themes=["gelijke_kansen"]
    )

    assert codes(guide) == ["2.4"]
    assert [theme.code for theme in guide.themes] == ["taken_cultuur_samenwerken"]
    assert [theme.code for theme in guide.policy_themes] == ["gelijke_kansen"]


def test_topics_chosen_by_code_come_in_the_handreikings_order() -> None:
    guide = conversation_guide("schoolleider", topics=["4.2", "1.1", "2.6"])

    assert codes(guide) == ["1.1", "2.6", "4.2"]
    assert [question.number for question, _ in guide.sections()] == [1, 2, 4]


def test_selections_may_be_given_as_content_objects() -> None:
    guide = conversation_guide(
        LEADER,
        themes=[DIALOGUE.theme("onderwijsleerproces")],
        policy_themes=[DIALOGUE.policy_theme("gelijke_kansen")],
        topics=[LEADER.topic("1.2")],
    )

    assert codes(guide) == ["1.2"]


def test_a_topic_of_another_key_figure_is_refused_though_its_code_exists() -> None:
    extended = DIALOGUE.extend(Path(__file__).parent / "data" / "icoach_questions.toml")
    icoach_topic = extended.key_figure("i-coach").topic("1.1")

    with pytest.raises(FieldError) as caught:
        conversation_guide("schoolleider", topics=[icoach_topic], dialogue=extended)

    assert caught.value.field == "topics"
    assert "Topic 1.1 given is not the one key figure 'schoolleider' has" in str(caught.value)


def test_a_guide_keeps_only_the_main_questions_of_the_chosen_topics() -> None:
    guide = conversation_guide("schoolleider", policy_themes=["avg"])

    sections = [(q.number, [t.code for t in topics]) for q, topics in guide.sections()]

    assert sections == [(2, ["2.3"]), (3, ["3.1"])]
    assert guide.key_figure.main_question(2).intro == LEADER.main_question(2).intro


def test_a_selection_that_matches_nothing_gives_an_empty_guide() -> None:
    guide = conversation_guide("schoolleider", themes=["omgeving"], topics=["1.1"])

    assert guide.topics == ()
    assert guide.themes == ()
    assert guide.sections() == ()


def test_a_key_figure_without_questions_yet_is_refused_naming_those_with_questions() -> None:
    with pytest.raises(ContentError) as caught:
        conversation_guide("i-coach")

    assert "key figures with questions: schoolleider" in str(caught.value)


def test_an_unknown_key_figure_is_an_error_listing_the_known_ones() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        conversation_guide("directeur")

    assert caught.value.code == "directeur"
    assert "schoolleider" in caught.value.known


@pytest.mark.parametrize(
    ("selection", "kind", "code"),
    [
        ({"themes": ["weer"]}, "theme", "weer"),
        ({"policy_themes": ["duurzaamheid"]}, "policy theme", "duurzaamheid"),
        ({"topics": ["1.1", "5.1"]}, "topic of key figure 'schoolleider'", "5.1"),
        ({"topics": "2.7"}, "topic of key figure 'schoolleider'", "2.7"),
    ],
)
def test_an_unknown_selection_is_an_error_naming_the_code(
    selection: dict[str, list[str] | str], kind: str, code: str
) -> None:
    with pytest.raises(UnknownCodeError) as caught:
        conversation_guide("schoolleider", **selection)  # type: ignore[arg-type]

    assert caught.value.kind == kind
    assert caught.value.code == code
    assert f"{code!r}" in str(caught.value)


def test_a_guide_finds_its_topics_and_themes_by_code() -> None:
    guide = conversation_guide("schoolleider", themes=["omgeving"])

    assert guide.topic("3.2").title.nl.startswith("Creëren en benutten van netwerken")
    assert guide.theme("omgeving").name.en == "Environment"
    with pytest.raises(UnknownCodeError):
        guide.topic("1.1")
    with pytest.raises(UnknownCodeError):
        guide.theme("onderwijsleerproces")


def test_a_guide_starts_an_empty_record_with_every_topic_open() -> None:
    guide = conversation_guide("schoolleider", policy_themes=["gelijke_kansen"])

    record = guide.record()

    assert record == DialogueRecord.for_guide(guide)
    assert record.key_figure == "schoolleider"
    assert record.topics == ("1.2", "2.4")
    assert all(entry.status is TopicStatus.OPEN for entry in record.entries)


def test_a_guide_round_trips_through_json() -> None:
    guide = conversation_guide("schoolleider", themes=["onderwijsleerproces", "omgeving"])

    again = from_json(ConversationGuide, to_json(guide))

    assert again == guide


def test_a_guide_whose_themes_do_not_match_its_topics_is_refused() -> None:
    guide = conversation_guide("schoolleider", themes=["omgeving"])

    with pytest.raises(FieldError) as caught:
        attrs.evolve(guide, themes=DIALOGUE.themes)

    assert caught.value.field == "themes"


def test_a_guide_whose_policy_themes_do_not_match_its_topics_is_refused() -> None:
    guide = conversation_guide("schoolleider", themes=["omgeving"])

    with pytest.raises(FieldError) as caught:
        attrs.evolve(guide, policy_themes=())

    assert caught.value.field == "policy_themes"


def test_a_guide_with_a_main_question_without_topics_is_refused() -> None:
    empty_question = attrs.evolve(LEADER.main_question(4), topics=())

    with pytest.raises(FieldError) as caught:
        ConversationGuide(
            key_figure=attrs.evolve(LEADER, main_questions=(empty_question,)),
            themes=(),
            policy_themes=(),
        )

    assert "main question 4 has no selected topic" in str(caught.value)
