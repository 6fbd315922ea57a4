"""Reading .ods and .xls workbooks (python-calamine): the same results and the same located
errors as for the .xlsx they were made from. The refusals of hostile ones are in
tests/xlsx/test_calamine_hostile.py.

The committed workbooks of tests/xlsx/data/ run fast; the session fixture converts the
library's workbooks of today, edited as a person would, with LibreOffice once per run.
"""

from __future__ import annotations

import datetime
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from ict_competence.catalog import Scope
from ict_competence.errors import MissingExtraError, WorkbookError
from ict_competence.xlsx import read_overview, read_team
from tests.xlsx.libreoffice import DATA, convert, sources

KINDS = ("ods", "xls")
READERS: dict[str, Callable[[Path], object]] = {"overview": read_overview, "team": read_team}


def _edited(path: Path, target: Path, sheet: str, change: Callable[[Worksheet], None]) -> Path:
    book = openpyxl.load_workbook(path)
    change(book[sheet])
    book.save(target)
    return target


def _bad_overview(sheet: Worksheet) -> None:
    sheet["J4"] = "veel"
    sheet["J5"] = datetime.datetime(2024, 5, 4)
    sheet["J6"] = "=1/0"
    sheet["E7"] = "misschien"
    sheet["D8"] = 4
    sheet.merge_cells("E9:E10")  # "Van toepassing" of two tasks in one cell


def _bad_team(sheet: Worksheet) -> None:
    sheet["D2"] = "veel"
    sheet["D4"] = False  # LibreOffice stores it in an .ods as the number 0 with FALSE()
    sheet["H2"] = True
    sheet["E3"] = 4
    sheet["F2"] = 2.5
    sheet["A3"] = "p1"
    sheet["C3"] = "Oost"
    sheet["G4"] = "=1/0"


def _typed_overview(sheet: Worksheet) -> None:
    sheet["J3"] = " 4,5 "  # hours as text with a decimal comma
    sheet["E4"] = True  # "Van toepassing" as TRUE
    sheet["G5"] = "SCHOLENGROEP"
    sheet["J6"] = "=10+2.5"  # a formula: its computed value is read


