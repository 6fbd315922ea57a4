"""Checks of the arguments of the public functions and methods; each raises FieldError naming one.

A value of the wrong type or out of range, given to a function or method of the public
API, is refused as a field's is: with a :class:`~ict_competence.errors.FieldError` naming
the argument, never left to fail further on with a bare ``TypeError`` or ``AttributeError``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import attrs

from ict_competence._checks._fields import as_tuple, found_as, is_of, type_names
from ict_competence.errors import FieldError

__all__ = [
    "argument",
    "more_items",
    "path_argument",
    "text_argument",
    "tuple_argument",
    "whole_argument",
    "with_fields",
    "wrong_type",
]


def more_items(name: str, items: tuple[Any, ...], more: object) -> tuple[Any, ...]:
    """``items`` and then those of the argument ``more`` (a list, tuple or other iterable).

    >>> more_items("scores", (1,), [2, 3])
    (1, 2, 3)
    >>> more_items("scores", (1,), 2)
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: scores: expected a list or tuple, found 2
    """
    added = as_tuple(more)
    if not isinstance(added, tuple):
        raise FieldError(name, f"expected a list or tuple, found {more!r}")
    return (*items, *added)


def text_argument(name: str, value: object) -> None:
    """Refuse an argument that is no text with at least one non-space character."""
    if not isinstance(value, str) or not value.strip():
        raise FieldError(name, f"expected non-empty text, found {value!r}")


def whole_argument(name: str, value: object, low: int, high: int | None = None) -> None:
    """Refuse an argument that is no ``int`` (a bool is none) from ``low`` to ``high``.

    >>> whole_argument("from_version", 0, 1, 1)
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: from_version: expected a whole number from 1 to 1, found 0
    """
    given: Any = value
    if (
        isinstance(given, bool)
        or not isinstance(given, int)
        or given < low
        or (high is not None and given > high)
    ):
        upto = f"from {low} to {high}" if high is not None else f">= {low}"
        raise FieldError(name, f"expected a whole number {upto}, found {value!r}")


def with_fields(name: str, value: object, *, of_class: bool = False) -> None:
    """Refuse an argument that is no object (or, ``of_class``, no class) of the library's.

    The library's objects are attrs classes: what JSON and the converter read and write.
    """
    cls = value if of_class else type(value)
    if not (isinstance(cls, type) and attrs.has(cls)):
        what = "a class" if of_class else "an object"
        found = repr(value) if of_class else type(value).__name__
        raise FieldError(name, f"expected {what} of the library's (with fields), found {found}")


def tuple_argument(name: str, value: object, *types: type) -> tuple[Any, ...]:
    """The argument ``value`` (a list, tuple or other iterable) as a tuple of ``types``.

    >>> tuple_argument("pins", ["a"], str)
    ('a',)
    >>> tuple_argument("pins", ["a", None], str)
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: pins[1]: expected str, found None
    """
    items = as_tuple(value)
    if not isinstance(items, tuple):
        raise FieldError(name, f"expected a list or tuple of {type_names(types)}, found {value!r}")
    for i, item in enumerate(items):
        if not is_of(item, types):
            raise wrong_type(f"{name}[{i}]", item, *types)
    return items


def argument(name: str, value: object, *types: type, private: bool = False) -> None:
    """Refuse an argument that is no instance of ``types``, with a FieldError naming it.

    For the methods and functions of the public API: a value of the wrong type is refused
    as a field's is, never left to fail further on (``None`` passes only when ``types``
    names ``type(None)``).

    Text that spells a member of an enum named in ``types`` is answered with the member
    to use (``found the text 'technical'; use Domain.TECHNICAL``).

    >>> argument("step", "5", int)
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: step: expected int, found '5'
    """
    if not is_of(value, types):
        raise wrong_type(name, value, *types, private=private)


def wrong_type(name: str, value: object, *types: type, private: bool = False) -> FieldError:
    """The error for an argument ``name`` that is no instance of ``types`` (to raise)."""
    return FieldError(
        name, f"expected {type_names(types)}, found {found_as(value, types, private)}"
    )


def path_argument(value: object, name: str = "path") -> Path:
    """``value`` as a :class:`~pathlib.Path`, once it is a file path: text or a path object.

    >>> path_argument("plan.json").name
    'plan.json'
    >>> path_argument(None)
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: path: expected a file path (str or Path), found None
    """
    text = os.fspath(value) if isinstance(value, os.PathLike) else value
    if isinstance(text, str) and text.strip():
        return Path(text)
    raise FieldError(name, f"expected a file path (str or Path), found {value!r}")
