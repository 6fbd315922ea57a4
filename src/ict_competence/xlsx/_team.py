"""A team as a workbook: the sheet a school leader keeps the staff in, written and read back.

Reading reports every bad cell at once (up to 50, then how many more), each by its place,
what was expected and what was found; a person's name never appears in a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ict_competence._atomic import replace_file
from ict_competence.allocation import Person, Team
from ict_competence.catalog import Cluster, Domain
from ict_competence.errors import FieldError, WorkbookError
from ict_competence.xlsx._book import Rows, SheetRows, read_book
from ict_competence.xlsx._cells import (
    _blank,
    _Cell,
    _clean,
    _found,
    _free_text,
    _hours,
    _number,
    _Sheet,
    _text,
    _title,
    column_letter,
)
from ict_competence.xlsx._layout import MAX_COLUMNS
from ict_competence.xlsx._problems import Problems
from ict_competence.xlsx._team_layout import (
    SCHOOLS_SHEET,
    TEAM_COLUMNS,
    TEAM_HELP,
    TEAM_HELP_SHEET,
    TEAM_SHEET,
    TeamColumn,
)
from ict_competence.xlsx._write import _TITLE_FONT, _header, _put

__all__ = ["read", "write"]

_SPARE_ROWS = 200


# -- writing -------------------------------------------------------------------------------


def _person_values(person: Person) -> list[str | float | None]:
    values: list[str | float | None] = []
    for column in TEAM_COLUMNS:
        if column.key == "level" and column.domain is not None:
            values.append(person.levels.get(column.domain))
        elif column.key == "motivation" and column.cluster is not None:
            values.append(person.motivation.get(column.cluster))
        else:
            values.append(getattr(person, column.key))
    return values


def _validations(sheet: Worksheet, last: int, schools: tuple[str, ...]) -> None:
    for index, column in enumerate(TEAM_COLUMNS, start=1):
        letter = get_column_letter(index)
        cells = f"{letter}2:{letter}{last + _SPARE_ROWS}"
        if column.key in ("level", "motivation"):
            rule = DataValidation(
                type="whole",
                operator="between",
                formula1="0",
                formula2="3",
                error="Geef een geheel getal van 0 tot 3.",
            )
        elif column.key == "hours":
            rule = DataValidation(
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                error="Geef een aantal uren (0 of meer).",
            )
        elif column.key == "school" and schools:
            rule = DataValidation(
                type="list",
                formula1=f"{SCHOOLS_SHEET}!$A$2:$A${len(schools) + 1}",
                error="Kies een school van het blad Scholen.",
            )
        else:
            continue
        rule.showErrorMessage = True
        rule.errorTitle = column.header
        rule.add(cells)
        sheet.add_data_validation(rule)


def build(team: Team) -> Workbook:
    """The team's workbook, in memory: sheets Team, Scholen and Uitleg."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet  # noqa: S101
    sheet.title = TEAM_SHEET
    _header(sheet, [c.header for c in TEAM_COLUMNS], [c.width for c in TEAM_COLUMNS])
    for row, person in enumerate(team.people, start=2):
        for index, value in enumerate(_person_values(person), start=1):
            where = f"{TEAM_SHEET}!{get_column_letter(index)}{row}"
            _put(sheet.cell(row=row, column=index), value, where=where)
    last = len(team.people) + 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(TEAM_COLUMNS))}{last}"
    _validations(sheet, last, team.schools)
    schools = workbook.create_sheet(SCHOOLS_SHEET)
    _header(schools, ["School"], [30])
    for row, school in enumerate(team.schools, start=2):
        _put(schools.cell(row=row, column=1), school, where=f"{SCHOOLS_SHEET}!A{row}")
    help_sheet = workbook.create_sheet(TEAM_HELP_SHEET)
    help_sheet.column_dimensions["A"].width = 110
    for row, text in enumerate(TEAM_HELP, start=1):
        cell = help_sheet.cell(row=row, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True)
        if row == 1:
            cell.font = _TITLE_FONT  # named, or LibreOffice prints it in a serif
    return workbook


