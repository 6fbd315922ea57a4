"""The workbooks of the xlsx renderer: a task overview, a team, an allocation, a school plan.

The overview and the team are the xlsx package's own workbooks (``write_overview`` and
``write_team`` write the same), so ``read_overview`` and ``read_team`` read them back,
also from a school plan's workbook. The sheets added here (hours per person, one sheet
per person, the RACI matrix, the action plan, the plan's summary) are for reading and
printing; their words come from the renderers' one word table.

People are shown by id; by name only with ``names=True``. Without it, the team sheet
has no names and the overview's responsible, back-up and notes columns hold nothing the
school typed (a note may name someone): in a plan responsible and back-up name the
allocation's people by id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import attrs
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ict_competence.allocation import Allocation, Person, Team
from ict_competence.catalog import TaskOverview, load_catalog
from ict_competence.plan import ActionPlan, PersonLoad, SchoolPlan
from ict_competence.renderers._naming import naming
from ict_competence.renderers._people_sheet import SHEET_PER_PERSON_UP_TO, people_sheet
from ict_competence.renderers._plan_summary import Contents, summary_sheet
from ict_competence.renderers._reasons import word_decision
from ict_competence.renderers._sheet_tables import (
    HOURS,
    PERCENT,
    WRAP,
    Column,
    Value,
    Words,
    facts,
    finish,
    mark_over,
    table,
    unique_title,
)
from ict_competence.renderers._words import label
from ict_competence.text import Language
from ict_competence.xlsx._layout import COLUMNS, OVERVIEW_SHEET
from ict_competence.xlsx._team import build as build_team
from ict_competence.xlsx._team_layout import SCHOOLS_SHEET, TEAM_HELP_SHEET, TEAM_SHEET
from ict_competence.xlsx._write import add_overview
from ict_competence.xlsx._write import build as build_overview

__all__ = [
    "BUILDERS",
    "allocation_workbook",
    "overview_workbook",
    "plan_workbook",
    "team_workbook",
]


#: The widths of the columns of a task instance's key and of its task's description.
_CODE_WIDTH, _TASK_WIDTH = 18, 56
#: The width of the overview's responsible and back-up columns in a school group's plan.
_HOLDERS_WIDTH = 40


# -- the people in the overview and the team -------------------------------------------------


def _without_people(overview: TaskOverview) -> TaskOverview:
    """The overview without what a school typed about people: holders and notes."""
    return _with_holders(overview, {}, names=False)


def _with_holders(
    overview: TaskOverview, holders: dict[str, tuple[str, str]], *, names: bool
) -> TaskOverview:
    """Responsible and back-up per task from ``holders``; the others as typed only with names.

    The notes too are kept only with names: the school writes what it wants in them,
    names included (they are personal data, as ``erase_person`` treats them).
    """
    choices = []
    for choice in overview:
        responsible, backup = holders.get(
            choice.code, (choice.responsible, choice.backup) if names else ("", "")
        )
        notes = choice.notes if names else ""
        choices.append(attrs.evolve(choice, responsible=responsible, backup=backup, notes=notes))
    return attrs.evolve(overview, choices=tuple(choices))


def _holders(allocation: Allocation, words: Words) -> dict[str, tuple[str, str]]:
    """Per task code who is responsible and who backs up; per school in a school group.

    A task nobody in the team takes has the decision instead, in Dutch (*rekruteren* or
    *uitbesteden*) whatever the workbook's language: the overview keeps its Dutch layout.
    """
    primary: dict[str, list[str]] = {}
    backup: dict[str, list[str]] = {}
    party = words.naming.party
    for info in allocation.instances:
        prefix = f"{info.school}: " if info.school is not None else ""
        assignment = allocation.assignments.get(info.key)
        if assignment is None:
            who = label(allocation.decisions[info.key].kind.value, "nl")
        else:
            who = party(assignment.primary)
            if assignment.backup is not None:
                backup.setdefault(info.code, []).append(prefix + party(assignment.backup))
        primary.setdefault(info.code, []).append(prefix + who)
    return {
        code: ("; ".join(held), "; ".join(backup.get(code, ()))) for code, held in primary.items()
    }


def _wrap_holders(sheet: Worksheet) -> None:
    """The overview's responsible and back-up columns wider, their text wrapped.

    In a school group they name someone per school: ``Noord: p1; Zuid: p4; …``.
    """
    for index, column in enumerate(COLUMNS, start=1):
        if column.key not in ("responsible", "backup"):
            continue
        sheet.column_dimensions[get_column_letter(index)].width = _HOLDERS_WIDTH
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _shown_team(team: Team, *, names: bool) -> Team:
    if names:
        return team
    return Team(tuple(attrs.evolve(person, name=None) for person in team.people), team.schools)


# -- the sheets of an allocation -------------------------------------------------------------


def _loads(allocation: Allocation) -> tuple[PersonLoad, ...]:
    """Each person's hours used against their hours in the allocation (no team at hand)."""
    used = allocation.load
    return tuple(
        PersonLoad(person=person, available=float(hours), used=used[person])
        for person, hours in allocation.capacity.items()
    )


