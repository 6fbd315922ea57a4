"""Which kind of workbook a file holds, told by its first bytes rather than by its name.

A zip package is an Excel workbook (.xlsx) unless its first entry is the OpenDocument
``mimetype`` of a spreadsheet (.ods); a compound file (OLE2, ``D0 CF 11 E0``) is a legacy
Excel workbook (.xls). A file whose name promises another kind than it holds is refused,
and so is anything else.
"""

from __future__ import annotations

import enum
import struct
from pathlib import Path

from ict_competence.errors import WorkbookError

__all__ = ["HEAD_BYTES", "ODS_MIMETYPE", "Kind", "kind_of", "sniff"]

#: The ``mimetype`` entry of an OpenDocument spreadsheet, the first entry of its zip package.
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_OPENDOCUMENT = b"application/vnd.oasis.opendocument."
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")
#: Bytes read to tell the kind: a zip's first local header with the mimetype entry fits.
HEAD_BYTES = 256


class Kind(enum.Enum):
    """A kind of workbook file the readers accept."""

    XLSX = "xlsx"
    ODS = "ods"
    XLS = "xls"

    @property
    def suffix(self) -> str:
        """The usual file name ending, ``.xlsx``."""
        return f".{self.value}"

    @property
    def described(self) -> str:
        """The kind in words, for messages: ``an OpenDocument spreadsheet (.ods)``."""
        return {
            Kind.XLSX: "an Excel workbook (.xlsx)",
            Kind.ODS: "an OpenDocument spreadsheet (.ods)",
            Kind.XLS: "a legacy Excel 97–2003 workbook (.xls)",
        }[self]

    @property
    def save_as(self) -> str:
        """The file type to choose in a spreadsheet program's Save As, for messages."""
        return {
            Kind.XLSX: "Excel Workbook (.xlsx)",
            Kind.ODS: "OpenDocument Spreadsheet (.ods)",
            Kind.XLS: "Excel 97–2003 Workbook (.xls)",
        }[self]


_SUFFIXES = {".xlsx": Kind.XLSX, ".xlsm": Kind.XLSX, ".ods": Kind.ODS, ".xls": Kind.XLS}
_UNKNOWN = (
    "not an .xlsx workbook (not a zip package), nor an .ods or .xls one; save it as Excel "
    "Workbook (.xlsx) or OpenDocument Spreadsheet (.ods)"
)


def _first_entry(head: bytes) -> tuple[bytes, bytes]:
    """The name and (if stored unpacked) the start of the data of a zip's first entry."""
    if len(head) < 30 or head[:4] != _ZIP[0]:
        return b"", b""
    method, size, name_length, extra_length = struct.unpack_from("<8xH8xI4xHH", head)
    name = head[30 : 30 + name_length]
    start = 30 + name_length + extra_length
    data = head[start : start + size] if method == 0 else b""
    return name, data


def sniff(head: bytes, where: str) -> Kind:
    """The kind of workbook whose file starts with ``head``.

    Raises:
        WorkbookError: neither a zip package nor a compound file, or an OpenDocument file
            that is not a spreadsheet (a text document, say).
    """
    if head.startswith(_OLE2):
        return Kind.XLS
    if head[:4] not in _ZIP:
        raise WorkbookError(_UNKNOWN, path=where)
    name, data = _first_entry(head)
    if name == b"mimetype" and data.startswith(_OPENDOCUMENT):
        if data.startswith(ODS_MIMETYPE) and data[len(ODS_MIMETYPE) :] in (b"", b"\n"):
            return Kind.ODS
        found = data.decode("ascii", "replace")
        raise WorkbookError(
            f"is an OpenDocument file but not a spreadsheet ({found}); expected an .ods, "
            ".xlsx or .xls workbook",
            path=where,
        )
    return Kind.XLSX


def kind_of(path: Path, found: Kind) -> Kind:
    """``found``, the kind the content shows, when the file's name does not promise another.

    A name without a workbook's ending (``.csv``, ``.bin``, none) promises nothing.

    Raises:
        WorkbookError: the name ends in ``.xlsx``, ``.ods`` or ``.xls`` and the content is
            of another of these kinds.
    """
    promised = _SUFFIXES.get(path.suffix.lower())
    if promised is None or promised is found:
        return found
    raise WorkbookError(
        f"is named {path.suffix} but holds {found.described}; rename it to end in "
        f"{found.suffix}, or save it again as {promised.described}",
        path=str(path),
    )
