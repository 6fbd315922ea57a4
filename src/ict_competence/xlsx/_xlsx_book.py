"""Reading an .xlsx workbook's sheets with openpyxl, as rows of filled cells.

There are two ways to the same rows. The fast one gives openpyxl's sheet parser
(``WorkSheetParser``, private to openpyxl) one row of the sheet's XML at a time and keeps
the filled cells with their columns: a cell far to the right costs what any other cell
costs, and the formatting, validations and merged cells after the rows are stepped over
rather than turned into objects. The workbook is read with the values Excel or
LibreOffice computed for its formulas, and a formula is told by its element, so one pass
gives both. openpyxl's public read-only rows are the other way: rows padded to their last
cell, and a second pass to tell formulas, so slower. They are used when the private
parser is not there or does not answer as this module expects (a newer openpyxl), which
is found out on a row of our own before any of the file is parsed: a change of openpyxl
is never blamed on the school's file.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Protocol, cast
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import fromstring, iterparse  # defusedxml's, as openpyxl's own

from ict_competence._log import get_logger
from ict_competence.errors import WorkbookError
from ict_competence.xlsx._book import UNCOMPUTED, Merged, RawRow
from ict_competence.xlsx._cells import _Sheet, column_letter
from ict_competence.xlsx._survey import MAX_MERGES

__all__ = ["open_xlsx"]

_LOG = get_logger("xlsx")
_ROW, _FORMULA = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("row", "f"))
_MERGE_CELL = f"{{{SHEET_MAIN_NS}}}mergeCell"
#: A row of every kind of cell, and how the private parser must read it to be used (its
#: shared strings are ["z"]): a number, a boolean, a formula's text, an inline string, an
#: error, a formula's number and a shared string.
_PROBE = (
    f'<row xmlns="{SHEET_MAIN_NS}" r="3"><c r="B3"><v>2</v></c><c r="C3" t="b"><v>1</v></c>'
    '<c r="D3" t="str"><f>"x"</f><v>x</v></c><c r="E3" t="inlineStr"><is><t>y</t></is></c>'
    '<c r="F3" t="e"><v>#N/A</v></c><c r="G3"><f>1+1</f><v>2.5</v></c>'
    '<c r="H3" t="s"><v>0</v></c></row>'
)
_PROBED = (3, [(2, 2), (3, True), (4, "x"), (5, "y"), (6, "#N/A"), (7, 2.5), (8, "z")])


class _RowParser(Protocol):
    """What is used of openpyxl's ``WorkSheetParser``: a row or a cell element read."""

    row_counter: int
    col_counter: int

    def parse_row(self, row: ElementTree.Element) -> tuple[int, list[dict[str, Any]]]: ...

    def parse_cell(self, element: ElementTree.Element) -> dict[str, Any]: ...


_Parser = Callable[[IO[bytes]], _RowParser]
_REF = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}")


@contextmanager
def _opened(data: bytes, where: str, *, data_only: bool = True) -> Iterator[Workbook]:
    """The workbook in ``data`` (the file's bytes, read once), read lazily and closed after.

    ``data_only``: formulas give the value Excel or LibreOffice computed (None without one).
    """
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (e.g. conditional formatting); a
            # school's formatting is not ours to judge, and warnings are errors in tests.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a malformed package
        if not _reads_its_own():
            raise WorkbookError(_not_this_openpyxl(exc), path=where) from None
        raise WorkbookError(
            f"cannot be read as a workbook ({type(exc).__name__}: {exc})", path=where
        ) from None
    try:
        yield book
    finally:
        book.close()


def _private_parser(book: Workbook, name: str) -> tuple[_Parser, Callable[[], IO[bytes]]] | None:
    """The maker of openpyxl's sheet parser for sheet ``name``, and the opener of its XML.

    None when openpyxl no longer has them as expected. Nothing of the file is parsed here.
    """
    try:
        from openpyxl.worksheet._reader import WorkSheetParser  # noqa: PLC0415

        sheet: Any = book[name]
        formats: Any = book  # the attributes are private, and not in openpyxl's stubs
        dates, durations = formats._date_formats, formats._timedelta_formats

        def parser(source: IO[bytes], strings: list[str] = sheet._shared_strings) -> _RowParser:
            made = WorkSheetParser(
                source,
                strings,
                data_only=True,
                epoch=book.epoch,
                date_formats=dates,
                timedelta_formats=durations,
            )
            return cast(_RowParser, made)

        number, cells = parser(io.BytesIO(), ["z"]).parse_row(fromstring(_PROBE))
        if (number, [(cell["column"], cell["value"]) for cell in cells]) != _PROBED:
            return None
        return parser, sheet._get_source
    except Exception:  # openpyxl changed: its parser, its attributes or what they give
        return None


def _damaged(where: _Sheet, ref: str | None, exc: Exception) -> WorkbookError:
    """The error for XML the parser could not read, at ``ref`` or (None) somewhere in the sheet."""
    what = "the cell is damaged" if ref else "the sheet is damaged"
    return where.error(
        ref,
        f"{what} and cannot be read ({type(exc).__name__}: {exc}); open the file in Excel "
        "or LibreOffice and save it again",
    )


def _row(parser: _RowParser, element: ElementTree.Element, where: _Sheet) -> RawRow:
    """One row element as (number, [(column, value)]); a formula without a value, UNCOMPUTED.

    The parser reads each cell of the row element (one for each child), a formula as the
    value computed for it; only an empty cell is looked at again, for a formula.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a date out of range: openpyxl warns, reads text
            number, cells = parser.parse_row(element)
    except Exception as exc:
        raise _damaged(where, _damaged_cell(parser, element), exc) from None
    return number, [
        (cell["column"], _value(cell, child)) for cell, child in zip(cells, element, strict=True)
    ]


def _value(cell: dict[str, Any], element: ElementTree.Element) -> object:
    """The cell's value; UNCOMPUTED for a formula (an ``f`` element) without a value."""
    value = cell["value"]
    if value is None and element.find(_FORMULA) is not None:
        return UNCOMPUTED
    return value