def _load_sheet(
    sheet: Worksheet, loads: Sequence[PersonLoad], roles: dict[str, str], words: Words
) -> None:
    """Hours used and available per person; over 100 % filled, with the word ``Overbelast``."""
    columns = (
        Column(words("person"), 24),
        Column(words("hours_used"), 14, HOURS),
        Column(words("hours_available"), 18, HOURS),
        Column(words("share"), 10, PERCENT),
        Column(words("status"), 14),
        Column(words("suggested_role"), 30),
    )
    rows: list[Sequence[Value]] = [
        (
            words.naming.party(load.person),
            load.used,
            load.available,
            load.share,
            words("overloaded") if load.overloaded else None,
            roles.get(load.person),
        )
        for load in loads
    ]
    table(sheet, columns, rows, place=words("workload"))
    for row, load in enumerate(loads, start=2):
        if load.overloaded:
            mark_over(sheet, row, (2, 4, 5))


def _roles(allocation: Allocation, words: Words) -> dict[str, str]:
    """The role suggested for each person who carries a task, as the catalog names it."""
    return {
        person: words.naming.party(profile.role)
        for person, profile in allocation.profiles().items()
        if profile.role is not None
    }


def _assignment_rows(allocation: Allocation, words: Words) -> Iterable[Sequence[Value]]:
    party, spof = words.naming.party, set(allocation.single_points_of_failure)
    for info in allocation.instances:
        assignment = allocation.assignments.get(info.key)
        decision = allocation.decisions.get(info.key)
        backup = None
        if assignment is not None and assignment.backup is not None:
            backup = party(assignment.backup)
        elif info.key in spof:
            backup = words("no_backup")
        yield (
            info.key,
            words.naming.task(info.key),
            info.cluster.label.get(words.language),
            info.hours,
            party(assignment.primary) if assignment is not None else None,
            backup,
            words(decision.kind.value) if decision is not None else None,
            word_decision(decision, words.language) if decision is not None else None,
        )


def _assignments_sheet(sheet: Worksheet, allocation: Allocation, words: Words) -> None:
    """Every task instance: who takes it and who backs up, or what is decided and why."""
    columns = (
        Column(words("code"), _CODE_WIDTH),
        Column(words("task"), 50, WRAP),
        Column(words("cluster"), 20),
        Column(words("hours"), 11, HOURS),
        Column(words("responsible"), 22),
        Column(words("backup"), 22),
        Column(words("decision"), 14),
        Column(words("reason"), 50, WRAP),
    )
    table(sheet, columns, _assignment_rows(allocation, words), place=words("assignments"))


def _raci_sheet(sheet: Worksheet, allocation: Allocation, words: Words) -> None:
    """The RACI matrix: per task instance R, A, C and I; a role still to recruit says so."""
    party = words.naming.party

    def parties(codes: Iterable[str]) -> str:
        return ", ".join(party(code) for code in codes)

    rows = [
        (
            row.key,
            words.naming.task(row.key),
            parties(row.responsible) + (f" ({words('vacancy')})" if row.vacancy else ""),
            party(row.accountable),
            parties(row.consulted),
            parties(row.informed),
        )
        for row in allocation.raci()
    ]
    columns = (
        Column(words("code"), _CODE_WIDTH),
        Column(words("task"), 50, WRAP),
        # Wrapped: a role to recruit reads "technisch ICT-coördinator (TICT) (te rekruteren)".
        Column(words("raci_r"), 34, WRAP),
        Column(words("raci_a"), 28, WRAP),
        Column(words("raci_c"), 22, WRAP),
        Column(words("raci_i"), 22, WRAP),
    )
    table(sheet, columns, rows, place=words("raci"))


def _reference(text: str, words: Words) -> str:
    """An action's reference as a page shows it: ``step 6`` in the workbook's language."""
    return f"{words('step')} {text[5:]}" if text.startswith("step ") else text


