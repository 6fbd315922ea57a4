"""Checks a workbook passes before openpyxl parses it: a real zip, no bomb, no XML entities."""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from pathlib import Path

from ict_competence.errors import WorkbookError

#: Unpacked size of all parts together; a real task overview is well under 1 MB.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: Packing ratio of one part beyond which it is taken for a zip bomb.
MAX_RATIO = 200
_CHUNK = 1 << 16
# Workbook XML never declares a document type; a DOCTYPE or ENTITY is how entity-expansion
# attacks (billion laughs) and external entities get in, so any is refused outright.
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def check_workbook(path: Path) -> None:
    """Refuse anything that is not a plain, reasonably sized xlsx package."""
    where = str(path)
    try:
        status = path.stat()
    except OSError as exc:
        raise WorkbookError(f"cannot be opened: {exc.strerror or exc}", path=where) from None
    if not stat.S_ISREG(status.st_mode):
        raise WorkbookError("is not a file (a folder?); expected an .xlsx workbook", path=where)
    if status.st_size == 0:
        raise WorkbookError("the file is empty; expected an .xlsx workbook", path=where)
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            _check_sizes(members, where)
            # Every part, whatever its name: openpyxl finds sheets through the relationships,
            # so a part named .bin or .XML can hold XML too.
            for member in members:
                _check_xml(package, member, where)
    except zipfile.BadZipFile:
        raise WorkbookError(
            "not an .xlsx workbook (not a zip package); save it as Excel Workbook (.xlsx)",
            path=where,
        ) from None
    except (OSError, RuntimeError, EOFError, NotImplementedError, zlib.error) as exc:
        raise WorkbookError(f"the workbook's package is damaged: {exc}", path=where) from None


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


def _check_xml(package: zipfile.ZipFile, member: zipfile.ZipInfo, where: str) -> None:
    tail = b""
    with package.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            if _DECLARATION.search(tail + chunk):
                raise WorkbookError(
                    f"part {member.filename} declares a DOCTYPE or XML entities, which no "
                    "workbook needs; refused as a likely entity-expansion attack",
                    path=where,
                )
            tail = chunk[-16:]
