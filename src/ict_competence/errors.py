"""The library's exceptions: one base class, and subclasses that say where the bad input is."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "AllocationError",
    "ContentError",
    "FieldError",
    "IctCompetenceError",
    "MissingExtraError",
    "MoveError",
    "PlanError",
    "RenderError",
    "RoadmapError",
    "SerializationError",
    "UnknownCodeError",
    "WorkbookError",
]

#: How many known codes an UnknownCodeError shows before it counts the rest.
_SHOWN_CODES = 12


class IctCompetenceError(Exception):
    """Base class of every error this library raises on purpose.

    Catch this one to handle anything the library refuses, whatever the source.

    Every one pickles as it is (message, attributes and notes), so that an error raised
    in a worker process of a pool or a Dask cluster reaches the caller unchanged: the
    subclasses build their message in ``__init__`` from other arguments, which pickle's
    default (calling the class with the message alone) would not survive.

    >>> import pickle
    >>> error = pickle.loads(pickle.dumps(UnknownCodeError("task", "X-1", ("A-1",))))
    >>> print(error, error.code)
    no task with code 'X-1'; known codes: A-1 X-1
    """

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(
    cls: type[IctCompetenceError], args: tuple[object, ...], state: dict[str, object]
) -> IctCompetenceError:
    """An unpickled error: its message and attributes as they were, ``__init__`` not run."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


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
    """A task, role or other code was asked for that does not exist.

    The message lists the known codes, the first twelve by name and the rest counted, so
    that a long list neither floods the message nor hides how much it leaves out.

    Attributes:
        kind: what was looked up (``task``, ``person``, ``step``), as the message names it.
        code: the code asked for.
        known: every code there is, in order.

    >>> print(UnknownCodeError("step", "9", tuple(str(n) for n in range(1, 15))))
    no step with code '9'; known codes: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, … and 2 more
    """

    def __init__(self, kind: str, code: str, known: tuple[str, ...]) -> None:
        shown = ", ".join(known[:_SHOWN_CODES])
        if len(known) > _SHOWN_CODES:
            shown += f", … and {len(known) - _SHOWN_CODES} more"
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
        problems: one line per bad cell (``Takenoverzicht!J4: expected …``) when a sheet
            was read with several; empty for a refusal of the file as a whole.
        missing_sheet: the sheet a reader needs and the workbook lacks (``"Team"`` when
            :func:`~ict_competence.xlsx.read_team` is given an overview's workbook, say);
            ``None`` for any other refusal. It tells a workbook of another kind from a
            damaged one without reading the message.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        problems: tuple[str, ...] = (),
        missing_sheet: str | None = None,
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
        self.problems = problems
        self.missing_sheet = missing_sheet


class RoadmapError(ContentError):
    """A roadmap definition that breaks a rule of the flow; each problem names its steps.

    Attributes:
        problems: one line per problem, each starting with the step(s) it is about.
        steps: the numbers of every step named in a problem, sorted.
        source: the file the roadmap was read from, put in front of the message; ``None``
            for a roadmap built in code.

    >>> print(RoadmapError(["step 3: a trap"], [3], source="eigen.toml"))
    eigen.toml: roadmap:
      step 3: a trap
    """

    def __init__(
        self, problems: Iterable[str], steps: Iterable[int], *, source: str | None = None
    ) -> None:
        self.problems = tuple(problems)
        self.steps = tuple(sorted(set(steps)))
        self.source = source
        head = f"{source}: " if source else ""
        super().__init__(head + "roadmap:\n  " + "\n  ".join(self.problems))


class MoveError(IctCompetenceError, ValueError):
    """A roadmap session move that does not fit the step the session is at.

    Attributes:
        step: the number of the step the session is at.
        accepts: the moves that step does accept, in words.

    >>> str(MoveError(5, "an action is completed, not answered", "complete()"))
    'step 5: an action is completed, not answered; it accepts complete()'
    """

    def __init__(self, step: int, message: str, accepts: str) -> None:
        super().__init__(f"step {step}: {message}; it accepts {accepts}")
        self.step = step
        self.accepts = accepts


class AllocationError(IctCompetenceError, ValueError):
    """An allocation that cannot be made as asked, such as a pin that breaks a hard rule.

    Attributes:
        rule: the name of the rule that is broken, if one is.
        person: the id of the person concerned, if one is.
        key: the task instance concerned, if one is.
    """

    def __init__(
        self,
        message: str,
        *,
        rule: str | None = None,
        person: str | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.rule = rule
        self.person = person
        self.key = key


class MissingExtraError(IctCompetenceError, ImportError):
    """A feature needs an optional extra that is not installed; the message says how to add it.

    Attributes:
        extra: the extra's name, as in ``pip install 'ict-competence[<extra>]'``.

    >>> print(MissingExtraError("pandas", "to_dataframe()"))
    to_dataframe() needs the optional extra 'pandas': pip install 'ict-competence[pandas]'
    """

    def __init__(self, extra: str, feature: str) -> None:
        super().__init__(
            f"{feature} needs the optional extra {extra!r}: pip install 'ict-competence[{extra}]'"
        )
        self.extra = extra


class PlanError(IctCompetenceError):
    """A school plan that cannot do what was asked: evaluate without an allocation, save or load.

    The message names the plan's file where there is one, never a person's name.
    """


class RenderError(IctCompetenceError, ValueError):
    """A render that cannot be done; the message names what, and what there is instead.

    Raised for an unknown format, a type a format does not render (listing the pairs
    that exist), an unknown or invalid option (naming the accepted values), a broken
    template (naming it and its line), and something registered that is no renderer.
    """
