"""Reading an .ods or .xls workbook's sheets with python-calamine (the optional extra).

calamine's values are given the types openpyxl gives for the same cell of an .xlsx, so
that one set of rules reads both: an empty cell is None (calamine says ``""``), a whole
number is an int (calamine says ``4.0``), a date is a datetime at midnight (calamine says
a date), and a cell with an error value holds its text (``#DIV/0!``; calamine says ``""``,
the survey of :mod:`._guard` found the text). A duration of an .ods stays the text calamine
gives (``PT30H00M00S``), and a formula is its computed value, which LibreOffice and Excel
always store in these files.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ict_competence._extras import optional_module
from ict_competence.errors import WorkbookError
from ict_competence.xlsx._book import Merged, RawRow
from ict_competence.xlsx._cells import _Sheet
from ict_competence.xlsx._guard import Checked

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

__all__ = ["open_calamine"]

#: Whole numbers up to this size read as int, as openpyxl reads them from an .xlsx (where
#: Excel writes larger ones with an exponent, which openpyxl reads as a float).
_WHOLE = 1e15
_FEATURE = "reading .ods and .xls workbooks (read_overview, read_team)"


def _value(value: object) -> object:
    """A calamine value (not ``""``, an empty cell) as openpyxl gives the cell of an .xlsx."""
    if isinstance(value, float) and value.is_integer() and abs(value) < _WHOLE:
        return int(value)
    if type(value) is datetime.date:
        return datetime.datetime(value.year, value.month, value.day)
    return value


def _panicked(exc: BaseException) -> bool:
    """Whether ``exc`` is a panic of calamine's Rust code (pyo3 raises it as a BaseException)."""
    return type(exc).__name__ == "PanicException"


class _CalamineBook:
    """An open .ods or .xls workbook for :func:`._book.read_book`."""

    def __init__(self, calamine: ModuleType, workbook: CalamineWorkbook, checked: Checked) -> None:
        self.calamine = calamine
        self.workbook = workbook
        self.checked = checked
        self.names: list[str] = list(workbook.sheet_names)

    def rows(self, name: str, where: _Sheet) -> Iterator[RawRow]:
        index = self.names.index(name)
        errors = self.checked.errors.get(index, {})
        try:
            sheet = self.workbook.get_sheet_by_name(name)
            start = sheet.start
            values = sheet.to_python() if start is not None else []
        except self.calamine.CalamineError as exc:
            raise where.error(
                None, f"the sheet is damaged and cannot be read ({type(exc).__name__}: {exc})"
            ) from None
        except BaseException as exc:
            if not _panicked(exc):
                raise
            raise where.error(None, f"the sheet cannot be read (calamine failed: {exc})") from None
        first_row, first_column = start or (0, 0)
        by_row: dict[int, list[tuple[int, object]]] = {}
        for (row, column), text in errors.items():
            by_row.setdefault(row, []).append((column, text))
        last = first_row + len(values)
        for number in sorted({*range(first_row + 1, last + 1), *by_row}):
            cells: list[tuple[int, object]] = []
            if first_row < number <= last:
                row_values = values[number - first_row - 1]
                cells = [
                    (first_column + offset + 1, _value(value))
                    for offset, value in enumerate(row_values)
                    if value != ""
                ]
            yield number, cells + by_row.get(number, [])

    def merged(self, name: str) -> list[Merged]:
        return []


@contextmanager
def open_calamine(path: Path, checked: Checked) -> Iterator[_CalamineBook]:
    """The .ods or .xls workbook at ``path`` (checked and surveyed), open for reading.

    Raises:
        MissingExtraError: python-calamine is not installed.
        WorkbookError: calamine cannot read the file (damaged, or protected by a password).
    """
    calamine = optional_module("python_calamine", extra="calamine", feature=_FEATURE)
    where = str(path)
    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(checked.data))
    except calamine.PasswordError:
        raise WorkbookError(
            "is protected by a password; save a copy without a password and read that",
            path=where,
        ) from None
    except calamine.CalamineError as exc:
        raise WorkbookError(
            f"cannot be read as {checked.kind.described} ({type(exc).__name__}: {exc})",
            path=where,
        ) from None
    except BaseException as exc:
        if not _panicked(exc):
            raise
        raise WorkbookError(
            f"cannot be read as {checked.kind.described} (calamine failed: {exc})", path=where
        ) from None
    try:
        yield _CalamineBook(calamine, workbook, checked)
    finally:
        workbook.close()
