"""Plain tables on workbook sheets for the xlsx renderer, written as the xlsx package writes.

The renderer's sheets share these pieces and :class:`Words`, a workbook's words.

Every value goes through the workbook writer's one cell writer, which keeps text that a
spreadsheet would take for a formula as text; the header row is the workbooks' own
(bold, frozen). Here are only what the renderer's sheets add: valid and unique sheet
titles, a table with its autofilter and number formats, the mark of a value over 100 %
(a fill and a word, never colour alone), and a page setup that prints on A4.

openpyxl is imported with this module, which the renderer imports only when it renders.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from copy import copy
from typing import Any
from weakref import WeakKeyDictionary

import attrs
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ict_competence.renderers._naming import Naming
from ict_competence.renderers._words import label
from ict_competence.text import Language
from ict_competence.xlsx._write import (
    _HEADER_ALIGNMENT,
    _HEADER_FILL,
    _HEADER_FONT,
    LINE_HEIGHT,
    _put,
    header_lines,
)
from ict_competence.xlsx._write import text_lines as _lines

__all__ = [
    "HOURS",
    "PERCENT",
    "TEXT",
    "WRAP",
    "Column",
    "Value",
    "Words",
    "facts",
    "finish",
    "mark_over",
    "table",
    "to_bytes",
    "unique_title",
]

#: What a cell of these sheets holds.
Value = str | float | None
#: The most characters a sheet title holds, and the characters it may not hold.
TITLE_LIMIT = 31
_NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")
#: The kinds of characters a sheet title shows as a space: control and format characters.
_NOT_SHOWN = ("Cc", "Cf", "Cs", "Zl", "Zp")
#: Excel keeps this sheet name for itself.
_RESERVED = {"history"}
_DEFAULT_WIDTH = 8.43
_FONT = Font(name="Calibri", size=11)
_BOLD = Font(name="Calibri", size=11, bold=True)
_TOP = Alignment(vertical="top")
_WRAP = Alignment(wrap_text=True, vertical="top")
_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
#: A number in a table: right-aligned, a character away from the next column's text.
_NUMBER = Alignment(horizontal="right", vertical="top", indent=1)
_OVER_FILL = PatternFill("solid", fgColor="F4B6B6")

#: The cell styles of the tables, by name: text, wrapped text, hours, a share.
TEXT, WRAP, HOURS, PERCENT = "ict-text", "ict-wrap", "ict-hours", "ict-percent"
_LABEL, _VALUE, _TITLE, _HEAD = "ict-label", "ict-value", "ict-title", "ict-header"
_STYLES: dict[str, dict[str, Any]] = {
    TEXT: {"alignment": _TOP},
    WRAP: {"alignment": _WRAP},
    HOURS: {"alignment": _NUMBER, "number_format": "0.0"},
    PERCENT: {"alignment": _NUMBER, "number_format": "0%"},
    _LABEL: {"alignment": _WRAP, "font": _BOLD},
    _VALUE: {"alignment": _LEFT},
    f"{_VALUE}-{HOURS}": {"alignment": _LEFT, "number_format": "0.0"},
    f"{_VALUE}-{PERCENT}": {"alignment": _LEFT, "number_format": "0%"},
    _TITLE: {"alignment": _LEFT, "font": Font(name="Calibri", size=14, bold=True)},
    # The header of the workbooks the xlsx package writes: bold, white on blue.
    _HEAD: {"font": _HEADER_FONT, "fill": _HEADER_FILL, "alignment": _HEADER_ALIGNMENT},
}


#: Per workbook, the style of each kind of cell as openpyxl stores it, once it is made.
_MADE: WeakKeyDictionary[Workbook, dict[str, object]] = WeakKeyDictionary()


def _styled(cell: Cell | MergedCell, name: str) -> None:
    """Give ``cell`` the style ``name`` (font, alignment and number format) of ``_STYLES``.

    The first cell of a workbook with a style gets it as openpyxl documents; the others a
    copy of its stored form, as openpyxl copies a sheet. Setting font, alignment and
    number format cell by cell would search the workbook's styles each time: most of the
    time a large plan's workbook takes.
    """
    workbook = cell.parent.parent
    assert workbook is not None  # noqa: S101 - the cell is on a sheet of a workbook
    made = _MADE.setdefault(workbook, {})
    stored = made.get(name)
    if stored is not None:
        cell._style = copy(stored)  # type: ignore[union-attr]
        return
    style = {"font": _FONT} | _STYLES[name]
    cell.font = style["font"]
    if "alignment" in style:
        cell.alignment = style["alignment"]
    if "fill" in style:
        cell.fill = style["fill"]
    if "number_format" in style:
        cell.number_format = style["number_format"]
    made[name] = copy(cell._style)  # type: ignore[union-attr]


@attrs.frozen
class Words:
    """The words of one workbook: its own (``words(key)``) and how it names people and tasks."""

    language: Language
    naming: Naming

    def __call__(self, key: str) -> str:
        """The word ``key`` of the renderers' word table, in the workbook's language."""
        return label(key, self.language)


@attrs.frozen
class Column:
    """One column of a table: its title, its width, and the style of its cells."""

    title: str
    width: float
    style: str = TEXT


def _title_text(text: str) -> str:
    r"""``text`` as a sheet title may hold it: ``[]:*?/\`` made ``_``, other blanks a space.

    A control or format character, a tab, a line break and any whitespace but the space
    become a space: Excel refuses a sheet title that holds one.
    """
    text = _NOT_IN_TITLE.sub("_", text)
    if text.isprintable():  # no control, format or separator character: nothing to do
        return text
    return "".join(
        " " if char.isspace() or unicodedata.category(char) in _NOT_SHOWN else char for char in text
    )


def unique_title(wanted: str, taken: set[str], *, keep: str = "") -> str:
    r"""A valid sheet title for ``wanted`` and ``keep``, not yet in ``taken`` (which gets it).

    A title holds at most 31 characters, none of ``[]:*?/\``, no control character and
    no whitespace but the space, and neither starts nor ends with an apostrophe; a
    title too long loses the end of ``wanted``, never ``keep`` (a person's ``" (id)"``
    after their name). Titles are unique regardless of case, so a second ``p1`` becomes
    ``p1 (2)``. ``taken`` holds casefolded titles.

    >>> taken = {"team"}
    >>> unique_title("Team", taken), unique_title("a/b: [c]?", taken), unique_title("", taken)
    ('Team (2)', 'a_b_ _c__', '_')
    >>> len(unique_title("x" * 40, taken)), unique_title("\tAn\nMaes", taken)
    (31, 'An Maes')
    >>> unique_title("Annelies Vandenbroucke-Verstraeten", taken, keep=" (p12)")
    'Annelies Vandenbroucke-Ve (p12)'
    """
    text, kept = _title_text(wanted).lstrip(" '"), _title_text(keep).rstrip(" '")
    if len(kept) >= TITLE_LIMIT // 2:  # no room left for the name: cut the whole
        text, kept = (text + kept).strip(" '"), ""
    if not text:
        text, kept = kept.strip(" '") or "_", ""

    def cut(room: int) -> str:
        return (text[: room - len(kept)].rstrip(" '") + kept).strip(" '") or "_"

    title, number = cut(TITLE_LIMIT), 1
    while title.casefold() in taken or title.casefold() in _RESERVED:
        number += 1
        suffix = f" ({number})"
        title = cut(TITLE_LIMIT - len(suffix)) + suffix
    taken.add(title.casefold())
    return title


def _print_setup(sheet: Worksheet, header_row: int | None) -> None:
    """Landscape A4, as wide as one page, the header row repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if header_row is not None:
        sheet.print_title_rows = f"{header_row}:{header_row}"


