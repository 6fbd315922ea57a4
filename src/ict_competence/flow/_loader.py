"""Reading roadmaps: the packaged one (seed 004) and a school's own TOML or JSON file."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from ict_competence.errors import ContentError
from ict_competence.flow._model import Roadmap, Step
from ict_competence.serialize import structure
from ict_competence.text import LocalizedText, Provenance

__all__ = ["load_roadmap", "roadmap"]


@attrs.frozen
class _RoadmapFile:
    """A roadmap file's contents before they are checked as a flow.

    Structuring this rather than :class:`Roadmap` keeps the flow's own error (which names
    steps) from being folded into a JSON-path error by the converter.
    """

    title: LocalizedText
    steps: tuple[Step, ...]
    provenance: Provenance | None = None


def _parse(text: str, source: str, suffix: str) -> dict[str, Any]:
    try:
        data = json.loads(text) if suffix == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{source}: cannot be read as {suffix[1:].upper()}: {exc}") from None
    if not isinstance(data, dict):
        raise ContentError(f"{source}: expected an object with a title and a list of steps")
    return data


def _cite(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Give every step without provenance the file and its place in it."""
    steps = data.get("steps")
    if isinstance(steps, list):
        for i, step in enumerate(steps):
            if isinstance(step, dict) and "provenance" not in step:
                step["provenance"] = {"source": source, "locator": f"steps[{i}]"}
    return data


def _build(data: dict[str, Any], source: str) -> Roadmap:
    data.pop("schema_version", None)
    contents = structure(data, _RoadmapFile, source=source)
    return Roadmap(title=contents.title, steps=contents.steps, provenance=contents.provenance)


@cache
def roadmap() -> Roadmap:
    """The built-in roadmap of seed 004, read from the packaged data once and checked.

    >>> built_in = roadmap()
    >>> [step.kind.value for step in built_in.steps]
    ['check', 'check', 'check', 'check', 'action', 'check', 'action', 'evaluation']
    >>> roadmap() is built_in
    True
    """
    text = resources.files("ict_competence.flow").joinpath("data", "roadmap.toml")
    return _build(
        _parse(text.read_text("utf-8"), "flow/data/roadmap.toml", ".toml"), "roadmap.toml"
    )


def load_roadmap(path: str | Path) -> Roadmap:
    """Read a school's own roadmap from a ``.toml`` (or ``.json``) file laid out like the built-in.

    Steps without a ``provenance`` cite the file and their place in it.

    Raises:
        ContentError: the file cannot be read or parsed.
        SerializationError: a value does not fit; the error names its path (``$.steps[2].kind``).
        RoadmapError: the steps do not form a valid flow; the error names the steps.
    """
    path = Path(path)
    if path.suffix not in (".toml", ".json"):
        raise ContentError(f"{path}: expected a .toml or .json file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: cannot be read: {exc}") from None
    return _build(_cite(_parse(text, str(path), path.suffix), path.name), str(path))
