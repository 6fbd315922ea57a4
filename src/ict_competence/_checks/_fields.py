"""Small attrs validators shared by the domain packages; each raises FieldError naming the field."""

from __future__ import annotations

import enum
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from typing import Any, TypeGuard

import attrs

from ict_competence.errors import FieldError

__all__ = [
    "Validator",
    "as_tuple",
    "at_least",
    "code",
    "codes",
    "duplicates",
    "each",
    "finite",
    "finite_non_negative",
    "found_as",
    "hidden",
    "in_range",
    "instance_of",
    "is_finite_number",
    "is_of",
    "items_of",
    "items_with",
    "mapping_of",
    "matching",
    "non_blank",
    "non_empty",
    "optional_of",
    "shown",
    "tuple_of",
    "type_names",
    "unique",
    "values_in_range",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def matching(pattern: str, expected: str) -> Validator:
    """Accept a string that matches ``pattern`` as a whole; the message says ``expected``.

    >>> @attrs.frozen
    ... class Room:
    ...     number: str = attrs.field(validator=matching(r"[0-9]{3}", "three digits"))
    >>> Room("12a")
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: number: expected three digits, found '12a'
    """
    compiled = re.compile(pattern)

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str) or not compiled.fullmatch(value):
            raise FieldError(attribute.name, f"expected {expected}, found {value!r}")

    return check


#: Accepts a stable code: letters, digits and ``- _ . :``, at most 40 characters.
code = matching(
    r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,39}", "a code of letters, digits and - _ . : (at most 40)"
)


def codes(instance: object, attribute: attrs.Attribute[Any], value: Iterable[object]) -> None:
    """Accept a tuple of distinct codes."""
    tuple_of(str)(instance, attribute, value)
    for item in value:
        code(instance, attribute, item)
    unique()(instance, attribute, value)


def duplicates(items: Iterable[Hashable]) -> list[str]:
    """The items that occur more than once, as sorted text (for integrity messages)."""
    return sorted(str(item) for item, count in Counter(items).items() if count > 1)


def type_names(types: tuple[type, ...]) -> str:
    return " or ".join("None" if t is type(None) else t.__name__ for t in types)


def shown(value: object, *, private: bool = False) -> str:
    """How a message shows a value it refuses: its ``repr``, or only its type for personal data.

    A name or a note given as the wrong type is still a name or a note: a message about
    such a field says what kind of value it got, never what it holds.

    >>> shown(["Jan"]), shown(["Jan"], private=True), shown(7, private=True)
    ("['Jan']", 'a list', 'an int')
    """
    if not private:
        return repr(value)
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def found_as(value: object, types: tuple[type, ...], private: bool) -> str:
    """What a message says it found: for text that spells a member of an enum, which to use."""
    members = [member for t in types if issubclass(t, enum.Enum) for member in t]
    return _found_key(value, members) if members else shown(value, private=private)


def is_of(value: object, types: tuple[type, ...]) -> bool:
    """Whether ``value`` is one of ``types``; a bool is no number unless ``bool`` is named."""
    return isinstance(value, types) and (bool in types or not isinstance(value, bool))


def instance_of(*types: type, private: bool = False) -> Validator:
    """Accept an instance of one of ``types`` (a bool is not taken for a number).

    With ``private`` the message shows only the type of a refused value (personal data).

    >>> @attrs.frozen
    ... class Note:
    ...     text: str = attrs.field(validator=instance_of(str, private=True))
    >>> Note(["Jan is ziek"])
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: text: expected str, found a list
    """

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not is_of(value, types):
            raise FieldError(
                attribute.name,
                f"expected {type_names(types)}, found {found_as(value, types, private)}",
            )

    return check


def optional_of(*types: type, private: bool = False) -> Validator:
    """Accept ``None`` or an instance of one of ``types``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not is_of(value, types):
            raise FieldError(
                attribute.name,
                f"expected {type_names(types)} or None, found {found_as(value, types, private)}",
            )

    return check


def as_tuple(value: Any) -> Any:  # noqa: ANN401 - a converter sees whatever it is given
    """Convert a list or other iterable to a tuple (an attrs converter).

    Text, bytes, mappings and what is not iterable pass through unchanged, for the field's
    validator to refuse with a message that names the field: a dict is no list of entries.

    >>> as_tuple(["a", "b"]), as_tuple("ab"), as_tuple(None)
    (('a', 'b'), 'ab', None)
    """
    if isinstance(value, tuple | str | bytes | Mapping) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def tuple_of(*types: type, private: bool = False) -> Validator:
    """Accept a tuple whose items are instances of one of ``types``; name a bad item's index.

    >>> @attrs.frozen
    ... class Tags:
    ...     tags: tuple[str, ...] = attrs.field(validator=tuple_of(str))
    >>> Tags(("a", 2))
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: tags[1]: expected str, found 2
    """

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise FieldError(
                attribute.name, f"expected a tuple, found {shown(value, private=private)}"
            )
        for i, item in enumerate(value):
            if not is_of(item, types):
                raise FieldError(
                    f"{attribute.name}[{i}]",
                    f"expected {type_names(types)}, found {found_as(item, types, private)}",
                )

    return check


def each(validator: Validator) -> Validator:
    """Apply ``validator`` to every item of a tuple, naming a bad one by its index (``[2]``)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        for i, item in enumerate(value):
            validator(instance, attribute.evolve(name=f"{attribute.name}[{i}]"), item)

    return check


def items_with(method: str, what: str) -> Validator:
    """Accept a tuple of objects that each have a callable ``method``: ``what`` they must be.

    For fields of a protocol's implementations, such as a rule set's rules.
    """

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise FieldError(attribute.name, f"expected a tuple of {what}s, found {value!r}")
        for i, item in enumerate(value):
            if not callable(getattr(item, method, None)):
                raise FieldError(
                    f"{attribute.name}[{i}]", f"expected {what} (with {method}()), found {item!r}"
                )

    return check


