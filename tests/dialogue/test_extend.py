"""A user's own question sets, key figures and themes, added from a TOML or JSON file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ict_competence.dialogue import Dialogue, conversation_guide, load_dialogue
from ict_competence.errors import ContentError, SerializationError
from ict_competence.serialize import from_json, to_json

EXAMPLE = Path(__file__).parent / "data" / "icoach_questions.toml"
DIALOGUE = load_dialogue()

A_MAIN_QUESTION = """
[[question_set.main_questions]]
number = {number}
theme = "{theme}"
title = {{ nl = "Een eigen vraag?", en = "A question of our own?" }}

[[question_set.main_questions.topics]]
code = "{number}.1"
title = {{ nl = "Een eigen onderwerp" }}
policy_themes = [{policy}]
"""


def question_set(
    key_figure: str, number: int = 1, theme: str = "omgeving", policy: str = ""
) -> str:
    return f'[[question_set]]\nkey_figure = "{key_figure}"\n' + A_MAIN_QUESTION.format(
        number=number, theme=theme, policy=f'"{policy}"' if policy else ""
    )


def write(tmp_path: Path, text: str, name: str = "ours.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(tmp_path: Path, text: str, error: type[Exception] = ContentError) -> str:
    """Extend the built-in dialogue with ``text``; the error's message, which names the file."""
    path = write(tmp_path, text)
    with pytest.raises(error) as caught:
        DIALOGUE.extend(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    return message


def test_the_i_coach_example_from_the_docs_loads() -> None:
    dialogue = DIALOGUE.extend(EXAMPLE)

    icoach = dialogue.key_figure("i-coach")
    guide = conversation_guide("i-coach", policy_themes=["gelijke_kansen"], dialogue=dialogue)

    assert [question.number for question in icoach.main_questions] == [1]
    assert [topic.code for topic in icoach.topics] == ["1.1", "1.2"]
    assert [topic.code for topic in guide.topics] == ["1.2"]
    assert icoach.topic("1.1").questions[0].nl.startswith("Welke vragen over ict")
    assert icoach.topic("1.2").tips[0].url == "https://example.org/uitleenregeling"


def test_extending_leaves_the_built_in_dialogue_unchanged() -> None:
    before = to_json(DIALOGUE)

    extended = DIALOGUE.extend(str(EXAMPLE))

    assert to_json(load_dialogue()) == before
    assert extended.key_figure("schoolleider") == DIALOGUE.key_figure("schoolleider")
    assert DIALOGUE.key_figure("i-coach").main_questions == ()


def test_loading_a_file_adds_it_to_the_built_in_dialogue_as_extend_does() -> None:
    loaded = load_dialogue(EXAMPLE)

    assert loaded == DIALOGUE.extend(EXAMPLE)
    assert load_dialogue(str(EXAMPLE)).key_figure("i-coach") == loaded.key_figure("i-coach")
    assert load_dialogue() is DIALOGUE


def test_entries_without_provenance_cite_the_file_and_their_place_in_it() -> None:
    topic = DIALOGUE.extend(EXAMPLE).key_figure("i-coach").topic("1.2")

    assert topic.provenance.source == "icoach_questions.toml"
    assert topic.provenance.locator == "question_set[0].main_questions[0].topics[1]"
    assert topic.tips[0].provenance.locator.endswith("topics[1].tips[0]")


def test_an_extended_dialogue_round_trips_through_json() -> None:
    dialogue = DIALOGUE.extend(EXAMPLE)

    assert from_json(Dialogue, to_json(dialogue)) == dialogue


def test_a_new_main_question_for_the_school_leader_is_added_in_number_order(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, question_set("schoolleider", number=5, policy="veiligheid"))

    leader = DIALOGUE.extend(path).key_figure("schoolleider")

    assert [question.number for question in leader.main_questions] == [1, 2, 3, 4, 5]
    assert leader.topics[-1].code == "5.1"


def test_a_file_may_add_a_key_figure_a_theme_and_their_questions(tmp_path: Path) -> None:
    text = """
[[theme]]
code = "ouders"
name = { nl = "Ouders", en = "Parents" }
description = { nl = "over de rol van ouders." }

[[policy_theme]]
code = "duurzaamheid"
name = { nl = "duurzaamheid", en = "sustainability" }

[[key_figure]]
code = "ouderraad"
name = { nl = "ouderraad", en = "parents' council" }
description = { nl = "De raad van ouders van de school." }
starting_point = "leraar"
""" + question_set("ouderraad", theme="ouders", policy="duurzaamheid")
    path = write(tmp_path, text)

    dialogue = DIALOGUE.extend(path)

    assert dialogue.key_figures[-1].code == "ouderraad"
    assert dialogue.theme("ouders").provenance.locator == "theme[0]"
    assert [
        t.code
        for t in conversation_guide(
            "ouderraad", policy_themes=["duurzaamheid"], dialogue=dialogue
        ).topics
    ] == ["1.1"]


def test_a_json_file_is_read_like_a_toml_file(tmp_path: Path) -> None:
    data = {
        "schema_version": 1,
        "question_set": [
            {
                "key_figure": "bestuurder",
                "main_questions": [
                    {"number": 1, "theme": "omgeving", "title": {"nl": "Vraag?"}, "topics": []}
                ],
            }
        ],
    }
    path = write(tmp_path, json.dumps(data), "ours.json")

    figure = DIALOGUE.extend(path).key_figure("bestuurder")

    assert figure.main_question(1).title.nl == "Vraag?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[[key_figure]]\ncode = "schoolleider"\nname = { nl = "x" }\n'
            'description = { nl = "x" }',
            "key figure 'schoolleider' is already in the dialogue",
        ),
        (
            '[[theme]]\ncode = "omgeving"\nname = { nl = "x" }\ndescription = { nl = "x" }',
            "theme 'omgeving' is already in the dialogue",
        ),
        (
            '[[policy_theme]]\ncode = "avg"\nname = { nl = "x" }',
            "policy theme 'avg' is already in the dialogue",
        ),
        (
            question_set("schoolleider", number=2),
            "key figure 'schoolleider' already has main question 2",
        ),
        (question_set("conciërge"), "key figure 'conciërge' does not exist"),
    ],
)
def test_a_file_that_clashes_is_an_error_naming_the_file_and_the_code(
    tmp_path: Path, text: str, expected: str
) -> None:
    message = refusal(tmp_path, text)

    assert expected in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            question_set("i-coach", theme="sport"),
            "main question 1 (ours.toml, question_set[0].main_questions[0]): "
            "theme 'sport' does not exist",
        ),
        (
            question_set("i-coach", policy="pesten"),
            "topic 1.1 (ours.toml, question_set[0].main_questions[0].topics[0]): "
            "policy theme 'pesten' does not exist",
        ),
        (
            '[[key_figure]]\ncode = "mentor"\nname = { nl = "mentor" }\n'
            'description = { nl = "x" }\nstarting_point = "ouder"',
            "starting point key figure 'ouder' does not exist",
        ),
        (
            question_set("leraar").replace("policy_themes = []", 'see_also = ["rector"]'),
            "key figure 'rector' does not exist",
        ),
    ],
)
def test_a_file_that_refers_to_something_missing_is_an_error_naming_the_file_and_the_code(
    tmp_path: Path, text: str, expected: str
) -> None:
    message = refusal(tmp_path, text)

    assert expected in message


