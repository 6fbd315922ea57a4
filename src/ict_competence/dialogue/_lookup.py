"""Finding a piece of content by its code, with an error that lists the codes there are."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import TypeVar

from ict_competence.errors import UnknownCodeError

__all__ = ["find"]

_T = TypeVar("_T")


def find(
    items: Iterable[_T],
    code: object,
    kind: str,
    *,
    key: Callable[[_T], object] = attrgetter("code"),
) -> _T:
    """The first of ``items`` whose ``key`` (its ``code`` by default) equals ``code``.

    Raises:
        UnknownCodeError: none has it; the error calls the item a ``kind`` and lists the
            codes there are, in order.

    >>> from ict_competence.dialogue import load_dialogue
    >>> find(load_dialogue().themes, "omgeving", "theme").name.nl
    'Omgeving'
    """
    items = tuple(items)
    for item in items:
        if key(item) == code:
            return item
    raise UnknownCodeError(kind, str(code), tuple(str(key(item)) for item in items))
