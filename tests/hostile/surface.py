"""The public surface of the library, found by walking it, and values of the wrong type for a field.

``public_callables()`` lists every function, constructor, method and property reachable
from ``ict_competence.__all__``, so that a test can hold a table of them to it: a new public
name is either in the table or the test fails naming it. ``wrong_values(annotation)`` gives
values that do not fit a field's type annotation, for the constructors' table.
"""

from __future__ import annotations

import enum
import inspect
import math
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from typing import Any

import ict_competence as ic

#: What a public name is, as the exemption rules and the tables sort them.
Kind = typing.Literal[
    "function", "constructor", "method", "property", "exception", "enum", "protocol", "alias"
]


def _is_protocol(cls: type) -> bool:
    return bool(getattr(cls, "_is_protocol", False))


def _members(cls: type) -> Iterator[tuple[str, object]]:
    """The public attributes ``cls`` defines or inherits from the library's own classes."""
    seen: set[str] = set()
    for klass in inspect.getmro(cls):
        if not klass.__module__.startswith("ict_competence"):
            continue
        for name, value in vars(klass).items():
            if not name.startswith("_") and name not in seen:
                seen.add(name)
                yield name, value


def _member_kind(value: object) -> Kind | None:
    if isinstance(value, property | cached_property):
        return "property"
    if isinstance(value, staticmethod | classmethod) or inspect.isfunction(value):
        return "method"
    return None


def public_callables() -> dict[str, Kind]:
    """Every callable of the public API by its dotted name (``Team``, ``Team.person``, …)."""
    found: dict[str, Kind] = {}
    for name in ic.__all__:
        obj = getattr(ic, name)
        if typing.get_origin(obj) is typing.Literal:
            found[name] = "alias"
        elif isinstance(obj, type):
            found[name] = _class_kind(obj)
            if found[name] != "exception":
                for member, value in _members(obj):
                    kind = _member_kind(value)
                    if kind is not None:
                        found[f"{name}.{member}"] = kind
        elif callable(obj):
            found[name] = "function"
    return found


def _class_kind(cls: type) -> Kind:
    if issubclass(cls, BaseException):
        return "exception"
    if issubclass(cls, enum.Enum):
        return "enum"
    if _is_protocol(cls):
        return "protocol"
    return "constructor"


# -- values of the wrong type for a field -----------------------------------------------------

_HINTS: dict[type, dict[str, Any]] = {}


def field_type(cls: type, name: str) -> object:
    """The resolved type annotation of ``cls``'s field ``name``."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls].get(name, Any)


def fits(value: object, annotation: object) -> bool:
    """Whether ``value`` is of the type ``annotation`` names (a bool is no number, text no list)."""
    if annotation in (Any, object):
        return True
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(fits(value, arg) for arg in args)
    if origin is typing.Literal:
        return value in args
    return _fits_plain(value, annotation, origin, args)


def _fits_plain(
    value: object, annotation: object, origin: object, args: tuple[object, ...]
) -> bool:
    if annotation is type(None):
        return value is None
    if annotation in (int, float):
        numbers = int | float if annotation is float else int
        return isinstance(value, numbers) and not isinstance(value, bool)
    kind = origin if origin is not None else annotation
    return _fits_class(value, kind, args) if isinstance(kind, type) else True


def _fits_class(value: object, kind: type, args: tuple[object, ...]) -> bool:
    if kind is tuple:
        item = args[0] if args else Any
        return isinstance(value, tuple) and all(fits(v, item) for v in value)
    if issubclass(kind, Mapping):
        key, item = args or (Any, Any)
        pairs = value.items() if isinstance(value, Mapping) else None
        return pairs is not None and all(fits(k, key) and fits(v, item) for k, v in pairs)
    if kind.__module__ == "collections.abc" and issubclass(kind, Iterable):
        return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)
    if kind.__module__ == "collections.abc":
        return callable(value)
    return isinstance(value, kind)


class _Opaque:
    """An object of no type the library knows, with a repr that says so."""

    def __repr__(self) -> str:
        return "<an object>"


#: A value of each kind a caller gets wrong: nothing, a bool, text, numbers, a dict, an object.
POOL: tuple[object, ...] = (None, True, "text", 2.5, 7, {"k": 1}, _Opaque())


def wrong_values(annotation: object) -> tuple[object, ...]:
    """Values that do not fit ``annotation``: from the pool, and for numbers NaN and infinity.

    A tuple's field also gets a tuple holding something of no fitting type, a mapping's a
    mapping with such a value.
    """
    wrong = [value for value in POOL if not fits(value, annotation)]
    if _numeric(annotation):
        wrong += [math.nan, math.inf, -math.inf]
    extra: list[object] = [(_Opaque(),), {"k": _Opaque()}]
    wrong += [value for value in extra if not fits(value, annotation)]
    return tuple(wrong)


def _numeric(annotation: object) -> bool:
    args = typing.get_args(annotation)
    return annotation is float or (
        float in args and typing.get_origin(annotation) in (typing.Union, types.UnionType)
    )


def describe(value: object) -> str:
    """A short name of a bad value for a test's failure message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


Call = Callable[[], object]
