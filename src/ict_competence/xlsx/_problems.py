"""Every bad cell of a sheet, collected while it is read and reported in one error."""

from __future__ import annotations

from pathlib import Path

from ict_competence.errors import WorkbookError

#: Problems listed in one error; the message says how many more there are.
MAX_PROBLEMS = 50


class Problems:
    """Every problem found in a workbook, each ``Sheet!A1: message``, reported together."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []

    def __bool__(self) -> bool:
        return bool(self.lines)

    def add(self, sheet: str, ref: str, message: str) -> None:
        """Note that cell ``ref`` of ``sheet`` holds something other than what was expected."""
        self.lines.append(f"{sheet}!{ref}: {message}")

    def raise_if_any(self) -> None:
        """Raise one :class:`WorkbookError` listing the first :data:`MAX_PROBLEMS` problems.

        Raises:
            WorkbookError: at least one problem was found; ``problems`` holds every line.
        """
        if not self.lines:
            return
        count = len(self.lines)
        shown = self.lines[:MAX_PROBLEMS]
        more = f"\n  … and {count - len(shown)} more" if count > len(shown) else ""
        noun = "cell needs" if count == 1 else "cells need"
        raise WorkbookError(
            f"{count} {noun} correcting:\n  " + "\n  ".join(shown) + more,
            path=str(self.path),
            problems=tuple(self.lines),
        )
