"""The inputs of an allocation: people, teams, task instances, pins and exclusions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import attrgetter
from typing import Any, cast

import attrs

from ict_competence._checks import (
    argument,
    as_tuple,
    finite_non_negative,
    instance_of,
    shown,
    tuple_of,
    unique,
    values_in_range,
    wrong_type,
)
from ict_competence._display import html_fragment
from ict_competence._extras import Record
from ict_competence._frozen import frozen_map
from ict_competence._lookup import Indexed
from ict_competence.allocation import _records
from ict_competence.allocation._reasons import Decision, DecisionKind
from ict_competence.catalog import Cluster, Domain, Scope, Task, TaskOverview

# AllocationError lives in errors.py with every other exception; it is imported here too
# because the solver modules import it from this module.
from ict_competence.errors import AllocationError, FieldError
from ict_competence.text import Coded, count, summary

__all__ = [
    "AllocationError",
    "Assignment",
    "Decision",
    "DecisionKind",
    "Duty",
    "Exclusion",
    "Person",
    "Pin",
    "TaskInstance",
    "Team",
    "task_instances",
]


def _identifier(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        # Text is shown (an id, or blank); anything else by its type: it may hold a name.
        found = shown(value, private=not isinstance(value, str))
        raise FieldError(
            attribute.name, f"expected non-empty text without surrounding spaces, found {found}"
        )


def _school_name(value: object, field: str) -> None:
    if not isinstance(value, str) or not value.strip() or value != value.strip() or ":" in value:
        raise FieldError(
            field,
            f"expected a school name (non-empty, no surrounding spaces, no ':'), found {value!r}",
        )


def _optional_school(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _school_name(value, attribute.name)


def _optional_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        # A name given as something else is still a name: only its type is shown.
        raise FieldError(
            attribute.name, f"expected text or nothing, found {shown(value, private=True)}"
        )


@attrs.frozen(kw_only=True)
class Person:
    """A member of the (ICT) team: what they can do, what they want to do, and their hours.

    Attributes:
        id: a stable identifier, unique in the team; assignments refer to it.
        hours: hours a year the person has for ICT-coordination tasks (>= 0).
        levels: competence level per domain: 0 none, 1 basic, 2 competent, 3 expert.
            A domain left out counts as 0.
        motivation: willingness per task cluster: 0 not willing … 3 very motivated.
            A cluster left out counts as 0.
        school: the school the person works in; ``None`` for someone who works for the
            whole school group (or when the team is one school).
        name: the person's name. Personal data: optional, never shown in ``repr`` and
            never used by the allocation itself.

    >>> p = Person(
    ...     id="p1", hours=40, levels={Domain.TECHNICAL: 3}, motivation={Cluster.TECHNICAL: 2}
    ... )
    >>> p.level(Domain.TECHNICAL), p.level(Domain.POLICY), p.motivation_for(Cluster.TECHNICAL)
    (3, 0, 2)
    >>> Person(id="p2", hours=-1, levels={}, motivation={})
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: hours: expected a finite number >= 0, found -1
    """

    id: str = attrs.field(validator=_identifier)
    hours: float = attrs.field(validator=finite_non_negative)
    levels: Mapping[Domain, int] = attrs.field(
        converter=frozen_map,
        validator=values_in_range(0, 3, tuple(Domain)),
        hash=False,
        repr=False,  # an assessment of a person: personal data, kept out of logs
    )
    motivation: Mapping[Cluster, int] = attrs.field(
        converter=frozen_map,
        validator=values_in_range(0, 3, tuple(Cluster)),
        hash=False,
        repr=False,
    )
    school: str | None = attrs.field(default=None, validator=_optional_school)
    name: str | None = attrs.field(default=None, repr=False, validator=_optional_text)

    def level(self, domain: Domain) -> int:
        """The person's level in ``domain`` (0 when not given).

        Raises:
            FieldError: ``domain`` is no Domain (text such as ``"technical"`` would
                otherwise read as a level of 0).
        """
        if domain.__class__ is not Domain:
            raise wrong_type("domain", domain, Domain)
        return self.levels.get(domain, 0)

    def motivation_for(self, cluster: Cluster) -> int:
        """The person's motivation for tasks of ``cluster`` (0 when not given).

        Raises:
            FieldError: ``cluster`` is no Cluster.
        """
        if cluster.__class__ is not Cluster:
            raise wrong_type("cluster", cluster, Cluster)
        return self.motivation.get(cluster, 0)


def _people(value: Iterable[Person]) -> tuple[Person, ...]:
    # Typed for the constructor's signature; what is no list is left for the validator.
    return cast("tuple[Person, ...]", as_tuple(value))


def _schools(value: Iterable[str]) -> tuple[str, ...]:
    return cast("tuple[str, ...]", as_tuple(value))


@attrs.frozen
class Team(Indexed):
    """The people among whom the tasks are divided: one school's team, or a school group's.

    With more than one school in ``schools`` the team is a school group: tasks the
    overview scopes to the group are one instance open to everyone, every other task is
    one instance per school, open to that school's people. A person without a school
    works for the whole group and can take only the group's instances.

    Attributes:
        people: the team members, with unique ids.
        schools: the schools of a school group; empty (or one) for a single school.

    >>> team = Team((Person(id="a", hours=10, levels={}, motivation={}, school="s1"),), ("s1",))
    >>> team.person("a").hours, team.is_group
    (10, False)
    >>> Team((Person(id="a", hours=10, levels={}, motivation={}, school="s9"),), ("s1", "s2"))
    Traceback (most recent call last):
    ...
    ict_competence.errors.FieldError: people[0].school: 's9' is not one of the team's schools
    """

    people: tuple[Person, ...] = attrs.field(converter=_people)
    schools: tuple[str, ...] = attrs.field(
        default=(), converter=_schools, validator=[tuple_of(str), unique()]
    )

    def __repr__(self) -> str:
        return summary(
            "Team", count(len(self.people), "person", "people"), count(len(self.schools), "school")
        )

    @people.validator
    def _are_people(self, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
        if not isinstance(value, tuple):
            raise FieldError(attribute.name, f"expected a tuple of Persons, found {value!r}")
        for i, person in enumerate(value):
            if not isinstance(person, Person):
                raise FieldError(f"{attribute.name}[{i}]", f"expected a Person, found {person!r}")
        unique(lambda person: person.id)(self, attribute, value)

    @schools.validator
    def _people_in_schools(self, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        for i, school in enumerate(value):
            _school_name(school, f"{attribute.name}[{i}]")
        if not value:
            return
        for i, person in enumerate(self.people):
            if person.school is not None and person.school not in value:
                raise FieldError(
                    f"people[{i}].school", f"{person.school!r} is not one of the team's schools"
                )

    @property
    def is_group(self) -> bool:
        """Whether the team is a school group (more than one school)."""
        return len(self.schools) > 1

    @property
    def ids(self) -> tuple[str, ...]:
        """The people's ids, in order."""
        return tuple(person.id for person in self.people)

    def person(self, person_id: str) -> Person:
        """The team member with this id.

        Raises:
            UnknownCodeError: no one in the team has it; the error lists the ids (never a
                name: ids are pseudonymous, names are personal data).
        """
        return self._find("person", self.people, person_id, attrgetter("id"))

    # -- notebooks and data tools -------------------------------------------------------------

    def _repr_html_(self) -> str:
        return html_fragment(self)

    def to_records(self, *, names: bool = False) -> list[Record]:
        """One plain, JSON-safe row per person, in the team's order.

        Keys: ``id``, ``school`` (``None`` for group staff), ``hours``, ``level_<domain>``
        per competence domain and ``motivation_<cluster>`` per cluster (0 when not given).
        A person's ``name`` follows ``id`` only with ``names=True``: a name is personal data.

        >>> team = Team((Person(id="p1", hours=40, levels={}, motivation={}, name="Ann"),))
        >>> [list(row.items())[:3] for row in team.to_records()]
        [[('id', 'p1'), ('school', None), ('hours', 40.0)]]
        >>> team.to_records(names=True)[0]["name"]
        'Ann'
        """
        return _records.team_records(self, names=names)

    def to_dataframe(self, *, names: bool = False) -> Any:  # noqa: ANN401 - a pandas.DataFrame
        """The records of :meth:`to_records` as a ``pandas.DataFrame``, one row per person.

        Raises:
            MissingExtraError: pandas is not installed (``pip install 'ict-competence[pandas]'``).
        """
        return _records.team_dataframe(self, names=names)


