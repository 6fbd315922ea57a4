"""The reading seam (xlsx/_book.py and the readers behind it): how a file is opened and read."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import python_calamine
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from ict_competence.errors import WorkbookError
from ict_competence.xlsx import read_overview, read_team
from ict_competence.xlsx._cells import _Sheet
from ict_competence.xlsx._xlsx_book import open_xlsx
from tests.hostile.books import OVERVIEW, TEAM, edit, rewrite
from tests.hostile.record import refused
from tests.xlsx.formulas import SHEET_PART, with_cached_formula
from tests.xlsx.libreoffice import DATA

_OPENED: list[str] | None = None


def _audit(event: str, arguments: tuple[object, ...]) -> None:
    if _OPENED is not None and event == "open" and isinstance(arguments[0], str | Path):
        _OPENED.append(str(arguments[0]))


sys.addaudithook(_audit)  # an audit hook cannot be removed; it records only inside opens


@pytest.fixture
def opens() -> Iterator[list[str]]:
    """The files Python opens while the test runs (its audit events)."""
    global _OPENED  # noqa: PLW0603 - the audit hook is process-wide
    _OPENED = []
    try:
        yield _OPENED
    finally:
        _OPENED = None


def _never(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("calamine opened the file by its path")


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("team.xlsx", read_team),
        ("team.ods", read_team),
        ("team.xls", read_team),
        ("overview.xlsx", read_overview),
        ("overview.ods", read_overview),
    ],
)
def test_a_workbook_is_opened_once(opens, monkeypatch, name, read):
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", _never)
    path = DATA / name

    read(path)

    assert opens.count(str(path)) == 1


def test_a_workbook_with_formulas_is_opened_once(opens, tmp_path):
    path = with_cached_formula(tmp_path / "o.xlsx", "J3", "10+2", "12")
    opens.clear()  # writing it opened it

    assert read_overview(path).choice("TECH-02").hours_per_year == 12

    assert opens.count(str(path)) == 1


def test_a_file_larger_than_any_workbook_is_refused_unread(opens, monkeypatch):
    monkeypatch.setattr("ict_competence.xlsx._guard.MAX_FILE_BYTES", 1_000)
    path = DATA / "team.xlsx"

    refused(lambda: read_team(path), WorkbookError, match=r"team\.xlsx: is larger than 0 MB")

    assert str(path) not in opens


# -- the private parser of openpyxl, and the public rows behind it ------------------------------

XLSX = ("overview.xlsx", "team.xlsx", "small_team.xlsx")
#: Every sheet's rows: number, and the (column, value) of its cells.
_Found = dict[str, list[tuple[int, list[tuple[int, object]]]]]


def _raw_rows(path: Path, *, public: bool) -> _Found:
    """Every sheet's rows as the .xlsx reader gives them, by openpyxl's parser or public rows."""
    data = path.read_bytes()
    with open_xlsx(path, data) as book:
        read = book._public_rows if public else book.rows
        return {
            name: [(number, list(cells)) for number, cells in read(name, _Sheet(path, name))]
            for name in book.names
        }


def _iter_rows(path: Path) -> _Found:
    """Every sheet's filled cells by openpyxl's public ``iter_rows(values_only=True)``."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        found: _Found = {}
        for name in book.sheetnames:
            sheet = book[name]
            sheet.reset_dimensions()
            rows = enumerate(sheet.iter_rows(values_only=True), start=1)
            found[name] = [
                (number, [(column, v) for column, v in enumerate(row, start=1) if v is not None])
                for number, row in rows
            ]
        return found
    finally:
        book.close()


def _filled(rows: _Found) -> _Found:
    """The rows with their filled cells only (an empty, formatted cell is None), if any."""
    filled = {
        name: [(n, [(c, v) for c, v in cells if v is not None]) for n, cells in found]
        for name, found in rows.items()
    }
    return {name: [row for row in found if row[1]] for name, found in filled.items()}


@pytest.mark.parametrize("name", XLSX)
def test_the_parser_reads_what_openpyxl_s_public_rows_read(name):
    path = DATA / name

    fast = _raw_rows(path, public=False)

    assert _filled(fast) == _filled(_iter_rows(path))
    assert _filled(fast) == _filled(_raw_rows(path, public=True))
    assert sum(len(cells) for rows in fast.values() for _n, cells in rows) > 20


