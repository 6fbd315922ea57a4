"""The closed vocabularies of the conversation guide: kinds of reading tip and topic statuses."""

from __future__ import annotations

import enum

from ict_competence.text import LocalizedText

__all__ = ["ReferenceKind", "TopicStatus"]


class ReferenceKind(enum.Enum):
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

    @property
    def label(self) -> LocalizedText:
        """The kind's name in Dutch and English."""
        return _REFERENCE_LABELS[self]


class TopicStatus(enum.Enum):
    """How far a team got with one topic of its conversation.

    >>> TopicStatus.FOLLOW_UP_AGREED.label.nl
    'vervolg afgesproken'
    """

    OPEN = "open"
    DISCUSSED = "discussed"
    FOLLOW_UP_AGREED = "follow_up_agreed"

    @property
    def label(self) -> LocalizedText:
        """The status in Dutch and English."""
        return _STATUS_LABELS[self]


_REFERENCE_LABELS = {
    ReferenceKind.ARTICLE: LocalizedText("artikel", "article"),
    ReferenceKind.TOOL: LocalizedText("tool", "tool"),
    ReferenceKind.PODCAST: LocalizedText("podcast", "podcast"),
    ReferenceKind.VIDEO: LocalizedText("video", "video"),
    ReferenceKind.REPORT: LocalizedText("rapport", "report"),
    ReferenceKind.MODEL: LocalizedText("model", "model"),
    ReferenceKind.WEBSITE: LocalizedText("website", "website"),
}

_STATUS_LABELS = {
    TopicStatus.OPEN: LocalizedText("open", "open"),
    TopicStatus.DISCUSSED: LocalizedText("besproken", "discussed"),
    TopicStatus.FOLLOW_UP_AGREED: LocalizedText("vervolg afgesproken", "follow-up agreed"),
}
