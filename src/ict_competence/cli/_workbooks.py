"""``catalog``, ``overview write|read`` and ``team write|read``: the content and the workbooks."""

from __future__ import annotations

import argparse
from pathlib import Path

from ict_competence.allocation import Team
from ict_competence.catalog import SchoolType, load_catalog
from ict_competence.cli._common import (
    PRIVATE,
    Subcommands,
    add_command,
    add_force,
    add_group,
    add_language,
    add_out,
    comma_list,
    refuse_existing,
    write_output,
)
from ict_competence.plan import SchoolPlan

__all__ = [
    "SCHOOL_TYPE_HELP",
    "register_catalog",
    "register_overview",
    "register_team",
    "school_type",
]


def _catalog(args: argparse.Namespace) -> int:
    from ict_competence.renderers import render  # noqa: PLC0415 - jinja2 only when rendering

    if args.out is not None:
        refuse_existing(args.out, args.force)
    options = {} if args.language is None else {"language": args.language}
    result = render(load_catalog(), args.format, **options)
    write_output(result, args.out, what=f"the catalog as {args.format}")
    return 0


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


def _overview_write(args: argparse.Namespace) -> int:
    from ict_competence.xlsx import write_overview  # noqa: PLC0415 - openpyxl when used

    refuse_existing(args.path, args.force)
    if args.plan is not None:
        overview = SchoolPlan.load(args.plan).overview
    else:
        overview = load_catalog().overview(school_type=args.school_type)
    print(f"Wrote {write_overview(overview, args.path)}")
    return 0


def _overview_read(args: argparse.Namespace) -> int:
    from ict_competence.serialize import to_json  # noqa: PLC0415
    from ict_competence.xlsx import read_overview  # noqa: PLC0415 - openpyxl when used

    if args.out is not None:
        refuse_existing(args.out, args.force)
    write_output(to_json(read_overview(args.path)), args.out, what="the overview")
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
        details="The catalog's overview (for a kind of school), or the overview of a plan.",
        example=["ict-competence overview write takenoverzicht.xlsx --school-type primary"],
        run=_overview_write,
    )
    write.add_argument("path", type=Path, metavar="PATH", help="the .xlsx file to write")
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
        summary="read a task-overview workbook and print it as JSON",
        example=["ict-competence overview read takenoverzicht.xlsx > overview.json"],
        run=_overview_read,
    )
    read.add_argument(
        "path",
        type=Path,
        metavar="PATH",
        help="the workbook to read (.xlsx; .ods and .xls with the extra calamine)",
    )
    add_out(read, "the JSON")


def _team_write(args: argparse.Namespace) -> int:
    from ict_competence.xlsx import write_team  # noqa: PLC0415 - openpyxl when used

    refuse_existing(args.path, args.force)
    team = SchoolPlan.load(args.plan).team if args.plan is not None else Team((), args.schools)
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
    write_output(to_json(team), args.out, what="the team", mode=PRIVATE)
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
    write.add_argument("path", type=Path, metavar="PATH", help="the .xlsx file to write")
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
