"""The closed vocabularies of the conversation guide: kinds of reading tip and topic statuses."""

from __future__ import annotations

from ict_competence.text import Labelled, LocalizedText, set_labels

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

set_labels(ReferenceKind, _REFERENCE_LABELS)
set_labels(TopicStatus, _STATUS_LABELS)
