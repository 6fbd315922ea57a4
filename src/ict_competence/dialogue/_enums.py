"""The closed vocabularies of the conversation guide: kinds of reading tip and topic statuses."""

from __future__ import annotations

from ict_competence._content import read_labels
from ict_competence.text import Labelled

__all__ = ["ReferenceKind", "TopicStatus"]


class ReferenceKind(Labelled):
    """What a reading tip (leestip) points to.

    >>> ReferenceKind("podcast").label.en
    'podcast'
    """

    ARTICLE = "article"
    TOOL = "tool"
    PODCAST = "podcast"
    VIDEO = "video"
    REPORT = "report"
    MODEL = "model"
    WEBSITE = "website"


class TopicStatus(Labelled):
    """How far a team got with one topic of its conversation.

    >>> TopicStatus.FOLLOW_UP_AGREED.label.nl
    'vervolg afgesproken'
    """

    OPEN = "open"
    DISCUSSED = "discussed"
    FOLLOW_UP_AGREED = "follow_up_agreed"


# The labels are content: Dutch from the sources, in data/labels.toml.
read_labels("ict_competence.dialogue", ReferenceKind, TopicStatus)
