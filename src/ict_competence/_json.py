"""Parsing JSON strictly before the converter sees it: no NaN, no repeated key, no deep nesting."""

from __future__ import annotations

import json
import math
from typing import Any

from ict_competence.errors import SerializationError

__all__ = ["MAX_DEPTH", "SCHEMA_VERSION", "json_kind", "non_finite", "parse"]

#: The version ``to_json`` writes (``from_json`` reads it and every older one), and the
#: newest a content file may give: here, below both of their readers.
SCHEMA_VERSION = 2

#: How deep ``from_json`` lets objects and lists nest; the library's documents nest fewer
#: than 20 levels, and deeper input is refused before it can exhaust the stack.
MAX_DEPTH = 200


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


class _Objects:
    """The ``object_pairs_hook`` of :func:`parse`: builds dicts, noting repeated keys."""

    def __init__(self) -> None:
        self.repeated: dict[int, list[str]] = {}

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        built = dict(pairs)
        if len(built) != len(pairs):
            keys = [key for key, _value in pairs]
            twice = [key for index, key in enumerate(keys) if key in keys[:index]]
            self.repeated[id(built)] = list(dict.fromkeys(twice))
        return built


def parse(text: str | bytes) -> Any:  # noqa: ANN401 - plain JSON data has no narrower type
    """Parse JSON strictly: no NaN or Infinity, no repeated key, no nesting past MAX_DEPTH.

    Raises:
        SerializationError: without its source; each problem names its ``$.path``.
    """
    objects = _Objects()
    try:
        data = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=objects)
    except RecursionError:
        raise SerializationError([_too_deep("$")]) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise SerializationError([f"$: not valid JSON ({exc})"]) from None
    problems = _walk(data, objects.repeated) if isinstance(data, dict | list) else []
    if problems:
        raise SerializationError(problems)
    return data


def _too_deep(path: str) -> str:
    return f"{path}: nested deeper than {MAX_DEPTH} levels, more than any document of ours"


def _walk(data: dict[str, Any] | list[Any], repeated: dict[int, list[str]]) -> list[str]:
    """Repeated keys by path, and the first place nested too deep, found without recursion."""
    problems: list[str] = []
    # Each entry: a value, its depth, and its path as a (parent entry, step) chain, so a
    # path is spelled out only for a value that has a problem.
    stack: list[tuple[object, int, tuple[Any, str] | None]] = [(data, 0, None)]
    while stack:
        entry = stack.pop()
        value: Any = entry[0]
        depth = entry[1]
        if isinstance(value, dict):
            for key in repeated.get(id(value), ()):
                problems.append(f"{_path(entry)}.{key}: the key occurs more than once")
            # Only objects and lists can nest or repeat a key: scalars need no visit.
            children: list[tuple[object, str]] = [
                (v, f".{k}") for k, v in value.items() if isinstance(v, dict | list)
            ]
        else:
            children = [(v, f"[{i}]") for i, v in enumerate(value) if isinstance(v, dict | list)]
        if depth >= MAX_DEPTH and children:
            problems.append(_too_deep(_path(entry)))
            return problems
        stack.extend((child, depth + 1, (entry, step)) for child, step in reversed(children))
    return problems


def _path(entry: tuple[object, int, tuple[Any, str] | None]) -> str:
    steps: list[str] = []
    chain = entry[2]
    while chain is not None:
        parent, step = chain
        steps.append(step)
        chain = parent[2]
    path = "$" + "".join(reversed(steps))
    return path if len(path) <= 80 else path[:40] + "…" + path[-39:]


def json_kind(value: object) -> str:
    """What a JSON value is, in the words of JSON (a list, text, a number …) and its value.

    >>> json_kind([1]), json_kind("x"), json_kind(None)
    ('a list', "text 'x'", 'null None')
    """
    kinds = {dict: "an object", list: "a list", str: "text", bool: "true or false"}
    kind = kinds.get(type(value), "a number" if isinstance(value, int | float) else "null")
    if isinstance(value, dict | list):
        return kind
    shown = repr(value)
    return f"{kind} {shown if len(shown) <= 40 else shown[:37] + '…'}"


def non_finite(data: object, path: str) -> tuple[str, float] | None:
    """The path and value of the first NaN or infinity in plain data, or ``None``.

    >>> non_finite({"a": [1.0, float("nan")]}, "$")
    ('$.a[1]', nan)
    """
    if isinstance(data, float) and not math.isfinite(data):
        return path, data
    if isinstance(data, dict):
        inner = ((f"{path}.{key}", value) for key, value in data.items())
    elif isinstance(data, list | tuple):
        inner = ((f"{path}[{i}]", value) for i, value in enumerate(data))
    else:
        return None
    return next(filter(None, (non_finite(value, at) for at, value in inner)), None)
