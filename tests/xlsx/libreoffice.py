"""LibreOffice, run headless on workbooks: resaving as .xlsx, converting to .ods and .xls.

The small workbooks in ``tests/xlsx/data/`` were made with it from the library's own
workbooks; to make them again (after a change to what the library writes)::

    python -m tests.xlsx.libreoffice
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from ict_competence.allocation import Person, Team
from ict_competence.catalog import Cluster, Domain, Horizon, Scope, TaskOverview, load_catalog
from ict_competence.xlsx import write_overview, write_team
from ict_competence.xlsx._team_layout import TEAM_COLUMNS

#: The committed workbooks: each library-written .xlsx with its .ods and .xls copies.
DATA = Path(__file__).parent / "data"
#: LibreOffice's export filter for each target kind.
FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods", "xls": "xls:MS Excel 97"}


def soffice() -> str:
    """The soffice command; skips the test without it (fails on CI, which must have it)."""
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(
                "LibreOffice (soffice) is not installed, but CI must read workbooks with it"
            )
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def convert(paths: Sequence[Path], kind: str, out: Path, scratch: Path) -> list[Path]:
    """Open every file of ``paths`` in LibreOffice and save it as ``kind`` into ``out``.

    ``scratch`` holds LibreOffice's private profile, so that a run neither uses nor
    changes the user's own. Returns the files written, in the order of ``paths``.
    """
    subprocess.run(
        [
            soffice(),
            "--headless",
            f"-env:UserInstallation=file://{scratch}/profile",
            "--convert-to",
            FILTERS[kind],
            "--outdir",
            str(out),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    written = [out / f"{path.stem}.{kind}" for path in paths]
    missing = [path.name for path in written if not path.is_file()]
    assert not missing, f"LibreOffice wrote no {missing}"
    return written


def tailored_overview() -> TaskOverview:
    """The catalog's overview with choices of a school: text, a formula-like note, hours."""
    return (
        load_catalog()
        .overview()
        .choose(
            "TECH-04",
            notes="=1+1 blijft tekst\nop twee regels",
            responsible="@Jürgen",
            hours_per_year=12.25,
        )
        .choose("PED-02", applies=False, horizon=Horizon.DROPPED, scope=Scope.SCHOOL_GROUP)
    )


def group() -> Team:
    """A team of two schools, with a name, a name like a formula, and hours with a fraction."""
    return Team(
        (
            Person(
                id="p1",
                hours=120,
                levels={Domain.TECHNICAL: 3, Domain.POLICY: 0},
                motivation={Cluster.TECHNICAL: 2},
                school="Noord",
                name="An Peeters",
            ),
            Person(id="p2", hours=40.5, levels={}, motivation={}, school="Zuid"),
            Person(id="p3", hours=0, levels={Domain.PEDAGOGICAL: 2}, motivation={}, name="=1+1"),
        ),
        ("Noord", "Zuid"),
    )


def sources(folder: Path) -> list[Path]:
    """The library's two workbooks, ``overview.xlsx`` and ``team.xlsx``, written to ``folder``."""
    return [
        write_overview(tailored_overview(), folder / "overview.xlsx"),
        write_team(group(), folder / "team.xlsx"),
    ]


def small_team(folder: Path) -> Path:
    """A team sheet of one person and nothing else: as .xls, its workbook stream is so short
    (under 4,096 bytes) that the compound file keeps it in its mini stream."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Team"
    sheet.append([column.header for column in TEAM_COLUMNS])
    sheet.append(["p1", None, None, 12.5, 3, 1, 0, 2, 1, 2, 3, 0])
    book.save(folder / "small_team.xlsx")
    return folder / "small_team.xlsx"


def make_data(folder: Path = DATA) -> None:
    """Write the committed workbooks: the sources and their .ods and .xls copies."""
    folder.mkdir(exist_ok=True)
    written = [*sources(folder), small_team(folder)]
    with tempfile.TemporaryDirectory() as scratch:
        for kind in ("ods", "xls"):
            convert(written, kind, folder, Path(scratch))
    for path in folder.iterdir():
        path.chmod(0o644)  # the team workbook is written 0600, as personal data is


if __name__ == "__main__":
    make_data(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
