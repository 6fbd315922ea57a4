"""The survey of an .ods file: its content.xml read once, the way calamine reads it.

calamine matches the elements by their written names (``table:table-row``), without
resolving namespaces, and so does this survey (expat without namespace processing), so
that both see the same rows and cells. A cell is filled when calamine gives it a value: it
has a value attribute, a formula, or the value type ``string``. Rows and cells repeat
(``table:number-rows-repeated``, ``table:number-columns-repeated``); a filled cell counts
once for every place it repeats to, and so does its text. calamine starts every paragraph
(``text:p``, even an empty one) on a line of its own, so each counts as a character: a
cell of a million empty paragraphs is a million characters, not none.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from xml.parsers import expat

import attrs

from ict_competence.errors import WorkbookError
from ict_competence.xlsx._cells import column_letter
from ict_competence.xlsx._layout import CELL_LIMIT
from ict_competence.xlsx._survey import MAX_SHEET_BYTES, Survey

__all__ = ["survey_ods"]

_CELLS = frozenset({"table:table-cell", "table:covered-table-cell"})
# The attributes that give a cell a value for calamine (besides the value type "string").
_VALUES = (
    "office:value",
    "office:string-value",
    "office:date-value",
    "office:time-value",
    "office:boolean-value",
    "table:formula",
)
#: Characters of an error value's text kept (``#DIV/0!``, ``Err:502``).
_ERROR_TEXT = 40
#: The formulas of a TRUE or FALSE that LibreOffice stores as the number 1 or 0 (calamine
#: gives a boolean stored as such, office:value-type="boolean", as True or False itself).
_BOOLEANS = {"OF:=TRUE()": True, "OF:=FALSE()": False}
_SPANS = ("rows", "columns")
#: Paragraphs, which calamine puts each on a line of its own: a line break, even an empty one.
_PARAGRAPHS = frozenset({"text:p", "text:h"})


@attrs.define
class _Cell:
    column: int  # from 1
    columns: int
    filled: bool
    error: bool
    text: int = 0  # characters calamine keeps for the cell: its value, formula and text
    written: int = 0  # characters of the text written in the cell (its paragraphs)
    given: int | None = None  # characters of its value given as text (office:string-value)
    boolean: bool | None = None  # TRUE() or FALSE(), stored as the number 1 or 0
    shown: str = ""
    depth: int = 0  # elements open inside the cell

    @property
    def value(self) -> int:
        """The characters of the value calamine gives: the text given, else the written."""
        return self.written if self.given is None else self.given


def _count(attributes: Mapping[str, str], name: str, limit: int, where: str) -> int:
    value = attributes.get(name, "1")
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= limit:
        raise WorkbookError(
            f"the spreadsheet's content is damaged: {name}={value!r} (expected 1 to {limit:,})",
            path=where,
        )
    return int(value)


def _spanned(attributes: Mapping[str, str], name: str) -> int:
    """How many rows or columns a cell spans (merged cells); 1 for a value calamine ignores."""
    value = attributes.get(name, "1")
    return int(value) if value.isascii() and value.isdigit() and 1 <= int(value) <= 2**20 else 1


class _Scan:
    """expat's handlers: follow tables, rows and cells and count them into the survey."""

    def __init__(self, survey: Survey) -> None:
        self.survey = survey
        self.row = 0  # rows before the current one, in the current table
        self.rows = 1  # how often the current row repeats
        self.column = 0  # cells before the current one, in the current row
        self.cell: _Cell | None = None

    def start(self, name: str, attributes: dict[str, str]) -> None:
        cell = self.cell
        if cell is not None:  # inside a cell only its text counts
            cell.depth += 1
            if not cell.filled:
                return
            if name == "text:s":  # a run of spaces: text:c of them
                added = _count(attributes, "text:c", 2**20, self.survey.where)
            elif name in _PARAGRAPHS:  # calamine starts each on a line of its own
                added = 1
            else:
                return
            cell.text += added
            cell.written += added
            return
        if name == "table:table":
            self.survey.sheet(attributes.get("table:name", ""))
            self.row = 0
        elif name == "table:table-row":
            where = self.survey.where
            self.rows = _count(attributes, "table:number-rows-repeated", 2**20, where)
            self.column = 0
        elif name in _CELLS:
            spans = [_spanned(attributes, f"table:number-{what}-spanned") for what in _SPANS]
            if spans != [1, 1]:
                self.survey.merge(self.row + 1, self.column + 1, *spans)
            string = attributes.get("office:value-type") == "string"
            self.cell = _Cell(
                column=self.column + 1,
                columns=_count(
                    attributes, "table:number-columns-repeated", 2**14, self.survey.where
                ),
                filled=string or any(key in attributes for key in _VALUES),
                error=attributes.get("calcext:value-type") == "error",
                # calamine copies a value given as text, and the formula, to every repeat
                text=sum(len(attributes.get(key, "")) for key in _VALUES),
            )
            if "office:string-value" in attributes:
                self.cell.given = len(attributes["office:string-value"])
            formula = attributes.get("table:formula", "").replace(" ", "").upper()
            if formula in _BOOLEANS and attributes.get("office:value-type") == "float":
                self.cell.boolean = _BOOLEANS[formula]

    def end(self, name: str) -> None:
        cell = self.cell
        if cell is not None:
            if cell.depth:
                cell.depth -= 1
                return
            self._finish(cell)
            self.column += cell.columns
            self.cell = None
        elif name == "table:table-row":
            self.row += self.rows

    def text(self, data: str) -> None:
        cell = self.cell
        if cell is not None and cell.filled:
            cell.text += len(data)
            cell.written += len(data)
            if cell.error and len(cell.shown) < _ERROR_TEXT:
                cell.shown += data

    def _finish(self, cell: _Cell) -> None:
        if not cell.filled:
            return
        first = self.row + 1
        if cell.value > CELL_LIMIT:
            raise WorkbookError(
                f"holds more than {CELL_LIMIT:,} characters (a paragraph counted as one); a "
                f"cell holds at most {CELL_LIMIT:,}",
                path=self.survey.where,
                sheet=self.survey.sheet_name,
                cell=f"{column_letter(cell.column)}{first}",
            )
        self.survey.filled(first, cell.column, rows=self.rows, columns=cell.columns, text=cell.text)
        value = cell.shown.strip() or "#VALUE!" if cell.error else cell.boolean
        if value is not None:
            self.survey.restore(first, cell.column, value, rows=self.rows, columns=cell.columns)


