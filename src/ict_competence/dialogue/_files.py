"""The shape of dialogue content files, packaged or a user's own (read by ``_content``)."""

from __future__ import annotations

import attrs

from ict_competence._checks import non_blank, non_empty, unique
from ict_competence.dialogue._model import KeyFigure, MainQuestion, PolicyTheme, Theme

__all__ = ["CITED", "Entries", "QuestionSet"]

#: The lists whose items carry a provenance, at any depth; a user's file may leave it out.
CITED = frozenset(
    {
        "theme",
        "policy_theme",
        "key_figure",
        "staff_roles",
        "main_questions",
        "topics",
        "aspects",
        "tips",
    }
)


# Not attrs' min_len: its plain ValueError would end the JSON path at the question set
# rather than at main_questions, and _checks has no validator for this yet.
@attrs.frozen(kw_only=True)
class QuestionSet:
    """Main questions to add to a key figure defined elsewhere (packaged or in the same file)."""

    key_figure: str = attrs.field(validator=non_blank)
    main_questions: tuple[MainQuestion, ...] = attrs.field(
        validator=[non_empty, unique(lambda question: question.number)]
    )


@attrs.frozen(kw_only=True)
class Entries:
    """The lists a dialogue content file may hold."""

    theme: tuple[Theme, ...] = ()
    policy_theme: tuple[PolicyTheme, ...] = ()
    key_figure: tuple[KeyFigure, ...] = ()
    question_set: tuple[QuestionSet, ...] = ()
