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

    The temporary file is created with its final permission bits before ``write`` puts
    anything in it, so personal data is never readable by others, not even for a moment.

    Args:
        path: the file to write.
        write: fills the file at the path it is given (``workbook.save``, say); it opens
            the file that is there, which keeps its permission bits.
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
    if mode is None and path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
    _create(temporary, mode)  # before ``try``: a name someone else holds is not ours to remove
    try:
        # The umask may have taken bits the mode asks for: set them while the file is empty.
        _keep_mode(temporary, mode)
        write(temporary)
        _keep_mode(temporary, mode)  # in case ``write`` made a file of its own
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


def _create(path: Path, mode: int | None) -> None:
    """Create ``path`` empty, new (never an existing file), with ``mode`` from the start."""
    # Without a mode the user's umask applies, as to any new file (0o666 & ~umask).
    descriptor = os.open(
        path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666 if mode is None else mode
    )
    os.close(descriptor)


def _keep_mode(path: Path, mode: int | None) -> None:
    if mode is not None and stat.S_IMODE(path.stat().st_mode) != mode:
        path.chmod(mode)


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