def write(team: Team, path: Path) -> Path:
    """Write the team's workbook to ``path``, mode 0600; an existing file survives any failure."""
    if path.suffix.lower() != ".xlsx":
        raise WorkbookError("expected a file name ending in .xlsx", path=str(path))
    workbook = build(team)
    try:
        # Names, hours, levels and motivation are personal data: readable by the owner only.
        return replace_file(path, workbook.save, mode=0o600)
    except OSError as exc:
        raise WorkbookError(f"cannot be written: {exc.strerror or exc}", path=str(path)) from None


# -- reading -------------------------------------------------------------------------------


def _filled(rows: Rows) -> Iterator[tuple[int, list[_Cell]]]:
    for number, cells in rows:
        if not all(_blank(cell.value) for cell in cells):
            yield number, cells


def _header_row(rows: Rows, path: Path) -> tuple[int, dict[int, TeamColumn], Rows]:
    """The header's columns (index → column) and the rows below it."""
    where = _Sheet(path, TEAM_SHEET)
    filled = list(_filled(rows))
    if not filled:
        raise where.error("A1", "the sheet is empty; expected a header row with ID, Naam, …")
    number, cells = filled[0]
    wanted = {column.header.casefold(): column for column in TEAM_COLUMNS}
    columns: dict[int, TeamColumn] = {}
    for index, cell in enumerate(cells):
        column = wanted.get(_title(cell))
        if column is None:
            continue
        first = next((cells[i].ref for i, seen in columns.items() if seen == column), None)
        if first is not None:
            raise where.error(
                cell.ref,
                f"the column title {column.header!r} occurs twice (also in {first}); keep one",
            )
        columns[index] = column
    missing = [c.header for c in TEAM_COLUMNS if c.required and c not in columns.values()]
    if missing:
        raise where.error(
            cells[0].ref,
            f"the header row lacks the column(s) {', '.join(missing)}; keep the titles as written",
        )
    return number, columns, [row for row in rows if row[0] > number]


def _schools(rows: Rows | None) -> tuple[str, ...] | None:
    if rows is None:
        return None
    names = [_clean(_text(cells[0])) for _, cells in _filled(rows) if cells]
    return tuple(dict.fromkeys(name for name in names[1:] if name))


def _score(cell: _Cell, problems: Problems) -> int | None:
    """A level or motivation 0–3; ``None`` for a blank cell, which counts as 0."""
    if _blank(cell.value):
        return None
    try:
        number = _number(cell)
    except ValueError as exc:  # an ambiguous thousands separator: the message gives both
        problems.add(TEAM_SHEET, cell.ref, str(exc))
        return None
    if number is None or not number.is_integer() or not 0 <= number <= 3:
        problems.add(TEAM_SHEET, cell.ref, f"expected a whole number 0–3, found {_found(cell)}")
        return None
    return int(number)


def _hours_of(cell: _Cell, problems: Problems) -> float:
    """The person's hours, read as the task overview reads a task's."""
    try:
        return _hours(cell)
    except ValueError as exc:
        problems.add(TEAM_SHEET, cell.ref, str(exc))
        return 0.0


