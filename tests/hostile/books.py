"""Valid workbooks of both kinds, and ways to spoil them as a file, a part, or a cell."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from ict_competence.allocation import Person, Team
from ict_competence.catalog import Cluster, Domain, load_catalog
from ict_competence.xlsx import read_overview, read_team, write_overview, write_team

#: Text a test puts in a cell with openpyxl, then rewrites in the package's XML.
MARK = "MARKERTEXT"


@attrs.frozen
class Kind:
    """One kind of workbook: how to write a valid one, read it, and where its cells are."""

    name: str
    sheet: str
    write: Callable[[Path], Path]
    read: Callable[[Path], object]
    hours: str  # a cell holding hours
    text: str  # a cell holding free text
    key: str  # a cell holding a code or id that is matched


def team() -> Team:
    return Team(
        (
            Person(
                id="p1",
                hours=120,
                levels={Domain.TECHNICAL: 3},
                motivation={Cluster.TECHNICAL: 2},
                school="Noord",
                name="An",
            ),
            Person(id="p2", hours=40, levels={}, motivation={}, school="Zuid"),
        ),
        ("Noord", "Zuid"),
    )


OVERVIEW = Kind(
    "overview",
    "Takenoverzicht",
    lambda path: write_overview(load_catalog().overview(), path),
    read_overview,
    hours="J3",
    text="K3",
    key="A2",
)
TEAM = Kind(
    "team",
    "Team",
    lambda path: write_team(team(), path),
    read_team,
    hours="D3",
    text="B2",
    key="A2",
)
KINDS = (OVERVIEW, TEAM)


def edit(path: Path, sheet: str, change: Callable[[Worksheet], None]) -> Path:
    book = openpyxl.load_workbook(path)
    change(book[sheet])
    book.save(path)
    return path


def rewrite(path: Path, name: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite one part of the package (adding it when missing) in place."""
    with zipfile.ZipFile(path) as old:
        parts = {item.filename: old.read(item.filename) for item in old.infolist()}
    parts[name] = change(parts.get(name, b""))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for part, data in parts.items():
            new.writestr(part, data)
    return path


def with_text(path: Path, kind: Kind, ref: str, raw: str) -> Path:
    """The workbook with cell ``ref`` holding ``raw`` exactly as written in the XML."""
    edit(path, kind.sheet, lambda sheet: sheet.__setitem__(ref, MARK))
    # openpyxl writes text inline in the sheet's own part, the first sheet for both kinds.
    return rewrite(
        path, "xl/worksheets/sheet1.xml", lambda data: data.replace(MARK.encode(), raw.encode())
    )
