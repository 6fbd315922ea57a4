"""The content of the conversation guide: key figures, themes, main questions, topics and tips."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

import attrs

# The module rather than its names: a field called `code` would hide a validator `code`.
from ict_competence import _checks
from ict_competence._checks import in_range, instance_of, optional_of, tuple_of, unique
from ict_competence._lookup import index, lookup
from ict_competence.dialogue._enums import ReferenceKind
from ict_competence.errors import FieldError
from ict_competence.text import LocalizedText, Provenance

__all__ = [
    "Aspect",
    "KeyFigure",
    "MainQuestion",
    "PolicyTheme",
    "Reference",
    "StaffRole",
    "Theme",
    "Topic",
    "topic_code",
]

#: Accepts a topic code: a main question's number, a dot and a number (``"2.3"``).
topic_code = _checks.matching(
    r"[0-9]{1,3}\.[0-9]{1,3}", "a topic code like '2.3' (main question, dot, number)"
)
_url = attrs.validators.optional(_checks.matching(r"https?://\S+", "an http(s) address"))


@attrs.frozen(kw_only=True)
class _Described:
    """An entry the handreiking names and describes: a theme or a staff member's role.

    Attributes:
        code: stable identifier such as ``omgeving``.
        name: the entry as the handreiking names it.
        description: what it is about.
        provenance: where it comes from.
    """

    code: str = attrs.field(validator=_checks.code)
    name: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    description: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))


@attrs.frozen(kw_only=True)
class Theme(_Described):
    """One of the four themes (thema's) that order the conversation topics, such as ``omgeving``."""


@attrs.frozen(kw_only=True)
class StaffRole(_Described):
    """One of the staff member's roles (hr, beleidsadviseur, informatiemanager, IBP)."""


@attrs.frozen(kw_only=True)
class PolicyTheme:
    """A policy theme (beleidsthema) urgent for most schools: gelijke kansen, veiligheid, AVG.

    Attributes:
        code: stable identifier such as ``gelijke_kansen``.
        name: the policy theme as the handreiking names it.
        description: an optional explanation (the handreiking gives none).
        provenance: where it comes from.
    """

    code: str = attrs.field(validator=_checks.code)
    name: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    description: LocalizedText | None = attrs.field(
        default=None, validator=optional_of(LocalizedText)
    )
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))


@attrs.frozen(kw_only=True)
class Reference:
    """A reading tip (leestip): an article, tool, podcast, video, report, model or website.

    Attributes:
        kind: what sort of source it is.
        title: the source's title as the seed names it.
        tip: the tip's whole sentence, which says why to read it.
        url: the source's address, where known (the seed gives none).
        provenance: where the tip comes from.

    >>> from ict_competence.text import Provenance
    >>> tip = Reference(
    ...     kind=ReferenceKind.REPORT,
    ...     title=LocalizedText("Doordacht digitaal"),
    ...     provenance=Provenance("000_8770f3bdf145dfab.txt", "line 107"),
    ... )
    >>> tip.kind.label.nl, str(tip.title)
    ('rapport', 'Doordacht digitaal')
    """

    kind: ReferenceKind = attrs.field(validator=instance_of(ReferenceKind))
    title: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    tip: LocalizedText | None = attrs.field(default=None, validator=optional_of(LocalizedText))
    url: str | None = attrs.field(default=None, validator=_url)
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))


@attrs.frozen(kw_only=True)
class Aspect:
    """One aspect a topic falls apart into (topic 1.2: toegang, vaardigheden, leermiddelen).

    Attributes:
        code: stable identifier within the topic.
        title: the aspect's name.
        body: what it covers.
        provenance: where it comes from.
    """

    code: str = attrs.field(validator=_checks.code)
    title: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    body: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))


@attrs.frozen(kw_only=True)
class Topic:
    """A conversation topic (onderwerp) under a main question, such as topic 2.3.

    Attributes:
        code: the main question's number, a dot and the topic's number (``"2.3"``).
        title: the topic's title.
        body: the explanation the handreiking gives with it.
        aspects: the aspects the topic falls apart into, if the seed names them.
        questions: conversation questions (gespreksvragen) to ask, if any are given.
        tips: the reading tips that follow the topic in the seed.
        policy_themes: codes of the policy themes the topic's text raises.
        see_also: codes of key figures whose question sets the topic points to.
        provenance: where it comes from.

    >>> from ict_competence.dialogue import load_dialogue
    >>> topic = load_dialogue().key_figure("schoolleider").topic("1.2")
    >>> topic.title.nl
    'Ict zo inzetten dat alle leerlingen gelijke kansen krijgen'
    >>> topic.policy_themes, [aspect.code for aspect in topic.aspects]
    (('gelijke_kansen',), ['toegang', 'vaardigheden', 'leermiddelen'])
    """

    code: str = attrs.field(validator=topic_code)
    title: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    body: LocalizedText | None = attrs.field(default=None, validator=optional_of(LocalizedText))
    aspects: tuple[Aspect, ...] = attrs.field(
        default=(), validator=[tuple_of(Aspect), unique(lambda a: a.code)]
    )
    questions: tuple[LocalizedText, ...] = attrs.field(
        default=(), validator=tuple_of(LocalizedText)
    )
    tips: tuple[Reference, ...] = attrs.field(default=(), validator=tuple_of(Reference))
    policy_themes: tuple[str, ...] = attrs.field(default=(), validator=_checks.codes)
    see_also: tuple[str, ...] = attrs.field(default=(), validator=_checks.codes)
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))

    @property
    def main_question_number(self) -> int:
        """The number of the main question the topic's code puts it under."""
        return int(self.code.split(".", 1)[0])


