"""The evaluation of a cycle (roadmap step 8): loads, coverage, weak spots, what changed."""

from __future__ import annotations

import attrs

from ict_competence._checks import (
    finite_non_negative,
    instance_of,
    is_finite_number,
    non_blank,
    optional_of,
    tuple_of,
)
from ict_competence._display import html_fragment
from ict_competence.allocation import Allocation, AllocationDiff, Team

# The allocation's tolerance for hours that still fit: the evaluation must call
# overloaded exactly what the solvers would not have given anyone.
from ict_competence.allocation._numeric import EPS
from ict_competence.text import summary

__all__ = ["Evaluation", "PersonLoad", "evaluate_allocation"]


@attrs.frozen(kw_only=True)
class PersonLoad:
    """One person's hours in an evaluated cycle: what they have and what their tasks take.

    Attributes:
        person: the person's id (never their name).
        available: the hours a year the team gives them now (0 for someone who left the
            team but still holds tasks in the allocation).
        used: the hours their primary and back-up tasks take in the allocation.
        overloaded: whether ``used`` exceeds ``available``: over 100 %, which happens when
            hours were edited after allocating.

    >>> PersonLoad(person="p1", available=40.0, used=50.0).share
    1.25
    """

    person: str = attrs.field(validator=non_blank)
    available: float = attrs.field(validator=finite_non_negative)
    used: float = attrs.field(validator=finite_non_negative)
    overloaded: bool = attrs.field(validator=instance_of(bool))

    @overloaded.default
    def _over_capacity(self) -> bool:
        # Numbers of the wrong kind are left to the validators, which name the field.
        numbers = is_finite_number(self.used) and is_finite_number(self.available)
        return numbers and self.used > self.available + EPS

    @property
    def share(self) -> float | None:
        """``used / available``; ``None`` when nothing is available (and 0.0 when unused)."""
        if self.available > 0:
            return self.used / self.available
        return 0.0 if self.used <= EPS else None


@attrs.frozen(kw_only=True, repr=False)
class Evaluation:
    """What a cycle's allocation looks like a year on (roadmap step 8, evalueer regelmatig).

    Made by :meth:`ict_competence.plan.SchoolPlan.evaluate`. Everything in it is an id,
    a key or a number: an evaluation holds no name, so it can be shared and saved.

    Attributes:
        current: whether the allocation still fits the plan's overview, team and rules;
            when ``False``, the loads are the old tasks against the people's hours now.
        loads: per person, hours available and used, team order first.
        coverage: the share of the instance hours that has a primary.
        uncovered: instances without a primary (to recruit for or outsource).
        single_points_of_failure: strategic instances with a primary and no back-up.
        strategic_share: the largest share of the held strategic hours (strategic
            instances with a primary) that one person holds as primary; 0.0 without any.
        strategic_holder: that person's id; ``None`` when nobody holds strategic hours.
        diff: what changed from the previous cycle's allocation (the baseline), if any.
    """

    current: bool = attrs.field(validator=instance_of(bool))
    loads: tuple[PersonLoad, ...] = attrs.field(validator=tuple_of(PersonLoad))
    coverage: float = attrs.field(validator=finite_non_negative)
    uncovered: tuple[str, ...] = attrs.field(validator=tuple_of(str))
    single_points_of_failure: tuple[str, ...] = attrs.field(validator=tuple_of(str))
    strategic_share: float = attrs.field(validator=finite_non_negative)
    strategic_holder: str | None = attrs.field(validator=optional_of(str))
    diff: AllocationDiff | None = attrs.field(default=None, validator=optional_of(AllocationDiff))

    def __repr__(self) -> str:
        return summary(
            "Evaluation",
            f"coverage {self.coverage:.0%}",
            f"{len(self.uncovered)} uncovered",
            f"{len(self.single_points_of_failure)} single points of failure",
            f"{len(self.overloaded)} overloaded",
            *(() if self.current else ("stale",)),
        )

    def _repr_html_(self) -> str:
        return html_fragment(self)

    @property
    def overloaded(self) -> tuple[str, ...]:
        """The ids of the people whose tasks take more hours than they have."""
        return tuple(load.person for load in self.loads if load.overloaded)


def _strategic_holding(allocation: Allocation) -> tuple[float, str | None]:
    held: dict[str, float] = {}
    for info in allocation.instances:
        assignment = allocation.assignments.get(info.key)
        if info.strategic and assignment is not None:
            held[assignment.primary] = held.get(assignment.primary, 0.0) + info.hours
    total = sum(held.values())
    if total <= EPS:
        return 0.0, None
    # Ties go to the first in the allocation's order, so the answer is the same every time.
    holder = max(held, key=lambda person: held[person])
    return held[holder] / total, holder


def evaluate_allocation(
    allocation: Allocation, team: Team, *, baseline: Allocation | None, current: bool
) -> Evaluation:
    """The evaluation of ``allocation`` against the hours the people of ``team`` have now."""
    used = allocation.load
    loads = [
        PersonLoad(person=person.id, available=float(person.hours), used=used.get(person.id, 0.0))
        for person in team.people
    ]
    # Someone who left still holds their tasks until the next allocation: with no hours.
    members = set(team.ids)
    loads += [
        PersonLoad(person=person, available=0.0, used=hours)
        for person, hours in used.items()
        if person not in members and hours > EPS
    ]
    share, holder = _strategic_holding(allocation)
    return Evaluation(
        current=current,
        loads=tuple(loads),
        coverage=allocation.coverage,
        uncovered=tuple(
            info.key for info in allocation.instances if info.key in allocation.decisions
        ),
        single_points_of_failure=allocation.single_points_of_failure,
        strategic_share=share,
        strategic_holder=holder,
        diff=baseline.diff(allocation) if baseline is not None else None,
    )