def _no_doctype(where: str) -> Callable[..., None]:
    # The package's parts were searched for declarations already; this stands behind it.
    def refuse(*_args: object) -> None:
        raise WorkbookError(
            "part content.xml declares a DOCTYPE, which no spreadsheet needs; refused as a "
            "likely entity-expansion attack",
            path=where,
        )

    return refuse


def survey_ods(package: zipfile.ZipFile, where: str) -> Survey:
    """Survey the spreadsheet's content.xml: the values to restore and the merged cells.

    Raises:
        WorkbookError: content.xml is missing, too large or not well-formed XML, or the
            sheets would need more memory than a workbook of this kind may (the limits of
            :mod:`._survey`).
    """
    try:
        info = package.getinfo("content.xml")
    except KeyError:
        raise WorkbookError(
            "not an OpenDocument spreadsheet: it has no content.xml", path=where
        ) from None
    if info.file_size > MAX_SHEET_BYTES:
        raise WorkbookError(
            f"its content.xml unpacks to more than {MAX_SHEET_BYTES // 2**20} MB; a task "
            "overview or team is far smaller",
            path=where,
        )
    survey = Survey(where)
    scan = _Scan(survey)
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    parser.StartDoctypeDeclHandler = _no_doctype(where)
    try:
        # In one piece: expat reads a piece of XML again each time more of it arrives, so
        # ParseFile's small reads make a long attribute cost its length squared.
        parser.Parse(package.read(info), True)
    except expat.ExpatError as exc:
        raise WorkbookError(
            f"the spreadsheet's content.xml is damaged ({expat.ErrorString(exc.code)}, "
            f"line {exc.lineno})",
            path=where,
        ) from None
    return survey
