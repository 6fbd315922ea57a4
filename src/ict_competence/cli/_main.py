"""The command's parser, and ``main``: one line and status 2 for input the library refuses."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ict_competence.cli import _demo, _guide, _plan, _render, _roadmap, _workbooks
from ict_competence.cli._common import PROG, Handler, Parser, describe
from ict_competence.errors import IctCompetenceError

__all__ = ["build_parser", "main"]

_EXAMPLES = """\
Example:
  ict-competence demo --out demo-output
  ict-competence plan new --name "De Linde" --school-type primary plan.json
  ict-competence plan advance plan.json --answer yes,yes,yes,no

Every command has --help with an example. No command overwrites a file that exists
unless --force is given; the plan commands rewrite their plan file in place.
Exit status: 0 on success, 2 for input the library refuses (one line on stderr)."""


def build_parser() -> Parser:
    """The parser of every command and its options."""
    from ict_competence import __version__  # noqa: PLC0415 - the package is loaded by now

    parser = Parser(
        prog=PROG,
        description="Team-based ICT coordination in schools from a shell: the catalog, the\n"
        "workbooks, the school plan, the roadmap and the conversation guide.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _demo.register(commands)
    _workbooks.register_catalog(commands)
    _workbooks.register_overview(commands)
    _workbooks.register_team(commands)
    _plan.register(commands)
    _roadmap.register(commands)
    _guide.register(commands)
    _render.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status.

    0 on success (and for ``--help`` and ``--version``); 2 for input that is refused (a
    bad option or value, a missing or unreadable file, a file that would be overwritten
    without ``--force``, anything the library refuses), with one line on stderr. Any
    other exception is a bug and propagates with its traceback.
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version, or a usage error already printed
        return stop.code if isinstance(stop.code, int) else 2
    run: Handler = args.run
    try:
        return run(args)
    except (IctCompetenceError, OSError) as error:
        if isinstance(error, BrokenPipeError):
            return _stdout_closed()
        print(f"{PROG}: error: {describe(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def _stdout_closed() -> int:
    """The reader of stdout went away (``| head``): stop quietly, as other tools do."""
    try:
        # Python would flush stdout once more on exit and complain: point it at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no file (captured in a test, say)
        pass
    return 0
