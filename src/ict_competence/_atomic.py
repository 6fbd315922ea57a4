"""Writing a file so that it is either wholly new or wholly as it was: never half written.

Every file the library writes (workbooks, plans, pages) goes through :func:`replace_file`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

__all__ = ["replace_file", "write_bytes"]


def replace_file(path: Path, write: Callable[[Path], object], *, mode: int | None = None) -> Path:
    """Let ``write`` fill a temporary file beside ``path``, then move it over ``path``.

    The temporary file is in the same folder (so the move is one rename on the same file
    system), flushed to disk before the move, and removed whatever goes wrong. A failure
    anywhere leaves an existing ``path`` byte for byte as it was.

    Args:
        path: the file to write.
        write: fills the file at the path it is given (``workbook.save``, say).
        mode: the permission bits of the new file (``0o600`` for personal data); by
            default those of the file it replaces, or the user's umask for a new file.

    Raises:
        OSError: whatever stopped the write, the flush or the move.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "plan.json"
    >>> replace_file(target, lambda p: p.write_text("{}"), mode=0o600).read_text()
    '{}'
    >>> oct(target.stat().st_mode & 0o777)
    '0o600'
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        write(temporary)
        if mode is not None:
            temporary.chmod(mode)
        elif path.exists():
            temporary.chmod(stat.S_IMODE(path.stat().st_mode))
        _flush(temporary)
        temporary.replace(path)
        _flush_folder(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return path


def write_bytes(path: Path, data: bytes, *, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` through :func:`replace_file`."""
    return replace_file(path, lambda temporary: temporary.write_bytes(data), mode=mode)


def _flush(path: Path) -> None:
    # The content must be on disk before the rename makes it the file: otherwise a crash
    # right after the rename can leave an empty file where the old one was.
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _flush_folder(folder: Path) -> None:
    # The rename itself lives in the folder; where the system lets a folder be opened,
    # flushing it makes the move survive a crash too.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - folders cannot be opened on some systems
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
