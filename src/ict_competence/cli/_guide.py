"""``guide``: Kennisnet's conversation guide for a key figure, as a page or JSON."""

from __future__ import annotations

import argparse

from ict_competence.cli._common import Subcommands, add_command, add_language, add_out, comma_list
from ict_competence.cli._output import emit
from ict_competence.dialogue import ConversationGuide, conversation_guide

__all__ = ["register"]


def _guide(args: argparse.Namespace) -> int:
    def guide() -> ConversationGuide:
        return conversation_guide(
            args.key_figure,
            themes=args.themes,
            policy_themes=args.policy_themes,
            topics=args.topics,
        )

    return emit(args, guide, fmt=args.format, what="the guide")


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