def table(
    sheet: Worksheet,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Value]],
    *,
    place: str,
    row: int = 1,
    plain: bool = False,
) -> int:
    """Write a header at ``row`` and ``rows`` below it; return the last row.

    The header looks as in the xlsx package's workbooks (bold, white on blue). The panes
    are frozen below it, every printed page repeats it, and the table has an autofilter;
    a ``plain`` table (a short list) has none of these. An empty value gets no cell.
    ``place`` names the sheet in an error (a value a workbook cannot hold) without the
    sheet's title, which may hold a name.
    """
    for index, column in enumerate(columns, start=1):
        _styled(sheet.cell(row=row, column=index, value=column.title), _HEAD)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    _fit(sheet, row, max(header_lines(column.title, column.width) for column in columns))
    if not plain:
        sheet.freeze_panes = f"B{row + 1}"
    last = row
    for last, values in enumerate(rows, start=row + 1):
        lines = 1
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            if value is None or value == "":
                continue  # no cell: a spreadsheet shows nothing, and the file stays small
            cell = sheet.cell(row=last, column=index)
            _styled(cell, column.style)  # first: writing a formula-like text adds to the style
            _put(cell, value, where=f"{place}, {cell.coordinate}")
            if column.style == WRAP and isinstance(value, str):
                lines = max(lines, _lines(value, column.width))
        _fit(sheet, last, lines)
    if not plain:
        sheet.auto_filter.ref = f"A{row}:{get_column_letter(len(columns))}{last}"
    _print_setup(sheet, None if plain else row)
    return last


