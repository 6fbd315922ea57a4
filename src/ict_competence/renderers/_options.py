"""The one parser of renderer options: every format declares the options it takes.

An unknown option, or a value an option does not accept, is a :class:`RenderError` that
names the option and what it accepts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import attrs

from ict_competence.renderers._registry import RenderError

__all__ = [
    "INDENT",
    "LANGUAGE",
    "NAMES",
    "TEMPLATE_DIR",
    "Option",
    "RefusedError",
    "parse_options",
]


class RefusedError(Exception):
    """A value an option does not accept; the parser words the error from ``accepted``."""


@attrs.frozen
class Option:
    """One option a renderer takes.

    Attributes:
        name: the keyword, as passed to ``render``.
        accepted: the values it accepts, in words, for the error message.
        default: the value when the option is not given (converted like a given one).
        convert: turns a given value into the one the renderer uses; raises
            :class:`RenderError` with its own words, or ``RefusedError`` for the parser to word.
    """

    name: str
    accepted: str
    default: object
    convert: Callable[[object], object]


def _choice(*values: object) -> Callable[[object], object]:
    def convert(value: object) -> object:
        if value not in values:
            raise RefusedError
        return value

    return convert


def _folder(value: object) -> object:
    if value is None:
        return None
    if not isinstance(value, str | os.PathLike) or not Path(value).is_dir():
        # A folder that is not there would silently leave every built-in template in place.
        raise RefusedError
    return Path(value)


def _flag(value: object) -> object:
    if not isinstance(value, bool):
        raise RefusedError
    return value


def _indent(value: object) -> object:
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
        return value
    raise RefusedError


LANGUAGE = Option("language", "'nl' or 'en'", "nl", _choice("nl", "en"))
TEMPLATE_DIR = Option(
    "template_dir", "the path of an existing folder (str or os.PathLike)", None, _folder
)
NAMES = Option("names", "True or False", False, _flag)
INDENT = Option("indent", "an int of 0 or more, or None for one line", 2, _indent)


def parse_options(
    format_name: str, accepted: tuple[Option, ...], given: Mapping[str, object]
) -> dict[str, object]:
    """The options of one render: each given one checked, the others at their default.

    >>> parse_options("html", (LANGUAGE, NAMES), {"names": True})
    {'language': 'nl', 'names': True}
    >>> parse_options("html", (LANGUAGE,), {"language": "fr"})
    Traceback (most recent call last):
    ...
    ict_competence.errors.RenderError: the html option language must be ...
    """
    known = {option.name: option for option in accepted}
    unknown = sorted(set(given) - set(known))
    if unknown:
        takes = ", ".join(known) or "no options"
        raise RenderError(
            f"unknown {format_name} option(s): {', '.join(unknown)}; "
            f"the {format_name} renderer takes {takes}"
        )
    parsed = {}
    for name, option in known.items():
        value = given.get(name, option.default)
        try:
            parsed[name] = option.convert(value)
        except RefusedError:
            raise RenderError(
                f"the {format_name} option {name} must be {option.accepted}, found {value!r}"
            ) from None
    return parsed