def _actions_sheet(sheet: Worksheet, actions: ActionPlan, words: Words) -> None:
    """The action plan: what, about what, who, when, how many hours, and how to know."""
    language = words.language
    rows = [
        (
            action.source.label.get(language),
            action.description.get(language),
            _reference(action.reference, words),
            words.naming.party(action.owner),
            action.timeframe.get(language),
            action.hours,
            action.success_criterion.get(language),
        )
        for action in actions
    ]
    columns = (
        Column(words("source"), 22, WRAP),
        Column(words("action"), 50, WRAP),
        Column(words("reference"), 16),
        Column(words("owner"), 30, WRAP),
        Column(words("timeframe"), 24, WRAP),
        Column(words("hours"), 11, HOURS),
        Column(words("success_criterion"), 44, WRAP),
    )
    table(sheet, columns, rows, place=words("actions_title"))


# -- one sheet per person --------------------------------------------------------------------


def _tasks_by_person(allocation: Allocation, words: Words) -> dict[str, list[Sequence[Value]]]:
    """Per person the rows of the instances they take, as primary or as back-up."""
    held: dict[str, list[Sequence[Value]]] = {}
    for info in allocation.instances:
        assignment = allocation.assignments.get(info.key)
        if assignment is None:
            continue
        task, cluster = words.naming.task(info.key), info.cluster.label.get(words.language)
        held.setdefault(assignment.primary, []).append(
            (info.key, task, cluster, words("primary"), info.hours)
        )
        if assignment.backup is not None:
            held.setdefault(assignment.backup, []).append(
                (info.key, task, cluster, words("backup"), info.backup_hours)
            )
    return held


def _person_sheet(
    sheet: Worksheet,
    load: PersonLoad,
    *,
    person: Person | None,
    tasks: Sequence[Sequence[Value]],
    role: str | None,
    words: Words,
) -> None:
    """A person's facts (hours used over 100 % marked), then the ``tasks`` they take."""
    place = f"{words('person')} {load.person}"  # the id: a title may hold a name
    pairs: list[tuple[str, Value, str | None]] = [
        (words("person"), words.naming.party(load.person), None)
    ]
    if person is not None and person.school is not None:
        pairs.append((words("school"), person.school, None))
    pairs += [
        (words("suggested_role"), role, None),
        (words("hours_available"), load.available, HOURS),
        (words("hours_used"), load.used, HOURS),
        (words("share"), load.share, PERCENT),
    ]
    rows = facts(sheet, pairs, place=place, widths=(_CODE_WIDTH, _TASK_WIDTH))
    if load.overloaded:
        used, share = rows[words("hours_used")], rows[words("share")]
        sheet.cell(row=used, column=3, value=words("overloaded"))
        mark_over(sheet, used, (2, 3))
        mark_over(sheet, share, (2,))
    columns = (
        Column(words("code"), _CODE_WIDTH),
        Column(words("task"), _TASK_WIDTH, WRAP),
        Column(words("cluster"), 20),
        Column(words("duty"), 16),
        Column(words("hours"), 11, HOURS),
    )
    table(sheet, columns, tasks, place=place, row=max(rows.values()) + 2)


def _person_sheets(
    book: Workbook,
    allocation: Allocation,
    loads: Sequence[PersonLoad],
    *,
    team: Team | None,
    words: Words,
    taken: set[str],
) -> list[Worksheet]:
    """One sheet per person in ``loads``, titled by id (by name and id with names)."""
    held, roles = _tasks_by_person(allocation, words), _roles(allocation, words)
    people = {person.id: person for person in team.people} if team is not None else {}
    sheets = []
    for load in loads:
        # "Name (id)" as words.naming.party has it; a name too long is cut, never the id.
        name = words.naming.people.get(load.person) if words.naming.names else None
        if name:
            sheet = _new_sheet(book, name, taken, keep=f" ({load.person})")
        else:
            sheet = _new_sheet(book, load.person, taken)
        person = people.get(load.person)
        tasks = held.get(load.person, [])
        _person_sheet(
            sheet, load, person=person, tasks=tasks, role=roles.get(load.person), words=words
        )
        if load.overloaded:
            sheet.sheet_properties.tabColor = "C00000"
        sheets.append(sheet)
    return sheets


# -- the workbooks ---------------------------------------------------------------------------


def _new_sheet(book: Workbook, title: str, taken: set[str], *, keep: str = "") -> Worksheet:
    sheet: Worksheet = book.create_sheet(unique_title(title, taken, keep=keep))
    return sheet


