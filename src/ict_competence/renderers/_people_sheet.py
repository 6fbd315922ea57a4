"""Everyone's tasks on one sheet, person by person: the plan workbook of a large team.

A school's plan gets a sheet per person. Past :data:`SHEET_PER_PERSON_UP_TO` people (a
school group) that would be a workbook of a hundred tabs, slow to write and hard to find
one's way in; then one sheet lists every person's tasks, filterable by person, with the
rows of anyone over 100 % of their hours filled and marked with the word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.worksheet.worksheet import Worksheet

from ict_competence.plan import PersonLoad
from ict_competence.renderers._sheet_tables import (
    HOURS,
    WRAP,
    Column,
    Value,
    Words,
    mark_over,
    table,
)

__all__ = ["SHEET_PER_PERSON_UP_TO", "people_sheet"]

#: The largest team whose plan workbook has a sheet per person.
SHEET_PER_PERSON_UP_TO = 40


def people_sheet(
    sheet: Worksheet,
    loads: Sequence[PersonLoad],
    held: Mapping[str, Sequence[Sequence[Value]]],
    words: Words,
) -> None:
    """Per person (in the order of ``loads``) the rows of the tasks they take.

    ``held`` gives per person id the rows ``(code, task, cluster, duty, hours)``.
    """
    over = words("overloaded")
    columns = (
        Column(words("person"), 16),
        Column(words("code"), 18),
        Column(words("task"), 56, WRAP),
        Column(words("cluster"), 20),
        Column(words("duty"), 16),
        Column(words("hours"), 11, HOURS),
        Column(words("warnings"), 14),
    )
    rows: list[Sequence[Value]] = []
    marked: list[int] = []
    for load in loads:
        who = words.naming.party(load.person)
        for held_row in held.get(load.person, ()):
            if load.overloaded:
                marked.append(len(rows))
            rows.append((who, *held_row, over if load.overloaded else None))
    table(sheet, columns, rows, place=words("tasks_by_person"))
    for index in marked:
        mark_over(sheet, index + 2, (1, 7))  # below the header, in row 1
