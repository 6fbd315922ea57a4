"""Readings of an allocation for the school: a RACI matrix, a role per person, what changed.

:class:`~ict_competence.allocation.Allocation` offers them as its methods ``raci``,
``profiles`` and ``diff``; they live here so that the result stays a value and its
readings a module of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Self

import attrs

from ict_competence._checks import (
    finite,
    finite_non_negative,
    instance_of,
    mapping_of,
    non_blank,
    non_empty,
    optional_of,
    tuple_argument,
    tuple_of,
)
from ict_competence._extras import Record
from ict_competence._frozen import FrozenMap, frozen_map
from ict_competence.allocation import _records
from ict_competence.allocation._model import DecisionKind
from ict_competence.allocation._numeric import LOAD_CHANGE
from ict_competence.catalog import Cluster
from ict_competence.text import count, summary

if TYPE_CHECKING:
    from ict_competence.allocation._result import Allocation

__all__ = [
    "AllocationDiff",
    "PersonChange",
    "ProfileSuggestion",
    "RaciMatrix",
    "RaciRow",
    "diff",
    "fmt_hours",
    "profiles",
    "raci_rows",
    "suggest_profile",
]

#: The RACI "responsible" of a task to outsource: the catalog's external firm.
OUTSOURCE_PARTY = "external_firm"
#: The catalog role for someone who carries mostly one cluster (seed 003, "2 rollen").
CLUSTER_ROLES = {
    Cluster.TECHNICAL: "tict",
    Cluster.PEDAGOGICAL: "digicoach",
    Cluster.ADMINISTRATIVE: "administrative_staff",
    Cluster.POLICY: "ict_policy_team",
}


@attrs.frozen(kw_only=True)
class RaciRow:
    """One task instance in a RACI matrix: exactly one A, at least one R.

    Attributes:
        key: the instance key.
        responsible: who does it: the primary's id, or for a task nobody in the team
            takes a catalog role code: ``external_firm`` to outsource it, or the role
            to recruit for it.
        accountable: the one person or role answerable for it (directie by default).
        consulted: who is consulted (the back-up).
        informed: who is kept informed.
        vacancy: whether ``responsible`` is a role still to be recruited.
    """

    key: str = attrs.field(validator=non_blank)
    responsible: tuple[str, ...] = attrs.field(validator=[tuple_of(str), non_empty])
    accountable: str = attrs.field(validator=non_blank)
    consulted: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    informed: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    vacancy: bool = attrs.field(default=False, validator=instance_of(bool))


class RaciMatrix(tuple[RaciRow, ...]):
    """A RACI matrix: one :class:`RaciRow` per task instance, in the allocation's order.

    What :meth:`Allocation.raci` returns. It is a tuple of the rows (it iterates, indexes
    and compares as one), with the matrix as records and as a ``pandas.DataFrame``. Its
    ``repr`` counts the rows and vacancies: a row names people.

    Args:
        rows: the rows, as a list, a tuple or any other iterable of them (a generator
            too), in order.

    Raises:
        FieldError: ``rows`` is not iterable, or is text or a mapping, or an item is no
            RaciRow (the error names its index).

    >>> RaciMatrix(iter([RaciRow(key="TECH-01", responsible=("p1",), accountable="directie")]))
    <RaciMatrix 1 row, 0 vacancies>
    """

    __slots__ = ()

    def __new__(cls, rows: Iterable[RaciRow] = (), /) -> Self:
        return super().__new__(cls, tuple_argument("rows", rows, RaciRow))

    def __repr__(self) -> str:
        vacancies = sum(row.vacancy for row in self)
        return summary(
            "RaciMatrix", count(len(self), "row"), count(vacancies, "vacancy", "vacancies")
        )

    def to_records(self) -> list[Record]:
        """One plain row per task instance, JSON-safe, in order.

        Keys: ``key``, ``responsible``, ``accountable``, ``consulted``, ``informed`` (person
        ids or catalog role codes; more than one joined with ``", "``, none ``""``) and
        ``vacancy`` (whether the responsible is a role still to recruit).
        """
        return _records.raci_records(self)

    def to_dataframe(self) -> Any:  # noqa: ANN401 - a pandas.DataFrame; pandas has no types
        """The records as a ``pandas.DataFrame``, one row per task instance.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ict-competence[pandas]'``).
        """
        return _records.raci_dataframe(self)


@attrs.frozen(kw_only=True)
class ProfileSuggestion:
    """A role that fits what a person carries, from the clusters of their primary tasks.

    Attributes:
        person: the person's id.
        role: a role code (``tict``, ``pict``, ``digicoach``, ``ict_coach``,
            ``administrative_staff``, ``ict_policy_team``), or ``None`` without tasks.
        hours_by_cluster: their primary hours per cluster.
        reason: the suggestion in words.

    Its ``repr`` is the person's id, the role and the hours they carry.

    >>> suggest_profile("p1", {Cluster.TECHNICAL: 60, Cluster.POLICY: 10})
    <ProfileSuggestion p1, tict, 70 h>
    """

    person: str = attrs.field(validator=non_blank)
    role: str | None = attrs.field(validator=optional_of(str))
    hours_by_cluster: Mapping[Cluster, float] = attrs.field(
        converter=frozen_map, validator=mapping_of(Cluster, finite_non_negative), hash=False
    )
    reason: str = attrs.field(validator=instance_of(str))

    def __repr__(self) -> str:
        return summary(
            "ProfileSuggestion",
            self.person,
            self.role or "no role",
            f"{fmt_hours(sum(self.hours_by_cluster.values()))} h",
        )


@attrs.frozen(kw_only=True)
class PersonChange:
    """How one person's tasks changed between two allocations (roadmap step 8).

    Attributes:
        person: the person's id.
        gained, lost: instance keys they became or stopped being primary of.
        gained_backup, lost_backup: the same for back-ups.
        load_before, load_after: their hours used before and after.
    """

    person: str = attrs.field(validator=non_blank)
    gained: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    lost: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    gained_backup: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    lost_backup: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    load_before: float = attrs.field(default=0.0, validator=finite_non_negative)
    load_after: float = attrs.field(default=0.0, validator=finite_non_negative)


@attrs.frozen(kw_only=True)
class AllocationDiff:
    """What changed from one allocation to another.

    Attributes:
        changes: one entry per person whose tasks or load changed.
        newly_covered: instances that have a primary now and had none before.
        newly_uncovered: instances that had a primary before and have none now.
        objective_change: the later objective minus the earlier.
    """

    changes: tuple[PersonChange, ...] = attrs.field(default=(), validator=tuple_of(PersonChange))
    newly_covered: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    newly_uncovered: tuple[str, ...] = attrs.field(default=(), validator=tuple_of(str))
    objective_change: float = attrs.field(default=0.0, validator=finite)


def fmt_hours(hours: float) -> str:
    """Hours as the explanations write them: ``12.5``, ``40``."""
    return f"{hours:g}"


def raci_rows(allocation: Allocation, accountable: str, group_accountable: str) -> RaciMatrix:
    """The rows of :meth:`Allocation.raci`; ``group_accountable`` for the group's own instances."""
    rows = []
    for info in allocation.instances:
        assignment = allocation.assignments.get(info.key)
        party = accountable if info.school is not None else group_accountable
        vacancy = False
        consulted: tuple[str, ...] = ()
        if assignment is not None:
            responsible = assignment.primary
            if assignment.backup is not None:
                consulted = (assignment.backup,)
        elif allocation.decisions[info.key].kind is DecisionKind.RECRUIT:
            responsible, vacancy = CLUSTER_ROLES[info.cluster], True
        else:
            responsible = OUTSOURCE_PARTY
        rows.append(
            RaciRow(
                key=info.key,
                responsible=(responsible,),
                accountable=party,
                consulted=consulted,
                vacancy=vacancy,
            )
        )
    return RaciMatrix(rows)


