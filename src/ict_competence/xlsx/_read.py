"""Reading a task-overview workbook back, including copies edited in Excel or LibreOffice."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import attrs
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from ict_competence._checks import is_finite_number
from ict_competence.catalog import Catalog, Scope, Task, TaskChoice, TaskOverview, load_catalog
from ict_competence.errors import IctCompetenceError, WorkbookError
from ict_competence.serialize import from_json
from ict_competence.text import LocalizedText, Provenance
from ict_competence.xlsx._guard import check_workbook
from ict_competence.xlsx._layout import (
    CLUSTERS,
    COLUMNS,
    DATA_SHEET,
    HORIZONS,
    MAX_COLUMNS,
    MAX_ROWS,
    OVERVIEW_SHEET,
    SCOPES,
    YES_NO,
)

_T = TypeVar("_T")
_REQUIRED = ("code", "applies", "horizon", "scope", "hours")


@attrs.frozen
class _Cell:
    """A cell's value (the computed one, for a formula) and its A1 reference."""

    ref: str
    value: object


class _Sheet:
    """Raises errors that name this file, this sheet and a cell."""

    def __init__(self, path: Path, name: str) -> None:
        self.path = str(path)
        self.name = name

    def error(self, cell: str | None, message: str) -> WorkbookError:
        return WorkbookError(message, path=self.path, sheet=self.name, cell=cell)


def _open(path: Path, *, data_only: bool) -> Workbook:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (e.g. conditional formatting); a
            # school's formatting is not ours to judge, and warnings are errors in tests.
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a malformed package
        raise WorkbookError(
            f"cannot be read as a workbook ({type(exc).__name__}: {exc})", path=str(path)
        ) from None


Rows = list[tuple[int, list[_Cell]]]


def _sheet_rows(book: Workbook, where: _Sheet) -> tuple[Rows, list[_Cell]]:
    """The sheet's rows, and the cells among them that hold formulas (value still unknown)."""
    try:
        return _parse_rows(book, where)
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl parses the sheet's XML only now, lazily
        raise where.error(
            None, f"the sheet is damaged and cannot be read ({type(exc).__name__}: {exc})"
        ) from None


def _parse_rows(book: Workbook, where: _Sheet) -> tuple[Rows, list[_Cell]]:
    rows: Rows = []
    formulas: list[_Cell] = []
    for number, row in enumerate(book[where.name].iter_rows(max_col=MAX_COLUMNS), start=1):
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
        formulas += [
            cells[i] for i, cell in enumerate(row) if getattr(cell, "data_type", None) == "f"
        ]
        rows.append((number, cells))
    return rows, formulas


def _computed(path: Path, rows: Rows, formulas: list[_Cell], where: _Sheet) -> Rows:
    """Replace formulas by the values the spreadsheet program computed and cached."""
    book = _open(path, data_only=True)
    try:
        cached = {
            cell.ref: cell.value for _number, cells in _sheet_rows(book, where)[0] for cell in cells
        }
    finally:
        book.close()
    for formula in formulas:
        if cached.get(formula.ref) is None:
            raise where.error(
                formula.ref,
                "holds a formula without a computed value; type the value itself, or "
                "open and save the file in Excel or LibreOffice first",
            )
    refs = {formula.ref for formula in formulas}
    return [
        (number, [_Cell(c.ref, cached[c.ref]) if c.ref in refs else c for c in cells])
        for number, cells in rows
    ]


def read_sheets(path: Path, main: str, extra: str) -> tuple[Rows, Rows | None]:
    """Rows of the sheet ``main``, which must exist, and of ``extra`` (None when it is absent).

    The workbook is opened once; only when a formula turns up is it opened a second
    time for the values Excel or LibreOffice cached.
    """
    book = _open(path, data_only=False)
    try:
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
            rows, formulas = _sheet_rows(book, where)
            read.append(_computed(path, rows, formulas, where) if formulas else rows)
    finally:
        book.close()
    first, second = read
    assert first is not None  # noqa: S101 - checked above
    return first, second


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(cell: _Cell) -> str:
    value = cell.value
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _free_text(cell: _Cell | None) -> str:
    """Text a person wrote, kept exactly as written (a number becomes its digits)."""
    if cell is None:
        return ""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return _text(cell)