def test_the_parser_is_used_where_openpyxl_is_as_expected():
    from ict_competence.xlsx._xlsx_book import _private_parser

    data = (DATA / "team.xlsx").read_bytes()
    with open_xlsx(DATA / "team.xlsx", data) as book:
        assert _private_parser(book.book, "Team") is not None


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda patch: patch.delattr("openpyxl.worksheet._reader.WorkSheetParser"),
            id="no parser",
        ),
        pytest.param(
            lambda patch: patch.setattr("ict_competence.xlsx._xlsx_book._PROBED", (3, [])),
            id="parser answers otherwise",
        ),
    ],
)
def test_without_openpyxl_s_private_parser_a_workbook_reads_the_same(tmp_path, monkeypatch, change):
    formula = with_cached_formula(tmp_path / "f.xlsx", "J3", "10+2", "12")
    uncomputed = with_cached_formula(tmp_path / "u.xlsx", "J4", "10+2", None)
    before = [read_overview(DATA / "overview.xlsx"), read_team(DATA / "team.xlsx")]
    computed = read_overview(formula)

    change(monkeypatch)

    assert [read_overview(DATA / "overview.xlsx"), read_team(DATA / "team.xlsx")] == before
    assert read_overview(formula) == computed
    assert computed.choice("TECH-02").hours_per_year == 12
    refused(
        lambda: read_overview(uncomputed),
        WorkbookError,
        match=r"Takenoverzicht!J4: holds a formula without a computed value",
    )


def test_when_openpyxl_fails_on_its_own_workbook_too_the_file_is_not_blamed(monkeypatch):
    from openpyxl.worksheet import _read_only

    def broken(*_args: object, **_kwargs: object) -> None:
        raise TypeError("an argument this version does not know")

    monkeypatch.delattr("openpyxl.worksheet._reader.WorkSheetParser")
    monkeypatch.setattr(_read_only, "WorkSheetParser", broken)

    refused(
        lambda: read_team(DATA / "team.xlsx"),
        WorkbookError,
        match=r"team\.xlsx: cannot be read with openpyxl [\d.]+, which fails on a workbook it "
        r"wrote itself too \(TypeError: .*\); the file is not at fault",
    )


# -- formulas and the values computed for them ----------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "cached", "found"),
    [
        (None, "abc", r"ValueError: .*'abc'"),  # a number that is none
        ("s", "99999", r"IndexError"),  # a shared string the workbook does not have
        ("b", "ja", r"ValueError: .*'ja'"),
        ("d", "gisteren", r"ValueError"),
    ],
)
def test_a_damaged_computed_value_is_refused_naming_its_cell(tmp_path, kind, cached, found):
    path = with_cached_formula(tmp_path / "o.xlsx", "J6", "10*2", cached, kind=kind)

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=rf"o\.xlsx: Takenoverzicht!J6: the cell is damaged and cannot be read \({found}",
    )


def test_a_damaged_value_without_a_formula_is_refused_naming_its_cell(tmp_path):
    path = with_cached_formula(tmp_path / "o.xlsx", "J6", "10*2", "abc")
    rewrite(path, SHEET_PART, lambda data: data.replace(b"<f>10*2</f>", b""))

    refused(
        lambda: read_overview(path),
        WorkbookError,
        match=r"Takenoverzicht!J6: the cell is damaged and cannot be read \(ValueError",
    )


@pytest.mark.parametrize(
    ("kind", "cached", "read"),
    [(None, "20", 20), ("str", "7,5", 7.5), ("e", "#DIV/0!", None)],
)
def test_a_computed_value_is_read_as_the_cell_s_value(tmp_path, kind, cached, read):
    path = with_cached_formula(tmp_path / "o.xlsx", "J6", "10*2", cached, kind=kind)

    if read is None:
        refused(lambda: read_overview(path), WorkbookError, match=r"J6: .*found '#DIV/0!'")
    else:
        assert read_overview(path).choice("TECH-05").hours_per_year == read


# -- rows far below ------------------------------------------------------------------------------


def _far_below(sheet: Worksheet) -> None:
    sheet["A6000"].fill = PatternFill("solid", fgColor="FFFF00")  # a colour, nothing typed
    sheet["BZ7000"].number_format = "0.00"
    for row in range(2, 10_001):
        sheet.row_dimensions[row].height = 18


def test_formatting_far_below_is_no_content(tmp_path):
    book = OVERVIEW.write(tmp_path / "o.xlsx")
    before = read_overview(book)

    edit(book, OVERVIEW.sheet, _far_below)

    assert read_overview(book) == before


@pytest.mark.parametrize("ref", ["A6000", "C5001", "BJ6000"])
def test_something_typed_far_below_is_refused_naming_its_cell(tmp_path, ref):
    book = TEAM.write(tmp_path / "t.xlsx")
    edit(book, TEAM.sheet, _far_below)
    edit(book, TEAM.sheet, lambda sheet: sheet.__setitem__(ref, "vergeten"))

    refused(
        lambda: read_team(book),
        WorkbookError,
        match=rf"t\.xlsx: Team!{ref}: holds something past row 5,000; a task overview or team "
        "is far shorter",
    )
