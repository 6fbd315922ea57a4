"""Writing a task overview as a workbook a school leader fills in."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ict_competence._atomic import replace_file
from ict_competence.catalog import Catalog, TaskChoice, TaskOverview, load_catalog
from ict_competence.errors import WorkbookError
from ict_competence.serialize import to_json
from ict_competence.xlsx._layout import (
    CELL_LIMIT,
    COLUMNS,
    DATA_SHEET,
    HELP_SHEET,
    MAX_COLUMNS,
    OVERVIEW_SHEET,
    ROLES_SHEET,
)

# Characters that make a spreadsheet read a cell as a formula (formula / DDE injection),
# and those a text may start with before them that a trim or a CSV export drops.
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_QUOTED_START = ("\t", "\r")
_INVISIBLE = ("Cc", "Cf")
# Fonts by name, as the body's (openpyxl's default, Calibri): a font without a name prints
# in LibreOffice's default font, a serif beside a sans-serif body.
_HEADER_FONT = Font(name="Calibri", size=11, bold=True, color="FFFFFF")
_TITLE_FONT = Font(name="Calibri", size=14, bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="2F5597")
# A title longer than its column wraps (the row is made tall enough), never cut off.
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
#: A row's height per line of text, in points, and the characters a unit of width holds.
LINE_HEIGHT = 15
_CHARS_PER_WIDTH = 1.0
# Bold text is about a tenth wider than the body's.
_BOLD_WIDTH = 0.9
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
# A number right-aligned, a character away from the notes beside it.
_NUMBER = Alignment(horizontal="right", vertical="top", indent=1)
# Drop-down lists reach past the last task so rows a school adds get them too.
_SPARE_ROWS = 200

_HELP = (
    ("Takenoverzicht ICT-coördinatie op maat", True),
    ("", False),
    (
        "Dit werkblad bevat één rij per taak van ICT-coördinatie. Pas het aan tot een "
        "takenoverzicht op maat van uw school (stap 5 van het stappenplan).",
        False,
    ),
    ("", False),
    ("Van toepassing: ja of nee — is de taak van toepassing op uw school?", False),
    ("Termijn: korte termijn, lange termijn of geschrapt.", False),
    ("Niveau: school, of scholengroep als de taak voor alle scholen samen gebeurt.", False),
    ("Verantwoordelijke en Back-up: wie de taak opneemt en wie invalt.", False),
    ("Uren per jaar: een schatting van de tijd die de taak vraagt.", False),
    ("Kerntaak: ja voor taken van strategisch belang (bijvoorbeeld om te rekruteren).", False),
    (
        "Eigen taken: voeg een rij toe met een eigen code (bijvoorbeeld EIGEN-01), een "
        "cluster en een omschrijving.",
        False,
    ),
    ("Laat de kolomtitels en het verborgen blad Gegevens ongewijzigd.", False),
    ("", False),
    ("English: one row per ICT-coordination task; tailor it to your school.", False),
    ("Van toepassing = applies (ja/nee); Termijn = horizon; Niveau = school or group;", False),
    ("Verantwoordelijke = responsible; Uren per jaar = hours a year; Opmerkingen = notes.", False),
)


def looks_like_formula(text: str) -> bool:
    r"""Whether a spreadsheet could take ``text`` for a formula, now or once it is trimmed.

    That is text whose first character that is no whitespace (spaces, tabs, line breaks)
    and no invisible control or format character starts a formula: ``=``, ``+``, ``-``,
    ``@`` or their full-width forms. ``" =1+1"`` is inert in an .xlsx cell, but live once
    someone trims it or exports the sheet to CSV. A text that starts with a tab or a
    carriage return counts too, as the OWASP advice on CSV injection has it.

    >>> [looks_like_formula(t) for t in ("=1+1", " =1+1", "\n@SUM(1)", "\u200b-2", "a=1")]
    [True, True, True, True, False]
    >>> looks_like_formula("\tnote"), looks_like_formula("  "), looks_like_formula("")
    (True, False, False)
    """
    if text.startswith(_FORMULA_START + _QUOTED_START):
        return True
    for char in text:
        if not (char.isspace() or unicodedata.category(char) in _INVISIBLE):
            return char in _FORMULA_START
    return False


def text_lines(text: str, width: float) -> int:
    r"""How many lines ``text`` takes in a wrapping cell ``width`` wide (an estimate).

    Lines break between words, as a spreadsheet breaks them, and a word longer than a
    line over several. A unit of width holds about one character of running text:
    LibreOffice without Calibri prints in a wider font than Excel, and a row too short
    hides the end of its text in print.

    >>> text_lines("een twee drie", 8), text_lines("een\ntwee", 40), text_lines("x" * 25, 10)
    (2, 2, 3)
    """
    per_line = max(1, int(width * _CHARS_PER_WIDTH))
    count = 0
    for part in text.split("\n"):
        count += 1 if len(part) <= per_line else _wrapped(part, per_line)
    return count


def _wrapped(part: str, per_line: int) -> int:
    """The lines of a paragraph longer than one line, broken between words."""
    lines, used = 1, -1  # used: the characters on the current line; -1 while it is empty
    for word in part.split(" "):
        if used >= 0 and used + 1 + len(word) <= per_line:
            used += 1 + len(word)
            continue
        if used >= 0:
            lines += 1
        extra, used = divmod(len(word), per_line)
        if extra and not used:  # a word that fills its last line exactly
            extra, used = extra - 1, per_line
        lines += extra
    return lines


def header_lines(title: str, width: float) -> int:
    """How many lines a header ``title`` takes in a column ``width`` wide: bold is wider."""
    return text_lines(title, width * _BOLD_WIDTH)


def _put(cell: Cell | MergedCell, value: str | float | None, *, where: str) -> None:
    """Store a value; text is kept as text, never evaluated as a formula.

    This is the one cell writer of every workbook the library writes (the overview's,
    the team's and the renderer's): text that :func:`looks_like_formula` is stored as
    text with a quote prefix, so that a spreadsheet shows it and never runs it.
    """
    if isinstance(value, str):
        if len(value) > CELL_LIMIT:
            raise WorkbookError(
                f"{where} is {len(value):,} characters long; a spreadsheet cell holds at most "
                f"{CELL_LIMIT:,}"
            )
        bad = ILLEGAL_CHARACTERS_RE.search(value)
        if bad:
            raise WorkbookError(
                f"{where} contains the control character U+{ord(bad.group()):04X}, "
                "which a workbook cannot store"
            )
        cell.value = value
        if looks_like_formula(value):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value


def _header(sheet: Worksheet, titles: list[str], widths: list[float]) -> None:
    """The header row: bold, white on blue, a title wider than its column wrapped."""
    lines = 1
    for index, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=index)
        _put(cell, title, where=f"{sheet.title}!{cell.coordinate}")
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGNMENT
        sheet.column_dimensions[get_column_letter(index)].width = width
        lines = max(lines, header_lines(title, width))
    if lines > 1:
        sheet.row_dimensions[1].height = lines * LINE_HEIGHT
    sheet.freeze_panes = "B2"


def _row_values(choice: TaskChoice) -> dict[str, str | float]:
    task = choice.task
    return {
        "code": task.code,
        "cluster": task.cluster.label.nl,
        "description": task.description.nl,
        "strategic": "ja" if task.strategic else "nee",
        "applies": "ja" if choice.applies else "nee",
        "horizon": choice.horizon.label.nl,
        "scope": choice.scope.label.nl,
        "responsible": choice.responsible,
        "backup": choice.backup,
        "hours": choice.hours_per_year,
        "notes": choice.notes,
    }


def _overview_sheet(sheet: Worksheet, overview: TaskOverview) -> None:
    _header(sheet, [c.header for c in COLUMNS], [c.width for c in COLUMNS])
    for row, choice in enumerate(overview, start=2):
        values = _row_values(choice)
        for index, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row=row, column=index)
            _put(cell, values[column.key], where=f"task {choice.code}, {column.header}")
            if column.key == "hours":
                cell.alignment = _NUMBER
                cell.number_format = "0.0"
            else:
                cell.alignment = _WRAP if column.key in ("description", "notes") else _TOP
    last = len(overview) + 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    for index, column in enumerate(COLUMNS, start=1):
        if column.choices:
            letter = get_column_letter(index)
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=False,
                showErrorMessage=True,
                errorTitle=column.header,
                error="Kies een waarde uit de lijst: " + ", ".join(column.choices),
            )
            validation.add(f"{letter}2:{letter}{last + _SPARE_ROWS}")
            sheet.add_data_validation(validation)
    hours = get_column_letter(next(i for i, c in enumerate(COLUMNS, 1) if c.key == "hours"))
    numbers = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        showErrorMessage=True,
        errorTitle="Uren per jaar",
        error="Geef een aantal uren (0 of meer).",
    )
    numbers.add(f"{hours}2:{hours}{last + _SPARE_ROWS}")
    sheet.add_data_validation(numbers)


def _help_sheet(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 110
    for row, (text, bold) in enumerate(_HELP, start=1):
        cell = sheet.cell(row=row, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True)
        if bold:
            cell.font = _TITLE_FONT


def _roles_sheet(sheet: Worksheet, catalog: Catalog) -> None:
    titles = ["Code", "Rol", "Omschrijving", "Clusters", "Risico's", "Nodig"]
    _header(sheet, titles, [20, 34, 70, 40, 40, 40])
    for row, role in enumerate(catalog.roles, start=2):
        values = (
            role.code,
            role.name.nl,
            role.description.nl,
            ", ".join(cluster.label.nl for cluster in role.clusters),
            "; ".join(risk.nl for risk in role.risks),
            "; ".join(need.nl for need in role.needs),
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            _put(cell, value, where=f"role {role.code}")
            cell.alignment = _WRAP


def _data_sheet(sheet: Worksheet, overview: TaskOverview) -> None:
    # The full task definitions, so that a read-back loses nothing the visible columns omit.
    sheet.sheet_state = "hidden"
    sheet.append(["Code", "Taak (JSON)"])
    for row, choice in enumerate(overview, start=2):
        where = f"task {choice.code}"
        _put(sheet.cell(row=row, column=1), choice.code, where=where)
        definition = to_json(choice.task, indent=None)
        # A long definition continues in the next cells; the reader joins them again.
        for column, start in enumerate(range(0, len(definition), CELL_LIMIT), start=2):
            if column > MAX_COLUMNS:
                raise WorkbookError(f"{where}: its definition is too long for a workbook")
            _put(
                sheet.cell(row=row, column=column),
                definition[start : start + CELL_LIMIT],
                where=where,
            )


def add_overview(
    workbook: Workbook, overview: TaskOverview, catalog: Catalog | None, *, guide: bool = True
) -> Worksheet:
    """Add the overview's sheets to ``workbook``, after the sheets it has; return the first.

    The sheets are "Takenoverzicht", with ``guide`` "Uitleg" and "Rollen" (the roles of
    ``catalog``), and the hidden "Gegevens", which ``read_overview`` needs to read
    back a task the catalog does not hold. Other workbooks (a school plan's) take the
    overview in this way; :func:`build` is the overview's own workbook.
    """
    sheet: Worksheet = workbook.create_sheet(OVERVIEW_SHEET)
    _overview_sheet(sheet, overview)
    if guide:
        _help_sheet(workbook.create_sheet(HELP_SHEET))
        _roles_sheet(workbook.create_sheet(ROLES_SHEET), catalog or load_catalog())
    _data_sheet(workbook.create_sheet(DATA_SHEET), overview)
    return sheet


def build(overview: TaskOverview, catalog: Catalog) -> Workbook:
    """The workbook for ``overview``, in memory."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None  # a new workbook always has one sheet  # noqa: S101
    workbook.remove(first)
    add_overview(workbook, overview, catalog)
    workbook.active = 0
    return workbook


def write(overview: TaskOverview, path: Path, *, catalog: Catalog | None) -> Path:
    """Build the workbook and move it into place only once it is complete."""
    if path.suffix.lower() != ".xlsx":
        raise WorkbookError("expected a file name ending in .xlsx", path=str(path))
    workbook = build(overview, catalog or load_catalog())
    # Written beside the target and moved over it once complete (a failure leaves the old
    # file as it was), with the old file's permissions, or the user's umask for a new one.
    try:
        return replace_file(path, workbook.save)
    except OSError as exc:
        raise WorkbookError(f"cannot be written: {exc.strerror or exc}", path=str(path)) from None
