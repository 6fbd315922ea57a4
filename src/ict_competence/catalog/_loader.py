"""Reading catalog content: the packaged TOML files and a school's own TOML or JSON file."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from ict_competence.catalog._catalog import Catalog
from ict_competence.catalog._model import ClusterProfile, Competence, Role, Task
from ict_competence.errors import ContentError
from ict_competence.serialize import structure

__all__ = ["load_catalog", "read_entries"]


@attrs.frozen
class Entries:
    """The lists a content file may hold."""

    task: tuple[Task, ...] = ()
    role: tuple[Role, ...] = ()
    competence: tuple[Competence, ...] = ()
    cluster: tuple[ClusterProfile, ...] = ()


def _parse(text: str, source: str, suffix: str) -> dict[str, Any]:
    try:
        data = json.loads(text) if suffix == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{source}: cannot be read as {suffix[1:].upper()}: {exc}") from None
    if not isinstance(data, dict):
        raise ContentError(f"{source}: expected an object with lists task, role, competence")
    return data


def _cite(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Give every entry without provenance the file and its place in it."""
    for kind, entries in data.items():
        if isinstance(entries, list):
            for i, entry in enumerate(entries):
                if isinstance(entry, dict) and "provenance" not in entry:
                    entry["provenance"] = {"source": source, "locator": f"{kind}[{i}]"}
    return data


def read_entries(path: Path) -> Entries:
    """Read a user's content file (``.toml`` or ``.json``)."""
    if path.suffix not in (".toml", ".json"):
        raise ContentError(f"{path}: expected a .toml or .json file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: cannot be read: {exc}") from None
    data = _cite(_parse(text, str(path), path.suffix), path.name)
    data.pop("schema_version", None)
    return structure(data, Entries, source=str(path))


def _packaged(name: str) -> Entries:
    text = resources.files("ict_competence.catalog").joinpath("data", name).read_text("utf-8")
    return structure(_parse(text, f"catalog/data/{name}", ".toml"), Entries, source=name)


@cache
def load_catalog() -> Catalog:
    """The built-in catalog, read from the packaged data once and checked for integrity.

    >>> catalog = load_catalog()
    >>> [task.code for task in catalog.tasks][:3], len(catalog.tasks)
    (['TECH-01', 'TECH-02', 'TECH-03'], 42)
    >>> load_catalog() is catalog
    True
    """
    clusters = _packaged("clusters.toml").cluster
    tasks = _packaged("tasks.toml").task
    roles = _packaged("roles.toml").role
    competences = _packaged("competences.toml").competence
    return Catalog(clusters, tasks, roles, competences)
