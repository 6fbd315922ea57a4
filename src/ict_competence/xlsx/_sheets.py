"""Opening a checked workbook with openpyxl and reading a sheet's rows, safely and once."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from ict_competence.errors import WorkbookError
from ict_competence.xlsx._cells import _Cell, _Sheet
from ict_competence.xlsx._layout import CELL_LIMIT, MAX_COLUMNS, MAX_ROWS
from ict_competence.xlsx._problems import Problems

Rows = list[tuple[int, list[_Cell]]]


@contextmanager
def _opened(path: Path, *, data_only: bool) -> Iterator[Workbook]:
    """The workbook, read lazily; the file is closed afterwards, also when openpyxl fails.

    openpyxl leaves its zip open when loading fails halfway, so the file is opened here
    and handed to it, and closed here whatever happens.
    """
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise WorkbookError(f"cannot be opened: {exc.strerror or exc}", path=str(path)) from None
    with stream:
        try:
            with warnings.catch_warnings():
                # openpyxl warns about features it drops (e.g. conditional formatting); a
                # school's formatting is not ours to judge, and warnings are errors in tests.
                warnings.simplefilter("ignore")
                book = load_workbook(stream, read_only=True, data_only=data_only)
        except Exception as exc:  # openpyxl raises many kinds for a malformed package
            raise WorkbookError(
                f"cannot be read as a workbook ({type(exc).__name__}: {exc})", path=str(path)
            ) from None
        try:
            yield book
        finally:
            book.close()


def _sheet_rows(book: Workbook, where: _Sheet, problems: Problems) -> tuple[Rows, list[_Cell]]:
    """The sheet's rows, and the cells among them that hold formulas (value still unknown)."""
    try:
        return _parse_rows(book, where, problems)
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl parses the sheet's XML only now, lazily
        raise where.error(
            None, f"the sheet is damaged and cannot be read ({type(exc).__name__}: {exc})"
        ) from None


def _parse_rows(book: Workbook, where: _Sheet, problems: Problems) -> tuple[Rows, list[_Cell]]:
    rows: Rows = []
    formulas: list[_Cell] = []
    sheet = book[where.name]
    # A file may state its <dimension> wrongly either way, and openpyxl's read-only mode
    # stops at the stated last row: forget it, and count the rows as they come instead.
    sheet.reset_dimensions()
    for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        if number > MAX_ROWS:
            raise where.error(
                f"A{number}",
                f"the sheet goes on past row {MAX_ROWS}; a task overview is far smaller "
                "(delete the rows or cells below the tasks)",
            )
        cells = [
            _Cell(f"{get_column_letter(column)}{number}", cell.value)
            for column, cell in enumerate(row, start=1)
        ]
        for cell in cells:
            _check_text(cell, where.name, problems)
        formulas += [
            cells[i] for i, cell in enumerate(row) if getattr(cell, "data_type", None) == "f"
        ]
        rows.append((number, cells))
    return rows, formulas


def _check_text(cell: _Cell, sheet: str, problems: Problems) -> None:
    """Text no spreadsheet program writes: longer than a cell holds, or control characters."""
    if not isinstance(cell.value, str):
        return
    if len(cell.value) > CELL_LIMIT:
        problems.add(
            sheet,
            cell.ref,
            f"holds {len(cell.value):,} characters; a cell holds at most {CELL_LIMIT:,}",
        )
    elif bad := ILLEGAL_CHARACTERS_RE.search(cell.value):
        problems.add(
            sheet,
            cell.ref,
            f"contains the control character U+{ord(bad.group()):04X}; delete it",
        )


def _computed(path: Path, rows: Rows, formulas: list[_Cell], where: _Sheet) -> Rows:
    """Replace formulas by the values the spreadsheet program computed and cached."""
    with _opened(path, data_only=True) as book:
        # The text of cached values was checked with the formulas' sheet already.
        cached = {
            cell.ref: cell.value
            for _number, cells in _sheet_rows(book, where, Problems(path))[0]
            for cell in cells
        }
    problems = Problems(path)
    for formula in formulas:
        if cached.get(formula.ref) is None:
            problems.add(
                where.name,
                formula.ref,
                "holds a formula without a computed value; type the value itself, or "
                "open and save the file in Excel or LibreOffice first",
            )
    problems.raise_if_any()
    refs = {formula.ref for formula in formulas}
    return [
        (number, [_Cell(c.ref, cached[c.ref]) if c.ref in refs else c for c in cells])
        for number, cells in rows
    ]


def read_sheets(path: Path, main: str, extra: str) -> tuple[Rows, Rows | None]:
    """Rows of the sheet ``main``, which must exist, and of ``extra`` (None when it is absent).

    The workbook is opened once; only when a formula turns up is it opened a second
    time for the values Excel or LibreOffice cached.

    Raises:
        WorkbookError: ``main`` is missing, a sheet is damaged or too long, or cells hold
            text no workbook holds (each such cell listed) or formulas without a value.
    """
    problems = Problems(path)
    with _opened(path, data_only=False) as book:
        if main not in book.sheetnames:
            raise _Sheet(path, main).error(
                None, f"the workbook has no sheet {main!r} (it has: {', '.join(book.sheetnames)})"
            )
        read: list[Rows | None] = []
        for name in (main, extra):
            if name not in book.sheetnames:
                read.append(None)
                continue
            where = _Sheet(path, name)
            rows, formulas = _sheet_rows(book, where, problems)
            problems.raise_if_any()
            read.append(_computed(path, rows, formulas, where) if formulas else rows)
    first, second = read
    assert first is not None  # noqa: S101 - checked above
    return first, second
