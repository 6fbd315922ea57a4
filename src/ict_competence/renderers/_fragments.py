"""Notebook fragments: what a domain object shows as the last value of a notebook cell.

A domain class's ``_repr_html_`` asks :func:`ict_competence._display.html_fragment`, which
finds the builder this module registers for the object's type. A fragment is compact: a
title with a few facts, then one short table (the first rows, and how many more) or the
inline SVG charts of the pages (the roadmap with its current step, the hours per person).
It has no ``<script>``, no event handler and nothing loaded from elsewhere, and every text
is escaped (the one template is autoescaped, the charts escape their own).

A notebook gets saved and shared, so a fragment shows people by id only, never by name,
and leaves out their levels and motivation, and the overview's notes;
``render(obj, "html", names=True)`` makes the full page for the school's own use. Its
words are the pages' (``data/words.toml``), in the language ``render`` uses by default.

Types are registered by name, so importing the renderers loads no roadmap, dialogue,
allocation or plan, and jinja2 loads with the first fragment shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
from markupsafe import Markup

from ict_competence._display import register_fragment
from ict_competence.renderers._charts import allocation_loads, load_bars, roadmap_chart
from ict_competence.renderers._options import LANGUAGE
from ict_competence.renderers._svg import workload
from ict_competence.renderers._words import label, number
from ict_competence.text import Language

if TYPE_CHECKING:
    from ict_competence.allocation import Allocation, Team
    from ict_competence.catalog import Catalog, TaskOverview
    from ict_competence.dialogue import ConversationGuide
    from ict_competence.flow import RoadmapSession
    from ict_competence.plan import Evaluation, PersonLoad, SchoolPlan

__all__ = ["FRAGMENTS", "MAX_BARS", "MAX_ROWS", "Fragment", "Table", "fragment_html"]

#: The rows a fragment's table shows; the rest are counted ("… and 12 more").
MAX_ROWS = 12
#: The people a fragment's workload chart shows; beyond it, the most loaded first.
MAX_BARS = 20


@attrs.frozen
class Table:
    """A fragment's one table: its first cell of each row is the row's header.

    Attributes:
        caption: what the table holds.
        columns: the column headers.
        rows: the rows shown, each cell as text.
        more: the words for the rows left out (``"… and 12 more"``), or ``""``.
    """

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    more: str = ""


@attrs.frozen
class Fragment:
    """What a fragment shows, before the template makes HTML of it.

    Attributes:
        title: the kind of object (and the plan's name).
        facts: a few facts after the title, on one line.
        charts: inline SVG drawings, escaped when they were drawn.
        notes: a line under the charts (which people a capped chart shows).
        table: the one table, if any.
    """

    title: str
    facts: tuple[str, ...] = ()
    charts: tuple[Markup, ...] = ()
    notes: tuple[str, ...] = ()
    table: Table | None = None


def _language() -> Language:
    """The language ``render`` uses when it is not given one."""
    return "en" if LANGUAGE.default == "en" else "nl"


def _more(left_out: int, language: Language) -> str:
    return label("and_more", language).format(count=left_out) if left_out > 0 else ""


def _fact(key: str, value: object, language: Language) -> str:
    return f"{label(key, language)}: {value}"


def _percent(share: float, language: Language) -> str:
    return f"{number(share * 100, language)} %"


def _table(
    caption: str, columns: Sequence[str], rows: Sequence[tuple[str, ...]], language: Language
) -> Table:
    """A table of the first :data:`MAX_ROWS` of ``rows``, counting the others."""
    shown = tuple(rows[:MAX_ROWS])
    return Table(caption, tuple(columns), shown, _more(len(rows) - len(shown), language))


def _load_share(load: PersonLoad) -> tuple[bool, float]:
    # The plan's own share; someone with work and no hours at all is the most loaded.
    share = load.share
    return load.overloaded, math.inf if share is None else share


def _workload(loads: Iterable[PersonLoad], language: Language) -> tuple[Markup, str]:
    """The workload chart of at most :data:`MAX_BARS` people, and the note when capped."""
    everyone = list(loads)
    if len(everyone) <= MAX_BARS:
        return workload(load_bars(everyone), language), ""
    # A stable sort: among equally loaded people the team's order stays.
    shown = sorted(everyone, key=_load_share, reverse=True)[:MAX_BARS]
    note = f"{label('most_loaded', language)} {_more(len(everyone) - MAX_BARS, language)}"
    return workload(load_bars(shown), language), note


# -- one builder per type --------------------------------------------------------------------


def _catalog(obj: Catalog, language: Language) -> Fragment:
    from ict_competence.catalog import Cluster  # noqa: PLC0415 - loaded with the catalog

    rows = []
    for cluster in Cluster:
        tasks = obj.tasks_in(cluster)
        rows.append(
            (
                cluster.label.get(language),
                str(len(tasks)),
                str(sum(task.strategic for task in tasks)),
                number(sum(task.hours_per_year for task in tasks), language),
            )
        )
    columns = [label(key, language) for key in ("cluster", "tasks", "core_tasks", "hours")]
    return Fragment(
        title=label("catalog_title", language),
        facts=(
            _fact("tasks", len(obj.tasks), language),
            _fact("roles", len(obj.roles), language),
        ),
        table=_table(label("clusters", language), columns, rows, language),
    )


def _overview(obj: TaskOverview, language: Language) -> Fragment:
    summary = obj.summary()
    facts = [
        _fact("tasks", len(obj), language),
        _fact("active_tasks", len(obj.active()), language),
        _fact("hours", number(summary.total_hours, language), language),
    ]
    if summary.warnings:
        facts.append(_fact("warnings", len(summary.warnings), language))
    # The notes, responsible and back-up are left out: a school writes names and notes
    # about people there, and a notebook gets shared.
    keys = ["code", "task", "applies", "horizon", "hours"]
    rows = [
        (
            choice.code,
            choice.task.description.get(language),
            label("yes" if choice.applies else "no", language),
            choice.horizon.label.get(language),
            number(choice.hours_per_year, language),
        )
        for choice in obj.choices
    ]
    return Fragment(
        title=label("overview_title", language),
        facts=tuple(facts),
        table=_table(
            label("tasks", language), [label(key, language) for key in keys], rows, language
        ),
    )


def _session(obj: RoadmapSession, language: Language) -> Fragment:
    step = obj.current
    return Fragment(
        title=label("roadmap_progress", language),
        facts=(
            _fact("current_step", f"{step.number} · {step.title.get(language)}", language),
            _fact("status", obj.status.label.get(language), language),
            _fact("cycle", obj.cycle, language),
        ),
        charts=(roadmap_chart(obj.roadmap, obj, language),),
    )


def _guide(obj: ConversationGuide, language: Language) -> Fragment:
    rows = [
        (topic.code, topic.title.get(language), str(question.number))
        for question, topics in obj.sections()
        for topic in topics
    ]
    columns = [label(key, language) for key in ("code", "topic", "main_question")]
    return Fragment(
        title=f"{label('guide_title', language)}: {obj.key_figure.name.get(language)}",
        facts=(
            _fact("topics", len(obj.topics), language),
            _fact("themes", len(obj.themes), language),
        ),
        table=_table(label("topics", language), columns, rows, language),
    )


def _team(obj: Team, language: Language) -> Fragment:
    facts = [_fact("people", len(obj.people), language)]
    if obj.schools:
        facts.append(_fact("schools", len(obj.schools), language))
    total = sum(person.hours for person in obj.people)
    facts.append(_fact("hours_available", number(total, language), language))
    keys = ["person", *(["school"] if obj.schools else []), "hours"]
    rows = [
        (
            person.id,
            *([person.school or ""] if obj.schools else []),
            number(person.hours, language),
        )
        for person in obj.people
    ]
    return Fragment(
        title=label("team_title", language),
        facts=tuple(facts),
        table=_table(
            label("people", language), [label(key, language) for key in keys], rows, language
        ),
    )


def _allocation_facts(obj: Allocation, language: Language) -> tuple[str, ...]:
    solver = (
        label(f"solver_{obj.solver}", language)
        if obj.solver in {"heuristic", "optimal"}
        else obj.solver
    )
    if obj.proven:
        solver += f", {label('proven', language)}"
    elif obj.gap is not None:
        solver += f", {label('gap', language)} {_percent(obj.gap, language)}"
    return (
        _fact("coverage", _percent(obj.coverage, language), language),
        _fact("assigned", len(obj.assignments), language),
        _fact("decided", len(obj.decisions), language),
        _fact("solver", solver, language),
    )


def _allocation(obj: Allocation, language: Language) -> Fragment:
    from ict_competence.renderers._naming import naming  # noqa: PLC0415 - loads the catalog

    chart, note = _workload(allocation_loads(obj), language)
    words = naming(language)
    rows = [
        (
            info.key,
            words.task(info.key),
            obj.assignments[info.key].primary,
            obj.assignments[info.key].backup or "",
        )
        for info in obj.instances
        if info.key in obj.assignments
    ]
    columns = [label(key, language) for key in ("code", "task", "responsible", "backup")]
    return Fragment(
        title=label("allocation_title", language),
        facts=_allocation_facts(obj, language),
        charts=(chart,),
        notes=(note,) if note else (),
        table=_table(label("assignments", language), columns, rows, language),
    )


def _evaluation(obj: Evaluation, language: Language) -> Fragment:
    chart, note = _workload(obj.loads, language)
    return Fragment(
        title=label("evaluation_title", language),
        facts=(
            _fact("coverage", _percent(obj.coverage, language), language),
            _fact("uncovered", len(obj.uncovered), language),
            _fact("spof", len(obj.single_points_of_failure), language),
            _fact("overloaded", len(obj.overloaded), language),
            _fact("strategic_share", _percent(obj.strategic_share, language), language),
        ),
        charts=(chart,),
        notes=(note,) if note else (),
    )


def _plan(obj: SchoolPlan, language: Language) -> Fragment:
    session = obj.roadmap
    if obj.allocation is None:
        state = label("no_allocation", language)
    else:
        state = label(
            "allocation_current" if obj.allocation_is_current else "allocation_stale", language
        )
    facts = [
        *([_fact("schools", len(obj.team.schools), language)] if obj.team.schools else []),
        _fact("people", len(obj.team.people), language),
        _fact("active_tasks", len(obj.overview.active()), language),
        _fact("current_step", session.current.number, language),
        _fact("allocation_state", state, language),
    ]
    charts = [roadmap_chart(session.roadmap, session, language)]
    notes = []
    if obj.allocation is not None:
        chart, note = _workload(obj.evaluate().loads, language)
        charts.append(chart)
        notes += [note] if note else []
    return Fragment(
        title=f"{label('plan_kicker', language)}: {obj.name}",
        facts=tuple(facts),
        charts=tuple(charts),
        notes=tuple(notes),
    )


#: Per type, named as ``"package:Name"``, the builder of its fragment.
FRAGMENTS: dict[str, Callable[[Any, Language], Fragment]] = {
    "ict_competence.catalog:Catalog": _catalog,
    "ict_competence.catalog:TaskOverview": _overview,
    "ict_competence.flow:RoadmapSession": _session,
    "ict_competence.dialogue:ConversationGuide": _guide,
    "ict_competence.allocation:Team": _team,
    "ict_competence.allocation:Allocation": _allocation,
    "ict_competence.plan:Evaluation": _evaluation,
    "ict_competence.plan:SchoolPlan": _plan,
}


def fragment_html(fragment: Fragment, language: Language) -> str:
    """The HTML of ``fragment``, from the one autoescaped template."""
    from ict_competence.renderers._templates import environment  # noqa: PLC0415 - jinja2 on use

    template = environment(None, html=True).get_template("fragment.html.j2")
    return template.render(fragment=fragment, language=language)


def _builder(build: Callable[[Any, Language], Fragment]) -> Callable[[object], str]:
    def html(obj: object) -> str:
        language = _language()
        return fragment_html(build(obj, language), language)

    return html


for _name, _build in FRAGMENTS.items():
    register_fragment(_name, _builder(_build))
