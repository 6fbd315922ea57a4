"""The catalog: every task, role, competence and cluster, checked for integrity when built."""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path

import attrs

from ict_competence._checks import argument, path_argument, tuple_of
from ict_competence._content import Content, read_packaged_entries, read_user_entries
from ict_competence._display import html_fragment
from ict_competence.catalog._enums import Cluster, CompetenceKind, Horizon, SchoolType, Scope
from ict_competence.catalog._files import PackagedEntries, UserEntries
from ict_competence.catalog._model import ClusterProfile, Competence, Role, Task
from ict_competence.catalog._overview import TaskChoice, TaskOverview
from ict_competence.errors import ContentError
from ict_competence.serialize import structure
from ict_competence.text import count, summary

__all__ = ["Catalog"]


@attrs.frozen
class Catalog(Content):
    """Everything there is to divide: the tasks, roles and competences of ICT coordination.

    Built by :func:`load_catalog` from the packaged data; every catalog is checked
    when built: codes are unique, every role and competence a task or role names
    exists, and each cluster is described once.

    >>> from ict_competence import load_catalog
    >>> catalog = load_catalog()
    >>> len(catalog.tasks_in(Cluster.TECHNICAL)), catalog.task("PED-01").cluster
    (26, <Cluster.PEDAGOGICAL: 'pedagogical'>)
    """

    _name = "catalog"
    _coded = (("task", "tasks"), ("role", "roles"), ("competence", "competences"))

    clusters: tuple[ClusterProfile, ...] = attrs.field(validator=tuple_of(ClusterProfile))
    tasks: tuple[Task, ...] = attrs.field(validator=tuple_of(Task))
    roles: tuple[Role, ...] = attrs.field(validator=tuple_of(Role))
    competences: tuple[Competence, ...] = attrs.field(validator=tuple_of(Competence))

    def __repr__(self) -> str:
        return summary(
            "Catalog",
            count(len(self.tasks), "task"),
            count(len(self.roles), "role"),
            count(len(self.competences), "competence"),
        )

    def _repr_html_(self) -> str:
        return html_fragment(self)

    @classmethod
    def _packaged(cls) -> Catalog:
        def read(name: str) -> PackagedEntries:
            return read_packaged_entries("ict_competence.catalog", name, PackagedEntries, structure)

        return cls(
            read("clusters.toml").cluster,
            read("tasks.toml").task,
            read("roles.toml").role,
            read("competences.toml").competence,
        )

    def _reference_problems(self) -> list[str]:
        problems: list[str] = []
        described = [profile.cluster for profile in self.clusters]
        if sorted(c.value for c in described) != sorted(c.value for c in Cluster):
            problems.append("each of the four clusters must be described exactly once")
        roles = {role.code for role in self.roles}
        competences = {c.code: c for c in self.competences}
        for task in self.tasks:
            problems += [
                f"task {task.code}: candidate role {code!r} does not exist"
                for code in task.candidates
                if code not in roles
            ]
        for role in self.roles:
            for code in role.competences:
                competence = competences.get(code)
                if competence is None:
                    problems.append(f"role {role.code}: competence {code!r} does not exist")
                elif competence.kind is CompetenceKind.DOMAIN:
                    problems.append(
                        f"role {role.code}: {code!r} is a domain competence; "
                        "domains are in the role's profile"
                    )
        return problems

    def task(self, code: str) -> Task:
        """The task with this code.

        Raises:
            UnknownCodeError: there is none; the error lists the task codes.
        """
        return self._find("task", self.tasks, code)

    def tasks_in(self, cluster: Cluster) -> tuple[Task, ...]:
        """The tasks of one cluster, in catalog order."""
        argument("cluster", cluster, Cluster)
        return tuple(task for task in self.tasks if task.cluster is cluster)

    def role(self, code: str) -> Role:
        """The role with this code.

        Raises:
            UnknownCodeError: there is none; the error lists the role codes.
        """
        return self._find("role", self.roles, code)

    def competence(self, code: str) -> Competence:
        """The competence with this code.

        Raises:
            UnknownCodeError: there is none; the error lists the competence codes.
        """
        return self._find("competence", self.competences, code)

    def cluster(self, cluster: Cluster) -> ClusterProfile:
        """What the cluster holds, as seed 003's "vier clusters" slide lists it."""
        argument("cluster", cluster, Cluster)
        return self._find("cluster", self.clusters, cluster, attrgetter("cluster"))

    def overview(self, *, school_type: SchoolType | None = None) -> TaskOverview:
        """A task overview with the catalog's defaults, ready to be tailored (roadmap step 5).

        Every task applies unless it is limited to other kinds of school than
        ``school_type``; strategic tasks start on the short term, the others on the
        long term; a task whose scope is ``EITHER`` starts at school level.
        """
        argument("school_type", school_type, SchoolType, type(None))
        return TaskOverview(
            tuple(
                TaskChoice(
                    task=task,
                    applies=task.applies_in(school_type),
                    horizon=Horizon.SHORT_TERM if task.strategic else Horizon.LONG_TERM,
                    scope=Scope.SCHOOL_GROUP if task.scope is Scope.SCHOOL_GROUP else Scope.SCHOOL,
                    hours_per_year=task.hours_per_year,
                )
                for task in self.tasks
            )
        )

    def extend(self, path: str | Path) -> Catalog:
        """A new catalog with a school's own tasks, roles and competences from a TOML or JSON file.

        The file holds lists named ``task``, ``role`` and ``competence`` with the same
        fields as the packaged data; ``provenance`` may be left out (the file is cited).
        A code that already exists is an error: extending never overrides.
        """
        path = path_argument(path)
        extra = read_user_entries(path, UserEntries, structure)
        clashes = [
            f"{kind} {entry.code}"
            for kind, entries, existing in (
                ("task", extra.task, self._index("task", self.tasks)),
                ("role", extra.role, self._index("role", self.roles)),
                ("competence", extra.competence, self._index("competence", self.competences)),
            )
            for entry in entries
            if entry.code in existing
        ]
        if clashes:
            raise ContentError(f"{path}: already in the catalog: {', '.join(clashes)}")
        try:
            return Catalog(
                self.clusters,
                self.tasks + extra.task,
                self.roles + extra.role,
                self.competences + extra.competence,
            )
        except ContentError as exc:
            raise ContentError(f"{path}: {exc}") from None
