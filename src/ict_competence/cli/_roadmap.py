"""``roadmap``: the eight steps, asked one by one in a terminal or answered by a script."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ict_competence.cli._answers import accepted, answer_step, answers_in_file, step_lines
from ict_competence.cli._common import (
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
#: The school as a whole, for advice addressed to no one in particular.
_SCHOOL: dict[Language, str] = {"nl": "de school", "en": "the school"}
#: Sessions may hold notes: the file is readable by its owner only.
_PRIVATE = 0o600


def _advice_lines(advice: Sequence[Advice], language: Language) -> list[str]:
    return [
        f"  advice (step {piece.step}) for "
        f"{piece.actor.label.get(language) if piece.actor else _SCHOOL[language]}: "
        f"{piece.text.get(language)}"
        for piece in advice
    ]


def _scripted(session: RoadmapSession, words: Sequence[str]) -> RoadmapSession:
    """``session`` with ``words`` answering its steps in order; a wrong one names its step."""
    for number, word in enumerate(words, 1):
        try:
            session = answer_step(session, word)
        except IctCompetenceError as error:
            raise IctCompetenceError(f"--answers, answer {number}: {error}") from None
    return session


def _interactive(session: RoadmapSession, language: Language) -> RoadmapSession:
    """Ask each step's question until the cycle is complete or the user stops."""
    print(f"Answer each step; {STOP[0]!r} or Ctrl-D stops and keeps the answers so far.")
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
        except IctCompetenceError as error:
            print(f"  {error}")
            continue
        print("\n".join(_advice_lines(moved.advice[len(session.advice) :], language)))
        session = moved
        if session.status is SessionStatus.PAUSED:
            print(f"  Paused at step {session.current.number}: answer again once it is met.")
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
        session = _scripted(session, words)
        print("\n".join(_advice_lines(session.advice[gathered:], language)))
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
        write_output(to_json(session), args.out, what="the session", mode=_PRIVATE)
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
