"""The catalog's entries: tasks, roles, competences and the four clusters' contents."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar

import attrs

from ict_competence._checks import (
    argument,
    code,
    codes,
    finite_non_negative,
    in_range,
    instance_of,
    items_of,
    unique,
    values_in_range,
)
from ict_competence._frozen import frozen_map
from ict_competence.catalog._enums import (
    Cluster,
    CompetenceKind,
    CoreCriterion,
    Domain,
    SchoolType,
    Scope,
)
from ict_competence.errors import FieldError
from ict_competence.text import LocalizedText, Provenance

__all__ = ["CatalogInfo", "ClusterProfile", "Competence", "CompetenceGroup", "Role", "Task"]


@attrs.frozen(kw_only=True)
class Task:
    """An ICT-coordination task (taak) from the task overview (Takenoverzicht ICT-coördinatie).

    Attributes:
        code: stable identifier, ``TECH-01`` … for built-in tasks, a school's own otherwise.
        cluster: the cluster the task belongs to.
        domain: the competence domain it needs; by default the cluster's.
        description: the task's text; for built-in tasks the Dutch is verbatim from seed 003.
        strategic: a core task of strategic importance (kerntaak).
        criterion: which of seed 003's core-task criteria makes it strategic, if known.
        required_level: competence level needed to take it as primary, 1 (basic) to 3 (expert).
        scope: where it suits best by default: school, school group, or either.
        applies_to: the kinds of school it is limited to; empty means every school.
        candidates: role codes of who else can take it ("wie kan het opnemen").
        hours_per_year: an indicative workload; a school tailors it in its overview.
        provenance: where the task comes from.

    >>> from ict_competence import load_catalog
    >>> task = load_catalog().task("TECH-12")
    >>> task.cluster.label.nl, task.applies_in(SchoolType.PRIMARY)
    ('Technisch', False)
    """

    code: str = attrs.field(validator=code)
    cluster: Cluster = attrs.field(validator=instance_of(Cluster))
    domain: Domain = attrs.field(validator=instance_of(Domain))
    description: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    strategic: bool = attrs.field(default=False, validator=instance_of(bool))
    criterion: CoreCriterion | None = attrs.field(default=None)
    required_level: int = attrs.field(default=2, validator=in_range(1, 3))
    scope: Scope = attrs.field(default=Scope.EITHER, validator=instance_of(Scope))
    applies_to: tuple[SchoolType, ...] = attrs.field(default=(), validator=items_of(SchoolType))
    candidates: tuple[str, ...] = attrs.field(default=(), validator=codes)
    hours_per_year: float = attrs.field(validator=finite_non_negative)
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))

    @domain.default
    def _cluster_domain(self) -> Domain:
        return self.cluster.domain

    @criterion.validator
    def _criterion_needs_strategic(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            instance_of(CoreCriterion)(self, attribute, value)
        if value is not None and not self.strategic:
            raise FieldError(
                attribute.name, "a core-task criterion is only given for strategic tasks"
            )

    def applies_in(self, school_type: SchoolType | None) -> bool:
        """Whether the task applies in a school of this type (``None``: type unknown, so yes)."""
        argument("school_type", school_type, SchoolType, type(None))
        return not self.applies_to or school_type is None or school_type in self.applies_to

    def moved_to(self, cluster: Cluster) -> Task:
        """This task in another cluster, as a school may put it in its overview.

        It takes the new cluster's domain when it had its old cluster's; a domain of its
        own (a policy task needing technical competence, say) stays with it.

        >>> from ict_competence import load_catalog
        >>> task = load_catalog().task("TECH-01")
        >>> task.moved_to(Cluster.POLICY).domain
        <Domain.POLICY: 'policy'>
        """
        argument("cluster", cluster, Cluster)
        if cluster is self.cluster:
            return self
        domain = cluster.domain if self.domain is self.cluster.domain else self.domain
        return attrs.evolve(self, cluster=cluster, domain=domain)


@attrs.frozen(kw_only=True)
class _Sorted:
    """What is sorted by kind of competence: a competence, or a heading over competences.

    Attributes:
        code: stable identifier.
        kind: the kind of competence.
        domain: the domain, only ever for domain competences; a competence of that kind
            always has one, a heading may hold them all without one.
    """

    #: Whether everything of the domain kind names its domain, and the message if not.
    _domain_always: ClassVar[bool]
    _domain_message: ClassVar[str]

    code: str = attrs.field(validator=code)
    kind: CompetenceKind = attrs.field(validator=instance_of(CompetenceKind))
    domain: Domain | None = attrs.field(default=None)

    @domain.validator
    def _domain_for_domain_kind(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            instance_of(Domain)(self, attribute, value)
        of_domain_kind = self.kind is CompetenceKind.DOMAIN
        if (value is not None and not of_domain_kind) or (
            value is None and of_domain_kind and self._domain_always
        ):
            raise FieldError(attribute.name, self._domain_message)


@attrs.frozen(kw_only=True)
class Competence(_Sorted):
    """A competence: a domain's requirement, one of the 13 generic ones, or a leader's.

    Attributes:
        code: stable identifier such as ``generic.communicative``.
        kind: domain requirement, generic, or leadership.
        domain: the domain it belongs to; only for ``CompetenceKind.DOMAIN``.
        name: the competence as the seed words it.
        provenance: where it comes from.
    """

    _domain_always = True
    _domain_message = "a domain is given exactly for domain competences"

    name: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))


@attrs.frozen(kw_only=True)
class Role:
    """A role in team-based ICT coordination (TICT, PICT, digicoach, external firm, …).

    Attributes:
        code: stable identifier such as ``tict``.
        name: the role's name as the seeds use it, with an English label.
        description: what the role does; Dutch from the seed where it describes the role.
        clusters: the task clusters the role typically covers.
        profile: the competence level (0–3) the role needs per domain.
        competences: codes of generic or leadership competences the role leans on.
        risks: what to watch for (for an external firm: cost, dependency, lost know-how).
        needs: what the role needs to work (for an external firm: a service level agreement).
        provenance: where the role comes from.

    >>> from ict_competence import load_catalog
    >>> load_catalog().role("tict").profile[Domain.TECHNICAL]
    3
    """

    code: str = attrs.field(validator=code)
    name: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    description: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    clusters: tuple[Cluster, ...] = attrs.field(validator=items_of(Cluster))
    profile: Mapping[Domain, int] = attrs.field(
        converter=frozen_map, validator=values_in_range(0, 3, keys=tuple(Domain)), hash=False
    )
    competences: tuple[str, ...] = attrs.field(default=(), validator=codes)
    risks: tuple[LocalizedText, ...] = attrs.field(default=(), validator=items_of(LocalizedText))
    needs: tuple[LocalizedText, ...] = attrs.field(default=(), validator=items_of(LocalizedText))
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))


@attrs.frozen(kw_only=True)
class ClusterProfile:
    """What one cluster holds, as seed 003's "vier clusters" slide lists it.

    Attributes:
        cluster: the cluster.
        title: the slide's heading for it (for example "Technische taken").
        code_prefix: what the codes of its built-in tasks start with (``TECH`` for
            ``TECH-01``); exports use it as the cluster's coding scheme.
        contents: the slide's items (Hardware, Software, …).
        provenance: where it comes from.
    """

    cluster: Cluster = attrs.field(validator=instance_of(Cluster))
    title: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    code_prefix: str = attrs.field(validator=code)
    contents: tuple[LocalizedText, ...] = attrs.field(
        validator=[items_of(LocalizedText), attrs.validators.min_len(1)]
    )
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))


@attrs.frozen(kw_only=True)
class CompetenceGroup(_Sorted):
    """A heading the seeds put over competences: "Vereiste competenties", "Technisch", ….

    A group holds the competences of its ``kind`` (and of its ``domain``, if it has one);
    a group with a domain sits under the group of its kind without one.

    Attributes:
        code: stable identifier, such as ``required`` or ``technical``.
        kind: the kind of competence it holds.
        domain: the domain whose competences it holds; only for domain competences.
        title: the heading as the seed words it, with an English label.
        provenance: where the heading stands.
    """

    _domain_always = False
    _domain_message = "only a group of domain competences has one"

    title: LocalizedText = attrs.field(validator=instance_of(LocalizedText))
    provenance: Provenance = attrs.field(validator=instance_of(Provenance))

    def holds(self, competence: Competence) -> bool:
        """Whether ``competence`` belongs under this heading (or under one inside it)."""
        argument("competence", competence, Competence)
        return competence.kind is self.kind and self.domain in (None, competence.domain)


def _aware(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise FieldError(attribute.name, f"expected a date and time with a zone, found {value!r}")


@attrs.frozen(kw_only=True)
class CatalogInfo:
    """What describes the built-in catalog content as a whole (``catalog/data/catalog.toml``).

    Attributes:
        version: the content's version; it changes whenever the content does.
        last_changed: when the content last changed (exports stamp their entries with it).
        competence_groups: the headings over the competences, in the seeds' order.

    >>> from ict_competence.catalog._loader import load_catalog_info
    >>> [group.code for group in load_catalog_info().competence_groups][:2]
    ['required', 'technical']
    """

    version: str = attrs.field(validator=code)
    last_changed: datetime = attrs.field(validator=_aware)
    competence_groups: tuple[CompetenceGroup, ...] = attrs.field(
        validator=[items_of(CompetenceGroup), unique(lambda group: group.code)]
    )
