"""The limits of a workbook's size, checked from its package before openpyxl or the survey parse it.

The big workbooks are made here, from the library's own, rather than committed. openpyxl
may not be reached for a refusal of the package (``no_openpyxl``); how long a refusal
takes is recorded by ``refused`` and timed in benchmarks/read_workbook.py.
"""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable

import pytest
from openpyxl.utils import get_column_letter

from ict_competence.errors import WorkbookError
from ict_competence.xlsx import read_overview, read_team
from ict_competence.xlsx._package import (
    MAX_ELEMENTS,
    MAX_PIECE_BYTES,
    MAX_STYLE_ELEMENTS,
)
from tests.hostile.books import OVERVIEW, TEAM, rewrite
from tests.hostile.record import refused
from tests.xlsx.libreoffice import DATA

SHEET = "xl/worksheets/sheet1.xml"


def _never(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("openpyxl was reached")


@pytest.fixture
def no_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    # The reader's module first: imported while openpyxl's is patched, it would keep _never.
    monkeypatch.setattr("ict_competence.xlsx._xlsx_book.load_workbook", _never)
    monkeypatch.setattr("openpyxl.load_workbook", _never)


def _rows(cells: int, first_column: int, start_row: int = 2, per_row: int = 200) -> bytes:
    """Rows of ``cells`` numbers from ``first_column`` on, ``per_row`` a row."""
    rows, made, row = [], 0, start_row
    while made < cells:
        count = min(per_row, cells - made)
        row_cells = "".join(
            f'<c r="{get_column_letter(first_column + i)}{row}"><v>{i % 7}</v></c>'
            for i in range(count)
        )
        rows.append(f'<row r="{row}">{row_cells}</row>')
        made, row = made + count, row + 1
    return "".join(rows).encode()


def _appended(rows: bytes) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(b"</sheetData>", rows + b"</sheetData>")


def _shared_strings(count: int) -> bytes:
    """A shared-string table of ``count`` strings nobody uses, varied so that it packs loosely."""
    pick = random.Random(1)  # noqa: S311 - not for secrets
    items = "".join(f"<si><t>{pick.getrandbits(24):06x}</t></si>" for _ in range(count))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">{items}</sst>'
    ).encode()


# -- the directory: sizes ------------------------------------------------------------------------


def test_a_part_that_unpacks_too_large_is_refused_naming_it(tmp_path, no_openpyxl, monkeypatch):
    monkeypatch.setattr("ict_competence.xlsx._package.MAX_PART_BYTES", 20_000)
    book = OVERVIEW.write(tmp_path / "o.xlsx")

    refused(
        lambda: read_overview(book),
        WorkbookError,
        match=r"o\.xlsx: part xl/worksheets/sheet\d\.xml unpacks to more than 0 MB",
    )


def test_the_library_s_workbooks_are_far_below_the_limits():
    from ict_competence.xlsx._package import MAX_PART_BYTES, MAX_UNPACKED_BYTES, _elements

    for name in ("overview.xlsx", "team.xlsx", "overview.ods", "team.ods"):
        with zipfile.ZipFile(DATA / name) as package:
            parts = package.infolist()
            elements = sum(_elements(package.read(p).decode("latin-1"))[0] for p in parts)
            assert sum(part.file_size for part in parts) * 100 < MAX_UNPACKED_BYTES
            assert max(part.file_size for part in parts) * 100 < MAX_PART_BYTES
            assert elements * 10 < MAX_ELEMENTS