def _topics_under(
    instance: MainQuestion, attribute: attrs.Attribute[Any], value: tuple[Topic, ...]
) -> None:
    tuple_of(Topic)(instance, attribute, value)
    unique(lambda topic: topic.code)(instance, attribute, value)
    for topic in value:
        if topic.main_question_number != instance.number:
            raise FieldError(
                attribute.name,
                f"topic {topic.code!r} is not under main question {instance.number}; "
                f"expected a code starting with '{instance.number}.'",
            )


@attrs.frozen(kw_only=True)
class MainQuestion:
    """A main question (hoofdvraag) of a key figure, under one theme, with its topics.

    Attributes:
        number: the question's number for its key figure, from 1.
        theme: the code of the theme the question belongs to.
        title: the question itself.
        intro: the introduction the handreiking gives with it.
        heading: the section heading above the question, if any.
        topics: its topics, in order; each code starts with the question's number.
        provenance: where it comes from.

    >>> from ict_competence.dialogue import load_dialogue
    >>> question = load_dialogue().key_figure("schoolleider").main_question(3)
    >>> question.theme, [topic.code for topic in question.topics]
    ('omgeving', ['3.1', '3.2', '3.3'])
    """

    number: int = attrs.field(validator=in_range(1, 999))
    theme: str = attrs.field(validator=_checks.code)
    title: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    intro: LocalizedText | None = attrs.field(default=None, validator=optional_of(LocalizedText))
    heading: LocalizedText | None = attrs.field(default=None, validator=optional_of(LocalizedText))
    topics: tuple[Topic, ...] = attrs.field(default=(), validator=_topics_under)
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))


@attrs.frozen(kw_only=True)
class KeyFigure:
    """A key figure (sleutelfiguur) of the handreiking and the questions to discuss with them.

    Attributes:
        code: stable identifier such as ``schoolleider``.
        name: the key figure's name.
        description: who the key figure is.
        positions: the positions that hold the role, as the handreiking lists them.
        staff_roles: the roles a staff member can have (only for ``stafmedewerker``).
        starting_point: the code of the key figure whose questions are always the
            starting point (for the school leader: the teacher's).
        main_questions: the main questions, by number; empty until a question set is added.
        provenance: where it comes from.

    >>> from ict_competence.dialogue import load_dialogue
    >>> leader = load_dialogue().key_figure("schoolleider")
    >>> len(leader.main_questions), len(leader.topics), leader.starting_point
    (4, 13, 'leraar')
    """

    code: str = attrs.field(validator=_checks.code)
    name: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    description: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    positions: LocalizedText | None = attrs.field(
        default=None, validator=optional_of(LocalizedText)
    )
    staff_roles: tuple[StaffRole, ...] = attrs.field(
        default=(), validator=[tuple_of(StaffRole), unique(lambda role: role.code)]
    )
    starting_point: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_checks.code)
    )
    main_questions: tuple[MainQuestion, ...] = attrs.field(
        default=(), validator=[tuple_of(MainQuestion), unique(lambda question: question.number)]
    )
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))

    @property
    def topics(self) -> tuple[Topic, ...]:
        """Every topic of every main question, in order."""
        return tuple(topic for question in self.main_questions for topic in question.topics)

    @cached_property
    def _topics(self) -> Mapping[str, Topic]:
        return index(self.topics)

    @cached_property
    def _main_questions(self) -> Mapping[int, MainQuestion]:
        return index(self.main_questions, lambda question: question.number)

    def topic(self, code: str) -> Topic:
        """The topic with this code (``"2.3"``)."""
        return lookup(self._topics, code, f"topic of key figure {self.code!r}")

    def main_question(self, number: int) -> MainQuestion:
        """The main question with this number."""
        _checks.argument("number", number, int)
        return lookup(self._main_questions, number, f"main question of key figure {self.code!r}")