def items_of(*types: type) -> Validator:
    """Accept a tuple whose items are distinct instances of one of ``types``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        tuple_of(*types)(instance, attribute, value)
        unique()(instance, attribute, value)

    return check


def mapping_of(keys: type | tuple[type, ...], values: Validator) -> Validator:
    """Accept a mapping whose keys are ``keys`` and whose values pass ``values``.

    A bad value is named by its key: ``hours_by_cluster.technical``.

    >>> @attrs.frozen
    ... class Hours:
    ...     by_name: dict[str, float] = attrs.field(validator=mapping_of(str, finite))
    >>> Hours({"a": float("nan")})
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: by_name.a: expected a finite number, found nan
    """
    key_types = keys if isinstance(keys, tuple) else (keys,)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Mapping):
            raise FieldError(attribute.name, f"expected a mapping, found {value!r}")
        for k, v in value.items():
            if not is_of(k, key_types):
                raise FieldError(
                    attribute.name, f"expected keys of type {type_names(key_types)}, found {k!r}"
                )
            where = attribute.evolve(name=f"{attribute.name}.{getattr(k, 'value', k)}")
            values(instance, where, v)

    return check


def in_range(low: int, high: int) -> Validator:
    """Accept an ``int`` (not a bool) from ``low`` to ``high`` inclusive."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise FieldError(
                attribute.name, f"expected a whole number {low}–{high}, found {value!r}"
            )

    return check


def is_finite_number(value: object) -> TypeGuard[int | float]:
    """Whether ``value`` is a real, finite ``int`` or ``float`` (a bool is not a number here).

    >>> is_finite_number(2.5), is_finite_number(float("nan")), is_finite_number(True)
    (True, False, False)
    """
    return not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)


def finite_non_negative(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept a finite number >= 0."""
    if not is_finite_number(value) or value < 0:
        raise FieldError(attribute.name, f"expected a finite number >= 0, found {value!r}")


def finite(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept a finite number, negative or not (a bool is not a number here)."""
    if not is_finite_number(value):
        raise FieldError(attribute.name, f"expected a finite number, found {value!r}")


def at_least(low: int) -> Validator:
    """Accept an ``int`` (not a bool) of at least ``low``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise FieldError(attribute.name, f"expected a whole number >= {low}, found {value!r}")

    return check


def non_blank(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Accept a string with at least one non-space character."""
    if not isinstance(value, str) or not value.strip():
        raise FieldError(attribute.name, f"expected non-empty text, found {value!r}")


def unique(key: Callable[[Any], Hashable] = lambda item: item) -> Validator:
    """Accept a collection whose items have distinct keys; name the first repeated one."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: Iterable[Any]) -> None:
        seen: set[Hashable] = set()
        for item in value:
            k = key(item)
            if k in seen:
                raise FieldError(attribute.name, f"{k!r} occurs more than once")
            seen.add(k)

    return check


def _allowed_keys(keys: Collection[Any]) -> str:
    """The keys a mapping may have, as a message shows them: ``Domain (technical, …)``."""
    values = ", ".join(str(getattr(key, "value", key)) for key in keys)
    first = next(iter(keys), None)
    return f"{type(first).__name__} ({values})" if isinstance(first, enum.Enum) else values


def _found_key(key: object, keys: Collection[Any]) -> str:
    """What a message says about a key that is not allowed, with the fix where there is one.

    A text that spells an enum member's value is the likely slip ``{"technical": 3}`` for
    ``{Domain.TECHNICAL: 3}``: say it is text, and which member to use.
    """
    if isinstance(key, str):
        for allowed in keys:
            if isinstance(allowed, enum.Enum) and allowed.value == key:
                return f"the text {key!r}; use {type(allowed).__name__}.{allowed.name}"
    return repr(key)


def values_in_range(low: int, high: int, keys: Collection[Any] | None = None) -> Validator:
    """Accept a mapping whose values are ints from ``low`` to ``high`` (and keys from ``keys``).

    The message names the key of a value out of range (``levels.technical``), and for a
    key that is not allowed lists the allowed ones.

    >>> from ict_competence.catalog import Domain
    >>> @attrs.frozen
    ... class Profile:
    ...     levels: dict[Domain, int] = attrs.field(validator=values_in_range(0, 3, tuple(Domain)))
    >>> Profile({"technical": 3})
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: levels: expected keys from Domain (technical, ...),
        found the text 'technical'; use Domain.TECHNICAL
    """

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Mapping):
            raise FieldError(attribute.name, f"expected a mapping, found {value!r}")
        for k, v in value.items():
            if keys is not None and k not in keys:
                raise FieldError(
                    attribute.name,
                    f"expected keys from {_allowed_keys(keys)}, found {_found_key(k, keys)}",
                )
            if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
                raise FieldError(
                    f"{attribute.name}.{getattr(k, 'value', k)}",
                    f"expected a whole number {low}–{high}, found {v!r}",
                )

    return check


def non_empty(_instance: object, attribute: attrs.Attribute[Any], value: Collection[Any]) -> None:
    """Accept a collection with at least one item."""
    if not value:
        raise FieldError(attribute.name, "expected at least one entry")


def hidden(what: str) -> Callable[[str | None], str]:
    """A ``repr`` for a field of free text a person wrote: it shows ``<what>``, never the text.

    Such text may hold personal data, and reprs end up in logs and tracebacks.

    >>> hidden("note")("Jan is ziek"), hidden("note")(None), hidden("note")("")
    ('<note>', 'None', "''")
    """

    def show(value: str | None) -> str:
        return f"<{what}>" if value else repr(value)

    return show
