"""A typed domain model for team-based ICT coordination in schools.

The catalog of ICT-coordination tasks, roles and competences; the roadmap from one
coordinator to an ICT team; the conversation guide for school leaders; the
allocation of tasks over a team; and renderers for guides and workbooks.

The top level exports exactly the names in the ``__all__`` of the subpackages and of the
bottom modules (catalog, flow, dialogue, allocation, xlsx, render, serialize, text,
errors), no more and no fewer: one table, ``_EXPORTS``, says where each name comes from.
To make a name public, add it to its package's ``__all__`` and to ``_EXPORTS`` and the
``TYPE_CHECKING`` block below; ``tests/test_package.py`` fails until all three agree.

>>> import ict_competence as ic
>>> ic.load_catalog().task("TECH-01").cluster.label.nl
'Technisch'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # For type checkers only: the same names as _EXPORTS, each re-exported explicitly.
    from ict_competence.allocation import DEFAULT_BACKUP_SHARE as DEFAULT_BACKUP_SHARE
    from ict_competence.allocation import SOLVERS as SOLVERS
    from ict_competence.allocation import Allocation as Allocation
    from ict_competence.allocation import AllocationDiff as AllocationDiff
    from ict_competence.allocation import Alternative as Alternative
    from ict_competence.allocation import Assignment as Assignment
    from ict_competence.allocation import BackupOnStrategic as BackupOnStrategic
    from ict_competence.allocation import Candidate as Candidate
    from ict_competence.allocation import Decision as Decision
    from ict_competence.allocation import DecisionKind as DecisionKind
    from ict_competence.allocation import Duty as Duty
    from ict_competence.allocation import EligibilityRule as EligibilityRule
    from ict_competence.allocation import EvenLoad as EvenLoad
    from ict_competence.allocation import Exclusion as Exclusion
    from ict_competence.allocation import ExpertiseAndMotivation as ExpertiseAndMotivation
    from ict_competence.allocation import Explanation as Explanation
    from ict_competence.allocation import InstanceInfo as InstanceInfo
    from ict_competence.allocation import KeepHolders as KeepHolders
    from ict_competence.allocation import LoadTerm as LoadTerm
    from ict_competence.allocation import MinimumLevel as MinimumLevel
    from ict_competence.allocation import Motivated as Motivated
    from ict_competence.allocation import Person as Person
    from ict_competence.allocation import PersonChange as PersonChange
    from ict_competence.allocation import Pin as Pin
    from ict_competence.allocation import ProfileSuggestion as ProfileSuggestion
    from ict_competence.allocation import RaciRow as RaciRow
    from ict_competence.allocation import RuleSet as RuleSet
    from ict_competence.allocation import ScoreTerm as ScoreTerm
    from ict_competence.allocation import TaskInstance as TaskInstance
    from ict_competence.allocation import Team as Team
    from ict_competence.allocation import allocate as allocate
    from ict_competence.allocation import continuity_rules as continuity_rules
    from ict_competence.allocation import default_rules as default_rules
    from ict_competence.allocation import even_load_rules as even_load_rules
    from ict_competence.allocation import register_rule as register_rule
    from ict_competence.allocation import task_instances as task_instances
    from ict_competence.catalog import FULL_TIME_HOURS as FULL_TIME_HOURS
    from ict_competence.catalog import Catalog as Catalog
    from ict_competence.catalog import Cluster as Cluster
    from ict_competence.catalog import ClusterProfile as ClusterProfile
    from ict_competence.catalog import Competence as Competence
    from ict_competence.catalog import CompetenceKind as CompetenceKind
    from ict_competence.catalog import CoreCriterion as CoreCriterion
    from ict_competence.catalog import Domain as Domain
    from ict_competence.catalog import Horizon as Horizon
    from ict_competence.catalog import OverviewSummary as OverviewSummary
    from ict_competence.catalog import Role as Role
    from ict_competence.catalog import SchoolType as SchoolType
    from ict_competence.catalog import Scope as Scope
    from ict_competence.catalog import Task as Task
    from ict_competence.catalog import TaskChoice as TaskChoice
    from ict_competence.catalog import TaskOverview as TaskOverview
    from ict_competence.catalog import load_catalog as load_catalog
    from ict_competence.dialogue import Action as Action
    from ict_competence.dialogue import Aspect as Aspect
    from ict_competence.dialogue import ConversationGuide as ConversationGuide
    from ict_competence.dialogue import Dialogue as Dialogue
    from ict_competence.dialogue import DialogueRecord as DialogueRecord
    from ict_competence.dialogue import KeyFigure as KeyFigure
    from ict_competence.dialogue import MainQuestion as MainQuestion
    from ict_competence.dialogue import PolicyTheme as PolicyTheme
    from ict_competence.dialogue import Reference as Reference
    from ict_competence.dialogue import ReferenceKind as ReferenceKind
    from ict_competence.dialogue import StaffRole as StaffRole
    from ict_competence.dialogue import Theme as Theme
    from ict_competence.dialogue import Topic as Topic
    from ict_competence.dialogue import TopicEntry as TopicEntry
    from ict_competence.dialogue import TopicStatus as TopicStatus
    from ict_competence.dialogue import conversation_guide as conversation_guide
    from ict_competence.dialogue import load_dialogue as load_dialogue
    from ict_competence.errors import AllocationError as AllocationError
    from ict_competence.errors import ContentError as ContentError
    from ict_competence.errors import FieldError as FieldError
    from ict_competence.errors import IctCompetenceError as IctCompetenceError
    from ict_competence.errors import MoveError as MoveError
    from ict_competence.errors import PlanError as PlanError
    from ict_competence.errors import RoadmapError as RoadmapError
    from ict_competence.errors import SerializationError as SerializationError
    from ict_competence.errors import UnknownCodeError as UnknownCodeError
    from ict_competence.errors import WorkbookError as WorkbookError
    from ict_competence.flow import Actor as Actor
    from ict_competence.flow import ActorAdvice as ActorAdvice
    from ict_competence.flow import Advice as Advice
    from ict_competence.flow import Answer as Answer
    from ict_competence.flow import Assessment as Assessment
    from ict_competence.flow import Assessor as Assessor
    from ict_competence.flow import Branch as Branch
    from ict_competence.flow import Evidence as Evidence
    from ict_competence.flow import Move as Move
    from ict_competence.flow import Phase as Phase
    from ict_competence.flow import Roadmap as Roadmap
    from ict_competence.flow import RoadmapSession as RoadmapSession
    from ict_competence.flow import SessionStatus as SessionStatus
    from ict_competence.flow import Step as Step
    from ict_competence.flow import StepKind as StepKind
    from ict_competence.flow import StepText as StepText
    from ict_competence.flow import Variant as Variant
    from ict_competence.flow import load_roadmap as load_roadmap
    from ict_competence.flow import to_dot as to_dot
    from ict_competence.flow import to_mermaid as to_mermaid
    from ict_competence.render import Renderer as Renderer
    from ict_competence.render import available_formats as available_formats
    from ict_competence.render import get_renderer as get_renderer
    from ict_competence.render import register_renderer as register_renderer
    from ict_competence.render import render as render
    from ict_competence.serialize import SCHEMA_VERSION as SCHEMA_VERSION
    from ict_competence.serialize import Kinds as Kinds
    from ict_competence.serialize import from_json as from_json
    from ict_competence.serialize import register_kinds as register_kinds
    from ict_competence.serialize import register_migration as register_migration
    from ict_competence.serialize import structure as structure
    from ict_competence.serialize import to_json as to_json
    from ict_competence.serialize import unstructure as unstructure
    from ict_competence.text import Labelled as Labelled
    from ict_competence.text import Language as Language
    from ict_competence.text import LocalizedText as LocalizedText
    from ict_competence.text import Provenance as Provenance
    from ict_competence.xlsx import read_overview as read_overview
    from ict_competence.xlsx import read_team as read_team
    from ict_competence.xlsx import write_overview as write_overview
    from ict_competence.xlsx import write_team as write_team

__version__ = "0.1.0"

#: Every public name -> the module (under ``ict_competence``) whose ``__all__`` holds it.
_EXPORTS: dict[str, str] = {
    # catalog
    "Catalog": "catalog",
    "Cluster": "catalog",
    "ClusterProfile": "catalog",
    "Competence": "catalog",
    "CompetenceKind": "catalog",
    "CoreCriterion": "catalog",
    "Domain": "catalog",
    "FULL_TIME_HOURS": "catalog",
    "Horizon": "catalog",
    "OverviewSummary": "catalog",
    "Role": "catalog",
    "SchoolType": "catalog",
    "Scope": "catalog",
    "Task": "catalog",
    "TaskChoice": "catalog",
    "TaskOverview": "catalog",
    "load_catalog": "catalog",
    # errors
    "AllocationError": "errors",
    "ContentError": "errors",
    "FieldError": "errors",
    "IctCompetenceError": "errors",
    "MoveError": "errors",
    "PlanError": "errors",
    "RoadmapError": "errors",
    "SerializationError": "errors",
    "UnknownCodeError": "errors",
    "WorkbookError": "errors",
    # render
    "Renderer": "render",
    "available_formats": "render",
    "get_renderer": "render",
    "register_renderer": "render",
    "render": "render",
    # serialize
    "Kinds": "serialize",
    "SCHEMA_VERSION": "serialize",
    "from_json": "serialize",
    "register_kinds": "serialize",
    "register_migration": "serialize",
    "structure": "serialize",
    "to_json": "serialize",
    "unstructure": "serialize",
    # text
    "Labelled": "text",
    "Language": "text",
    "LocalizedText": "text",
    "Provenance": "text",
    # xlsx
    "read_overview": "xlsx",
    "read_team": "xlsx",
    "write_overview": "xlsx",
    "write_team": "xlsx",
    # allocation
    "Allocation": "allocation",
    "AllocationDiff": "allocation",
    "Alternative": "allocation",
    "Assignment": "allocation",
    "BackupOnStrategic": "allocation",
    "Candidate": "allocation",
    "DEFAULT_BACKUP_SHARE": "allocation",
    "Decision": "allocation",
    "DecisionKind": "allocation",
    "Duty": "allocation",
    "EligibilityRule": "allocation",
    "EvenLoad": "allocation",
    "Exclusion": "allocation",
    "ExpertiseAndMotivation": "allocation",
    "Explanation": "allocation",
    "InstanceInfo": "allocation",
    "KeepHolders": "allocation",
    "LoadTerm": "allocation",
    "MinimumLevel": "allocation",
    "Motivated": "allocation",
    "Person": "allocation",
    "PersonChange": "allocation",
    "Pin": "allocation",
    "ProfileSuggestion": "allocation",
    "RaciRow": "allocation",
    "RuleSet": "allocation",
    "SOLVERS": "allocation",
    "ScoreTerm": "allocation",
    "TaskInstance": "allocation",
    "Team": "allocation",
    "allocate": "allocation",
    "continuity_rules": "allocation",
    "default_rules": "allocation",
    "even_load_rules": "allocation",
    "register_rule": "allocation",
    "task_instances": "allocation",
    # dialogue
    "Action": "dialogue",
    "Aspect": "dialogue",
    "ConversationGuide": "dialogue",
    "Dialogue": "dialogue",
    "DialogueRecord": "dialogue",
    "KeyFigure": "dialogue",
    "MainQuestion": "dialogue",
    "PolicyTheme": "dialogue",
    "Reference": "dialogue",
    "ReferenceKind": "dialogue",
    "StaffRole": "dialogue",
    "Theme": "dialogue",
    "Topic": "dialogue",
    "TopicEntry": "dialogue",
    "TopicStatus": "dialogue",
    "conversation_guide": "dialogue",
    "load_dialogue": "dialogue",
    # flow
    "Actor": "flow",
    "ActorAdvice": "flow",
    "Advice": "flow",
    "Answer": "flow",
    "Assessment": "flow",
    "Assessor": "flow",
    "Branch": "flow",
    "Evidence": "flow",
    "Move": "flow",
    "Phase": "flow",
    "Roadmap": "flow",
    "RoadmapSession": "flow",
    "SessionStatus": "flow",
    "Step": "flow",
    "StepKind": "flow",
    "StepText": "flow",
    "Variant": "flow",
    "load_roadmap": "flow",
    "to_dot": "flow",
    "to_mermaid": "flow",
}

# Imported with the package: cheap modules, none of them reading content or importing
# openpyxl or jinja2. The roadmap, the dialogue and the allocation load on first use
# (PEP 562, in __getattr__ below), so that `import ict_competence` costs only the catalog.
_EAGER = ("catalog", "errors", "render", "serialize", "text", "xlsx")

# Importing the subpackage `render` binds it here as `ict_competence.render`; assigning
# the names after the imports lets the function `render` win over the subpackage.
for _name, _module in _EXPORTS.items():
    if _module in _EAGER:
        globals()[_name] = getattr(importlib.import_module(f"ict_competence.{_module}"), _name)
del _name, _module

# Derived, not listed: ruff cannot see that the names are text, hence the noqa.
__all__ = sorted([*_EXPORTS, "__version__"])  # noqa: PLE0605


def __getattr__(name: str) -> Any:  # noqa: ANN401 - any public object
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'ict_competence' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"ict_competence.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
