"""Reading content files (packaged TOML, a user's TOML or JSON) into plain data, with provenance.

Every domain package keeps its content as data; this is the one place that opens such a
file, parses it, and cites the file on entries that do not say where they come from. Here
too is :class:`Content`, the base of what such files build: the catalog and the dialogue.
"""

from __future__ import annotations

import reprlib
import tomllib
from collections.abc import Collection
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Protocol, Self, TypeVar, cast

import attrs
from attrs import AttrsInstance

from ict_competence import _json
from ict_competence._checks import duplicates
from ict_competence._lookup import Indexed
from ict_competence.errors import ContentError, SerializationError
from ict_competence.text import Labelled, LocalizedText, set_labels

__all__ = [
    "Content",
    "Structure",
    "cite",
    "read_labels",
    "read_packaged",
    "read_packaged_entries",
    "read_user_entries",
    "read_user_file",
]

E = TypeVar("E", bound=AttrsInstance)


class Structure(Protocol):
    """The converter's ``structure`` (:func:`ict_competence.serialize.structure`).

    Handed in by the caller: this module and the converter stand side by side in the
    layers, so neither imports the other.
    """

    def __call__(self, data: object, cls: type[E], *, source: str | None = None) -> E:
        """Build a ``cls`` from plain data; errors name ``source``."""
        ...


def _parse(text: str, source: str, suffix: str, expected: str) -> dict[str, Any]:
    """The file's top-level object, read as strictly as ``from_json`` reads a document.

    JSON goes through the one strict reader (no NaN, no repeated key, no nesting past
    ``MAX_DEPTH``); TOML refuses repeated keys itself, and nesting too deep for its parser
    is refused here. A ``schema_version`` newer than this library's is refused.
    """
    cannot = f"{source}: cannot be read as {suffix[1:].upper()}"
    try:
        data = _json.parse(text) if suffix == ".json" else tomllib.loads(text)
    except SerializationError as exc:
        raise ContentError(f"{cannot}: {exc}") from None
    except RecursionError:
        raise ContentError(f"{cannot}: nested too deeply for any content file") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError among them
        raise ContentError(f"{cannot}: {exc}") from None
    if not isinstance(data, dict):
        raise ContentError(f"{source}: expected an object with {expected}")
    _check_version(data.pop("schema_version", None), source)
    return data


def _check_version(version: object, source: str) -> None:
    """Refuse a ``schema_version`` that is no whole number >= 1, or newer than this library's."""
    if version is None:  # a content file may leave it out
        return
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ContentError(
            f"{source}: $.schema_version: expected a whole number >= 1, "
            f"found {reprlib.repr(version)}"
        )
    if version > _json.SCHEMA_VERSION:
        raise ContentError(
            f"{source}: $.schema_version: this version of ict_competence reads up to "
            f"{_json.SCHEMA_VERSION}, found {version}; upgrade ict_competence to read it"
        )


def read_user_file(path: Path, *, expected: str) -> dict[str, Any]:
    """Parse a user's ``.toml`` or ``.json`` content file.

    Args:
        path: the file.
        expected: what the top-level object holds, for the error message.

    Raises:
        ContentError: the file has another suffix, cannot be read (not JSON or TOML, a
            repeated key, NaN, nesting too deep), is not an object, or gives a
            ``schema_version`` newer than this library's.
    """
    if path.suffix not in (".toml", ".json"):
        raise ContentError(f"{path}: expected a .toml or .json file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: cannot be read: {exc}") from None
    return _parse(text, str(path), path.suffix, expected)


def read_packaged(package: str, name: str) -> dict[str, Any]:
    """Parse one TOML file from ``package``'s ``data/`` folder."""
    text = resources.files(package).joinpath("data", name).read_text("utf-8")
    return _parse(text, f"{package}/data/{name}", ".toml", "the package's content")


def read_user_entries(
    path: Path, entries: type[E], structure: Structure, *, cited: Collection[str] | None = None
) -> E:
    """Read a user's ``.toml`` or ``.json`` content file into ``entries``, whose fields it lists.

    Entries in the ``cited`` lists (by default the file's top-level lists) that give no
    provenance are given the file and their place in it.

    Raises:
        ContentError: the file has another suffix, cannot be read, or is not an object.
        SerializationError: an entry does not fit; the error names the file and its path.
    """
    lists = [field.name for field in attrs.fields(entries)]
    data = read_user_file(path, expected="lists " + ", ".join(lists))
    cite(data, path.name, lists if cited is None else cited)
    return structure(data, entries, source=str(path))


