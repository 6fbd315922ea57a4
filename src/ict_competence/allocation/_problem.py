"""The allocation problem compiled for the solvers: indices, eligible pairs, values and weights.

Both solvers read this one structure, so they solve exactly the same problem whatever
rule set produced it. Pins and exclusions are checked here, once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ict_competence.allocation._model import AllocationError, Duty, Pin, task_instances
from ict_competence.allocation._numeric import EPS, NEAR_INTEGER
from ict_competence.allocation._reasons import Reason, ReasonKind
from ict_competence.allocation._rules import RuleSet
from ict_competence.errors import UnknownCodeError

if TYPE_CHECKING:
    from ict_competence.allocation._model import Exclusion, Person, TaskInstance, Team
    from ict_competence.catalog import TaskOverview

__all__ = ["Block", "Problem", "ceil_units", "floor_units", "penalty", "unit_scale"]

#: One school of a school group: its instance numbers and its people's numbers.
Block = tuple[list[int], list[int]]


def penalty(kinks: Sequence[tuple[float, float]], load: float) -> float:
    """The load terms' value at ``load``: minus the sum of per-hour costs above each threshold."""
    total = 0.0
    for threshold, per_hour in kinks:
        if load > threshold:
            total -= per_hour * (load - threshold)
    return total


def _near_integer(value: float) -> bool:
    return abs(value - round(value)) <= NEAR_INTEGER * max(1.0, abs(value))


def floor_units(value: float) -> int:
    """``value`` rounded down to a whole number, unless it is one up to float noise."""
    return round(value) if _near_integer(value) else math.floor(value)


def ceil_units(value: float) -> int:
    """``value`` rounded up to a whole number, unless it is one up to float noise."""
    return round(value) if _near_integer(value) else math.ceil(value)


def unit_scale(values: Iterable[float]) -> tuple[int, bool]:
    """The power of ten that makes every weight a whole number, and whether one exists."""
    values = list(values)
    for power in range(4):
        scale = 10**power
        if all(_near_integer(value * scale) for value in values):
            return scale, True
    return 100, False


