"""Finding an entry by its code: one helper, one error for every lookup of the library."""

from __future__ import annotations

import pytest

from ict_competence import load_catalog, load_dialogue
from ict_competence._lookup import index, lookup
from ict_competence.allocation import Allocation, Person, Team
from ict_competence.dialogue import Theme
from ict_competence.errors import UnknownCodeError
from ict_competence.flow import load_roadmap

THEMES = load_dialogue().themes


def test_an_item_is_found_by_its_code() -> None:
    found = lookup(index(THEMES), "omgeving", "theme")

    assert isinstance(found, Theme)
    assert found.code == "omgeving"


def test_an_item_is_found_by_another_key_when_one_is_given() -> None:
    questions = load_dialogue().key_figure("schoolleider").main_questions

    found = lookup(index(questions, lambda question: question.number), 3, "main question")

    assert found is questions[2]


def test_the_first_item_with_a_key_wins() -> None:
    found = index([(1, "first"), (1, "second")], lambda pair: pair[0])

    assert found[1] == (1, "first")


def test_a_missing_code_is_an_error_listing_the_known_ones_in_order() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        lookup(index(THEMES), "weer", "theme in the guide")

    assert caught.value.kind == "theme in the guide"
    assert caught.value.code == "weer"
    assert caught.value.known == tuple(theme.code for theme in THEMES)
    assert str(caught.value).startswith("no theme in the guide with code 'weer'; known codes: ")


def test_a_missing_number_is_named_as_text() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        lookup({}, 5, "main question")

    assert caught.value.code == "5"
    assert caught.value.known == ()


def test_an_unhashable_code_is_simply_unknown() -> None:
    with pytest.raises(UnknownCodeError, match=r"no task with code \"\['a'\]\""):
        lookup({"a": 1}, ["a"], "task")  # type: ignore[misc]


@pytest.mark.parametrize(
    "find",
    [
        lambda: load_catalog().task("NOPE"),
        lambda: load_catalog().role("NOPE"),
        lambda: load_catalog().competence("NOPE"),
        lambda: load_catalog().overview().choice("NOPE"),
        lambda: load_roadmap().step(99),
        lambda: load_dialogue().key_figure("NOPE"),
        lambda: load_dialogue().theme("NOPE"),
        lambda: load_dialogue().policy_theme("NOPE"),
        lambda: load_dialogue().key_figure("schoolleider").topic("9.9"),
        lambda: Team((Person(id="p-01", hours=1, levels={}, motivation={}),)).person("p-99"),
        lambda: Allocation(assignments={}, decisions={}, objective=0.0).instance("NOPE"),
    ],
)
def test_every_lookup_by_code_raises_the_same_error(find: object) -> None:
    with pytest.raises(UnknownCodeError, match="known codes"):
        find()  # type: ignore[operator]


def test_an_unknown_person_is_named_by_id_and_the_known_ids_listed_never_by_name() -> None:
    team = Team((Person(id="p-01", hours=1, levels={}, motivation={}, name="Jan Peeters"),))

    with pytest.raises(UnknownCodeError) as caught:
        team.person("p-02")

    assert str(caught.value) == "no person with code 'p-02'; known codes: p-01"
    assert "Jan" not in str(caught.value)
