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
from ict_competence.dialogue import (
    Action,
    ConversationGuide,
    Dialogue,
    DialogueRecord,
    KeyFigure,
    MainQuestion,
    PolicyTheme,
    Reference,
    ReferenceKind,
    Theme,
    Topic,
    TopicStatus,
    conversation_guide,
    load_dialogue,
)
from ict_competence.errors import IctCompetenceError
from ict_competence.flow import (
    Actor,
    Advice,
    Answer,
    Assessment,
    Assessor,
    Evidence,
    MoveError,
    Roadmap,
    RoadmapError,
    RoadmapSession,
    SessionStatus,
    Step,
    Variant,
    load_roadmap,
    roadmap,
)
from ict_competence.render import available_formats, render
from ict_competence.serialize import from_json, to_json
from ict_competence.text import LocalizedText, Provenance
from ict_competence.xlsx import read_overview, write_overview

__version__ = "0.1.0"

__all__ = [
    "Action",
    "Actor",
    "Advice",
    "Answer",
    "Assessment",
    "Assessor",
    "Catalog",
    "Cluster",
    "ConversationGuide",
    "Dialogue",
    "DialogueRecord",
    "Domain",
    "Evidence",
    "Horizon",
    "IctCompetenceError",
    "KeyFigure",
    "LocalizedText",
    "MainQuestion",
    "MoveError",
    "PolicyTheme",
    "Provenance",
    "Reference",
    "ReferenceKind",
    "Roadmap",
    "RoadmapError",
    "RoadmapSession",
    "Scope",
    "SessionStatus",
    "Step",
    "Task",
    "TaskChoice",
    "TaskOverview",
    "Theme",
    "Topic",
    "TopicStatus",
    "Variant",
    "__version__",
    "available_formats",
    "conversation_guide",
    "from_json",
    "load_catalog",
    "load_dialogue",
    "load_roadmap",
    "read_overview",
    "render",
    "roadmap",
    "to_json",
    "write_overview",
]
