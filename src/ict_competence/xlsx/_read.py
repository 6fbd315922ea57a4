"""Reading a task-overview workbook back, including copies edited in Excel or LibreOffice."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

import attrs
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from ict_competence.catalog import Catalog, Cluster, Task, TaskChoice, TaskOverview, load_catalog
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


def _read_sheets(path: Path) -> tuple[Rows, Rows | None]:
    """Rows of the overview sheet and of the hidden data sheet (None when it was removed).

    The workbook is opened once; only when a formula turns up is it opened a second
    time for the values Excel or LibreOffice cached.
    """
    book = _open(path, data_only=False)
    try:
        if OVERVIEW_SHEET not in book.sheetnames:
            raise _Sheet(path, OVERVIEW_SHEET).error(
                None,
                f"the workbook has no sheet {OVERVIEW_SHEET!r} (it has: "
                f"{', '.join(book.sheetnames)})",
            )
        read: list[Rows | None] = []
        for name in (OVERVIEW_SHEET, DATA_SHEET):
            if name not in book.sheetnames:
                read.append(None)
                continue
            where = _Sheet(path, name)
            rows, formulas = _sheet_rows(book, where)
            read.append(_computed(path, rows, formulas, where) if formulas else rows)
    finally:
        book.close()
    overview, data = read
    assert overview is not None  # noqa: S101 - checked above
    return overview, data


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(cell: _Cell) -> str:
    value = cell.value
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _free_text(cell: _Cell) -> str:
    """Text a person wrote, kept exactly as written (a number becomes its digits)."""
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


def _hours(cell: _Cell, where: _Sheet) -> float:
    value = cell.value
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().replace(" ", "")
        if "," in text:
            # Dutch notation: 1.234,5 — the dot groups thousands, the comma is decimal.
            text = text.replace(".", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            number = None
    if number is None or not math.isfinite(number) or number < 0:
        found = "nothing" if _blank(value) else repr(value)
        raise where.error(cell.ref, f"expected a number of hours (0 or more), found {found}")
    return number


def _header(cells: list[_Cell], where: _Sheet, row: int) -> dict[str, int]:
    wanted = {column.header.casefold(): column.key for column in COLUMNS}
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = wanted.get(_text(cell).casefold())
        if key is not None and key not in found:
            found[key] = index
    missing = [c.header for c in COLUMNS if c.key not in found and c.key in _REQUIRED]
    if missing:
        raise where.error(
            f"A{row}",
            f"the header row lacks the column(s) {', '.join(missing)}; keep the column titles "
            "as written",
        )
    return found


def _definitions(path: Path, rows: Rows | None) -> dict[str, Task]:
    """Task definitions kept in the hidden data sheet, if the workbook still has it."""
    where = _Sheet(path, DATA_SHEET)
    tasks: dict[str, Task] = {}
    for _number, cells in (rows or [])[1:]:
        if len(cells) < 2 or _blank(cells[0].value):
            continue
        code, text = _text(cells[0]), cells[1]
        try:
            task = from_json(Task, str(text.value))
        except IctCompetenceError as exc:
            raise where.error(text.ref, f"is not a task definition: {exc}") from None
        if task.code != code:
            raise where.error(text.ref, f"defines task {task.code}, expected {code}")
        tasks[code] = task
    return tasks


class _RowReader:
    """Turns one data row into a TaskChoice, starting from the task's known definition."""

    def __init__(self, path: Path, columns: dict[str, int], known: Mapping[str, Task]) -> None:
        self.path = path
        self.columns = columns
        self.known = known
        self.where = _Sheet(path, OVERVIEW_SHEET)

    def cell(self, cells: list[_Cell], key: str, row: int) -> _Cell:
        index = self.columns.get(key)
        if index is None:
            return _Cell("", None)
        if index < len(cells):
            return cells[index]
        return _Cell(f"{get_column_letter(index + 1)}{row}", None)

    def is_blank(self, cells: list[_Cell]) -> bool:
        return all(_blank(cells[i].value) for i in self.columns.values() if i < len(cells))

    def choice(self, cells: list[_Cell], row: int) -> TaskChoice:
        def get(key: str) -> _Cell:
            return self.cell(cells, key, row)

        code = _text(get("code"))
        if not code:
            raise self.where.error(
                get("code").ref,
                "expected a task code; give a task of your own a code such as EIGEN-01",
            )
        task = self._task(code, get, row)
        try:
            return TaskChoice(
                task=task,
                applies=_word(get("applies"), YES_NO, "ja or nee", self.where),
                horizon=_word(get("horizon"), HORIZONS, "a term", self.where),
                scope=_word(get("scope"), SCOPES, "a level", self.where),
                hours_per_year=_hours(get("hours"), self.where),
                responsible=_free_text(get("responsible")),
                backup=_free_text(get("backup")),
                notes=_free_text(get("notes")),
            )
        except IctCompetenceError as exc:
            if isinstance(exc, WorkbookError):
                raise
            raise self.where.error(get("code").ref, str(exc)) from None

    def _task(self, code: str, get: Callable[[str], _Cell], row: int) -> Task:
        base = self.known.get(code)
        description = _free_text(get("description"))
        cluster_cell, strategic_cell = get("cluster"), get("strategic")
        cluster = (
            None
            if _blank(cluster_cell.value)
            else _word(cluster_cell, CLUSTERS, "a cluster", self.where)
        )
        strategic = (
            None
            if _blank(strategic_cell.value)
            else _word(strategic_cell, YES_NO, "ja or nee", self.where)
        )
        try:
            if base is None:
                return self._own_task(
                    code=code,
                    cluster=cluster,
                    description=description,
                    strategic=strategic,
                    get=get,
                    row=row,
                )
            return self._edited(base, cluster, description, strategic, get("description").ref)
        except IctCompetenceError as exc:
            if isinstance(exc, WorkbookError):
                raise
            raise self.where.error(get("code").ref, str(exc)) from None

    def _own_task(
        self,
        *,
        code: str,
        cluster: Cluster | None,
        description: str,
        strategic: bool | None,
        get: Callable[[str], _Cell],
        row: int,
    ) -> Task:
        if cluster is None:
            raise self.where.error(
                get("cluster").ref, f"task {code} is not in the catalog: give its cluster"
            )
        if not description.strip():
            raise self.where.error(
                get("description").ref, f"task {code} is not in the catalog: describe it"
            )
        return Task(
            code=code,
            cluster=cluster,
            description=LocalizedText(description),
            strategic=bool(strategic),
            scope=_word(get("scope"), SCOPES, "a level", self.where),
            hours_per_year=_hours(get("hours"), self.where),
            provenance=Provenance(self.path.name, f"{OVERVIEW_SHEET}!A{row}"),
        )

    def _edited(
        self,
        base: Task,
        cluster: Cluster | None,
        description: str,
        strategic: bool | None,
        ref: str,
    ) -> Task:
        task = base
        if cluster is not None and cluster is not task.cluster:
            domain = cluster.domain if task.domain is task.cluster.domain else task.domain
            task = attrs.evolve(task, cluster=cluster, domain=domain)
        if description.strip() and description != task.description.nl:
            task = attrs.evolve(
                task,
                description=LocalizedText(description),
                provenance=Provenance(self.path.name, f"{OVERVIEW_SHEET}!{ref}"),
            )
        if strategic is not None and strategic != task.strategic:
            task = attrs.evolve(
                task, strategic=strategic, criterion=task.criterion if strategic else None
            )
        return task


def read(path: Path, *, catalog: Catalog | None) -> TaskOverview:
    """Check, open and read the overview sheet into a TaskOverview."""
    check_workbook(path)
    catalog = catalog or load_catalog()
    rows, data = _read_sheets(path)
    known: dict[str, Task] = {task.code: task for task in catalog.tasks}
    known.update(_definitions(path, data))
    where = _Sheet(path, OVERVIEW_SHEET)
    reader: _RowReader | None = None
    choices: list[TaskChoice] = []
    seen: dict[str, str] = {}
    for number, cells in rows:
        if reader is None:
            if all(_blank(cell.value) for cell in cells):
                continue
            reader = _RowReader(path, _header(cells, where, number), known)
            continue
        if reader.is_blank(cells):
            continue
        choice = reader.choice(cells, number)
        ref = reader.cell(cells, "code", number).ref
        if choice.code in seen:
            first = seen[choice.code]
            raise where.error(ref, f"task {choice.code} occurs again (first at {first})")
        seen[choice.code] = ref
        choices.append(choice)
    if reader is None:
        raise where.error("A1", "the sheet is empty; expected a header row and one row per task")
    return TaskOverview(tuple(choices))