class Problem:
    """Everything the solvers need, in lists indexed by person and instance numbers.

    Attributes:
        people, instances: the team's people and the task instances, in order.
        capacity: each person's hours.
        hours, backup_hours: each instance's hours as primary and as back-up.
        primary_value, backup_value: per person, instance number -> value, for every
            eligible, not excluded pair.
        primary_candidates, backup_candidates: per instance, eligible person numbers,
            best value first.
        refused: per instance, ``(person number, rule name, reason)`` for everyone in
            scope who may not be its primary.
        kinks: per person, the load terms' ``(threshold, per_hour)`` pairs.
        pinned_primary, pinned_backup: instance number -> person number.
        pinned_load: per person, the hours their pins take.
        scale: hours × scale are whole units for the knapsacks; ``exact`` says whether
            that is exact (otherwise weights are rounded, safely, per use).
    """

    def __init__(
        self,
        overview: TaskOverview,
        team: Team,
        rules: RuleSet,
        *,
        pins: Iterable[Pin] = (),
        exclusions: Iterable[Exclusion] = (),
    ) -> None:
        self.team = team
        self.rules = rules
        self.people: tuple[Person, ...] = team.people
        self.instances: tuple[TaskInstance, ...] = task_instances(overview, team)
        self.keys = tuple(instance.key for instance in self.instances)
        self.index = {key: t for t, key in enumerate(self.keys)}
        self.person_index = {person.id: p for p, person in enumerate(self.people)}
        n_people, n_instances = len(self.people), len(self.instances)
        self.capacity = [float(person.hours) for person in self.people]
        self.hours = [float(instance.hours) for instance in self.instances]
        self.backup_hours = [rules.backup_share * hours for hours in self.hours]
        self.kinks = [self._kinks(person) for person in self.people]
        excluded = self._exclusions(exclusions)
        self.primary_value: list[dict[int, float]] = [{} for _ in range(n_people)]
        self.backup_value: list[dict[int, float]] = [{} for _ in range(n_people)]
        self.primary_candidates: list[list[int]] = [[] for _ in range(n_instances)]
        self.backup_candidates: list[list[int]] = [[] for _ in range(n_instances)]
        self.refused: list[list[tuple[int, str, Reason]]] = [[] for _ in range(n_instances)]
        self._evaluate(excluded)
        self.pinned_primary: dict[int, int] = {}
        self.pinned_backup: dict[int, int] = {}
        self.pinned_load = [0.0] * n_people
        self._pin(pins, excluded)
        self.scale, self.exact = unit_scale(
            [*self.hours, *self.backup_hours, *self.capacity, *self.pinned_load]
        )

    # -- building ---------------------------------------------------------------------------

    def _kinks(self, person: Person) -> tuple[tuple[float, float], ...]:
        kinks: list[tuple[float, float]] = []
        for term in self.rules.load:
            for threshold, per_hour in term.penalties(person):
                if not (math.isfinite(threshold) and math.isfinite(per_hour)) or (
                    threshold < 0 or per_hour < 0
                ):
                    raise AllocationError(
                        f"load term {term.name!r} gave ({threshold!r}, {per_hour!r}) for "
                        f"person {person.id!r}; expected a threshold >= 0 and a cost >= 0",
                        rule=term.name,
                        person=person.id,
                    )
                if per_hour > 0:
                    kinks.append((float(threshold), float(per_hour)))
        return tuple(kinks)

    def _scope(self, instance: TaskInstance) -> list[int]:
        return [p for p, person in enumerate(self.people) if instance.open_to(person)]

    def _value(self, person: Person, instance: TaskInstance, duty: Duty) -> float:
        value: object = self.rules.score(person, instance, duty)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise AllocationError(
                f"the score terms of {self.rules.name!r} gave {value!r} for {person.id!r} as "
                f"{duty.value} on {instance.key!r}; expected a finite number",
                person=person.id,
                key=instance.key,
            )
        return float(value)

    def _evaluate(self, excluded: set[tuple[int, int]]) -> None:
        rules = self.rules
        by_school: dict[str | None, list[int]] = {}
        for t, instance in enumerate(self.instances):
            scope = by_school.get(instance.school)
            if scope is None:
                scope = by_school[instance.school] = self._scope(instance)
            primaries: list[tuple[float, int]] = []
            backups: list[tuple[float, int]] = []
            for p in scope:
                person = self.people[p]
                if (p, t) in excluded:
                    self.refused[t].append((p, "exclusion", Reason(ReasonKind.EXCLUDED)))
                    continue
                rule = rules.blocking(person, instance, Duty.PRIMARY)
                if rule is None:
                    value = self._value(person, instance, Duty.PRIMARY)
                    self.primary_value[p][t] = value
                    primaries.append((-value, p))
                else:
                    self.refused[t].append((p, rule.name, describe(rule, person, instance)))
                if rules.blocking(person, instance, Duty.BACKUP) is None:
                    value = self._value(person, instance, Duty.BACKUP)
                    self.backup_value[p][t] = value
                    backups.append((-value, p))
            self.primary_candidates[t] = [p for _, p in sorted(primaries)]
            self.backup_candidates[t] = [p for _, p in sorted(backups)]

    def resolve(self, key: str, person: int) -> int | None:
        """The instance number ``key`` means for ``person``: an instance key, or a task code."""
        t = self.index.get(key)
        if t is not None:
            return t
        school = self.people[person].school
        if self.team.is_group and school is not None:
            return self.index.get(f"{school}:{key}")
        return None

    def _person(self, person_id: str, what: str) -> int:
        p = self.person_index.get(person_id)
        if p is None:
            raise AllocationError(
                f"{what} names person {person_id!r}, who is not in the team",
                rule="team",
                person=person_id,
            )
        return p

    def _instance(self, key: str, p: int) -> int:
        t = self.resolve(key, p)
        if t is None:
            raise UnknownCodeError("task instance", key, self.keys)
        return t

    def _exclusions(self, exclusions: Iterable[Exclusion]) -> set[tuple[int, int]]:
        excluded: set[tuple[int, int]] = set()
        for exclusion in exclusions:
            p = self._person(exclusion.person, f"the exclusion from {exclusion.key!r}")
            excluded.add((p, self._instance(exclusion.key, p)))
        return excluded

    def _pin(self, pins: Iterable[Pin], excluded: set[tuple[int, int]]) -> None:
        pins = tuple(pins)
        for pin in pins:
            p = self._person(pin.person, f"the pin on {pin.key!r}")
            t = self._instance(pin.key, p)
            self._check_pin(pin, p, t, excluded)
            fixed = self.pinned_primary if pin.duty is Duty.PRIMARY else self.pinned_backup
            other = self.pinned_backup if pin.duty is Duty.PRIMARY else self.pinned_primary
            key = self.keys[t]
            if fixed.get(t, p) != p:
                holder = self.people[fixed[t]].id
                raise _pin_error(pin, key, "one per task", f"{holder} is pinned there already")
            if other.get(t) == p:
                raise _pin_error(
                    pin, key, "back-up is not the primary", "the same person is pinned as both"
                )
            if t not in fixed:
                fixed[t] = p
                hours = self.hours[t] if pin.duty is Duty.PRIMARY else self.backup_hours[t]
                self.pinned_load[p] += hours
        for t, p in self.pinned_backup.items():
            if t not in self.pinned_primary:
                pin = Pin(self.keys[t], self.people[p].id, Duty.BACKUP)
                raise _pin_error(
                    pin, self.keys[t], "back-up needs a primary", "pin a primary on it as well"
                )
        for p, load in enumerate(self.pinned_load):
            if load > self.capacity[p] + EPS:
                person = self.people[p]
                raise AllocationError(
                    f"the pins of {person.id} take {load:g} hours, more than their "
                    f"{person.hours:g}: breaks rule 'hours'",
                    rule="hours",
                    person=person.id,
                )

    def _check_pin(self, pin: Pin, p: int, t: int, excluded: set[tuple[int, int]]) -> None:
        person, instance = self.people[p], self.instances[t]
        if not instance.open_to(person):
            raise _pin_error(
                pin,
                instance.key,
                "school",
                f"it is open to the people of {instance.school} only, "
                f"and {person.id} works {_where(person)}",
            )
        if (p, t) in excluded:
            raise _pin_error(pin, instance.key, "exclusion", "the person is also excluded from it")
        rule = self.rules.blocking(person, instance, pin.duty)
        if rule is not None:
            reason = describe(rule, person, instance, pin.duty)
            raise _pin_error(pin, instance.key, rule.name, reason.error_text)

    # -- reading ----------------------------------------------------------------------------

    def penalty(self, p: int, load: float) -> float:
        """Person ``p``'s load terms at ``load`` hours (0 without load terms)."""
        kinks = self.kinks[p]
        return penalty(kinks, load) if kinks else 0.0

    def school_blocks(self) -> list[Block]:
        """Per school of a group: its instances and its people; last, the group's own instances.

        Empty for one school, where there is nothing to combine. The last block's people
        are none: the group's instances are open to everyone.
        """
        schools: dict[str, Block] = {}
        group: list[int] = []
        for t, instance in enumerate(self.instances):
            if instance.school is None:
                group.append(t)
            else:
                schools.setdefault(instance.school, ([], []))[0].append(t)
        if len(schools) < 2:
            return []
        for p, person in enumerate(self.people):
            if person.school in schools:
                schools[person.school][1].append(p)
        return [*schools.values(), (group, [])]

    def units(self, hours: float, *, up: bool) -> int:
        """``hours`` in knapsack units, rounded up or down when the scale is not exact."""
        return ceil_units(hours * self.scale) if up else floor_units(hours * self.scale)


def _where(person: Person) -> str:
    return f"at {person.school}" if person.school is not None else "for the whole group"


def describe(
    rule: object, person: Person, instance: TaskInstance, duty: Duty = Duty.PRIMARY
) -> Reason:
    """Why a rule refuses someone: its ``describe`` (a reason, or words of its own), or its name."""
    words = getattr(rule, "describe", None)
    if callable(words):
        said = words(person, instance, duty)
        return said if isinstance(said, Reason) else Reason.custom(str(said))
    return Reason(ReasonKind.REFUSED_BY_RULE, {"rule": str(getattr(rule, "name", rule))})


def _pin_error(pin: Pin, key: str, rule: str, detail: str) -> AllocationError:
    return AllocationError(
        f"pin of {pin.person} as {pin.duty.value} on {key} breaks rule {rule!r}: {detail}",
        rule=rule,
        person=pin.person,
        key=key,
    )
