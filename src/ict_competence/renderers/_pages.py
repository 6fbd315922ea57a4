"""The one table of what the template renderers render: per type its template and context.

Both the HTML and the Markdown renderer read :data:`PAGES`: a type's page is
``<template>.html.j2`` or ``<template>.md.j2``, and its context function gives the
template what it needs beyond the object. Types are named, not imported, so that
importing a renderer loads neither the roadmap, the dialogue nor the allocation.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import attrs

from ict_competence.catalog import Cluster, Domain, Horizon, TaskOverview
from ict_competence.renderers._charts import load_bars, roadmap_chart
from ict_competence.renderers._evidence import show_evidence
from ict_competence.renderers._naming import Naming, naming
from ict_competence.renderers._reasons import word_decision, word_explanation
from ict_competence.renderers._svg import workload
from ict_competence.text import Language, Provenance

if TYPE_CHECKING:
    from ict_competence.allocation import Allocation, Team
    from ict_competence.flow import Advice, Roadmap, RoadmapSession
    from ict_competence.plan import ActionPlan, Evaluation, SchoolPlan

__all__ = ["PAGES", "RENDERS", "Page", "find_page"]

#: What a context function returns: the template's names beyond ``obj``.
Context = dict[str, Any]


@attrs.frozen
class Page:
    """Which template serves a type, and what its template receives.

    Attributes:
        module: the public module of the type (``ict_competence.plan``).
        type_name: the type's name there.
        template: the template's stem: ``plan`` for ``plan.html.j2`` and ``plan.md.j2``.
        context: makes the template's names from the object, the language and ``names``.
    """

    module: str
    type_name: str
    template: str
    context: Callable[[Any, Language, bool], Context]


def _catalog(_obj: object, language: Language, _names: bool) -> Context:
    return {"clusters": tuple(Cluster), "naming": naming(language)}


def _overview(obj: TaskOverview, language: Language, _names: bool) -> Context:
    return {
        "clusters": tuple(Cluster),
        "horizons": tuple(Horizon),
        "summary": obj.summary(),
        "naming": naming(language, overview=obj),
    }


def _roadmap(obj: Roadmap, language: Language, _names: bool) -> Context:
    from ict_competence.flow import to_mermaid  # noqa: PLC0415

    return {
        "roadmap": obj,
        "mermaid": to_mermaid(obj, language=language),
        "flow": roadmap_chart(obj, None, language),
        "naming": naming(language),
    }


def _sourced_advice(session: RoadmapSession) -> list[tuple[Advice, Provenance | None]]:
    """Each advice of the session with the provenance of the branch advice it came from."""
    return [
        (
            advice,
            next(
                (
                    given.provenance
                    for branch in session.roadmap.step(advice.step).branches
                    for given in branch.advice
                    if given.actor is advice.actor and given.text == advice.text
                ),
                None,
            ),
        )
        for advice in session.advice
    ]


def _session(obj: RoadmapSession, language: Language, _names: bool) -> Context:
    from ict_competence.flow import to_mermaid  # noqa: PLC0415

    words = naming(language)
    return {
        "roadmap": obj.roadmap,
        "advice": _sourced_advice(obj),
        "mermaid": to_mermaid(obj, language=language),
        "flow": roadmap_chart(obj.roadmap, obj, language),
        # Evidence is worded here, in the page's language, never from its English basis.
        "evidence": partial(show_evidence, naming=words),
        "naming": words,
    }


def _guide(obj: object, language: Language, _names: bool) -> Context:
    return {"guide": obj, "record": None, "naming": naming(language)}


def _record(obj: Any, language: Language, _names: bool) -> Context:  # noqa: ANN401
    return {"guide": obj.guide(), "record": obj, "naming": naming(language)}


def _team_parts(obj: Team) -> Context:
    return {"team": obj, "domains": tuple(Domain), "clusters": tuple(Cluster)}


def _team(obj: Team, language: Language, names: bool) -> Context:
    people = [(person.id, person.name) for person in obj.people]
    return {**_team_parts(obj), "naming": naming(language, names=names, people=people)}


def _allocation_parts(obj: Allocation, language: Language, words: Naming) -> Context:
    def why(key: str) -> str:
        return word_explanation(obj.explain(key), language, words.party, head=False)

    return {
        "allocation": obj,
        "spof": set(obj.single_points_of_failure),
        "profiles": obj.profiles(),
        "raci": obj.raci(),
        # Reasons are worded here, in the page's language, never from their English text.
        "reason": partial(word_decision, language=language),
        "why": why,
    }


def _allocation(obj: Allocation, language: Language, _names: bool) -> Context:
    words = naming(language, people=[(person, None) for person in obj.capacity])
    return {**_allocation_parts(obj, language, words), "naming": words}


def _load_chart(evaluation: Evaluation, language: Language, name: Callable[[str], str]) -> object:
    return workload(load_bars(evaluation.loads, name), language)


def _evaluation(obj: Evaluation, language: Language, _names: bool) -> Context:
    words = naming(language, people=[(load.person, None) for load in obj.loads])
    return {"evaluation": obj, "workload": _load_chart(obj, language, words.party), "naming": words}


def _action_plan_parts(obj: ActionPlan) -> Context:
    from ict_competence.plan import ActionSource  # noqa: PLC0415 - the plan loads on first use

    return {"actions": obj, "sources": tuple(ActionSource)}


def _action_plan(obj: ActionPlan, language: Language, _names: bool) -> Context:
    return {**_action_plan_parts(obj), "naming": naming(language)}


def _plan(obj: SchoolPlan, language: Language, names: bool) -> Context:
    people = [(person.id, person.name) for person in obj.team.people]
    words = naming(language, names=names, people=people, overview=obj.overview)
    context: Context = {
        **_team_parts(obj.team),
        "plan": obj,
        "session": obj.roadmap,
        "roadmap": obj.roadmap.roadmap,
        "flow": roadmap_chart(obj.roadmap.roadmap, obj.roadmap, language),
        "evidence": partial(show_evidence, naming=words),
        "summary": obj.overview.summary(),
        **_action_plan_parts(obj.action_plan()),
        "allocation": None,
        "evaluation": None,
        "naming": words,
    }
    if obj.allocation is not None:
        evaluation = obj.evaluate()
        context |= _allocation_parts(obj.allocation, language, words)
        context |= {
            "evaluation": evaluation,
            "workload": _load_chart(evaluation, language, words.party),
        }
    return context


#: Every type the HTML and Markdown renderers render, in the order their errors list them.
PAGES: tuple[Page, ...] = (
    Page("ict_competence.catalog", "Catalog", "catalog", _catalog),
    Page("ict_competence.catalog", "TaskOverview", "overview", _overview),
    Page("ict_competence.flow", "Roadmap", "roadmap", _roadmap),
    Page("ict_competence.flow", "RoadmapSession", "session", _session),
    Page("ict_competence.dialogue", "ConversationGuide", "guide", _guide),
    Page("ict_competence.dialogue", "DialogueRecord", "guide", _record),
    Page("ict_competence.allocation", "Team", "team", _team),
    Page("ict_competence.allocation", "Allocation", "allocation", _allocation),
    Page("ict_competence.plan", "Evaluation", "evaluation", _evaluation),
    Page("ict_competence.plan", "ActionPlan", "action_plan", _action_plan),
    Page("ict_competence.plan", "SchoolPlan", "plan", _plan),
)
#: The names of the types of :data:`PAGES`, in its order: what the html, markdown and json
#: renderers list as theirs.
RENDERS = tuple(page.type_name for page in PAGES)
_BY_NAME = {page.type_name: page for page in PAGES}


def find_page(obj: object) -> Page | None:
    """The page for ``obj``'s type (or a base of it), or ``None`` when there is none."""
    for cls in type(obj).__mro__:
        page = _BY_NAME.get(cls.__name__)
        # The name is only a hint: the type must be the library's own.
        if page is not None and cls is getattr(importlib.import_module(page.module), cls.__name__):
            return page
    return None