@attrs.frozen(kw_only=True)
class TaskInstance:
    """One task to be done by one person: a task of the overview, in a school or for the group.

    Attributes:
        key: the task's code, or ``"<school>:<code>"`` for a school's own instance in a
            school group.
        task: the catalog task.
        hours: the hours a year the overview budgets for it.
        school: the school whose people may take it; ``None`` when everyone may.
    """

    key: str = attrs.field(validator=_identifier)
    task: Task = attrs.field(validator=instance_of(Task))
    hours: float = attrs.field(validator=finite_non_negative)
    school: str | None = attrs.field(default=None, validator=_optional_school)

    @property
    def code(self) -> str:
        """The task's code."""
        return self.task.code

    def open_to(self, person: Person) -> bool:
        """Whether ``person`` may take it at all: it is their school's, or everyone's."""
        if person.__class__ is not Person:
            raise wrong_type("person", person, Person)
        return self.school is None or person.school == self.school


def task_instances(overview: TaskOverview, team: Team) -> tuple[TaskInstance, ...]:
    """The task instances to divide: every task the overview keeps, per school where needed.

    A task counts when its choice is active: it applies and is not dropped (a dropped
    task is one the school decided not to do, so it needs neither a person nor a
    decision). In a school group, a task scoped to the group is one instance keyed by
    its code; any other task is one instance per school, keyed ``"<school>:<code>"``.

    >>> from ict_competence import load_catalog
    >>> overview = load_catalog().overview()
    >>> one = task_instances(overview, Team(()))
    >>> [instance.key for instance in one] == [choice.code for choice in overview.active()]
    True
    >>> group = task_instances(overview, Team((), ("north", "south")))
    >>> len(group) >= len(one), {i.school for i in group} <= {None, "north", "south"}
    (True, True)
    """
    argument("overview", overview, TaskOverview)
    argument("team", team, Team)
    instances: list[TaskInstance] = []
    for choice in overview.active():
        if team.is_group and choice.scope is not Scope.SCHOOL_GROUP:
            instances.extend(
                TaskInstance(
                    key=f"{school}:{choice.code}",
                    task=choice.task,
                    hours=choice.hours_per_year,
                    school=school,
                )
                for school in team.schools
            )
        else:
            instances.append(
                TaskInstance(key=choice.code, task=choice.task, hours=choice.hours_per_year)
            )
    return tuple(instances)


