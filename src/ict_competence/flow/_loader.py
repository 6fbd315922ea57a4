"""Reading roadmaps: the packaged one (seed 004) and a school's own TOML or JSON file."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import attrs

from ict_competence._checks import path_argument
from ict_competence._content import cite, read_packaged, read_user_file
from ict_competence.errors import RoadmapError
from ict_competence.flow._model import Roadmap, Step
from ict_competence.serialize import structure
from ict_competence.text import LocalizedText, Provenance

__all__ = ["load_roadmap"]


@attrs.frozen
class _RoadmapFile:
    """A roadmap file's contents before they are checked as a flow.

    Structuring this rather than :class:`Roadmap` keeps the flow's own error (which names
    steps) from being folded into a JSON-path error by the converter.
    """

    title: LocalizedText
    steps: tuple[Step, ...]
    provenance: Provenance | None = None


def _build(data: dict[str, Any], source: str) -> Roadmap:
    contents = structure(data, _RoadmapFile, source=source)
    try:
        return Roadmap(title=contents.title, steps=contents.steps, provenance=contents.provenance)
    except RoadmapError as exc:
        raise RoadmapError(exc.problems, exc.steps, source=source) from None


def load_roadmap(path: str | Path | None = None) -> Roadmap:
    """The built-in roadmap of seed 004, or a school's own roadmap read from ``path``.

    Without ``path``: the built-in roadmap, read from the packaged data once and checked.
    With ``path``: the roadmap of a ``.toml`` (or ``.json``) file laid out like the
    built-in one. Unlike the catalog and the dialogue, the file is not added to the
    built-in content but replaces it: a flow cannot be merged step by step. Steps without
    a ``provenance`` cite the file and their place in it.

    Raises:
        ContentError: the file cannot be read or parsed.
        SerializationError: a value does not fit; the error names its path (``$.steps[2].kind``).
        RoadmapError: the steps do not form a valid flow; the error names the file and the
            steps.

    >>> built_in = load_roadmap()
    >>> [step.kind.value for step in built_in.steps]
    ['check', 'check', 'check', 'check', 'action', 'check', 'action', 'evaluation']
    >>> load_roadmap() is built_in
    True
    """
    if path is None:
        return _built_in()
    path = path_argument(path)
    data = read_user_file(path, expected="a title and a list of steps")
    cite(data, path.name, ("steps",))
    return _build(data, str(path))


@cache
def _built_in() -> Roadmap:
    return _build(read_packaged("ict_competence.flow", "roadmap.toml"), "roadmap.toml")
