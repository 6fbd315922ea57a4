"""Finding an entry by its code or id, with one error for every lookup: UnknownCodeError."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from operator import attrgetter
from types import MappingProxyType
from typing import Any, TypeVar

from ict_competence.errors import UnknownCodeError

__all__ = ["index", "lookup"]

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


def lookup(items: Mapping[K, T], code: K, kind: str) -> T:
    """The entry of ``items`` under ``code``.

    Raises:
        UnknownCodeError: there is none; the error calls the entry a ``kind`` and lists the
            known codes in order. A code of the wrong type (an unhashable one, say) is
            simply not known.

    >>> lookup({"a": 1, "b": 2}, "b", "letter")
    2
    >>> lookup({"a": 1, "b": 2}, "c", "letter")
    Traceback (most recent call last):
    ...
    ict_competence.errors.UnknownCodeError: no letter with code 'c'; known codes: a, b
    """
    try:
        return items[code]
    except (KeyError, TypeError):
        raise UnknownCodeError(kind, str(code), tuple(str(known) for known in items)) from None


def index(items: Iterable[T], key: Callable[[T], Any] = attrgetter("code")) -> Mapping[Any, T]:
    """A read-only mapping from each item's ``key`` (its ``code`` by default) to the item.

    Build it once per holder (a ``cached_property``) rather than on every lookup. The
    first item with a key wins, as a search from the front would find it.

    >>> from types import SimpleNamespace as Item
    >>> sorted(index([Item(code="b"), Item(code="a")]))
    ['a', 'b']
    """
    found: dict[Any, T] = {}
    for item in items:
        found.setdefault(key(item), item)
    return MappingProxyType(found)