class Duty(Coded):
    """What a person does on a task instance: carry it (primary) or stand in (back-up)."""

    PRIMARY = "primary"
    BACKUP = "backup"


def _optional_identifier(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _identifier(instance, attribute, value)


@attrs.frozen
class Assignment:
    """Who carries a task instance, and who backs them up: person ids, never Person objects.

    >>> Assignment("p1", "p2")
    Assignment(primary='p1', backup='p2')
    """

    primary: str = attrs.field(validator=_identifier)
    backup: str | None = attrs.field(default=None, validator=_optional_identifier)

    @backup.validator
    def _not_the_primary(self, attribute: attrs.Attribute[Any], value: str | None) -> None:
        if value is not None and value == self.primary:
            raise FieldError(attribute.name, "the back-up must be someone other than the primary")


@attrs.frozen
class Pin:
    """A choice the team made in consultation: this person keeps this task (as primary or back-up).

    Attributes:
        key: the task instance's key, or a task code (in a school group: the instance of
            the person's school, or the group's instance).
        person: the person's id.
        duty: primary (the default) or back-up. A back-up pin needs a primary pin on the
            same instance.
    """

    key: str = attrs.field(validator=_identifier)
    person: str = attrs.field(validator=_identifier)
    duty: Duty = attrs.field(default=Duty.PRIMARY, validator=instance_of(Duty))


@attrs.frozen
class Exclusion:
    """A person who must not get a task, neither as primary nor as back-up.

    Attributes:
        key: the task instance's key, or a task code (every instance of that task).
        person: the person's id.
    """

    key: str = attrs.field(validator=_identifier)
    person: str = attrs.field(validator=_identifier)
