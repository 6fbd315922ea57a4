"""A workbook as the readers see it: each sheet as numbered rows of cells, whoever wrote it.

openpyxl (.xlsx) and python-calamine (.ods, .xls) each hand a sheet over as rows, every
row its number and the (column number, value) of its filled cells. From there one set of
rules holds for every kind of file: the rows a sheet may have, the columns that are read,
the text a cell may hold, and what lies to the right of the columns read. The readers of
the task overview and the team see only :class:`SheetRows`.
"""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

import attrs

from ict_competence.errors import WorkbookError
from ict_competence.xlsx._cells import CONTROL_CHARACTERS, _Cell, _clean, _Sheet, column_letter
from ict_competence.xlsx._cells import Covered as _Covered
from ict_competence.xlsx._guard import Checked, check_workbook
from ict_competence.xlsx._kinds import Kind
from ict_competence.xlsx._layout import CELL_LIMIT, MAX_COLUMNS, MAX_ROWS
from ict_competence.xlsx._problems import Problems
from ict_competence.xlsx._survey import MAX_CELLS, Merged

__all__ = [
    "MAX_FILLED_CELLS",
    "SHOWN_BEYOND",
    "UNCOMPUTED",
    "Book",
    "Merged",
    "RawRow",
    "Rows",
    "SheetRows",
    "collect",
    "read_book",
]

Rows = list[tuple[int, list[_Cell]]]
#: A row as a reader hands it over: its number (from 1) and its cells' (column, value).
RawRow = tuple[int, Iterable[tuple[int, object]]]
_LETTERS = tuple((column, column_letter(column)) for column in range(1, MAX_COLUMNS + 1))


@attrs.frozen
class _Uncomputed:
    """The value of a formula that the spreadsheet program did not compute and store."""


#: Stands for a formula without a computed value, which is refused with its cell named.
UNCOMPUTED = _Uncomputed()
#: Cells right of the columns read that a sheet's rows name; the rest are counted.
SHOWN_BEYOND = 10
#: Filled cells of the sheets read together, as many as an .ods or .xls may span.
MAX_FILLED_CELLS = MAX_CELLS
_TOO_LONG = (
    f"holds something past row {MAX_ROWS:,}; a task overview or team is far shorter (delete "
    "the rows or cells below the table)"
)
_UNCOMPUTED_MESSAGE = (
    "holds a formula without a computed value; type the value itself, or open and save the "
    "file in Excel or LibreOffice first"
)


@attrs.frozen
class SheetRows:
    """A sheet's rows from 1 to the last, all as wide as the widest (at most the columns read).

    Attributes:
        rows: every row's number and its cells from column A to the last column that holds
            something in any row (an empty cell holds None); a row without any filled cell
            has no cells at all.
        beyond: the first cells right of the columns read that hold something (at most
            :data:`SHOWN_BEYOND`, by reference, in the order of the rows).
        beyond_count: how many cells right of the columns read hold something.
        filled: how many cells of the sheet hold something.
        title: the sheet's title as the workbook writes it, which may differ from the
            name looked for in case and surrounding spaces (``"takenoverzicht "``).
    """

    rows: Rows
    beyond: tuple[str, ...] = ()
    beyond_count: int = 0
    filled: int = 0
    title: str = ""


