"""What every command shares: its parser, one-line errors, ``--force`` and writing output."""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeAlias

from ict_competence._atomic import write_bytes
from ict_competence.errors import IctCompetenceError

__all__ = [
    "PRIVATE",
    "PROG",
    "Handler",
    "Parser",
    "Subcommands",
    "add_command",
    "add_force",
    "add_group",
    "add_language",
    "add_out",
    "comma_list",
    "describe",
    "one_line",
    "refuse_existing",
    "write_file",
    "write_output",
]

#: The command's name, as people type it.
PROG = "ict-competence"

#: The permission bits of a file that holds personal data: readable by its owner only.
PRIVATE = 0o600

#: What a command runs: the parsed arguments in, the exit status out.
Handler = Callable[[argparse.Namespace], int]


def one_line(text: str) -> str:
    r"""``text`` on one line: a message listing problems line by line gets them after ``;``.

    >>> one_line("2 cells need correcting:\n  Team!D5: expected hours\n  Team!D6: expected hours")
    '2 cells need correcting: Team!D5: expected hours; Team!D6: expected hours'
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    head, rest = lines[0], lines[1:]
    return f"{head} {'; '.join(rest)}" if rest else head


def describe(error: BaseException) -> str:
    """The one line an error gives the user: the library's own words, or the file and reason."""
    if isinstance(error, OSError) and error.strerror:
        names = [str(name) for name in (error.filename, error.filename2) if name is not None]
        return ": ".join([*names, error.strerror])
    return one_line(str(error))


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (``prog: error: …``), without the usage.

    Every parser is made with ``allow_abbrev=False``: an option is taken only as it is
    spelled in full (``--nam`` is no ``--name``). A command reports an option it does not
    know before the options it misses, so that a typo is named as what it is.
    """

    def parse_known_args(  # type: ignore[override]  # typeshed overloads it on the namespace
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Parse ``args``, refusing the options this parser does not know before anything else.

        A group of commands looks only at the words before its command's name: the rest
        are the command's, which its own parser checks.
        """
        given = list(sys.argv[1:] if args is None else args)
        grouped = any(isinstance(a, argparse._SubParsersAction) for a in self._actions)
        unknown = self._unknown_options(given, grouped)
        if unknown:
            self.error(f"unrecognized arguments: {' '.join(unknown)}{self._hint(unknown)}")
        return super().parse_known_args(given, namespace)

    def _unknown_options(self, given: Sequence[str], grouped: bool) -> list[str]:
        """The words of ``given`` that are options this parser does not have."""
        unknown = []
        for word in given:
            if word == "--" or (grouped and not word.startswith("-")):
                break  # what follows is no option, or the command's own
            name = word.split("=", 1)[0]
            if (
                len(word) < 2  # a lone "-" is a value (stdin)
                or word[0] not in self.prefix_chars
                or " " in word  # argparse reads a word with a space as a value
                or self._negative_number_matcher.match(word)
                or name in self._option_string_actions
            ):
                continue
            unknown.append(name)
        return unknown

    def _hint(self, unknown: Sequence[str]) -> str:
        known = [name for name in self._option_string_actions if name.startswith("--")]
        close = difflib.get_close_matches(unknown[0], known, n=1)
        return f" (did you mean {close[0]}?)" if close else ""

    def error(self, message: str) -> NoReturn:
        """Print ``message`` on one line and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n")


# What ``add_subparsers`` returns: where a command group adds its commands. argparse
# names no public type for it.
if TYPE_CHECKING:
    Subcommands: TypeAlias = argparse._SubParsersAction["Parser"]
else:
    Subcommands = argparse._SubParsersAction


def add_command(
    commands: Subcommands,
    name: str,
    *,
    summary: str,
    example: Sequence[str],
    details: str = "",
    run: Handler | None = None,
) -> Parser:
    """Add the command ``name``, with its help, an example in its ``--help``, and its handler.

    Args:
        commands: the group to add it to.
        name: the command's name.
        summary: one line: the list of commands shows it, and it starts the description.
        example: the example's command lines, shown under "Example:" in ``--help``.
        details: more description, shown as written (line breaks kept).
        run: the function the command runs; a group of commands has none.
    """
    description = summary[:1].upper() + summary[1:] + "."
    if details:
        description += "\n\n" + details
    parser: Parser = commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog="Example:\n" + "\n".join(f"  {line}" for line in example),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    if run is not None:
        parser.set_defaults(run=run)
    return parser


def add_group(
    commands: Subcommands, name: str, *, summary: str, example: Sequence[str], details: str = ""
) -> Subcommands:
    """Add the group of commands ``name`` (``plan``, say) and return where its commands go."""
    group = add_command(commands, name, summary=summary, example=example, details=details)
    return group.add_subparsers(dest="action", required=True, metavar="ACTION")


def add_force(parser: argparse.ArgumentParser) -> None:
    """The ``--force`` flag: without it, no command overwrites a file that exists."""
    parser.add_argument(
        "--force", action="store_true", help="overwrite the output file if it exists"
    )


def add_out(parser: argparse.ArgumentParser, what: str = "the output") -> None:
    """The ``--out PATH`` option, with ``--force``."""
    parser.add_argument(
        "--out", type=Path, metavar="PATH", help=f"write {what} to this file instead of stdout"
    )
    add_force(parser)


def add_language(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    """The ``--language nl|en`` option."""
    parser.add_argument(
        "--language",
        type=str.lower,  # EN is en
        choices=("nl", "en"),
        default=default,
        help="the language of the text" + (f" (default: {default})" if default else ""),
    )


def comma_list(text: str) -> tuple[str, ...]:
    """The items of a comma-separated list, stripped, without empty ones (argparse type).

    >>> comma_list(" omgeving, onderwijsleerproces ,")
    ('omgeving', 'onderwijsleerproces')
    """
    items = tuple(item.strip() for item in re.split(r",", text) if item.strip())
    if not items:
        raise argparse.ArgumentTypeError(f"expected a comma-separated list, found {text!r}")
    return items


def refuse_existing(path: Path, force: bool) -> None:
    """Check an output file before any work: no folder, in a folder that exists, not kept.

    A file that exists is refused unless ``force`` (``--force``) is given.

    Raises:
        IctCompetenceError: ``path`` is a folder, its folder does not exist, or it exists
            and ``force`` is false.
    """
    if path.is_dir():
        raise IctCompetenceError(f"{path}: is a folder; give the name of a file to write")
    if not force and (path.exists() or path.is_symlink()):
        raise IctCompetenceError(f"{path}: the file exists; pass --force to overwrite it")
    folder = path.parent
    if not folder.is_dir():
        raise IctCompetenceError(f"{path}: the folder {folder} does not exist")


def write_file(path: Path, data: bytes, *, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` atomically; a failure names ``path``, never the temporary file.

    Raises:
        IctCompetenceError: the file could not be written (the folder is gone, the disk is
            full, …); an existing file is left as it was.
    """
    try:
        return write_bytes(path, data, mode=mode)
    except OSError as error:
        reason = error.strerror or str(error)
        raise IctCompetenceError(f"{path}: cannot be written: {reason}") from None


def write_output(
    result: str | bytes, out: Path | None, *, what: str, mode: int | None = None
) -> None:
    """Put a rendered result where it goes: text to stdout or ``out``, bytes to ``out`` only.

    ``out`` must have been checked with :func:`refuse_existing` before the work began.

    Args:
        result: what a renderer returned: text, or the bytes of a file.
        out: the file to write, or ``None`` for stdout.
        what: the result's name for the error when bytes have nowhere to go.
        mode: the permission bits of the file (``0o600`` for personal data).

    Raises:
        IctCompetenceError: bytes and no ``out``, or the file could not be written.
    """
    if isinstance(result, bytes):
        if out is None:
            raise IctCompetenceError(f"{what} is a binary file: pass --out PATH to write it")
        data = result
    elif isinstance(result, str):
        if out is None:
            sys.stdout.write(result if result.endswith("\n") else result + "\n")
            return
        data = result.encode("utf-8")
    else:  # a renderer broke its protocol: a bug, which must show
        raise TypeError(f"expected text or bytes, found {type(result).__name__}")
    write_file(out, data, mode=mode)
    print(f"Wrote {out}")
