"""Finding an entry by its code or id, with one error for every lookup: UnknownCodeError.

Holders of entries build on :class:`Indexed` (several kinds of entry, each indexed on its
first lookup) or :class:`Keyed` (one sequence of entries, iterated and found by key).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from functools import cached_property
from operator import attrgetter
from types import MappingProxyType
from typing import Any, ClassVar, Generic, TypeVar

import attrs

from ict_competence.errors import UnknownCodeError

__all__ = ["Indexed", "Keyed", "index", "lookup"]

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
        known = tuple(_shown(key) for key in items)
        raise UnknownCodeError(kind, _shown(code), known) from None


def _shown(code: object) -> str:
    # An enum is named by its value, the form a user passes and files hold.
    value = getattr(code, "value", code)
    return str(value)


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


@attrs.frozen
class Indexed:
    """Base of a frozen holder of tuples of coded entries: lookups that index each kind once.

    A subclass finds an entry with ``self._find(kind, entries, code)``, where ``entries`` is
    one of its own fields. The first lookup of a kind indexes those entries; the holder is
    frozen, so later lookups of that kind reuse the index.
    """

    @cached_property
    def _indexes(self) -> dict[str, Mapping[Any, Any]]:
        # Filled kind by kind on first use: most holders are only ever asked for one kind.
        return {}

    def _index(
        self, kind: str, entries: Iterable[T], key: Callable[[T], Any] = attrgetter("code")
    ) -> Mapping[Any, T]:
        """The index of ``entries`` (the holder's entries of ``kind``) by ``key``."""
        found: Mapping[Any, T] | None = self._indexes.get(kind)
        if found is None:
            found = self._indexes[kind] = index(entries, key)
        return found

    def _find(
        self,
        kind: str,
        entries: Iterable[T],
        code: object,
        key: Callable[[T], Any] = attrgetter("code"),
    ) -> T:
        """The entry of ``kind`` under ``code``; an :class:`UnknownCodeError` names the known."""
        return lookup(self._index(kind, entries, key), code, kind)


@attrs.frozen
class Keyed(Generic[K, T]):
    """Base of a frozen sequence of entries with unique keys: iterable, sized, found by key.

    A subclass names the field holding its entries, the entries' attribute that keys them,
    and what an entry is called in an :class:`UnknownCodeError`.
    """

    _entries_field: ClassVar[str]
    _key_field: ClassVar[str]
    _kind: ClassVar[str]

    @property
    def _entries(self) -> tuple[T, ...]:
        entries: tuple[T, ...] = getattr(self, self._entries_field)
        return entries

    @cached_property
    def _positions(self) -> Mapping[K, int]:
        key = attrgetter(self._key_field)
        positions: dict[K, int] = {}
        for position, entry in enumerate(self._entries):
            positions.setdefault(key(entry), position)
        return MappingProxyType(positions)

    def __iter__(self) -> Iterator[T]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._positions

    def _position(self, key: K) -> int:
        """Where the entry under ``key`` stands; an :class:`UnknownCodeError` names the keys."""
        return lookup(self._positions, key, self._kind)

    def _get(self, key: K) -> T:
        """The entry under ``key``; an :class:`UnknownCodeError` names the keys."""
        return self._entries[self._position(key)]
