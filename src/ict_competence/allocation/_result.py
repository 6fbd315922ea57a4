"""The result of an allocation: who does what, what is decided, and how to read and compare it.

Everything here is a plain frozen value of text, numbers, enums, tuples and mappings, so
an allocation round-trips through JSON and pickles for fan-out over many school groups.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

import attrs

from ict_competence._checks import (
    argument,
    at_least,
    finite,
    finite_non_negative,
    in_range,
    instance_of,
    mapping_of,
    non_blank,
    optional_of,
    tuple_of,
)
from ict_competence._display import html_fragment
from ict_competence._extras import Record
from ict_competence._frozen import FrozenMap, frozen_map
from ict_competence._lookup import index, lookup
from ict_competence.allocation import _readings, _records
from ict_competence.allocation._model import Assignment, Decision
from ict_competence.allocation._numeric import EPS
from ict_competence.allocation._readings import (
    AllocationDiff,
    ProfileSuggestion,
    fmt_hours,
)
from ict_competence.catalog import Cluster, Domain
from ict_competence.errors import FieldError
from ict_competence.text import count, summary

__all__ = [
    "Allocation",
    "Alternative",
    "Candidate",
    "Explanation",
    "InstanceInfo",
]


@attrs.frozen(kw_only=True)
class Candidate:
    """Someone who may be the primary of an instance, with what they bring to it.

    Its ``repr`` shows the id and the score, never the level or the motivation (an
    assessment of a person), as :class:`Person`'s does.

    Attributes:
        person: the person's id.
        level: their level in the task's domain.
        motivation: their motivation for the task's cluster.
        score: what they are worth on it as primary, under the rules used.

    >>> Candidate(person="p1", level=3, motivation=2, score=12.5)
    Candidate(person='p1', score=12.5)
    """

    person: str = attrs.field(validator=non_blank)
    # An assessment of a person: personal data, kept out of the repr as in Person.
    level: int = attrs.field(validator=in_range(0, 3), repr=False)
    motivation: int = attrs.field(validator=in_range(0, 3), repr=False)
    score: float = attrs.field(validator=finite)


#: A count per rule name: how many people a rule kept out.
_counts = mapping_of(str, at_least(0))
_optional_finite = attrs.validators.optional(finite)


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

    Its ``repr`` names the instance and counts its hours and candidates.
    """

    key: str = attrs.field(validator=non_blank)
    code: str = attrs.field(validator=non_blank)
    school: str | None = attrs.field(validator=optional_of(str))
    cluster: Cluster = attrs.field(validator=instance_of(Cluster))
    domain: Domain = attrs.field(validator=instance_of(Domain))
    strategic: bool = attrs.field(validator=instance_of(bool))
    required_level: int = attrs.field(validator=in_range(1, 3))
    hours: float = attrs.field(validator=finite_non_negative)
    backup_hours: float = attrs.field(validator=finite_non_negative)
    candidates: tuple[Candidate, ...] = attrs.field(default=(), validator=tuple_of(Candidate))
    eligible: int = attrs.field(default=0, validator=at_least(0))
    refused: Mapping[str, int] = attrs.field(
        factory=dict, converter=frozen_map, validator=_counts, hash=False
    )

    def __repr__(self) -> str:
        return summary(
            "InstanceInfo",
            self.key,
            f"{fmt_hours(self.hours)} h",
            count(len(self.candidates), "candidate"),
            f"{self.eligible} eligible",
        )


@attrs.frozen(kw_only=True)
class Alternative(Candidate):
    """Another person who could take an instance, and what switching to them would cost.

    As a :class:`Candidate`'s, its ``repr`` leaves out the level and the motivation.

    Attributes:
        person: their id.
        level, motivation: what they bring to the task.
        score: what they would be worth on it as primary.
        spare_hours: their hours left in this allocation.
        change_cost: the objective lost if they took it over and nothing else moved;
            ``None`` when they have no room for it without dropping other tasks.
    """

    spare_hours: float = attrs.field(validator=finite)
    change_cost: float | None = attrs.field(validator=_optional_finite)


@attrs.frozen(kw_only=True)
class Explanation:
    """Why an instance went to whom (or to nobody), in data, and in English words (``str()``).

    The data is what a page words in its own language (``ict_competence.renderers`` does);
    ``text`` says it in English, for the REPL. Its ``repr`` is short: the instance, its
    primary and back-up (ids) or the decision, and how many alternatives there are; the
    levels and motivation it holds are left to ``str()`` and the fields.

    Attributes:
        key: the instance key.
        primary, backup: who takes it and who backs them up (person ids), if anyone.
        chosen: the primary as a candidate: their level, motivation and value on it.
        alternatives: everyone else who may be its primary, with their room and what
            switching to them would cost.
        decision: recruit or outsource, with its reason, when nobody takes it.
        refused: per rule name, how many people it kept out as primary.
        instance: what the allocation knew of the instance: hours, domain, cluster, the
            level it needs, whether it is strategic, how many may take it.
        text: all of it in English.
    """

    key: str = attrs.field(validator=non_blank)
    primary: str | None = attrs.field(validator=optional_of(str))
    backup: str | None = attrs.field(validator=optional_of(str))
    chosen: Candidate | None = attrs.field(validator=optional_of(Candidate))
    alternatives: tuple[Alternative, ...] = attrs.field(validator=tuple_of(Alternative))
    decision: Decision | None = attrs.field(validator=optional_of(Decision))
    refused: Mapping[str, int] = attrs.field(converter=frozen_map, validator=_counts, hash=False)
    instance: InstanceInfo = attrs.field(validator=instance_of(InstanceInfo))
    text: str = attrs.field(validator=instance_of(str))

    def __repr__(self) -> str:
        if self.primary is not None:
            taken = [f"primary {self.primary}", f"back-up {self.backup or 'none'}"]
        else:
            taken = [self.decision.kind.value if self.decision is not None else "open"]
        return summary(
            "Explanation", self.key, *taken, count(len(self.alternatives), "alternative")
        )

    def __str__(self) -> str:
        return self.text