def test_several_problems_are_listed_together(tmp_path: Path) -> None:
    text = question_set("schoolleider", number=1) + "\n" + question_set("rector")
    message = refusal(tmp_path, text)

    assert "2 problems" in message


def test_the_same_key_figure_twice_in_one_file_is_an_error(tmp_path: Path) -> None:
    figure = (
        '[[key_figure]]\ncode = "mentor"\nname = { nl = "mentor" }\ndescription = { nl = "x" }\n'
    )
    message = refusal(tmp_path, figure + figure)

    assert "key figure 'mentor' occurs more than once" in message


def test_the_same_main_question_twice_in_one_question_set_is_an_error(tmp_path: Path) -> None:
    text = question_set("leraar") + A_MAIN_QUESTION.format(number=1, theme="omgeving", policy="")
    message = refusal(tmp_path, text, SerializationError)

    assert "$.question_set[0].main_questions: 1 occurs more than once" in message


def test_two_question_sets_in_one_file_may_not_give_the_same_number(tmp_path: Path) -> None:
    message = refusal(tmp_path, question_set("leraar") + "\n" + question_set("leraar"))

    assert "key figure 'leraar' already has main question 1" in message


def test_a_topic_under_the_wrong_main_question_names_the_path_and_the_code(
    tmp_path: Path,
) -> None:
    message = refusal(
        tmp_path, question_set("leraar").replace('code = "1.1"', 'code = "2.1"'), SerializationError
    )

    assert "$.question_set[0].main_questions[0].topics" in message
    assert "topic '2.1' is not under main question 1" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[question_set]]\nkey_figure = "leraar"\nmain_questions = []', "expected at least one"),
        (
            question_set("leraar").replace('code = "1.1"', 'code = "een"'),
            "expected a topic code like '2.3'",
        ),
        (
            '[[theme]]\ncode = "x y"\nname = { nl = "x" }\ndescription = { nl = "x" }',
            "$.theme[0].code: expected a code",
        ),
        ('[[policy_theme]]\ncode = "x"', "$.policy_theme[0].name: required field missing"),
        ('[[tip]]\nkind = "article"', "unexpected field(s) tip"),
    ],
)
def test_a_malformed_entry_names_the_file_and_its_path(
    tmp_path: Path, text: str, expected: str
) -> None:
    message = refusal(tmp_path, text, SerializationError)

    assert expected in message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("ours.txt", "x", "expected a .toml or .json file"),
        ("ours.toml", "[[theme]\n", "cannot be read as TOML"),
        ("ours.json", "{", "cannot be read as JSON"),
        ("ours.json", "[1, 2]", "expected an object"),
        ("ours.toml", b"\xff\xfe", "cannot be read"),
    ],
)
def test_a_file_that_cannot_be_read_is_an_error_naming_it(
    tmp_path: Path, name: str, content: str | bytes, expected: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")

    with pytest.raises(ContentError) as caught:
        DIALOGUE.extend(path)

    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


def test_a_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"

    with pytest.raises(ContentError) as caught:
        DIALOGUE.extend(path)

    assert str(caught.value).startswith(f"{path}: cannot be read")


def test_a_dialogue_built_directly_is_checked_for_duplicates() -> None:
    theme = DIALOGUE.themes[0]

    with pytest.raises(ContentError) as caught:
        Dialogue(themes=(theme, theme))

    assert "theme code 'onderwijsleerproces' occurs more than once" in str(caught.value)
