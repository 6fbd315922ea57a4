"""The library's exceptions: one base class, and subclasses that say where the bad input is."""

from __future__ import annotations

__all__ = [
    "ContentError",
    "FieldError",
    "IctCompetenceError",
    "SerializationError",
    "UnknownCodeError",
    "WorkbookError",
]


class IctCompetenceError(Exception):
    """Base class of every error this library raises on purpose.

    Catch this one to handle anything the library refuses, whatever the source.
    """


class FieldError(IctCompetenceError, ValueError):
    """A field of a domain object got a value outside what it accepts.

    Attributes:
        field: the name of the field, so a JSON or TOML path can end in it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class UnknownCodeError(IctCompetenceError, LookupError):
    """A task, role or other code was asked for that does not exist."""

    def __init__(self, kind: str, code: str, known: tuple[str, ...]) -> None:
        shown = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
        super().__init__(f"no {kind} with code {code!r}; known codes: {shown}")
        self.kind = kind
        self.code = code
        self.known = known


class SerializationError(IctCompetenceError, ValueError):
    """JSON (or TOML) that does not describe the object it should.

    Attributes:
        problems: one line per problem, each ``$.path: what was expected``.
    """

    def __init__(self, problems: list[str], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        head = f"{source}: " if source else ""
        if len(problems) == 1:
            text = head + problems[0]
        else:
            text = head + f"{len(problems)} problems:\n  " + "\n  ".join(problems)
        super().__init__(text)


class ContentError(IctCompetenceError, ValueError):
    """Catalog or dialogue content (packaged or a user's file) that breaks an integrity rule."""


class WorkbookError(IctCompetenceError, ValueError):
    """A workbook that cannot be read or written; names the file, sheet and cell where known.

    Attributes:
        path: the workbook file.
        sheet: the sheet name, if the problem is inside one.
        cell: the A1 reference of the cell, if the problem is in one.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
    ) -> None:
        where = ""
        if sheet and cell:
            where = f"{sheet}!{cell}"
        elif sheet:
            where = sheet
        place = ": ".join(part for part in (path, where) if part)
        super().__init__(f"{place}: {message}" if place else message)
        self.path = path
        self.sheet = sheet
        self.cell = cell