def facts(
    sheet: Worksheet,
    pairs: Iterable[tuple[str, Value, str | None]],
    *,
    place: str,
    widths: tuple[float, float],
) -> dict[str, int]:
    """Label and value pairs from A1 down, labels bold; a value in ``HOURS`` or ``PERCENT``.

    The first value is the sheet's title, in large print. ``widths`` are the widths of
    the label's and the value's columns. Returns the row of each label, in the order
    written (the last is the last row), so that a caller marks a value by its label.
    """
    rows: dict[str, int] = {}
    for number, (name, value, style) in enumerate(pairs, start=1):
        assert name not in rows, name  # noqa: S101 - each label once: rows are found by it
        rows[name] = number
        title = sheet.cell(row=number, column=1)
        _styled(title, _LABEL)
        _put(title, name, where=f"{place}, {title.coordinate}")
        cell = sheet.cell(row=number, column=2)
        _styled(cell, _TITLE if number == 1 else _VALUE if style is None else f"{_VALUE}-{style}")
        _put(cell, value, where=f"{place}, {cell.coordinate}")
        lines = _lines(name, widths[0])
        _fit(
            sheet, number, max(lines, _lines(value, widths[1])) if isinstance(value, str) else lines
        )
    sheet.row_dimensions[1].height = 1.5 * LINE_HEIGHT
    for letter, width in zip("AB", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    return rows


def mark_over(sheet: Worksheet, row: int, columns: Iterable[int]) -> None:
    """Mark the cells of a value over 100 % and of the word that says so: filled and bold."""
    for column in columns:
        cell = sheet.cell(row=row, column=column)
        cell.fill = _OVER_FILL
        cell.font = _BOLD


def _fit(sheet: Worksheet, row: int, lines: int) -> None:
    """A row tall enough for ``lines`` lines of wrapped text.

    Spreadsheet programs do not measure it when they open a file: without it, the lines
    of a long text print over the next row.
    """
    if lines > 1:
        sheet.row_dimensions[row].height = lines * LINE_HEIGHT


def _fit_rows(sheet: Worksheet) -> None:
    """Every row of a sheet the xlsx package wrote tall enough for its wrapped text.

    Which columns wrap is read from the sheet's second row (its first row of content).
    """
    wrapping = [
        index
        for index, cell in enumerate(next(sheet.iter_rows(min_row=2, max_row=2), ()), start=1)
        if cell.has_style and cell.alignment.wrap_text
    ]
    lines: dict[int, int] = {}
    for column in wrapping:
        dimension = sheet.column_dimensions.get(get_column_letter(column))
        width = (dimension.width if dimension is not None else None) or _DEFAULT_WIDTH
        # From row 2: the header row is as tall as the xlsx package made it.
        cells = sheet.iter_rows(min_row=2, min_col=column, max_col=column, values_only=True)
        for number, (value,) in enumerate(cells, start=2):
            if isinstance(value, str):
                lines[number] = max(lines.get(number, 1), _lines(value, width))
    for number, count in lines.items():
        _fit(sheet, number, count)


def finish(
    workbook: Workbook, order: Sequence[Worksheet], *, fit: Iterable[Worksheet] = ()
) -> Workbook:
    """Sheets in ``order`` (the rest after them), the first one open, every sheet printable.

    The rows of the sheets in ``fit``, written by the xlsx package, are made tall enough
    for their wrapped text (the tables here do so themselves). Only the first sheet is
    selected: several selected sheets would be edited together.
    """
    for index, sheet in enumerate(order):
        workbook.move_sheet(sheet, index - workbook.index(sheet))
    for sheet in fit:
        _fit_rows(sheet)
    workbook.active = 0
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = sheet is workbook.worksheets[0]
        if sheet.sheet_state == "visible" and sheet.print_title_rows is None:
            _print_setup(sheet, 1 if sheet.freeze_panes else None)
    return workbook


def to_bytes(workbook: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
