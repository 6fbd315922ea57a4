"""The first sheet of a school plan's workbook: where the school stands, and what each sheet holds.

A school leader opens the workbook on this sheet: the plan's name, the step of the roadmap,
the tasks and their hours, how the division of tasks stands (coverage, what is not
covered, what has no back-up, who is overloaded), then every sheet with what it holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.worksheet import Worksheet

from ict_competence.plan import SchoolPlan
from ict_competence.renderers._sheet_tables import (
    HOURS,
    PERCENT,
    WRAP,
    Column,
    Value,
    Words,
    facts,
    table,
)
from ict_competence.text import Language
from ict_competence.xlsx._layout import OVERVIEW_SHEET

__all__ = ["Contents", "summary_sheet"]

#: The sheets of a workbook, each with what it holds in a sentence.
Contents = list[tuple[Worksheet, str]]


#: Instance keys the summary lists before it counts the rest (the sheets have them all).
SHOWN_KEYS = 12


def _amount(hours: float, language: Language) -> str:
    """Hours as a reader writes them: thousands grouped, at most one decimal.

    >>> _amount(2250.0, "nl"), _amount(2250.0, "en"), _amount(1234.5, "nl"), _amount(460, "en")
    ('2.250', '2,250', '1.234,5', '460')
    """
    text = f"{hours:,.1f}".removesuffix(".0")
    return text.translate(_DUTCH) if language == "nl" else text


_DUTCH = str.maketrans(",.", ".,")


def _tasks(count: int, words: Words) -> str:
    return words("task_count_one") if count == 1 else words("task_count").format(count=count)


def _keys(keys: Sequence[str], words: Words) -> str:
    """How many instance keys, and the first of them.

    >>> from ict_competence.renderers._naming import naming
    >>> _keys([f"T-{n:02}" for n in range(14)], Words("en", naming("en")))
    '14 tasks: T-00, T-01, T-02, T-03, T-04, T-05, T-06, T-07, T-08, T-09, T-10, T-11 … and 2 more'
    """
    shown = ", ".join(keys[:SHOWN_KEYS])
    if len(keys) > SHOWN_KEYS:
        shown += " " + words("and_more").format(count=len(keys) - SHOWN_KEYS)
    return f"{_tasks(len(keys), words)}: {shown}"


def _state(plan: SchoolPlan, words: Words) -> str:
    if plan.allocation is None:
        return words("no_allocation")
    return words("allocation_current" if plan.allocation_is_current else "allocation_stale")


def _division(plan: SchoolPlan, words: Words) -> list[tuple[str, Value, str | None]]:
    """The team's hours against the tasks', and how the tasks are divided among the team.

    What is not covered or has no back-up points to the sheet that shows it, by title.
    """
    language, allocation, schools = words.language, plan.allocation, len(plan.team.schools)
    needed, key = plan.overview.summary().total_hours, "hours_of_needed"
    if allocation is not None:  # in a school group a task is done once per school
        needed = sum(info.hours for info in allocation.instances)
        key = "hours_of_needed_schools" if plan.team.is_group else key
    available = sum(person.hours for person in plan.team.people)
    hours = words(key).format(
        available=_amount(available, language),
        needed=_amount(needed, language),
        schools=schools,
    )
    pairs: list[tuple[str, Value, str | None]] = [(words("team_hours"), hours, None)]
    pairs.append((words("allocation_state"), _state(plan, words), None))
    if allocation is None:
        return pairs
    evaluation, none = plan.evaluate(), words("none")
    uncovered = set(evaluation.uncovered)
    missing = sum(info.hours for info in allocation.instances if info.key in uncovered)
    spof = evaluation.single_points_of_failure
    overloaded = ", ".join(words.naming.party(who) for who in evaluation.overloaded)
    where_uncovered = words("uncovered_where").format(
        tasks=_tasks(len(uncovered), words),
        hours=_amount(missing, language),
        sheet=words("raci"),
    )
    where_spof = words("spof_where").format(sheet=OVERVIEW_SHEET)
    return [
        *pairs,
        (words("coverage"), evaluation.coverage, PERCENT),
        (words("uncovered"), where_uncovered if uncovered else none, None),
        (words("spof"), f"{_keys(spof, words)} {where_spof}" if spof else none, None),
        (words("overloaded"), overloaded or none, None),
    ]


def _facts(plan: SchoolPlan, words: Words) -> list[tuple[str, Value, str | None]]:
    """The plan's facts: the roadmap, the team, the tasks and how they are divided."""
    session, language = plan.roadmap, words.language
    step = session.current
    pairs: list[tuple[str, Value, str | None]] = [
        (words("plan"), plan.name, None),
        (
            words("current_step"),
            f"{words('step')} {step.number} · {step.title.get(language)}",
            None,
        ),
        (words("status"), session.status.label.get(language), None),
        (words("cycle"), session.cycle, None),
    ]
    if plan.team.schools:
        pairs.append((words("schools"), len(plan.team.schools), None))
    pairs += [
        (words("people"), len(plan.team.people), None),
        (words("active_tasks"), len(plan.overview.active()), None),
        (words("total_hours"), plan.overview.summary().total_hours, HOURS),
    ]
    return pairs + _division(plan, words)


def _listed(contents: Contents) -> list[tuple[str, str]]:
    """Each sheet's title and what it holds; a run of sheets that hold the same, as one row."""
    rows: list[tuple[str, str]] = []
    run: list[str] = []
    for index, (sheet, holds) in enumerate(contents):
        run.append(sheet.title)
        following = contents[index + 1][1] if index + 1 < len(contents) else None
        if following != holds:
            rows.append((run[0] if len(run) == 1 else f"{run[0]} … {run[-1]}", holds))
            run = []
    return rows


def summary_sheet(sheet: Worksheet, plan: SchoolPlan, words: Words, contents: Contents) -> None:
    """Write the plan's facts, then the list of the sheets in ``contents``."""
    place = words("summary")
    rows = facts(sheet, _facts(plan, words), place=place, widths=(42, 100))
    last = max(rows.values(), default=0)
    columns = (Column(words("sheet"), 42, WRAP), Column(words("contents"), 100, WRAP))
    table(sheet, columns, _listed(contents), place=place, row=last + 2, plain=True)
