"""``guide``: Kennisnet's conversation guide for a key figure, as a page or JSON."""

from __future__ import annotations

import argparse

from ict_competence.cli._common import (
    Subcommands,
    add_command,
    add_language,
    add_out,
    comma_list,
    refuse_existing,
    write_output,
)
from ict_competence.dialogue import conversation_guide

__all__ = ["register"]


def _guide(args: argparse.Namespace) -> int:
    from ict_competence.renderers import render  # noqa: PLC0415 - jinja2 only when rendering

    if args.out is not None:
        refuse_existing(args.out, args.force)
    guide = conversation_guide(
        args.key_figure,
        themes=args.themes,
        policy_themes=args.policy_themes,
        topics=args.topics,
    )
    options = {} if args.language is None else {"language": args.language}
    result = render(guide, args.format, **options)
    write_output(result, args.out, what=f"the guide as {args.format}")
    return 0


def register(commands: Subcommands) -> None:
    """Add ``guide``."""
    guide = add_command(
        commands,
        "guide",
        summary="the conversation guide for a key figure: its topics, or a selection",
        details="Each selection narrows the guide. An unknown key figure, theme or topic is\n"
        "refused with the codes there are.",
        example=[
            "ict-competence guide schoolleider --themes omgeving --format html --out guide.html",
            "ict-competence guide schoolleider --policy-themes gelijke_kansen --language en",
        ],
        run=_guide,
    )
    guide.add_argument("key_figure", metavar="KEY_FIGURE", help="the key figure, as schoolleider")
    guide.add_argument("--themes", type=comma_list, metavar="A,B", help="theme codes, as omgeving")
    guide.add_argument(
        "--policy-themes",
        type=comma_list,
        metavar="A,B",
        help="policy theme codes, as gelijke_kansen",
    )
    guide.add_argument("--topics", type=comma_list, metavar="A,B", help="topic codes, as 1.2,2.3")
    guide.add_argument(
        "--format", default="markdown", help="markdown (default), html, json or another format"
    )
    add_language(guide)
    add_out(guide, "the guide")
