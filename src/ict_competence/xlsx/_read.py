"""Reading a task-overview workbook back, including copies edited in Excel or LibreOffice.

Every bad cell is collected and reported in one :class:`WorkbookError`; a catalog task
whose row was deleted is read as not applying and named in the overview's warnings.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar

import attrs

from ict_competence.catalog import (
    Catalog,
    Cluster,
    Scope,
    Task,
    TaskChoice,
    TaskOverview,
    load_catalog,
)
from ict_competence.errors import IctCompetenceError
from ict_competence.serialize import from_json
from ict_competence.text import LocalizedText, Provenance
from ict_competence.xlsx._book import Rows, SheetRows, read_book
from ict_competence.xlsx._cells import (
    Covered,
    _blank,
    _Cell,
    _free_text,
    _hours,
    _Sheet,
    _text,
    _title,
    _word,
    column_letter,
)
from ict_competence.xlsx._codes import Codes
from ict_competence.xlsx._layout import (
    CLUSTERS,
    COLUMNS,
    DATA_SHEET,
    HORIZONS,
    MAX_COLUMNS,
    OVERVIEW_SHEET,
    SCOPES,
    YES_NO,
)
from ict_competence.xlsx._problems import Problems

__all__ = ["read"]

_T = TypeVar("_T")
_REQUIRED = ("code", "applies", "horizon", "scope", "hours")


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


def _definitions(path: Path, rows: Rows | None) -> dict[str, Task] | None:
    """Task definitions kept in the hidden data sheet; ``None`` when the workbook lacks it.

    A definition longer than a cell holds is split over the cells after the code.
    """
    if rows is None:
        return None
    where = _Sheet(path, DATA_SHEET)
    tasks: dict[str, Task] = {}
    for _number, cells in rows[1:]:
        if len(cells) < 2 or _blank(cells[0].value):
            continue
        code = _text(cells[0])
        text = "".join(
            str(cell.value)
            for cell in cells[1:]
            if cell.value is not None and not isinstance(cell.value, Covered)
        )
        try:
            task = from_json(Task, text)
        except IctCompetenceError as exc:
            raise where.error(cells[1].ref, f"is not a task definition: {exc}") from None
        if task.code != code:
            raise where.error(cells[1].ref, f"defines task {task.code}, expected {code}")
        tasks[code] = task
    return tasks


class _RowReader:
    """Turns data rows into TaskChoices, starting from each task's known definition.

    A refused cell is added to ``problems`` and its row gives no choice, so that reading
    goes on and every bad cell is reported together.
    """

    def __init__(
        self,
        path: Path,
        columns: dict[str, int],
        known: Mapping[str, Task],
        codes: Codes,
        problems: Problems,
    ) -> None:
        self.path = path
        self.columns = columns
        self.known = known
        self.codes = codes
        self.problems = problems

    def cells(self, row: list[_Cell], number: int) -> dict[str, _Cell]:
        """The row's cells by column key; a column the row does not reach reads as blank."""
        return {
            key: row[index]
            if index < len(row)
            else _Cell(f"{column_letter(index + 1)}{number}", None)
            for key, index in self.columns.items()
        }

    def _refuse(self, ref: str, message: str) -> None:
        self.problems.add(OVERVIEW_SHEET, ref, message)

    def _value(
        self, cell: _Cell | None, vocabulary: Mapping[str, _T], what: str, *, required: bool = False
    ) -> _T | None:
        """The cell's word; ``None`` for a blank optional cell or (noted) a bad one."""
        if cell is None or (not required and _blank(cell.value)):
            return None
        try:
            return _word(cell, vocabulary, what)
        except ValueError as exc:
            self._refuse(cell.ref, str(exc))
            return None

    def _code(self, cell: _Cell) -> str | None:
        typed = _text(cell)
        if not typed:
            self._refuse(
                cell.ref, "expected a task code; give a task of your own a code such as EIGEN-01"
            )
            return None
        try:
            return self.codes.resolve(typed)
        except ValueError as exc:
            self._refuse(cell.ref, str(exc))
            return None

    def _hours(self, cell: _Cell) -> float | None:
        try:
            return _hours(cell)
        except ValueError as exc:
            self._refuse(cell.ref, str(exc))
            return None

    def choice(self, cells: dict[str, _Cell], number: int) -> TaskChoice | None:
        """The row's choice, or ``None`` when a cell of it was refused (and noted)."""
        code = self._code(cells["code"])
        scope = self._value(cells["scope"], SCOPES, "a level", required=True)
        hours = self._hours(cells["hours"])
        applies = self._value(cells["applies"], YES_NO, "ja or nee", required=True)
        horizon = self._value(cells["horizon"], HORIZONS, "a term", required=True)
        task = self._task(code, cells, scope, hours, number) if code else None
        if task is None or scope is None or hours is None or applies is None or horizon is None:
            return None
        try:
            return TaskChoice(
                task=task,
                applies=applies,
                horizon=horizon,
                scope=scope,
                hours_per_year=hours,
                responsible=_free_text(cells.get("responsible")),
                backup=_free_text(cells.get("backup")),
                notes=_free_text(cells.get("notes")),
            )
        except IctCompetenceError as exc:  # a rule of the model the cells above do not cover
            self._refuse(cells["code"].ref, str(exc))
            return None

    def _task(
        self, code: str, cells: dict[str, _Cell], scope: Scope | None, hours: float | None, row: int
    ) -> Task | None:
        cluster = self._value(cells.get("cluster"), CLUSTERS, "a cluster")
        strategic = self._value(cells.get("strategic"), YES_NO, "ja or nee")
        description_cell = cells.get("description")
        description = _free_text(description_cell)
        base = self.known.get(code)
        try:
            if base is None:
                return self._own_task(
                    code,
                    cells,
                    row,
                    cluster=cluster,
                    strategic=strategic,
                    description=description,
                    scope=scope,
                    hours=hours,
                )
            task = base if cluster is None else base.moved_to(cluster)
            if description_cell and description.strip() and description != task.description.nl:
                task = attrs.evolve(
                    task,
                    description=LocalizedText(description),
                    provenance=Provenance(
                        self.path.name, f"{OVERVIEW_SHEET}!{description_cell.ref}"
                    ),
                )
            if strategic is not None and strategic != task.strategic:
                criterion = task.criterion if strategic else None
                task = attrs.evolve(task, strategic=strategic, criterion=criterion)
        except IctCompetenceError as exc:  # a task's own rules, such as a code's form
            self._refuse(cells["code"].ref, str(exc))
            return None
        return task

    def _own_task(
        self,
        code: str,
        cells: dict[str, _Cell],
        row: int,
        *,
        cluster: Cluster | None,
        strategic: bool | None,
        description: str,
        scope: Scope | None,
        hours: float | None,
    ) -> Task | None:
        if cluster is None:
            where = _ref(cells, "cluster", "code")
            self._refuse(where, f"task {code} is not in the catalog: give its cluster")
        if not description.strip():
            where = _ref(cells, "description", "code")
            self._refuse(where, f"task {code} is not in the catalog: describe it")
        if cluster is None or not description.strip() or scope is None:
            return None
        return Task(
            code=code,
            cluster=cluster,
            description=LocalizedText(description),
            strategic=bool(strategic),
            scope=scope,
            hours_per_year=hours if hours is not None else 0.0,
            provenance=Provenance(self.path.name, f"{OVERVIEW_SHEET}!A{row}"),
        )


