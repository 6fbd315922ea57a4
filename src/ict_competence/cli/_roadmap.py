"""``roadmap``: the eight steps, asked one by one in a terminal or answered by a script."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ict_competence.cli._answers import (
    accepted,
    answer_all,
    answer_step,
    answers_in_file,
    step_lines,
)
from ict_competence.cli._common import (
    PRIVATE,
    Subcommands,
    add_command,
    add_force,
    add_language,
    comma_list,
    refuse_existing,
    write_output,
)
from ict_competence.errors import IctCompetenceError
from ict_competence.flow import Advice, RoadmapSession, SessionStatus
from ict_competence.serialize import from_json, to_json
from ict_competence.text import Language, count

__all__ = ["register"]

#: What stops the questions (the session so far is kept); Ctrl-D does the same.
STOP = ("stop", "q", "quit")
#: The interactive session's own words, in the language of its questions.
_SAY: dict[Language, dict[str, str]] = {
    "nl": {
        "school": "de school",
        "start": "Beantwoord elke stap; {stop!r} of Ctrl-D stopt en bewaart de antwoorden "
        "tot nu toe.",
        "advice": "advies (stap {step}) voor {actor}",
        "retry": "{found!r} beantwoordt stap {step} niet: typ {choices}.",
        "or": "of",
        "paused": "Gepauzeerd bij stap {step}: beantwoord ze opnieuw zodra eraan voldaan is.",
    },
    "en": {
        "school": "the school",
        "start": "Answer each step; {stop!r} or Ctrl-D stops and keeps the answers so far.",
        "advice": "advice (step {step}) for {actor}",
        "retry": "{found!r} does not answer step {step}: type {choices}.",
        "or": "or",
        "paused": "Paused at step {step}: answer again once it is met.",
    },
}
#: How far a line of the session is indented under its step.
_INDENT = "  "


def _advice_lines(advice: Sequence[Advice], language: Language) -> list[str]:
    say = _SAY[language]
    lines = []
    for piece in advice:
        actor = piece.actor.label.get(language) if piece.actor else say["school"]
        head = say["advice"].format(step=piece.step, actor=actor)
        text = piece.text.get(language).replace("\n", "\n" + _INDENT * 2)
        lines.append(f"{_INDENT}{head}: {text}")
    return lines


def _choices(session: RoadmapSession, language: Language) -> str:
    """The words that answer the current step, and ``stop``: ``ja, nee of stop``."""
    words = (*accepted(session.current, language), STOP[0])
    return f"{', '.join(words[:-1])} {_SAY[language]['or']} {words[-1]}"


def _interactive(session: RoadmapSession, language: Language) -> RoadmapSession:
    """Ask each step's question until the cycle is complete or the user stops."""
    say = _SAY[language]
    print(say["start"].format(stop=STOP[0]))
    while session.status is not SessionStatus.CYCLE_COMPLETE:
        print()
        print("\n".join(step_lines(session, language)))
        choices = "/".join((*accepted(session.current, language), STOP[0]))
        try:
            reply = input(f"[{choices}] > ")
        except EOFError:
            print()
            break
        if reply.strip().lower() in STOP:
            break
        try:
            moved = answer_step(session, reply)
        except IctCompetenceError:  # no answer to this step: ask again, in the session's words
            found, step = reply.strip()[:20], session.current.number
            print(
                _INDENT
                + say["retry"].format(found=found, step=step, choices=_choices(session, language))
            )
            continue
        for line in _advice_lines(moved.advice[len(session.advice) :], language):
            print(line)
        session = moved
        if session.status is SessionStatus.PAUSED:
            print(_INDENT + say["paused"].format(step=session.current.number))
    return session


def _words(args: argparse.Namespace) -> list[str] | None:
    if args.answers is not None:
        return list(args.answers)
    if args.answers_file is not None:
        return answers_in_file(args.answers_file)
    return None


def _roadmap(args: argparse.Namespace) -> int:
    if args.out is not None:
        refuse_existing(args.out, args.force)
    language: Language = args.language
    session = RoadmapSession.start()
    if args.resume is not None:
        session = from_json(RoadmapSession, args.resume.read_bytes(), source=str(args.resume))
    gathered = len(session.advice)
    words = _words(args)
    if words is not None:
        session = answer_all(session, words, "--answers")
        for line in _advice_lines(session.advice[gathered:], language):
            print(line)
    elif sys.stdin.isatty():
        session = _interactive(session, language)
    else:
        raise IctCompetenceError(
            "stdin is not a terminal: give the answers with --answers or --answers-file"
        )
    print(
        f"Roadmap: at step {session.current.number} ({session.status.value}), "
        f"cycle {session.cycle}, {count(len(session.history), 'move')}, "
        f"{count(len(session.advice), 'piece of advice', 'pieces of advice')}."
    )
    if args.out is not None:
        write_output(to_json(session), args.out, what="the session", mode=PRIVATE)
    return 0


def register(commands: Subcommands) -> None:
    """Add ``roadmap``."""
    roadmap = add_command(
        commands,
        "roadmap",
        summary="go through the roadmap's steps: asked in a terminal, or --answers for scripts",
        details="In a terminal each step's question is asked in turn; 'stop' or Ctrl-D ends\n"
        "and keeps the answers so far. Answers are yes or no for a check and done for an\n"
        "action (ja, nee, klaar too). A 'no' at steps 1-3 pauses there with advice.\n"
        "--out saves the session as JSON; --resume goes on from such a file.",
        example=[
            "ict-competence roadmap --out session.json",
            "ict-competence roadmap --answers yes,yes,no --out session.json",
        ],
        run=_roadmap,
    )
    given = roadmap.add_mutually_exclusive_group()
    given.add_argument(
        "--answers",
        type=comma_list,
        metavar="A,B,…",
        help="the answers in order, comma-separated (no questions asked)",
    )
    given.add_argument(
        "--answers-file",
        type=Path,
        metavar="FILE",
        help="a text file of answers, separated by commas, spaces or lines",
    )
    roadmap.add_argument(
        "--resume", type=Path, metavar="SESSION", help="go on from a session saved with --out"
    )
    add_language(roadmap, default="nl")
    roadmap.add_argument("--out", type=Path, metavar="PATH", help="save the session as JSON")
    add_force(roadmap)
