"""The dialogue's content classes: their invariants, and their round trips through JSON."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from ict_competence import _checks
from ict_competence.dialogue import (
    Aspect,
    KeyFigure,
    MainQuestion,
    PolicyTheme,
    Reference,
    ReferenceKind,
    StaffRole,
    Theme,
    Topic,
    TopicStatus,
    load_dialogue,
)
from ict_competence.errors import FieldError
from ict_competence.serialize import from_json, to_json
from ict_competence.text import LocalizedText, Provenance
from tests.dialogue.strategies import main_questions, references

HERE = Provenance("ours.toml", "line 1")
LEADER = load_dialogue().key_figure("schoolleider")


def a_topic(code: str = "1.1") -> Topic:
    return Topic(code=code, title=LocalizedText("Onderwerp"), provenance=HERE)


@pytest.mark.parametrize("code", ["2", "2.", "a.1", "1.1.1", " 1.1", "1234.1", 2.1])
def test_a_topic_code_must_be_a_number_a_dot_and_a_number(code: object) -> None:
    with pytest.raises(FieldError) as caught:
        a_topic(code)  # type: ignore[arg-type]

    assert caught.value.field == "code"


def test_a_main_question_refuses_a_topic_of_another_number() -> None:
    with pytest.raises(FieldError) as caught:
        MainQuestion(
            number=2,
            theme="omgeving",
            title=LocalizedText("?"),
            topics=(a_topic("1.1"),),
            provenance=HERE,
        )

    assert caught.value.field == "topics"
    assert "topic '1.1' is not under main question 2" in str(caught.value)


def test_a_main_question_refuses_the_same_topic_twice() -> None:
    with pytest.raises(FieldError) as caught:
        MainQuestion(
            number=1,
            theme="omgeving",
            title=LocalizedText("?"),
            topics=(a_topic(), a_topic()),
            provenance=HERE,
        )

    assert "'1.1' occurs more than once" in str(caught.value)


@pytest.mark.parametrize("number", [0, -1, 1000, True])
def test_a_main_question_number_is_a_whole_number_from_one(number: object) -> None:
    with pytest.raises(FieldError) as caught:
        MainQuestion(
            number=number,  # type: ignore[arg-type]
            theme="omgeving",
            title=LocalizedText("?"),
            provenance=HERE,
        )

    assert caught.value.field == "number"


def test_a_key_figure_refuses_two_main_questions_with_one_number() -> None:
    question = LEADER.main_questions[0]

    with pytest.raises(FieldError) as caught:
        attrs.evolve(LEADER, main_questions=(question, question))

    assert caught.value.field == "main_questions"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "met spatie"}, "code"),
        ({"code": ""}, "code"),
        ({"starting_point": "?"}, "starting_point"),
    ],
)
def test_a_key_figure_refuses_malformed_codes(change: dict[str, str], field: str) -> None:
    with pytest.raises(FieldError) as caught:
        attrs.evolve(LEADER, **change)  # type: ignore[arg-type]

    assert caught.value.field == field


def test_policy_theme_and_see_also_codes_are_codes_without_repeats() -> None:
    with pytest.raises(FieldError) as repeated:
        attrs.evolve(a_topic(), policy_themes=("avg", "avg"))
    with pytest.raises(FieldError) as malformed:
        attrs.evolve(a_topic(), see_also=("twee woorden",))

    assert repeated.value.field == "policy_themes"
    assert malformed.value.field == "see_also"


@pytest.mark.parametrize("url", ["example.org", "ftp://example.org/x", "https://", 7])
def test_a_references_address_is_an_http_address(url: object) -> None:
    with pytest.raises(FieldError) as caught:
        Reference(
            kind=ReferenceKind.TOOL,
            title=LocalizedText("Tool"),
            url=url,  # type: ignore[arg-type]
            provenance=HERE,
        )

    assert caught.value.field == "url"


def test_every_kind_and_status_has_a_dutch_and_an_english_label() -> None:
    labels = [member.label for member in (*ReferenceKind, *TopicStatus)]

    assert all(label.nl and label.en for label in labels)
    assert TopicStatus.DISCUSSED.label.nl == "besproken"
    assert ReferenceKind.REPORT.label.nl == "rapport"


def test_the_school_leader_round_trips_through_json() -> None:
    again = from_json(KeyFigure, to_json(LEADER))

    assert again == LEADER


def test_codes_are_checked_by_the_libraries_shared_validators() -> None:
    single = [attrs.fields(cls).code.validator for cls in (Theme, PolicyTheme, Aspect, StaffRole)]

    assert all(validator is _checks.code for validator in single)
    assert attrs.fields(KeyFigure).code.validator is _checks.code
    assert attrs.fields(MainQuestion).theme.validator is _checks.code
    assert attrs.fields(Topic).policy_themes.validator is _checks.codes
    assert attrs.fields(Topic).see_also.validator is _checks.codes


@given(main_questions())
def test_any_main_question_round_trips_through_json(question: MainQuestion) -> None:
    again = from_json(MainQuestion, to_json(question))

    assert again == question


@given(references())
def test_any_reference_round_trips_through_json(reference: Reference) -> None:
    again = from_json(Reference, to_json(reference))

    assert again == reference
