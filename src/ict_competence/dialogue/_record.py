"""A team's record of a conversation: notes, a status and follow-up actions per topic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from ict_competence._checks import non_blank, unique
from ict_competence.dialogue._enums import TopicStatus
from ict_competence.dialogue._model import Topic, topic_code
from ict_competence.errors import FieldError, UnknownCodeError

if TYPE_CHECKING:
    from ict_competence.dialogue._dialogue import Dialogue
    from ict_competence.dialogue._guide import ConversationGuide

__all__ = ["Action", "DialogueRecord", "TopicEntry"]


def _notes(_instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    for note in value:
        if not isinstance(note, str) or not note.strip():
            # The note itself is never put in a message: notes may hold personal data.
            raise FieldError(attribute.name, "expected non-empty text for every note")


def _actions(_instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    for action in value:
        if not isinstance(action, Action):
            raise FieldError(attribute.name, f"expected an Action, found {type(action).__name__}")


def _count(notes: tuple[str, ...]) -> str:
    # Notes may hold personal data; a repr that ends up in a log shows only how many.
    return f"<{len(notes)} note{'' if len(notes) == 1 else 's'}>"


def _code_of(topic: str | Topic) -> str:
    return topic.code if isinstance(topic, Topic) else topic


@attrs.frozen(kw_only=True)
class Action:
    """A follow-up action a team agrees on, as SELFIE's planning toolkit records it.

    Attributes:
        description: what will be done.
        owner: the id of the person who sees to it (a person id, not a name).
        timeframe: when it will be done, in the team's own words ("voor de zomer").
        resources: what it needs: time, money, people, material.
        success_criterion: how the team will know it worked.

    >>> action = Action(description="Ict-puzzel leggen met het team", owner="p-07")
    >>> action.owner, action.timeframe
    ('p-07', '')
    """

    description: str = attrs.field(validator=non_blank)
    owner: str = attrs.field(validator=non_blank)
    timeframe: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    resources: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    success_criterion: str = attrs.field(default="", validator=attrs.validators.instance_of(str))


@attrs.frozen(kw_only=True)
class TopicEntry:
    """What a record holds for one topic: its status, the team's notes and agreed actions.

    Attributes:
        topic: the topic's code (``"2.3"``).
        status: open, discussed, or follow-up agreed (which needs at least one action).
        notes: the team's notes, in the order they were made.
        actions: the follow-up actions agreed on.
    """

    topic: str = attrs.field(validator=topic_code)
    status: TopicStatus = attrs.field(default=TopicStatus.OPEN)
    notes: tuple[str, ...] = attrs.field(default=(), validator=_notes, repr=_count)
    actions: tuple[Action, ...] = attrs.field(default=(), validator=_actions)

    @status.validator
    def _follow_up_needs_an_action(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is TopicStatus.FOLLOW_UP_AGREED and not self.actions:
            raise FieldError(
                attribute.name,
                f"topic {self.topic}: follow-up agreed needs at least one action; "
                "add one with add_action",
            )


@attrs.frozen
class DialogueRecord:
    """A team's record of a conversation with a key figure, topic by topic.

    Immutable: :meth:`note`, :meth:`mark` and :meth:`add_action` return a new record.
    It refers to topics by code only, so its JSON stays small; :meth:`guide` gives the
    content back. Notes may hold personal data: they are never logged, and the
    record's ``repr`` shows only how many there are.

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

    key_figure: str = attrs.field(validator=non_blank)
    entries: tuple[TopicEntry, ...] = attrs.field(
        default=(), validator=unique(lambda entry: entry.topic)
    )

    @classmethod
    def for_guide(cls, guide: ConversationGuide) -> DialogueRecord:
        """An empty record for the topics of a conversation guide, every topic open."""
        return cls(guide.key_figure.code, tuple(TopicEntry(topic=t.code) for t in guide.topics))

    @property
    def topics(self) -> tuple[str, ...]:
        """The codes of the record's topics, in order."""
        return tuple(entry.topic for entry in self.entries)

    def entry(self, topic: str | Topic) -> TopicEntry:
        """What the record holds for one topic (a code such as ``"2.3"``, or the Topic)."""
        code = _code_of(topic)
        for entry in self.entries:
            if entry.topic == code:
                return entry
        raise UnknownCodeError(f"topic in the record for {self.key_figure!r}", code, self.topics)

    def _with(self, new: TopicEntry) -> DialogueRecord:
        return attrs.evolve(
            self,
            entries=tuple(new if entry.topic == new.topic else entry for entry in self.entries),
        )

    def note(self, topic: str | Topic, text: str) -> DialogueRecord:
        """A new record with ``text`` added to the topic's notes."""
        entry = self.entry(topic)
        return self._with(attrs.evolve(entry, notes=(*entry.notes, text)))

    def mark(self, topic: str | Topic, status: TopicStatus) -> DialogueRecord:
        """A new record with the topic's status set (follow-up agreed needs an action)."""
        try:
            status = TopicStatus(status)
        except ValueError:
            allowed = ", ".join(repr(member.value) for member in TopicStatus)
            raise FieldError("status", f"expected one of {allowed}, found {status!r}") from None
        return self._with(attrs.evolve(self.entry(topic), status=status))

    def add_action(self, topic: str | Topic, action: Action) -> DialogueRecord:
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

    def guide(self, dialogue: Dialogue | None = None) -> ConversationGuide:
        """The conversation guide for the record's topics, from ``dialogue`` or the built-in one."""
        from ict_competence.dialogue._guide import conversation_guide  # noqa: PLC0415 - a cycle

        return conversation_guide(self.key_figure, topics=self.topics, dialogue=dialogue)
