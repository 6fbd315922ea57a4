"""The renderers' own words (headings, column names, yes/no) in Dutch and English: one table.

The words are content, in ``data/words.toml``; the HTML and the Markdown pages share them.
Words of the domain's enums are not here: each enum member has its ``label``. How a page
writes a number of hours in each language is here too (:func:`number`).
"""

from __future__ import annotations

from functools import cache

from ict_competence._content import read_packaged
from ict_competence.errors import ContentError
from ict_competence.text import Language, LocalizedText

__all__ = ["label", "number", "words"]


@cache
def words() -> dict[str, LocalizedText]:
    """Every word of the pages by key, read once; each has both a Dutch and an English text."""
    table = read_packaged("ict_competence.renderers", "words.toml")["words"]
    found: dict[str, LocalizedText] = {}
    for key, text in table.items():
        # An English page must never fall back to Dutch for the renderer's own words.
        if set(text) != {"nl", "en"} or not all(isinstance(v, str) and v for v in text.values()):
            raise ContentError(f"renderers/data/words.toml: {key} needs both nl and en texts")
        found[key] = LocalizedText(text["nl"], text["en"])
    return found


def label(key: str, language: Language = "nl") -> str:
    """One of the pages' own words in ``language``; templates call it as ``label(key)``.

    >>> label("task"), label("task", "en")
    ('Taak', 'Task')
    """
    try:
        return words()[key].get(language)
    except KeyError:
        raise ContentError(f"renderers/data/words.toml has no word {key!r}") from None


def number(value: float, language: Language = "nl") -> str:
    """Hours as a person writes them: at most one decimal, a decimal comma in Dutch.

    >>> number(1600.0), number(12.5), number(12.5, "en")
    ('1600', '12,5', '12.5')
    """
    text = f"{value:.1f}".removesuffix(".0")
    if text == "-0":
        text = "0"
    return text.replace(".", ",") if language == "nl" else text