def _ref(cells: dict[str, _Cell], key: str, fallback: str) -> str:
    return (cells.get(key) or cells[fallback]).ref


def _missing(
    expected: Mapping[str, Task], seen: Mapping[str, str], catalog: Catalog, path: Path
) -> tuple[list[TaskChoice], LocalizedText | None]:
    """A choice that does not apply for each expected task without a row, and the warning."""
    defaults = {choice.code: choice for choice in catalog.overview().choices}
    choices: list[TaskChoice] = []
    for code, task in expected.items():
        if code in seen:
            continue
        default = defaults.get(code)
        if default is not None and default.task == task:
            choices.append(attrs.evolve(default, applies=False))
        else:
            # The catalog's defaults for a task it does not hold: level as its scope suggests.
            group = task.scope is Scope.SCHOOL_GROUP
            scope = Scope.SCHOOL_GROUP if group else Scope.SCHOOL
            choices.append(
                TaskChoice(
                    task=task, applies=False, scope=scope, hours_per_year=task.hours_per_year
                )
            )
    if not choices:
        return [], None
    codes = ", ".join(choice.code for choice in choices)
    warning = LocalizedText(
        f"{path.name}: het blad {OVERVIEW_SHEET} heeft geen rij voor {codes}; "
        "gelezen als niet van toepassing.",
        f"{path.name}: sheet {OVERVIEW_SHEET} has no row for {codes}; read as not applying.",
    )
    return choices, warning


