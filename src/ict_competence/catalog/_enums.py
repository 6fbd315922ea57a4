"""The closed vocabularies of the catalog: clusters, competence domains, scopes, horizons."""

from __future__ import annotations

from ict_competence._content import read_labels
from ict_competence.text import Coded, Labelled

__all__ = ["Cluster", "CompetenceKind", "CoreCriterion", "Domain", "Horizon", "SchoolType", "Scope"]


class Domain(Labelled):
    """A domain of competence (seed 003, "Vereiste competenties").

    >>> Domain("policy").label.nl
    'Beleidsmatig'
    """

    TECHNICAL = "technical"
    PEDAGOGICAL = "pedagogical"
    POLICY = "policy"
    ADMINISTRATIVE = "administrative"


class Cluster(Labelled):
    """One of the four clusters of ICT-coordination tasks (takenclusters, seed 003).

    >>> Cluster.POLICY.label.nl, Cluster.POLICY.domain
    ('Beleid & visie', <Domain.POLICY: 'policy'>)
    """

    TECHNICAL = "technical"
    PEDAGOGICAL = "pedagogical"
    ADMINISTRATIVE = "administrative"
    POLICY = "policy"

    @property
    def domain(self) -> Domain:
        """The competence domain a task in this cluster needs unless it says otherwise."""
        return Domain(self.value)


class Scope(Labelled):
    """Where a task is best organised: in each school, or once for the school group.

    ``EITHER`` only describes a catalog task's default; a tailored choice is always
    ``SCHOOL`` or ``SCHOOL_GROUP``.
    """

    SCHOOL = "school"
    SCHOOL_GROUP = "school_group"
    EITHER = "either"


class Horizon(Labelled):
    """When a task is taken up (seed 004, step 5): short term, long term, or dropped."""

    SHORT_TERM = "short_term"
    LONG_TERM = "long_term"
    DROPPED = "dropped"


class CoreCriterion(Labelled):
    """Why a task is a core task of strategic importance (seed 003, "Kerntaken")."""

    DAILY_INFRASTRUCTURE = "daily_infrastructure"
    CORE_ADMINISTRATION = "core_administration"
    PEDAGOGICAL_VISION = "pedagogical_vision"
    COMBINED_COMPETENCES = "combined_competences"


class SchoolType(Coded):
    """Kinds of school (onderwijsniveaus en -vormen) a task may be limited to."""

    PRIMARY = "primary"
    SECONDARY_GENERAL = "secondary_general"
    SECONDARY_TECHNICAL = "secondary_technical"
    SECONDARY_VOCATIONAL = "secondary_vocational"
    SPECIAL_NEEDS = "special_needs"
    ADULT = "adult"


class CompetenceKind(Coded):
    """What a competence describes: a domain's requirement, a generic trait, or leadership."""

    DOMAIN = "domain"
    GENERIC = "generic"
    LEADERSHIP = "leadership"


# The labels are content: Dutch from the sources, in data/labels.toml.
read_labels("ict_competence.catalog", Domain, Cluster, Scope, Horizon, CoreCriterion)