def read_packaged_entries(package: str, name: str, entries: type[E], structure: Structure) -> E:
    """Read one packaged content file into ``entries``; there every entry gives its provenance."""
    data = read_packaged(package, name)
    return structure(data, entries, source=f"{package.rpartition('.')[2]}/data/{name}")


def read_labels(package: str, *enums: type[Labelled]) -> None:
    """Give each of ``enums`` its members' labels from ``package``'s ``data/labels.toml``.

    The file has a table per enum, keyed by the members' values, each a ``{ nl, en }``
    text.

    Raises:
        ContentError: a table or value no enum has, or a text that is no ``{ nl, en }``.
        TypeError: a member left out (from :func:`~ict_competence.text.set_labels`): a
            programming error.
    """
    source = f"{package}/data/labels.toml"
    table = read_packaged(package, "labels.toml")
    strays = set(table) - {cls.__name__ for cls in enums}
    if strays:
        raise ContentError(f"{source}: no such enum here: {', '.join(sorted(strays))}")
    for cls in enums:
        try:
            labels = {
                cls(value): LocalizedText(**text) for value, text in table[cls.__name__].items()
            }
        except (KeyError, ValueError, TypeError) as exc:
            raise ContentError(f"{source}: [{cls.__name__}]: {exc!r}") from None
        set_labels(cls, labels)


def cite(node: object, source: str, lists: Collection[str], path: str = "") -> None:
    """Give each entry of the named lists that lacks a provenance the file and its place.

    Works at any depth, so ``topics`` inside ``main_questions`` are cited as
    ``main_questions[0].topics[2]``.
    """
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if not isinstance(value, list):
            continue
        for i, item in enumerate(value):
            where = f"{path}.{key}[{i}]" if path else f"{key}[{i}]"
            if key in lists and isinstance(item, dict) and "provenance" not in item:
                item["provenance"] = {"source": source, "locator": where}
            cite(item, source, lists, where)


@attrs.frozen
class Content(Indexed):
    """Base of a package's content (the catalog, the dialogue): checked when built, found by code.

    A subclass names itself for the messages, lists its coded entries as ``(kind, field)``
    pairs, and says in :meth:`_reference_problems` what else must hold. Every instance is
    checked when built: a code used twice, or a reference that breaks, is a
    :class:`~ict_competence.errors.ContentError` listing every problem.
    """

    #: What the content is called in its integrity error: ``catalog``, ``dialogue``.
    _name: ClassVar[str]
    #: The kinds of entry with a unique code, as messages name them, and their fields.
    _coded: ClassVar[tuple[tuple[str, str], ...]]

    def __attrs_post_init__(self) -> None:
        problems = [
            f"{kind} code {code!r} occurs more than once"
            for kind, field in self._coded
            for code in duplicates(entry.code for entry in getattr(self, field))
        ]
        problems += self._reference_problems()
        if problems:
            raise ContentError(f"{self._name} integrity:\n  " + "\n  ".join(problems))

    def _reference_problems(self) -> list[str]:
        """What breaks beyond unique codes: references to entries that do not exist, say."""
        return []

    @classmethod
    def _packaged(cls) -> Self:
        """The built-in content, read from the package's data files."""
        raise NotImplementedError

    def extend(self, path: str | Path) -> Self:
        """New content with a user's own entries from a TOML or JSON file added."""
        raise NotImplementedError

    @classmethod
    def _load(cls, path: str | Path | None) -> Self:
        """The built-in content (read once), extended with a user's file where ``path`` is given."""
        built_in = _BUILT_IN.get(cls)
        if built_in is None:
            # Read and checked once per kind of content; every load without a file shares it.
            built_in = _BUILT_IN[cls] = cls._packaged()
        return cast("Self", built_in if path is None else built_in.extend(path))


#: The built-in content of each kind (the catalog, the dialogue), once it is read.
_BUILT_IN: dict[type[Content], Content] = {}