# -- the bytes: elements -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [OVERVIEW, TEAM], ids=["overview", "team"])
def test_cells_far_right_past_the_budget_are_refused_before_openpyxl(tmp_path, no_openpyxl, kind):
    # The reviewer's case: millions of cells right of BH, read for half a minute; here as
    # many as pass the budget.
    book = kind.write(tmp_path / "t.xlsx")
    rewrite(book, SHEET, _appended(_rows(MAX_ELEMENTS // 2 + 1, first_column=100, start_row=200)))

    refused(
        lambda: kind.read(book),
        WorkbookError,
        match=rf"t\.xlsx: part {SHEET} brings the XML of the workbook over "
        rf"{MAX_ELEMENTS:,} elements",
    )


def test_unused_shared_strings_past_the_budget_are_refused_before_openpyxl(tmp_path, no_openpyxl):
    # The reviewer's case: 3.5 million unused strings, read for 48 seconds and 577 MB.
    book = OVERVIEW.write(tmp_path / "o.xlsx")
    rewrite(book, "xl/sharedStrings.xml", lambda _data: _shared_strings(MAX_ELEMENTS // 2))

    refused(
        lambda: read_overview(book),
        WorkbookError,
        match=r"part xl/sharedStrings\.xml brings the XML of the workbook over",
    )


def test_more_formats_than_the_styles_budget_are_refused(tmp_path, no_openpyxl):
    book = OVERVIEW.write(tmp_path / "o.xlsx")
    pick = random.Random(2)  # noqa: S311 - not for secrets

    def styles(data: bytes) -> bytes:
        formats = "".join(
            f'<xf numFmtId="{pick.randrange(50)}" fontId="0" fillId="0" borderId="0"/>'
            for _ in range(MAX_STYLE_ELEMENTS)
        ).encode()
        return re.sub(rb'<cellXfs count="\d+">', lambda m: m.group() + formats, data, count=1)

    rewrite(book, "xl/styles.xml", styles)

    refused(
        lambda: read_overview(book),
        WorkbookError,
        match=rf"part xl/styles\.xml holds more than {MAX_STYLE_ELEMENTS:,} XML elements of "
        "cell formats",
    )


def test_an_ods_past_the_budget_is_refused_before_the_survey(tmp_path, monkeypatch):
    monkeypatch.setattr("ict_competence.xlsx._guard.survey_ods", _never)
    with zipfile.ZipFile(DATA / "overview.ods") as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    cells = "".join(
        f'<table:table-cell table:style-name="c{n}"/>' for n in range(MAX_ELEMENTS)
    ).encode()
    parts["content.xml"] = parts["content.xml"].replace(
        b"<table:table-row ",
        b"<table:table-row>" + cells + b"</table:table-row><table:table-row ",
        1,
    )
    path = tmp_path / "o.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), parts.pop("mimetype"))
        for name, data in parts.items():
            package.writestr(name, data)

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=r"o\.ods: part content\.xml brings the XML of the workbook over",
    )


# -- the bytes: pieces longer than a workbook has ------------------------------------------------


def _validation(sqref: str) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        rule = f'<dataValidations count="1"><dataValidation type="whole" sqref="{sqref}"/>'
        return data.replace(
            b"</sheetData>", b"</sheetData>" + rule.encode() + b"</dataValidations>"
        )

    return change


@pytest.mark.parametrize(
    "piece",
    [
        pytest.param(lambda size: _validation("A1 " * (size // 3)), id="attribute"),
        pytest.param(  # a "<" every ten bytes, as a comment may hold
            lambda size: _appended(f"<!-- {'< xxxxxxx ' * (size // 10)} -->".encode()),
            id="comment",
        ),
    ],
)
def test_a_piece_of_xml_longer_than_a_workbook_has_is_refused(tmp_path, no_openpyxl, piece):
    # expat reads a piece again each time more of it arrives: 18 MB of one attribute
    # (a validation's list of ranges) took eighteen seconds to parse.
    book = OVERVIEW.write(tmp_path / "o.xlsx")
    rewrite(book, SHEET, piece(MAX_PIECE_BYTES + 1024))

    refused(
        lambda: read_overview(book),
        WorkbookError,
        match=rf"part {SHEET} holds a piece of XML longer than {MAX_PIECE_BYTES // 1024} kB",
    )


def test_a_cell_of_the_longest_text_fits_in_a_piece(tmp_path):
    # 32,767 characters that XML writes five bytes each ("&amp;") still fit.
    from tests.hostile.books import with_text

    book = OVERVIEW.write(tmp_path / "o.xlsx")
    with_text(book, OVERVIEW, "K3", "&amp;" * 32_767)

    assert read_overview(book).choice("TECH-02").notes == "&" * 32_767


# -- cells right of the columns read, and the filled-cell budget ---------------------------------


def test_many_cells_right_of_the_columns_read_are_named_first_ten_and_counted(tmp_path):
    book = OVERVIEW.write(tmp_path / "o.xlsx")
    rewrite(book, SHEET, _appended(_rows(30, first_column=62, start_row=200, per_row=3)))

    warning = read_overview(book).warnings[0].en

    assert "in BJ200, BK200, BL200, BJ201, BK201, BL201, BJ202, BK202, BL202, BJ203 and 20 " in (
        warning
    )


def test_a_team_names_the_first_ten_cells_right_of_the_columns_read_and_counts_the_rest(tmp_path):
    book = TEAM.write(tmp_path / "t.xlsx")
    rewrite(book, SHEET, _appended(_rows(25, first_column=70, start_row=10, per_row=5)))

    with pytest.raises(WorkbookError) as caught:
        read_team(book)

    lines = caught.value.problems
    assert len(lines) == 11
    assert lines[0].startswith("Team!BR10: holds something right of column BH")
    assert lines[9].startswith("Team!BV11: holds something")
    assert lines[10] == (
        "Team!BI:XFD: 15 more cells right of column BH hold something; move them into the "
        "sheet's columns or delete them"
    )


def test_the_sheets_read_may_hold_only_so_many_filled_cells(monkeypatch):
    monkeypatch.setattr("ict_competence.xlsx._book.MAX_FILLED_CELLS", 20)

    error = refused(
        lambda: read_team(DATA / "team.xlsx"),
        WorkbookError,
        match=r"team\.xlsx: Team!A\d+: the sheets read hold more than 20 filled cells",
    )

    assert error.sheet == "Team"


def test_the_filled_cells_of_both_sheets_count_together(monkeypatch):
    from ict_competence.xlsx._book import read_book

    first, second = read_book(DATA / "overview.xlsx", "Takenoverzicht", "Gegevens")
    assert second is not None
    monkeypatch.setattr(
        "ict_competence.xlsx._book.MAX_FILLED_CELLS", first.filled + second.filled - 1
    )

    refused(
        lambda: read_overview(DATA / "overview.xlsx"),
        WorkbookError,
        match=r"Gegevens!A\d+: the sheets read hold more than",
    )
