"""``render``: any file the library writes, in any format of the renderers.

What a file is comes from its content (see ``_files``); what may be printed and how a
file is written, from the kind of its object (see ``_personal``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ict_competence.cli._common import Subcommands, add_command, add_language, add_out
from ict_competence.cli._files import read_file
from ict_competence.cli._output import emit

__all__ = ["register"]


def _render(args: argparse.Namespace) -> int:
    return emit(args, lambda: read_file(args.file), fmt=args.format, what=args.file.name)


def register(commands: Subcommands) -> None:
    """Add ``render``."""
    render = add_command(
        commands,
        "render",
        summary="render a file the library wrote (plan, overview, team, …) in any format",
        details="FILE is JSON the library writes (a plan, task overview, team, allocation,\n"
        "roadmap session, conversation record or guide, action plan, evaluation, catalog),\n"
        "told apart by its keys, or an overview or team workbook (.xlsx). Pages show people\n"
        "by id; --names shows their names. Text goes to stdout or --out; a binary format\n"
        "needs --out. A file that holds personal data (a plan, team, task overview,\n"
        "allocation, roadmap session, conversation record or action plan) is printed only\n"
        "with --names; --out writes it readable by you only.",
        example=[
            "ict-competence render plan.json --format html --out plan.html",
            "ict-competence render team.xlsx --format markdown --language en --out team.md",
        ],
        run=_render,
    )
    render.add_argument("file", type=Path, metavar="FILE", help="the file to render")
    render.add_argument(
        "--format", required=True, help="a format of the renderers: markdown, html, json, …"
    )
    add_language(render)
    render.add_argument(
        "--names",
        action="store_true",
        help="show people's names on pages, and print personal data to stdout",
    )
    add_out(render, "the result")