def collect(
    raw: Iterable[RawRow], where: _Sheet, problems: Problems, *, counted: int = 0
) -> SheetRows:
    """A sheet's rows from the rows a reader hands over, in any order.

    Text no spreadsheet program writes (longer than a cell holds, control characters) and
    formulas without a computed value are noted in ``problems`` cell by cell.

    Args:
        raw: the rows, as a reader gives them.
        where: the sheet, for messages.
        problems: where a bad cell is noted.
        counted: filled cells of the sheets read before, which count towards the limit.

    Raises:
        WorkbookError: a row past :data:`MAX_ROWS` holds something (only formatted, it is
            skipped), whatever the sheet says its size is, or the sheets read hold more
            than :data:`MAX_FILLED_CELLS` filled cells together.
    """
    filled: dict[int, dict[int, object]] = {}
    beyond: list[tuple[int, int]] = []
    count, beyond_count = counted, 0
    for number, given in raw:
        row: dict[int, object] = {}
        far = 0  # the first column right of the columns read that holds something
        for column, value in given:
            if value is None:
                continue
            count += 1
            if column > MAX_COLUMNS:
                beyond_count += 1
                far = min(far or column, column)
                # the first cells in the sheet's order, whatever order the rows came in
                heapq.heappush(beyond, (-number, -column))
                if len(beyond) > SHOWN_BEYOND:
                    heapq.heappop(beyond)
            else:
                row[column] = value
        if count > MAX_FILLED_CELLS:
            raise where.error(
                f"A{number}",
                f"the sheets read hold more than {MAX_FILLED_CELLS:,} filled cells; a task "
                "overview or team has some thousands",
            )
        if number > MAX_ROWS and (row or far):
            # A formatted row far below (a colour, a height) holds nothing: it is skipped,
            # and the limits of the package bound how many there can be.
            raise where.error(f"{column_letter(min(row, default=far))}{number}", _TOO_LONG)
        if row:
            filled.setdefault(number, {}).update(row)
    refs = tuple(f"{column_letter(-column)}{-row}" for row, column in sorted(beyond, reverse=True))
    return SheetRows(_rows(filled, where, problems), refs, beyond_count, count - counted)


def _rows(filled: dict[int, dict[int, object]], where: _Sheet, problems: Problems) -> Rows:
    """The rows from 1 to the last filled one, each as wide as the widest filled row."""
    rows: Rows = []
    # Rows as wide as the widest; an empty row has no cells: 5,000 rows cost no 300,000.
    letters = _LETTERS[: max((max(row) for row in filled.values() if row), default=0)]
    for number in range(1, max(filled, default=0) + 1):
        values = filled.get(number)
        if not values:
            rows.append((number, []))
            continue
        cells = [_Cell(f"{letter}{number}", values.get(column)) for column, letter in letters]
        for column, value in values.items():
            if value is UNCOMPUTED:
                problems.add(where.name, cells[column - 1].ref, _UNCOMPUTED_MESSAGE)
                cells[column - 1] = _Cell(cells[column - 1].ref, None)
            elif isinstance(value, str):
                _check_text(cells[column - 1], value, where.name, problems)
        rows.append((number, cells))
    return rows


def _check_text(cell: _Cell, text: str, sheet: str, problems: Problems) -> None:
    """Text no spreadsheet program writes: longer than a cell holds, or control characters."""
    if len(text) > CELL_LIMIT:
        problems.add(
            sheet, cell.ref, f"holds {len(text):,} characters; a cell holds at most {CELL_LIMIT:,}"
        )
    elif bad := CONTROL_CHARACTERS.search(text):
        problems.add(
            sheet, cell.ref, f"contains the control character U+{ord(bad.group()):04X}; delete it"
        )


class Book(Protocol):
    """An open workbook, as one kind of file's reader gives it."""

    @property
    def names(self) -> Sequence[str]:
        """The workbook's sheets, in order."""
        ...

    def rows(self, name: str, where: _Sheet) -> Iterator[RawRow]:
        """The rows of sheet ``name``, which exists; a damaged sheet raises WorkbookError.

        A formula's value is the one the spreadsheet program computed, or
        :data:`UNCOMPUTED` when it stored none.
        """
        ...

    def merged(self, name: str) -> Sequence[Merged]:
        """The merged ranges of sheet ``name`` found while its rows were read (some or none)."""
        ...


def _open(path: Path, checked: Checked) -> AbstractContextManager[Book]:
    # Each reader is imported only for its kind: openpyxl for .xlsx, calamine otherwise.
    if checked.kind is Kind.XLSX:
        from ict_competence.xlsx._xlsx_book import open_xlsx  # noqa: PLC0415

        return open_xlsx(path, checked.data)
    from ict_competence.xlsx._calamine_book import open_calamine  # noqa: PLC0415

    return open_calamine(path, checked)


