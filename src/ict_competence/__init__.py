"""A typed domain model for team-based ICT coordination in schools.

The catalog of ICT-coordination tasks, roles and competences; the roadmap from one
coordinator to an ICT team; the conversation guide for school leaders; the
allocation of tasks over a team; and renderers for guides and workbooks.

>>> import ict_competence as ic
>>> ic.load_catalog().task("TECH-01").cluster.label.nl
'Technisch'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
from ict_competence.errors import (
    AllocationError,
    ContentError,
    FieldError,
    IctCompetenceError,
    MoveError,
    RoadmapError,
    SerializationError,
    UnknownCodeError,
    WorkbookError,
)

# Eager, unlike the roadmap and dialogue below: the function `render` must win over the
# subpackage of the same name, which a first import would otherwise bind here.
from ict_competence.render import available_formats, render
from ict_competence.serialize import from_json, to_json
from ict_competence.text import LocalizedText, Provenance
from ict_competence.xlsx import read_overview, write_overview

if TYPE_CHECKING:
    from ict_competence.allocation import (
        Allocation,
        Assignment,
        Decision,
        DecisionKind,
        Duty,
        Exclusion,
        KeepHolders,
        Person,
        Pin,
        RuleSet,
        Team,
        allocate,
        continuity_rules,
        default_rules,
        even_load_rules,
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
    from ict_competence.flow import (
        Actor,
        Advice,
        Answer,
        Assessment,
        Assessor,
        Evidence,
        Roadmap,
        RoadmapSession,
        SessionStatus,
        Step,
        Variant,
        load_roadmap,
    )

__version__ = "0.1.0"

# The roadmap, the dialogue and the allocation load on first use (PEP 562), so that
# `import ict_competence` costs only the catalog; each name resolves to its subpackage's.
_LAZY = {
    "Action": "dialogue",
    "Actor": "flow",
    "Advice": "flow",
    "Allocation": "allocation",
    "Answer": "flow",
    "Assessment": "flow",
    "Assessor": "flow",
    "Assignment": "allocation",
    "ConversationGuide": "dialogue",
    "Decision": "allocation",
    "DecisionKind": "allocation",
    "Dialogue": "dialogue",
    "DialogueRecord": "dialogue",
    "Duty": "allocation",
    "Evidence": "flow",
    "Exclusion": "allocation",
    "KeepHolders": "allocation",
    "KeyFigure": "dialogue",
    "MainQuestion": "dialogue",
    "Person": "allocation",
    "Pin": "allocation",
    "PolicyTheme": "dialogue",
    "Reference": "dialogue",
    "ReferenceKind": "dialogue",
    "Roadmap": "flow",
    "RoadmapSession": "flow",
    "RuleSet": "allocation",
    "SessionStatus": "flow",
    "Step": "flow",
    "Team": "allocation",
    "Theme": "dialogue",
    "Topic": "dialogue",
    "TopicStatus": "dialogue",
    "Variant": "flow",
    "allocate": "allocation",
    "continuity_rules": "allocation",
    "conversation_guide": "dialogue",
    "default_rules": "allocation",
    "even_load_rules": "allocation",
    "load_dialogue": "dialogue",
    "load_roadmap": "flow",
}

__all__ = [
    "Action",
    "Actor",
    "Advice",
    "Allocation",
    "AllocationError",
    "Answer",
    "Assessment",
    "Assessor",
    "Assignment",
    "Catalog",
    "Cluster",
    "ContentError",
    "ConversationGuide",
    "Decision",
    "DecisionKind",
    "Dialogue",
    "DialogueRecord",
    "Domain",
    "Duty",
    "Evidence",
    "Exclusion",
    "FieldError",
    "Horizon",
    "IctCompetenceError",
    "KeepHolders",
    "KeyFigure",
    "LocalizedText",
    "MainQuestion",
    "MoveError",
    "Person",
    "Pin",
    "PolicyTheme",
    "Provenance",
    "Reference",
    "ReferenceKind",
    "Roadmap",
    "RoadmapError",
    "RoadmapSession",
    "RuleSet",
    "Scope",
    "SerializationError",
    "SessionStatus",
    "Step",
    "Task",
    "TaskChoice",
    "TaskOverview",
    "Team",
    "Theme",
    "Topic",
    "TopicStatus",
    "UnknownCodeError",
    "Variant",
    "WorkbookError",
    "__version__",
    "allocate",
    "available_formats",
    "continuity_rules",
    "conversation_guide",
    "default_rules",
    "even_load_rules",
    "from_json",
    "load_catalog",
    "load_dialogue",
    "load_roadmap",
    "read_overview",
    "render",
    "to_json",
    "write_overview",
]


def __getattr__(name: str) -> Any:  # noqa: ANN401 - any public object
    package = _LAZY.get(name)
    if package is None:
        raise AttributeError(f"module 'ict_competence' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"ict_competence.{package}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
