"""Reading catalog content: the packaged TOML files and a school's own TOML or JSON file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import attrs

from ict_competence._content import cite, read_packaged, read_user_file
from ict_competence.catalog._catalog import Catalog
from ict_competence.catalog._model import ClusterProfile, Competence, Role, Task
from ict_competence.serialize import structure

__all__ = ["load_catalog", "read_entries"]


@attrs.frozen
class Entries:
    """The lists a content file may hold."""

    task: tuple[Task, ...] = ()
    role: tuple[Role, ...] = ()
    competence: tuple[Competence, ...] = ()
    cluster: tuple[ClusterProfile, ...] = ()


def read_entries(path: Path) -> Entries:
    """Read a user's content file (``.toml`` or ``.json``); entries may omit provenance."""
    data = read_user_file(path, expected="lists task, role, competence")
    cite(data, path.name, ("task", "role", "competence"))
    return structure(data, Entries, source=str(path))


def _packaged(name: str) -> Entries:
    data = read_packaged("ict_competence.catalog", name)
    return structure(data, Entries, source=f"catalog/data/{name}")


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
