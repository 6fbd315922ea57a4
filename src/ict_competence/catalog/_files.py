"""The shapes of catalog content files: the packaged ones and a school's own."""

from __future__ import annotations

from pathlib import Path

import attrs

from ict_competence._content import cite, read_packaged, read_user_file
from ict_competence.catalog._model import ClusterProfile, Competence, Role, Task
from ict_competence.serialize import structure

__all__ = ["PackagedEntries", "UserEntries", "read_packaged_entries", "read_user_entries"]


@attrs.frozen
class UserEntries:
    """What a school's own file may add: tasks, roles, competences (not clusters)."""

    task: tuple[Task, ...] = ()
    role: tuple[Role, ...] = ()
    competence: tuple[Competence, ...] = ()


@attrs.frozen
class PackagedEntries:
    """What a packaged content file holds; the four clusters are described only here."""

    task: tuple[Task, ...] = ()
    role: tuple[Role, ...] = ()
    competence: tuple[Competence, ...] = ()
    cluster: tuple[ClusterProfile, ...] = ()


def read_user_entries(path: Path) -> UserEntries:
    """Read a school's ``.toml`` or ``.json`` file; entries may omit their provenance."""
    data = read_user_file(path, expected="lists task, role, competence")
    cite(data, path.name, ("task", "role", "competence"))
    return structure(data, UserEntries, source=str(path))


def read_packaged_entries(name: str) -> PackagedEntries:
    """Read one packaged content file; there every entry gives its provenance."""
    data = read_packaged("ict_competence.catalog", name)
    return structure(data, PackagedEntries, source=f"catalog/data/{name}")
