"""``catalog``, ``overview write|read`` and ``team write|read``: the content and the workbooks."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from ict_competence.allocation import Team
from ict_competence.catalog import SchoolType, TaskOverview, load_catalog
from ict_competence.cli._common import (
    Subcommands,
    add_command,
    add_force,
    add_group,
    add_language,
    add_out,
    comma_list,
    refuse_existing,
    write_file,
    write_output,
)
from ict_competence.cli._files import load_plan
from ict_competence.cli._output import emit
from ict_competence.cli._personal import output_mode, refuse_printing

__all__ = [
    "SCHOOL_TYPE_HELP",
    "register_catalog",
    "register_overview",
    "register_team",
    "school_type",
    "write_overview",
    "xlsx_path",
]


def _catalog(args: argparse.Namespace) -> int:
    return emit(args, load_catalog, fmt=args.format, what="the catalog")


def register_catalog(commands: Subcommands) -> None:
    """Add ``catalog``."""
    catalog = add_command(
        commands,
        "catalog",
        summary="print the catalog of ICT-coordination tasks, roles and competences",
        details="Any format of the renderers: markdown, html, json, case (CASE 1.0), …",
        example=[
            "ict-competence catalog --language en",
            "ict-competence catalog --format case --out catalog.case.json",
        ],
        run=_catalog,
    )
    catalog.add_argument("--format", default="markdown", help="the format (default: markdown)")
    add_language(catalog)
    add_out(catalog, "the catalog")


def school_type(text: str) -> SchoolType:
    """A :class:`SchoolType` from its value, in any case (an argparse type).

    >>> school_type(" Primary ")
    <SchoolType.PRIMARY: 'primary'>
    """
    try:
        return SchoolType(text.strip().lower())
    except ValueError:
        known = ", ".join(member.value for member in SchoolType)
        raise argparse.ArgumentTypeError(f"expected one of {known}, found {text!r}") from None


#: The help of a ``--school-type`` option.
SCHOOL_TYPE_HELP = "the kind of school: " + ", ".join(member.value for member in SchoolType)


def xlsx_path(text: str) -> Path:
    """A workbook's path, which must end in ``.xlsx`` (an argparse type)."""
    path = Path(text)
    if path.suffix.lower() != ".xlsx":
        raise argparse.ArgumentTypeError(f"expected a file name ending in .xlsx, found {text!r}")
    return path


def write_overview(overview: TaskOverview, path: Path) -> Path:
    """Write ``overview``'s workbook to ``path``, readable by its owner only.

    A task overview holds who is responsible, the back-ups and notes: the workbook is
    made in a folder only its owner can read, then written in place with the mode.
    """
    from ict_competence import xlsx  # noqa: PLC0415 - openpyxl when used

    with tempfile.TemporaryDirectory() as folder:
        made = xlsx.write_overview(overview, Path(folder) / path.name)
        return write_file(path, made.read_bytes(), mode=output_mode(TaskOverview))


def _overview_write(args: argparse.Namespace) -> int:
    refuse_existing(args.path, args.force)
    if args.plan is not None:
        overview = load_plan(args.plan).overview
    else:
        overview = load_catalog().overview(school_type=args.school_type)
    print(f"Wrote {write_overview(overview, args.path)}")
    return 0


def _overview_read(args: argparse.Namespace) -> int:
    from ict_competence.serialize import to_json  # noqa: PLC0415
    from ict_competence.xlsx import read_overview  # noqa: PLC0415 - openpyxl when used

    if args.out is not None:
        refuse_existing(args.out, args.force)
    else:
        refuse_printing(TaskOverview, str(args.path), args.names)
    overview = read_overview(args.path)
    write_output(to_json(overview), args.out, what="the overview", mode=output_mode(TaskOverview))
    return 0


