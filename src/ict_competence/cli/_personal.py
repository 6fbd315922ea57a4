"""Which objects hold personal data, and what that means for what a command prints and writes.

This table is the one place that says it. An object of a kind it lists is printed to
stdout only when ``--names`` is given (otherwise the command says to pass ``--names``
or ``--out``), and every file of it that a command writes is readable by its owner only
(:data:`~ict_competence.cli._common.PRIVATE`), as is every page rendered with ``--names``.

The kinds are those that hold a name, a note (text a school writes, which may name
someone), or a person's levels and motivation. An allocation names people by id only,
but it keeps every candidate's level and motivation beside the id; an id is a pseudonym
only while the key to it is kept apart, so it counts as personal data here as the GDPR
counts it. An evaluation holds per id only the hours available and used, and no levels,
motivation, names or notes: it is the page the team talks about, and is not listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ict_competence.cli._common import PRIVATE
from ict_competence.errors import IctCompetenceError

__all__ = ["PERSONAL", "output_mode", "personal_data", "refuse_printing"]

#: The kinds of object that hold personal data, by type name, with what they hold.
PERSONAL: Mapping[str, str] = MappingProxyType(
    {
        "Team": "people's names, levels and motivation",
        "SchoolPlan": "its team's names, levels and motivation, and notes",
        "TaskOverview": "who is responsible, the back-ups and notes",
        "RoadmapSession": "notes",
        "DialogueRecord": "notes and follow-ups",
        "ActionPlan": "the follow-ups agreed in conversations",
        "Allocation": "each candidate's level and motivation, by id",
    }
)


def personal_data(kind: type) -> str | None:
    """What personal data objects of ``kind`` hold, or ``None`` when they hold none.

    >>> from ict_competence import Catalog, Team
    >>> personal_data(Team), personal_data(Catalog)
    ("people's names, levels and motivation", None)
    """
    return PERSONAL.get(kind.__name__)


def output_mode(kind: type, names: bool = False) -> int | None:
    """The permission bits of a file of ``kind`` (rendered with ``--names`` or not).

    :data:`PRIVATE` for personal data; ``None`` (the user's umask) for anything else.
    """
    return PRIVATE if names or personal_data(kind) is not None else None


def refuse_printing(kind: type, source: str, names: bool) -> None:
    """Refuse to print an object of ``kind`` read from ``source`` unless ``--names`` was given.

    Raises:
        IctCompetenceError: ``kind`` holds personal data and ``names`` is false; the message
            says what it holds and what to pass.
    """
    held = personal_data(kind)
    if held is not None and not names:
        raise IctCompetenceError(
            f"{source} holds personal data ({held}): pass --names to print it, or --out PATH "
            "to write it to a file only you can read"
        )
