"""The CASE renderer: the catalog as a 1EdTech CASE 1.0 package (CFPackage JSON).

Learning-management and HR systems exchange competence frameworks in this form; every
identifier is a ``uuid5`` of the entry's code, so the same catalog always exports alike.
What the export says beyond the entries (the content's version and date, the cluster
codes, the competence headings and their seed lines) comes from the catalog's data files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ict_competence.catalog import (
    Catalog,
    Cluster,
    ClusterProfile,
    Competence,
    Domain,
    Role,
    Task,
)
from ict_competence.catalog._loader import load_catalog_info
from ict_competence.catalog._model import CompetenceGroup
from ict_competence.errors import IctCompetenceError
from ict_competence.renderers._cfpackage import (
    NAMESPACE,
    TITLE,
    Json,
    Node,
    Package,
    case_identifier,
    checked,
)
from ict_competence.renderers._options import Option, RefusedError, parse_options
from ict_competence.renderers._registry import unsupported
from ict_competence.text import LocalizedText, Provenance

__all__ = [
    "NAMESPACE",
    "CaseRenderer",
    "case_identifier",
]

CREATOR = "ict_competence"
DESCRIPTION = (
    "Taken, rollen en competenties van teamgerichte ICT-coördinatie op school. "
    "Tasks, roles and competences of team-based ICT coordination in schools, after "
    "IDEA Consult's task overview and texts of Kennisnet and iXpact."
)

_ROLES = LocalizedText("Rollen", "Roles")

# What RFC 3986 allows in a URI; anything else in base_uri would make every uri invalid.
_URI_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def _notes(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def _both(text: LocalizedText) -> str:
    return f"{text.nl} ({text.en})" if text.en and text.en != text.nl else text.nl


def _source(provenance: Provenance) -> str:
    return f"source: {provenance}"


def _task_notes(task: Task) -> str:
    strategic = ""
    if task.strategic:
        why = f": {task.criterion.label.nl}" if task.criterion else ""
        strategic = f"strategic core task (kerntaak){why}"
    applies = ", ".join(school.value for school in task.applies_to)
    return _notes(
        strategic,
        f"required level: {task.required_level} (1 basic, 2 competent, 3 expert)",
        f"scope: {_both(task.scope.label)}",
        f"applies to: {applies}" if applies else "",
        _source(task.provenance),
    )


def _role_notes(role: Role) -> str:
    profile = ", ".join(
        f"{domain.value} {role.profile[domain]}" for domain in Domain if domain in role.profile
    )
    return _notes(
        role.description.nl,
        role.description.en,
        *(f"risk: {_both(risk)}" for risk in role.risks),
        *(f"needs: {_both(need)}" for need in role.needs),
        f"profile (0 none … 3 expert): {profile}",
        _source(role.provenance),
    )


def _add_clusters(
    package: Package, catalog: Catalog
) -> tuple[dict[Cluster, Node], dict[str, Node]]:
    """Add each cluster with its tasks; return the cluster and task nodes."""
    clusters: dict[Cluster, Node] = {}
    tasks: dict[str, Node] = {}
    for number, profile in enumerate(catalog.clusters, start=1):
        cluster = clusters[profile.cluster] = package.item(
            "cluster",
            profile.cluster.value,
            item_type="cluster",
            statement=profile.title,
            coding=profile.code_prefix,
            abbreviated=profile.cluster.label.nl,
            enumeration=number,
            keywords=[content.nl for content in profile.contents],
            notes=_notes(
                "en: " + ", ".join(content.get("en") for content in profile.contents),
                _source(profile.provenance),
            ),
        )
        members = catalog.tasks_in(profile.cluster)
        for position, task in enumerate(members, start=1):
            tasks[task.code] = package.entry(
                "task",
                task.code,
                task.description,
                position,
                keywords=["kerntaak"] if task.strategic else (),
                notes=_task_notes(task),
            )
        package.children(cluster, (tasks[task.code] for task in members))
    return clusters, tasks


def _add_members(
    package: Package, group: Node, members: list[Competence], nodes: dict[str, Node]
) -> None:
    """Add ``members`` as the competences of ``group``, in order, and record their nodes."""
    children = []
    for position, competence in enumerate(members, start=1):
        nodes[competence.code] = node = package.entry(
            "competence",
            competence.code,
            competence.name,
            position,
            notes=_source(competence.provenance),
        )
        children.append(node)
    package.children(group, children)


def _subgroups(group: CompetenceGroup, groups: Sequence[CompetenceGroup]) -> list[CompetenceGroup]:
    """The groups directly under ``group``: of its kind, with a domain where it has none."""
    if group.domain is not None:
        return []
    return [other for other in groups if other.kind is group.kind and other.domain is not None]


def _add_competences(
    package: Package, catalog: Catalog, groups: Sequence[CompetenceGroup]
) -> tuple[list[Node], dict[Domain, Node], dict[str, Node]]:
    """Add the competence groups and competences; return the top groups, domains, competences.

    A group over other groups has no coding and holds no competences itself; the groups
    under it are numbered in order (``listEnumeration``).
    """
    top: list[Node] = []
    domains: dict[Domain, Node] = {}
    competences: dict[str, Node] = {}
    inner = [sub for group in groups for sub in _subgroups(group, groups)]

    def add(group: CompetenceGroup, number: int | None) -> Node:
        subgroups = _subgroups(group, groups)
        node = package.item(
            "group",
            group.code,
            item_type="competence_group",
            statement=group.title,
            coding=None if subgroups else group.code,
            enumeration=number,
            notes=_source(group.provenance),
        )
        if group.domain is not None:
            domains[group.domain] = node
        if subgroups:
            children = [add(sub, position) for position, sub in enumerate(subgroups, start=1)]
            package.children(node, children)
        else:
            members = [c for c in catalog.competences if group.holds(c)]
            _add_members(package, node, members, competences)
        return node

    top.extend(add(group, None) for group in groups if group not in inner)
    homeless = [c.code for c in catalog.competences if c.code not in competences]
    if homeless:
        raise IctCompetenceError(
            f"competence(s) {', '.join(homeless)} fit none of the catalog's competence "
            f"groups ({', '.join(group.code for group in groups)})"
        )
    return top, domains, competences


def _add_roles(package: Package, catalog: Catalog) -> tuple[Node, dict[str, Node]]:
    group = package.item("group", "roles", item_type="role_group", statement=_ROLES)
    roles = {
        role.code: package.entry("role", role.code, role.name, position, notes=_role_notes(role))
        for position, role in enumerate(catalog.roles, start=1)
    }
    package.children(group, roles.values())
    return group, roles


def _document(package: Package, catalog: Catalog, stamp: str, version: str) -> Json:
    entries: Iterable[ClusterProfile | Task | Role | Competence] = (
        *catalog.clusters,
        *catalog.tasks,
        *catalog.roles,
        *catalog.competences,
    )
    sources = sorted({entry.provenance.source for entry in entries})
    return {
        "identifier": package.document.identifier,
        "uri": package.document.uri,
        "creator": CREATOR,
        "title": TITLE,
        "lastChangeDateTime": stamp,
        "description": DESCRIPTION,
        "subject": ["ICT-coördinatie"],
        "language": "nl",
        "version": version,
        "notes": checked("sources: " + ", ".join(sources), "provenance"),
    }


def _package(catalog: Catalog, base_uri: str | None, stamp: str) -> Json:
    info = load_catalog_info()
    package = Package(base_uri, stamp)
    clusters, tasks = _add_clusters(package, catalog)
    groups, domains, competences = _add_competences(package, catalog, info.competence_groups)
    roles_group, roles = _add_roles(package, catalog)
    package.children(package.document, [*clusters.values(), *groups, roles_group])
    for task in catalog.tasks:
        origin = tasks[task.code]
        package.associate("isRelatedTo", origin, domains[task.domain], grouping="task_domain")
        for candidate in task.candidates:
            package.associate("isRelatedTo", origin, roles[candidate], grouping="candidates")
    for role in catalog.roles:
        origin = roles[role.code]
        for cluster in role.clusters:
            package.associate("isRelatedTo", origin, clusters[cluster], grouping="role_clusters")
        for code in role.competences:
            package.associate("isRelatedTo", origin, competences[code], grouping="role_competences")
    return {
        "CFDocument": _document(package, catalog, stamp, info.version),
        "CFItems": package.items,
        "CFAssociations": package.associations,
        "CFDefinitions": package.definitions(),
    }


def _base_uri(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RefusedError
    parts = urlsplit(value)
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if (
        not port_ok
        or parts.scheme not in ("http", "https")
        or not parts.netloc
        or parts.query
        or parts.fragment
        or not _URI_CHARACTERS.fullmatch(value)
    ):
        raise RefusedError
    return value if value.endswith("/") else value + "/"


def _stamp(value: object) -> str:
    moment = value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise RefusedError
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _last_change(value: object) -> str:
    # The default is read when the option is left out, not when this module is imported.
    return _stamp(load_catalog_info().last_changed if value is _PACKAGED else value)


_PACKAGED = object()
_OPTIONS = (
    Option(
        "base_uri",
        "an absolute http(s) URI without query or fragment, such as 'https://example.org/case/'",
        None,
        _base_uri,
    ),
    Option(
        "last_change",
        "a datetime or ISO 8601 text with a time zone, such as '2026-01-31T12:00:00+00:00'",
        _PACKAGED,
        _last_change,
    ),
)


class CaseRenderer:
    """Renders a :class:`~ict_competence.catalog.Catalog` as a CASE 1.0 CFPackage (JSON).

    The package holds one CFDocument for the catalog, a CFItem for each cluster, task,
    competence group, competence and role, ``isChildOf`` associations for the tree and
    ``isRelatedTo`` associations from tasks to candidate roles and competence domains
    and from roles to clusters and competences. Identifiers are ``uuid5`` of the codes.

    >>> import json
    >>> from ict_competence import load_catalog
    >>> package = json.loads(CaseRenderer().render(load_catalog()))
    >>> package["CFDocument"]["title"], len(package["CFItems"])
    ('Takenoverzicht ICT-coördinatie', 93)
    >>> task = next(i for i in package["CFItems"] if i.get("humanCodingScheme") == "TECH-01")
    >>> task["uri"] == "urn:uuid:" + case_identifier("task", "TECH-01")
    True
    """

    name = "case"
    media_type = "application/json"
    renders = ("Catalog",)

    def render(self, obj: object, **options: object) -> str:
        """The catalog as CFPackage JSON.

        Args:
            obj: the :class:`~ict_competence.catalog.Catalog` to export.
            **options: ``base_uri`` (an http(s) URI each node's ``uri`` starts with; by
                default ``urn:uuid:<identifier>``) and ``last_change`` (an aware datetime
                or ISO 8601 text for every ``lastChangeDateTime``; by default when the
                packaged content last changed, ``last_changed`` in ``catalog.toml``).

        Raises:
            RenderError: ``obj`` is not a catalog, or an option is unknown or invalid (the
                error names the option and what it accepts).
        """
        parsed = parse_options("case", _OPTIONS, options)
        if not isinstance(obj, Catalog):
            raise unsupported(self.name, obj)
        base_uri, stamp = parsed["base_uri"], str(parsed["last_change"])
        assert base_uri is None or isinstance(base_uri, str)  # noqa: S101 - _base_uri made it
        package = _package(obj, base_uri, stamp)
        return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
