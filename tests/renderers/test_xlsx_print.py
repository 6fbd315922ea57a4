"""How a workbook prints: fonts, row heights, wrapped headers and columns, numbers apart."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ict_competence as ic
from ict_competence.renderers import render
from ict_competence.xlsx._write import LINE_HEIGHT, text_lines
from tests.renderers.samples import RENDERED, every_object
from tests.renderers.workbooks import open_book


def test_the_header_prints_in_the_font_of_the_body(plan, tmp_path):
    # A font without a name prints in LibreOffice's default, a serif.
    books = [open_book(render(every_object(plan)[kind], "xlsx")) for kind in RENDERED]
    books.append(open_book(ic.write_overview(plan.overview, tmp_path / "o.xlsx").read_bytes()))
    books.append(open_book(ic.write_team(plan.team, tmp_path / "t.xlsx").read_bytes()))

    fonts = {
        (sheet.title, cell.font.name)
        for book in books
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None and cell.fill.fill_type == "solid" and cell.font.b
    }

    assert {name for _, name in fonts} == {"Calibri"}, fonts
    assert books[-2]["Uitleg"]["A1"].font.name == "Calibri"


def test_hours_keep_a_space_from_the_text_in_the_next_column(overloaded):
    # Right-aligned, a number would touch the next cell's text: "120.0Iemand met …".
    book = open_book(render(overloaded, "xlsx"))

    numbers = [
        (sheet.title, cell.coordinate, cell.alignment.horizontal, cell.alignment.indent)
        for sheet in book.worksheets
        if sheet.sheet_state == "visible" and sheet.title != "Team"
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, int | float) and sheet.cell(1, cell.column).fill.fill_type
    ]

    assert len(numbers) > 50
    assert {(horizontal, indent) for *_, horizontal, indent in numbers} == {("right", 1)}


def test_the_raci_matrix_wraps_long_role_names(plan):
    raci = open_book(render(plan, "xlsx"))["RACI-matrix"]

    cells = [cell for row in raci.iter_rows(min_row=2, min_col=3) for cell in row if cell.value]

    assert any(len(str(cell.value)) > 30 for cell in cells)  # "technisch ICT-coördinator …"
    assert all(cell.alignment.wrap_text for cell in cells)


def _lines_needed(text: str, width: float) -> int:
    """The lines ``text`` takes in a wrapping cell ``width`` wide, one character a unit."""
    return sum(len(textwrap.wrap(part, int(width))) or 1 for part in text.split("\n"))


@given(
    text=st.text(alphabet=st.sampled_from("abcdéf -\n"), max_size=300),
    width=st.floats(min_value=1, max_value=120),
)
def test_the_estimate_of_wrapped_lines_is_never_below_a_word_wrap(text, width):
    assert text_lines(text, width) >= _lines_needed(text, width)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_row_is_tall_enough_for_its_wrapped_text(overloaded, language):
    book = open_book(render(overloaded, "xlsx", language=language, names=True))
    short = []

    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if not (isinstance(cell.value, str) and cell.alignment.wrap_text):
                    continue
                width = sheet.column_dimensions[cell.column_letter].width
                height = sheet.row_dimensions[cell.row].height or LINE_HEIGHT
                if height < LINE_HEIGHT * _lines_needed(cell.value, width):
                    short.append((sheet.title, cell.coordinate, height))

    assert short == []


def test_every_header_fits_its_column_or_wraps_onto_lines_of_its_own(plan, tmp_path):
    # Bold text is about a tenth wider than the body's: a unit of width holds 0.9 of it.
    books = [open_book(render(every_object(plan)[kind], "xlsx")) for kind in RENDERED]
    books.append(open_book(ic.write_team(plan.team, tmp_path / "t.xlsx").read_bytes()))
    cut = []

    for book in books:
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if not (cell.value and cell.fill.fill_type == "solid"):
                        continue
                    width = 0.9 * sheet.column_dimensions[cell.column_letter].width
                    height = sheet.row_dimensions[cell.row].height or LINE_HEIGHT
                    lines = _lines_needed(str(cell.value), width)
                    if lines > 1 and not (
                        cell.alignment.wrap_text and height >= LINE_HEIGHT * lines
                    ):
                        cut.append((sheet.title, cell.coordinate, cell.value))

    assert cut == []
