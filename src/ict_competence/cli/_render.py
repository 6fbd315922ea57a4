"""``render``: any file the library writes, in any format of the renderers.

The kind of a JSON file is told from its top-level keys, which the JSON Schema of each
kind lists (the schema is made from the same classes that write the files); a workbook
(.xlsx, or .ods and .xls where the reader takes them) is a task overview or a team by
its sheets.
"""

from __future__ import annotations

import argparse
from functools import cache
from pathlib import Path

from ict_competence._json import parse
from ict_competence.cli._common import (
    PRIVATE,
    Subcommands,
    add_command,
    add_language,
    add_out,
    refuse_existing,
    write_output,
)
from ict_competence.errors import IctCompetenceError, SerializationError, WorkbookError

__all__ = ["file_kinds", "read_file", "register"]

#: The kinds of file that hold people's names (a rendering may carry them along).
_WITH_NAMES = frozenset({"Team", "SchoolPlan"})
#: What a JSON value that is no object is, in JSON's words.
_KINDS = {
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true or false",
}


@cache
def file_kinds() -> tuple[tuple[type, str], ...]:
    """Each type a file of the library holds, with its name for people."""
    # The domain, loaded when a file is read.
    from ict_competence.allocation import Allocation, Team  # noqa: PLC0415
    from ict_competence.catalog import Catalog, TaskOverview  # noqa: PLC0415
    from ict_competence.dialogue import ConversationGuide, DialogueRecord  # noqa: PLC0415
    from ict_competence.flow import RoadmapSession  # noqa: PLC0415
    from ict_competence.plan import ActionPlan, Evaluation, SchoolPlan  # noqa: PLC0415

    return (
        (SchoolPlan, "plan"),
        (TaskOverview, "task overview"),
        (Team, "team"),
        (Allocation, "allocation"),
        (RoadmapSession, "roadmap session"),
        (DialogueRecord, "conversation record"),
        (ConversationGuide, "conversation guide"),
        (ActionPlan, "action plan"),
        (Evaluation, "evaluation"),
        (Catalog, "catalog"),
    )


@cache
def _keys(cls: type) -> tuple[frozenset[str], frozenset[str]]:
    """The top-level keys a file of ``cls`` must have, and those it may have."""
    from ict_competence.schema import json_schema  # noqa: PLC0415

    schema = json_schema(cls)
    return frozenset(schema["required"]), frozenset(schema["properties"])


def file_type(path: Path, data: dict[str, object]) -> type:
    """The type whose files have the top-level keys of ``data``.

    A file that has every key of one type and no other is that type's; else the one type
    whose required keys it has and whose keys it keeps to.

    Raises:
        IctCompetenceError: no type, or more than one, fits the keys.
    """
    keys = frozenset(data)
    fitting = [(cls, name) for cls, name in file_kinds() if _keys(cls)[0] <= keys <= _keys(cls)[1]]
    exact = [(cls, name) for cls, name in fitting if _keys(cls)[1] == keys]
    chosen = exact if len(exact) == 1 else fitting
    if len(chosen) == 1:
        return chosen[0][0]
    if not chosen:
        kinds = ", ".join(name for _, name in file_kinds())
        raise IctCompetenceError(
            f"{path}: not a file this library writes: its top-level keys fit none of: {kinds}"
        )
    names = ", ".join(name for _, name in chosen)
    raise IctCompetenceError(f"{path}: its top-level keys fit more than one kind of file: {names}")


def _read_workbook(path: Path) -> object:
    """A task overview or a team, by the sheet the workbook has."""
    from ict_competence.xlsx import read_overview, read_team  # noqa: PLC0415 - openpyxl when used

    for read in (read_overview, read_team):
        try:
            return read(path)
        except WorkbookError as error:
            if error.missing_sheet is None:  # the workbook has the sheet, and it is refused
                raise
    raise WorkbookError(
        "neither a task-overview workbook nor a team workbook: it has neither's sheet",
        path=str(path),
    )


def _is_json(path: Path, head: bytes) -> bool:
    """Whether a file is JSON: named so, or starting with an object or array (no workbook does)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return path.suffix.lower() == ".json" or start in (b"{", b"[")


def read_file(path: Path) -> object:
    """What a file the library wrote holds: JSON of any of :func:`file_kinds`, or a workbook.

    A file is JSON when its name ends in ``.json`` or its content starts with an object
    or an array; anything else is taken for a workbook (an overview's or a team's), whose
    reader tells its kind from its first bytes.

    Raises:
        IctCompetenceError: the file is not JSON, not one of the kinds, or does not
            describe what its keys say; the message names the file.
        OSError: the file cannot be read.
    """
    from ict_competence.serialize import from_json  # noqa: PLC0415

    text = path.read_bytes()
    if not _is_json(path, text[:64]):
        return _read_workbook(path)
    try:
        data = parse(text)
    except SerializationError as error:
        raise SerializationError(list(error.problems), source=str(path)) from None
    if not isinstance(data, dict):
        raise IctCompetenceError(
            f"{path}: expected a JSON object (a file this library writes), "
            f"found {_KINDS.get(type(data), 'another value')}"
        )
    return from_json(file_type(path, data), text, source=str(path))


def _render(args: argparse.Namespace) -> int:
    from ict_competence.renderers import render  # noqa: PLC0415 - jinja2 only when rendering

    if args.out is not None:
        refuse_existing(args.out, args.force)
    obj = read_file(args.file)
    options: dict[str, object] = {}
    if args.language is not None:
        options["language"] = args.language
    if args.names:
        options["names"] = True
    result = render(obj, args.format, **options)
    # With names, or from what holds them (a team's, a plan's JSON): for the owner only.
    private = args.names or type(obj).__name__ in _WITH_NAMES
    write_output(
        result,
        args.out,
        what=f"{args.file.name} as {args.format}",
        mode=PRIVATE if private else None,
    )
    return 0


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
        "needs --out.",
        example=[
            "ict-competence render plan.json --format html --out plan.html",
            "ict-competence render team.xlsx --format markdown --language en",
        ],
        run=_render,
    )
    render.add_argument("file", type=Path, metavar="FILE", help="the file to render")
    render.add_argument(
        "--format", required=True, help="a format of the renderers: markdown, html, json, …"
    )
    add_language(render)
    render.add_argument(
        "--names", action="store_true", help="show people's names (personal data) on pages"
    )
    add_out(render, "the result")
