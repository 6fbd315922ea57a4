"""Telling a catalog code typed loosely (``TECH-3``, ``tech 03``) from a school's own code."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# Spaces, dashes, dots and underscores a person types between a prefix and its number.
_SEPARATORS = re.compile(r"[\s\-_.]+")
_PARTS = re.compile(r"([^\W\d_]+)(\d*)")
# How alike a typed code and a catalog code must be, squeezed, to suggest the one for the other.
_CLOSE = 0.85


def _squeezed(code: str) -> str:
    return _SEPARATORS.sub("", code).casefold()


def _parts(squeezed: str) -> tuple[str, int | None] | None:
    """A squeezed code's letters and number (``tech03`` → ``tech``, 3); ``None`` without letters."""
    parts = _PARTS.match(squeezed)
    if parts is None:
        return None
    whole = parts.end() == len(squeezed) and parts.group(2)
    return parts.group(1), int(parts.group(2)) if whole else None


class Codes:
    """The task codes a workbook may use, and the catalog's prefixes a school's own code avoids.

    Args:
        known: the codes of the catalog's tasks and of the tasks the workbook defines.
        prefixes: the catalog's code prefixes (``TECH``, ``PED``, …), from its clusters.
    """

    def __init__(self, known: Iterable[str], prefixes: Iterable[str]) -> None:
        self.known = tuple(known)
        self.prefixes = tuple(prefixes)
        # A code typed in another case is still the catalog's task, not a new one.
        self._by_case = {code.casefold(): code for code in self.known}
        self._by_squeezed = {_squeezed(code): code for code in self.known}
        self._by_number = {
            parts: code for code in self.known if (parts := _parts(_squeezed(code))) is not None
        }
        self._folded_prefixes = {prefix.casefold() for prefix in self.prefixes}

    def resolve(self, typed: str) -> str:
        """The known code ``typed`` stands for, or ``typed`` itself for a school's own task.

        Raises:
            ValueError: ``typed`` starts with a catalog prefix but is no code of the catalog;
                the message suggests the code it is closest to, if there is one.
        """
        known = self._by_case.get(typed.casefold())
        if known is not None:
            return known
        squeezed = _squeezed(typed)
        parts = _parts(squeezed)
        if parts is None or parts[0] not in self._folded_prefixes:
            return typed
        guess = self._by_number.get(parts) or self._closest(squeezed)
        hint = f"; did you mean {guess}?" if guess else ", though it starts like one."
        return self._refuse(typed, hint)

    def _closest(self, squeezed: str) -> str | None:
        close = difflib.get_close_matches(squeezed, list(self._by_squeezed), n=1, cutoff=_CLOSE)
        return self._by_squeezed[close[0]] if close else None

    def _refuse(self, typed: str, hint: str) -> str:
        raise ValueError(
            f"{typed!r} is not a catalog code{hint} A school's own task needs a code outside "
            f"the catalog's prefixes {', '.join(self.prefixes)} (for example EIGEN-01)"
        )
