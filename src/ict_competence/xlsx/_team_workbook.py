"""Reading and writing a team as a workbook; openpyxl is imported only when one is.

Importing this module costs nothing of openpyxl, so that ``import ict_competence`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ict_competence._checks import argument, path_argument

if TYPE_CHECKING:
    from ict_competence.allocation import Team

__all__ = ["read_team", "write_team"]


def write_team(team: Team, path: str | Path) -> Path:
    """Write ``team`` as the workbook a school leader keeps the staff in.

    The sheet "Team" has one row per person with the columns ID, Naam, School, Uren per
    jaar, a "Niveau" column per competence domain (0–3) and a "Motivatie" column per task
    cluster (0–3), under the Dutch labels of the task-overview workbook, with drop-down
    checks on the numbers. "Scholen" lists the school group's schools, "Uitleg" explains
    the scales. Names, hours, levels and motivation are personal data: the file is
    readable by its owner only (mode 0600, also when it replaces a file), names are kept
    in this file only, and a name that looks like a formula is stored as text. The file
    is written beside its target first and moved into place, so an existing file
    survives any failure.

    Returns:
        The path written.

    Raises:
        WorkbookError: the path does not end in ``.xlsx``, or the file cannot be written.

    >>> import tempfile, pathlib
    >>> from ict_competence import Cluster, Domain, Person, Team
    >>> team = Team(
    ...     (
    ...         Person(
    ...             id="p1",
    ...             hours=120,
    ...             levels={Domain.TECHNICAL: 3},
    ...             motivation={Cluster.TECHNICAL: 2},
    ...             name="An",
    ...         ),
    ...     )
    ... )
    >>> written = write_team(team, pathlib.Path(tempfile.mkdtemp()) / "team.xlsx")
    >>> read_team(written) == team
    True
    """
    from ict_competence.allocation import Team  # noqa: PLC0415 - import time
    from ict_competence.xlsx._team import write  # noqa: PLC0415 - keeps openpyxl lazy

    argument("team", team, Team)
    return write(team, path_argument(path))


def read_team(path: str | Path) -> Team:
    """Read a team from its workbook, including copies edited in Excel or LibreOffice.

    Rows may be reordered and blank rows left in; numbers may be typed as text with a
    decimal comma (``"4,5"``); a blank level or motivation counts as 0; ids and schools
    are matched after non-breaking spaces and decomposed accents are normalised.

    The file may also be a copy saved as an OpenDocument spreadsheet (.ods) or a legacy
    Excel workbook (.xls), read with the optional extra ``calamine``; its kind is told
    from its content.

    Raises:
        WorkbookError: the file is not a workbook (or not of the kind its name says), is
            hostile, has no sheet "Team" or lacks a column, or cells hold what they should
            not: every such cell is listed at once
            (``Team!D5: expected a number of hours (0 or more), found 'veel'``), up to 50,
            with how many more. A duplicate id, a school not on the sheet "Scholen", a
            level outside 0–3 and anything typed right of the columns read are refused
            too. A message never holds a person's name.
        MissingExtraError: an .ods or .xls file, and the extra ``calamine`` is not
            installed; the message gives the ``pip install`` line.
    """
    from ict_competence.xlsx._team import read  # noqa: PLC0415 - keeps openpyxl lazy

    return read(path_argument(path))
