"""What an .ods or .xls file asks of memory, surveyed before python-calamine reads it.

calamine lays every sheet out in memory as a rectangle from its first to its farthest
filled cell, and copies a cell's text once for every cell that repeats it, for all sheets
at once. A few bytes can so ask for gigabytes: one cell at IV65536 of an .xls, or a text
an .ods repeats over a million rows. The survey counts both from the file's own structure
(the XML of an .ods, the records of an .xls) and refuses a file that needs more than the
limits below before calamine sees it.

It also notes the values calamine does not give as the file holds them: an error value
(``#DIV/0!``), which python-calamine passes on as an empty cell, and (.ods) a TRUE or FALSE
that LibreOffice stored as the number 1 or 0 with the formula ``TRUE()``. The reader gives
them as openpyxl does for an .xlsx: the error's text, and True or False.
"""

from __future__ import annotations

from ict_competence.errors import WorkbookError
from ict_competence.xlsx._cells import column_letter
from ict_competence.xlsx._layout import MAX_COLUMNS, MAX_ROWS

__all__ = ["MAX_CELLS", "MAX_MERGES", "MAX_SHEET_BYTES", "MAX_TEXT", "Merged", "Restored", "Survey"]

#: Cells of all sheets together, counted from A1 to each sheet's farthest filled cell.
#: A task overview or a team of a hundred schools needs some thousands.
MAX_CELLS = 1_000_000
#: Characters of text in all cells together, a repeated cell counted each time.
MAX_TEXT = 20_000_000
#: Bytes of the sheets' data: an .ods's content.xml, a whole .xls file. A real one is
#: well under 1 MB; the limit keeps the survey itself under a second.
MAX_SHEET_BYTES = 20 * 2**20

#: Values to give as the file holds them (an error's text, a boolean), by sheet (its place
#: among the workbook's sheets) and (row, column), from 1.
Restored = dict[int, dict[tuple[int, int], str | bool]]
#: A merged range: its first row, first column, last row and last column (from 1).
Merged = tuple[int, int, int, int]
#: Merged ranges noted per sheet, to say why a cell is empty; a real sheet has some dozens.
MAX_MERGES = 1000
#: Error values right of the columns read noted per sheet, to be named as other content
#: there is; an .xlsx names every one (the first ten, and how many more).
MAX_RESTORED_BEYOND = 1000


class Survey:
    """The running count of one workbook's sheets, refusing as soon as a limit is passed."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.restored: Restored = {}
        self.merged: dict[int, list[Merged]] = {}  # by sheet, as restored
        self._beyond = 0  # error values noted right of the columns read, in this sheet
        self._below = False  # whether one is noted below the rows read, in this sheet
        self._done = 0  # cells of the sheets already finished
        self._text = 0
        self._index = -1
        self._name = ""
        self._rows = 0
        self._columns = 0

    @property
    def sheet_name(self) -> str:
        """The name of the sheet being counted."""
        return self._name

    def sheet(self, name: str) -> None:
        """Start counting the next sheet, ``name``."""
        self._done += self._rows * self._columns
        self._index += 1
        self._name = name
        self._beyond = 0
        self._below = False
        self._rows = self._columns = 0

    def filled(
        self, row: int, column: int, *, rows: int = 1, columns: int = 1, text: int = 0
    ) -> None:
        """Count a filled cell (from 1), repeated over ``rows`` × ``columns``, with ``text``.

        Raises:
            WorkbookError: the sheets now span more than :data:`MAX_CELLS` cells, or their
                text passes :data:`MAX_TEXT` characters; the cell is named.
        """
        last_row, last_column = row + rows - 1, column + columns - 1
        if last_row > self._rows or last_column > self._columns:
            self._rows = max(self._rows, last_row)
            self._columns = max(self._columns, last_column)
            area = self._rows * self._columns
            if self._done + area > MAX_CELLS:
                where = (
                    "holds something so far from A1"
                    if (rows, columns) == (1, 1)
                    else f"is repeated as far as {column_letter(last_column)}{last_row}, so far "
                    "from A1"
                )
                raise self._error(
                    row,
                    column,
                    f"{where} that the sheet would span {area:,} cells, more than the "
                    f"{MAX_CELLS:,} a workbook of this kind may have in all its sheets together; "
                    "delete the cells far to the right or below",
                )
        if text:
            self._text += text * rows * columns
            if self._text > MAX_TEXT:
                raise self._error(
                    row,
                    column,
                    f"brings the text of the workbook's cells over {MAX_TEXT:,} characters "
                    "(a repeated cell counted each time); refused as a likely attack",
                )

    def claimed(self, rows: int, columns: int) -> None:
        """Count the size a sheet says it has, which calamine sets memory aside for.

        Called after the sheet's cells, which have not passed the limit: the size is wrong.

        Raises:
            WorkbookError: that size passes :data:`MAX_CELLS` with the sheets before it.
        """
        if self._done + rows * columns > MAX_CELLS:
            raise WorkbookError(
                f"says it spans {rows:,} rows and {columns:,} columns, though its cells do "
                f"not, and more than the {MAX_CELLS:,} cells a workbook of this kind may have; "
                "save the file again from Excel or LibreOffice",
                path=self.where,
                sheet=self._name,
            )

    def restore(
        self, row: int, column: int, value: str | bool, *, rows: int = 1, columns: int = 1
    ) -> None:
        """Note ``value`` for the cell at ``row``, ``column`` (from 1), over ``rows`` × ``columns``.

        Every cell within the rows and columns read is noted; an error value beyond them as
        well, the first :data:`MAX_RESTORED_BEYOND` right of the columns read and the first
        below the rows read, so that it is named as anything else there is.
        """
        noted = self.restored.setdefault(self._index, {})
        error = isinstance(value, str)
        last_row = min(row + rows - 1, MAX_ROWS)
        for each in range(row, last_row + 1):
            for place in range(column, min(column + columns - 1, MAX_COLUMNS) + 1):
                noted[each, place] = value
            far = max(column, MAX_COLUMNS + 1)
            while error and far < column + columns and self._beyond < MAX_RESTORED_BEYOND:
                noted[each, far] = value
                self._beyond += 1
                far += 1
        below = max(row, MAX_ROWS + 1)
        if error and below <= row + rows - 1 and not self._below:
            noted[below, column] = value  # refused as soon as the reader meets it
            self._below = True

    def merge(self, row: int, column: int, rows: int, columns: int) -> None:
        """Note that the cell at ``row``, ``column`` (from 1) spans ``rows`` × ``columns``."""
        merged = self.merged.setdefault(self._index, [])
        if len(merged) < MAX_MERGES and row <= MAX_ROWS and column <= MAX_COLUMNS:
            merged.append((row, column, row + rows - 1, column + columns - 1))

    def _error(self, row: int, column: int, message: str) -> WorkbookError:
        return WorkbookError(
            message, path=self.where, sheet=self._name, cell=f"{column_letter(column)}{row}"
        )