def read_book(path: Path, main: str, extra: str) -> tuple[SheetRows, SheetRows | None]:
    """The sheet ``main``, which must exist, and ``extra`` (None when it is absent).

    The file is checked first (:func:`check_workbook`), then read by the reader of its
    kind; only the two sheets are turned into rows. A sheet whose title differs only in
    case or in spaces around it is taken for the sheet (its title is in the rows).

    Raises:
        WorkbookError: the file fails a check, ``main`` is missing, a sheet is damaged or
            too long, or cells hold text no workbook holds or formulas without a value
            (each such cell listed).
        MissingExtraError: an .ods or .xls file, and python-calamine is not installed.
    """
    checked = check_workbook(path)
    with _open(path, checked) as book:
        titles = {name: _title(book.names, name, path) for name in (main, extra)}
        if titles[main] is None:
            raise WorkbookError(
                _missing(book.names, main), path=str(path), sheet=main, missing_sheet=main
            )
        read: list[SheetRows | None] = []
        counted = 0
        for name in (main, extra):
            title = titles[name]
            if title is None:
                read.append(None)
                continue
            where = _Sheet(path, name)
            problems = Problems(path)
            sheet = collect(book.rows(title, where), where, problems, counted=counted)
            problems.raise_if_any()
            counted += sheet.filled
            covered = _covered(sheet.rows, book.merged(title))
            read.append(attrs.evolve(sheet, rows=covered, title=title))
    first, second = read
    assert first is not None  # noqa: S101 - checked above
    return first, second


def _covered(rows: Rows, merges: Sequence[Merged]) -> Rows:
    """``rows``, with :class:`Covered` in each empty cell under merged cells but the first.

    A message can then say why the cell is empty.

    At most as many cells are looked at as the rows and columns read hold, however many
    and however large the merges.
    """
    if not merges:
        return rows
    marked = [(number, list(cells)) for number, cells in rows]
    budget = MAX_ROWS * MAX_COLUMNS
    for first_row, first_column, last_row, last_column in merges:
        merge = _Covered(
            f"{column_letter(first_column)}{first_row}:{column_letter(last_column)}{last_row}"
        )
        for number in range(max(first_row, 1), min(last_row, len(marked)) + 1):
            cells = marked[number - 1][1]
            for column in range(max(first_column, 1), min(last_column, len(cells)) + 1):
                budget -= 1
                if budget < 0:
                    return marked
                cell = cells[column - 1]
                if (number, column) != (first_row, first_column) and cell.value is None:
                    cells[column - 1] = _Cell(cell.ref, merge)
    return marked


def _folded(title: str) -> str:
    return _clean(title).casefold()


def _title(titles: Sequence[str], name: str, path: Path) -> str | None:
    """The title of the sheet ``name`` in ``titles``, or None when it has none.

    A title in another case or with spaces around it (``"takenoverzicht "``) is taken for it.

    Raises:
        WorkbookError: more than one sheet is ``name`` but for case and spaces.
    """
    if name in titles:
        return name
    found = [title for title in titles if _folded(title) == name.casefold()]
    if len(found) > 1:
        raise WorkbookError(
            f"has {len(found)} sheets that could be {name!r} ({', '.join(map(repr, found))}); "
            "keep one",
            path=str(path),
        )
    return found[0] if found else None


def _missing(titles: Sequence[str], name: str) -> str:
    """The message for a workbook without the sheet ``name``.

    The other sheets are counted, not named: a plan's workbook can title a person's sheet
    with the person's name. Only a title close to ``name`` (a typing mistake) is shown.
    """
    close = difflib.get_close_matches(name.casefold(), [_folded(t) for t in titles], 1, 0.8)
    suggestion = next((t for t in titles if close and _folded(t) == close[0]), None)
    others = f"it has {len(titles)} other sheet{'s' if len(titles) != 1 else ''}"
    if suggestion is not None:
        return (
            f"the workbook has no sheet {name!r} ({others}; did you mean {suggestion!r}? "
            f"rename it to {name!r})"
        )
    return f"the workbook has no sheet {name!r} ({others})"
