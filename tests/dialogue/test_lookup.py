"""Finding content by its code: one helper for every lookup of the dialogue package."""

from __future__ import annotations

import pytest

from ict_competence.dialogue import Theme, load_dialogue
from ict_competence.dialogue._lookup import find
from ict_competence.errors import UnknownCodeError

THEMES = load_dialogue().themes


def test_an_item_is_found_by_its_code() -> None:
    found = find(THEMES, "omgeving", "theme")

    assert isinstance(found, Theme)
    assert found.code == "omgeving"


def test_an_item_is_found_by_another_key_when_one_is_given() -> None:
    questions = load_dialogue().key_figure("schoolleider").main_questions

    found = find(questions, 3, "main question", key=lambda question: question.number)

    assert found is questions[2]


def test_a_missing_code_is_an_error_listing_the_known_ones_in_order() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        find(THEMES, "weer", "theme in the guide")

    assert caught.value.kind == "theme in the guide"
    assert caught.value.code == "weer"
    assert caught.value.known == tuple(theme.code for theme in THEMES)
    assert str(caught.value).startswith("no theme in the guide with code 'weer'; known codes: ")


def test_a_missing_number_is_named_as_text() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        find((), 5, "main question", key=lambda question: question.number)

    assert caught.value.code == "5"
    assert caught.value.known == ()
