"""Hypothesis strategies for the dialogue package's records and content, one composite each."""

from __future__ import annotations

from hypothesis import strategies as st

from ict_competence.dialogue import (
    Action,
    Aspect,
    DialogueRecord,
    MainQuestion,
    Reference,
    ReferenceKind,
    Topic,
    TopicEntry,
    TopicStatus,
)
from ict_competence.text import LocalizedText, Provenance
from tests import strategies as base

# Text a team might type, including quotes, backslashes, newlines and non-Latin script.
_CHARACTERS = st.characters(codec="utf-8")
text = st.text(_CHARACTERS, max_size=40)
non_blank_text = text.filter(lambda value: value.strip() != "")
person_ids = st.from_regex(r"p-[0-9]{1,4}", fullmatch=True) | non_blank_text
codes = st.from_regex(r"[a-z][a-z0-9_-]{0,15}", fullmatch=True)


def topic_codes(number: int | None = None) -> st.SearchStrategy[str]:
    """Topic codes such as ``"2.3"``, under main question ``number`` if given."""
    numbers = st.just(number) if number is not None else st.integers(1, 999)
    return st.tuples(numbers, st.integers(0, 999)).map(lambda pair: f"{pair[0]}.{pair[1]}")


def localized_texts() -> st.SearchStrategy[LocalizedText]:
    """A Dutch text with an English one (possibly empty), in this module's wider alphabet."""
    return base.localized_texts(text)


def provenances() -> st.SearchStrategy[Provenance]:
    """A source file and a place in it, in this module's wider alphabet."""
    return base.provenances(text)


@st.composite
def actions(draw: st.DrawFn) -> Action:
    """A follow-up action with an owner's id and free text anywhere else."""
    return Action(
        description=draw(non_blank_text),
        owner=draw(person_ids),
        timeframe=draw(text),
        resources=draw(text),
        success_criterion=draw(text),
    )


@st.composite
def topic_entries(draw: st.DrawFn, code: st.SearchStrategy[str] | None = None) -> TopicEntry:
    """A topic's entry whose status is consistent with its actions (open: none yet)."""
    agreed = draw(st.lists(actions(), max_size=3))
    statuses = (
        [TopicStatus.DISCUSSED, TopicStatus.FOLLOW_UP_AGREED]
        if agreed
        else [TopicStatus.OPEN, TopicStatus.DISCUSSED]
    )
    return TopicEntry(
        topic=draw(code if code is not None else topic_codes()),
        status=draw(st.sampled_from(statuses)),
        notes=tuple(draw(st.lists(non_blank_text, max_size=3))),
        actions=tuple(agreed),
    )


@st.composite
def dialogue_records(draw: st.DrawFn) -> DialogueRecord:
    """A record for any key figure, with distinct topics in any order."""
    codes_ = draw(st.lists(topic_codes(), unique=True, max_size=6))
    return DialogueRecord(
        draw(codes),
        tuple(draw(topic_entries(st.just(code))) for code in codes_),
    )


@st.composite
def references(draw: st.DrawFn) -> Reference:
    """A reading tip of any kind, with or without its sentence and address."""
    return Reference(
        kind=draw(st.sampled_from(ReferenceKind)),
        title=draw(localized_texts()),
        tip=draw(st.none() | localized_texts()),
        url=draw(
            st.none() | st.from_regex(r"https://[a-z]{1,10}\.nl/[a-z0-9/-]{0,20}", fullmatch=True)
        ),
        provenance=draw(provenances()),
    )


@st.composite
def topics(draw: st.DrawFn, number: int = 1) -> Topic:
    """A topic under main question ``number``."""
    return Topic(
        code=draw(topic_codes(number)),
        title=draw(localized_texts()),
        body=draw(st.none() | localized_texts()),
        aspects=tuple(
            Aspect(code=code, title=title, body=body, provenance=provenance)
            for code, title, body, provenance in draw(
                st.lists(
                    st.tuples(codes, localized_texts(), localized_texts(), provenances()),
                    max_size=2,
                    unique_by=lambda row: row[0],
                )
            )
        ),
        questions=tuple(draw(st.lists(localized_texts(), max_size=2))),
        tips=tuple(draw(st.lists(references(), max_size=2))),
        policy_themes=tuple(draw(st.lists(codes, unique=True, max_size=2))),
        see_also=tuple(draw(st.lists(codes, unique=True, max_size=2))),
        provenance=draw(provenances()),
    )


@st.composite
def main_questions(draw: st.DrawFn) -> MainQuestion:
    """A main question with distinct topics under its own number."""
    number = draw(st.integers(1, 999))
    return MainQuestion(
        number=number,
        theme=draw(codes),
        title=draw(localized_texts()),
        intro=draw(st.none() | localized_texts()),
        heading=draw(st.none() | localized_texts()),
        topics=tuple(draw(st.lists(topics(number), max_size=3, unique_by=lambda t: t.code))),
        provenance=draw(provenances()),
    )