def _word(cell: _Cell, vocabulary: Mapping[str, _T], what: str, where: _Sheet) -> _T:
    value = cell.value
    if isinstance(value, bool):
        key = "true" if value else "false"
    elif isinstance(value, int | float) and not isinstance(value, bool):
        key = _text(_Cell(cell.ref, float(value)))
    else:
        key = _text(cell).casefold()
    try:
        return vocabulary[key]
    except KeyError:
        shown = ", ".join(sorted({k for k in vocabulary if not k.isdigit()})[:8])
        found = "nothing" if _blank(value) else repr(value)
        raise where.error(cell.ref, f"expected {what} ({shown}), found {found}") from None


_AMBIGUOUS = re.compile(r"\d{1,3}[.,]\d{3}")


def _hours(cell: _Cell, where: _Sheet) -> float:
    value = cell.value
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        number = _parse_number(value.strip().replace(" ", ""), cell, where)
    if not is_finite_number(number) or number < 0:
        found = "nothing" if _blank(value) else repr(value)
        raise where.error(cell.ref, f"expected a number of hours (0 or more), found {found}")
    return number


def _parse_number(text: str, cell: _Cell, where: _Sheet) -> float | None:
    """A number typed as text, in Dutch (1.234,5) or English (1,234.5) notation."""
    if _AMBIGUOUS.fullmatch(text):
        raise where.error(
            cell.ref,
            f"{text!r} could mean {text.replace(',', '').replace('.', '')} or "
            f"{text.replace(',', '.')}; type the number without a thousands separator",
        )
    if "," in text and "." in text:
        decimal = max(text.rfind(","), text.rfind("."))
        text = text[:decimal].replace(",", "").replace(".", "") + "." + text[decimal + 1 :]
    else:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def _title(cell: _Cell) -> str:
    """A column title as typed, folded: case, and spaces or line breaks (Alt+Enter)."""
    return " ".join(_text(cell).split()).casefold()


def _header(cells: list[_Cell], where: _Sheet) -> dict[str, int]:
    wanted = {column.header.casefold(): column.key for column in COLUMNS}
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = wanted.get(_title(cell))
        if key is None:
            continue
        if key in found:
            raise where.error(
                cell.ref,
                f"the column title {_text(cell)!r} occurs twice (also in "
                f"{cells[found[key]].ref}); keep one",
            )
        found[key] = index
    missing = [c.header for c in COLUMNS if c.key not in found and c.key in _REQUIRED]
    if missing:
        raise where.error(
            cells[0].ref,
            f"the header row lacks the column(s) {', '.join(missing)}; keep the column titles "
            "as written",
        )
    return found


def _definitions(path: Path, rows: Rows | None) -> dict[str, Task]:
    """Task definitions kept in the hidden data sheet, if the workbook still has it.

    A definition longer than a cell holds is split over the cells after the code.
    """
    where = _Sheet(path, DATA_SHEET)
    tasks: dict[str, Task] = {}
    for _number, cells in (rows or [])[1:]:
        if len(cells) < 2 or _blank(cells[0].value):
            continue
        code = _text(cells[0])
        text = "".join(str(cell.value) for cell in cells[1:] if cell.value is not None)
        try:
            task = from_json(Task, text)
        except IctCompetenceError as exc:
            raise where.error(cells[1].ref, f"is not a task definition: {exc}") from None
        if task.code != code:
            raise where.error(cells[1].ref, f"defines task {task.code}, expected {code}")
        tasks[code] = task
    return tasks


@contextmanager
def _at(where: _Sheet, ref: str) -> Iterator[None]:
    """Name the cell in any refusal from the domain model (a task's or choice's validator)."""
    try:
        yield
    except WorkbookError:
        raise
    except IctCompetenceError as exc:
        raise where.error(ref, str(exc)) from None


