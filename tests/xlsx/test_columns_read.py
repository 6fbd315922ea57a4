"""Sixty columns are read; what lies to the right of them is named, never dropped unsaid.

The task overview warns (its ``warnings``); a team has no warnings, so its reading refuses
the cell. The same holds for .ods and .xls (tests/xlsx/test_calamine.py).
"""

from __future__ import annotations

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ict_competence.errors import WorkbookError
from ict_competence.xlsx import read_overview, read_team, write_team
from ict_competence.xlsx._book import read_book
from ict_competence.xlsx._cells import _Sheet, column_letter
from ict_competence.xlsx._xlsx_book import _private_parser, open_xlsx
from tests.hostile.books import team
from tests.xlsx.conftest import edit

_WARNING = "sheet Takenoverzicht has content right of column BH, the last column read, in "


def test_a_note_in_column_bj_is_a_warning_naming_the_cell(workbook):
    before = read_overview(workbook)

    result = read_overview(edit(workbook, lambda sheet: sheet.__setitem__("BJ3", "vergeten")))

    assert result.choices == before.choices
    assert [warning.en for warning in result.warnings] == [
        f"takenoverzicht.xlsx: {_WARNING}BJ3; it was not read."
    ]
    assert "heeft inhoud rechts van kolom BH" in result.warnings[0].nl
    assert result.warnings[0] in result.summary().warnings


def test_a_cell_at_the_last_column_is_named_without_reading_the_columns_between(workbook):
    edit(workbook, lambda sheet: sheet.__setitem__("XFD5", 1))

    result = read_overview(workbook)
    with open_xlsx(workbook, workbook.read_bytes()) as book:
        # openpyxl's sheet parser, which gives a row's cells as the XML holds them: its
        # public rows would be padded with 16,373 empty cells before XFD5
        assert _private_parser(book.book, "Takenoverzicht") is not None
        where = _Sheet(workbook, "Takenoverzicht")
        row = next(cells for number, cells in book.rows("Takenoverzicht", where) if number == 5)
        columns = [column for column, _value in row]
    sheet, _data = read_book(workbook, "Takenoverzicht", "Gegevens")

    assert result.warnings[0].en.endswith(f"{_WARNING}XFD5; it was not read.")
    # The reader hands over the row's cells, not the 16,373 empty ones before XFD5 ...
    assert len(columns) < 20
    assert columns[-1] == 16_384
    # ... and the rows kept are as wide as the columns read hold something, no wider.
    assert {len(cells) for _number, cells in sheet.rows if cells} == {11}


def test_many_cells_are_counted_after_the_first_ten(workbook):
    def fill(sheet):
        for row in range(2, 14):
            sheet.cell(row=row, column=62, value="x")

    result = read_overview(edit(workbook, fill))

    assert f"{_WARNING}BJ2, BJ3, BJ4, BJ5, BJ6, BJ7, BJ8, BJ9, BJ10, BJ11 and 2 more cells;" in (
        result.warnings[0].en
    )
    assert "BJ2, BJ3, BJ4, BJ5, BJ6, BJ7, BJ8, BJ9, BJ10, BJ11 en nog 2 cellen;" in (
        result.warnings[0].nl
    )


def test_a_cell_right_of_the_hidden_definitions_is_named_too(workbook):
    result = read_overview(edit(workbook, lambda sheet: sheet.__setitem__("CA2", "x"), "Gegevens"))

    assert "sheet Gegevens has content right of column BH, the last column read, in CA2" in (
        result.warnings[0].en
    )


def test_a_formatted_empty_cell_far_right_is_no_content(workbook):
    def format_only(sheet):
        sheet["BJ3"].number_format = "0.00"

    assert read_overview(edit(workbook, format_only)).warnings == ()


def test_a_team_refuses_a_cell_right_of_the_columns_read(tmp_path):
    book = write_team(team(), tmp_path / "t.xlsx")
    edit(book, lambda sheet: sheet.__setitem__("BJ2", "ziek"), "Team")
    edit(book, lambda sheet: sheet.__setitem__("BI4", "Oost"), "Scholen")

    with pytest.raises(WorkbookError) as caught:
        read_team(book)

    assert caught.value.problems == (
        "Team!BJ2: holds something right of column BH, the last column read; move it into the "
        "sheet's columns or delete it",
        "Scholen!BI4: holds something right of column BH, the last column read; move it into "
        "the sheet's columns or delete it",
    )


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(column=st.integers(61, 16_384), row=st.integers(1, 4_999))
def test_any_cell_right_of_the_columns_read_is_named(tmp_path, column, row):
    path = tmp_path / f"t{column}x{row}.xlsx"
    book = openpyxl.load_workbook(write_team(team(), path))
    book["Team"].cell(row=row, column=column, value="x")
    book.save(path)

    with pytest.raises(WorkbookError) as caught:
        read_team(path)

    assert caught.value.problems[0].startswith(f"Team!{column_letter(column)}{row}: holds")
