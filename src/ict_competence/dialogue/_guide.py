"""Choosing your own way: a conversation guide is a key figure's topics, selected and in order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from ict_competence._checks import argument, instance_of, tuple_of
from ict_competence._display import html_fragment
from ict_competence._lookup import Indexed
from ict_competence.dialogue._dialogue import Dialogue
from ict_competence.dialogue._loader import load_dialogue
from ict_competence.dialogue._model import KeyFigure, MainQuestion, PolicyTheme, Theme, Topic
from ict_competence.dialogue._record import DialogueRecord
from ict_competence.errors import ContentError, FieldError, UnknownCodeError
from ict_competence.text import count, summary

__all__ = ["ConversationGuide", "conversation_guide"]

_Coded = TypeVar("_Coded", Theme, PolicyTheme, Topic)


def _only_chosen_questions(
    _instance: object, attribute: attrs.Attribute[Any], value: KeyFigure
) -> None:
    for question in value.main_questions:
        if not question.topics:
            raise FieldError(
                attribute.name,
                f"main question {question.number} has no selected topic; "
                "expected only the main questions of the selected topics",
            )


def _first_seen(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(codes))


@attrs.frozen(kw_only=True)
class ConversationGuide(Indexed):
    """The topics a school chose to discuss with a key figure ("kies je eigen weg").

    Made by :func:`conversation_guide`. It carries the content it needs and no
    more, so it can be rendered or saved on its own: the key figure with only the
    selected topics (and the main questions they are under), and the themes and
    policy themes those topics refer to.

    Attributes:
        key_figure: the key figure the conversation is with, narrowed to the selection.
        themes: the themes of the main questions the selected topics are under.
        policy_themes: the policy themes the selected topics raise.

    >>> guide = conversation_guide("schoolleider", themes=["omgeving"])
    >>> [topic.code for topic in guide.topics]
    ['3.1', '3.2', '3.3']
    >>> [(question.number, len(topics)) for question, topics in guide.sections()]
    [(3, 3)]
    """

    key_figure: KeyFigure = attrs.field(validator=[instance_of(KeyFigure), _only_chosen_questions])
    themes: tuple[Theme, ...] = attrs.field(validator=tuple_of(Theme))
    policy_themes: tuple[PolicyTheme, ...] = attrs.field(validator=tuple_of(PolicyTheme))

    def __repr__(self) -> str:
        return summary(
            "ConversationGuide", repr(self.key_figure.code), count(len(self.topics), "topic")
        )

    def _repr_html_(self) -> str:
        return html_fragment(self)

    @themes.validator
    def _themes_of_the_topics(
        self, attribute: attrs.Attribute[Any], value: tuple[Theme, ...]
    ) -> None:
        expected = _first_seen(question.theme for question, _ in self.sections())
        if tuple(theme.code for theme in value) != expected:
            raise FieldError(
                attribute.name, f"expected the themes of the selected topics: {list(expected)}"
            )

    @policy_themes.validator
    def _policy_themes_of_the_topics(
        self, attribute: attrs.Attribute[Any], value: tuple[PolicyTheme, ...]
    ) -> None:
        expected = _first_seen(code for topic in self.topics for code in topic.policy_themes)
        if tuple(theme.code for theme in value) != expected:
            raise FieldError(
                attribute.name,
                f"expected the policy themes of the selected topics: {list(expected)}",
            )

    @property
    def topics(self) -> tuple[Topic, ...]:
        """The selected topics, in the key figure's order."""
        return self.key_figure.topics

    def sections(self) -> tuple[tuple[MainQuestion, tuple[Topic, ...]], ...]:
        """Each main question with selected topics, and those topics, in order."""
        return tuple((question, question.topics) for question in self.key_figure.main_questions)

    def topic(self, code: str) -> Topic:
        """The selected topic with this code."""
        return self._find(f"topic in the guide for {self.key_figure.code!r}", self.topics, code)

    def theme(self, code: str) -> Theme:
        """One of the guide's themes, by code."""
        return self._find("theme in the guide", self.themes, code)

    def record(self) -> DialogueRecord:
        """An empty record of the conversation, with every topic of the guide open."""
        return DialogueRecord.for_guide(self)


def _items(name: str, chosen: object, coded: type) -> list[Any]:
    """The codes or entries of a selection argument, refusing what is neither."""
    if isinstance(chosen, str):
        return [chosen]
    if isinstance(chosen, Iterable) and not isinstance(chosen, Mapping | bytes):
        items = list(chosen)
        for i, item in enumerate(items):
            argument(f"{name}[{i}]", item, str, coded)
        return items
    raise FieldError(name, f"expected codes or {coded.__name__}s, found {chosen!r}")


def _selection(
    name: str,
    kind: str,
    chosen: Iterable[str | _Coded] | str | None,
    entries: tuple[_Coded, ...],
    coded: type,
) -> frozenset[str] | None:
    if chosen is None:
        return None
    known = tuple(entry.code for entry in entries)
    items = _items(name, chosen, coded)
    codes = [item if isinstance(item, str) else item.code for item in items]
    for code in codes:
        if code not in known:
            raise UnknownCodeError(kind, code, known)
    return frozenset(codes)


