"""A team's record of a conversation: notes, statuses and follow-up actions, immutable."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ict_competence.dialogue import (
    Action,
    DialogueRecord,
    TopicEntry,
    TopicStatus,
    conversation_guide,
    load_dialogue,
)
from ict_competence.errors import FieldError, SerializationError, UnknownCodeError
from ict_competence.serialize import from_json, to_json
from tests.dialogue.strategies import actions, dialogue_records, non_blank_text, topic_entries

GUIDE = conversation_guide("schoolleider", themes=["onderwijsleerproces", "omgeving"])
PRIVATE_NOTE = "Juf Anna twijfelt of ze dit jaar blijft."
ICOACH_DIALOGUE = load_dialogue().extend(Path(__file__).parent / "data" / "icoach_questions.toml")


def fresh() -> DialogueRecord:
    return GUIDE.record()


def an_action(owner: str = "p-07") -> Action:
    return Action(
        description="Uitleenpool voor laptops opzetten",
        owner=owner,
        timeframe="voor de herfstvakantie",
        resources="budget voor tien laptops",
        success_criterion="elke leerling kan thuis werken",
    )


def test_a_new_record_holds_the_guides_topics_all_open_without_notes() -> None:
    record = fresh()

    assert record.topics == ("1.1", "1.2", "3.1", "3.2", "3.3")
    assert all(entry.status is TopicStatus.OPEN for entry in record.entries)
    assert all(entry.notes == () and entry.actions == () for entry in record.entries)


def test_a_note_is_added_to_its_topic_in_a_new_record() -> None:
    record = fresh()

    noted = record.note("1.2", "Laptops zijn er niet genoeg.").note("1.2", "Wifi thuis ook niet.")

    assert noted.entry("1.2").notes == ("Laptops zijn er niet genoeg.", "Wifi thuis ook niet.")
    assert record.entry("1.2").notes == ()
    assert noted.entry("1.1") == record.entry("1.1")


@pytest.mark.parametrize(
    "change",
    [
        lambda record, topic: record.note(topic, "Aansluiten bij de leraar."),
        lambda record, topic: record.mark(topic, TopicStatus.DISCUSSED),
        lambda record, topic: record.add_action(topic, an_action()),
        lambda record, topic: record.entry(topic),
    ],
)
def test_a_topic_object_is_refused_because_it_does_not_say_whose_topic_it_is(
    change: object,
) -> None:
    icoach_topic = ICOACH_DIALOGUE.key_figure("i-coach").topic("1.1")
    assert callable(change)

    with pytest.raises(FieldError) as caught:
        change(fresh(), icoach_topic)

    assert caught.value.field == "topic"
    assert "expected a topic code such as '2.3'" in str(caught.value)
    assert "topic.code" in str(caught.value)


def test_a_topic_code_that_is_no_text_is_refused_naming_what_was_found() -> None:
    with pytest.raises(FieldError) as caught:
        fresh().entry(1.1)  # type: ignore[arg-type]

    assert caught.value.field == "topic"
    assert "found 1.1" in str(caught.value)


def test_marking_a_topic_discussed_changes_only_its_status() -> None:
    record = fresh()

    marked = record.mark("3.2", TopicStatus.DISCUSSED)

    assert marked.entry("3.2").status is TopicStatus.DISCUSSED
    assert [e.status for e in marked.entries].count(TopicStatus.OPEN) == 4


def test_a_status_may_be_given_by_its_value() -> None:
    record = fresh().mark("3.2", "discussed")  # type: ignore[arg-type]

    assert record.entry("3.2").status is TopicStatus.DISCUSSED


def test_an_unknown_status_is_refused_with_the_allowed_ones() -> None:
    with pytest.raises(FieldError) as caught:
        fresh().mark("3.2", "half")  # type: ignore[arg-type]

    assert caught.value.field == "status"
    assert "'follow_up_agreed'" in str(caught.value)


def test_adding_an_action_agrees_a_follow_up_for_the_topic() -> None:
    record = fresh().mark("1.2", TopicStatus.DISCUSSED)

    followed = record.add_action("1.2", an_action())

    assert followed.entry("1.2").status is TopicStatus.FOLLOW_UP_AGREED
    assert followed.entry("1.2").actions == (an_action(),)
    assert followed.actions() == (("1.2", an_action()),)
    assert record.entry("1.2").actions == ()


def test_follow_up_agreed_without_an_action_is_refused_naming_the_topic() -> None:
    with pytest.raises(FieldError) as caught:
        fresh().mark("3.3", TopicStatus.FOLLOW_UP_AGREED)

    assert caught.value.field == "status"
    assert "topic 3.3" in str(caught.value)


def test_a_topic_that_is_not_in_the_record_is_refused_without_echoing_the_note() -> None:
    with pytest.raises(UnknownCodeError) as caught:
        fresh().note("2.3", PRIVATE_NOTE)

    assert caught.value.code == "2.3"
    assert caught.value.known == ("1.1", "1.2", "3.1", "3.2", "3.3")
    assert PRIVATE_NOTE not in str(caught.value)


@pytest.mark.parametrize(
    "change",
    [
        lambda record: record.mark("4.1", TopicStatus.DISCUSSED),
        lambda record: record.add_action("9.9", an_action()),
        lambda record: record.entry("2.1"),
    ],
)
def test_every_change_refuses_a_topic_outside_the_guide(change: object) -> None:
    assert callable(change)

    with pytest.raises(UnknownCodeError):
        change(fresh())


def test_a_topic_with_actions_cannot_be_marked_open_again() -> None:
    followed = fresh().add_action("1.2", an_action())

    with pytest.raises(FieldError) as caught:
        followed.mark("1.2", TopicStatus.OPEN)

    assert caught.value.field == "status"
    assert "topic 1.2" in str(caught.value)
    assert "1 action" in str(caught.value)


def test_a_topic_with_actions_may_be_marked_discussed() -> None:
    followed = fresh().add_action("1.2", an_action())

    marked = followed.mark("1.2", TopicStatus.DISCUSSED)

    assert marked.entry("1.2").status is TopicStatus.DISCUSSED
    assert marked.entry("1.2").actions == (an_action(),)


def test_json_with_an_open_topic_that_has_actions_names_the_path() -> None:
    data = json.loads(to_json(fresh().add_action("1.2", an_action())))
    data["entries"][1]["status"] = "open"

    with pytest.raises(SerializationError) as caught:
        from_json(DialogueRecord, json.dumps(data))

    assert "$.entries[1].status: topic 1.2: an open topic has no actions" in str(caught.value)


def test_a_blank_note_is_refused() -> None:
    with pytest.raises(FieldError) as caught:
        fresh().note("1.1", "   ")

    assert caught.value.field == "notes"


def test_the_repr_of_a_record_never_shows_the_notes() -> None:
    record = fresh().note("1.1", PRIVATE_NOTE).note("1.2", PRIVATE_NOTE).note("1.2", "nog een")

    text = repr(record) + str(record)

    assert PRIVATE_NOTE not in text
    assert ", 3 notes, " in repr(record)


def test_the_repr_of_an_action_shows_the_owners_id_but_none_of_the_free_text() -> None:
    action = Action(
        description="Gesprek met juf Anna",
        owner="p-07",
        timeframe="voor Anna's verlof",
        resources="Anna's uren",
        success_criterion="Anna blijft",
    )

    text = repr(action) + repr(fresh().add_action("1.1", action))

    assert "Anna" not in text
    assert "owner='p-07'" in text
    assert "description=<description>" in text
    assert "timeframe=<timeframe>" in text
    assert "resources=<resources>" in text
    assert "success_criterion=<success criterion>" in text


def test_the_repr_of_an_action_shows_empty_fields_as_empty() -> None:
    action = Action(description="Plan maken", owner="p-07")

    assert repr(action) == (
        "Action(description=<description>, owner='p-07', timeframe='', resources='', "
        "success_criterion='')"
    )


def test_an_action_needs_a_description_and_an_owners_id() -> None:
    with pytest.raises(FieldError) as caught:
        Action(description="Plan maken", owner=" ")

    assert caught.value.field == "owner"


def test_an_entry_refuses_actions_that_are_not_actions() -> None:
    with pytest.raises(FieldError) as caught:
        TopicEntry(topic="1.1", actions=("bel de leverancier",))  # type: ignore[arg-type]

    assert caught.value.field == "actions[0]"
    assert "leverancier" not in str(caught.value)


def test_a_record_refuses_the_same_topic_twice() -> None:
    with pytest.raises(FieldError) as caught:
        DialogueRecord("schoolleider", (TopicEntry(topic="1.1"), TopicEntry(topic="1.1")))

    assert caught.value.field == "entries"


@pytest.mark.parametrize("key_figure", ["", "geen code!", 7])
def test_a_record_refuses_a_key_figure_that_is_not_a_code(key_figure: object) -> None:
    with pytest.raises(FieldError) as caught:
        DialogueRecord(key_figure, ())  # type: ignore[arg-type]

    assert caught.value.field == "key_figure"


def test_check_gives_back_a_record_whose_key_figure_and_topics_exist() -> None:
    record = fresh().note("1.2", "Laptops.")

    assert record.check() is record
    assert record.check(load_dialogue()) is record


def test_check_names_a_key_figure_the_dialogue_does_not_have() -> None:
    text = json.dumps({"schema_version": 1, "key_figure": "nobody", "entries": [{"topic": "9.9"}]})
    record = from_json(DialogueRecord, text)

    with pytest.raises(UnknownCodeError) as caught:
        record.check()

    assert caught.value.kind == "key figure"
    assert caught.value.code == "nobody"
    assert "schoolleider" in caught.value.known


def test_check_names_a_topic_the_key_figure_does_not_have() -> None:
    text = json.dumps(
        {
            "schema_version": 1,
            "key_figure": "schoolleider",
            "entries": [{"topic": "1.1"}, {"topic": "9.9"}, {"topic": "9.8"}],
        }
    )
    record = from_json(DialogueRecord, text)

    with pytest.raises(UnknownCodeError) as caught:
        record.check()

    assert caught.value.kind == "topic of key figure 'schoolleider'"
    assert caught.value.code == "9.9"
    assert caught.value.known[:3] == ("1.1", "1.2", "2.1")


def test_check_looks_in_the_dialogue_it_is_given() -> None:
    record = conversation_guide("i-coach", dialogue=ICOACH_DIALOGUE).record()

    checked = record.check(ICOACH_DIALOGUE)

    assert checked is record
    with pytest.raises(UnknownCodeError) as caught:
        record.check()
    assert caught.value.code == "1.1"


def test_a_record_gives_back_its_guide() -> None:
    record = fresh().note("3.1", "Privacy eerst.")

    guide = record.guide()

    assert guide == GUIDE
    assert record.guide(load_dialogue()) == GUIDE


def test_a_records_json_refers_to_topics_by_code_only() -> None:
    record = fresh().note("1.2", "Laptops.").add_action("1.2", an_action())

    text = to_json(record)
    data = json.loads(text)

    assert from_json(DialogueRecord, text) == record
    assert data["key_figure"] == "schoolleider"
    assert [entry["topic"] for entry in data["entries"]] == list(record.topics)
    assert data["entries"][1]["status"] == "follow_up_agreed"
    assert GUIDE.topic("1.2").title.nl not in text
    assert len(text) < 2000


def test_json_with_follow_up_agreed_but_no_action_names_the_path() -> None:
    text = json.dumps(
        {
            "schema_version": 1,
            "key_figure": "schoolleider",
            "entries": [{"topic": "1.1", "status": "follow_up_agreed"}],
        }
    )

    with pytest.raises(SerializationError) as caught:
        from_json(DialogueRecord, text)

    assert "$.entries[0].status" in str(caught.value)


def test_json_with_an_unknown_status_names_the_path_and_the_allowed_values() -> None:
    text = json.dumps(
        {"schema_version": 1, "key_figure": "x", "entries": [{"topic": "1.1", "status": "klaar"}]}
    )

    with pytest.raises(SerializationError) as caught:
        from_json(DialogueRecord, text)

    assert "$.entries[0].status" in str(caught.value)
    assert "'discussed'" in str(caught.value)


@given(dialogue_records())
def test_any_record_round_trips_through_json(record: DialogueRecord) -> None:
    again = from_json(DialogueRecord, to_json(record))

    assert again == record


@given(topic_entries())
def test_any_topic_entry_round_trips_through_json(entry: TopicEntry) -> None:
    again = from_json(TopicEntry, to_json(entry))

    assert again == entry


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["1.1", "1.2", "3.1", "3.2", "3.3"]),
            st.one_of(
                non_blank_text.map(lambda text: ("note", text)),
                actions().map(lambda action: ("action", action)),
                st.just(("mark", TopicStatus.DISCUSSED)),
            ),
        ),
        max_size=12,
    )
)
def test_any_sequence_of_changes_keeps_the_topics_and_round_trips(
    changes: list[tuple[str, tuple[str, object]]],
) -> None:
    record = fresh()

    for topic, (kind, value) in changes:
        if kind == "note":
            assert isinstance(value, str)
            record = record.note(topic, value)
        elif kind == "action":
            assert isinstance(value, Action)
            record = record.add_action(topic, value)
        else:
            assert isinstance(value, TopicStatus)
            record = record.mark(topic, value)

    assert record.topics == fresh().topics
    assert sum(len(entry.notes) for entry in record.entries) == sum(
        kind == "note" for _, (kind, _) in changes
    )
    assert from_json(DialogueRecord, to_json(record)) == record


def test_a_record_is_frozen() -> None:
    record = fresh()

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.key_figure = "leraar"  # type: ignore[misc]
