"""Reading the renderer's workbooks in tests: every sheet, every cell, as text to search."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook


def open_book(data: bytes) -> Workbook:
    """The workbook of an xlsx rendering, every sheet (hidden ones too) with its styles."""
    return openpyxl.load_workbook(io.BytesIO(data))


def every_cell(book: Workbook) -> Iterator[tuple[str, str, object]]:
    """Each sheet's title, then each cell's reference and value, on every sheet."""
    for sheet in book.worksheets:
        yield sheet.title, "", sheet.title
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield sheet.title, cell.coordinate, cell.value


def workbook_text(data: bytes) -> str:
    """Every sheet title and every cell value of an xlsx rendering, one per line."""
    return "\n".join(str(value) for _, _, value in every_cell(open_book(data)))


def values(path: Path) -> dict[str, dict[str, object]]:
    """Per sheet, each cell's value by reference (empty cells and empty text left out)."""
    book = openpyxl.load_workbook(path)
    return {
        sheet.title: {
            cell.coordinate: cell.value
            for row in sheet.iter_rows()
            for cell in row
            if cell.value not in (None, "")
        }
        for sheet in book.worksheets
    }
