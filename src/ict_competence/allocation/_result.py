"""The result of an allocation: who does what, what is decided, and how to read and compare it.

Everything here is a plain frozen value of text, numbers, enums, tuples and mappings, so
an allocation round-trips through JSON and pickles for fan-out over many school groups.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

import attrs

from ict_competence._checks import non_blank, non_empty
from ict_competence._frozen import FrozenMap, frozen_map
from ict_competence._lookup import index, lookup
from ict_competence.allocation._model import Assignment, Decision, DecisionKind
from ict_competence.allocation._numeric import EPS, LOAD_CHANGE
from ict_competence.catalog import Cluster, Domain
from ict_competence.errors import FieldError

__all__ = [
    "Allocation",
    "AllocationDiff",
    "Alternative",
    "Candidate",
    "Explanation",
    "InstanceInfo",
    "PersonChange",
    "ProfileSuggestion",
    "RaciRow",
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
class Candidate:
    """Someone who may be the primary of an instance, with what they bring to it.

    Attributes:
        person: the person's id.
        level: their level in the task's domain.
        motivation: their motivation for the task's cluster.
        score: what they are worth on it as primary, under the rules used.
    """

    person: str
    level: int
    motivation: int
    score: float


@attrs.frozen(kw_only=True)
class InstanceInfo:
    """What the allocation knew about one task instance, kept for explanations and reports.

    Attributes:
        key: the instance key.
        code: the task's code.
        school: the school whose people may take it; ``None`` when everyone may.
        cluster, domain: the task's cluster and competence domain.
        strategic: whether it is a strategic (core) task.
        required_level: the level a primary needs.
        hours: its hours a year; ``backup_hours``: what a back-up of it costs.
        candidates: the people who may be its primary, best first: the first ten, and
            the one who got it if they are not among those.
        eligible: how many people may be its primary in all.
        refused: per rule name, how many people in scope it kept out as primary.
    """

    key: str
    code: str
    school: str | None
    cluster: Cluster
    domain: Domain
    strategic: bool
    required_level: int
    hours: float
    backup_hours: float
    candidates: tuple[Candidate, ...] = ()
    eligible: int = 0
    refused: Mapping[str, int] = attrs.field(factory=dict, converter=frozen_map, hash=False)


@attrs.frozen(kw_only=True)
class Alternative:
    """Another person who could take an instance, and what switching to them would cost.

    Attributes:
        person: their id.
        level, motivation: what they bring to the task.
        score: what they would be worth on it as primary.
        spare_hours: their hours left in this allocation.
        change_cost: the objective lost if they took it over and nothing else moved;
            ``None`` when they have no room for it without dropping other tasks.
    """

    person: str
    level: int
    motivation: int
    score: float
    spare_hours: float
    change_cost: float | None


@attrs.frozen(kw_only=True)
class Explanation:
    """Why an instance went to whom (or to nobody), in data and in words (``str()``)."""

    key: str
    primary: str | None
    backup: str | None
    chosen: Candidate | None
    alternatives: tuple[Alternative, ...]
    decision: Decision | None
    refused: Mapping[str, int] = attrs.field(converter=frozen_map, hash=False)
    text: str

    def __str__(self) -> str:
        return self.text


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

    key: str
    responsible: tuple[str, ...] = attrs.field(validator=non_empty)
    accountable: str = attrs.field(validator=non_blank)
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    vacancy: bool = False


@attrs.frozen(kw_only=True)
class ProfileSuggestion:
    """A role that fits what a person carries, from the clusters of their primary tasks.

    Attributes:
        person: the person's id.
        role: a role code (``tict``, ``pict``, ``digicoach``, ``ict_coach``,
            ``administrative_staff``, ``ict_policy_team``), or ``None`` without tasks.
        hours_by_cluster: their primary hours per cluster.
        reason: the suggestion in words.
    """

    person: str
    role: str | None
    hours_by_cluster: Mapping[Cluster, float] = attrs.field(converter=frozen_map, hash=False)
    reason: str


@attrs.frozen(kw_only=True)
class PersonChange:
    """How one person's tasks changed between two allocations (roadmap step 8).

    Attributes:
        person: the person's id.
        gained, lost: instance keys they became or stopped being primary of.
        gained_backup, lost_backup: the same for back-ups.
        load_before, load_after: their hours used before and after.
    """

    person: str
    gained: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()
    gained_backup: tuple[str, ...] = ()
    lost_backup: tuple[str, ...] = ()
    load_before: float = 0.0
    load_after: float = 0.0


@attrs.frozen(kw_only=True)
class AllocationDiff:
    """What changed from one allocation to another.

    Attributes:
        changes: one entry per person whose tasks or load changed.
        newly_covered: instances that have a primary now and had none before.
        newly_uncovered: instances that had a primary before and have none now.
        objective_change: the later objective minus the earlier.
    """

    changes: tuple[PersonChange, ...] = ()
    newly_covered: tuple[str, ...] = ()
    newly_uncovered: tuple[str, ...] = ()
    objective_change: float = 0.0


def _fmt(hours: float) -> str:
    return f"{hours:g}"


@attrs.frozen(kw_only=True)
class Allocation:
    """Who takes which task instance, what is decided for the rest, and how good that is.

    Every task instance is either in ``assignments`` or in ``decisions``, never both.
    Made by :func:`ict_competence.allocation.allocate`.

    Attributes:
        assignments: instance key -> primary and back-up (person ids).
        decisions: instance key -> recruit or outsource, with the reason.
        objective: the value of the allocation under its rules.
        bound: a valid upper bound on the best possible value (``None`` if unknown).
        gap: ``(bound - objective) / bound``: how far from optimal it can at most be.
        proven: whether the gap is within 1e-4 (HiGHS' tolerance): optimal, for all
            practical purposes.
        solver: ``"heuristic"`` or ``"optimal"``: which solver found this allocation.
        rules: the name of the rule set used.
        instances: what was known about each instance, in order.
        capacity: person id -> hours available, for every team member.
    """

    assignments: Mapping[str, Assignment] = attrs.field(converter=frozen_map, hash=False)
    decisions: Mapping[str, Decision] = attrs.field(converter=frozen_map, hash=False)
    objective: float
    bound: float | None = None
    gap: float | None = None
    proven: bool = False
    solver: str = "heuristic"
    rules: str = "default"
    instances: tuple[InstanceInfo, ...] = ()
    capacity: Mapping[str, float] = attrs.field(factory=dict, converter=frozen_map, hash=False)

    def __attrs_post_init__(self) -> None:
        keys = [info.key for info in self.instances]
        if len(set(keys)) != len(keys):
            raise FieldError("instances", "an instance key occurs more than once")
        for key in keys:
            if (key in self.assignments) == (key in self.decisions):
                where = "both assignments and decisions" if key in self.decisions else "neither"
                raise FieldError("assignments", f"instance {key!r} is in {where}")
        extra = (set(self.assignments) | set(self.decisions)) - set(keys)
        if extra:
            raise FieldError("assignments", f"unknown instance(s) {', '.join(sorted(extra))}")
        for key, assignment in self.assignments.items():
            for person in (assignment.primary, assignment.backup):
                if person is not None and person not in self.capacity:
                    raise FieldError(f"assignments.{key}", f"{person!r} is not in the team")

    # -- reading ----------------------------------------------------------------------------

    @cached_property
    def _instances(self) -> Mapping[str, InstanceInfo]:
        return index(self.instances, lambda info: info.key)

    def instance(self, key: str) -> InstanceInfo:
        """What the allocation knew about the instance ``key``.

        Raises:
            UnknownCodeError: the allocation has no such instance; the error lists the keys.
        """
        return lookup(self._instances, key, "task instance")

    @property
    def load(self) -> Mapping[str, float]:
        """Person id -> hours used (primary hours plus back-up hours), for everyone."""
        load = dict.fromkeys(self.capacity, 0.0)
        for info in self.instances:
            assignment = self.assignments.get(info.key)
            if assignment is not None:
                load[assignment.primary] += info.hours
                if assignment.backup is not None:
                    load[assignment.backup] += info.backup_hours
        return FrozenMap(load)

    @property
    def coverage(self) -> float:
        """The share of all instance hours that has a primary (1.0 when there is nothing to do)."""
        total = sum(info.hours for info in self.instances)
        covered = sum(info.hours for info in self.instances if info.key in self.assignments)
        return covered / total if total else 1.0

    @property
    def single_points_of_failure(self) -> tuple[str, ...]:
        """Strategic instances that have a primary but no back-up."""
        return tuple(
            info.key
            for info in self.instances
            if info.strategic
            and info.key in self.assignments
            and self.assignments[info.key].backup is None
        )

    def explain(self, key: str) -> Explanation:
        """Why instance ``key`` went to its primary, or to nobody.

        The explanation gives the primary's level and motivation, who else was eligible,
        and what switching to each of them would cost; ``str()`` says it in words.
        """
        info = self.instance(key)
        assignment = self.assignments.get(key)
        decision = self.decisions.get(key)
        load = self.load
        primary = assignment.primary if assignment is not None else None
        chosen = next((c for c in info.candidates if c.person == primary), None)
        alternatives = []
        for candidate in info.candidates:
            if candidate.person == primary:
                continue
            spare = self.capacity[candidate.person] - load[candidate.person]
            cost: float | None = None
            if spare + EPS >= info.hours:  # hours that fit, as the solvers count them
                cost = (chosen.score if chosen is not None else 0.0) - candidate.score
            alternatives.append(
                Alternative(
                    person=candidate.person,
                    level=candidate.level,
                    motivation=candidate.motivation,
                    score=candidate.score,
                    spare_hours=spare,
                    change_cost=cost,
                )
            )
        text = self._explain_text(info, assignment, decision, chosen, alternatives)
        return Explanation(
            key=key,
            primary=primary,
            backup=assignment.backup if assignment is not None else None,
            chosen=chosen,
            alternatives=tuple(alternatives),
            decision=decision,
            refused=info.refused,
            text=text,
        )

    @staticmethod
    def _explain_text(
        info: InstanceInfo,
        assignment: Assignment | None,
        decision: Decision | None,
        chosen: Candidate | None,
        alternatives: list[Alternative],
    ) -> str:
        lines = []
        if assignment is not None:
            lines.append(f"{info.key}: {assignment.primary} takes it ({_fmt(info.hours)} h).")
            if chosen is not None:
                lines.append(
                    f"Level {chosen.level} in {info.domain.value} "
                    f"(needs {info.required_level}), motivation {chosen.motivation} "
                    f"for {info.cluster.value}, worth {chosen.score:g}."
                )
            if assignment.backup is not None:
                lines.append(f"Back-up: {assignment.backup}.")
            elif info.strategic:
                lines.append("No back-up: a single point of failure.")
        elif decision is not None:
            lines.append(f"{info.key}: {decision.kind.value}. {decision.reason}")
        if alternatives:
            parts = []
            for alt in alternatives:
                if alt.change_cost is None:
                    parts.append(f"{alt.person} (no room: {_fmt(alt.spare_hours)} h left)")
                else:
                    parts.append(f"{alt.person} (switching costs {alt.change_cost:g})")
            more = info.eligible - len(info.candidates)
            tail = f", and {more} more" if more > 0 else ""
            lines.append("Also eligible: " + "; ".join(parts) + tail + ".")
        elif assignment is not None:
            lines.append("Nobody else was eligible.")
        if info.refused:
            refused = ", ".join(f"{rule}: {count}" for rule, count in sorted(info.refused.items()))
            lines.append(f"Kept out as primary by rule: {refused}.")
        return " ".join(lines)

    def raci(
        self, *, accountable: str = "directie", group_accountable: str | None = None
    ) -> tuple[RaciRow, ...]:
        """A RACI matrix, one row per instance: R the primary, C the back-up, one A.

        Args:
            accountable: the person or role answerable for school tasks (directie by default).
            group_accountable: the one answerable for the group's own instances in a school
                group, for example the ICT policy team lead; ``accountable`` by default.

        A task nobody in the team takes gets as R a catalog role: ``external_firm``
        when it is to be outsourced, or when it is to be recruited the role its cluster
        suggests (as in :meth:`profiles`: ``tict`` for technical work, ``digicoach``
        for pedagogical, ``administrative_staff``, ``ict_policy_team``), with
        ``vacancy`` set.
        """
        rows = []
        for info in self.instances:
            assignment = self.assignments.get(info.key)
            party = accountable
            if info.school is None and group_accountable is not None:
                party = group_accountable
            vacancy = False
            consulted: tuple[str, ...] = ()
            if assignment is not None:
                responsible = assignment.primary
                if assignment.backup is not None:
                    consulted = (assignment.backup,)
            elif self.decisions[info.key].kind is DecisionKind.RECRUIT:
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
        return tuple(rows)

    def profiles(self) -> Mapping[str, ProfileSuggestion]:
        """A suggested role per person from the clusters of the tasks they carry as primary."""
        hours: dict[str, dict[Cluster, float]] = {person: {} for person in self.capacity}
        for info in self.instances:
            assignment = self.assignments.get(info.key)
            if assignment is not None:
                by_cluster = hours[assignment.primary]
                by_cluster[info.cluster] = by_cluster.get(info.cluster, 0.0) + info.hours
        return FrozenMap(
            {person: suggest_profile(person, by_cluster) for person, by_cluster in hours.items()}
        )

    def diff(self, other: Allocation) -> AllocationDiff:
        """What changed from this allocation to ``other`` (the later one), per person."""
        before_load, after_load = self.load, other.load
        people = list(self.capacity) + [p for p in other.capacity if p not in self.capacity]
        changes = []
        for person in people:
            gained = _held(other, person, primary=True) - _held(self, person, primary=True)
            lost = _held(self, person, primary=True) - _held(other, person, primary=True)
            gained_b = _held(other, person, primary=False) - _held(self, person, primary=False)
            lost_b = _held(self, person, primary=False) - _held(other, person, primary=False)
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
            newly_covered=tuple(sorted(set(other.assignments) - set(self.assignments))),
            newly_uncovered=tuple(sorted(set(self.assignments) - set(other.assignments))),
            objective_change=other.objective - self.objective,
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
        reason=f"carries {_fmt(total)} h: {carried}",
    )
