"""Reading an .xlsx workbook's sheets with openpyxl, as rows of filled cells.

openpyxl's read-only rows are as wide as a row's last cell, padded with empty ones; a
cell at XFD5 would make its row 16,384 cells long. The sheet's parser, which those rows
are made from, gives each row's filled cells with their columns and nothing else, so it
is read directly: a cell far to the right then costs what any other cell costs.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from ict_competence.errors import WorkbookError
from ict_competence.xlsx._book import PENDING, RawRow, SheetRows
from ict_competence.xlsx._cells import _Sheet, column_letter
from ict_competence.xlsx._problems import Problems

__all__ = ["open_xlsx"]

_T = TypeVar("_T")


@contextmanager
def _opened(data: bytes, where: str, *, data_only: bool) -> Iterator[Workbook]:
    """The workbook in ``data`` (the file's bytes, read once), read lazily and closed after."""
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (e.g. conditional formatting); a
            # school's formatting is not ours to judge, and warnings are errors in tests.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a malformed package
        raise WorkbookError(
            f"cannot be read as a workbook ({type(exc).__name__}: {exc})", path=where
        ) from None
    try:
        yield book
    finally:
        book.close()


def _quietly(items: Iterator[_T]) -> Iterator[_T]:
    """``items``, with openpyxl's warnings (a date out of range, …) silenced while each is made."""
    while True:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                item = next(items)
            except StopIteration:
                return
        yield item


def _parsed(book: Workbook, name: str) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The sheet's rows as openpyxl's parser gives them: number, and the cells it holds."""
    from openpyxl.worksheet._reader import WorkSheetParser  # noqa: PLC0415

    # openpyxl's own read-only rows are made this way; the attributes are not in its stubs.
    sheet: Any = book[name]
    formats: Any = book
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=formats._date_formats,
            timedelta_formats=formats._timedelta_formats,
        )
        yield from _quietly(iter(parser.parse()))


class _XlsxBook:
    """An open .xlsx workbook (its formulas, not their values) for :func:`._book.read_book`."""

    def __init__(self, path: Path, data: bytes, book: Workbook) -> None:
        self.path = path
        self.data = data
        self.book = book
        self.names = list(book.sheetnames)

    def rows(self, name: str, where: _Sheet) -> Iterator[RawRow]:
        try:
            for number, cells in _parsed(self.book, name):
                yield (
                    number,
                    [
                        (cell["column"], PENDING if cell["data_type"] == "f" else cell["value"])
                        for cell in cells
                    ],
                )
        except WorkbookError:
            raise
        except Exception as exc:  # openpyxl parses the sheet's XML only now, lazily
            raise where.error(
                None, f"the sheet is damaged and cannot be read ({type(exc).__name__}: {exc})"
            ) from None

    def computed(self, sheet: SheetRows, where: _Sheet) -> SheetRows:
        """Formulas replaced by the values Excel or LibreOffice computed and cached."""
        wanted = set(sheet.pending)
        values: dict[tuple[int, int], object] = {}
        with _opened(self.data, str(self.path), data_only=True) as book:
            for number, cells in _parsed(book, where.name):
                for cell in cells:
                    if (number, cell["column"]) in wanted:
                        values[number, cell["column"]] = cell["value"]
        problems = Problems(self.path)
        for row, column in sheet.pending:
            if values.get((row, column)) is None:
                problems.add(
                    where.name,
                    f"{column_letter(column)}{row}",
                    "holds a formula without a computed value; type the value itself, or "
                    "open and save the file in Excel or LibreOffice first",
                )
        problems.raise_if_any()
        return sheet.computed(values)


@contextmanager
def open_xlsx(path: Path, data: bytes) -> Iterator[_XlsxBook]:
    """The .xlsx workbook at ``path`` (checked already, its bytes ``data``), open for reading."""
    with _opened(data, str(path), data_only=False) as book:
        yield _XlsxBook(path, data, book)