def _beyond(sheet: Worksheet) -> None:
    sheet["BJ3"] = "vergeten notitie"
    sheet["BK4"] = "=1/0"  # an error value, which calamine gives as an empty cell


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Each workbook as LibreOffice saves it, and as it was made before (``"made"``):
    ``{name: {"made"|"xlsx"|"ods"|"xls": path}}``."""
    folder = tmp_path_factory.mktemp("libreoffice")
    overview, team = sources(folder)
    made = [
        overview,
        team,
        _edited(overview, folder / "bad_overview.xlsx", "Takenoverzicht", _bad_overview),
        _edited(team, folder / "bad_team.xlsx", "Team", _bad_team),
        _edited(overview, folder / "typed_overview.xlsx", "Takenoverzicht", _typed_overview),
        _edited(overview, folder / "beyond_overview.xlsx", "Takenoverzicht", _beyond),
        _edited(team, folder / "beyond_team.xlsx", "Team", _beyond),
    ]
    found: dict[str, dict[str, Path]] = {path.stem: {"made": path} for path in made}
    for kind in ("xlsx", *KINDS):
        for path in convert(made, kind, folder / kind, folder):
            found[path.stem][kind] = path
    return found


def _problems(read: Callable[[Path], object], path: Path) -> tuple[str, ...]:
    with pytest.raises(WorkbookError) as caught:
        read(path)
    assert str(path) in str(caught.value)
    return caught.value.problems


# -- the committed workbooks ------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", sorted(READERS))
def test_a_committed_workbook_reads_as_the_xlsx_it_was_made_from(name, kind):
    read = READERS[name]

    assert read(DATA / f"{name}.{kind}") == read(DATA / f"{name}.xlsx")


@pytest.mark.parametrize("kind", KINDS)
def test_a_small_team_reads_as_its_xlsx_also_from_an_xls_mini_stream(kind):
    from ict_competence.xlsx._cfb import workbook_stream

    small = DATA / f"small_team.{kind}"

    assert read_team(small) == read_team(DATA / "small_team.xlsx")
    assert read_team(small).person("p1").hours == 12.5
    if kind == "xls":  # short streams live in the compound file's mini stream
        assert len(workbook_stream(small.read_bytes(), "small")) < 4096


@pytest.mark.parametrize("kind", KINDS)
def test_the_reader_is_chosen_by_content_whatever_the_name_promises_nothing(tmp_path, kind):
    renamed = shutil.copy(DATA / f"team.{kind}", tmp_path / "team.bin")

    assert read_team(Path(renamed)) == read_team(DATA / "team.xlsx")


@pytest.mark.parametrize(
    ("source", "named", "holds"),
    [
        ("ods", "xlsx", r"an OpenDocument spreadsheet \(\.ods\); rename it to end in \.ods"),
        ("xls", "ods", r"a legacy Excel 97–2003 workbook \(\.xls\); rename it to end in \.xls"),
        ("xlsx", "xls", r"an Excel workbook \(\.xlsx\); rename it to end in \.xlsx"),
    ],
)
def test_a_name_that_promises_another_kind_is_refused(tmp_path, source, named, holds):
    path = Path(shutil.copy(DATA / f"overview.{source}", tmp_path / f"overview.{named}"))

    with pytest.raises(
        WorkbookError, match=rf"overview\.{named}: is named \.{named} but holds {holds}"
    ):
        read_overview(path)


@pytest.mark.parametrize("kind", KINDS)
def test_without_the_extra_an_ods_or_xls_asks_for_it_and_an_xlsx_still_reads(kind, monkeypatch):
    monkeypatch.setitem(sys.modules, "python_calamine", None)  # import fails as if absent

    with pytest.raises(
        MissingExtraError, match=r"pip install 'ict-competence\[calamine\]'"
    ) as caught:
        read_team(DATA / f"team.{kind}")

    assert caught.value.extra == "calamine"
    assert "reading .ods and .xls workbooks" in str(caught.value)
    assert read_team(DATA / "team.xlsx").person("p2").hours == 40.5


@pytest.mark.parametrize(
    ("given", "read"),
    [
        (4.0, 4),  # openpyxl reads the 4 an .xlsx holds as an int
        (4.5, 4.5),
        (-0.0, 0),
        (1e15, 1e15),  # Excel writes 1E+15, which openpyxl reads as a float
        (True, True),
        ("4,5", "4,5"),  # text stays text: the rules read it as 4.5 hours
        (datetime.date(2024, 5, 4), datetime.datetime(2024, 5, 4)),
        (datetime.datetime(2024, 5, 4, 13, 5), datetime.datetime(2024, 5, 4, 13, 5)),
        (datetime.time(12, 30), datetime.time(12, 30)),
        (datetime.timedelta(hours=30), datetime.timedelta(hours=30)),
    ],
)
def test_calamine_values_take_the_types_openpyxl_gives(given, read):
    from ict_competence.xlsx._calamine_book import _value

    assert _value(given) == read
    assert type(_value(given)) is type(read)


# -- the library's workbooks of today, through LibreOffice -----------------------------------


@pytest.mark.parametrize("kind", ["xlsx", *KINDS])
@pytest.mark.parametrize("name", ["overview", "team"])
def test_a_converted_workbook_reads_as_the_library_wrote_it(converted, name, kind):
    read = READERS[name]

    assert read(converted[name][kind]) == read(converted[name]["made"])


@pytest.mark.parametrize("kind", KINDS)
def test_a_converted_workbook_with_a_formula_reads_as_its_xlsx(converted, kind):
    # As written by openpyxl, the formula has no computed value: LibreOffice's .xlsx has one.
    read = READERS["overview"]

    assert read(converted["typed_overview"][kind]) == read(converted["typed_overview"]["xlsx"])


def test_typed_values_read_as_meant_in_every_kind(converted):
    for kind in ("xlsx", *KINDS):
        overview = read_overview(converted["typed_overview"][kind])

        assert overview.choice("TECH-02").hours_per_year == 4.5
        assert overview.choice("TECH-03").applies
        assert overview.choice("TECH-04").scope is Scope.SCHOOL_GROUP
        assert overview.choice("TECH-05").hours_per_year == 12.5


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["bad_overview", "bad_team"])
def test_the_same_bad_cells_are_named_the_same_in_every_kind(converted, name, kind):
    read = READERS[name.removeprefix("bad_")]

    assert _problems(read, converted[name][kind]) == _problems(read, converted[name]["xlsx"])


def test_the_bad_cells_are_named_with_what_was_found(converted):
    lines = _problems(read_overview, converted["bad_overview"]["ods"])
    team = _problems(read_team, converted["bad_team"]["xls"])

    assert "Takenoverzicht!J4: expected a number of hours (0 or more), found 'veel'" in lines
    assert (
        "Takenoverzicht!J5: expected a number of hours (0 or more), found the date 2024-05-04"
        in (lines)
    )
    assert (
        "Takenoverzicht!E10: expected ja or nee (false, j, ja, n, nee, no, onwaar, true, waar, "
        "x, y, yes), found nothing: the cell lies under the merged cells E9:E10, which show "
        "only E9; unmerge them" in lines
    )
    assert "Takenoverzicht!J6: expected a number of hours (0 or more), found '#DIV/0!'" in lines
    assert any(line.startswith("Takenoverzicht!D8: expected ja or nee") for line in lines)
    assert "Team!E3: expected a whole number 0–3, found 4" in team
    assert "Team!F2: expected a whole number 0–3, found 2.5" in team
    assert "Team!G4: expected a whole number 0–3, found '#DIV/0!'" in team
    assert "Team!A3: the id 'p1' is also given in A2" in team
    assert "Team!D4: expected a number of hours (0 or more), found False" in team
    assert "Team!H2: expected a whole number 0–3, found True" in team


@pytest.mark.parametrize("kind", ["xlsx", *KINDS])
def test_content_right_of_the_columns_read_is_named_in_every_kind(converted, kind):
    overview = read_overview(converted["beyond_overview"][kind])

    assert [warning.en for warning in overview.warnings] == [
        "beyond_overview."
        + kind
        + ": sheet Takenoverzicht has content right of column BH, the last column read, in "
        "BJ3, BK4; it was not read."
    ]
    assert _problems(read_team, converted["beyond_team"][kind]) == (
        "Team!BJ3: holds something right of column BH, the last column read; move it into "
        "the sheet's columns or delete it",
        "Team!BK4: holds something right of column BH, the last column read; move it into "
        "the sheet's columns or delete it",
    )
