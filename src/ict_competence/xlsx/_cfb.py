"""The workbook stream of a legacy .xls file, taken out of its compound file (MS-CFB).

An .xls is a small file system of its own: sectors, a table that chains them (the FAT),
a directory of named streams. Only the stream that holds the workbook is needed; it is
looked up under the names calamine looks under, in the same order. Every chain is
followed with its length bounded by the file's, so a loop or a pointer past the end is
refused as damage instead of being followed for ever.
"""

from __future__ import annotations

import struct

from ict_competence.errors import WorkbookError

__all__ = ["DamagedError", "workbook_stream"]

#: The names of the workbook stream, tried in this order (calamine's).
STREAM_NAMES = ("Workbook", "Book", "WORKBOOK", "BOOK")
_LAST_REGULAR = 0xFFFFFFFA  # sector numbers above are markers (end of chain, free, …)
_MINI_CUTOFF = 4096  # streams shorter than this live in the mini stream, in 64-byte sectors
_ENTRY = 128  # bytes of a directory entry
_NAME_BYTES = 64  # of which the name, in UTF-16 with its terminating zero; its length follows


class DamagedError(Exception):
    """An .xls contradicts itself: its compound file, or the workbook stream in it.

    The message says where; the callers turn it into a WorkbookError naming the file.
    """


class _File:
    """The compound file's sectors and the chains through them."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise DamagedError(f"{len(data)} bytes is shorter than its header")
        self.data = data
        self.version, _order, shift = struct.unpack_from("<HHH", data, 0x1A)
        if shift not in (9, 12):
            raise DamagedError(f"sector size 2^{shift}")
        self.size = 1 << shift
        self.count = len(data) // self.size  # sectors after the header, at most
        # Counts of sectors the header gives, which calamine sets memory aside for.
        for offset, what in ((0x2C, "FAT"), (0x40, "MiniFAT"), (0x48, "DIFAT")):
            (count,) = struct.unpack_from("<I", data, offset)
            if count > self.count:
                raise DamagedError(
                    f"its header counts {count:,} {what} sectors in a file of {self.count:,}"
                )
        self.fat = self._fat()

    def sector(self, number: int) -> bytes:
        start = (number + 1) * self.size
        # A sector cut short by the end of the file is damage too: calamine reads it whole
        # and panics on the bytes that are missing.
        if number > _LAST_REGULAR or start + self.size > len(self.data):
            raise DamagedError(f"sector {number} lies past the end of the file")
        return self.data[start : start + self.size]

    def _fat(self) -> list[int]:
        (first_difat,) = struct.unpack_from("<I", self.data, 0x44)
        numbers = list(struct.unpack_from("<109I", self.data, 0x4C))
        seen: set[int] = set()
        following = first_difat
        while following <= _LAST_REGULAR:
            if following in seen or len(seen) > self.count:
                raise DamagedError("its table of FAT sectors loops")
            seen.add(following)
            entries = struct.unpack(f"<{self.size // 4}I", self.sector(following))
            numbers += entries[:-1]
            following = entries[-1]
        fat: list[int] = []
        for number in numbers:
            if number <= _LAST_REGULAR:
                fat += struct.unpack(f"<{self.size // 4}I", self.sector(number))
        return fat

    def chain(self, first: int, table: list[int], limit: int) -> list[int]:
        """The sector numbers of the chain from ``first``, at most ``limit`` of them."""
        numbers: list[int] = []
        number = first
        while number <= _LAST_REGULAR:
            if len(numbers) >= limit or number >= len(table):
                raise DamagedError(f"a chain of sectors loops or leaves the table at {number}")
            numbers.append(number)
            number = table[number]
        return numbers

    def read(self, first: int, length: int | None = None) -> bytes:
        data = b"".join(self.sector(n) for n in self.chain(first, self.fat, self.count + 1))
        if length is not None and len(data) < length:
            raise DamagedError(f"a stream of {length} bytes ends after {len(data)}")
        return data if length is None else data[:length]


def _entries(cfb: _File) -> list[tuple[str, int, int]]:
    """The directory: each entry's name, first sector and size."""
    (first,) = struct.unpack_from("<I", cfb.data, 0x30)
    directory = cfb.read(first)  # whole sectors, so whole entries
    entries = []
    for offset in range(0, len(directory), _ENTRY):
        (length,) = struct.unpack_from("<H", directory, offset + _NAME_BYTES)
        if length > _NAME_BYTES:
            raise DamagedError(f"a name in its directory is {length} bytes long (at most 64)")
        name = directory[offset : offset + length].decode("utf-16-le", "replace")
        start, size = struct.unpack_from("<IQ", directory, offset + 116)
        if cfb.version == 3:
            size &= 0xFFFFFFFF  # version 3 leaves the high half undefined
        entries.append((name.rstrip("\0"), start, size))
    if not entries:
        raise DamagedError("its directory is empty")
    return entries


def _mini(cfb: _File, root: tuple[str, int, int], first: int, size: int) -> bytes:
    """A short stream, from the mini stream the root entry holds, in 64-byte sectors."""
    store = cfb.read(root[1], root[2])
    first_table, table_sectors = struct.unpack_from("<II", cfb.data, 0x3C)
    table_bytes = cfb.read(first_table) if table_sectors else b""
    whole = len(table_bytes) // 4
    table = list(struct.unpack_from(f"<{whole}I", table_bytes))
    numbers = cfb.chain(first, table, len(store) // 64 + 1)
    data = b"".join(store[n * 64 : n * 64 + 64] for n in numbers)
    if len(data) < size:
        raise DamagedError(f"a short stream of {size} bytes ends after {len(data)}")
    return data[:size]


def workbook_stream(data: bytes, where: str) -> bytes:
    """The workbook stream of the .xls file whose bytes are ``data``.

    Raises:
        WorkbookError: the compound file is damaged, holds no workbook (a Word document,
            say), or holds an encrypted (password-protected) workbook.
    """
    try:
        cfb = _File(data)
        entries = _entries(cfb)
        names = {name: (start, size) for name, start, size in reversed(entries)}
        found = next((name for name in STREAM_NAMES if name in names), None)
        if found is None:
            raise WorkbookError(_no_workbook(names), path=where)
        start, size = names[found]
        if size < _MINI_CUTOFF:
            return _mini(cfb, entries[0], start, size)
        return cfb.read(start, size)
    except (DamagedError, struct.error) as exc:
        raise WorkbookError(f"the .xls file is damaged: {exc}", path=where) from None


def _no_workbook(names: dict[str, tuple[int, int]]) -> str:
    if "EncryptedPackage" in names:
        return "is encrypted with a password; save a copy without a password and read that"
    return (
        "is a compound file (like an .xls) without a workbook in it, perhaps another Office "
        "document; expected an .xlsx, .ods or .xls workbook"
    )
