"""The charts pages and notebook fragments share: the roadmap drawn, and the hours per person.

:mod:`~ict_competence.renderers._pages` puts them on a page and
:mod:`~ict_competence.renderers._fragments` in a notebook; both import them from here,
so a chart is built one way. They read the domain through its public names: the roadmap
and its session, and the plan's :class:`~ict_competence.plan.PersonLoad` for who is
overloaded (never the solvers' tolerance). Importing this module loads no domain package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from markupsafe import Markup

from ict_competence.renderers._svg import Bar, Box, flowchart
from ict_competence.renderers._words import label
from ict_competence.text import Language

if TYPE_CHECKING:
    from ict_competence.allocation import Allocation
    from ict_competence.flow import Roadmap, RoadmapSession
    from ict_competence.plan import PersonLoad

__all__ = ["allocation_loads", "load_bars", "roadmap_chart"]


def _boxes(roadmap: Roadmap, session: RoadmapSession | None, language: Language) -> list[Box]:
    from ict_competence.flow import Answer, StepKind  # noqa: PLC0415 - flow loads on first use

    shapes = {StepKind.CHECK: "hexagon", StepKind.ACTION: "box", StepKind.EVALUATION: "stadium"}
    visited = set() if session is None else {m.step for m in session.path if m.answer}
    current = None if session is None else session.current.number
    boxes = [
        Box(
            key=step.number,
            text=f"{label('step', language)} {step.number} · {step.title.get(language)}",
            shape=shapes.get(step.kind, "box"),
            state="current"
            if step.number == current
            else "visited"
            if step.number in visited
            else "",
            edges=tuple(
                (b.next, "" if b.answer is Answer.DONE else b.answer.label.get(language).lower())
                for b in step.branches
            ),
        )
        for step in roadmap.steps
    ]
    return [*boxes, Box(key=None, text=label("end_of_cycle", language), shape="stadium")]


def roadmap_chart(roadmap: Roadmap, session: RoadmapSession | None, language: Language) -> Markup:
    """The roadmap as an inline SVG flowchart; with a session, its current step highlighted."""
    return flowchart(
        _boxes(roadmap, session, language),
        title=roadmap.title.get(language),
        description=label("roadmap_chart_intro", language),
    )


def allocation_loads(allocation: Allocation) -> tuple[PersonLoad, ...]:
    """Per person of a bare allocation, the hours they had and use, read as the plan reads them.

    The plan's :class:`~ict_competence.plan.PersonLoad` decides who is overloaded, as
    ``SchoolPlan.evaluate`` does; the hours available are the allocation's own capacity.
    """
    from ict_competence.plan import PersonLoad  # noqa: PLC0415 - the plan loads on first use

    used = allocation.load
    return tuple(
        PersonLoad(person=person, available=available, used=used[person])
        for person, available in allocation.capacity.items()
    )


def load_bars(loads: Iterable[PersonLoad], name: Callable[[str], str] = str) -> list[Bar]:
    """One bar of the workload chart per load, the person shown as ``name(id)``."""
    return [Bar(name(load.person), load.used, load.available, load.overloaded) for load in loads]