def _damaged_cell(parser: _RowParser, element: ElementTree.Element) -> str | None:
    """The reference of the row's first cell the parser cannot read (None: the row itself)."""
    parser.col_counter = 0  # as parse_row starts a row
    for child in element:
        try:
            parser.parse_cell(child)
        except Exception:
            ref = child.get("r") or f"{column_letter(parser.col_counter)}{parser.row_counter}"
            return ref if _REF.fullmatch(ref) else None
    return None


def _fast_rows(
    parser: _RowParser, source: IO[bytes], where: _Sheet, merged: list[Merged]
) -> Iterator[RawRow]:
    """The rows of the sheet's XML in ``source``; its merged ranges are added to ``merged``.

    As openpyxl's own parsing, a row is a ``row`` element wherever it is; an element that is
    neither a row nor a merged range is only parsed (the package's budget of elements
    bounds what it keeps).
    """
    for _event, element in iterparse(source):
        tag = element.tag
        if tag == _ROW:
            yield _row(parser, element, where)
            element.clear()
        elif tag == _MERGE_CELL:
            if len(merged) < MAX_MERGES:
                merged.append(_merge(element.get("ref", "")))
            element.clear()


def _merge(ref: str) -> Merged:
    """A merged range ``E3:F4`` as (first row, first column, last row, last column)."""
    try:
        first_column, first_row, last_column, last_row = range_boundaries(ref)
    except (TypeError, ValueError):
        return (0, 0, 0, 0)  # not a range: it hides nothing
    return (first_row or 0, first_column or 0, last_row or 0, last_column or 0)


def _quietly(items: Iterator[Any]) -> Iterator[Any]:
    """``items``, with openpyxl's warnings (a date out of range, …) silenced while each is made."""
    while True:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                item = next(items)
            except StopIteration:
                return
        yield item


class _XlsxBook:
    """An open .xlsx workbook (with its formulas' computed values) for :func:`._book.read_book`."""

    def __init__(self, path: Path, data: bytes, book: Workbook) -> None:
        self.path = path
        self.data = data
        self.book = book
        self.names = list(book.sheetnames)
        self._merged: dict[str, list[Merged]] = {}

    def rows(self, name: str, where: _Sheet) -> Iterator[RawRow]:
        # Set up before the file is parsed, so that a change of openpyxl is not taken for
        # damage to the school's file.
        private = _private_parser(self.book, name)
        if private is None:
            _LOG.debug("openpyxl's sheet parser is not as expected; reading its public rows")
            yield from self._public_rows(name, where)
            return
        parser, source = private
        merged = self._merged.setdefault(name, [])
        try:
            with source() as stream:
                yield from _fast_rows(parser(stream), stream, where, merged)
        except WorkbookError:
            raise
        except Exception as exc:  # the sheet's XML is parsed only now, lazily
            raise _damaged(where, None, exc) from None

    def merged(self, name: str) -> list[Merged]:
        return self._merged.get(name, [])

    def _public_rows(self, name: str, where: _Sheet) -> Iterator[RawRow]:
        """The rows through openpyxl's public read-only API: values, and a pass for formulas."""
        try:
            with _opened(self.data, str(self.path), data_only=False) as formulas_book:
                values, formulas = self.book[name], formulas_book[name]
                for sheet in (values, formulas):
                    sheet.reset_dimensions()  # rows as wide as their last cell, not as claimed
                pairs = zip(_quietly(values.iter_rows()), formulas.iter_rows(), strict=True)
                for number, (row, kinds) in enumerate(pairs, start=1):
                    yield (
                        number,
                        [
                            (
                                column,
                                UNCOMPUTED
                                if kind.data_type == "f" and cell.value is None
                                else cell.value,
                            )
                            for column, (cell, kind) in enumerate(
                                zip(row, kinds, strict=True), start=1
                            )
                            if cell.value is not None or kind.data_type == "f"
                        ],
                    )
        except WorkbookError:
            raise
        except Exception as exc:
            if not _reads_its_own():
                raise where.error(None, _not_this_openpyxl(exc)) from None
            raise _damaged(where, None, exc) from None


def _reads_its_own() -> bool:
    """Whether openpyxl reads a workbook it wrote itself through its public read-only rows."""
    try:
        import openpyxl  # noqa: PLC0415

        written = openpyxl.Workbook()
        sheet: Any = written.active
        sheet["B2"] = 4
        buffer = io.BytesIO()
        written.save(buffer)
        book = load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)
        rows = list(book[book.sheetnames[0]].iter_rows(values_only=True))
        book.close()
    except Exception:
        return False
    return rows == [(None, None), (None, 4)]


def _not_this_openpyxl(exc: Exception) -> str:
    """The message when openpyxl fails on a workbook of its own too: its version, not the file."""
    import openpyxl  # noqa: PLC0415

    return (
        f"cannot be read with openpyxl {openpyxl.__version__}, which fails on a workbook it "
        f"wrote itself too ({type(exc).__name__}: {exc}); the file is not at fault: install "
        "a version of openpyxl this library supports"
    )


@contextmanager
def open_xlsx(path: Path, data: bytes) -> Iterator[_XlsxBook]:
    """The .xlsx workbook at ``path`` (checked already, its bytes ``data``), open for reading."""
    with _opened(data, str(path)) as book:
        yield _XlsxBook(path, data, book)