def register_overview(commands: Subcommands) -> None:
    """Add ``overview write`` and ``overview read``."""
    actions = add_group(
        commands,
        "overview",
        summary="write or read the task-overview workbook a school tailors",
        example=[
            "ict-competence overview write takenoverzicht.xlsx --school-type primary",
            "ict-competence overview read takenoverzicht.xlsx --out overview.json",
        ],
    )
    write = add_command(
        actions,
        "write",
        summary="write a task-overview workbook to fill in in Excel or LibreOffice",
        details="The catalog's overview (for a kind of school), or the overview of a plan.\n"
        "The workbook may hold names and notes: it is readable by its owner only.",
        example=["ict-competence overview write takenoverzicht.xlsx --school-type primary"],
        run=_overview_write,
    )
    write.add_argument("path", type=xlsx_path, metavar="PATH", help="the .xlsx file to write")
    source = write.add_mutually_exclusive_group()
    source.add_argument("--plan", type=Path, metavar="PLANFILE", help="the overview of this plan")
    source.add_argument(
        "--school-type",
        type=school_type,
        metavar="TYPE",
        help=SCHOOL_TYPE_HELP,
    )
    add_force(write)
    read = add_command(
        actions,
        "read",
        summary="read a task-overview workbook and write it as JSON",
        details="Who is responsible, the back-ups and the notes are personal data: --out\n"
        "writes the JSON readable by you only; printing it to stdout needs --names.",
        example=["ict-competence overview read takenoverzicht.xlsx --out overview.json"],
        run=_overview_read,
    )
    read.add_argument(
        "path",
        type=Path,
        metavar="PATH",
        help="the workbook to read (.xlsx; .ods and .xls with the extra calamine)",
    )
    read.add_argument(
        "--names",
        action="store_true",
        help="print the JSON, with its names and notes, to stdout",
    )
    add_out(read, "the JSON")


def _team_write(args: argparse.Namespace) -> int:
    from ict_competence.xlsx import write_team  # noqa: PLC0415 - openpyxl when used

    refuse_existing(args.path, args.force)
    team = load_plan(args.plan).team if args.plan is not None else Team((), args.schools)
    print(f"Wrote {write_team(team, args.path)}")
    return 0


def _team_read(args: argparse.Namespace) -> int:
    from ict_competence.serialize import to_json  # noqa: PLC0415
    from ict_competence.xlsx import read_team  # noqa: PLC0415 - openpyxl when used

    if args.out is not None:
        refuse_existing(args.out, args.force)
    team = read_team(args.path)
    if args.out is None:
        # The JSON holds names and levels, which are not printed: they go to a file only.
        hours = sum(person.hours for person in team.people)
        print(
            f"{args.path}: {len(team.people)} people, {len(team.schools)} schools, "
            f"{hours:g} hours a year; pass --out PATH to write it as JSON"
        )
        return 0
    write_output(to_json(team), args.out, what="the team", mode=output_mode(Team))
    return 0


def register_team(commands: Subcommands) -> None:
    """Add ``team write`` and ``team read``."""
    actions = add_group(
        commands,
        "team",
        summary="write or read the team workbook a school leader keeps the staff in",
        example=[
            "ict-competence team write team.xlsx --schools Noord,Zuid",
            "ict-competence team read team.xlsx --out team.json",
        ],
    )
    write = add_command(
        actions,
        "write",
        summary="write a team workbook: an empty one, or the team of a plan",
        details="The workbook holds personal data: it is readable by its owner only.",
        example=["ict-competence team write team.xlsx --schools Noord,Zuid"],
        run=_team_write,
    )
    write.add_argument("path", type=xlsx_path, metavar="PATH", help="the .xlsx file to write")
    source = write.add_mutually_exclusive_group()
    source.add_argument("--plan", type=Path, metavar="PLANFILE", help="the team of this plan")
    source.add_argument(
        "--schools",
        type=comma_list,
        default=(),
        metavar="A,B",
        help="the schools of a school group, comma-separated",
    )
    add_force(write)
    read = add_command(
        actions,
        "read",
        summary="read a team workbook: a summary, or the team as JSON with --out",
        details="Names, hours and levels are personal data: they are never printed, and the\n"
        "JSON file --out writes is readable by its owner only.",
        example=["ict-competence team read team.xlsx --out team.json"],
        run=_team_read,
    )
    read.add_argument(
        "path",
        type=Path,
        metavar="PATH",
        help="the workbook to read (.xlsx; .ods and .xls with the extra calamine)",
    )
    add_out(read, "the team as JSON")
