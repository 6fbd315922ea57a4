"""The words a page uses for codes: people by id (names only when asked), roles by label.

A page shows a role code (``directie``) as the catalog's name of the role, a task code
with its description, and a person by id; by their name only with ``names=True``, because
pages get shared and a name is personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from ict_competence.catalog import TaskOverview, load_catalog
from ict_competence.text import Language, LocalizedText

__all__ = ["Naming", "naming"]


@attrs.frozen(repr=False)
class Naming:
    """How one page names people, roles and tasks.

    Attributes:
        language: the page's language.
        names: whether people are shown by name (where they have one) beside their id.
        people: each person's name (or ``None``) by id.
        roles: each catalog role's name by code.
        tasks: each task's description by code.
    """

    language: Language
    names: bool
    people: Mapping[str, str | None]
    roles: Mapping[str, LocalizedText]
    tasks: Mapping[str, LocalizedText]

    def __repr__(self) -> str:
        # People's names are personal data: a repr may end up in an error message or a log.
        return f"<Naming {self.language}, {len(self.people)} people, names {self.names}>"

    def party(self, code: str) -> str:
        """A person (by id, or name and id) or a role (by its name) as the page shows them.

        >>> naming("en", names=True, people=[("p1", "Ann"), ("p2", None)]).party("p1")
        'Ann (p1)'
        >>> [naming("nl").party(code) for code in ("directie", "p2")]
        ['Directie', 'p2']
        """
        if code in self.people:
            name = self.people[code]
            return f"{name} ({code})" if self.names and name else code
        role = self.roles.get(code)
        return role.get(self.language) if role is not None else code

    def task(self, key: str) -> str:
        """The description of the task of an instance key (``s01:TECH-01``) or code, or ``""``."""
        text = self.tasks.get(key.rpartition(":")[2])
        return text.get(self.language) if text is not None else ""


def naming(
    language: Language,
    *,
    names: bool = False,
    people: Iterable[tuple[str, str | None]] = (),
    overview: TaskOverview | None = None,
) -> Naming:
    """The naming of a page, with the overview's tasks (a school's own ones too) if given."""
    catalog = load_catalog()
    tasks = {task.code: task.description for task in catalog.tasks}
    if overview is not None:
        tasks.update((choice.code, choice.task.description) for choice in overview)
    return Naming(
        language=language,
        names=names,
        people=dict(people),
        roles={role.code: role.name for role in catalog.roles},
        tasks=tasks,
    )
