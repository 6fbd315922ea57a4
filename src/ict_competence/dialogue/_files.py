"""Reading dialogue content files: the packaged TOML and a user's own TOML or JSON file."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from ict_competence._checks import non_blank, unique
from ict_competence.dialogue._model import KeyFigure, MainQuestion, PolicyTheme, Theme
from ict_competence.errors import ContentError, FieldError
from ict_competence.serialize import structure

__all__ = ["Entries", "QuestionSet", "packaged_entries", "read_entries"]

# The lists whose items carry a provenance; a user's file may leave it out.
_CITED = frozenset(
    {
        "theme",
        "policy_theme",
        "key_figure",
        "staff_roles",
        "main_questions",
        "topics",
        "aspects",
        "tips",
    }
)


def _not_empty(
    _instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]
) -> None:
    if not value:
        raise FieldError(attribute.name, "expected at least one entry")


@attrs.frozen(kw_only=True)
class QuestionSet:
    """Main questions to add to a key figure defined elsewhere (packaged or in the same file)."""

    key_figure: str = attrs.field(validator=non_blank)
    main_questions: tuple[MainQuestion, ...] = attrs.field(
        validator=[_not_empty, unique(lambda question: question.number)]
    )


@attrs.frozen(kw_only=True)
class Entries:
    """The lists a dialogue content file may hold."""

    theme: tuple[Theme, ...] = ()
    policy_theme: tuple[PolicyTheme, ...] = ()
    key_figure: tuple[KeyFigure, ...] = ()
    question_set: tuple[QuestionSet, ...] = ()


def _parse(text: str, source: str, suffix: str) -> dict[str, Any]:
    try:
        data = json.loads(text) if suffix == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{source}: cannot be read as {suffix[1:].upper()}: {exc}") from None
    if not isinstance(data, dict):
        raise ContentError(
            f"{source}: expected an object with lists theme, policy_theme, key_figure, question_set"
        )
    return data


def _cite(node: object, source: str, path: str = "") -> None:
    """Give every entry without provenance the file and its place in it, at any depth."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if not isinstance(value, list):
            continue
        for i, item in enumerate(value):
            where = f"{path}.{key}[{i}]" if path else f"{key}[{i}]"
            if key in _CITED and isinstance(item, dict) and "provenance" not in item:
                item["provenance"] = {"source": source, "locator": where}
            _cite(item, source, where)


def read_entries(path: Path) -> Entries:
    """Read a user's content file (``.toml`` or ``.json``); entries may omit provenance."""
    if path.suffix not in (".toml", ".json"):
        raise ContentError(f"{path}: expected a .toml or .json file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: cannot be read: {exc}") from None
    data = _parse(text, str(path), path.suffix)
    _cite(data, path.name)
    data.pop("schema_version", None)
    return structure(data, Entries, source=str(path))


def packaged_entries(name: str) -> Entries:
    """Read one packaged content file; here every entry must give its provenance."""
    text = resources.files("ict_competence.dialogue").joinpath("data", name).read_text("utf-8")
    source = f"dialogue/data/{name}"
    return structure(_parse(text, source, ".toml"), Entries, source=source)