class _TeamReader:
    """Turns the sheet's rows into people, collecting every problem on the way."""

    def __init__(
        self, columns: dict[int, TeamColumn], schools: tuple[str, ...] | None, problems: Problems
    ) -> None:
        self.columns = columns
        self.schools = schools
        self.problems = problems
        self.seen: dict[str, str] = {}  # id -> the cell it was first given in

    def person(self, cells: list[_Cell]) -> Person | None:
        """The person on this row, or ``None`` when a cell of it was refused."""
        levels: dict[Domain, int] = {}
        motivation: dict[Cluster, int] = {}
        text: dict[str, str | None] = {}
        hours: float | None = None
        refs: dict[str, str] = {}
        for index, column in self.columns.items():
            cell = cells[index]  # every row is read as wide as the header
            refs[column.key] = cell.ref
            if column.domain is not None:
                if (score := _score(cell, self.problems)) is not None:
                    levels[column.domain] = score
            elif column.cluster is not None:
                if (score := _score(cell, self.problems)) is not None:
                    motivation[column.cluster] = score
            elif column.key == "hours":
                hours = _hours_of(cell, self.problems)
            elif column.key == "name":
                # Personal data, kept exactly as typed: only a blank cell means no name.
                text["name"] = None if _blank(cell.value) else _free_text(cell)
            else:
                text[column.key] = self._text(column, cell)
        person_id = text.get("id")
        if person_id is None or hours is None:
            return None
        try:
            return Person(
                id=person_id,
                hours=hours,
                levels=levels,
                motivation=motivation,
                school=text.get("school"),
                name=text.get("name"),
            )
        except FieldError as exc:
            # The checks above leave only the model's own rules (a ':' in a school, say).
            field = exc.field.split(".")[0]
            self.problems.add(TEAM_SHEET, refs.get(field, cells[0].ref), exc.message)
            return None

    def _text(self, column: TeamColumn, cell: _Cell) -> str | None:
        value = _clean(_text(cell)) or None
        if column.key == "id":
            self._check_id(value, cell)
        elif column.key == "school" and self.schools and value not in (None, *self.schools):
            self.problems.add(
                TEAM_SHEET,
                cell.ref,
                f"expected a school of sheet {SCHOOLS_SHEET} "
                f"({', '.join(self.schools)}), found {value!r}",
            )
        return value

    def _check_id(self, value: str | None, cell: _Cell) -> None:
        if value is None:
            self.problems.add(
                TEAM_SHEET, cell.ref, f"expected the person's id, found {_found(cell)}"
            )
        elif value in self.seen:
            self.problems.add(
                TEAM_SHEET, cell.ref, f"the id {value!r} is also given in {self.seen[value]}"
            )
        else:
            self.seen[value] = cell.ref


def _beyond(sheet: str, read: SheetRows | None, problems: Problems) -> None:
    """A team has no warnings: content right of the columns read is refused, cell by cell.

    The first cells are named, the rest counted in one line for the columns beyond.
    """
    if read is None:
        return
    last = column_letter(MAX_COLUMNS)
    for ref in read.beyond:
        problems.add(
            sheet,
            ref,
            f"holds something right of column {last}, the last column read; move it into the "
            "sheet's columns or delete it",
        )
    more = read.beyond_count - len(read.beyond)
    if more > 0:
        problems.add(
            sheet,
            f"{column_letter(MAX_COLUMNS + 1)}:XFD",
            f"{more:,} more cells right of column {last} hold something; move them into the "
            "sheet's columns or delete them",
        )


def read(path: Path) -> Team:
    """Read a team workbook; every bad cell is reported in one :class:`WorkbookError`."""
    team_sheet, school_sheet = read_book(path, TEAM_SHEET, SCHOOLS_SHEET)
    _, columns, body = _header_row(team_sheet.rows, path)
    listed = _schools(school_sheet.rows if school_sheet is not None else None)
    problems = Problems(path)
    _beyond(TEAM_SHEET, team_sheet, problems)
    _beyond(SCHOOLS_SHEET, school_sheet, problems)
    reader = _TeamReader(columns, listed, problems)
    people = [reader.person(cells) for _, cells in _filled(body)]
    problems.raise_if_any()
    found = [person for person in people if person is not None]
    schools = listed if listed else tuple(dict.fromkeys(p.school for p in found if p.school))
    try:
        return Team(found, schools)
    except FieldError as exc:  # pragma: no cover - every rule of Team is checked cell by cell
        raise WorkbookError(str(exc), path=str(path), sheet=TEAM_SHEET) from None
