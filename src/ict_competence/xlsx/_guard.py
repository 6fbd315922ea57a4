"""Checks a workbook passes before openpyxl or calamine parses it.

The file is read into memory once, after its size is checked; everything after works on
those bytes, so that what was checked is what is parsed. Its kind is told from its first
bytes (:mod:`._kinds`). A zip package (.xlsx, .ods) must be no bomb and declare no XML
entities (:mod:`._package`); the sheets of an .ods or .xls are surveyed for what they
would ask of memory (:mod:`._survey`).
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from pathlib import Path

import attrs

from ict_competence.errors import WorkbookError
from ict_competence.xlsx._kinds import HEAD_BYTES, ODS_MIMETYPE, Kind, kind_of, sniff
from ict_competence.xlsx._ods_survey import survey_ods
from ict_competence.xlsx._package import MAX_UNPACKED_BYTES, check_package
from ict_competence.xlsx._survey import Merged, Restored
from ict_competence.xlsx._xls_survey import survey_xls

__all__ = ["Checked", "check_workbook"]


#: The largest file read: no package may unpack to more, and an .xls is smaller still.
MAX_FILE_BYTES = MAX_UNPACKED_BYTES


@attrs.frozen
class Checked:
    """A workbook that passed the checks: its kind, its bytes, and values to restore.

    The values to restore (.ods, .xls) are those calamine does not give as the file holds
    them (see :mod:`._survey`); the merged cells (.ods) those calamine does not give at all.
    """

    kind: Kind
    data: bytes = attrs.field(repr=lambda data: f"<{len(data):,} bytes>")
    restored: Restored = attrs.field(factory=dict)
    merged: dict[int, list[Merged]] = attrs.field(factory=dict)


def check_workbook(path: Path) -> Checked:
    """Refuse anything that is not a plain, reasonably sized workbook; say which kind it is.

    Raises:
        WorkbookError: not a file, empty, of no kind read here or of another kind than its
            name says, a zip bomb, XML with entity declarations, damaged, or (.ods, .xls)
            sheets that would need more memory than a workbook of this kind may.
    """
    where = str(path)
    if "\0" in where:
        # No file system allows it, and os.stat would raise a bare ValueError. The name is
        # shown as Python writes it, so that the NUL can be seen.
        raise WorkbookError(
            "the file name holds a NUL character (\\x00), which no file name can; check "
            "where the name came from",
            path=repr(where),
        )
    try:
        status = path.stat()
    except OSError as exc:
        raise WorkbookError(f"cannot be opened: {exc.strerror or exc}", path=where) from None
    if not stat.S_ISREG(status.st_mode):
        raise WorkbookError("is not a file (a folder?); expected an .xlsx workbook", path=where)
    if status.st_size == 0:
        raise WorkbookError("the file is empty; expected an .xlsx workbook", path=where)
    data = _read(path, where)
    kind = sniff(data[:HEAD_BYTES], where)
    if kind is Kind.XLS:
        # Surveyed first: an encrypted .xlsx is a compound file too, and is named as such.
        restored = survey_xls(data, where).restored
        kind_of(path, kind)
        return Checked(kind, data, restored)
    return _check_package(path, data, kind, where)


def _read(path: Path, where: str) -> bytes:
    """The file's bytes, read once; refused unread when it is larger than any workbook read."""
    too_large = WorkbookError(
        f"is larger than {MAX_FILE_BYTES // 2**20} MB; a task overview or team is well under 1 MB",
        path=where,
    )
    if path.stat().st_size > MAX_FILE_BYTES:
        raise too_large
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise WorkbookError(f"cannot be opened: {exc.strerror or exc}", path=where) from None
    if len(data) > MAX_FILE_BYTES:  # it grew since it was measured
        raise too_large
    return data


def _check_package(path: Path, data: bytes, kind: Kind, where: str) -> Checked:
    restored: Restored = {}
    merged: dict[int, list[Merged]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            check_package(package, where)
            if kind is Kind.XLSX and _mimetype(package) == ODS_MIMETYPE:
                kind = Kind.ODS  # the mimetype entry is not first, as it should be
            kind_of(path, kind)
            if kind is Kind.ODS:
                survey = survey_ods(package, where)
                restored, merged = survey.restored, survey.merged
    except WorkbookError:
        raise
    except zipfile.BadZipFile:
        raise WorkbookError(
            f"not an {kind.suffix} workbook (not a zip package, or one cut off or damaged); "
            f"save it again as {kind.save_as}",
            path=where,
        ) from None
    except (OSError, RuntimeError, EOFError, ValueError, zlib.error) as exc:
        # zipfile's own kinds of damage: a bad CRC, a name that is no UTF-8, a method it lacks
        raise WorkbookError(f"the workbook's package is damaged: {exc}", path=where) from None
    return Checked(kind, data, restored, merged)


def _mimetype(package: zipfile.ZipFile) -> bytes:
    try:
        info = package.getinfo("mimetype")
    except KeyError:
        return b""
    with package.open(info) as stream:
        return stream.read(len(ODS_MIMETYPE) + 1).strip()