@attrs.frozen(kw_only=True)
class Allocation:
    """Who takes which task instance, what is decided for the rest, and how good that is.

    Every task instance is either in ``assignments`` or in ``decisions``, never both.
    Made by :func:`ict_competence.allocation.allocate`.

    Attributes:
        assignments: instance key -> primary and back-up (person ids).
        decisions: instance key -> recruit or outsource, with the reason (a
            :class:`~ict_competence.allocation.Reason`: a kind and its parameters, which
            the renderers word).
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

    assignments: Mapping[str, Assignment] = attrs.field(
        converter=frozen_map, validator=mapping_of(str, instance_of(Assignment)), hash=False
    )
    decisions: Mapping[str, Decision] = attrs.field(
        converter=frozen_map, validator=mapping_of(str, instance_of(Decision)), hash=False
    )
    objective: float = attrs.field(validator=finite)
    bound: float | None = attrs.field(default=None, validator=_optional_finite)
    gap: float | None = attrs.field(default=None, validator=_optional_finite)
    proven: bool = attrs.field(default=False, validator=instance_of(bool))
    solver: str = attrs.field(default="heuristic", validator=non_blank)
    rules: str = attrs.field(default="default", validator=non_blank)
    instances: tuple[InstanceInfo, ...] = attrs.field(default=(), validator=tuple_of(InstanceInfo))
    capacity: Mapping[str, float] = attrs.field(
        factory=dict,
        converter=frozen_map,
        validator=mapping_of(str, finite_non_negative),
        hash=False,
    )

    def __repr__(self) -> str:
        gap = "gap unknown" if self.gap is None else f"gap {self.gap:.2%}"
        return summary(
            "Allocation",
            f"{len(self.assignments)} assigned",
            f"{len(self.decisions)} decided",
            f"objective {self.objective:g}",
            "proven" if self.proven else gap,
            self.solver,
        )

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

    @cached_property
    def load(self) -> Mapping[str, float]:
        """Person id -> hours used (primary hours plus back-up hours), for everyone.

        Worked out once per allocation (it is frozen): a page explains every instance.
        """
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
                    **attrs.asdict(candidate, recurse=False), spare_hours=spare, change_cost=cost
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
            instance=info,
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
            lines.append(f"{info.key}: {assignment.primary} takes it ({fmt_hours(info.hours)} h).")
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
            lines.append(f"{info.key}: {decision.kind.value}. {decision.text}")
        if alternatives:
            parts = []
            for alt in alternatives:
                if alt.change_cost is None:
                    parts.append(f"{alt.person} (no room: {fmt_hours(alt.spare_hours)} h left)")
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
    ) -> _readings.RaciMatrix:
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
        for name, party in (("accountable", accountable), ("group_accountable", group_accountable)):
            if (party is not None or name == "accountable") and not (
                isinstance(party, str) and party.strip()
            ):
                raise FieldError(name, f"expected a role or person (text), found {party!r}")
        group_party = accountable if group_accountable is None else group_accountable
        return _readings.raci_rows(self, accountable, group_party)

    def profiles(self) -> Mapping[str, ProfileSuggestion]:
        """A suggested role per person from the clusters of the tasks they carry as primary."""
        return _readings.profiles(self)

    def diff(self, other: Allocation) -> AllocationDiff:
        """What changed from this allocation to ``other`` (the later one), per person."""
        argument("other", other, Allocation)
        return _readings.diff(self, other)

    # -- notebooks and data tools -------------------------------------------------------------

    def _repr_html_(self) -> str:
        return html_fragment(self)

    def to_records(self) -> list[Record]:
        """One plain, JSON-safe row per task instance, in the allocation's order.

        Keys: ``key``, ``task`` (its code), ``school`` (``None`` for the group's own),
        ``cluster``, ``domain``, ``strategic``, ``required_level``, ``hours``,
        ``backup_hours``, ``eligible`` (how many may be its primary), ``primary`` and
        ``backup`` (person ids or ``None``) and ``decision`` (``"recruit"``, ``"outsource"``
        or ``None``). The RACI matrix has records of its own: ``raci().to_records()``.
        """
        return _records.allocation_records(self)

    def to_dataframe(self) -> Any:  # noqa: ANN401 - a pandas.DataFrame; pandas has no types
        """The records of :meth:`to_records` as a ``pandas.DataFrame``, one row per instance.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ict-competence[pandas]'``).
        """
        return _records.allocation_dataframe(self)
