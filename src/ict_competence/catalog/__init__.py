"""What exists: the clusters, tasks, roles and competences of ICT coordination, and tailoring."""

from ict_competence.catalog._catalog import Catalog
from ict_competence.catalog._enums import (
    Cluster,
    CompetenceKind,
    CoreCriterion,
    Domain,
    Horizon,
    SchoolType,
    Scope,
)
from ict_competence.catalog._loader import load_catalog, load_catalog_info
from ict_competence.catalog._model import (
    CatalogInfo,
    ClusterProfile,
    Competence,
    CompetenceGroup,
    Role,
    Task,
)
from ict_competence.catalog._overview import (
    FULL_TIME_HOURS,
    OverviewSummary,
    TaskChoice,
    TaskOverview,
)
from ict_competence.errors import ContentError, UnknownCodeError

__all__ = [
    "FULL_TIME_HOURS",
    "Catalog",
    "CatalogInfo",
    "Cluster",
    "ClusterProfile",
    "Competence",
    "CompetenceGroup",
    "CompetenceKind",
    "ContentError",
    "CoreCriterion",
    "Domain",
    "Horizon",
    "OverviewSummary",
    "Role",
    "SchoolType",
    "Scope",
    "Task",
    "TaskChoice",
    "TaskOverview",
    "UnknownCodeError",
    "load_catalog",
    "load_catalog_info",
]
