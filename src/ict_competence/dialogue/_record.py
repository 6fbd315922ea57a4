"""A team's record of a conversation: notes, a status and follow-up actions per topic."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from ict_competence._checks import (
    argument,
    code,
    hidden,
    instance_of,
    non_blank,
    tuple_of,
    unique,
    wrong_type,
)
from ict_competence._lookup import Indexed
from ict_competence.dialogue._enums import TopicStatus
from ict_competence.dialogue._loader import load_dialogue
from ict_competence.dialogue._model import Topic, topic_code
from ict_competence.errors import FieldError
from ict_competence.text import count, summary

if TYPE_CHECKING:
    from ict_competence.dialogue._dialogue import Dialogue
    from ict_competence.dialogue._guide import ConversationGuide

__all__ = ["Action", "DialogueRecord", "TopicEntry"]


def _notes(instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    tuple_of(str, private=True)(instance, attribute, value)
    for note in value:
        if not isinstance(note, str) or not note.strip():
            # The note itself is never put in a message: notes may hold personal data.
            raise FieldError(attribute.name, "expected non-empty text for every note")


def _actions(instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    tuple_of(Action, private=True)(instance, attribute, value)


def _count(notes: tuple[str, ...]) -> str:
    # Notes may hold personal data; a repr that ends up in a log shows only how many.
    return f"<{len(notes)} note{'' if len(notes) == 1 else 's'}>"


def _topic_code(topic: object) -> str:
    """The code a record method was given, refusing anything else (a Topic in particular)."""
    if isinstance(topic, str):
        return topic
    if isinstance(topic, Topic):
        # Topic codes repeat across key figures (every one has a 1.1), and a Topic does not
        # say whose it is, so taking its code could put a note on another figure's topic.
        raise FieldError(
            "topic",
            f"expected a topic code such as '2.3', found the Topic {topic.code}; a Topic does "
            "not say which key figure it belongs to, so pass topic.code when it is one of "
            "the record's own key figure",
        )
    raise FieldError("topic", f"expected a topic code such as '2.3', found {topic!r}")


@attrs.frozen(kw_only=True)
class Action:
    """A follow-up action a team agrees on, as SELFIE's planning toolkit records it.

    Every field but the owner's id is free text a team wrote and may hold personal data,
    so the ``repr`` shows only whether it is filled in.

    Attributes:
        description: what will be done.
        owner: the id of the person who sees to it (a person id, not a name).
        timeframe: when it will be done, in the team's own words ("voor de zomer").
        resources: what it needs: time, money, people, material.
        success_criterion: how the team will know it worked.

    >>> action = Action(description="Ict-puzzel leggen met het team", owner="p-07")
    >>> action.owner, action.timeframe
    ('p-07', '')
    >>> action
    Action(description=<description>, owner='p-07', timeframe='', resources='',
           success_criterion='')
    """

    description: str = attrs.field(
        validator=[instance_of(str, private=True), non_blank], repr=hidden("description")
    )
    owner: str = attrs.field(validator=non_blank)
    timeframe: str = attrs.field(
        default="", validator=instance_of(str, private=True), repr=hidden("timeframe")
    )
    resources: str = attrs.field(
        default="", validator=instance_of(str, private=True), repr=hidden("resources")
    )
    success_criterion: str = attrs.field(
        default="",
        validator=instance_of(str, private=True),
        repr=hidden("success criterion"),
    )


@attrs.frozen(kw_only=True)
class TopicEntry:
    """What a record holds for one topic: its status, the team's notes and agreed actions.

    Attributes:
        topic: the topic's code (``"2.3"``).
        status: open (not talked about yet, so without actions), discussed, or follow-up
            agreed (which needs at least one action).
        notes: the team's notes, in the order they were made.
        actions: the follow-up actions agreed on.
    """

    topic: str = attrs.field(validator=topic_code)
    status: TopicStatus = attrs.field(default=TopicStatus.OPEN, validator=instance_of(TopicStatus))
    notes: tuple[str, ...] = attrs.field(default=(), validator=_notes, repr=_count)
    actions: tuple[Action, ...] = attrs.field(default=(), validator=_actions)

    # On the later field, so the status is compared with actions already known to be Actions.
    @actions.validator
    def _status_fits_the_actions(
        self, _attribute: attrs.Attribute[Any], value: tuple[Action, ...]
    ) -> None:
        if self.status is TopicStatus.FOLLOW_UP_AGREED and not value:
            raise FieldError(
                "status",
                f"topic {self.topic}: follow-up agreed needs at least one action; "
                "add one with add_action",
            )
        # An action is agreed in a conversation, so a topic with one was talked about.
        if self.status is TopicStatus.OPEN and value:
            count = len(value)
            raise FieldError(
                "status",
                f"topic {self.topic}: an open topic has no actions, but {count} "
                f"action{'' if count == 1 else 's'} {'is' if count == 1 else 'are'} agreed; "
                "expected discussed or follow-up agreed",
            )


@attrs.frozen
class DialogueRecord(Indexed):
    """A team's record of a conversation with a key figure, topic by topic.

    Immutable: :meth:`note`, :meth:`mark` and :meth:`add_action` return a new record.
    It refers to topics by code only (the methods take codes such as ``"2.3"``, not
    Topics: every key figure has a topic 1.1), so its JSON stays small; :meth:`guide`
    gives the content back. Notes may hold personal data: they are never logged, and
    the record's ``repr`` shows only how many there are.

    A record built from JSON is checked for its shape only; :meth:`check` checks it
    against a dialogue (the key figure and every topic exist), so
    ``from_json(DialogueRecord, text).check(dialogue)`` reads a saved record safely.

    Attributes:
        key_figure: the code of the key figure the conversation is with.
        entries: one entry per topic of the guide, in the guide's order.

    >>> from ict_competence.dialogue import conversation_guide
    >>> record = DialogueRecord.for_guide(conversation_guide("schoolleider", topics=["1.2"]))
    >>> record = record.note("1.2", "Niet elke leerling heeft thuis een laptop.")
    >>> record = record.add_action("1.2", Action(description="Uitleenpool", owner="p-01"))
    >>> record.entry("1.2").status, len(record.entry("1.2").notes)
    (<TopicStatus.FOLLOW_UP_AGREED: 'follow_up_agreed'>, 1)
    """

    key_figure: str = attrs.field(validator=code)
    entries: tuple[TopicEntry, ...] = attrs.field(
        default=(), validator=[tuple_of(TopicEntry), unique(lambda entry: entry.topic)]
    )

    def __repr__(self) -> str:
        # Notes and actions are free text a team wrote: counted, never shown.
        return summary(
            "DialogueRecord",
            count(len(self.entries), "topic"),
            count(sum(len(entry.notes) for entry in self.entries), "note"),
            count(len(self.actions()), "agreed action"),
        )

    @classmethod
    def for_guide(cls, guide: ConversationGuide) -> DialogueRecord:
        """An empty record for the topics of a conversation guide, every topic open."""
        from ict_competence.dialogue._guide import ConversationGuide  # noqa: PLC0415 - a cycle

        argument("guide", guide, ConversationGuide)
        return cls(guide.key_figure.code, tuple(TopicEntry(topic=t.code) for t in guide.topics))

    @property
    def topics(self) -> tuple[str, ...]:
        """The codes of the record's topics, in order."""
        return tuple(entry.topic for entry in self.entries)

    def entry(self, topic: str) -> TopicEntry:
        """What the record holds for one topic, by its code (``"2.3"``).

        Raises:
            UnknownCodeError: the topic is not in the record; the error lists those that are.
            FieldError: ``topic`` is no code (a Topic, say: pass ``topic.code``).
        """
        return self._find(
            f"topic in the record for {self.key_figure!r}",
            self.entries,
            _topic_code(topic),
            attrgetter("topic"),
        )

    def _with(self, new: TopicEntry) -> DialogueRecord:
        return attrs.evolve(
            self,
            entries=tuple(new if entry.topic == new.topic else entry for entry in self.entries),
        )

    def note(self, topic: str, text: str) -> DialogueRecord:
        """A new record with ``text`` added to the topic's notes."""
        entry = self.entry(topic)
        return self._with(attrs.evolve(entry, notes=(*entry.notes, text)))

    def mark(self, topic: str, status: TopicStatus) -> DialogueRecord:
        """A new record with the topic's status set.

        Raises:
            FieldError: follow-up agreed for a topic without actions, or open for a topic
                with actions (an agreed action means the topic was discussed).
        """
        try:
            status = TopicStatus(status)
        except ValueError:
            allowed = ", ".join(repr(member.value) for member in TopicStatus)
            raise FieldError("status", f"expected one of {allowed}, found {status!r}") from None
        return self._with(attrs.evolve(self.entry(topic), status=status))

    def add_action(self, topic: str, action: Action) -> DialogueRecord:
        """A new record with a follow-up action for the topic, which is then follow-up agreed."""
        entry = self.entry(topic)
        return self._with(
            attrs.evolve(
                entry, actions=(*entry.actions, action), status=TopicStatus.FOLLOW_UP_AGREED
            )
        )

    def actions(self) -> tuple[tuple[str, Action], ...]:
        """Every agreed action with its topic's code, in the record's order."""
        return tuple((entry.topic, action) for entry in self.entries for action in entry.actions)

    def check(self, dialogue: Dialogue | None = None) -> DialogueRecord:
        """The record itself, once its key figure and every topic are found in ``dialogue``.

        Use it on a record read from JSON, against the dialogue it was made with (the
        built-in one by default, or one you extended).

        Raises:
            UnknownCodeError: the dialogue has no such key figure, or the key figure no
                such topic; the error names the code and lists the codes there are.

        >>> from ict_competence.errors import UnknownCodeError
        >>> from ict_competence.serialize import from_json
        >>> text = (
        ...     '{"schema_version": 1, "key_figure": "schoolleider", "entries": [{"topic": "9.9"}]}'
        ... )
        >>> try:
        ...     from_json(DialogueRecord, text).check()
        ... except UnknownCodeError as error:
        ...     print(error.kind, error.code)
        topic of key figure 'schoolleider' 9.9
        """
        dialogue = _dialogue_argument(dialogue)
        figure = dialogue.key_figure(self.key_figure)
        for topic in self.topics:
            figure.topic(topic)
        return self

    def guide(self, dialogue: Dialogue | None = None) -> ConversationGuide:
        """The conversation guide for the record's topics, from ``dialogue`` or the built-in one.

        Raises:
            UnknownCodeError: as :meth:`check` does.
        """
        from ict_competence.dialogue._guide import conversation_guide  # noqa: PLC0415 - a cycle

        return conversation_guide(
            self.key_figure, topics=self.topics, dialogue=_dialogue_argument(dialogue)
        )


def _dialogue_argument(dialogue: object) -> Dialogue:
    """The dialogue a record is checked against: ``dialogue``, or the built-in one for None."""
    from ict_competence.dialogue._dialogue import Dialogue  # noqa: PLC0415 - a cycle

    if dialogue is None:
        return load_dialogue()
    if not isinstance(dialogue, Dialogue):
        raise wrong_type("dialogue", dialogue, Dialogue)
    return dialogue