def overview_workbook(overview: TaskOverview, _language: Language, names: bool) -> Workbook:
    """The task overview's workbook, as ``write_overview`` writes it (the built-in catalog)."""
    shown = overview if names else _without_people(overview)
    book = build_overview(shown, load_catalog())
    return finish(book, (), fit=[s for s in book.worksheets if s.sheet_state == "visible"])


def team_workbook(team: Team, _language: Language, names: bool) -> Workbook:
    """The team's workbook, as ``write_team`` writes it; without names unless ``names``."""
    book = build_team(_shown_team(team, names=names))
    return finish(book, (), fit=[book[TEAM_HELP_SHEET]])


def allocation_workbook(allocation: Allocation, language: Language, _names: bool) -> Workbook:
    """An allocation's workbook: every assignment and decision, and the hours per person.

    An allocation knows people by id only, so ``names`` changes nothing.
    """
    words = Words(language, naming(language, people=[(p, None) for p in allocation.capacity]))
    book, taken = Workbook(), set[str]()
    first = book.active
    assert first is not None  # a new workbook always has one sheet  # noqa: S101
    first.title = unique_title(words("assignments"), taken)
    _assignments_sheet(first, allocation, words)
    loads = _new_sheet(book, words("workload"), taken)
    _load_sheet(loads, _loads(allocation), _roles(allocation, words), words)
    return finish(book, ())


def _plan_sheets(book: Workbook, plan: SchoolPlan, words: Words, taken: set[str]) -> Contents:
    """The sheets of the plan's allocation (hours per person, RACI, people) and its actions."""
    allocation = plan.allocation
    actions = _new_sheet(book, words("actions_title"), taken)
    _actions_sheet(actions, plan.action_plan(), words)
    if allocation is None:
        return [(actions, words("actions_intro"))]
    loads = plan.evaluate().loads
    load_sheet = _new_sheet(book, words("workload"), taken)
    _load_sheet(load_sheet, loads, _roles(allocation, words), words)
    raci = _new_sheet(book, words("raci"), taken)
    _raci_sheet(raci, allocation, words)
    contents: Contents = [
        (load_sheet, words("workload_sheet")),
        (raci, words("raci_intro")),
        (actions, words("actions_intro")),
    ]
    if len(loads) > SHEET_PER_PERSON_UP_TO:
        everyone = _new_sheet(book, words("tasks_by_person"), taken)
        people_sheet(everyone, loads, _tasks_by_person(allocation, words), words)
        return [*contents, (everyone, words("people_sheet"))]
    people = _person_sheets(book, allocation, loads, team=plan.team, words=words, taken=taken)
    return [*contents, *((sheet, words("person_sheets")) for sheet in people)]


def plan_workbook(plan: SchoolPlan, language: Language, names: bool) -> Workbook:
    """A school plan's workbook: summary, overview, team, hours, RACI, actions, people.

    The overview's responsible and back-up come from the plan's allocation, per school
    in a school group; ``read_overview`` and ``read_team`` read those two sheets back.
    """
    people = [(person.id, person.name) for person in plan.team.people]
    words = Words(language, naming(language, names=names, people=people, overview=plan.overview))
    book = build_team(_shown_team(plan.team, names=names))
    book.remove(book[TEAM_HELP_SHEET])
    holders = {} if plan.allocation is None else _holders(plan.allocation, words)
    overview = add_overview(
        book, _with_holders(plan.overview, holders, names=names), None, guide=False
    )
    assert overview.title == OVERVIEW_SHEET  # noqa: S101 - read_overview looks for it
    if plan.team.is_group:
        _wrap_holders(overview)
    taken = {title.casefold() for title in book.sheetnames}
    summary = _new_sheet(book, words("summary"), taken)
    editable = words("editable")
    contents: Contents = [
        (overview, f"{words('overview_intro')} {editable}"),
        (book[TEAM_SHEET], f"{words('team_intro')} {editable}"),
    ]
    if plan.team.schools:
        contents.append((book[SCHOOLS_SHEET], words("schools_intro")))
    else:  # kept for read_team, out of sight: a single school has no schools to list
        book[SCHOOLS_SHEET].sheet_state = "hidden"
    contents += _plan_sheets(book, plan, words, taken)
    summary_sheet(summary, plan, words, contents)
    return finish(book, [summary, *(sheet for sheet, _ in contents)], fit=[overview])


#: The workbook of each type the renderer renders, by the type's name.
BUILDERS: dict[str, Callable[..., Workbook]] = {
    "TaskOverview": overview_workbook,
    "Team": team_workbook,
    "Allocation": allocation_workbook,
    "SchoolPlan": plan_workbook,
}
