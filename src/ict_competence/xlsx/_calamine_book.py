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
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ict_competence._extras import optional_module
from ict_competence.errors import WorkbookError
from ict_competence.xlsx._book import Merged, RawRow
from ict_competence.xlsx._cells import _Sheet
from ict_competence.xlsx._guard import Checked
from ict_competence.xlsx._survey import MAX_MERGES

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


#: One calamine call at a time may have standard error redirected (see _calling).
_STDERR = threading.Lock()


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Standard error (file descriptor 2) sent to a temporary file while calamine runs.

    Rust prints a panic's message and backtrace to standard error before pyo3 raises it as
    an exception, and a damaged .xls reaches many of calamine's panics (its formulas are
    read with unchecked lengths), more than a survey could foresee. What others wrote there
    meanwhile is written out afterwards; a panic's text is dropped with whatever came with it.
    """
    with _STDERR:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (AttributeError, OSError, ValueError):  # no standard error to keep quiet
            yield
            return
        with tempfile.TemporaryFile() as capture:
            os.dup2(capture.fileno(), 2)
            panicked = False
            try:
                yield
            except BaseException as exc:
                panicked = _panicked(exc)
                raise
            finally:
                os.dup2(saved, 2)
                os.close(saved)
                if not panicked:
                    capture.seek(0)
                    if written := capture.read():
                        os.write(2, written)


@contextmanager
def _calling(
    calamine: ModuleType, where: str, damaged: Callable[[str], WorkbookError]
) -> Iterator[None]:
    """The errors and panics of calamine as a WorkbookError of the file ``where``.

    ``damaged`` makes the error from what calamine said (``(XmlError: …)``).
    """
    try:
        with _quiet_stderr():
            yield
    except calamine.PasswordError:
        raise WorkbookError(
            "is protected by a password; save a copy without a password and read that",
            path=where,
        ) from None
    except calamine.CalamineError as exc:
        raise damaged(f"({type(exc).__name__}: {exc})") from None
    except BaseException as exc:
        if not _panicked(exc):
            raise
        raise damaged(f"(calamine failed: {exc})") from None


class _CalamineBook:
    """An open .ods or .xls workbook for :func:`._book.read_book`."""

    def __init__(self, calamine: ModuleType, workbook: CalamineWorkbook, checked: Checked) -> None:
        self.calamine = calamine
        self.workbook = workbook
        self.checked = checked
        self.names: list[str] = list(workbook.sheet_names)
        self._merged = dict(checked.merged)  # by sheet: the survey's (.ods) or calamine's

    def rows(self, name: str, where: _Sheet) -> Iterator[RawRow]:
        def damaged(said: str) -> WorkbookError:
            return where.error(None, f"the sheet is damaged and cannot be read {said}")

        with _calling(self.calamine, where.path, damaged):
            sheet = self.workbook.get_sheet_by_name(name)
            start = sheet.start
            values = sheet.to_python() if start is not None else []
            ranges = getattr(sheet, "merged_cell_ranges", None) or []  # .xls only
        sheet_index = self.names.index(name)
        if ranges:
            self._merged[sheet_index] = [_merge(*found) for found in ranges[:MAX_MERGES]]
        restored = _by_row(self.checked.restored.get(sheet_index, {}))
        return _rows(start or (0, 0), values, restored)

    def merged(self, name: str) -> list[Merged]:
        return self._merged.get(self.names.index(name), [])


def _merge(first: tuple[int, int], last: tuple[int, int]) -> Merged:
    """A merged range as calamine gives it (0-based corners) as :data:`._book.Merged`."""
    return first[0] + 1, first[1] + 1, last[0] + 1, last[1] + 1


def _rows(
    start: tuple[int, int],
    values: Sequence[Sequence[object]],
    restored: dict[int, dict[int, object]],
) -> Iterator[RawRow]:
    """The rows of calamine's ``values`` and the survey's ``restored`` values, in order.

    calamine's rows start at ``start``, the sheet's first filled cell (0-based row and
    column): the rows and columns before it are left out, so a value's place counts from
    there. An empty cell is ``""``; a value the survey found replaces calamine's.
    """
    first_row, first_column = start
    for number in sorted({*range(first_row + 1, first_row + len(values) + 1), *restored}):
        position = number - first_row - 1  # in calamine's rows
        given = values[position] if 0 <= position < len(values) else []
        cells = {
            first_column + offset + 1: _value(value)
            for offset, value in enumerate(given)
            if value != ""
        }
        cells.update(restored.get(number, {}))
        yield number, cells.items()


def _by_row(restored: dict[tuple[int, int], str | bool]) -> dict[int, dict[int, object]]:
    """The values the survey found, as each row's {column: value}."""
    by_row: dict[int, dict[int, object]] = {}
    for (row, column), value in restored.items():
        by_row.setdefault(row, {})[column] = value
    return by_row


@contextmanager
def open_calamine(path: Path, checked: Checked) -> Iterator[_CalamineBook]:
    """The .ods or .xls workbook at ``path`` (checked and surveyed), open for reading.

    Raises:
        MissingExtraError: python-calamine is not installed.
        WorkbookError: calamine cannot read the file (damaged, or protected by a password).
    """
    calamine = optional_module("python_calamine", extra="calamine", feature=_FEATURE)
    where = str(path)

    def damaged(said: str) -> WorkbookError:
        return WorkbookError(
            f"is damaged and cannot be read as {checked.kind.described} {said}; open it in "
            "Excel or LibreOffice and save it again",
            path=where,
        )

    with _calling(calamine, where, damaged):
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(checked.data))
    try:
        yield _CalamineBook(calamine, workbook, checked)
    finally:
        workbook.close()
