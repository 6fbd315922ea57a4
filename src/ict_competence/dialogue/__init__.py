"""What to talk about: key figures, themes, main questions, topics, and a team's notes."""

from ict_competence.dialogue._dialogue import Dialogue
from ict_competence.dialogue._enums import ReferenceKind, TopicStatus
from ict_competence.dialogue._guide import ConversationGuide, conversation_guide
from ict_competence.dialogue._loader import load_dialogue
from ict_competence.dialogue._model import (
    Aspect,
    KeyFigure,
    MainQuestion,
    PolicyTheme,
    Reference,
    StaffRole,
    Theme,
    Topic,
)
from ict_competence.dialogue._record import Action, DialogueRecord, TopicEntry
from ict_competence.errors import ContentError, UnknownCodeError

__all__ = [
    "Action",
    "Aspect",
    "ContentError",
    "ConversationGuide",
    "Dialogue",
    "DialogueRecord",
    "KeyFigure",
    "MainQuestion",
    "PolicyTheme",
    "Reference",
    "ReferenceKind",
    "StaffRole",
    "Theme",
    "Topic",
    "TopicEntry",
    "TopicStatus",
    "UnknownCodeError",
    "conversation_guide",
    "load_dialogue",
]
