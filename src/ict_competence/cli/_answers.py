"""Answering roadmap steps from words people type: yes, no, done (or ja, nee, klaar)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ict_competence.errors import IctCompetenceError
from ict_competence.flow import Answer, RoadmapSession, SessionStatus, Step, StepKind
from ict_competence.text import Language

__all__ = [
    "accepted",
    "answer_all",
    "answer_step",
    "answers_in_file",
    "parse_answer",
    "step_lines",
]

#: The longest typed answer an error message repeats.
_SHOWN = 20
#: "Step" in the languages of the content.
_STEP: dict[Language, str] = {"nl": "Stap", "en": "Step"}


def _words(answer: Answer) -> set[str]:
    return {answer.value, answer.label.nl.lower(), answer.label.en.lower()}


def parse_answer(word: str) -> Answer | None:
    """The answer a typed word means: yes/ja, no/nee or done/klaar (any case); else ``None``.

    >>> parse_answer(" Ja "), parse_answer("klaar"), parse_answer("maybe")
    (<Answer.YES: 'yes'>, <Answer.DONE: 'done'>, None)
    """
    typed = word.strip().lower()
    return next((answer for answer in Answer if typed in _words(answer)), None)


def _fitting(step: Step) -> tuple[Answer, ...]:
    return (Answer.YES, Answer.NO) if step.kind is StepKind.CHECK else (Answer.DONE,)


def accepted(step: Step, language: Language = "en") -> tuple[str, ...]:
    """The words that answer ``step``, in ``language``: yes and no for a check, else done."""
    return tuple(answer.label.get(language).lower() for answer in _fitting(step))


def answer_step(session: RoadmapSession, word: str) -> RoadmapSession:
    """``session`` with its current step answered by ``word``.

    Raises:
        IctCompetenceError: the word is no answer, does not fit the step (done on a check,
            yes on an action), or the cycle is complete; the message names the step.
    """
    step = session.current
    if session.status is SessionStatus.CYCLE_COMPLETE:
        raise IctCompetenceError(
            f"step {step.number}: the cycle is complete: no further answer fits"
        )
    answer = parse_answer(word)
    if answer not in _fitting(step):
        shown = word.strip()[:_SHOWN]
        what = {StepKind.CHECK: "a check", StepKind.ACTION: "an action"}.get(
            step.kind, f"the {step.kind.value}"
        )
        raise IctCompetenceError(
            f"step {step.number} is {what}: expected {' or '.join(accepted(step))}, found {shown!r}"
        )
    if answer is Answer.DONE:
        return session.complete()
    return session.answer(answer is Answer.YES)


def answer_all(
    session: RoadmapSession,
    words: Sequence[str],
    option: str,
    refuse: Callable[[RoadmapSession], str | None] | None = None,
) -> RoadmapSession:
    """``session`` with ``words`` answering its steps in order.

    Args:
        session: the session to answer.
        words: the typed answers, in order.
        option: the option they came from, which an error names (``--answers``).
        refuse: says why the current step takes no typed answer, or ``None`` when it does
            (a plan refuses the steps its data answers).

    Raises:
        IctCompetenceError: an answer does not fit its step, or ``refuse`` refused it; the
            message names the option, the answer's number and the step.
    """
    for number, word in enumerate(words, 1):
        try:
            why = None if refuse is None else refuse(session)
            if why is not None:
                raise IctCompetenceError(why)
            session = answer_step(session, word)
        except IctCompetenceError as error:
            raise IctCompetenceError(f"{option}, answer {number}: {error}") from None
    return session


def answers_in_file(path: Path) -> list[str]:
    """The answers in a text file: separated by commas, spaces or lines; ``#`` starts a comment.

    Raises:
        IctCompetenceError: the file is no UTF-8 text; the message names the file and byte.
        OSError: the file cannot be read.
    """
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")  # a byte order mark, as Notepad writes, is no answer
    except UnicodeDecodeError as error:
        raise IctCompetenceError(
            f"{path}: not UTF-8 text (byte {error.start + 1} is 0x{data[error.start]:02x}); "
            "save the answers as UTF-8"
        ) from None
    lines = (line.split("#", 1)[0] for line in text.splitlines())
    return [word for line in lines for word in re.split(r"[,\s]+", line) if word]


def step_lines(session: RoadmapSession, language: Language) -> list[str]:
    """The current step in words: its number and title, its question, and its text."""
    step = session.current
    title = step.title.get(language)
    lines = [f"{_STEP[language]} {step.number}: {title}"]
    question = None if step.question is None else step.question.get(language)
    # "Check: an ICT policy plan?" asks "an ICT policy plan?" already: no need to repeat it.
    if question is not None and not title.casefold().endswith(question.strip().casefold()):
        lines.append(question)
    body = session.text
    if body is not None:
        lines.append(body.get(language))
    return lines
