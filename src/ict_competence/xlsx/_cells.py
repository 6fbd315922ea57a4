"""What a cell holds, read as a person meant it: text, a word from a list, a number."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from typing import TypeVar

import attrs

from ict_competence._checks import is_finite_number
from ict_competence.errors import WorkbookError

_T = TypeVar("_T")
#: Values a message lists by name before it counts the rest.
SHOWN_VALUES = 12
_AMBIGUOUS = re.compile(r"\d{1,3}[.,]\d{3}")
#: Characters XML 1.0 cannot hold, so no spreadsheet program writes them into a cell.
#: openpyxl has the same pattern (``openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE``), but this
#: module is read for .ods and .xls too, where openpyxl is not imported: the test of
#: _cells holds the two to the same characters.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def column_letter(number: int) -> str:
    """The letters of column ``number`` (1 is A, 27 is AA, 16384 is XFD).

    >>> column_letter(1), column_letter(60), column_letter(62), column_letter(16384)
    ('A', 'BH', 'BJ', 'XFD')
    """
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@attrs.frozen
class Covered:
    """The value of an empty cell under merged cells, which show only the first cell's value.

    Attributes:
        merge: the merged cells, ``E3:F4``.
    """

    merge: str


@attrs.frozen
class _Cell:
    """A cell's value (the computed one, for a formula) and its A1 reference."""

    ref: str
    value: object


class _Sheet:
    """Raises errors that name this file, this sheet and a cell."""

    def __init__(self, path: object, name: str) -> None:
        self.path = str(path)
        self.name = name

    def error(self, cell: str | None, message: str) -> WorkbookError:
        return WorkbookError(message, path=self.path, sheet=self.name, cell=cell)


def _blank(value: object) -> bool:
    return (
        value is None
        or isinstance(value, Covered)
        or (isinstance(value, str) and not value.strip())
    )


def _clean(text: str) -> str:
    """A code or name as a person meant it: composed accents, ordinary spaces, none around it."""
    return unicodedata.normalize("NFC", text).replace("\u00a0", " ").strip()


def _text(cell: _Cell) -> str:
    value = cell.value
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean(str(value))


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


def _found(cell: _Cell) -> str:
    """The cell's value as a message shows it, in the words of a spreadsheet's user.

    ``nothing`` (and why, under merged cells), a date or time as it is written
    (``the date 2024-03-12``), else the value's repr cut to 40 characters.

    >>> _found(_Cell("J4", datetime.datetime(2024, 3, 12)))
    'the date 2024-03-12'
    >>> _found(_Cell("F3", Covered("E3:F3")))
    'nothing: the cell lies under the merged cells E3:F3, which show only E3; unmerge them'
    """
    value = cell.value
    if isinstance(value, Covered):
        first = value.merge.split(":")[0]
        return (
            f"nothing: the cell lies under the merged cells {value.merge}, which show only "
            f"{first}; unmerge them"
        )
    if _blank(value):
        return "nothing"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | datetime.timedelta):
        return _moment(value)
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "…'"


def _moment(value: datetime.date | datetime.time | datetime.timedelta) -> str:
    """A date, a time or a duration as a spreadsheet shows it: 2024-03-12, 13:05, 30:00."""
    if isinstance(value, datetime.timedelta):
        total = round(value.total_seconds())
        minutes, seconds = divmod(abs(total), 60)
        hours, minutes = divmod(minutes, 60)
        clock = f"{hours}:{minutes:02}" + (f":{seconds:02}" if seconds else "")
        return f"the duration {'-' if total < 0 else ''}{clock}"
    if isinstance(value, datetime.time):
        return f"the time {value:%H:%M}" + (f":{value:%S}" if value.second else "")
    day = f"{value:%Y-%m-%d}"
    if not isinstance(value, datetime.datetime) or value.time() == datetime.time():
        return f"the date {day}"
    return f"the date and time {day} {_moment(value.time()).removeprefix('the time ')}"


def listed(values: list[str]) -> str:
    """``values`` joined by commas: all of them, or the first ones and how many more."""
    shown = ", ".join(values[:SHOWN_VALUES])
    if len(values) > SHOWN_VALUES:
        shown += f", … and {len(values) - SHOWN_VALUES} more"
    return shown


def _word(cell: _Cell, vocabulary: Mapping[str, _T], what: str) -> _T:
    """The vocabulary's meaning of the cell's word (any case, TRUE/FALSE, 1/0).

    Raises:
        ValueError: the cell holds no word of ``vocabulary``; the message lists them all.
    """
    value = cell.value
    if isinstance(value, bool):
        key = "true" if value else "false"
    elif is_finite_number(value):
        key = _text(_Cell(cell.ref, float(value)))
    else:
        key = _text(cell).casefold()
    try:
        return vocabulary[key]
    except KeyError:
        shown = listed(sorted({k for k in vocabulary if not k.isdigit()}))
        raise ValueError(f"expected {what} ({shown}), found {_found(cell)}") from None


def _number(cell: _Cell) -> float | None:
    """The finite number a cell holds, typed or as text (``"4,5"`` is 4.5), else ``None``.

    Raises:
        ValueError: text that reads as two numbers (``1.234``); the message gives both.
    """
    value = cell.value
    if is_finite_number(value):
        return float(value)
    if isinstance(value, str):
        number = _number_text(_clean(value).replace(" ", ""))
        return number if is_finite_number(number) else None
    return None


def _hours(cell: _Cell) -> float:
    """The hours a cell holds, typed or as text (``"4,5"`` is 4.5).

    Raises:
        ValueError: not a finite number of 0 or more, or a number that reads two ways.
    """
    number = _number(cell)
    if number is None or number < 0:
        raise ValueError(f"expected a number of hours (0 or more), found {_found(cell)}")
    return number


def _number_text(text: str) -> float | None:
    """A number typed as text, in Dutch (1.234,5) or English (1,234.5) notation.

    Raises:
        ValueError: the text reads as two numbers (``1.234``); the message gives both.
    """
    if _AMBIGUOUS.fullmatch(text):
        raise ValueError(
            f"{text!r} could mean {text.replace(',', '').replace('.', '')} or "
            f"{text.replace(',', '.')}; type the number without a thousands separator"
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
