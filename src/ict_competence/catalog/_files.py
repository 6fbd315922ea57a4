"""The shapes of catalog content files: packaged ones and a school's own (read by ``_content``)."""

from __future__ import annotations

import attrs

from ict_competence.catalog._model import ClusterProfile, Competence, Role, Task

__all__ = ["PackagedEntries", "UserEntries"]


@attrs.frozen
class UserEntries:
    """What a school's own file may add: tasks, roles, competences (not clusters)."""

    task: tuple[Task, ...] = ()
    role: tuple[Role, ...] = ()
    competence: tuple[Competence, ...] = ()


@attrs.frozen
class PackagedEntries(UserEntries):
    """What a packaged content file holds; the four clusters are described only here."""

    cluster: tuple[ClusterProfile, ...] = ()
