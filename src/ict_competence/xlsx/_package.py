"""The checks of a zip package (.xlsx, .ods), from its directory and its bytes, before parsing.

The directory gives each part's size unpacked and packed: a part that unpacks to far
more than a workbook holds, or is packed so tightly that it must be a zip bomb, is
refused without unpacking anything. Then every part is unpacked once and its bytes
searched for what no workbook needs: a DOCTYPE or ENTITY declaration, the way in of
entity expansion (billion laughs) and external entities. A part may be written in
UTF-16 (its first bytes say so), which hides a declaration from a search for the
UTF-8 bytes; such a part is decoded first. defusedxml, which openpyxl parses with,
refuses entities as a second layer behind this one.
"""

from __future__ import annotations

import codecs
import re
import zipfile

from ict_competence.errors import WorkbookError

__all__ = ["MAX_RATIO", "MAX_UNPACKED_BYTES", "check_package"]

#: Unpacked size of all parts together; a real task overview is well under 1 MB.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: Packing ratio of one part beyond which it is taken for a zip bomb.
MAX_RATIO = 200
_CHUNK = 1 << 16
#: Characters kept from the end of one chunk, so that a declaration split over two is found.
_OVERLAP = 32
# Workbook XML never declares a document type; a DOCTYPE or ENTITY is how entity-expansion
# attacks (billion laughs) and external entities get in, so any is refused outright.
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARATION_TEXT = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
#: How a part in UTF-16 starts: with a byte order mark, or (without one) with "<" and a zero.
_UTF16 = (
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"<\0", "utf-16-le"),
    (b"\0<", "utf-16-be"),
)


def check_package(package: zipfile.ZipFile, where: str) -> None:
    """Refuse a package whose parts are too large, too tightly packed, or declare entities.

    Raises:
        WorkbookError: the part (or the package) is named.
        zipfile.BadZipFile, OSError, ...: the package is damaged (the caller words it).
    """
    members = package.infolist()
    _check_sizes(members, where)
    # Every part, whatever its name: openpyxl finds sheets through the relationships, so a
    # part named .bin or .XML can hold XML too.
    for member in members:
        _check_declarations(package, member, where)


def _check_sizes(members: list[zipfile.ZipInfo], where: str) -> None:
    total = 0
    for member in members:
        total += member.file_size
        if total > MAX_UNPACKED_BYTES:
            raise WorkbookError(
                f"unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB; refused as a likely "
                "zip bomb (a task overview is well under 1 MB)",
                path=where,
            )
        if member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise WorkbookError(
                f"part {member.filename} is packed more than {MAX_RATIO}:1; "
                "refused as a likely zip bomb",
                path=where,
            )


def _utf16(first: bytes) -> str | None:
    """The codec of a part in UTF-16, told from its first bytes; None for any other part."""
    return next((codec for start, codec in _UTF16 if first.startswith(start)), None)


def _check_declarations(package: zipfile.ZipFile, member: zipfile.ZipInfo, where: str) -> None:
    with package.open(member) as stream:
        chunk = stream.read(_CHUNK)
        codec = _utf16(chunk)
        if codec is None:
            tail = b""
            while chunk:
                if _DECLARATION.search(tail + chunk):
                    raise _declares(member, where)
                tail = chunk[-_OVERLAP:]
                chunk = stream.read(_CHUNK)
            return
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        text_tail = ""
        while chunk:
            text = decoder.decode(chunk)
            if _DECLARATION_TEXT.search(text_tail + text):
                raise _declares(member, where)
            text_tail = text[-_OVERLAP:]
            chunk = stream.read(_CHUNK)


def _declares(member: zipfile.ZipInfo, where: str) -> WorkbookError:
    return WorkbookError(
        f"part {member.filename} declares a DOCTYPE or XML entities, which no workbook needs; "
        "refused as a likely entity-expansion attack",
        path=where,
    )
