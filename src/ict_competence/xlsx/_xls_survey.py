"""The survey of a legacy .xls file: its workbook stream's records, walked as calamine walks them.

The stream is a run of records (type, length, data). The first part lists the sheets
(``BoundSheet8``, with where each starts) and the shared strings (``SST``); each sheet's
part then holds one record per filled cell, naming its row and column. A sheet's cells
are counted from those, a shared string's length from the SST, and the size a sheet says
it has (``Dimensions``) as well, as calamine sets memory aside for it.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from ict_competence.errors import WorkbookError
from ict_competence.xlsx._cfb import DamagedError, workbook_stream
from ict_competence.xlsx._survey import MAX_SHEET_BYTES, Survey

__all__ = ["survey_xls"]

_BOF, _EOF, _CONTINUE = 0x0809, 0x000A, 0x003C
_FILEPASS, _BOUNDSHEET, _SST, _DIMENSIONS = 0x002F, 0x0085, 0x00FC, 0x0200
_NUMBER, _RK, _BOOLERR, _FORMULA = 0x0203, 0x027E, 0x0205, 0x0006
_LABEL, _RSTRING, _LABELSST, _STRING, _MULRK = 0x0204, 0x00D6, 0x00FD, 0x0207, 0x00BD
_BIFF8 = 0x0600
#: The error values of MS-XLS (BErr), as a spreadsheet shows them.
_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
    0x2B: "#GETTING_DATA",
}

_Record = tuple[int, bytes, list[bytes]]  # type, data, the data of the Continue records after it
#: A string continued in the next record starts there with a flags byte again ...
_FLAGS_BYTE = 1
#: ... whose lowest bit says its characters take two bytes each (UTF-16) rather than one.
_WIDE = 0x1
_RICH, _PHONETIC = 0x8, 0x4  # flags: formatting runs follow, phonetic data follows
_RUN_BYTES = 4  # a formatting run: the character it starts at, and its font
_SST_COUNTS = 8  # the SST starts with two counts of strings, before the first string
_U32 = 2**32
_LAST_XLS_COLUMN = 0xFF  # IV, the 256th


def _records(stream: bytes, start: int) -> Iterator[_Record]:
    """The records from ``start`` on, each with the Continue records that follow it."""
    position = start
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        data = stream[position + 4 : position + 4 + length]
        if len(data) < length:
            raise DamagedError(f"a record at byte {position} runs past the end")
        position += 4 + length
        continued = []
        while position + 4 <= len(stream):
            following, length = struct.unpack_from("<HH", stream, position)
            if following != _CONTINUE:
                break
            continued.append(stream[position + 4 : position + 4 + length])
            position += 4 + length
        yield kind, data, continued


class _Pieces:
    """The SST's data over its record and the Continue records after it.

    A string's characters that go on in the next record start there with a new flags
    byte (one byte or two per character); everything else simply goes on.
    """

    def __init__(self, pieces: list[bytes]) -> None:
        self.pieces = pieces
        self.index = 0
        self.offset = 0

    def left(self) -> bool:
        while self.offset >= len(self.pieces[self.index]):
            if self.index + 1 == len(self.pieces):
                return False
            self.index, self.offset = self.index + 1, 0
        return True

    def take(self, count: int) -> bytes:
        taken = b""
        while len(taken) < count:
            if not self.left():
                raise DamagedError("the shared strings end inside a string")
            piece = self.pieces[self.index]
            end = self.offset + count - len(taken)
            taken += piece[self.offset : end]
            self.offset = min(end, len(piece))
        return taken

    def characters(self, count: int, wide: bool) -> None:
        """Step over ``count`` characters, one byte each or (``wide``) two."""
        while count:
            piece = self.pieces[self.index]
            width = 2 if wide else 1
            here = min(count, max(len(piece) - self.offset, 0) // width)
            self.offset += here * width
            count -= here
            if count:
                wide = self._next_piece_of_characters()

    def _next_piece_of_characters(self) -> bool:
        """Move to the next piece, past the flags byte it starts with; whether it is wide."""
        if self.index + 1 == len(self.pieces):
            raise DamagedError("the shared strings end inside a string")
        self.index += 1
        flags = self.pieces[self.index][:_FLAGS_BYTE]
        self.offset = _FLAGS_BYTE
        return bool(flags and flags[0] & _WIDE)


def _string_lengths(data: bytes, continued: list[bytes]) -> list[int]:
    """The length in characters of each shared string (MS-XLS XLUnicodeRichExtendedString)."""
    pieces = _Pieces([data[_SST_COUNTS:], *continued])
    lengths = []
    while pieces.left():
        count, flags = struct.unpack("<HB", pieces.take(3))
        runs = struct.unpack("<H", pieces.take(2))[0] if flags & _RICH else 0
        extra = struct.unpack("<I", pieces.take(4))[0] if flags & _PHONETIC else 0
        pieces.characters(count, bool(flags & _WIDE))
        pieces.take(_RUN_BYTES * runs + extra)  # the formatting runs and phonetic data
        lengths.append(count)
    return lengths


def _sheet_name(data: bytes, biff: int) -> str:
    count = data[6]
    if biff < _BIFF8:
        return data[7 : 7 + count].decode("latin-1")
    if data[7] & 1:
        return data[8 : 8 + 2 * count].decode("utf-16-le", "replace")
    return data[8 : 8 + count].decode("latin-1")


def _globals(stream: bytes, where: str) -> tuple[list[tuple[int, str]], list[int], int]:
    """The sheets (where each starts, its name), the shared strings' lengths, the BIFF version."""
    sheets: list[tuple[int, str]] = []
    lengths: list[int] = []
    biff = _BIFF8
    for kind, data, continued in _records(stream, 0):
        if kind == _BOF:
            (biff,) = struct.unpack_from("<H", data)
        elif kind == _FILEPASS:
            raise WorkbookError(
                "is protected by a password; save a copy without a password and read that",
                path=where,
            )
        elif kind == _BOUNDSHEET:
            (start,) = struct.unpack_from("<I", data)
            sheets.append((start, _sheet_name(data, biff)))
        elif kind == _SST:
            lengths = _string_lengths(data, continued)
        elif kind == _EOF:
            break
    return sheets, lengths, biff


