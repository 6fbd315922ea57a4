"""A read-only mapping that pickles, for the mapping fields of domain objects."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

__all__ = ["FrozenMap", "frozen_map"]


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """An immutable mapping; unlike ``MappingProxyType`` it pickles, so results can fan out.

    >>> FrozenMap({"a": 1})["a"], FrozenMap({"a": 1}) == {"a": 1}
    (1, True)
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data) if data is not None else {}

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))


def frozen_map(value: Any) -> Any:  # noqa: ANN401 - a converter sees whatever it is given
    """Convert a mapping field's value to a :class:`FrozenMap` (an attrs converter).

    Anything that is not a mapping passes through unchanged, for the field's validator
    to refuse with a message that names the field.
    """
    if isinstance(value, Mapping) and not isinstance(value, FrozenMap):
        return FrozenMap(value)
    return value