class _RowReader:
    """Turns data rows into TaskChoices, starting from each task's known definition."""

    def __init__(self, path: Path, columns: dict[str, int], known: Mapping[str, Task]) -> None:
        self.path = path
        self.columns = columns
        self.known = known
        # A code typed in another case is still the catalog's task, not a new one.
        self.canonical = {code.casefold(): code for code in known}
        self.where = _Sheet(path, OVERVIEW_SHEET)

    def cells(self, row: list[_Cell], number: int) -> dict[str, _Cell]:
        """The row's cells by column key; a column the row does not reach reads as blank."""
        return {
            key: row[index]
            if index < len(row)
            else _Cell(f"{get_column_letter(index + 1)}{number}", None)
            for key, index in self.columns.items()
        }

    def choice(self, cells: dict[str, _Cell], number: int) -> TaskChoice:
        code_cell = cells["code"]
        typed = _text(code_cell)
        if not typed:
            raise self.where.error(
                code_cell.ref,
                "expected a task code; give a task of your own a code such as EIGEN-01",
            )
        code = self.canonical.get(typed.casefold(), typed)
        with _at(self.where, code_cell.ref):
            scope = _word(cells["scope"], SCOPES, "a level", self.where)
            hours = _hours(cells["hours"], self.where)
            return TaskChoice(
                task=self._task(code, cells, scope, hours, number),
                applies=_word(cells["applies"], YES_NO, "ja or nee", self.where),
                horizon=_word(cells["horizon"], HORIZONS, "a term", self.where),
                scope=scope,
                hours_per_year=hours,
                responsible=_free_text(cells.get("responsible")),
                backup=_free_text(cells.get("backup")),
                notes=_free_text(cells.get("notes")),
            )

    def _optional(self, cell: _Cell | None, vocabulary: Mapping[str, _T], what: str) -> _T | None:
        if cell is None or _blank(cell.value):
            return None
        return _word(cell, vocabulary, what, self.where)

    def _task(
        self, code: str, cells: dict[str, _Cell], scope: Scope, hours: float, number: int
    ) -> Task:
        cluster = self._optional(cells.get("cluster"), CLUSTERS, "a cluster")
        strategic = self._optional(cells.get("strategic"), YES_NO, "ja or nee")
        description_cell = cells.get("description")
        description = _free_text(description_cell)
        base = self.known.get(code)
        if base is None:
            if cluster is None:
                raise self.where.error(
                    _ref(cells, "cluster", "code"),
                    f"task {code} is not in the catalog: give its cluster",
                )
            if not description.strip():
                raise self.where.error(
                    _ref(cells, "description", "code"),
                    f"task {code} is not in the catalog: describe it",
                )
            return Task(
                code=code,
                cluster=cluster,
                description=LocalizedText(description),
                strategic=bool(strategic),
                scope=scope,
                hours_per_year=hours,
                provenance=Provenance(self.path.name, f"{OVERVIEW_SHEET}!A{number}"),
            )
        task = base
        if cluster is not None:
            task = task.moved_to(cluster)
        if description_cell and description.strip() and description != task.description.nl:
            task = attrs.evolve(
                task,
                description=LocalizedText(description),
                provenance=Provenance(self.path.name, f"{OVERVIEW_SHEET}!{description_cell.ref}"),
            )
        if strategic is not None and strategic != task.strategic:
            task = attrs.evolve(
                task, strategic=strategic, criterion=task.criterion if strategic else None
            )
        return task


def _ref(cells: dict[str, _Cell], key: str, fallback: str) -> str:
    return (cells.get(key) or cells[fallback]).ref


def read(path: Path, *, catalog: Catalog | None) -> TaskOverview:
    """Check, open and read the overview sheet into a TaskOverview."""
    check_workbook(path)
    catalog = catalog or load_catalog()
    rows, data = read_sheets(path, OVERVIEW_SHEET, DATA_SHEET)
    known: dict[str, Task] = {task.code: task for task in catalog.tasks}
    known.update(_definitions(path, data))
    where = _Sheet(path, OVERVIEW_SHEET)
    # The header is the first row with a "Code" title; a school may put a title row above it.
    start = next(
        (i for i, (_n, cells) in enumerate(rows) if any(_title(c) == "code" for c in cells)),
        None,
    )
    if start is None:
        raise where.error(
            "A1", "found no header row; expected the column titles Code, Cluster, Omschrijving, …"
        )
    reader = _RowReader(path, _header(rows[start][1], where), known)
    choices: list[TaskChoice] = []
    seen: dict[str, str] = {}
    for number, row in rows[start + 1 :]:
        cells = reader.cells(row, number)
        if all(_blank(cell.value) for cell in cells.values()):
            continue
        choice = reader.choice(cells, number)
        ref = cells["code"].ref
        if choice.code in seen:
            first = seen[choice.code]
            raise where.error(ref, f"task {choice.code} occurs again (first at {first})")
        seen[choice.code] = ref
        choices.append(choice)
    return TaskOverview(tuple(choices))