def _beyond(path: Path, sheet: str, read: SheetRows | None) -> list[LocalizedText]:
    """A warning naming the cells right of the columns read that hold something, if any."""
    if read is None or not read.beyond:
        return []
    more = read.beyond_count - len(read.beyond)
    shown = ", ".join(read.beyond)
    last = column_letter(MAX_COLUMNS)
    return [
        LocalizedText(
            f"{path.name}: het blad {sheet} heeft inhoud rechts van kolom {last}, de laatste "
            f"kolom die gelezen wordt, in {shown}{f' en nog {more} cellen' if more > 0 else ''}"
            "; die is niet gelezen.",
            f"{path.name}: sheet {sheet} has content right of column {last}, the last column "
            f"read, in {shown}{f' and {more} more cells' if more > 0 else ''}; it was not read.",
        )
    ]


def _retitled(path: Path, sheet: str, read: SheetRows | None) -> list[LocalizedText]:
    """A warning when the sheet was found under a title in another case or with spaces."""
    if read is None or read.title in ("", sheet):
        return []
    return [
        LocalizedText(
            f"{path.name}: het blad {sheet} heet {read.title!r} en is onder die naam gelezen.",
            f"{path.name}: sheet {sheet} is titled {read.title!r} and was read as such.",
        )
    ]


def read(path: Path, *, catalog: Catalog | None) -> TaskOverview:
    """Check, open and read the overview sheet into a TaskOverview."""
    catalog = catalog or load_catalog()
    sheet, data = read_book(path, OVERVIEW_SHEET, DATA_SHEET)
    rows = sheet.rows
    written = _definitions(path, data.rows if data is not None else None)
    catalog_tasks = {task.code: task for task in catalog.tasks}
    known = catalog_tasks | (written or {})
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
    problems = Problems(path)
    codes = Codes(known, (profile.code_prefix for profile in catalog.clusters))
    reader = _RowReader(path, _header(rows[start][1], where), known, codes, problems)
    choices: list[TaskChoice] = []
    seen: dict[str, str] = {}
    for number, row in rows[start + 1 :]:
        if not row:
            continue
        cells = reader.cells(row, number)
        if all(_blank(cell.value) for cell in cells.values()):
            continue
        choice = reader.choice(cells, number)
        if choice is None:
            continue
        ref = cells["code"].ref
        if choice.code in seen:
            first = seen[choice.code]
            problems.add(OVERVIEW_SHEET, ref, f"task {choice.code} occurs again (first at {first})")
            continue
        seen[choice.code] = ref
        choices.append(choice)
    problems.raise_if_any()
    # The tasks the workbook was written with, or without its hidden sheet the catalog's.
    expected = written if written is not None else catalog_tasks
    absent, warning = _missing(expected, seen, catalog, path)
    warnings = [warning] if warning else []
    warnings += _retitled(path, OVERVIEW_SHEET, sheet) + _retitled(path, DATA_SHEET, data)
    warnings += _beyond(path, OVERVIEW_SHEET, sheet) + _beyond(path, DATA_SHEET, data)
    return TaskOverview(tuple(choices + absent), warnings=tuple(warnings))