def profiles(allocation: Allocation) -> Mapping[str, ProfileSuggestion]:
    """What :meth:`Allocation.profiles` gives: a suggested role per person."""
    hours: dict[str, dict[Cluster, float]] = {person: {} for person in allocation.capacity}
    for info in allocation.instances:
        assignment = allocation.assignments.get(info.key)
        if assignment is not None:
            by_cluster = hours[assignment.primary]
            by_cluster[info.cluster] = by_cluster.get(info.cluster, 0.0) + info.hours
    return FrozenMap(
        {person: suggest_profile(person, by_cluster) for person, by_cluster in hours.items()}
    )


def diff(before: Allocation, after: Allocation) -> AllocationDiff:
    """What :meth:`Allocation.diff` gives: what changed from ``before`` to ``after``."""
    before_load, after_load = before.load, after.load
    people = list(before.capacity) + [p for p in after.capacity if p not in before.capacity]
    changes = []
    for person in people:
        gained = _held(after, person, primary=True) - _held(before, person, primary=True)
        lost = _held(before, person, primary=True) - _held(after, person, primary=True)
        gained_b = _held(after, person, primary=False) - _held(before, person, primary=False)
        lost_b = _held(before, person, primary=False) - _held(after, person, primary=False)
        load_before = before_load.get(person, 0.0)
        load_after = after_load.get(person, 0.0)
        if gained or lost or gained_b or lost_b or abs(load_after - load_before) > LOAD_CHANGE:
            changes.append(
                PersonChange(
                    person=person,
                    gained=tuple(sorted(gained)),
                    lost=tuple(sorted(lost)),
                    gained_backup=tuple(sorted(gained_b)),
                    lost_backup=tuple(sorted(lost_b)),
                    load_before=load_before,
                    load_after=load_after,
                )
            )
    return AllocationDiff(
        changes=tuple(changes),
        newly_covered=tuple(sorted(set(after.assignments) - set(before.assignments))),
        newly_uncovered=tuple(sorted(set(before.assignments) - set(after.assignments))),
        objective_change=after.objective - before.objective,
    )