def _wrapped(end: int, first: int) -> int:
    """``end - first`` as calamine computes it: in 32 bits, a negative one wrapping around."""
    return (end - first) % _U32


def _claim(first_row: int, end_row: int, first_column: int, end_column: int) -> tuple[int, int]:
    """The rows and columns calamine sets memory aside for, from a sheet's Dimensions.

    The ends are one past the last row and column. calamine subtracts in 32-bit arithmetic
    that wraps: a first row after the last one asks for some four billion rows. Its newer
    versions read a first column after the last (or past the last a sheet has, IV) as
    column 0; the larger of both readings counts.
    """
    if end_row < 1 or end_column < 1:
        return 1, 1  # an empty sheet: calamine sets one cell aside
    rows = _wrapped(end_row, first_row)
    columns = _wrapped(end_column, first_column)
    if first_column > _LAST_XLS_COLUMN or end_column < first_column:
        columns = max(columns, end_column)  # read from column 0
    return rows, columns


class _Sheet:
    """Counts one sheet's cell records into the survey."""

    def __init__(self, survey: Survey, lengths: list[int], biff: int) -> None:
        self.survey = survey
        self.lengths = lengths
        self.biff = biff
        self.formula = (0, 0)  # the last formula's cell, which a String record's text is for
        self.claim = (0, 0)  # the rows and columns its Dimensions record gives

    def record(self, kind: int, data: bytes) -> None:
        if kind == _DIMENSIONS and len(data) in (10, 14):
            layout = "<IIHH" if len(data) == 14 else "<HHHH"  # by length, as calamine reads it
            self.claim = _claim(*struct.unpack_from(layout, data))
        elif kind == _MULRK:
            row, first = struct.unpack_from("<HH", data)
            (last,) = struct.unpack_from("<H", data, len(data) - 2)
            self.survey.filled(row + 1, first + 1, columns=max(last - first + 1, 1))
        elif kind == _STRING:
            (count,) = struct.unpack_from("<H", data)
            self.survey.filled(self.formula[0] + 1, self.formula[1] + 1, text=count)
        elif kind in (_NUMBER, _RK, _BOOLERR, _FORMULA, _LABEL, _RSTRING, _LABELSST):
            row, column = struct.unpack_from("<HH", data)
            self.survey.filled(row + 1, column + 1, text=self._text(kind, data))
            error = self._error(kind, data)
            if error is not None:
                self.survey.restore(row + 1, column + 1, error)
            if kind == _FORMULA:
                self.formula = (row, column)

    def _text(self, kind: int, data: bytes) -> int:
        if kind == _LABELSST:
            (index,) = struct.unpack_from("<I", data, 6)
            return self.lengths[index] if index < len(self.lengths) else 0
        if kind in (_LABEL, _RSTRING):
            return int(struct.unpack_from("<H", data, 6)[0])
        return 0

    @staticmethod
    def _error(kind: int, data: bytes) -> str | None:
        if kind == _BOOLERR and data[7]:
            return _ERRORS.get(data[6], "#VALUE!")
        if kind == _FORMULA and data[6] == 2 and data[12:14] == b"\xff\xff":
            return _ERRORS.get(data[8], "#VALUE!")
        return None


def survey_xls(data: bytes, where: str) -> Survey:
    """Survey the .xls file whose bytes are ``data``: the error values to restore.

    Raises:
        WorkbookError: the file is too large, damaged, protected by a password, or its
            sheets would need more memory than a workbook of this kind may (the limits of
            :mod:`._survey`).
    """
    if len(data) > MAX_SHEET_BYTES:
        raise WorkbookError(
            f"is larger than {MAX_SHEET_BYTES // 2**20} MB; a task overview or team is far smaller",
            path=where,
        )
    stream = workbook_stream(data, where)
    survey = Survey(where)
    try:
        sheets, lengths, biff = _globals(stream, where)
        for number, (start, name) in enumerate(sheets, start=1):
            if start >= len(stream):  # calamine would cut the stream there, and panic
                raise DamagedError(
                    f"its sheet {number} starts at byte {start:,}, past the end of the "
                    f"workbook's {len(stream):,} bytes"
                )
            survey.sheet(name)
            sheet = _Sheet(survey, lengths, biff)
            depth = 0
            for kind, record, _continued in _records(stream, start):
                depth += (kind == _BOF) - (kind == _EOF)
                if depth <= 0 and kind == _EOF:
                    break
                sheet.record(kind, record)
            # After the cells, so that a cell far away is named rather than the size it makes.
            survey.claimed(*sheet.claim)
    except (DamagedError, struct.error, IndexError) as exc:
        raise WorkbookError(f"the .xls file is damaged: {exc}", path=where) from None
    return survey
