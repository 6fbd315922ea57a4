"""The checks of what an allocation is asked to run with: one wording wherever it is given.

:func:`~ict_competence.allocation.allocate` checks its arguments with these functions,
:class:`~ict_competence.allocation.AllocationJob` its fields (through
:func:`field_check`) and :func:`~ict_competence.allocation.allocate_many` its executor, so
that a solver, a time limit or an executor is refused in the same words whichever way it
came in. A command line may call them on what it parsed, naming its own option
(``check_time_limit(seconds, "--time-limit")``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any, Literal, cast

import attrs

from ict_competence._checks import Validator
from ict_competence.errors import FieldError

__all__ = [
    "SOLVERS",
    "Solver",
    "check_executor",
    "check_solver",
    "check_time_limit",
    "field_check",
]

Solver = Literal["heuristic", "optimal"]
#: The solvers ``allocate`` knows, by the name it is given.
SOLVERS: tuple[Solver, ...] = ("heuristic", "optimal")


def check_solver(value: object, name: str = "solver") -> Solver:
    """``value`` once it names a solver of :data:`SOLVERS`.

    >>> check_solver("optimal")
    'optimal'
    >>> check_solver("fast")
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: solver: expected one of 'heuristic', 'optimal', found 'fast'
    """
    if not isinstance(value, str) or value not in SOLVERS:
        expected = ", ".join(repr(solver) for solver in SOLVERS)
        raise FieldError(name, f"expected one of {expected}, found {value!r}")
    return value


def check_time_limit(value: object, name: str = "time_limit") -> float | None:
    """``value`` once it is a time limit: a finite number of seconds above 0, or ``None``.

    >>> check_time_limit(30), check_time_limit(None)
    (30, None)
    >>> check_time_limit(0, "--time-limit")
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: --time-limit: expected a finite number of seconds > 0, found 0
    """
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise FieldError(name, f"expected a finite number of seconds > 0, found {value!r}")
    return value


def check_executor(value: object, name: str = "executor") -> Executor | None:
    """``value`` once it has a ``submit`` (a ``concurrent.futures.Executor``), or ``None``."""
    if value is not None and not callable(getattr(value, "submit", None)):
        raise FieldError(name, f"expected a concurrent.futures.Executor, found {value!r}")
    return cast("Executor | None", value)


def field_check(check: Callable[[object, str], object]) -> Validator:
    """An attrs validator that runs ``check(value, field name)``: the same check for a field.

    >>> @attrs.frozen
    ... class Run:
    ...     solver: str = attrs.field(validator=field_check(check_solver))
    >>> Run("fast")
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: solver: expected one of 'heuristic', 'optimal', found 'fast'
    """

    def validate(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        check(value, attribute.name)

    return validate