def _own_topics(
    figure: KeyFigure, topics: Iterable[str | Topic] | str | None
) -> list[str | Topic] | str | None:
    """The topics asked for, once every Topic among them is found to be the figure's own."""
    if topics is None or isinstance(topics, str):
        return topics
    items = _items("topics", topics, Topic)
    for item in items:
        # Every key figure numbers its topics from 1.1, so a code alone proves nothing.
        if isinstance(item, Topic) and figure.topic(item.code) != item:
            raise FieldError(
                "topics",
                f"the Topic {item.code} given is not the one key figure {figure.code!r} has "
                "under that code; pass its code or the key figure's own Topic",
            )
    return items


def _selected_questions(
    figure: KeyFigure,
    themes: frozenset[str] | None,
    policy_themes: frozenset[str] | None,
    topics: frozenset[str] | None,
) -> list[MainQuestion]:
    """The figure's main questions, each with only its selected topics; none left, none kept."""
    questions = []
    for question in figure.main_questions:
        if themes is not None and question.theme not in themes:
            continue
        chosen = tuple(
            topic
            for topic in question.topics
            if (policy_themes is None or policy_themes.intersection(topic.policy_themes))
            and (topics is None or topic.code in topics)
        )
        if chosen:
            questions.append(attrs.evolve(question, topics=chosen))
    return questions


def _with_questions(figure: KeyFigure, dialogue: Dialogue) -> KeyFigure:
    """``figure``, once it is found to have questions to select from."""
    if figure.main_questions:
        return figure
    having = [f.code for f in dialogue.key_figures if f.main_questions]
    raise ContentError(
        f"key figure {figure.code!r} has no questions in the loaded content; key figures "
        f"with questions: {', '.join(having) or 'none'}. Add a question set for "
        f"{figure.code!r} with Dialogue.extend(path) or load_dialogue(path), and pass that "
        "dialogue as conversation_guide(..., dialogue=...) (see docs/dialogue.md)"
    )


def conversation_guide(
    key_figure: str | KeyFigure,
    *,
    themes: Iterable[str | Theme] | str | None = None,
    policy_themes: Iterable[str | PolicyTheme] | str | None = None,
    topics: Iterable[str | Topic] | str | None = None,
    dialogue: Dialogue | None = None,
) -> ConversationGuide:
    """Select the topics to discuss with a key figure, in the handreiking's order.

    Each selection that is given narrows the guide: a topic is in it when its main
    question's theme is among ``themes``, it raises one of ``policy_themes``, and its
    code is among ``topics`` (for those that are given). Leaving them all out gives
    every topic of the key figure. A selection may be empty; a key figure without
    questions in the loaded content is refused.

    Args:
        key_figure: a key figure's code (``"schoolleider"``) or the KeyFigure itself.
        themes: theme codes (or Themes), such as ``["omgeving"]``.
        policy_themes: policy theme codes (or PolicyThemes), such as ``["gelijke_kansen"]``.
        topics: topic codes (or the key figure's own Topics), such as ``["1.2", "2.3"]``.
        dialogue: the dialogue to take content from; the built-in one by default.

    Raises:
        UnknownCodeError: a key figure, theme, policy theme or topic that does not
            exist; the message lists the codes that do.
        FieldError: a Topic of another key figure among ``topics``.
        ContentError: the key figure has no questions yet; the message names the key
            figures that have them and how to add a question set.

    >>> guide = conversation_guide("schoolleider", policy_themes=["gelijke_kansen"])
    >>> [topic.code for topic in guide.topics], [theme.code for theme in guide.themes]
    (['1.2', '2.4'], ['onderwijsleerproces', 'taken_cultuur_samenwerken'])
    """
    dialogue = load_dialogue() if dialogue is None else dialogue
    argument("dialogue", dialogue, Dialogue)
    argument("key_figure", key_figure, str, KeyFigure)
    figure = dialogue.key_figure(key_figure) if isinstance(key_figure, str) else key_figure
    figure = _with_questions(figure, dialogue)
    wanted_themes = _selection("themes", "theme", themes, dialogue.themes, Theme)
    wanted_policy = _selection(
        "policy_themes", "policy theme", policy_themes, dialogue.policy_themes, PolicyTheme
    )
    kind = f"topic of key figure {figure.code!r}"
    wanted_topics = _selection("topics", kind, _own_topics(figure, topics), figure.topics, Topic)
    questions = _selected_questions(figure, wanted_themes, wanted_policy, wanted_topics)
    theme_codes = _first_seen(question.theme for question in questions)
    policy_codes = _first_seen(
        code for question in questions for topic in question.topics for code in topic.policy_themes
    )
    return ConversationGuide(
        key_figure=attrs.evolve(figure, main_questions=tuple(questions)),
        themes=tuple(dialogue.theme(code) for code in theme_codes),
        policy_themes=tuple(dialogue.policy_theme(code) for code in policy_codes),
    )