def _held(allocation: Allocation, person: str, *, primary: bool) -> set[str]:
    return {
        key
        for key, a in allocation.assignments.items()
        if (a.primary if primary else a.backup) == person
    }


def suggest_profile(person: str, hours_by_cluster: Mapping[Cluster, float]) -> ProfileSuggestion:
    """The role that fits a person's primary hours per cluster (seed 003, "2 rollen").

    Technical work with policy or administration is the TICT; pedagogical work with a
    technical share the PICT; pedagogical work alone the digicoach; administration the
    administrative staff; policy the ICT policy team; a mix without a majority the ict-coach.

    >>> suggest_profile("a", {Cluster.TECHNICAL: 60, Cluster.POLICY: 10}).role
    'tict'
    >>> suggest_profile("b", {Cluster.PEDAGOGICAL: 30}).role
    'digicoach'
    """
    total = sum(hours_by_cluster.values())
    if total <= 0:
        return ProfileSuggestion(
            person=person, role=None, hours_by_cluster=hours_by_cluster, reason="carries no task"
        )
    share = {cluster: hours_by_cluster.get(cluster, 0.0) / total for cluster in Cluster}
    main = max(Cluster, key=lambda cluster: share[cluster])
    if share[main] < 0.5:
        role = "ict_coach"
    elif main is Cluster.PEDAGOGICAL and share[Cluster.TECHNICAL] > 0:
        role = "pict"
    else:
        role = CLUSTER_ROLES[main]
    carried = ", ".join(
        f"{cluster.value} {share[cluster]:.0%}" for cluster in Cluster if share[cluster] > 0
    )
    return ProfileSuggestion(
        person=person,
        role=role,
        hours_by_cluster=hours_by_cluster,
        reason=f"carries {fmt_hours(total)} h: {carried}",
    )
