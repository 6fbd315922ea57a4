"""A typed domain model for team-based ICT coordination in schools.

The catalog of ICT-coordination tasks, roles and competences; the roadmap from one
coordinator to an ICT team; the conversation guide for school leaders; the
allocation of tasks over a team; and renderers for guides and workbooks.

>>> import ict_competence as ic
>>> ic.load_catalog().task("TECH-01").cluster.label.nl
'Technisch'
"""

from ict_competence.catalog import (
    Catalog,
    Cluster,
    Domain,
    Horizon,
    Scope,
    Task,
    TaskChoice,
    TaskOverview,
    load_catalog,
)
from ict_competence.errors import IctCompetenceError
from ict_competence.render import available_formats, render
from ict_competence.serialize import from_json, to_json
from ict_competence.text import LocalizedText, Provenance
from ict_competence.xlsx import read_overview, write_overview

__version__ = "0.1.0"

__all__ = [
    "Catalog",
    "Cluster",
    "Domain",
    "Horizon",
    "IctCompetenceError",
    "LocalizedText",
    "Provenance",
    "Scope",
    "Task",
    "TaskChoice",
    "TaskOverview",
    "__version__",
    "available_formats",
    "from_json",
    "load_catalog",
    "read_overview",
    "render",
    "to_json",
    "write_overview",
]
