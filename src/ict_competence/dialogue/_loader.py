"""Loading the dialogue: the built-in one from its packaged files (once), plus a user's file."""

from __future__ import annotations

from pathlib import Path

from ict_competence.dialogue._dialogue import PACKAGED_FILES, Dialogue

__all__ = ["PACKAGED_FILES", "load_dialogue"]


def load_dialogue(path: str | Path | None = None) -> Dialogue:
    """The built-in dialogue, with a user's own content added from ``path``.

    Without ``path``: the built-in dialogue, read from the packaged data once and checked
    for integrity. It holds Kennisnet's key figures, the four themes, the three policy
    themes and the school leader's question set (main questions 1-4, topics 1.1-4.2).
    With ``path``: the built-in dialogue extended with the file's question sets, key
    figures and themes, exactly as ``load_dialogue().extend(path)`` (see
    :meth:`Dialogue.extend`); add more files with further calls of :meth:`Dialogue.extend`.

    Raises:
        ContentError: the file cannot be read, clashes with what exists, or names a
            theme, policy theme or key figure that does not exist.
        SerializationError: an entry does not fit; the message names the file and path.

    >>> dialogue = load_dialogue()
    >>> leader = dialogue.key_figure("schoolleider")
    >>> [question.number for question in leader.main_questions], len(leader.topics)
    ([1, 2, 3, 4], 13)
    >>> load_dialogue() is dialogue
    True
    """
    return Dialogue._load(path)
