"""How a school moves: the roadmap (stappenplan) as data, resumable sessions, and diagrams."""

from ict_competence.errors import MoveError, RoadmapError
from ict_competence.flow._diagram import to_dot, to_mermaid
from ict_competence.flow._enums import Actor, Answer, Phase, SessionStatus, StepKind, Variant
from ict_competence.flow._evidence import Assessment, Assessor, Evidence, EvidenceKind
from ict_competence.flow._loader import load_roadmap
from ict_competence.flow._model import ActorAdvice, Branch, Roadmap, Step, StepText
from ict_competence.flow._session import Advice, Move, RoadmapSession

__all__ = [
    "Actor",
    "ActorAdvice",
    "Advice",
    "Answer",
    "Assessment",
    "Assessor",
    "Branch",
    "Evidence",
    "EvidenceKind",
    "Move",
    "MoveError",
    "Phase",
    "Roadmap",
    "RoadmapError",
    "RoadmapSession",
    "SessionStatus",
    "Step",
    "StepKind",
    "StepText",
    "Variant",
    "load_roadmap",
    "to_dot",
    "to_mermaid",
]
