"""Loading the built-in dialogue: the packaged TOML files, read once and checked."""

from __future__ import annotations

from functools import cache

from ict_competence.dialogue._dialogue import Dialogue, merged
from ict_competence.dialogue._files import packaged_entries

__all__ = ["PACKAGED_FILES", "load_dialogue"]

#: The packaged content files, in the order they are merged (themes before the questions).
PACKAGED_FILES = ("themes.toml", "key_figures.toml", "schoolleider.toml")


@cache
def load_dialogue() -> Dialogue:
    """The built-in dialogue, read from the packaged data once and checked for integrity.

    It holds Kennisnet's key figures, the four themes, the three policy themes and
    the school leader's question set (main questions 1-4, topics 1.1-4.2). Add your
    own question sets with :meth:`Dialogue.extend`.

    >>> dialogue = load_dialogue()
    >>> leader = dialogue.key_figure("schoolleider")
    >>> [question.number for question in leader.main_questions], len(leader.topics)
    ([1, 2, 3, 4], 13)
    >>> load_dialogue() is dialogue
    True
    """
    dialogue = Dialogue()
    for name in PACKAGED_FILES:
        dialogue = merged(dialogue, packaged_entries(name), f"dialogue/data/{name}")
    return dialogue
