"""Reading dialogue content files: the packaged TOML and a user's own TOML or JSON file."""

from __future__ import annotations

from pathlib import Path

import attrs

from ict_competence._checks import non_blank, non_empty, unique
from ict_competence._content import cite, read_packaged, read_user_file
from ict_competence.dialogue._model import KeyFigure, MainQuestion, PolicyTheme, Theme
from ict_competence.serialize import structure

__all__ = ["Entries", "QuestionSet", "packaged_entries", "read_entries"]

# The lists whose items carry a provenance; a user's file may leave it out.
_CITED = frozenset(
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


def read_entries(path: Path) -> Entries:
    """Read a user's content file (``.toml`` or ``.json``); entries may omit provenance."""
    data = read_user_file(path, expected="lists theme, policy_theme, key_figure, question_set")
    cite(data, path.name, _CITED)
    return structure(data, Entries, source=str(path))


def packaged_entries(name: str) -> Entries:
    """Read one packaged content file; here every entry must give its provenance."""
    data = read_packaged("ict_competence.dialogue", name)
    return structure(data, Entries, source=f"dialogue/data/{name}")
